// An edit's patch applied to the tiny city's bundle: the touched district reads
// its new state and reports, every other district reads what it read before.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  reportAt,
  stateAt,
  stateIndexOn,
  withOwnLookups,
} from "../../geo/maplayer/assets/contract.js";
import {
  applyPatch,
  takeWholeTimeline,
} from "../../geo/maplayer/assets/patches.js";

const fixture = (name) =>
  JSON.parse(
    readFileSync(new URL(`../maplayer/${name}`, import.meta.url), "utf-8"),
  );
const freshBundle = () => withOwnLookups(fixture("tiny_city_bundle.json"));
// The first bundle of 5 Jan 2020 (tests/maplayer/tiny_city.py, FIRST_DAY).
const firstBundle = () => withOwnLookups(fixture("tiny_city_first_day.json"));

// East held by one side from 3 Jan, then disputed from 7 Jan by a denied report.
const PATCH = {
  change: 12,
  text: [
    "Held by Blue",
    "Disputed",
    "Patch source",
    "media",
    "claim",
    "held by Blue",
    "A note",
    "https://example.org/p",
  ],
  reports: {
    day: ["2020-01-03", "2020-01-07"],
    source: [2, 2],
    source_type: [3, 3],
    kind: [4, 4],
    says: [5, 5],
    link: [7, null],
    note: [6, 6],
  },
  states: {
    style: [0, 1],
    status: [0, 1],
    as_of: ["2020-01-03", "2020-01-07"],
    deciding: [[0], [1]],
    denied: { 1: [1] },
    denials: {},
    withdrawn: {},
  },
  timeline: { east: { day: ["2020-01-03", "2020-01-07"], state: [0, 1] } },
  days: ["2020-01-02", "2020-01-03", "2020-01-07"],
  day_labels: { "2020-01-07": "7 Jan 2020" },
};

const NO_CHANGES = { day: [], state: [] };
const stateOf = (bundle, id, day) =>
  stateAt(
    bundle,
    stateIndexOn(bundle.timeline[id] ?? NO_CHANGES, day, bundle.no_reports),
  );
// A state as a reader reads it: its words, and each report listed by its words.
const readOf = (bundle, id, day) => {
  const state = stateOf(bundle, id, day);
  const reports = (rows) => rows.map((row) => reportAt(bundle, row));
  return {
    ...state,
    deciding: reports(state.deciding),
    denied: reports(state.denied),
    denials: reports(state.denials),
    withdrawn: reports(state.withdrawn),
  };
};
const DAYS = ["2020-01-01", "2020-01-03", "2020-01-05", "2020-01-06", "2020-01-09"];
const IDS = ["west", "east", "mill"];

test("the touched district reads the patch's states, reports and words", () => {
  const bundle = freshBundle();
  assert.deepEqual(applyPatch(bundle, PATCH), ["east"]);

  const later = stateOf(bundle, "east", "2020-01-08");
  assert.equal(later.status, "Disputed");
  assert.equal(later.asOf, "2020-01-07");
  assert.deepEqual(
    later.denied.map((row) => reportAt(bundle, row).day),
    ["2020-01-07"],
  );
  const earlier = stateOf(bundle, "east", "2020-01-04");
  const deciding = reportAt(bundle, earlier.deciding[0]);
  assert.equal(earlier.status, "Held by Blue");
  assert.equal(deciding.source, "Patch source");
  assert.equal(deciding.link, "https://example.org/p");
  assert.equal(bundle.day_labels["2020-01-07"], "7 Jan 2020");
  assert.deepEqual(bundle.days, PATCH.days);
});

test("every district the patch does not name reads what it read before", () => {
  const before = freshBundle();
  const after = freshBundle();
  applyPatch(after, PATCH);

  for (const id of ["west", "mill"]) {
    for (const day of ["2020-01-02", "2020-01-05", "2020-01-08"]) {
      assert.deepEqual(stateOf(after, id, day), stateOf(before, id, day));
    }
  }
  assert.deepEqual(after.states.withdrawn, before.states.withdrawn);
});

test("a first bundle reads on its day what the whole bundle reads", () => {
  const first = firstBundle();
  const whole = freshBundle();

  assert.equal(first.one_day.day, "2020-01-05");
  for (const id of IDS) {
    assert.deepEqual(readOf(first, id, "2020-01-05"), readOf(whole, id, "2020-01-05"));
  }
  assert.ok(first.reports.day.length < whole.reports.day.length);
});

test("a first bundle that takes the whole timeline reads every day as it does", () => {
  const first = firstBundle();
  const names = first.names;

  takeWholeTimeline(first, fixture("tiny_city_bundle.json"));

  assert.equal(first.one_day, null);
  assert.equal(first.names, names); // its drawing is kept, not replaced
  for (const id of IDS) {
    for (const day of DAYS) {
      assert.deepEqual(readOf(first, id, day), readOf(freshBundle(), id, day));
    }
  }
  assert.equal(first.day_labels.constructor, undefined); // own lookups still
  assert.equal(first.timeline.constructor, undefined);
});

test("an edit to a first bundle reads the same once applied to the whole", () => {
  const first = firstBundle();
  applyPatch(first, PATCH);
  assert.deepEqual(readOf(first, "east", "2020-01-05").status, "Held by Blue");

  takeWholeTimeline(first, fixture("tiny_city_bundle.json"));
  applyPatch(first, PATCH);
  const whole = freshBundle();
  applyPatch(whole, PATCH);

  for (const id of IDS) {
    for (const day of DAYS) {
      assert.deepEqual(readOf(first, id, day), readOf(whole, id, day));
    }
  }
});
