"""The house style: the reports' size, title and source line, word-safe labels, no global change."""

import subprocess
import sys

import matplotlib
import pandas as pd
import pytest

from helpers.data.errors import ParameterError
from helpers.report.figure_style import (
    house_style,
    in_years,
    lower_bound_patch,
    new_figure,
    wrap_label,
)


def test_a_new_figure_has_the_reports_size_title_and_source_line():
    fig, ax = new_figure("People repatriated")
    assert [round(v * fig.dpi) for v in fig.get_size_inches()] == [900, 500]
    assert fig._suptitle.get_text() == "People repatriated"
    texts = [t.get_text() for t in fig.texts]
    assert any(t.startswith("Source: central-asia-returnees dataset") for t in texts)
    assert fig.axes == [ax]


def test_a_new_figure_takes_its_own_source_line():
    fig, _ = new_figure("Title", source="Source: my own count")
    assert [t.get_text() for t in fig.texts] == ["Title", "Source: my own count"]


def test_labels_wrap_at_words_and_keep_a_year_with_its_abbreviation():
    assert wrap_label("Humanitarian operation Zhusan", 12) == "Humanitarian\noperation\nZhusan"
    assert wrap_label("в апреле 2019 г.", 10) == "в апреле\n2019\u00a0г."


def test_the_lower_bound_legend_entry_is_hatched_and_says_so():
    patch = lower_bound_patch()
    assert patch.get_hatch() == "///"
    assert patch.get_label() == "Lower bound (≥): the true figure may be higher"


def test_a_span_of_years_keeps_the_operations_inside_it():
    ops = pd.DataFrame({"year": [2018, 2019, 2021, 2022]})
    assert list(in_years(ops, (2019, 2021))["year"]) == [2019, 2021]
    assert list(in_years(ops, None)["year"]) == [2018, 2019, 2021, 2022]


def test_a_span_of_years_in_the_wrong_order_is_refused_with_what_is_allowed():
    refused = r"two whole years, first then last.*got \(2021, 2019\)"
    with pytest.raises(ParameterError, match=refused):
        in_years(pd.DataFrame({"year": [2020]}), (2021, 2019))


def test_the_house_style_is_left_at_the_end_of_its_block():
    before = matplotlib.rcParams["axes.spines.top"]
    with house_style():
        inside = matplotlib.rcParams["axes.spines.top"]
    assert inside is False and matplotlib.rcParams["axes.spines.top"] == before


@pytest.mark.slow
def test_importing_the_figures_switches_no_backend():
    code = (
        "import matplotlib; matplotlib.use('svg'); import helpers.report.figure_style, "
        "helpers.report.figures, helpers.report.figure_time; print(matplotlib.get_backend())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "svg"
