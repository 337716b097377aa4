"""The programmes' facts a report shows: in field order, with their publisher and date."""

from __future__ import annotations

import pandas as pd

from helpers.data.vocab import (
    OPERATIONS,
    ORIGINS,
    PARTNERS,
    STARTED,
    SUPPORT_ON_RETURN,
    is_missing,
)
from helpers.report.i18n import catalogue, get_language

FIELD_NAMES = (OPERATIONS, STARTED, ORIGINS, PARTNERS, SUPPORT_ON_RETURN, "status")
"""The programme fields, in the order a report shows them."""


def select_programme_facts(
    programmes: pd.DataFrame,
    sources: pd.DataFrame,
    countries: list[str],
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return the programme facts of ``countries`` in field order, each with its publisher.

    With ``as_of``, a fact whose source was certainly published after that day is left out (a
    source known only to the year or month counts from the first day it can mean; an undated
    one is kept). The fact's ``value`` is in the current language where the catalogue's
    ``[fact]`` section has it; the quote stays in the language it was published in (the
    source's ``language`` column); ``publisher_ru`` comes along for Russian pages.
    """
    order = {f: i for i, f in enumerate(FIELD_NAMES)}
    cited = [c for c in ("publisher_ru", "language") if c in sources.columns]
    facts = programmes[programmes["country_iso3"].isin(countries)].merge(
        sources[["source_id", "publisher", "published", *cited]], on="source_id", how="left"
    )
    if as_of is not None and str(as_of) != "":
        when = pd.Timestamp(as_of)
        first_day = [
            None if is_missing(v) or not str(v) else pd.Timestamp(str(v))
            for v in facts["published"]
        ]
        facts = facts[[d is None or d <= when for d in first_day]]
    facts["_order"] = facts["field"].map(order)
    facts = facts.sort_values(["country_iso3", "_order", "fact_id"], kind="stable")
    names = catalogue(get_language())
    facts["value"] = [
        names.get(f"fact.{i}", v) for i, v in zip(facts["fact_id"], facts["value"], strict=True)
    ]
    return facts.drop(columns="_order").reset_index(drop=True)
