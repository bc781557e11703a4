"""Heute against a real file: what a day lists, what done and put off keep, and the summaries behind it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Preferences, Salutation
from emma.domain.errors import UserError
from emma.domain.reminders import ReminderKind, ReminderSettings, win_back_due
from emma.domain.stamps import EarnRule, StampProgram
from emma.services.counter import book_purchase, reverse_purchase
from emma.services.customers import archive_customer, save_customer
from emma.services.reminders import (
    add_todo,
    customers_for_arrival,
    describe,
    known_tags,
    mark_done,
    open_count,
    reminder_settings,
    reminders_for,
    save_reminder_settings,
    snooze,
    undo,
)
from emma.services.shop import Shop, open_shop
from emma.services.stamp_cards import redeem, save_program
from emma.store import settings as settings_store

TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0)


def _customer(shop: Shop, first: str, last: str, **changes) -> int:
    return save_customer(shop, Customer(first_name=first, last_name=last, **changes), now=NOW).id


def _kinds(shop: Shop, today: date = TODAY, **kwargs) -> list[tuple[str, str, date]]:
    """The day's reminders, without anniversaries (a customer saved today has one a year later)."""
    found = reminders_for(shop, today, **kwargs)
    return [(r.kind.value, r.person.name, r.due) for r in found if r.kind is not ReminderKind.ANNIVERSARY]


def test_birthdays_across_the_turn_of_the_year_and_on_29_february(memory_shop: Shop) -> None:
    _customer(memory_shop, "Anna", "Müller", birthday=Birthday(1, 3, 1967), salutation=Salutation.FRAU)
    _customer(memory_shop, "Lea", "Schaltjahr", birthday=Birthday(2, 29))
    _customer(memory_shop, "Otto", "Sommer", birthday=Birthday(7, 1, 1950))
    assert _kinds(memory_shop, date(2026, 12, 28), days=14) == [("birthday", "Anna Müller", date(2027, 1, 3))]
    assert _kinds(memory_shop, date(2027, 2, 20), days=14) == [("birthday", "Lea Schaltjahr", date(2027, 2, 28))]
    assert _kinds(memory_shop, date(2028, 2, 20), days=14) == [("birthday", "Lea Schaltjahr", date(2028, 2, 29))]
    (reminder,) = reminders_for(memory_shop, date(2026, 12, 28), days=14)
    assert (reminder.age, reminder.round) == (60, True)


def test_a_birthday_done_this_year_comes_back_next_year(memory_shop: Shop) -> None:
    _customer(memory_shop, "Anna", "Müller", birthday=Birthday(11, 24, 1980))
    (reminder,) = reminders_for(memory_shop, TODAY)
    mark_done(memory_shop, reminder, now=NOW)
    assert _kinds(memory_shop) == []
    assert _kinds(memory_shop, date(2027, 11, 20)) == [("birthday", "Anna Müller", date(2027, 11, 24))]
    undo(memory_shop, reminder)
    assert len(_kinds(memory_shop)) == 1


def test_put_off_comes_back_on_its_day_even_after_the_birthday(memory_shop: Shop) -> None:
    _customer(memory_shop, "Anna", "Müller", birthday=Birthday(11, 24, 1980))
    (reminder,) = reminders_for(memory_shop, TODAY, days=0)
    snooze(memory_shop, reminder, TODAY + timedelta(days=1), now=NOW)
    assert reminders_for(memory_shop, TODAY, days=0) == []
    (back,) = reminders_for(memory_shop, TODAY + timedelta(days=1), days=0)
    assert (back.kind, back.due, back.age) == (ReminderKind.BIRTHDAY, TODAY + timedelta(days=1), 46)
    snooze(memory_shop, back, TODAY + timedelta(days=7), now=NOW + timedelta(days=1))  # put off again
    assert _kinds(memory_shop, TODAY + timedelta(days=7), days=0) == [("birthday", "Anna Müller", date(2026, 12, 1))]
    with pytest.raises(UserError):
        snooze(memory_shop, back, TODAY, now=NOW)


def test_a_todo_appears_on_its_day_and_stays_until_done(memory_shop: Shop) -> None:
    anna = _customer(memory_shop, "Anna", "Müller")
    add_todo(memory_shop, anna, TODAY + timedelta(days=20), "Anrufen, wenn die Größe 38 da ist", now=NOW)
    assert reminders_for(memory_shop, TODAY) == []
    (todo,) = reminders_for(memory_shop, TODAY + timedelta(days=20))
    assert describe(todo, TODAY, "de_DE") == "Anrufen, wenn die Größe 38 da ist"
    assert len(reminders_for(memory_shop, TODAY + timedelta(days=200))) == 1  # overdue, still there
    mark_done(memory_shop, todo, now=NOW)
    assert reminders_for(memory_shop, TODAY + timedelta(days=200)) == []


@pytest.mark.parametrize("text", ["", "   ", "x" * 501])
def test_a_todo_needs_some_text_and_not_too_much(memory_shop: Shop, text: str) -> None:
    anna = _customer(memory_shop, "Anna", "Müller")
    with pytest.raises(UserError):
        add_todo(memory_shop, anna, TODAY, text, now=NOW)


def test_a_todo_needs_a_customer_who_is_there(memory_shop: Shop) -> None:
    with pytest.raises(UserError):
        add_todo(memory_shop, 4711, TODAY, "Anrufen", now=NOW)
    anna = _customer(memory_shop, "Anna", "Müller")
    archive_customer(memory_shop, anna, archived=True, now=NOW)
    with pytest.raises(UserError):
        add_todo(memory_shop, anna, TODAY, "Anrufen", now=NOW)


def test_archived_customers_have_no_reminders(memory_shop: Shop) -> None:
    anna = _customer(memory_shop, "Anna", "Müller", birthday=Birthday(11, 24))
    archive_customer(memory_shop, anna, archived=True, now=NOW)
    assert reminders_for(memory_shop, TODAY) == []


def test_a_thank_you_after_the_first_purchase_goes_when_she_comes_again_or_it_is_reversed(memory_shop: Shop) -> None:
    anna = _customer(memory_shop, "Anna", "Müller")
    first = book_purchase(memory_shop, anna, 2500, at=datetime(2026, 11, 21, 10), now=NOW)
    assert _kinds(memory_shop) == [("first_purchase", "Anna Müller", TODAY)]
    reverse_purchase(memory_shop, first.purchase_id, "falsche Kundin", now=NOW)
    assert _kinds(memory_shop) == []
    book_purchase(memory_shop, anna, 2500, at=datetime(2026, 11, 21, 10), now=NOW)
    book_purchase(memory_shop, anna, 900, at=datetime(2026, 11, 23, 16), now=NOW)  # she came again
    assert _kinds(memory_shop) == []


def test_a_regular_who_stays_away_is_listed_with_her_rhythm(memory_shop: Shop) -> None:
    anna = _customer(memory_shop, "Anna", "Müller")
    start = date(2026, 7, 1)
    for n in range(12):  # every 9 days until 9 October
        book_purchase(memory_shop, anna, 1500, at=datetime.combine(start + timedelta(days=9 * n), datetime.min.time()),
                      now=NOW)  # fmt: skip
    due = win_back_due(start, date(2026, 10, 8), 12, 2, 30)
    assert _kinds(memory_shop, due - timedelta(days=1)) == []  # not ahead of time
    (reminder,) = reminders_for(memory_shop, due + timedelta(days=3))
    assert describe(reminder, due + timedelta(days=3), "de_DE") == "Kommt sonst alle 9 Tage, zuletzt vor 33 Tagen"
    assert _kinds(memory_shop, due + timedelta(days=31)) == []  # a month later it has dropped off


def test_a_full_card_that_waits_is_a_reminder_until_it_is_redeemed(memory_shop: Shop) -> None:
    program = save_program(memory_shop, StampProgram("Kaffeekarte", 3, "1 Kaffee gratis", EarnRule.PER_VISIT), now=NOW)
    anna = _customer(memory_shop, "Anna", "Müller")

    def cards(day: date) -> list[tuple[str, date]]:
        return [(r.kind.value, r.due) for r in reminders_for(memory_shop, day, days=0) if "stamp" in r.kind.value]

    for day in (1, 2):
        book_purchase(memory_shop, anna, 400, at=datetime(2026, 10, day, 9), now=NOW)
    assert cards(date(2026, 10, 31)) == [] and cards(date(2026, 11, 1)) == [("stamp_almost", date(2026, 11, 1))]
    book_purchase(memory_shop, anna, 400, at=datetime(2026, 10, 3, 9), now=NOW)
    assert cards(date(2026, 11, 2)) == [("stamp_reward", date(2026, 11, 2))]
    redeem(memory_shop, anna, program.id, now=datetime(2026, 11, 2, 9))
    assert cards(date(2026, 12, 2)) == []


def test_settings_switch_kinds_off_and_survive_a_broken_value(memory_shop: Shop) -> None:
    _customer(memory_shop, "Anna", "Müller", birthday=Birthday(11, 25), customer_since=date(2025, 11, 24))
    assert {r.kind.value for r in reminders_for(memory_shop, TODAY)} == {"birthday", "anniversary"}
    save_reminder_settings(memory_shop, replace(ReminderSettings(), birthdays=False, days_ahead=3))
    assert reminder_settings(memory_shop).days_ahead == 3
    assert {r.kind.value for r in reminders_for(memory_shop, TODAY)} == {"anniversary"}
    with pytest.raises(UserError):
        save_reminder_settings(memory_shop, ReminderSettings(days_ahead=-1))
    settings_store.put(memory_shop.database, "reminders", "{not json")
    assert reminder_settings(memory_shop) == ReminderSettings()
    settings_store.put(memory_shop.database, "reminders", '{"days_ahead": "many", "birthdays": false}')
    assert reminder_settings(memory_shop) == ReminderSettings(birthdays=False)


def test_the_count_in_the_navigation_is_what_is_due_today(memory_shop: Shop) -> None:
    _customer(memory_shop, "Anna", "Müller", birthday=Birthday(11, 24))
    _customer(memory_shop, "Bernd", "Mayer", birthday=Birthday(11, 27))
    found = reminders_for(memory_shop, TODAY)
    assert (len(found), open_count(found, TODAY)) == (2, 1)


def test_new_arrivals_find_who_likes_them_not_who_dislikes_them(memory_shop: Shop) -> None:
    _customer(memory_shop, "Anna", "Müller", preferences=Preferences(likes=("Riesling trocken",), brands=("Zotter",)))
    _customer(memory_shop, "Bernd", "Mayer", phone="0170 1", preferences=Preferences(favourites=("Riesling",)))
    _customer(memory_shop, "Clara", "Klein", preferences=Preferences(dislikes=("Riesling",)))
    found = customers_for_arrival(memory_shop, "riesl")
    assert [(m.name, m.tags) for m in found] == [("Bernd Mayer", ("Riesling",)), ("Anna Müller", ("Riesling trocken",))]
    assert customers_for_arrival(memory_shop, "  ") == []
    assert set(known_tags(memory_shop)) == {"Riesling trocken", "Riesling", "Zotter"}


def test_the_summaries_survive_closing_and_opening_the_file(db_path) -> None:
    shop = open_shop(db_path)
    anna = _customer(shop, "Anna", "Müller")
    book_purchase(shop, anna, 2500, at=datetime(2026, 11, 21, 10), now=NOW)
    shop.close()
    shop = open_shop(db_path)
    try:
        assert _kinds(shop) == [("first_purchase", "Anna Müller", TODAY)]
    finally:
        shop.close()
