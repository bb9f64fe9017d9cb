// An edit's patch applied to the tiny city's bundle: the touched district reads
// its new state and reports, every other district reads what it read before.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  reportAt,
  stateAt,
  stateIndexOn,
} from "../../geo/maplayer/assets/contract.js";
import { applyPatch } from "../../geo/maplayer/assets/patches.js";

const freshBundle = () =>
  JSON.parse(
    readFileSync(
      new URL("../maplayer/tiny_city_bundle.json", import.meta.url),
      "utf-8",
    ),
  );

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

const stateOf = (bundle, id, day) =>
  stateAt(bundle, stateIndexOn(bundle.timeline[id], day, bundle.no_reports));

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
