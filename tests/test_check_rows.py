"""The rows of the checks: outcomes of a stated figure against what is known inside it."""

import pytest

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
