"""Bounded counts: one group vocabulary, not reported apart from 0, floors through sums."""

import ast
import functools
import json
from pathlib import Path

import pandas as pd

from helpers.data.paths import DATA_DIR, SRC_DIR
from helpers.data.table_schema import TABLES_SCHEMA_PATH
from helpers.data.vocab import COUNT_COLUMNS, GROUPS
from helpers.model.counts import bounded_sum, choose_reports, precedence_key
from helpers.report.i18n import using
from helpers.report.wording import GROUP_COLOURS, format_count, format_gap, group_label


def test_groups_are_read_from_the_descriptor():
    package = json.loads((DATA_DIR / "datapackage.json").read_text())
    reps = next(r for r in package["resources"] if r["name"] == "repatriations")
    enum = next(f for f in reps["schema"]["fields"] if f["name"] == "group")["constraints"]["enum"]
    assert tuple(g for g in enum if g != "people") == GROUPS
    assert ("people", *GROUPS, "unspecified") == COUNT_COLUMNS
    assert set(GROUP_COLOURS) == {*GROUPS, "unspecified"}


def code_strings(tree):
    """Every string literal of a module except documentation (a string standing as a statement)."""
    docs = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def group_lists(tree):
    """Every tuple, list or set literal that spells two or more group names."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            names = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            if len(names & set(GROUPS)) >= 2:
                found.append(sorted(names & set(GROUPS)))
    return found


def test_the_guards_see_a_list_over_several_lines_and_skip_documentation():
    tree = ast.parse(
        'PARTS = (\n    "women",\n    "children",\n)\n'
        'class A:\n    x: int\n    """None when at least one is missing."""\n'
        'LABEL = "at least {n}"\n'
    )
    assert group_lists(tree) == [["children", "women"]]
    assert sorted(code_strings(tree)) == ["at least {n}", "children", "women"]


@functools.cache
def source_tree(path: Path) -> ast.Module:
    """The syntax tree of one module of the package (each parsed once for both guards)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def test_no_other_module_declares_the_groups_or_writes_the_bound_sign():
    modules = sorted(SRC_DIR.rglob("*.py"))
    assert len(modules) > 30  # every layer's modules, not only the package's top
    for path in modules:
        tree = source_tree(path)
        strings = code_strings(tree)
        assert not [s for s in strings if "≥" in s or "at least" in s], path.name
        assert not group_lists(tree), path.name


def enum_values() -> dict[str, list[str]]:
    """Every value of every vocabulary: the data's descriptor and the report tables' schema."""
    found: dict[str, list[str]] = {}
    for path in (DATA_DIR / "datapackage.json", TABLES_SCHEMA_PATH):
        for res in json.loads(path.read_text(encoding="utf-8"))["resources"]:
            for spec in res.get("schema", {}).get("fields", []):
                enum = spec.get("constraints", {}).get("enum") or spec.get(
                    "itemConstraints", {}
                ).get("enum", [])
                for value in enum:
                    found.setdefault(value, []).append(f"{res['name']}.{spec['name']}")
    return found


OTHER_MEANINGS = {
    "en": "a page's language (vocab.LANGUAGES), besides a source's",
    "ru": "a page's language (vocab.LANGUAGES), besides a source's",
    "high": "the high end of a range (``*_high`` columns), not a source's reliability",
    "low": "the low end of a range (``*_low`` columns), not a source's reliability",
    "day": "how precisely a date is written, in every table",
    "month": "how precisely a date is written, in every table",
    "status": "the column of the report tables, besides a programme's field",
    "total": "a statement's total, besides a reconciliation row's kind",
    "report": "a source's report, besides a reconciliation row's kind",
    "lower": "a lower bound, in every table",
    "upper": "an upper bound, in every table",
    "unknown": "an unknown value, in every table",
    "floor": "a floor, in every table",
    "range": "a range of counts, in every table",
    "SYR": "Syria's country code (the camps' facts are kept under it in programmes.csv)",
}
"""Words that are a vocabulary's value and also say something else in the code."""

VOCABULARY_HOMES = {
    "data/vocab.py": "the vocabulary module itself",
    "data/table_schema.py": "reads the report tables' schema",
}
STILL_SPELLED = {
    # Written before helpers.data.vocab named them: each is to be taken from there (or, for
    # a check's kind and outcome, from the tables' schema through model.check_rows). The list only
    # shrinks: a module not listed, or a value not listed for it, fails.
    "model/checks.py": "gap",  # the reconciliation's column, not the outcome
    "report/check_text.py": "gap",  # the reconciliation's column, not the outcome
    "site/index.py": "children",  # the front page's variable, named after the group
}
"""Modules that still write values of a vocabulary as strings, and which values."""


def spelled_values(tree: ast.AST, values: dict[str, list[str]]) -> set[str]:
    """The vocabulary values a module writes as string literals (documentation left out)."""
    return {s for s in code_strings(tree) if s in values and s not in OTHER_MEANINGS}


def test_the_guard_sees_a_vocabulary_value_in_code_and_not_in_documentation():
    values = enum_values()
    tree = ast.parse('"""A cumulative count."""\nif scope == "cumulative":\n    pass\n')
    assert spelled_values(tree, values) == {"cumulative"}
    assert values["cumulative"] == ["repatriations.scope"]
    assert values["IRQ"] == ["repatriations.origin"]  # a list's items are a vocabulary too
    assert spelled_values(ast.parse('lang = "en"\n'), values) == set()


def test_no_module_spells_a_value_of_a_vocabulary_but_those_listed():
    values = enum_values()
    wrong, stale = [], []
    for path in sorted(SRC_DIR.rglob("*.py")):
        name = path.relative_to(SRC_DIR).as_posix()
        if name in VOCABULARY_HOMES:
            continue
        spelled = spelled_values(source_tree(path), values)
        listed = set(STILL_SPELLED.get(name, "").split())
        wrong += [f"{name}: '{v}' ({', '.join(values[v])})" for v in sorted(spelled - listed)]
        stale += [f"{name}: '{v}'" for v in sorted(listed - spelled)]
    assert not wrong, "take these from helpers.data.vocab:\n" + "\n".join(wrong)
    assert not stale, "no longer spelled, drop from STILL_SPELLED:\n" + "\n".join(stale)


def test_sum_of_counts_with_a_floor_is_a_floor_and_nothing_reported_is_none():
    assert bounded_sum([(10, False), (5, True)]) == (15, True)
    assert bounded_sum([(10, False), (None, False), (pd.NA, True)]) == (10, False)
    assert bounded_sum([(None, False)]) == (None, False)
    assert bounded_sum([(0, False)]) == (0, False)


def test_counts_are_written_with_their_bound():
    assert format_count(435, True) == "≥ 435"
    assert format_count(435, True, words=True) == "at least 435"
    assert format_count(1234, False) == "1,234"
    assert format_count(None) == "not reported"
    assert format_count(0) == "0"


def test_a_gap_against_a_floor_is_a_ceiling():
    assert format_gap(96, True) == "at most 96 not accounted for"
    assert format_gap(96, False) == "96 not accounted for"
    assert format_gap(0, False) == "adds up"
    assert format_gap(-4, False) == "the parts exceed the total by 4"


def test_counts_and_labels_in_russian():
    with using("ru"):
        assert format_count(2189, True, words=True) == "не менее 2\u202f189"
        assert format_gap(96, True) == "не учтено: не более 96"
        assert group_label("children") == "Дети"


def test_precedence_prefers_official_then_reliable_then_itemised_then_exact():
    official = {"source_type": "official", "reliability": "medium", "n_figures": 1}
    press = {"source_type": "press", "reliability": "high", "n_figures": 4}
    third = {"source_type": "third_party", "reliability": "high", "n_figures": 4}
    assert sorted([third, press, official], key=precedence_key) == [official, press, third]
    itemised = {"source_type": "press", "reliability": "high", "n_figures": 4}
    floor = dict(itemised, people_is_lower_bound=True, source_id="a")
    exact = dict(itemised, people_is_lower_bound=False, source_id="b")
    assert sorted([floor, exact], key=precedence_key) == [exact, floor]


def test_an_operation_only_a_weak_source_reports_is_never_chosen():
    statements = pd.DataFrame(
        [
            {
                "scope": "event",
                "event_id": "x",
                "source_type": "press",
                "reliability": "low",
                "n_figures": 2,
                "source_id": "blog",
            },
            {
                "scope": "event",
                "event_id": "y",
                "source_type": "press",
                "reliability": "low",
                "n_figures": 1,
                "source_id": "blog",
            },
            {
                "scope": "event",
                "event_id": "y",
                "source_type": "press",
                "reliability": "high",
                "n_figures": 1,
                "source_id": "paper",
            },
        ]
    )
    chosen, reports = choose_reports(statements)
    assert [r["event_id"] for r in chosen] == ["y"] and chosen[0]["source_id"] == "paper"
    assert set(reports) == {"x", "y"}


def test_an_operation_borrows_the_groups_of_a_report_that_agrees_on_its_total():
    from conftest import statement, statements_of

    from helpers.model.counts import group_lender

    st = statements_of(
        statement("ministry", "event", "2022-07-25", {"people": 146}, event="op", source="un"),
        statement(
            "press",
            "event",
            "2022-07-25",
            {"people": 146, "women": 42, "children": 104},
            event="op",
        ),
        statement(
            "weak",
            "event",
            "2022-07-25",
            {"people": 146, "women": 24, "children": 122, "women_and_children": 146},
            event="op",
            source="blog",
        ),
        statement("other", "event", "2022-07-25", {"people": 150, "women": 50}, event="op"),
    )
    _, reports = choose_reports(st)
    recs = reports["op"]
    assert recs[0]["statement_id"] == "ministry"
    lender = group_lender(recs[0], recs)
    assert (lender["statement_id"], lender["women"], lender["children"]) == ("press", 42, 104)
    # A report with its own groups keeps them.
    press = next(r for r in recs if r["statement_id"] == "press")
    assert group_lender(press, recs) is press
