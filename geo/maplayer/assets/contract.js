// The map contract, read in the browser: the bundle and the day view by their
// field names. Both are described once, in Python (geo/maplayer/contract.py,
// written out as bundle.schema.json); this module only looks fields up. Every
// string a field calls HTML was escaped in Python (geo/escaping.py).

export const SCHEMA_VERSION = 6;

const DAY_MS = 86400000;

// Why this bundle cannot be read, or null if it can: its schema version.
export function versionProblem(bundle) {
  const version = bundle ? bundle.schema_version : undefined;
  if (version === SCHEMA_VERSION) {
    return null;
  }
  return (
    `Frontline cannot draw this map: its data is schema version ${version}, ` +
    `but this map script reads version ${SCHEMA_VERSION}. Reload the page.`
  );
}

// Days since 1970: ages become plain subtractions on every step.
export function dayNumber(isoDay) {
  return Math.round(Date.parse(isoDay) / DAY_MS);
}

// A day as readers see it ("1 Aug 2017"), as Python wrote it.
export function dayLabel(bundle, isoDay) {
  return Object.hasOwn(bundle.day_labels, isoDay)
    ? bundle.day_labels[isoDay]
    : isoDay;
}

// The bundle's tables keyed by a district id or a day.
const KEYED_TABLES = ["day_labels", "names", "precision", "timeline"];

// A table that answers only with its own entries: a key such as "constructor"
// or "__proto__" finds its own entry or nothing, never Object.prototype's.
export function ownTable(entries = {}) {
  return Object.assign(Object.create(null), entries);
}

// The bundle, its tables keyed by id or day made own-entry tables (in place);
// a table that is one already is kept as it is.
export function withOwnLookups(bundle) {
  for (const name of KEYED_TABLES) {
    if (Object.getPrototypeOf(bundle[name] ?? {}) !== null) {
      bundle[name] = ownTable(bundle[name]);
    }
  }
  return bundle;
}

// The index in `states` on `day`, from one district's timeline: its last change
// on or before the day, or `noReports` before its first.
export function stateIndexOn(changes, day, noReports) {
  let low = 0;
  let high = changes.day.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (changes.day[middle] <= day) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found < 0 ? noReports : changes.state[found];
}

// The share of its opacity something keeps at `ageDays` old (null: never reported),
// read from the table Python computed with its fade rule.
export function fadeShare(bundle, ageDays) {
  if (ageDays === null) {
    return 1;
  }
  const shares = bundle.fade.share_by_age;
  return shares[Math.min(Math.max(ageDays, 0), shares.length - 1)];
}

// Report `index`, its texts looked up.
export function reportAt(bundle, index) {
  const { reports, text } = bundle;
  const link = reports.link[index];
  return {
    day: reports.day[index],
    source: text[reports.source[index]],
    sourceType: text[reports.source_type[index]],
    kind: text[reports.kind[index]],
    says: text[reports.says[index]],
    link: link === null ? null : text[link],
    note: text[reports.note[index]],
  };
}

// State `index`: its style's index, status text, as-of day and report indexes.
export function stateAt(bundle, index) {
  const { states, text } = bundle;
  return {
    style: states.style[index],
    status: text[states.status[index]],
    asOf: states.as_of[index],
    deciding: states.deciding[index],
    denied: states.denied[index] ?? [],
    denials: states.denials[index] ?? [],
    withdrawn: states.withdrawn[index] ?? [],
  };
}

// Point event `index`, its popup's HTML looked up.
export function eventAt(bundle, index) {
  const { events, text } = bundle;
  return {
    day: events.day[index],
    lat: events.lat[index],
    lon: events.lon[index],
    kind: events.kind[index],
    popup: text[events.popup[index]],
  };
}
