"""Who carries the shop and who drifts away: ABC by revenue, RFM scores and groups, life-cycle phases and the
portfolio of value against loyalty. Pure functions over per-customer figures; the store sums them in SQL.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from emma.domain.reminders import win_back_gap
from emma.i18n import _

A_SHARE, B_SHARE = 0.80, 0.95  # A: the first 80 % of revenue, B: up to 95 %, C: the rest
NEW_DAYS = 30  # a first purchase this recent makes her new
LOST_DAYS = 365  # no purchase for longer: lost


class Figures(NamedTuple):
    """One customer's figures: revenue and purchases in the period, her visits overall (from her summary).
    A named tuple: the Auswertung makes one for each of 100,000 customers, in a fifth of a dataclass's time."""

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
    classes = dict.fromkeys(revenues, "C")
    if total == 0:
        return classes
    running = 0
    # Highest revenue first, equal revenues by id: the sort is stable, also in reverse.
    for customer_id in sorted(sorted(revenues), key=revenues.__getitem__, reverse=True):
        revenue = revenues[customer_id]
        if revenue <= 0:
            break
        before = running / total
        running += revenue
        classes[customer_id] = "A" if before < A_SHARE else "B" if before < B_SHARE else "C"
    return classes


def pareto_curve(revenues: Iterable[int], customers: int, points: int = 200) -> list[tuple[float, float]]:
    """The ABC curve: the share of customers, the best first, against their share of the revenue (both in %),
    at about `points` places from (0, 0) to (100, 100). `revenues` are those of the customers who bought;
    `customers` counts everyone (the others bring nothing)."""
    ordered = sorted(revenues, reverse=True)
    running = list(itertools.accumulate(ordered))
    total, everyone = (running[-1] if running else 0) or 1, max(customers, len(ordered), 1)
    step = max(1, everyone // points)
    curve = [(0.0, 0.0)]
    for index in range(step, everyone + 1, step):
        curve.append((100 * index / everyone, 100 * running[min(index, len(running)) - 1] / total if running else 0.0))
    if curve[-1][0] < 100:
        curve.append((100.0, 100.0 if running else 0.0))
    return curve


# --- RFM ------------------------------------------------------------------------------------------------


def quintiles(values: Mapping[int, float]) -> dict[int, int]:
    """1 to 5 by rank among all (5 the highest fifth). Equal values share the middle of their ranks, so that
    a shop where all bought alike puts them all in the middle (3), not at the bottom."""
    alike = Counter(values.values())
    count = len(values)
    score_of = {}
    first = 0  # the rank of the first of the value's equals, from 0
    for value in sorted(alike):
        last = first + alike[value] - 1
        score_of[value] = min(5, 1 + int(5 * ((first + last) / 2 + 0.5) / count))
        first = last + 1
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
    today = on.toordinal()
    recency = quintiles({f.customer_id: f.last_purchase.toordinal() - today for f in buyers})  # recent is high
    frequency = quintiles({f.customer_id: f.purchases for f in buyers})
    monetary = quintiles({f.customer_id: f.revenue_cents for f in buyers})
    # Each in the order of the buyers.
    return dict(zip(recency, zip(recency.values(), frequency.values(), monetary.values(), strict=True), strict=True))


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
    return phase(figure.first_visit, figure.last_visit, figure.visits, figure.usual_days, on,
                 factor=factor, min_days=min_days)  # fmt: skip


def phase(first_visit: date | None, last_visit: date | None, visits: int, usual_days: int | None, on: date, *,
          factor: int = 2, min_days: int = 30) -> Phase:  # fmt: skip
    """`phase_of` from her visits alone (what the Auswertung knows before the period's sums)."""
    if first_visit is None or last_visit is None or visits == 0:
        return Phase.NO_PURCHASES
    away = (on - last_visit).days
    if away > LOST_DAYS:
        return Phase.LOST
    if (on - first_visit).days <= NEW_DAYS:
        return Phase.NEW
    if visits == 1:
        return Phase.POST_PURCHASE
    usual = usual_days
    if usual is None:  # two days of buying: her rhythm is the gap between them
        usual = max(1, (last_visit - first_visit).days)
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
    quadrant_of = {
        (True, True): Quadrant.STARS,
        (True, False): Quadrant.BIG_SPENDERS,
        (False, True): Quadrant.LOYAL_SMALL,
        (False, False): Quadrant.OCCASIONAL,
    }  # (valuable, loyal)
    return {figure.customer_id: quadrant_of[figure.revenue_cents >= value_line, figure.purchases >= loyalty_line]
            for figure in buyers}  # fmt: skip


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
