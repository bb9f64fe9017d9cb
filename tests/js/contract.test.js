// The browser's reading of the map contract, on the bundle of the tiny city that
// the Python tests check against the JSON Schema (tests/maplayer/tiny_city.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  SCHEMA_VERSION,
  dayLabel,
  eventAt,
  fadeShare,
  reportAt,
  stateAt,
  stateIndexOn,
  versionProblem,
} from "../../geo/maplayer/assets/contract.js";

const readJson = (path) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), "utf-8"));
const bundle = readJson("../maplayer/tiny_city_bundle.json");
const schema = readJson("../../geo/maplayer/assets/bundle.schema.json");

test("the script reads the schema version the Python contract writes", () => {
  const written = schema.$defs.Bundle.properties.schema_version.const;

  assert.equal(SCHEMA_VERSION, written);
  assert.equal(versionProblem(bundle), null);
});

test("a bundle of another schema version is refused with both versions named", () => {
  const problem = versionProblem({ ...bundle, schema_version: SCHEMA_VERSION + 1 });

  assert.match(problem, new RegExp(`version ${SCHEMA_VERSION + 1}, `));
  assert.match(problem, new RegExp(`reads version ${SCHEMA_VERSION}\\.`));
  assert.match(versionProblem(undefined), /version undefined/);
});

test("a report is read by its field names, its texts looked up", () => {
  const report = reportAt(bundle, 2);

  assert.deepEqual(report, {
    day: "2020-01-05",
    source: "Red media",
    sourceType: "media",
    kind: "claim",
    says: "held by Red army",
    link: "https://example.org/r3",
    note: "A test claim.",
  });
});

test("a district shows no report before its first change, then its latest", () => {
  const west = bundle.timeline.west;
  const stateOn = (day) => stateIndexOn(west, day, bundle.no_reports);

  assert.equal(stateOn("2020-01-01"), bundle.no_reports);
  assert.equal(stateOn("2020-01-02"), west.state[0]);
  assert.equal(stateOn("2020-01-04"), west.state[0]);
  assert.equal(stateOn("2020-01-31"), west.state[1]);
});

test("a disputed state lists the denied claim and the denial by name", () => {
  const state = stateAt(bundle, bundle.timeline.west.state[1]);

  assert.equal(bundle.styles[state.style].key, "disputed");
  assert.equal(state.status, "Disputed: sources disagree");
  assert.equal(state.asOf, "2020-01-05");
  assert.deepEqual(state.deciding, [2]);
  assert.deepEqual(state.denied, [2]);
  assert.deepEqual(state.denials, [3]);
  assert.deepEqual(state.withdrawn, []);
});

test("days are labelled as Python wrote them, unknown days as they are", () => {
  assert.equal(dayLabel(bundle, "2020-01-02"), "2 Jan 2020");
  assert.equal(dayLabel(bundle, "1999-12-31"), "1999-12-31");
});

test("the fade is read from Python's table: full, fading, then its floor", () => {
  const shares = bundle.fade.share_by_age;

  assert.equal(fadeShare(bundle, null), 1);
  assert.equal(fadeShare(bundle, 0), 1);
  assert.equal(fadeShare(bundle, 30), shares[30]);
  assert.ok(shares[30] < 1 && shares[30] > shares.at(-1));
  assert.equal(fadeShare(bundle, 10000), shares.at(-1));
});

test("an event is read by its field names, its popup looked up", () => {
  const event = eventAt(bundle, 0);

  assert.equal(event.day, "2020-01-04");
  assert.deepEqual([event.lat, event.lon, event.kind], [0.5, 0.5, "strike"]);
  assert.match(event.popup, /A strike &lt;b&gt;here&lt;\/b&gt;/);
});
