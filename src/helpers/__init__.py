"""Load, check, analyse and draw the Central Asian repatriation dataset.

The main calls, in the order an analysis uses them::

    from helpers import load_dataset, compute_country_totals, plot_totals
    data = load_dataset()                       # validated, typed DataFrames
    statements = compute_statements(data.repatriations, data.sources)
    totals = compute_country_totals(statements, as_of="2024-12-31")
    fig = plot_totals(totals)
"""

from helpers.analysis import (
    compute_country_summary,
    compute_country_totals,
    compute_group_totals,
    compute_statements,
    select_population,
)
from helpers.checks import compute_checks, compute_operations, compute_reconciliation
from helpers.errors import DataValidationError, ParameterError
from helpers.figures import (
    plot_breakdown,
    plot_checks,
    plot_operations,
    plot_operations_per_year,
    plot_per_100k,
    plot_timeline,
    plot_totals,
    save_figure,
)
from helpers.loading import Dataset, load_dataset, validate_data_dir

__all__ = [
    "DataValidationError",
    "Dataset",
    "ParameterError",
    "compute_checks",
    "compute_country_summary",
    "compute_country_totals",
    "compute_group_totals",
    "compute_operations",
    "compute_reconciliation",
    "compute_statements",
    "load_dataset",
    "plot_breakdown",
    "plot_checks",
    "plot_operations",
    "plot_operations_per_year",
    "plot_per_100k",
    "plot_timeline",
    "plot_totals",
    "save_figure",
    "select_population",
    "validate_data_dir",
]
