"""The raw sources are never edited: each carries its SHA-256 in the Data Package.

frictionless recomputes the hash of every resource when it validates; the loader refuses a raw
file whose bytes changed and one with no hash recorded. This holds in any clone, without the
shared/ folder the sources came from.
"""

import hashlib
import json

import pytest

from helpers.data.loading import validate_data_dir
from helpers.data.paths import DATA_DIR
from helpers.data.raw_files import (
    hash_files,
    hash_folder,
    raw_files,
    record_raw_hashes,
    recorded_hashes,
)
from helpers.site.cli import main

HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
"""SHA-256 of the six bytes ``hello\\n`` (``printf 'hello\\n' | sha256sum``)."""


def test_every_shipped_raw_file_has_its_sha256_recorded_and_matching():
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    recorded = recorded_hashes(descriptor)
    files = raw_files(DATA_DIR)
    assert len(files) >= 100  # the article, the excerpts, their READMEs and the population table
    for rel in files:
        digest = hashlib.sha256((DATA_DIR / rel).read_bytes()).hexdigest()
        assert recorded.get(rel) == f"sha256:{digest}", rel


def test_one_changed_byte_in_a_raw_source_is_refused_with_the_file_named(data_dir):
    path = data_dir / "raw" / "tdi-central-asia-returnees.txt"
    raw = path.read_bytes()
    path.write_bytes(raw[:100] + bytes([raw[100] ^ 1]) + raw[101:])
    problems = [str(p) for p in validate_data_dir(data_dir)]
    changed = [p for p in problems if "differs from the file received" in p]
    assert len(changed) == 1, problems
    assert "raw/tdi-central-asia-returnees.txt" in changed[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() in changed[0]


def test_a_changed_readme_is_refused_too(data_dir):
    path = data_dir / "raw" / "updates" / "README.md"
    path.write_bytes(path.read_bytes() + b"\n")
    problems = [str(p) for p in validate_data_dir(data_dir)]
    assert [p for p in problems if "differs from the file received" in p] == [
        p for p in problems if "raw/updates/README.md" in p
    ]
    assert problems


def test_a_raw_file_with_no_recorded_hash_is_refused(data_dir):
    (data_dir / "raw" / "updates" / "new_source.txt").write_bytes(b"hello\n")
    problems = [str(p) for p in validate_data_dir(data_dir)]
    assert problems == [
        f"{data_dir / 'datapackage.json'}, column 'hash': value 'raw/updates/new_source.txt': "
        "is not a resource of the Data Package, so nothing guards its bytes; record it with "
        "`python -m helpers record-hashes`"
    ]


def test_a_resource_whose_hash_was_removed_is_refused(data_dir):
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["path"] == "raw/abroad/README.md")
    del res["hash"]
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    problems = [str(p) for p in validate_data_dir(data_dir)]
    assert len(problems) == 1, problems
    assert "value 'raw/abroad/README.md': has no SHA-256 recorded" in problems[0]


def test_recording_adds_the_new_files_hash_and_nothing_else(data_dir, capsys):
    before = (data_dir / "datapackage.json").read_text(encoding="utf-8")
    (data_dir / "raw" / "updates" / "new_source.txt").write_bytes(b"hello\n")
    assert main(["record-hashes", str(data_dir)]) == 0
    assert capsys.readouterr().out == ("recorded the SHA-256 of raw/updates/new_source.txt\n")
    after = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert after["resources"][-1] == {
        "name": "raw/updates/new_source.txt",
        "path": "raw/updates/new_source.txt",
        "type": "text",
        "format": "txt",
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "hash": f"sha256:{HELLO_SHA256}",
    }
    assert after["resources"][:-1] == json.loads(before)["resources"]
    assert validate_data_dir(data_dir) == []
    assert main(["record-hashes", str(data_dir)]) == 0
    assert capsys.readouterr().out == "every raw file already has its SHA-256 recorded\n"


def test_recording_never_replaces_the_hash_of_an_edited_file(data_dir, capsys):
    path = data_dir / "raw" / "operations" / "README.md"
    path.write_bytes(path.read_bytes() + b" ")
    before = (data_dir / "datapackage.json").read_bytes()
    assert record_raw_hashes(data_dir) == ([], ["raw/operations/README.md"])
    assert main(["record-hashes", str(data_dir)]) == 1
    assert "raw/operations/README.md differs from its recorded SHA-256" in capsys.readouterr().err
    assert (data_dir / "datapackage.json").read_bytes() == before


def test_raw_sources_are_byte_identical_to_the_shared_folder_when_present():
    """An extra check where the folder the sources came from sits beside the checkout."""
    shared = DATA_DIR.parent.parent / "shared" / "sources"
    if not shared.is_dir():
        pytest.skip("the shared/ folder is not beside this checkout (the hashes still hold)")
    received = sorted(p for p in shared.rglob("*") if p.is_file())
    assert received
    for path in received:
        local = DATA_DIR / "raw" / path.relative_to(shared)
        assert local.read_bytes() == path.read_bytes(), local


def test_a_folder_hash_follows_every_name_and_byte(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.csv").write_bytes(b"1,2\n")
    (tmp_path / "y.txt").write_bytes(b"hello")
    by_hand = hashlib.sha256(b"a/x.csv\x001,2\n\x00y.txt\x00hello\x00").hexdigest()[:12]
    assert hash_folder(tmp_path) == by_hand
    assert hash_files([tmp_path / "y.txt", tmp_path / "a" / "x.csv"], tmp_path) == by_hand
    (tmp_path / "y.txt").write_bytes(b"hellp")
    assert hash_folder(tmp_path) != by_hand
    (tmp_path / "y.txt").write_bytes(b"hello")
    (tmp_path / "y.txt").rename(tmp_path / "z.txt")
    assert hash_folder(tmp_path) != by_hand
