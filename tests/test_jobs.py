"""What a build is made of: runs read from runs.toml, a job per language, keys that see changes."""

import hashlib
from pathlib import Path

from helpers.report.i18n import using
from helpers.site.jobs import (
    Job,
    Run,
    data_date,
    hash_files,
    is_current,
    jobs_of,
    load_runs,
    read_manifest,
    run_key,
)

RUNS = """
[[run]]
name = "profile_KGZ"
notebook = "country_profile.ipynb"
parameters = { country = "KGZ" }
title = { en = "Kyrgyzstan", ru = "Кыргызстан" }

[[run]]
name = "regional_comparison"
notebook = "regional_comparison.ipynb"
"""


def test_runs_are_read_with_their_parameters_and_own_titles(tmp_path):
    path = tmp_path / "runs.toml"
    path.write_text(RUNS, encoding="utf-8")
    first, second = load_runs(path)
    assert (first.name, first.notebook, first.parameters) == (
        "profile_KGZ",
        "country_profile.ipynb",
        {"country": "KGZ"},
    )
    assert second.parameters == {}
    with using("ru"):
        assert first.title == "Кыргызстан"
    assert first.title == "Kyrgyzstan"


def test_every_run_is_a_job_in_each_language_english_first_russian_in_ru():
    runs = [Run("a", "a.ipynb"), Run("b", "b.ipynb")]
    jobs = jobs_of(runs)
    assert [j.key for j in jobs] == ["a", "b", "ru/a", "ru/b"]
    assert Job(runs[0], "ru").directory(Path("/r")) == Path("/r/ru")
    assert Job(runs[0], "en").directory(Path("/r")) == Path("/r")


def test_a_files_hash_is_of_its_name_and_bytes(tmp_path):
    (tmp_path / "x.csv").write_bytes(b"a,b\n")
    expected = hashlib.sha256(b"x.csv\0" + b"a,b\n" + b"\0").hexdigest()[:12]
    assert hash_files([tmp_path / "x.csv"], tmp_path) == expected
    (tmp_path / "x.csv").write_bytes(b"a,c\n")
    assert hash_files([tmp_path / "x.csv"], tmp_path) != expected


def test_a_jobs_key_changes_with_its_notebook_language_and_the_pdf(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "a.ipynb").write_text("{}")
    job = Job(Run("a", "a.ipynb"), "en")
    versions = ("data1", "code1")
    key = run_key(job, versions, True, notebooks)
    assert len(key) == 16 and key == run_key(job, versions, True, notebooks)
    assert run_key(Job(job.run, "ru"), versions, True, notebooks) != key
    assert run_key(job, versions, False, notebooks) != key
    assert run_key(job, ("data2", "code1"), True, notebooks) != key
    (notebooks / "a.ipynb").write_text('{"cells": []}')
    assert run_key(job, versions, True, notebooks) != key


def test_a_job_is_current_only_with_its_key_and_all_its_files(tmp_path):
    (tmp_path / "a.html").write_text("page")
    entry = {"key": "k1", "files": ["a.html", "figures/a.png"]}
    assert not is_current(entry, "k1", tmp_path)  # its figure is missing
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.png").write_bytes(b"png")
    assert is_current(entry, "k1", tmp_path)
    assert not is_current(entry, "k2", tmp_path)
    assert not is_current(None, "k1", tmp_path)


def test_a_missing_manifest_reads_as_no_runs(tmp_path):
    assert read_manifest(tmp_path) == {"runs": {}}


def test_the_datas_date_is_the_last_day_of_its_latest_month_or_year(tmp_path):
    (tmp_path / "repatriations.csv").write_text("date_end\n2023-05-01\n2024-02\n", encoding="utf-8")
    (tmp_path / "abroad.csv").write_text("date\n2023\n", encoding="utf-8")
    assert data_date(tmp_path) == "2024-02-29"
    assert data_date(tmp_path / "empty") == "2000-01-01"
