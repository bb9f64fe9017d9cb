"""Exports for readers and the graphics desk, all read from the resolution rule.

Nothing here decides a colour: ``geo.resolution.control_on`` does, and each export
only lays its answer out for another program (a spreadsheet, a GIS, a chart tool).
"""

import json
from datetime import date

import pandas as pd
import shapely

from geo.city import City
from geo.map_layers import SCHEMATIC_NOTE
from geo.report_csv import spreadsheet_csv
from geo.resolution import control_on, describe

CONTROL_COLUMNS = (
    "district_id",
    "name_en",
    "name_ar",
    "kind",
    "control",
    "actor",
    "actor_label",
    "extent",
    "description",
    "as_of",
    "days_since_report",
    "deciding_reports",
    "deciding_sources",
    "denied_reports",
    "precision_m",
)
"""The control table's columns; the list columns hold tuples (report ids, sources)."""
_LIST_SEPARATORS = {
    "deciding_reports": " ",
    "deciding_sources": " | ",
    "denied_reports": " ",
}
"""How a CSV cell joins a list: ids like ``denies``; sources may hold ``,`` or ``;``."""
BOUNDARIES_NOTE = (
    f"{SCHEMATIC_NOTE}: each district is drawn around a reference point, not "
    "surveyed; precision_m says how far the true centre may be."
)


def control_table(city: City, day: date) -> pd.DataFrame:
    """One row per district: its control on ``day``, the reports deciding it, and age.

    ``as_of`` is the day of the deciding reports; ``days_since_report`` counts from
    it to ``day``; both are empty where no report counts yet.
    """
    control = control_on(city, day)
    sources = dict(zip(city.reports["report_id"], city.reports["source"], strict=True))
    labels = {actor.id: actor.label for actor in city.actors}
    districts = city.districts.loc[control.index]
    table = pd.DataFrame(
        {
            "district_id": control["district_id"],
            "name_en": districts["name_en"],
            "name_ar": districts["name_ar"],
            "kind": districts["kind"],
            "control": control["control"].map(str),
            "actor": control["actor"],
            "actor_label": control["actor"].map(lambda actor: labels.get(actor, "")),
            "extent": control["extent"].map(str),
            "description": [
                describe(row.control, labels.get(row.actor, ""), row.extent)
                for row in control.itertuples()
            ],
            "as_of": control["as_of"],
            "days_since_report": control["days_since_report"].astype("Int64"),
            "deciding_reports": control["deciding"],
            "deciding_sources": control["deciding"].map(
                lambda ids: tuple(
                    dict.fromkeys(sources[report_id] for report_id in ids)
                )
            ),
            "denied_reports": control["denied"],
            "precision_m": districts["precision_m"].astype("Int64"),
        }
    )
    return table.reset_index(drop=True)[list(CONTROL_COLUMNS)]


def control_csv(city: City, day: date) -> bytes:
    """The control table as CSV for spreadsheets (UTF-8 with BOM, no live formulas)."""
    table = control_table(city, day)
    for column, separator in _LIST_SEPARATORS.items():
        table[column] = table[column].map(separator.join)
    return spreadsheet_csv(table)


def _json_value(value: object) -> object:
    """A table cell as JSON: days as ISO text, missing values as null."""
    if isinstance(value, tuple):
        return list(value)
    if pd.isna(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def control_geojson(city: City, day: date) -> bytes:
    """The control on ``day`` as a GeoJSON FeatureCollection (RFC 7946, WGS84).

    Each feature is a district's geometry with its row of ``control_table`` as
    properties; top-level members say which city and day, the credits, and how
    far to trust the boundaries.
    """
    table = control_table(city, day)
    geometries = city.districts.geometry.loc[table["district_id"]]
    features = [
        {
            "type": "Feature",
            "id": row["district_id"],
            "properties": {key: _json_value(value) for key, value in row.items()},
            "geometry": json.loads(shapely.to_geojson(geometry)),
        }
        for row, geometry in zip(
            table.to_dict("records"), geometries.values, strict=True
        )
    ]
    collection = {
        "type": "FeatureCollection",
        "city": city.name,
        "title": city.title,
        "day": day.isoformat(),
        "credits": city.credits,
        "boundaries": BOUNDARIES_NOTE,
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
