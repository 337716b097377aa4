"""The dataset's vocabularies: the groups a count breaks down into, and "not reported".

The groups are read from the ``group`` enum of ``data/datapackage.json``: a new group touches the
descriptor, the catalogues and ``helpers.report.wording.GROUP_COLOURS``. Every layer takes these
names from here; none spells them.
"""

from __future__ import annotations

import json
from functools import cache

import pandas as pd

from helpers.data.paths import DATA_DIR

LANGUAGES = ("en", "ru")
"""The languages the reports are written in, the first the default."""
PEOPLE = "people"
"""The group that is a statement's total."""
UNSPECIFIED = "unspecified"
"""What a total has beyond the groups stated: kept, never dropped or spread over the groups."""
COMBINED = {"women_and_children": ("women", "children")}
"""Groups that stand for others together, when a source gives no split."""
RELIABILITY_RANK = {"high": 0, "medium": 1, "low": 2}
SOURCE_TYPE_RANK = {"official": 0, "press": 1, "third_party": 2}


@cache
def _group_enum() -> tuple[str, ...]:
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    reps = next(r for r in package["resources"] if r["name"] == "repatriations")
    field = next(f for f in reps["schema"]["fields"] if f["name"] == "group")
    return tuple(field["constraints"]["enum"])


GROUPS: tuple[str, ...] = tuple(g for g in _group_enum() if g != PEOPLE)
"""The groups a total breaks down into, in the descriptor's order."""
PARTS: tuple[str, ...] = tuple(g for g in GROUPS if g not in COMBINED)
"""The groups that do not stand for others together (women, children, men)."""
COUNT_COLUMNS: tuple[str, ...] = (PEOPLE, *GROUPS, UNSPECIFIED)
"""Every count column of a statement or total, each with an ``*_is_lower_bound`` partner."""


def is_missing(value: object) -> bool:
    """Tell whether a count is "not reported": None, pd.NA or NaN (never 0)."""
    return value is None or bool(pd.isna(value))


def as_int(value: object) -> int | None:
    """Return a count as ``int``, or None when it is not reported."""
    return None if is_missing(value) else int(value)  # type: ignore[call-overload]
