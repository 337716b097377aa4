"""Notebooks stay thin, stored without outputs, and runnable the way users run them."""

import ast
import json
import subprocess
import sys

import pytest

from helpers.data.paths import NOTEBOOKS_DIR
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


@pytest.mark.slow
def test_plain_papermill_from_notebooks_folder_finds_the_data(tmp_path):
    """The one real run of plain papermill, as a user types it in the notebooks folder with
    only an output folder given."""
    result = subprocess.run(
        [sys.executable, "-m", "papermill", "country_profile.ipynb", str(tmp_path / "out.ipynb")]
        + ["-p", "output_dir", str(tmp_path / "report"), "--no-progress-bar"],
        cwd=NOTEBOOKS_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "report" / "figures" / "profile_KAZ_operations.png").is_file()


@pytest.mark.slow
def test_papermill_with_a_misspelt_name_fails_with_the_clear_message(tmp_path, kernel):
    """Papermill itself only warns; the notebook's check refuses the name before any report is
    made (run through papermill in this process, in the session's kernel: the check of a
    value, like a country not in the data, is the one ``helpers run`` makes: test_cli)."""
    from helpers.site.runner import RunFailedError, execute_notebook

    parameters = {"contry": "TJK", "output_dir": str(tmp_path / "profile")}
    with pytest.raises(RunFailedError) as info:
        execute_notebook(
            NOTEBOOKS_DIR / "country_profile.ipynb", tmp_path / "out.ipynb", parameters, kernel
        )
    assert str(info.value).startswith(
        "ParameterError: unknown parameter 'contry' for this notebook; its parameters are: "
        "country, as_of, "
    )
    assert not (tmp_path / "profile" / "figures").exists()  # no profile of Kazakhstan


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
