from helpers.report.names import COUNTRY_COLOURS, country_colour, country_name


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
    # Okabe-Ito: Kazakhstan blue, Kyrgyzstan vermillion, Tajikistan bluish green, Uzbekistan orange.
    assert colours == ["#0072B2", "#D55E00", "#009E73", "#E69F00"]
    # Any other country takes a spare colour by the sum of its code's letters: for TKM
    # 84 + 75 + 77 = 236, and 236 % 4 = 0 gives the first spare, reddish purple.
    assert country_colour("TKM") == "#CC79A7"
    assert "#CC79A7" not in COUNTRY_COLOURS.values()


def test_country_names_in_russian_use_the_countrys_own_name():
    from helpers.report.i18n import using

    with using("ru"):
        assert [country_name(c) for c in ("KAZ", "KGZ", "TJK", "UZB")] == [
            "Казахстан",
            "Кыргызстан",
            "Таджикистан",
            "Узбекистан",
        ]
