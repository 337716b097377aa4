"""The package installs from its wheel into a fresh environment and works on the project's data.

Proves the runtime dependencies are declared (only they are installed, pinned by the lock) and the
package data (catalogues, templates, figure style) is in the wheel.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow

UV = Path(sys.executable).parent / "uv"


def _run(args: list, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    # Byte-code written on first import makes the later runs in the fresh environment faster.
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """A fresh venv with only the wheel and its declared dependencies, and a project to run in."""
    if not UV.exists():
        pytest.skip("uv is not in the virtual environment (make installs it)")
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src-copy"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(PROJECT_ROOT / "src", src / "src", ignore=skip)
    built = _run([UV, "build", "--wheel", "--quiet", "-o", root / "dist", src], cwd=root)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("*.whl"))
    venv = root / "venv"
    made = _run([UV, "venv", "--quiet", "--python", sys.executable, venv], cwd=root)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    lock = PROJECT_ROOT / "requirements.lock"
    added = _run([UV, "pip", "install", "--quiet", "--python", python, "-c", lock, wheel], cwd=root)
    assert added.returncode == 0, added.stderr
    project = root / "project"
    project.mkdir()
    for name in ("data", "notebooks"):
        (project / name).symlink_to(PROJECT_ROOT / name)
    return python, project


def test_the_wheel_carries_its_catalogues_templates_and_style(installed):
    python, project = installed
    code = (
        "import helpers, pathlib; p = pathlib.Path(helpers.__file__).parent; print(p); "
        "kinds = {'.toml', '.po', '.j2', '.mplstyle'}; "
        "print(sorted(x.name for x in p.rglob('*') if x.suffix in kinds))"
    )
    out = _run([python, "-c", code], cwd=project)
    assert out.returncode == 0, out.stderr
    where, files = out.stdout.splitlines()
    assert "site-packages" in where
    for name in ("en.toml", "ru.toml", "ru.po", "page.html.j2", "report.mplstyle"):
        assert name in files


def test_the_installed_package_validates_the_project_data(installed):
    python, project = installed
    out = _run([python, "-m", "helpers", "validate"], cwd=project)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("OK")


def test_the_installed_package_runs_a_report(installed, tmp_path):
    python, project = installed
    out = _run(
        [
            python,
            "-m",
            "helpers",
            "run",
            "notebooks/country_profile.ipynb",
            "-p",
            "country",
            "KGZ",
            "--output-dir",
            tmp_path,
        ],
        cwd=project,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    page = (tmp_path / "country_profile.html").read_text(encoding="utf-8")
    assert "Kyrgyzstan" in page
    assert list((tmp_path / "figures").glob("*.png"))
