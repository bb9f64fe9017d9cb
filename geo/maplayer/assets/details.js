// What a district's tooltip and popup say: its status, its age and the claims
// behind it. Every string from the bundle was escaped in Python; this module
// adds only its own fixed words and markup.

import { dayLabel, dayNumber, reportAt } from "./contract.js";

// One report as a list item, `mark` ("denied", "withdrawn") named after it. A
// claim another party denies still counts (the district is disputed): it is
// marked, not struck out; the map's style sheet strikes out a withdrawn one.
export function reportHtml(bundle, index, mark) {
  const report = reportAt(bundle, index);
  const source =
    report.link === null
      ? report.source
      : `<a href="${report.link}" target="_blank" ` +
        `rel="noopener noreferrer nofollow">${report.source}</a>`;
  let heading =
    `${dayLabel(bundle, report.day)} · ${source} ` +
    `(${report.sourceType}, ${report.kind}): ${report.says}`;
  if (mark) {
    heading = `<span class="${mark}">${heading}</span> <b>(${mark})</b>`;
  }
  return `<li>${heading}<br>${report.note}</li>`;
}

// The claims behind a state: the deciding reports (marked where another party
// denies them), those denials, then the reports withdrawn by their source.
export function claimsHtml(bundle, state) {
  const denied = new Set(state.denied);
  const items = [
    ...state.deciding.map((index) =>
      reportHtml(bundle, index, denied.has(index) ? "denied" : ""),
    ),
    ...state.denials.map((index) => reportHtml(bundle, index, "")),
    ...state.withdrawn.map((index) => reportHtml(bundle, index, "withdrawn")),
  ];
  return items.length
    ? `<ul>${items.join("")}</ul>`
    : "No report about this place yet.";
}

// What a contested or disputed state means, as HTML; empty for other states.
export function explanationHtml(bundle, state) {
  return bundle.styles[state.style].explanation;
}

// The sources of the deciding reports, each once: "Latest: A, B".
export function latestHtml(bundle, state) {
  const sources = [
    ...new Set(state.deciding.map((index) => reportAt(bundle, index).source)),
  ];
  return sources.length ? `Latest: ${sources.join(", ")}` : "";
}

// How old a state is on `day`, as plain text: "As of 1 Aug 2017 (3 days old)".
export function ageText(bundle, state, day) {
  if (state.asOf === null) {
    return "";
  }
  const age = dayNumber(day) - dayNumber(state.asOf);
  let when = `${age} days old`;
  if (age === 0) {
    when = "reported that day";
  } else if (age === 1) {
    when = "1 day old";
  }
  return `As of ${dayLabel(bundle, state.asOf)} (${when})`;
}
