// The map's corners (geo/maplayer/assets/corners.js): what is measured against
// them waits until Leaflet's stylesheet has put them in place.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { whenLeafletStyled } from "../../geo/maplayer/assets/corners.js";

function mapWithCorner(corner) {
  return { getContainer: () => ({ querySelector: () => corner }) };
}

test("measuring waits until the corners are placed by Leaflet's stylesheet", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  const corner = { position: "static" };
  let measured = 0;
  try {
    whenLeafletStyled(mapWithCorner(corner), () => (measured += 1), (node) => node);
    mock.timers.tick(500);
    assert.equal(measured, 0);
    corner.position = "absolute"; // the stylesheet has loaded
    mock.timers.tick(50);
    assert.equal(measured, 1);
    mock.timers.tick(5_000);
    assert.equal(measured, 1);
  } finally {
    mock.timers.reset();
  }
});

test("a map already styled is measured at once; one never styled, never", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  let measured = 0;
  try {
    const styled = mapWithCorner({ position: "absolute" });
    whenLeafletStyled(styled, () => (measured += 1), (node) => node);
    assert.equal(measured, 1);
    whenLeafletStyled(mapWithCorner(null), () => (measured += 10), (node) => node);
    mock.timers.tick(60_000);
    assert.equal(measured, 1);
  } finally {
    mock.timers.reset();
  }
});
