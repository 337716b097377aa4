"""Figure files: each figure written once, as PNG and SVG, seen inline in Jupyter, linked by pages.

``save_figure`` is the only writer of figures. What it returns shows itself in a notebook as the
PNG (for the analyst), and carries a link form (``FIGURE_MIME``: the files, the alt text, the
size) from which a page shows the PNG beside it, with "PNG · SVG" download links under it
(``figure_html``). A page never embeds an image: the files are its only copy.
"""

from __future__ import annotations

import base64
import html
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from helpers.report.i18n import t

if TYPE_CHECKING:  # matplotlib is imported where a figure is saved: a page renders without it
    from matplotlib.figure import Figure

FIGURE_MIME = "application/vnd.central-asia-returnees.figure+json"
"""The link form of a saved figure in a notebook's outputs, read by the page renderer."""


class FigureLinkError(ValueError):
    """A page cannot link a figure shown by a notebook (not saved, or saved outside its folder)."""


@dataclass(frozen=True)
class SavedFigure:
    """A figure written to disk: the PNG inline in a notebook, a link to its files on a page."""

    png: Path
    svg: Path
    alt: str
    width: int
    """Width of the PNG in pixels."""
    height: int
    """Height of the PNG in pixels."""

    def link(self) -> dict[str, Any]:
        """Return the link form a page is made from: the files' paths, the alt text, the size."""
        return {
            "png": self.png.as_posix(),
            "svg": self.svg.as_posix(),
            "alt": self.alt,
            "width": self.width,
            "height": self.height,
        }

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        # Jupyter shows the PNG (it ignores the link form); the page renderer takes the link.
        return {
            "image/png": base64.b64encode(self.png.read_bytes()).decode("ascii"),
            "text/plain": f"{self.png.name}, {self.svg.name}: {self.alt}",
            FIGURE_MIME: self.link(),
        }


def _png_size(path: Path) -> tuple[int, int]:
    """Read a PNG's width and height in pixels from its header (the IHDR chunk)."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return int(width), int(height)


def save_figure(fig: Figure, directory: str | Path, name: str, alt: str) -> SavedFigure:
    """Write ``fig`` as ``name.png`` and ``name.svg`` with stable bytes; return what was written.

    ``alt`` is the text a screen reader says for the image: what the figure shows. A report's
    figures go under its ``output_dir`` (``p.output_dir / "figures"``): its page links them from
    there. No date, software tag or random id goes into either file, so the same figure gives
    the same bytes on every run.
    """
    import matplotlib.style

    from helpers.report.figure_style import DPI, STYLE

    out = Path(directory).resolve()
    out.mkdir(parents=True, exist_ok=True)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    with matplotlib.style.context(STYLE):
        fig.savefig(png, dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return SavedFigure(png, svg, alt, *_png_size(png))


def _href(path: str, page_dir: Path) -> str:
    """Return the address of a figure file relative to the page's folder."""
    file, folder = Path(path).resolve(), page_dir.resolve()
    if not file.is_relative_to(folder):
        raise FigureLinkError(
            f"figure {file.name} was saved in {file.parent}, outside the report's folder "
            f"{folder}: save a report's figures under its output_dir "
            '(helpers.save_figure(fig, p.output_dir / "figures", name, alt=...))'
        )
    return quote(os.path.relpath(file, folder).replace(os.sep, "/"))


def figure_html(link: dict[str, Any], page_dir: Path) -> str:
    """Return a page's figure: the PNG beside the page, its alt text, links to the PNG and SVG.

    ``link`` is a saved figure's link form (``SavedFigure.link``); ``page_dir`` is the folder
    the page is written to, which must hold the figure's files. The link words are in the
    current language; no image is embedded.
    """
    png, svg = _href(link["png"], page_dir), _href(link["svg"], page_dir)
    alt = html.escape(str(link["alt"]), quote=True)
    return (
        f'<figure class="chart"><img src="{png}" alt="{alt}" '
        f'width="{int(link["width"])}" height="{int(link["height"])}">\n'
        f'<p class="figure-files">{html.escape(t("figure.download"), quote=False)} '
        f'<a href="{png}" type="image/png">PNG</a> · '
        f'<a href="{svg}" type="image/svg+xml">SVG</a></p></figure>'
    )
