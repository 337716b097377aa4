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
from conftest import SAMPLE_JOBS, assert_quiet

import helpers.site.site
from helpers.data.paths import REPORTS_DIR
from helpers.site.pdf import find_chromium
from helpers.site.site import BuildLockedError, build_lock, build_site, load_runs, pending_runs

pytestmark = pytest.mark.slow
HAS_CHROMIUM = find_chromium() is not None


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_every_run_is_rendered_in_both_languages_with_its_pdf(built_site):
    first = built_site
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


def test_pdfs_are_a4_with_fixed_dates(built_site):
    if not HAS_CHROMIUM:
        pytest.skip("chromium not installed: PDFs are skipped")
    first = built_site
    data = (first / "data_quality.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    dates = set(re.findall(rb"/CreationDate \(D:(\d{14})", data))
    assert dates == {b"20260218000000"}  # the data's latest date, not the time of printing


def test_committed_reports_are_current_and_rebuild_to_their_bytes(built_site, built_site_log):
    """The committed reports were built from the current data, code and notebooks (no job is
    pending), and the sample of jobs, each built again in a fresh kernel, one after another, and
    the site pages equal them byte for byte: ``make reports`` built them in parallel workers
    that each reused one kernel, so a reused kernel changes nothing. Only the sample and the
    site pages were built again. PDFs are judged by the HTML they were printed from (Chromium
    is not pinned, so another Chromium may print other bytes; test_pdf prints a page after
    another in one browser and gets the same bytes)."""
    if not HAS_CHROMIUM and os.environ.get("CI") != "true":
        pytest.skip("chromium not installed: the committed PDFs cannot be compared")
    stale = [job.key for job in pending_runs(REPORTS_DIR)[1]]
    assert not stale, f"run `make reports` and commit reports/: {stale} are out of date"
    rebuilt = sorted(line.split()[1] for line in built_site_log if line.startswith("done "))
    assert rebuilt == sorted(SAMPLE_JOBS), built_site_log
    assert "Wrote index.html" in built_site_log and "Wrote ru/index.html" in built_site_log
    assert tree(REPORTS_DIR) == tree(built_site), "run `make reports` and commit reports/"
    others = [f for f in tree(built_site) if not f.endswith(".pdf")]
    _, mismatch, errors = filecmp.cmpfiles(REPORTS_DIR, built_site, others, shallow=False)
    assert not mismatch and not errors, f"stale committed reports: {mismatch + errors}"
    manifest = json.loads((REPORTS_DIR / "manifest.json").read_text())
    for key, entry in manifest["runs"].items():
        html = hashlib.sha256((REPORTS_DIR / f"{key}.html").read_bytes()).hexdigest()
        assert entry["pdf_printed_from"] == html, f"{key}.pdf was printed from another page"
        assert (REPORTS_DIR / f"{key}.pdf").read_bytes().startswith(b"%PDF-")


def test_csv_tables_have_the_documented_columns(built_site):
    """The built tables are what their Table Schema (datapackage.json beside them) describes."""
    from helpers.data.table_schema import validate_tables

    first = built_site
    assert (first / "tables" / "datapackage.json").is_file()
    assert validate_tables(first / "tables") == []


def test_default_summary_is_as_of_the_latest_date_in_the_data(built_site):
    import csv

    first = built_site
    rows = {
        r["country_iso3"]: r
        for r in csv.DictReader((first / "tables" / "country_summary.csv").open())
    }
    assert {r["as_of"] for r in rows.values()} == {"2026-02-18"}  # the latest date of abroad.csv
    assert rows["KGZ"]["total_returned"] == "551"
    assert (rows["TJK"]["total_returned"], rows["TJK"]["total_is_lower_bound"]) == ("382", "false")
    assert rows["UZB"]["total_returned"] == "531"
    assert (rows["KAZ"]["total_low"], rows["KAZ"]["total_high"]) == ("730", "754")


def test_a_changed_parameter_rebuilds_that_run_in_both_languages_only(built_site, monkeypatch):
    """What a build would run, asked without running it (a rebuild itself: ``built_site``)."""
    assert pending_runs(built_site)[1] == []
    runs = load_runs()
    changed = runs[2].__class__(
        **{**runs[2].__dict__, "parameters": {"country": "KAZ", "as_of": "2023-12-31"}}
    )
    monkeypatch.setattr(helpers.site.site, "load_runs", lambda: [*runs[:2], changed, *runs[3:]])
    todo = pending_runs(built_site)[1]
    assert sorted(job.key for job in todo) == [runs[2].name, f"ru/{runs[2].name}"]
    assert {job.run.parameters["as_of"] for job in todo} == {"2023-12-31"}


def test_editing_a_notebook_no_run_uses_rebuilds_nothing(built_site, tmp_path, monkeypatch):
    from helpers.site import site

    first = built_site
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
        "import sys, time; from helpers.site.site import build_lock\n"
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
    assert "another build is running" in second.stderr
    assert_quiet(second.stderr)


def test_a_killed_build_leaves_nothing_in_reports_and_the_next_build_recovers(built_site, tmp_path):
    """A forced build killed mid-run over a built site: the next build clears its staging and
    finds the existing output current, so it reruns nothing and every file is as before."""
    env = dict(os.environ, RETURNEES_BUILD_DIR=str(tmp_path / "build"))
    reports = tmp_path / "reports"
    shutil.copytree(built_site, reports)
    code = (
        "from pathlib import Path; from helpers.site.site import build_site\n"
        f"print(build_site(Path({str(reports)!r}), force=True, jobs=1, say=print))\n"
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
        timeout=300,
    )
    assert finish.returncode == 0, finish.stderr
    assert_quiet(finish.stderr)
    assert finish.stdout.splitlines()[-1] == "0", finish.stdout  # no run done again
    assert not list((tmp_path / "build" / "staging").glob("*"))
    assert tree(reports) == tree(built_site)
    _, mismatch, errors = filecmp.cmpfiles(built_site, reports, tree(reports), shallow=False)
    assert not mismatch and not errors
