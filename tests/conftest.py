"""Shared fixtures and builders. Which to use:

- ``built_site`` (session): the site as the current tree builds it, in a temporary folder shared
  by the pytest-xdist workers: a copy of ``reports/`` with a sample of jobs (two notebooks, both
  languages) and the site pages built again, and every job whose inputs changed. Read it; copy it
  before changing it. Reports, figures, tables and pages are checked on this output rather than
  by running again.
- ``browser`` (module): one headless Chromium for a module's browser tests.
- ``kernel`` (session): one Python kernel for the tests that run a notebook in-process, reused
  from run to run as a build's worker reuses its kernel.
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
import gc
import os
import shutil
import tempfile
from pathlib import Path

# Before helpers is imported: notebooks run by the tests (nbval, papermill, helpers run) and any
# process they start write their scratch files and failed runs here, never into build/.
os.environ["RETURNEES_BUILD_DIR"] = tempfile.mkdtemp(prefix="returnees-test-build-")
# Valid readings of the data are kept by their content (code, descriptor, bytes), so one folder
# serves every worker and every session; it is outside build/ too.
os.environ["RETURNEES_CACHE_DIR"] = str(Path(tempfile.gettempdir()) / "returnees-test-cache")
# Hypothesis keeps a cache of its own; it goes to a temporary folder too.
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = tempfile.mkdtemp(prefix="returnees-hypothesis-")

from typing import TYPE_CHECKING, Any

import pytest

from helpers.data.paths import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

# pandas and the package's model are imported by the fixtures and builders that use them, not
# here: pytest-xdist's controller loads this file too, and never runs a test.


def _reads_the_site(item: pytest.Item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave out, unimported, a module whose every test is slow when slow tests are deselected.

    ``make test-fast`` (``-m "not slow and …"``) then spends no time importing what only the
    slow tests use (the browser driver, the notebook runner).
    """
    if "not slow" not in (config.option.markexpr or ""):
        return None
    is_test = collection_path.suffix == ".py" and collection_path.name.startswith("test_")
    slow = is_test and "\npytestmark = pytest.mark.slow\n" in collection_path.read_text("utf-8")
    return True if slow else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Order the tests for two or more pytest-xdist workers (``-n 2 --dist loadscope``).

    Each module (and each notebook's cells, for nbval) goes to one worker as one unit, in the
    order of its first test here; module fixtures are made once. The slow tests start first: a
    module reading the built site (one worker builds it while the other works on the rest),
    then the slow tests that need no site (wheel install, notebooks, processes), then the other
    slow tests on the built site, then the quick ones to fill the gaps. A run without xdist keeps
    this order too: no test depends on another's.
    """

    def rank(item: pytest.Item) -> int:
        if _reads_the_site(item):
            return 2
        slow = item.get_closest_marker("slow") is not None or ".ipynb::" in item.nodeid
        return 1 if slow else 3

    for item in items:
        if "data_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.whole_package)
    first_on_site = next((i for i in items if _reads_the_site(i)), None)
    items.sort(key=lambda i: 0 if i is first_on_site else rank(i))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the garbage collector off what collection imported, and let it run less often.

    Collection loads pandas, matplotlib, frictionless and the package: objects that live as
    long as the process. Frozen, no collection walks them again, and with a larger first
    generation the tests' short-lived tables and figures are collected in fewer, larger
    sweeps. It cuts about a tenth of the processor time of ``make test-fast``
    (benchmarks/results.md); what a test computes is unchanged.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


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


_PARSED: dict[tuple[Path, int, int], Any] = {}


def parsed_page(path: Path) -> Any:
    """The HTML file at ``path`` parsed by BeautifulSoup (``html.parser``); read, do not change it.

    A worker parses a page of the built site once for all its modules (a report takes 0.1 to
    0.3 s); a file written again since is parsed again.
    """
    from bs4 import BeautifulSoup

    stat = path.stat()
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _PARSED[key]


def assert_quiet(stderr: str) -> None:
    """Fail if a run's error output has any line saying ERROR or Traceback."""
    noisy = [line for line in stderr.splitlines() if "ERROR" in line or "Traceback" in line]
    assert not noisy, stderr[-3000:]


SAMPLE_JOBS = ("data_quality", "ru/country_profile_UZB")
"""The jobs ``built_site`` builds again from the code: two notebooks, both languages.

The regional comparison, the costliest job (its notebook runs twice as long), is left out:
its figures are saved by the same ``save_figure`` and its page rendered by the same code as the
sample's, and any change to the code, data or notebooks makes every job pending, so the build
then runs it too (and the test of the committed reports asks for ``make reports``)."""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as the current tree builds it, in a temporary folder (never ``reports/``).

    It starts from a copy of the committed ``reports/``; the files of ``SAMPLE_JOBS`` and the
    site pages are deleted, and ``build_site`` (one job after another, each in a fresh kernel,
    PDFs when Chromium is found) builds them again, with every job whose inputs changed since
    ``reports/`` was built: on a tree whose reports are current that is the sample, on any other
    every job. What the build said is in ``built-site.log`` beside it. Tests read it; a test that
    changes files works on a copy. Under pytest-xdist the workers share one build: the first to
    ask builds it under a file lock in the session's common temporary folder, the others wait.
    """
    from filelock import FileLock

    from helpers.data.paths import REPORTS_DIR
    from helpers.site.site import build_site

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # one folder for every worker of this session
    out, done = root / "built-site", root / "built-site.done"
    with FileLock(root / "built-site.lock"):
        if not done.is_file():
            shutil.rmtree(out, ignore_errors=True)  # what a failed attempt left
            shutil.copytree(REPORTS_DIR, out)
            for name in _files_to_build_again(out):
                (out / name).unlink(missing_ok=True)
            said: list[str] = []
            # Cold and sequential: each job in a fresh kernel, one after another (``make
            # reports`` runs them in parallel, each worker reusing one kernel).
            build_site(out, jobs=1, warm=False, say=said.append)
            (root / "built-site.log").write_text("\n".join(said) + "\n", encoding="utf-8")
            done.touch()
    return out


def _files_to_build_again(reports: Path) -> set[str]:
    """The files of ``SAMPLE_JOBS`` that no other job shares, and the site pages."""
    import json

    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    runs = manifest["runs"]
    shared = {f for key, entry in runs.items() if key not in SAMPLE_JOBS for f in entry["files"]}
    sample = {f for key in SAMPLE_JOBS if key in runs for f in runs[key]["files"]}
    return (sample - shared) | set(manifest.get("site", {}).get("files", []))


@pytest.fixture(scope="session")
def built_site_log(built_site) -> list[str]:
    """What the build of ``built_site`` said, line by line."""
    return (built_site.parent / "built-site.log").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium (Debian's) for the browser tests of a module.

    Closed when the module's tests end: Playwright's synchronous API runs one event loop at a
    time in a process, and other tests (the PDF printer) start their own.

    Skipped with a message when chromium is missing, except under CI (``CI=true``): there it fails.
    """
    from helpers.site.pdf import CHROMIUM_ARGS, find_chromium

    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing under CI: .ci/run must install it")
        pytest.skip("chromium not installed: run `apt-get install chromium` to test in a browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def kernel():
    """One kernel for a worker's in-process runs (``run_notebook(..., km=kernel)``).

    Each run clears the namespace the run before left, as a build's worker does; a kernel costs
    about 3 s of processor time to start and stop.
    """
    from helpers.site.runner import start_kernel, stop_kernel

    km = start_kernel()
    yield km
    stop_kernel(km)


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English (a test that switches language cannot leak it)."""
    from helpers.report.i18n import set_language

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


def _events() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        {
            "event_id": ["op1", "op2"],
            "country_iso3": ["KAZ", "KAZ"],
            "name": ["Op-1", "Op-2"],
            "date_precision": ["day", "month"],
            "date": [pd.Timestamp("2021-01-01"), pd.Timestamp("2021-06-01")],
            "note": [None, None],
        }
    )


def _sources() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        {
            "source_id": ["ministry", "paper", "blog", "un"],
            "source_type": ["press", "press", "press", "official"],
            "reliability": ["high", "medium", "low", "high"],
        }
    )


_BUILT = {"EVENTS": _events, "SOURCES": _sources}
"""``EVENTS``: two operations of one country, for statements with ``event="op1"`` or ``"op2"``;
``SOURCES``: four sources of three kinds. Built on first use (``from conftest import EVENTS``)."""


def __getattr__(name: str) -> Any:
    if name in _BUILT:
        globals()[name] = _BUILT[name]()
        return globals()[name]
    raise AttributeError(name)


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
    import pandas as pd

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
    import pandas as pd

    from helpers.model.analysis import compute_statements

    rows = [r for s in stmts for r in s]
    return compute_statements(pd.DataFrame(rows), __getattr__("SOURCES"))
