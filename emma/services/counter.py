"""At the counter: booking and reversing purchases, and what her history says about her."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from emma.domain.errors import UserError
from emma.domain.purchases import (
    Purchase,
    PurchaseSummary,
    check_purchase,
    clean_items,
    favourite_categories,
    suggested_likes,
)
from emma.domain.stamps import CardState, StampEvent, StampEventKind, card_state, reversal_stamps
from emma.i18n import _
from emma.services.shop import Shop
from emma.services.stamp_cards import expiry_events
from emma.store import categories as category_store
from emma.store import customers as customer_store
from emma.store import purchases as purchase_store
from emma.store import stamps as stamp_store

HISTORY_PAGE = 100


@dataclass(frozen=True)
class Booking:
    """What a booking did: the purchase, the stamps it earned and how her cards stand now."""

    purchase_id: int
    stamps_added: int
    cards: list[CardState]


def book_purchase(
    shop: Shop,
    customer_id: int,
    amount_cents: int,
    *,
    at: datetime | None = None,
    items: tuple[str, ...] = (),
    note: str = "",
    now: datetime | None = None,
) -> Booking:
    """Books the purchase and the stamps it earns, all in one transaction."""
    now = now or datetime.now()
    at = at or now
    items = clean_items(items)
    note = note.strip()
    _bookable_customer(shop, customer_id)
    check_purchase(amount_cents, at, now, items, note)
    database = shop.database
    with database.transaction():
        purchase_id = purchase_store.add(database, Purchase(customer_id, at, amount_cents, items, note), now=now)
        added = 0
        cards = []
        for program in stamp_store.programs_of_customer(database, customer_id):
            events = stamp_store.events(database, customer_id, program.id)
            new_events = expiry_events(program, events, at.date())
            earned = program.stamps_for(amount_cents, items)
            if earned:
                new_events.append(StampEvent(StampEventKind.EARNED, earned, at, purchase_id))
                added += earned
            if new_events:
                stamp_store.add_events(database, [(customer_id, program.id, e) for e in new_events], now=now)
            cards.append(card_state(program, [*events, *new_events], at.date()))
    return Booking(purchase_id, added, cards)


def reverse_purchase(shop: Shop, purchase_id: int, reason: str, *, now: datetime | None = None) -> Purchase:
    """Storno: the purchase stays in the history, marked, and takes its stamps back."""
    now = now or datetime.now()
    if not reason.strip():
        raise UserError(_("Please give a reason for the reversal."))
    database = shop.database
    purchase = purchase_store.get(database, purchase_id)
    if purchase is None:
        raise UserError(_("There is no purchase number {id}.").format(id=purchase_id))
    if purchase.reversed:
        raise UserError(_("This purchase has already been reversed."))
    with database.transaction():
        purchase_store.mark_reversed(database, purchase_id, at=now, reason=reason.strip())
        for program_id in stamp_store.earned_by_purchase(database, purchase_id):
            events = stamp_store.events(database, purchase.customer_id, program_id)
            stamps = reversal_stamps(events, purchase_id)
            if stamps:
                event = StampEvent(StampEventKind.REVERSED, -stamps, now, purchase_id, reason.strip())
                stamp_store.add_event(database, purchase.customer_id, program_id, event, now=now)
    return purchase_store.get(database, purchase_id)


def purchase_history(shop: Shop, customer_id: int, *, after: Purchase | None = None, limit: int = HISTORY_PAGE):
    """Her purchases, newest first, a page at a time (`after` is the last one already shown)."""
    before = (after.at.isoformat(timespec="seconds"), after.id) if after else None
    return purchase_store.page(shop.database, customer_id, limit=limit, before=before)


@dataclass(frozen=True)
class CustomerFigures:
    summary: PurchaseSummary
    suggestions: list[str]  # categories she buys often that are not among her preferences yet


def customer_figures(shop: Shop, customer_id: int) -> CustomerFigures:
    database = shop.database
    total, visits, first, last = purchase_store.totals(database, customer_id)
    favourites = favourite_categories(
        purchase_store.item_lists(database, customer_id), category_store.all_names(database)
    )
    customer = customer_store.get(database, customer_id)
    already = (*customer.preferences.likes, *customer.preferences.favourites) if customer else ()
    return CustomerFigures(
        PurchaseSummary(total, visits, first, last, favourites),
        suggested_likes(favourites, visits, already),
    )


def _bookable_customer(shop: Shop, customer_id: int) -> None:
    customer = customer_store.get(shop.database, customer_id)
    if customer is None:
        raise UserError(_("There is no customer number {id}.").format(id=customer_id))
    if customer.archived:
        raise UserError(_("{name} is archived. Please restore her first.").format(name=customer.full_name))
