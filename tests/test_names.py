from helpers.names import COUNTRY_COLOURS, country_colour, country_name


def test_country_names_come_from_iso_codes():
    assert [country_name(c) for c in ("KAZ", "KGZ", "TJK", "UZB")] == [
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Uzbekistan",
    ]
    assert country_name("ZZZ") == "ZZZ"


def test_each_country_keeps_one_distinct_colour():
    colours = [country_colour(c) for c in ("KAZ", "KGZ", "TJK", "UZB")]
    assert len(set(colours)) == 4
    assert country_colour("KAZ") == COUNTRY_COLOURS["KAZ"] == country_colour("KAZ")
    assert country_colour("TKM") == country_colour("TKM")


def test_country_names_in_russian_use_the_countrys_own_name():
    from helpers.i18n import using

    with using("ru"):
        assert [country_name(c) for c in ("KAZ", "KGZ", "TJK", "UZB")] == [
            "Казахстан",
            "Кыргызстан",
            "Таджикистан",
            "Узбекистан",
        ]
