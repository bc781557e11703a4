"""Auswertung: every customer's ABC class, RFM group, life-cycle phase and portfolio quadrant on a day, with
the counts per segment (for the view, the command and the letters' recipients)."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from emma.domain.errors import UserError
from emma.domain.segments import (
    Figures,
    Phase,
    Quadrant,
    RfmGroup,
    abc_classes,
    phase_of,
    portfolio,
    rfm_group,
    rfm_scores,
)
from emma.i18n import _
from emma.services.reminders import reminder_settings
from emma.services.shop import Shop
from emma.store import segments as segment_store

DEFAULT_MONTHS = 12


@dataclass(frozen=True, slots=True)
class CustomerSegments:
    id: int
    abc: str
    rfm: RfmGroup
    scores: tuple[int, int, int] | None  # recency, frequency, monetary (1–5); None without purchases in the period
    phase: Phase
    quadrant: Quadrant | None
    revenue_cents: int
    purchases: int


@dataclass
class AbcClass:
    customers: int = 0
    revenue_cents: int = 0
    customer_share: float = 0.0  # of all customers, in %
    revenue_share: float = 0.0  # of the period's revenue, in %


@dataclass
class SegmentReport:
    on: date
    start: date
    customers: list[CustomerSegments] = field(default_factory=list)
    abc: dict[str, AbcClass] = field(default_factory=dict)
    rfm: dict[RfmGroup, int] = field(default_factory=dict)
    phases: dict[Phase, int] = field(default_factory=dict)
    quadrants: dict[Quadrant, int] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "from": self.start.isoformat(),
            "abc": {name: {"customers": c.customers, "customer_share": round(c.customer_share, 2),
                           "revenue_cents": c.revenue_cents, "revenue_share": round(c.revenue_share, 2)}
                    for name, c in self.abc.items()},
            "rfm": {group.value: count for group, count in self.rfm.items()},
            "phases": {phase.value: count for phase, count in self.phases.items()},
            "portfolio": {quadrant.value: count for quadrant, count in self.quadrants.items()},
            "customers": [{"id": c.id, "abc": c.abc, "rfm": c.rfm.value, "phase": c.phase.value,
                           "portfolio": c.quadrant.value if c.quadrant else None,
                           "scores": list(c.scores) if c.scores else None,
                           "revenue_cents": c.revenue_cents, "purchases": c.purchases}
                          for c in self.customers],
        }  # fmt: skip


def segments(shop: Shop, on: date, *, months: int = DEFAULT_MONTHS) -> SegmentReport:
    """Every customer's segments on `on`, revenue and purchases counted over the `months` before it."""
    if not 1 <= months <= 120:
        raise UserError(_("The period is 1 to 120 months."))
    start = on - timedelta(days=round(months * 365.25 / 12)) + timedelta(days=1)
    settings = reminder_settings(shop)
    figures = [
        Figures(customer_id, revenue, purchases, _day(last), _day(first_visit), _day(last_visit), visits, usual)
        for customer_id, revenue, purchases, last, first_visit, last_visit, visits, usual
        in segment_store.figures(shop.database, start, on)
    ]  # fmt: skip
    classes = abc_classes({figure.customer_id: figure.revenue_cents for figure in figures})
    scores = rfm_scores(figures, on)
    quadrants = portfolio(figures)
    report = SegmentReport(on=on, start=start)
    for figure in figures:
        score = scores.get(figure.customer_id)
        report.customers.append(CustomerSegments(
            id=figure.customer_id,
            abc=classes[figure.customer_id],
            rfm=rfm_group(*score) if score else RfmGroup.NO_PURCHASES,
            scores=score,
            phase=phase_of(figure, on, factor=settings.win_back_factor, min_days=settings.win_back_min_days),
            quadrant=quadrants.get(figure.customer_id),
            revenue_cents=figure.revenue_cents,
            purchases=figure.purchases,
        ))  # fmt: skip
    _count(report)
    return report


def _count(report: SegmentReport) -> None:
    total_customers = len(report.customers) or 1
    total_revenue = sum(c.revenue_cents for c in report.customers) or 1
    report.abc = {name: AbcClass() for name in "ABC"}
    for customer in report.customers:
        counted = report.abc[customer.abc]
        counted.customers += 1
        counted.revenue_cents += customer.revenue_cents
    for counted in report.abc.values():
        counted.customer_share = 100 * counted.customers / total_customers
        counted.revenue_share = 100 * counted.revenue_cents / total_revenue
    rfm = Counter(customer.rfm for customer in report.customers)
    report.rfm = {group: rfm[group] for group in RfmGroup}
    phases = Counter(customer.phase for customer in report.customers)
    report.phases = {phase: phases[phase] for phase in Phase}
    quadrants = Counter(customer.quadrant for customer in report.customers if customer.quadrant)
    report.quadrants = {quadrant: quadrants[quadrant] for quadrant in Quadrant}


@functools.lru_cache(maxsize=20_000)  # the same days come back for thousands of customers
def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Standing:
    """Where one customer stands: her phase today, and her classes as the Auswertung last computed them."""

    phase: Phase
    abc: str | None = None
    rfm: RfmGroup | None = None
    quadrant: Quadrant | None = None
    computed_on: date | None = None


def remember(shop: Shop, report: SegmentReport) -> None:
    """Keeps everyone's classes for their panels (done with every computation of the Auswertung)."""
    segment_store.remember(shop.database, report.on, [
        (c.id, c.abc, c.rfm.value, c.quadrant.value if c.quadrant else None, c.phase.value)
        for c in report.customers])  # fmt: skip


def standing(shop: Shop, customer_id: int, on: date) -> Standing:
    settings = reminder_settings(shop)
    visits = segment_store.visits(shop.database, customer_id)
    figure = Figures(customer_id)
    if visits is not None:
        first, last, days, usual = visits
        figure = Figures(customer_id, first_visit=_day(first), last_visit=_day(last), visits=days, usual_days=usual)
    phase = phase_of(figure, on, factor=settings.win_back_factor, min_days=settings.win_back_min_days)
    kept = segment_store.remembered(shop.database, customer_id)
    if kept is None:
        return Standing(phase)
    abc, rfm, quadrant, computed_on = kept
    return Standing(phase, abc, RfmGroup(rfm), Quadrant(quadrant) if quadrant else None, _day(computed_on))


def segment_filters() -> list[tuple[str, tuple[str, str]]]:
    """(label, segment) of every segment the customer list can be filtered by (as the Auswertung last
    computed them): the ABC classes, the phases, the RFM groups and the portfolio groups."""
    found = [(_("{abc} customers").format(abc=name), ("abc", name)) for name in "ABC"]
    found += [(phase.label(), ("phase", phase.value)) for phase in Phase]
    found += [(group.label(), ("rfm", group.value)) for group in RfmGroup if group is not RfmGroup.NO_PURCHASES]
    found += [(quadrant.label(), ("quadrant", quadrant.value)) for quadrant in Quadrant]
    return found


def last_computed(shop: Shop) -> date | None:
    """The day the Auswertung last kept everyone's segments, or None."""
    return _day(segment_store.last_computed(shop.database))
