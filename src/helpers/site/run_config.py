"""Check ``notebooks/runs.toml`` before a build: every problem of every run, at once.

A run needs a name, a notebook that exists, parameters the notebook declares (each of its
declared type), every catalogue text its cells name (``helpers.show_text("my.key")``) in every
language, a translation of every sentence they show (``helpers.say("…")``, ``locales/ru.po``)
and, in every language, a title and a description: given in the run itself
(``title = { en = "…", ru = "…" }``) or in the catalogues under ``[run.<name>]``. The build
reports all the problems found before any run starts, rather than failing one run (and one
rebuild) at a time. Reading is cheap (no papermill, no data): a build with nothing to do stays
fast.
"""

from __future__ import annotations

import ast
import json
import tomllib
from pathlib import Path
from typing import Any

from helpers.report.i18n import LANGUAGES, catalogue
from helpers.report.messages import check_messages, notebook_calls

RUN_KEYS = ("name", "notebook", "parameters", "title", "description")
"""The keys a ``[[run]]`` entry may have."""
TEXT_KEYS = ("title", "description")
"""The texts every run needs in every language."""
LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}
_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": (list, str)}


def declared_parameters(notebook: Path) -> dict[str, str | None]:
    """Return the parameters a notebook's ``parameters`` cell declares, with their type names.

    Read with ``ast`` from the cell tagged ``parameters``: ``name: type = value`` gives the type,
    ``name = value`` none. A notebook without such a cell declares none.
    """
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"]
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
            found: dict[str, str | None] = {}
            for node in tree.body:
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    annotation = node.annotation
                    found[node.target.id] = (
                        annotation.id if isinstance(annotation, ast.Name) else None
                    )
                elif isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            found[target.id] = None
            return found
    return {}


TEXT_CALLS = ("t", "show_text", "t_plural")
"""Calls whose first argument is a catalogue key (``helpers.t("group.women")``)."""


def used_texts(notebook: Path) -> list[tuple[int, str]]:
    """Return the catalogue keys a notebook's code cells name literally, with the cell number."""
    return [
        (number, node.args[0].value)
        for number, called, node in notebook_calls(notebook)
        if called in TEXT_CALLS
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def _used_text_problems(where: str, notebook: Path) -> list[str]:
    problems = []
    for language in LANGUAGES:
        known = catalogue(language)
        plural = {k.rsplit(".", 1)[0] for k in known if k.startswith("plural.")}
        for number, key in used_texts(notebook):
            if key not in known and key not in plural:
                problems.append(
                    f"{where}: {notebook.name}, cell {number}, uses the text '{key}', which "
                    f"src/helpers/locales/{language}.toml does not have"
                )
    return problems + [f"{where}: {problem}" for problem in check_messages([notebook])]


def _text_problems(where: str, name: str, entry: dict[str, Any]) -> list[str]:
    problems = []
    for language in LANGUAGES:
        known = catalogue(language)
        for key in TEXT_KEYS:
            given = entry.get(key)
            if isinstance(given, dict) and isinstance(given.get(language), str):
                if given[language].strip():
                    continue
            elif f"run.{name}.{key}" in known:
                continue
            problems.append(
                f"{where}: no {LANGUAGE_NAMES.get(language, language)} {key}; give "
                f'{key} = {{ en = "…", ru = "…" }} in the run, or {key} under [run.{name}] in '
                f"src/helpers/locales/{language}.toml"
            )
    return problems


def _parameter_problems(where: str, notebook: Path, parameters: Any) -> list[str]:
    if not isinstance(parameters, dict):
        return [f'{where}: parameters must be a table such as {{ country = "KAZ" }}']
    declared = declared_parameters(notebook)
    problems = []
    for key, value in parameters.items():
        if key not in declared:
            problems.append(
                f"{where}: unknown parameter '{key}' for {notebook.name}; its parameters are: "
                f"{', '.join(declared)}"
            )
            continue
        kind = declared[key]
        expected = _TYPES.get(kind or "")
        if expected is not None and (
            not isinstance(value, expected) or (kind != "bool" and isinstance(value, bool))
        ):
            problems.append(f"{where}: parameter '{key}' must be of type {kind}; got {value!r}")
    return problems


def check_runs(path: Path, notebooks: Path) -> list[str]:
    """Return every problem of the runs file ``path`` (notebooks relative to ``notebooks``).

    Empty when every run can be built: a unique name, a notebook that exists, parameters it
    declares with values of their declared type, and a title and description in every language.
    """
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"{path.name}: cannot be read: {exc}"]
    entries = config.get("run")
    if not isinstance(entries, list) or not entries:
        return [f"{path.name}: no [[run]] entries"]
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        name = entry.get("name")
        where = f"{path.name}, run {number}" + (f" ('{name}')" if isinstance(name, str) else "")
        unknown = sorted(set(entry) - set(RUN_KEYS))
        if unknown:
            problems.append(
                f"{where}: unknown key(s) {', '.join(unknown)}; a run has: {', '.join(RUN_KEYS)}"
            )
        if not isinstance(name, str) or not name:
            problems.append(f"{where}: no name")
            continue
        if name in seen:
            problems.append(f"{where}: the name '{name}' is used by an earlier run")
        seen.add(name)
        notebook = entry.get("notebook")
        if not isinstance(notebook, str) or not (notebooks / notebook).is_file():
            problems.append(
                f"{where}: notebook {notebook!r} not found in {notebooks.name}/ (give its path "
                "relative to notebooks/, e.g. analyses/my_question.ipynb)"
            )
        else:
            given = entry.get("parameters", {})
            problems += _parameter_problems(where, notebooks / notebook, given)
            problems += _used_text_problems(where, notebooks / notebook)
        problems += _text_problems(where, name, entry)
    return problems
