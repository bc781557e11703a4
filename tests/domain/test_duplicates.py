"""The rules of duplicates: keys, reasons, score, and one record made of two."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday
from emma.domain.customer import Consent, Customer, Preferences, Salutation, sort_key_of
from emma.domain.duplicates import (
    MIN_SCORE,
    Reason,
    keys_of,
    merged_customer,
    name_key,
    name_key_of_sort_key,
    pair_of,
    phone_key,
    reasons_for,
    score,
    similar_first_names,
)

FIRST = ("Anna", "Änne", "Anne", "Jürgen", "Juergen", "Hans-Peter", "Hans", "Seda", "", "Ana")
LAST = ("Müller", "Mueller", "Muller", "Weiß", "Weiss", "Şahin", "O'Brien", "Anna", "")
PHONES = ("", "0170 1234567", "+49 170 1234567", "0049 (0)170-1234567", "0911 22 33 44", "12")
EMAILS = ("", "anna@web.de", "ANNA@Web.de ", "hans@gmx.de", "no-at-sign")


def _birthdays():
    return st.none() | st.builds(
        Birthday, month=st.integers(1, 3), day=st.integers(1, 3), year=st.none() | st.sampled_from([1970, 1980])
    )


@st.composite
def customers(draw):
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    if not first and not last:
        last = "Berg"
    return Customer(
        id=draw(st.integers(1, 6)),
        first_name=first,
        last_name=last,
        birthday=draw(_birthdays()),
        phone=draw(st.sampled_from(PHONES)),
        email=draw(st.sampled_from(EMAILS)),
        postal_code=draw(st.sampled_from(("", "90402", "90 402", "10115"))),
    )


@given(customers(), customers())
def test_score_and_reasons_are_symmetric(a, b):
    assert score(a, b) == score(b, a)
    assert reasons_for(a, b) == reasons_for(b, a)
    pair, other_way = pair_of(a, b), pair_of(b, a)
    assert (pair is None) == (other_way is None)
    if pair is not None:
        assert pair == other_way
        assert pair.first.id <= pair.second.id
        assert MIN_SCORE <= pair.score <= 100


@given(customers())
def test_a_customer_is_never_her_own_duplicate(a):
    assert pair_of(a, a) is None


@given(customers(), customers())
def test_every_pair_shown_shares_a_key_the_store_groups_by(a, b):
    """The store only looks at customers sharing a key: a pair the rules would show must share one."""
    if pair_of(a, b) is not None:
        assert keys_of(a) & keys_of(b)


@given(st.text(max_size=12), st.text(max_size=12))
def test_name_key_from_the_stored_sort_key_is_the_same(first, last):
    assert name_key_of_sort_key(sort_key_of(first, last)) == name_key(first, last)


def test_folded_and_swapped_names_share_the_key():
    assert name_key("Anna", "Müller") == name_key("anna", "Mueller") == name_key("Müller", "Anna")
    assert name_key("Hans-Peter", "Weiß") == name_key("Hans Peter", "Weiss")
    assert name_key("Anna", "Berg") != name_key("Anna", "Burg")


def test_phone_numbers_are_compared_as_the_search_keeps_them():
    assert phone_key("+49 170 1234567") == phone_key("0170/123 45 67") == phone_key("0049 (0)170-1234567")
    assert phone_key("12 34") is None
    assert phone_key("+43 664 123456") == "0664123456"


def test_same_name_and_birthday_is_very_likely():
    a = Customer(id=1, first_name="Anna", last_name="Müller", birthday=Birthday(3, 7, 1965), postal_code="90402")
    b = Customer(id=2, first_name="Anna", last_name="Mueller", birthday=Birthday(3, 7), postal_code="90402")
    pair = pair_of(b, a)
    assert pair is not None and pair.ids == (1, 2)
    assert pair.reasons == (Reason.NAME, Reason.BIRTHDAY, Reason.POSTAL_CODE)
    assert pair.likelihood() == "sehr wahrscheinlich"
    assert pair.reason_text() == "gleicher Name, gleicher Geburtstag, gleiche Postleitzahl"


def test_same_name_with_one_birthday_missing_is_possible_and_swapped_names_are_said():
    a = Customer(id=1, first_name="Anna", last_name="Berg", birthday=Birthday(3, 7, 1965))
    b = Customer(id=2, first_name="Berg", last_name="Anna")
    pair = pair_of(a, b)
    assert pair is not None and pair.reasons == (Reason.NAME_SWAPPED,)


def test_same_name_with_different_birthdays_is_two_people():
    a = Customer(id=1, first_name="Anna", last_name="Berg", birthday=Birthday(3, 7, 1965))
    b = Customer(id=2, first_name="Anna", last_name="Berg", birthday=Birthday(3, 7, 1990), postal_code="9")
    assert pair_of(a, b) is None


def test_a_couple_sharing_a_landline_is_no_duplicate_but_one_address_with_a_typo_is():
    hans = Customer(id=1, first_name="Hans", last_name="Berg", phone="0911 223344")
    grete = Customer(id=2, first_name="Grete", last_name="Berg", phone="0911/22 33 44")
    assert pair_of(hans, grete) is None
    ana = Customer(id=3, first_name="Ana", last_name="Berg", email="ana@web.de")
    anna = Customer(id=4, first_name="Anna", last_name="Berg", email="Ana@Web.de")
    assert pair_of(ana, anna).reasons == (Reason.EMAIL,)
    assert similar_first_names("Hans", "Hans-Peter") and not similar_first_names("Hans", "Grete")


def test_merged_customer_fills_gaps_and_keeps_the_stricter_consent():
    keep = Customer(
        id=1,
        first_name="Anna",
        last_name="Müller",
        phone="0170 1234567",
        customer_since=date(2024, 5, 1),
        preferences=Preferences(likes=("Riesling",)),
        notes="Mag trockene Weine.",
        consent=Consent(postal_mail=True, email=True),
    )
    other = Customer(
        id=2,
        first_name="Anna",
        last_name="Mueller",
        salutation=Salutation.FRAU,
        street="Hauptstr. 5",
        postal_code="90402",
        city="Nürnberg",
        phone="0911 123456",
        email="anna@web.de",
        birthday=Birthday(3, 7, 1965),
        customer_since=date(2021, 2, 1),
        preferences=Preferences(likes=("riesling", "Sekt"), allergies=("Nüsse",)),
        notes="Hund heißt Bruno.",
        consent=Consent(postal_mail=False, postal_objected_on=date(2025, 1, 2), email=True),
    )
    merged = merged_customer(keep, other)
    assert merged.id == 1
    assert (merged.first_name, merged.last_name, merged.salutation) == ("Anna", "Müller", Salutation.FRAU)
    assert (merged.street, merged.postal_code, merged.city) == ("Hauptstr. 5", "90402", "Nürnberg")
    assert (merged.phone, merged.email, merged.birthday) == ("0170 1234567", "anna@web.de", Birthday(3, 7, 1965))
    assert merged.customer_since == date(2021, 2, 1)
    assert merged.preferences == Preferences(likes=("Riesling", "Sekt"), allergies=("Nüsse",))
    assert merged.consent == Consent(postal_mail=False, postal_objected_on=date(2025, 1, 2), email=True)
    assert merged.notes == "Mag trockene Weine.\nHund heißt Bruno.\nauch: Anna Mueller; 0911 123456"


def test_merged_consent_keeps_the_earlier_objection_and_email_only_when_both_allowed():
    keep = Customer(id=1, last_name="A", consent=Consent(False, date(2025, 3, 1), email=False))
    other = Customer(id=2, last_name="A", consent=Consent(False, date(2024, 3, 1), email=True))
    assert merged_customer(keep, other).consent == Consent(False, date(2024, 3, 1), email=False)


@given(customers(), customers())
def test_merging_loses_no_known_field(keep, other):
    merged = merged_customer(keep, other)
    for field in ("first_name", "last_name", "phone", "email", "postal_code"):
        if getattr(keep, field).strip():
            assert getattr(merged, field) == getattr(keep, field).strip() or field == "postal_code"
        elif getattr(other, field).strip():
            assert getattr(merged, field).strip()
    if keep.birthday is not None or other.birthday is not None:
        assert merged.birthday is not None
    assert merged.consent.postal_mail == (keep.consent.postal_mail and other.consent.postal_mail)


def test_merged_notes_keep_only_what_would_be_lost():
    keep = Customer(id=1, first_name="Susi", last_name="Kambs", street="Geißlerring 80", postal_code="52529", city="A")
    same_in_capitals = Customer(id=2, first_name="Susi", last_name="KAMBS", postal_code="52529", city="A")
    assert merged_customer(keep, same_in_capitals).notes == ""
    moved = Customer(id=3, first_name="Susi", last_name="Kambs", street="Am Bach 1", postal_code="52529", city="A")
    assert merged_customer(keep, moved).notes == "auch: Am Bach 1, 52529 A"


def test_the_day_she_signed_the_consent_form_is_kept_from_either_record():
    keep = Customer(id=1, last_name="A", consent=Consent(email=True))
    other = Customer(id=2, last_name="A", consent=Consent(email=True, signed_on=date(2025, 5, 5)))
    assert merged_customer(keep, other).consent == Consent(email=True, signed_on=date(2025, 5, 5))
    signed = Customer(id=3, last_name="A", consent=Consent(signed_on=date(2026, 1, 1)))
    assert merged_customer(signed, other).consent.signed_on == date(2026, 1, 1)
