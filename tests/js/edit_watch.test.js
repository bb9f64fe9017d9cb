// The open map's edit watch (ui/assets/edit_watch.js): which answers of the
// route wake the page, and a watch that asks each second and wakes once per change.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { changeAddress, startWatch, verdict } from "../../ui/assets/edit_watch.js";

test("the route's address carries the city's name, escaped", () => {
  const address = changeAddress("frontline/change", "Deir ez-Zor & co", "http://h/a/");
  assert.equal(address.href, "http://h/a/frontline/change?city=Deir+ez-Zor+%26+co");
});

test("a new number wakes the page once; the drawn one or one woken waits", () => {
  assert.equal(verdict(12, 11, null), "wake");
  assert.equal(verdict(11, 11, null), "wait");
  assert.equal(verdict(12, 11, 12), "wait");
  assert.equal(verdict(13, 11, 12), "wake");
});

test("an answer without a number (no route, a private desk) wakes every time", () => {
  assert.equal(verdict(null, 11, null), "every time");
  assert.equal(verdict(undefined, 11, null), "every time");
  assert.equal(verdict("12", 11, null), "every time");
});

async function secondsPass(count) {
  for (let second = 0; second < count; second += 1) {
    mock.timers.tick(1000);
    for (let turn = 0; turn < 5; turn += 1) {
      await Promise.resolve();
    }
  }
}

test("the watch asks each second, wakes once per change, and stops", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  const answers = [4, 5, 5, 6, 6];
  const asked = [];
  const woken = [];
  const watch = startWatch({
    address: "frontline/change?city=Raqqa",
    drawn: 4,
    seconds: 1,
    changeNumber: async (address) => {
      asked.push(address);
      return answers[asked.length - 1];
    },
    wake: (change) => woken.push(change),
  });
  try {
    await secondsPass(3);
    assert.deepEqual(woken, [5]);
    watch.update(5, (change) => woken.push(change));
    await secondsPass(2);
    assert.deepEqual(woken, [5, 6]);
    watch.stop();
    await secondsPass(3);
    assert.equal(asked.length, 5);
  } finally {
    mock.timers.reset();
  }
});

test("a server that cannot be reached is asked again, without waking", async () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  let calls = 0;
  const woken = [];
  const watch = startWatch({
    address: "frontline/change?city=Raqqa",
    drawn: 4,
    seconds: 1,
    changeNumber: async () => {
      calls += 1;
      if (calls < 3) {
        throw new TypeError("Failed to fetch");
      }
      return 7;
    },
    wake: (change) => woken.push(change),
  });
  try {
    await secondsPass(3);
    assert.equal(calls, 3);
    assert.deepEqual(woken, [7]);
  } finally {
    watch.stop();
    mock.timers.reset();
  }
});
