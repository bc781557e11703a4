"""Data protection end to end through the services, on real files: objection, consent, erasure to the last
byte, the erasure log after a restore, the retention purge and the review of quiet customers."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest

from emma.domain.customer import Customer, Preferences
from emma.domain.errors import UserError
from emma.domain.letters import SkipReason, skip_reason
from emma.domain.stamps import EarnRule, StampProgram
from emma.i18n import _
from emma.services import gdpr, gdpr_disclosure, gdpr_review
from emma.services.counter import book_purchase, reverse_purchase
from emma.services.customers import get_customer, save_customer
from emma.services.letters import write_letters
from emma.services.reminders import add_todo
from emma.services.settings import save_letterhead
from emma.services.shop import open_shop
from emma.services.stamp_cards import save_program
from tests.conftest import NOW, TODAY

XAVERINE = Customer(
    first_name="Xaverine",
    last_name="Quendelmoos",
    street="Holunderstraße 7",
    postal_code="90402",
    city="Nürnberg",
    phone="0911 5550123",
    email="xaverine.q@example.org",
    preferences=Preferences(likes=("Quendelmoos-Tee",), sizes=("M",)),
    notes="Xaverine Quendelmoos mag grünen Tee.",
)
SECRETS = ("Xaverine", "Quendelmoos", "xaverine.q@example.org", "0911 5550123", "Holunderstr")
FOLDED = ("xaverine", "quendelmos", "quendelmoos")


def file_bytes(path: Path) -> bytes:
    """The customer file with its write-ahead log, as they lie on disk."""
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def assert_nowhere(path: Path) -> None:
    data = file_bytes(path).lower()
    for text in (*SECRETS, *FOLDED):
        assert text.lower().encode() not in data, text


@pytest.fixture
def rich(shop):
    """Xaverine with everything a customer can have: purchases, stamps, a letter, a to-do, an import copy."""
    save_letterhead(shop, {"shop_name": "Teeladen Emma", "owner_name": "Emma Roth"})
    customer = save_customer(shop, XAVERINE, now=NOW)
    other = save_customer(
        shop, Customer(first_name="Berta", last_name="Brot", notes="Schwester von Xaverine Quendelmoos")
    )
    save_program(shop, StampProgram(name="Tee-Karte", required=10, reward="Ein Tee", rule=EarnRule.PER_VISIT))
    book_purchase(shop, customer.id, 1250, at=datetime(2026, 3, 1, 10, 0), items=("Tee für Xaverine",), note="Xav.")
    wrong = book_purchase(shop, customer.id, 990, at=datetime(2026, 3, 2, 11, 0), items=("Kanne",))
    reverse_purchase(shop, wrong.purchase_id, "Quendelmoos hat zurückgegeben")
    add_todo(shop, customer.id, date(2026, 12, 1), "Xaverine anrufen")
    write_letters(shop, _thanks(), [customer.id], shop.path.parent / "letters.pdf", language="de", today=TODAY)
    with closing(sqlite3.connect(shop.path)) as conn, conn:  # an import's copy of her, as the import keeps them
        conn.execute("INSERT INTO import_batches (id, file_name, imported_at) VALUES (1, 'kunden.csv', '2026-01-01')")
        conn.execute(
            "INSERT INTO import_changes (batch_id, customer_id, before, stamp) VALUES (1, ?, ?, '2026-01-01')",
            (customer.id, json.dumps(["Xaverine", "Quendelmoos"])),
        )
    return customer, other


def _thanks():
    from emma.domain.letters import Occasion

    return Occasion.THANKS


def test_objection_takes_effect_at_once_and_is_kept(shop) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    objected = gdpr.object_to_advertising(shop, customer.id, today=TODAY)
    assert objected.consent.postal_objected_on == TODAY
    assert not objected.consent.postal_mail and not objected.consent.email
    assert skip_reason(get_customer(shop, customer.id)) is SkipReason.OBJECTED


def test_objection_survives_a_new_record_under_another_spelling(shop) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    gdpr.object_to_advertising(shop, customer.id, today=date(2026, 5, 4))
    again = save_customer(
        shop,
        Customer(first_name="XAVERINE", last_name="Quendelmoos", street="Holunderstr. 7", postal_code="90402",
                 consent=XAVERINE.consent),
    )  # fmt: skip
    assert again.consent.postal_objected_on == date(2026, 5, 4)
    assert not again.consent.postal_mail
    someone_else = save_customer(shop, Customer(first_name="Xaverine", last_name="Quendelmoos", postal_code="10115"))
    assert someone_else.consent.postal_mail


def test_objection_survives_erasure_and_reimport(shop) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    gdpr.object_to_advertising(shop, customer.id, today=TODAY)
    gdpr.erase_customer(shop, customer.id)
    back = gdpr.apply_suppression(shop, Customer(first_name="Xaverine", last_name="Quendelmoos",
                                                 street="Holunder-Straße 7", postal_code="90402"))  # fmt: skip
    assert back.consent.postal_objected_on == TODAY
    assert_nowhere(shop.path)


def test_lifting_the_objection_allows_letters_again(shop) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    gdpr.object_to_advertising(shop, customer.id, today=TODAY)
    lifted = gdpr.lift_objection(shop, customer.id)
    assert lifted.consent.postal_mail and lifted.consent.postal_objected_on is None
    assert gdpr.apply_suppression(shop, XAVERINE).consent.postal_mail


def test_signed_consent_records_the_day_and_what_she_ticked(shop) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    signed = gdpr.record_consent(shop, customer.id, date(2026, 11, 20), letters=True, email=True, today=TODAY)
    assert signed.consent.signed_on == date(2026, 11, 20)
    assert signed.consent.postal_mail and signed.consent.email
    refused = gdpr.record_consent(shop, customer.id, date(2026, 11, 21), letters=False, email=False, today=TODAY)
    assert refused.consent.postal_objected_on == date(2026, 11, 21)
    with pytest.raises(UserError):
        gdpr.record_consent(shop, customer.id, date(2026, 12, 1), letters=True, email=False, today=TODAY)


def test_consent_form_is_a_pdf(shop, tmp_path: Path) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    target = gdpr.write_consent_form(shop, customer.id, tmp_path / "form.pdf", today=TODAY)
    assert target.read_bytes().startswith(b"%PDF")


def test_erasure_leaves_no_trace_of_her_in_the_file(rich, shop) -> None:
    customer, other = rich
    result = gdpr.erase_customer(shop, customer.id)
    assert result.erased == [customer.id]
    assert result.mentioned_by == [other.id]  # Berta's note names her: shown to the owner, not changed
    conn = shop.database.connection
    conn.execute("UPDATE customers SET notes = '' WHERE id = ?", (other.id,))  # the owner edits Berta's note
    gdpr_store_compact(shop)
    assert_nowhere(shop.path)
    # The books keep both purchases with amount and date, with no one behind them.
    rows = conn.execute("SELECT amount_cents, at, note, reversal_reason FROM purchases ORDER BY id").fetchall()
    assert [(amount, at) for amount, at, _note, _reason in rows] == [(1250, "2026-03-01T10:00:00"),
                                                                     (990, "2026-03-02T11:00:00")]  # fmt: skip
    assert rows[0][2] == "" and rows[1][3] == _("(erased)")
    assert conn.execute("SELECT count(*) FROM stamp_events").fetchone() == (0,)
    for table in ("customer_terms", "customer_preferences", "letters_sent", "todos", "import_changes"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE customer_id = ?", (customer.id,)).fetchone() == (0,)
    with pytest.raises(UserError):
        gdpr.erase_customer(shop, customer.id)  # she is gone: no second erasure, no Auskunft
    from emma.services.customers import find_customers

    assert customer.id not in [c.id for c in find_customers(shop, "", archived=True)]  # not even among the archived


def gdpr_store_compact(shop) -> None:
    from emma.store.gdpr import compact

    compact(shop.database)


def test_erasure_makes_a_safety_backup_first(rich, shop) -> None:
    customer, _other = rich
    result = gdpr.erase_customer(shop, customer.id)
    assert result.backup is not None and result.backup.exists()
    assert b"Quendelmoos" in result.backup.read_bytes()  # the backup is the way back, by design


def test_erasing_many_is_all_or_nothing(shop) -> None:
    first = save_customer(shop, XAVERINE, now=NOW)
    with pytest.raises(UserError):
        gdpr.erase_customers(shop, [first.id, 999])
    assert get_customer(shop, first.id).last_name == "Quendelmoos"


def test_a_restored_older_backup_gets_her_erased_again(rich, shop, db_path: Path, tmp_path: Path) -> None:
    customer, other = rich
    shop.database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    older = tmp_path / "older.db"
    shutil.copy(db_path, older)
    gdpr.erase_customer(shop, customer.id)
    shop.close()
    shutil.copy(older, db_path)  # the owner puts the older backup back by hand
    reopened = open_shop(db_path)
    try:
        assert reopened.database.connection.execute(
            "SELECT erased_on IS NOT NULL FROM customers WHERE id = ?", (customer.id,)
        ).fetchone() == (1,)
        assert get_customer(reopened, other.id).first_name == "Berta"
        assert gdpr.reapply_erasures(reopened) == 0  # nothing left to do
    finally:
        reopened.close()


def test_reapply_never_erases_a_new_customer_who_got_the_same_id(shop, db_path: Path, tmp_path: Path) -> None:
    keep = save_customer(shop, Customer(first_name="Berta", last_name="Brot"), now=NOW)
    shop.database.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    older = tmp_path / "older.db"
    shutil.copy(db_path, older)
    gone = save_customer(shop, XAVERINE, now=datetime(2026, 11, 23, 11, 0))
    gdpr.erase_customer(shop, gone.id)
    shop.close()
    shutil.copy(older, db_path)  # the backup from before she was even there
    reopened = open_shop(db_path)
    try:
        newcomer = save_customer(reopened, Customer(first_name="Clara", last_name="Neu"), now=datetime(2026, 11, 24))
        assert newcomer.id == gone.id
        assert gdpr.reapply_erasures(reopened) == 0
        assert get_customer(reopened, newcomer.id).last_name == "Neu"
        assert get_customer(reopened, keep.id).last_name == "Brot"
    finally:
        reopened.close()


def test_disclosure_has_everything_about_her(rich, shop, tmp_path: Path) -> None:
    customer, _other = rich
    files = gdpr_disclosure.export_customer_data(shop, customer.id, tmp_path / "auskunft", today=TODAY)
    assert (files.pdf.name, files.json.name) == ("auskunft.pdf", "auskunft.json")
    assert files.pdf.read_bytes().startswith(b"%PDF") and files.pages >= 1
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert data["customer"]["last_name"] == "Quendelmoos"
    assert data["customer"]["email"] == "xaverine.q@example.org"
    assert data["preferences"] == {"likes": ["Quendelmoos-Tee"], "sizes": ["M"]}
    assert [p["amount_cents"] for p in data["purchases"]] == [1250, 990]
    assert data["purchases"][0]["items"] == ["Tee für Xaverine"]
    assert data["purchases"][1]["reversal_reason"] == "Quendelmoos hat zurückgegeben"
    assert data["stamps"] and data["letters_sent"][0]["occasion"] == "thanks"
    assert data["todos"][0]["text"] == "Xaverine anrufen"
    assert data["imports"] == [{"file_name": "kunden.csv", "imported_at": "2026-01-01", "created": False}]
    assert "sort_key" not in data["customer"]


def test_disclosure_pdf_named_with_pdf_gets_json_beside_it(shop, tmp_path: Path) -> None:
    customer = save_customer(shop, XAVERINE, now=NOW)
    files = gdpr_disclosure.export_customer_data(shop, customer.id, tmp_path / "info.pdf", today=TODAY)
    assert files.json == tmp_path / "info.json" and files.json.exists()


def test_purge_drops_only_anonymised_purchases_past_retention(shop) -> None:
    gone = save_customer(shop, XAVERINE, now=NOW)
    stays = save_customer(shop, Customer(first_name="Berta", last_name="Brot"), now=NOW)
    for customer in (gone, stays):
        book_purchase(shop, customer.id, 500, at=datetime(2017, 6, 1, 10, 0))
        book_purchase(shop, customer.id, 700, at=datetime(2018, 2, 1, 10, 0))
    gdpr.erase_customer(shop, gone.id)
    counted = gdpr_review.purge_anonymised_purchases(shop, today=TODAY, dry_run=True)
    assert (counted.country, counted.years, counted.before, counted.count) == ("DE", 8, date(2018, 1, 1), 1)
    dropped = gdpr_review.purge_anonymised_purchases(shop, today=TODAY)
    assert dropped.count == 1
    rows = shop.database.connection.execute("SELECT customer_id, amount_cents FROM purchases ORDER BY id").fetchall()
    assert rows == [(gone.id, 700), (stays.id, 500), (stays.id, 700)]


def test_retention_follows_the_shop_country_and_its_own_setting(shop) -> None:
    from emma.services.settings import LOCALE
    from emma.store import settings as settings_store

    settings_store.put(shop.database, LOCALE, "de_CH")
    assert gdpr_review.purge_anonymised_purchases(shop, today=TODAY, dry_run=True).years == 10
    gdpr_review.set_retention_years(shop, "CH", 11)
    assert gdpr_review.purge_anonymised_purchases(shop, today=TODAY, dry_run=True).years == 11
    with pytest.raises(UserError):
        gdpr_review.set_retention_years(shop, "CH", 0)


def test_review_lists_customers_quiet_for_years(shop) -> None:
    old = save_customer(shop, XAVERINE, now=datetime(2021, 5, 1, 9, 0))
    bought = save_customer(shop, Customer(first_name="Berta", last_name="Brot"), now=datetime(2021, 5, 1, 9, 0))
    book_purchase(shop, bought.id, 500, at=datetime(2025, 1, 10, 10, 0))
    changed = save_customer(shop, Customer(first_name="Clara", last_name="Chor"), now=datetime(2021, 5, 1, 9, 0))
    save_customer(shop, changed, now=datetime(2025, 6, 1, 9, 0))
    book_purchase(shop, old.id, 300, at=datetime(2022, 3, 3, 10, 0))
    rows = gdpr_review.inactive_customers(shop, years=3, today=TODAY)
    assert [(row.id, row.name, row.last_purchase) for row in rows] == [(old.id, "Quendelmoos, Xaverine",
                                                                        date(2022, 3, 3))]  # fmt: skip
    assert gdpr_review.archive_customers(shop, [old.id], now=datetime(2022, 4, 1, 9, 0)) == 1
    assert gdpr_review.archive_customers(shop, [old.id], now=datetime(2022, 4, 1, 9, 0)) == 0
    assert [row.archived for row in gdpr_review.inactive_customers(shop, years=3, today=TODAY)] == [True]
    assert gdpr_review.archive_customers(shop, [changed.id], now=NOW) == 1  # archiving is a change: off the list
    gdpr.erase_customers(shop, [old.id])
    assert gdpr_review.inactive_customers(shop, years=3, today=TODAY) == []
    with pytest.raises(UserError):
        gdpr_review.inactive_customers(shop, years=0, today=TODAY)
