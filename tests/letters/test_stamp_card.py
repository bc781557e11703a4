"""The printed stamp card: one credit-card page, every name as copyable text, fields laid out inside the card."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from emma.i18n import use_language
from emma.i18n.formats import format_date
from emma.letters import stamp_card
from emma.letters.fonts import register_fonts
from emma.letters.lines import ELLIPSIS
from emma.letters.stamp_card import (
    CARD_HEIGHT,
    CARD_WIDTH,
    StampCardPrint,
    field_layout,
    fit_text,
    grid_shape,
    render_stamp_card,
    wrap_text,
)

CARD = StampCardPrint(
    shop_name="Weinhandlung Müller & Söhne",
    customer_name="Łukasz Wójcik-Ðorđević",
    customer_code="K-00042",
    program_name="Kaffeekarte",
    required=10,
    stamps=3,
    reward="1 Kaffee gratis",
    expires_on=date(2026, 12, 31),
    locale="de_DE",
)
# The room the grid gets on a card with one-line texts (measured from the layout: about 76.6 × 23.6 mm).
GRID_BOX = (76.6 * mm, 23.6 * mm)


def _rendered(tmp_path: Path, card: StampCardPrint) -> tuple[PdfReader, str]:
    target = tmp_path / "card.pdf"
    render_stamp_card(target, card)
    reader = PdfReader(target)
    return reader, reader.pages[0].extract_text()


@pytest.mark.parametrize(
    ("required", "stamps"),
    [(1, 0), (1, 1), (10, 0), (10, 3), (10, 10), (12, 0), (12, 7), (12, 12), (100, 0), (100, 37), (100, 100)],
)
def test_a_card_is_one_credit_card_page_with_the_names_as_text(tmp_path: Path, required: int, stamps: int):
    reader, text = _rendered(tmp_path, replace(CARD, required=required, stamps=stamps))

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) / mm == pytest.approx(85.6, abs=0.1)
    assert float(box.height) / mm == pytest.approx(54, abs=0.1)
    assert "Weinhandlung Müller & Söhne" in text
    assert "Łukasz Wójcik-Ðorđević" in text
    assert "K-00042" in text
    assert "Kaffeekarte" in text


@pytest.mark.parametrize(
    "name", ["Müller", "Łukasz Wójcik", "Şahin Yılmaz", "Ðorđević", "Ørsted", "Ξενοφῶν Παπαδόπουλος", "Ærø Åse"]
)
def test_every_european_name_prints_and_copies_as_text(tmp_path: Path, name: str):
    _reader, text = _rendered(tmp_path, replace(CARD, customer_name=name, shop_name=f"Laden {name}"))

    assert name in text
    assert f"Laden {name}" in text


def test_labels_are_german_by_default_and_the_date_follows_the_locale(tmp_path: Path):
    _reader, text = _rendered(tmp_path, CARD)

    assert "STEMPELKARTE" in text
    assert "Kundennr. K-00042" in text
    assert "Volle Karte: 1 Kaffee gratis" in text
    assert "Gültig bis 31.12.2026" in text


def test_labels_in_english(tmp_path: Path):
    use_language("en")
    card = replace(CARD, reward="1 free coffee", locale="en_GB")

    _reader, text = _rendered(tmp_path, card)

    assert card.heading == "Stamp card"
    assert "Full card: 1 free coffee" in text
    assert f"Valid until {format_date(date(2026, 12, 31), 'en_GB')}" in text


def test_a_card_without_expiry_says_nothing_about_it(tmp_path: Path):
    _reader, text = _rendered(tmp_path, replace(CARD, expires_on=None, customer_code=""))

    assert "Gültig" not in text
    assert "Kundennr." not in text


def test_long_texts_are_shrunk_or_cut_but_still_one_page(tmp_path: Path):
    card = replace(
        CARD,
        required=100,
        shop_name="Bäckerei und Konditorei Papadopoulos-Schmidt am Marktplatz GmbH & Co. KG, seit 1896",
        customer_name="Maximiliane Alexandra Freifrau von und zu Hohenzollern-Sigmaringen-Wójcik",
        program_name="Frühstücks-Stempelkarte für Stammkundinnen und Stammkunden des Hauses",
        reward="ein großes Frühstück für zwei Personen mit Sekt, Lachs und frisch gepresstem Orangensaft " * 3,
    )

    reader, text = _rendered(tmp_path, card)

    assert len(reader.pages) == 1
    assert text.count(ELLIPSIS) >= 3
    assert "Bäckerei und Konditorei" in text
    assert "Maximiliane" in text


def test_a_reward_on_two_lines_copies_in_reading_order(tmp_path: Path):
    reward = "ein großes Frühstück für zwei Personen mit einem Glas Sekt"

    _reader, text = _rendered(tmp_path, replace(CARD, reward=reward))

    lines = text.splitlines()
    first = next(number for number, line in enumerate(lines) if line.startswith("Volle Karte: "))
    assert " ".join(lines[first : first + 2]) == f"Volle Karte: {reward}"


def test_every_font_in_the_pdf_is_the_embedded_dejavu(tmp_path: Path):
    reader, _text = _rendered(tmp_path, CARD)

    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert names
    assert all(name.endswith(("+DejaVuSans", "+DejaVuSans-Bold")) for name in names), names
    for font in fonts.values():
        descriptor = font.get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor


def test_a_target_in_a_missing_folder_raises_and_leaves_no_file(tmp_path: Path):
    target = tmp_path / "no such folder" / "card.pdf"

    with pytest.raises(FileNotFoundError):
        render_stamp_card(target, CARD)

    assert list(tmp_path.iterdir()) == []


def test_a_failed_render_leaves_no_half_pdf_and_keeps_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "card.pdf"
    target.write_bytes(b"the card printed yesterday")

    def broken(*_args: object) -> None:
        raise RuntimeError("ink ran out")

    monkeypatch.setattr(stamp_card, "_draw", broken)
    with pytest.raises(RuntimeError, match="ink ran out"):
        render_stamp_card(target, CARD)

    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"the card printed yesterday"


def test_a_second_render_replaces_the_first(tmp_path: Path):
    target = tmp_path / "card.pdf"
    render_stamp_card(target, CARD)
    render_stamp_card(target, replace(CARD, customer_name="Ørsted"))

    assert "Ørsted" in PdfReader(target).pages[0].extract_text()
    assert list(tmp_path.iterdir()) == [target]


def test_the_first_fields_are_filled_and_the_last_is_the_reward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    drawn: list[tuple[bool, bool]] = []

    def record(_canvas: object, _x: float, _y: float, _radius: float, *, filled: bool, last: bool) -> None:
        drawn.append((filled, last))

    monkeypatch.setattr(stamp_card, "_draw_field", record)
    render_stamp_card(tmp_path / "card.pdf", replace(CARD, required=12, stamps=7))

    assert [filled for filled, _last in drawn] == [True] * 7 + [False] * 5
    assert [last for _filled, last in drawn] == [False] * 11 + [True]


@pytest.mark.parametrize(
    ("count", "shape"),
    [
        (1, (1, 1)),
        (5, (5, 1)),
        (7, (4, 2)),
        (10, (5, 2)),
        (12, (6, 2)),
        (20, (10, 2)),
        (30, (10, 3)),
        (40, (10, 4)),
        (50, (10, 5)),
        (60, (15, 4)),
        (100, (20, 5)),
    ],
)
def test_grid_shapes(count: int, shape: tuple[int, int]):
    assert grid_shape(count, *GRID_BOX) == shape


@pytest.mark.parametrize("box", [GRID_BOX, (76.6 * mm, 15 * mm), (60 * mm, 30 * mm)])
def test_every_field_lies_inside_the_box_and_none_overlap(box: tuple[float, float]):
    width, height = box
    for count in range(1, 101):
        centres, radius = field_layout(count, 10, 20, width, height)
        assert len(centres) == count
        assert radius >= 1.2 * mm or count > 50
        for x, y in centres:
            assert x - radius >= 10
            assert x + radius <= 10 + width
            assert y - radius >= 20
            assert y + radius <= 20 + height
        closest = min((math.dist(a, b) for a, b in itertools.combinations(centres, 2)), default=math.inf)
        assert closest > 2 * radius


def test_text_shrinks_then_is_cut_with_an_ellipsis():
    font = register_fonts().regular

    short = fit_text("Kaffee", font, 8, 6, 100)
    assert (short.text, short.size) == ("Kaffee", 8)
    shrunk = fit_text("Weinhandlung Müller", font, 8, 6, 70)
    assert shrunk.text == "Weinhandlung Müller"
    assert 6 <= shrunk.size < 8
    assert shrunk.width <= 70
    cut = fit_text("Weinhandlung Müller & Söhne am Marktplatz", font, 8, 6, 70)
    assert cut.text.endswith(ELLIPSIS)
    assert cut.size == 6
    assert cut.width <= 70
    assert fit_text("Zeile\n  mit\tLücken", font, 8, 6, 200).text == "Zeile mit Lücken"


def test_a_long_reward_takes_two_lines_and_then_is_cut():
    font = register_fonts().bold
    reward = "ein großes Frühstück für zwei Personen mit Sekt, Lachs und frisch gepresstem Orangensaft"

    assert len(wrap_text("1 Kaffee gratis", font, 7.5, 5.5, 150)) == 1
    two = wrap_text(reward, font, 7.5, 5.5, 150)
    assert len(two) == 2
    assert " ".join(line.text for line in two) == reward
    assert all(line.width <= 150 for line in two)
    cut = wrap_text(reward * 4, font, 7.5, 5.5, 150)
    assert len(cut) == 2
    assert cut[-1].text.endswith(ELLIPSIS)
    assert all(line.width <= 150 and line.size == 5.5 for line in cut)


@pytest.mark.parametrize(("required", "stamps"), [(0, 0), (101, 0), (10, 11), (10, -1)])
def test_impossible_cards_are_refused(required: int, stamps: int):
    with pytest.raises(ValueError):
        replace(CARD, required=required, stamps=stamps)


def test_the_card_size_is_a_bank_card():
    assert CARD_WIDTH / mm == pytest.approx(85.6)
    assert CARD_HEIGHT / mm == pytest.approx(54)
