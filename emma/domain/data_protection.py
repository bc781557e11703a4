"""Data-protection rules (DSGVO): who is the same person for an objection, what mentions her, how long the books
keep anonymised purchases, and who has been quiet long enough to be reviewed.

Pure functions: "today" and every setting come in as arguments.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from emma.domain.customer import Customer
from emma.domain.folding import fold, fold_words

# Years the books keep a voucher (a purchase), counted from the end of the calendar year it was made in:
# Germany § 147 AO (8 years for accounting vouchers since 2025), Austria § 132 BAO, Switzerland Art. 958f OR.
RETENTION_YEARS = {"DE": 8, "AT": 7, "CH": 10}
DEFAULT_INACTIVE_YEARS = 3

# Street words written out or shortened: "Hauptstraße", "Hauptstr.", "Haupt-Str." and "Hauptstrasse" are one.
_SHORT_FORMS = (("strasse", "str"), ("platz", "pl"))
_SPACES = re.compile(r"\s+")


def name_key(first_name: str, last_name: str) -> str:
    """Her names folded (case, accents, ä/ae, ß/ss) and sorted, so that "Müller, Anna" and "Anna Mueller" –
    also with first and last name swapped by an import – are one person. The title is left out."""
    return " ".join(sorted((*fold_words(first_name), *fold_words(last_name))))


def street_key(street: str) -> str:
    """A street folded without spaces or punctuation, "straße" and "platz" shortened: "Hauptstraße 5 a",
    "hauptstr. 5a" and "Haupt-Str. 5A" all give "hauptstr5a"."""
    words = []
    for word in fold_words(street):
        for long, short in _SHORT_FORMS:
            if word.endswith(long):
                word = word[: -len(long)] + short
        words.append(word)
    return "".join(words)


def address_key(customer: Customer) -> str:
    """Where she lives, folded: street, postal code (without spaces) and country. The town is left out: the
    postal code names it, and "Nürnberg"/"Nuernberg" would only add a way to differ."""
    postal_code = _SPACES.sub("", fold(customer.postal_code))
    return f"{street_key(customer.street)}|{postal_code}|{customer.country.upper()}"


def suppression_key(customer: Customer, salt: str) -> str:
    """What a suppression entry keeps of her: a salted hash of her folded name and address.

    A hash, not the folded words themselves: after an erasure her name must not be in the file in any form,
    yet her objection must still stop a letter to her when she is imported again. The salt is the shop's own,
    so that the entries of two shops cannot be compared.
    """
    text = f"{name_key(customer.first_name, customer.last_name)}\x1f{address_key(customer)}"
    return hashlib.sha256(f"{salt}\x1f{text}".encode()).hexdigest()


def has_person(customer: Customer) -> bool:
    """Whether there is enough of her for a suppression entry: a name."""
    return bool(name_key(customer.first_name, customer.last_name))


def mentions(text: str, customer: Customer) -> bool:
    """Whether `text` names her: one of her name's words (folded, at least two letters) is a word of it."""
    own = {word for word in fold_words(f"{customer.first_name} {customer.last_name}") if len(word) >= 2}
    return bool(own & set(fold_words(text)))


def without_name(text: str, customer: Customer, placeholder: str) -> str:
    """`text` with her full name (as typed, "Anna Müller" or "Müller, Anna", any case) replaced by `placeholder`.

    Only the whole name: a shop's settings may hold the owner's own last name, which she may share."""
    first, last = customer.first_name.strip(), customer.last_name.strip()
    for variant in {f"{first} {last}", f"{last}, {first}", customer.full_name}:
        if first and last:
            text = re.sub(re.escape(variant), placeholder, text, flags=re.IGNORECASE)
    return text


def retention_years(country: str, configured: dict[str, int] | None = None) -> int:
    """How many years the books keep a voucher in `country` (the shop's); unknown countries keep the longest."""
    table = {**RETENTION_YEARS, **(configured or {})}
    return table.get(country.upper(), max(table.values()))


def retention_cutoff(today: date, years: int) -> date:
    """Purchases made before this day are past their retention on `today`: the period runs from the end of
    the calendar year of the purchase, so a purchase of 2017 may go from 1 January 2026 on (8 years)."""
    return date(today.year - years, 1, 1)


def inactive_cutoff(today: date, years: int) -> date:
    """Customers with no purchase and no change since this day are inactive for `years` years (29 February
    counts from 28 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


@dataclass(frozen=True)
class InactiveRow:
    """A customer in the review list of quiet customers."""

    id: int
    name: str
    last_purchase: date | None
    changed_on: date
    archived: bool
