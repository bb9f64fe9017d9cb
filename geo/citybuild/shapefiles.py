"""A Shapefile's parts and the encoding of its text, checked around GDAL's reading.

Without a .cpg file naming its encoding, GDAL may read a Shapefile's text as
Latin-1; here nothing is guessed: text with no stated encoding must be UTF-8, and
text that is not what it claims to be is named cell by cell.
"""

import codecs
import re
from pathlib import Path

import pandas as pd
import pyogrio

from geo.problems import Problem

_SHAPEFILE_PARTS = (".shx", ".dbf")
_DBF_LANGUAGE_BYTE = 29


def _declared_encoding(folder: Path, stem: str) -> str | None:
    """The encoding a Shapefile's .cpg names, or None when it names none."""
    cpg = next(folder.glob(f"{stem}.[cC][pP][gG]"), None)
    if cpg is None:
        return None
    text = cpg.read_text(encoding="ascii", errors="replace").strip()
    code_page = re.fullmatch(r"(?:ANSI\s*)?(\d+)", text, flags=re.IGNORECASE)
    return f"cp{code_page.group(1)}" if code_page else text


def prepared_shapefile(folder: Path, path: Path) -> str | Problem | None:
    """Check a Shapefile's parts; return the encoding its .cpg names, if any.

    Without a .cpg (or a code page in the .dbf) its text must be UTF-8: a .cpg
    saying so is added, so GDAL never silently reads Arabic as Latin-1.
    """
    stem = path.stem
    present = {sibling.name.lower() for sibling in folder.iterdir()}
    missing = [
        f"{stem}{part}"
        for part in _SHAPEFILE_PARTS
        if f"{stem}{part}".lower() not in present
    ]
    if missing:
        message = (
            f"needs {', '.join(missing)} beside it: give all the Shapefile's "
            "files (or one .zip of them)"
        )
        return Problem(path.name, "", "", message)
    declared = _declared_encoding(folder, stem)
    dbf = next(
        sibling
        for sibling in folder.iterdir()
        if sibling.name.lower() == f"{stem}.dbf".lower()
    )
    language = dbf.read_bytes()[_DBF_LANGUAGE_BYTE : _DBF_LANGUAGE_BYTE + 1]
    if declared is None and language in (b"", b"\x00"):
        (folder / f"{stem}.cpg").write_text("UTF-8", encoding="ascii")
    return declared


def _encoding_problems(
    frame: pd.DataFrame, declared: str | None, file: str
) -> list[Problem]:
    """Cells (read as Latin-1, byte for byte) that are not text in their encoding."""
    codec = declared or "utf-8"
    try:
        codecs.lookup(codec)
    except LookupError:
        message = f"its .cpg file names '{declared}', an encoding not known here"
        return [Problem(file, "", "", message)]
    hint = (
        f"its .cpg file says {declared}"
        if declared
        else "the Shapefile has no .cpg file saying its encoding, so UTF-8 is "
        "expected; add a .cpg file holding its encoding (e.g. 1256 for Arabic "
        "Windows)"
    )
    problems = []
    columns = list(frame.columns)
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        for column, value in zip(columns, row, strict=True):
            if not isinstance(value, str):
                continue
            raw = value.encode("latin-1", errors="replace")
            try:
                raw.decode(codec)
            except UnicodeDecodeError as error:
                problems.append(
                    Problem(
                        file,
                        f"feature {number}",
                        str(column),
                        f"is not {codec} text (bytes "
                        f"{raw[error.start : error.end].hex(' ')}); {hint}",
                    )
                )
    return problems


def undecodable_text_problems(
    path: Path, layer: str, declared: str | None
) -> list[Problem]:
    """Why GDAL could not decode a layer's text: for a Shapefile, cell by cell.

    The Shapefile is read again with every byte as Latin-1, so each cell's bytes
    can be checked against its encoding; a GeoPackage must be UTF-8 throughout.
    """
    if path.suffix.lower() != ".shp":
        message = "holds text that is not UTF-8, as a GeoPackage must"
        return [Problem(path.name, "", "", message)]
    (path.parent / f"{path.stem}.cpg").write_text("ISO-8859-1", encoding="ascii")
    frame = pyogrio.read_dataframe(path, layer=layer)
    problems = _encoding_problems(frame.drop(columns="geometry"), declared, path.name)
    return problems or [Problem(path.name, "", "", "holds text that cannot be read")]
