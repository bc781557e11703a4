"""Heute: the reminders of a day, acting on them, the owner's own to-dos and new arrivals."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path

from emma.domain.customer import Salutation, customer_name
from emma.domain.errors import UserError
from emma.domain.folding import fold, prefix_upper_bound
from emma.domain.letters import OCCASION_OF_REMINDER, Occasion
from emma.domain.reminders import (
    ANNIVERSARY_YEARS,
    MAX_DAYS,
    STAMP_WAIT_DAYS,
    STAMP_WAIT_FACTOR,
    CardStanding,
    Group,
    Person,
    Reminder,
    ReminderKind,
    ReminderSettings,
    ReminderState,
    anniversary_reminders,
    birthday_reminders,
    earliest_day,
    first_purchase_reminder,
    group_of,
    stamp_reminder,
    still_open,
    todo_reminder,
    win_back_gap,
    win_back_reminder,
)
from emma.domain.stamps import expiry_of
from emma.i18n import _
from emma.i18n.formats import format_date, format_weekday_date, format_weekday_short
from emma.services import settings as shop_settings
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import reminders as reminder_store
from emma.store import settings as settings_store
from emma.store import stamps as stamp_store

SETTINGS_KEY = "reminders"
TODO_MAX_LENGTH = 500


def reminder_settings(shop: Shop) -> ReminderSettings:
    """The owner's reminder settings; what is missing or broken in the file counts as the default."""
    try:
        stored = json.loads(settings_store.get(shop.database, SETTINGS_KEY) or "{}")
    except ValueError:
        stored = {}
    defaults = ReminderSettings()
    values = {}
    for field in fields(ReminderSettings):
        value = stored.get(field.name) if isinstance(stored, dict) else None
        if type(value) is type(getattr(defaults, field.name)):
            values[field.name] = value
    settings = ReminderSettings(**values)
    return defaults if settings.problems() else settings


def save_reminder_settings(shop: Shop, settings: ReminderSettings) -> None:
    problems = settings.problems()
    if problems:
        raise UserError(next(iter(problems.values())))
    settings_store.put(shop.database, SETTINGS_KEY, json.dumps(asdict(settings)))


def reminders_for(
    shop: Shop, today: date, *, days: int | None = None, settings: ReminderSettings | None = None
) -> list[Reminder]:
    """Every open reminder on `today`, up to `days` ahead (the settings' days when None), in order."""
    settings = settings or reminder_settings(shop)
    days = settings.days_ahead if days is None else days
    if not 0 <= days <= MAX_DAYS:
        raise UserError(_("Reminders look between 0 and {max} days ahead.").format(max=MAX_DAYS))
    database = shop.database
    states = reminder_store.states(database)
    end = today + timedelta(days=days)

    def start(kind: ReminderKind) -> date:
        """The first day to look at: the earliest still listed, or the day of one put off that comes back now."""
        first = earliest_day(kind, today)
        for (state_kind, _customer, _occasion), state in states.items():
            if state_kind == kind and state.until is not None and state.until >= first:
                first = min(first, state.due)
        return max(first, end - timedelta(days=MAX_DAYS), date(1900, 1, 1))

    found: list[Reminder] = []
    if settings.birthdays:
        since = start(ReminderKind.BIRTHDAY)
        rows = reminder_store.birthdays_between(database, since, end)
        found += birthday_reminders(((_person(row), row[7], row[6], row[8]) for row in rows), since, end)
    if settings.anniversaries:
        since = start(ReminderKind.ANNIVERSARY)
        rows = reminder_store.anniversaries_between(database, since, end, ANNIVERSARY_YEARS)
        found += anniversary_reminders(((_person(row), date.fromisoformat(row[6])) for row in rows), since, end)
    if settings.first_purchase:
        since, after = start(ReminderKind.FIRST_PURCHASE), timedelta(days=settings.first_purchase_after_days)
        for row in reminder_store.first_visits_between(database, since - after, end - after):
            first_visit = date.fromisoformat(row[6])
            found.append(
                first_purchase_reminder(_person(row), first_visit, 1, since, end, settings.first_purchase_after_days)
            )
    if settings.win_back:  # only once her absence is unusual: not ahead of time
        since = start(ReminderKind.WIN_BACK)
        factor, min_days = settings.win_back_factor, settings.win_back_min_days
        for row in reminder_store.lapsing_regulars(
            database, earliest=since, latest=today, gap=lambda usual: win_back_gap(usual, factor, min_days)
        ):
            first_visit, last_visit, visits = date.fromisoformat(row[6]), date.fromisoformat(row[7]), row[8]
            found.append(
                win_back_reminder(_person(row), first_visit, last_visit, visits, since, today, factor, min_days)
            )
    if settings.stamp_cards:
        found += _stamp_reminders(shop, start(ReminderKind.STAMP_REWARD), end, today)
    if settings.todos:
        for row in reminder_store.todos_until(database, end):
            todo_id, due, text = row[6:9]
            found.append(todo_reminder(_person(row), todo_id, date.fromisoformat(due), text))
    return still_open([reminder for reminder in found if reminder is not None], states, today, days)


def answered_by(shop: Shop, occasion: Occasion, today: date) -> list[Reminder]:
    """The open reminders of Heute that a letter of `occasion` answers (birthdays for birthday letters …)."""
    return [reminder for reminder in reminders_for(shop, today) if OCCASION_OF_REMINDER.get(reminder.kind) is occasion]


def _stamp_reminders(shop: Shop, since: date, end: date, today: date) -> list[Reminder | None]:
    database = shop.database
    programs = {program.id: program for program in stamp_store.programs(database, active_only=True)}
    found = []
    for row in reminder_store.cards_waiting(database, since, end, wait_days=STAMP_WAIT_DAYS, factor=STAMP_WAIT_FACTOR):
        program_id, balance, started_on, last_event_id, changed_on, usual_days = row[6:]
        program = programs[program_id]
        expires_on = expiry_of(program, date.fromisoformat(started_on) if started_on else None)
        if expires_on is not None and expires_on < today:
            continue  # a lapsed card counts as empty
        card = CardStanding(
            program_id, program.name, program.reward, program.required, balance, date.fromisoformat(changed_on),
            last_event_id, usual_days,
        )  # fmt: skip
        found.append(stamp_reminder(_person(row), card, since, end))
    return found


_SALUTATIONS = {salutation.value: salutation for salutation in Salutation}


def _person(row: Sequence) -> Person:
    customer_id, first, last, title, phone, salutation = row[:6]
    # The store keeps names trimmed: joining what is there is her name as `customer_name` writes it.
    name = f"{first} {last}" if first and last and not title else " ".join(filter(None, (title, first, last)))
    return Person(customer_id, name, phone, _SALUTATIONS[salutation])


def describe(reminder: Reminder, today: date, locale: str) -> str:
    """The reason of a reminder in a plain sentence, with days written in the shop's locale."""
    return reminder.text(today, lambda day: format_weekday_date(day, locale))


def open_count(reminders: Sequence[Reminder], today: date) -> int:
    """How many are for today (overdue ones included): the number beside Heute in the navigation."""
    return sum(1 for reminder in reminders if reminder.due <= today)


def mark_done(shop: Shop, reminder: Reminder, *, now: datetime | None = None) -> None:
    """Done for this occasion: a birthday done this year comes back next year."""
    reminder_store.set_state(shop.database, reminder.key, ReminderState(reminder.due), now=now or datetime.now())


def snooze(shop: Shop, reminder: Reminder, until: date, *, now: datetime | None = None) -> None:
    """Put off: the reminder comes back on `until`."""
    now = now or datetime.now()
    if until <= now.date():
        raise UserError(_("Please choose a day after today."))
    states = reminder_store.states(shop.database)
    first_due = states[reminder.key].due if reminder.key in states else reminder.due
    reminder_store.set_state(shop.database, reminder.key, ReminderState(first_due, until), now=now)


def undo(shop: Shop, reminder: Reminder) -> None:
    """Takes back done or put off."""
    reminder_store.clear_state(shop.database, reminder.key)


def add_todo(shop: Shop, customer_id: int, due: date, text: str, *, now: datetime | None = None) -> int:
    """The owner's own reminder on a customer, shown on its day."""
    text = " ".join(text.split())
    if not text:
        raise UserError(_("Please write what to remember."))
    if len(text) > TODO_MAX_LENGTH:
        raise UserError(_("A to-do has at most {max} characters.").format(max=TODO_MAX_LENGTH))
    customer = customer_store.get(shop.database, customer_id)
    if customer is None:
        raise UserError(_("There is no customer number {id}.").format(id=customer_id))
    if customer.archived:
        raise UserError(_("This customer is archived; restore her first."))
    return reminder_store.add_todo(shop.database, customer_id, due, text, now=now or datetime.now())


@dataclass(frozen=True)
class ArrivalMatch:
    """A customer whose preferences match what just came in."""

    customer_id: int
    name: str
    phone: str
    tags: tuple[str, ...]  # her tags that match, as she has them


# Preferences a new arrival speaks to: not what she dislikes or cannot eat.
ARRIVAL_KINDS = ("likes", "favourites", "brands", "sizes")


def customers_for_arrival(shop: Shop, text: str) -> list[ArrivalMatch]:
    """Customers (not archived) with a liked tag, favourite, brand or size that starts with `text`
    ("Riesl" finds "Riesling", "Riesling trocken"), in name order."""
    key = fold(" ".join(text.split()))
    if not key:
        return []
    rows = customer_store.preference_matches(shop.database, key, prefix_upper_bound(key), ARRIVAL_KINDS)
    matches: dict[int, ArrivalMatch] = {}
    for customer_id, first, last, title, phone, _salutation, tag in rows:
        match = matches.get(customer_id)
        if match is None:
            matches[customer_id] = ArrivalMatch(customer_id, customer_name(title, first, last), phone, (tag,))
        elif tag not in match.tags:
            matches[customer_id] = ArrivalMatch(customer_id, match.name, phone, (*match.tags, tag))
    return list(matches.values())


def known_tags(shop: Shop) -> list[str]:
    """The tags of `ARRIVAL_KINDS` the shop's customers have, for completing what the owner types."""
    return customer_store.tags(shop.database, ARRIVAL_KINDS)


# --- on paper --------------------------------------------------------------------------------------


def print_day_sheet(shop: Shop, reminders: Sequence[Reminder], today: date, locale: str, target: Path) -> Path:
    """The Tageszettel: today's reminders and this week's on one A4 page, to tick off by hand."""
    from emma.letters.checklist import Checklist, ChecklistRow, render_checklist  # reportlab: loaded to print

    sections: dict[Group, list[ChecklistRow]] = {Group.TODAY: [], Group.THIS_WEEK: []}
    for reminder in reminders:
        rows = sections.get(group_of(reminder.due, today))
        if rows is not None:
            when = _("overdue") if reminder.due < today else format_weekday_short(reminder.due, locale)
            when = _("today") if reminder.due == today else when
            text = describe(reminder, today, locale)
            rows.append(ChecklistRow(reminder.person.name, text, reminder.person.phone, when))
    sheet = Checklist(
        title=_("Day sheet"),
        subtitle=format_date(today, locale, "full"),
        shop_name=shop_settings.shop_name(shop) or _("Frau Emma"),
        locale=locale,
        sections=[(group.label(), rows) for group, rows in sections.items()],
    )
    return _render(render_checklist, target, sheet)


def print_call_list(shop: Shop, matches: Sequence[ArrivalMatch], arrival: str, today: date, locale: str,
                    target: Path) -> Path:  # fmt: skip
    """Who to call about a new arrival, on one A4 page."""
    from emma.letters.checklist import Checklist, ChecklistRow, render_checklist

    rows = [ChecklistRow(match.name, ", ".join(match.tags), match.phone) for match in matches]
    sheet = Checklist(
        title=_("Call list: {arrival}").format(arrival=arrival.strip()),
        subtitle=format_date(today, locale, "full"),
        shop_name=shop_settings.shop_name(shop) or _("Frau Emma"),
        locale=locale,
        sections=[(_("Customers who like it"), rows)],
    )
    return _render(render_checklist, target, sheet)


def _render(render, target: Path, sheet) -> Path:
    try:
        render(target, sheet)
    except OSError as error:
        raise UserError(
            _("The list could not be saved to {path}: {reason}").format(path=target, reason=error.strerror)
        ) from None
    return target
