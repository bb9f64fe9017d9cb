"""Following an edit without reading the whole city again.

An editor's change is a few new report revisions. ``with_changed_reports``
puts them into a city already held (replacing the reports they revise, taking
retracted ones off) and says which districts they touch: those the old and new
revisions' places cover. Only those districts can resolve differently, because
the control rule reads one district's reports at a time (``geo.resolution``);
every other district's timeline stays as it was.
"""

import pandas as pd

from geo.city import City


def _covered(city: City, places: pd.Series) -> set[str]:
    """Every district the given report places cover (none for an unplaced one)."""
    return {
        district_id
        for text in dict.fromkeys(places.tolist())
        for district_id in city.place(text).districts
    }


def with_changed_reports(
    city: City, changed: pd.DataFrame
) -> tuple[City, frozenset[str]]:
    """``city`` with the ``changed`` revisions applied, and the districts they touch.

    ``changed`` holds the latest revision of each changed report, with the
    columns of ``city.reports`` and a ``retracted`` flag
    (``storage.reports.reports_changed_since``). The result equals reading every
    current report again: the same rows, in the same day-then-id order.
    """
    if changed.empty:
        return city, frozenset()
    reports = city.reports
    revised = reports["report_id"].isin(set(changed["report_id"]))
    kept = changed[~changed["retracted"].astype(bool)].reindex(columns=reports.columns)
    merged = pd.concat([reports[~revised], kept], ignore_index=True)
    merged = merged.sort_values(["date", "report_id"], kind="stable").reset_index(
        drop=True
    )
    touched = _covered(city, reports.loc[revised, "district_id"]) | _covered(
        city, changed["district_id"]
    )
    return city.with_reports(merged), frozenset(touched)
