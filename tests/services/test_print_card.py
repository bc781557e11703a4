"""Printing a customer's paper stamp card through the services."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from emma.domain.customer import Customer, customer_code
from emma.domain.errors import UserError
from emma.domain.stamps import StampProgram
from emma.services.counter import book_purchase
from emma.services.customers import save_customer
from emma.services.stamp_cards import print_card, save_program
from emma.store import settings as settings_store
from tests.conftest import NOW, TODAY


def test_her_card_prints_with_her_stamps_and_the_shop_name(shop, tmp_path):
    settings_store.put(shop.database, "shop_name", "Weinhandlung Müller & Söhne")
    anna = save_customer(shop, Customer(first_name="Łukasz", last_name="Wójcik"), now=NOW)
    card = save_program(shop, StampProgram("Kaffeekarte", 10, "1 Kaffee gratis"), now=NOW)
    for _ in range(3):
        book_purchase(shop, anna.id, 350, now=NOW)
    target = tmp_path / "karte.pdf"
    assert print_card(shop, anna.id, card.id, target, today=TODAY, locale="de_DE") == target
    text = PdfReader(target).pages[0].extract_text()
    for expected in ("Weinhandlung Müller & Söhne", "Łukasz Wójcik", customer_code(anna.id), "Kaffeekarte"):
        assert expected in text
    assert customer_code(anna.id) == f"K-{anna.id:05d}"


def test_a_folder_that_does_not_exist_is_a_clear_error(shop, tmp_path):
    anna = save_customer(shop, Customer(first_name="Anna"), now=NOW)
    card = save_program(shop, StampProgram("Kaffeekarte", 10, "1 Kaffee gratis"), now=NOW)
    target = tmp_path / "missing" / "karte.pdf"
    with pytest.raises(UserError, match="konnte nicht"):
        print_card(shop, anna.id, card.id, target, today=TODAY, locale="de_DE")
    assert not target.parent.exists()
