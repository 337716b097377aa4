"""Shared fixtures: a private copy of the data to break, and small helpers to edit it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from helpers.paths import DATA_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data/ folder that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV file as its header and rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows back as CSV (the same dialect as the shipped files)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_row(path: Path, index: int, **changes: str) -> int:
    """Change cells of data row ``index`` (0-based); return its line number in the file.

    The line is where the row starts, counting the line breaks inside earlier quoted cells.
    """
    header, rows = read_rows(path)
    rows[index].update(changes)
    write_rows(path, header, rows)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        start = reader.line_num + 1
        for i, _ in enumerate(reader):
            if i == index:
                return start
            start = reader.line_num + 1
    raise IndexError(index)
