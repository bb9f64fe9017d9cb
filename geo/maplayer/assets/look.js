// How a district is drawn: its state's style, its fade and its role on the map.

export const HATCH_ID = "frontline-hatch";
export const FADE_STEPS = 20;

// A district's role: selected, outlined (changed or disputed), or neither.
export const Role = Object.freeze({ PLAIN: 0, OUTLINED: 1, SELECTED: 2 });

// Opacity in twentieths, so a fade repaints a path every few days, not every day.
export function opacitySteps(opacity, share) {
  return Math.round(opacity * share * FADE_STEPS);
}

// Leaflet path options for a district (or landmark point) drawn in the style
// at `styleIndex`, at `steps` twentieths of full opacity.
export function districtLook(bundle, styleIndex, isPoint, steps, role) {
  const style = bundle.styles[styleIndex];
  const { colours } = bundle;
  const outline = {
    [Role.PLAIN]: colours.outline,
    [Role.OUTLINED]: colours.highlight,
    [Role.SELECTED]: colours.selected,
  };
  let dashArray = null;
  if (role === Role.OUTLINED) {
    dashArray = "6 4";
  } else if (style.hatched) {
    dashArray = "4 3";
  }
  let weight = isPoint ? 1.5 : 1;
  if (role !== Role.PLAIN) {
    weight = 3;
  }
  return {
    fillColor: style.hatched && !isPoint ? `url(#${HATCH_ID})` : style.fill,
    fillOpacity: steps / FADE_STEPS,
    color: outline[role],
    weight,
    dashArray,
  };
}

// The CSS background of a legend swatch for a style.
export function swatchBackground(bundle, style) {
  const { colours } = bundle;
  if (!style.hatched) {
    return style.fill;
  }
  return (
    `repeating-linear-gradient(45deg,${colours.hatch_stripe} 0 3px,` +
    `${colours.hatch_background} 3px 6px)`
  );
}
