"""A new server imports the map page's libraries before its first reader's page runs."""

import subprocess
import sys

from tests.conftest import ROOT
from ui.server_start import first_page_libraries

CHECK = """
import sys
from ui.server_start import import_first_page_libraries
print(" ".join(sys.modules))
import_first_page_libraries()
print(" ".join(sys.modules))
"""


def test_the_libraries_the_map_page_loads_are_imported_ahead():
    before, after = (
        set(line.split())
        for line in subprocess.run(
            [sys.executable, "-c", CHECK],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    )

    heavy = {"geopandas", "pandas", "sqlalchemy", "altair", "folium", "pyproj"}
    assert heavy <= after - before
    # The app's own modules load in a page run, where Streamlit registers the
    # components they declare; the exports' matplotlib is not the map's.
    assert not {"ui.map_component", "streamlit_folium", "matplotlib"} & after


def test_only_libraries_are_named_never_the_app_or_streamlit():
    libraries = first_page_libraries()

    assert libraries[0] == "sqlalchemy"  # app.py's first import after Streamlit
    assert {"geopandas", "altair", "folium"} <= set(libraries)
    assert not {"geo", "storage", "ui", "app_pages", "streamlit"} & set(libraries)
    assert not {"streamlit_folium", "os", "json"} & set(libraries)
