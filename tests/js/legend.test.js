// What the legend lists for a day view, on the tiny city's bundle.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  PHONE_WIDTH,
  drawnInView,
  drawsLandmarks,
  fitsUnderTheDistricts,
  raiseUnder,
  startsFolded,
} from "../../geo/maplayer/assets/legend.js";

const bundle = JSON.parse(
  readFileSync(new URL("../maplayer/tiny_city_bundle.json", import.meta.url), "utf-8"),
);
const plainView = {
  day: "2020-01-08",
  selected: "",
  changed: [],
  disagreeing: [],
  frontline: null,
  events: false,
  share_view: false,
};
const line = { type: "FeatureCollection", features: [{ type: "Feature" }] };

test("a plain view lists no line and no event", () => {
  assert.deepEqual(drawnInView(bundle, plainView), { lines: [], events: [] });
});

test("each line drawn is listed, in the legend's order", () => {
  const view = {
    ...plainView,
    selected: "west",
    changed: ["east"],
    disagreeing: ["mill"],
    frontline: line,
  };

  assert.deepEqual(drawnInView(bundle, view).lines, [
    "frontline",
    "changed",
    "disagreeing",
    "selected",
  ]);
});

test("an outline hidden under a stronger one is not listed", () => {
  const view = {
    ...plainView,
    selected: "west",
    changed: ["west", "east"],
    disagreeing: ["east"],
  };

  assert.deepEqual(drawnInView(bundle, view).lines, ["disagreeing", "selected"]);
});

test("a layer that is on but draws nothing is not listed", () => {
  const view = { ...plainView, frontline: { ...line, features: [] } };

  assert.deepEqual(drawnInView(bundle, view).lines, []);
});

test("event kinds are listed only with events on, and only those shown by then", () => {
  const before = { ...plainView, events: true, day: "2020-01-03" };
  const after = { ...plainView, events: true, day: "2020-01-04" };

  assert.deepEqual(drawnInView(bundle, before).events, []);
  assert.deepEqual(drawnInView(bundle, after).events, ["strike"]);
  assert.deepEqual(drawnInView(bundle, { ...after, events: false }).events, []);
});

test("the legend starts folded on a phone-sized map only", () => {
  assert.equal(startsFolded(PHONE_WIDTH - 110), true);
  assert.equal(startsFolded(900), false);
});

test("on a tall map the legend opens when it fits under the districts' square", () => {
  const phone = { x: 358, y: 620 }; // 262 px under the top square
  assert.equal(fitsUnderTheDistricts(phone, 240), true);
  assert.equal(fitsUnderTheDistricts(phone, 262), true);
  assert.equal(fitsUnderTheDistricts(phone, 263), false);
  assert.equal(fitsUnderTheDistricts({ x: 620, y: 620 }, 10), false);
  assert.equal(fitsUnderTheDistricts({ x: 900, y: 620 }, 10), false);
});

test("a wide city on a tall map leaves the legend the room under it", () => {
  // Half as tall as wide: 358 px across take 179 px, 40 above and 8 below.
  const phone = { x: 358, y: 620 };
  assert.equal(fitsUnderTheDistricts(phone, 393, 0.5), true);
  assert.equal(fitsUnderTheDistricts(phone, 394, 0.5), false);
  assert.equal(fitsUnderTheDistricts(phone, 263, 0.5), true);
});

test("a legend under the districts is raised to stand 12 px below them", () => {
  // Drawn down to 282 px, the legend's top at 396 px: raised by 102 px to 294.
  assert.equal(raiseUnder(396, 282), 102);
  assert.equal(raiseUnder(396.6, 282), 102, "never closer than 12 px");
  assert.equal(raiseUnder(294, 282), 0, "already there");
  assert.equal(raiseUnder(250, 282), 0, "never lowered onto the districts");
});

test("the legend has a landmark row only where the map draws landmarks", () => {
  assert.equal(drawsLandmarks(bundle), true, "the tiny city's mill");
  const areasOnly = {
    ...bundle,
    districts: {
      ...bundle.districts,
      features: bundle.districts.features.filter(
        (feature) => feature.properties.kind !== "landmark",
      ),
    },
  };
  assert.equal(drawsLandmarks(areasOnly), false);
});
