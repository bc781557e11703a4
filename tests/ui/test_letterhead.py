"""Einstellungen → Briefkopf: the shop's details and its logo (PNG, JPEG or SVG) as the letters print them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.services import settings as shop_settings
from emma.services.customers import save_customer
from emma.services.letters import write_letters
from emma.ui.views.letterhead_settings import LetterheadBox, logo_bytes
from tests.conftest import NOW

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="300" height="100" '
       'fill="#2f5d50"/><text x="20" y="60" fill="white" font-size="40">Öztürk</text></svg>')  # fmt: skip


@pytest.fixture
def box(qtbot, shop):
    widget = LetterheadBox(shop)
    qtbot.addWidget(widget)
    return widget


def test_an_svg_logo_is_kept_as_png_and_printed_on_the_letter(qtbot, box, shop, tmp_path: Path, monkeypatch) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(SVG, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(logo), ""))
    with qtbot.waitSignal(box.changed):
        box.logo_button.click()
    assert shop_settings.shop_logo(shop).startswith(b"\x89PNG")
    assert box.remove_logo_button.isEnabled()
    customer = save_customer(shop, Customer(first_name="Anna", last_name="Müller", street="Am Markt 1",
                                            postal_code="10115", city="Berlin"), now=NOW)  # fmt: skip
    target = tmp_path / "brief.pdf"
    write_letters(shop, Occasion.FREE, [customer.id], target, language="de", today=date(2026, 11, 24), now=NOW)
    assert len(PdfReader(target).pages[0].images) == 1
    box.remove_logo_button.click()
    assert shop_settings.shop_logo(shop) is None


def test_a_file_that_is_no_picture_is_refused_with_one_sentence(box, shop, tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"not a picture")
    said = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(fake), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    box.logo_button.click()
    assert said == ["Das Logo muss ein PNG-, JPEG- oder SVG-Bild sein."]
    assert shop_settings.shop_logo(shop) is None


def test_a_broken_svg_and_a_huge_file_are_refused(shop, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(UserError):
        logo_bytes(broken)
    with pytest.raises(UserError):
        shop_settings.save_logo(shop, b"\x89PNG\r\n\x1a\n" + b"0" * 2_100_000)
