"""How much of the city each side holds, day by day, measured in the city's UTM zone.

"The city" is the sum of its district areas (landmarks are points and have no
area). A district counts whole for whatever the resolution rule says it is on a
day, even when that is "held in part": reports say "most of", never how much.
"""

from datetime import date

import numpy as np
import pandas as pd

from geo.city import City
from geo.compare import reports_from
from geo.events import figures_on
from geo.frontline import projected_districts
from geo.resolution import control_changes
from geo.status import Control

AREA_COLUMNS = ("day", "control", "actor", "area_km2", "share")
SOURCED_SHARE_MEASURE = "share of the city held by"
"""How figures.csv names a source's own city-wide share ("... held by the SDF")."""
_SQUARE_METRES_PER_KM2 = 1_000_000.0


def district_areas_km2(city: City) -> pd.Series:
    """Each district's area in km², indexed by district id."""
    return projected_districts(city.districts).area / _SQUARE_METRES_PER_KM2


def control_categories(city: City) -> list[tuple[Control, str]]:
    """Every (control, actor) a district can be in, in legend order."""
    return [
        *((Control.HELD, actor.id) for actor in city.actors),
        (Control.CONTESTED, ""),
        (Control.DISPUTED, ""),
        (Control.UNKNOWN, ""),
    ]


def _codes_by_day(city: City, districts: pd.Index, unknown: int) -> np.ndarray:
    """Category codes, one row per report day and one column per district."""
    codes = {category: code for code, category in enumerate(control_categories(city))}
    changes = control_changes(city)
    records = [
        (day, district, codes[(resolution.control, resolution.actor)])
        for district in districts
        for day, resolution in changes.get(district, ())
    ]
    if not records:
        return np.full((len(city.days), len(districts)), unknown)
    timeline = pd.DataFrame(records, columns=["day", "district_id", "code"])
    wide = timeline.pivot(index="day", columns="district_id", values="code")
    # Changes on days without a report of the timeline's own (the state before
    # the battle) carry forward into the report days that follow them.
    every_day = sorted(set(wide.index) | set(city.days))
    wide = (
        wide.reindex(index=every_day, columns=districts)
        .ffill()
        .reindex(index=list(city.days))
        .fillna(unknown)
    )
    return wide.to_numpy(dtype=int)


def area_by_control(
    city: City, *, source: str | None = None, source_type: str | None = None
) -> pd.DataFrame:
    """For every report day, the km² and share of the city in each control category.

    One row per (day, control, actor); categories with no area are listed with 0,
    and each day's shares sum to 1. ``control`` "unknown" means no report. With
    ``source`` or ``source_type``, only those reports count (the map as that source
    draws it), and the days are that source's report days.
    """
    areas = district_areas_km2(city)
    total = float(areas.sum())
    if total <= 0:
        raise ValueError("districts.geojson: the city has no district with an area")
    view = reports_from(city, source=source, source_type=source_type)
    categories = control_categories(view)
    codes = _codes_by_day(view, areas.index, unknown=len(categories) - 1)
    by_category = np.zeros((len(view.days), len(categories)))
    day_rows = np.repeat(np.arange(len(view.days)), len(areas))
    np.add.at(
        by_category,
        (day_rows, codes.ravel()),
        np.tile(areas.to_numpy(), len(view.days)),
    )
    return pd.DataFrame(
        {
            "day": np.repeat(list(view.days), len(categories)),
            "control": [control for _ in view.days for control, _ in categories],
            "actor": [actor for _ in view.days for _, actor in categories],
            "area_km2": by_category.ravel(),
            "share": by_category.ravel() / total,
        },
        columns=list(AREA_COLUMNS),
    )


def sourced_shares(city: City, day: date) -> pd.DataFrame:
    """The city-wide shares the sources themselves gave, latest per source, by ``day``.

    These are the sources' own figures (figures.csv measures starting with
    ``SOURCED_SHARE_MEASURE``), shown beside the computed area and never merged
    with it: they count the city as each source does.
    """
    if city.figures is None or city.figures.empty:
        return pd.DataFrame(columns=["source", "measure", "as_stated", "as_of", "url"])
    shares = city.figures[city.figures["measure"].str.startswith(SOURCED_SHARE_MEASURE)]
    return figures_on(shares, day)
