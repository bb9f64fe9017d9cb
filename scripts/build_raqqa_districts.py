"""Build the schematic Raqqa districts and the schematic river line.

Run from the repository root:

    python scripts/build_raqqa_districts.py

Input:  data/raqqa/sources/neighbourhood-points.csv (one hand-placed reference point per
        neighbourhood plus landmark rows; every row cites a public URL).
Output: data/raqqa/districts.geojson (district polygons + landmark points, EPSG:4326)
        data/raqqa/river.geojson     (one LineString: the schematic Euphrates bank)

The districts are NOT real boundaries. No neighbourhood polygons for Raqqa were found
in any readable public source, so each district is the Voronoi cell of its reference
point, clipped to a guessed city extent. data/raqqa/README.md explains how good (and how
bad) that is.

The output is deterministic: the same input gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint, Point, Polygon

ROOT = Path(__file__).resolve().parent.parent
SOURCE_CSV = ROOT / "data" / "raqqa" / "sources" / "neighbourhood-points.csv"
DISTRICTS_OUT = ROOT / "data" / "raqqa" / "districts.geojson"
RIVER_OUT = ROOT / "data" / "raqqa" / "river.geojson"

WGS84 = "EPSG:4326"
UTM37N = "EPSG:32637"  # metres; Raqqa (~39.0 E) lies in UTM zone 37N

LANDMARK_MARK = "(LANDMARK"
PANORAMA_ID = "panorama_roundabout"
PANORAMA_RADIUS_M = 300.0
DECIMALS = 6
MAX_OVERLAP_M2 = 1.0

# City extent: the box suggested in the data-sources README (a guess; no city boundary
# was found).
NORTH = 35.975
WEST = 38.965
EAST = 39.050

# Euphrates bank line, west to east, as (lon, lat). SCHEMATIC, NOT SURVEYED.
# How it was chosen: no river geometry was available, and the sources only say that the
# southern quarters (Nazlat Shahada, al-Daraiya, al-Tayyar, the Panorama roundabout,
# al-Hal market) lie near the north bank and that the Old City's straight south side
# faces the river. Each vertex is put roughly 300-350 m south of the southernmost placed
# point near that longitude (so the 300 m Panorama disc fits north of it), and about
# 250 m south of the Old City's south wall (35.9422). The true bank may be hundreds of
# metres away from this line.
RIVER_LONLAT: list[tuple[float, float]] = [
    (38.9650, 35.9385),  # west edge of the clip box
    (38.9855, 35.9385),  # south of the al-Tayyar estimate (35.9420)
    (38.9925, 35.9373),  # south of the Panorama roundabout estimate (35.9405)
    (38.9994, 35.9365),  # south of the Airwars Nazlat Shahada point (35.9395)
    (39.0125, 35.9380),  # south of the Hisham bin Abdulmalik estimate (35.9410)
    (39.0208, 35.9397),  # ~250 m south of the Old City's south wall (35.9422)
    (39.0360, 35.9388),  # south of the al-Hal market estimate (35.9415)
    (39.0500, 35.9390),  # east edge of the clip box
]
RIVER_NAME = "Euphrates (schematic bank line)"
RIVER_NOTE = (
    "Drawn by hand, not surveyed: each vertex sits about 300 m south of the "
    "southernmost placed point near that longitude (250 m south of the Old City "
    "wall). It marks the southern edge of the schematic districts, not the real bank."
)

# One sentence per row, in the project's own words: how the point was placed and where
# the sources disagree. The full reasoning, with URLs, is in the `note` column of the
# source CSV.
PLACE_NOTES: dict[str, str] = {
    "thakana_nbhd": (
        "Airwars printed this spot for the neighbourhood at neighbourhood-level"
        " accuracy; SOHR and Hawar describe al-Thakana as the city centre with "
        "the old government buildings."
    ),
    "nazlat_shahada": (
        "Airwars neighbourhood-level point near the river, matching SOHR's "
        "southern quarter on the Euphrates bank; a Coalition grid reference on "
        "the same page resolves to the generic city point and was ignored."
    ),
    "badu_nbhd": (
        "Airwars neighbourhood-level point, about 200 m from the strike point "
        "it replaces; sdf-press puts al-Badu in the north-west, with the Black "
        "Stadium on its west and the railway to its north and east."
    ),
    "tawassiya": (
        "A single Airwars neighbourhood-level point in the north-west; "
        "Wikipedia counts the quarter among the northern districts IS still "
        "held on 9 Sep 2017. No second source fixes it."
    ),
    "daraiya": (
        "Airwars neighbourhood-level point near a named school; sources "
        "disagree on direction (west per Hawar and the SDF, south per "
        "SouthFront), and SOHR links the quarter with al-Barid."
    ),
    "hisham_bin_abdulmalik": (
        "Estimated south-west of the Old City and east of Nazlat Shahada from "
        "Syria Direct and SouthFront; an Airwars point for the name sits by the"
        " Old City's west wall, perhaps the street, and was not used."
    ),
    "white_garden": (
        "Two Airwars pages give almost the same neighbourhood-level point; one "
        "also calls the spot al-Badu, so it may be part of that quarter. Named "
        "in no claim; kept to fill the north-west."
    ),
    "nahda": (
        "Placed at one house the Coalition located to 1 m, described as in "
        "Nahdah in the north-west; most sources say west, but one Wikipedia "
        "line calls the quarter north-eastern."
    ),
    "jazra": (
        "The point is the Jazra junction, not the quarter; Wikipedia calls "
        "al-Jazra a village on the western edge, so the built-up area may lie "
        "further west."
    ),
    "rashid": (
        "Placed at an Airwars strike west of Mu'taz Street, which SOHR puts in "
        "al-Rasheed; the point falls just inside the derived north-west wall of"
        " the Old City."
    ),
    "naim_roundabout_strike": (
        "Marker at the exact Airwars location of a strike described as near the"
        " al-Naim roundabout in the city centre; no page prints the roundabout "
        "itself."
    ),
    "tal_harqal": (
        "Marker at the Harqala monument about 7 km west of Raqqa, from a "
        "coordinate printed by syriaphotoguide; the 'district' the SDF took may"
        " lie nearer the city. Outside the mapped area."
    ),
    "old_city_rafiqa": (
        "Centroid of the walled horseshoe, worked out from Wikipedia landmark "
        "coordinates and the published size of the wall; the straight south "
        "wall faces the river. Al-Mahdi is not split out."
    ),
    "mashlab": (
        "Estimated on the eastern edge, south-west of Tell Bi'a and east of "
        "al-Sinaa, from sdf-press, Wikipedia, AINA and de.wikipedia wording; no"
        " source prints a coordinate."
    ),
    "sinaa": (
        "Estimated between the Old City's east wall and al-Mashlab, because "
        "sdf-press and SOHR put the industrial district next to the Old City "
        "with al-Mashlab on its east."
    ),
    "batani": (
        "Estimated east of al-Rumaila and north of al-Sinaa from Enab Baladi, "
        "SOHR and NSO; YPG pairs it with the Barazi roundabout, which sdf-press"
        " puts further south-west by the Old City wall."
    ),
    "rawda": (
        "Estimated just north-east of the Old City: Wikipedia says eastern, "
        "Hawar north-eastern, and SouthFront reports fighting west of al-Rawda;"
        " no coordinate is printed anywhere."
    ),
    "rumaila": (
        "Estimated north-north-east of the Old City from sdf-press and AFP, "
        "which describe a large north-eastern quarter reaching the railway; "
        "sdf-press also files it under a Tishreen district."
    ),
    "tishreen": (
        "Estimated about 700 m north of al-Rumaila from SouthFront and "
        "Wikipedia; sdf-press treats Tishreen as a district that contains "
        "al-Rumaila, so it may not be a separate quarter."
    ),
    "idkhar_housing": (
        "Estimated north-east of al-Rumaila, as Smart and SOHR pair it with "
        "al-Rumaila; Syria Direct puts fighting in 'Edkhar military housing' on"
        " the southern front, so there may be two places."
    ),
    "kahraba": (
        "Estimated midway between al-Badu and al-Rumaila, which sdf-press names"
        " as its western and eastern neighbours; named in no claim, it keeps "
        "those two cells apart."
    ),
    "sabahiya": (
        "Estimated on the western outskirts from compass words and the June "
        "capture order (Hawar, Wikipedia, an Airwars listing, Qasioun); its "
        "place among the western quarters is a guess."
    ),
    "romaniya": (
        "Estimated on the north-western outskirts from AP, Wikipedia and Hawar,"
        " which call it north-western or the 'Roman suburb'; the order of the "
        "western quarters is a guess."
    ),
    "hittin": (
        "Estimated west of the Jazra junction from the SDF's 'Hetin (west)' and"
        " Hawar's western label; the relative order of the western quarters is "
        "a guess."
    ),
    "qadisiya": (
        "Estimated south-west of the Jazra junction because the SDF and "
        "Wikipedia call it a western district; its place among the western "
        "quarters is a guess."
    ),
    "yarmouk": (
        "Estimated west of al-Barid and north of al-Tayyar: the SDF called it "
        "south-western and Wikipedia western; no coordinate was found."
    ),
    "tayyar": (
        "Estimated near the river about 1.3 km west of Nazlat Shahada; "
        "sdf-press puts the Panorama roundabout at the city's south-west "
        "entrance, inside al-Tayyar."
    ),
    "panorama_roundabout": (
        "Estimated between al-Tayyar and Nazlat Shahada near the river from "
        "sdf-press, SOHR and Syria Direct; drawn as a 300 m disc cut out of the"
        " cells around it."
    ),
    "barid": (
        "Estimated north of al-Daraiya from Wikipedia, Hawar and SOHR (west or "
        "south-west); YPG uses 'al-Barid (al-Hurriyah)' for a northern pocket "
        "in October, so the name may cover two places."
    ),
    "andalus": (
        "Estimated north of the White Garden and north-west of al-Badu; "
        "Wikipedia calls it north-western in June and lists it among the "
        "northern IS-held districts in September."
    ),
    "firdous": (
        "Estimated between al-Nahda and al-Badu, south-west of the stadium, "
        "which the ISIS Prisons Museum says spans Firdous and Badou; no printed"
        " coordinate."
    ),
    "hurriya": (
        "Estimated north-east of al-Badu near the railway from Wikipedia's "
        "northern-district list and the YPG's last-pocket list; the YPG equates"
        " it with an al-Barid quarter."
    ),
    "shamal_sekket_al_qitar": (
        "Estimated about 1 km north of al-Badu because the name means 'north of"
        " the railway'; where the railway runs was not found, so the latitude "
        "is a guess."
    ),
    "morour": (
        "Estimated midway between the Airwars al-Thakana and al-Daraiya points,"
        " as SOHR and Hawar put it in the south of the centre; sdf-press once "
        "calls it western."
    ),
    "mansour": (
        "Estimated just west of the Old City's north-west wall, from SOHR (city"
        " centre, its eastern part next to the Old City) and Hawar and "
        "sdf-press ('east')."
    ),
    "amin": (
        "Estimated about 400 m north of al-Thakana, between it and al-Mansour, "
        "from SOHR, Kurd Daily and Hawar; no coordinate was found."
    ),
    "muwasat_hospital": (
        "Marker estimated between al-Thakana and al-Amin, where Kurd Daily says"
        " the hospital stands; no coordinate was found."
    ),
    "clock_tower_square": (
        "Marker estimated about 200 m west of the Old City's west wall, where "
        "sdf-press says Tel Abyad Street ends; no printed coordinate."
    ),
    "dallah_roundabout": (
        "Marker estimated south-south-east of al-Badu, which sdf-press says "
        "reaches south to al-Dala square; no printed coordinate."
    ),
    "national_hospital": (
        "Marker estimated between the Naim roundabout and the stadium from "
        "Hawar, SouthFront, AFP and ANF (city centre, next to the stadium); no "
        "coordinate was found."
    ),
    "municipal_stadium": (
        "Marker estimated about 400 m west of the Airwars al-Badu point, since "
        "sdf-press says the Black Stadium borders al-Badu on the west; an older"
        " 'stadium' point is really the city point."
    ),
    "division_17_base": (
        "Marker about 2 km north of the city, per Syria Direct (2013) and AFP; "
        "its longitude is unknown and it lies outside the mapped area, with an "
        "uncertainty of about 2.5 km."
    ),
    "hal_market": (
        "Marker estimated about 550 m east of Bab Baghdad near the river, from "
        "Wikipedia (north bank, eastern Raqqa) and SOHR; no coordinate was "
        "found."
    ),
}

TO_UTM = Transformer.from_crs(WGS84, UTM37N, always_xy=True)
TO_WGS = Transformer.from_crs(UTM37N, WGS84, always_xy=True)


def _reproject(geom: shapely.Geometry, transformer: Transformer) -> shapely.Geometry:
    def fn(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, fn)


def _round(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))


def _clean_name(name_en: str) -> str:
    i = name_en.find(LANDMARK_MARK)
    if i >= 0:
        name_en = name_en[:i]
    return name_en.strip().strip('"').strip()


def read_points(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate ids in the points CSV")
    missing = sorted(set(ids) - set(PLACE_NOTES))
    if missing:
        raise SystemExit(f"no place_note for: {missing}")
    return rows


def clip_area_lonlat() -> Polygon:
    """Suggested box, with the river line as its southern edge."""
    ring = [(WEST, NORTH), *RIVER_LONLAT, (EAST, NORTH)]
    poly = Polygon(ring)
    if not poly.is_valid:
        raise SystemExit("clip polygon is invalid")
    return poly


def build() -> tuple[dict, dict]:
    rows = read_points(SOURCE_CSV)
    seeds = [r for r in rows if LANDMARK_MARK not in r["name_en"]]
    landmarks = [r for r in rows if LANDMARK_MARK in r["name_en"]]
    panorama = next(r for r in landmarks if r["id"] == PANORAMA_ID)

    clip_ll = clip_area_lonlat()
    clip = _reproject(clip_ll, TO_UTM)

    seed_pts = [
        _reproject(Point(float(r["lon"]), float(r["lat"])), TO_UTM) for r in seeds
    ]
    for r, p in zip(seeds, seed_pts, strict=True):
        if not clip.contains(p):
            raise SystemExit(f"seed {r['id']} lies outside the clip area")

    cells_gc = shapely.voronoi_polygons(MultiPoint(seed_pts), extend_to=clip)
    raw_cells = list(shapely.get_parts(cells_gc))
    cells: dict[str, shapely.Geometry] = {}
    for r, p in zip(seeds, seed_pts, strict=True):
        match = [c for c in raw_cells if c.contains(p)]
        if len(match) != 1:
            raise SystemExit(f"no unique Voronoi cell for {r['id']}")
        cells[r["id"]] = shapely.intersection(match[0], clip)

    # Panorama roundabout: a 300 m disc carved out of every cell it overlaps.
    pano_pt = _reproject(Point(float(panorama["lon"]), float(panorama["lat"])), TO_UTM)
    disc = shapely.intersection(pano_pt.buffer(PANORAMA_RADIUS_M, quad_segs=16), clip)
    for k in cells:
        cells[k] = shapely.difference(cells[k], disc)
    cells[PANORAMA_ID] = disc

    by_id = {r["id"]: r for r in rows}
    features = []
    out_geoms_utm: dict[str, shapely.Geometry] = {}
    for fid, cell in cells.items():
        geom = _round(_reproject(cell, TO_WGS))
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        if not shapely.is_valid(geom):
            raise SystemExit(
                f"invalid geometry for {fid}: {shapely.is_valid_reason(geom)}"
            )
        if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
            raise SystemExit(f"unexpected geometry for {fid}: {geom.geom_type}")
        out_geoms_utm[fid] = _reproject(geom, TO_UTM)
        features.append(_feature(by_id[fid], "district", geom))

    for r in landmarks:
        if r["id"] == PANORAMA_ID:
            continue
        geom = _round(Point(float(r["lon"]), float(r["lat"])))
        features.append(_feature(r, "landmark", geom))

    _check_no_overlaps(out_geoms_utm)
    features.sort(key=lambda f: f["properties"]["id"])
    districts = {"type": "FeatureCollection", "features": features}

    river_geom = _round(shapely.LineString(RIVER_LONLAT))
    river = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "euphrates_schematic",
                "properties": {"name": RIVER_NAME, "note": RIVER_NOTE},
                "geometry": shapely.geometry.mapping(river_geom),
            }
        ],
    }
    return districts, river


def _feature(row: dict, kind: str, geom: shapely.Geometry) -> dict:
    note = PLACE_NOTES[row["id"]]
    if len(note) > 250:
        raise SystemExit(f"place_note too long for {row['id']} ({len(note)} chars)")
    props = {
        "id": row["id"],
        "name_en": _clean_name(row["name_en"]),
        "name_ar": row["name_ar"].strip(),
        "aliases": row["aliases"].strip(),
        "kind": kind,
        "basis": row["basis"],
        "precision_m": int(row["precision_m"]),
        "source_url": row["url"],
        "place_note": note,
    }
    return {
        "type": "Feature",
        "id": row["id"],
        "properties": props,
        "geometry": _geojson_geometry(geom),
    }


def _geojson_geometry(geom: shapely.Geometry) -> dict:
    """GeoJSON geometry as plain lists (round-tripped through json)."""
    return json.loads(json.dumps(shapely.geometry.mapping(geom)))


def _check_no_overlaps(geoms: dict[str, shapely.Geometry]) -> None:
    ids = sorted(geoms)
    tree = shapely.STRtree([geoms[i] for i in ids])
    for a_idx, b_idx in zip(
        *tree.query([geoms[i] for i in ids], predicate="intersects"), strict=True
    ):
        if a_idx >= b_idx:
            continue
        area = shapely.intersection(geoms[ids[a_idx]], geoms[ids[b_idx]]).area
        if area >= MAX_OVERLAP_M2:
            raise SystemExit(f"{ids[a_idx]} and {ids[b_idx]} overlap by {area:.2f} m2")


def write_collection(path: Path, collection: dict) -> None:
    """One feature per line; stable key order; UTF-8 without escapes."""
    lines = [
        json.dumps(f, ensure_ascii=False, indent=None, separators=(",", ":"))
        for f in collection["features"]
    ]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    districts, river = build()
    write_collection(DISTRICTS_OUT, districts)
    write_collection(RIVER_OUT, river)
    kinds: dict[str, int] = {}
    for f in districts["features"]:
        kinds[f["properties"]["kind"]] = kinds.get(f["properties"]["kind"], 0) + 1
    print(f"wrote {DISTRICTS_OUT.relative_to(ROOT)}: {kinds}")
    print(f"wrote {RIVER_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
