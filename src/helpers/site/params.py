"""Notebook parameters: declared once in the notebook, converted and checked by their type.

A notebook's ``parameters`` cell declares each parameter as ``name: type = value  # help``;
papermill's ``inspect_notebook`` reads the declarations. ``check_cli_parameters`` converts
command-line text by the declared type (``str``, ``int``, ``bool``, ``list``) and checks every
declared parameter, given or default, with ``validate_parameters`` — which the notebook's next
cell also calls, so plain papermill runs get the same checks (and, through
``helpers.site.injected``, the same refusal of a name the notebook does not declare). In a report
notebook (directly in ``notebooks/``) a declared parameter that ``validate_parameters`` does not
know is an error, never silently unchecked; an analyst's own notebook may declare any parameter,
checked by its declared type.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.arguments import (
    check_as_of,
    check_countries,
    check_country,
    check_language,
    unknown_parameter_message,
)
from helpers.data.errors import DataValidationError, ParameterError
from helpers.data.loading import Dataset, latest_data_date, load_dataset
from helpers.data.paths import NOTEBOOKS_DIR, resolve_data_dir, resolve_output_dir
from helpers.model.population import latest_common_year, select_population
from helpers.report.i18n import LANGUAGES
from helpers.site.injected import check_injected_parameters

TYPES = {"str": str, "int": int, "float": float, "bool": bool, "list": list}
"""The types a parameter may be declared with."""
TRUE_WORDS = ("true", "yes", "1")
FALSE_WORDS = ("false", "no", "0")


@dataclass(frozen=True)
class Parameter:
    """One declared notebook parameter."""

    name: str
    type: str
    default: Any
    help: str


def read_parameters(notebook: str | Path) -> dict[str, Parameter]:
    """Return the parameters declared in the notebook's cell tagged ``parameters``."""
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    if not declared:
        raise ParameterError(f"{notebook}: no cell tagged 'parameters'")
    return {
        name: Parameter(
            name=name,
            type=spec["inferred_type_name"],
            default=ast.literal_eval(spec["default"]),
            help=spec["help"],
        )
        for name, spec in declared.items()
    }


def convert_value(param: Parameter, raw: str) -> Any:
    """Convert a command-line string to the parameter's declared type, or raise ParameterError."""
    if param.type == "int":
        try:
            return int(raw)
        except ValueError:
            raise ParameterError(
                f"parameter '{param.name}' must be a whole number ({param.help}); got {raw!r}"
            ) from None
    if param.type == "float":
        try:
            return float(raw)
        except ValueError:
            raise ParameterError(
                f"parameter '{param.name}' must be a number ({param.help}); got {raw!r}"
            ) from None
    if param.type == "bool":
        word = raw.strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        raise ParameterError(
            f"parameter '{param.name}' must be true or false ({param.help}); got {raw!r}"
        )
    if param.type == "list":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if param.type == "str":
        return raw
    raise ParameterError(
        f"parameter '{param.name}' is declared as {param.type!r}; declare it as one of: "
        f"{', '.join(TYPES)}"
    )


def check_type(param: Parameter, value: Any) -> None:
    """Raise ParameterError when ``value`` is not of the parameter's declared type."""
    expected = TYPES.get(param.type)
    ok = expected is not None and isinstance(value, expected)
    if param.type in ("int", "float") and isinstance(value, bool):
        ok = False
    if param.type == "float" and isinstance(value, int) and not isinstance(value, bool):
        ok = True  # 2 is a fine value for a float
    if param.type == "list" and isinstance(value, str):
        ok = True  # "KAZ,UZB" is accepted for a list of codes
    if not ok:
        raise ParameterError(
            f"parameter '{param.name}' must be of type {param.type} ({param.help}); got {value!r}"
        )


@dataclass(frozen=True)
class Checked:
    """Parameters after checking, with the data loaded once."""

    data: Dataset
    output_dir: Path
    as_of: pd.Timestamp
    countries: list[str]
    population_year: int | None
    """The population year asked for, or the latest common one when 0 was given."""
    language: str = LANGUAGES[0]

    @property
    def country(self) -> str:
        """The single country of a one-country report."""
        return self.countries[0]


def validate_parameters(
    *,
    data_dir: str = "",
    output_dir: str = "",
    as_of: str = "",
    country: str | None = None,
    countries: Any = None,
    population_year: int | None = None,
    language: str = LANGUAGES[0],
) -> Checked:
    """Check a notebook's parameters and load the data; the language is returned, not set.

    A notebook writes in ``p.language`` by saying so (``helpers.set_language(p.language)``, or
    ``with helpers.using(p.language):``): checking parameters changes nothing else.

    Raises ``ParameterError`` if one is wrong; the message names the parameter, the value given
    and what is allowed (for a country code, the codes the data has). Empty
    ``data_dir``/``output_dir`` mean the project's ``data/`` and the scratch folder
    ``build/scratch``; empty ``as_of`` means the latest date in the data; ``population_year`` 0
    means the latest year with a figure for every country shown; ``language`` is ``en`` or ``ru``.
    """
    check_injected_parameters()
    for name, value in (("data_dir", data_dir), ("output_dir", output_dir), ("as_of", as_of)):
        if not isinstance(value, str):
            raise ParameterError(f"parameter '{name}' must be text; got {value!r}")
    language = check_language(language)
    check_as_of(as_of)
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
        chosen = [check_country(country, known)]
    else:
        chosen = check_countries(countries, known) or list(known)
    year = population_year or None
    if population_year is not None:
        year = year or latest_common_year(data.population, chosen)
        select_population(data.population, chosen, year)
    latest = latest_data_date(data)
    when = check_as_of(as_of, latest) or latest
    return Checked(data, resolve_output_dir(output_dir), when, chosen, year, language)


def check_cli_parameters(notebook: str | Path, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Convert ``-p NAME VALUE`` pairs for ``notebook`` and check every parameter before any run.

    Raises ``ParameterError`` for an unknown name (listing the notebook's parameters), a value of
    the wrong type, a country not in the data, a malformed date, a language other than en or ru,
    or a parameter the notebook declares that ``validate_parameters`` cannot check.
    """
    declared = read_parameters(notebook)
    values: dict[str, Any] = {}
    for name, raw in pairs:
        if name not in declared:
            raise ParameterError(unknown_parameter_message(name, declared, Path(notebook).name))
        values[name] = convert_value(declared[name], raw)
    merged = {name: p.default for name, p in declared.items()} | values
    for name, value in merged.items():
        check_type(declared[name], value)
    checkable = set(inspect.signature(validate_parameters).parameters)
    unchecked = sorted(set(merged) - checkable)
    if unchecked and is_report_notebook(notebook):
        raise ParameterError(
            f"{Path(notebook).name} declares parameter(s) {', '.join(unchecked)} that "
            "helpers.validate_parameters does not check; add a check for each there"
        )
    # An analyst's own parameters are checked by their declared type (above) only.
    validate_parameters(**{name: v for name, v in merged.items() if name in checkable})
    return values


def is_report_notebook(notebook: str | Path) -> bool:
    """Tell whether ``notebook`` is one of the project's reports (directly in ``notebooks/``).

    Report notebooks declare only parameters ``validate_parameters`` checks; an analyst's own
    notebook (in ``notebooks/analyses/`` or anywhere else) may declare any typed parameter.
    """
    return Path(notebook).resolve().parent == NOTEBOOKS_DIR.resolve()
