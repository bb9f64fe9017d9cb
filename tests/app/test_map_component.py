from tests.maplayer.test_bundle import URLS

from geo.maplayer.bundle import base_map
from ui.loading import STATIC_DIR, map_asset_urls
from ui.map_component import render_map


def test_the_rendered_base_map_loads_only_the_apps_own_files(raqqa):
    rendered = render_map(base_map(raqqa, **URLS))

    assert rendered.js_links == (URLS["leaflet_js_url"], URLS["script_url"])
    assert rendered.css_links == (URLS["leaflet_css_url"],)
    assert "cdn" not in (rendered.header + rendered.script).lower()


def test_the_rendered_base_map_mounts_the_bundle_and_fits_the_city_unanimated(raqqa):
    rendered = render_map(base_map(raqqa, **URLS))

    assert f'frontline.mount(map_div, "{URLS["bundle_url"]}", [[' in rendered.script
    assert "fitBounds" not in rendered.script


def test_a_shared_view_opens_where_it_was_and_fits_nothing(raqqa):
    rendered = render_map(base_map(raqqa, view=(35.951, 39.012, 16), **URLS))

    assert f'frontline.mount(map_div, "{URLS["bundle_url"]}", null);' in rendered.script
    assert "35.951" in rendered.script


def test_the_map_frame_gets_leaflet_and_the_layer_script_in_one_file(raqqa):
    served = map_asset_urls()
    rendered = render_map(base_map(raqqa, bundle_url=URLS["bundle_url"], **served))

    (script,) = rendered.js_links
    text = (STATIC_DIR / script.removeprefix("/app/static/")).read_text("utf-8")
    assert text.index("Leaflet 1.9") < text.index("window.frontline = {")
    assert "sourceMappingURL" not in text
    assert rendered.css_links == (served["leaflet_css_url"],)
