"""Three years of purchases for the demo shop, with personal rhythms, and two stamp cards."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from emma.domain.purchases import Purchase
from emma.domain.stamps import CardLedger, EarnRule, StampEvent, StampEventKind, StampProgram, lapsed_on_ledger
from emma.services.shop import Shop
from emma.store import categories as category_store
from emma.store import purchases as purchase_store
from emma.store import stamps as stamp_store

CATEGORIES = ("Wein", "Sekt", "Käse", "Feinkost", "Kaffee", "Schokolade", "Brot", "Geschenkkorb")
PROGRAMS = (
    StampProgram("Kaffeekarte", 10, "1 Kaffee gratis", EarnRule.PER_VISIT, categories=("Kaffee",)),
    StampProgram(
        "Treuekarte", 10, "5 € Rabatt", EarnRule.PER_AMOUNT, step_cents=1000, cap_per_purchase=5, validity_months=12
    ),
)
YEARS = 3
# (share of customers, days between visits, typical basket in cents, lapsed): the shop's rhythms.
RHYTHMS = (
    (0.25, None, 0, False),  # registered, never bought yet
    (0.02, 7, 1400, False),  # weekly regulars
    (0.04, 14, 2200, False),
    (0.10, 30, 3200, False),
    (0.43, 150, 4200, False),  # occasional
    (0.16, 45, 3000, True),  # came regularly, then stopped
)


def fill_demo_purchases(
    shop: Shop,
    customers: list[tuple[int, date]],
    seed: int,
    today: date,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Books purchases for `customers` ((id, customer since) pairs) inside the caller's transaction."""
    database = shop.database
    now = datetime.combine(today, time(8))
    if not category_store.all_names(database):
        category_store.replace_all(database, list(CATEGORIES))
    known = {program.name: program for program in stamp_store.programs(database)}  # a second demo adds none
    programs = [
        (known[program.name], known[program.name].id)
        if program.name in known
        else (program, stamp_store.add_program(database, program, now=now - timedelta(days=YEARS * 365)))
        for program in PROGRAMS
    ]
    (first_id,) = database.connection.execute("SELECT coalesce(max(id), 0) + 1 FROM purchases").fetchone()
    r = random.Random(seed * 7919 + 1)
    booked = 0
    purchases: list[Purchase] = []
    events: list[tuple[int, int, StampEvent]] = []
    for done, (customer_id, since) in enumerate(customers, start=1):
        visits = _visits(r, customer_id, since, today)
        ledgers = [CardLedger() for _ in programs]
        for at, amount, items in visits:
            purchase_id = first_id + booked
            booked += 1
            purchases.append(Purchase(customer_id, at, amount, items))
            for (program, program_id), ledger in zip(programs, ledgers, strict=True):
                for event in _stamp_events(r, program, ledger, purchase_id, at, amount, items):
                    ledger.add(event)
                    events.append((customer_id, program_id, event))
        if len(purchases) >= 50_000 or done == len(customers):
            purchase_store.add_many(database, purchases, now=now)
            stamp_store.add_events(database, events, now=now)
            purchases, events = [], []
            if cancelled is not None and cancelled():
                return booked
            if progress is not None:
                progress(done, len(customers))
    return booked


def _visits(r: random.Random, customer_id: int, since: date, today: date) -> list[tuple[datetime, int, tuple]]:
    _weight, interval, basket, lapsed = r.choices(RHYTHMS, weights=[rhythm[0] for rhythm in RHYTHMS])[0]
    if interval is None:
        return []
    start = max(since, today - timedelta(days=YEARS * 365))
    end = today - timedelta(days=r.randint(120, 540)) if lapsed else today
    liked = r.sample(CATEGORIES, 3)
    visits = []
    day = start + timedelta(days=r.randint(0, interval))
    while day <= end:
        if day.weekday() == 6:  # closed on Sundays
            day += timedelta(days=1)
            continue
        at = datetime.combine(day, time(r.randint(8, 18), r.choice((0, 10, 15, 20, 30, 40, 45, 50))))
        if at > datetime.combine(today, time(8)):
            break
        amount = max(150, round(basket * math.exp(r.gauss(0, 0.45)) / 10) * 10)
        count = r.choice((1, 1, 1, 2, 2, 3))
        items = tuple(
            dict.fromkeys(r.choice(liked) if r.random() < 0.8 else r.choice(CATEGORIES) for _ in range(count))
        )
        visits.append((at, amount, items))
        day += timedelta(days=max(1, round(interval * r.uniform(0.6, 1.5))))
    return visits


def _stamp_events(r, program, ledger, purchase_id, at, amount, items) -> list[StampEvent]:
    events = []
    lapsed = lapsed_on_ledger(program, ledger, at.date())
    if lapsed:
        stamps, expired_on = lapsed
        events.append(StampEvent(StampEventKind.EXPIRED, -stamps, datetime.combine(expired_on, time(23, 59))))
    balance = ledger.balance + sum(event.stamps for event in events)
    if balance >= program.required and r.random() < 0.85:  # most redeem a full card on the next visit
        events.append(StampEvent(StampEventKind.REDEEMED, -program.required, at, reason=program.reward))
    earned = program.stamps_for(amount, items)
    if earned:
        events.append(StampEvent(StampEventKind.EARNED, earned, at, purchase_id))
    return events
