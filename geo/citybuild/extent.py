"""Places far from the others: a typo, swapped axes, or a file covering a region.

A city's places lie within ``CITY_EXTENT_KM`` of their middle unless the user
states a wider extent for a regional file. Far places are named one by one when
few, and grouped into one problem with the extent that would keep them when many.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pyproj import Geod

from geo.citybuild.inputs import SETTINGS
from geo.problems import Problem

LATITUDE_LIMIT = 90.0
CITY_EXTENT_KM = 50.0
"""How far from the middle of the others a city's place may lie unless a wider
extent is stated: further, it is most likely a typo or swapped axes."""
MAX_EXTENT_KM = 3000.0
"""The widest extent a user may state: a large country's regions."""
FAR_LISTED = 3
"""Most far features named one per line; more are one grouped problem."""
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class FarPlace:
    """A place beyond the limit, how far, and whether it is swapped.

    ``position`` among the places checked; ``swapped`` when swapping latitude and
    longitude would bring it within the limit.
    """

    position: int
    distance_km: float
    swapped: bool

    def message(self, limit_km: float) -> str:
        """Why this one place is refused, and the likely fix."""
        hint = (
            "latitude and longitude look swapped"
            if self.swapped
            else "check its coordinates"
        )
        return (
            f"lies {self.distance_km:,.0f} km from the middle of the other places "
            f"(more than {limit_km:,.0f} km); {hint}"
        )


def far_places(
    places: Sequence[tuple[float, float]], limit_km: float
) -> list[FarPlace]:
    """Which (lon, lat) places lie over ``limit_km`` from the middle of all.

    The middle is the median, so a few wrong places cannot move it.
    """
    if len(places) < 2:
        return []
    longitudes = np.array([lon for lon, _ in places])
    latitudes = np.array([lat for _, lat in places])
    middle_lon = np.full(len(places), np.median(longitudes))
    middle_lat = np.full(len(places), np.median(latitudes))
    metres = _GEOD.inv(middle_lon, middle_lat, longitudes, latitudes)[2]
    swapped_latitudes = np.clip(longitudes, -LATITUDE_LIMIT, LATITUDE_LIMIT)
    swapped = _GEOD.inv(middle_lon, middle_lat, latitudes, swapped_latitudes)[2]
    limit_m = limit_km * 1000
    return [
        FarPlace(
            int(position),
            float(metres[position]) / 1000,
            bool(
                abs(longitudes[position]) <= LATITUDE_LIMIT
                and swapped[position] <= limit_m
            ),
        )
        for position in np.flatnonzero(metres > limit_m)
    ]


def _round_up(kilometres: float) -> int:
    """A round extent just above ``kilometres``: 60, 250, 1,300..."""
    step = 10 ** max(int(math.log10(max(kilometres, 1))) - 1, 0)
    return int(math.ceil(kilometres / step) * step)


def far_feature_problems(
    far: Sequence[FarPlace],
    locations: Sequence[str],
    limit_km: float,
    file: str,
) -> list[Problem]:
    """Far features as problems: one each when few, else grouped with the fix.

    ``locations`` names each place by position ("feature 3 'x'"). Up to
    ``FAR_LISTED`` features get a line each; more are one problem asking whether
    the file covers a region, with the extent that would keep them all.
    """
    swapped = [place for place in far if place.swapped]
    far_off = [place for place in far if not place.swapped]
    problems = []
    for group, question in (
        (swapped, "latitude and longitude look swapped; swap them back"),
        (
            far_off,
            "is this a regional file? If so, set the extent to "
            f"{_round_up(max((place.distance_km for place in far_off), default=0))} "
            "km (the form's Extent, or --extent-km) to keep them; if not, check "
            "their coordinates",
        ),
    ):
        if len(group) <= FAR_LISTED:
            problems += [
                Problem(
                    file, locations[place.position], "geometry", place.message(limit_km)
                )
                for place in group
            ]
            continue
        farthest = max(place.distance_km for place in group)
        examples = ", ".join(locations[place.position] for place in group[:FAR_LISTED])
        problems.append(
            Problem(
                file,
                f"{len(group):,} features",
                "geometry",
                f"{len(group):,} features lie more than {limit_km:,.0f} km from the "
                f"middle of the others (the farthest {farthest:,.0f} km; e.g. "
                f"{examples}): {question}",
            )
        )
    return problems


def extent_problems(extent_km: float | None) -> list[Problem]:
    """Why a stated extent cannot be used; none when it is unstated or fits."""
    if extent_km is None or 0 < extent_km <= MAX_EXTENT_KM:
        return []
    message = (
        f"{extent_km:g} km is not an extent from the middle of the districts; "
        f"give a number of km above 0, at most {MAX_EXTENT_KM:,.0f}"
    )
    return [Problem(SETTINGS, "", "extent_km", message)]
