"""The notes every export carries, so no reader takes a schematic map as surveyed.

How the outlines were made is ``geo.boundaries``' rule; these notes put it in
the words each export needs.
"""

from geo.boundaries import BoundaryKind, boundary_kind, how_drawn
from geo.city import City
from geo.colours import STALE_AFTER_DAYS


def boundaries_note(city: City) -> str:
    """How far to trust the boundaries, as a member of every GeoJSON export."""
    if boundary_kind(city.districts) == BoundaryKind.SURVEYED:
        return f"{how_drawn(city.districts)}."
    return (
        f"{how_drawn(city.districts)}; precision_m says how far the true centre may be."
    )


def reader_note(city: City) -> str:
    """How to read a picture or an exported page, printed under it."""
    return (
        f"{how_drawn(city.districts)}. Colours follow the latest reports on or "
        "before the day; lighter means held in part or last reported over "
        f"{STALE_AFTER_DAYS} days earlier."
    )
