// The whole bundle is fetched once the server has written it: a missing file is
// asked for again, anything else wrong is said at once, and the map gives up.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  GIVE_UP_AFTER_MS,
  fetchWhenBuilt,
  retryDelay,
} from "../../geo/maplayer/assets/whole_bundle.js";

// A server that answers `statuses` in turn, then the bundle.
function server(statuses) {
  const asked = [];
  const fetchFile = async (url) => {
    asked.push(url);
    const status = asked.length <= statuses.length ? statuses[asked.length - 1] : 200;
    return { ok: status === 200, status, json: async () => ({ whole: true }) };
  };
  return { asked, fetchFile };
}

test("a bundle not written yet is asked for again until it is", async () => {
  const { asked, fetchFile } = server([404, 404, 404]);
  const waits = [];

  const bundle = await fetchWhenBuilt("/whole.json", {
    fetchFile,
    wait: async (milliseconds) => waits.push(milliseconds),
  });

  assert.deepEqual(bundle, { whole: true });
  assert.equal(asked.length, 4);
  assert.deepEqual(waits, [250, 500, 1000]);
});

test("a refusal or a server error is not asked for again", async () => {
  for (const status of [403, 500]) {
    const { asked, fetchFile } = server([status]);
    await assert.rejects(
      fetchWhenBuilt("/whole.json", { fetchFile, wait: async () => {} }),
      new RegExp(`other days \\(${status}\\)`),
    );
    assert.equal(asked.length, 1);
  }
});

test("the map stops asking after five minutes", async () => {
  const { asked, fetchFile } = server(Array(10000).fill(404));
  let waited = 0;

  await assert.rejects(
    fetchWhenBuilt("/whole.json", {
      fetchFile,
      wait: async (milliseconds) => {
        waited += milliseconds;
      },
    }),
    /other days \(404\)/,
  );
  assert.ok(waited >= GIVE_UP_AFTER_MS && waited <= GIVE_UP_AFTER_MS + 1000, waited);
  assert.ok(asked.length < GIVE_UP_AFTER_MS / 1000 + 4, asked.length);
});

test("waits grow from a quarter second to one second", () => {
  assert.deepEqual([0, 1, 2, 3, 10].map(retryDelay), [250, 500, 1000, 1000, 1000]);
});
