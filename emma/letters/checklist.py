"""A list to work from paper on one A4 page: the Tageszettel of a day's reminders, or a call list.

Each row has a box to tick, the customer, the reason and her phone number. What does not fit on the
page is counted in a last line ("… and 37 more"), so the page is always one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from emma.i18n import _
from emma.letters.fonts import register_fonts
from emma.letters.output import written_whole
from emma.letters.stamp_card import fit_text, wrap_text

INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
ACCENT = HexColor("#2f5d50")
RULE = HexColor("#c9d3cf")
MARGIN = 18 * mm
ROW = 9.5 * mm
SECTION = 11 * mm


@dataclass(frozen=True)
class ChecklistRow:
    name: str
    reason: str
    phone: str = ""
    when: str = ""


@dataclass(frozen=True)
class Checklist:
    title: str
    subtitle: str
    shop_name: str
    locale: str
    sections: list[tuple[str, list[ChecklistRow]]] = field(default_factory=list)


def render_checklist(target: Path, sheet: Checklist) -> None:
    """Writes `sheet` as a one-page A4 PDF; a failed render leaves neither a half PDF nor a temp file."""
    fonts = register_fonts()
    with written_whole(target, make_folder=True) as out:
        canvas = Canvas(out, pagesize=A4, initialFontName=fonts.regular, lang=sheet.locale.replace("_", "-"))
        canvas.setTitle(f"{sheet.title} – {sheet.subtitle}")
        canvas.setAuthor(sheet.shop_name)
        canvas.setCreator("Frau Emma")
        _draw(canvas, sheet, fonts)
        canvas.showPage()
        canvas.save()


def _draw(canvas: Canvas, sheet: Checklist, fonts) -> None:
    width, height = A4
    left, right = MARGIN, width - MARGIN
    y = height - MARGIN
    canvas.setFillColor(MUTED)
    shop = fit_text(sheet.shop_name, fonts.regular, 9, 7, right - left)
    canvas.setFont(shop.font, shop.size)
    canvas.drawString(left, y - 9, shop.text)
    y -= 12 * mm
    canvas.setFillColor(INK)
    title = fit_text(sheet.title, fonts.bold, 20, 14, right - left)
    canvas.setFont(title.font, title.size)
    canvas.drawString(left, y, title.text)
    y -= 7 * mm
    subtitle = fit_text(sheet.subtitle, fonts.regular, 11, 9, right - left)
    canvas.setFont(subtitle.font, subtitle.size)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, y, subtitle.text)
    y -= 6 * mm

    bottom = MARGIN + ROW  # room for the "… and N more" line
    rows_left = sum(len(rows) for _heading, rows in sheet.sections)
    if not rows_left:
        y -= SECTION
        canvas.setFont(fonts.regular, 11)
        canvas.drawString(left, y, _("Nothing to remember."))
        return
    for heading, rows in sheet.sections:
        if not rows:
            continue
        if y - SECTION - ROW < bottom:
            break
        y -= SECTION
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, 12)
        canvas.drawString(left, y, f"{heading} ({len(rows)})")
        y -= 2 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, y, right, y)
        for row in rows:
            if y - ROW < bottom:
                break
            y -= ROW
            _draw_row(canvas, row, fonts, left, right, y)
            rows_left -= 1
    if rows_left:
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 10)
        canvas.drawString(left, MARGIN, _("… and {count} more in Frau Emma").format(count=rows_left))


def _draw_row(canvas: Canvas, row: ChecklistRow, fonts, left: float, right: float, y: float) -> None:
    box = 3.6 * mm
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.8)
    canvas.rect(left, y + 0.5 * mm, box, box)
    x = left + box + 3 * mm
    phone_room = 34 * mm
    canvas.setFillColor(INK)
    for text, room, font in ((row.when, 22 * mm, fonts.regular), (row.name, 50 * mm, fonts.bold)):
        fitted = fit_text(text, font, 9.5, 7, room - 2 * mm)
        canvas.setFont(fitted.font, fitted.size)
        canvas.drawString(x, y + 1 * mm, fitted.text)
        x += room
    lines = wrap_text(row.reason, fonts.regular, 9.5, 8, right - x - phone_room - 2 * mm, lines=2)
    top = y + 1 * mm + (len(lines) - 1) * 3.6 * mm / 2
    for number, line in enumerate(lines):
        canvas.setFont(line.font, line.size)
        canvas.drawString(x, top - number * 3.6 * mm, line.text)
    fitted = fit_text(row.phone, fonts.regular, 9.5, 7, phone_room)
    canvas.setFont(fitted.font, fitted.size)
    canvas.drawRightString(right, y + 1 * mm, fitted.text)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.line(left, y - 1.2 * mm, right, y - 1.2 * mm)
