"""How districts and reports are named in pickers, the same on every page."""

from geo.city import City
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
