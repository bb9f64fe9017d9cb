// Popups sized to the map they open on.
import assert from "node:assert/strict";
import { test } from "node:test";

import { popupOptions } from "../../geo/maplayer/assets/popups.js";

test("on a phone-sized map a popup is narrower than the map", () => {
  const phone = popupOptions({ x: 358, y: 600 });

  assert.ok(phone.maxWidth < 358);
  assert.ok(phone.minWidth <= phone.maxWidth);
});

test("a popup is never taller than the map, so its close button stays on it", () => {
  for (const size of [{ x: 358, y: 400 }, { x: 860, y: 620 }, { x: 1440, y: 900 }]) {
    assert.ok(popupOptions(size).maxHeight < size.y);
  }
});

test("a large map keeps the usual popup width and pans to show it", () => {
  const desktop = popupOptions({ x: 860, y: 620 });
  const phone = popupOptions({ x: 358, y: 600 });

  assert.ok(desktop.maxWidth > phone.maxWidth);
  assert.equal(desktop.autoPan, true);
});

test("on a phone the whole popup, margins and all, fits inside the map", () => {
  for (const width of [320, 358, 390]) {
    const chrome = 47; // Leaflet's margins and border around the content
    const options = popupOptions({ x: width, y: 620 }, chrome);

    assert.ok(options.maxWidth + chrome + 2 * 10 <= width, `at ${width} px`);
    assert.ok(options.minWidth <= options.maxWidth);
  }
});
