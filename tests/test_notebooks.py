"""Notebooks stay thin, stored without outputs, and runnable the way users run them."""

import ast
import json
import subprocess
import sys

import pytest

from helpers.data.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.site.site import load_runs

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    for cell in json.loads(path.read_text())["cells"]:
        assert not cell.get("outputs") and not cell.get("execution_count"), path


def definitions(path):
    """Where a notebook defines a function, lambda or class: notebook, cell number, line."""
    found = []
    for number, cell in enumerate(json.loads(path.read_text())["cells"], 1):
        if cell["cell_type"] == "code":
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Lambda):
                    kind = type(node).__name__.replace("Def", "").lower()
                    found.append(f"{path.name}, cell {number}, line {node.lineno}: a {kind}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_defines_no_functions_or_classes(path):
    # Report notebooks only; an analyst's notebook in notebooks/analyses/ may define what it likes.
    found = definitions(path)
    assert not found, "logic belongs in src/helpers/ (with a test): " + "; ".join(found)


def test_a_definition_is_reported_with_its_notebook_cell_and_line(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Mine"),
        nbformat.v4.new_code_cell("import helpers\nshare = lambda x: x / 2"),
    ]
    path = tmp_path / "mine.ipynb"
    nbformat.write(nb, path)
    assert definitions(path) == ["mine.ipynb, cell 2, line 2: a lambda"]


def test_every_country_in_the_data_has_a_profile_run():
    from helpers.data.loading import load_dataset

    profiled = {
        r.parameters.get("country") for r in load_runs() if r.notebook == "country_profile.ipynb"
    }
    assert profiled == set(load_dataset().countries)


def papermill(*args, cwd=PROJECT_ROOT) -> subprocess.Popen:
    """Start plain papermill, as a user types it (``wait_for`` collects what it said)."""
    return subprocess.Popen(
        [sys.executable, "-m", "papermill", *args, "--no-progress-bar"],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture(scope="module")
def plain_papermill(tmp_path_factory):
    """Two runs of plain papermill, started together: from the notebooks folder with only an
    output folder given, and from the project root with a misspelt parameter name."""
    folder = tmp_path_factory.mktemp("papermill")
    runs = {
        "from_notebooks": papermill(
            "country_profile.ipynb",
            str(folder / "out.ipynb"),
            *("-p", "output_dir", str(folder / "report")),
            cwd=NOTEBOOKS_DIR,
        ),
        "misspelt": papermill(
            "notebooks/country_profile.ipynb",
            str(folder / "misspelt.ipynb"),
            *("-p", "contry", "TJK", "-p", "output_dir", str(folder / "profile")),
        ),
    }
    return folder, {name: wait_for(process) for name, process in runs.items()}


@pytest.mark.slow
def test_plain_papermill_from_notebooks_folder_finds_the_data(plain_papermill):
    folder, results = plain_papermill
    result = results["from_notebooks"]
    assert result.returncode == 0, result.stderr[-2000:]
    assert (folder / "report" / "figures" / "profile_KAZ_operations.png").is_file()


@pytest.mark.slow
def test_plain_papermill_with_a_misspelt_name_fails_with_the_clear_message(plain_papermill):
    """Papermill itself only warns; the notebook's check refuses it before any report is made
    (the check of a value, like a country not in the data, is the one ``helpers run`` makes:
    test_cli)."""
    folder, results = plain_papermill
    result = results["misspelt"]
    assert result.returncode != 0
    assert (
        "unknown parameter 'contry' for this notebook; its parameters are: country, as_of, "
        in result.stderr
    )
    assert not (folder / "profile" / "figures").exists()  # no profile of Kazakhstan


@pytest.mark.parametrize(
    "path", [*NOTEBOOKS, NOTEBOOKS_DIR / "analyses" / "template.ipynb"], ids=lambda p: p.name
)
def test_notebook_shows_its_sentences_in_words_not_catalogue_keys(path):
    from helpers.report.messages import used_messages
    from helpers.site.run_config import used_texts

    assert used_texts(path) == [], "show the words: helpers.say(…) / helpers.translate(…)"
    if path.parent == NOTEBOOKS_DIR and path.name != "start_here.ipynb":
        assert len(used_messages(path)) >= 10  # a report notebook says what its page says


def test_the_build_check_names_a_sentence_with_no_russian(tmp_path):
    import nbformat

    from helpers.site.run_config import check_runs

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import helpers"),
        nbformat.v4.new_code_cell('helpers.say("## In brief")\nhelpers.say("## Mine")'),
    ]
    nbformat.write(nb, tmp_path / "mine.ipynb")
    (tmp_path / "runs.toml").write_text(
        '[[run]]\nname = "mine"\nnotebook = "mine.ipynb"\n'
        'title = { en = "Mine", ru = "Моё" }\ndescription = { en = "Mine", ru = "Моё" }\n',
        encoding="utf-8",
    )
    assert check_runs(tmp_path / "runs.toml", tmp_path) == [
        "runs.toml, run 1 ('mine'): mine.ipynb, cell 2: '## Mine': no translation in "
        "src/helpers/report/locales/ru.po"
    ]
