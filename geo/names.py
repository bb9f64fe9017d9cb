"""Matching district names as reporters write them: ids, English, Arabic, aliases."""

import difflib
import functools
import re
import string
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


_ASCII_FOLDS = str.maketrans(
    string.ascii_uppercase,
    string.ascii_lowercase,
    "".join(character for character in _APOSTROPHES if character.isascii()),
)
"""``fold_character`` of every ASCII character at once: lower case, no apostrophe."""


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
    if name.isascii():  # most names: the same folding, in one pass
        text = name.translate(_ASCII_FOLDS)
    else:
        text = "".join(fold_character(character) for character in name)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return _ARABIC_ARTICLE.sub("", _ARTICLE.sub("", text))


class NameIndex(dict[str, str]):
    """Normalised ids, names and aliases mapped to the one district each names.

    ``shared`` holds the names (not ids) that several districts share, with every
    such district's id: they are left out of the mapping, so a shared name is
    never silently taken for the first district that has it.
    """

    def __init__(
        self, names: dict[str, str], shared: dict[str, tuple[str, ...]]
    ) -> None:
        super().__init__(names)
        self.shared = shared


def _district_keys(name_en: object, name_ar: object, aliases: object) -> list[str]:
    """The normalised names and aliases of one district, without repeats."""
    names = [name_en, name_ar, *str(aliases).split(";")]
    keys = (normalise_name(str(name)) for name in names)
    return list(dict.fromkeys(key for key in keys if key))


def name_index(districts: pd.DataFrame) -> NameIndex:
    """Map every normalised id, name and alias of each district to its id.

    Districts come in their order. An id always names its own district; a name or
    alias several districts share is kept in ``NameIndex.shared`` instead.
    """
    # Column by column: a row as a Series costs more than the names in it. (A
    # file with no usable feature gives a frame without these columns.)
    names = districts.reindex(columns=["name_en", "name_ar", "aliases"])
    keys = {
        str(district_id): _district_keys(name_en, name_ar, aliases)
        for district_id, name_en, name_ar, aliases in zip(
            names.index,
            names["name_en"],
            names["name_ar"],
            names["aliases"],
            strict=True,
        )
    }
    index: dict[str, str] = {}
    for district_id in keys:
        if id_key := normalise_name(district_id):
            index.setdefault(id_key, district_id)
    owners: dict[str, list[str]] = {}
    for district_id, district_keys in keys.items():
        for key in district_keys:
            owners.setdefault(key, []).append(district_id)
    for key, found in owners.items():
        if len(found) == 1:
            index.setdefault(key, found[0])
    shared = {
        key: tuple(found)
        for key, found in owners.items()
        if len(found) > 1 and key not in index
    }
    return NameIndex(index, shared)


def resolve_district(name: str, index: dict[str, str]) -> str | None:
    """Return the district id a name refers to, or None when nothing matches exactly.

    A name several districts share matches none of them: ask which
    (``shared_name_districts``).
    """
    return index.get(normalise_name(name))


def shared_name_districts(name: str, index: dict[str, str]) -> tuple[str, ...]:
    """The ids of every district sharing ``name``; () when it names one or none."""
    return getattr(index, "shared", {}).get(normalise_name(name), ())


def suggest_districts(name: str, index: dict[str, str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` district ids whose names are closest to ``name``.

    For a name several districts share, those districts come first (all of them).
    """
    shared = shared_name_districts(name, index)
    matches = difflib.get_close_matches(normalise_name(name), index, n=10, cutoff=0.6)
    close = [index[match] for match in matches]
    return list(dict.fromkeys([*shared, *close]))[: max(limit, len(shared))]
