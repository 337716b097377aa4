"""Load, check, analyse and draw the Central Asian repatriation dataset.

The main calls, in the order an analysis uses them::

    import helpers
    data = helpers.load_dataset()                   # validated, typed DataFrames
    statements = helpers.compute_statements(data.repatriations, data.sources)
    totals = helpers.compute_country_totals(statements, as_of="2023-12-31")
    fig = helpers.plot_totals(totals)

Names are imported on first use, so ``python -m helpers build`` starts fast when there is
nothing to rebuild.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "load_dataset": "helpers.data.loading",
    "validate_data_dir": "helpers.data.loading",
    "latest_data_date": "helpers.data.loading",
    "compute_latest_abroad": "helpers.model.abroad",
    "show_abroad": "helpers.report.abroad_text",
    "describe_abroad": "helpers.report.abroad_text",
    "show_abroad_facts": "helpers.report.abroad_text",
    "Dataset": "helpers.data.loading",
    "DataValidationError": "helpers.data.errors",
    "ParameterError": "helpers.data.errors",
    "compute_statements": "helpers.model.analysis",
    "compute_country_totals": "helpers.model.totals",
    "compute_group_totals": "helpers.model.totals",
    "compute_country_summary": "helpers.model.population",
    "select_population": "helpers.model.population",
    "select_figures": "helpers.model.totals",
    "summarise_totals": "helpers.model.totals",
    "compute_own_returns": "helpers.model.totals",
    "latest_common_year": "helpers.model.population",
    "compute_operations": "helpers.report.operation_text",
    "compute_timeline": "helpers.model.timeline_table",
    "month_ends": "helpers.model.timeline",
    "regional_floor": "helpers.model.timeline_table",
    "build_models": "helpers.model.timeline",
    "count_at": "helpers.model.timeline",
    "plot_count_over_time": "helpers.report.figure_time",
    "describe_group_bounds": "helpers.report.describe",
    "compute_checks": "helpers.model.checks",
    "compute_contradictions": "helpers.model.contradictions",
    "describe_contradictions": "helpers.report.describe",
    "compute_reconciliation": "helpers.model.checks",
    "show_checks": "helpers.report.check_text",
    "show_reconciliation": "helpers.report.check_text",
    "word_checks": "helpers.report.check_text",
    "validate_tables": "helpers.data.table_schema",
    "plot_totals": "helpers.report.figures",
    "plot_breakdown": "helpers.report.figures",
    "plot_per_100k": "helpers.report.figures",
    "plot_timeline": "helpers.report.figure_time",
    "plot_operations": "helpers.report.figures",
    "plot_operations_per_year": "helpers.report.figure_time",
    "plot_checks": "helpers.report.figures",
    "save_figure": "helpers.report.figure_files",
    "show_table": "helpers.report.tables",
    "save_table": "helpers.report.tables",
    "format_for_readers": "helpers.report.columns",
    "show_markdown": "helpers.report.passages",
    "show_words": "helpers.report.passages",
    "show_text": "helpers.report.passages",
    "say": "helpers.report.messages",
    "translate": "helpers.report.messages",
    "translate_plural": "helpers.report.messages",
    "check_messages": "helpers.report.messages",
    "MissingTranslationError": "helpers.report.messages",
    "table_href": "helpers.report.tables",
    "describe_total_ranges": "helpers.report.describe",
    "Evidence": "helpers.report.evidence",
    "t": "helpers.report.i18n",
    "fmt_date": "helpers.report.i18n",
    "fmt_int": "helpers.report.i18n",
    "describe_totals": "helpers.report.describe",
    "describe_own_returns": "helpers.report.describe",
    "select_programme_facts": "helpers.report.facts",
    "show_programmes_at_a_glance": "helpers.report.glance",
    "country_name": "helpers.report.names",
    "format_count": "helpers.report.wording",
    "bounded_sum": "helpers.model.counts",
    "format_gap": "helpers.report.wording",
    "format_bounded": "helpers.report.wording",
    "house_style": "helpers.report.figure_style",
    "new_figure": "helpers.report.figure_style",
    "using": "helpers.report.i18n",
    "check_as_of": "helpers.data.arguments",
    "check_countries": "helpers.data.arguments",
    "check_language": "helpers.data.arguments",
    "group_label": "helpers.report.wording",
    "set_language": "helpers.report.i18n",
    "validate_parameters": "helpers.site.params",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    """List the public names alongside the module's own."""
    return sorted(set(globals()) | set(_EXPORTS))
