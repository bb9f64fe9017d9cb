// Changes to the timeline of the bundle the map holds, made in place so the
// map repaints without being rebuilt: the reader's zoom, pan and open popup
// stay, and whatever holds the bundle (search, keys, legend) keeps it.
//
// Edits stored after the bundle was built (the TimelinePatch of
// geo/maplayer/contract.py): the patch's text, reports and states are appended
// to the bundle's, their indexes moved along; the touched districts' timelines
// are replaced. And a first bundle's one day (OneDay) gives way to the whole
// bundle's timeline once that arrives.

import { withOwnLookups } from "./contract.js";

const REPORT_TEXT_FIELDS = ["source", "source_type", "kind", "says", "note"];
const SPARSE_STATE_FIELDS = ["denied", "denials", "withdrawn"];

const shifted = (indexes, offset) => indexes.map((index) => index + offset);

function appendReports(bundle, patch, textOffset) {
  const { reports } = bundle;
  reports.day.push(...patch.reports.day);
  for (const field of REPORT_TEXT_FIELDS) {
    reports[field].push(...shifted(patch.reports[field], textOffset));
  }
  reports.link.push(
    ...patch.reports.link.map((link) => (link === null ? null : link + textOffset)),
  );
}

function appendStates(bundle, patch, textOffset, reportOffset) {
  const { states } = bundle;
  const stateOffset = states.style.length;
  states.style.push(...patch.states.style);
  states.status.push(...shifted(patch.states.status, textOffset));
  states.as_of.push(...patch.states.as_of);
  states.deciding.push(
    ...patch.states.deciding.map((reports) => shifted(reports, reportOffset)),
  );
  for (const field of SPARSE_STATE_FIELDS) {
    for (const [row, reports] of Object.entries(patch.states[field])) {
      states[field][String(Number(row) + stateOffset)] = shifted(
        reports,
        reportOffset,
      );
    }
  }
}

// Apply `patch` to `bundle` in place; the ids of the districts it touched.
export function applyPatch(bundle, patch) {
  const textOffset = bundle.text.length;
  const reportOffset = bundle.reports.day.length;
  const stateOffset = bundle.states.style.length;
  bundle.text.push(...patch.text);
  appendReports(bundle, patch, textOffset);
  appendStates(bundle, patch, textOffset, reportOffset);
  const touched = Object.keys(patch.timeline);
  for (const id of touched) {
    const changes = patch.timeline[id];
    bundle.timeline[id] = {
      day: [...changes.day],
      state: shifted(changes.state, stateOffset),
    };
  }
  bundle.days = [...patch.days];
  Object.assign(bundle.day_labels, patch.day_labels);
  return touched;
}

// What a first bundle holds of one day only, and the whole bundle of every day.
const TIMELINE_FIELDS = [
  "text",
  "reports",
  "states",
  "no_reports",
  "timeline",
  "events",
  "days",
  "day_labels",
];

// Take the `whole` bundle's timeline into the first `bundle`, in place.
export function takeWholeTimeline(bundle, whole) {
  for (const field of TIMELINE_FIELDS) {
    bundle[field] = whole[field];
  }
  bundle.one_day = null;
  withOwnLookups(bundle);
}
