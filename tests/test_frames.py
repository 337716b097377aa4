"""Rows as Python values: what pandas' ``to_dict("records")`` gives, column by column."""

import math

import numpy as np
import pandas as pd
from conftest import TABLES

from helpers.data.frames import records


def test_each_kind_of_column_gives_python_values_and_none_where_marked_missing():
    frame = pd.DataFrame(
        {
            "name": pd.array(["Aikol", None], dtype="string"),
            "count": pd.array([14, None], dtype="Int64"),
            "plain": np.array([3, 4], dtype="int64"),
            "share": [0.5, float("nan")],
            "flag": pd.array([True, None], dtype="boolean"),
            "stated": [True, False],
            "date": pd.to_datetime(["2024-04-15", None]),
            "other": [np.int64(7), pd.NA],
        }
    )
    first, second = records(frame)
    assert first == {
        "name": "Aikol",
        "count": 14,
        "plain": 3,
        "share": 0.5,
        "flag": True,
        "stated": True,
        "date": pd.Timestamp("2024-04-15"),
        "other": 7,
    }
    assert [type(first[k]) for k in ("count", "plain", "flag", "stated", "other")] == [
        int,
        int,
        bool,
        bool,
        int,
    ]
    assert (second["name"], second["count"], second["flag"], second["other"]) == (None,) * 4
    assert math.isnan(second["share"]) and second["date"] is pd.NaT
    assert records(frame.iloc[:0]) == []


def _same(left: list[dict], right: list[dict]) -> bool:
    """Equal rows, key order and value types (NaN equal to NaN)."""
    return len(left) == len(right) and all(
        list(a) == list(b)
        and all(type(a[k]) is type(b[k]) and (a[k] == b[k] or a[k] != a[k]) for k in a)
        for a, b in zip(left, right, strict=True)
    )


def test_every_shipped_table_and_the_statements_read_as_pandas_reads_them(shipped):
    from helpers.model.analysis import compute_statements

    frames = {name: getattr(shipped, name) for name in TABLES}
    frames["statements"] = compute_statements(shipped.repatriations, shipped.sources)
    for name, frame in frames.items():
        assert _same(records(frame), frame.to_dict("records")), name
