"""Address labels on A4 sheets: 3 × 7 labels of 70 × 42.3 mm or 3 × 8 of 70 × 36 mm, from any start position
(to use up a sheet that is partly used)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from emma.letters.fonts import register_fonts
from emma.letters.lines import cut
from emma.letters.output import written_whole

INK = HexColor("#1d2a35")


@dataclass(frozen=True)
class LabelSheet:
    name: str
    columns: int
    rows: int
    width: float
    height: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


SHEETS = {
    "3x7": LabelSheet("3 × 7 (70 × 42,3 mm)", 3, 7, 70 * mm, 42.3 * mm),
    "3x8": LabelSheet("3 × 8 (70 × 36 mm)", 3, 8, 70 * mm, 36 * mm),
}


def render_labels(target: Path, addresses: Iterable[list[str]], sheet: LabelSheet, *, start: int = 1) -> int:
    """Writes one label per address, the first at position `start` (1 = top left, row by row); returns the pages."""
    fonts = register_fonts()
    width, height = A4
    left = (width - sheet.columns * sheet.width) / 2
    top = (height - sheet.rows * sheet.height) / 2
    position = max(1, min(start, sheet.per_sheet)) - 1
    pages = 0
    with written_whole(target, make_folder=True) as out:
        canvas = Canvas(out, pagesize=A4, initialFontName=fonts.regular)
        canvas.setTitle("Adressetiketten")
        canvas.setCreator("Frau Emma")
        used = False
        for lines in addresses:
            column, row = position % sheet.columns, position // sheet.columns
            x = left + column * sheet.width + 6 * mm
            y = height - top - row * sheet.height - 9 * mm
            canvas.setFillColor(INK)
            canvas.setFont(fonts.regular, 10)
            for line in lines[:6]:
                canvas.drawString(x, y, cut(line, fonts.regular, 10, sheet.width - 12 * mm))
                y -= 12
            used = True
            position += 1
            if position == sheet.per_sheet:
                canvas.showPage()
                pages += 1
                position, used = 0, False
        if used or not pages:
            canvas.showPage()
            pages += 1
        canvas.save()
    return pages
