// How a district is drawn, on the tiny city's bundle (tests/maplayer/tiny_city.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  DOTS_ID,
  HATCH_ID,
  Role,
  districtLook,
  lineSample,
  opacitySteps,
  roleOf,
  swatchBackground,
} from "../../geo/maplayer/assets/look.js";

const bundle = JSON.parse(
  readFileSync(new URL("../maplayer/tiny_city_bundle.json", import.meta.url), "utf-8"),
);
const styleNamed = (key) => bundle.styles.findIndex((style) => style.key === key);

test("a held district is filled with its side's colour at the faded opacity", () => {
  const held = styleNamed("held:blue:full");
  const steps = opacitySteps(bundle, bundle.styles[held].opacity, 0.65);
  const look = districtLook(bundle, held, false, steps, Role.PLAIN);

  assert.equal(look.fillColor, bundle.styles[held].fill);
  assert.equal(look.fillOpacity, 0.5);
  assert.equal(look.color, bundle.lines.district.colour);
  assert.equal(look.dashArray, null);
});

test("a disputed district is hatched, a disputed landmark point is flat", () => {
  const disputed = styleNamed("disputed");

  const area = districtLook(bundle, disputed, false, 16, Role.PLAIN);
  const point = districtLook(bundle, disputed, true, 16, Role.PLAIN);

  assert.equal(area.fillColor, `url(#${HATCH_ID})`);
  assert.equal(point.fillColor, bundle.styles[disputed].fill);
  assert.deepEqual([point.color, point.weight], ["#ffffff", 2], "ringed in white");
  assert.notEqual(point.color, area.color);
});

test("a district without a report is dotted, never a flat colour", () => {
  const none = districtLook(bundle, styleNamed("unknown"), false, 20, Role.PLAIN);

  assert.equal(none.fillColor, `url(#${DOTS_ID})`);
  assert.equal(none.fillOpacity, 1);
});

test("changed, disagreeing and selected districts each get their own line", () => {
  const contested = styleNamed("contested");
  const lineOf = (role) => {
    const look = districtLook(bundle, contested, false, 16, role);
    return [look.color, look.weight, look.dashArray];
  };
  const lines = [Role.CHANGED, Role.DISAGREEING, Role.SELECTED].map(lineOf);
  const expected = ["changed", "disagreeing", "selected"].map((key) => {
    const line = bundle.lines[key];
    return [line.colour, line.weight, line.dash];
  });

  assert.deepEqual(lines, expected);
  assert.equal(new Set(lines.map((line) => line.join())).size, 3);
});

test("selected outranks disagreeing, which outranks changed", () => {
  const view = { selected: "west" };
  const changed = new Set(["west", "east", "mill"]);
  const disagreeing = new Set(["west", "east"]);

  assert.equal(roleOf("west", view, changed, disagreeing), Role.SELECTED);
  assert.equal(roleOf("east", view, changed, disagreeing), Role.DISAGREEING);
  assert.equal(roleOf("mill", view, changed, disagreeing), Role.CHANGED);
  assert.equal(roleOf("other", view, changed, disagreeing), Role.PLAIN);
});

test("opacity moves in steps, so a slow fade repaints a path rarely", () => {
  assert.equal(bundle.fade.steps, 20);
  assert.equal(opacitySteps(bundle, 0.8, 1), 16);
  assert.equal(opacitySteps(bundle, 0.8, 0.99), 16);
  assert.equal(opacitySteps(bundle, 0.45, 0.65), 6);
});

test("legend swatches show each pattern's colours", () => {
  const { hatch, dots } = bundle.patterns;
  const hatched = swatchBackground(bundle, bundle.styles[styleNamed("disputed")]);
  const dotted = swatchBackground(bundle, bundle.styles[styleNamed("unknown")]);

  assert.match(hatched, new RegExp(`${hatch.stripe} 0 ${hatch.stripe_width}px`));
  assert.match(hatched, new RegExp(hatch.background));
  assert.match(dotted, new RegExp(`^radial-gradient\\(circle,${dots.dot}`));
  assert.match(dotted, new RegExp(`${dots.background}$`));
  assert.equal(swatchBackground(bundle, bundle.styles[0]), bundle.styles[0].fill);
});

test("a legend line sample is drawn with the line's own dash", () => {
  const dotted = lineSample(bundle.lines.disagreeing);
  const solid = lineSample(bundle.lines.frontline);

  const { dash, colour } = bundle.lines.disagreeing;
  assert.match(dotted, new RegExp(`stroke-dasharray="${dash}"`));
  assert.match(dotted, new RegExp(`stroke="${colour}"`));
  assert.doesNotMatch(solid, /stroke-dasharray/);
});
