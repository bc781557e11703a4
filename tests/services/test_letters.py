"""Mailings against a real file: who is left out and why, the order, the log, a template that fails."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from emma.domain.birthdays import Birthday
from emma.domain.customer import Consent, Customer, Salutation
from emma.domain.errors import UserError
from emma.domain.letters import Occasion, SkipReason
from emma.services.customers import archive_customer, save_customer
from emma.services.letters import birthday_customers, write_letters
from emma.services.settings import save_letterhead
from emma.store import letters as letter_store

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0)


def _customer(shop, first, last, postal_code="10115", **changes) -> int:
    customer = Customer(first_name=first, last_name=last, salutation=Salutation.FRAU, street="Am Markt 1",
                        postal_code=postal_code, city="Berlin", **changes)  # fmt: skip
    return save_customer(shop, customer, now=NOW).id


@pytest.fixture
def december(shop) -> dict[str, int]:
    people = {
        "anna": _customer(shop, "Anna", "Zander", "80331", birthday=Birthday(12, 3, 1966)),
        "bea": _customer(shop, "Bea", "Adler", "01067", birthday=Birthday(12, 24)),
        "cem": _customer(shop, "Cem", "Kaya", birthday=Birthday(12, 9), consent=Consent(postal_mail=False)),
        "dora": _customer(shop, "Dora", "Dorn", "", birthday=Birthday(12, 12)),
        "eva": _customer(shop, "Eva", "Ernst", birthday=Birthday(12, 13)),
        "fritz": _customer(shop, "Fritz", "Fink", birthday=Birthday(6, 1)),
    }
    archive_customer(shop, people["eva"], archived=True, now=NOW)
    save_letterhead(shop, {"shop_name": "Feinkost Öztürk", "owner_name": "Ayşe Öztürk"})
    return people


def test_a_month_of_birthdays_in_postal_code_order_with_who_was_left_out(shop, december, tmp_path: Path) -> None:
    ids = birthday_customers(shop, date(2026, 12, 1), date(2026, 12, 31))
    assert set(ids) == {december[name] for name in ("anna", "bea", "cem", "dora")}  # not the archived one
    target, labels = tmp_path / "dezember.pdf", tmp_path / "etiketten.pdf"
    result = write_letters(shop, Occasion.BIRTHDAY, ids, target, language="de", today=TODAY, labels=labels,
                           birthday_window=(date(2026, 12, 1), date(2026, 12, 31)), now=NOW)  # fmt: skip
    assert (result.letters, result.pages, result.label_pages) == (2, 2, 1)
    assert result.regions == {"01": 1, "80": 1}
    assert {(s.customer_id, s.reason) for s in result.skipped} == {
        (december["cem"], SkipReason.OBJECTED),
        (december["dora"], SkipReason.NO_ADDRESS),
    }
    pages = [page.extract_text() for page in PdfReader(target).pages]
    assert "Bea Adler" in pages[0] and "01067" in pages[0]  # postal code order
    assert "Anna Zander" in pages[1] and "Runder Geburtstag" not in pages[1]
    assert "Sehr geehrte Frau Zander," in pages[1] and "60 Jahre" in pages[1] and "Ayşe Öztürk" in pages[1]
    assert "Bea Adler" in PdfReader(labels).pages[0].extract_text()
    assert letter_store.history(shop.database, december["anna"]) == [("2026-11-24", "birthday", "default")]


def test_a_second_birthday_letter_this_year_is_flagged(shop, december, tmp_path: Path) -> None:
    first = write_letters(shop, Occasion.BIRTHDAY, [december["anna"]], tmp_path / "a.pdf", language="de",
                          today=TODAY, now=NOW)  # fmt: skip
    again = write_letters(shop, Occasion.BIRTHDAY, [december["anna"]], tmp_path / "b.pdf", language="de",
                          today=TODAY, now=NOW)  # fmt: skip
    assert (first.already_this_year, again.already_this_year) == ([], [december["anna"]])


def test_a_template_that_fails_writes_nothing_and_logs_nothing(shop, december, tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = out / "kaputt.pdf"
    with pytest.raises(UserError) as refused:
        write_letters(shop, Occasion.FREE, [december["anna"]], target, language="de", today=TODAY,
                      template_text="Hallo {{ vornahme }}", now=NOW)  # fmt: skip
    assert "„vornahme“" in refused.value.message
    assert not out.exists()
    assert letter_store.history(shop.database, december["anna"]) == []


def test_a_template_that_fails_for_one_customer_only_writes_nothing(shop, december, tmp_path: Path) -> None:
    # The sample check passes; Anna's letter, drawn after Bea's (postal code 01067 before 80331), fails.
    target = tmp_path / "halb.pdf"
    with pytest.raises(UserError) as refused:
        write_letters(shop, Occasion.FREE, [december["anna"], december["bea"]], target, language="de",
                      today=TODAY, template_text="Hallo{% if vorname == 'Anna' %} {{ spitzname }}{% endif %}",
                      now=NOW)  # fmt: skip
    assert "„spitzname“" in refused.value.message
    assert list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".*")) == []
    assert letter_store.history(shop.database, december["anna"]) == []


def test_english_letters_and_bad_requests(shop, december, tmp_path: Path) -> None:
    target = tmp_path / "en.pdf"
    write_letters(shop, Occasion.SEASON, [december["bea"]], target, language="en", today=TODAY, now=NOW)
    text = PdfReader(target).pages[0].extract_text()
    assert "Dear Ms Adler," in text and "24 November 2026" in text and "Kind regards" in text
    with pytest.raises(UserError):
        write_letters(shop, Occasion.FREE, [4711], target, language="de", today=TODAY)
    with pytest.raises(UserError):
        write_letters(shop, Occasion.FREE, [december["bea"]], target, language="fr", today=TODAY)
    with pytest.raises(UserError):
        birthday_customers(shop, date(2026, 12, 31), date(2026, 12, 1))


def test_a_household_gets_one_letter_together(shop, tmp_path: Path) -> None:
    from emma.domain.customer import AddressForm

    ids = [
        save_customer(shop, Customer(first_name=first, last_name="Kaya", salutation=salutation,
                                     address_form=AddressForm.DU, street="Lindenweg 3", postal_code="50667",
                                     city="Köln"), now=NOW).id
        for first, salutation in (("Elif", Salutation.FRAU), ("Can", Salutation.HERR))
    ]  # fmt: skip
    target = tmp_path / "familie.pdf"
    result = write_letters(shop, Occasion.SEASON, ids, target, language="de", today=TODAY, households=True, now=NOW)
    assert (result.letters, result.pages) == (1, 1)
    text = PdfReader(target).pages[0].extract_text()
    assert "Liebe Familie Kaya," in text and "Familie Kaya" in text and "Lindenweg 3" in text
    assert all(letter_store.history(shop.database, customer_id) for customer_id in ids)
