"""Duplicates: when two customer records are likely one person, and what one record made of two looks like.

Candidates are found by keys (the store groups customers by them): the folded words of her name in any
order, her e-mail address, her phone number. Each pair a key brings together is then scored here on
everything the two records say, so that a couple sharing a landline or two people called Anna Berg with
different birthdays stay out of the list.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

from emma.domain.birthdays import Birthday
from emma.domain.customer import (
    _NOT_DIGITS,
    Consent,
    Customer,
    Preferences,
    Salutation,
    _national_number,
    sort_key_of,
)
from emma.domain.folding import fold, fold_unique, fold_words
from emma.i18n import _

# Below this a pair is not shown: one matching name alone is 50, one shared e-mail or phone alone 40.
MIN_SCORE = 40
MAX_SCORE = 100
# A phone number shorter than this is an extension or a typo, not a person.
MIN_PHONE_DIGITS = 6

_POINTS = {"name": 50, "name_swapped": 45, "birthday": 30, "email": 40, "phone": 40, "postal_code": 15}
# Both birthdays known and different: two people, whatever else they share.
_BIRTHDAY_CONFLICT = -60
# Same last name, clearly different first names: a family sharing an address book entry, not one person.
_FAMILY = -40


class Reason(StrEnum):
    NAME = "name"
    NAME_SWAPPED = "name_swapped"
    BIRTHDAY = "birthday"
    EMAIL = "email"
    PHONE = "phone"
    POSTAL_CODE = "postal_code"

    def label(self) -> str:
        return {
            Reason.NAME: _("same name"),
            Reason.NAME_SWAPPED: _("same name, first and last name swapped"),
            Reason.BIRTHDAY: _("same birthday"),
            Reason.EMAIL: _("same e-mail address"),
            Reason.PHONE: _("same phone number"),
            Reason.POSTAL_CODE: _("same postal code"),
        }[self]


_REASON_ORDER = tuple(Reason)


@dataclass(frozen=True)
class DuplicatePair:
    """Two customers that are likely one; `first` has the smaller id."""

    first: Customer
    second: Customer
    reasons: tuple[Reason, ...]
    score: int

    @property
    def ids(self) -> tuple[int, int]:
        return (self.first.id, self.second.id)  # type: ignore[return-value]

    def reason_text(self) -> str:
        return ", ".join(reason.label() for reason in self.reasons)

    def likelihood(self) -> str:
        if self.score >= 80:
            return _("very likely")
        if self.score >= 60:
            return _("likely")
        return _("possible")


# --- keys: what the store groups customers by --------------------------------------------------------------


def name_key(first_name: str, last_name: str) -> str | None:
    """The folded words of her first and last name, sorted: the same for "Anna Müller", "Mueller, Anna"
    typed the wrong way round, and "anna-muller"."""
    return name_key_of_sort_key(sort_key_of(first_name, last_name))


def name_key_of_sort_key(sort_key: str) -> str | None:
    """`name_key` from the sort key the file keeps of every customer (in an index): the store groups by it
    without reading a customer row, and both ways give the same key because this is the only way."""
    last, _, first = sort_key.partition("\x1f")
    words = sorted((*fold_words(first), *fold_words(last)))
    return " ".join(words) if words else None


def email_key(email: str) -> str | None:
    text = email.strip()
    return fold_unique(text) if "@" in text else None


def phone_key(phone: str) -> str | None:
    """Her number as the search keeps it: the digits, "+49 170 …" and "0049 170 …" as "0170 …"."""
    text = phone.strip()
    digits = _NOT_DIGITS.sub("", text)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return _national_number(text, digits) or digits


def keys_of(customer: Customer) -> set[tuple[str, str]]:
    """(kind, key) pairs: two customers sharing one are looked at as a pair."""
    keys = {
        ("name", name_key(customer.first_name, customer.last_name)),
        ("email", email_key(customer.email)),
        ("phone", phone_key(customer.phone)),
    }
    return {(kind, key) for kind, key in keys if key is not None}


# --- scoring -----------------------------------------------------------------------------------------------


def reasons_for(a: Customer, b: Customer) -> tuple[Reason, ...]:
    """What the two records have in common, in a fixed order (the same either way round)."""
    found: set[Reason] = set()
    key = name_key(a.first_name, a.last_name)
    if key is not None and key == name_key(b.first_name, b.last_name):
        same_order = (fold_words(a.first_name), fold_words(a.last_name)) == (
            fold_words(b.first_name),
            fold_words(b.last_name),
        )
        found.add(Reason.NAME if same_order else Reason.NAME_SWAPPED)
        if a.postal_code.strip() and fold(a.postal_code.replace(" ", "")) == fold(b.postal_code.replace(" ", "")):
            found.add(Reason.POSTAL_CODE)
    if birthdays_agree(a.birthday, b.birthday) and a.birthday is not None and b.birthday is not None:
        found.add(Reason.BIRTHDAY)
    email = email_key(a.email)
    if email is not None and email == email_key(b.email):
        found.add(Reason.EMAIL)
    phone = phone_key(a.phone)
    if phone is not None and phone == phone_key(b.phone):
        found.add(Reason.PHONE)
    return tuple(reason for reason in _REASON_ORDER if reason in found)


def birthdays_agree(a: Birthday | None, b: Birthday | None) -> bool:
    """True unless both are known and differ (a missing year agrees with any year)."""
    if a is None or b is None:
        return True
    return parts_agree((a.month, a.day, a.year), (b.month, b.day, b.year))


def parts_agree(a: tuple[int, int, int | None] | None, b: tuple[int, int, int | None] | None) -> bool:
    """`birthdays_agree` for (month, day, year) as they come from the file, for tens of thousands of pairs."""
    if a is None or b is None:
        return True
    if a[:2] != b[:2]:
        return False
    return a[2] is None or b[2] is None or a[2] == b[2]


def score(a: Customer, b: Customer) -> int:
    """How likely the two are one person, 0 to 100; symmetric."""
    return _score(a, b, reasons_for(a, b))


def _score(a: Customer, b: Customer, reasons: tuple[Reason, ...]) -> int:
    # A shared birthday or postal code alone says nothing: they count only with something that names her.
    if not set(reasons) - {Reason.BIRTHDAY, Reason.POSTAL_CODE}:
        return 0
    points = sum(_POINTS[reason.value] for reason in reasons)
    if not birthdays_agree(a.birthday, b.birthday):
        points += _BIRTHDAY_CONFLICT
    if _family(a, b, reasons):
        points += _FAMILY
    return max(0, min(MAX_SCORE, points))


def pair_of(a: Customer, b: Customer) -> DuplicatePair | None:
    """The pair as the list shows it, or None when they are not likely one (or are the same record)."""
    if a.id is not None and a.id == b.id:
        return None
    reasons = reasons_for(a, b)
    points = _score(a, b, reasons)
    if points < MIN_SCORE:
        return None
    first, second = (a, b) if (a.id or 0) <= (b.id or 0) else (b, a)
    return DuplicatePair(first, second, reasons, points)


def _family(a: Customer, b: Customer, reasons: tuple[Reason, ...]) -> bool:
    if Reason.NAME in reasons or Reason.NAME_SWAPPED in reasons:
        return False
    if not (a.first_name.strip() and b.first_name.strip()):
        return False
    if fold_words(a.last_name) != fold_words(b.last_name):
        return False
    return not similar_first_names(a.first_name, b.first_name)


def similar_first_names(a: str, b: str) -> bool:
    """ "Hans" and "Hans-Peter", "Ana" and "Anna", "Jürgen" and "Juergen": one person's ways of writing it."""
    words_a, words_b = set(fold_words(a)), set(fold_words(b))
    if words_a & words_b:
        return True
    left, right = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    if left.startswith(right) or right.startswith(left):
        return True
    allowed = 1 if min(len(left), len(right)) <= 5 else 2
    return _edit_distance(left, right, allowed) <= allowed


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) once it is beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def sorted_pairs(pairs: list[DuplicatePair]) -> list[DuplicatePair]:
    """Most likely first, then by the names."""
    return sorted(pairs, key=lambda pair: (-pair.score, pair.first.sort_key(), pair.ids))


# --- merging -----------------------------------------------------------------------------------------------


def merged_customer(keep: Customer, other: Customer) -> Customer:
    """`keep` with what only `other` knows: her empty fields filled, notes and preferences joined, the
    earlier customer-since date and the stricter consent. What would be lost of `other` (her name as
    written, a second address, number or e-mail) is written into the notes ("also: …")."""
    address_empty = not (keep.street.strip() or keep.postal_code.strip() or keep.city.strip())
    merged = replace(
        keep,
        salutation=keep.salutation if keep.salutation is not Salutation.NONE else other.salutation,
        title=keep.title.strip() or other.title.strip(),
        first_name=keep.first_name.strip() or other.first_name.strip(),
        last_name=keep.last_name.strip() or other.last_name.strip(),
        street=other.street if address_empty else keep.street,
        postal_code=other.postal_code if address_empty else keep.postal_code,
        city=other.city if address_empty else keep.city,
        country=other.country if address_empty else keep.country,
        phone=keep.phone.strip() or other.phone.strip(),
        email=keep.email.strip() or other.email.strip(),
        birthday=_merged_birthday(keep.birthday, other.birthday),
        customer_since=_earlier(keep.customer_since, other.customer_since),
        preferences=_united(keep.preferences, other.preferences),
        consent=_stricter(keep.consent, other.consent),
    )
    return replace(merged, notes=_joined_notes(merged, keep.notes, other))


def _merged_birthday(keep: Birthday | None, other: Birthday | None) -> Birthday | None:
    if keep is None:
        return other
    if other is not None and keep.year is None and (keep.month, keep.day) == (other.month, other.day):
        return other  # the same day, and the other knows the year
    return keep


def _earlier(a: date | None, b: date | None) -> date | None:
    known = [day for day in (a, b) if day is not None]
    return min(known) if known else None


def _united(keep: Preferences, other: Preferences) -> Preferences:
    united = {}
    for kind in Preferences.kinds():
        tags = list(getattr(keep, kind))
        seen = {fold(tag) for tag in tags}
        for tag in getattr(other, kind):
            if fold(tag) not in seen:
                seen.add(fold(tag))
                tags.append(tag)
        united[kind] = tuple(tags)
    return Preferences(**united)


def _stricter(a: Consent, b: Consent) -> Consent:
    """An objection on either record stands, with the earlier date; e-mail only when both allowed it. Anything
    else recorded about her consent (the day she signed the form) is hers, else the other's."""
    objections = [day for day in (a.postal_objected_on, b.postal_objected_on) if day is not None]
    decided = {
        "postal_mail": a.postal_mail and b.postal_mail,
        "postal_objected_on": min(objections) if objections else None,
        "email": a.email and b.email,
    }
    rest = {
        field.name: getattr(b, field.name) if getattr(a, field.name) is None else getattr(a, field.name)
        for field in fields(Consent)
        if field.name not in decided
    }
    return Consent(**decided, **rest)


def _joined_notes(merged: Customer, kept_notes: str, other: Customer) -> str:
    """Both notes (once if they are the same), and a line with what of `other` the merged record lacks."""
    also: list[str] = []
    if other.full_name.casefold() != merged.full_name.casefold():  # "KAMBS" for "Kambs" is no other name
        also.append(other.full_name)
    if other.phone.strip() and phone_key(other.phone) != phone_key(merged.phone):
        also.append(other.phone.strip())
    if other.email.strip() and email_key(other.email) != email_key(merged.email):
        also.append(other.email.strip())
    if _address_differs(other, merged):
        also.append(_address_line(other))
    parts = [kept_notes.strip()]
    if other.notes.strip() != kept_notes.strip():
        parts.append(other.notes.strip())
    if also:
        parts.append(_("also: {details}").format(details="; ".join(also)))
    return "\n".join(part for part in parts if part)


def _address_differs(other: Customer, merged: Customer) -> bool:
    """Whether `other` names a street or town that the merged record does not have (a part left out is none)."""
    street, town = fold(other.street.strip()), fold(f"{other.postal_code} {other.city}".strip())
    return bool(street and street != fold(merged.street.strip())) or bool(
        town and town != fold(f"{merged.postal_code} {merged.city}".strip())
    )


def _address_line(customer: Customer) -> str:
    town = f"{customer.postal_code.strip()} {customer.city.strip()}".strip()
    return ", ".join(part for part in (customer.street.strip(), town) if part)
