"""Letters: who gets one, how she is greeted and how her address is written (DIN 5008).

Pure rules: the words come from the letter's language ("de" or "en"), which is not always the language the
owner's window speaks (an English letter from a German shop).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from emma.domain.customer import AddressForm, Customer, Salutation
from emma.domain.reminders import ReminderKind
from emma.i18n import _

COUNTRY_NAMES = {
    "de": {"DE": "", "AT": "ÖSTERREICH", "CH": "SCHWEIZ"},
    "en": {"DE": "", "AT": "AUSTRIA", "CH": "SWITZERLAND"},
}


class Occasion(StrEnum):
    BIRTHDAY = "birthday"
    THANKS = "thanks"  # after the first purchase
    WINBACK = "winback"
    REWARD = "reward"  # a stamp card is full
    SEASON = "season"  # season's greetings
    ARRIVAL = "arrival"  # a new arrival she likes
    FREE = "free"

    def label(self) -> str:
        return {
            Occasion.BIRTHDAY: _("Birthday"),
            Occasion.THANKS: _("Thank-you after the first purchase"),
            Occasion.WINBACK: _("We miss you"),
            Occasion.REWARD: _("Reward ready"),
            Occasion.SEASON: _("Season's greetings"),
            Occasion.ARRIVAL: _("New arrival"),
            Occasion.FREE: _("Free letter"),
        }[self]


# The reminders of Heute that a letter answers, and its occasion.
OCCASION_OF_REMINDER = {
    ReminderKind.BIRTHDAY: Occasion.BIRTHDAY,
    ReminderKind.FIRST_PURCHASE: Occasion.THANKS,
    ReminderKind.WIN_BACK: Occasion.WINBACK,
    ReminderKind.STAMP_REWARD: Occasion.REWARD,
}


class SkipReason(StrEnum):
    ARCHIVED = "archived"
    OBJECTED = "objected"
    NO_ADDRESS = "no_address"

    def label(self) -> str:
        return {
            SkipReason.ARCHIVED: _("archived"),
            SkipReason.OBJECTED: _("does not want letters"),
            SkipReason.NO_ADDRESS: _("no complete postal address"),
        }[self]


def skip_reason(customer: Customer) -> SkipReason | None:
    """Why she gets no letter, or None: archived, objected to advertising, or no complete address."""
    if customer.archived:
        return SkipReason.ARCHIVED
    if not customer.consent.postal_mail or customer.consent.postal_objected_on is not None:
        return SkipReason.OBJECTED
    if not (customer.last_name.strip() or customer.first_name.strip()) or not all(
        part.strip() for part in (customer.street, customer.postal_code, customer.city)
    ):
        return SkipReason.NO_ADDRESS
    return None


def salutation(customer: Customer, language: str) -> str:
    """The greeting line: „Sehr geehrte Frau Dr. Müller,“, „Liebe Anna,“, „Guten Tag Alex Kaya,“ …"""
    title = customer.title.strip()
    first, last = customer.first_name.strip(), customer.last_name.strip()
    familiar = customer.address_form is AddressForm.DU and first
    if language == "de":
        if familiar:
            if customer.salutation is Salutation.FRAU:
                return f"Liebe {first},"
            if customer.salutation is Salutation.HERR:
                return f"Lieber {first},"
            return f"Hallo {first},"
        surname = " ".join(part for part in (title, last or first) if part)
        if customer.salutation is Salutation.FRAU:
            return f"Sehr geehrte Frau {surname},"
        if customer.salutation is Salutation.HERR:
            return f"Sehr geehrter Herr {surname},"
        return f"Guten Tag {' '.join(part for part in (first, last) if part)},"
    if familiar:
        return f"Dear {first},"
    surname = " ".join(part for part in (title, last or first) if part)
    if customer.salutation is Salutation.FRAU:
        return f"Dear Ms {surname},"
    if customer.salutation is Salutation.HERR:
        return f"Dear Mr {surname},"
    return f"Dear {' '.join(part for part in (first, last) if part)},"


@dataclass(frozen=True)
class Household:
    """Customers at the same address who get one letter together."""

    members: tuple[Customer, ...]

    def salutation(self, language: str) -> str:
        if len(self.members) == 1:
            return salutation(self.members[0], language)
        last_names = {member.last_name.strip() for member in self.members}
        if len(last_names) == 1 and all(member.address_form is AddressForm.DU for member in self.members):
            name = next(iter(last_names))
            return f"Liebe Familie {name}," if language == "de" else f"Dear {name} family,"
        lines = [salutation(member, language).rstrip(",") for member in self.members]
        if language == "de":
            # „Sehr geehrte Frau Weber, sehr geehrter Herr Weber,“: the second greeting in lower case.
            lines = [lines[0], *(line[:1].lower() + line[1:] for line in lines[1:])]
        return ", ".join(lines) + ","

    def address_lines(self, language: str) -> list[str]:
        first = self.members[0]
        if len(self.members) == 1:
            return address_lines(first, language)
        last_names = {member.last_name.strip() for member in self.members}
        if len(last_names) == 1:
            names = [
                ("Familie " if language == "de" else "The ")
                + next(iter(last_names))
                + ("" if language == "de" else " family")
            ]
        else:
            names = [_name_line(member) for member in self.members]
        return [*names, *address_lines(first, language)[-_tail_length(first, language) :]]


def households(customers: list[Customer]) -> list[Household]:
    """Groups customers with the same street, postal code and city (folded for case and spaces), in the order
    of their first member."""
    groups: dict[tuple[str, ...], list[Customer]] = {}
    for customer in customers:
        groups.setdefault(household_key(customer), []).append(customer)
    return [Household(tuple(members)) for members in groups.values()]


def household_key(customer: Customer) -> tuple[str, ...]:
    """Her address folded for case and spaces: customers with the same key live together."""
    return tuple(" ".join(part.casefold().split()) for part in (customer.street, customer.postal_code,
                                                                   customer.city, customer.country))  # fmt: skip


def _name_line(customer: Customer) -> str:
    return " ".join(part for part in (customer.title.strip(), customer.first_name.strip(),
                                      customer.last_name.strip()) if part)  # fmt: skip


def _tail_length(customer: Customer, language: str) -> int:
    """How many lines of her address come after the name lines (street, town, maybe country)."""
    return 3 if COUNTRY_NAMES.get(language, {}).get(customer.country, customer.country) else 2


def address_lines(customer: Customer, language: str) -> list[str]:
    """The recipient's address as DIN 5008 writes it: salutation word, name, street, postal code and town,
    the country in capitals when it is abroad (seen from a shop in Germany)."""
    lines = []
    word = {
        ("de", Salutation.FRAU): "Frau",
        ("de", Salutation.HERR): "Herrn",
        ("en", Salutation.FRAU): "Ms",
        ("en", Salutation.HERR): "Mr",
    }.get((language, customer.salutation))
    if word:
        lines.append(word)
    lines.append(_name_line(customer))
    lines.append(customer.street.strip())
    lines.append(f"{customer.postal_code.strip()} {customer.city.strip()}".strip())
    country = COUNTRY_NAMES.get(language, {}).get(customer.country, customer.country)
    if country:
        lines.append(country)
    return lines


def personal_line_suggestion(customer: Customer, language: str) -> str:
    """A first personal sentence from what she likes most, for the owner to keep, change or clear."""
    preferences = customer.preferences
    favourite = next(iter([*preferences.favourites, *preferences.likes]), "")
    if not favourite:
        return ""
    # Worded so that any tag fits, whatever its gender and number („Feigen“, „Riesling“, „Schokolade“).
    if language == "de":
        whom = "Dich" if customer.address_form is AddressForm.DU and customer.first_name.strip() else "Sie"
        return f"Wieder für {whom} da: {favourite}."
    return f"Back in stock for you: {favourite}."
