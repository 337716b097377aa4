import re

from helpers.index import render_headline, render_index
from helpers.site import Run


def test_headline_adds_up_the_country_totals_and_names_unsplit_children():
    from helpers.analysis import compute_country_totals, compute_statements
    from helpers.loading import load_dataset

    data = load_dataset()
    totals = compute_country_totals(compute_statements(data.repatriations, data.sources))
    html = render_headline()
    shown = int(
        re.search(r"<strong>(?:at least )?([\d,]+)</strong>people", html)[1].replace(",", "")
    )
    assert shown == int(totals["total_returned"].sum())
    unsplit = totals.loc[totals["children"].isna(), "country_iso3"]
    assert len(unsplit) and "Children are not reported separately for" in html


def test_index_lists_each_report_with_versions_and_escapes_text():
    run = Run("r1", "x.ipynb", "A <title>", "Says <b>", {"country": "KAZ"})
    manifest = {
        "runs": {
            "r1": {
                "files": ["r1.html", "tables/t.csv"],
                "data_version": "d1",
                "code_version": "c1",
                "key": "k",
            }
        }
    }
    html = render_index([run], manifest, headline="<p>numbers</p>")
    assert '<a href="r1.html">A &lt;title&gt;</a>' in html
    assert "Says &lt;b&gt;" in html
    assert "<code>d1</code>" in html and "<code>c1</code>" in html
    assert '<a href="tables/t.csv">t.csv</a>' in html
    assert "<script" not in html and "http" not in html.split("</head>")[0]


def test_index_says_when_a_report_was_not_built():
    run = Run("r2", "x.ipynb", "Missing", "d", {})
    html = render_index([run], {"runs": {}}, headline="")
    assert "Not built" in html
