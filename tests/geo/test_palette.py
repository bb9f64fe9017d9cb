"""The map's palette, as readers with each kind of colour vision see it.

Colours are compared as the map draws them: composited over the map's ground at
their opacity, a pattern as the average of its colours, a fade at its faintest.
Differences are CIEDE2000 on CIELAB (D65), after simulating deuteranopia,
protanopia and tritanopia (Machado et al. 2009 at severity 100, colorspacious)
and greyscale print (lightness only). The thresholds:

- ``FULL_APART`` (10): two classes at full opacity, e.g. SDF against contested.
- ``FADED_APART`` (6): any pair where one side is faded or held only in part,
  e.g. a month-old IS district against "no report".
- In greyscale only lightness is left: the flat classes at full opacity are
  ``FULL_APART``; the disputed hatch and the "no report" dots are told apart by
  their pattern (a pale yellow held in part, a month old, is as light as white).
"""

import itertools
import math
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert

from geo.colours import (
    CHANGED_OUTLINE,
    COLOUR_BLIND_SAFE_ACTOR_COLOURS,
    DISAGREEING_OUTLINE,
    DISPUTED_HATCH,
    EVENT_COLOURS,
    FADED_OPACITY_SHARE,
    FRONT_LINE,
    MAP_BACKGROUND,
    NO_REPORT_DOTS,
    OPACITY_STEPS,
    SELECTED_OUTLINE,
    Actor,
    Pattern,
    Style,
    as_drawn,
    map_styles,
)

ROOT = Path(__file__).resolve().parents[2]
FULL_APART = 10.0
FADED_APART = 6.0
TEXT_CONTRAST = 4.5
"""WCAG 2 AA for text under 18 px."""
VISIONS = ("typical", "deuteranopia", "protanopia", "tritanopia")
_MACHADO = {
    "deuteranopia": "deuteranomaly",
    "protanopia": "protanomaly",
    "tritanopia": "tritanomaly",
}


def srgb(colour: str) -> np.ndarray:
    """``#rrggbb`` as sRGB in 0..1."""
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def composite(colour: np.ndarray, opacity: float, ground: str) -> np.ndarray:
    """``colour`` at ``opacity`` over ``ground``, blended as browsers do (sRGB)."""
    return opacity * colour + (1 - opacity) * srgb(ground)


def seen(colour: np.ndarray, vision: str) -> np.ndarray:
    """CIELAB of ``colour`` as a reader with ``vision`` sees it."""
    if vision in _MACHADO:
        space = {"name": "sRGB1+CVD", "cvd_type": _MACHADO[vision], "severity": 100}
        colour = np.clip(cspace_convert(colour, space, "sRGB1"), 0, 1)
    lab = cspace_convert(colour, "sRGB1", "CIELab")
    return np.array([lab[0], 0, 0]) if vision == "greyscale" else lab


def ciede2000(first: np.ndarray, second: np.ndarray) -> float:
    """The CIEDE2000 difference of two CIELAB colours (Sharma, Wu, Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = first, second
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    turn = h2 - h1
    if c1 * c2 == 0:
        turn = 0.0
    elif turn > 180:
        turn -= 360
    elif turn < -180:
        turn += 360
    delta_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(turn / 2))
    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + (360 if h1 + h2 < 360 else -360)) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    rotation = 30 * math.exp(-(((mean_h - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(mean_c**7 / (mean_c**7 + 25**7))
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    s_c = 1 + 0.045 * mean_c
    s_h = 1 + 0.015 * mean_c * t
    r_t = -math.sin(math.radians(2 * rotation)) * r_c
    dl, dc, dh = (l2 - l1) / s_l, (c2 - c1) / s_c, delta_h / s_h
    return math.sqrt(dl**2 + dc**2 + dh**2 + r_t * dc * dh)


def drawn_opacity(opacity: float) -> float:
    """An opacity as the map draws it, in ``OPACITY_STEPS``."""
    return round(opacity * OPACITY_STEPS) / OPACITY_STEPS


def mean_colour(style: Style) -> np.ndarray:
    """A style's fill as the eye averages it: a pattern's colours by their share."""
    if style.pattern == Pattern.HATCH:
        share = DISPUTED_HATCH.stripe_share
        return share * srgb(DISPUTED_HATCH.stripe) + (1 - share) * srgb(
            DISPUTED_HATCH.background
        )
    if style.pattern == Pattern.DOTS:
        share = NO_REPORT_DOTS.dot_share
        return share * srgb(NO_REPORT_DOTS.dot) + (1 - share) * srgb(
            NO_REPORT_DOTS.background
        )
    return srgb(style.fill)


class Look:
    """One way a class appears on the map: fresh or faded, over the map's ground."""

    def __init__(self, style: Style, faded: bool) -> None:
        self.style = style
        self.faded = faded
        share = FADED_OPACITY_SHARE if faded and style.pattern != Pattern.DOTS else 1
        self.colour = composite(
            mean_colour(style), drawn_opacity(style.opacity * share), MAP_BACKGROUND
        )
        self.map_class = style.key.rsplit(":", 1)[0]
        """Classes a reader tells apart: a side's full and partial share one."""

    @property
    def at_full(self) -> bool:
        return not self.faded and not self.style.key.endswith(":partial")

    def __repr__(self) -> str:
        return f"{self.style.label}{' (faded)' if self.faded else ''}"


def looks_of(actor_colours: tuple[str, ...]) -> list[Look]:
    actors = tuple(
        Actor(f"side{index}", f"Side {index}", colour)
        for index, colour in enumerate(actor_colours)
    )
    styles = map_styles(actors)
    return [Look(style, faded) for style in styles for faded in (False, True)]


def differences(looks: list[Look], vision: str) -> list[tuple[float, Look, Look]]:
    """Each pair of looks of different classes, with their difference."""
    return [
        (
            ciede2000(seen(first.colour, vision), seen(second.colour, vision)),
            first,
            second,
        )
        for first, second in itertools.combinations(looks, 2)
        if first.map_class != second.map_class
    ]


def raqqa_colours() -> tuple[str, ...]:
    settings = tomllib.loads((ROOT / "data/raqqa/city.toml").read_text("utf-8"))
    return tuple(actor["colour"] for actor in settings["actors"])


PALETTES = {
    "Raqqa's sides": raqqa_colours(),
    "a new city's sides": COLOUR_BLIND_SAFE_ACTOR_COLOURS,
}


def test_the_measure_agrees_with_published_ciede2000_pairs():
    # Sharma, Wu and Dalal (2005), table 1: pairs 1, 7 and 19.
    pairs = [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((50, 2.5, 0), (73, 25, -18), 27.1492),
    ]
    for first, second, expected in pairs:
        assert ciede2000(np.array(first), np.array(second)) == pytest.approx(
            expected, abs=1e-4
        )


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("palette", PALETTES)
def test_every_class_stays_apart_faded_ends_included(palette, vision):
    too_close = [
        (round(difference, 1), first, second)
        for difference, first, second in differences(
            looks_of(PALETTES[palette]), vision
        )
        if difference
        < (FULL_APART if first.at_full and second.at_full else FADED_APART)
    ]

    assert too_close == []


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("palette", PALETTES)
def test_a_faded_side_never_looks_like_no_report(palette, vision):
    looks = looks_of(PALETTES[palette])
    no_report = next(look for look in looks if look.style.pattern == Pattern.DOTS)
    nearest = min(
        ciede2000(seen(look.colour, vision), seen(no_report.colour, vision))
        for look in looks
        if look.faded and look.map_class != no_report.map_class
    )

    assert nearest >= FADED_APART


@pytest.mark.parametrize("palette", PALETTES)
def test_in_greyscale_flat_fills_differ_in_lightness_and_the_rest_in_pattern(palette):
    looks = [look for look in looks_of(PALETTES[palette]) if look.at_full]
    flat = [look for look in looks if look.style.pattern == Pattern.FLAT]
    too_close = [
        (round(difference, 1), first, second)
        for difference, first, second in differences(flat, "greyscale")
        if difference < FULL_APART
    ]

    assert too_close == []
    patterns = [look.style.pattern for look in looks if look not in flat]
    assert sorted(patterns) == sorted({Pattern.HATCH, Pattern.DOTS})


@pytest.mark.parametrize("palette", PALETTES)
def test_event_kinds_stand_apart_from_each_other_and_from_every_fill(palette):
    fills = [look for look in looks_of(PALETTES[palette]) if look.at_full]
    kinds = {kind: srgb(colour) for kind, colour in EVENT_COLOURS.items()}
    too_close = []
    for vision in VISIONS:
        for (kind, colour), (other, other_colour) in itertools.combinations(
            kinds.items(), 2
        ):
            difference = ciede2000(seen(colour, vision), seen(other_colour, vision))
            if difference < FULL_APART:
                too_close.append((vision, kind, other, round(difference, 1)))
        for (kind, colour), fill in itertools.product(kinds.items(), fills):
            difference = ciede2000(seen(colour, vision), seen(fill.colour, vision))
            if difference < FULL_APART:
                too_close.append((vision, kind, fill, round(difference, 1)))

    assert too_close == []


@pytest.mark.parametrize("palette", PALETTES)
def test_every_outline_shows_on_every_fill(palette):
    looks = looks_of(PALETTES[palette])
    lines = (SELECTED_OUTLINE, CHANGED_OUTLINE, DISAGREEING_OUTLINE, FRONT_LINE)
    too_close = [
        (vision, line.label, look, round(difference, 1))
        for vision in VISIONS
        for line in lines
        for look in looks
        if (
            difference := ciede2000(
                seen(srgb(line.colour), vision), seen(look.colour, vision)
            )
        )
        < FULL_APART
    ]

    assert too_close == []


def test_changed_and_disagreeing_outlines_differ_in_dash_weight_and_colour():
    changed, disagreeing = CHANGED_OUTLINE, DISAGREEING_OUTLINE

    assert None not in (changed.dash, disagreeing.dash)
    assert changed.dash != disagreeing.dash
    assert changed.weight != disagreeing.weight
    for vision in VISIONS:
        difference = ciede2000(
            seen(srgb(changed.colour), vision), seen(srgb(disagreeing.colour), vision)
        )
        assert difference >= FULL_APART, vision


def relative_luminance(colour: np.ndarray) -> float:
    linear = np.where(
        colour <= 0.04045, colour / 12.92, ((colour + 0.055) / 1.055) ** 2.4
    )
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(text: np.ndarray, ground: np.ndarray) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours."""
    lighter, darker = sorted(
        (relative_luminance(text), relative_luminance(ground)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


MAP_STYLESHEETS = ("frontline_map.js", "legend.js")
"""The map modules whose stylesheets colour the legend's and popups' text."""


def text_colours(module: str) -> dict[str, str]:
    """The text colour (``color: #...``) of each rule of a map module's stylesheet."""
    source = (ROOT / "geo/maplayer/assets" / module).read_text("utf-8")
    colours = {}
    for selector, body in re.findall(r"([.#][^{}`;]+)\{([^{}]*)\}", source):
        found = re.search(
            r"(?<![-\w])color:\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", body
        )
        if found:
            digits = found.group(1)
            if len(digits) == 3:
                digits = "".join(digit * 2 for digit in digits)
            colours[selector.strip()] = f"#{digits}"
    return colours


def as_hex(colour: np.ndarray) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in colour)


def test_a_chart_colour_is_the_fill_as_composited_on_the_map():
    # Charts fill their areas solid, in the colour each class shows on the map.
    for fill, opacity in [("#2b2b2b", 0.8), ("#e0a800", 0.45), ("#0072b2", 1.0)]:
        assert as_drawn(fill, opacity) == as_hex(
            composite(srgb(fill), opacity, MAP_BACKGROUND)
        )
    assert as_drawn("#000000", 0.8, "#ffffff") == "#333333"
    assert as_drawn("#000000", 0.0, "#ffffff") == "#ffffff"


def test_the_map_text_has_at_least_aa_contrast():
    # The legend and the day sit on 92% white over the map: at worst over the
    # darkest fill the palette allows (near-black, at full opacity).
    darkest = composite(srgb("#2b2b2b"), 0.8, MAP_BACKGROUND)
    ground = composite(srgb("#ffffff"), 0.92, as_hex(darkest))
    texts = {
        selector: colour
        for module in MAP_STYLESHEETS
        for selector, colour in text_colours(module).items()
    }

    assert len(texts) >= 4, texts
    low = {
        selector: round(contrast(srgb(colour), ground), 2)
        for selector, colour in texts.items()
        if contrast(srgb(colour), ground) < TEXT_CONTRAST
    }
    assert low == {}


CAPTION_OPACITY = 0.6
"""Streamlit 1.67 draws st.caption in the theme's text colour at 60% opacity
(measured in Chromium: rgb(47, 45, 43), opacity 0.6, with the default theme),
on white, or on the sidebar's #f8f8f7."""


def test_captions_beside_the_map_have_at_least_aa_contrast():
    theme = tomllib.loads((ROOT / ".streamlit/config.toml").read_text("utf-8"))["theme"]
    text = srgb(theme["textColor"])
    for ground in (
        theme.get("backgroundColor", "#ffffff"),
        theme.get("secondaryBackgroundColor", "#f8f8f7"),
    ):
        caption = composite(text, CAPTION_OPACITY, ground)

        assert contrast(caption, srgb(ground)) >= TEXT_CONTRAST, ground
