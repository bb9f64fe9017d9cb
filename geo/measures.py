"""How measured numbers are shown: rounded to what the geometry supports, with a caveat.

Areas and front-line lengths are measured on the city's district outlines. Where
those outlines are schematic (cells drawn around hand-placed points), a figure to
the hundredth of a km² would claim a precision nobody has: areas are shown to
0.1 km², shares to the whole percent, lengths to 0.1 km, and every place that
shows or exports them also shows ``measurement_caveat``. Whether they are
schematic is ``geo.boundaries``' rule.
"""

from geo.boundaries import BoundaryKind, boundary_kind
from geo.city import City

SCHEMATIC_CAVEAT = (
    "Approximate: measured on schematic district boundaries drawn around "
    "hand-placed points, not on surveyed ones."
)
MIXED_CAVEAT = (
    "Approximate: measured on district boundaries of which some are schematic, "
    "drawn around hand-placed points, not surveyed."
)


def rounded_km2(km2: float) -> float:
    """An area in km², to the 0.1 km² the outlines support."""
    return round(float(km2), 1)


def rounded_percent(share: float) -> int:
    """A share of the city (0 to 1) as a whole percent."""
    return round(100 * float(share))


def rounded_km(metres: float) -> float:
    """A length in metres as km, to 0.1 km."""
    return round(float(metres) / 1000, 1)


def measurement_caveat(city: City) -> str:
    """The caveat to show beside the city's areas and lengths, or "" if surveyed."""
    kind = boundary_kind(city.districts)
    if kind == BoundaryKind.SURVEYED:
        return ""
    return SCHEMATIC_CAVEAT if kind == BoundaryKind.SCHEMATIC else MIXED_CAVEAT
