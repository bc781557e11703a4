"""The letters read back from the PDF: one page each, the address in the window, the marks where they belong,
every name intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.units import mm

from emma.letters.letter_pdf import Letterhead, LetterPage, render_letters

HEAD = Letterhead("Feinkost Öztürk", "Hauptstraße 5 · 90402 Nürnberg", "0911 123456 · laden@example.de", "Ayşe Öztürk")
NAMES = ["Łukasz Wójcik", "Ðorđe Ðorđević", "Şahin Çelik", "Siobhán O'Brien", "Zoë Ångström", "Tom & Jerry <b>"]
PAGE_HEIGHT = 297 * mm


def _letter(name: str, paragraphs: list[str] | None = None) -> LetterPage:
    return LetterPage(["Frau", name, "Am Markt 1", "10115 Berlin"], "24. November 2026", "Alles Gute!",
                      paragraphs or [f"Liebe {name},", "herzlichen Glückwunsch!"], "Herzliche Grüße")  # fmt: skip


def _texts_with_positions(page) -> list[tuple[str, float, float]]:
    found = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), tm[4], tm[5]))

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture
def pdf(tmp_path: Path) -> PdfReader:
    target = tmp_path / "briefe.pdf"
    assert render_letters(target, HEAD, (_letter(name) for name in NAMES), locale="de_DE", title="Test") == (6, 6)
    return PdfReader(target)


def test_one_page_per_letter_with_every_name_intact(pdf: PdfReader) -> None:
    assert len(pdf.pages) == len(NAMES)
    for page, name in zip(pdf.pages, NAMES, strict=True):
        text = page.extract_text()
        assert name in text and f"Liebe {name}," in text  # "Tom & Jerry <b>" prints literally


def test_the_address_sits_in_the_window_of_the_envelope(pdf: PdfReader) -> None:
    left, right = 20 * mm, 105 * mm
    top, bottom = PAGE_HEIGHT - 45 * mm, PAGE_HEIGHT - 90 * mm
    for page, name in zip(pdf.pages, NAMES, strict=True):
        positions = {text: (x, y) for text, x, y in _texts_with_positions(page)}
        for line in ("Frau", name, "Am Markt 1", "10115 Berlin"):
            x, y = positions[line]
            assert left <= x <= right and bottom <= y <= top, (line, x / mm, (PAGE_HEIGHT - y) / mm)


def test_fold_marks_at_105_and_210_mm_and_the_hole_mark(pdf: PdfReader) -> None:
    operations = ContentStream(pdf.pages[0].get_contents(), pdf).operations
    starts = [operands for operands, operator in operations if operator == b"m"]
    heights = sorted(round((PAGE_HEIGHT - float(y)) / mm, 1) for x, y in starts if float(x) == 0)
    assert heights == [105.0, 148.5, 210.0]


def test_a_long_letter_goes_on_to_a_second_page(tmp_path: Path) -> None:
    target = tmp_path / "lang.pdf"
    long = _letter("Anna Müller", ["Liebe Anna,", *["Ein langer Absatz mit vielen Wörtern. " * 12] * 8])
    assert render_letters(target, HEAD, [long], locale="de_DE", title="Test") == (1, 2)


def test_a_cancelled_batch_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "abgebrochen.pdf"
    with pytest.raises(Exception) as stopped:
        render_letters(target, HEAD, (_letter(name) for name in NAMES), locale="de_DE", title="Test",
                       cancelled=lambda: True)  # fmt: skip
    assert type(stopped.value).__name__ == "_Cancelled"
    assert list(tmp_path.iterdir()) == []


def test_letters_drawn_in_parts_join_into_one_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large mailing is drawn in parts and joined (so its memory does not grow): the same letters come out."""
    import emma.letters.letter_pdf as letter_pdf

    monkeypatch.setattr(letter_pdf, "PART_LETTERS", 2)
    target = tmp_path / "teile.pdf"
    assert render_letters(target, HEAD, (_letter(name) for name in NAMES), locale="de_DE", title="Teile") == (6, 6)
    pdf = PdfReader(target)
    assert len(pdf.pages) == 6 and pdf.metadata.title == "Teile"
    for page, name in zip(pdf.pages, NAMES, strict=True):
        assert f"Liebe {name}," in page.extract_text()
    operations = ContentStream(pdf.pages[5].get_contents(), pdf).operations
    starts = [operands for operands, operator in operations if operator == b"m"]
    assert sorted(round((PAGE_HEIGHT - float(y)) / mm, 1) for x, y in starts if float(x) == 0) == [105.0, 148.5, 210.0]


def test_no_letters_make_one_empty_page(tmp_path: Path) -> None:
    target = tmp_path / "leer.pdf"
    assert render_letters(target, HEAD, [], locale="de_DE", title="Leer") == (0, 0)
    assert len(PdfReader(target).pages) == 1
