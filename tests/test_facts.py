"""Programme facts as of a date."""

import pandas as pd


def test_programme_facts_as_of_a_date_leave_out_what_was_published_after_it():
    from helpers.report.facts import select_programme_facts

    programmes = pd.DataFrame(
        {
            "fact_id": ["a", "b", "c", "d"],
            "country_iso3": ["KGZ"] * 4,
            "field": ["operations"] * 4,
            "value": ["Aikol-5", "Aikol-6 (July 2024)", "six phases", "undated"],
            "source_id": ["feb", "jul", "year", "none"],
        }
    )
    sources = pd.DataFrame(
        {
            "source_id": ["feb", "jul", "year", "none"],
            "publisher": ["P"] * 4,
            "published": ["2024-02-22", "2024-07", "2024", ""],
        }
    )
    kept = select_programme_facts(programmes, sources, ["KGZ"], "2024-06-30")
    # July 2024 is certainly after 30 June; "2024" may be before it; undated is kept.
    assert list(kept["fact_id"]) == ["a", "c", "d"]
    assert len(select_programme_facts(programmes, sources, ["KGZ"])) == 4
