"""The site build: every run in both languages with its PDF, byte-identical rebuilds, committed
reports up to date, incremental, one build at a time, nothing left behind by a killed build."""

import filecmp
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from helpers.paths import REPORTS_DIR
from helpers.pdf import find_chromium
from helpers.site import BuildLockedError, build_lock, build_site, load_runs

pytestmark = pytest.mark.slow
HAS_CHROMIUM = find_chromium() is not None


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    build_site(first, force=True, jobs=2, say=lambda _: None)
    build_site(second, force=True, jobs=1, say=lambda _: None, warm=False)
    return first, second


def test_every_run_is_rendered_in_both_languages_with_its_pdf(two_builds):
    first, _ = two_builds
    files = set(tree(first))
    for run in load_runs():
        for prefix in ("", "ru/"):
            assert f"{prefix}{run.name}.html" in files
            if HAS_CHROMIUM:
                assert f"{prefix}{run.name}.pdf" in files
    assert {
        "index.html",
        "ru/index.html",
        "data_dictionary.html",
        "ru/data_dictionary.html",
        "download/central-asia-returnees-data.zip",
        "tables/country_summary.csv",
        "tables/consistency_checks.csv",
        "tables/reconciliation.csv",
    } <= files
    assert not [f for f in files if f.startswith("ru/tables/")]  # one set of CSVs


def test_pdfs_are_a4_with_fixed_dates(two_builds):
    if not HAS_CHROMIUM:
        pytest.skip("chromium not installed: PDFs are skipped")
    first, _ = two_builds
    data = (first / "regional_comparison.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    dates = set(re.findall(rb"/CreationDate \(D:(\d{14})", data))
    assert dates == {b"20250930000000"}  # the data's latest date, not the time of printing


def test_warm_parallel_build_equals_fresh_kernel_sequential_build(two_builds):
    """Reusing one kernel per worker changes no byte of any file, PDFs and the zip included."""
    first, second = two_builds
    assert tree(first) == tree(second)
    _, mismatch, errors = filecmp.cmpfiles(first, second, tree(first), shallow=False)
    assert not mismatch and not errors


def test_committed_reports_equal_a_fresh_forced_build(two_builds):
    """Every file byte for byte, except PDFs: those are judged by the HTML they were printed from
    (Chromium is not pinned, so another Chromium may print other bytes)."""
    if not HAS_CHROMIUM and os.environ.get("CI") != "true":
        pytest.skip("chromium not installed: the committed PDFs cannot be compared")
    first, _ = two_builds
    assert tree(REPORTS_DIR) == tree(first), "run `make reports` and commit reports/"
    others = [f for f in tree(first) if not f.endswith(".pdf")]
    _, mismatch, errors = filecmp.cmpfiles(REPORTS_DIR, first, others, shallow=False)
    assert not mismatch and not errors, f"stale committed reports: {mismatch + errors}"
    manifest = json.loads((REPORTS_DIR / "manifest.json").read_text())
    for key, entry in manifest["runs"].items():
        html = hashlib.sha256((REPORTS_DIR / f"{key}.html").read_bytes()).hexdigest()
        assert entry["pdf_printed_from"] == html, f"{key}.pdf was printed from another page"
        assert (REPORTS_DIR / f"{key}.pdf").read_bytes().startswith(b"%PDF-")


def test_csv_tables_have_the_documented_columns(two_builds):
    """The built tables are what their Table Schema (datapackage.json beside them) describes."""
    from helpers.table_schema import validate_tables

    first, _ = two_builds
    assert (first / "tables" / "datapackage.json").is_file()
    assert validate_tables(first / "tables") == []


def test_default_summary_is_as_of_the_latest_date_in_the_data(two_builds):
    import csv

    first, _ = two_builds
    rows = {
        r["country_iso3"]: r
        for r in csv.DictReader((first / "tables" / "country_summary.csv").open())
    }
    assert {r["as_of"] for r in rows.values()} == {"2026-02-18"}  # the latest date of abroad.csv
    assert rows["KGZ"]["total_returned"] == "551"
    assert (rows["TJK"]["total_returned"], rows["TJK"]["total_is_lower_bound"]) == ("382", "false")
    assert rows["UZB"]["total_returned"] == "531"
    assert (rows["KAZ"]["total_low"], rows["KAZ"]["total_high"]) == ("725", "754")


def test_a_changed_parameter_rebuilds_that_run_in_both_languages_only(
    two_builds, tmp_path, monkeypatch
):
    first, _ = two_builds
    reports = tmp_path / "reports"
    shutil.copytree(first, reports)
    assert build_site(reports, say=lambda _: None) == 0
    runs = load_runs()
    changed = runs[2].__class__(
        **{**runs[2].__dict__, "parameters": {"country": "KAZ", "as_of": "2023-12-31"}}
    )
    monkeypatch.setattr("helpers.site.load_runs", lambda: [*runs[:2], changed, *runs[3:]])
    messages = []
    assert build_site(reports, say=messages.append) == 2
    done = sorted(m.split()[1] for m in messages if m.startswith("done "))
    assert done == [runs[2].name, f"ru/{runs[2].name}"]
    if HAS_CHROMIUM:
        assert not filecmp.cmp(first / f"{runs[2].name}.pdf", reports / f"{runs[2].name}.pdf")


def test_editing_a_notebook_no_run_uses_rebuilds_nothing(two_builds, tmp_path, monkeypatch):
    from helpers import site

    first, _ = two_builds
    reports = tmp_path / "reports"
    shutil.copytree(first, reports)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(site.NOTEBOOKS_DIR, notebooks)
    (notebooks / "start_here.ipynb").write_text(
        (notebooks / "start_here.ipynb").read_text().replace("Start here", "Begin here")
    )
    monkeypatch.setattr(site, "NOTEBOOKS_DIR", notebooks)
    assert build_site(reports, say=lambda _: None) == 0


def test_a_second_build_while_one_runs_stops_and_writes_nothing(tmp_path):
    reports = tmp_path / "reports"
    with build_lock(), pytest.raises(BuildLockedError, match="another build is running"):
        build_site(reports, say=lambda _: None)
    assert not reports.exists()


def test_two_builds_at_once_from_the_command_line(tmp_path):
    env = dict(os.environ, RETURNEES_BUILD_DIR=str(tmp_path / "build"))
    code = (
        "import sys, time; from helpers.site import build_lock\n"
        "with build_lock():\n"
        "    print('locked', flush=True); time.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"locked"
        second = subprocess.run(
            [sys.executable, "-m", "helpers", "build"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode == 1
    assert "another build is running" in second.stderr and "Traceback" not in second.stderr


def test_a_killed_build_leaves_nothing_in_reports_and_the_next_build_clears_it(tmp_path):
    env = dict(os.environ, RETURNEES_BUILD_DIR=str(tmp_path / "build"))
    reports = tmp_path / "reports"
    code = (
        "from pathlib import Path; from helpers.site import build_site\n"
        f"build_site(Path({str(reports)!r}), force=True, jobs=2)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not list((tmp_path / "build" / "staging").glob("*/*")):
        time.sleep(0.2)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    litter = [p for p in reports.rglob("*") if ".staging" in p.name or p.name.endswith(".tmp")]
    assert not litter
    # Killed mid-run: whatever it staged stays in build/staging/, outside reports/.
    finish = subprocess.run(
        [sys.executable, "-c", code.replace("force=True", "force=False")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert finish.returncode == 0, finish.stderr
    assert "Traceback" not in finish.stderr
    assert not list((tmp_path / "build" / "staging").glob("*"))
    assert (reports / "index.html").is_file() and (reports / "ru" / "index.html").is_file()


def test_without_chromium_the_html_site_is_built_and_the_pdfs_skipped(tmp_path, monkeypatch):
    runs = [r for r in load_runs() if r.name == "country_profile_UZB"]
    monkeypatch.setattr("helpers.site.load_runs", lambda: runs)
    messages = []
    build_site(tmp_path, force=True, jobs=1, say=messages.append, with_pdf=False)
    assert any("PDFs were skipped" in m for m in messages)
    files = tree(tmp_path)
    assert "country_profile_UZB.html" in files and "ru/country_profile_UZB.html" in files
    assert not [f for f in files if f.endswith(".pdf")]
    index = (tmp_path / "index.html").read_text()
    assert "country_profile_UZB.pdf" not in index


def test_citation_file_is_cff_1_2_0():
    import yaml

    from helpers.paths import PROJECT_ROOT

    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"] and cff["authors"]
    assert cff["license"] == "CC-BY-4.0"
