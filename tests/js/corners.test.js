// The map's corners: the credits never run over the scale bar.
import assert from "node:assert/strict";
import { test } from "node:test";

import { creditsWidth } from "../../geo/maplayer/assets/corners.js";

test("the credits end before the scale bar on a phone-sized map", () => {
  const mapWidth = 358;
  const scaleRight = 110;

  const width = creditsWidth(mapWidth, scaleRight);

  // Right-aligned, so they start where the map's width minus theirs is.
  assert.ok(mapWidth - width > scaleRight);
});

test("a map narrower than its scale bar leaves the credits no width, not less", () => {
  assert.equal(creditsWidth(80, 110), 0);
});
