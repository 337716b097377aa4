"""What a site build is made of: the configured runs, one job per language, their input hashes.

A run is one notebook with its parameters (``notebooks/runs.toml``); a job is a run in one
language. A job's key hashes everything its report depends on: its own notebook, its parameters
and language, the data files, the helpers with their templates and catalogues, the pinned
packages. ``reports/manifest.json`` records each job's key and files, so a build reruns only the
jobs whose key changed or whose files are missing.
"""

from __future__ import annotations

import csv
import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.data.paths import DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, RUNS_FILE, SRC_DIR
from helpers.data.raw_files import hash_files, hash_folder
from helpers.report.i18n import LANGUAGES, get_language, t

MANIFEST = "manifest.json"
CODE_FILES = ("pyproject.toml", "requirements.lock", "CITATION.cff")


@dataclass(frozen=True)
class Run:
    """One configured run: a notebook, its parameters, and its title (runs.toml or catalogues)."""

    name: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    """Title and description by language, when runs.toml gives them (else the catalogues')."""

    @property
    def title(self) -> str:
        """The report's title in the current language."""
        return self._text("title")

    @property
    def description(self) -> str:
        """What the report shows, in the current language."""
        return self._text("description")

    def _text(self, key: str) -> str:
        given = self.texts.get(key, {})
        return given.get(get_language()) or t(f"run.{self.name}.{key}")


@dataclass(frozen=True)
class Job:
    """A run in one language: where it goes and under which name the manifest records it."""

    run: Run
    language: str

    @property
    def key(self) -> str:
        """``name`` in English, ``ru/name`` in Russian: its path in reports/ without .html."""
        return (
            self.run.name if self.language == LANGUAGES[0] else f"{self.language}/{self.run.name}"
        )

    def directory(self, reports: Path) -> Path:
        """Return the folder the job's files go to."""
        return reports if self.language == LANGUAGES[0] else reports / self.language


def load_runs(path: Path = RUNS_FILE) -> list[Run]:
    """Read the list of runs (``notebooks/runs.toml``)."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Run(
            entry["name"],
            entry["notebook"],
            entry.get("parameters", {}),
            {key: entry[key] for key in ("title", "description") if key in entry},
        )
        for entry in config["run"]
    ]


def jobs_of(runs: Iterable[Run]) -> list[Job]:
    """Every run in every language, English first."""
    return [Job(run, language) for language in LANGUAGES for run in runs]


def data_version(data_dir: Path = DATA_DIR) -> str:
    """Hash of every file under ``data/``."""
    return hash_folder(data_dir, data_dir.parent)


def code_version() -> str:
    """Hash of the code every report depends on: helpers (templates, catalogues, styles), pins."""
    pins = [PROJECT_ROOT / f for f in CODE_FILES if (PROJECT_ROOT / f).is_file()]
    # The package is named from its own folder: it may live outside the project (a wheel, or a
    # project folder given by $RETURNEES_PROJECT_ROOT).
    both = f"{hash_folder(SRC_DIR, SRC_DIR.parent)}|{hash_files(pins, PROJECT_ROOT)}"
    return hashlib.sha256(both.encode()).hexdigest()[:12]


def notebook_version(run: Run, notebooks: Path = NOTEBOOKS_DIR) -> str:
    """Hash of the run's own notebook (and no other) in the folder ``notebooks``."""
    path = notebooks / run.notebook
    return hash_files([path], path.parent)


def data_date(data_dir: Path = DATA_DIR) -> str:
    """Return the latest date in the data, without pandas (as ``loading.latest_data_date``).

    The latest ``date_end`` of repatriations.csv or ``date`` of abroad.csv, a month or a year
    read as its last day.
    """
    from helpers.data.schema import partial_date_end

    dates = []
    for name, column in (("repatriations.csv", "date_end"), ("abroad.csv", "date")):
        path = data_dir / name
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                values = [row.get(column) for row in csv.DictReader(fh)]
            dates += [partial_date_end(v).isoformat() for v in values if v]
    return max(dates) if dates else "2000-01-01"


def run_key(
    job: Job, versions: tuple[str, str], with_pdf: bool, notebooks: Path = NOTEBOOKS_DIR
) -> str:
    """Hash of one job's inputs: its notebook, parameters, language, the data and the code."""
    spec = json.dumps(
        {"run": job.run.__dict__, "language": job.language, "pdf": with_pdf}, sort_keys=True
    )
    text = f"{spec}|{notebook_version(job.run, notebooks)}|{versions[0]}|{versions[1]}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_manifest(reports: Path) -> dict[str, Any]:
    """Return ``reports/manifest.json`` (with its ``runs``), or an empty one."""
    path = reports / MANIFEST
    if not path.is_file():
        return {"runs": {}}
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.setdefault("runs", {})
    return manifest


def is_current(entry: dict[str, Any] | None, key: str, reports: Path) -> bool:
    """Tell whether a manifest entry was made from inputs of hash ``key`` and its files exist."""
    return (
        bool(entry) and entry["key"] == key and all((reports / f).is_file() for f in entry["files"])
    )
