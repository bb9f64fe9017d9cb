"""Name matching: the same district whatever spelling a reporter or a file uses."""

import pytest

from geo.names import name_index, normalise_arabic, normalise_name, resolve_district


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أحمد", "احمد"),
        ("إدلب", "ادلب"),
        ("آذار", "اذار"),
        ("مستشفى", "مستشفي"),
        ("نزلة", "نزله"),
        ("الرقّة", "الرقه"),
        ("شَحادَة", "شحاده"),
        ("نزلـــة", "نزله"),
        ("مسؤول", "مسوول"),
        ("١٧", "17"),
    ],
)
def test_arabic_spelling_variants_fold_to_one_form(variant, plain):
    assert normalise_arabic(variant) == plain


def test_the_arabic_article_is_dropped_like_al():
    assert normalise_name("المشلب") == normalise_name("مشلب")
    assert normalise_name("al-Mashlab") == normalise_name("Mashlab") == "mashlab"


@pytest.mark.parametrize(
    ("written", "district"),
    [
        ("نزله شحاده", "nazlat_shahada"),
        ("نزلـة شَحادة", "nazlat_shahada"),
        ("الدرعيّة", "daraiya"),
        ("مساكن الإدخار", "idkhar_housing"),
        ("al-Mashlab", "mashlab"),
        ("Dar'iya", "daraiya"),
        ("Dariya", "daraiya"),
        ("AL-KAHRBAA", "kahraba"),
    ],
)
def test_report_files_resolve_spelling_variants(written, district, raqqa):
    assert resolve_district(written, name_index(raqqa.districts)) == district


def test_an_ascii_name_folds_as_it_would_letter_by_letter():
    """A tatweel (U+0640) folds to nothing but sends a name letter by letter."""
    for character in map(chr, range(128)):
        name = f"x{character}X"

        assert normalise_name(name) == normalise_name(name + "\u0640"), repr(name)
    assert normalise_name("Al-Raqqa's EAST") == "raqqas east"
