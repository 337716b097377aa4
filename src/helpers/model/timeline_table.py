"""The model of counts over time as tables: a row per date, country and group; regional floors.

What ``python -m helpers totals`` prints and the reports' charts draw (``model.timeline`` holds
the model). Numbers, flags, codes and ISO dates only.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.data.vocab import PEOPLE
from helpers.model.timeline import NOTHING, Bound, build_models, count_at

TIMELINE_COLUMNS = [
    "as_of",
    "country_iso3",
    "group",
    "count",
    "is_lower_bound",
    "low",
    "low_is_lower_bound",
    "high",
    "latest_count_date",
]
"""The columns of ``compute_timeline`` (and of ``python -m helpers totals``)."""


def compute_timeline(
    statements: pd.DataFrame,
    dates: Iterable[object],
    countries: Iterable[str] | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return a row per date × country × group: the count and the bounds the sources give.

    ``group`` is ``people`` (the headline total: ``count`` with ``is_lower_bound``; ``low`` with
    ``low_is_lower_bound`` and ``high``, the range of the sources' counts carried forward) or a
    group (``count`` and ``low`` its floor, ``high`` its ceiling; ``is_lower_bound`` false only
    where the two meet). ``latest_count_date`` is the date of the latest country-wide count. Empty
    counts are not reported, never 0. Dates are ISO.
    """
    models = build_models(statements, events, countries)
    rows = []
    for when in sorted(pd.Timestamp(d) for d in dates):
        for code, model in models.items():
            at = count_at(model, when)
            base = {
                "as_of": when.date().isoformat(),
                "country_iso3": code,
                "latest_count_date": at.latest_count_date.date().isoformat()
                if at.latest_count_date is not None
                else None,
            }
            rows.append(
                base
                | {
                    "group": PEOPLE,
                    "count": at.headline.value,
                    "is_lower_bound": at.headline.is_lower_bound,
                    "low": at.low,
                    "low_is_lower_bound": at.low_is_lower_bound,
                    "high": at.high,
                }
            )
            for g, (floor, ceiling) in at.groups.items():
                rows.append(
                    base
                    | {
                        "group": g,
                        "count": floor.value,
                        "is_lower_bound": floor.value is not None and floor.value != ceiling,
                        "low": floor.value,
                        "low_is_lower_bound": floor.value is not None and floor.value != ceiling,
                        "high": ceiling if floor.value is not None else None,
                    }
                )
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    for col in ("count", "low", "high"):
        out[col] = out[col].astype("Int64")
    for col in ("is_lower_bound", "low_is_lower_bound"):
        out[col] = out[col].astype(bool)
    return out


def regional_floor(
    statements: pd.DataFrame,
    when: object,
    key: str = PEOPLE,
    countries: Iterable[str] | None = None,
    events: pd.DataFrame | None = None,
) -> Bound:
    """Return the floor of ``key`` for the countries together at ``when``: their floors added.

    Countries with nothing reported add nothing; the sum is a lower bound where any part is.
    A regional statement ("more than 1,600 children") can be checked against it.
    """
    models = build_models(statements, events, countries)
    bounds = []
    for model in models.values():
        at = count_at(model, when)
        if key == PEOPLE:
            bounds.append(at.headline)
        else:
            floor, ceiling = at.groups[key]
            bounds.append(Bound(floor.value, floor.value != ceiling, floor.statement_ids))
    known = [b for b in bounds if b.value is not None]
    if not known:
        return NOTHING
    return Bound(
        sum(b.value for b in known),  # type: ignore[misc]
        any(b.is_lower_bound for b in known) or len(known) < len(bounds),
        tuple(i for b in known for i in b.statement_ids),
    )
