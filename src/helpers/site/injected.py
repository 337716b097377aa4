"""Check, inside a running notebook, the parameters papermill injected into it.

Plain papermill only warns about a parameter the notebook does not declare, and passes any
value. ``check_injected_parameters`` (called by ``helpers.validate_parameters``, the cell after
the ``parameters`` cell) reads the two cells run just before it — the notebook's ``parameters``
cell and the cell papermill injected after it — and refuses an unknown name or a value not of
the declared type, with the command line's words. Outside papermill it does nothing.
"""

from __future__ import annotations

import ast
from typing import Any

from helpers.data.arguments import unknown_parameter_message
from helpers.data.errors import ParameterError

INJECTED_HEADER = "# Parameters"
"""How the cell papermill injects starts."""


def _declared(source: str) -> dict[str, Any]:
    """Return the parameters a ``parameters`` cell declares, read as papermill reads them."""
    import nbformat
    from papermill.translators import PythonTranslator

    from helpers.site.params import Parameter

    return {
        p.name: Parameter(p.name, p.inferred_type_name, None, p.help)
        for p in PythonTranslator.inspect(nbformat.v4.new_code_cell(source))
    }


def _assigned(source: str) -> list[str]:
    """Return the names the injected cell assigns, in order."""
    tree = ast.parse(source)
    return [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    ]


def check_injected_parameters() -> None:
    """Refuse what papermill injected that the notebook's ``parameters`` cell does not declare.

    Raises ``ParameterError`` for an unknown name (listing the declared ones) or a value not of
    its declared type (``str``, ``int``, ``float``, ``bool``, ``list``; a parameter declared
    without a type is not checked). Does nothing outside a Jupyter kernel or when no parameters
    were injected, e.g. in JupyterLab.
    """
    import builtins

    # A running IPython kernel puts get_ipython among the builtins; elsewhere there is none.
    shell = getattr(builtins, "get_ipython", lambda: None)()
    if shell is None:
        return
    history = shell.history_manager.input_hist_raw  # [..., parameters, injected, this cell]
    if len(history) < 3 or not history[-2].lstrip().startswith(INJECTED_HEADER):
        return
    from helpers.site.params import TYPES, check_type

    declared = _declared(history[-3])
    for name in _assigned(history[-2]):
        if name not in declared:
            raise ParameterError(unknown_parameter_message(name, declared))
        if declared[name].type in TYPES and name in shell.user_ns:
            check_type(declared[name], shell.user_ns[name])
