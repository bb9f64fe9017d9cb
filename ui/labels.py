"""How districts and reports are named in pickers, the same on every page."""

from geo.city import City
from geo.days import format_day


def district_label(city: City, district_id: str) -> str:
    """English and Arabic names, e.g. "Nazlat Shahadah · نزلة شحادة"."""
    row = city.districts.loc[district_id]
    return f"{row['name_en']} · {row['name_ar']}" if row["name_ar"] else row["name_en"]


def district_search_label(city: City, district_id: str) -> str:
    """The names plus aliases, so typing any spelling in a picker finds the district."""
    aliases = [
        alias.strip()
        for alias in str(city.districts.loc[district_id, "aliases"]).split(";")
        if alias.strip()
    ]
    label = district_label(city, district_id)
    return f"{label} ({', '.join(aliases)})" if aliases else label


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
