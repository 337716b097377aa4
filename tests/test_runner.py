"""Running one notebook: offline, code-free HTML; a failed run leaves the old report untouched.

What every run writes is checked on the built site (``built_site``): the build runs each report
through ``run_notebook``. The tests here run a notebook only for what a build cannot show: a
failing notebook, and one kernel reused without leaking (the session's ``kernel``).
"""

import json
import re
from pathlib import Path

import nbformat
import pytest
from conftest import assert_quiet

from helpers.data.paths import NOTEBOOKS_DIR
from helpers.site.runner import RunFailedError, run_notebook

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "manifest.json").read_text())


def test_a_run_writes_its_page_pdf_and_figures_and_nothing_else(built_site, manifest):
    files = manifest["runs"]["country_profile_UZB"]["files"]
    html = [f for f in files if f.endswith(".html")]
    figures = [f for f in files if f.startswith("figures/")]
    assert html == ["country_profile_UZB.html"]
    assert {f.rsplit(".", 1)[0] for f in figures if f.endswith(".png")} == {
        f.rsplit(".", 1)[0] for f in figures if f.endswith(".svg")
    }  # every figure as PNG and SVG
    assert len(figures) >= 4
    assert set(files) - set(html) - set(figures) <= {"country_profile_UZB.pdf"}
    ru = manifest["runs"]["ru/country_profile_UZB"]["files"]
    assert all(f.startswith("ru/") for f in ru)
    assert not list(built_site.rglob(".staging-*"))


def test_report_has_no_code_no_parameters_and_nothing_from_the_network(built_site):
    for name in ("country_profile_UZB.html", "ru/data_quality.html", "regional_comparison.html"):
        html = (built_site / name).read_text(encoding="utf-8")
        assert "<script" not in html and "<link" not in html and "@import" not in html, name
        assert not re.search(r'src="(https?:)?//', html), name
        assert "validate_parameters" not in html and "import helpers" not in html, name
        assert 'country = "UZB"' not in html and "jp-" not in html, name
        styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
        assert 0 < len(styles) < 5000, name  # the site's one style sheet, not JupyterLab's


def test_a_profile_is_titled_with_its_country_and_date(built_site):
    html = (built_site / "country_profile_UZB.html").read_text(encoding="utf-8")
    assert "<h1>Uzbekistan: the programme as of 18 February 2026</h1>" in html
    ru = (built_site / "ru" / "country_profile_KGZ.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in ru
    assert "<h1>Кыргызстан: программа на 18 февраля 2026\u202fг.</h1>" in ru


def test_failed_run_keeps_notebook_and_leaves_earlier_report_untouched(tmp_path, kernel):
    from helpers.site import runner

    out = tmp_path / "reports"
    out.mkdir()
    (out / "broken.html").write_text("the earlier report")
    nb = json.loads((NOTEBOOKS_DIR / "start_here.ipynb").read_text())
    nb["cells"].insert(
        0,
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "id": "boom",
            "execution_count": None,
            "source": "raise ValueError('boom')",
        },
    )
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps(nb))
    with pytest.raises(RunFailedError, match="the notebook failed; the executed notebook is kept"):
        run_notebook(broken, {}, out, "broken", "Broken", km=kernel)
    assert (out / "broken.html").read_text() == "the earlier report"
    assert sorted(p.name for p in out.iterdir()) == ["broken.html"]
    kept = json.loads((runner.BUILD_DIR / "failed" / "broken.ipynb").read_text())
    errors = [o for c in kept["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert [(e["ename"], e["evalue"]) for e in errors] == [("ValueError", "boom")]


def test_a_figure_shown_without_its_file_fails_the_run_and_says_why(tmp_path, kernel):
    from helpers.site import runner

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('output_dir = ""')
    params.metadata["tags"] = ["parameters"]
    shown = nbformat.v4.new_code_cell(
        "import io\nfrom matplotlib.figure import Figure\nfrom IPython.display import Image\n"
        "buffer = io.BytesIO()\nFigure(figsize=(1, 1)).savefig(buffer, format='png')\n"
        "Image(buffer.getvalue())"
    )
    nb.cells = [params, shown]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python"}
    path = tmp_path / "unsaved.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "reports"
    with pytest.raises(RunFailedError) as info:
        run_notebook(path, {}, out, "unsaved", "Unsaved", km=kernel)
    assert str(info.value).startswith(
        "unsaved: its page cannot show a figure: the cell starting 'import io': a cell shows a "
        "figure that was not saved, so the page has no file to show and no alt text for it"
    )
    assert not list(out.iterdir())  # nothing published
    assert (runner.BUILD_DIR / "failed" / "unsaved.ipynb").is_file()


def test_reusing_a_kernel_leaks_no_sockets_and_keeps_nothing_of_the_runs_before(
    tmp_path, capfd, kernel
):
    """Three runs in one kernel: the same page each time (a name left by the run before, or a
    language switched by it, would change it), and no more open files after the third."""
    import os

    notebook = tmp_path / "reuse.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.metadata = nbformat.read(NOTEBOOKS_DIR / "start_here.ipynb", as_version=4).metadata
    nb.cells = [
        nbformat.v4.new_code_cell('language = "en"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import helpers\n"
            "from IPython.display import Markdown, display\n"
            "helpers.set_language(language)\n"
            "runs = globals().get('runs', 0) + 1\n"
            "display(Markdown(f'# Run {runs}'))\n"
            "helpers.show_table(helpers.load_dataset().events.head(3))"
        ),
    ]
    nbformat.write(nb, notebook)
    counts, outcomes = [], []
    for i, language in enumerate(("en", "ru", "en")):
        outcomes.append(
            run_notebook(notebook, {"language": language}, tmp_path / str(i), "s", "S", km=kernel)
        )
        counts.append(len(os.listdir("/proc/self/fd")))
    assert counts[1] == counts[2]
    pages = [o.html.read_text(encoding="utf-8") for o in outcomes]
    assert pages[0] == pages[2]  # a reused kernel keeps nothing of the runs before
    assert "Run 1" in pages[0] and "Run 2" not in pages[2]
    assert "декабря" in pages[1] and "декабря" not in pages[2]  # the Russian run's dates
    assert outcomes[0].html == tmp_path / "0" / "s.html"
    assert_quiet(capfd.readouterr().err)


def test_starting_and_stopping_kernels_at_once_prints_no_error_line(capfd):
    """A kernel stopped while it still imports (its warm-up) stops without a word (the kernel
    writes to this process's error output, which ``capfd`` reads)."""
    from jupyter_core.utils import run_sync

    from helpers.site.runner import start_kernel, stop_kernel

    km = start_kernel()
    sockets = Path(km.ip).parent
    assert km.transport == "ipc" and sockets.is_dir()  # no TCP port another kernel could take
    stop_kernel(km)
    assert not run_sync(km.is_alive)()
    assert not sockets.exists()
    err = capfd.readouterr().err
    assert_quiet(err)
    assert "Error" not in err, err
