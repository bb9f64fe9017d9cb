// Scrolling past the map (geo/maplayer/assets/gestures.js): which wheel turns
// zoom the map, and what the note on the map tells a reader.
import assert from "node:assert/strict";
import { test } from "node:test";

import { gestureNote, wheelZoomsMap } from "../../geo/maplayer/assets/gestures.js";

const WHEEL = { ctrlKey: false, metaKey: false };

test("a plain wheel turn scrolls the page; with Ctrl or Command it zooms", () => {
  assert.equal(wheelZoomsMap(WHEEL, false), false);
  assert.equal(wheelZoomsMap({ ...WHEEL, ctrlKey: true }, false), true);
  assert.equal(wheelZoomsMap({ ...WHEEL, metaKey: true }, false), true);
});

test("in full screen every wheel turn zooms the map", () => {
  assert.equal(wheelZoomsMap(WHEEL, true), true);
});

test("the note names the key a reader's computer uses, or two fingers", () => {
  assert.equal(gestureNote("wheel", false), "Use Ctrl + scroll to zoom the map");
  assert.equal(gestureNote("wheel", true), "Use ⌘ + scroll to zoom the map");
  assert.equal(gestureNote("touch", true), "Use two fingers to move the map");
});
