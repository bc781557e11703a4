"""Finding, reading and keeping customers through the use cases the window and the command call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Preferences
from emma.domain.errors import UserError, ValidationError
from emma.services.customers import (
    archive_customer,
    count_customers,
    find_customers,
    get_customer,
    save_customer,
)
from emma.services.shop import Shop

NOW = datetime(2026, 11, 23, 10, 30)


def test_save_refuses_an_invalid_customer_naming_every_field(shop: Shop) -> None:
    bad = Customer(first_name=" ", postal_code="123", email="anna@", phone="ABC")
    with pytest.raises(ValidationError) as refused:
        save_customer(shop, bad, now=NOW)
    assert set(refused.value.problems) == {"last_name", "postal_code", "email", "phone"}
    assert all(refused.value.problems.values())
    assert isinstance(refused.value, UserError)
    for sentence in refused.value.problems.values():
        assert sentence in refused.value.message
    assert count_customers(shop) == 0


def test_a_new_customer_gets_an_id_and_customer_since_today(shop: Shop) -> None:
    saved = save_customer(shop, Customer(first_name="Anna", last_name="Müller"), now=NOW)
    assert saved.id is not None
    assert saved.customer_since == date(2026, 11, 23)
    assert get_customer(shop, saved.id) == saved


def test_a_given_customer_since_is_kept(shop: Shop) -> None:
    saved = save_customer(shop, Customer(last_name="Huber", customer_since=date(2001, 5, 1)), now=NOW)
    assert get_customer(shop, saved.id).customer_since == date(2001, 5, 1)


def test_save_returns_her_as_saved(shop: Shop) -> None:
    saved = save_customer(shop, Customer(first_name="  Anna ", last_name=" Müller", email=" a@b.de "), now=NOW)
    assert (saved.first_name, saved.last_name, saved.email) == ("Anna", "Müller", "a@b.de")
    assert saved == get_customer(shop, saved.id)
    assert [row.id for row in find_customers(shop, "a@b.de")] == [saved.id]


def test_a_changed_customer_is_saved_and_found_by_her_new_name(shop: Shop) -> None:
    saved = save_customer(
        shop,
        Customer(first_name="Anna", last_name="Müller", birthday=Birthday(7, 3, 1965),
                 preferences=Preferences(likes=("Sekt",))),
        now=NOW,
    )  # fmt: skip
    changed = replace(saved, last_name="Schmidt", preferences=Preferences(likes=("Gin", "Sekt")))
    assert save_customer(shop, changed, now=NOW) == changed
    assert get_customer(shop, saved.id) == changed
    assert find_customers(shop, "müller") == []
    assert [row.id for row in find_customers(shop, "schmidt")] == [saved.id]
    assert count_customers(shop) == 1


def test_a_changed_customer_is_validated_too(shop: Shop) -> None:
    saved = save_customer(shop, Customer(last_name="Müller"), now=NOW)
    with pytest.raises(ValidationError) as refused:
        save_customer(shop, replace(saved, postal_code="8033"), now=NOW)
    assert set(refused.value.problems) == {"postal_code"}
    assert get_customer(shop, saved.id).postal_code == ""


def test_saving_a_customer_that_does_not_exist_is_a_user_error(shop: Shop) -> None:
    with pytest.raises(UserError, match="4711"):
        save_customer(shop, Customer(last_name="Geist", id=4711), now=NOW)
    assert count_customers(shop) == 0


def test_get_customer_of_an_unknown_id_is_a_user_error(shop: Shop) -> None:
    with pytest.raises(UserError, match="4711") as refused:
        get_customer(shop, 4711)
    assert not isinstance(refused.value, ValidationError)


def test_archive_and_restore(shop: Shop) -> None:
    anna = save_customer(shop, Customer(first_name="Anna", last_name="Müller"), now=NOW)
    archive_customer(shop, anna.id, now=NOW)
    assert find_customers(shop, "anna") == []
    assert [row.id for row in find_customers(shop, "anna", archived=True)] == [anna.id]
    assert count_customers(shop) == 0
    assert get_customer(shop, anna.id).archived
    archive_customer(shop, anna.id, archived=False, now=NOW)
    assert [row.id for row in find_customers(shop, "anna")] == [anna.id]
    with pytest.raises(UserError, match="4711"):
        archive_customer(shop, 4711, now=NOW)


def test_find_customers_pages_after_a_summary(shop: Shop) -> None:
    for number in range(7):
        save_customer(shop, Customer(first_name=f"Kundin {number}", last_name="Muster"), now=NOW)
    first = find_customers(shop, "muster", limit=3)
    second = find_customers(shop, "muster", limit=3, after=first[-1])
    third = find_customers(shop, "muster", limit=3, after=second[-1])
    names = [row.first_name for row in first + second + third]
    assert names == [f"Kundin {number}" for number in range(7)]
    assert len(third) == 1
