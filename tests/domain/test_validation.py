"""Checks of the customer form, field by field."""

from __future__ import annotations

import pytest

from emma.domain.customer import Customer
from emma.domain.validation import (
    COUNTRIES,
    MAX_LENGTHS,
    POSTAL_CODES,
    check_email,
    check_phone,
    check_postal_code,
    problems_of,
)


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("DE", "80331"),
        ("DE", "01067"),
        ("DE", " 80331 "),
        ("AT", "1010"),
        ("CH", "8001"),
        ("LI", "9490"),
        ("LU", "1234"),
        ("LU", "L-1234"),
        ("BE", "1000"),
        ("DK", "2100"),
        ("NL", "1234 AB"),
        ("NL", "1234ab"),
        ("FR", "75001"),
        ("IT", "00184"),
        ("ES", "28013"),
        ("PL", "00-950"),
        ("CZ", "110 00"),
        ("CZ", "11000"),
        ("GB", "SW1A 1AA"),
        ("GB", "M1 1AE"),
        ("US", "90210-1234"),  # no rule known: accepted as typed
        ("DE", ""),  # no postal code at all is allowed
    ],
)
def test_valid_postal_codes(country: str, code: str) -> None:
    assert check_postal_code(code, country) is None


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("DE", "8033"),
        ("DE", "803311"),
        ("DE", "8033a"),
        ("DE", "D-80331"),
        ("AT", "10100"),
        ("AT", "101"),
        ("CH", "80011"),
        ("CH", "CH-8001"),
        ("NL", "1234"),
        ("PL", "00950"),
        ("GB", "12345"),
        ("FR", "7500"),
    ],
)
def test_invalid_postal_codes_name_the_expected_form(country: str, code: str) -> None:
    problem = check_postal_code(code, country)
    assert problem is not None
    assert POSTAL_CODES[country][1] in problem
    assert country in problem


def test_every_country_rule_accepts_its_own_example() -> None:
    for country in COUNTRIES:
        assert check_postal_code(POSTAL_CODES[country][1], country) is None, country


@pytest.mark.parametrize(
    "email",
    ["anna@example.de", "anna.mueller+laden@mail.example.co.uk", " anna@example.de ", "müller@straße.de", ""],
)
def test_valid_emails(email: str) -> None:
    assert check_email(email) is None


@pytest.mark.parametrize(
    "email",
    ["anna", "anna@", "@example.de", "anna@example", "anna@example.d", "anna@@example.de", "an na@example.de",
     "anna@example..de", "anna@.de", "anna@example.de."],
)  # fmt: skip
def test_invalid_emails(email: str) -> None:
    assert check_email(email)


@pytest.mark.parametrize(
    "phone",
    ["0170 1234567", "+49 (0)30 123456", "030/123456", "0171-1234567", "+41 79 123 45 67", "1234", "089.123456", ""],
)
def test_valid_phones(phone: str) -> None:
    assert check_phone(phone) is None


@pytest.mark.parametrize("phone", ["----", "( )", "123", "0170 ABC", "ruf an", "++49 170 1234", "49+170", "0170#1"])
def test_invalid_phones(phone: str) -> None:
    assert check_phone(phone)


def test_a_complete_customer_has_no_problems() -> None:
    customer = Customer(
        first_name="Anna",
        last_name="Müller",
        postal_code="80331",
        city="München",
        phone="089 123456",
        email="anna@example.de",
    )
    assert problems_of(customer) == {}


def test_first_name_alone_or_last_name_alone_is_enough() -> None:
    assert problems_of(Customer(first_name="Anna")) == {}
    assert problems_of(Customer(last_name="Müller")) == {}


@pytest.mark.parametrize(("first", "last"), [("", ""), ("  ", "\t"), (" ", "")])
def test_a_name_is_required(first: str, last: str) -> None:
    assert set(problems_of(Customer(first_name=first, last_name=last))) == {"last_name"}


@pytest.mark.parametrize("field", sorted(MAX_LENGTHS))
def test_length_caps(field: str) -> None:
    limit = MAX_LENGTHS[field]
    base = {"last_name": "Müller"}
    filler = "1" * limit if field == "phone" else "a@b.de".rjust(limit, "x") if field == "email" else "ä" * limit
    at_limit = Customer(**{**base, field: filler})
    assert len(getattr(at_limit, field)) == limit
    assert problems_of(at_limit) == {}
    too_long = Customer(**{**base, field: filler + ("1" if field == "phone" else "x")})
    assert field in problems_of(too_long)
    assert str(limit) in problems_of(too_long)[field]


def test_every_problem_is_reported_under_its_field_at_once() -> None:
    customer = Customer(postal_code="123", phone="?", email="nope", country="DE")
    assert set(problems_of(customer)) == {"last_name", "postal_code", "phone", "email"}


@pytest.mark.parametrize("country", ["", "D", "de", "DEU", "1A"])
def test_country_must_be_a_two_letter_code(country: str) -> None:
    assert "country" in problems_of(Customer(last_name="Müller", country=country))


def test_unknown_but_well_formed_country_is_accepted() -> None:
    assert problems_of(Customer(last_name="Smith", country="US", postal_code="90210")) == {}


def test_postal_code_checked_against_the_customers_country() -> None:
    assert "postal_code" in problems_of(Customer(last_name="Huber", country="AT", postal_code="80331"))
    assert problems_of(Customer(last_name="Huber", country="AT", postal_code="1010")) == {}
