// Where the map first puts the districts.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  fitClearOf,
  openingFit,
  roomUnderTheDistricts,
} from "../../geo/maplayer/assets/opening.js";

// The height left for the districts once the padding is taken off.
const roomFor = (size) => {
  const fit = openingFit(size);
  return size.y - fit.paddingTopLeft[1] - fit.paddingBottomRight[1];
};

test("on a phone the districts are framed in the map's top square", () => {
  const phone = { x: 358, y: 620 };

  assert.ok(roomFor(phone) <= phone.x);
  assert.ok(openingFit(phone).paddingTopLeft[1] < 60);
});

test("on a phone a wide city is drawn across the top, not mid-frame", () => {
  const phone = { x: 358, y: 620 };
  const fit = openingFit(phone, undefined, false, 40, 0.5);

  assert.equal(fit.paddingTopLeft[1], 40);
  // The room left is the city's height at the map's width: 179 px.
  assert.equal(phone.y - 40 - fit.paddingBottomRight[1], 179);
  assert.equal(roomUnderTheDistricts(phone, 0.5), 620 - 40 - 179 - 8);
  assert.equal(roomUnderTheDistricts(phone, 2), 620 - 358, "square at most");
  assert.equal(roomUnderTheDistricts({ x: 727, y: 620 }, 0.5), 0);
});

test("on a wide map the districts may use its whole height", () => {
  const desktop = { x: 727, y: 620 };

  assert.ok(roomFor(desktop) > 0.85 * desktop.y);
  assert.equal(openingFit(desktop).animate, false);
});

// A stand-in for Leaflet's getBoundsZoom: districts `shape` px large at zoom 0
// fit in what `size` leaves after `padding`, at quarter zoom steps.
const zoomFitting = (size, shape) => (padding) => {
  const scale = Math.min(
    (size.x - padding[0]) / shape.x,
    (size.y - padding[1]) / shape.y,
  );
  return Math.floor(Math.log2(scale) * 4) / 4;
};

test("a wide city keeps its size and moves up clear of the open legend", () => {
  const desktop = { x: 802, y: 620 };
  const legend = { x: 366, y: 150 };
  const city = { x: 700, y: 370 };
  const zoomWith = zoomFitting(desktop, city);
  const opening = zoomWith([0, 48]);

  const fit = fitClearOf(desktop, legend, zoomWith, opening, 45);

  assert.deepEqual(fit.paddingBottomRight, [0, 158]);
  assert.equal(fit.paddingTopLeft[1], 53, "clear of the day and search box");
});

test("a tall city stands beside the legend when room below would shrink it", () => {
  const desktop = { x: 802, y: 620 };
  const legend = { x: 200, y: 150 };
  const city = { x: 300, y: 560 };
  const zoomWith = zoomFitting(desktop, city);

  const fit = fitClearOf(desktop, legend, zoomWith, zoomWith([0, 48]));

  assert.deepEqual(fit.paddingBottomRight, [208, 8]);
});

test("the controls above are left room only when it costs no zoom", () => {
  const desktop = { x: 802, y: 620 };
  const legend = { x: 366, y: 150 };
  const city = { x: 700, y: 420 };
  const zoomWith = zoomFitting(desktop, city);

  const fit = fitClearOf(desktop, legend, zoomWith, zoomWith([0, 48]), 115);

  assert.equal(fit.paddingTopLeft[1], 40);
});

test("a city filling the map is drawn a little smaller to clear the legend", () => {
  // An exported page at 1440 x 900: the districts span the map's width.
  const wide = { x: 1440, y: 735 };
  const legend = { x: 368, y: 105 };
  const city = { x: 1180, y: 610 };
  const zoomWith = zoomFitting(wide, city);
  const opening = zoomWith([50, 48]);

  const fit = fitClearOf(wide, legend, zoomWith, opening);

  assert.ok(fit, "framed clear of the legend");
  const [x, y] = [0, 1].map(
    (axis) => fit.paddingTopLeft[axis] + fit.paddingBottomRight[axis],
  );
  assert.ok(zoomWith([x, y]) < opening, "smaller than it opened");
  assert.ok(zoomWith([x, y]) >= opening - 0.25, "by at most a quarter zoom step");
  assert.deepEqual(fit.paddingBottomRight, [0, 113], "room below, not beside");
});

test("the districts are not shrunk by more than a quarter zoom step", () => {
  // A square city: clearing the legend would take half a step below it and
  // more beside it, so the legend stays over a corner (the reader can fold it).
  const desktop = { x: 802, y: 620 };
  const legend = { x: 368, y: 105 };
  const city = { x: 560, y: 560 };
  const zoomWith = zoomFitting(desktop, city);

  assert.equal(fitClearOf(desktop, legend, zoomWith, zoomWith([0, 48])), null);
});

test("a map too small to leave the legend's corner free is not framed again", () => {
  const tiny = { x: 120, y: 100 };

  assert.equal(fitClearOf(tiny, { x: 130, y: 90 }, () => 10, 0), null);
});
