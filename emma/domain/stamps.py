"""Stamp cards: what a purchase earns, and where a customer's card stands – all from a ledger of events.

The ledger is the truth: every stamp earned, taken back, corrected, redeemed, transferred from a
paper card or expired is one event with a signed number of stamps. The balance is their sum and
never goes below zero; stamps beyond a full card carry over to the next one.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from emma.domain.errors import UserError
from emma.domain.folding import fold
from emma.i18n import _

MAX_REQUIRED = 100


class EarnRule(StrEnum):
    PER_VISIT = "per_visit"  # one stamp per visit, optionally from a minimum amount on
    PER_AMOUNT = "per_amount"  # one stamp per full step of money, optionally capped per purchase


class StampEventKind(StrEnum):
    EARNED = "earned"
    REVERSED = "reversed"
    CORRECTED = "corrected"
    REDEEMED = "redeemed"
    TRANSFERRED = "transferred"
    EXPIRED = "expired"


@dataclass(frozen=True)
class StampProgram:
    name: str
    required: int
    reward: str
    rule: EarnRule = EarnRule.PER_VISIT
    min_amount_cents: int = 0
    step_cents: int = 0
    cap_per_purchase: int | None = None
    categories: tuple[str, ...] = ()
    validity_months: int | None = None
    active: bool = True
    id: int | None = None

    def problems(self) -> dict[str, str]:
        """What keeps this program from being saved, per field."""
        problems: dict[str, str] = {}
        if not self.name.strip():
            problems["name"] = _("Please give the stamp card a name.")
        if not 1 <= self.required <= MAX_REQUIRED:
            problems["required"] = _("A card has between 1 and {max} stamps.").format(max=MAX_REQUIRED)
        if not self.reward.strip():
            problems["reward"] = _("Please say what the full card is worth.")
        if self.rule is EarnRule.PER_AMOUNT and self.step_cents <= 0:
            problems["step_cents"] = _("Please enter the amount that earns one stamp.")
        if self.min_amount_cents < 0:
            problems["min_amount_cents"] = _("An amount cannot be negative.")
        if self.cap_per_purchase is not None and self.cap_per_purchase < 1:
            problems["cap_per_purchase"] = _("The cap is at least one stamp.")
        if self.validity_months is not None and not 1 <= self.validity_months <= 120:
            problems["validity_months"] = _("A card is valid for 1 to 120 months.")
        return problems

    def stamps_for(self, amount_cents: int, categories: Iterable[str]) -> int:
        """Stamps a purchase of `amount_cents` with items in `categories` earns on this card."""
        if not self.active or amount_cents <= 0:
            return 0
        if self.categories:
            wanted = {fold(category) for category in self.categories}
            if not wanted & {fold(category) for category in categories}:
                return 0
        if self.rule is EarnRule.PER_VISIT:
            return 1 if amount_cents >= self.min_amount_cents else 0
        stamps = amount_cents // self.step_cents if self.step_cents > 0 else 0
        return min(stamps, self.cap_per_purchase) if self.cap_per_purchase else stamps


@dataclass(frozen=True)
class StampEvent:
    kind: StampEventKind
    stamps: int  # signed: what this event changed on the card
    at: datetime
    purchase_id: int | None = None
    reason: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CardState:
    """A customer's card of one program on a given day."""

    program: StampProgram
    stamps: int  # the balance: may exceed `required` (carry-over to the next card)
    started_on: date | None  # the first stamp of the current card
    expires_on: date | None

    @property
    def required(self) -> int:
        return self.program.required

    @property
    def reward_ready(self) -> bool:
        return self.stamps >= self.program.required

    @property
    def on_card(self) -> int:
        """Filled fields on the card as drawn (a full card shows full; the rest carries over)."""
        return min(self.stamps, self.program.required)

    @property
    def missing(self) -> int:
        return max(self.program.required - self.stamps, 0)


def balance(events: Iterable[StampEvent]) -> int:
    return sum(event.stamps for event in events)


class CardLedger:
    """Follows a card event by event: its balance and the day its current card began."""

    def __init__(self, events: Iterable[StampEvent] = ()) -> None:
        self.balance = 0
        self.started_on: date | None = None
        for event in events:
            self.add(event)

    def add(self, event: StampEvent) -> None:
        self.add_stamps(event.stamps, event.kind, event.at.date())

    def add_stamps(self, stamps: int, kind: StampEventKind | str, day: date) -> None:
        """A card begins when the balance rises from zero, or with a redemption that leaves stamps over."""
        before = self.balance
        self.balance += stamps
        if self.balance <= 0:
            self.started_on = None
        elif before <= 0 or kind == StampEventKind.REDEEMED:
            self.started_on = day


def card_started_on(events: Sequence[StampEvent]) -> date | None:
    return CardLedger(events).started_on


def expiry_of(program: StampProgram, started_on: date | None) -> date | None:
    """The last day the card is valid, or None for a card that never expires."""
    if program.validity_months is None or started_on is None:
        return None
    return add_months(started_on, program.validity_months)


def lapsed_stamps(program: StampProgram, events: Sequence[StampEvent], today: date) -> tuple[int, date] | None:
    """(stamps, expired_on) when the card ran out before `today` and still holds stamps, else None."""
    return lapsed_on_ledger(program, CardLedger(events), today)


def lapsed_on_ledger(program: StampProgram, ledger: CardLedger, today: date) -> tuple[int, date] | None:
    expires_on = expiry_of(program, ledger.started_on)
    if expires_on is None or ledger.balance <= 0 or today <= expires_on:
        return None
    return ledger.balance, expires_on


def card_state(program: StampProgram, events: Sequence[StampEvent], today: date) -> CardState:
    """Where the card stands on `today`: a lapsed card counts as empty until its expiry is booked."""
    if lapsed_stamps(program, events, today) is not None:
        return CardState(program, 0, None, None)
    started = card_started_on(events)
    return CardState(program, balance(events), started, expiry_of(program, started))


def taken_back(earned: int, current_balance: int) -> int:
    """Stamps a reversed purchase takes back: what it earned, but never more than the card holds."""
    return min(earned, max(current_balance, 0))


def reversal_stamps(events: Sequence[StampEvent], purchase_id: int) -> int:
    """Stamps reversing the purchase takes from the card: none once the card it earned them on has
    expired (they are gone already, and the stamps on the card now belong to later purchases)."""
    earned = 0
    for event in events:
        if event.kind is StampEventKind.EARNED and event.purchase_id == purchase_id:
            earned += event.stamps
        elif event.kind is StampEventKind.EXPIRED:
            earned = 0
    return taken_back(earned, balance(events))


def check_correction(stamps: int, reason: str, current_balance: int) -> None:
    if stamps == 0:
        raise UserError(_("A correction adds or removes at least one stamp."))
    if not reason.strip():
        raise UserError(_("Please give a reason for the correction."))
    if current_balance + stamps < 0:
        raise UserError(_("The card holds only {n} stamps.").format(n=current_balance))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
