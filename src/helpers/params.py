"""Notebook parameters: read their declarations, convert command-line values, check them.

A notebook's ``parameters`` cell declares each parameter as ``name: type = value  # help``.
``validate_parameters`` is called by the cell after it (so plain papermill runs get the same
checks) and by ``python -m helpers run`` before anything runs.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.analysis import latest_common_year, select_population
from helpers.errors import DataValidationError, ParameterError
from helpers.loading import Dataset, load_dataset
from helpers.paths import resolve_data_dir, resolve_output_dir


@dataclass(frozen=True)
class Parameter:
    """One declared notebook parameter."""

    name: str
    type: str
    default: Any
    help: str


def read_parameters(notebook: str | Path) -> dict[str, Parameter]:
    """Return the parameters declared in the notebook's cell tagged ``parameters``."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"])
            return _parse_cell(source)
    raise ParameterError(f"{notebook}: no cell tagged 'parameters'")


def _parse_cell(source: str) -> dict[str, Parameter]:
    lines = source.splitlines()
    params = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            line = lines[node.lineno - 1]
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            params[node.target.id] = Parameter(
                name=node.target.id,
                type=ast.unparse(node.annotation),
                default=ast.literal_eval(node.value) if node.value is not None else None,
                help=comment,
            )
    return params


def convert_value(param: Parameter, raw: str) -> Any:
    """Convert a command-line string to the parameter's declared type, or raise ParameterError."""
    if param.type == "int":
        try:
            return int(raw)
        except ValueError:
            raise ParameterError(
                f"parameter '{param.name}' must be a whole number ({param.help}); got {raw!r}"
            ) from None
    if param.type == "list":
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


@dataclass(frozen=True)
class Checked:
    """Parameters after checking, with the data loaded once."""

    data: Dataset
    output_dir: Path
    as_of: pd.Timestamp
    countries: list[str]
    population_year: int | None
    """The population year asked for, or the latest common one when 0 was given."""

    @property
    def country(self) -> str:
        """The single country of a one-country report."""
        return self.countries[0]


def _check_date(name: str, value: str) -> None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(
            f"parameter '{name}' must be a date written YYYY-MM-DD (or empty for all the data); "
            f"got {value!r}"
        ) from None


def _as_list(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip().upper() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return [v.strip().upper() for v in value]
    raise ParameterError(
        f"parameter '{name}' must be a list of ISO3 codes or a comma-separated string "
        f"such as 'KAZ,UZB'; got {value!r}"
    )


def validate_parameters(
    *,
    data_dir: str = "",
    output_dir: str = "",
    as_of: str = "",
    country: str | None = None,
    countries: Any = None,
    population_year: int | None = None,
) -> Checked:
    """Check a notebook's parameters and load the data; raise ``ParameterError`` if one is wrong.

    The message names the parameter, the value given and what is allowed (for a country code,
    the codes the data has). Empty ``data_dir``/``output_dir`` mean the project's ``data/`` and the
    scratch folder ``build/scratch``; empty ``as_of`` means all the data; ``population_year`` 0
    means the latest year with a figure for every country shown.
    """
    for name, value in (("data_dir", data_dir), ("output_dir", output_dir), ("as_of", as_of)):
        if not isinstance(value, str):
            raise ParameterError(f"parameter '{name}' must be text; got {value!r}")
    if as_of:
        _check_date("as_of", as_of)
    if population_year is not None and (
        isinstance(population_year, bool) or not isinstance(population_year, int)
    ):
        raise ParameterError(
            f"parameter 'population_year' must be a whole number (a year, or 0 for the latest); "
            f"got {population_year!r}"
        )
    directory = resolve_data_dir(data_dir)
    if not directory.is_dir():
        raise ParameterError(f"parameter 'data_dir': folder not found: {directory}")
    try:
        data = load_dataset(directory)
    except DataValidationError as exc:
        raise ParameterError(
            f"parameter 'data_dir': the data in {directory} is not valid: {exc}"
        ) from None
    known = data.countries
    if country is not None:
        if not isinstance(country, str):
            raise ParameterError(f"parameter 'country' must be one ISO3 code; got {country!r}")
        chosen = [country.strip().upper()]
        name = "country"
    else:
        chosen = _as_list("countries", countries) if countries is not None else list(known)
        name = "countries"
    unknown = [c for c in chosen if c not in known]
    if unknown or not chosen:
        raise ParameterError(
            f"parameter '{name}': {', '.join(unknown) or 'nothing given'} not in the data; "
            f"valid codes: {', '.join(known)}"
        )
    year = population_year or None
    if population_year is not None:
        year = year or latest_common_year(data.population, chosen)
        select_population(data.population, chosen, year)
    when = pd.Timestamp(as_of) if as_of else pd.Timestamp(data.repatriations["date_end"].max())
    return Checked(data, resolve_output_dir(output_dir), when, chosen, year)


def check_cli_parameters(notebook: str | Path, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Convert ``-p NAME VALUE`` pairs for ``notebook`` and check them all before any run.

    Raises ``ParameterError`` for an unknown name (listing the notebook's parameters), a value of
    the wrong type, a country not in the data, or a malformed date.
    """
    declared = read_parameters(notebook)
    values: dict[str, Any] = {}
    for name, raw in pairs:
        if name not in declared:
            valid = ", ".join(declared)
            raise ParameterError(
                f"unknown parameter '{name}' for {Path(notebook).name}; its parameters are: {valid}"
            )
        values[name] = convert_value(declared[name], raw)
    merged = {name: p.default for name, p in declared.items()} | values
    validate_parameters(**{k: v for k, v in merged.items() if k in _VALIDATED})
    return values


_VALIDATED = {"data_dir", "output_dir", "as_of", "country", "countries", "population_year"}
