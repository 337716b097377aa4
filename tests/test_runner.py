"""Running one notebook: offline, code-free HTML; a failed run leaves the old report untouched."""

import json
import re

import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.runner import RunFailedError, run_notebook

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    outcome = run_notebook(
        NOTEBOOKS_DIR / "country_profile.ipynb", {"country": "UZB"}, out, "profile", "Profile"
    )
    return outcome


@pytest.fixture(scope="module")
def profile_ru(tmp_path_factory):
    from helpers.runner import Page

    out = tmp_path_factory.mktemp("run_ru")
    return run_notebook(
        NOTEBOOKS_DIR / "country_profile.ipynb",
        {"country": "KGZ"},
        out,
        "profile",
        Page("Профиль", language="ru"),
    )


def test_run_writes_html_figures_and_nothing_else(profile):
    names = sorted(p.name for p in profile.files)
    assert names == [
        "profile.html",
        "profile_UZB_breakdown.png",
        "profile_UZB_breakdown.svg",
        "profile_UZB_operations.png",
        "profile_UZB_operations.svg",
    ]
    assert not list(profile.html.parent.glob(".staging-*"))
    from helpers import runner

    assert not list(runner.STAGING_DIR.glob("*")) if runner.STAGING_DIR.exists() else True


def test_report_has_no_code_no_parameters_and_nothing_from_the_network(profile):
    html = profile.html.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r'src="(https?:)?//', html)
    assert "validate_parameters" not in html and "import helpers" not in html
    assert 'country = "UZB"' not in html
    assert "Uzbekistan: the programme as of" in html


def test_page_carries_only_the_styles_it_uses(profile):
    html = profile.html.read_text(encoding="utf-8")
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    assert len(styles) < 5000  # the site's one style sheet, not JupyterLab's
    assert "jp-" not in html


def test_russian_run_is_in_russian_with_its_own_figures(profile_ru):
    html = profile_ru.html.read_text(encoding="utf-8")
    assert '<html lang="ru">' in html
    assert "<h1>Кыргызстан: программа на 30 сентября 2025\u202fг.</h1>" in html
    assert "Операции" in html and "Откуда взято каждое число" in html
    assert "profile_KGZ_operations.png" in [p.name for p in profile_ru.files]


def test_every_image_has_alt_text(profile):
    html = profile.html.read_text(encoding="utf-8")
    images = re.findall(r"<img [^>]*>", html)
    assert images and all(re.search(r'alt="[^"]{10,}"', img) for img in images)


def test_failed_run_keeps_notebook_and_leaves_earlier_report_untouched(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "broken.html").write_text("the earlier report")
    nb = json.loads((NOTEBOOKS_DIR / "start_here.ipynb").read_text())
    nb["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "id": "boom",
            "execution_count": None,
            "source": "raise ValueError('boom')",
        }
    )
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps(nb))
    with pytest.raises(RunFailedError, match="the notebook failed; the executed notebook is kept"):
        run_notebook(broken, {}, out, "broken", "Broken")
    assert (out / "broken.html").read_text() == "the earlier report"
    assert sorted(p.name for p in out.iterdir()) == ["broken.html"]
    from helpers import runner

    assert (runner.BUILD_DIR / "failed" / "broken.ipynb").is_file()
    from helpers.paths import BUILD_DIR

    assert runner.BUILD_DIR != BUILD_DIR  # tests never write into the real build/


def test_text_from_the_data_is_escaped_in_the_report(data_dir, tmp_path):
    from conftest import edit_row

    edit_row(data_dir / "repatriations.csv", 0, note='<script>alert("x")</script> & <b>bold</b>')
    outcome = run_notebook(
        NOTEBOOKS_DIR / "data_quality.ipynb",
        {"data_dir": str(data_dir)},
        tmp_path / "out",
        "dq",
        "Data quality",
    )
    html = outcome.html.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_reusing_a_kernel_leaks_no_sockets(tmp_path):
    import os

    from helpers.runner import execute_notebook, start_kernel, stop_kernel

    km = start_kernel()
    try:
        counts = []
        for _ in range(3):
            execute_notebook(
                NOTEBOOKS_DIR / "start_here.ipynb",
                tmp_path / "x.ipynb",
                {"output_dir": str(tmp_path)},
                km,
            )
            counts.append(len(os.listdir("/proc/self/fd")))
    finally:
        stop_kernel(km)
    assert counts[0] == counts[1] == counts[2]


def test_starting_and_stopping_kernels_prints_no_traceback():
    """The warm-up client has no heartbeat thread to race with stopping its channels."""
    import subprocess
    import sys

    code = (
        "from helpers.runner import start_kernel, stop_kernel\n"
        "for _ in range(8):\n"
        "    stop_kernel(start_kernel())\n"
        "print('done')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and result.stdout.strip() == "done"
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
