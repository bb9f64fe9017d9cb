// The map page's timeline control (ui/assets/timeline.js): the calendar slider's
// report days, ◀ ▶ and Play's pacing.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  MONTH_NAME_ROOM_PX,
  MOVES_PER_SECOND,
  REPORT_PAUSE_MS,
  boundedIndex,
  marksRunTogether,
  monthNameStride,
  namesMonth,
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

// The month starts (ISO days) of the months from `first` (YYYY-MM) for `count` months.
function monthStarts(firstYear, firstMonth, count) {
  return Array.from({ length: count }, (_, offset) => {
    const months = firstYear * 12 + firstMonth - 1 + offset;
    const month = String((months % 12) + 1).padStart(2, "0");
    return `${Math.floor(months / 12)}-${month}-01`;
  });
}

test("a battle of a few months names every month, on a phone too", () => {
  // Raqqa: 141 days on a laptop's track and on a phone's.
  assert.equal(monthNameStride(141, 600), 1);
  assert.equal(monthNameStride(141, 320), 1);
});

test("a three-year war names quarters on a laptop and half years on a phone", () => {
  const days = 1100;
  const starts = monthStarts(2030, 1, 36);
  const laptop = monthNameStride(days, 600);
  const phone = monthNameStride(days, 320);
  const named = (stride) => starts.filter((day) => namesMonth(day, stride));

  assert.equal(laptop, 3);
  assert.deepEqual(named(laptop).slice(0, 5), [
    "2030-01-01",
    "2030-04-01",
    "2030-07-01",
    "2030-10-01",
    "2031-01-01",
  ]);
  assert.equal(phone, 6);
  assert.deepEqual(named(phone).slice(0, 3), [
    "2030-01-01",
    "2030-07-01",
    "2031-01-01",
  ]);
});

test("named months are never closer than a name needs", () => {
  for (const days of [30, 141, 365, 1100, 3650, 36500]) {
    for (const width of [200, 320, 600, 1200]) {
      const stride = monthNameStride(days, width);
      const shortestGapPx = (stride * 28 * width) / (days - 1);
      assert.ok(
        shortestGapPx >= MONTH_NAME_ROOM_PX || stride === 120,
        `${days} days on ${width} px: every ${stride} months, ${shortestGapPx} px`,
      );
    }
  }
});

test("a decade names every second January, two decades every fifth", () => {
  const starts = monthStarts(2000, 1, 240);
  const decade = monthNameStride(3653, 320);
  const twoDecades = monthNameStride(7305, 320);

  assert.equal(decade, 24);
  assert.deepEqual(
    starts.filter((day) => namesMonth(day, decade)).slice(0, 3),
    ["2000-01-01", "2002-01-01", "2004-01-01"],
  );
  assert.equal(twoDecades, 60);
});


test("report marks run together only when there are more than fit apart", () => {
  // Raqqa: 53 report days on a laptop's and a phone's track.
  assert.equal(marksRunTogether(53, 600), false);
  assert.equal(marksRunTogether(53, 320), false);
  // A war reported every day for three years.
  assert.equal(marksRunTogether(1100, 600), true);
  assert.equal(marksRunTogether(1100, 5000), false);
});
