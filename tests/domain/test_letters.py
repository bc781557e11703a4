"""Who gets a letter, how she is greeted and how her address is written."""

from __future__ import annotations

from datetime import date

import pytest

from emma.domain.customer import AddressForm, Consent, Customer, Salutation
from emma.domain.letters import SkipReason, address_lines, households, salutation, skip_reason

ANNA = Customer(first_name="Anna", last_name="Müller", title="Dr.", salutation=Salutation.FRAU,
                street="Hauptstraße 5", postal_code="90402", city="Nürnberg")  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "german", "english"),
    [
        ({}, "Sehr geehrte Frau Dr. Müller,", "Dear Ms Dr. Müller,"),
        ({"salutation": Salutation.HERR, "title": "", "first_name": "Peter", "last_name": "Schmidt"},
         "Sehr geehrter Herr Schmidt,", "Dear Mr Schmidt,"),
        ({"salutation": Salutation.DIVERS, "title": "", "first_name": "Alex", "last_name": "Kaya"},
         "Guten Tag Alex Kaya,", "Dear Alex Kaya,"),
        ({"salutation": Salutation.NONE, "title": "", "first_name": "Alex", "last_name": "Kaya"},
         "Guten Tag Alex Kaya,", "Dear Alex Kaya,"),
        ({"address_form": AddressForm.DU}, "Liebe Anna,", "Dear Anna,"),
        ({"address_form": AddressForm.DU, "salutation": Salutation.HERR, "first_name": "Peter"}, "Lieber Peter,",
         "Dear Peter,"),
    ],
)  # fmt: skip
def test_the_greeting_follows_the_customer(changes: dict, german: str, english: str) -> None:
    customer = Customer(**{**ANNA.__dict__, **changes})
    assert salutation(customer, "de") == german
    assert salutation(customer, "en") == english


def test_the_address_after_din_5008_with_the_country_abroad() -> None:
    assert address_lines(ANNA, "de") == ["Frau", "Dr. Anna Müller", "Hauptstraße 5", "90402 Nürnberg"]
    vienna = Customer(**{**ANNA.__dict__, "salutation": Salutation.HERR, "title": "", "first_name": "Łukasz",
                         "last_name": "Wójcik", "postal_code": "1010", "city": "Wien", "country": "AT"})  # fmt: skip
    assert address_lines(vienna, "de") == ["Herrn", "Łukasz Wójcik", "Hauptstraße 5", "1010 Wien", "ÖSTERREICH"]
    assert address_lines(vienna, "en")[-1] == "AUSTRIA"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({}, None),
        ({"archived": True}, SkipReason.ARCHIVED),
        ({"consent": Consent(postal_mail=False)}, SkipReason.OBJECTED),
        ({"consent": Consent(postal_mail=True, postal_objected_on=date(2026, 3, 1))}, SkipReason.OBJECTED),
        ({"street": " "}, SkipReason.NO_ADDRESS),
        ({"postal_code": ""}, SkipReason.NO_ADDRESS),
        ({"city": ""}, SkipReason.NO_ADDRESS),
    ],
)
def test_who_gets_no_letter_and_why(changes: dict, reason: SkipReason | None) -> None:
    assert skip_reason(Customer(**{**ANNA.__dict__, **changes})) == reason


def test_a_household_gets_one_letter_together() -> None:
    weber_she = Customer(first_name="Eva", last_name="Weber", salutation=Salutation.FRAU, street="Am Markt 1",
                         postal_code="10115", city="Berlin")  # fmt: skip
    weber_he = Customer(**{**weber_she.__dict__, "first_name": "Jan", "salutation": Salutation.HERR,
                           "street": "am  Markt 1"})  # fmt: skip
    (household, single) = households([weber_she, ANNA, weber_he])[0], households([ANNA])[0]
    assert household.salutation("de") == "Sehr geehrte Frau Weber, sehr geehrter Herr Weber,"
    assert household.address_lines("de") == ["Familie Weber", "Am Markt 1", "10115 Berlin"]
    kaya = [Customer(**{**weber_she.__dict__, "last_name": "Kaya", "first_name": name, "address_form": AddressForm.DU})
            for name in ("Elif", "Can")]  # fmt: skip
    assert households(kaya)[0].salutation("de") == "Liebe Familie Kaya,"
    assert single.salutation("de") == "Sehr geehrte Frau Dr. Müller,"


def test_a_personal_line_is_suggested_from_what_she_likes_most() -> None:
    from emma.domain.customer import Preferences
    from emma.domain.letters import personal_line_suggestion

    likes = Customer(**{**ANNA.__dict__, "preferences": Preferences(likes=("Bergkäse",), favourites=("Riesling",))})
    assert personal_line_suggestion(likes, "de") == "Wieder für Sie da: Riesling."
    familiar = Customer(**{**likes.__dict__, "address_form": AddressForm.DU})
    assert personal_line_suggestion(familiar, "de") == "Wieder für Dich da: Riesling."
    assert personal_line_suggestion(likes, "en") == "Back in stock for you: Riesling."
    assert personal_line_suggestion(ANNA, "de") == ""
