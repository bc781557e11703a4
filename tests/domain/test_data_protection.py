"""Data-protection rules: one person under many spellings, what names her, retention and inactivity days."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emma.domain.customer import Customer
from emma.domain.data_protection import (
    address_key,
    inactive_cutoff,
    mentions,
    name_key,
    retention_cutoff,
    retention_years,
    street_key,
    suppression_key,
    without_name,
)

ANNA = Customer(first_name="Anna", last_name="Müller", street="Hauptstraße 5", postal_code="90402", city="Nürnberg")


@pytest.mark.parametrize(
    ("first", "last"),
    [("Anna", "Müller"), ("anna", "MUELLER"), ("Müller", "Anna"), (" Anna ", "Muller"), ("ANNA", "Mu\u0308ller")],
)
def test_spellings_and_swapped_names_are_one_person(first: str, last: str) -> None:
    assert name_key(first, last) == "anna muller"


def test_different_people_stay_different() -> None:
    assert name_key("Anna", "Müller") != name_key("Anna", "Möller")
    assert name_key("Anna", "Meier") != name_key("Anna", "Meyer")
    assert name_key("Anna", "Müller") != name_key("Anne", "Müller")


@pytest.mark.parametrize(
    "street", ["Hauptstraße 5", "Hauptstr. 5", "Haupt-Str. 5", "HAUPTSTRASSE 5", "hauptstrasse  5", "Hauptstr.5"]
)
def test_street_spellings_fold_alike(street: str) -> None:
    assert street_key(street) == "hauptstr5"


def test_platz_and_house_number_letters() -> None:
    assert street_key("Marktplatz 3 a") == street_key("Marktpl. 3a") == "marktpl3a"
    assert street_key("Hauptstraße 5") != street_key("Hauptstraße 7")


def test_address_key_ignores_the_town_and_spaces_in_the_postal_code() -> None:
    moved = Customer(first_name="Anna", last_name="Müller", street="Hauptstr. 5", postal_code="90 402", city="Nbg.")
    assert address_key(moved) == address_key(ANNA)
    assert address_key(Customer(last_name="M", street="Hauptstr. 5", postal_code="90402", country="AT")) != (
        address_key(ANNA)
    )


def test_suppression_key_is_a_salted_hash_without_the_name() -> None:
    key = suppression_key(ANNA, "salt")
    other_spelling = Customer(first_name="anna", last_name="Mueller", street="Hauptstr. 5", postal_code="90402")
    assert key == suppression_key(other_spelling, "salt")
    assert key != suppression_key(ANNA, "other salt")
    assert "mul" not in key and "anna" not in key
    assert len(key) == 64


NAME_PART = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüß")), min_size=2, max_size=10)


@given(first=NAME_PART, last=NAME_PART, number=st.integers(1, 300))
def test_case_and_sharp_s_never_change_the_key(first: str, last: str, number: int) -> None:
    typed = Customer(first_name=first, last_name=last, street=f"Lindenstraße {number}", postal_code="90402")
    shouted = Customer(
        first_name=first.upper().replace("ẞ", "SS"),
        last_name=last.title(),
        street=f"LINDENSTR. {number}",
        postal_code="90402",
    )
    assert suppression_key(typed, "s") == suppression_key(shouted, "s")


# Without a plain "e": "äe" spelled out is "aee", which `fold` reads differently – no name is written so.
WITHOUT_E = st.text(st.sampled_from(list("abcdfghijklmnopqrstuvwxyzäöüß")), min_size=2, max_size=10)


@given(first=NAME_PART, last=WITHOUT_E)
def test_umlauts_spelled_out_give_the_same_key(first: str, last: str) -> None:
    spelled = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
    plain = "".join(spelled.get(ch, ch) for ch in last)
    assert name_key(first, last) == name_key(first, plain)


def test_mentions_finds_her_name_as_a_word_in_any_spelling() -> None:
    assert mentions("Geschenk für Frau Mueller", ANNA)
    assert mentions("ANNA", ANNA)
    assert not mentions("Brot, Kuchen", ANNA)
    assert not mentions("Müllerbrot", ANNA)  # a word of its own, not a part of one


def test_without_name_replaces_only_the_whole_name() -> None:
    text = "Liebe Grüße an Anna Müller und an müller, anna. Emma Müller"
    assert without_name(text, ANNA, "—") == "Liebe Grüße an — und an —. Emma Müller"


@pytest.mark.parametrize(("country", "years"), [("DE", 8), ("AT", 7), ("CH", 10), ("de", 8), ("GB", 10)])
def test_retention_years_per_country(country: str, years: int) -> None:
    assert retention_years(country) == years


def test_the_shop_may_set_its_own_retention() -> None:
    assert retention_years("DE", {"DE": 10}) == 10


def test_retention_runs_from_the_end_of_the_calendar_year() -> None:
    cutoff = retention_cutoff(date(2026, 11, 24), 8)
    assert cutoff == date(2018, 1, 1)
    assert date(2017, 12, 31) < cutoff  # a purchase of 2017 may go in 2026
    assert not date(2018, 1, 1) < cutoff  # one of 2018 stays until 2027


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(1, 20))
def test_retention_cutoff_is_a_new_year(today: date, years: int) -> None:
    cutoff = retention_cutoff(today, years)
    assert (cutoff.month, cutoff.day) == (1, 1)
    assert today.year - cutoff.year == years


def test_inactive_cutoff_on_leap_day() -> None:
    assert inactive_cutoff(date(2028, 2, 29), 3) == date(2025, 2, 28)
    assert inactive_cutoff(date(2026, 11, 24), 3) == date(2023, 11, 24)
