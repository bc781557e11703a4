"""The paper stamp card: one credit-card-sized PDF page with the shop, the customer and a grid of stamp fields.

Labels follow the language in use (`emma.i18n._`), the expiry date the card's locale. Every text is fitted to
its room: it shrinks down to a smallest size and is then cut with an ellipsis (the reward may first take a
second line), so nothing runs off the card.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscent, getDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from emma.domain.stamps import MAX_REQUIRED
from emma.i18n import _
from emma.i18n.formats import format_date
from emma.letters.fonts import Fonts, register_fonts
from emma.letters.lines import cut
from emma.letters.output import written_whole

CARD_WIDTH = 85.6 * mm  # ISO/IEC 7810 ID-1, the size of a bank card
CARD_HEIGHT = 54 * mm
MARGIN = 4.5 * mm
LARGEST_FIELD = 8 * mm  # a stamp field is never wider than this, however few there are
FIELD_SHARE = 0.78  # a field's diameter as a share of the distance between field centres

INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
ACCENT = HexColor("#2f5d50")
FIELD_LINE = HexColor("#8c99a4")
RULE = HexColor("#c9d3cf")

Point = tuple[float, float]


@dataclass(frozen=True)
class StampCardPrint:
    """What goes on one printed card; `stamps` fields are already filled when it is printed."""

    shop_name: str
    customer_name: str
    customer_code: str
    program_name: str
    required: int
    stamps: int
    reward: str
    expires_on: date | None
    locale: str

    def __post_init__(self) -> None:
        if not 1 <= self.required <= MAX_REQUIRED:
            raise ValueError(f"a card has 1 to {MAX_REQUIRED} fields, not {self.required}")
        if not 0 <= self.stamps <= self.required:
            raise ValueError(f"{self.stamps} stamps do not fit on a card of {self.required}")

    @property
    def heading(self) -> str:
        return _("Stamp card")


@dataclass(frozen=True)
class FittedLine:
    """A line of text fitted to a width: what to draw, in which font and size."""

    text: str
    font: str
    size: float

    @property
    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size)

    @property
    def ascent(self) -> float:
        return getAscent(self.font, self.size)

    @property
    def descent(self) -> float:
        return -getDescent(self.font, self.size)


def fit_text(text: str, font: str, size: float, smallest: float, width: float) -> FittedLine:
    """`text` on one line within `width`: at `size` if it fits, else smaller down to `smallest`, then cut with …"""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    natural = stringWidth(text, font, size)
    if natural > width:
        size = max(smallest, math.floor(size * width / natural * 10) / 10)
    if stringWidth(text, font, size) > width:
        text = cut(text, font, size, width)
    return FittedLine(text, font, size)


def wrap_text(text: str, font: str, size: float, smallest: float, width: float, lines: int = 2) -> list[FittedLine]:
    """`text` on at most `lines` lines within `width`: on one line if it fits there at no less than the middle of
    `size` and `smallest`, else broken between words at the largest size down to `smallest` that needs no more
    lines (and the last line cut with … if even that is not enough)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    single = fit_text(text, font, size, (size + smallest) / 2, width)
    if single.text == text or lines == 1:
        return [single]
    while True:
        broken = _break(text.split(" "), font, size, width)
        if len(broken) <= lines or size <= smallest:
            break
        size = max(smallest, size - 0.25)
    kept = [*broken[: lines - 1], " ".join(broken[lines - 1 :])]
    return [fit_text(line, font, size, size, width) for line in kept]


def _break(words: list[str], font: str, size: float, width: float) -> list[str]:
    """Words greedily onto lines no wider than `width` (a word too long for any line keeps a line of its own)."""
    broken: list[str] = []
    for word in words:
        if broken and stringWidth(f"{broken[-1]} {word}", font, size) <= width:
            broken[-1] = f"{broken[-1]} {word}"
        else:
            broken.append(word)
    return broken


def grid_shape(count: int, width: float, height: float) -> tuple[int, int]:
    """Columns and rows for `count` fields in a `width` × `height` box: short rows for few fields, rows of
    10, 15, 20 or 25 for many (whichever gives the largest fields, full rows a little preferred), so the
    owner can count at a glance."""
    if count <= 6:
        return count, 1
    if count <= 20:
        return math.ceil(count / 2), 2

    def score(columns: int) -> tuple[float, int]:
        full_rows = 1.0 if count % columns == 0 else 0.95
        return _pitch(columns, math.ceil(count / columns), width, height) * full_rows, -columns

    columns = max((10, 15, 20, 25), key=score)
    return columns, math.ceil(count / columns)


def _group_gap(columns: int) -> float:
    """A little air after every fifth column, as a share of the pitch (only in rows of 10 and more)."""
    return 0.4 if columns >= 10 and columns % 5 == 0 else 0.0


def _pitch(columns: int, rows: int, width: float, height: float) -> float:
    """Distance between field centres so that `columns` × `rows` fields (and group gaps) fill the box."""
    units = columns + _group_gap(columns) * ((columns - 1) // 5)
    return min(width / units, height / rows, LARGEST_FIELD / FIELD_SHARE)


def render_stamp_card(target: Path, card: StampCardPrint) -> None:
    """Write `card` as a one-page PDF to `target`; a failed render leaves neither a half PDF nor a temp file."""
    fonts = register_fonts()
    with written_whole(target) as out:
        canvas = Canvas(
            out,
            pagesize=(CARD_WIDTH, CARD_HEIGHT),
            initialFontName=fonts.regular,  # else reportlab names Helvetica, not embedded, in every PDF
            lang=card.locale.replace("_", "-"),
        )
        canvas.setTitle(f"{card.heading} – {card.customer_name}")
        canvas.setAuthor(card.shop_name)
        canvas.setSubject(card.program_name)
        canvas.setCreator("Frau Emma")
        _draw(canvas, card, fonts)
        canvas.showPage()
        canvas.save()


def _draw(canvas: Canvas, card: StampCardPrint, fonts: Fonts) -> None:
    left, right = MARGIN, CARD_WIDTH - MARGIN
    width = right - left

    # Header: the shop (the biggest thing on the card), the program under it, the heading to its right.
    heading = fit_text(card.heading.upper(), fonts.bold, 5.2, 4.5, width * 0.3)
    shop = fit_text(card.shop_name, fonts.bold, 10.5, 7, width)
    baseline = CARD_HEIGHT - MARGIN - shop.ascent
    _put(canvas, shop, left, baseline, INK)
    baseline -= shop.descent + 1.2 * mm
    program_room = width - heading.width - 3 * mm
    program = fit_text(card.program_name, fonts.regular, 7.5, 6, program_room)
    baseline -= program.ascent
    _put(canvas, program, left, baseline, ACCENT)
    _put(canvas, heading, right - heading.width, baseline, ACCENT)
    baseline -= program.descent + 1.6 * mm

    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(left, baseline, right, baseline)

    # The customer: name on the left, number on the right.
    code = fit_text(
        _("Customer no. {code}").format(code=card.customer_code) if card.customer_code.strip() else "",
        fonts.regular,
        6.3,
        5,
        width * 0.45,
    )
    name = fit_text(card.customer_name, fonts.bold, 8, 6, width - (code.width + 3 * mm if code.text else 0))
    baseline -= 1.6 * mm + name.ascent
    _put(canvas, name, left, baseline, INK)
    if code.text:
        _put(canvas, code, right - code.width, baseline, MUTED)
    grid_top = baseline - name.descent - 2.6 * mm

    # Footer: the reward on the left, the expiry on the right.
    expiry = fit_text(
        _("Valid until {date}").format(date=format_date(card.expires_on, card.locale)) if card.expires_on else "",
        fonts.regular,
        6.3,
        5,
        width * 0.45,
    )
    reward_room = width - (expiry.width + 3 * mm if expiry.text else 0)
    reward = wrap_text(_("Full card: {reward}").format(reward=card.reward), fonts.bold, 7.5, 5.5, reward_room)
    last_baseline = MARGIN + reward[-1].descent
    baseline = last_baseline + sum(line.size * 1.2 for line in reward[1:])
    grid_bottom = baseline + reward[0].ascent + 2.6 * mm
    for line in reward:  # top down, so the text copies in reading order
        _put(canvas, line, left, baseline, ACCENT)
        baseline -= line.size * 1.2
    if expiry.text:
        _put(canvas, expiry, right - expiry.width, last_baseline, MUTED)

    _draw_fields(canvas, card, left, grid_bottom, width, grid_top - grid_bottom)


def _put(canvas: Canvas, text: FittedLine, x: float, y: float, color: Color) -> None:
    if text.text:
        canvas.setFillColor(color)
        canvas.setFont(text.font, text.size)
        canvas.drawString(x, y, text.text)


def field_layout(count: int, x: float, y: float, width: float, height: float) -> tuple[list[Point], float]:
    """Centres (row by row, left to right) and the radius of `count` fields centred in the box at `x`, `y`."""
    columns, rows = grid_shape(count, width, height)
    pitch = _pitch(columns, rows, width, height)
    gap = _group_gap(columns) * pitch
    used_width = (columns - 1) * pitch + gap * ((columns - 1) // 5)
    first_x = x + (width - used_width) / 2
    first_y = y + (height + (rows - 1) * pitch) / 2
    centres: list[Point] = []
    for index in range(count):
        row, column = divmod(index, columns)
        centres.append((first_x + column * pitch + gap * (column // 5), first_y - row * pitch))
    return centres, pitch * FIELD_SHARE / 2


def _draw_fields(canvas: Canvas, card: StampCardPrint, x: float, y: float, width: float, height: float) -> None:
    """The grid of `required` fields: the first `stamps` filled, the last one marked as the reward."""
    centres, radius = field_layout(card.required, x, y, width, height)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for index, (centre_x, centre_y) in enumerate(centres):
        last = index == card.required - 1
        _draw_field(canvas, centre_x, centre_y, radius, filled=index < card.stamps, last=last)


def _draw_field(canvas: Canvas, x: float, y: float, radius: float, *, filled: bool, last: bool) -> None:
    if filled:
        canvas.setFillColor(ACCENT)
        canvas.circle(x, y, radius, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setStrokeColor(white)
        if last:
            _star(canvas, x, y, radius * 0.55)
        else:
            _tick(canvas, x, y, radius)
        return
    canvas.setFillColor(white)
    canvas.setStrokeColor(ACCENT if last else FIELD_LINE)
    canvas.setLineWidth(max(0.35, min(0.7, radius * 0.07)) * (1.6 if last else 1))
    canvas.circle(x, y, radius, stroke=1, fill=0)
    if last:
        canvas.setFillColor(ACCENT)
        _star(canvas, x, y, radius * 0.5)


def _tick(canvas: Canvas, x: float, y: float, radius: float) -> None:
    canvas.setLineWidth(radius * 0.18)
    path = canvas.beginPath()
    path.moveTo(x - radius * 0.42, y + radius * 0.02)
    path.lineTo(x - radius * 0.12, y - radius * 0.3)
    path.lineTo(x + radius * 0.45, y + radius * 0.34)
    canvas.drawPath(path, stroke=1, fill=0)


def _star(canvas: Canvas, x: float, y: float, radius: float) -> None:
    """A five-pointed star, drawn (not a glyph) so it never shows up in the card's text."""
    path = canvas.beginPath()
    for point in range(10):
        reach = radius if point % 2 == 0 else radius * 0.45
        angle = math.pi / 2 + point * math.pi / 5
        px, py = x + reach * math.cos(angle), y + reach * math.sin(angle) - radius * 0.06
        if point == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
