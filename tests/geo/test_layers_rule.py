"""The layer rule: geo/ never imports Streamlit (checked in a fresh interpreter)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_geo_never_imports_streamlit():
    modules = sorted(
        path.stem for path in (ROOT / "geo").glob("*.py") if path.stem != "__init__"
    )
    imports = "; ".join(f"import geo.{name}" for name in modules)
    check = f"import sys; {imports}; print('streamlit' in sys.modules)"

    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )

    assert len(modules) >= 8
    assert result.stdout.strip() == "False"
