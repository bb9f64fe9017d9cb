// The map's search box: matching what a reader types against places' names.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { foldForSearch, matchPlaces } from "../../geo/maplayer/assets/search.js";

const bundle = JSON.parse(
  readFileSync(new URL("../maplayer/tiny_city_bundle.json", import.meta.url), "utf-8"),
);

const NAMES = [
  ["al-Mashlab", "المشلب", "Meşleb"],
  ["al-Dar'iya", "الدرعية", "Dariya"],
  ["Old City (al-Rafiqa)", "Raqqa al-Qadima"],
  ["al-Rashid", "al-Rasheed"],
];

test("accents, case, apostrophes, hyphens and spaces do not matter", () => {
  assert.equal(foldForSearch("al-Dar'iya"), foldForSearch("AL DARIYA"));
  assert.equal(foldForSearch("Meşleb"), "mesleb");
});

test("a district is found by part of its English, local or other name", () => {
  assert.deepEqual(matchPlaces("mashl", NAMES), [0]);
  assert.deepEqual(matchPlaces("مشلب", NAMES), [0]);
  assert.deepEqual(matchPlaces("meşl", NAMES), [0]);
  assert.deepEqual(matchPlaces("rafiqa", NAMES), [2]);
});

test("names that start with the words typed come before names containing them", () => {
  // "al-ra" starts al-Rashid but sits inside "Old City (al-Rafiqa)".
  assert.deepEqual(matchPlaces("al-ra", NAMES), [3, 2]);
});

test("nothing typed, or nothing matching, lists nothing", () => {
  assert.deepEqual(matchPlaces("  ", NAMES), []);
  assert.deepEqual(matchPlaces("zzz", NAMES), []);
});

test("at most a handful of matches are listed", () => {
  const many = Array.from({ length: 20 }, (_, index) => [`Street ${index}`]);

  assert.equal(matchPlaces("street", many).length, 6);
});

test("the bundle's places are found by their Arabic names", () => {
  const east = bundle.places.id.indexOf("east");

  assert.deepEqual(matchPlaces("شرق", bundle.places.search), [east]);
});
