"""Figures over time: a year with no operation says so, the span of years, floors marked."""

import pandas as pd
from matplotlib.dates import num2date

from helpers.report.figure_time import plot_operations_per_year, plot_timeline


def texts(fig):
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]


PER_YEAR = pd.DataFrame(
    {
        "year": [2021, 2023, 2023],
        "country_iso3": ["KAZ", "KAZ", "KGZ"],
        "people": pd.array([12, 5, 40], dtype="Int64"),
        "people_is_lower_bound": [False, False, True],
        "is_weak_only": [False, False, False],
    }
)


def test_a_year_without_operations_says_so():
    fig = plot_operations_per_year(PER_YEAR)
    assert "no operation reported" in texts(fig)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2021", "2022", "2023"]


def test_bars_per_year_sum_a_countrys_operations_and_hatch_a_floor():
    fig = plot_operations_per_year(PER_YEAR)
    bars = sorted((round(p.get_height()), p.get_hatch()) for p in fig.axes[0].patches)
    assert bars == [(5, None), (12, None), (40, "///")]
    assert "≥ 40 (1 operation)" in texts(fig)


OPERATIONS = pd.DataFrame(
    {
        "country_iso3": ["KAZ", "KGZ"],
        "name": ["Zhusan-1", "Meerim"],
        "date": [pd.Timestamp("2019-01-06"), pd.Timestamp("2021-03-15")],
        "year": [2019, 2021],
        "people": pd.array([47, 79], dtype="Int64"),
        "people_is_lower_bound": [False, True],
        "is_weak_only": [False, False],
    }
)


def test_a_timeline_spans_the_years_asked_for_from_january_to_december():
    ax = plot_timeline(OPERATIONS, years=(2019, 2021)).axes[0]
    low, high = (num2date(x).date().isoformat() for x in ax.get_xlim())
    assert (low, high) == ("2018-11-17", "2022-02-14")  # 1 Jan 2019 and 31 Dec 2021, ± 45 days
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Meerim (Kyrgyzstan)", "Zhusan-1 (Kazakhstan)"]


def test_a_timeline_marks_an_operation_whose_count_is_a_floor():
    fig = plot_timeline(OPERATIONS)
    assert "≥ 79" in texts(fig) and "47" in texts(fig)
    hatched = [c for c in fig.axes[0].collections if c.get_hatch()]
    assert len(hatched) == 1
