"""Names several districts share: said at creation, and asked about in reports.

A report naming such a name is never filed under one of the districts: its row
is refused with every district that has the name and where each lies, so the
user writes the id of the one the source means.
"""

import re
from collections.abc import Sequence

import geopandas as gpd

from geo.localities import district_localities, shared_name_message
from geo.names import name_index, shared_name_districts
from geo.places import EXCEPT_WORD, LIST_SEPARATOR, UNPLACED_PREFIX
from geo.problems import Problem
from geo.schema import row_location
from geo.wording import counted

NAMES_LISTED = 5
"""Most shared names a note lists one by one."""


def shared_name_notes(districts: gpd.GeoDataFrame) -> list[str]:
    """A note naming the names several districts share, if any do."""
    shared = name_index(districts).shared
    if not shared:
        return []
    listed = [
        f"'{districts.loc[ids[0], 'name_en']}' ({', '.join(ids)})"
        if districts.loc[ids[0], "name_en"]
        else ", ".join(ids)
        for ids in list(shared.values())[:NAMES_LISTED]
    ]
    more = (
        f" and {len(shared) - NAMES_LISTED:,} more"
        if len(shared) > NAMES_LISTED
        else ""
    )
    return [
        f"{counted(len(shared), 'name')} shared by several districts: "
        f"{'; '.join(listed)}"
        f"{more}. A report or form naming one is asked which district it means; "
        "aliases that tell them apart help writers"
    ]


def _named_places(text: str) -> list[str]:
    """The district names a report's place writes, "except" lists included."""
    if text.strip().casefold().startswith(UNPLACED_PREFIX):
        return []
    separators = rf"{re.escape(LIST_SEPARATOR)}|\b{EXCEPT_WORD}\b"
    parts = re.split(separators, text, flags=re.IGNORECASE)
    return [part.strip() for part in parts if part.strip()]


def shared_name_problems(
    places: Sequence[str], districts: gpd.GeoDataFrame, file: str
) -> list[Problem]:
    """One problem per report row whose place names a name districts share.

    ``places`` are the rows' ``district_id`` cells, in file order.
    """
    index = name_index(districts)
    if not index.shared:
        return []
    localities: dict[str, str] | None = None
    problems = []
    for row, text in enumerate(places):
        for name in _named_places(str(text)):
            ids = shared_name_districts(name, index)
            if not ids:
                continue
            localities = localities or district_localities(districts)
            message = shared_name_message(name, ids, districts, localities)
            problems.append(Problem(file, row_location(row), "district_id", message))
    return problems
