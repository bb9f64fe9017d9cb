"""Counts in a reader's words: "1 report", "7 reports", never "report(s)"."""


def plural(count: int, noun: str) -> str:
    """``noun`` as it reads after ``count``: the noun itself for 1, else with "s".

    Every noun the app counts (report, district, day, problem, column, ...)
    takes a plain "s".
    """
    return noun if count == 1 else f"{noun}s"


def counted(count: int, noun: str) -> str:
    """``count`` (with thousands separated) and ``noun`` in the right number."""
    return f"{count:,} {plural(count, noun)}"
