"""The programmes at a glance: a column per country, a row per field, latest fact first, linked."""

import re

import pandas as pd
import pytest

from helpers.report.evidence import Evidence, evidence_id
from helpers.report.glance import show_programmes_at_a_glance
from helpers.report.i18n import using


def _facts() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("kaz-status-1", "KAZ", "status", "Some remain (2025)", "2025-03"),
            ("kaz-status-2", "KAZ", "status", "All returned <b>(2024)</b>", "2024-12-02"),
            ("kaz-status-3", "KAZ", "status", "Undated remark", None),
            ("kaz-started-1", "KAZ", "started", "2019", "2024-05"),
            ("uzb-status-1", "UZB", "status", "Mehr continues", "2025-09"),
            ("uzb-status-2", "UZB", "status", "Mehr-6 done", "2026-01-15"),
            ("tkm-status-1", "TKM", "status", "Turkmen fact", "2026-02"),
        ],
        columns=["fact_id", "country_iso3", "field", "value", "published"],
    )


def _rows(html: str) -> dict[str, list[str]]:
    """Each row's header and its cells, as text without tags."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        head = re.search(r'<th scope="row">(.*?)</th>', row)
        if head:
            cells = re.findall(r"<td>(.*?)</td>", row)
            found[head.group(1)] = [re.sub(r"(<[^>]+>)+", "|", c).strip("|") for c in cells]
    return found


def test_glance_has_a_column_per_country_and_a_row_per_field():
    with using("en"):
        html = show_programmes_at_a_glance(_facts(), ["KAZ", "UZB"])._repr_html_()
    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert headers == ["Field", "Kazakhstan", "Uzbekistan"]
    assert list(_rows(html)) == [
        "Operations",
        "Started",
        "Returned from",
        "Partners",
        "Support on return",
        "Status",
    ]
    assert "Turkmen fact" not in html


def test_glance_puts_the_latest_fact_first_and_counts_the_rest():
    with using("en"):
        html = show_programmes_at_a_glance(_facts(), ["KAZ", "UZB"], limit=1)._repr_html_()
    rows = _rows(html)
    # KAZ status: 2025-03 is later than 2024-12-02; the undated one is last; two are left out.
    assert rows["Status"][0] == "Some remain (2025)|+2 more in the full list"
    assert rows["Status"][1] == "Mehr-6 done|+1 more in the full list"
    assert rows["Started"] == ["2019", "no fact recorded"]


def test_glance_links_each_fact_to_its_evidence_and_escapes_values():
    facts = _facts()
    evidence = Evidence(pd.DataFrame(columns=["statement_id"]), pd.DataFrame(), facts)
    with using("en"):
        html = show_programmes_at_a_glance(facts, ["KAZ"], evidence=evidence)._repr_html_()
    anchor = evidence_id(["kaz-status-2"])
    assert f'<a class="fact" href="#{anchor}">All returned &lt;b&gt;(2024)&lt;/b&gt;</a>' in html
    assert html.count('class="fact"') == 3  # two status facts shown, the start year
    assert "<b>" not in html


def test_glance_speaks_russian():
    with using("ru"):
        html = show_programmes_at_a_glance(_facts(), ["KAZ", "UZB"], limit=2)._repr_html_()
    rows = _rows(html)
    assert list(rows)[0] == "Операции"
    assert rows["Положение"][0].endswith("ещё 1 — в полном списке")
    assert rows["Операции"] == ["фактов нет", "фактов нет"]
    assert "<caption>Программы вкратце</caption>" in html
    # The heading and sentence come with the table, kept on its page in print.
    assert html.startswith(
        '<section class="glance"><h2>Программы вкратце</h2>\n<p>Четыре программы'
    )


def test_glance_refuses_a_limit_below_one():
    with pytest.raises(ValueError, match="limit must be 1 or more facts per cell, got 0"):
        show_programmes_at_a_glance(_facts(), ["KAZ"], limit=0)
