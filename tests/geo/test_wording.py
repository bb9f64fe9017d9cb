"""Counts read as a reader writes them: "1 report", "7 reports", never "report(s)"."""

from geo.wording import counted, plural


def test_one_of_a_thing_is_singular_and_any_other_count_plural():
    assert counted(1, "report") == "1 report"
    assert counted(7, "report") == "7 reports"
    assert counted(0, "district") == "0 districts"
    assert plural(1, "column") == "column"
    assert plural(2, "column") == "columns"


def test_a_large_count_has_its_thousands_separated():
    assert counted(200_000, "report") == "200,000 reports"
