import re

import pytest

from helpers.paths import DATA_DIR
from helpers.schema import Field, load_schema


def test_integer_field_parses_and_enforces_minimum():
    field = Field("count", "integer", required=True, minimum=0)
    assert field.parse("12") == (12, None)
    assert field.parse("1.5")[1] == "must be a whole number"
    assert field.parse("-1")[1] == "is below the minimum 0"
    assert field.parse("")[1].startswith("is required")


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        ("2024-02-30", "is not a real calendar date (YYYY-MM-DD)"),
        ("20/02/2024", "must be a date written YYYY-MM-DD"),
        ("2024-2-1", "must be a date written YYYY-MM-DD"),
    ],
)
def test_date_field_rejects_malformed_and_impossible_dates(raw, rule):
    assert Field("date_end", "date").parse(raw) == (None, rule)


def test_enum_and_pattern_rules_name_what_is_allowed():
    enum = Field("scope", "string", enum=("cumulative", "event"))
    assert enum.parse("total")[1] == "is not allowed here; allowed values: cumulative, event"
    pattern = Field("country_iso3", "string", pattern=re.compile("[A-Z]{3}"))
    assert "does not match the pattern" in pattern.parse("kaz")[1]


def test_optional_empty_cell_is_not_reported_not_zero():
    assert Field("count", "integer").parse("") == (None, None)


def test_schema_is_read_from_the_data_package():
    schema = load_schema(DATA_DIR)
    reps = schema["repatriations"]
    assert reps.primary_key == ("figure_id",)
    count = next(f for f in reps.fields if f.name == "count")
    assert count.minimum == 0 and count.type == "integer" and count.required
    assert {fk.resource for fk in reps.foreign_keys} == {"sources", "events"}
    assert set(schema) == {"repatriations", "events", "sources", "programmes", "population"}
