"""Who carries the shop and who drifts away: ABC by revenue, RFM scores and groups, life-cycle phases and the
portfolio of value against loyalty. Pure functions over per-customer figures; the store sums them in SQL.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from emma.domain.reminders import win_back_gap
from emma.i18n import _

A_SHARE, B_SHARE = 0.80, 0.95  # A: the first 80 % of revenue, B: up to 95 %, C: the rest
NEW_DAYS = 30  # a first purchase this recent makes her new
LOST_DAYS = 365  # no purchase for longer: lost


@dataclass(frozen=True, slots=True)
class Figures:
    """One customer's figures: revenue and purchases in the period, her visits overall (from her summary)."""

    customer_id: int
    revenue_cents: int = 0  # in the period
    purchases: int = 0  # in the period
    last_purchase: date | None = None  # in the period
    first_visit: date | None = None  # ever
    last_visit: date | None = None  # ever
    visits: int = 0  # days she bought on, ever
    usual_days: int | None = None  # her usual days between visits (three visits or more)


# --- ABC ------------------------------------------------------------------------------------------------


def abc_classes(revenues: Mapping[int, int]) -> dict[int, str]:
    """A, B or C for every customer: by revenue, highest first, A until 80 % of the total is reached (the
    customer who crosses the line still counts as A), B until 95 %, the rest C. No revenue is C."""
    total = sum(value for value in revenues.values() if value > 0)
    classes: dict[int, str] = {}
    running = 0
    for customer_id, revenue in sorted(revenues.items(), key=lambda item: (-item[1], item[0])):
        if revenue <= 0 or total == 0:
            classes[customer_id] = "C"
            continue
        before = running / total
        running += revenue
        classes[customer_id] = "A" if before < A_SHARE else "B" if before < B_SHARE else "C"
    return classes


# --- RFM ------------------------------------------------------------------------------------------------


def quintiles(values: Mapping[int, float]) -> dict[int, int]:
    """1 to 5 by rank among all (5 the highest fifth). Equal values share the middle of their ranks, so that
    a shop where all bought alike puts them all in the middle (3), not at the bottom."""
    ordered = sorted(values.values())
    count = len(ordered)
    first: dict[float, int] = {}
    last: dict[float, int] = {}
    for position, value in enumerate(ordered):
        first.setdefault(value, position)
        last[value] = position
    score_of = {value: min(5, 1 + int(5 * ((first[value] + last[value]) / 2 + 0.5) / count)) for value in first}
    return {key: score_of[value] for key, value in values.items()}


class RfmGroup(StrEnum):
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL = "potential"
    NEW = "new"
    PROMISING = "promising"
    NEEDS_ATTENTION = "needs_attention"
    AT_RISK = "at_risk"
    CANNOT_LOSE = "cannot_lose"
    HIBERNATING = "hibernating"
    LOST = "lost"
    NO_PURCHASES = "no_purchases"

    def label(self) -> str:
        return {
            RfmGroup.CHAMPIONS: _("Champions"),
            RfmGroup.LOYAL: _("Loyal"),
            RfmGroup.POTENTIAL: _("Potential loyalists"),
            RfmGroup.NEW: _("New"),
            RfmGroup.PROMISING: _("Promising"),
            RfmGroup.NEEDS_ATTENTION: _("Need attention"),
            RfmGroup.AT_RISK: _("At risk"),
            RfmGroup.CANNOT_LOSE: _("Cannot lose them"),
            RfmGroup.HIBERNATING: _("Hibernating"),
            RfmGroup.LOST: _("Lost"),
            RfmGroup.NO_PURCHASES: _("No purchases in the period"),
        }[self]


def rfm_scores(figures: Sequence[Figures], on: date) -> dict[int, tuple[int, int, int]]:
    """(recency, frequency, monetary), each 1–5, for the customers who bought in the period."""
    buyers = [figure for figure in figures if figure.purchases > 0 and figure.last_purchase is not None]
    recency = quintiles({f.customer_id: -(on - f.last_purchase).days for f in buyers})  # recent is high
    frequency = quintiles({f.customer_id: f.purchases for f in buyers})
    monetary = quintiles({f.customer_id: f.revenue_cents for f in buyers})
    return {f.customer_id: (recency[f.customer_id], frequency[f.customer_id], monetary[f.customer_id]) for f in buyers}


@functools.cache  # 125 combinations for 100,000 customers
def rfm_group(recency: int, frequency: int, monetary: int) -> RfmGroup:
    """The usual named groups, decided in this order."""
    if recency >= 4 and frequency >= 4:
        return RfmGroup.CHAMPIONS
    if recency <= 2 and frequency >= 4 and monetary >= 4:
        return RfmGroup.CANNOT_LOSE
    if recency <= 2 and frequency >= 3:
        return RfmGroup.AT_RISK
    if frequency >= 4:
        return RfmGroup.LOYAL
    if recency == 5 and frequency == 1:
        return RfmGroup.NEW
    if recency >= 4 and frequency == 1:
        return RfmGroup.PROMISING
    if recency >= 4:
        return RfmGroup.POTENTIAL
    if recency == 3:
        return RfmGroup.NEEDS_ATTENTION
    if recency == 1 and frequency == 1:
        return RfmGroup.LOST
    return RfmGroup.HIBERNATING


# --- life-cycle phases ----------------------------------------------------------------------------------


class Phase(StrEnum):
    NEW = "new"
    POST_PURCHASE = "post_purchase"
    REGULAR = "regular"
    LAPSING = "lapsing"
    LOST = "lost"
    NO_PURCHASES = "no_purchases"

    def label(self) -> str:
        return {
            Phase.NEW: _("New"),
            Phase.POST_PURCHASE: _("After the first purchase"),
            Phase.REGULAR: _("Regular"),
            Phase.LAPSING: _("Drifting away"),
            Phase.LOST: _("Lost"),
            Phase.NO_PURCHASES: _("No purchases yet"),
        }[self]


def phase_of(figure: Figures, on: date, *, factor: int = 2, min_days: int = 30) -> Phase:
    """Where she stands on `on`: new (first purchase within 30 days), after the first purchase (one day of
    buying, not come back), regular (come back and within her rhythm), drifting away (longer away than
    `factor` times her usual interval, at least `min_days`), lost (no purchase for more than a year)."""
    if figure.first_visit is None or figure.last_visit is None or figure.visits == 0:
        return Phase.NO_PURCHASES
    away = (on - figure.last_visit).days
    if away > LOST_DAYS:
        return Phase.LOST
    if (on - figure.first_visit).days <= NEW_DAYS:
        return Phase.NEW
    if figure.visits == 1:
        return Phase.POST_PURCHASE
    usual = figure.usual_days
    if usual is None:  # two days of buying: her rhythm is the gap between them
        usual = max(1, (figure.last_visit - figure.first_visit).days)
    return Phase.LAPSING if away >= win_back_gap(usual, factor, min_days) else Phase.REGULAR


# --- portfolio ------------------------------------------------------------------------------------------


class Quadrant(StrEnum):
    STARS = "stars"  # high value, loyal
    BIG_SPENDERS = "big_spenders"  # high value, seldom
    LOYAL_SMALL = "loyal_small"  # small value, loyal
    OCCASIONAL = "occasional"  # small value, seldom

    def label(self) -> str:
        return {
            Quadrant.STARS: _("Top customers"),
            Quadrant.BIG_SPENDERS: _("Seldom, but much"),
            Quadrant.LOYAL_SMALL: _("Often, but little"),
            Quadrant.OCCASIONAL: _("Occasional"),
        }[self]


def portfolio(figures: Sequence[Figures]) -> dict[int, Quadrant]:
    """Value (revenue in the period) against loyalty (days bought in the period), each split at the median
    of those who bought: at or above the median is high."""
    buyers = [figure for figure in figures if figure.purchases > 0]
    if not buyers:
        return {}
    value_line = _median([figure.revenue_cents for figure in buyers])
    loyalty_line = _median([figure.purchases for figure in buyers])
    found = {}
    for figure in buyers:
        valuable, loyal = figure.revenue_cents >= value_line, figure.purchases >= loyalty_line
        found[figure.customer_id] = (
            Quadrant.STARS if valuable and loyal
            else Quadrant.BIG_SPENDERS if valuable
            else Quadrant.LOYAL_SMALL if loyal
            else Quadrant.OCCASIONAL
        )  # fmt: skip
    return found


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
