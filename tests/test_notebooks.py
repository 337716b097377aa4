"""Notebooks stay thin, stored without outputs, and runnable the way users run them."""

import ast
import json
import subprocess
import sys

import pytest

from helpers.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.site import load_runs

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    for cell in json.loads(path.read_text())["cells"]:
        assert not cell.get("outputs") and not cell.get("execution_count"), path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defines_no_functions_or_classes(path):
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]))
            assert not any(
                isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda) for n in ast.walk(tree)
            ), path


def test_every_country_in_the_data_has_a_profile_run():
    from helpers.loading import load_dataset

    profiled = {
        r.parameters.get("country") for r in load_runs() if r.notebook == "country_profile.ipynb"
    }
    assert profiled == set(load_dataset().countries)


def papermill(*args, cwd=PROJECT_ROOT):
    return subprocess.run(
        [sys.executable, "-m", "papermill", *args, "--no-progress-bar"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_plain_papermill_from_notebooks_folder_finds_the_data(tmp_path):
    result = papermill(
        "country_profile.ipynb",
        str(tmp_path / "out.ipynb"),
        "-p",
        "output_dir",
        str(tmp_path),
        cwd=NOTEBOOKS_DIR,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "figures" / "profile_KAZ_operations.png").is_file()


@pytest.mark.slow
def test_plain_papermill_with_a_bad_value_fails_with_the_clear_message(tmp_path):
    result = papermill(
        "notebooks/country_profile.ipynb",
        str(tmp_path / "out.ipynb"),
        "-p",
        "country",
        "XYZ",
        "-p",
        "output_dir",
        str(tmp_path),
    )
    assert result.returncode != 0
    assert "parameter 'country': XYZ not in the data; valid codes: KAZ, KGZ, TJK, UZB" in (
        result.stderr
    )
