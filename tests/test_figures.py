"""Figures by country and group: a title, labelled axes, a source line, marked lower bounds."""

import pandas as pd

from helpers.report.figures import LOWER_BOUND_HATCH, plot_breakdown, plot_totals

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
    assert fig._suptitle.get_text() == "People repatriated, by country, as of 30 June 2024"
    assert "number of people" in ax.get_xlabel()
    assert any(t.startswith("Source:") for t in texts(fig))


def test_lower_bound_is_hatched_and_labelled():
    fig = plot_totals(TOTALS)
    hatched = [p for p in fig.axes[0].patches if p.get_hatch() == LOWER_BOUND_HATCH]
    assert len(hatched) == 1 and hatched[0].get_width() == 347
    assert "≥ 347" in texts(fig)


def test_not_reported_is_written_not_drawn_as_zero():
    fig = plot_totals(TOTALS)
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert 0 not in widths and len(widths) == 2
    assert "not reported" in texts(fig)


def test_breakdown_draws_the_not_specified_remainder():
    fig = plot_breakdown(TOTALS)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Not specified" in legend and "Women and children (not split)" in legend


def test_breakdown_marks_the_total_where_the_groups_add_up_to_more():
    # Kazakhstan on 30 June 2024: 189 + 526 + 37 = 752 against a total of 730.
    over = TOTALS.iloc[[0]].assign(
        total_returned=pd.array([730], dtype="Int64"),
        total_high=pd.array([730], dtype="Int64"),
        women=pd.array([189], dtype="Int64"),
        children=pd.array([526], dtype="Int64"),
        men=pd.array([37], dtype="Int64"),
        unspecified=pd.array([0], dtype="Int64"),
        groups_over_total=pd.array([22], dtype="Int64"),
        **{f"{g}_is_lower_bound": [True] for g in ("women", "children", "men")},
    )
    ax = plot_breakdown(over).axes[0]
    bar_ends = [p.get_x() + p.get_width() for p in ax.patches]
    assert max(bar_ends) == 752  # the groups as the sources give them, not cut to the total
    assert [list(line.get_xdata()) for line in ax.get_lines()] == [[730, 730]]
    texts = [t.get_text() for t in ax.texts]
    assert "total 730; the groups add up to 22 more " in texts
    legend = [" ".join(t.get_text().split()) for t in ax.get_legend().get_texts()]
    assert "Total, where the groups reported add up to more (the sources disagree)" in legend
    fits = plot_breakdown(over.assign(groups_over_total=pd.array([0], dtype="Int64"))).axes[0]
    assert fits.get_lines() == []


RANGED = TOTALS.assign(
    total_low=pd.array([725, 347, None], dtype="Int64"),
    total_low_is_lower_bound=[False, False, False],
    total_high=pd.array([754, 347, None], dtype="Int64"),
)


def test_the_range_the_sources_give_is_drawn_beside_the_bar():
    fig = plot_totals(RANGED)
    lines = [line.get_xdata() for line in fig.axes[0].get_lines()]
    assert [725, 754] in [list(x) for x in lines]  # Kazakhstan: 725 to 754
    assert not any(list(x) == [347, 347] for x in lines)  # no range where the sources agree
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Range of the totals the sources give" in legend


def test_figures_are_in_the_reports_language():
    from helpers.report.i18n import using

    with using("ru"):
        fig = plot_totals(TOTALS)
    assert fig._suptitle.get_text() == "Репатриировано по странам на 30 июня 2024\u202fг."
    assert "Казахстан" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert fig.axes[0].get_xlabel() == "Репатриировано, чел."


def test_the_style_is_not_left_on_the_global_settings():
    import matplotlib

    before = matplotlib.rcParams["axes.spines.top"]
    plot_totals(TOTALS)
    assert matplotlib.rcParams["axes.spines.top"] == before


def test_one_operation_is_one_narrow_bar():
    from helpers.report.figures import plot_operations

    ops = pd.DataFrame(
        {
            "country_iso3": ["TJK"],
            "name": ["April 2024 return"],
            "date_label": ["25 April 2024"],
            "people": pd.array([47], dtype="Int64"),
            "people_is_lower_bound": [False],
            "women": pd.array([15], dtype="Int64"),
            "children": pd.array([32], dtype="Int64"),
            "men": pd.array([None], dtype="Int64"),
            "women_and_children": pd.array([None], dtype="Int64"),
            "unspecified": pd.array([0], dtype="Int64"),
            **{
                f"{g}_is_lower_bound": [False]
                for g in ("women", "children", "men", "women_and_children", "unspecified")
            },
            "is_weak_only": [False],
        }
    )
    ax = plot_operations(ops).axes[0]
    width = ax.patches[0].get_width()
    low, high = ax.get_xlim()
    assert width / (high - low) < 0.2


def test_a_range_without_an_upper_end_is_not_drawn():
    only_floors = RANGED.assign(total_high=pd.array([None, None, None], dtype="Int64"))
    fig = plot_totals(only_floors)
    assert not fig.axes[0].get_lines()


def test_operations_draw_their_own_unsplit_women_and_children_and_remainder():
    from helpers.report.figures import plot_operations

    ops = pd.DataFrame(
        {
            "country_iso3": ["TJK", "TJK"],
            "name": ["May 2023", "July 2022"],
            "date_label": ["21 May 2023", "25 July 2022"],
            "people": pd.array([104, 146], dtype="Int64"),
            "people_is_lower_bound": [False, False],
            "women": pd.array([None, None], dtype="Int64"),
            "children": pd.array([None, None], dtype="Int64"),
            "men": pd.array([None, None], dtype="Int64"),
            "women_and_children": pd.array([104, None], dtype="Int64"),
            "unspecified": pd.array([0, 146], dtype="Int64"),
            **{
                f"{g}_is_lower_bound": [False, False]
                for g in ("women", "children", "men", "women_and_children", "unspecified")
            },
            "is_weak_only": [False, False],
        }
    )
    fig = plot_operations(ops)
    heights = sorted(p.get_height() for p in fig.axes[0].patches)
    assert heights == [104, 146]
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Women and children (not split)", "Not specified"]
