"""The raw sources under ``data/raw/`` carry their SHA-256 in the Data Package.

Every file under ``data/raw/`` is a resource of ``data/datapackage.json`` with a ``hash``
(``sha256:…``): the World Bank table is a tabular resource, every excerpt and README a text
resource. Loading recomputes each hash (``data.reading.raw_file_problems``; frictionless does
too when it validates the package in full), so a raw file changed by one byte is refused in
any clone; ``raw_hash_problems`` refuses a raw file with no hash recorded.
``record_raw_hashes`` (``python -m helpers record-hashes``) records the hash of a newly added
source; it never changes a hash already recorded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from helpers.data.errors import Problem
from helpers.data.schema import DATAPACKAGE

RAW = "raw"
_MEDIA = {".txt": ("txt", "text/plain"), ".md": ("md", "text/markdown")}


def raw_files(data_dir: Path) -> list[str]:
    """Return the path of every file under ``data_dir/raw/``, relative to ``data_dir``, sorted."""
    root = data_dir / RAW
    if not root.is_dir():
        return []
    return sorted(p.relative_to(data_dir).as_posix() for p in root.rglob("*") if p.is_file())


def sha256_of(path: Path) -> str:
    """Return the SHA-256 of the bytes of ``path`` as lowercase hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hash_files(paths: Iterable[Path], root: Path) -> str:
    """Return a short content hash of ``paths``: their names relative to ``root``, and bytes.

    The one hash of a set of files the project uses: the build's data, code and notebook
    versions, and the key under which a loaded dataset is remembered.
    """
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def hash_folder(directory: Path, root: Path | None = None) -> str:
    """Return ``hash_files`` of every file under ``directory`` (names relative to ``root``)."""
    files = (p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return hash_files(files, directory if root is None else root)


def recorded_hashes(descriptor: dict[str, Any]) -> dict[str, str | None]:
    """Return the ``hash`` recorded for each resource path under ``raw/`` (None if none)."""
    return {
        str(res.get("path")): res.get("hash")
        for res in descriptor.get("resources", [])
        if isinstance(res, dict) and str(res.get("path", "")).startswith(f"{RAW}/")
    }


def raw_hash_problems(data_dir: Path, descriptor: dict[str, Any], display: str) -> list[Problem]:
    """Return a problem for every raw file whose SHA-256 is not recorded in the descriptor.

    Whether a recorded hash still matches the file is checked as the package is read
    (``data.reading.raw_file_problems``); this checks that every file has one, so a file added
    without its hash cannot pass unseen. ``display`` is how ``datapackage.json`` is named in the
    messages.
    """
    recorded = recorded_hashes(descriptor)
    problems = []
    for rel in raw_files(data_dir):
        value = recorded.get(rel)
        if rel not in recorded:
            rule = "is not a resource of the Data Package, so nothing guards its bytes"
        elif not (isinstance(value, str) and value.startswith("sha256:")):
            rule = "has no SHA-256 recorded (a 'hash' of the form sha256:…)"
        else:
            continue
        problems.append(
            Problem(
                display,
                f"{rule}; record it with `python -m helpers record-hashes`",
                column="hash",
                value=rel,
            )
        )
    return problems


def _resource_name(rel: str) -> str:
    """Return a resource name frictionless accepts (lowercase letters, digits, ``-._/``)."""
    return "".join(c if c.isalnum() or c in "-._/" else "-" for c in rel.lower())


def _text_resource(rel: str, digest: str) -> dict[str, Any]:
    fmt, media = _MEDIA.get(Path(rel).suffix, ("txt", "text/plain"))
    return {
        "name": _resource_name(rel),
        "path": rel,
        "type": "text",
        "format": fmt,
        "mediatype": media,
        "encoding": "utf-8",
        "hash": f"sha256:{digest}",
    }


def record_raw_hashes(data_dir: Path) -> tuple[list[str], list[str]]:
    """Record in ``datapackage.json`` the SHA-256 of every raw file that has none.

    A file that is not yet a resource is added as a text resource; a resource with no hash
    (the World Bank table) gets one. A hash already recorded is never changed: a file whose bytes
    no longer match it is returned in the second list, left for a person to look at.
    Returns (files recorded, files that differ from their recorded hash). The descriptor is read
    and written back at once, with the project's formatting (2-space indent, UTF-8).
    """
    path = data_dir / DATAPACKAGE
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    by_path = {
        str(res.get("path")): res
        for res in descriptor["resources"]
        if str(res.get("path", "")).startswith(f"{RAW}/")
    }
    added, differ = [], []
    for rel in raw_files(data_dir):
        digest = sha256_of(data_dir / rel)
        res = by_path.get(rel)
        if res is None:
            descriptor["resources"].append(_text_resource(rel, digest))
            added.append(rel)
        elif not res.get("hash"):
            res["hash"] = f"sha256:{digest}"
            added.append(rel)
        elif res["hash"] != f"sha256:{digest}":
            differ.append(rel)
    if added:
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
    return added, differ
