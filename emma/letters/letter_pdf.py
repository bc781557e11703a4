"""Personal letters on A4 after DIN 5008 form B, many into one PDF, drawn page by page.

The recipient's address sits in the window field of a DL/C6 envelope (85 × 45 mm, 20 mm from the left and
45 mm from the top, the return address in small type at its top), fold marks at 105 and 210 mm, the hole
mark at 148.5 mm. Every text is drawn as plain characters with the shipped DejaVu font: nothing in a name or a
template is markup, and every European name prints and copies out of the PDF as it was typed.

Letters go onto the canvas one after the other and each page is written out when it is done, so 10,000
letters take no more memory than ten.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from emma.letters.fonts import Fonts, register_fonts
from emma.letters.joined_pdf import JoinedPdf
from emma.letters.lines import cut, wrap
from emma.letters.output import written_whole

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm  # text margin (DIN 5008)
RIGHT = 20 * mm
FIELD_LEFT, FIELD_TOP, FIELD_WIDTH, FIELD_HEIGHT = 20 * mm, 45 * mm, 85 * mm, 45 * mm
RETURN_ZONE = 17.7 * mm  # the top of the address field: return address and notes
INFO_LEFT, INFO_TOP = 125 * mm, 50 * mm
SUBJECT_TOP = 98.46 * mm
FOLD_MARKS = (105 * mm, 210 * mm)
HOLE_MARK = 148.5 * mm
BODY_SIZE, BODY_LEADING = 11, 15.5
INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
ACCENT = HexColor("#2f5d50")


@dataclass(frozen=True)
class Letterhead:
    shop_name: str
    address: str = ""  # one line: street, postal code, town
    contact: str = ""  # one line: phone, e-mail
    owner: str = ""  # who signs
    logo: bytes | None = None  # PNG or JPEG, drawn at the top right


@dataclass(frozen=True)
class LetterPage:
    """One letter as it is printed."""

    address: list[str]
    date: str
    subject: str
    paragraphs: list[str]
    closing: str


@dataclass(frozen=True)
class Layout:
    """A kind of paper and how one letter is drawn on it (returns the pages it took)."""

    page_size: tuple[float, float]
    draw: Callable[[Canvas, Letterhead, LetterPage, Fonts], int]


def render_letters(
    target: Path,
    letterhead: Letterhead,
    letters: Iterable[LetterPage],
    *,
    locale: str,
    title: str,
    cancelled: Callable[[], bool] | None = None,
    done: Callable[[int], None] | None = None,
    layout: Layout | None = None,
) -> tuple[int, int]:
    """Writes all `letters` into one PDF at `target` (A4 letters, or the given `layout`); returns (letters,
    pages). A failure or a cancel leaves no file behind (the PDF is written beside it and moved into place when
    complete)."""
    layout = layout or LETTER
    fonts = register_fonts()
    count = pages = 0

    def drawn(_letter: LetterPage) -> None:
        nonlocal count
        count += 1
        if done is not None:
            done(count)

    with written_whole(target, make_folder=True) as out:
        joined = JoinedPdf(out, title=title, author=letterhead.shop_name)
        for part in _parts(letters, PART_LETTERS):
            if cancelled is not None and cancelled():
                raise _Cancelled
            buffer = io.BytesIO()
            pages += _render_part(buffer, layout, letterhead, part, fonts, locale, cancelled, drawn)
            joined.add(buffer.getvalue())
        joined.close()
    return count, pages


PART_LETTERS = 250  # letters drawn into one part before it is joined onto the PDF


def _parts(letters: Iterable[LetterPage], size: int) -> Iterator[list[LetterPage]]:
    """The letters in parts of `size`; no letters make one empty part (a PDF has at least one page)."""
    part: list[LetterPage] = []
    empty = True
    for letter in letters:
        part.append(letter)
        empty = False
        if len(part) == size:
            yield part
            part = []
    if part or empty:
        yield part


def _render_part(out, layout: Layout, letterhead: Letterhead, letters: list[LetterPage], fonts: Fonts, locale: str,
                 cancelled: Callable[[], bool] | None, drawn: Callable[[LetterPage], None]) -> int:  # fmt: skip
    canvas = Canvas(out, pagesize=layout.page_size, initialFontName=fonts.regular, lang=locale.replace("_", "-"),
                    pageCompression=1)  # fmt: skip
    pages = 0
    for letter in letters:
        if cancelled is not None and cancelled():
            raise _Cancelled
        pages += layout.draw(canvas, letterhead, letter, fonts)
        _compress_done_pages(canvas)
        drawn(letter)
    if not letters:
        canvas.showPage()
    canvas.save()
    return pages


def _compress_done_pages(canvas: Canvas) -> None:
    """reportlab keeps every page in memory until `save()` and compresses it only then; compressed at once, a
    finished letter costs a tenth of the memory (10,000 letters: see `make bench`). Relies on reportlab's page
    objects (`_doc.Pages.pages`, `stream`, `Contents`); if they change, pages are simply left as they are."""
    pages = getattr(getattr(getattr(canvas, "_doc", None), "Pages", None), "pages", None)
    if not pages:
        return
    for page in reversed(pages):
        stream = getattr(page, "stream", None)
        if getattr(page, "Contents", None) or not isinstance(stream, str) or not stream:
            break
        contents = PDFStream(content=PDFZCompress.encode(stream))
        contents.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
        page.Contents = contents
        page.stream = None


class _Cancelled(Exception):
    """Raised inside the drawing when the owner cancels; the caller's `cancelled` check reports it."""


def is_cancel(error: BaseException) -> bool:
    return isinstance(error, _Cancelled)


def _y(from_top: float) -> float:
    return PAGE_HEIGHT - from_top


def _draw_letter(canvas: Canvas, head: Letterhead, letter: LetterPage, fonts: Fonts) -> int:
    _draw_frame(canvas, head, fonts)
    # Address field: the return address in small type, underlined, at the foot of the note zone.
    sender = " · ".join(part for part in (head.shop_name, head.address) if part)
    canvas.setFillColor(MUTED)
    size = 7
    while size > 5 and stringWidth(sender, fonts.regular, size) > FIELD_WIDTH - 10 * mm:
        size -= 0.5
    canvas.setFont(fonts.regular, size)
    sender = cut(sender, fonts.regular, size, FIELD_WIDTH - 10 * mm)
    canvas.drawString(FIELD_LEFT + 5 * mm, _y(FIELD_TOP + RETURN_ZONE - 2 * mm), sender)
    canvas.setFillColor(INK)
    canvas.setFont(fonts.regular, 10.5)
    y = _y(FIELD_TOP + RETURN_ZONE) - 12
    for line in letter.address[:6]:
        canvas.drawString(FIELD_LEFT + 5 * mm, y, cut(line, fonts.regular, 10.5, FIELD_WIDTH - 10 * mm))
        y -= 12.6
    # Information block: the date.
    canvas.setFont(fonts.regular, 10.5)
    canvas.drawString(INFO_LEFT, _y(INFO_TOP + 27 * mm), letter.date)
    # Subject, greeting and body.
    width = PAGE_WIDTH - LEFT - RIGHT
    y = _y(SUBJECT_TOP)
    if letter.subject:
        for line in wrap(letter.subject, fonts.bold, 11.5, width):
            canvas.setFont(fonts.bold, 11.5)
            canvas.drawString(LEFT, y, line)
            y -= BODY_LEADING
        y -= BODY_LEADING
    pages = 1
    canvas.setFont(fonts.regular, BODY_SIZE)
    for paragraph in [*letter.paragraphs, *([letter.closing] if letter.closing else [])]:
        for raw_line in paragraph.split("\n"):
            for line in wrap(raw_line, fonts.regular, BODY_SIZE, width) or [""]:
                if y < 30 * mm:
                    canvas.showPage()
                    pages += 1
                    _draw_frame(canvas, head, fonts, first=False)
                    canvas.setFont(fonts.regular, BODY_SIZE)
                    y = _y(25 * mm)
                canvas.setFillColor(INK)
                canvas.drawString(LEFT, y, line)
                y -= BODY_LEADING
        y -= BODY_LEADING * 0.6
    y -= BODY_LEADING
    canvas.drawString(LEFT, y, cut(head.owner or head.shop_name, fonts.regular, BODY_SIZE, width))
    canvas.showPage()
    return pages


def _draw_frame(canvas: Canvas, head: Letterhead, fonts, *, first: bool = True) -> None:
    """Letterhead, marks and footer: what every page of the shop's paper has."""
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.4)
    for mark in FOLD_MARKS:
        canvas.line(0, _y(mark), 5 * mm, _y(mark))
    canvas.line(0, _y(HOLE_MARK), 8 * mm, _y(HOLE_MARK))
    if first and head.logo:
        _draw_logo(canvas, head.logo)
    if first:
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.bold, 20)
        canvas.drawString(LEFT, _y(22 * mm), cut(head.shop_name, fonts.bold, 20, PAGE_WIDTH - LEFT - RIGHT))
        if head.address:
            canvas.setFillColor(MUTED)
            canvas.setFont(fonts.regular, 9)
            canvas.drawString(LEFT, _y(28 * mm), cut(head.address, fonts.regular, 9, PAGE_WIDTH - LEFT - RIGHT))
    footer = " · ".join(part for part in (head.shop_name, head.address, head.contact) if part)
    canvas.setFillColor(MUTED)
    canvas.setFont(fonts.regular, 8)
    canvas.drawCentredString(PAGE_WIDTH / 2, 12 * mm, cut(footer, fonts.regular, 8, PAGE_WIDTH - LEFT - RIGHT))
    canvas.setFillColor(INK)


LOGO_BOX = (60 * mm, 22 * mm)  # at most this wide and high, at the top right


def _draw_logo(canvas: Canvas, data: bytes) -> None:
    draw_logo(canvas, data, right=PAGE_WIDTH - RIGHT, top=_y(12 * mm), box=LOGO_BOX)


def draw_logo(canvas: Canvas, data: bytes, *, right: float, top: float, box: tuple[float, float]) -> float:
    """The logo in `box`, in its own proportions, its top right corner at (`right`, `top`); returns the width it
    took. A picture reportlab cannot read is left out."""
    try:
        image = ImageReader(io.BytesIO(data))
        width, height = image.getSize()
    except Exception:
        return 0
    scale = min(box[0] / width, box[1] / height)
    drawn_width, drawn_height = width * scale, height * scale
    canvas.drawImage(image, right - drawn_width, top - drawn_height, drawn_width, drawn_height, mask="auto")
    return drawn_width


LETTER = Layout(A4, _draw_letter)
