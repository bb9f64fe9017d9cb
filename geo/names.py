"""Matching district names as reporters write them: ids, English, Arabic, aliases."""

import difflib
import functools
import re
import unicodedata

import pandas as pd

_ARTICLE = re.compile(r"^(al|el|ar|as|ad|at|ash)[-\s]+")
_ARABIC_ARTICLE = re.compile(r"^ال(?=\w\w)")
_APOSTROPHES = "'’‘ʼʻ`´"
_TATWEEL = "\u0640"
_ARABIC_LETTER_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
}


@functools.cache
def fold_character(character: str) -> str:
    """Fold one character for matching; the result may be empty or several characters.

    Case, Latin accents, Arabic diacritics and tatweel disappear; the Arabic letters
    writers use interchangeably (alef and hamza forms, alef maqsura and ya, ta
    marbuta and ha) become one letter; apostrophes vanish ("Dar'iya" is "Dariya");
    Arabic-Indic digits become ASCII digits.
    """
    if character == _TATWEEL or character in _APOSTROPHES:
        return ""
    if character.isdecimal() and not character.isascii():
        return str(unicodedata.decimal(character, 0))
    character = _ARABIC_LETTER_FOLDS.get(character, character)
    decomposed = unicodedata.normalize("NFKD", character).casefold()
    return "".join(
        _ARABIC_LETTER_FOLDS.get(part, part)
        for part in decomposed
        if not unicodedata.combining(part) and part != _TATWEEL
    )


def normalise_arabic(text: str) -> str:
    """Fold Arabic spelling variants so that, e.g., "نزلة شحادة" equals "نزله شحاده"."""
    return "".join(fold_character(character) for character in text)


def normalise_name(name: str) -> str:
    """Fold case, accents, Arabic spelling variants, punctuation and a leading article.

    The article is the Latin "al-"/"el-"/... or the Arabic "ال" ("al-Mashlab" and
    "المشلب" lose it), so reporters' spellings meet the gazetteer's.
    """
    text = "".join(fold_character(character) for character in name)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return _ARABIC_ARTICLE.sub("", _ARTICLE.sub("", text))


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
