"""Greetings on an A6 postcard (148 × 105 mm, landscape), one card per page, for a birthday card that goes out
without an envelope: the message on the left half, the stamp box and the address on the right half, as the
post expects a postcard. The message is set as large as fits (9 pt down to 6 pt); what does not fit even then
is cut with … on its last line, never drawn over the edge.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A6, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from emma.letters.fonts import Fonts
from emma.letters.letter_pdf import ACCENT, INK, MUTED, Layout, Letterhead, LetterPage, draw_logo
from emma.letters.lines import cut, wrap

CARD_WIDTH, CARD_HEIGHT = landscape(A6)
MARGIN = 7 * mm
DIVIDER = 76 * mm  # between the message and the address half
MESSAGE_WIDTH = DIVIDER - MARGIN - 4 * mm
ADDRESS_LEFT = DIVIDER + 5 * mm
ADDRESS_WIDTH = CARD_WIDTH - ADDRESS_LEFT - MARGIN
ADDRESS_TOP = 55 * mm  # from the top edge: well below the stamp
STAMP = (22 * mm, 26 * mm)
MESSAGE_TOP = 19 * mm  # from the top edge, under the shop's name and the date
MESSAGE_BOTTOM = 11 * mm  # from the bottom edge, over the shop's address
LARGEST, SMALLEST = 9.0, 6.0
LOGO_BOX = (24 * mm, 10 * mm)


def draw_postcard(canvas: Canvas, head: Letterhead, card: LetterPage, fonts: Fonts) -> int:
    top = CARD_HEIGHT - MARGIN
    # The shop (and its logo) over the message, the date under it.
    logo_width = draw_logo(canvas, head.logo, right=DIVIDER - 4 * mm, top=top, box=LOGO_BOX) if head.logo else 0
    canvas.setFillColor(ACCENT)
    name_width = MESSAGE_WIDTH - (logo_width + 3 * mm if logo_width else 0)
    size = 11.0
    while size > 7.5 and stringWidth(head.shop_name, fonts.bold, size) > name_width:
        size -= 0.5
    canvas.setFont(fonts.bold, size)
    canvas.drawString(MARGIN, top - 9, cut(head.shop_name, fonts.bold, size, name_width))
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, 7)
    canvas.drawString(MARGIN, top - 20, cut(card.date, fonts.regular, 7, name_width))
    footer = " · ".join(part for part in (head.address, head.contact) if part)
    canvas.setFont(fonts.regular, 6)
    canvas.drawString(MARGIN, MARGIN - 1 * mm, cut(footer, fonts.regular, 6, MESSAGE_WIDTH))
    _draw_message(canvas, head, card, fonts)
    # The divider, the stamp box and the address.
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    canvas.line(DIVIDER, MARGIN + 4 * mm, DIVIDER, CARD_HEIGHT - MARGIN - 4 * mm)
    canvas.setDash(2, 2)
    canvas.rect(CARD_WIDTH - MARGIN - STAMP[0], top - STAMP[1], *STAMP)
    canvas.setDash()
    sender = cut(" · ".join(part for part in (head.shop_name, head.address) if part), fonts.regular, 6, ADDRESS_WIDTH)
    canvas.setFont(fonts.regular, 6)
    canvas.drawString(ADDRESS_LEFT, CARD_HEIGHT - ADDRESS_TOP + 4, sender)
    canvas.line(ADDRESS_LEFT, CARD_HEIGHT - ADDRESS_TOP + 2, CARD_WIDTH - MARGIN, CARD_HEIGHT - ADDRESS_TOP + 2)
    canvas.setFillColor(INK)
    canvas.setFont(fonts.regular, 10)
    y = CARD_HEIGHT - ADDRESS_TOP - 12
    for line in card.address[:6]:
        canvas.drawString(ADDRESS_LEFT, y, cut(line, fonts.regular, 10, ADDRESS_WIDTH))
        y -= 12.5
    canvas.showPage()
    return 1


def _draw_message(canvas: Canvas, head: Letterhead, card: LetterPage, fonts: Fonts) -> None:
    """Subject, paragraphs, closing and signature at the largest size that fits the message's space; if even
    the smallest is too large, the body is cut with … and the closing and signature still printed."""
    room = CARD_HEIGHT - MESSAGE_TOP - MESSAGE_BOTTOM
    size = LARGEST
    while True:
        body, tail = _message_lines(head, card, fonts, size)
        if _height(body + tail) <= room or size <= SMALLEST:
            break
        size -= 0.25
    if _height(body + tail) > room:
        while body and (_height(body + tail) > room or not body[-1][0]):
            body.pop()
        if body:
            text, font, gap = body[-1]
            body[-1] = (cut(f"{text} …", font, size, MESSAGE_WIDTH), font, gap)
    y = CARD_HEIGHT - MESSAGE_TOP
    canvas.setFillColor(INK)
    for text, font, gap in body + tail:
        canvas.setFont(font, size)
        canvas.drawString(MARGIN, y - size, text)
        y -= gap


def _height(lines: list[tuple[str, str, float]]) -> float:
    return sum(gap for _text, _font, gap in lines)


def _message_lines(head: Letterhead, card: LetterPage, fonts: Fonts, size: float) -> tuple[list, list]:
    """(text, font, the height it takes) of every line of the message at `size`: the body (subject and
    paragraphs), and the closing with the signature."""
    leading = size * 1.35

    def lines_of(text: str, font: str) -> list[tuple[str, str, float]]:
        return [(line, font, leading) for raw in text.split("\n") for line in wrap(raw, font, size, MESSAGE_WIDTH)]

    body: list[tuple[str, str, float]] = []
    if card.subject:
        body += [*lines_of(card.subject, fonts.bold), ("", fonts.regular, leading * 0.5)]
    for paragraph in card.paragraphs:
        body += [*lines_of(paragraph, fonts.regular), ("", fonts.regular, leading * 0.4)]
    tail = lines_of(card.closing, fonts.regular) if card.closing else []
    return body, [*tail, ("", fonts.regular, leading * 0.4), (head.owner or head.shop_name, fonts.regular, leading)]


POSTCARD = Layout((CARD_WIDTH, CARD_HEIGHT), draw_postcard)
