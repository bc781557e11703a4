"""Three years of purchases for the demo shop, with personal rhythms, and two stamp cards.

Made to be quick as well as realistic (a million purchases in well under a minute): each visit draws
one random number whose bits pick the time of day, the amount, the basket and the gap to the next
visit from tables made once per demo, and the rows go to the store as plain tuples with their
timestamps already written out. The stamp rules stay those of the domain, asked once per basket and
amount instead of once per visit.
"""

from __future__ import annotations

import itertools
import math
import random
from bisect import bisect
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from statistics import NormalDist

from emma.domain.stamps import (
    CardLedger,
    EarnRule,
    StampEvent,
    StampEventKind,
    StampProgram,
    expiry_of,
    lapsed_on_ledger,
)
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
# Opening hours (Monday to Saturday) and how busy each hour is: late mornings and late afternoons.
HOURS = ((8, 2), (9, 4), (10, 6), (11, 7), (12, 5), (13, 3), (14, 4), (15, 5), (16, 6), (17, 7), (18, 4))
MINUTES = (0, 10, 15, 20, 30, 40, 45, 50)
ITEM_COUNTS = (1, 1, 1, 2, 2, 3)  # lines on a receipt
LIKED_SHARE = 0.8  # of the lines from the three categories a customer likes
AMOUNT_SPREAD = 0.45  # log-normal spread of an amount around the rhythm's typical basket
GAP_RANGE = (0.6, 1.5)  # the next visit after this share of the rhythm's days
REDEEM_SHARE = 0.85  # of full cards redeemed on the next visit
FLUSH_PURCHASES = 50_000
# Bits of each visit's random number: time of day, amount, basket, gap (a table of 2**bits each).
_TIME_BITS, _AMOUNT_BITS, _BASKET_BITS, _GAP_BITS = 8, 10, 9, 8
_TIME_MASK, _AMOUNT_MASK, _BASKET_MASK = 2**_TIME_BITS - 1, 2**_AMOUNT_BITS - 1, 2**_BASKET_BITS - 1
_BASKET_SHIFT = _TIME_BITS + _AMOUNT_BITS
_GAP_SHIFT = _BASKET_SHIFT + _BASKET_BITS
_LIKED = tuple(itertools.combinations(range(len(CATEGORIES)), 3))


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
    r = random.Random(seed * 7919 + 1)
    maker = _Visits(r, today, [_Card(program, program_id, today) for program, program_id in programs])
    purchase_id = purchase_store.next_id(database)
    first_id = purchase_id
    for done, (customer_id, since) in enumerate(customers, start=1):
        purchase_id = maker.book(customer_id, since, purchase_id)
        if len(maker.purchases) >= FLUSH_PURCHASES or done == len(customers):
            purchase_store.add_rows(database, maker.purchases, maker.items, now=now)
            stamp_store.add_event_rows(database, maker.events, now=now)
            maker.purchases, maker.items, maker.events = [], [], []
            if cancelled is not None and cancelled():
                return purchase_id - first_id
            if progress is not None:
                progress(done, len(customers))
    return purchase_id - first_id


class _Card:
    """One stamp program as the demo books it: StampProgram.stamps_for asked once per basket (whether its
    categories count) and once per amount (how many stamps the rule gives), not once per visit."""

    _ANY_AMOUNT = 10**12  # earns on every program that earns on the basket at all

    def __init__(self, program: StampProgram, program_id: int, today: date) -> None:
        self.program = program
        self.id = program_id
        self.required = program.required
        self.can_lapse = expiry_of(program, today) is not None
        self._baskets: dict[tuple[str, ...], bool] = {}
        self._last_days: dict[date | None, int] = {}
        # The ledger reads only the kind, the stamps and the day of an event: its events are shared.
        self._ledger_events: dict[tuple[StampEventKind, int, int], StampEvent] = {}

    def counts(self, items: tuple[str, ...]) -> bool:
        """Whether a basket with these items earns stamps on this card (given the amount does)."""
        counts = self._baskets.get(items)
        if counts is None:
            counts = self._baskets[items] = self.program.stamps_for(self._ANY_AMOUNT, items) > 0
        return counts

    def stamps_for(self, amount_cents: int) -> int:
        """Stamps for a basket that counts (the program's own categories always do)."""
        return self.program.stamps_for(amount_cents, self.program.categories)

    def last_day(self, started_on: date | None) -> int:
        """The ordinal of the last day a card begun on `started_on` is valid (far ahead when it never lapses)."""
        last = self._last_days.get(started_on)
        if last is None:
            expires_on = expiry_of(self.program, started_on)
            last = self._last_days[started_on] = expires_on.toordinal() if expires_on else date.max.toordinal()
        return last

    def ledger_event(self, kind: StampEventKind, stamps: int, day: int) -> StampEvent:
        key = (kind, stamps, day)
        event = self._ledger_events.get(key)
        if event is None:
            moment = datetime.combine(date.fromordinal(day), time())
            event = self._ledger_events[key] = StampEvent(kind, stamps, moment)
        return event


class _Visits:
    """Makes each customer's visits, items and stamp events as rows, collected until the next flush."""

    def __init__(self, r: random.Random, today: date, cards: list[_Card]) -> None:
        self.random = r
        self.cards = cards
        self.today = today.toordinal()
        self.first_day = self.today - YEARS * 365
        self.now = f"{today.isoformat()}T08:00:00"  # nothing after this is booked
        self.days = [date.fromordinal(day).isoformat() for day in range(self.first_day, self.today + 1)]
        self.times = _quantiles(
            [f"T{hour:02d}:{minute:02d}:00" for hour, _w in HOURS for minute in MINUTES],
            [weight for _h, weight in HOURS for _m in MINUTES],
            2**_TIME_BITS,
        )
        spread = [math.exp(AMOUNT_SPREAD * z) for z in _normal_quantiles(2**_AMOUNT_BITS)]
        self.amounts = {
            basket: [max(150, round(basket * factor / 10) * 10) for factor in spread]
            for _share, interval, basket, _lapsed in RHYTHMS
            if interval is not None
        }
        low, high = GAP_RANGE
        steps = 2**_GAP_BITS
        self.gaps = {
            interval: [max(1, round(interval * (low + (high - low) * (step + 0.5) / steps))) for step in range(steps)]
            for _share, interval, _basket, _lapsed in RHYTHMS
            if interval is not None
        }
        # Stamps per amount of each rhythm's table, on each card, for a basket that counts.
        self.earned = {
            (card.id, basket): [card.stamps_for(amount) for amount in amounts]
            for card in cards
            for basket, amounts in self.amounts.items()
        }
        self.rhythm_shares = list(itertools.accumulate(share for share, *_rest in RHYTHMS))
        # A basket names up to three lines, each either one of the customer's liked categories (0–2)
        # or any category (3 + its index); made into items per set of liked categories when first needed.
        self.patterns = [
            [r.randrange(3) if r.random() < LIKED_SHARE else 3 + r.randrange(len(CATEGORIES)) for _ in range(count)]
            for count in (r.choice(ITEM_COUNTS) for _ in range(2**_BASKET_BITS))
        ]
        self.baskets: dict[int, list[tuple[tuple[tuple[int, str], ...], tuple[bool, ...]]]] = {}
        self.purchases: list[tuple[int, int, str, int]] = []
        self.items: list[tuple[int, int, str]] = []
        self.events: list[tuple[int, int, str, int, str, int | None, str]] = []

    def book(self, customer_id: int, since: date, purchase_id: int) -> int:
        """Adds the customer's visits to the rows; returns the id the next purchase gets."""
        r = self.random
        rhythm = min(bisect(self.rhythm_shares, r.random()), len(RHYTHMS) - 1)
        _share, interval, basket, lapsed = RHYTHMS[rhythm]
        if interval is None:
            return purchase_id
        day = max(since.toordinal(), self.first_day) + r.randint(0, interval)
        end = self.today - r.randint(120, 540) if lapsed else self.today
        liked = r.randrange(len(_LIKED))
        baskets = self.baskets.get(liked) or self._baskets_for(liked)
        amounts, gaps, times, days = self.amounts[basket], self.gaps[interval], self.times, self.days
        first_day, today, now = self.first_day, self.today, self.now
        # Per card: the card, its ledger, the stamps per amount index (for a basket that counts), and
        # the start of the current card with its last day (an ordinal) as last worked out.
        cards = [(card, CardLedger(), self.earned[card.id, basket], [None, today]) for card in self.cards]
        purchases, items, events, getrandbits = self.purchases, self.items, self.events, r.getrandbits
        earned_kind = StampEventKind.EARNED
        earned_value = earned_kind.value
        while day <= end:
            if not day % 7:  # closed on Sundays (day 7 of the proleptic calendar was one)
                day += 1
                continue
            bits = getrandbits(_TIME_BITS + _AMOUNT_BITS + _BASKET_BITS + _GAP_BITS)
            at = days[day - first_day] + times[bits & _TIME_MASK]
            if day == today and at > now:
                break
            amount_index = (bits >> _TIME_BITS) & _AMOUNT_MASK
            lines, counts = baskets[(bits >> _BASKET_SHIFT) & _BASKET_MASK]
            purchases.append((purchase_id, customer_id, at, amounts[amount_index]))
            for position, text in lines:
                items.append((purchase_id, position, text))
            for (card, ledger, earned_by_amount, expiry), card_counts in zip(cards, counts):  # noqa: B905 (one per card)
                if ledger.balance > 0:
                    if card.can_lapse:
                        if ledger.started_on != expiry[0]:
                            expiry[0] = ledger.started_on
                            expiry[1] = card.last_day(ledger.started_on)
                        if day > expiry[1]:
                            self._lapse(customer_id, card, ledger, day)
                    if ledger.balance >= card.required and r.random() < REDEEM_SHARE:
                        self._redeem(customer_id, card, ledger, day, at)
                if card_counts:
                    earned = earned_by_amount[amount_index]
                    if earned:
                        events.append((customer_id, card.id, earned_value, earned, at, purchase_id, ""))
                        ledger.add(card.ledger_event(earned_kind, earned, day))
            purchase_id += 1
            day += gaps[bits >> _GAP_SHIFT]
        return purchase_id

    def _lapse(self, customer_id: int, card: _Card, ledger: CardLedger, day: int) -> None:
        """Books the expiry of a card that ran out before `day`, at the end of its last day."""
        lapsed = lapsed_on_ledger(card.program, ledger, date.fromordinal(day))
        if lapsed:
            stamps, expired_on = lapsed
            kind, at = StampEventKind.EXPIRED, f"{expired_on.isoformat()}T23:59:00"
            self.events.append((customer_id, card.id, kind.value, -stamps, at, None, ""))
            ledger.add(card.ledger_event(kind, -stamps, expired_on.toordinal()))

    def _redeem(self, customer_id: int, card: _Card, ledger: CardLedger, day: int, at: str) -> None:
        kind, stamps = StampEventKind.REDEEMED, -card.required
        self.events.append((customer_id, card.id, kind.value, stamps, at, None, card.program.reward))
        ledger.add(card.ledger_event(kind, stamps, day))

    def _baskets_for(self, liked: int) -> list[tuple[tuple[tuple[int, str], ...], tuple[bool, ...]]]:
        """The basket table of a set of liked categories: (position, text) lines, and which cards they count on."""
        choices = [CATEGORIES[index] for index in _LIKED[liked]] + list(CATEGORIES)
        baskets = []
        for pattern in self.patterns:
            items = tuple(dict.fromkeys(choices[slot] for slot in pattern))
            baskets.append((tuple(enumerate(items)), tuple(card.counts(items) for card in self.cards)))
        self.baskets[liked] = baskets
        return baskets


def _normal_quantiles(count: int) -> list[float]:
    normal = NormalDist()
    return [normal.inv_cdf((index + 0.5) / count) for index in range(count)]


def _quantiles(values: list[str], weights: list[int], count: int) -> list[str]:
    """`count` values spread as the weights say, for drawing by index."""
    bounds = list(itertools.accumulate(weights))
    return [values[bisect(bounds, (index + 0.5) * bounds[-1] / count)] for index in range(count)]
