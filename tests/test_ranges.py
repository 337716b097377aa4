"""The range of several countries' totals together, on the regional report and the front page."""

import re

import pandas as pd

from helpers.report.describe import describe_total_ranges
from helpers.report.evidence import Evidence, evidence_id
from helpers.report.i18n import using
from helpers.report.ranges import RangeSum, compute_range_sum
from helpers.site.index import Headline, render_index

NA = pd.NA


def _totals(rows) -> pd.DataFrame:
    columns = [
        "country_iso3",
        "total_returned",
        "total_is_lower_bound",
        "total_low",
        "total_low_is_lower_bound",
        "total_high",
        "range_statement_ids",
        "statement_ids",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("total_returned", "total_low", "total_high"):
        frame[col] = frame[col].astype("Int64")
    return frame


KAZ = ("KAZ", 754, False, 725, False, 754, "k1;k2", "k2")
TJK = ("TJK", 100, False, NA, False, NA, "", "t1")  # no country-wide count: no range of its own
KGZ = ("KGZ", 320, False, 300, True, NA, "g1", "g1")  # its sources give only floors
UZB = ("UZB", 50, True, NA, False, NA, "", "u1")  # no range, and its total is a floor


def test_range_sum_adds_the_lows_and_the_highs():
    # 725 + 100 = 825 and 754 + 100 = 854, worked out by hand.
    assert compute_range_sum(_totals([KAZ, TJK])) == RangeSum(825, False, 854, ["k1", "k2", "t1"])


def test_range_sum_has_no_upper_end_when_a_country_has_none():
    # 725 + 300 + 100 = 1,125, a floor because KGZ's low is one; KGZ gives no upper end.
    span = compute_range_sum(_totals([KAZ, KGZ, TJK]))
    assert (span.low, span.low_is_lower_bound, span.high) == (1125, True, None)


def test_range_sum_takes_a_floor_total_without_range_as_its_low_only():
    span = compute_range_sum(_totals([TJK, UZB]))
    assert (span.low, span.low_is_lower_bound, span.high) == (150, True, None)


def test_regional_report_links_the_range_of_all_countries_together():
    evidence = Evidence(pd.DataFrame(columns=["statement_id"]), pd.DataFrame())
    totals = _totals([KAZ, TJK]).assign(
        as_of=pd.Timestamp("2025-09-30"), children=pd.NA, children_is_lower_bound=False
    )
    with using("en"):
        text = describe_total_ranges(totals, evidence)._repr_html_()
    anchor = evidence_id(["k1", "k2", "t1"])
    assert (
        f'All countries together: <a class="count" href="#{anchor}">'
        "854 (sources: 825 to 854)</a>" in text
    )


def _front_page(span: RangeSum | None, language: str) -> str:
    headline = Headline(2218, False, 1546, True, [], ["KAZ", "UZB"], "2025-09-30", ["a"], span)
    return render_index([], {}, headline, b"zip", language, ("d1", "c1"), "2025-09-30")


def test_front_page_gives_the_range_of_the_headline_in_both_languages():
    span = RangeSum(2175, False, 2218, ["k1", "t1"])
    href = f"regional_comparison.html#{evidence_id(['k1', 't1'])}"
    with using("en"):
        page = _front_page(span, "en")
    assert f'(<a href="{href}">the sources give 2,175 to 2,218</a>)' in page
    with using("ru"):
        page = _front_page(span, "ru")
    assert f'(<a href="{href}">по источникам — от 2175 до 2218</a>)' in page


def test_front_page_says_when_no_source_gives_an_upper_end():
    page = _front_page(RangeSum(2175, True, None, ["k1"]), "en")
    assert "the sources give at least 2,175; none gives an upper end</a>" in page


def test_front_page_gives_no_range_when_every_source_agrees():
    page = _front_page(RangeSum(2218, False, 2218, ["k1"]), "en")
    assert 'class="range"' not in page
    assert re.search(r'<a class="count" href="[^"]+">2,218</a>', page)


def test_front_page_marks_a_low_end_that_is_a_floor_in_both_languages():
    span = RangeSum(2181, True, 2218, ["k1"])
    with using("en"):
        assert "the sources give 2,181 (a lower bound) to 2,218</a>" in _front_page(span, "en")
    with using("ru"):
        page = _front_page(span, "ru")
    assert "по источникам — от 2181 (нижняя граница) до 2218</a>" in page
