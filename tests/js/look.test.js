// How a district is drawn, on the tiny city's bundle (tests/maplayer/tiny_city.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  HATCH_ID,
  Role,
  districtLook,
  opacitySteps,
  swatchBackground,
} from "../../geo/maplayer/assets/look.js";

const bundle = JSON.parse(
  readFileSync(new URL("../maplayer/tiny_city_bundle.json", import.meta.url), "utf-8"),
);
const styleNamed = (key) => bundle.styles.findIndex((style) => style.key === key);

test("a held district is filled with its side's colour at the faded opacity", () => {
  const held = styleNamed("held:blue:full");
  const look = districtLook(bundle, held, false, opacitySteps(0.7, 0.5), Role.PLAIN);

  assert.equal(look.fillColor, "#1f77b4");
  assert.equal(look.fillOpacity, 0.35);
  assert.equal(look.color, bundle.colours.outline);
  assert.equal(look.weight, 1);
  assert.equal(look.dashArray, null);
});

test("a disputed district is hatched, a disputed landmark point is not", () => {
  const disputed = styleNamed("disputed");

  const area = districtLook(bundle, disputed, false, 14, Role.PLAIN);
  const point = districtLook(bundle, disputed, true, 14, Role.PLAIN);

  assert.equal(area.fillColor, `url(#${HATCH_ID})`);
  assert.equal(area.dashArray, "4 3");
  assert.equal(point.fillColor, bundle.styles[disputed].fill);
  assert.equal(point.weight, 1.5);
});

test("the selected and the outlined districts get their own outlines", () => {
  const contested = styleNamed("contested");

  const selected = districtLook(bundle, contested, false, 14, Role.SELECTED);
  const outlined = districtLook(bundle, contested, false, 14, Role.OUTLINED);

  assert.deepEqual([selected.color, selected.weight], [bundle.colours.selected, 3]);
  assert.deepEqual(
    [outlined.color, outlined.weight, outlined.dashArray],
    [bundle.colours.highlight, 3, "6 4"],
  );
});

test("opacity moves in twentieths, so a slow fade repaints a path rarely", () => {
  assert.equal(opacitySteps(0.7, 1), 14);
  assert.equal(opacitySteps(0.7, 0.99), 14);
  assert.equal(opacitySteps(0.4, 0.35), 3);
});

test("a legend swatch of a hatched style shows both hatch colours", () => {
  const background = swatchBackground(bundle, bundle.styles[styleNamed("disputed")]);

  assert.match(background, new RegExp(bundle.colours.hatch_stripe));
  assert.match(background, new RegExp(bundle.colours.hatch_background));
  assert.equal(swatchBackground(bundle, bundle.styles[0]), bundle.styles[0].fill);
});
