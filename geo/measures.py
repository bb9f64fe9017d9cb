"""How measured numbers are shown: rounded to what the geometry supports, with a caveat.

Areas and front-line lengths are measured on the city's district outlines. Where
those outlines are schematic (cells drawn around hand-placed points), a figure to
the hundredth of a km² would claim a precision nobody has: areas are shown to
0.1 km², shares to the whole percent, lengths to 0.1 km, and every place that
shows or exports them also shows ``measurement_caveat``.
"""

from geo.city import City
from geo.status import Boundary, FeatureKind

SCHEMATIC_CAVEAT = (
    "Approximate: measured on schematic district boundaries drawn around "
    "hand-placed points, not on surveyed ones."
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


def has_schematic_boundaries(city: City) -> bool:
    """Whether any district of the city has a schematic outline."""
    districts = city.districts[city.districts["kind"] == FeatureKind.DISTRICT]
    return bool((districts["boundary"] == Boundary.SCHEMATIC).any())


def measurement_caveat(city: City) -> str:
    """The caveat to show beside the city's areas and lengths, or "" if surveyed."""
    return SCHEMATIC_CAVEAT if has_schematic_boundaries(city) else ""
