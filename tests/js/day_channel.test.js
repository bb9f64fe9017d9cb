// The day channel from the page's timeline to the map's frame
// (geo/maplayer/assets/day_channel.js): which messages it takes, and which
// views it paints when the reader's days and the server's views cross.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  dayChannel,
  dayFromMessage,
  dayMessage,
  listenForDays,
} from "../../geo/maplayer/assets/day_channel.js";
import { dayMessage as timelineMessage } from "../../ui/assets/timeline.js";

const ORIGIN = "http://127.0.0.1:8501";
const PAGE = { name: "the page around the map" };

function event(data, { source = PAGE, origin = ORIGIN } = {}) {
  return { data, source, origin };
}

test("the map reads the day the timeline posts", () => {
  assert.equal(
    dayFromMessage(event(timelineMessage("2017-08-02")), PAGE, ORIGIN),
    "2017-08-02",
  );
  assert.deepEqual(timelineMessage("2017-08-02"), dayMessage("2017-08-02"));
});

test("a day from another window or origin is refused", () => {
  const message = dayMessage("2017-08-02");
  const stranger = { name: "another frame" };
  assert.equal(
    dayFromMessage(event(message, { source: stranger }), PAGE, ORIGIN),
    null,
  );
  assert.equal(
    dayFromMessage(event(message, { origin: "https://evil.example" }), PAGE, ORIGIN),
    null,
  );
});

test("a message of another shape or version is refused", () => {
  const refused = [
    null,
    "frontline:day",
    ["frontline:day", 1, "2017-08-02"],
    { type: "frontline:day", day: "2017-08-02" },
    { type: "frontline:day", version: 2, day: "2017-08-02" },
    { type: "frontline:days", version: 1, day: "2017-08-02" },
    { type: "frontline:day", version: 1, day: 20170802 },
    { type: "frontline:day", version: 1, day: "<img src=x onerror=alert(1)>" },
    { type: "frontline:day", version: 1, day: "2017-08-02", selected: "d1" },
  ];
  for (const data of refused) {
    assert.equal(dayFromMessage(event(data), PAGE, ORIGIN), null, JSON.stringify(data));
  }
});

function recordingChannel(firstView) {
  const painted = [];
  let shown = firstView;
  const channel = dayChannel(
    (view) => {
      painted.push(view);
      shown = view;
    },
    () => shown,
  );
  return { channel, painted };
}

const VIEW = { day: "2017-08-01", selected: "", changed: [], events: false };

test("the reader's day is painted at once, the rest of the view kept", () => {
  const { channel, painted } = recordingChannel(VIEW);
  channel.fromReader("2017-08-02");
  assert.deepEqual(painted, [{ ...VIEW, day: "2017-08-02" }]);
});

test("the server's view of the day already shown paints nothing again", () => {
  const { channel, painted } = recordingChannel(VIEW);
  channel.fromReader("2017-08-02");
  channel.fromServer({ ...VIEW, day: "2017-08-02" });
  assert.equal(painted.length, 1);
});

test("the server's older days do not move the map back", () => {
  const { channel, painted } = recordingChannel(VIEW);
  channel.fromReader("2017-08-02");
  channel.fromReader("2017-08-03");
  channel.fromServer({ ...VIEW, day: "2017-08-02" });
  assert.deepEqual(
    painted.map((view) => view.day),
    ["2017-08-02", "2017-08-03"],
  );
  // The server's view of the reader's day still brings what only it knows.
  channel.fromServer({ ...VIEW, day: "2017-08-03", changed: ["d1"] });
  assert.deepEqual(painted.at(-1), { ...VIEW, day: "2017-08-03", changed: ["d1"] });
  // Once caught up, the server's views are painted as before.
  channel.fromServer({ ...VIEW, day: "2017-08-01" });
  assert.equal(painted.at(-1).day, "2017-08-01");
});

test("the map's frame listens only to its own page", () => {
  const listeners = [];
  const frame = {
    parent: PAGE,
    location: { origin: ORIGIN },
    addEventListener: (type, listener) => listeners.push({ type, listener }),
  };
  const days = [];
  listenForDays(frame, (day) => days.push(day));
  assert.deepEqual(
    listeners.map(({ type }) => type),
    ["message"],
  );
  const [{ listener }] = listeners;
  listener(event(dayMessage("2017-08-05")));
  listener(event(dayMessage("2017-08-06"), { source: { name: "an ad" } }));
  listener(event({ type: "frontline:day", version: 1 }));
  assert.deepEqual(days, ["2017-08-05"]);
});
