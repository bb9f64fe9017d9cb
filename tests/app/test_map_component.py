import re
from importlib.metadata import version
from pathlib import Path

import pytest
import streamlit_folium

from geo.maplayer.bundle import base_map
from tests.maplayer.test_bundle import URLS
from ui import folium_adapter
from ui.map_component import render_map
from ui.static_files import STATIC_DIR, map_asset_urls

ROOT = Path(__file__).resolve().parents[2]
ADAPTER = ROOT / "ui" / "folium_adapter.py"


def pinned_versions() -> dict[str, str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = (re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line) for line in lines)
    return {pin[1].lower(): pin[2] for pin in pins if pin}


@pytest.mark.parametrize("package", folium_adapter.PINNED_PACKAGES)
def test_the_installed_map_packages_are_the_versions_the_adapter_is_written_for(
    package,
):
    pinned = pinned_versions()[package]

    assert version(package) == pinned, (
        f"{package} {version(package)} is installed, but ui/folium_adapter.py is "
        f"written for {package}=={pinned} (requirements.txt): install the pin, or "
        "check the adapter's private names against the new version and move the pin"
    )


@pytest.mark.parametrize("name", folium_adapter.PRIVATE_NAMES)
def test_streamlit_folium_still_has_each_private_name_the_adapter_uses(name):
    pinned = pinned_versions()["streamlit-folium"]

    assert callable(getattr(streamlit_folium, name, None)), (
        f"streamlit_folium.{name} is gone; ui/folium_adapter.py needs it "
        f"(written for streamlit-folium=={pinned})"
    )


def test_no_module_but_the_adapter_uses_streamlit_folium_private_names():
    uses = re.compile(
        r"streamlit_folium\._|from streamlit_folium import[^\n]*\b_"
        + "".join(f"|\\b{name}\\b" for name in folium_adapter.PRIVATE_NAMES)
    )
    folders = ("ui", "app_pages", "geo", "storage", "bench", "scripts", "tests")
    sources = [ROOT / "app.py", *(p for f in folders for p in (ROOT / f).rglob("*.py"))]

    users = [
        str(path.relative_to(ROOT))
        for path in sources
        if path != ADAPTER and uses.search(path.read_text(encoding="utf-8"))
    ]

    assert users == []


def test_the_rendered_base_map_loads_only_the_apps_own_files(raqqa):
    rendered = render_map(base_map(raqqa, **URLS))

    assert rendered.js_links == (URLS["leaflet_js_url"], URLS["script_url"])
    assert rendered.css_links == (URLS["leaflet_css_url"],)
    assert "cdn" not in (rendered.parts.header + rendered.parts.script).lower()


def test_the_rendered_base_map_mounts_the_bundle_and_fits_the_city_unanimated(raqqa):
    script = render_map(base_map(raqqa, **URLS)).parts.script

    assert f'frontline.mount(map_div, "{URLS["bundle_url"]}", [[' in script
    assert "fitBounds" not in script


def test_a_shared_view_opens_where_it_was_and_fits_nothing(raqqa):
    script = render_map(base_map(raqqa, view=(35.951, 39.012, 16), **URLS)).parts.script

    assert f'frontline.mount(map_div, "{URLS["bundle_url"]}", null);' in script
    assert "35.951" in script


def test_the_map_frame_gets_leaflet_and_the_layer_script_in_one_file(raqqa):
    served = map_asset_urls()
    rendered = render_map(base_map(raqqa, bundle_url=URLS["bundle_url"], **served))

    (script,) = rendered.js_links
    text = (STATIC_DIR / script.removeprefix("/app/static/")).read_text("utf-8")
    assert text.index("Leaflet 1.9") < text.index("globalThis.frontline = ")
    assert "sourceMappingURL" not in text
    assert rendered.css_links == (served["leaflet_css_url"],)
