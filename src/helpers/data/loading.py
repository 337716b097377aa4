"""Load the data files into typed DataFrames, checking every rule before anything is used.

``load_dataset`` reads the tables the Data Package lists with frictionless, which checks each
cell against the schema (``data.reading``), and then checks the rules that span rows and tables
(``data.rules``) on every row that parses, so one pass finds the problems of both kinds. Every
problem in every file is raised together as one ``DataValidationError``. Nothing is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.data.cache import keep, read_kept
from helpers.data.errors import DataValidationError, Problem
from helpers.data.paths import CACHE_DIR, display_path, resolve_data_dir
from helpers.data.raw_files import hash_folder, raw_hash_problems
from helpers.data.reading import TableRead, read_tables
from helpers.data.schema import (
    DATAPACKAGE,
    Resource,
    load_schema,
    partial_date_end,
    read_descriptor,
)
from helpers.data.vocab import Vocabulary, read_vocabulary

__all__ = [
    "Dataset",
    "display_path",
    "latest_data_date",
    "load_dataset",
    "partial_date_end",
    "validate_data_dir",
]


@dataclass(frozen=True)
class Dataset:
    """The validated tables, one typed DataFrame each, and the folder they came from."""

    data_dir: Path
    repatriations: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    programmes: pd.DataFrame
    population: pd.DataFrame
    abroad: pd.DataFrame
    """Who is reported still abroad (``abroad.csv``), one reported figure per row."""
    vocab: Vocabulary = field(default_factory=Vocabulary)
    """The allowed values of every column, read from this folder's ``datapackage.json``."""

    @property
    def countries(self) -> list[str]:
        """ISO3 codes of the countries with at least one reported figure, sorted."""
        codes = self.repatriations["country_iso3"].dropna().unique()
        return sorted(str(c) for c in codes)


_CACHE: dict[Path, tuple[str, Dataset]] = {}


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate every table in ``data_dir`` (default: the project's ``data/``).

    Returns typed DataFrames (integers ``Int64``, dates ``datetime64``, booleans ``boolean``,
    text ``string``, the places of ``origin`` a tuple; an empty cell is ``<NA>``), each with a
    ``line`` column giving the row's line in its file, and the folder's vocabularies
    (``Dataset.vocab``). Raises ``DataValidationError`` listing every problem found in every
    file: what breaks the descriptor and what breaks the dataset's own rules, together.
    A valid dataset is remembered until the content of a file in the folder changes: in the
    process, and on disk for the processes after it (``build/cache/``, keyed by the folder, its
    content and the data layer's code), so a report run or a kernel does not validate an
    unchanged folder again; each call gets its own copy. ``python -m helpers validate`` always
    validates in full.
    """
    directory = resolve_data_dir(data_dir)
    fingerprint = hash_folder(directory) if directory.is_dir() else ""
    cached = _CACHE.get(directory)
    if cached is not None and cached[0] == fingerprint:
        data = cached[1]
    else:
        stored = cache_file(directory, fingerprint) if fingerprint else None
        data = _read_stored(stored, directory) if stored else None
        if data is None:
            data = _load(directory)
            if stored:
                _store(stored, data)
        _CACHE[directory] = (fingerprint, data)
    copies = {name: getattr(data, name).copy() for name in _TABLES}
    return Dataset(data.data_dir, **copies, vocab=data.vocab)


def cache_file(directory: Path, fingerprint: str) -> Path:
    """Return where a valid dataset of ``directory`` with content ``fingerprint`` is kept."""
    code = hash_folder(Path(__file__).resolve().parent)
    place = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    name = f"dataset-{place}-{fingerprint}-{code}-{pd.__version__}.pickle"
    return CACHE_DIR / name


def _read_stored(path: Path, directory: Path) -> Dataset | None:
    """Return the dataset kept at ``path``, or None when there is none or it cannot be read."""
    data = read_kept(path)
    return data if isinstance(data, Dataset) and data.data_dir == directory else None


KEPT_DATASETS = 8
"""How many folders' datasets the cache holds at most (the most recently stored)."""


def _store(path: Path, data: Dataset) -> None:
    """Keep ``data`` at ``path``.

    Older copies of its folder are dropped, and the oldest of other folders' beyond
    ``KEPT_DATASETS``.
    """
    place = path.name.split("-")[1]
    keep(path, data, f"dataset-{place}-*.pickle", ("dataset-*.pickle", KEPT_DATASETS))


_TABLES = ("repatriations", "events", "sources", "programmes", "population", "abroad")


def _read_schema(directory: Path) -> tuple[dict[str, Resource], Vocabulary]:
    """Return the tables and vocabularies the descriptor states; raise when it cannot be read."""
    package = directory / DATAPACKAGE
    if not package.is_file():
        raise DataValidationError([Problem(display_path(package), "file not found")])
    try:
        return load_schema(directory), read_vocabulary(read_descriptor(directory))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        rule = f"is not a readable Data Package descriptor ({exc})"
        raise DataValidationError([Problem(display_path(package), rule)]) from None


def _load(directory: Path) -> Dataset:
    from helpers.data.rules import check_rules

    schema, vocab = _read_schema(directory)
    package = display_path(directory / DATAPACKAGE)
    missing = [name for name in _TABLES if name not in schema]
    if missing:
        rule = f"describes no table {', '.join(missing)}; the tables are: {', '.join(_TABLES)}"
        raise DataValidationError([Problem(package, rule)])
    tables, problems = read_tables(directory, schema)
    problems += raw_hash_problems(directory, read_descriptor(directory), package)
    # Rules run on the rows that parse: a table that cannot be read at all is an empty one.
    reads = {
        name: tables.get(name) or TableRead(res, display_path(directory / res.path))
        for name, res in schema.items()
        if name in _TABLES
    }
    frames = {name: table.frame() for name, table in reads.items()}
    displays = {name: table.display for name, table in reads.items()}
    try:
        problems += check_rules(directory, frames, displays, vocab)
    except Exception as exc:  # noqa: BLE001 - only when the schema already failed, see below
        if not problems:
            raise  # on data that keeps the schema, a rule that fails is the code's own bug
        rule = f"the dataset's own rules could not all be checked ({exc.__class__.__name__})"
        problems.append(Problem(package, rule))
    if problems:
        raise DataValidationError(sorted(problems, key=_where))
    return Dataset(directory, **frames, vocab=vocab)


def _where(problem: Problem) -> tuple[str, int]:
    """Order problems by file and line (a file's own problems first, a line's as found)."""
    return (problem.file, problem.line or 0)


def latest_data_date(dataset: Dataset) -> pd.Timestamp:
    """Return the latest date of any dated table: the default "as of" of every report.

    That is the latest ``date_end`` of repatriations.csv or ``date`` of abroad.csv (a month or
    a year read as its last day); undated rows play no part.
    """
    dates = [pd.Timestamp(dataset.repatriations["date_end"].max())]
    dates += [pd.Timestamp(partial_date_end(d)) for d in dataset.abroad["date"].dropna() if d]
    return max(dates)


def validate_data_dir(data_dir: str | Path | None = None) -> list[Problem]:
    """Return every problem in ``data_dir`` (an empty list when the data is valid)."""
    try:
        load_dataset(data_dir)
    except DataValidationError as exc:
        return exc.problems
    return []
