"""The package installs from its wheel into an environment of its own and works on the data.

Proves the runtime dependencies are declared (only they are installed, pinned by the lock) and the
package data (catalogues, templates, figure style) is in the wheel. The report run here is also
the suite's one real run of ``python -m helpers run``.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import assert_quiet

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


def _environment() -> Path:
    """Return the environment the wheel goes into: made from Python alone, then given the
    wheel's declared dependencies as pinned by the lock.

    It is made once for each ``pyproject.toml``, lock and Python (kept in the temporary folder
    between runs, so its packages are compiled once, not on every run); a change to either file
    makes a new one, so a dependency dropped from ``pyproject.toml`` is missing here as it would
    be anywhere. The package itself is installed again from its wheel on every run.
    """
    from filelock import FileLock

    key = hashlib.sha256(sys.version.encode())
    for name in ("pyproject.toml", "requirements.lock"):
        key.update((PROJECT_ROOT / name).read_bytes())
    base = Path(tempfile.gettempdir())
    venv = base / f"returnees-test-venv-{key.hexdigest()[:12]}"
    with FileLock(f"{venv}.lock"):
        if not (venv / "made").is_file():
            for old in base.glob("returnees-test-venv-*"):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            made = _run([UV, "venv", "--quiet", "--python", sys.executable, venv], cwd=base)
            assert made.returncode == 0, made.stderr
            (venv / "made").touch()
    return venv


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, Path]:
    """An environment with only the wheel and its declared dependencies (``_environment``); a
    project to run in; the wheel."""
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
    python = _environment() / "bin" / "python"
    lock = PROJECT_ROOT / "requirements.lock"
    added = _run(
        [UV, "pip", "install", "--quiet", "--python", python, "-c", lock]
        + ["--reinstall-package", "central-asia-returnees", wheel],
        cwd=root,
    )
    assert added.returncode == 0, added.stderr
    project = root / "project"
    project.mkdir()
    for name in ("data", "notebooks"):
        (project / name).symlink_to(PROJECT_ROOT / name)
    return python, project, wheel


def test_the_wheel_carries_every_file_of_the_package(installed):
    """Modules, catalogues, templates, style, schema: what is not in the wheel is not installed."""
    _, _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    package = PROJECT_ROOT / "src"
    files = [
        p.relative_to(package).as_posix()
        for p in (package / "helpers").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert {"helpers/report/locales/ru.po", "helpers/report/templates/page.html.j2"} <= set(files)
    missing = sorted(set(files) - names)
    assert not missing, f"not in {wheel.name} (package-data in pyproject.toml): {missing}"


def test_the_installed_package_runs_a_report_in_russian_as_of_2023(installed, tmp_path):
    """The one real run of ``python -m helpers run`` (test_cli checks what it refuses): from the
    installed package, a country, a date and a language, its page and figures, a quiet stderr.
    (It runs before ``validate``: the fresh environment compiles its packages here once.)"""
    python, project, _ = installed
    out = _run(
        [python, "-m", "helpers", "run", "notebooks/country_profile.ipynb"]
        + ["-p", "country", "TJK", "-p", "as_of", "2023-12-31", "-p", "language", "ru"]
        + ["--output-dir", tmp_path],
        cwd=project,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert_quiet(out.stderr)
    html = (tmp_path / "country_profile.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in html
    assert "<h1>Таджикистан: программа на 31 декабря 2023\u202fг.</h1>" in html
    # "Over 300" for 2019-2023, raised to its flights: 84 (2019) + 146 (2022) + 104 (2023).
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    total = re.search(r"Всего на родину возвращено не менее (\d+) человека \(Таджикистан", text)
    assert total and int(total.group(1)) == 334, text[:2000]
    assert len(list((tmp_path / "figures").glob("profile_TJK_*.png"))) == 3


def test_the_installed_package_validates_the_project_data(installed):
    python, project, _ = installed
    out = _run([python, "-m", "helpers", "validate"], cwd=project)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("OK")
