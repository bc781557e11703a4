"""Dubletten: finding customers written down twice, and merging two into one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

from emma.domain.customer import Customer
from emma.domain.duplicates import DuplicatePair, merged_customer, pair_of, parts_agree, sorted_pairs
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import duplicates as duplicate_store


class Cancelled(Exception):
    """The owner stopped the search."""


def find_duplicates(
    shop: Shop,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[DuplicatePair]:
    """Likely duplicates among the customers not archived, most likely first, without those the owner marked
    "no duplicate". `progress(done, total)` after each key; raises `Cancelled` when `cancelled()` turns true."""
    steps = 3
    stop = _stopper(cancelled)
    candidates: set[tuple[int, int]] = set()
    stop()
    for group in duplicate_store.name_groups(shop.database):
        # Same name, different birthdays: two people (the rules would score them out anyway, at more cost).
        candidates.update(
            (first, second)
            for (first, born_first), (second, born_second) in combinations(group, 2)
            if parts_agree(born_first, born_second)
        )
    _report(progress, 1, steps)
    stop()
    for group in duplicate_store.contact_groups(shop.database):
        candidates.update(combinations(sorted(set(group)), 2))
    _report(progress, 2, steps)
    stop()
    candidates -= duplicate_store.dismissed(shop.database)
    customers = duplicate_store.sides(shop.database, (customer_id for pair in candidates for customer_id in pair))
    pairs = []
    for first, second in candidates:
        if first in customers and second in customers:  # one may have gone since the groups were read
            pair = pair_of(customers[first], customers[second])
            if pair is not None:
                pairs.append(pair)
    _report(progress, steps, steps)
    return sorted_pairs(pairs)


def _stopper(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    def stop() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled

    return stop


def _report(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def dismiss(shop: Shop, first_id: int, second_id: int) -> None:
    """Marks the pair "no duplicate": it is not shown again."""
    if first_id == second_id:
        raise UserError(_("A customer cannot be her own duplicate."))
    duplicate_store.dismiss(shop.database, first_id, second_id)


@dataclass(frozen=True)
class MergePreview:
    """What a merge would make: the customer who stays as she will be, and what moves over to her."""

    keep: Customer
    other: Customer
    merged: Customer
    moving: dict[str, int]  # table -> rows of the other's history that move to her

    def filled_from_other(self) -> list[str]:
        """The fields the merged customer takes from the other (empty in hers)."""
        return [name for name in _SHOWN_FIELDS if _is_empty(getattr(self.keep, name)) and getattr(self.merged, name)]


_SHOWN_FIELDS = ("title", "first_name", "last_name", "street", "postal_code", "city", "phone", "email", "birthday")


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class MergeResult:
    kept: Customer
    moved: dict[str, int]
    deleted: bool  # False: the other could not be deleted and was archived instead


def preview_merge(shop: Shop, keep_id: int, other_id: int) -> MergePreview:
    keep, other = _two(shop, keep_id, other_id)
    return MergePreview(
        keep, other, merged_customer(keep, other), duplicate_store.history_counts(shop.database, other_id)
    )


def merge(shop: Shop, keep_id: int, other_id: int, *, now: datetime) -> MergeResult:
    """Merges `other_id` into `keep_id` in one transaction: her empty fields filled from the other, all purchases,
    stamps, letters, to-dos and reminders moved to her, her summaries rebuilt, the other deleted."""
    with shop.database.transaction():
        keep, other = _two(shop, keep_id, other_id)
        moved = duplicate_store.history_counts(shop.database, other_id)
        deleted = duplicate_store.merge(shop.database, merged_customer(keep, other), other_id, now=now)
        kept = customer_store.get(shop.database, keep_id)
    return MergeResult(kept, moved, deleted)  # type: ignore[arg-type]


def _two(shop: Shop, keep_id: int, other_id: int) -> tuple[Customer, Customer]:
    if keep_id == other_id:
        raise UserError(_("A customer cannot be merged with herself."))
    keep = customer_store.get(shop.database, keep_id)
    other = customer_store.get(shop.database, other_id)
    for customer_id, customer in ((keep_id, keep), (other_id, other)):
        if customer is None:
            raise UserError(_("There is no customer number {id}.").format(id=customer_id))
    if keep.archived or other.archived:  # type: ignore[union-attr]
        raise UserError(_("Archived customers cannot be merged. Please take her out of the archive first."))
    return keep, other  # type: ignore[return-value]
