"""Files the data layer keeps between processes: a value pickled whole, or nothing.

A cache file is written to a temporary name and moved into place, so a reader never sees half of
one; a missing, damaged or unreadable file is only a miss, and a folder that cannot be written
only means nothing is kept. The keys (file names) say what a value depends on
(``data.loading``, ``data.reading``).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def read_kept(path: Path) -> Any:
    """Return the value kept at ``path``, or None when there is none or it cannot be read."""
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # noqa: S301 - our own file, written by keep() below
    except Exception:  # noqa: BLE001 - a missing or damaged file is only a miss
        return None


def keep(path: Path, value: Any, replaces: str, bound: tuple[str, int] | None = None) -> None:
    """Keep ``value`` at ``path``, after dropping the files of its folder matching ``replaces``.

    With ``bound`` (a pattern and a number), only the newest that many files matching the
    pattern stay afterwards.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(replaces):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, path)
        if bound is not None:
            pattern, most = bound
            kept = sorted(path.parent.glob(pattern), key=_stored_at, reverse=True)
            for old in kept[most:]:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a folder that cannot be written only means nothing is kept


def _stored_at(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # removed meanwhile by another process
