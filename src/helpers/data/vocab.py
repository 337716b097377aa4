"""The dataset's vocabularies: every enum of the Data Package, read from its descriptor.

``read_vocabulary`` gives the allowed values of every column of a descriptor (``constraints.enum``,
or ``itemConstraints.enum`` for a list such as ``origin``); ``load_dataset`` gives each dataset the
vocabulary of the ``data_dir`` it was read from (``Dataset.vocab``) and the dataset's own rules
check against it. The constants below are the project's own ``data/``, read once at import, for
the model that needs them then (the groups a count breaks down into, the precedence of sources).
This is the one module that writes a value of the vocabulary as a string: every other module
takes the names from here (a test walks the source to hold it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.data.paths import DATA_DIR

DESCRIPTOR = "datapackage.json"


@dataclass(frozen=True)
class Vocabulary:
    """The allowed values of every column of a Data Package that states them, by table."""

    enums: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    """Table name -> column name -> allowed values, in the descriptor's order."""

    def values(self, table: str, column: str) -> tuple[str, ...]:
        """Return the allowed values of ``table.column``; KeyError naming those that have some."""
        try:
            return self.enums[table][column]
        except KeyError:
            known = ", ".join(f"{t}.{c}" for t, cols in self.enums.items() for c in cols)
            message = f"no vocabulary for {table}.{column}; there is one for: {known}"
            raise KeyError(message) from None

    def get(self, table: str, column: str) -> tuple[str, ...]:
        """Return the allowed values of ``table.column``; empty when the descriptor states none."""
        return self.enums.get(table, {}).get(column, ())

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups a total breaks down into (every group but the total), in order."""
        return tuple(g for g in self.get("repatriations", "group") if g != PEOPLE)

    @property
    def parts(self) -> tuple[str, ...]:
        """The groups that do not stand for others together (women, children, men)."""
        return tuple(g for g in self.groups if g not in COMBINED)

    @property
    def origins(self) -> tuple[str, ...]:
        """The places a repatriation can come from (ISO 3166-1 alpha-3 codes)."""
        return self.get("repatriations", "origin")

    @property
    def places_by_kind(self) -> dict[str, tuple[str, ...]]:
        """The places of abroad.csv a figure of each kind may name, kept to this vocabulary."""
        places = set(self.get("abroad", "place"))
        return {
            kind: tuple(p for p in PLACES_BY_KIND.get(kind, ()) if p in places)
            for kind in self.get("abroad", "kind")
        }


def read_vocabulary(descriptor: dict[str, Any]) -> Vocabulary:
    """Return the vocabulary of a Data Package descriptor (its dict, as read from JSON)."""
    enums: dict[str, dict[str, tuple[str, ...]]] = {}
    for res in descriptor.get("resources", []):
        for spec in res.get("schema", {}).get("fields", []):
            values = spec.get("constraints", {}).get("enum")
            if values is None:
                values = spec.get("itemConstraints", {}).get("enum")
            if values is not None:
                enums.setdefault(res["name"], {})[spec["name"]] = tuple(map(str, values))
    return Vocabulary(enums)


def load_vocabulary(data_dir: Path) -> Vocabulary:
    """Read the vocabulary of ``data_dir/datapackage.json`` (an empty one if it cannot be read)."""
    try:
        return read_vocabulary(json.loads((data_dir / DESCRIPTOR).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Vocabulary()  # the loader reports the descriptor's own problem


PROJECT_VOCABULARY = load_vocabulary(DATA_DIR)
"""The vocabulary of the project's own ``data/``."""


def _member(table: str, column: str, value: str) -> str:
    """Return ``value``, after checking the project's descriptor allows it in ``table.column``."""
    if value not in PROJECT_VOCABULARY.values(table, column):
        raise KeyError(f"{value!r} is not a value of {table}.{column} in data/{DESCRIPTOR}")
    return value


LANGUAGES = ("en", "ru")
"""The languages the reports are written in, the first the default."""
ENGLISH = _member("sources", "language", LANGUAGES[0])
"""English: a source in it needs no English translation of its quotes."""
RUSSIAN = _member("sources", "language", LANGUAGES[1])
"""Russian: a source in it needs no Russian translation of its quotes."""
PEOPLE = _member("repatriations", "group", "people")
"""The group that is a statement's total."""
UNSPECIFIED = "unspecified"
"""What a total has beyond the groups stated: kept, never dropped or spread over the groups."""
COMBINED = {
    _member("repatriations", "group", "women_and_children"): (
        _member("repatriations", "group", "women"),
        _member("repatriations", "group", "children"),
    )
}
"""Groups that stand for others together, when a source gives no split."""

CUMULATIVE = _member("repatriations", "scope", "cumulative")
"""A count of everyone returned up to its date."""
EVENT = _member("repatriations", "scope", "event")
"""A count of one operation."""
PERIOD = _member("repatriations", "scope", "period")
"""A count of the returns between two dates."""
REPATRIATED = _member("repatriations", "channel", "repatriated")
"""Returned by a state-organised operation or programme: the only channel totals count."""
RETURNED_ON_OWN = _member("repatriations", "channel", "returned_on_own")
"""Returned on one's own: shown beside the totals, never inside them."""
EXACT = _member("repatriations", "qualifier", "exact")
"""A count as stated."""
AT_LEAST = _member("repatriations", "qualifier", "at_least")
"""A count that is a floor ("over 300")."""
AT_MOST = _member("abroad", "qualifier", "at_most")
"""A count that is a ceiling ("up to 300")."""
RANGE = _member("abroad", "qualifier", "range")
"""A count from ``count`` to ``count_high``."""
STATED = _member("repatriations", "derivation", "stated")
"""A count the source states, not derived from its other numbers."""
WOMEN = _member("repatriations", "group", "women")
"""The women of a count."""
CHILDREN = _member("repatriations", "group", "children")
"""The children of a count."""
MEN = _member("repatriations", "group", "men")
"""The men of a count."""
WOMEN_AND_CHILDREN = _member("repatriations", "group", "women_and_children")
"""Women and children together, when a source gives no split."""
THIRD_PARTY = _member("sources", "source_type", "third_party")
"""A source outside a country's government and press (an international fund, an opinion writer)."""
IN_CAMP = _member("abroad", "kind", "in_camp")
"""Still abroad in a camp."""
IMPRISONED = _member("abroad", "kind", "imprisoned")
"""Still abroad in prison."""
DETAINED = _member("abroad", "kind", "detained")
"""Still abroad in detention."""
IN_ARMED_GROUPS = _member("abroad", "kind", "in_armed_groups")
"""Still abroad in armed groups."""
ABROAD_UNSPECIFIED = _member("abroad", "kind", "abroad_unspecified")
"""Still abroad, without saying how."""
OPERATIONS = _member("programmes", "field", "operations")
"""A programme's operations."""
STARTED = _member("programmes", "field", "started")
"""When a programme started."""
ORIGINS = _member("programmes", "field", "origins")
"""Where a programme brought people from."""
PARTNERS = _member("programmes", "field", "partners")
"""Who a programme worked with."""
SUPPORT_ON_RETURN = _member("programmes", "field", "support_on_return")
"""What a programme gives people on their return."""

RELIABILITY_RANK = {r: i for i, r in enumerate(PROJECT_VOCABULARY.values("sources", "reliability"))}
"""Reliability, most reliable first: the descriptor lists it in that order."""
SOURCE_TYPE_RANK = {t: i for i, t in enumerate(PROJECT_VOCABULARY.values("sources", "source_type"))}
"""Type of source, official first: the descriptor lists it in that order."""

_CAMPS = ("al_hol", "roj", "al_hol_and_roj", "syria_camps")
_PRISONS = ("al_karkh_prison", "prisons_iraq", "prisons_iraq_and_syria")
PLACES_BY_KIND = {
    "in_camp": _CAMPS,
    "imprisoned": _PRISONS,
    "detained": _PRISONS,
    "in_armed_groups": ("armed_groups_syria",),
    "abroad_unspecified": ("iraq", "syria_and_iraq"),
}
"""The places a figure of each kind can be in: a camp figure names a camp, a prison one a prison."""
for _kind, _places in PLACES_BY_KIND.items():
    _member("abroad", "kind", _kind)
    for _place in _places:
        _member("abroad", "place", _place)

GROUPS: tuple[str, ...] = PROJECT_VOCABULARY.groups
"""The groups a total breaks down into, in the descriptor's order."""
PARTS: tuple[str, ...] = PROJECT_VOCABULARY.parts
"""The groups that do not stand for others together (women, children, men)."""
COUNT_COLUMNS: tuple[str, ...] = (PEOPLE, *GROUPS, UNSPECIFIED)
"""Every count column of a statement or total, each with an ``*_is_lower_bound`` partner."""


def is_missing(value: object) -> bool:
    """Tell whether a value is "not reported": None, pd.NA or NaN (never 0, never a list)."""
    if value is None:
        return True
    if isinstance(value, tuple | list | str):
        return False
    import pandas as pd  # here, not above: the build's commands that read no table skip it

    return bool(pd.isna(value))


def as_int(value: object) -> int | None:
    """Return a count as ``int``, or None when it is not reported."""
    return None if is_missing(value) else int(value)  # type: ignore[call-overload]


def as_places(value: object) -> tuple[str, ...] | None:
    """Return an origin as its places; None when it is not reported (it may be anywhere).

    The loader gives ``origin`` as a tuple of codes; a single code written alone is one place.
    """
    if is_missing(value):
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[attr-defined]
