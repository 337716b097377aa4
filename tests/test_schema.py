"""The descriptor is the schema: every rule it states is enforced (by frictionless)."""

import json

import pytest
from conftest import read_rows

from helpers.data.errors import DataValidationError
from helpers.data.loading import load_dataset
from helpers.data.paths import DATA_DIR
from helpers.data.schema import load_schema


def test_schema_is_read_from_the_data_package():
    schema = load_schema(DATA_DIR)
    reps = schema["repatriations"]
    assert reps.primary_key == ("figure_id",)
    assert reps.field("count").type == "integer"
    assert reps.field("count").spec["constraints"]["minimum"] == 0
    assert {fk.resource for fk in reps.foreign_keys} == {"sources", "events"}
    assert set(schema) == {
        "repatriations",
        "events",
        "sources",
        "programmes",
        "population",
        "abroad",
    }


def add_constraint(data_dir, table, field, **constraint):
    path = data_dir / "datapackage.json"
    package = json.loads(path.read_text())
    res = next(r for r in package["resources"] if r["name"] == table)
    spec = next(f for f in res["schema"]["fields"] if f["name"] == field)
    spec.setdefault("constraints", {}).update(constraint)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False))


@pytest.mark.parametrize(
    ("table", "field", "constraint", "rule"),
    [
        ("repatriations", "count", {"maximum": 500}, "is above the maximum 500"),
        ("events", "name", {"maxLength": 6}, "is longer than the maximum length 6"),
        ("sources", "publisher", {"minLength": 30}, "is shorter than the minimum length 30"),
    ],
)
def test_every_constraint_the_descriptor_states_holds(data_dir, table, field, constraint, rule):
    add_constraint(data_dir, table, field, **constraint)
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    found = [str(p) for p in exc.value.problems]
    assert found and all(f"column '{field}'" in p and rule in p for p in found), found[:3]
    assert all(f"{table}.csv, line " in p for p in found)


def test_every_field_in_the_descriptor_is_described():
    package = json.loads((DATA_DIR / "datapackage.json").read_text())
    missing = [
        f"{res['name']}.{f['name']}"
        for res in package["resources"]
        if "schema" in res
        for f in res["schema"]["fields"]
        if not f.get("description", "").strip()
    ]
    assert not missing, missing
    assert all(res.get("description") for res in package["resources"] if "schema" in res)


def test_header_of_each_table_is_the_descriptors_columns_in_order():
    for name, resource in load_schema(DATA_DIR).items():
        header, _ = read_rows(DATA_DIR / resource.path)
        assert header == resource.field_names, name
