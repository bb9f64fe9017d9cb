// How a district is drawn: its state's style, its fade and its role on the map.
// Every colour, line and pattern comes from Python (geo/colours.py, by way of
// the bundle); this module only puts them together.

export const HATCH_ID = "frontline-hatch";
export const DOTS_ID = "frontline-dots";
const SVG = "http://www.w3.org/2000/svg";

// A district's role: plain, outlined as changed or as disagreeing, or selected.
export const Role = Object.freeze({
  PLAIN: 0,
  CHANGED: 1,
  DISAGREEING: 2,
  SELECTED: 3,
});
export const ROLE_COUNT = 4;
const ROLE_LINES = ["district", "changed", "disagreeing", "selected"];
const PATTERN_IDS = { hatch: HATCH_ID, dots: DOTS_ID };

// The role of district `id` in a day view; selected wins, then disagreeing
// (the two picked sources differ), then changed.
export function roleOf(id, view, changed, disagreeing) {
  if (id === view.selected) {
    return Role.SELECTED;
  }
  if (disagreeing.has(id)) {
    return Role.DISAGREEING;
  }
  return changed.has(id) ? Role.CHANGED : Role.PLAIN;
}

// Opacity in steps (twentieths), so a fade repaints a path every few days.
export function opacitySteps(bundle, opacity, share) {
  return Math.round(opacity * share * bundle.fade.steps);
}

// The fill opacity of `steps` steps.
export function stepOpacity(bundle, steps) {
  return steps / bundle.fade.steps;
}

// Leaflet path options for a district (or landmark point) drawn in the style
// at `styleIndex`, at `steps` steps of full opacity, in its `role`.
export function districtLook(bundle, styleIndex, isPoint, steps, role) {
  const style = bundle.styles[styleIndex];
  const line = bundle.lines[ROLE_LINES[role]];
  const patterned = style.pattern !== "flat";
  // A plain landmark is ringed (bundle.lines.landmark: white), like its legend
  // dot: in a district of its own colour a grey ring vanished.
  const ring = isPoint && role === Role.PLAIN ? bundle.lines.landmark : line;
  return {
    fillColor:
      patterned && !isPoint ? `url(#${PATTERN_IDS[style.pattern]})` : style.fill,
    fillOpacity: stepOpacity(bundle, steps),
    color: ring.colour,
    weight: ring.weight,
    dashArray: ring.dash,
    lineCap: "round",
  };
}

// The CSS background of a legend swatch for a style: its fill or its pattern.
export function swatchBackground(bundle, style) {
  const { hatch, dots } = bundle.patterns;
  if (style.pattern === "hatch") {
    return (
      `repeating-linear-gradient(45deg,${hatch.stripe} 0 ${hatch.stripe_width}px,` +
      `${hatch.background} ${hatch.stripe_width}px ${hatch.size}px)`
    );
  }
  if (style.pattern === "dots") {
    return (
      `radial-gradient(circle,${dots.dot} ${dots.radius}px,` +
      `transparent ${dots.radius + 0.5}px) 0 0/${dots.spacing}px ` +
      `${dots.spacing}px,${dots.background}`
    );
  }
  return style.fill;
}

// SVG markup of a short stretch of `line`, for its legend row.
export function lineSample(line) {
  const dash = line.dash === null ? "" : ` stroke-dasharray="${line.dash}"`;
  return (
    `<svg width="30" height="12" aria-hidden="true">` +
    `<line x1="3" y1="6" x2="27" y2="6" stroke="${line.colour}" ` +
    `stroke-width="${line.weight}" stroke-linecap="round"${dash}/></svg>`
  );
}

function patternElement(page, id, size, transform) {
  const pattern = page.createElementNS(SVG, "pattern");
  pattern.setAttribute("id", id);
  pattern.setAttribute("patternUnits", "userSpaceOnUse");
  pattern.setAttribute("width", String(size));
  pattern.setAttribute("height", String(size));
  if (transform) {
    pattern.setAttribute("patternTransform", transform);
  }
  return pattern;
}

function shape(page, tag, attributes) {
  const element = page.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

// Add the disputed hatch and the "no report" dots to `svg`, once.
export function addPatterns(svg, bundle) {
  if (!svg || svg.querySelector(`#${HATCH_ID}`)) {
    return;
  }
  const page = svg.ownerDocument;
  const { hatch, dots } = bundle.patterns;
  const stripes = patternElement(page, HATCH_ID, hatch.size, "rotate(45)");
  stripes.appendChild(
    shape(page, "rect", {
      width: hatch.size,
      height: hatch.size,
      fill: hatch.background,
    }),
  );
  stripes.appendChild(
    shape(page, "rect", {
      width: hatch.stripe_width,
      height: hatch.size,
      fill: hatch.stripe,
    }),
  );
  const spots = patternElement(page, DOTS_ID, dots.spacing, null);
  spots.appendChild(
    shape(page, "rect", {
      width: dots.spacing,
      height: dots.spacing,
      fill: dots.background,
    }),
  );
  spots.appendChild(
    shape(page, "circle", {
      cx: dots.spacing / 2,
      cy: dots.spacing / 2,
      r: dots.radius,
      fill: dots.dot,
    }),
  );
  const defs = page.createElementNS(SVG, "defs");
  defs.appendChild(stripes);
  defs.appendChild(spots);
  svg.insertBefore(defs, svg.firstChild);
}
