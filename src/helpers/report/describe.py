"""The totals in sentences, every number linked to its evidence.

All countries together, the children among them, the ranges the sources give, contradictions,
returns on people's own and the children's floor and ceiling.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import GROUPS, PARTS, PEOPLE, is_missing
from helpers.model.totals import summarise_totals
from helpers.report.evidence import Evidence, mark_latin, split_ids
from helpers.report.i18n import fmt_date, fmt_int, fmt_list, fmt_percent, t
from helpers.report.names import country_name, publisher_names
from helpers.report.passages import Html, paragraphs
from helpers.report.wording import format_count, format_group_count


def describe_totals(totals: pd.DataFrame, evidence: Evidence | None = None) -> Html:
    """Summarise country totals in words: all together, children, lower bounds, count dates.

    With ``evidence``, the numbers link to the statements they add up.
    """
    if not totals["total_returned"].notna().any():  # before the first figure: never "0 people"
        return paragraphs(
            t(
                "extending.nothing_reported",
                as_of=html.escape(fmt_date(totals["as_of"].iloc[0])),
                countries=html.escape(fmt_list([country_name(c) for c in totals["country_iso3"]])),
            )
        )
    summary = summarise_totals(totals)
    ids = [i for v in totals["statement_ids"] for i in split_ids(v)]

    def number(value: int, lower: bool) -> str:
        text = format_count(value, lower, words=True, prose=True)
        return evidence.link(text, ids) if evidence is not None else html.escape(text)

    as_of = html.escape(fmt_date(totals["as_of"].iloc[0]))
    people = html.escape(fmt_list([country_name(c) for c in totals["country_iso3"]]))
    total = f"<strong>{number(summary.total, summary.total_is_lower_bound)}</strong>"
    first = t(
        "text.total_sentence",
        n=format_group_count(PEOPLE, summary.total, number=total),
        countries=people,
        as_of=as_of,
    )
    unsplit = html.escape(
        fmt_list([country_name(c, case="dative") for c in summary.children_not_reported])
    )
    if len(summary.children_not_reported) == int(totals["total_returned"].notna().sum()):
        second = t("text.children_unknown", countries=unsplit)
    else:
        if summary.children_is_lower_bound:  # "At least 1,546 of them were children."
            second = t(
                "timeline.children_floor", n=f"<strong>{number(summary.children, False)}</strong>"
            )
        else:
            second = t(
                "text.children_sentence", n=f"<strong>{number(summary.children, False)}</strong>"
            )
        if unsplit:
            second += " " + t("text.children_unsplit", countries=unsplit)
    return paragraphs(first, second, html.escape(describe_count_dates(totals)))


def describe_total_ranges(totals: pd.DataFrame, evidence: Evidence | None = None) -> Html:
    """Say, for each country whose sources give different totals, the range they span.

    "Kazakhstan: 725 (sources: 725 to 754)". The headline stays the one the rule picks.
    """
    lines = []
    for r in records(totals):
        low, high = r.get("total_low"), r.get("total_high")
        if is_missing(low) or (not is_missing(high) and low == high):
            continue
        ids = split_ids(r.get("range_statement_ids"))
        headline = format_count(r["total_returned"], bool(r["total_is_lower_bound"]))
        low_text = format_count(low, bool(r["total_low_is_lower_bound"]))
        if is_missing(high):  # every source gives only a floor: no upper end is known
            text = t("text.range_floor", total=headline, low=low_text)
        else:
            text = t("text.range", total=headline, low=low_text, high=fmt_int(int(high)))
        linked = evidence.link(text, ids) if evidence is not None else html.escape(text)
        lines.append(f"{html.escape(country_name(r['country_iso3']))}: {linked}")
    if not lines:
        return Html("")
    if len(totals) > 1:
        lines.append(_describe_range_sum(totals, evidence))
    return Html(
        f"<p>{html.escape(t('text.range_intro'))}</p><ul><li>"
        + "</li><li>".join(lines)
        + "</li></ul>"
    )


def _describe_range_sum(totals: pd.DataFrame, evidence: Evidence | None) -> str:
    """Return the range of all countries together, linked to every statement it rests on."""
    from helpers.report.ranges import compute_range_sum

    together = compute_range_sum(totals)
    summary = summarise_totals(totals)
    headline = format_count(summary.total, summary.total_is_lower_bound)
    low = format_count(together.low, together.low_is_lower_bound)
    if together.high is None:
        text = t("text.range_floor", total=headline, low=low)
    else:
        text = t("text.range", total=headline, low=low, high=fmt_int(together.high))
    ids = together.statement_ids
    linked = evidence.link(text, ids) if evidence is not None else html.escape(text)
    return f"{html.escape(t('ranges.together'))}: {linked}"


def _end_sentence(text: str) -> str:
    """End a sentence with one full stop, even after an abbreviation ("2024 г.")."""
    return text if text.endswith(".") else text + "."


def describe_contradictions(
    contradictions: pd.DataFrame, totals: pd.DataFrame, evidence: Evidence | None = None
) -> Html:
    """Say where the sources' breakdowns cannot be squared with a total.

    First, from ``compute_contradictions``, where a breakdown a total uses leaves less room than
    other reports need (only the statements the totals use; a breakdown reported by several
    sources is said once, linked to each). Then, from ``compute_country_totals``
    (``groups_over_total``), each country whose groups' floors together exceed its total's high
    end: there the groups are floors with no ceiling.
    """
    used = {i for v in totals["statement_ids"] for i in split_ids(v)}
    rows = contradictions[contradictions["statement_id"].isin(used)]

    def number(value: int, ids: list[str]) -> str:
        text = fmt_int(value)
        return evidence.link(text, ids) if evidence is not None else html.escape(text)

    said: dict[tuple, list[str]] = {}  # the same breakdown from several sources: said once
    for c in records(rows):
        same = (c["country_iso3"], c[PEOPLE], c["stated_groups"], c["stated_counts"])
        same += (c["room"], c["group"], c["known"], c["known_statement_ids"])
        said.setdefault(same, []).append(c["statement_id"])
    lines = []
    for (code, people, groups, counts, room, group, known, known_ids), ids in said.items():
        stated = zip(groups.split(";"), counts.split(";"), strict=True)
        parts = fmt_list([format_group_count(g, n) for g, n in stated])
        lines.append(
            t(
                "text.contradiction",
                country=html.escape(country_name(code)),
                total=number(people, ids),
                parts=html.escape(parts),
                room=html.escape(fmt_int(room)),
                known=format_group_count(group, known, number=number(known, split_ids(known_ids))),
            )
        )
    out = ""
    if lines:
        out += f"<p>{html.escape(t('text.contradiction_intro'))}</p><ul><li>"
        out += "</li><li>".join(lines) + "</li></ul>"
    over = _groups_over_total(totals, number)
    if over:
        out += f"<p>{html.escape(t('text.groups_over_intro'))}</p><ul><li>"
        out += "</li><li>".join(over) + "</li></ul>"
    return Html(out)


def _groups_over_total(totals: pd.DataFrame, number: Callable[[int, list[str]], str]) -> list[str]:
    """One line per country whose groups' floors add up to more than its total's high end."""
    lines = []
    for r in records(totals):
        over = r.get("groups_over_total")
        if is_missing(over) or int(over) <= 0:
            continue
        shown = [g for g in GROUPS if not is_missing(r.get(g)) and int(r[g]) > 0]
        parts = fmt_list(
            [
                format_group_count(g, r[g], number=number(r[g], split_ids(r[f"{g}_statement_ids"])))
                for g in shown
            ]
        )
        top = r["total_high"] if not is_missing(r.get("total_high")) else r["total_returned"]
        lines.append(
            t(
                "text.groups_over",
                country=html.escape(country_name(r["country_iso3"])),
                parts=parts,
                together=html.escape(fmt_int(int(top) + int(over))),
                total=number(int(top), split_ids(r.get("statement_ids"))),
                over=html.escape(fmt_int(int(over))),
            )
        )
    return lines


def describe_count_dates(totals: pd.DataFrame) -> str:
    """Say how old each country's latest country-wide count is."""
    said = []
    for r in records(totals):
        name = country_name(r["country_iso3"])
        if is_missing(r.get("latest_count_date")):
            said.append(t("text.no_count", country=name))
        else:
            said.append(t("text.count_date", country=name, date=fmt_date(r["latest_count_date"])))
    return _end_sentence("; ".join(said))


def describe_own_returns(
    own: pd.DataFrame, sources: pd.DataFrame, evidence: Evidence | None = None
) -> Html:
    """Say who came back on their own, beside the totals and never in them."""
    if not len(own):
        return Html("")
    publishers = dict(zip(sources["source_id"], publisher_names(sources), strict=True))
    parts = []
    for r in records(own):
        groups = [g for g in PARTS if not is_missing(r[g])]
        if groups:
            what = " " + t("word.and") + " "
            what = what.join(format_group_count(g, r[g]) for g in groups)
        else:
            what = format_group_count(PEOPLE, r[PEOPLE])
        shown = evidence.link(what, [r["statement_id"]]) if evidence else html.escape(what)
        parts.append(
            html.escape(country_name(r["country_iso3"]) + ": ")
            + shown
            + mark_latin(  # an outlet may be named in Latin script
                t(
                    "text.per_source",
                    publisher=publishers.get(r["source_id"]),
                    date=fmt_date(r["date_end"]),
                )
            )
        )
    text = _end_sentence("; ".join(parts))
    return Html(f"<p><strong>{html.escape(t('text.own_title'))}</strong> {text}</p>")


def describe_group_bounds(totals: pd.DataFrame, evidence: Evidence | None = None) -> Html:
    """Say, per country, how many children came home at least and at most, and their share.

    Takes ``compute_country_totals`` output (``children_low``, ``children_high``, the total and
    its range). "Kyrgyzstan: at least 396 and at most 406 children (72% to 75% of the total)";
    "not reported" only where no report gives any children; a share with no upper end where
    the groups the sources report add up to more than the total (``groups_over_total``). The
    children's number links to the statements their floor adds up.
    """
    lines = []
    for r in records(totals):
        name = html.escape(country_name(r["country_iso3"]))
        low, high = r.get("children_low"), r.get("children_high")
        if is_missing(low) or is_missing(r.get("total_returned")):
            lines.append(t("timeline.no_children", country=name))
            continue
        ids = split_ids(r.get("children_statement_ids")) or split_ids(r.get("statement_ids"))
        low_text = fmt_int(int(low), prose=True)
        low_text = evidence.link(low_text, ids) if evidence is not None else html.escape(low_text)
        top = r.get("total_high")
        top = int(r["total_returned"]) if is_missing(top) else int(top)
        share_low = fmt_percent(int(low) / top)
        over = r.get("groups_over_total")
        if not is_missing(over) and int(over) > 0:  # the sources disagree: no ceiling
            words = t("timeline.children_at_least", low=low_text)
            lines.append(t("timeline.groups_over", country=name, children=words, share=share_low))
            continue
        if not is_missing(high) and int(high) == int(low):
            words = t("timeline.children_exact", low=low_text)
            share = share_low
        elif is_missing(high):  # the total is only a floor too: no share is a bound
            words = t("timeline.children_at_least", low=low_text)
            lines.append(t("extending.group_floor_only", country=name, children=words))
            continue
        else:
            words = t(
                "timeline.children_between",
                low=low_text,
                high=html.escape(fmt_int(int(high), prose=True)),
            )
            share = t("timeline.share_range", low=share_low, high=fmt_percent(int(high) / top))
        lines.append(t("timeline.group_bounds", country=name, children=words, share=share))
    return paragraphs(*lines)
