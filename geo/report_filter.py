"""Choosing which reports the desk's table shows."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class ReportFilter:
    """What the desk asked to see; an empty collection means "any"."""

    districts: Collection[str] = ()
    sources: Collection[str] = ()
    kinds: Collection[str] = ()
    statuses: Collection[str] = ()
    verifications: Collection[str] = ()
    first_day: date | None = None
    last_day: date | None = None
    include_retracted: bool = False

    def apply(self, reports: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``reports`` that pass every condition, in their order."""
        keep = pd.Series(True, index=reports.index)
        for column, wanted in (
            ("district_id", self.districts),
            ("source", self.sources),
            ("kind", self.kinds),
            ("status", self.statuses),
            ("verification", self.verifications),
        ):
            if wanted:
                keep &= reports[column].isin(list(wanted))
        if self.first_day:
            keep &= reports["date"] >= self.first_day
        if self.last_day:
            keep &= reports["date"] <= self.last_day
        if not self.include_retracted:
            keep &= ~reports["retracted"].astype(bool)
        return reports[keep]
