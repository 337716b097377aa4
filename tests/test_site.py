"""The site build: every configured run, byte-identical rebuilds, committed reports up to date."""

import filecmp
import os
import shutil

import pytest

from helpers.paths import REPORTS_DIR
from helpers.site import build_site, load_runs

pytestmark = pytest.mark.slow


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    build_site(first, force=True, jobs=2, say=lambda _: None)
    build_site(second, force=True, jobs=1, say=lambda _: None, warm=False)
    return first, second


def test_every_configured_run_is_rendered(two_builds):
    first, _ = two_builds
    files = tree(first)
    for run in load_runs():
        assert f"{run.name}.html" in files
    assert {
        "index.html",
        "tables/country_summary.csv",
        "tables/consistency_checks.csv",
        "tables/reconciliation.csv",
    } <= set(files)


def test_warm_parallel_build_equals_fresh_kernel_sequential_build(two_builds):
    """Reusing one kernel per worker changes no byte of any report."""
    first, second = two_builds
    assert tree(first) == tree(second)
    _, mismatch, errors = filecmp.cmpfiles(first, second, tree(first), shallow=False)
    assert not mismatch and not errors


def test_committed_reports_equal_a_fresh_forced_build(two_builds):
    first, _ = two_builds
    assert tree(REPORTS_DIR) == tree(first), "run `make reports` and commit reports/"
    _, mismatch, errors = filecmp.cmpfiles(REPORTS_DIR, first, tree(first), shallow=False)
    assert not mismatch and not errors, f"stale committed reports: {mismatch + errors}"


def test_consistency_checks_table_has_the_required_columns(two_builds):
    first, _ = two_builds
    header = (first / "tables" / "consistency_checks.csv").read_text().splitlines()[0]
    assert header.startswith("country_iso3,check,expected,observed,difference,status")
    summary = (first / "tables" / "country_summary.csv").read_text().splitlines()[0]
    assert summary == (
        "country_iso3,as_of,latest_count_date,total_returned,total_is_lower_bound,women,children,"
        "men,women_and_children,unspecified,children_share,population_year,"
        "returned_per_100k"
    )


def test_incremental_build_reruns_only_what_changed(two_builds, tmp_path, monkeypatch):
    first, _ = two_builds
    reports = tmp_path / "reports"
    shutil.copytree(first, reports)
    assert build_site(reports, say=lambda _: None) == 0
    index_time = os.stat(reports / "index.html").st_mtime_ns
    runs = load_runs()
    changed = runs[1].__class__(
        **{**runs[1].__dict__, "parameters": {"country": "KAZ", "as_of": "2023-12-31"}}
    )
    monkeypatch.setattr("helpers.site.load_runs", lambda: [runs[0], changed, *runs[2:]])
    messages = []
    assert build_site(reports, say=messages.append) == 1
    assert any(runs[1].name in m for m in messages)
    assert os.stat(reports / "index.html").st_mtime_ns != index_time
