// Which district names the map writes: placed greedily, never overlapping.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  LABEL_FONTS,
  boxesOverlap,
  dotInSight,
  landmarkBoxes,
  placeLabels,
  textSize,
  turnedBox,
} from "../../geo/maplayer/assets/labels.js";

const MAP = { width: 400, height: 300 };
const box = (left, top, width = 60, height = 14) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});
const roomy = { width: 200, height: 100 };

test("two names in the same spot: the first (larger district) is written", () => {
  const shown = placeLabels(
    [
      { boxes: [box(100, 100)], room: roomy },
      { boxes: [box(120, 105)], room: roomy },
    ],
    [],
    MAP,
  );

  assert.deepEqual(shown, [box(100, 100), null]);
});

test("names apart from each other are all written", () => {
  const shown = placeLabels(
    [
      { boxes: [box(10, 10)], room: roomy },
      { boxes: [box(200, 10)], room: roomy },
      { boxes: [box(10, 200)], room: roomy },
    ],
    [],
    MAP,
  );

  assert.deepEqual(shown, [box(10, 10), box(200, 10), box(10, 200)]);
});

test("a name wider than its district waits until the map is zoomed in", () => {
  const label = box(100, 100, 80);

  const tooSmall = { width: 50, height: 40 };
  const wideEnough = { width: 120, height: 80 };

  const zoomedOut = placeLabels([{ boxes: [label], room: tooSmall }], [], MAP);
  const zoomedIn = placeLabels([{ boxes: [label], room: wideEnough }], [], MAP);

  assert.deepEqual(zoomedOut, [null]);
  assert.deepEqual(zoomedIn, [label]);
});

test("a name under a control or cut by the map's edge is not written", () => {
  const legend = box(300, 200, 100, 100);

  const shown = placeLabels(
    [
      { boxes: [box(320, 250)], room: roomy },
      { boxes: [box(370, 20)], room: roomy },
      { boxes: [box(-5, 20)], room: roomy },
    ],
    [legend],
    MAP,
  );

  assert.deepEqual(shown, [null, null, null]);
});

test("a landmark's name needs no room inside a district", () => {
  assert.deepEqual(placeLabels([{ boxes: [box(10, 10)], room: null }], [], MAP), [
    box(10, 10),
  ]);
});

test("a landmark's name goes under its dot, else beside it, else above it", () => {
  const [under, right, left, above] = landmarkBoxes({ x: 200, y: 150 }, 60, 14);
  const name = (obstacles) =>
    placeLabels([{ boxes: [under, right, left, above], room: null }], obstacles, MAP);

  assert.deepEqual(name([]), [under]);
  assert.deepEqual(name([under]), [right]);
  assert.deepEqual(name([under, right]), [left]);
  assert.deepEqual(name([under, right, left]), [above]);
  assert.deepEqual(name([under, right, left, above]), [null]);
});

test("a landmark under a control or cut by the map's edge is not in sight", () => {
  const search = box(150, 10, 120, 30);

  assert.equal(dotInSight({ x: 200, y: 150 }, [search], MAP), true);
  assert.equal(dotInSight({ x: 200, y: 30 }, [search], MAP), false);
  assert.equal(dotInSight({ x: 200, y: 3 }, [], MAP), false);
  assert.equal(dotInSight({ x: 396, y: 150 }, [], MAP), false);
});

test("a landmark's name never covers its own dot", () => {
  const dot = { left: 193, top: 143, right: 207, bottom: 157 };

  for (const place of landmarkBoxes({ x: 200, y: 150 }, 60, 14)) {
    assert.equal(boxesOverlap(place, dot), false);
    assert.equal(place.right - place.left, 60);
    assert.equal(place.bottom - place.top, 14);
  }
  const [under, right, left, above] = landmarkBoxes({ x: 200, y: 150 }, 60, 14);
  assert.ok(under.top > 157 && above.bottom < 143);
  assert.ok(right.left > 207 && left.right < 193);
});

test("every written name's box is clear of every other", () => {
  const candidates = Array.from({ length: 60 }, (_, index) => ({
    boxes: [box((index * 37) % 340, (index * 53) % 280)],
    room: roomy,
  }));

  const written = placeLabels(candidates, [], MAP).filter(Boolean);

  assert.ok(written.length > 5);
  for (const [index, one] of written.entries()) {
    for (const other of written.slice(index + 1)) {
      assert.equal(boxesOverlap(one, other), false);
    }
  }
});

test("a name turned a quarter turn stands as tall as it was wide", () => {
  const turned = turnedBox({ x: 100, y: 100 }, 80, 10, 90);

  assert.ok(Math.abs(turned.right - turned.left - 10) < 1e-9);
  assert.ok(Math.abs(turned.bottom - turned.top - 80) < 1e-9);
});

test("a label's size is its text's width in its font, and its line's height", () => {
  const asked = [];
  const context = {
    font: "",
    measureText(text) {
      asked.push([this.font, text]);
      return { width: text.length * 6.4 };
    },
  };

  assert.deepEqual(textSize(context, "al-Badu", LABEL_FONTS.district), {
    width: 45,
    height: 14,
  });
  assert.deepEqual(textSize(context, "Silo", LABEL_FONTS.landmark), {
    width: 26,
    height: 13,
  });
  assert.deepEqual(asked, [
    ["600 12px sans-serif", "al-Badu"],
    ["400 11px sans-serif", "Silo"],
  ]);
});
