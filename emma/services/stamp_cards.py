"""Stamp cards: the shop's programs, and each customer's cards – redeem, correct, take over a paper card."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from emma.domain.customer import customer_code
from emma.domain.errors import UserError, ValidationError
from emma.domain.stamps import (
    CardState,
    StampEvent,
    StampEventKind,
    StampProgram,
    card_state,
    check_correction,
    lapsed_stamps,
)
from emma.i18n import _
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import settings as settings_store
from emma.store import stamps as stamp_store

MAX_TRANSFER = 100


def list_programs(shop: Shop) -> list[StampProgram]:
    return stamp_store.programs(shop.database)


def save_program(shop: Shop, program: StampProgram, *, now: datetime | None = None) -> StampProgram:
    problems = program.problems()
    if problems:
        raise ValidationError(problems)
    if program.id is None:
        return replace(program, id=stamp_store.add_program(shop.database, program, now=now or datetime.now()))
    try:
        stamp_store.update_program(shop.database, program)
    except LookupError:
        raise UserError(_("This stamp card no longer exists.")) from None
    return program


def cards_for(shop: Shop, customer_id: int, today: date) -> list[CardState]:
    """Her cards of every active program (and of paused ones she has stamps on)."""
    database = shop.database
    return [
        card_state(program, stamp_store.events(database, customer_id, program.id), today)
        for program in stamp_store.programs_of_customer(database, customer_id)
    ]


def redeem(shop: Shop, customer_id: int, program_id: int, *, now: datetime | None = None) -> CardState:
    """Records that she got the reward of a full card; stamps beyond it carry over."""
    now = now or datetime.now()
    program, events = _card(shop, customer_id, program_id)
    with shop.database.transaction():
        expired = _book_expiry(shop, customer_id, program, events, now)
        state = card_state(program, [*events, *expired], now.date())
        if not state.reward_ready:
            raise UserError(_("The card is not full yet – {n} stamps are missing.").format(n=state.missing))
        event = StampEvent(StampEventKind.REDEEMED, -program.required, now, reason=program.reward)
        stamp_store.add_event(shop.database, customer_id, program_id, event, now=now)
    return card_state(program, [*events, *expired, event], now.date())


def correct(
    shop: Shop, customer_id: int, program_id: int, stamps: int, reason: str, *, now: datetime | None = None
) -> CardState:
    """Adds (or removes, with a negative number) stamps by hand; the reason is kept in the history."""
    return _change(shop, customer_id, program_id, StampEventKind.CORRECTED, stamps, reason, now)


def transfer_paper_card(
    shop: Shop, customer_id: int, program_id: int, stamps: int, *, now: datetime | None = None
) -> CardState:
    """Takes over the stamps of her paper card."""
    if not 1 <= stamps <= MAX_TRANSFER:
        raise UserError(_("A paper card brings between 1 and {max} stamps.").format(max=MAX_TRANSFER))
    return _change(shop, customer_id, program_id, StampEventKind.TRANSFERRED, stamps, _("paper card taken over"), now)


@dataclass(frozen=True)
class StampHistoryEntry:
    program: str
    event: StampEvent


def stamp_history(shop: Shop, customer_id: int) -> list[StampHistoryEntry]:
    """Every stamp event of hers, oldest first."""
    database = shop.database
    entries = [
        StampHistoryEntry(program.name, event)
        for program in stamp_store.programs_of_customer(database, customer_id)
        for event in stamp_store.events(database, customer_id, program.id)
    ]
    return sorted(entries, key=lambda entry: (entry.event.at, entry.event.id or 0))


def print_card(shop: Shop, customer_id: int, program_id: int, target: Path, *, today: date, locale: str) -> Path:
    """Writes her card of this program, with the stamps she has, as a credit-card sized PDF."""
    from emma.letters.stamp_card import StampCardPrint, render_stamp_card  # reportlab: loaded only to print

    customer = customer_store.get(shop.database, customer_id)
    program, events = _card(shop, customer_id, program_id)
    state = card_state(program, events, today)
    card = StampCardPrint(
        shop_name=settings_store.get(shop.database, "shop_name", "") or _("Frau Emma"),
        customer_name=customer.full_name,
        customer_code=customer_code(customer_id),
        program_name=program.name,
        required=program.required,
        stamps=state.on_card,
        reward=program.reward,
        expires_on=state.expires_on,
        locale=locale,
    )
    try:
        render_stamp_card(target, card)
    except OSError as error:
        raise UserError(
            _("The card could not be saved to {path}: {reason}").format(path=target, reason=error.strerror)
        ) from None
    return target


def expiry_events(program: StampProgram, events: list[StampEvent], today: date) -> list[StampEvent]:
    """An expiry event for a card that ran out, so that the history says where its stamps went."""
    lapsed = lapsed_stamps(program, events, today)
    if lapsed is None:
        return []
    stamps, expired_on = lapsed
    at = datetime.combine(expired_on, datetime.max.time()).replace(microsecond=0)
    return [StampEvent(StampEventKind.EXPIRED, -stamps, at, reason=_("card expired"))]


def _change(shop, customer_id, program_id, kind, stamps, reason, now) -> CardState:
    now = now or datetime.now()
    program, events = _card(shop, customer_id, program_id)
    with shop.database.transaction():
        expired = _book_expiry(shop, customer_id, program, events, now)
        current = card_state(program, [*events, *expired], now.date()).stamps
        check_correction(stamps, reason, current)
        event = StampEvent(kind, stamps, now, reason=reason.strip())
        stamp_store.add_event(shop.database, customer_id, program_id, event, now=now)
    return card_state(program, [*events, *expired, event], now.date())


def _book_expiry(shop, customer_id, program, events, now) -> list[StampEvent]:
    expired = expiry_events(program, events, now.date())
    if expired:
        stamp_store.add_events(shop.database, [(customer_id, program.id, e) for e in expired], now=now)
    return expired


def _card(shop: Shop, customer_id: int, program_id: int) -> tuple[StampProgram, list[StampEvent]]:
    if customer_store.get(shop.database, customer_id) is None:
        raise UserError(_("There is no customer number {id}.").format(id=customer_id))
    program = next((p for p in stamp_store.programs(shop.database) if p.id == program_id), None)
    if program is None:
        raise UserError(_("There is no stamp card number {id}.").format(id=program_id))
    return program, stamp_store.events(shop.database, customer_id, program_id)
