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


def test_report_has_no_code_no_parameters_and_nothing_from_the_network(profile):
    html = profile.html.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "validate_parameters" not in html and "import helpers" not in html
    assert 'country = "UZB"' not in html
    assert "Uzbekistan, as of" in html


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
    from helpers.paths import BUILD_DIR

    assert (BUILD_DIR / "failed" / "broken.ipynb").is_file()


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
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;' in html


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
