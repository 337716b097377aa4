from pathlib import Path

from helpers.data.paths import (
    BUILD_DIR,
    DATA_DIR,
    PROJECT_ROOT,
    resolve_data_dir,
    resolve_output_dir,
)


def test_project_paths_point_into_this_checkout():
    assert (PROJECT_ROOT / "pyproject.toml").is_file()
    assert (DATA_DIR / "datapackage.json").is_file()


def test_empty_parameters_mean_the_project_defaults():
    assert resolve_data_dir("") == DATA_DIR
    assert resolve_output_dir("") == BUILD_DIR / "scratch"


def test_given_folders_are_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_output_dir("out") == tmp_path / "out"
    assert resolve_data_dir(Path("d")).is_absolute()


def test_a_path_is_shown_relative_to_the_working_folder_when_below_it(tmp_path, monkeypatch):
    from helpers.data.paths import display_path

    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "data" / "events.csv") == "data/events.csv"
    assert display_path(Path("/elsewhere/events.csv")) == "/elsewhere/events.csv"
