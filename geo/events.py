"""Point events and figures by source: the two optional files of a city folder.

``events.csv`` holds dated incidents (strikes, attacks, ...) at the point their
source published, or at a named district's or landmark's point when the source
gives only a place. ``figures.csv`` holds casualty and displacement counts, each
as one source stated it on one day, with what that source counts. Figures of
different sources are never added up: ``figures_on`` keeps them side by side.
See ``data/README.md`` for the columns.
"""

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.city import City
from geo.colours import FADED_AFTER_DAYS, STALE_AFTER_DAYS, age_opacity_share
from geo.days import parse_day
from geo.escaping import url_problem
from geo.geometry import WGS84
from geo.names import name_index, resolve_district, suggest_districts
from geo.problems import Problem, missing_columns_problem
from geo.projections import metric_crs
from geo.schema import NOTE_MAX_LENGTH, SOURCE_MAX_LENGTH, row_location
from geo.status import (
    DatePrecision,
    EventKind,
    FeatureKind,
    LocationPrecision,
    SourceType,
)

EVENTS_FILE = "events.csv"
FIGURES_FILE = "figures.csv"
EVENT_COLUMNS = (
    "event_id",
    "date",
    "date_precision",
    "kind",
    "place",
    "lat",
    "lon",
    "location_precision",
    "district_id",
    "summary",
    "source",
    "source_type",
    "url",
    "note",
)
FIGURE_COLUMNS = (
    "figure_id",
    "as_of",
    "as_of_precision",
    "source",
    "via",
    "source_type",
    "measure",
    "low",
    "high",
    "as_stated",
    "unit",
    "scope",
    "url",
    "note",
)
EVENT_REQUIRED = (
    "event_id",
    "date",
    "kind",
    "place",
    "location_precision",
    "summary",
    "source",
    "source_type",
    "url",
)
FIGURE_REQUIRED = (
    "figure_id",
    "as_of",
    "source",
    "source_type",
    "measure",
    "as_stated",
    "unit",
    "scope",
    "url",
)
MAX_DISTANCE_FROM_DISTRICTS_M = 10_000
"""A published point further than this from every district or landmark is refused:
most likely latitude and longitude are swapped, or the point is another place."""

_PLACED_AT = {
    LocationPrecision.DISTRICT: FeatureKind.DISTRICT,
    LocationPrecision.LANDMARK: FeatureKind.LANDMARK,
}
_COORDINATE_DECIMALS = 6
_EVENT_VOCABULARIES = {
    "date_precision": DatePrecision,
    "kind": EventKind,
    "location_precision": LocationPrecision,
    "source_type": SourceType,
}
_FIGURE_VOCABULARIES = {"as_of_precision": DatePrecision, "source_type": SourceType}


def load_events(folder: Path, city: City) -> tuple[pd.DataFrame, list[Problem]]:
    """Read ``events.csv`` of ``folder`` (optional) and check it against ``city``.

    Returns the rows without problems, each with a point, and every problem by
    row and field. A city without the file has no events and no problems.
    """
    raw, problems = _read_optional_csv(Path(folder) / EVENTS_FILE)
    if raw is None:
        return empty_events(), problems
    events, row_problems = validate_events(
        raw,
        file=EVENTS_FILE,
        districts=city.districts,
        first_day=city.first_day,
        last_day=city.last_day,
    )
    return events, problems + row_problems


def load_figures(folder: Path, city: City) -> tuple[pd.DataFrame, list[Problem]]:
    """Read ``figures.csv`` of ``folder`` (optional) and check it against ``city``.

    Returns the rows without problems and every problem by row and field. A city
    without the file has no figures and no problems.
    """
    raw, problems = _read_optional_csv(Path(folder) / FIGURES_FILE)
    if raw is None:
        return empty_figures(), problems
    figures, row_problems = validate_figures(
        raw, file=FIGURES_FILE, first_day=city.first_day, last_day=city.last_day
    )
    return figures, problems + row_problems


def empty_events() -> pd.DataFrame:
    """An event table with no rows, for a city without ``events.csv``."""
    return pd.DataFrame(columns=list(EVENT_COLUMNS))


def empty_figures() -> pd.DataFrame:
    """A figure table with no rows, for a city without ``figures.csv``."""
    return pd.DataFrame(columns=list(FIGURE_COLUMNS))


def _read_optional_csv(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        return None, []
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        return None, [Problem(path.name, "", "", f"cannot be read: {error}")]
    except pd.errors.EmptyDataError:
        return None, [Problem(path.name, "", "", "is empty (not even a header row)")]
    return frame, []


def _text_cells(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    cells = frame[list(columns)].fillna("").astype(str)
    return cells.apply(lambda column: column.str.strip())


def _missing_columns(
    frame: pd.DataFrame, columns: tuple[str, ...], file: str
) -> list[Problem]:
    missing = [column for column in columns if column not in frame.columns]
    return [missing_columns_problem(file, missing)] if missing else []


def _number(text: str) -> float | None:
    """A finite number written plainly ("35.95", "1500"), else None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _check_common(
    row: object,
    report: Callable[[str, str], None],
    *,
    id_field: str,
    required: tuple[str, ...],
    vocabularies: dict,
    seen_ids: set[str],
) -> None:
    """The checks events and figures share: required cells, ids, words, URL."""
    for field in required:
        if not getattr(row, field):
            report(field, "is empty")
    row_id = getattr(row, id_field)
    if row_id and row_id in seen_ids:
        report(id_field, f"'{row_id}' is used by an earlier row")
    seen_ids.add(row_id)
    for field, vocabulary in vocabularies.items():
        value = getattr(row, field)
        if value and value not in set(vocabulary):
            report(field, f"'{value}' is not one of: {', '.join(vocabulary)}")
    if row.url and (problem := url_problem(row.url)):
        report("url", problem)
    if len(row.source) > SOURCE_MAX_LENGTH:
        report("source", f"is longer than {SOURCE_MAX_LENGTH} characters")
    if len(row.note) > NOTE_MAX_LENGTH:
        report("note", f"is {len(row.note)} characters; the limit is {NOTE_MAX_LENGTH}")


def _check_day(
    text: str,
    field: str,
    report: Callable[[str, str], None],
    first_day: date,
    last_day: date,
) -> date | None:
    day = parse_day(text)
    if text and day is None:
        report(field, f"'{text}' is not an ISO date (YYYY-MM-DD)")
    elif day is not None and not first_day <= day <= last_day:
        report(field, f"{day} is outside the city's range {first_day} to {last_day}")
        return None
    return day


def feature_points(districts: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """The (lat, lon) where an event placed at each district or landmark is drawn.

    A landmark's own point; a district's centroid, or a point inside it when the
    centroid falls outside (a cell with a bite taken out of it).
    """
    if districts.empty:
        return {}
    metric = districts.to_crs(metric_crs(districts))
    centres = metric.geometry.centroid
    inside = centres.within(metric.geometry) | (metric["kind"] == FeatureKind.LANDMARK)
    centres = centres.where(inside, metric.geometry.representative_point())
    lonlat = gpd.GeoSeries(centres, crs=metric.crs).to_crs(WGS84)
    return {
        str(feature_id): (
            round(point.y, _COORDINATE_DECIMALS),
            round(point.x, _COORDINATE_DECIMALS),
        )
        for feature_id, point in lonlat.items()
    }


def distances_from_districts(
    districts: gpd.GeoDataFrame, points: list[tuple[float, float]]
) -> list[float]:
    """How far in metres each (lat, lon) point lies from the nearest feature."""
    if districts.empty or not points:
        return [0.0] * len(points)
    crs = metric_crs(districts)
    area = districts.to_crs(crs).union_all()
    series = gpd.GeoSeries([Point(lon, lat) for lat, lon in points], crs=WGS84)
    return [float(metres) for metres in series.to_crs(crs).distance(area)]


def _check_point(
    lat_text: str, lon_text: str, report: Callable[[str, str], None]
) -> tuple[float, float] | None:
    lat, lon = _number(lat_text), _number(lon_text)
    for field, text, value, limit in (
        ("lat", lat_text, lat, 90),
        ("lon", lon_text, lon, 180),
    ):
        if not text:
            report(field, "is empty; a published point needs lat and lon")
        elif value is None:
            report(field, f"'{text}' is not a number (decimal degrees)")
        elif not -limit <= value <= limit:
            report(field, f"{value} is outside -{limit}..{limit}")
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _placed_point(
    row: object,
    district_id: str,
    districts: gpd.GeoDataFrame,
    placed_at: dict[str, tuple[float, float]],
    report: Callable[[str, str], None],
) -> tuple[float, float] | None:
    """The point of a row placed at a named district or landmark, checked."""
    precision = row.location_precision
    if row.lat or row.lon:
        report(
            "lat/lon",
            f"leave empty: a '{precision}' event is drawn at the point of its "
            "district_id",
        )
    if not row.district_id:
        report(
            "district_id",
            f"is empty; a '{precision}' event needs the district or landmark it "
            "is placed at",
        )
    if not district_id:
        return None
    actual = districts.loc[district_id, "kind"]
    if actual != _PLACED_AT[precision]:
        report("location_precision", f"'{district_id}' is a {actual}; use '{actual}'")
    return placed_at.get(district_id)


def _far_points(
    districts: gpd.GeoDataFrame,
    published: list[tuple[int, str, tuple[float, float]]],
    file: str,
) -> list[tuple[int, Problem]]:
    """Problems for published points too far from the city, saying if swapped."""
    distances = distances_from_districts(
        districts, [point for _, _, point in published]
    )
    far = []
    for (index, where, (lat, lon)), metres in zip(published, distances, strict=True):
        if metres <= MAX_DISTANCE_FROM_DISTRICTS_M:
            continue
        swapped = distances_from_districts(districts, [(lon, lat)])[0]
        hint = (
            "latitude and longitude look swapped"
            if swapped <= MAX_DISTANCE_FROM_DISTRICTS_M
            else "swapped or wrong?"
        )
        message = (
            f"({lat}, {lon}) is {metres / 1000:,.0f} km from the nearest district "
            f"or landmark; {hint}"
        )
        far.append((index, Problem(file, where, "lat/lon", message)))
    return far


def validate_events(
    frame: pd.DataFrame,
    *,
    file: str,
    districts: gpd.GeoDataFrame,
    first_day: date,
    last_day: date,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every event row; return the rows without problems, and the problems.

    ``frame`` holds raw text cells, its integer index giving each row's number.
    A published point must lie within ``MAX_DISTANCE_FROM_DISTRICTS_M`` of the
    city's features; a row placed at a district or landmark gets that feature's
    point (``feature_points``). ``district_id`` accepts names and aliases.
    """
    problems = _missing_columns(frame, EVENT_COLUMNS, file)
    if problems:
        return empty_events(), problems
    rows = _text_cells(frame, EVENT_COLUMNS)
    rows.loc[rows["date_precision"] == "", "date_precision"] = str(DatePrecision.DAY)
    names = name_index(districts)
    placed_at = feature_points(districts)
    seen_ids: set[str] = set()
    records: list[dict] = []
    found: list[tuple[int, Problem]] = []
    published: list[tuple[int, str, tuple[float, float]]] = []

    for index, row in zip(rows.index, rows.itertuples(index=False), strict=True):
        where = row_location(index)

        def report(
            field: str, message: str, where: str = where, at: int = index
        ) -> None:
            found.append((at, Problem(file, where, field, message)))

        _check_common(
            row,
            report,
            id_field="event_id",
            required=EVENT_REQUIRED,
            vocabularies=_EVENT_VOCABULARIES,
            seen_ids=seen_ids,
        )
        day = _check_day(row.date, "date", report, first_day, last_day)
        if len(row.summary) > NOTE_MAX_LENGTH:
            report("summary", f"is longer than {NOTE_MAX_LENGTH} characters")

        district_id = resolve_district(row.district_id, names) or ""
        if row.district_id and not district_id:
            suggestions = suggest_districts(row.district_id, names)
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
            report("district_id", f"unknown district '{row.district_id}'{hint}")

        point: tuple[float, float] | None = None
        if row.location_precision in _PLACED_AT:
            point = _placed_point(row, district_id, districts, placed_at, report)
        elif row.location_precision in set(LocationPrecision):
            point = _check_point(row.lat, row.lon, report)
            if point is not None:
                published.append((index, where, point))

        records.append(
            {
                **row._asdict(),
                "date": day,
                "district_id": district_id,
                "lat": point[0] if point else math.nan,
                "lon": point[1] if point else math.nan,
                "_index": index,
            }
        )

    found += _far_points(districts, published, file)
    found.sort(key=lambda item: item[0])
    bad_rows = {index for index, _ in found}
    events = pd.DataFrame.from_records(records, columns=[*EVENT_COLUMNS, "_index"])
    events = events[~events["_index"].isin(bad_rows)].drop(columns="_index")
    return events.reset_index(drop=True), [problem for _, problem in found]


def validate_figures(
    frame: pd.DataFrame, *, file: str, first_day: date, last_day: date
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every figure row; return the rows without problems, and the problems.

    ``low`` and ``high`` are plain non-negative numbers; either may be empty for
    an open bound ("more than 50" has only ``low``), not both. One source may
    give one figure per measure and day: a second one needs another measure.
    """
    problems = _missing_columns(frame, FIGURE_COLUMNS, file)
    if problems:
        return empty_figures(), problems
    rows = _text_cells(frame, FIGURE_COLUMNS)
    rows.loc[rows["as_of_precision"] == "", "as_of_precision"] = str(DatePrecision.DAY)
    seen_ids: set[str] = set()
    first_row_of: dict[tuple[str, str, date], str] = {}
    records: list[dict] = []
    bad_rows: set[int] = set()

    for index, row in zip(rows.index, rows.itertuples(index=False), strict=True):
        where = row_location(index)

        def report(
            field: str, message: str, where: str = where, at: int = index
        ) -> None:
            problems.append(Problem(file, where, field, message))
            bad_rows.add(at)

        _check_common(
            row,
            report,
            id_field="figure_id",
            required=FIGURE_REQUIRED,
            vocabularies=_FIGURE_VOCABULARIES,
            seen_ids=seen_ids,
        )
        day = _check_day(row.as_of, "as_of", report, first_day, last_day)
        if len(row.scope) > NOTE_MAX_LENGTH:
            report("scope", f"is longer than {NOTE_MAX_LENGTH} characters")

        bounds = {}
        for field in ("low", "high"):
            text = getattr(row, field)
            value = _number(text) if text else None
            if text and (value is None or value < 0):
                report(field, f"'{text}' is not a plain non-negative number")
            bounds[field] = value
        if not row.low and not row.high:
            report("low/high", "both are empty; give at least one bound")
        low, high = bounds["low"], bounds["high"]
        if low is not None and high is not None and low > high:
            report("low/high", f"low {row.low} is above high {row.high}")

        if day is not None and row.source and row.measure:
            key = (row.source, row.measure, day)
            if key in first_row_of:
                report(
                    "measure",
                    f"{row.source} already gives '{row.measure}' on {day} in "
                    f"{first_row_of[key]}; name this one differently",
                )
            else:
                first_row_of[key] = where

        records.append(
            {
                **row._asdict(),
                "as_of": day,
                "low": math.nan if low is None else low,
                "high": math.nan if high is None else high,
                "_index": index,
            }
        )

    figures = pd.DataFrame.from_records(records, columns=[*FIGURE_COLUMNS, "_index"])
    figures = figures[~figures["_index"].isin(bad_rows)].drop(columns="_index")
    return figures.reset_index(drop=True), problems


def fade_opacity(
    age_days: int,
    *,
    fresh_days: int = STALE_AFTER_DAYS,
    fade_days: int = FADED_AFTER_DAYS,
) -> float:
    """Opacity share of something ``age_days`` old: ``geo.colours.age_opacity_share``.

    The control map's fade rule; ``fresh_days`` and ``fade_days`` move where it
    starts and ends.

    Raises:
        ValueError: unless ``0 <= fresh_days < fade_days``.
    """
    if not 0 <= fresh_days < fade_days:
        raise ValueError(
            f"need 0 <= fresh_days < fade_days, not {fresh_days}, {fade_days}"
        )
    return age_opacity_share(
        age_days, stale_after_days=fresh_days, faded_after_days=fade_days
    )


def events_on(
    events: pd.DataFrame,
    day: date,
    *,
    fresh_days: int = STALE_AFTER_DAYS,
    fade_days: int = FADED_AFTER_DAYS,
) -> pd.DataFrame:
    """The events dated on or before ``day``, oldest first, with age and opacity.

    Adds ``age_days`` and ``opacity`` (``fade_opacity``), so a layer can draw
    recent events solid and older ones faint; none is dropped for its age.
    """
    shown = events[events["date"] <= day] if len(events) else events
    ages = [(day - event_day).days for event_day in shown["date"]]
    opacities = [
        fade_opacity(age, fresh_days=fresh_days, fade_days=fade_days) for age in ages
    ]
    shown = shown.assign(age_days=pd.Series(ages, index=shown.index, dtype=int))
    shown = shown.assign(opacity=pd.Series(opacities, index=shown.index, dtype=float))
    return shown.sort_values(["date", "event_id"]).reset_index(drop=True)


def figures_on(figures: pd.DataFrame, day: date) -> pd.DataFrame:
    """Each source's latest figure for each measure as of ``day``, side by side.

    One row per (source, measure): the figure with the latest ``as_of`` on or
    before ``day``, with its ``age_days``. Sources are never merged or summed;
    rows are sorted by measure, then source.
    """
    known = figures[figures["as_of"] <= day] if len(figures) else figures
    latest = (
        known.sort_values(["as_of", "figure_id"])
        .groupby(["source", "measure"], sort=False)
        .tail(1)
    )
    ages = [(day - as_of).days for as_of in latest["as_of"]]
    latest = latest.assign(age_days=pd.Series(ages, index=latest.index, dtype=int))
    return latest.sort_values(
        ["measure", "source"], key=lambda column: column.str.casefold()
    ).reset_index(drop=True)
