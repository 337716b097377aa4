"""Print report pages to PDF with the system Chromium: A4, page numbers, stable bytes.

Each PDF is tagged (its headings, paragraphs, tables and figures are marked for screen readers)
and has an outline: a bookmark for every heading, so it can be navigated like the page.

One browser serves every page a process prints (starting Chromium costs far more than printing
a page). Chromium writes the time of printing into each file; it is replaced by a fixed date, so
the same page gives the same bytes. Chromium is not pinned by the lock: without it the HTML site
is still built and the PDFs are skipped (``find_chromium`` says whether it is there).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#444">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
MARGIN = {"top": "14mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")
_UNLINK_FILES = """() => document.querySelectorAll('a[href]').forEach(a => {
  const href = a.getAttribute('href');
  if (!href.startsWith('#') && !/^https?:/.test(href)) a.removeAttribute('href');
})"""


def find_chromium() -> str | None:
    """Return the path of the system Chromium (``$CHROMIUM`` first), or None when absent."""
    candidate = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and Path(candidate).is_file() else None


def fix_dates(data: bytes, stamp: str = "20000101000000") -> bytes:
    """Replace the print time in a PDF's creation and modification dates by ``stamp``.

    The replacement has the same length, so the file's byte offsets stay valid.
    """
    if len(stamp) != 14 or not stamp.isdigit():
        raise ValueError(f"stamp must be 14 digits (YYYYMMDDHHMMSS), got {stamp!r}")
    return _DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp.encode(), data)


_NODE_ID = re.compile(rb"\(node(\d{8})\)")
_ID_LEAF = re.compile(rb"/Limits \[\(node\d{8}\) \(node\d{8}\)\]\s*/Names \[([^\]]*)\]")
_ID_PAIR = re.compile(rb"\(node(\d{8})\) (\d+) 0 R")


def fix_node_ids(data: bytes) -> bytes:
    """Renumber a tagged PDF's structure ids ``(node00000028)`` by the objects holding them.

    Chromium takes the ids from a counter of its page process, so the same page printed after
    another, or laid out in another order, gets other ids. The structure's objects keep their
    numbers, so an id is renumbered by the rank of the object its id tree names for it: the
    same on every print. The id tree's entries are put back in the order of their new ids, and
    every number keeps its length, so the file's byte offsets stay valid. A file whose id tree is
    not one leaf is renumbered by the rank of the old ids instead.
    """
    leaves = list(_ID_LEAF.finditer(data))
    if len(leaves) != 1:
        return _renumber(data, sorted({int(m) for m in _NODE_ID.findall(data)}))
    pairs = _ID_PAIR.findall(leaves[0].group(1))
    by_object = [int(old) for old, _ in sorted(pairs, key=lambda pair: int(pair[1]))]
    others = sorted({int(m) for m in _NODE_ID.findall(data)} - set(by_object))
    fixed = _renumber(data, by_object + others)
    leaf = _ID_LEAF.search(fixed)
    entries = sorted(_ID_PAIR.findall(leaf.group(1)))
    names = b" ".join(b"(node%s) %s 0 R" % entry for entry in entries)
    if len(names) != len(leaf.group(1)):
        return _renumber(data, sorted({int(m) for m in _NODE_ID.findall(data)}))
    limits = b"/Limits [(node%s) (node%s)]" % (entries[0][0], entries[-1][0])
    text = leaf.group(0)
    head = text[: text.index(b"/Names [")]
    body = limits + head[len(b"/Limits [(node00000000) (node00000000)]") :]
    return fixed[: leaf.start()] + body + b"/Names [" + names + b"]" + fixed[leaf.end() :]


def _renumber(data: bytes, order: list[int]) -> bytes:
    """Replace each id by its place (from 1) in ``order``, keeping its length."""
    ranks = {n: i for i, n in enumerate(order, 1)}
    return _NODE_ID.sub(lambda m: b"(node%08d)" % ranks[int(m.group(1))], data)


class PdfPrinter:
    """Prints HTML files to PDF with one Chromium, started on first use; ``close`` stops it."""

    def __init__(self, executable: str | None = None):
        self.executable = executable or find_chromium()
        self._playwright: Any = None
        self._browser: Any = None

    def _page(self) -> Any:
        if self._browser is None:
            if self.executable is None:
                raise RuntimeError("Chromium not found: install Debian's chromium to print PDFs")
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable, headless=True, args=CHROMIUM_ARGS
            )
        return self._browser.new_page()

    def print(self, html: Path, pdf: Path, stamp: str = "20000101000000") -> Path:
        """Print ``html`` (a file) to ``pdf``: A4, page numbers, outline, tagged, fixed dates."""
        page = self._page()
        try:
            page.goto(Path(html).resolve().as_uri(), wait_until="load")
            # A link to a file beside the page means nothing in a PDF sent on its own (and
            # would carry this machine's paths): keep its text, drop the link. Links within
            # the page become the PDF's own links; web addresses stay.
            page.evaluate(_UNLINK_FILES)
            data = page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin=MARGIN,
                outline=True,
                tagged=True,
            )
        finally:
            page.close()
        Path(pdf).write_bytes(fix_node_ids(fix_dates(data, stamp)))
        return Path(pdf)

    def close(self) -> None:
        """Stop the browser, if it was started."""
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
            self._browser = self._playwright = None
