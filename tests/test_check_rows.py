"""The rows of the checks: outcomes of a stated figure against what is known inside it."""

import json

import pytest

from helpers.data.table_schema import TABLES_SCHEMA_PATH
from helpers.model.check_rows import gap_status


def check_rows(checks, name):
    return checks[checks["check"] == name]


@pytest.mark.parametrize(
    ("expected", "expected_lb", "observed", "observed_lb", "status"),
    [
        (100, False, 100, False, "adds_up"),
        (100, False, 100, True, "adds_up_as_known"),
        (100, False, 70, False, "gap"),
        (100, False, 50, True, "gap_at_most"),  # the sum is a floor: the gap a ceiling
        (530, True, 435, False, "gap_at_least"),  # "more than 530" against exactly 435
        (530, True, 435, True, "gap_unknown"),  # two floors: nothing bounds the gap
        (40, False, 80, False, "exceeds"),
        (40, False, 80, True, "exceeds"),
        (400, True, 432, True, "floor_reached"),
        (400, True, 400, False, "floor_reached"),
    ],
)
def test_gap_status_reads_both_floors(expected, expected_lb, observed, observed_lb, status):
    assert gap_status(expected, expected_lb, observed, observed_lb) == status


def test_every_kind_and_outcome_has_a_name_and_a_name_not_declared_fails():
    from dataclasses import dataclass

    from helpers.model.check_rows import KIND, STATUS, _declared

    assert KIND.breakdown_vs_total == "breakdown_vs_total"
    assert STATUS.gap_at_most == "gap_at_most"
    schema = json.loads(TABLES_SCHEMA_PATH.read_text(encoding="utf-8"))
    checks = next(r for r in schema["resources"] if r["name"] == "consistency_checks")
    enum = {
        f["name"]: f["constraints"]["enum"]
        for f in checks["schema"]["fields"]
        if "enum" in f.get("constraints", {})
    }
    assert sorted(vars(KIND).values()) == sorted(enum["check"])
    assert sorted(vars(STATUS).values()) == sorted(enum["status"])

    @dataclass(frozen=True)
    class OneTooMany:
        breakdown_vs_total: str
        not_a_kind: str

    with pytest.raises(KeyError, match="not_a_kind"):
        _declared(OneTooMany, "consistency_checks", "check")


def test_vocabulary_names_are_the_descriptors_values():
    from helpers.data import vocab

    assert (vocab.CHILDREN, vocab.WOMEN, vocab.MEN) == ("children", "women", "men")
    assert vocab.IN_CAMP in vocab.PROJECT_VOCABULARY.values("abroad", "kind")
    assert vocab.THIRD_PARTY in vocab.PROJECT_VOCABULARY.values("sources", "source_type")
