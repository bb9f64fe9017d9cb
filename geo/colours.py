"""How each control status looks on the map and in the legend: one home for colours.

Actor colours come from the city's ``city.toml``; everything else is fixed here.
Every pair of classes a reader must tell apart stays apart for readers with
deuteranopia, protanopia or tritanopia, faded ends included, and the fade never
reaches the "no report" look: that is white with grey dots, which no fill is.
Disputed districts are hatched, so they also stand apart in greyscale print.
``tests/geo/test_palette.py`` measures all of this (CIEDE2000, simulated colour
vision), together with the contrast of the map's text.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from geo.status import Control, EventKind, Extent

MAP_BACKGROUND = "#f4f1ea"
"""The map's own ground under and around the districts (no street tiles)."""


def as_drawn(fill: str, opacity: float, ground: str = MAP_BACKGROUND) -> str:
    """The solid colour ``fill`` shows at ``opacity`` over ``ground`` ("#rrggbb").

    A chart beside the map fills its areas solid; in this colour a class looks
    there as it does on the map, where Islamic State's #2b2b2b at 0.8 is a
    dark grey, not near-black.
    """
    top, under = fill.lstrip("#"), ground.lstrip("#")
    channels = (
        opacity * int(top[i : i + 2], 16) + (1 - opacity) * int(under[i : i + 2], 16)
        for i in (0, 2, 4)
    )
    return "#" + "".join(f"{round(channel):02x}" for channel in channels)


class Pattern(StrEnum):
    """How a map class fills its area: flat, or with a pattern of its own."""

    FLAT = "flat"
    HATCH = "hatch"
    DOTS = "dots"


@dataclass(frozen=True)
class Hatch:
    """Diagonal stripes: ``stripe_width`` of ``stripe`` in every ``size`` pixels."""

    stripe: str
    background: str
    size: int = 8
    stripe_width: int = 4

    @property
    def stripe_share(self) -> float:
        """The share of the area the stripes cover."""
        return self.stripe_width / self.size


@dataclass(frozen=True)
class Dots:
    """Round dots of ``radius`` pixels on a grid of ``spacing`` pixels."""

    dot: str
    background: str
    spacing: int = 6
    radius: float = 1.2

    @property
    def dot_share(self) -> float:
        """The share of the area the dots cover."""
        return math.pi * self.radius**2 / self.spacing**2


CONTESTED_COLOUR = "#aa3377"
DISPUTED_HATCH = Hatch(stripe="#0072b2", background="#ffffff")
DISPUTED_COLOURS = (DISPUTED_HATCH.stripe, DISPUTED_HATCH.background)
"""Disputed districts are hatched in these two colours (stripe, background)."""
NO_REPORT_DOTS = Dots(dot="#8c8c8c", background="#ffffff")
UNKNOWN_COLOUR = NO_REPORT_DOTS.background
"""A district without a report is white with grey dots, lighter than any fill."""

MEANINGS = {
    Control.CONTESTED: "fighting reported",
    Control.DISPUTED: "sources disagree",
}
"""What the two words readers confuse mean, wherever they appear."""
EXPLANATIONS = {
    Control.CONTESTED: "Fighting is reported here; no side is said to hold it.",
    Control.DISPUTED: (
        "Sources disagree about who holds it, or a party denies a report; "
        "every side's claim is kept."
    ),
}
"""The same, in a sentence: under a district's status in its popup."""


@dataclass(frozen=True)
class Line:
    """How a line or outline is drawn, and its words in the legend."""

    colour: str
    weight: float
    dash: str | None
    """An SVG dash array ("8 6"); None draws it solid."""
    label: str


DISTRICT_OUTLINE = Line("#4d4d4d", 1, None, "District boundary")
SELECTED_OUTLINE = Line("#000000", 4, None, "Selected district")
CHANGED_OUTLINE = Line("#6200ea", 3, "8 6", "Changed since the day compared")
DISAGREEING_OUTLINE = Line("#ff00ff", 5, "1 8", "The two sources picked disagree")
FRONT_LINE = Line("#d50000", 4, None, "Front line")
LANDMARK_RING = Line("#ffffff", 2, None, "Landmark, coloured as above")
"""The ring around a landmark's dot, on the map and in exported pictures: white,
so the dot shows on a district of its own colour (a grey ring vanished on the
dark fills). Its label is the legend's row for landmarks."""
OUTLINE_COLOUR = DISTRICT_OUTLINE.colour

EVENT_COLOURS = {
    EventKind.STRIKE: "#cc3311",
    EventKind.ATTACK: "#800000",
    EventKind.MEDICAL: "#911eb4",
    EventKind.DISPLACEMENT: "#000075",
    EventKind.OTHER: "#000000",
}
"""Point events (``events.csv``) by kind: apart from each other and from the fills
under them, for every colour vision the palette test simulates."""
RIVER_COLOUR = "#6fa8dc"

COLOUR_BLIND_SAFE_ACTOR_COLOURS = ("#f0e442", "#2b2b2b", "#e06020")
"""Yellow, near-black, orange: with the contested, disputed and "no report" looks,
faded and partial ends included, they stay apart under every simulated colour
vision (tests/geo/test_palette.py)."""
COLOUR_BLIND_SAFE_PALETTE = (
    *COLOUR_BLIND_SAFE_ACTOR_COLOURS,
    "#000075",
    "#8c564b",
    "#648fff",
    "#004488",
    "#999933",
)
"""The colours to offer a new city's sides, in order: the three colour-blind-safe
ones first, then colours distinct in ordinary vision only, for more sides."""
ACTOR_PALETTE = (
    "#1f77b4",
    "#e0a800",
    "#2b2b2b",
    "#2ca02c",
    "#8c564b",
    "#17becf",
    "#bcbd22",
    "#ff7f0e",
)
"""The colours the city builder offers today; ``COLOUR_BLIND_SAFE_PALETTE``
replaces it there. A city's ``city.toml`` may give any other colour."""

FILL_OPACITY = 0.8
PARTIAL_FILL_OPACITY = 0.45
"""A district held only in part is drawn lighter than one held in full."""

STALE_AFTER_DAYS = 14
FADED_AFTER_DAYS = 60
FADED_OPACITY_SHARE = 0.65
"""A report older than ``STALE_AFTER_DAYS`` starts to fade, down to this share of
its opacity at ``FADED_AFTER_DAYS``, so the map shows how current each colour is.
The floor keeps a faded side's colour well apart from "no report"."""
OPACITY_STEPS = 20
"""The map draws opacity in twentieths, so a fade repaints a path every few days."""


@dataclass(frozen=True)
class Actor:
    """A party that can hold districts, as configured in ``city.toml``.

    ``aliases`` are other names writers use for it ("SDF", "داعش"); optional.
    """

    id: str
    label: str
    colour: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Style:
    """The fill of one map class (``style_key``), its legend label and meaning."""

    key: str
    label: str
    fill: str
    opacity: float
    pattern: Pattern = Pattern.FLAT
    explanation: str = ""
    """A sentence for readers of the district's popup; empty for a plain class."""

    @property
    def hatched(self) -> bool:
        """Drawn with the disputed hatch."""
        return self.pattern == Pattern.HATCH


def style_key(control: Control, actor: str, extent: Extent) -> str:
    """Name the map class of a resolved district, e.g. ``held:sdf:partial``."""
    if control == Control.HELD:
        return f"held:{actor}:{extent}"
    return str(control)


def explained_label(control: Control) -> str:
    """A class's name with what it means: "Contested: fighting reported"."""
    return f"{str(control).capitalize()}: {MEANINGS[control]}"


def map_styles(actors: tuple[Actor, ...]) -> tuple[Style, ...]:
    """Every class the map can draw, in legend order."""
    held = [
        style
        for actor in actors
        for style in (
            Style(
                style_key(Control.HELD, actor.id, Extent.FULL),
                actor.label,
                actor.colour,
                FILL_OPACITY,
            ),
            Style(
                style_key(Control.HELD, actor.id, Extent.PARTIAL),
                f"{actor.label} (partly)",
                actor.colour,
                PARTIAL_FILL_OPACITY,
            ),
        )
    ]
    return (
        *held,
        Style(
            str(Control.CONTESTED),
            explained_label(Control.CONTESTED),
            CONTESTED_COLOUR,
            FILL_OPACITY,
            explanation=EXPLANATIONS[Control.CONTESTED],
        ),
        Style(
            str(Control.DISPUTED),
            explained_label(Control.DISPUTED),
            DISPUTED_HATCH.stripe,
            FILL_OPACITY,
            Pattern.HATCH,
            explanation=EXPLANATIONS[Control.DISPUTED],
        ),
        Style(
            str(Control.UNKNOWN),
            "No report yet",
            UNKNOWN_COLOUR,
            1.0,
            Pattern.DOTS,
        ),
    )


def legend_styles(actors: tuple[Actor, ...]) -> list[Style]:
    """The classes a legend lists: each at full extent ("(partly)" is a note)."""
    return [
        style
        for style in map_styles(actors)
        if not style.key.endswith(f":{Extent.PARTIAL}")
    ]


def legend_labels(
    actors: tuple[Actor, ...], controls: Iterable[str], actor_ids: Iterable[str]
) -> list[str]:
    """The legend's word for each (control, actor) pair, at full extent.

    "Islamic State", "Contested: fighting reported": what the map's legend and
    the charts' call a side, so a table beside a chart uses the same words.
    """
    labels = {style.key: style.label for style in map_styles(actors)}
    return [
        labels[style_key(Control(control), actor, Extent.FULL)]
        for control, actor in zip(controls, actor_ids, strict=True)
    ]


def age_opacity_share(
    days_since_report: int | None,
    *,
    stale_after_days: int = STALE_AFTER_DAYS,
    faded_after_days: int = FADED_AFTER_DAYS,
) -> float:
    """The share of its opacity a district or event keeps at this age: the fade rule.

    Full up to ``stale_after_days``, then falling linearly to ``FADED_OPACITY_SHARE``
    at ``faded_after_days`` and staying there; something never reported (``None``)
    keeps all of it. The one home of this rule: the browser map reads it as a table
    (``fade_table``).

    Raises:
        ValueError: unless ``0 <= stale_after_days < faded_after_days``.
    """
    if not 0 <= stale_after_days < faded_after_days:
        raise ValueError(
            "need 0 <= stale_after_days < faded_after_days, "
            f"not {stale_after_days}, {faded_after_days}"
        )
    if days_since_report is None or days_since_report <= stale_after_days:
        return 1.0
    span = faded_after_days - stale_after_days
    progress = min(1.0, (days_since_report - stale_after_days) / span)
    return 1.0 - progress * (1.0 - FADED_OPACITY_SHARE)


def fade_table() -> list[float]:
    """``age_opacity_share`` for each age in days from 0 to ``FADED_AFTER_DAYS``.

    Older ages keep the last share. Rounded to four decimals: the map draws
    opacity in twentieths.
    """
    return [round(age_opacity_share(age), 4) for age in range(FADED_AFTER_DAYS + 1)]
