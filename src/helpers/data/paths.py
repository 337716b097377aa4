"""Every path the project uses, in one place."""

from __future__ import annotations

import os
from pathlib import Path


def _project_root() -> Path:
    """Return the project folder: $RETURNEES_PROJECT_ROOT, this checkout, or the current folder.

    In a checkout (``pip install -e .``) the package lives in ``src/helpers``; installed from a
    wheel it lives in site-packages, and the project is the folder it is run from.
    """
    if os.environ.get("RETURNEES_PROJECT_ROOT"):
        return Path(os.environ["RETURNEES_PROJECT_ROOT"]).expanduser().resolve()
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").is_file() and (checkout / "data").is_dir():
        return checkout
    return Path.cwd().resolve()


PROJECT_ROOT = _project_root()
DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
BUILD_DIR = Path(os.environ.get("RETURNEES_BUILD_DIR") or PROJECT_ROOT / "build")
"""Scratch runs, staging, failed notebooks and the build lock ($RETURNEES_BUILD_DIR if set)."""
CACHE_DIR = Path(os.environ.get("RETURNEES_CACHE_DIR") or BUILD_DIR / "cache")
"""Valid readings of the data, kept by content between processes ($RETURNEES_CACHE_DIR if set)."""
RUNS_FILE = NOTEBOOKS_DIR / "runs.toml"
SRC_DIR = Path(__file__).resolve().parents[1]
"""The package itself (in a checkout, src/helpers/)."""


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """Return ``data_dir`` as an absolute path, or the project's ``data/`` when it is empty."""
    if data_dir is None or str(data_dir) == "":
        return DATA_DIR
    return Path(data_dir).expanduser().resolve()


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it lies below it (as messages do)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def resolve_output_dir(output_dir: str | Path | None = None) -> Path:
    """Return ``output_dir`` as an absolute path, or the scratch folder ``build/`` when empty.

    Notebooks run by hand or by tests write here, never over the committed ``reports/``.
    """
    if output_dir is None or str(output_dir) == "":
        return BUILD_DIR / "scratch"
    return Path(output_dir).expanduser().resolve()
