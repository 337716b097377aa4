"""The package's four layers: data, model, report, site, each importing only those below it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.data.paths import PROJECT_ROOT, SRC_DIR

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = ("data", "model", "report", "site")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    """Run the import contract against the ``helpers`` package under ``package_parent``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(PROJECT_ROOT / "pyproject.toml")],
        cwd=package_parent,
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_package(tmp_path: Path) -> Path:
    shutil.copytree(SRC_DIR, tmp_path / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "helpers"


def test_the_tree_has_the_four_layers_and_nothing_else_at_the_top():
    modules = sorted(p.name for p in SRC_DIR.glob("*.py"))
    assert modules == ["__init__.py", "__main__.py"]
    for layer in LAYERS:
        assert (SRC_DIR / layer / "__init__.py").is_file()


@pytest.mark.slow
def test_the_contract_holds_on_the_tree(tmp_path):
    result = lint_imports(copy_package(tmp_path).parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("model/counts.py", "from helpers.report.i18n import t"),
        ("report/wording.py", "from helpers.site import cli"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path, module, upward):
    package = copy_package(tmp_path)
    path = package / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{upward}  # noqa\n", encoding="utf-8")
    result = lint_imports(package.parent)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "0 kept, 1 broken" in result.stdout
