"""Reminder rules over dates: any day of any year, leap years, the turn of the year, done and put off."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday
from emma.domain.customer import Salutation
from emma.domain.reminders import (
    CardStanding,
    Group,
    Person,
    ReminderKind,
    ReminderSettings,
    ReminderState,
    anniversary_reminder,
    anniversary_reminders,
    birthday_reminder,
    birthday_reminders,
    first_purchase_reminder,
    group_of,
    in_window,
    stamp_reminder,
    still_open,
    todo_reminder,
    usual_interval,
    win_back_due,
    win_back_reminder,
)
from emma.i18n import use_language
from emma.i18n.formats import format_weekday_date
from tests.domain.test_birthdays import birthdays

PROPERTY = settings(deadline=None, max_examples=300)
DE = partial(format_weekday_date, locale="de_DE")
EN = partial(format_weekday_date, locale="en_GB")
DAYS = st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 1, 1))
ANNA = Person(1, "Anna Müller", "0170 1234567", Salutation.FRAU)
TODAY = date(2026, 11, 24)  # a Tuesday


@pytest.fixture(autouse=True)
def german():
    use_language("de")
    yield
    use_language("de")


def _celebrated(birthday: Birthday, day: date) -> bool:
    """A plain reading of the calendar: her day, or 28 February for 29 February in other years."""
    if (birthday.month, birthday.day) == (2, 29) and not calendar.isleap(day.year):
        return (day.month, day.day) == (2, 28)
    return (day.month, day.day) == (birthday.month, birthday.day)


# --- birthdays ---------------------------------------------------------------------------------------


@PROPERTY
@given(birthday=birthdays(), today=DAYS, days=st.integers(0, 365))
def test_a_birthday_is_reminded_on_the_first_day_it_is_celebrated_in_the_window(
    birthday: Birthday, today: date, days: int
) -> None:
    end = today + timedelta(days=days)
    celebrated = [
        today + timedelta(days=n) for n in range(days + 1) if _celebrated(birthday, today + timedelta(days=n))
    ]
    reminder = birthday_reminder(ANNA, birthday, today, end)
    if not celebrated:
        assert reminder is None
        return
    assert reminder is not None and reminder.due == celebrated[0]
    assert reminder.occasion == str(reminder.due.year)
    if birthday.year is None:
        assert reminder.age is None and not reminder.round
    else:
        assert reminder.age == reminder.due.year - birthday.year
        assert reminder.round == (reminder.age in {18, 30, 40, 50, 60, 65, 70, 75, 80, 85, 90, 95, 100})


@PROPERTY
@given(birthday=birthdays(), start=DAYS)
def test_every_birthday_comes_once_in_every_year(birthday: Birthday, start: date) -> None:
    """Any 366 days in a row (a leap year's worth) hold each birthday, 29 February too, across the turn of the year."""
    assert birthday_reminder(ANNA, birthday, start, start + timedelta(days=365)) is not None


def test_29_february_falls_on_28_february_in_other_years() -> None:
    leap_day = Birthday(2, 29, 1992)
    assert birthday_reminder(ANNA, leap_day, date(2027, 2, 20), date(2027, 3, 6)).due == date(2027, 2, 28)
    assert birthday_reminder(ANNA, leap_day, date(2028, 2, 20), date(2028, 3, 6)).due == date(2028, 2, 29)
    assert birthday_reminder(ANNA, leap_day, date(2028, 2, 20), date(2028, 3, 6)).age == 36


def test_across_the_turn_of_the_year_with_age_and_round_birthday() -> None:
    reminder = birthday_reminder(ANNA, Birthday(1, 3, 1967), date(2026, 12, 28), date(2027, 1, 11))
    assert (reminder.due, reminder.age, reminder.round) == (date(2027, 1, 3), 60, True)
    assert reminder.text(date(2026, 12, 28), DE) == "Runder Geburtstag am Sonntag, 3. Januar – wird 60"
    use_language("en")
    assert reminder.text(date(2027, 1, 3), EN) == "Round birthday today – turns 60"


def test_a_birthday_without_a_year_has_no_age() -> None:
    reminder = birthday_reminder(ANNA, Birthday(11, 25), TODAY, TODAY + timedelta(days=14))
    assert reminder.age is None
    assert reminder.text(TODAY, DE) == "Geburtstag morgen"


@PROPERTY
@given(born=st.lists(birthdays(), max_size=20), today=DAYS, days=st.integers(0, 365))
def test_many_birthdays_at_once_are_each_of_them_alone(born: list[Birthday], today: date, days: int) -> None:
    end = today + timedelta(days=days)
    people = [Person(n, f"Kundin {n}") for n in range(len(born))]
    alone = [birthday_reminder(person, birthday, today, end) for person, birthday in zip(people, born, strict=True)]
    together = birthday_reminders(
        [(person, birthday.month, birthday.day, birthday.year) for person, birthday in zip(people, born, strict=True)],
        today,
        end,
    )
    assert together == [reminder for reminder in alone if reminder is not None]


@PROPERTY
@given(since=st.lists(DAYS, max_size=20), today=DAYS, days=st.integers(0, 365))
def test_many_anniversaries_at_once_are_each_of_them_alone(since: list[date], today: date, days: int) -> None:
    end = today + timedelta(days=days)
    people = [Person(n, f"Kundin {n}") for n in range(len(since))]
    alone = [anniversary_reminder(person, day, today, end) for person, day in zip(people, since, strict=True)]
    together = anniversary_reminders(list(zip(people, since, strict=True)), today, end)
    assert together == [reminder for reminder in alone if reminder is not None]


# --- anniversaries, first purchase, win-back ---------------------------------------------------------------


@PROPERTY
@given(since=DAYS, today=DAYS, days=st.integers(0, 365))
def test_an_anniversary_counts_full_years_and_never_the_first_day(since: date, today: date, days: int) -> None:
    reminder = anniversary_reminder(ANNA, since, today, today + timedelta(days=days))
    if reminder is not None:
        assert today <= reminder.due <= today + timedelta(days=days)
        assert reminder.years == reminder.due.year - since.year >= 1
        assert _celebrated(Birthday(since.month, since.day), reminder.due)


def test_anniversary_wording_follows_the_salutation() -> None:
    she = anniversary_reminder(ANNA, date(2021, 11, 24), TODAY, TODAY)
    assert she.text(TODAY, DE) == "Heute seit 5 Jahren Kundin"
    he = anniversary_reminder(Person(2, "Peter Schmidt", salutation=Salutation.HERR), date(2025, 11, 26), TODAY, TODAY
                              + timedelta(days=7))  # fmt: skip
    assert he.text(TODAY, DE) == "Am Donnerstag, 26. November seit 1 Jahr Kunde"


def test_a_thank_you_after_the_first_purchase_and_only_then() -> None:
    first = date(2026, 11, 21)
    reminder = first_purchase_reminder(ANNA, first, 1, TODAY - timedelta(days=7), TODAY, after_days=3)
    assert reminder.due == TODAY and reminder.occasion == "2026-11-21"
    assert reminder.text(TODAY, DE) == "Erster Einkauf am Samstag, 21. November – Zeit für ein Dankeschön"
    assert first_purchase_reminder(ANNA, first, 2, TODAY - timedelta(days=7), TODAY, after_days=3) is None


@PROPERTY
@given(first=DAYS, gaps=st.lists(st.integers(1, 400), min_size=2, max_size=30), factor=st.integers(2, 10),
       min_days=st.integers(7, 365))  # fmt: skip
def test_win_back_waits_for_an_unusual_absence(first: date, gaps: list[int], factor: int, min_days: int) -> None:
    last = first + timedelta(days=sum(gaps))
    visits = len(gaps) + 1
    usual = usual_interval(first, last, visits)
    due = win_back_due(first, last, visits, factor, min_days)
    assert usual >= 1
    away = (due - last).days
    assert away > factor * usual and away >= min_days
    assert away - 1 <= factor * usual or away == min_days  # and not a day later than that


def test_win_back_needs_a_rhythm_and_says_it_plainly() -> None:
    assert win_back_due(date(2026, 1, 1), date(2026, 2, 1), 2, 2, 30) is None  # two visits are no rhythm
    first, last = date(2026, 7, 1), date(2026, 10, 9)  # 12 visits, about every 9 days
    due = win_back_due(first, last, 12, 2, 30)
    assert due == last + timedelta(days=30)
    reminder = win_back_reminder(ANNA, first, last, 12, due, due, 2, 30)
    assert reminder.text(last + timedelta(days=41), DE) == "Kommt sonst alle 9 Tage, zuletzt vor 41 Tagen"
    assert reminder.occasion == "2026-10-09"


# --- stamp cards and to-dos ----------------------------------------------------------------------------


def _card(stamps: int, changed_on: date = date(2026, 10, 25), usual_days: int | None = None) -> CardStanding:
    return CardStanding(3, "Kaffeekarte", "1 Kaffee gratis", 10, stamps, changed_on, 4711, usual_days)


@pytest.mark.parametrize(
    ("stamps", "kind"),
    [(10, ReminderKind.STAMP_REWARD), (12, ReminderKind.STAMP_REWARD), (9, ReminderKind.STAMP_ALMOST), (8, None)],
)
def test_a_full_card_or_one_stamp_missing(stamps: int, kind: ReminderKind | None) -> None:
    reminder = stamp_reminder(ANNA, _card(stamps), TODAY - timedelta(days=14), TODAY)
    assert (reminder.kind if reminder else None) == kind
    if reminder:
        assert (reminder.occasion, reminder.due) == ("3:4711", TODAY)  # 30 days after its last stamp


@pytest.mark.parametrize(("usual_days", "waits"), [(None, 30), (9, 30), (15, 30), (16, 32), (45, 90)])
def test_a_card_waits_twice_her_usual_days_and_at_least_a_month(usual_days: int | None, waits: int) -> None:
    card = _card(10, changed_on=TODAY, usual_days=usual_days)
    reminder = stamp_reminder(ANNA, card, TODAY, TODAY + timedelta(days=365))
    assert reminder.due == TODAY + timedelta(days=waits)


def test_stamp_texts() -> None:
    full = stamp_reminder(ANNA, _card(10), TODAY, TODAY)
    assert full.text(TODAY, DE) == "Stempelkarte voll seit Sonntag, 25. Oktober – 1 Kaffee gratis wartet (Kaffeekarte)"
    almost = stamp_reminder(ANNA, _card(9), TODAY, TODAY)
    assert almost.text(TODAY, DE) == "Noch ein Stempel bis 1 Kaffee gratis, seit Sonntag, 25. Oktober (Kaffeekarte)"


# --- the window, groups, done and put off ----------------------------------------------------------------


@PROPERTY
@given(today=DAYS, offset=st.integers(-60, 60), days=st.integers(0, 365), kind=st.sampled_from(list(ReminderKind)))
def test_what_is_listed_late_and_ahead(today: date, offset: int, days: int, kind: ReminderKind) -> None:
    due = today + timedelta(days=offset)
    late = {ReminderKind.FIRST_PURCHASE: 7, ReminderKind.WIN_BACK: 30, ReminderKind.STAMP_REWARD: 14,
            ReminderKind.STAMP_ALMOST: 14, ReminderKind.TODO: 10_000}.get(kind, 0)  # fmt: skip
    assert in_window(kind, due, today, days) == (-late <= offset <= days)


@PROPERTY
@given(today=DAYS, offset=st.integers(-30, 30))
def test_groups_are_today_the_rest_of_the_week_and_later(today: date, offset: int) -> None:
    due = today + timedelta(days=offset)
    group = group_of(due, today)
    if offset <= 0:
        assert group is Group.TODAY
    elif due.isocalendar()[:2] == today.isocalendar()[:2]:
        assert group is Group.THIS_WEEK
    else:
        assert group is Group.LATER


def test_done_is_done_for_its_occasion_and_put_off_moves_to_its_day() -> None:
    birthday = Birthday(11, 24, 1960)
    this_year = birthday_reminder(ANNA, birthday, TODAY, TODAY + timedelta(days=14))
    todo = todo_reminder(Person(2, "Bernd"), 7, TODAY - timedelta(days=3), "Fragen, ob der Riesling geschmeckt hat")
    assert still_open([this_year, todo], {}, TODAY, 14) == [todo, this_year]  # overdue first

    done = {this_year.key: ReminderState(this_year.due)}
    assert still_open([this_year], done, TODAY, 14) == []
    next_year = birthday_reminder(ANNA, birthday, TODAY + timedelta(days=1), TODAY + timedelta(days=365))
    assert still_open([next_year], done, TODAY + timedelta(days=360), 14) == [next_year]  # a new occasion

    snoozed = {todo.key: ReminderState(todo.due, TODAY + timedelta(days=2))}
    (moved,) = still_open([todo], snoozed, TODAY, 14)
    assert moved.due == TODAY + timedelta(days=2)
    assert still_open([todo], snoozed, TODAY, 1) == []  # beyond the window now


def test_settings_are_checked() -> None:
    assert ReminderSettings().problems() == {}
    problems = ReminderSettings(days_ahead=400, first_purchase_after_days=0, win_back_factor=1, win_back_min_days=3)
    assert set(problems.problems()) == {"days_ahead", "first_purchase_after_days", "win_back_factor",
                                        "win_back_min_days"}  # fmt: skip
    assert not ReminderSettings(win_back=False).shows(ReminderKind.WIN_BACK)
