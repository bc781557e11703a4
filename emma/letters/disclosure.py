"""The Auskunft (Art. 15 DSGVO) as a readable PDF: everything stored about one customer, section by section,
each row a label and its text, on as many A4 pages as it takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from emma.i18n import _
from emma.letters.fonts import Fonts, register_fonts
from emma.letters.lines import cut, wrap
from emma.letters.output import written_whole

INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
ACCENT = HexColor("#2f5d50")
RULE = HexColor("#c9d3cf")
MARGIN = 20 * mm
LABEL_WIDTH = 60 * mm
SIZE, LEADING = 9.5, 13


@dataclass(frozen=True)
class Section:
    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    empty: str = ""  # said when there are no rows


@dataclass(frozen=True)
class Disclosure:
    title: str
    subtitle: str  # whom it is about and when it was made
    shop_name: str
    intro: str
    locale: str
    sections: list[Section] = field(default_factory=list)


def render_disclosure(target: Path, document: Disclosure) -> int:
    """Writes the document as an A4 PDF, whole or not at all; returns the number of pages."""
    fonts = register_fonts()
    with written_whole(target) as out:
        canvas = Canvas(out, pagesize=A4, initialFontName=fonts.regular, lang=document.locale.replace("_", "-"))
        canvas.setTitle(f"{document.title} – {document.subtitle}")
        canvas.setAuthor(document.shop_name)
        canvas.setCreator("Frau Emma")
        pages = _Pages(canvas, fonts, document)
        pages.draw()
        canvas.save()
    return pages.number


class _Pages:
    """Draws row after row and begins a new page when the next one does not fit."""

    def __init__(self, canvas: Canvas, fonts: Fonts, document: Disclosure) -> None:
        self.canvas, self.fonts, self.document = canvas, fonts, document
        self.width, self.height = A4
        self.left, self.right = MARGIN, self.width - MARGIN
        self.number = 1
        self.y = self.height - MARGIN

    def draw(self) -> None:
        canvas, fonts, document = self.canvas, self.fonts, self.document
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 9)
        canvas.drawString(self.left, self.y - 9, cut(document.shop_name, fonts.regular, 9, self.right - self.left))
        self.y -= 12 * mm
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, 18)
        canvas.drawString(self.left, self.y, cut(document.title, fonts.bold, 18, self.right - self.left))
        self.y -= 7 * mm
        canvas.setFont(fonts.regular, 11)
        canvas.setFillColor(MUTED)
        canvas.drawString(self.left, self.y, cut(document.subtitle, fonts.regular, 11, self.right - self.left))
        self.y -= 8 * mm
        canvas.setFillColor(INK)
        for line in wrap(document.intro, fonts.regular, SIZE, self.right - self.left):
            self._room(LEADING)
            canvas.setFont(fonts.regular, SIZE)
            canvas.drawString(self.left, self.y, line)
            self.y -= LEADING
        for section in document.sections:
            self._section(section)
        self._footer()
        canvas.showPage()

    def _section(self, section: Section) -> None:
        canvas, fonts = self.canvas, self.fonts
        self._room(14 * mm)
        self.y -= 6 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, 12)
        canvas.drawString(self.left, self.y, section.heading)
        self.y -= 2.5 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(self.left, self.y, self.right, self.y)
        self.y -= 5 * mm
        canvas.setFillColor(INK)
        if not section.rows:
            canvas.setFillColor(MUTED)
            canvas.setFont(fonts.regular, SIZE)
            canvas.drawString(self.left, self.y, section.empty or _("nothing stored"))
            canvas.setFillColor(INK)
            self.y -= LEADING
            return
        value_width = self.right - self.left - LABEL_WIDTH
        for label, text in section.rows:
            lines = [line for paragraph in (text or "–").splitlines() or ["–"]
                     for line in (wrap(paragraph, fonts.regular, SIZE, value_width) or [""])]  # fmt: skip
            self._room(LEADING * min(len(lines), 3))
            canvas.setFont(fonts.bold, SIZE)
            canvas.setFillColor(MUTED)
            canvas.drawString(self.left, self.y, cut(label, fonts.bold, SIZE, LABEL_WIDTH - 3 * mm))
            canvas.setFillColor(INK)
            canvas.setFont(fonts.regular, SIZE)
            for line in lines:
                self._room(LEADING)
                canvas.setFont(fonts.regular, SIZE)
                canvas.drawString(self.left + LABEL_WIDTH, self.y, line)
                self.y -= LEADING

    def _room(self, needed: float) -> None:
        if self.y - needed >= MARGIN + 8 * mm:
            return
        self._footer()
        self.canvas.showPage()
        self.number += 1
        self.y = self.height - MARGIN - 6 * mm

    def _footer(self) -> None:
        self.canvas.setFont(self.fonts.regular, 8)
        self.canvas.setFillColor(MUTED)
        self.canvas.drawString(self.left, MARGIN - 6 * mm, f"{self.document.title} – {self.document.subtitle}")
        self.canvas.drawRightString(self.right, MARGIN - 6 * mm, _("page {n}").format(n=self.number))
        self.canvas.setFillColor(INK)
