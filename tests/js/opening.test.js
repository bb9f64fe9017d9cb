// Where the map first puts the districts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { openingFit } from "../../geo/maplayer/assets/opening.js";

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

test("on a wide map the districts may use its whole height", () => {
  const desktop = { x: 727, y: 620 };

  assert.ok(roomFor(desktop) > 0.85 * desktop.y);
  assert.equal(openingFit(desktop).animate, false);
});
