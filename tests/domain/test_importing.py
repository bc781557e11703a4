"""The rules of an import: who is a known customer, and what a row changes of her."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday
from emma.domain.customer import Consent, Customer, Preferences
from emma.domain.importing import KnownCustomers, consent_of, same_birthday, updated

ANNA = Customer(id=7, first_name="Anna", last_name="Müller", email="Anna@Example.de", birthday=Birthday(7, 3, 1965),
                street="Am Markt 1", notes="mag Feigen", preferences=Preferences(likes=("Riesling",)))  # fmt: skip


def _known() -> KnownCustomers:
    known = KnownCustomers()
    known.add(7, "Anna", "Müller", Birthday(7, 3, 1965), "Anna@Example.de")
    known.add(8, "Peter", "Kaya", None, "")
    return known


def test_the_same_email_whatever_the_case_is_the_same_customer() -> None:
    assert _known().find(Customer(first_name="A.", last_name="M.", email=" anna@example.DE ")) == 7


def test_the_same_folded_name_and_birthday_is_the_same_customer() -> None:
    known = _known()
    assert known.find(Customer(first_name="anna", last_name="Mueller", birthday=Birthday(7, 3))) == 7
    assert known.find(Customer(first_name="Anna", last_name="Müller", birthday=Birthday(7, 3, 1966))) is None
    assert known.find(Customer(first_name="Anna", last_name="Müller")) is None  # a name alone is not enough
    assert known.find(Customer(first_name="Peter", last_name="Kaya", birthday=Birthday(1, 1))) is None


def test_filled_cells_replace_empty_ones_never_erase() -> None:
    row = Customer(first_name="Anna", last_name="Müller", street="", city="Berlin", notes="neu: Käse",
                   preferences=Preferences(likes=("riesling", "Käse")))  # fmt: skip
    changed = updated(ANNA, row, frozenset({"first_name", "last_name", "city", "notes", "likes"}))
    assert (changed.street, changed.city) == ("Am Markt 1", "Berlin")
    assert changed.preferences.likes == ("Riesling", "Käse")
    assert changed.notes == "mag Feigen\nneu: Käse"
    assert updated(changed, row, frozenset({"city", "notes", "likes"})) == changed  # the same file again: no change


def test_a_birthday_without_the_year_keeps_hers_with_the_year() -> None:
    row = Customer(first_name="Anna", last_name="Müller", birthday=Birthday(7, 3))
    assert updated(ANNA, row, frozenset({"birthday"})).birthday == Birthday(7, 3, 1965)


def test_an_objection_stands_whatever_the_file_says() -> None:
    objected = Customer(first_name="Anna", consent=Consent(postal_mail=False, postal_objected_on=date(2026, 1, 5)))
    row = Customer(first_name="Anna", consent=Consent(postal_mail=True))
    assert updated(objected, row, frozenset({"postal_mail"})).consent.postal_mail is False
    assert consent_of(None, None) == Consent(postal_mail=True, email=False)
    assert consent_of(False, True) == Consent(postal_mail=False, email=True)


birthdays = st.builds(Birthday, month=st.integers(1, 12), day=st.integers(1, 28),
                      year=st.one_of(st.none(), st.integers(1900, 2020)))  # fmt: skip


@given(birthdays, birthdays)
def test_same_birthday_is_symmetric(one: Birthday, other: Birthday) -> None:
    assert same_birthday(one, other) == same_birthday(other, one)
    assert same_birthday(one, one)


@given(st.lists(st.sampled_from(["Wein", "wein", "Käse", "KÄSE", "Brot"]), max_size=6))
def test_an_update_is_idempotent(likes: list[str]) -> None:
    row = Customer(first_name="Anna", city="Köln", preferences=Preferences(likes=tuple(likes)), notes="x")
    once = updated(ANNA, row, frozenset({"city", "likes", "notes"}))
    assert updated(once, row, frozenset({"city", "likes", "notes"})) == once
