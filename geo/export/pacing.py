"""How long an animation stays on each report day: the battle's own pace.

One rule for the GIF and the exported page's Play: each report day shows for
the calendar days until the next report day, so a quiet month passes slower
than a busy week, and the last day holds a while.
"""

import itertools
from datetime import date

PAGE_SECONDS_PER_DAY = 1 / 7
"""The exported page's Play: a week a second, the map's own default speed."""
PAGE_SHORTEST_SECONDS = 0.8
"""The exported page's Play stays this long at least on a report day, as the
map's Play does, so its changes can be read."""


def calendar_durations_ms(
    days: list[date],
    seconds_per_day: float,
    last_seconds: float,
    shortest_seconds: float = 0.0,
) -> list[int]:
    """How long each of the report ``days`` shows, in milliseconds.

    Its calendar days until the next report day times ``seconds_per_day``, but
    at least ``shortest_seconds``; ``last_seconds`` for the last. Rounded to
    10 ms, since GIFs count in hundredths of a second.
    """
    seconds = [
        max((later - earlier).days * seconds_per_day, shortest_seconds)
        for earlier, later in itertools.pairwise(days)
    ]
    return [10 * round(100 * value) for value in [*seconds, last_seconds]]
