"""Matching district names as reporters write them: ids, English, Arabic, aliases."""

import difflib
import re
import unicodedata

import pandas as pd

_ARTICLE = re.compile(r"^(al|el|ar|as|ad|at|ash)[-\s]+")


def normalise_name(name: str) -> str:
    """Fold case, accents, punctuation and a leading Arabic article ("al-Mashlab")."""
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\W_]+", " ", text).strip()
    return _ARTICLE.sub("", text)


def name_index(districts: pd.DataFrame) -> dict[str, str]:
    """Map every normalised id, name and alias of each district to its id."""
    index: dict[str, str] = {}
    for district_id, row in districts.iterrows():
        names = [str(district_id), row["name_en"], row["name_ar"]]
        names += str(row["aliases"]).split(";")
        for name in names:
            key = normalise_name(str(name))
            if key:
                index.setdefault(key, str(district_id))
    return index


def resolve_district(name: str, index: dict[str, str]) -> str | None:
    """Return the district id a name refers to, or None when nothing matches exactly."""
    return index.get(normalise_name(name))


def suggest_districts(name: str, index: dict[str, str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` district ids whose names are closest to ``name``."""
    matches = difflib.get_close_matches(normalise_name(name), index, n=10, cutoff=0.6)
    return list(dict.fromkeys(index[match] for match in matches))[:limit]
