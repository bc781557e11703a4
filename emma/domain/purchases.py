"""Purchases and what they tell about a customer: spend, visits, rhythm and favourite categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from emma.domain.errors import UserError
from emma.domain.folding import fold
from emma.i18n import _

MAX_ITEMS = 50
MAX_ITEM_LENGTH = 80
MAX_NOTE_LENGTH = 500


@dataclass(frozen=True)
class Purchase:
    customer_id: int
    at: datetime
    amount_cents: int
    items: tuple[str, ...] = ()
    note: str = ""
    reversed_at: datetime | None = None
    reversal_reason: str = ""
    id: int | None = None

    @property
    def reversed(self) -> bool:
        return self.reversed_at is not None


def check_purchase(amount_cents: int, at: datetime, now: datetime, items: Sequence[str], note: str) -> None:
    """Refuses what cannot be booked: a negative amount, a day in the future, overlong text."""
    if amount_cents < 0:
        raise UserError(_("An amount cannot be negative."))
    if at.date() > now.date():
        raise UserError(_("A purchase cannot be booked for a day in the future."))
    if len(items) > MAX_ITEMS or any(len(item) > MAX_ITEM_LENGTH for item in items):
        raise UserError(_("Too many or too long item lines."))
    if len(note) > MAX_NOTE_LENGTH:
        raise UserError(_("The note is too long (at most {n} characters).").format(n=MAX_NOTE_LENGTH))


def clean_items(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(" ".join(item.split()) for item in items if item.strip())


@dataclass(frozen=True)
class PurchaseSummary:
    """A customer's purchases in figures (reversed purchases do not count)."""

    total_cents: int
    visits: int
    first_visit: date | None
    last_visit: date | None
    favourite_categories: tuple[tuple[str, int], ...]  # (category, purchases with it), most first

    @property
    def average_cents(self) -> int:
        return round(self.total_cents / self.visits) if self.visits else 0


def favourite_categories(item_lists: Iterable[Iterable[str]], known: Iterable[str], top: int = 3) -> tuple:
    """The shop's categories this customer buys most often: (name, count) pairs, most first.

    `known` are the shop's categories; free-text items that name one count for it.
    """
    names = {fold(name): name for name in known}
    counts: Counter[str] = Counter()
    for items in item_lists:
        counts.update({names[fold(item)] for item in items if fold(item) in names})
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], fold(pair[0])))
    return tuple(ranked[:top])


def suggested_likes(
    favourites: Sequence[tuple[str, int]], visits: int, already: Iterable[str], min_count: int = 3
) -> list[str]:
    """Categories she buys often enough ("kauft oft: Rotwein") that are not yet among her preferences."""
    known = {fold(tag) for tag in already}
    return [
        name
        for name, count in favourites
        if count >= min_count and count * 4 >= visits and fold(name) not in known  # at least every 4th visit
    ]
