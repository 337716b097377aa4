"""Run one notebook with parameters and render it to a code-free, offline HTML report.

A run executes in a staging folder; its HTML, figures and tables replace the old ones only once
all of them exist, so a run that fails leaves the earlier report untouched (and keeps the failed
executed notebook under ``build/failed/`` for debugging).
"""

from __future__ import annotations

import copy
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from helpers.paths import BUILD_DIR, PROJECT_ROOT

TEMPLATES_DIR = Path(__file__).parent / "templates"
_HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell"}
RESET_SOURCE = "%reset_selective -f .*"  # clears variables; cheaper than %reset -f
WARM_UP_SOURCE = "import helpers.figures, helpers.tables, helpers.checks, helpers.params"
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


@dataclass(frozen=True)
class RunOutcome:
    """What a run wrote: the HTML report and the figure and table files beside it."""

    html: Path
    files: list[Path]


class RunFailedError(RuntimeError):
    """A notebook raised an error while running; the failed notebook was kept for debugging."""


def _exporter() -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.template_file = "report.html.j2"
    return exporter


_EXPORTER: Any = None


def prepare_renderer() -> None:
    """Import papermill and build the HTML exporter ahead of the first run."""
    global _EXPORTER
    import papermill  # noqa: F401

    if _EXPORTER is None:
        _EXPORTER = _exporter()


def render_html(nb: nbformat.NotebookNode, title: str, nav: bool = False) -> str:
    """Render an executed notebook as a report: no code, no parameter cells, no network.

    ``nav`` adds a link back to the site's ``index.html``.
    """
    global _EXPORTER
    if _EXPORTER is None:
        _EXPORTER = _exporter()
    shown = copy.deepcopy(nb)
    shown.cells = [
        c for c in shown.cells if not _HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))
    ]
    shown.cells = [c for c in shown.cells if c.cell_type != "code" or c.get("outputs")]
    shown.metadata["title"] = title
    body, _ = _EXPORTER.from_notebook_node(shown, resources={"report_nav": nav})
    return _strip_volatile(body)


def _strip_volatile(body: str) -> str:
    # Cell ids are random when a notebook lacks them; keep the bytes stable between runs.
    return re.sub(r'id="cell-id=[^"]*"', "", body)


def start_kernel() -> Any:
    """Start a Python kernel in the project root, for ``execute_notebook`` to reuse across runs."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(PROJECT_ROOT), extra_arguments=KERNEL_ARGUMENTS)
    # Start importing the stack now; the first run's cells queue behind it in the kernel.
    client = km.blocking_client()
    client.start_channels()
    client.execute(WARM_UP_SOURCE, silent=True)
    client.stop_channels()
    return km


def stop_kernel(km: Any) -> None:
    """Shut down a kernel started by ``start_kernel``."""
    from jupyter_core.utils import run_sync

    run_sync(km.shutdown_kernel)(now=True)


class _SharedKernel:
    """A started kernel lent to one run: hands out clients and closes them after the run.

    nbclient leaves open the client it makes for a kernel it does not own; without this, a
    worker that reuses one kernel would leak a set of sockets per run.
    """

    def __init__(self, km: Any):
        self._km = km
        self._clients: list[Any] = []

    def client(self, **kwargs: Any) -> Any:
        client = self._km.client(**kwargs)
        self._clients.append(client)
        return client

    def close_clients(self) -> None:
        for client in self._clients:
            client.stop_channels()
        self._clients.clear()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._km, name)


def execute_notebook(
    notebook: Path, executed: Path, parameters: dict[str, Any], km: Any = None
) -> nbformat.NotebookNode:
    """Execute ``notebook`` with papermill into ``executed``; raise RunFailedError on an error.

    With ``km`` (from ``start_kernel``) the run reuses that kernel: a first hidden cell clears
    the previous run's variables, while the imported modules stay loaded (which is what saves
    the time). Without it, papermill starts a fresh kernel in the project root and stops it.
    """
    import papermill

    logging.getLogger("papermill").setLevel(logging.WARNING)
    nb = nbformat.read(notebook, as_version=4)
    reset = nbformat.v4.new_code_cell(RESET_SOURCE, id="reset-namespace")
    reset.metadata["tags"] = ["remove-cell"]
    nb.cells.insert(0, reset)
    shared = _SharedKernel(km) if km is not None else None
    where = {"km": shared} if shared is not None else {"cwd": str(PROJECT_ROOT)}
    try:
        executed_nb = papermill.execute_notebook(
            nb,
            str(executed),
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            kernel_name="python3",
            extra_arguments=KERNEL_ARGUMENTS,
            request_save_on_cell_execute=False,  # written once at the end, or on an error
            **where,
        )
    except papermill.PapermillExecutionError as exc:
        raise RunFailedError(f"{exc.ename}: {exc.evalue}") from None
    finally:
        if shared is not None:
            shared.close_clients()
    return executed_nb


def run_notebook(
    notebook: str | Path,
    parameters: dict[str, Any],
    output_dir: str | Path,
    name: str,
    title: str,
    nav: bool = False,
    km: Any = None,
) -> RunOutcome:
    """Execute ``notebook`` and write ``name.html`` plus its figures and tables into ``output_dir``.

    The notebook writes figures and tables into its ``output_dir`` parameter, here a staging
    folder. Only when the run and the rendering have both succeeded are the files moved into
    place; on failure the executed notebook is kept as ``build/failed/<name>.ipynb`` and
    ``RunFailedError`` is raised. ``km`` is a kernel to reuse (see ``execute_notebook``).
    """
    out = Path(output_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".staging-{name}-", dir=out) as tmp:
        staging = Path(tmp)
        executed = staging / f"{name}.ipynb"
        params = dict(parameters) | {"output_dir": str(staging)}
        try:
            nb = execute_notebook(Path(notebook).resolve(), executed, params, km)
        except RunFailedError:
            failed = BUILD_DIR / "failed"
            failed.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(executed, failed / f"{name}.ipynb")
            raise RunFailedError(
                f"{name}: the notebook failed; the executed notebook is kept at "
                f"{failed / (name + '.ipynb')}"
            ) from None
        (staging / f"{name}.html").write_text(render_html(nb, title, nav), encoding="utf-8")
        executed.unlink()
        return RunOutcome(out / f"{name}.html", _publish(staging, out))


def _publish(staging: Path, out: Path) -> list[Path]:
    """Move every file from ``staging`` into ``out`` (same relative paths), each atomically."""
    moved = []
    for src in sorted(p for p in staging.rglob("*") if p.is_file()):
        dest = out / src.relative_to(staging)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dest)
        moved.append(dest)
    return moved
