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
    "load_dataset": "helpers.loading",
    "validate_data_dir": "helpers.loading",
    "latest_data_date": "helpers.loading",
    "compute_latest_abroad": "helpers.abroad",
    "show_abroad": "helpers.abroad_text",
    "describe_abroad": "helpers.abroad_text",
    "show_abroad_facts": "helpers.abroad_text",
    "Dataset": "helpers.loading",
    "DataValidationError": "helpers.errors",
    "ParameterError": "helpers.errors",
    "compute_statements": "helpers.analysis",
    "compute_country_totals": "helpers.analysis",
    "compute_group_totals": "helpers.analysis",
    "compute_country_summary": "helpers.analysis",
    "select_population": "helpers.analysis",
    "select_figures": "helpers.analysis",
    "summarise_totals": "helpers.analysis",
    "compute_own_returns": "helpers.analysis",
    "latest_common_year": "helpers.analysis",
    "compute_operations": "helpers.operations",
    "compute_timeline": "helpers.timeline_table",
    "month_ends": "helpers.timeline",
    "regional_floor": "helpers.timeline_table",
    "build_models": "helpers.timeline",
    "count_at": "helpers.timeline",
    "plot_count_over_time": "helpers.figures",
    "describe_group_bounds": "helpers.tables",
    "compute_checks": "helpers.checks",
    "compute_contradictions": "helpers.checks",
    "describe_contradictions": "helpers.tables",
    "compute_reconciliation": "helpers.checks",
    "show_checks": "helpers.check_text",
    "show_reconciliation": "helpers.check_text",
    "word_checks": "helpers.check_text",
    "validate_tables": "helpers.table_schema",
    "plot_totals": "helpers.figures",
    "plot_breakdown": "helpers.figures",
    "plot_per_100k": "helpers.figures",
    "plot_timeline": "helpers.figures",
    "plot_operations": "helpers.figures",
    "plot_operations_per_year": "helpers.figures",
    "plot_checks": "helpers.figures",
    "save_figure": "helpers.figures",
    "show_table": "helpers.tables",
    "save_table": "helpers.tables",
    "format_for_readers": "helpers.tables",
    "show_markdown": "helpers.tables",
    "show_words": "helpers.tables",
    "show_text": "helpers.tables",
    "table_href": "helpers.tables",
    "describe_total_ranges": "helpers.tables",
    "Evidence": "helpers.evidence",
    "t": "helpers.i18n",
    "fmt_date": "helpers.i18n",
    "fmt_int": "helpers.i18n",
    "describe_totals": "helpers.tables",
    "describe_own_returns": "helpers.tables",
    "select_programme_facts": "helpers.tables",
    "show_programmes_at_a_glance": "helpers.glance",
    "country_name": "helpers.names",
    "format_count": "helpers.counts",
    "bounded_sum": "helpers.counts",
    "format_gap": "helpers.counts",
    "format_bounded": "helpers.counts",
    "house_style": "helpers.figures",
    "new_figure": "helpers.figures",
    "using": "helpers.i18n",
    "check_as_of": "helpers.arguments",
    "check_countries": "helpers.arguments",
    "check_language": "helpers.arguments",
    "group_label": "helpers.counts",
    "set_language": "helpers.i18n",
    "validate_parameters": "helpers.params",
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
