"""Problems grouped for reading: one line for a message many features share.

A file where every feature lacks a name would otherwise list one line per
feature; here the same message about the same field of the same file becomes
one problem naming the first few places and counting the rest.
"""

from collections.abc import Sequence

from geo.problems import Problem

GROUP_FROM = 4
"""Problems sharing file, field and message are grouped from this many on."""
PLACES_NAMED = 3


def grouped_problems(problems: Sequence[Problem]) -> list[Problem]:
    """The problems, those sharing file, field and message merged into one each.

    Each group stands where its first problem stood.
    """
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        key = (problem.file, problem.field, problem.message)
        groups.setdefault(key, []).append(problem)
    merged = []
    for (file, field, message), members in groups.items():
        if len(members) < GROUP_FROM:
            merged += members
            continue
        named = ", ".join(member.location for member in members[:PLACES_NAMED])
        more = len(members) - PLACES_NAMED
        where = f"{len(members):,} places: {named} and {more:,} more"
        merged.append(Problem(file, where, field, message))
    return merged
