"""How each control status looks on the map and in the legend: one home for colours.

Actor colours come from the city's ``city.toml``; everything else is fixed here.
"""

from dataclasses import dataclass

from geo.status import Control, EventKind, Extent

CONTESTED_COLOUR = "#c2185b"
UNKNOWN_COLOUR = "#c8c8c8"
DISPUTED_COLOURS = ("#6a51a3", "#efedf5")
"""Disputed districts are hatched in these two colours (stripe, background)."""

OUTLINE_COLOUR = "#4d4d4d"
HIGHLIGHT_COLOUR = "#00b0ff"
"""Outline of districts that changed between two days or on which sources disagree."""
SELECTED_COLOUR = "#000000"
"""Outline of the district a reader selected."""
FRONTLINE_COLOUR = "#d50000"
EVENT_COLOURS = {
    EventKind.STRIKE: "#ff6d00",
    EventKind.ATTACK: "#6a1b9a",
    EventKind.MEDICAL: "#00897b",
    EventKind.DISPLACEMENT: "#1565c0",
    EventKind.OTHER: "#546e7a",
}
"""Point events (``events.csv``) by kind: chosen to stand apart from the fills."""
RIVER_COLOUR = "#6fa8dc"
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
"""Colours offered to a new city's actors, in order: distinct from each other and
from the contested, disputed and no-report fills, the outlines and the front line.
A city's ``city.toml`` may give any other colour."""
FILL_OPACITY = 0.7
PARTIAL_FILL_OPACITY = 0.4
"""A district held only in part is drawn lighter than one held in full."""

STALE_AFTER_DAYS = 14
FADED_AFTER_DAYS = 60
FADED_OPACITY_SHARE = 0.35
"""A report older than ``STALE_AFTER_DAYS`` starts to fade, down to this share of
its opacity at ``FADED_AFTER_DAYS``, so the map shows how current each colour is."""


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
    """The fill of one map class (``style_key``) and its legend label."""

    key: str
    label: str
    fill: str
    opacity: float
    hatched: bool = False


def style_key(control: Control, actor: str, extent: Extent) -> str:
    """Name the map class of a resolved district, e.g. ``held:sdf:partial``."""
    if control == Control.HELD:
        return f"held:{actor}:{extent}"
    return str(control)


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
            "Contested (fighting reported)",
            CONTESTED_COLOUR,
            FILL_OPACITY,
        ),
        Style(
            str(Control.DISPUTED),
            "Disputed (sources disagree)",
            DISPUTED_COLOURS[0],
            FILL_OPACITY,
            hatched=True,
        ),
        Style(str(Control.UNKNOWN), "No report yet", UNKNOWN_COLOUR, FILL_OPACITY),
    )


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
