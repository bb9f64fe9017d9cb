// The map page's timeline control (ui/assets/timeline.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { boundedIndex } from "../../ui/assets/timeline.js";

test("previous, next and the slider stay on the timeline's days", () => {
  assert.equal(boundedIndex(-1, 5), 0);
  assert.equal(boundedIndex(2, 5), 2);
  assert.equal(boundedIndex(5, 5), 4);
});
