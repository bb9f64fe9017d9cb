// The height an embedded map page reports to its story (ui/assets/embed_height.js):
// one small typed message, the only shape the story's script accepts.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  MESSAGE_TYPE,
  MESSAGE_VERSION,
  heightMessage,
} from "../../ui/assets/embed_height.js";

test("the message names its type and version and rounds the height up", () => {
  assert.deepEqual(heightMessage(812.2), {
    type: "frontline:height",
    version: 1,
    height: 813,
  });
  assert.equal(MESSAGE_TYPE, "frontline:height");
  assert.equal(MESSAGE_VERSION, 1);
});

test("the message carries nothing but its three fields", () => {
  assert.deepEqual(Object.keys(heightMessage(400)), ["type", "version", "height"]);
});
