"""The layer rule: geo/ and every subpackage of it never import Streamlit.

Checked in a fresh interpreter, one subpackage at a time, so that a Streamlit
import in one package cannot hide behind another that was imported first.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT / "geo"


def module_names(package: Path) -> list[str]:
    """Every module directly inside ``package``, as a dotted import name."""
    dotted = ".".join(package.relative_to(ROOT).parts)
    return [
        dotted if path.stem == "__init__" else f"{dotted}.{path.stem}"
        for path in sorted(package.glob("*.py"))
    ]


PACKAGES = [GEO, *sorted(path.parent for path in GEO.glob("*/__init__.py"))]


def test_every_geo_subpackage_is_checked():
    names = {package.name for package in PACKAGES}
    assert {"extraction", "citybuild", "export", "maplayer"} <= names


@pytest.mark.parametrize("package", PACKAGES, ids=lambda path: path.name)
def test_package_never_imports_streamlit(package):
    modules = module_names(package)
    imports = "; ".join(f"import {name}" for name in modules)
    check = f"import sys; {imports}; print('streamlit' in sys.modules)"

    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert len(modules) >= 2
    assert result.stdout.strip() == "False"
