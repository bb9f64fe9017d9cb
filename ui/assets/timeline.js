// The map page's timeline: a slider over every calendar day, ◀ ▶ between report
// days, and Play with a speed picker, as one element. Streamlit calls this on
// every run of the timeline fragment with { daysUrl, day }: the first call wires
// the control up, later calls only move it. The city's calendar (days, labels,
// report days, month ticks) comes from a static file, fetched once, so a step's
// message stays small. A step first tells the map's frame the day, so the map
// repaints at once from the data it holds, then the server, so the rest of the
// page follows.

// How long Play stays on a report day at least, so that its changes can be read.
export const REPORT_PAUSE_MS = 800;
// Play moves the map at most this often; faster speeds move several days at once.
export const MOVES_PER_SECOND = 8;

// The map's frame on the page (streamlit-folium's component, same origin).
const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';

// The message the map's frame reads (geo/maplayer/assets/day_channel.js: this
// script is imported on its own and cannot import that module).
export function dayMessage(day) {
  return { type: "frontline:day", version: 1, day };
}

// Tell the map on this page to show `day` now, before the server hears of it.
function tellMap(day) {
  for (const frame of document.querySelectorAll(MAP_FRAME)) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage(dayMessage(day), window.location.origin);
    }
  }
}

const calendars = new Map();

function calendarAt(url) {
  if (!calendars.has(url)) {
    calendars.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) {
          throw new Error(`Could not load the timeline's days (${response.status})`);
        }
        return response.json();
      }),
    );
  }
  return calendars.get(url);
}

// The position of `index` on a timeline of `count` days: kept within it.
export function boundedIndex(index, count) {
  return Math.min(Math.max(index, 0), count - 1);
}

// How many of the sorted `indexes` are at or before `index`.
function countUpTo(indexes, index) {
  let low = 0;
  let high = indexes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (indexes[middle] <= index) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

// The latest report day on or before day `index` (all indexes into the calendar),
// or null before the first: the day whose reports the map shows.
export function reportOnOrBefore(index, reports) {
  const count = countUpTo(reports, index);
  return count > 0 ? reports[count - 1] : null;
}

// Where ◀ goes from day `index`: the report day before it, or null.
export function previousReport(index, reports) {
  return reportOnOrBefore(index - 1, reports);
}

// Where ▶ goes from day `index`: the report day after it, or null.
export function nextReport(index, reports) {
  const count = countUpTo(reports, index);
  return count < reports.length ? reports[count] : null;
}

// Play's next move from day `index` at `daysPerSecond`: the day it moves to
// (never past a report day or the last day) and how long it stays on `index`
// first: the days it moves over at that speed, but never under a move's share
// of a second, and on a report day long enough to read.
export function playStep(index, reports, lastIndex, daysPerSecond) {
  const daysPerMove = Math.max(1, Math.ceil(daysPerSecond / MOVES_PER_SECOND));
  const report = nextReport(index, reports);
  const next = Math.min(index + daysPerMove, report ?? lastIndex, lastIndex);
  const moveMs = Math.max(
    ((next - index) * 1000) / daysPerSecond,
    1000 / MOVES_PER_SECOND,
  );
  const onReport = reportOnOrBefore(index, reports) === index;
  return { next, waitMs: onReport ? Math.max(moveMs, REPORT_PAUSE_MS) : moveMs };
}

// What the small line under the day says about the map's reports.
export function reportNote(index, reports, labels) {
  const report = reportOnOrBefore(index, reports);
  if (report === index) {
    return "report day";
  }
  return report === null
    ? "before the first report"
    : `latest report ${labels[report]}`;
}

// Day `index` as a share of the slider's length, for the marks beside it.
function share(index, count) {
  return count > 1 ? index / (count - 1) : 0;
}

function mark(className, index, count) {
  const element = document.createElement("span");
  element.className = className;
  element.style.setProperty("--at", String(share(index, count)));
  return element;
}

// Every month keeps its tick, but only as many are named as there is room for:
// each month, quarter, half year, year, or every few years (a long war on a
// phone). Strides of whole years name Januaries, which are named by their year.
const MONTH_NAME_STRIDES = [1, 3, 6, 12, 24, 60, 120];
// The least room, in CSS pixels, from one month's name to the next and from a
// name to the track's end: "2031" at the ticks' size, and a gap.
export const MONTH_NAME_ROOM_PX = 40;

// How many months apart the named ticks are on a track `widthPx` wide that holds
// `dayCount` days: the fewest that leaves names MONTH_NAME_ROOM_PX apart.
export function monthNameStride(dayCount, widthPx) {
  const shortestMonthPx =
    dayCount > 1 ? (28 * widthPx) / (dayCount - 1) : Number.POSITIVE_INFINITY;
  return (
    MONTH_NAME_STRIDES.find(
      (stride) => stride * shortestMonthPx >= MONTH_NAME_ROOM_PX,
    ) ?? MONTH_NAME_STRIDES.at(-1)
  );
}

// Whether the month that begins on `isoDay` is named at `stride` months apart.
export function namesMonth(isoDay, stride) {
  const year = Number(isoDay.slice(0, 4));
  const month = Number(isoDay.slice(5, 7));
  return (year * 12 + month - 1) % stride === 0;
}

// Report-day marks closer than this, on average, run together into one band:
// they are then drawn lighter, so the band reads as "reports all along" and
// does not outweigh the track (a long war reported every day).
export const REPORT_MARK_ROOM_PX = 4;

// Whether `reportCount` report-day marks run together on a track `widthPx` wide.
export function marksRunTogether(reportCount, widthPx) {
  return reportCount * REPORT_MARK_ROOM_PX > widthPx;
}

// Fit the marks to the track's present width: name the month ticks there is
// room for (a named one is drawn over the unnamed ticks its name spans), and
// draw the report marks lighter where they run together.
function fitMarks(container, dayCount, reportCount) {
  const width = container.clientWidth;
  if (width === 0) {
    return;
  }
  container.classList.toggle("dense", marksRunTogether(reportCount, width));
  const stride = monthNameStride(dayCount, width);
  for (const month of container.querySelectorAll(".month")) {
    const roomLeft = width * (1 - Number(month.style.getPropertyValue("--at")));
    const named =
      namesMonth(month.dataset.day, stride) && roomLeft >= MONTH_NAME_ROOM_PX;
    month.textContent = named ? month.dataset.name : "";
  }
}

function drawMarks(container, calendar) {
  const count = calendar.days.length;
  const marks = calendar.reports.map((index) => mark("report", index, count));
  for (const [index, name] of calendar.months) {
    const month = mark("month", index, count);
    month.dataset.name = name;
    month.dataset.day = calendar.days[index];
    marks.push(month);
  }
  container.replaceChildren(...marks);
  // Fitted again whenever the track's width changes (a phone turned, the sidebar).
  container.markFitter?.disconnect();
  container.markFitter = new ResizeObserver(() =>
    fitMarks(container, count, calendar.reports.length),
  );
  container.markFitter.observe(container);
}

function wire(root, timeline) {
  const previousButton = root.querySelector(".previous");
  const nextButton = root.querySelector(".next");
  const slider = root.querySelector("input");
  const label = root.querySelector("output");
  const note = root.querySelector(".as-of");
  const play = root.querySelector(".play");
  const speed = root.querySelector(".speed");
  const last = () => timeline.days.length - 1;

  // The day, its note and the slider's fill, also while a reader drags.
  const describe = (index) => {
    const said = reportNote(index, timeline.reports, timeline.labels);
    label.textContent = timeline.labels[index];
    note.textContent = said;
    slider.setAttribute("aria-valuetext", `${timeline.labels[index]}, ${said}`);
    slider.style.setProperty("--progress", String(share(index, last() + 1)));
  };
  timeline.show = (index) => {
    timeline.index = index;
    slider.max = String(last());
    slider.disabled = false;
    slider.value = String(index);
    describe(index);
    previousButton.disabled = previousReport(index, timeline.reports) === null;
    nextButton.disabled = nextReport(index, timeline.reports) === null;
  };
  const choose = (index) => {
    if (index === null) {
      return;
    }
    const bounded = boundedIndex(index, timeline.days.length);
    if (bounded === timeline.index) {
      return;
    }
    timeline.show(bounded);
    timeline.pending = timeline.days[bounded];
    tellMap(timeline.pending);
    timeline.setStateValue("day", timeline.pending);
  };
  timeline.stop = () => {
    clearTimeout(timeline.timer);
    timeline.timer = null;
    play.setAttribute("aria-pressed", "false");
    play.textContent = "Play";
  };
  const playing = () => timeline.timer !== null;
  const stepAfter = (index) =>
    playStep(index, timeline.reports, last(), Number(speed.value));
  // One move of Play. The map shows the day as it moves, so Play keeps its own
  // pace and does not wait for the server.
  timeline.advance = () => {
    const { next } = stepAfter(timeline.index);
    choose(next);
    if (next >= last()) {
      timeline.stop();
      return;
    }
    timeline.timer = setTimeout(timeline.advance, stepAfter(next).waitMs);
  };
  const byReader = (action) => () => {
    timeline.stop();
    action();
  };

  previousButton.addEventListener(
    "click",
    byReader(() => choose(previousReport(timeline.index, timeline.reports))),
  );
  nextButton.addEventListener(
    "click",
    byReader(() => choose(nextReport(timeline.index, timeline.reports))),
  );
  // While a reader drags, the map follows; the server hears on release.
  slider.addEventListener(
    "input",
    byReader(() => {
      describe(Number(slider.value));
      tellMap(timeline.days[Number(slider.value)]);
    }),
  );
  slider.addEventListener("change", () => choose(Number(slider.value)));
  play.addEventListener("click", () => {
    if (playing()) {
      timeline.stop();
      return;
    }
    play.setAttribute("aria-pressed", "true");
    play.textContent = "Pause";
    if (timeline.index < last()) {
      timeline.advance();
      return;
    }
    choose(0);
    timeline.timer = setTimeout(timeline.advance, stepAfter(0).waitMs);
  });
}

export default async function ({ data, parentElement, setStateValue }) {
  const root = parentElement.querySelector(".timeline");
  root.timeline ??= { index: -1, pending: null, timer: null };
  const timeline = root.timeline;
  timeline.setStateValue = setStateValue;
  const calendar = await calendarAt(data.daysUrl);
  if (timeline.daysUrl !== data.daysUrl) {
    Object.assign(timeline, calendar, { daysUrl: data.daysUrl, index: -1 });
    drawMarks(root.querySelector(".marks"), calendar);
  }
  if (!timeline.show) {
    wire(root, timeline);
  }
  // While a pick is on its way, older days echoed by the server do not move it back.
  if (timeline.pending === data.day) {
    timeline.pending = null;
  }
  const index = timeline.days.indexOf(data.day);
  if (index >= 0 && timeline.pending === null) {
    timeline.show(index);
  }
  root.dataset.ready = "true";
  return timeline.stop;
}
