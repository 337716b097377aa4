"""The command line: ``python -m helpers validate | run | build | totals | record-hashes``.

Exit codes: 0 success, 1 invalid data or a failed run, 2 a wrong command or parameter (nothing
is run or written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from helpers.data.errors import DataValidationError, ParameterError


def _load(data_dir: str, outcome: str) -> Any:
    """Return the validated dataset, or None after listing every problem on standard error."""
    from helpers.data.loading import load_dataset

    try:
        return load_dataset(data_dir)
    except DataValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; {outcome}.", file=sys.stderr)
        return None


def _print(text: str) -> None:
    """Write to standard output; a reader that stops early (``| head``) is not an error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()


def _validate(args: argparse.Namespace) -> int:
    from helpers.data.loading import latest_data_date

    data = _load(args.data_dir, "nothing was written")
    if data is None:
        return 1
    reps = data.repatriations
    _print(
        "OK\n"
        f"{len(reps)} figures in {reps['statement_id'].nunique()} statements from "
        f"{reps['source_id'].nunique()} sources, {reps['event_id'].nunique()} operations, "
        f"countries {', '.join(data.countries)}, dated {reps['date_end'].min().date()} to "
        f"{reps['date_end'].max().date()}; {len(data.abroad)} figures of people still abroad; "
        f"latest date in the data {latest_data_date(data).date()}\n"
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    from helpers.site.params import check_cli_parameters

    notebook = Path(args.notebook)
    if not notebook.is_file() and (Path("notebooks") / notebook).is_file():
        notebook = Path("notebooks") / notebook
    if not notebook.is_file() or notebook.suffix != ".ipynb":
        print(f"error: notebook not found: {args.notebook}", file=sys.stderr)
        return 2
    try:
        params = check_cli_parameters(notebook, [tuple(p) for p in args.parameter])
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("Nothing was run or written.", file=sys.stderr)
        return 2
    from helpers.data.paths import BUILD_DIR
    from helpers.report.i18n import using
    from helpers.report.render import page_title
    from helpers.site.runner import Page, RunFailedError, run_notebook

    name = notebook.stem
    output = Path(args.output_dir) if args.output_dir else BUILD_DIR / "run"
    language = params.get("language", "en")
    with using(language):
        page = Page(page_title(name, params), language=language)
    print(f"Running {notebook} with {params or 'its defaults'} …", flush=True)
    try:
        outcome = run_notebook(notebook, params, output, name, page)
    except RunFailedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {outcome.html} and {len(outcome.files) - 1} figure and table file(s).")
    return 0


def _build(args: argparse.Namespace) -> int:
    from helpers.data.paths import NOTEBOOKS_DIR, RUNS_FILE
    from helpers.site.run_config import check_runs
    from helpers.site.site import BuildLockedError, build_site, pending_runs

    problems = check_runs(RUNS_FILE, NOTEBOOKS_DIR)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(problems)} problem(s) in {RUNS_FILE.name}; nothing was run.", file=sys.stderr)
        return 2
    _, todo, _ = pending_runs(force=args.force)
    if todo:
        from helpers.data.loading import validate_data_dir

        problems = validate_data_dir()
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"{len(problems)} problem(s) in the data; no report was built.", file=sys.stderr)
            return 1
    try:
        build_site(force=args.force, jobs=args.jobs)
    except BuildLockedError as exc:
        print(f"error: {exc}. Nothing was written.", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _totals(args: argparse.Namespace) -> int:
    from helpers.data.arguments import check_as_of, check_countries
    from helpers.data.loading import latest_data_date
    from helpers.model.analysis import compute_statements
    from helpers.model.timeline_table import compute_timeline

    data = _load(args.data_dir, "nothing was computed")
    if data is None:
        return 1
    latest = latest_data_date(data)
    try:
        # The same checks and the same default date as the reports' parameters.
        dates = [check_as_of(value, latest, name="--as-of") for value in args.as_of] or [latest]
        codes = (
            check_countries(",".join(args.country), data.countries, name="--country")
            if args.country
            else None
        )
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("Nothing was computed.", file=sys.stderr)
        return 2
    statements = compute_statements(data.repatriations, data.sources)
    table = compute_timeline(statements, dates, codes or data.countries, data.events)
    _print(table.to_csv(index=False, lineterminator="\n"))
    return 0


def _record_hashes(args: argparse.Namespace) -> int:
    from helpers.data.paths import resolve_data_dir
    from helpers.data.raw_files import record_raw_hashes

    added, differ = record_raw_hashes(resolve_data_dir(args.data_dir))
    for rel in added:
        print(f"recorded the SHA-256 of {rel}")
    for rel in differ:
        print(f"error: {rel} differs from its recorded SHA-256; left as it is", file=sys.stderr)
    if not added and not differ:
        print("every raw file already has its SHA-256 recorded")
    return 1 if differ else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check the data files; print OK or every problem")
    val.add_argument("data_dir", nargs="?", default="", help="data folder (default: data/)")
    val.set_defaults(func=_validate)
    run = sub.add_parser("run", help="run one notebook with parameters and render its report")
    run.add_argument("notebook", help="path to a notebook, e.g. notebooks/country_profile.ipynb")
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter (repeatable)",
    )
    run.add_argument("--output-dir", default="", help="where to write (default: build/run)")
    run.set_defaults(func=_run)
    build = sub.add_parser("build", help="build every configured report into reports/")
    build.add_argument("--force", action="store_true", help="rebuild every report")
    build.add_argument("--jobs", type=int, default=None, help="parallel workers (default: cores)")
    build.set_defaults(func=_build)
    totals = sub.add_parser(
        "totals",
        help="print the totals and group bounds by date as CSV (a row per date, country, group)",
    )
    totals.add_argument(
        "--as-of",
        action="append",
        default=[],
        metavar="DATE",
        help="a date, YYYY-MM-DD (repeatable; default: the latest date in the data)",
    )
    totals.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="ISO3",
        help="a country code, e.g. KGZ (repeatable or comma-separated; default: all)",
    )
    totals.add_argument("--data-dir", default="", help="data folder (default: data/)")
    totals.set_defaults(func=_totals)
    record = sub.add_parser(
        "record-hashes", help="record in datapackage.json the SHA-256 of new files under data/raw/"
    )
    record.add_argument("data_dir", nargs="?", default="", help="data folder (default: data/)")
    record.set_defaults(func=_record_hashes)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit code."""
    args = _parser().parse_args(argv)
    return int(args.func(args))
