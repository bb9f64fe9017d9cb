// Moving between districts with the arrow keys: the nearest one that way.
import assert from "node:assert/strict";
import { test } from "node:test";

import { nearestInDirection, nearestTo } from "../../geo/maplayer/assets/keyboard.js";

const RIGHT = { x: 1, y: 0 };
const LEFT = { x: -1, y: 0 };
const UP = { x: 0, y: -1 };
const DOWN = { x: 0, y: 1 };

// A plus sign of districts around a middle one, and one far to the right.
const points = [
  { x: 0, y: 0 }, // middle
  { x: 10, y: 0 }, // east
  { x: -10, y: 0 }, // west
  { x: 0, y: -10 }, // north (screen y grows downwards)
  { x: 0, y: 10 }, // south
  { x: 40, y: 1 }, // far east
];

test("each arrow goes to the neighbour on that side", () => {
  const middle = points[0];

  assert.equal(nearestInDirection(middle, points, RIGHT), 1);
  assert.equal(nearestInDirection(middle, points, LEFT), 2);
  assert.equal(nearestInDirection(middle, points, UP), 3);
  assert.equal(nearestInDirection(middle, points, DOWN), 4);
});

test("an arrow skips districts behind or far off to the side", () => {
  // From the east district, going right reaches the far east one, not the middle.
  assert.equal(nearestInDirection(points[1], points, RIGHT), 5);
  // Nothing lies beyond the far east district.
  assert.equal(nearestInDirection(points[5], points, RIGHT), -1);
});

test("a district straight ahead wins over a nearer one off to the side", () => {
  const from = { x: 0, y: 0 };
  const ahead = { x: 20, y: 0 };
  const aside = { x: 9, y: 12 };

  assert.equal(nearestInDirection(from, [aside, ahead], RIGHT), 1);
});

test("the focus starts at the district nearest the middle of the map", () => {
  assert.equal(nearestTo({ x: 38, y: 0 }, points), 5);
  assert.equal(nearestTo({ x: 0, y: 0 }, []), -1);
});
