"""An analyst's own notebook: typed parameters checked on the command line, in runs.toml and in
the kernel, and the notebook on the site (``helpers build``)."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from conftest import assert_quiet

from helpers.data.errors import ParameterError
from helpers.data.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.site.injected import check_injected_parameters
from helpers.site.run_config import check_runs, declared_parameters

TEMPLATE = NOTEBOOKS_DIR / "analyses" / "template.ipynb"
TYPED = {"str", "int", "float", "bool", "list"}
TEXTS = (
    'title = { en = "Operations per year", ru = "Операции по годам" }\n'
    'description = { en = "People repatriated per year.", ru = "Возвращённые по годам." }\n'
)


def own_notebook(folder: Path) -> Path:
    """Write a new analyst's notebook: its own parameter, a helper call and a chart."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        "first_year: int = 2019  # the first year shown\n"
        'as_of: str = ""  # YYYY-MM-DD, or empty for the latest date\n'
        'language: str = "en"  # en or ru\n'
        'output_dir: str = ""  # where figures go'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Operations per year"),
        params,
        nbformat.v4.new_code_cell(
            "import helpers\n\n"
            "p = helpers.validate_parameters(as_of=as_of, language=language, "
            "output_dir=output_dir)\n"
            "statements = helpers.compute_statements(p.data.repatriations, p.data.sources)\n"
            "operations = helpers.compute_operations(statements, p.data.events, p.as_of)"
        ),
        nbformat.v4.new_code_cell(
            "helpers.save_figure(\n"
            "    helpers.plot_operations_per_year(operations, years=(first_year, 2025)),\n"
            '    p.output_dir / "figures",\n'
            '    "per_year",\n'
            '    alt=helpers.t("figure.per_year_title"),\n'
            ")"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Py"}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "my_question.ipynb"
    nbformat.write(nb, path)
    return path


def project(tmp_path: Path, runs: str) -> Path:
    """A project folder with the shipped data, one analyst's notebook and ``runs`` as runs.toml."""
    root = tmp_path / "project"
    own_notebook(root / "notebooks" / "analyses")
    (root / "notebooks" / "runs.toml").write_text(runs, encoding="utf-8")
    (root / "data").symlink_to(PROJECT_ROOT / "data")
    (root / "CITATION.cff").symlink_to(PROJECT_ROOT / "CITATION.cff")
    return root


def helpers_command(*args: str, root: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    """Run ``python -m helpers`` in the project ``root`` (HTML only: no Chromium there)."""
    env = os.environ | {
        "RETURNEES_PROJECT_ROOT": str(root),
        "RETURNEES_BUILD_DIR": str(root / "build"),
        "CHROMIUM": str(root / "no-chromium"),  # HTML only: the PDFs have their own tests
    }
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args], cwd=root, env=env, capture_output=True, text=True
    )


def test_the_template_declares_only_typed_parameters():
    declared = declared_parameters(TEMPLATE)
    assert declared["first_year"] == "int"
    assert set(declared.values()) <= TYPED


def test_the_command_line_checks_an_analysts_own_parameter_by_its_declared_type():
    from helpers.site.params import check_cli_parameters

    assert check_cli_parameters(TEMPLATE, [("first_year", "2021")]) == {"first_year": 2021}
    with pytest.raises(ParameterError, match="parameter 'first_year' must be a whole number"):
        check_cli_parameters(TEMPLATE, [("first_year", "twenty")])
    with pytest.raises(ParameterError) as err:
        check_cli_parameters(TEMPLATE, [("frist_year", "2021")])
    assert str(err.value) == (
        "unknown parameter 'frist_year' for template.ipynb; its parameters are: countries, "
        "first_year, as_of, language, data_dir, output_dir"
    )


def test_a_run_without_its_texts_is_reported_all_at_once_before_anything_runs(tmp_path):
    root = project(
        tmp_path,
        '[[run]]\nname = "my_question"\nnotebook = "analyses/my_question.ipynb"\n'
        'title = { en = "Operations per year" }\n',
    )
    problems = check_runs(root / "notebooks" / "runs.toml", root / "notebooks")
    assert problems == [
        "runs.toml, run 1 ('my_question'): no English description; give description = "
        '{ en = "…", ru = "…" } in the run, or description under [run.my_question] in '
        "src/helpers/locales/en.toml",
        "runs.toml, run 1 ('my_question'): no Russian title; give title = "
        '{ en = "…", ru = "…" } in the run, or title under [run.my_question] in '
        "src/helpers/locales/ru.toml",
        "runs.toml, run 1 ('my_question'): no Russian description; give description = "
        '{ en = "…", ru = "…" } in the run, or description under [run.my_question] in '
        "src/helpers/locales/ru.toml",
    ]


def test_wrong_parameters_and_a_missing_notebook_are_named(tmp_path):
    root = project(
        tmp_path,
        '[[run]]\nname = "mine"\nnotebook = "analyses/my_question.ipynb"\n'
        'parameters = { frist_year = 2020, first_year = "2020" }\n' + TEXTS + "\n"
        '[[run]]\nname = "other"\nnotebook = "analyses/missing.ipynb"\n' + TEXTS,
    )
    problems = check_runs(root / "notebooks" / "runs.toml", root / "notebooks")
    assert problems == [
        "runs.toml, run 1 ('mine'): unknown parameter 'frist_year' for my_question.ipynb; its "
        "parameters are: first_year, as_of, language, output_dir",
        "runs.toml, run 1 ('mine'): parameter 'first_year' must be of type int; got '2020'",
        "runs.toml, run 2 ('other'): notebook 'analyses/missing.ipynb' not found in notebooks/ "
        "(give its path relative to notebooks/, e.g. analyses/my_question.ipynb)",
    ]


def test_catalogue_texts_a_notebook_uses_are_checked_in_both_languages(tmp_path):
    root = project(
        tmp_path,
        '[[run]]\nname = "mine"\nnotebook = "analyses/my_question.ipynb"\n' + TEXTS,
    )
    path = root / "notebooks" / "analyses" / "my_question.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('helpers.show_text("mine.intro")'))
    nb.cells.append(nbformat.v4.new_code_cell('helpers.show_text("figure.per_year_title")'))
    nbformat.write(nb, path)
    problems = check_runs(root / "notebooks" / "runs.toml", root / "notebooks")
    assert problems == [
        f"runs.toml, run 1 ('mine'): my_question.ipynb, cell 5, uses the text 'mine.intro', "
        f"which src/helpers/locales/{language}.toml does not have"
        for language in ("en", "ru")
    ]


def test_the_shipped_runs_have_every_text_and_parameter():
    assert check_runs(NOTEBOOKS_DIR / "runs.toml", NOTEBOOKS_DIR) == []


@pytest.mark.slow
def test_the_build_refuses_a_bad_runs_file_with_exit_code_2_and_runs_nothing(
    tmp_path, monkeypatch, capsys
):
    """``helpers build`` (``main``, the function ``python -m helpers`` exits with) refuses a
    runs file that names a missing notebook and lacks its texts, before anything runs."""
    import helpers.site.site
    from helpers.data import paths
    from helpers.site.cli import main

    root = project(tmp_path, '[[run]]\nname = "my_question"\nnotebook = "nowhere.ipynb"\n')
    monkeypatch.setattr(paths, "NOTEBOOKS_DIR", root / "notebooks")
    monkeypatch.setattr(paths, "RUNS_FILE", root / "notebooks" / "runs.toml")
    monkeypatch.setattr(helpers.site.site, "build_site", None)  # never reached
    assert main(["build", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "5 problem(s) in runs.toml; nothing was run."
    assert "nowhere.ipynb" in err
    assert_quiet(err)


def fake_kernel(monkeypatch, cells: list[str], namespace: dict) -> None:
    """Pretend to run inside a kernel whose last cells were ``cells``, the current one last."""
    import builtins

    shell = SimpleNamespace(
        history_manager=SimpleNamespace(input_hist_raw=["", *cells]), user_ns=namespace
    )
    monkeypatch.setattr(builtins, "get_ipython", lambda: shell, raising=False)


PARAMETERS_CELL = 'first_year: int = 2019  # the first year shown\nas_of: str = ""  # date'


def test_an_injected_value_of_another_type_is_refused_in_the_kernel(monkeypatch):
    injected = '# Parameters\nfirst_year = "twenty"\n'
    fake_kernel(monkeypatch, [PARAMETERS_CELL, injected, "check"], {"first_year": "twenty"})
    with pytest.raises(ParameterError) as err:
        check_injected_parameters()
    assert str(err.value) == (
        "parameter 'first_year' must be of type int (the first year shown); got 'twenty'"
    )


def test_an_injected_name_the_notebook_does_not_declare_is_refused_in_the_kernel(monkeypatch):
    injected = "# Parameters\nfrist_year = 2021\n"
    fake_kernel(monkeypatch, [PARAMETERS_CELL, injected, "check"], {"frist_year": 2021})
    with pytest.raises(ParameterError, match="unknown parameter 'frist_year' for this notebook"):
        check_injected_parameters()


def test_without_injected_parameters_nothing_is_checked(monkeypatch):
    fake_kernel(monkeypatch, [PARAMETERS_CELL, "x = 1", "check"], {"first_year": "any"})
    check_injected_parameters()  # JupyterLab: no papermill, nothing to refuse
    fake_kernel(monkeypatch, [PARAMETERS_CELL, "# Parameters\nfirst_year = 2020\n", "c"], {})
    check_injected_parameters()


@pytest.mark.slow
def test_own_notebook_goes_on_the_site_and_without_chromium_its_pdfs_are_skipped(tmp_path):
    """The one real run of ``helpers build`` (a process, as a reader types it): an analyst's
    notebook put on the site by the README's recipe, one [[run]] with its texts in both
    languages, its own parameter given in runs.toml. Chromium is missing here (``CHROMIUM``
    names no file), so the HTML site is built and the build says the PDFs were skipped."""
    root = project(
        tmp_path,
        '[[run]]\nname = "my_question"\nnotebook = "analyses/my_question.ipynb"\n'
        "parameters = { first_year = 2021 }\n" + TEXTS,
    )
    result = helpers_command("build", "--jobs", "1", root=root)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert_quiet(result.stderr)
    assert "Chromium not found: building the HTML site; the PDFs were skipped." in result.stdout
    reports = root / "reports"
    assert (reports / "my_question.html").is_file()
    assert (reports / "ru" / "my_question.html").is_file()
    assert not list(reports.rglob("*.pdf"))
    index = (reports / "index.html").read_text()
    assert 'href="my_question.html">Operations per year<' in index
    assert "my_question.pdf" not in index
    ru_index = (reports / "ru" / "index.html").read_text()
    assert 'href="my_question.html">Операции по годам<' in ru_index
