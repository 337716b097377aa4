"""The command line: messages a person can act on, exit codes, nothing written on error.

The one real run of ``python -m helpers run`` (a Russian report as of a date, its numbers) is made
from the installed wheel: test_install."""

import subprocess
import sys

import pytest
from conftest import assert_quiet, edit_row

from helpers.site.cli import main


def test_validate_prints_ok_and_a_summary(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "OK"
    assert "figures in" in out[1] and "countries KAZ, KGZ, TJK, UZB" in out[1]
    # abroad.csv's 14 rows, and its detainee list of 18 February 2026 as the data's latest date.
    assert out[1].endswith("14 figures of people still abroad; latest date in the data 2026-02-18")


def test_validate_lists_every_problem_and_exits_non_zero(data_dir, capsys):
    edit_row(data_dir / "repatriations.csv", 0, count="many")
    edit_row(data_dir / "repatriations.csv", 1, group="girls")
    assert main(["validate", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "line 2, column 'count': value 'many': must be a whole number" in err
    assert "line 3, column 'group': value 'girls'" in err
    assert "2 problem(s) found; nothing was written." in err


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args], capture_output=True, text=True, check=False
    )


def test_run_rejects_bad_country_with_exit_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["run", "notebooks/country_profile.ipynb", "-p", "country", "XX"]
    assert main([*argv, "--output-dir", str(out)]) == 2
    err = capsys.readouterr().err
    assert "parameter 'country': XX not in the data; valid codes: KAZ, KGZ, TJK, UZB" in err
    assert err.splitlines()[-1] == "Nothing was run or written."
    assert_quiet(err)
    assert not out.exists()


def test_run_rejects_unknown_parameter_and_malformed_date(tmp_path, capsys):
    notebook = "notebooks/country_profile.ipynb"
    unknown = ["run", notebook, "-p", "year", "2020", "--output-dir", str(tmp_path / "a")]
    assert main(unknown) == 2
    assert "unknown parameter 'year'" in capsys.readouterr().err
    bad_date = ["run", notebook, "-p", "as_of", "31/12/2023", "--output-dir", str(tmp_path / "b")]
    assert main(bad_date) == 2
    assert "parameter 'as_of' must be a date" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
def test_run_rejects_missing_notebook():
    """As a process: ``python -m helpers`` exits with the code ``main`` returns."""
    result = run_cli("run", "notebooks/nope.ipynb")
    assert result.returncode == 2
    assert result.stderr == "error: notebook not found: notebooks/nope.ipynb\n"


def test_totals_prints_one_csv_row_per_date_country_and_group(capsys):
    assert (
        main(["totals", "--as-of", "2024-06-30", "--as-of", "2025-09-30", "--country", "KGZ"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "as_of,country_iso3,group,count,is_lower_bound,low,low_is_lower_bound,high,"
        "latest_count_date"
    )
    assert len(lines) == 1 + 2 * 5  # two dates, one country, people and four groups
    # 30 June 2024: the ministry's 517 of May, no Aikol-6 (19 July); sources say 511 to 517.
    assert "2024-06-30,KGZ,people,517,False,511,False,517,2024-05-31" in lines
    assert "2025-09-30,KGZ,people,551,False,539,True,551,2025-09-30" in lines
    assert main(["totals", "--as-of", "2024-02-30"]) == 2
    assert "parameter '--as-of' must be a date written YYYY-MM-DD" in capsys.readouterr().err


def test_totals_default_to_the_reports_date_and_refuse_what_they_refuse(capsys):
    assert main(["totals", "--country", "kgz"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    # The latest date of any dated table: the detainee list of 18 February 2026 (abroad.csv).
    assert {r.split(",")[0] for r in rows} == {"2026-02-18"}
    assert main(["totals", "--as-of", "2027-01-31"]) == 2
    assert "after the latest date in the data (2026-02-18)" in capsys.readouterr().err
    assert main(["totals", "--country", "XXX"]) == 2
    assert "valid codes: KAZ, KGZ, TJK, UZB" in capsys.readouterr().err


def test_run_names_a_missing_notebook_and_finds_one_named_from_the_notebooks_folder(
    tmp_path, capsys
):
    assert main(["run", "nope.ipynb", "--output-dir", str(tmp_path / "a")]) == 2
    assert capsys.readouterr().err == "error: notebook not found: nope.ipynb\n"
    # "country_profile.ipynb" alone is found in notebooks/: its parameter is checked, not the path.
    argv = ["run", "country_profile.ipynb", "-p", "country", "XX"]
    assert main([*argv, "--output-dir", str(tmp_path / "b")]) == 2
    assert "parameter 'country': XX not in the data" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


@pytest.fixture
def no_build(monkeypatch):
    """A build the command must refuse: reaching ``build_site`` fails the test."""
    import helpers.site.site

    def refuse(*args, **kwargs):
        raise AssertionError("the build ran")

    monkeypatch.setattr(helpers.site.site, "build_site", refuse)


def test_build_refuses_invalid_data_with_exit_1_and_builds_nothing(
    data_dir, monkeypatch, capsys, no_build
):
    from helpers.data import paths

    edit_row(data_dir / "repatriations.csv", 0, count="many")
    monkeypatch.setattr(paths, "DATA_DIR", data_dir)
    assert main(["build", "--force"]) == 1
    err = capsys.readouterr().err
    assert "line 2, column 'count': value 'many': must be a whole number" in err
    assert err.splitlines()[-1] == "1 problem(s) in the data; no report was built."
    assert_quiet(err)
