// The map page's timeline control (ui/assets/timeline.js): the calendar slider's
// report days, ◀ ▶ and Play's pacing.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  MOVES_PER_SECOND,
  REPORT_PAUSE_MS,
  boundedIndex,
  nextReport,
  playStep,
  previousReport,
  reportNote,
  reportOnOrBefore,
} from "../../ui/assets/timeline.js";

// A calendar of 20 days with reports on days 2, 3, 9 and 15.
const REPORTS = [2, 3, 9, 15];
const LAST = 19;
const LABELS = Array.from({ length: LAST + 1 }, (_, day) => `${day + 1} Aug 2017`);

// Every day Play shows from `start` to the end, with how long it stays on each.
function playThrough(start, daysPerSecond) {
  const shown = [];
  let index = start;
  while (index < LAST) {
    const { next, waitMs } = playStep(index, REPORTS, LAST, daysPerSecond);
    shown.push({ index, waitMs });
    index = next;
  }
  return shown;
}

test("the slider stays on the timeline's days", () => {
  assert.equal(boundedIndex(-1, 5), 0);
  assert.equal(boundedIndex(2, 5), 2);
  assert.equal(boundedIndex(5, 5), 4);
});

test("a day between reports shows the latest report day on or before it", () => {
  assert.equal(reportOnOrBefore(9, REPORTS), 9);
  assert.equal(reportOnOrBefore(14, REPORTS), 9);
  assert.equal(reportOnOrBefore(LAST, REPORTS), 15);
  assert.equal(reportOnOrBefore(1, REPORTS), null);
});

test("◀ and ▶ land on the report days either side, from any day", () => {
  assert.equal(previousReport(9, REPORTS), 3);
  assert.equal(nextReport(9, REPORTS), 15);
  assert.equal(previousReport(12, REPORTS), 9);
  assert.equal(nextReport(12, REPORTS), 15);
  assert.equal(nextReport(0, REPORTS), 2);
});

test("◀ and ▶ have nowhere to go past the first and last report days", () => {
  assert.equal(previousReport(2, REPORTS), null);
  assert.equal(previousReport(0, REPORTS), null);
  assert.equal(nextReport(15, REPORTS), null);
  assert.equal(nextReport(LAST, REPORTS), null);
});

test("the line under the day says whether reports came that day", () => {
  assert.equal(reportNote(9, REPORTS, LABELS), "report day");
  assert.equal(reportNote(12, REPORTS, LABELS), "latest report 10 Aug 2017");
  assert.equal(reportNote(0, REPORTS, LABELS), "before the first report");
});

test("Play at one day a second shows every day, one second each", () => {
  const shown = playThrough(4, 1);

  assert.deepEqual(
    shown.map(({ index }) => index),
    [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18],
  );
  assert.ok(shown.every(({ waitMs }) => waitMs === 1000));
});

test("Play stops on every report day, long enough to read it, at any speed", () => {
  for (const daysPerSecond of [1, 7, 30, 365]) {
    const shown = playThrough(0, daysPerSecond);
    const reportsShown = shown.filter(({ index }) => REPORTS.includes(index));

    assert.deepEqual(
      reportsShown.map(({ index }) => index),
      REPORTS,
      `${daysPerSecond} days/s`,
    );
    assert.ok(reportsShown.every(({ waitMs }) => waitMs >= REPORT_PAUSE_MS));
  }
});

test("between report days Play keeps to its speed", () => {
  // Reports on the first day and 61 days later: two months without any.
  const reports = [0, 61];
  for (const daysPerSecond of [1, 7, 30]) {
    let index = playStep(0, reports, 61, daysPerSecond).next;
    let quietMs = 0;
    while (index < 61) {
      const step = playStep(index, reports, 61, daysPerSecond);
      quietMs += step.waitMs;
      index = step.next;
    }
    const firstQuietDay = playStep(0, reports, 61, daysPerSecond).next;
    const nominalMs = ((61 - firstQuietDay) * 1000) / daysPerSecond;

    assert.ok(Math.abs(quietMs - nominalMs) / nominalMs < 0.1, `${daysPerSecond}`);
  }
});

test("fast Play moves several days at once instead of flooding the page", () => {
  const month = playThrough(0, 30);

  assert.ok(month.every(({ waitMs }) => waitMs >= 1000 / MOVES_PER_SECOND));
  assert.ok(month.length < LAST);
});

test("Play ends on the last day, however fast", () => {
  for (const daysPerSecond of [1, 7, 30, 365]) {
    const shown = playThrough(REPORTS.at(-1), daysPerSecond);
    const { next } = playStep(shown.at(-1).index, REPORTS, LAST, daysPerSecond);

    assert.equal(next, LAST);
  }
});
