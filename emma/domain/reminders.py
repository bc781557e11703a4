"""Reminders: whom the owner should think of on a day, and why.

Pure rules over dates: "today" always comes in as an argument. Each rule looks at one customer
and says whether she has a reminder in the window from `today` to `today + days` – and for the
kinds that can wait a little (a thank-you, a win-back call, a full stamp card), also a few days
back, so that a day the shop was closed loses nothing.

Every reminder has an occasion (the birthday of 2026, the first purchase of 21 November, the card
after event 4711): done means done for that occasion; the next one comes again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from emma.domain.birthdays import Birthday
from emma.domain.customer import Salutation
from emma.i18n import _, ngettext

ROUND_AGES = frozenset({18, 30, 40, 50, 60, 65, 70, 75, 80, 85, 90, 95, 100})
MAX_DAYS = 365
# A card full or one stamp short is worth a call once it has waited twice her usual days between
# visits, and at least this long (before that she simply comes and redeems it).
STAMP_WAIT_DAYS = 30
STAMP_WAIT_FACTOR = 2
# The years of being a customer that are worth a word: the first, then the milestones.
ANNIVERSARY_YEARS = frozenset({1, 3, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50})


DayName = Callable[[date], str]


class ReminderKind(StrEnum):
    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    FIRST_PURCHASE = "first_purchase"
    WIN_BACK = "win_back"
    STAMP_REWARD = "stamp_reward"
    STAMP_ALMOST = "stamp_almost"
    TODO = "todo"

    def label(self) -> str:
        return {
            ReminderKind.BIRTHDAY: _("Birthday"),
            ReminderKind.ANNIVERSARY: _("Anniversary"),
            ReminderKind.FIRST_PURCHASE: _("Thank-you after the first purchase"),
            ReminderKind.WIN_BACK: _("Win back"),
            ReminderKind.STAMP_REWARD: _("Stamp card full"),
            ReminderKind.STAMP_ALMOST: _("One stamp missing"),
            ReminderKind.TODO: _("To-do"),
        }[self]


_ORDER = {kind: index for index, kind in enumerate(ReminderKind)}  # the order of kinds on a day's list

# How many days after its day a reminder that was not dealt with is still listed (as overdue).
LATE_DAYS = {
    ReminderKind.BIRTHDAY: 0,
    ReminderKind.ANNIVERSARY: 0,
    ReminderKind.FIRST_PURCHASE: 7,
    ReminderKind.WIN_BACK: 30,
    ReminderKind.STAMP_REWARD: 14,
    ReminderKind.STAMP_ALMOST: 14,
    ReminderKind.TODO: None,  # a personal to-do stays until it is done
}


class Group(StrEnum):
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"

    def label(self) -> str:
        return {Group.TODAY: _("Today"), Group.THIS_WEEK: _("This week"), Group.LATER: _("Later")}[self]


def group_of(due: date, today: date) -> Group:
    """Today (and what is overdue), the rest of this calendar week, later."""
    if due <= today:
        return Group.TODAY
    end_of_week = today + timedelta(days=6 - today.weekday())
    return Group.THIS_WEEK if due <= end_of_week else Group.LATER


@dataclass(frozen=True)
class ReminderSettings:
    """What the owner wants to be reminded of (Einstellungen); every kind can be switched off."""

    birthdays: bool = True
    days_ahead: int = 14
    anniversaries: bool = True
    first_purchase: bool = True
    first_purchase_after_days: int = 3
    win_back: bool = True
    win_back_factor: int = 2  # absent more than this many times her usual interval …
    win_back_min_days: int = 30  # … and at least this many days
    stamp_cards: bool = True
    todos: bool = True

    def problems(self) -> dict[str, str]:
        problems = {}
        if not 0 <= self.days_ahead <= MAX_DAYS:
            problems["days_ahead"] = _("Between 0 and {max} days.").format(max=MAX_DAYS)
        if not 1 <= self.first_purchase_after_days <= 60:
            problems["first_purchase_after_days"] = _("Between 1 and 60 days.")
        if not 2 <= self.win_back_factor <= 10:
            problems["win_back_factor"] = _("Between 2 and 10 times.")
        if not 7 <= self.win_back_min_days <= 365:
            problems["win_back_min_days"] = _("Between 7 and 365 days.")
        return problems

    def shows(self, kind: ReminderKind) -> bool:
        return {
            ReminderKind.BIRTHDAY: self.birthdays,
            ReminderKind.ANNIVERSARY: self.anniversaries,
            ReminderKind.FIRST_PURCHASE: self.first_purchase,
            ReminderKind.WIN_BACK: self.win_back,
            ReminderKind.STAMP_REWARD: self.stamp_cards,
            ReminderKind.STAMP_ALMOST: self.stamp_cards,
            ReminderKind.TODO: self.todos,
        }[kind]


# Person and Reminder are made by the thousand for a day's list, so they are not frozen (a frozen
# dataclass costs three times as much to make); nothing changes them after they are made.
@dataclass(slots=True)
class Person:
    """Who a reminder is about, as the list shows her."""

    customer_id: int
    name: str
    phone: str = ""
    salutation: Salutation = Salutation.NONE


@dataclass(slots=True)
class Reminder:
    kind: ReminderKind
    person: Person
    due: date  # the day of the occasion (or, snoozed, the day it comes back)
    occasion: str
    age: int | None = None  # birthday: the age she turns; None without a year of birth
    round: bool = False
    years: int = 0  # anniversary
    visit: date | None = None  # the day it is about: first purchase (thank-you), last visit (win-back), last stamp
    usual_days: int = 0  # win-back: her usual days between visits
    reward: str = ""  # stamp cards
    program: str = ""
    note: str = ""  # a to-do's text

    @property
    def customer_id(self) -> int:
        return self.person.customer_id

    @property
    def key(self) -> tuple[str, int, str]:
        """What done and snoozed are remembered by."""
        return (self.kind.value, self.customer_id, self.occasion)

    def text(self, today: date, day_name: DayName) -> str:
        """The reason in a plain sentence, as the owner reads it; `day_name` writes a day close by
        („Donnerstag, 26. November“) in the shop's locale."""
        text = self._text(today, day_name)
        return text[:1].upper() + text[1:]

    def _text(self, today: date, day_name: DayName) -> str:
        when = _when(self.due, today, day_name)
        match self.kind:
            case ReminderKind.BIRTHDAY:
                if self.age is None:
                    return _("Birthday {when}").format(when=when)
                if self.round:
                    return _("Round birthday {when} – turns {age}").format(when=when, age=self.age)
                return _("Birthday {when} – turns {age}").format(when=when, age=self.age)
            case ReminderKind.ANNIVERSARY:
                if self.person.salutation is Salutation.FRAU:
                    text = ngettext(
                        "She has been a customer for {n} year {when}",
                        "She has been a customer for {n} years {when}",
                        self.years,
                    )
                elif self.person.salutation is Salutation.HERR:
                    text = ngettext(
                        "He has been a customer for {n} year {when}",
                        "He has been a customer for {n} years {when}",
                        self.years,
                    )
                else:
                    text = ngettext("A customer for {n} year {when}", "A customer for {n} years {when}", self.years)
                return text.format(n=self.years, when=when)
            case ReminderKind.FIRST_PURCHASE:
                first = _when(self.visit or self.due, today, day_name)
                return _("First purchase {when} – time for a thank-you").format(when=first)
            case ReminderKind.WIN_BACK:
                away = (today - (self.visit or today)).days
                return _("Usually comes every {usual} days, last visit {away} days ago").format(
                    usual=self.usual_days, away=away
                )
            case ReminderKind.STAMP_REWARD:
                return _("Stamp card full since {date} – {reward} is waiting ({program})").format(
                    date=day_name(self.visit or self.due), reward=self.reward, program=self.program
                )
            case ReminderKind.STAMP_ALMOST:
                return _("One stamp to go for {reward} since {date} ({program})").format(
                    date=day_name(self.visit or self.due), reward=self.reward, program=self.program
                )
            case ReminderKind.TODO:
                return self.note
        raise ValueError(self.kind)


def _when(day: date, today: date, day_name: DayName) -> str:
    if day == today:
        return _("today")
    if day == today + timedelta(days=1):
        return _("tomorrow")
    if day == today - timedelta(days=1):
        return _("yesterday")
    return _("on {date}").format(date=day_name(day))


def in_window(kind: ReminderKind, due: date, today: date, days: int) -> bool:
    """Whether a reminder due on `due` is listed on `today` with `days` ahead."""
    return earliest_day(kind, today) <= due <= today + timedelta(days=days)


# --- the rules: one customer's occasions from `start` to `end` ------------------------------------


def birthday_reminder(person: Person, birthday: Birthday, start: date, end: date) -> Reminder | None:
    due = birthday.next_on_or_after(start)
    return None if due > end else _birthday_on(due, person, birthday.year)


def birthday_reminders(
    birthdays: Iterable[tuple[Person, int, int, int | None]], start: date, end: date
) -> list[Reminder]:
    """`birthday_reminder` for many customers, given as (person, month, day, year): a day's list holds thousands
    of birthdays on a few days of the year, so each of those days is placed in the window once."""
    dues: dict[tuple[int, int], date | None] = {}
    found = []
    for person, month, day, year in birthdays:
        if (month, day) not in dues:
            due = Birthday(month, day).next_on_or_after(start)  # the year of birth does not move the day
            dues[month, day] = due if due <= end else None
        due = dues[month, day]
        if due is not None:
            found.append(_birthday_on(due, person, year))
    return found


def _birthday_on(due: date, person: Person, year: int | None) -> Reminder:
    age = None if year is None else due.year - year  # the age she turns on `due`
    return Reminder(
        ReminderKind.BIRTHDAY, person, due, str(due.year), age=age, round=age is not None and age in ROUND_AGES
    )


def anniversary_reminder(person: Person, since: date, start: date, end: date) -> Reminder | None:
    """The day she became a customer, in the years of `ANNIVERSARY_YEARS` (29 February: 28 February in other years)."""
    due = Birthday(since.month, since.day).next_on_or_after(start)
    return None if due > end else _anniversary_on(due, person, since)


def anniversary_reminders(customers: Iterable[tuple[Person, date]], start: date, end: date) -> list[Reminder]:
    """`anniversary_reminder` for many customers, given as (person, customer since): as for birthdays, each day
    of the year is placed in the window once."""
    dues: dict[tuple[int, int], date | None] = {}
    found = []
    for person, since in customers:
        if (since.month, since.day) not in dues:
            due = Birthday(since.month, since.day).next_on_or_after(start)
            dues[since.month, since.day] = due if due <= end else None
        due = dues[since.month, since.day]
        if due is not None:
            reminder = _anniversary_on(due, person, since)
            if reminder is not None:
                found.append(reminder)
    return found


def _anniversary_on(due: date, person: Person, since: date) -> Reminder | None:
    years = due.year - since.year
    if years not in ANNIVERSARY_YEARS:
        return None
    return Reminder(ReminderKind.ANNIVERSARY, person, due, str(due.year), years=years)


def first_purchase_reminder(
    person: Person, first_visit: date, visits: int, start: date, end: date, after_days: int
) -> Reminder | None:
    """A thank-you `after_days` after the first purchase of a customer who has not come again yet."""
    due = first_visit + timedelta(days=after_days)
    if visits != 1 or not start <= due <= end:
        return None
    return Reminder(ReminderKind.FIRST_PURCHASE, person, due, first_visit.isoformat(), visit=first_visit)


def usual_interval(first_visit: date, last_visit: date, visits: int) -> int | None:
    """Her usual days between visits (rounded), once she has come on at least three days."""
    if visits < 3:
        return None
    # Halves round up, as SQLite's round() does (store/reminders asks the same question in SQL).
    return max(1, math.floor((last_visit - first_visit).days / (visits - 1) + 0.5))


def win_back_gap(usual_days: int, factor: int, min_days: int) -> int:
    """Days after her last visit when her absence becomes unusual: more than `factor` times her usual
    interval, and at least `min_days`."""
    return max(factor * usual_days + 1, min_days)


def win_back_due(first_visit: date, last_visit: date, visits: int, factor: int, min_days: int) -> date | None:
    usual = usual_interval(first_visit, last_visit, visits)
    if usual is None:
        return None
    return last_visit + timedelta(days=win_back_gap(usual, factor, min_days))


def win_back_reminder(
    person: Person, first_visit: date, last_visit: date, visits: int, start: date, end: date, factor: int, min_days: int
) -> Reminder | None:
    due = win_back_due(first_visit, last_visit, visits, factor, min_days)
    if due is None or not start <= due <= end:
        return None
    usual = usual_interval(first_visit, last_visit, visits) or 0
    return Reminder(ReminderKind.WIN_BACK, person, due, last_visit.isoformat(), visit=last_visit, usual_days=usual)


@dataclass(frozen=True)
class CardStanding:
    """A stamp card as its ledger stands (from the card summary)."""

    program_id: int
    program: str
    reward: str
    required: int
    stamps: int
    changed_on: date
    last_event_id: int
    usual_days: int | None = None  # her usual days between visits, if she has a rhythm


def stamp_wait(usual_days: int | None) -> int:
    """Days a full card (or one a stamp short) waits before it is a reminder."""
    return max(STAMP_WAIT_DAYS, STAMP_WAIT_FACTOR * (usual_days or 0))


def stamp_reminder(person: Person, card: CardStanding, start: date, end: date) -> Reminder | None:
    """A full card (the reward is ready) or one stamp missing, once it has waited `stamp_wait` days."""
    if card.stamps >= card.required:
        kind = ReminderKind.STAMP_REWARD
    elif card.stamps == card.required - 1 and card.required > 1:
        kind = ReminderKind.STAMP_ALMOST
    else:
        return None
    due = card.changed_on + timedelta(days=stamp_wait(card.usual_days))
    if not start <= due <= end:
        return None
    occasion = f"{card.program_id}:{card.last_event_id}"
    return Reminder(kind, person, due, occasion, visit=card.changed_on, reward=card.reward, program=card.program)


def todo_reminder(person: Person, todo_id: int, due: date, text: str) -> Reminder:
    return Reminder(ReminderKind.TODO, person, due, str(todo_id), note=text)


# --- done and snoozed ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderState:
    due: date  # the day of the occasion when it was dealt with
    until: date | None = None  # put off to this day; None: done


def earliest_day(kind: ReminderKind, today: date) -> date:
    """The earliest day a reminder of `kind` not dealt with is still listed on `today`."""
    late = LATE_DAYS[kind]
    return date.min if late is None else today - timedelta(days=late)


def still_open(
    reminders: Iterable[Reminder], states: Mapping[tuple[str, int, str], ReminderState], today: date, days: int
) -> list[Reminder]:
    """The reminders listed on `today`, `days` ahead: without those done; one put off moves to its new day.
    In order: by day, then kind, then name."""
    found = []
    earliest = {kind: earliest_day(kind, today) for kind in ReminderKind}
    end = today + timedelta(days=days)
    for reminder in reminders:
        if states:
            state = states.get(reminder.key)
            if state is not None:
                if state.until is None:
                    continue
                reminder = replace(reminder, due=max(state.until, reminder.due))
        if earliest[reminder.kind] <= reminder.due <= end:
            found.append(reminder)
    return sorted(found, key=lambda r: (r.due, _ORDER[r.kind], r.person.name.casefold(), r.person.customer_id))
