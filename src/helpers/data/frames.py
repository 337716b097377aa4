"""Rows of a table as Python values, for the code that reads a table row by row."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype


def _native(value: Any) -> Any:
    """Return a NumPy scalar as its Python value (a date as a Timestamp), anything else as is."""
    if isinstance(value, np.generic):
        if isinstance(value, np.datetime64):
            return pd.Timestamp(value)
        if isinstance(value, np.timedelta64):
            return pd.Timedelta(value)
        return value.item()
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of ``frame`` as dicts, the same values ``frame.to_dict("records")`` gives.

    Numbers, flags and dates are Python's (dates as Timestamps, a missing date as NaT), and a
    missing value of a column that marks it ``<NA>`` is None. It reads the frame column by
    column, which is several times faster than pandas' row-by-row reading on these tables.
    """
    columns = frame.columns.tolist()
    values: list[list[Any]] = []
    for _, column in frame.items():
        dtype = column.dtype
        if isinstance(dtype, ExtensionDtype) and hasattr(dtype, "na_value"):
            missing = None if dtype.na_value is pd.NA else dtype.na_value
            cells = column.to_numpy(dtype=object, na_value=missing)
            values.append([_native(v) for v in cells])
        elif dtype == np.dtype(object) or isinstance(dtype, ExtensionDtype):
            values.append([None if v is pd.NA else _native(v) for v in column])
        else:
            values.append(column.tolist())
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
