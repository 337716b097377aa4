"""Figures carry a title, labelled axes, a source line, marked lower bounds; saving is stable."""

import hashlib

import pandas as pd

from helpers.figures import LOWER_BOUND_HATCH, plot_breakdown, plot_totals, save_figure

TOTALS = pd.DataFrame(
    {
        "country_iso3": ["KAZ", "TJK", "UZB"],
        "as_of": ["2024-06-30"] * 3,
        "total_returned": pd.array([725, 347, None], dtype="Int64"),
        "total_is_lower_bound": [False, True, False],
        **{
            g: pd.array(v, dtype="Int64")
            for g, v in {
                "women": [188, None, None],
                "children": [522, None, None],
                "men": [None, None, None],
                "women_and_children": [None, 300, None],
                "unspecified": [15, 47, None],
            }.items()
        },
        **{
            f"{g}_is_lower_bound": [False, g == "women_and_children", False]
            for g in ("women", "children", "men", "women_and_children", "unspecified")
        },
    }
)


def texts(fig):
    return [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]


def test_totals_figure_has_title_axis_label_and_source_line():
    fig = plot_totals(TOTALS)
    ax = fig.axes[0]
    assert fig._suptitle.get_text() == "People returned home, by country, as of 2024-06-30"
    assert "number of people" in ax.get_xlabel()
    assert any(t.startswith("Source:") for t in texts(fig))


def test_lower_bound_is_hatched_and_labelled():
    fig = plot_totals(TOTALS)
    hatched = [p for p in fig.axes[0].patches if p.get_hatch() == LOWER_BOUND_HATCH]
    assert len(hatched) == 1 and hatched[0].get_width() == 347
    assert "≥347" in texts(fig)


def test_not_reported_is_written_not_drawn_as_zero():
    fig = plot_totals(TOTALS)
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert 0 not in widths and len(widths) == 2
    assert "not reported" in texts(fig)


def test_breakdown_draws_the_not_specified_remainder():
    fig = plot_breakdown(TOTALS)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Not specified" in legend and "Women and children (not split)" in legend


def test_saved_figures_have_stable_bytes_and_no_tool_or_date(tmp_path):
    first = save_figure(plot_totals(TOTALS), tmp_path / "a", "totals", alt="Bar chart")
    second = save_figure(plot_totals(TOTALS), tmp_path / "b", "totals", alt="Bar chart")
    for one, two in ((first.png, second.png), (first.svg, second.svg)):
        assert (
            hashlib.sha256(one.read_bytes()).digest() == hashlib.sha256(two.read_bytes()).digest()
        )
    svg = first.svg.read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in first.png.read_bytes()


def test_saved_figure_shows_with_alt_text(tmp_path):
    saved = save_figure(plot_totals(TOTALS), tmp_path, "totals", alt='Totals "by" <country>')
    html = saved._repr_html_()
    assert 'alt="Totals &quot;by&quot; &lt;country&gt;"' in html
    assert html.startswith('<img src="data:image/png;base64,')
