from tests.conftest import feature, report, square


def test_pickers_list_districts_by_english_name_with_their_local_name(make_city):
    features = [
        feature("z1", square(0, 0), name_en="Zahra", name_ar="الزهراء"),
        feature("a1", square(1, 0), name_en="Andalus"),
    ]
    city = make_city([report("r1", "2020-01-02", "z1", "contested")], features)

    assert list(city.district_labels) == ["a1", "z1"]
    assert city.district_labels == {"a1": "Andalus", "z1": "Zahra · الزهراء"}
    assert city.district_ids == frozenset({"a1", "z1"})


def test_search_labels_add_every_alias_so_any_spelling_finds_the_district(make_city):
    features = [
        feature("z1", square(0, 0), name_en="Zahra", aliases="Al-Zahraa; Zahraa ;"),
        feature("a1", square(1, 0), name_en="Andalus"),
    ]
    city = make_city([report("r1", "2020-01-02", "z1", "contested")], features)

    assert city.district_search_labels == {
        "a1": "Andalus",
        "z1": "Zahra (Al-Zahraa, Zahraa)",
    }
