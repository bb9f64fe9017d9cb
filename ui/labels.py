"""How districts, reports and sources are named in pickers, the same on every page."""

from collections.abc import Collection

from geo.city import City
from geo.compare import Claimant
from geo.days import format_day


def report_label(city: City, report: dict) -> str:
    """One line naming a stored report: id, day, district and source."""
    district = (
        city.districts.loc[report["district_id"], "name_en"]
        if report["district_id"] in city.districts.index
        else report["district_id"]
    )
    return (
        f"{report['report_id']} · {format_day(report['date'])} · {district} · "
        f"{report['source']}"
    )


def claimant_label(claimant: Claimant) -> str:
    """Whose claims draw the map, as "As claimed by" lists it."""
    if claimant.source_type:
        return f"Every {claimant.source_type} source"
    return claimant.source or "Every source (the desk's map)"


def versus_label(name: str | None, source_types: Collection[str]) -> str:
    """A source or source type picked to compare, e.g. "every monitor source"."""
    if not name:
        return "—"
    return f"every {name} source" if name in source_types else name
