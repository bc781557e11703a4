"""Rules of an import: who in the file is a customer the shop already has, and what an import changes of her.

A row is the same person as a known customer when the e-mail address is the same (case aside), or when the
folded first and last name are the same and so is the birthday (day and month; the years too when both have
one). Such a row updates her: a filled cell replaces her field, an empty cell never erases one, tags are
added to hers, a note is added below hers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from emma.domain.birthdays import Birthday
from emma.domain.customer import Consent, Customer, Preferences
from emma.domain.folding import fold

# The customer's fields an import fills directly from a cell.
PLAIN_FIELDS = ("salutation", "title", "first_name", "last_name", "street", "postal_code", "city", "country",
                "phone", "email", "birthday", "customer_since", "address_form")  # fmt: skip


@dataclass
class KnownCustomers:
    """The customers an import compares its rows with: those of the file and those the import has made."""

    _by_email: dict[str, int] = field(default_factory=dict)
    _by_name: dict[tuple[str, str], list[tuple[int, Birthday]]] = field(default_factory=dict)

    def add(self, customer_id: int, first_name: str, last_name: str, birthday: Birthday | None, email: str) -> None:
        if email.strip():
            self._by_email.setdefault(email.strip().casefold(), customer_id)
        if birthday is not None:
            self._by_name.setdefault(_name_key(first_name, last_name), []).append((customer_id, birthday))

    def find(self, customer: Customer) -> int | None:
        """The id of the known customer she is, or None."""
        if customer.email.strip():
            found = self._by_email.get(customer.email.strip().casefold())
            if found is not None:
                return found
        if customer.birthday is None:
            return None
        for customer_id, birthday in self._by_name.get(_name_key(customer.first_name, customer.last_name), ()):
            if same_birthday(birthday, customer.birthday):
                return customer_id
        return None


def same_birthday(one: Birthday, other: Birthday) -> bool:
    return (one.month, one.day) == (other.month, other.day) and (
        one.year is None or other.year is None or one.year == other.year
    )


def _name_key(first_name: str, last_name: str) -> tuple[str, str]:
    return fold(first_name), fold(last_name)


def updated(existing: Customer, imported: Customer, filled: frozenset[str]) -> Customer:
    """`existing` as the import changes her: the `filled` fields (those with a cell in the row) replace hers,
    tags are added to hers, notes go below hers (once), consent changes only where the file says so."""
    changes = {name: getattr(imported, name) for name in PLAIN_FIELDS if name in filled}
    if (
        "birthday" in changes
        and existing.birthday
        and imported.birthday
        and imported.birthday.year is None
        and same_birthday(existing.birthday, imported.birthday)
    ):
        del changes["birthday"]  # the file without the year she told the shop
    tags = {
        kind: _united(getattr(existing.preferences, kind), getattr(imported.preferences, kind))
        for kind in Preferences.kinds()
    }
    notes = existing.notes
    addition = imported.notes.strip()
    if addition and addition not in notes:
        notes = f"{notes.rstrip()}\n{addition}" if notes.strip() else addition
    consent = existing.consent
    if "postal_mail" in filled:
        consent = replace(consent, postal_mail=imported.consent.postal_mail)
    if "email_allowed" in filled:
        consent = replace(consent, email=imported.consent.email)
    if consent.postal_objected_on is not None:
        consent = replace(consent, postal_mail=False)  # an objection stands, whatever a list says
    return replace(existing, **changes, preferences=Preferences(**tags), notes=notes, consent=consent)


def _united(mine: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    seen = {fold(tag) for tag in mine}
    added = [tag for tag in theirs if fold(tag) not in seen and not seen.add(fold(tag))]
    return (*mine, *added)


def consent_of(postal_mail: bool | None, email: bool | None) -> Consent:
    """A new customer's consent from the file's cells (letters allowed unless it says no, e-mail only if yes)."""
    return Consent(postal_mail=postal_mail is not False, email=email is True)
