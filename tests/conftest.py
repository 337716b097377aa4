"""Shared fixtures and builders. Which to use:

- ``built_site`` (session): the whole site built once from the current tree (both languages,
  PDFs when Chromium is found) into a temporary folder. Read it; copy it before changing it.
  Reports, figures, tables and pages are checked on this output rather than by running again.
- ``shipped`` (session): the shipped data loaded and validated once (``load_dataset()``).
- ``frames`` + ``rule_problems``: copies of the shipped tables to edit in memory, and the
  dataset's own rules (``helpers.data.rules``) run over them: the quick way to test one rule.
- ``data_dir`` + ``edit_row``: a private copy of ``data/`` on disk, for what frictionless checks
  (types, enums, keys, headers, hashes) or what a command reads from disk.
- ``statement``/``statements_of``: small statements tables built by hand (the answers to tests
  are worked out from these).
- ``assert_quiet``: a run's stderr carries no error line (``ERROR``, ``Traceback``).
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

# Before helpers is imported: notebooks run by the tests (nbval, papermill, helpers run) and any
# process they start write their scratch files and failed runs here, never into build/.
os.environ["RETURNEES_BUILD_DIR"] = tempfile.mkdtemp(prefix="returnees-test-build-")
# Hypothesis keeps a cache of its own; it goes to a temporary folder too.
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = tempfile.mkdtemp(prefix="returnees-hypothesis-")

import pandas as pd
import pytest

from helpers.data.paths import DATA_DIR
from helpers.model.analysis import compute_statements
from helpers.report.i18n import set_language


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


@pytest.fixture(scope="session")
def shipped():
    """The shipped data, loaded and validated once for the session (do not edit its frames)."""
    from helpers.data.loading import load_dataset

    return load_dataset()


TABLES = ("repatriations", "events", "sources", "programmes", "population", "abroad")


@pytest.fixture
def frames(shipped) -> dict[str, pd.DataFrame]:
    """Copies of the shipped tables (typed, each row with its file ``line``) for a test to edit."""
    return {name: getattr(shipped, name).copy() for name in TABLES}


def rule_problems(frames: dict[str, pd.DataFrame]) -> list[str]:
    """The dataset's own rules run over ``frames`` (the raw texts of data/): each problem as text.

    Files are named ``<table>.csv``.
    """
    from helpers.data.rules import check_rules

    displays = {name: f"{name}.csv" for name in frames}
    return [str(p) for p in check_rules(DATA_DIR, frames, displays)]


def edit_frame(frame: pd.DataFrame, pick, **changes) -> int:
    """Change cells of the first row ``pick(row)`` accepts; return that row's line in its file.

    A comparison with a missing cell (``<NA>``) accepts nothing.
    """

    def accepts(row) -> bool:
        try:
            return bool(pick(row))
        except TypeError:  # "boolean value of NA is ambiguous"
            return False

    index = next(i for i, row in frame.iterrows() if accepts(row))
    for column, value in changes.items():
        frame.loc[index, column] = value
    return int(frame.loc[index, "line"])


def assert_quiet(stderr: str) -> None:
    """Fail if a run's error output has any line saying ERROR or Traceback."""
    noisy = [line for line in stderr.splitlines() if "ERROR" in line or "Traceback" in line]
    assert not noisy, stderr[-3000:]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site built once from the current tree (2 warm workers) into a temporary folder.

    Never ``reports/``. Tests read it; a test that changes files works on a copy.
    """
    from helpers.site.site import build_site

    out = tmp_path_factory.mktemp("site")
    build_site(out, force=True, jobs=2, say=lambda _: None)
    return out


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English (a test that switches language cannot leak it)."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True, scope="session")
def no_test_writes_into_the_real_build(tmp_path_factory):
    """Failed runs, staging and the build lock go to a temporary folder, never into build/."""
    import helpers.site.runner
    import helpers.site.site

    build = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(helpers.site.runner, "BUILD_DIR", build)
        mp.setattr(helpers.site.runner, "STAGING_DIR", build / "staging")
        mp.setattr(helpers.site.site, "LOCK_FILE", build / ".build.lock")
        yield build


EVENTS = pd.DataFrame(
    {
        "event_id": ["op1", "op2"],
        "country_iso3": ["KAZ", "KAZ"],
        "name": ["Op-1", "Op-2"],
        "date_precision": ["day", "month"],
        "date": [pd.Timestamp("2021-01-01"), pd.Timestamp("2021-06-01")],
        "note": [None, None],
    }
)
"""Two operations of one country, for statements with ``event="op1"`` or ``"op2"``."""


SOURCES = pd.DataFrame(
    {
        "source_id": ["ministry", "paper", "blog", "un"],
        "source_type": ["press", "press", "press", "official"],
        "reliability": ["high", "medium", "low", "high"],
    }
)


def statement(
    sid,
    scope,
    end,
    groups,
    *,
    country="KAZ",
    start=None,
    event=None,
    total=False,
    source="paper",
    lower=(),
    channel="repatriated",
    origin=None,
):
    """Rows of one statement: ``groups`` maps group to count; ``lower`` lists lower bounds."""
    return [
        {
            "figure_id": f"{sid}-{g}",
            "statement_id": sid,
            "event_id": event,
            "country_iso3": country,
            "region": None,
            "operation": None,
            "origin": origin,
            "scope": scope,
            "is_country_total": total,
            "date_start": pd.Timestamp(start) if start else pd.NaT,
            "date_end": pd.Timestamp(end),
            "group": g,
            "count": c,
            "qualifier": "at_least" if g in lower else "exact",
            "derivation": "stated",
            "channel": channel,
            "source_id": source,
            "quote": "q",
            "quote_en": None,
            "note": None,
        }
        for g, c in groups.items()
    ]


def statements_of(*stmts):
    """Return ``compute_statements`` of the rows of the given statements."""
    rows = [r for s in stmts for r in s]
    return compute_statements(pd.DataFrame(rows), SOURCES)
