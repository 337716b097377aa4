"""No damaged input crashes the loader: valid, or refused with the file named; nothing written.

Hypothesis damages the shipped CSV files at random — a cell, a cut, a flipped byte, an unbalanced
quote, swapped or missing headers, a byte-order mark, CRLF line ends, a duplicated line, an empty
file — and the loader must answer with a list of problems (or none), never an exception.
"""

import shutil

import pytest
from conftest import assert_quiet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data.loading import validate_data_dir
from helpers.data.paths import DATA_DIR

pytestmark = pytest.mark.slow
FILES = ("repatriations.csv", "events.csv", "sources.csv", "programmes.csv")


@pytest.fixture(scope="module")
def copy_of_data(tmp_path_factory):
    target = tmp_path_factory.mktemp("damage") / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def damage(raw: bytes, how: str, data: st.DataObject) -> bytes:
    lines = raw.split(b"\n")
    position = data.draw(st.integers(0, max(len(raw) - 1, 0)))
    if how == "cell":
        row = data.draw(st.integers(1, len(lines) - 2))
        cells = lines[row].split(b",")
        cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(st.binary(max_size=12))
        lines[row] = b",".join(cells)
        return b"\n".join(lines)
    if how == "cut":
        return raw[:position]
    if how == "flip":
        return (
            raw[:position]
            + bytes([raw[position] ^ data.draw(st.integers(1, 255))])
            + raw[position + 1 :]
        )
    if how == "quote":
        return raw[:position] + b'"' + raw[position:]
    if how == "swap_headers":
        names = lines[0].split(b",")
        i, j = data.draw(st.integers(0, len(names) - 1)), data.draw(st.integers(0, len(names) - 1))
        names[i], names[j] = names[j], names[i]
        return b"\n".join([b",".join(names), *lines[1:]])
    if how == "drop_header":
        names = lines[0].split(b",")
        del names[data.draw(st.integers(0, len(names) - 1))]
        return b"\n".join([b",".join(names), *lines[1:]])
    if how == "bom":
        return b"\xef\xbb\xbf" + raw
    if how == "crlf":
        return raw.replace(b"\n", b"\r\n")
    if how == "duplicate_line":
        row = data.draw(st.integers(0, len(lines) - 1))
        return b"\n".join([*lines[: row + 1], lines[row], *lines[row + 1 :]])
    return b""  # empty


HOW = st.sampled_from(
    [
        "cell",
        "cut",
        "flip",
        "quote",
        "swap_headers",
        "drop_header",
        "bom",
        "crlf",
        "duplicate_line",
        "empty",
    ]
)


@settings(
    max_examples=10,  # each validates the whole package; derandomized, so always the same ten
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(name=st.sampled_from(FILES), how=HOW, data=st.data())
def test_damaged_data_is_valid_or_refused_with_the_file_named(copy_of_data, name, how, data):
    path = copy_of_data / name
    original = (DATA_DIR / name).read_bytes()
    before = sorted(p.relative_to(copy_of_data) for p in copy_of_data.rglob("*"))
    path.write_bytes(damage(original, how, data))
    try:
        problems = validate_data_dir(copy_of_data)
        for problem in problems:
            assert problem.file and str(copy_of_data) in problem.file, problem
            assert problem.rule
        after = sorted(p.relative_to(copy_of_data) for p in copy_of_data.rglob("*"))
        assert after == before  # nothing written
    finally:
        path.write_bytes(original)


def test_swapped_headers_are_refused_without_a_traceback(copy_of_data, capsys):
    from helpers.site.cli import main

    path = copy_of_data / "sources.csv"
    original = path.read_bytes()
    header, rest = original.split(b"\n", 1)
    names = header.split(b",")
    names[0], names[9] = names[9], names[0]
    path.write_bytes(b",".join(names) + b"\n" + rest)
    try:
        code = main(["validate", str(copy_of_data)])
    finally:
        path.write_bytes(original)
    err = capsys.readouterr().err
    assert code == 1
    assert_quiet(err)
    assert "sources.csv" in err and "header" in err
