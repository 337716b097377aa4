"""The words of the consistency checks: each check's kind, outcome and detail, in either language.

``model.checks`` gives codes, numbers and dates; this module words them through the catalogue
(``[checks]`` in ``locales/*.toml``) for the data-quality report, so the same table reads in
English and in Russian and a reader never sees a code. Ids of statements, operations and sources
stay: the data-quality report shows them so that each row can be found in the data.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import GROUPS, PARTS, PEOPLE, is_missing
from helpers.model.check_rows import CHECK_KINDS, GAP_STATUSES, KIND, STATUS
from helpers.report.i18n import catalogue, fmt_date, fmt_date_range, fmt_int, get_language, t
from helpers.report.names import country_name
from helpers.report.operation_text import event_name
from helpers.report.tables import HtmlTable
from helpers.report.wording import format_count, group_label

_GAP_COLUMNS = ("country", "subject", "date", "expected", "observed", "status", "detail")
"""A stated total against what it is built from: its breakdown, or its operations."""
_GROUP_COLUMNS = ("country", "subject", "group", "expected", "observed", "status")
"""A group's operations against the group's stated total."""

KIND_COLUMNS = {
    KIND.breakdown_vs_total: _GAP_COLUMNS,
    KIND.operations_vs_total: _GAP_COLUMNS,
    KIND.group_operations_vs_total: _GROUP_COLUMNS,
    KIND.statements_contradict: ("country", "subject", "status", "detail"),
    KIND.regional_vs_countries: ("subject", "date", "group", "expected", "observed", "status"),
    KIND.lower_bound: ("country", "subject", "group", "expected", "source"),
    KIND.sources_disagree: ("country", "operation", "status", "detail"),
    KIND.weak_source_only: ("country", "operation", "observed", "status", "detail"),
    KIND.totals_disagree: ("country", "series", "subject", "date", "expected", "status", "source"),
}
"""The columns each kind of check shows to readers (headers under ``checks.column``)."""


def check_kind_text(kind: str) -> str:
    """Return the reader's name of a kind of check ("Breakdown against its total")."""
    _known(kind)
    return t(f"checks.kind.{kind}")


def check_status_text(row: dict) -> str:
    """Word a check's outcome with its numbers: "at most 96 not accounted for"."""
    status = row["status"]
    n = _int(row.get("difference"))
    values = {
        "n": fmt_int(abs(n)) if n is not None else "",
        "group": _group(row.get("group")),
        "low": fmt_int(_int(row.get("observed")) or 0),
        "high": fmt_int(_int(row.get("observed_high")) or 0),
    }
    if row["check"] == KIND.regional_vs_countries:
        if status == STATUS.short:
            values["n"] = fmt_int(int(row["expected"]) - int(row["observed_high"]))
        return t(f"checks.regional.{status}", **values)
    return t(f"checks.status.{status}", **values)


def gap_text(status: str, difference: int) -> str:
    """Word only the size of a gap for a chart label: "96", "at most 96", "at least 95"."""
    n = fmt_int(abs(int(difference)))
    if status == STATUS.gap_at_most:
        return t("count.at_most", n=n)
    if status == STATUS.gap_at_least:
        return t("count.at_least", n=n)
    if status == STATUS.gap_unknown:
        return t("checks.gap_not_known")
    return n


def check_detail_text(row: dict, events: pd.DataFrame | None = None) -> str:
    """Word what a check compares, with its source and dates, in the current language."""
    return str(_plain(_detail(row, events)))


def _detail(row: dict, events: pd.DataFrame | None) -> str:
    """Word a check's detail, its identifiers marked (``_code``)."""
    kind = row["check"]
    names = _event_names(events)
    source = _code(row.get("source_id") or "")
    ids = [i for i in str(row.get("related_ids") or "").split(";") if i]
    if kind == KIND.breakdown_vs_total:
        parts = " + ".join(_group(g) for g in ids)
        return t("checks.detail.breakdown", parts=parts, source=source)
    if kind == KIND.operations_vs_total:
        text = t(
            "checks.detail.operations",
            n=fmt_int(len(ids)),
            names=", ".join(names.get(i, i) for i in ids) or t("check.none"),
            source=source,
        )
        if row.get("missing_operations"):
            missing = [_missing_name(m, events) for m in row["missing_operations"].split(";")]
            text += t("check.missing_operations", names=", ".join(missing))
        return text + row.get("_matched", "")
    if kind == KIND.statements_contradict:
        return t(
            "checks.detail.contradiction",
            room=fmt_int(int(row["expected"])),
            known=fmt_int(int(row["observed"])),
            group=_group(row["group"]),
            source=source,
            ids=", ".join(_code(i) for i in ids),
        )
    if kind == KIND.regional_vs_countries:
        return ", ".join(country_name(c) for c in ids)
    if kind == KIND.sources_disagree and row["status"] == STATUS.counts_differ:
        return t(
            "checks.detail.counts_differ",
            group=_group(row["group"]),
            theirs=fmt_int(int(row["observed"])),
            source=source,
            used=fmt_int(int(row["expected"])),
            used_id=_code(ids[0]) if ids else "",
        )
    if kind == KIND.sources_disagree:
        return t("checks.detail.dates_differ", dates=_dates(row), source=source)
    if kind == KIND.weak_source_only:
        return t("checks.detail.weak", source=source)
    return ""


def word_checks(
    checks: pd.DataFrame, events: pd.DataFrame | None = None, kind: str | None = None
) -> pd.DataFrame:
    """Return the checks of ``kind`` (all with None) with every cell a reader sees written out.

    ``checks`` is the whole of ``compute_checks`` (an operations check says which groups the
    operations account for exactly, from the group checks). Columns: country, subject,
    operation, series, group, date, expected, observed, status, detail, source, all text in the
    current language ("≥" on lower bounds, dates as ranges); ``KIND_COLUMNS`` says which each
    kind shows.
    """
    return _worded(checks, events, kind).map(_plain)


def _worded(checks: pd.DataFrame, events: pd.DataFrame | None, kind: str | None) -> pd.DataFrame:
    names = _event_names(events)
    matched = _matched_groups(checks)
    if kind is not None:
        _known(kind)
        checks = checks[checks["check"] == kind]
    rows = []
    for r in records(checks):
        _known(r["check"])
        r["_matched"] = (
            matched.get(r["subject"], "") if r["check"] == KIND.operations_vs_total else ""
        )
        rows.append(
            {
                "country": t("word.regional")
                if is_missing(r["country_iso3"])
                else country_name(r["country_iso3"]),
                "subject": _code(str(r["subject"])),
                "operation": names.get(r["subject"], str(r["subject"])),
                "series": _series(r.get("series"), events),
                "group": _group(r.get("group"), capital=True),
                "date": _dates(r),
                "expected": _count(r.get("expected"), r.get("expected_is_lower_bound")),
                "observed": _observed(r),
                "status": check_status_text(r),
                "detail": _detail(r, events),
                "source": _code(r.get("source_id")) if r.get("source_id") else "—",
            }
        )
    return pd.DataFrame(rows, columns=_WORDED)


def show_checks(checks: pd.DataFrame, kind: str, events: pd.DataFrame | None = None) -> HtmlTable:
    """Return the checks of one kind as a reader's table, captioned with the kind's name.

    Its columns are ``KIND_COLUMNS[kind]``; identifiers are shown as code.
    """
    _known(kind)
    columns = KIND_COLUMNS[kind]
    shown = _worded(checks, events, kind)
    headers = [_header(kind, c) for c in columns]
    cells = [[_html(v) for v in row] for row in shown[list(columns)].itertuples(False)]
    return HtmlTable(headers, cells, check_kind_text(kind))


def show_reconciliation(
    reconciliation: pd.DataFrame, events: pd.DataFrame | None = None
) -> HtmlTable:
    """Return ``compute_reconciliation`` as a reader's table: rows and gaps in words."""
    names = _event_names(events)
    columns = ("country", "kind", "subject", "date", "source", PEOPLE, *PARTS, "used", "gap")
    cells = []
    for r in records(reconciliation):
        total = r["kind"] == "total"
        subject = _code(r["subject"]) if total else names.get(r["subject"], r["subject"])
        if total:
            used = "—"
            gap = check_status_text(
                {
                    "check": KIND.operations_vs_total,
                    "status": r["status"],
                    "difference": r["gap"],
                }
            )
        else:
            used = t("checks.row.weak") if r["is_weak_only"] else _yes(r["is_used"])
            gap = ""
        people_lb = r["people_is_lower_bound"] is True
        row = [
            country_name(r["country_iso3"]),
            t(f"checks.row.{r['kind']}"),
            subject,
            _dates(r),
            _code(r["source_id"]),
            _count(r[PEOPLE], people_lb),
            *(_count(r[g], False) for g in PARTS),
            used,
            gap,
        ]
        cells.append([_html(v) for v in row])
    return HtmlTable([t(f"checks.column.{c}") for c in columns], cells)


_WORDED = [
    "country",
    "subject",
    "operation",
    "series",
    "group",
    "date",
    "expected",
    "observed",
    "status",
    "detail",
    "source",
]


_CODE = re.compile("\x02([^\x03]*)\x03")


def _code(identifier: object) -> str:
    """Mark an identifier in a worded cell: shown as code, in no language, never translated."""
    return f"\x02{identifier}\x03"


def _html(value: object) -> str:
    """Escape a worded cell; identifiers become ``<code translate="no">``."""
    return _CODE.sub(r'<code translate="no">\1</code>', html.escape(str(value)))


def _plain(value: object) -> object:
    return _CODE.sub(r"\1", value) if isinstance(value, str) else value


def _known(kind: str) -> None:
    if kind not in CHECK_KINDS:
        raise ValueError(f"no check {kind!r}; the kinds are: {', '.join(CHECK_KINDS)}")


def _header(kind: str, column: str) -> str:
    special = f"checks.column.{kind}.{column}"
    return t(special) if special in catalogue(get_language()) else t(f"checks.column.{column}")


def _int(value: object) -> int | None:
    return None if is_missing(value) else int(value)  # type: ignore[call-overload]


def _group(group: object, capital: bool = False) -> str:
    if is_missing(group) or not group:
        return "—" if capital else ""
    label = group_label(str(group))
    return label if capital else label.lower()


def _count(value: object, lower: object) -> str:
    if is_missing(value):
        return t("count.not_reported")
    return format_count(int(value), bool(lower) if not is_missing(lower) else False)  # type: ignore[call-overload]


def _observed(r: dict) -> str:
    """Write the observed figure: a range "853 to 1,786" for a regional check with a high end."""
    if r["check"] in (KIND.lower_bound, KIND.totals_disagree) or is_missing(r.get("observed")):
        return "—" if r["check"] != KIND.weak_source_only else t("count.not_reported")
    low = _count(r["observed"], r.get("observed_is_lower_bound"))
    if r["check"] == KIND.regional_vs_countries:
        if is_missing(r.get("observed_high")):
            return t("checks.range_open", low=fmt_int(int(r["observed"])))
        return t(
            "checks.range", low=fmt_int(int(r["observed"])), high=fmt_int(int(r["observed_high"]))
        )
    return low


def _dates(r: dict) -> str:
    start, end = r.get("date_start"), r.get("date_end")
    if is_missing(end):
        return "—"
    return fmt_date(end) if is_missing(start) else fmt_date_range(start, end)


def _series(series: object, events: pd.DataFrame | None) -> str:
    if is_missing(series) or not series:
        return ""
    if series == "country":
        return t("checks.series.country")
    name = _missing_name(f"{str(series).title()}-1", events).rsplit("-", 1)[0]
    return t("checks.series.operations", series=name)


def _yes(value: object) -> str:
    if is_missing(value):
        return "—"
    return t("word.yes") if value else t("word.no")


def _event_names(events: pd.DataFrame | None) -> dict[str, str]:
    if events is None:
        return {}
    return {e: event_name(e, n) for e, n in zip(events["event_id"], events["name"], strict=True)}


def _missing_name(name: str, events: pd.DataFrame | None) -> str:
    """Write a missing numbered operation ("Jusan-4") as its series is written ("Жусан-4")."""
    stem, number = name.rsplit("-", 1)
    if events is not None:
        for e, n in zip(events["event_id"], events["name"], strict=True):
            local = re.fullmatch(r"(.+)-\d+", event_name(e, n))
            if re.fullmatch(rf"{re.escape(stem)}-\d+", str(n), re.IGNORECASE) and local:
                return f"{local.group(1)}-{number}"
    return name


def _matched_groups(checks: pd.DataFrame) -> dict[str, str]:
    """Say, per total, which stated groups its operations account for exactly."""
    out: dict[str, str] = {}
    groups = checks[checks["check"] == KIND.group_operations_vs_total]
    totals = checks[checks["check"] == KIND.operations_vs_total].set_index("subject")
    for subject, rows in groups.groupby("subject"):
        exact = rows[
            (rows["status"] == STATUS.adds_up) & ~rows["expected_is_lower_bound"].fillna(False)
        ]
        if not len(exact) or subject not in totals.index:
            continue
        total = totals.loc[subject]
        if isinstance(total, pd.DataFrame):
            total = total.iloc[0]
        if total["status"] in GAP_STATUSES:
            names = " + ".join(_group(g) for g in GROUPS if g in set(exact["group"]))
            out[str(subject)] = t("check.groups_matched", groups=names)
    return out
