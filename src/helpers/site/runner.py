"""Run one notebook with parameters and render it to a code-free, offline report (and PDF).

A run executes in a staging folder under ``build/staging/``; its HTML, PDF, figures and tables
replace the old ones only once all of them exist, so a run that fails leaves the earlier report
untouched (and keeps the failed executed notebook under ``build/failed/`` for debugging).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from helpers.data.paths import BUILD_DIR, PROJECT_ROOT
from helpers.report.figure_files import FigureLinkError
from helpers.report.i18n import LANGUAGES, using
from helpers.report.render import Citation, Nav, render_body, render_page

RESET_SOURCE = "%reset_selective -f .*"  # clears variables; cheaper than %reset -f
WARM_UP_SOURCE = (
    "import helpers.report.figures, helpers.report.figure_time, helpers.report.tables, "
    "helpers.model.checks, helpers.site.params"
)
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
STAGING_DIR = BUILD_DIR / "staging"
"""Where runs are written before they are published: outside reports/, emptied by each build."""


@dataclass(frozen=True)
class RunOutcome:
    """What a run wrote: the HTML report and the figure, table and PDF files beside it."""

    html: Path
    files: list[Path]


@dataclass(frozen=True)
class Page:
    """How a run's report is presented: its title, language, links and citation."""

    title: str
    language: str = "en"
    nav: Nav | None = None
    citation: Citation | None = None


class RunFailedError(RuntimeError):
    """A notebook raised an error while running; the failed notebook was kept for debugging."""


def prepare_renderer() -> None:
    """Import papermill and the page renderer ahead of the first run."""
    import jinja2  # noqa: F401
    import mistune  # noqa: F401
    import papermill  # noqa: F401


def render_html(nb: nbformat.NotebookNode, page: Page, page_dir: Path | None = None) -> str:
    """Render an executed notebook as a report page: no code, no parameter cells, no network.

    ``page_dir`` is the folder the page is written to: its figures are linked from there.
    """
    with using(page.language):
        return render_page(
            render_body(nb, page_dir),
            title=page.title,
            language=page.language,
            nav=page.nav,
            citation=page.citation,
        )


def start_kernel() -> Any:
    """Start a Python kernel in the project root, for ``execute_notebook`` to reuse across runs.

    On Linux and macOS the kernel talks over Unix sockets in a folder of its own, not
    TCP ports: a free port picked for one kernel can be taken by another starting at the same
    moment (a build's workers, two commands at once), and that kernel dies before it answers.
    """
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    if os.name == "posix":
        sockets = Path(tempfile.mkdtemp(prefix="returnees-kernel-"))
        km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / "ipc"))
    else:
        km = AsyncKernelManager(kernel_name="python3")
    run_sync(km.start_kernel)(cwd=str(PROJECT_ROOT), extra_arguments=KERNEL_ARGUMENTS)
    # Start importing the stack now; the first run's cells queue behind it in the kernel.
    # No heartbeat channel: its thread would still be opening its socket when the channels
    # stop, and print a traceback from a background thread. Wait for the reply before stopping.
    client = km.blocking_client()
    client.start_channels(hb=False)
    try:
        client.wait_for_ready(timeout=60)
        client.execute(WARM_UP_SOURCE, silent=True)
    finally:
        client.stop_channels()
    return km


def stop_kernel(km: Any) -> None:
    """Shut down a kernel started by ``start_kernel`` with a shutdown request.

    jupyter_client's ``shutdown_kernel`` interrupts the kernel first, and an idle kernel logs
    that interrupt as an error ("KeyboardInterrupt caught in kernel") on a successful run; a
    shutdown request alone stops it quietly (it is killed if it does not stop in time).
    """
    from jupyter_core.utils import run_sync

    # Wait for what the kernel is running (the warm-up of a kernel stopped at once): a kernel
    # asked to stop mid-cell prints a traceback when it answers that cell on a closed socket.
    # Requests are answered in order, so the reply to this one comes after that cell.
    client = km.blocking_client()
    client.start_channels(hb=False)
    try:
        client.wait_for_ready(timeout=120)
    except RuntimeError:
        pass  # the kernel is gone or stuck: the shutdown below kills it
    finally:
        client.stop_channels()

    async def stop() -> None:
        km.shutting_down = True
        km.stop_restarter()
        await km.request_shutdown()
        await km.finish_shutdown()
        await km.cleanup_resources()

    run_sync(stop)()
    if km.transport == "ipc":
        shutil.rmtree(Path(km.ip).parent, ignore_errors=True)  # its sockets' folder


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
    the time). Without it, a fresh kernel is started in the project root for this run and
    stopped after it (quietly: see ``stop_kernel``).
    """
    if km is None:
        own = start_kernel()
        try:
            return execute_notebook(notebook, executed, parameters, own)
        finally:
            stop_kernel(own)
    import papermill

    logging.getLogger("papermill").setLevel(logging.WARNING)
    nb = nbformat.read(notebook, as_version=4)
    reset = nbformat.v4.new_code_cell(RESET_SOURCE, id="reset-namespace")
    reset.metadata["tags"] = ["remove-cell"]
    nb.cells.insert(0, reset)
    shared = _SharedKernel(km)
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
            km=shared,
        )
    except papermill.PapermillExecutionError as exc:
        raise RunFailedError(f"{exc.ename}: {exc.evalue}") from None
    finally:
        shared.close_clients()
    return executed_nb


def run_notebook(
    notebook: str | Path,
    parameters: dict[str, Any],
    output_dir: str | Path,
    name: str,
    page: Page | str,
    *,
    km: Any = None,
    printer: Any = None,
    keep_tables: bool = True,
    stamp: str = "20000101000000",
) -> RunOutcome:
    """Execute ``notebook`` and write ``name.html`` plus its figures and tables into ``output_dir``.

    The notebook writes figures and tables into its ``output_dir`` parameter, a staging folder
    under ``build/staging/``. Only when the run, the rendering and (with ``printer``, a
    ``helpers.site.pdf.PdfPrinter``) the PDF have all succeeded are the files moved into place; on
    failure the executed notebook is kept as ``build/failed/<name>.ipynb`` and
    ``RunFailedError`` is raised. ``km`` is a kernel to reuse (see ``execute_notebook``).
    ``keep_tables`` false drops the run's CSV tables (a translated run links the English ones).
    """
    page = Page(page) if isinstance(page, str) else page
    out = Path(output_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    STAGING_DIR.mkdir(parents=True, exist_ok=True)
    safe = name.replace("/", "-")
    with tempfile.TemporaryDirectory(prefix=f"{safe}-", dir=STAGING_DIR) as tmp:
        staging = Path(tmp)
        executed = staging / f"{Path(name).name}.ipynb"
        params = dict(parameters) | {"output_dir": str(staging)}
        if page.language != LANGUAGES[0]:  # English is every notebook's default
            params["language"] = page.language
        html = staging / f"{Path(name).name}.html"
        try:
            nb = execute_notebook(Path(notebook).resolve(), executed, params, km)
            text = render_html(nb, page, staging)
        except (RunFailedError, FigureLinkError) as exc:
            failed = BUILD_DIR / "failed"
            failed.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(executed, failed / f"{safe}.ipynb")
            what = (
                f"its page cannot show a figure: {exc}"
                if isinstance(exc, FigureLinkError)
                else "the notebook failed"
            )
            raise RunFailedError(
                f"{name}: {what}; the executed notebook is kept at {failed / (safe + '.ipynb')}"
            ) from None
        executed.unlink()
        if not keep_tables:
            shutil.rmtree(staging / "tables", ignore_errors=True)
        html.write_text(text, encoding="utf-8")
        if printer is not None:
            printer.print(html, html.with_suffix(".pdf"), stamp)
        return RunOutcome(out / html.name, _publish(staging, out))


def _publish(staging: Path, out: Path) -> list[Path]:
    """Move every file from ``staging`` into ``out`` (same relative paths), each atomically."""
    moved = []
    for src in sorted(p for p in staging.rglob("*") if p.is_file()):
        dest = out / src.relative_to(staging)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dest)
        moved.append(dest)
    return moved
