"""The customer: who she is, how to address her, what she likes, and what she allowed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum

from emma.domain.birthdays import Birthday
from emma.domain.folding import fold, fold_unique, fold_words, strip_accents, words_of_folded
from emma.i18n import _

# What the owner types to find a phone number (or a postal code): digits with separators.
_NUMBER = re.compile(r"\+?[\d\s/()\-.]*\d[\d\s/()\-.]*")
_NOT_DIGITS = re.compile(r"\D+")


class Salutation(StrEnum):
    FRAU = "frau"
    HERR = "herr"
    DIVERS = "divers"
    NONE = "none"

    def label(self) -> str:
        return {
            Salutation.FRAU: _("Ms"),
            Salutation.HERR: _("Mr"),
            Salutation.DIVERS: _("Diverse"),
            Salutation.NONE: _("No salutation"),
        }[self]


class AddressForm(StrEnum):
    SIE = "sie"
    DU = "du"

    def label(self) -> str:
        return _("Formal (Sie)") if self is AddressForm.SIE else _("First-name terms (Du)")


@dataclass(frozen=True)
class Preferences:
    """Short tags, each list in the order the owner entered them."""

    likes: tuple[str, ...] = ()
    dislikes: tuple[str, ...] = ()
    allergies: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    favourites: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()

    @staticmethod
    def kinds() -> tuple[str, ...]:
        return _PREFERENCE_KINDS

    @staticmethod
    def kind_label(kind: str) -> str:
        return {
            "likes": _("Likes"),
            "dislikes": _("Dislikes"),
            "allergies": _("Allergies"),
            "sizes": _("Sizes"),
            "favourites": _("Favourite products"),
            "brands": _("Brands"),
        }[kind]

    def items(self) -> list[tuple[str, str]]:
        """(kind, tag) pairs in display order."""
        return [(kind, tag) for kind in self.kinds() for tag in getattr(self, kind)]

    def is_empty(self) -> bool:
        return not self.items()


_PREFERENCE_KINDS = tuple(f.name for f in fields(Preferences))


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "Rotwein, Riesling; glutenfrei": trimmed, without repeats (folded)."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in text.replace(";", ",").replace("\n", ",").split(","):
        tag = " ".join(raw.split())
        if tag and fold(tag) not in seen:
            seen.add(fold(tag))
            tags.append(tag)
    return tuple(tags)


@dataclass(frozen=True)
class Consent:
    postal_mail: bool = True
    postal_objected_on: date | None = None
    email: bool = False
    signed_on: date | None = None  # the day she signed the consent form (services/gdpr)


@dataclass(frozen=True)
class Customer:
    first_name: str = ""
    last_name: str = ""
    salutation: Salutation = Salutation.NONE
    title: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "DE"
    phone: str = ""
    email: str = ""
    birthday: Birthday | None = None
    customer_since: date | None = None
    address_form: AddressForm = AddressForm.SIE
    preferences: Preferences = field(default_factory=Preferences)
    notes: str = ""
    consent: Consent = field(default_factory=Consent)
    archived: bool = False
    id: int | None = None

    @property
    def full_name(self) -> str:
        """„Dr. Anna Müller“: title, first and last name as typed."""
        return customer_name(self.title, self.first_name, self.last_name)

    @property
    def list_name(self) -> str:
        """„Müller, Anna“ for lists sorted by last name."""
        if self.last_name and self.first_name:
            return f"{self.last_name}, {self.first_name}"
        return self.last_name or self.first_name

    def sort_key(self) -> str:
        return sort_key_of(self.first_name, self.last_name)

    def search_terms(self) -> set[str]:
        """Folded words the search finds her by: names, e-mail, phone digits and postal code.

        Not the street or the city: most customers of a shop share a city, and "Nü" at the counter
        means Nüßlein, not everyone from Nürnberg.
        """
        terms = {*fold_words(self.title), *fold_words(self.first_name), *fold_words(self.last_name)}
        email = self.email.strip()
        if email:
            folded = fold_unique(email)
            terms.add(folded)
            terms.update(words_of_folded(folded.partition("@")[0]))
        digits = _NOT_DIGITS.sub("", self.phone) if self.phone else ""
        if digits:
            terms.add(digits)
            national = _national_number(self.phone.strip(), digits)
            if national:
                terms.add(national)
        if self.postal_code:
            terms.add(fold(self.postal_code.replace(" ", "")))
        terms.discard("")
        return terms


def _national_number(phone: str, digits: str) -> str | None:
    """ "+49 170 …", "0049 170 …" and "+49 (0)170 …" are also found as "0170 …" (DE, AT, CH)."""
    if phone.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    else:
        return None
    for country_code in ("49", "43", "41"):
        if international.startswith(country_code):
            return "0" + international[len(country_code) :].removeprefix("0")
    return None


@dataclass(frozen=True)
class CustomerSummary:
    """What a list shows of a customer, and where a list sorted by name continues after her."""

    id: int
    first_name: str
    last_name: str
    title: str
    postal_code: str
    city: str
    birthday: Birthday | None
    phone: str
    sort_key: str

    @property
    def list_name(self) -> str:
        if self.last_name and self.first_name:
            return f"{self.last_name}, {self.first_name}"
        return self.last_name or self.first_name


def query_words(text: str) -> list[str]:
    """The words of a search as the owner types it: each must start one of a customer's search terms.

    An e-mail address stays one word, and a number typed with spaces or slashes ("0170 123 45",
    "+49 170/12") is one phone number, as `Customer.search_terms` keeps them.
    """
    if _NUMBER.fullmatch(text.strip()):
        return [_NOT_DIGITS.sub("", text)]
    words: list[str] = []
    for part in text.split():
        words.extend([fold(part)] if "@" in part else fold_words(part))
    return words


def customer_name(title: str, first_name: str, last_name: str) -> str:
    """„Dr. Anna Müller“: title, first and last name as typed."""
    return " ".join(part for part in (title.strip(), first_name.strip(), last_name.strip()) if part)


def customer_code(customer_id: int) -> str:
    """The short code printed on her paper card and letters: K-00042."""
    return f"K-{customer_id:05d}"


def sort_key_of(first_name: str, last_name: str) -> str:
    """Sort by last name, then first name, with umlauts among their base letters (DIN 5007-1).

    The names are trimmed as the store keeps them, so " Zimmer" sorts under Z.
    """
    return f"{strip_accents(last_name.strip())}\x1f{strip_accents(first_name.strip())}"
