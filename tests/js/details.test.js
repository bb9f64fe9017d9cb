// What a district's tooltip and popup say, on the tiny city's bundle.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { stateAt } from "../../geo/maplayer/assets/contract.js";
import {
  ageText,
  claimsHtml,
  explanationHtml,
  latestHtml,
} from "../../geo/maplayer/assets/details.js";

const bundle = JSON.parse(
  readFileSync(new URL("../maplayer/tiny_city_bundle.json", import.meta.url), "utf-8"),
);
const lastState = (district) => {
  const { state } = bundle.timeline[district];
  return stateAt(bundle, state[state.length - 1]);
};

test("a denied claim is marked denied, not struck out, its denial after it", () => {
  const html = claimsHtml(bundle, lastState("west"));

  assert.match(
    html,
    /^<ul><li><span class="denied">5 Jan 2020 · <a href="https:\/\/example.org\/r3"/,
  );
  assert.match(html, /Red media<\/a> \(media, claim\): held by Red army<\/span>/);
  assert.match(html, /by Red army<\/span> <b>\(denied\)<\/b><br>A test claim/);
  assert.match(
    html,
    /<li>5 Jan 2020 · .*\(media, denial of the report by Red media \(5 Jan 2020\)\)/,
  );
});

test("a claim withdrawn by its own source is struck through as withdrawn", () => {
  const html = claimsHtml(bundle, lastState("mill"));

  assert.match(
    html,
    /<span class="withdrawn">6 Jan 2020 .*<\/span> <b>\(withdrawn\)<\/b>/,
  );
  assert.equal(ageText(bundle, lastState("mill"), "2020-01-08"), "");
});

test("the tooltip names the latest sources once and the state's age in days", () => {
  const east = lastState("east");

  assert.equal(latestHtml(bundle, east), "Latest: Test source");
  assert.equal(
    ageText(bundle, east, "2020-01-03"),
    "As of 3 Jan 2020 (reported that day)",
  );
  assert.equal(ageText(bundle, east, "2020-01-04"), "As of 3 Jan 2020 (1 day old)");
  assert.equal(ageText(bundle, east, "2020-02-02"), "As of 3 Jan 2020 (30 days old)");
});

test("contested and disputed states say what they mean; others say nothing", () => {
  const disputed = lastState("west");
  const contested = lastState("east");

  assert.match(explanationHtml(bundle, disputed), /^Sources disagree/);
  assert.match(explanationHtml(bundle, contested), /^Fighting is reported/);
  assert.equal(explanationHtml(bundle, stateAt(bundle, bundle.no_reports)), "");
});

test("a place without reports says so", () => {
  const none = stateAt(bundle, bundle.no_reports);

  assert.equal(claimsHtml(bundle, none), "No report about this place yet.");
  assert.equal(latestHtml(bundle, none), "");
});
