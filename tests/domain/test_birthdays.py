"""Birthdays: reading what the owner types, and the arithmetic of ages and days until."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday, parse_birthday
from emma.domain.errors import UserError
from emma.i18n import _

PROPERTY = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
TODAY = date(2026, 11, 23)


@st.composite
def birthdays(draw: st.DrawFn, *, with_year: bool | None = None) -> Birthday:
    has_year = draw(st.booleans()) if with_year is None else with_year
    year = draw(st.integers(1850, 2100)) if has_year else None
    month = draw(st.integers(1, 12))
    last_day = (date(year or 2000, month % 12 + 1, 1) - timedelta(days=1)).day if month < 12 else 31
    day = draw(st.integers(1, last_day))
    return Birthday(month=month, day=day, year=year)


DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


# --- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03.07.1965", Birthday(7, 3, 1965)),
        ("3.7.65", Birthday(7, 3, 1965)),
        ("03.07.", Birthday(7, 3)),
        ("3.7", Birthday(7, 3)),
        ("1965-07-03", Birthday(7, 3, 1965)),
        ("--07-03", Birthday(7, 3)),
        ("  3 . 7 . 1965  ", Birthday(7, 3, 1965)),
        ("31.12.1999", Birthday(12, 31, 1999)),
        ("29.02.", Birthday(2, 29)),
        ("29.2", Birthday(2, 29)),
        ("--02-29", Birthday(2, 29)),
        ("29.02.1964", Birthday(2, 29, 1964)),
        ("29.02.2000", Birthday(2, 29, 2000)),
        ("23.11.2026", Birthday(11, 23, 2026)),  # born today
    ],
)
def test_parse_birthday_reads_german_and_iso_forms(text: str, expected: Birthday) -> None:
    assert parse_birthday(text, TODAY) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_entry_means_no_birthday(text: str) -> None:
    assert parse_birthday(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "today", "year"),
    [
        ("3.7.65", date(2026, 11, 23), 1965),
        ("3.7.03", date(2026, 11, 23), 2003),
        ("3.7.26", date(2026, 11, 23), 2026),  # this summer
        ("23.11.26", date(2026, 11, 23), 2026),  # today
        ("24.11.26", date(2026, 11, 23), 1926),  # tomorrow in 2026 would lie in the future
        ("24.12.26", date(2026, 11, 23), 1926),
        ("3.7.27", date(2026, 11, 23), 1927),
        ("1.1.00", date(2026, 11, 23), 2000),
        ("3.7.99", date(2026, 11, 23), 1999),
        ("3.7.99", date(2099, 12, 31), 2099),
        ("3.7.05", date(2004, 1, 1), 1905),
        ("3.7.65", date(1990, 1, 1), 1965),
    ],
)
def test_two_digit_years_pivot_on_the_given_today(text: str, today: date, year: int) -> None:
    birthday = parse_birthday(text, today)
    assert birthday is not None
    assert birthday.year == year


@pytest.mark.parametrize(
    "text",
    [
        "29.02.1965",  # not a leap year
        "1965-02-29",
        "30.02.",
        "31.04.",
        "32.1.",
        "0.1.1990",
        "1.0.1990",
        "1.13.1990",
        "--13-01",
        "24.11.2026",  # tomorrow
        "2027-01-01",
        "9999-12-31",
        "1.1.1900",  # more than 120 years ago
        "1.1.0000",
        "0000-01-01",
        "3.7.0065",
        "abc",
        "3..7",
        "3.7.196",
        "3/7/1965",
        "1965-7-3",
        "03.07.1965.",
        "03071965",
        "heute",
    ],
)
def test_impossible_future_and_garbage_birthdays_are_refused(text: str) -> None:
    with pytest.raises(UserError) as raised:
        parse_birthday(text, TODAY)
    assert raised.value.message  # a sentence for the owner, never an empty one


def test_the_owner_is_told_why() -> None:
    with pytest.raises(UserError) as refused:
        parse_birthday("01.01.2030", TODAY)
    assert refused.value.message == _("A birthday cannot lie in the future.")
    with pytest.raises(UserError) as refused:
        parse_birthday("01.01.1850", TODAY)
    assert refused.value.message == _("The year {year} is more than 120 years ago.").format(year=1850)
    with pytest.raises(UserError) as refused:
        parse_birthday("1.1.0000", TODAY)
    assert "0" in refused.value.message


def test_birthday_constructor_refuses_impossible_dates() -> None:
    Birthday(2, 29)  # fine without a year
    for month, day, year in [(2, 29, 1965), (13, 1, None), (0, 1, None), (4, 31, None), (1, 0, 1990), (1, 1, 0)]:
        with pytest.raises(UserError):
            Birthday(month, day, year)


# --- the outward form ---------------------------------------------------------------------------


def test_iso_form_with_and_without_year() -> None:
    assert Birthday(7, 3, 1965).iso() == "1965-07-03"
    assert Birthday(7, 3).iso() == "--07-03"
    assert Birthday(2, 29).iso() == "--02-29"
    assert Birthday(1, 1, 999).iso() == "0999-01-01"


@pytest.mark.parametrize("text", ["1965-7-3", "03.07.1965", "--7-3", "", "1965-07-03T00:00"])
def test_from_iso_refuses_other_forms(text: str) -> None:
    with pytest.raises(UserError):
        Birthday.from_iso(text)


@PROPERTY
@given(birthdays())
def test_iso_round_trip(birthday: Birthday) -> None:
    assert Birthday.from_iso(birthday.iso()) == birthday
    # and the command's output can be typed back in
    if birthday.year is None or (birthday.date_in(birthday.year) <= TODAY and birthday.year >= 1906):
        assert parse_birthday(birthday.iso(), TODAY) == birthday


# --- ages and the next birthday -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "age"),
    [
        (date(2026, 7, 2), 60),
        (date(2026, 7, 3), 61),
        (date(2026, 7, 4), 61),
        (date(2026, 12, 31), 61),
        (date(2027, 1, 1), 61),
        (date(1965, 7, 3), 0),
        (date(1960, 1, 1), 0),  # before she was born: never negative
    ],
)
def test_age_on(today: date, age: int) -> None:
    assert Birthday(7, 3, 1965).age_on(today) == age


def test_no_year_no_age() -> None:
    assert Birthday(7, 3).age_on(TODAY) is None
    assert Birthday(7, 3).turning(TODAY) is None


def test_leap_day_birthday_in_other_years_falls_on_28_february() -> None:
    leapling = Birthday(2, 29, 1964)
    assert leapling.date_in(2025) == date(2025, 2, 28)
    assert leapling.date_in(2028) == date(2028, 2, 29)
    assert leapling.age_on(date(2025, 2, 27)) == 60
    assert leapling.age_on(date(2025, 2, 28)) == 61
    assert leapling.age_on(date(2028, 2, 28)) == 63
    assert leapling.age_on(date(2028, 2, 29)) == 64
    assert leapling.next_on_or_after(date(2025, 1, 10)) == date(2025, 2, 28)
    assert leapling.next_on_or_after(date(2027, 3, 1)) == date(2028, 2, 29)
    assert leapling.days_until(date(2025, 2, 28)) == 0
    assert leapling.days_until(date(2027, 3, 1)) == 365
    assert Birthday(2, 29).next_on_or_after(date(2026, 11, 23)) == date(2027, 2, 28)


def test_turn_of_the_year() -> None:
    new_year = Birthday(1, 1, 1970)
    assert new_year.next_on_or_after(date(2026, 12, 31)) == date(2027, 1, 1)
    assert new_year.days_until(date(2026, 12, 31)) == 1
    assert new_year.turning(date(2026, 12, 31)) == 57
    assert new_year.age_on(date(2026, 12, 31)) == 56
    new_years_eve = Birthday(12, 31)
    assert new_years_eve.days_until(date(2027, 1, 1)) == 364
    assert new_years_eve.days_until(date(2026, 12, 31)) == 0
    assert new_years_eve.next_on_or_after(date(2027, 1, 1)) == date(2027, 12, 31)


def test_today_counts_as_the_next_birthday() -> None:
    birthday = Birthday(11, 23, 1950)
    assert birthday.next_on_or_after(TODAY) == TODAY
    assert birthday.days_until(TODAY) == 0
    assert birthday.turning(TODAY) == 76
    assert birthday.age_on(TODAY) == 76
    assert birthday.turning(TODAY + timedelta(days=1)) == 77


@PROPERTY
@given(birthdays(), DAYS)
def test_days_until_is_within_a_year_and_lands_on_the_birthday(birthday: Birthday, today: date) -> None:
    days = birthday.days_until(today)
    assert 0 <= days <= 365
    upcoming = today + timedelta(days=days)
    assert upcoming == birthday.next_on_or_after(today)
    assert upcoming == birthday.date_in(upcoming.year)
    # no birthday is skipped: none lies between today and the next one
    for year in (today.year, today.year + 1):
        assert not today <= birthday.date_in(year) < upcoming


@PROPERTY
@given(birthdays(with_year=True), DAYS, st.integers(0, 3000))
def test_age_never_goes_down_and_grows_by_one_on_the_birthday(birthday: Birthday, today: date, later: int) -> None:
    assume(today.year >= birthday.year)
    age = birthday.age_on(today)
    older = birthday.age_on(today + timedelta(days=later))
    assert age is not None and older is not None
    assert 0 <= age <= older
    upcoming = birthday.next_on_or_after(today)
    if upcoming.year > birthday.year:
        assert birthday.age_on(upcoming) == birthday.turning(today)
        assert birthday.age_on(upcoming - timedelta(days=1)) == birthday.turning(today) - 1


@PROPERTY
@given(birthdays(with_year=False), DAYS)
def test_a_birthday_without_year_is_celebrated_every_year(birthday: Birthday, today: date) -> None:
    assert birthday.days_until(today) <= 365
    assert birthday.next_on_or_after(today).month == birthday.month
