"""Finding Raqqa's districts and actors in English and Arabic text."""

import pytest

from geo.extraction.text_matching import build_gazetteer, find_actors, find_districts


@pytest.fixture(scope="module")
def gazetteer(raqqa):
    return build_gazetteer(raqqa.districts, raqqa.actors)


def districts_in(text, gazetteer):
    return [
        (item.district_id, item.written) for item in find_districts(text, gazetteer)
    ]


@pytest.mark.parametrize(
    "spelling",
    [
        "Nazlat Shahada",
        "Nazlet Shahada",
        "Nazlah Shahadah",
        "Nazlat Shehada",
        "Nazlet Shehadeh",
        "Nazlah Shehada",
    ],
)
def test_transliterations_of_one_district_all_match(spelling, gazetteer):
    text = f"Fighting continued in {spelling} on Monday."
    assert districts_in(text, gazetteer) == [("nazlat_shahada", spelling)]


@pytest.mark.parametrize(
    ("spelling", "district"),
    [
        ("نزلة شحادة", "nazlat_shahada"),
        ("نزله شحاده", "nazlat_shahada"),
        ("نزلـة شَحادَة", "nazlat_shahada"),
        ("الدرعيّة", "daraiya"),
        ("مساكن الإدخار", "idkhar_housing"),
        ("الرميله", "rumaila"),
    ],
)
def test_arabic_spelling_variants_match(spelling, district, gazetteer):
    text = f"اشتباكات في حي {spelling} أمس."
    assert districts_in(text, gazetteer) == [(district, spelling)]


def test_an_arabic_name_with_a_clitic_matches(gazetteer):
    assert districts_in("معارك للسيطرة على بالمشلب وللرميلة", gazetteer) == [
        ("mashlab", "بالمشلب"),
        ("rumaila", "وللرميلة"),
    ]


def test_the_article_belongs_to_the_name_as_written(gazetteer):
    assert districts_in("Clashes in Harat al-Badu and al-Mashlab.", gazetteer) == [
        ("badu_nbhd", "Harat al-Badu"),
        ("mashlab", "al-Mashlab"),
    ]


def test_a_district_name_beats_another_districts_alias(gazetteer):
    assert districts_in("Fighters entered Tishreen district.", gazetteer) == [
        ("tishreen", "Tishreen")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hitting the target was hard.",
        "Factories in the industrial area were shelled.",
        "Families went north of the railway.",
    ],
)
def test_ordinary_words_are_not_districts(text, gazetteer):
    assert districts_in(text, gazetteer) == []


def test_bracketed_notes_are_not_spellings(gazetteer):
    spellings = {name.written for name in gazetteer.names}
    assert "al-Haramiya" in spellings
    assert "White Garden" in spellings
    assert not {"Black", "post office", "sdf-press"} & spellings
    assert not any("Airwars" in spelling for spelling in spellings)


def test_actor_aliases_match_in_both_languages(raqqa):
    text = "IS-linked Amaq and the Syrian Democratic Forces; قسد ولداعش. This is it."
    found = [(item.actor_id, item.written) for item in find_actors(text, raqqa.actors)]
    assert found == [
        ("is", "IS"),
        ("sdf", "Syrian Democratic Forces"),
        ("sdf", "قسد"),
        ("is", "ولداعش"),
    ]
