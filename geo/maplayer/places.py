"""Where the map writes names: each district's label point, and the river's label.

The browser places the labels (it alone knows their size on screen) and hides
those that would collide; Python decides what each label says, in which
direction it is written, where it sits and in which order labels are placed.
The label point is also where the keyboard and the search box put a district
(``frontline_map.js``), so it lies inside the district and outside every
landmark's reach: a click there selects that district (``geo.lookup``).
"""

import math
import re
import unicodedata
from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import shapely
from shapely.ops import polylabel

from geo.city import City, LabelLanguage
from geo.escaping import html_text
from geo.geometry import WGS84
from geo.lookup import LANDMARK_REACH_METRES, feature_at
from geo.maplayer.contract import Places, RiverLabel
from geo.projections import PICTURE_CRS, metric_crs
from geo.status import FeatureKind

_BRACKETED = re.compile(r"\s*\([^)]*\)")
_RIGHT_TO_LEFT = frozenset({"R", "AL"})
_COORDINATE_DECIMALS = 6
_CANDIDATES_PER_SIDE = 9
"""Further label points tried across a district when its middle is a landmark's."""


def label_text(row: Mapping, labels: LabelLanguage) -> str:
    """The name written on the map: the chosen name without its bracketed gloss.

    "al-Hadiqa al-Bayda (White Garden)" is written "al-Hadiqa al-Bayda"; the
    tooltip keeps the whole name. A district without a local name is written
    in English.
    """
    local = str(row["name_ar"] or "").strip()
    name = local if labels == LabelLanguage.LOCAL and local else str(row["name_en"])
    return _BRACKETED.sub("", name).strip() or name.strip()


def is_right_to_left(text: str) -> bool:
    """Whether ``text`` starts, in reading order, with a right-to-left letter."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in _RIGHT_TO_LEFT:
            return True
        if direction == "L":
            return False
    return False


def _search_names(row: Mapping) -> list[str]:
    names = [row["name_en"], row["name_ar"], *str(row["aliases"] or "").split(";")]
    return list(dict.fromkeys(str(name).strip() for name in names if str(name).strip()))


def _largest_part(shape: shapely.Geometry) -> shapely.Geometry:
    parts = getattr(shape, "geoms", [shape])
    return max(parts, key=lambda part: part.area)


def _selects(city: City, district_id: str, point: shapely.Point) -> bool:
    """Whether a click on ``point`` (in degrees) selects ``district_id``."""
    return feature_at(city.districts, point.y, point.x) == district_id


def _inside_candidates(shape: shapely.Geometry) -> list[shapely.Point]:
    """Points on a grid across ``shape``, farthest from its edge first."""
    west, south, east, north = shape.bounds
    steps = range(1, _CANDIDATES_PER_SIDE + 1)
    grid = [
        shapely.Point(
            west + (east - west) * i / (_CANDIDATES_PER_SIDE + 1),
            south + (north - south) * j / (_CANDIDATES_PER_SIDE + 1),
        )
        for i in steps
        for j in steps
    ]
    inside = [point for point in grid if shape.contains(point)]
    return sorted(inside, key=lambda point: -shape.exterior.distance(point))


def _label_points(city: City) -> dict[str, shapely.Point]:
    """Each feature's label point in degrees: a district's visual middle, a point.

    The middle is the pole of inaccessibility, found in metres. Where it lies
    within a landmark's reach, the grid point farthest from the edge that is not
    is used instead, so a click on the label point selects the district.
    """
    districts = city.districts
    metric = districts.to_crs(metric_crs(districts))
    landmarks = metric[metric["kind"] == FeatureKind.LANDMARK]
    near_landmarks = landmarks.buffer(LANDMARK_REACH_METRES * 2).union_all()
    chosen: dict[str, shapely.Point] = {}
    for district_id, shape in metric.geometry.items():
        if shape.geom_type == "Point":
            chosen[district_id] = shape
            continue
        part = _largest_part(shape)
        middle = polylabel(part, tolerance=max(1.0, math.sqrt(part.area) / 50))
        chosen[district_id] = middle
        if middle.within(near_landmarks):
            candidates = [middle, *_inside_candidates(part)]
            chosen[district_id] = next(
                (
                    point
                    for point in candidates
                    if _selects(city, district_id, _in_degrees(point, metric.crs))
                ),
                middle,
            )
    in_degrees = gpd.GeoSeries(chosen, crs=metric.crs).to_crs(WGS84)
    return dict(in_degrees.items())


def _in_degrees(point: shapely.Point, crs: object) -> shapely.Point:
    return gpd.GeoSeries([point], crs=crs).to_crs(WGS84).iloc[0]


def map_places(city: City) -> Places:
    """Every district and landmark's label, label point and searchable names.

    Districts come largest first, the order the browser places labels in (so a
    small district's name gives way to a large one's), then landmarks.
    """
    districts = city.districts
    metric_area = districts.to_crs(metric_crs(districts)).area
    is_landmark = (districts["kind"] == FeatureKind.LANDMARK).to_numpy()
    order = districts.index[np.lexsort((-metric_area.to_numpy(), is_landmark))]
    points = _label_points(city)
    rows = city.district_rows
    places = Places(id=[], label=[], rtl=[], lat=[], lon=[], search=[])
    for district_id in order:
        row = rows[district_id]
        text = label_text(row, city.labels)
        places["id"].append(str(district_id))
        places["label"].append(html_text(text))
        places["rtl"].append(is_right_to_left(text))
        places["lat"].append(round(points[district_id].y, _COORDINATE_DECIMALS))
        places["lon"].append(round(points[district_id].x, _COORDINATE_DECIMALS))
        places["search"].append(_search_names(row))
    return places


def river_label(city: City) -> RiverLabel | None:
    """Where the river's name (city.toml ``[map] river_label``) is written, if any.

    At the middle of the longest stretch of river beside the districts, turned
    along the river there (as the map draws it, in Web Mercator) and never
    upside down.
    """
    if not city.river_label or city.river is None or city.river.empty:
        return None
    districts = city.districts.to_crs(PICTURE_CRS)
    west, south, east, north = districts.total_bounds
    margin = max(east - west, north - south) / 10
    area = shapely.box(west - margin, south - margin, east + margin, north + margin)
    river = city.river.to_crs(PICTURE_CRS).union_all().intersection(area)
    lines = [
        line
        for line in shapely.get_parts(shapely.line_merge(river))
        if line.geom_type == "LineString" and line.length > 0
    ]
    if not lines:
        return None
    longest = max(lines, key=lambda line: line.length)
    middle = longest.interpolate(0.5, normalized=True)
    step = longest.length / 50
    before = longest.interpolate(max(0.0, longest.project(middle) - step))
    after = longest.interpolate(min(longest.length, longest.project(middle) + step))
    # Screen y grows downwards, Mercator y northwards.
    angle = math.degrees(math.atan2(before.y - after.y, after.x - before.x))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    at = gpd.GeoSeries([middle], crs=PICTURE_CRS).to_crs(city.districts.crs).iloc[0]
    return RiverLabel(
        text=html_text(city.river_label),
        rtl=is_right_to_left(city.river_label),
        lat=round(at.y, _COORDINATE_DECIMALS),
        lon=round(at.x, _COORDINATE_DECIMALS),
        angle=round(angle, 1),
    )
