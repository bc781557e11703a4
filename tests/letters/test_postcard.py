"""A6 postcards read back from the PDF: one card per page, the message on the left half, the address on the
right, a message too long for the card cut with … but still signed."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.units import mm

from emma.letters.letter_pdf import Letterhead, LetterPage, render_letters
from emma.letters.postcard import DIVIDER, POSTCARD
from tests.letters.test_letter_pdf import _texts_with_positions

HEAD = Letterhead("Blumen Zoë Ångström", "Hauptstraße 5 · 90402 Nürnberg", "0911 123456", "Zoë Ångström")


def _card(paragraphs: list[str]) -> LetterPage:
    return LetterPage(["Herrn", "Łukasz Wójcik", "Am Markt 1", "10115 Berlin"], "24. November 2026", "Alles Gute!",
                      paragraphs, "Herzliche Grüße")  # fmt: skip


def test_one_card_per_page_with_message_left_and_address_right(tmp_path: Path) -> None:
    target = tmp_path / "karten.pdf"
    cards = [_card(["Lieber Łukasz,", "alles Gute zum Geburtstag!"]), _card(["Hallo!"])]
    assert render_letters(target, HEAD, cards, locale="de_DE", title="Karten", layout=POSTCARD) == (2, 2)
    pdf = PdfReader(target)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (148, 105)
    positions = {text: x for text, x, _y in _texts_with_positions(pdf.pages[0])}
    assert positions["Łukasz Wójcik"] > DIVIDER and positions["10115 Berlin"] > DIVIDER
    assert positions["alles Gute zum Geburtstag!"] < DIVIDER and positions["Zoë Ångström"] < DIVIDER


def test_a_message_too_long_for_the_card_is_cut_but_signed(tmp_path: Path) -> None:
    target = tmp_path / "lang.pdf"
    long = "Ein Satz, der immer weiter geht und die Karte füllt. " * 60
    render_letters(target, HEAD, [_card(["Lieber Łukasz,", long, "DAS ENDE"])], locale="de_DE", title="Karte",
                   layout=POSTCARD)  # fmt: skip
    pdf = PdfReader(target)
    assert len(pdf.pages) == 1
    texts = _texts_with_positions(pdf.pages[0])
    lines = [text for text, _x, _y in texts]
    assert "DAS ENDE" not in lines and any(line.endswith("…") for line in lines)
    assert "Herzliche Grüße" in lines and "Zoë Ångström" in lines
    assert all(y > 8 * mm for _text, _x, y in texts if _text not in ("Hauptstraße 5 · 90402 Nürnberg · 0911 123456",))
