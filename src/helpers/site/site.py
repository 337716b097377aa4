"""Build the report site: every configured run in every language, in parallel, only what changed.

A job (one run in one language, ``site.jobs``) is up to date when the hash of its inputs equals
the one recorded in ``reports/manifest.json`` and its files are all there (its PDF too, where
Chromium is available). English reports go to ``reports/``, Russian ones to ``reports/ru/``.
The site pages (front pages, data dictionaries, the data download) are rewritten only when their
bytes would change. One build runs at a time (a lock under ``build/``); runs are staged under
``build/staging/``, which each build empties. Nothing depends on the order in which runs finish,
so parallel and incremental builds give the same bytes as a sequential one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.data.paths import BUILD_DIR, NOTEBOOKS_DIR, REPORTS_DIR
from helpers.report.i18n import LANGUAGES, using
from helpers.site.jobs import (
    MANIFEST,
    Job,
    Run,
    code_version,
    data_date,
    data_version,
    is_current,
    jobs_of,
    load_runs,
    read_manifest,
    run_key,
)

__all__ = [
    "BuildLockedError",
    "Run",
    "build_lock",
    "build_site",
    "clear_staging",
    "data_date",
    "load_runs",
    "page_for",
    "pending_runs",
]

LOCK_FILE = BUILD_DIR / ".build.lock"


class BuildLockedError(RuntimeError):
    """Another build of the site is running; this one stopped without writing anything."""


def pending_runs(
    reports: Path = REPORTS_DIR, force: bool = False, with_pdf: bool | None = None
) -> tuple[list[Job], list[Job], tuple[str, str]]:
    """Return every job, those whose inputs changed (all with ``force``), and the versions."""
    from helpers.site.pdf import find_chromium

    with_pdf = find_chromium() is not None if with_pdf is None else with_pdf
    jobs = jobs_of(load_runs())
    versions = (data_version(), code_version())
    manifest = read_manifest(reports.resolve())
    todo = [
        j
        for j in jobs
        if force
        or not is_current(
            manifest["runs"].get(j.key),
            run_key(j, versions, with_pdf, NOTEBOOKS_DIR),
            reports.resolve(),
        )
    ]
    return jobs, todo, versions


@contextmanager
def build_lock(path: Path | None = None) -> Iterator[None]:
    """Hold the build lock, or raise BuildLockedError at once when another build holds it."""
    from filelock import FileLock, Timeout

    path = path or LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BuildLockedError(
            "another build is running (it holds build/.build.lock); wait for it to finish"
        ) from None
    try:
        yield
    finally:
        lock.release()


def clear_staging() -> None:
    """Remove what an interrupted build left in ``build/staging/``."""
    from helpers.site.runner import STAGING_DIR

    shutil.rmtree(STAGING_DIR, ignore_errors=True)


_WORKER: dict[str, Any] = {}


def _start_worker(warm: bool, with_pdf: bool) -> None:
    """Give this worker process one kernel (``warm``) and one browser for all its runs."""
    from multiprocessing.util import Finalize

    from helpers.site.runner import prepare_renderer, start_kernel, stop_kernel

    if warm:
        _WORKER["km"] = start_kernel()
        Finalize(None, stop_kernel, args=(_WORKER["km"],), exitpriority=10)
    if with_pdf:
        from helpers.site.pdf import PdfPrinter

        _WORKER["printer"] = PdfPrinter()
        Finalize(None, _WORKER["printer"].close, exitpriority=20)
    # While the kernel imports its stack, load what this process needs to run and render.
    prepare_renderer()


def page_for(job: Job, versions: tuple[str, str], date: str) -> Any:
    """Return how a job's report is presented: title, links, citation, in its language."""
    from helpers.report.render import Citation, twin_nav
    from helpers.site.runner import Page

    with using(job.language):
        title = job.run.title
        return Page(
            title=title,
            language=job.language,
            nav=twin_nav(job.run.name, job.language),
            citation=Citation(title, versions[0], date, f"reports/{job.key}.html"),
        )


def _execute(job: Job, reports: str, label: str, page: Any) -> tuple[str, list[str], float]:
    from helpers.site.runner import run_notebook

    print(f"{label} start {job.key}", flush=True)
    start = time.perf_counter()
    outcome = run_notebook(
        NOTEBOOKS_DIR / job.run.notebook,
        job.run.parameters,
        job.directory(Path(reports)),
        job.run.name,
        page,
        km=_WORKER.get("km"),
        printer=_WORKER.get("printer"),
        keep_tables=job.language == LANGUAGES[0],
        stamp=page.citation.data_date.replace("-", "") + "000000",
    )
    files = sorted(p.relative_to(reports).as_posix() for p in outcome.files)
    return job.key, files, time.perf_counter() - start


def _write_if_changed(path: Path, data: str | bytes) -> bool:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)
    return True


def _say(message: str) -> None:
    # Flushed at once: the workers print to the same stream.
    print(message, flush=True)


@dataclass
class _Build:
    """One build's shared state: where it writes, what it was built from, what it recorded."""

    reports: Path
    versions: tuple[str, str]
    date: str
    manifest: dict[str, Any]
    keys: dict[str, str]
    say: Any

    def record(self, key: str, files: list[str]) -> None:
        """Enter a finished job in the manifest, with the page its PDF was printed from."""
        entry = {
            "key": self.keys[key],
            "files": files,
            "data_version": self.versions[0],
            "code_version": self.versions[1],
        }
        if (self.reports / f"{key}.pdf").is_file():
            html = (self.reports / f"{key}.html").read_bytes()
            entry["pdf_printed_from"] = hashlib.sha256(html).hexdigest()
        self.manifest["runs"][key] = entry

    def site_stale(self) -> bool:
        """Tell whether the site pages were made from other data or code, or are missing."""
        entry = self.manifest.get("site")
        return (
            not entry
            or entry.get("key") != "|".join(self.versions)
            or not all((self.reports / f).is_file() for f in entry.get("files", []))
        )


def build_site(
    reports: Path = REPORTS_DIR,
    force: bool = False,
    jobs: int | None = None,
    say: Any = _say,
    warm: bool = True,
    with_pdf: bool | None = None,
) -> int:
    """Build every configured run into ``reports`` and write the site pages; return jobs run.

    Runs in parallel with ``jobs`` workers (default: one per core). With ``warm`` each worker
    keeps one kernel for all its runs instead of starting one per run (a test proves the reports
    are byte-identical either way). PDFs are printed when Chromium is found (``with_pdf``
    forces the choice). Raises ``BuildLockedError`` when another build is running, and
    ``RunFailedError`` after all other runs finished when one failed; its old report stays.
    """
    from helpers.site.pdf import find_chromium

    reports = reports.resolve()
    with build_lock():
        clear_staging()
        reports.mkdir(parents=True, exist_ok=True)
        with_pdf = find_chromium() is not None if with_pdf is None else with_pdf
        if not with_pdf:
            say("Chromium not found: building the HTML site; the PDFs were skipped.")
        all_jobs, todo, versions = pending_runs(reports, force, with_pdf)
        build = _Build(
            reports,
            versions,
            data_date(),
            read_manifest(reports),
            {j.key: run_key(j, versions, with_pdf, NOTEBOOKS_DIR) for j in all_jobs},
            say,
        )
        if not todo:
            say(
                f"Nothing to do: all {len(all_jobs)} reports are up to date (data {versions[0]}, "
                f"code {versions[1]})."
            )
        rewrite = bool(todo) or build.site_stale()
        site: list = []

        def start_site() -> None:
            # The headline numbers and the download depend only on the data: work them out
            # while the runs go (once the workers are forked: forking a threaded process is
            # unsafe).
            from helpers.site.index import prefetch_site_data

            site.append(ThreadPoolExecutor(1).submit(prefetch_site_data))

        workers = min(jobs or os.cpu_count() or 1, max(len(todo), 1))
        failures = _run_all(build, todo, workers, (warm, with_pdf), start_site if rewrite else None)
        _finish(build, all_jobs, site if rewrite else None, failures)
    if failures:
        from helpers.site.runner import RunFailedError

        raise RunFailedError("; ".join(failures))
    return len(todo)


def _finish(build: _Build, all_jobs: list[Job], site: list | None, failures: list[str]) -> None:
    """Drop files of runs no longer configured, write the site pages and the manifest.

    ``site`` is None when the site pages are current, else the prefetched data (maybe empty).
    """
    manifest = build.manifest
    old_files = {f for entry in manifest["runs"].values() for f in entry["files"]}
    runs = {j.key: manifest["runs"][j.key] for j in all_jobs if j.key in manifest["runs"]}
    new_files = {f for entry in runs.values() for f in entry["files"]}
    for stale in sorted(old_files - new_files):
        (build.reports / stale).unlink(missing_ok=True)
    entry = manifest.get("site")
    if not failures and site is not None:
        from helpers.site.index import render_site_pages

        prefetched = site[0].result() if site else None
        pages = render_site_pages(build.versions, build.date, runs, prefetched)
        for path, data in sorted(pages.items()):
            if _write_if_changed(build.reports / path, data):
                build.say(f"Wrote {path}")
        entry = {"key": "|".join(build.versions), "files": sorted(pages)}
    final = {"runs": runs, "site": entry} if entry else {"runs": runs}
    _write_if_changed(build.reports / MANIFEST, json.dumps(final, indent=2, sort_keys=True) + "\n")


def _run_all(
    build: _Build,
    todo: list[Job],
    workers: int,
    setup: tuple[bool, bool],
    on_submitted: Any = None,
) -> list[str]:
    """Run the jobs in ``workers`` processes (``setup``: warm kernels, PDFs); return failures."""
    failures: list[str] = []
    if not todo:
        if on_submitted is not None:
            on_submitted()
        return failures
    total, say = len(todo), build.say
    say(f"Building {total} report(s) with {workers} worker(s)…")
    started = time.perf_counter()
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=setup
    ) as pool:
        futures = {
            pool.submit(
                _execute,
                job,
                str(build.reports),
                f"[{i}/{total}]",
                page_for(job, build.versions, build.date),
            ): job
            for i, job in enumerate(todo, 1)
        }
        if on_submitted is not None:
            on_submitted()
        for done, future in enumerate(as_completed(futures), 1):
            job = futures[future]
            left = f"({done}/{total} finished, {total - done} left)"
            try:
                key, files, seconds = future.result()
            except Exception as exc:  # noqa: BLE001 - reported, then raised after the others
                failures.append(str(exc))
                say(f"FAILED {job.key}: {exc} {left}")
                continue
            build.record(key, files)
            say(f"done {key} in {seconds:.1f} s {left}")
    say(
        f"Built {total - len(failures)} of {total} report(s) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    sys.stdout.flush()
    return failures
