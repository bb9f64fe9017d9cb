"""Map bundles kept on disk stay within a bound, and a dropped one is built again.

A reader can ask for a bundle per published map and per source, and every edit
makes new ones, so ``static/generated`` keeps only the most recently used
``BUNDLES_KEPT_PER_CITY`` per city. A map whose bundle was dropped is rendered
again with a bundle that exists, instead of pointing readers at a missing file.
"""

import os
import re
import time
from datetime import date

from geo.compare import EVERY_SOURCE, Claimant
from tests.app.conftest import ask_for_generated
from ui import city_cache, map_component

DAY = date(2017, 8, 1)


def test_a_city_keeps_only_its_most_recently_used_bundles(generated):
    generated.mkdir()
    neighbour = generated / f"other-{'b' * 20}.json"
    neighbour.write_text("{}")
    timeline_days = generated / "raqqa-days-0123456789abcdef.json"
    timeline_days.write_text("[]")
    written = []
    for number in range(city_cache.BUNDLES_KEPT_PER_CITY + 3):
        name = f"raqqa-{number:020x}.json"
        city_cache._keep(name, b"{}")
        os.utime(generated / name, ns=(number * 10**9, number * 10**9))
        written.append(name)

    kept = sorted(path.name for path in generated.glob("raqqa-*.json"))

    newest = written[-city_cache.BUNDLES_KEPT_PER_CITY :]
    assert kept == sorted([*newest, timeline_days.name])
    assert neighbour.exists()
    copies = sorted(path.name for path in generated.glob("raqqa-*.json.gz"))
    assert copies == sorted(f"{name}.gz" for name in newest)


def test_a_map_whose_bundle_was_dropped_gets_one_again(generated):
    version = city_cache.city_version("raqqa")
    first = map_component.rendered_map(
        version, EVERY_SOURCE, False, None, DAY, private=False
    )
    (bundle,) = generated.glob("raqqa-*.json")
    assert bundle.name in repr(first.parts)

    bundle.unlink()
    again = map_component.rendered_map(
        version, EVERY_SOURCE, False, None, DAY, private=False
    )

    assert bundle.exists()
    assert bundle.name in repr(again.parts)


def test_a_dropped_first_bundle_gives_way_to_the_whole_one_built_meanwhile(
    generated, monkeypatch
):
    """Raqqa is quick to build whole; here it opens on a first bundle all the same."""
    monkeypatch.setattr(city_cache, "FIRST_BUNDLE_FROM_CLAIMS", 0)
    version = city_cache.city_version("raqqa")
    first = map_component.rendered_map(
        version, EVERY_SOURCE, False, None, DAY, private=False
    )
    (first_bundle,) = generated.glob("raqqa-*-2017-08-01.json")
    assert first_bundle.name in repr(first.parts)
    whole_name = re.compile(r"raqqa-[0-9a-f]{20}\.json")
    deadline = time.monotonic() + 60
    while not [path for path in generated.iterdir() if whole_name.fullmatch(path.name)]:
        assert time.monotonic() < deadline, "the whole bundle was not built in 60 s"
        time.sleep(0.05)
    (whole,) = [path for path in generated.iterdir() if whole_name.fullmatch(path.name)]

    first_bundle.unlink()
    again = map_component.rendered_map(
        version, EVERY_SOURCE, False, None, DAY, private=False
    )

    assert whole.name in repr(again.parts)
    assert first_bundle.name not in repr(again.parts)
    assert not first_bundle.exists()


def test_maps_of_other_days_share_one_first_bundle_until_the_whole_one_is_built(
    generated, monkeypatch
):
    """A reader cannot have the server build a first bundle for every day."""
    monkeypatch.setattr(city_cache, "FIRST_BUNDLE_FROM_CLAIMS", 0)
    monkeypatch.setattr(city_cache, "_first_days", {})
    version = city_cache.city_version("raqqa")
    monitors = Claimant(source_type="monitor")

    asked = [date(2017, 6, day) for day in range(6, 30)]
    days = {city_cache.first_bundle_day(version, monitors, False, day) for day in asked}

    assert days == {date(2017, 6, 6)}
    assert city_cache.first_bundle_day(version, monitors, True, asked[-1]) is None


def test_a_whole_bundle_is_built_once_a_map_asks_for_it(generated, monkeypatch):
    """Not while the map draws its first bundle: its build would slow the drawing."""
    monkeypatch.setattr(city_cache, "FIRST_BUNDLE_FROM_CLAIMS", 0)
    monkeypatch.setattr(city_cache, "WHOLE_BUILD_WAIT_SECONDS", 60)
    version = city_cache.city_version("raqqa")
    city_cache.map_bundle_url(version, EVERY_SOURCE, False, DAY)
    whole = generated / city_cache._kept_bundle_name(version, EVERY_SOURCE)
    time.sleep(2)  # Raqqa's whole bundle takes well under a second to build
    assert not whole.exists()

    answer = ask_for_generated(f"/app/static/generated/{whole.name}")

    assert answer[0]["status"] == 404  # as a map is answered until it is written
    deadline = time.monotonic() + 60
    while not whole.exists():
        assert time.monotonic() < deadline, "the whole bundle was not built in 60 s"
        time.sleep(0.05)
