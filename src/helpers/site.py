"""Build the report site: every configured run, in parallel, re-running only what changed.

A run is up to date when the hash of its inputs (its notebook, its parameters, the data files and
the code) equals the one recorded in ``reports/manifest.json`` and its files are all present. The
index is rewritten only when its bytes would change. Nothing here depends on the order in which
runs finish, so parallel and incremental builds give the same bytes as a sequential one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import tomllib
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.paths import DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR, RUNS_FILE, SRC_DIR

MANIFEST = "manifest.json"
CODE_FILES = ("pyproject.toml", "requirements.lock")


@dataclass(frozen=True)
class Run:
    """One configured run: a notebook, its parameters, and how the index describes it."""

    name: str
    notebook: str
    title: str
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)


def load_runs(path: Path = RUNS_FILE) -> list[Run]:
    """Read the list of runs (``notebooks/runs.toml``)."""
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Run(**entry) for entry in config["run"]]


def hash_files(paths: Iterable[Path], root: Path = PROJECT_ROOT) -> str:
    """Return a short content hash of ``paths`` (names relative to ``root`` and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def data_version(data_dir: Path = DATA_DIR) -> str:
    """Hash of every file under ``data/``."""
    return hash_files((p for p in data_dir.rglob("*") if p.is_file()), data_dir.parent)


def code_version() -> str:
    """Hash of what the reports depend on besides data: helpers, templates, notebooks, pins."""
    files = [p for p in SRC_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [p for p in NOTEBOOKS_DIR.glob("*.ipynb")]
    files += [PROJECT_ROOT / f for f in CODE_FILES if (PROJECT_ROOT / f).is_file()]
    return hash_files(files)


def run_key(run: Run, data_hash: str, code_hash: str) -> str:
    """Hash of one run's inputs: its notebook, parameters and title, the data and the code."""
    spec = json.dumps(run.__dict__, sort_keys=True)
    return hashlib.sha256(f"{spec}|{data_hash}|{code_hash}".encode()).hexdigest()[:16]


def _read_manifest(reports: Path) -> dict[str, Any]:
    path = reports / MANIFEST
    if not path.is_file():
        return {"runs": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def _is_current(entry: dict[str, Any] | None, key: str, reports: Path) -> bool:
    return (
        bool(entry) and entry["key"] == key and all((reports / f).is_file() for f in entry["files"])
    )


_WORKER_KERNEL: Any = None


def _start_worker(warm: bool) -> None:
    """Give this worker process one kernel for all its runs (``warm``), stopped when it exits."""
    global _WORKER_KERNEL
    if not warm:
        return
    from multiprocessing.util import Finalize

    from helpers.runner import start_kernel, stop_kernel

    _WORKER_KERNEL = start_kernel()
    Finalize(None, stop_kernel, args=(_WORKER_KERNEL,), exitpriority=10)
    # While the kernel imports its stack, load what this process needs to run and render.
    from helpers.runner import prepare_renderer

    prepare_renderer()


def _execute(run: Run, reports: str, label: str) -> tuple[str, list[str], float]:
    from helpers.runner import run_notebook

    print(f"{label} start {run.name}", flush=True)
    start = time.perf_counter()
    outcome = run_notebook(
        NOTEBOOKS_DIR / run.notebook,
        run.parameters,
        reports,
        run.name,
        run.title,
        nav=True,
        km=_WORKER_KERNEL,
    )
    files = sorted(p.relative_to(reports).as_posix() for p in outcome.files)
    return run.name, files, time.perf_counter() - start


def _write_if_changed(path: Path, text: str) -> bool:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True


def pending_runs(
    reports: Path = REPORTS_DIR, force: bool = False
) -> tuple[list[Run], list[Run], tuple[str, str]]:
    """Return all runs, those whose inputs changed (all with ``force``), and the versions."""
    runs = load_runs()
    data_hash, code_hash = data_version(), code_version()
    manifest = _read_manifest(reports.resolve())
    todo = [
        r
        for r in runs
        if force
        or not _is_current(
            manifest["runs"].get(r.name), run_key(r, data_hash, code_hash), reports.resolve()
        )
    ]
    return runs, todo, (data_hash, code_hash)


def _say(message: str) -> None:
    # Flushed at once: the workers print to the same stream.
    print(message, flush=True)


def build_site(
    reports: Path = REPORTS_DIR,
    force: bool = False,
    jobs: int | None = None,
    say: Any = _say,
    warm: bool = True,
) -> int:
    """Build every configured run into ``reports`` and write the index; return runs executed.

    Runs in parallel with ``jobs`` workers (default: one per core). With ``warm`` each worker
    keeps one kernel for all its runs instead of starting one per run (a test proves the reports
    are byte-identical either way). Raises ``RunFailedError`` after all other runs finished when
    one failed; its old report stays as it was.
    """
    reports = reports.resolve()
    reports.mkdir(parents=True, exist_ok=True)
    runs, todo, (data_hash, code_hash) = pending_runs(reports, force)
    manifest = _read_manifest(reports)
    keys = {r.name: run_key(r, data_hash, code_hash) for r in runs}
    if not todo:
        say(
            f"Nothing to do: all {len(runs)} reports are up to date (data {data_hash}, "
            f"code {code_hash})."
        )
    headline: list = []

    def start_headline() -> None:
        # The front page's numbers depend only on the data: work them out while the runs go
        # (started once the workers are forked, never before: forking a threaded process is unsafe).
        from helpers.index import render_headline

        headline.append(ThreadPoolExecutor(1).submit(render_headline))

    failures = _run_all(
        todo,
        reports,
        jobs or os.cpu_count() or 1,
        manifest,
        keys,
        (data_hash, code_hash),
        say,
        warm,
        start_headline,
    )
    old_files = {f for entry in manifest["runs"].values() for f in entry["files"]}
    manifest = {
        "runs": {r.name: manifest["runs"][r.name] for r in runs if r.name in manifest["runs"]}
    }
    new_files = {f for entry in manifest["runs"].values() for f in entry["files"]}
    for stale in sorted(old_files - new_files):
        (reports / stale).unlink(missing_ok=True)
    if not failures and (todo or not (reports / "index.html").is_file()):
        from helpers.index import render_index

        index = render_index(runs, manifest, headline[0].result() if headline else None)
        if _write_if_changed(reports / "index.html", index):
            say("Wrote index.html")
    _write_if_changed(reports / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    if failures:
        from helpers.runner import RunFailedError

        raise RunFailedError("; ".join(failures))
    return len(todo)


def _run_all(
    todo: list[Run],
    reports: Path,
    jobs: int,
    manifest: dict,
    keys: dict,
    versions: tuple[str, str],
    say: Any,
    warm: bool,
    on_submitted: Any = None,
) -> list[str]:
    failures: list[str] = []
    if not todo:
        return failures
    total = len(todo)
    say(f"Building {total} report(s) with {min(jobs, total)} worker(s)…")
    started = time.perf_counter()
    with ProcessPoolExecutor(
        max_workers=min(jobs, total), initializer=_start_worker, initargs=(warm,)
    ) as pool:
        futures = {}
        for i, run in enumerate(todo, 1):
            futures[pool.submit(_execute, run, str(reports), f"[{i}/{total}]")] = run
        if on_submitted is not None:
            on_submitted()
        done = 0
        for future in as_completed(futures):
            run = futures[future]
            done += 1
            try:
                name, files, seconds = future.result()
            except Exception as exc:  # noqa: BLE001 - reported, then raised after the others
                failures.append(str(exc))
                say(f"FAILED {run.name}: {exc} ({done}/{total} finished, {total - done} left)")
                continue
            manifest["runs"][name] = {
                "key": keys[name],
                "files": files,
                "data_version": versions[0],
                "code_version": versions[1],
            }
            say(f"done {name} in {seconds:.1f} s ({done}/{total} finished, {total - done} left)")
    say(
        f"Built {total - len(failures)} of {total} report(s) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    sys.stdout.flush()
    return failures
