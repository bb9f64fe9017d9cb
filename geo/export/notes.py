"""The notes every export carries, so no reader takes a schematic map as surveyed."""

from geo.colours import STALE_AFTER_DAYS
from geo.maplayer.bundle import SCHEMATIC_NOTE

BOUNDARIES_NOTE = (
    f"{SCHEMATIC_NOTE}: each district is drawn around a reference point, not "
    "surveyed; precision_m says how far the true centre may be."
)
"""How far to trust the boundaries, as a member of every GeoJSON export."""
READER_NOTE = (
    f"{SCHEMATIC_NOTE}: each district is drawn around a reference point, not "
    "surveyed. Colours follow the latest reports on or before the day; lighter "
    "means held in part or last reported over "
    f"{STALE_AFTER_DAYS} days earlier."
)
"""How to read a picture or an exported page, printed under it."""
