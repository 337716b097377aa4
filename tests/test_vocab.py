"""The vocabularies are read from the descriptor in use; the project's own are checked at import."""

import json

import pandas as pd
import pytest

from helpers.data.paths import DATA_DIR
from helpers.data.vocab import (
    PLACES_BY_KIND,
    PROJECT_VOCABULARY,
    RELIABILITY_RANK,
    SOURCE_TYPE_RANK,
    Vocabulary,
    as_places,
    is_missing,
    read_vocabulary,
)

DESCRIPTOR = {
    "resources": [
        {
            "name": "repatriations",
            "schema": {
                "fields": [
                    {"name": "group", "constraints": {"enum": ["people", "girls", "boys"]}},
                    {"name": "origin", "type": "list", "itemConstraints": {"enum": ["LBN"]}},
                    {"name": "note"},
                ]
            },
        },
        {"name": "raw/readme.md", "path": "raw/readme.md"},
    ]
}


def test_every_enum_of_a_descriptor_is_read_in_its_order():
    vocab = read_vocabulary(DESCRIPTOR)
    assert vocab.enums == {
        "repatriations": {"group": ("people", "girls", "boys"), "origin": ("LBN",)}
    }
    assert vocab.groups == ("girls", "boys")
    assert vocab.parts == ("girls", "boys")
    assert vocab.origins == ("LBN",)


def test_a_column_without_a_vocabulary_is_named_with_those_that_have_one():
    vocab = read_vocabulary(DESCRIPTOR)
    with pytest.raises(KeyError, match=r"no vocabulary for repatriations\.note; there is one for: "
                       r"repatriations\.group, repatriations\.origin"):  # fmt: skip
        vocab.values("repatriations", "note")
    assert vocab.get("repatriations", "note") == ()
    assert Vocabulary().groups == ()


def test_the_project_vocabulary_is_its_descriptor():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    sources = next(r for r in package["resources"] if r["name"] == "sources")
    enums = {f["name"]: f["constraints"]["enum"] for f in sources["schema"]["fields"]
             if "enum" in f.get("constraints", {})}  # fmt: skip
    assert PROJECT_VOCABULARY.values("sources", "language") == tuple(enums["language"])
    assert PROJECT_VOCABULARY.origins == ("IRQ", "SYR", "AFG", "TUR")


def test_precedence_follows_the_descriptors_order():
    assert RELIABILITY_RANK == {"high": 0, "medium": 1, "low": 2}
    assert SOURCE_TYPE_RANK == {"official": 0, "press": 1, "third_party": 2}


def test_each_kind_of_figure_abroad_has_its_places_and_they_are_in_the_vocabulary():
    by_kind = PROJECT_VOCABULARY.places_by_kind
    assert set(by_kind) == set(PROJECT_VOCABULARY.values("abroad", "kind"))
    assert by_kind["in_camp"] == ("al_hol", "roj", "al_hol_and_roj", "syria_camps")
    assert by_kind == PLACES_BY_KIND
    # A descriptor without a place leaves it out of the kinds that named it.
    trimmed = Vocabulary({"abroad": {"kind": ("in_camp",), "place": ("roj",)}})
    assert trimmed.places_by_kind == {"in_camp": ("roj",)}


def test_an_origin_is_its_places_and_not_reported_is_none():
    assert as_places(("IRQ", "SYR")) == ("IRQ", "SYR")
    assert as_places("SYR") == ("SYR",)
    assert as_places(None) is None and as_places(pd.NA) is None
    assert not is_missing(("IRQ", "SYR")) and not is_missing(0)
    assert is_missing(None) and is_missing(float("nan"))
