"""Control and front lines of one day as tables: CSV for spreadsheets, GeoJSON for GIS.

Every row comes from the resolution rule (``geo.resolution``) or the front lines
drawn from it (``geo.frontline``); CSV cells are neutralised against formulas and
GeoJSON collections name their city, day, credits, ``boundaries_note`` and
``provenance`` (a snapshot's CSV rows carry it too).
"""

import json
from datetime import date

import pandas as pd
import shapely

from geo.city import City
from geo.export.notes import boundaries_note
from geo.export.provenance import provenance
from geo.frontline import frontline_on
from geo.measures import measurement_caveat, rounded_km
from geo.report_csv import spreadsheet_csv
from geo.resolution import control_on, describe
from geo.snapshots import Snapshot

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
    "disputed_by",
    "retracted_reports",
    "precision_m",
)
"""The control table's columns; the list columns hold tuples (report ids, sources)."""
_LIST_SEPARATORS = {
    "deciding_reports": " ",
    "deciding_sources": " | ",
    "disputed_by": " ",
    "retracted_reports": " ",
}
"""How a CSV cell joins a list: ids like ``denies``; sources may hold ``,`` or ``;``."""
FRONTLINE_COLUMNS = (
    "day",
    "side_a",
    "side_a_label",
    "side_b",
    "side_b_label",
    "length_km",
    "caveat",
)
"""The front-line table's columns: one row per pair of sides that meet."""


def _json_value(value: object) -> object:
    """A table cell as JSON: days as ISO text, missing values as null."""
    if isinstance(value, tuple):
        return list(value)
    if pd.isna(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def _feature_collection(
    city: City, day: date, features: list[dict], found: Snapshot | None
) -> bytes:
    """A GeoJSON FeatureCollection of a day, with the city, credits and the note.

    ``provenance`` names the data version and, from a snapshot, its id,
    revision and publish time.
    """
    collection = {
        "type": "FeatureCollection",
        "city": city.name,
        "title": city.title,
        "day": day.isoformat(),
        "credits": city.credits,
        "boundaries": boundaries_note(city),
        "provenance": provenance(city, found),
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


# Control --------------------------------------------------------------------------


def control_table(city: City, day: date) -> pd.DataFrame:
    """One row per district: its control on ``day``, the reports deciding it, and age.

    ``as_of`` is the day of the deciding reports; ``days_since_report`` counts from
    it to ``day``; both are empty where no report counts yet. ``disputed_by`` are
    other parties' denials of a deciding report; ``retracted_reports`` were
    withdrawn by their own source.
    """
    control = control_on(city, day)
    reports = city.all_reports
    sources = dict(zip(reports["report_id"], reports["source"], strict=True))
    labels = city.actor_labels
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
            "disputed_by": control["disputed_by"],
            "retracted_reports": control["withdrawn"],
            "precision_m": districts["precision_m"].astype("Int64"),
        }
    )
    return table.reset_index(drop=True)[list(CONTROL_COLUMNS)]


def _with_provenance(
    table: pd.DataFrame, city: City, found: Snapshot | None
) -> pd.DataFrame:
    """From a snapshot, ``table`` with its ``provenance`` as last columns."""
    if found is None:
        return table
    return table.assign(**provenance(city, found))


def control_csv(city: City, day: date, snapshot: Snapshot | None = None) -> bytes:
    """The control table as CSV for spreadsheets (UTF-8 with BOM, no live formulas).

    Made from ``snapshot``, each row ends with its ``provenance``.
    """
    table = control_table(city, day)
    for column, separator in _LIST_SEPARATORS.items():
        table[column] = table[column].map(separator.join)
    return spreadsheet_csv(_with_provenance(table, city, snapshot))


def control_geojson(city: City, day: date, snapshot: Snapshot | None = None) -> bytes:
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
    return _feature_collection(city, day, features, snapshot)


# Front lines ----------------------------------------------------------------------


def _side_label(city: City, side: str) -> str:
    """An actor's label, or the control word ("contested", "disputed") as is."""
    labels = city.actor_labels
    return labels.get(side, side)


def frontline_table(city: City, day: date) -> pd.DataFrame:
    """The front lines on ``day`` without geometry: who meets whom, and over how long.

    Lengths are measured in the city's UTM zone (``geo.frontline``) and given
    to 0.1 km, with the caveat of ``geo.measures`` on every row where the
    districts are schematic: finer would be noise.
    """
    front = frontline_on(city, day)
    return pd.DataFrame(
        {
            "day": [day.isoformat()] * len(front),
            "side_a": front["side_a"].to_list(),
            "side_a_label": [_side_label(city, side) for side in front["side_a"]],
            "side_b": front["side_b"].to_list(),
            "side_b_label": [_side_label(city, side) for side in front["side_b"]],
            "length_km": [rounded_km(length) for length in front["length_m"]],
            "caveat": [measurement_caveat(city)] * len(front),
        },
        columns=list(FRONTLINE_COLUMNS),
    )


def frontline_csv(city: City, day: date, snapshot: Snapshot | None = None) -> bytes:
    """The front lines on ``day`` as CSV for spreadsheets: sides and lengths only.

    UTF-8 with BOM and formula-neutralised, like every CSV we write; the lines
    themselves are in ``frontline_geojson``. Made from ``snapshot``, each row
    ends with its ``provenance``.
    """
    return spreadsheet_csv(_with_provenance(frontline_table(city, day), city, snapshot))


def frontline_geojson(city: City, day: date, snapshot: Snapshot | None = None) -> bytes:
    """The front lines on ``day`` as a GeoJSON FeatureCollection (RFC 7946, WGS84).

    One feature per pair of sides that meet, with the row of ``frontline_table``
    as properties; top-level members name the city, day, credits and boundaries.
    """
    front = frontline_on(city, day)
    table = frontline_table(city, day)
    features = [
        {
            "type": "Feature",
            "properties": {key: _json_value(value) for key, value in row.items()},
            "geometry": json.loads(shapely.to_geojson(line)),
        }
        for row, line in zip(
            table.to_dict("records"), front.geometry.values, strict=True
        )
    ]
    return _feature_collection(city, day, features, snapshot)
