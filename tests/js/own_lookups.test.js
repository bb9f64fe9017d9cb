// Ids that every JavaScript object has as a name ("constructor", "toString",
// "__proto__") find only the bundle's own entries (issue 17, item 9). Python
// refuses such ids (geo/ids.py); the map must not break if one ever arrives.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  dayLabel,
  ownTable,
  withOwnLookups,
} from "../../geo/maplayer/assets/contract.js";

const SCRIPT_NAMES = ["constructor", "toString", "__proto__", "valueOf"];

// A bundle's keyed tables as the browser parses them from the bundle file; the
// names hold a district whose id is "__proto__".
const parsed = () =>
  JSON.parse(`{
    "day_labels": {"2020-01-02": "2 Jan 2020"},
    "names": {"west": "West", "__proto__": "Own proto"},
    "precision": {"west": "about 100 m"},
    "timeline": {"west": {"day": ["2020-01-02"], "state": [1]}}
  }`);

test("an id a table does not hold finds nothing, not Object.prototype's", () => {
  const bundle = withOwnLookups(parsed());

  for (const id of SCRIPT_NAMES.filter((name) => name !== "__proto__")) {
    assert.equal(bundle.timeline[id] ?? "none", "none", id);
    assert.equal(bundle.names[id] ?? "none", "none", id);
    assert.equal(bundle.precision[id] ?? "none", "none", id);
  }
  assert.equal(bundle.timeline.__proto__ ?? "none", "none");
  assert.equal(bundle.names.__proto__, "Own proto");
  assert.deepEqual(Object.keys(bundle.names), ["west", "__proto__"]);
  assert.deepEqual(bundle.timeline.west, { day: ["2020-01-02"], state: [1] });
});

test("a day label is only the bundle's own: any other text stays itself", () => {
  const bundle = parsed();

  for (const text of SCRIPT_NAMES) {
    assert.equal(dayLabel(bundle, text), text);
  }
  assert.equal(dayLabel(bundle, "2020-01-02"), "2 Jan 2020");
});

test("layers kept by a script name are kept and listed like any other", () => {
  const layers = ownTable();

  for (const id of ["west", ...SCRIPT_NAMES]) {
    layers[id] = { id };
  }

  assert.deepEqual(Object.keys(layers), ["west", ...SCRIPT_NAMES]);
  assert.deepEqual(layers.__proto__, { id: "__proto__" });
  assert.deepEqual(layers.constructor, { id: "constructor" });
});
