"""Dubletten as the GUI uses them: find, dismiss, preview and merge."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.customer import Consent, Customer
from emma.domain.duplicates import Reason
from emma.domain.errors import UserError
from emma.services.counter import book_purchase
from emma.services.customers import archive_customer, get_customer, save_customer
from emma.services.duplicates import Cancelled, dismiss, find_duplicates, merge, preview_merge
from tests.conftest import NOW

LATER = datetime(2026, 11, 24, 9, 0)


def _add(shop, **fields) -> int:
    return save_customer(shop, Customer(**fields), now=NOW).id


@pytest.fixture
def file_with_twins(shop):
    ids = {
        "anna": _add(shop, first_name="Anna", last_name="Müller", birthday=Birthday(7, 3, 1965), postal_code="90402"),
        "anna2": _add(shop, first_name="Anna", last_name="Mueller", birthday=Birthday(7, 3), postal_code="90402"),
        "other_anna": _add(shop, first_name="Anna", last_name="Müller", birthday=Birthday(1, 1, 1990)),
        "jo": _add(shop, first_name="Jo", last_name="Berg", email="jo@web.de"),
        "joanna": _add(shop, first_name="Joanna", last_name="Stein", email="JO@web.de"),
        "hans": _add(shop, first_name="Hans", last_name="Ott", phone="0911 223344"),
        "grete": _add(shop, first_name="Grete", last_name="Ott", phone="0911/22 33 44"),
    }
    return ids


def test_find_lists_likely_pairs_first_and_leaves_out_families(shop, file_with_twins):
    ids = file_with_twins
    progress: list[tuple[int, int]] = []
    pairs = find_duplicates(shop, progress=lambda done, total: progress.append((done, total)))
    assert [pair.ids for pair in pairs] == [(ids["anna"], ids["anna2"]), (ids["jo"], ids["joanna"])]
    assert pairs[0].reasons == (Reason.NAME, Reason.BIRTHDAY, Reason.POSTAL_CODE)
    assert pairs[1].reasons == (Reason.EMAIL,)
    assert progress[-1] == (3, 3)


def test_a_dismissed_pair_is_not_shown_again(shop, file_with_twins):
    ids = file_with_twins
    dismiss(shop, ids["joanna"], ids["jo"])
    assert [pair.ids for pair in find_duplicates(shop)] == [(ids["anna"], ids["anna2"])]
    with pytest.raises(UserError):
        dismiss(shop, ids["jo"], ids["jo"])


def test_archived_customers_are_not_looked_at(shop, file_with_twins):
    archive_customer(shop, file_with_twins["anna2"], now=NOW)
    assert [pair.reasons for pair in find_duplicates(shop)] == [(Reason.EMAIL,)]


def test_a_cancelled_search_stops(shop, file_with_twins):
    with pytest.raises(Cancelled):
        find_duplicates(shop, cancelled=lambda: True)


def test_preview_shows_what_stays_and_what_moves(shop, file_with_twins):
    ids = file_with_twins
    book_purchase(shop, ids["joanna"], 1500, now=NOW)
    preview = preview_merge(shop, ids["jo"], ids["joanna"])
    assert preview.merged.first_name == "Jo"
    assert preview.moving["purchases"] == 1
    assert preview.filled_from_other() == []
    preview = preview_merge(shop, ids["anna2"], ids["anna"])
    assert preview.filled_from_other() == []
    assert preview.merged.birthday == Birthday(7, 3, 1965)


def test_merge_moves_her_history_and_deletes_the_other(shop, file_with_twins):
    ids = file_with_twins
    book_purchase(shop, ids["joanna"], 1500, now=NOW)
    save_customer(shop, Customer(**{**_fields(get_customer(shop, ids["jo"])), "consent": Consent(email=True)}))
    result = merge(shop, ids["jo"], ids["joanna"], now=LATER)
    assert result.deleted and result.moved["purchases"] == 1
    assert result.kept.id == ids["jo"] and result.kept.notes == "auch: Joanna Stein"
    assert result.kept.consent.email is False  # the other had not allowed e-mail: the stricter wins
    with pytest.raises(UserError, match="mit der Nummer"):
        get_customer(shop, ids["joanna"])


def _fields(customer: Customer) -> dict:
    return {name: getattr(customer, name) for name in customer.__dataclass_fields__}


def test_merge_refuses_herself_the_missing_and_the_archived(shop, file_with_twins):
    ids = file_with_twins
    with pytest.raises(UserError):
        merge(shop, ids["jo"], ids["jo"], now=LATER)
    with pytest.raises(UserError):
        merge(shop, ids["jo"], 999, now=LATER)
    archive_customer(shop, ids["joanna"], now=NOW)
    with pytest.raises(UserError):
        merge(shop, ids["jo"], ids["joanna"], now=LATER)
    assert get_customer(shop, ids["jo"]).customer_since == date(2026, 11, 23)
