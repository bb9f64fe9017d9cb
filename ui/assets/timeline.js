// The map page's timeline: previous and next, the report-day slider and Play, as
// one element. Streamlit calls this on every run of the timeline fragment with
// { daysUrl, day, secondsPerDay }: the first call wires the control up, later
// calls only move it. The city's days and their labels come from a static file,
// fetched once, so a step's message stays small.

const dayLists = new Map();

function dayList(url) {
  if (!dayLists.has(url)) {
    dayLists.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) {
          throw new Error(`Could not load the report days (${response.status})`);
        }
        return response.json();
      }),
    );
  }
  return dayLists.get(url);
}

// The position of `index` on a timeline of `count` days: kept within it.
export function boundedIndex(index, count) {
  return Math.min(Math.max(index, 0), count - 1);
}

function wire(root, timeline) {
  const previousButton = root.querySelector(".previous");
  const nextButton = root.querySelector(".next");
  const slider = root.querySelector("input");
  const play = root.querySelector(".play");
  const label = root.querySelector("output");

  timeline.show = (index) => {
    const last = timeline.days.length - 1;
    timeline.index = index;
    slider.max = String(last);
    slider.disabled = false;
    slider.value = String(index);
    slider.setAttribute("aria-valuetext", timeline.labels[index]);
    label.textContent = timeline.labels[index];
    previousButton.disabled = index <= 0;
    nextButton.disabled = index >= last;
  };
  const choose = (index) => {
    const bounded = boundedIndex(index, timeline.days.length);
    if (bounded === timeline.index) {
      return;
    }
    timeline.show(bounded);
    timeline.pending = timeline.days[bounded];
    timeline.setStateValue("day", timeline.pending);
  };
  timeline.stop = () => {
    clearInterval(timeline.timer);
    timeline.timer = null;
    play.setAttribute("aria-pressed", "false");
    play.textContent = "Play";
  };
  const byReader = (action) => () => {
    timeline.stop();
    action();
  };

  previousButton.addEventListener("click", byReader(() => choose(timeline.index - 1)));
  nextButton.addEventListener("click", byReader(() => choose(timeline.index + 1)));
  slider.addEventListener("input", () => {
    label.textContent = timeline.labels[Number(slider.value)];
  });
  slider.addEventListener("change", byReader(() => choose(Number(slider.value))));
  play.addEventListener("click", () => {
    if (timeline.timer !== null) {
      return timeline.stop();
    }
    if (timeline.index >= timeline.days.length - 1) {
      choose(0);
    }
    play.setAttribute("aria-pressed", "true");
    play.textContent = "Pause";
    timeline.timer = setInterval(() => {
      if (timeline.index >= timeline.days.length - 1) {
        return timeline.stop();
      }
      choose(timeline.index + 1);
    }, timeline.secondsPerDay * 1000);
  });
}

export default async function ({ data, parentElement, setStateValue }) {
  const root = parentElement.querySelector(".timeline");
  root.timeline ??= { index: -1, pending: null, timer: null, days: [], labels: [] };
  const timeline = root.timeline;
  timeline.setStateValue = setStateValue;
  timeline.secondsPerDay = data.secondsPerDay;
  const { days, labels } = await dayList(data.daysUrl);
  Object.assign(timeline, { days, labels });
  if (!timeline.show) {
    wire(root, timeline);
  }
  // While a pick is on its way, older days echoed by the server do not move it back.
  if (timeline.pending === data.day) {
    timeline.pending = null;
  }
  const index = days.indexOf(data.day);
  if (index >= 0 && timeline.pending === null) {
    timeline.show(index);
  }
  return timeline.stop;
}
