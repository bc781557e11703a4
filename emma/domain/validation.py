"""Checks of a customer form, field by field, as the owner types."""

from __future__ import annotations

import functools
import re

from emma.domain.customer import Customer
from emma.i18n import _

# Postal codes of the countries a shop in the German-speaking lands meets most.
POSTAL_CODES = {
    "DE": (re.compile(r"^\d{5}$"), "12345"),
    "AT": (re.compile(r"^\d{4}$"), "1234"),
    "CH": (re.compile(r"^\d{4}$"), "1234"),
    "LI": (re.compile(r"^\d{4}$"), "1234"),
    "LU": (re.compile(r"^(L-)?\d{4}$"), "1234"),
    "BE": (re.compile(r"^\d{4}$"), "1234"),
    "DK": (re.compile(r"^\d{4}$"), "1234"),
    "NL": (re.compile(r"^\d{4} ?[A-Z]{2}$"), "1234 AB"),
    "FR": (re.compile(r"^\d{5}$"), "12345"),
    "IT": (re.compile(r"^\d{5}$"), "12345"),
    "ES": (re.compile(r"^\d{5}$"), "12345"),
    "PL": (re.compile(r"^\d{2}-\d{3}$"), "12-345"),
    "CZ": (re.compile(r"^\d{3} ?\d{2}$"), "123 45"),
    "GB": (re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"), "SW1A 1AA"),
}
COUNTRIES = tuple(POSTAL_CODES)
_EMAIL = re.compile(r"^[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]{2,}$")
# At least four digits: "----" or "(  )" is not a phone number.
_PHONE = re.compile(r"^\+?(?=(?:\D*\d){4})[\d\s/()\-.]+$")
MAX_LENGTHS = {"first_name": 100, "last_name": 100, "title": 40, "street": 200, "city": 100,
               "phone": 40, "email": 200, "notes": 20_000}  # fmt: skip


def check_postal_code(code: str, country: str) -> str | None:
    if not code or postal_code_fits(code, country):
        return None
    return _("A postal code in {country} looks like {example}.").format(
        country=country, example=POSTAL_CODES[country][1]
    )


@functools.lru_cache(maxsize=65_536)  # a customer list repeats its postal codes
def postal_code_fits(code: str, country: str) -> bool:
    """Whether `code` has the form of the postal codes of `country` (any form where we know none)."""
    rule = POSTAL_CODES.get(country)
    return rule is None or bool(rule[0].match(code.strip().upper()))


def check_email(email: str) -> str | None:
    if email and not _EMAIL.match(email.strip()):
        return _("This e-mail address is incomplete (name@example.de).")
    return None


def check_phone(phone: str) -> str | None:
    if phone and not _PHONE.match(phone.strip()):
        return _("A phone number has digits, spaces and + / ( ) - only.")
    return None


def problems_of(customer: Customer) -> dict[str, str]:
    """Every field that keeps the customer from being saved, with a sentence for the owner."""
    problems: dict[str, str] = {}
    if not customer.first_name.strip() and not customer.last_name.strip():
        problems["last_name"] = _("Please enter at least a first or a last name.")
    for name, limit in MAX_LENGTHS.items():
        if len(getattr(customer, name)) > limit:
            problems[name] = _("At most {limit} characters, please.").format(limit=limit)
    if customer.country not in POSTAL_CODES and not re.fullmatch(r"[A-Z]{2}", customer.country):
        problems["country"] = _("Please choose a country.")
    for name, problem in (
        ("postal_code", check_postal_code(customer.postal_code, customer.country)),
        ("email", check_email(customer.email)),
        ("phone", check_phone(customer.phone)),
    ):
        if problem:
            problems.setdefault(name, problem)
    return problems
