"""The segments of a small shop with purchases on known days, against a real SQLite file."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from emma.domain.customer import Customer
from emma.domain.segments import Phase, RfmGroup
from emma.services.counter import book_purchase
from emma.services.customers import save_customer
from emma.services.segments import segments
from tests.conftest import NOW

ON = date(2026, 6, 1)


def _customer(shop, name: str, purchases: list[tuple[int, int]]) -> int:
    """A customer with purchases (days before ON, euros)."""
    customer = save_customer(shop, Customer(first_name=name, last_name="Test", customer_since=date(2024, 1, 1)),
                             now=NOW)  # fmt: skip
    for days_ago, euros in purchases:
        at = datetime.combine(ON - timedelta(days=days_ago), datetime.min.time()).replace(hour=10)
        book_purchase(shop, customer.id, euros * 100, at=at, now=at)
    return customer.id


def test_a_small_shop(shop) -> None:
    big = _customer(shop, "Gross", [(days, 80) for days in range(3, 300, 7)])  # weekly, much
    small = _customer(shop, "Klein", [(days, 5) for days in range(5, 300, 14)])
    new = _customer(shop, "Neu", [(4, 20)])
    gone = _customer(shop, "Weg", [(500, 50), (450, 50), (420, 50)])  # before the period
    nobody = _customer(shop, "Nie", [])
    report = segments(shop, ON)
    by_id = {c.id: c for c in report.customers}
    assert (by_id[big].abc, by_id[gone].abc, by_id[nobody].abc) == ("A", "C", "C")
    assert (by_id[big].phase, by_id[new].phase, by_id[gone].phase, by_id[nobody].phase) == (
        Phase.REGULAR, Phase.NEW, Phase.LOST, Phase.NO_PURCHASES)  # fmt: skip
    assert by_id[small].phase is Phase.REGULAR
    assert by_id[big].rfm is RfmGroup.CHAMPIONS and by_id[gone].rfm is RfmGroup.NO_PURCHASES
    assert sum(c.customers for c in report.abc.values()) == 5
    assert round(sum(c.revenue_share for c in report.abc.values())) == 100
    assert sum(report.phases.values()) == 5
    later = _customer(shop, "Spaeter", [])  # a customer since 2024 … and one who came after ON:
    save_customer(shop, Customer(first_name="Zukunft", last_name="Test", customer_since=date(2026, 9, 1)), now=NOW)
    assert {c.id for c in segments(shop, ON).customers} == {big, small, new, gone, nobody, later}
    json = report.as_json()
    assert {"abc", "rfm", "phases", "customers"} <= set(json)
    assert {row["id"] for row in json["customers"]} == {big, small, new, gone, nobody}


def test_her_standing_for_the_panel(shop) -> None:
    from emma.services.insights import insights
    from emma.services.segments import standing

    regular = _customer(shop, "Stamm", [(days, 30) for days in range(2, 200, 10)])
    before = standing(shop, regular, ON)
    assert (before.phase, before.abc, before.computed_on) == (Phase.REGULAR, None, None)  # not yet computed
    insights(shop, ON)  # the Auswertung remembers everyone's classes
    after = standing(shop, regular, ON)
    # The only buyer: in the middle of every ranking.
    assert (after.phase, after.abc, after.rfm, after.computed_on) == (Phase.REGULAR, "A", RfmGroup.NEEDS_ATTENTION, ON)


def test_the_customer_list_filtered_by_a_segment(shop) -> None:
    from emma.services.customers import find_customers
    from emma.services.insights import insights
    from emma.services.segments import last_computed, segment_filters

    big = _customer(shop, "Gross", [(days, 80) for days in range(3, 300, 7)])
    _customer(shop, "Klein", [(days, 5) for days in range(5, 300, 30)])
    nobody = _customer(shop, "Nie", [])
    assert find_customers(shop, "", segment=("abc", "A")) == [] and last_computed(shop) is None  # not yet computed
    insights(shop, ON)
    assert last_computed(shop) == ON
    assert [c.id for c in find_customers(shop, "", segment=("abc", "A"))] == [big]
    assert [c.id for c in find_customers(shop, "ni", segment=("abc", "C"))] == [nobody]  # typed and filtered
    assert find_customers(shop, "gross", segment=("abc", "C")) == []
    assert ("A-Kundinnen", ("abc", "A")) in segment_filters()
    assert [c.id for c in find_customers(shop, "", segment=("phase", "no_purchases"))] == [nobody]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("in_file", [True, False])
def test_the_segments_are_the_domain_rules_applied_to_everyone(seed: int, in_file: bool, shop, memory_shop) -> None:
    """The Auswertung sums in SQL, in a second thread, and takes shortcuts for those who did not buy; it must
    come to what the domain's rules say of figures summed by hand."""
    from emma.domain.segments import Figures, abc_classes, phase_of, portfolio, rfm_group, rfm_scores
    from emma.services.counter import reverse_purchase
    from emma.services.customers import archive_customer

    shop = shop if in_file else memory_shop
    chance = random.Random(seed)
    start = ON - timedelta(days=round(12 * 365.25 / 12)) + timedelta(days=1)
    bought: dict[int, list[tuple[date, int]]] = {}
    for number in range(40):
        customer_id = _customer(shop, f"K{number}", [])
        bought[customer_id] = []
        for _purchase in range(chance.choice([0, 1, 2, 5, 12])):
            day = ON + timedelta(days=chance.randint(-700, 40))  # some after ON: a day in the past
            at = datetime.combine(day, datetime.min.time()).replace(hour=9)
            cents = chance.choice([0, 500, 1250, 9900])
            booking = book_purchase(shop, customer_id, cents, at=at, now=at)
            if chance.random() < 0.1:
                reverse_purchase(shop, booking.purchase_id, "falsch gebucht", now=at)
            else:
                bought[customer_id].append((day, cents))
        if chance.random() < 0.1:
            archive_customer(shop, customer_id, now=NOW)
            del bought[customer_id]
    report = segments(shop, ON)
    by_id = {c.id: c for c in report.customers}
    assert set(by_id) == set(bought)
    figures = []
    for customer_id, purchases in bought.items():
        within = [(day, cents) for day, cents in purchases if start <= day <= ON]
        figures.append(Figures(customer_id, sum(cents for _day, cents in within), len(within),
                               max((day for day, _cents in within), default=None)))  # fmt: skip
    classes = abc_classes({f.customer_id: f.revenue_cents for f in figures})
    scores = rfm_scores(figures, ON)
    quadrants = portfolio(figures)
    for figure in figures:
        segment = by_id[figure.customer_id]
        assert (segment.abc, segment.revenue_cents, segment.purchases) == (
            classes[figure.customer_id], figure.revenue_cents, figure.purchases)  # fmt: skip
        assert segment.scores == scores.get(figure.customer_id)
        assert segment.rfm is (rfm_group(*segment.scores) if segment.scores else RfmGroup.NO_PURCHASES)
        assert segment.quadrant == quadrants.get(figure.customer_id)
        days = sorted({day for day, _cents in bought[figure.customer_id] if day <= ON})
        if any(day > ON for day, _cents in bought[figure.customer_id]):
            continue  # her phase is read from all her visits, later ones too
        if not days:
            assert segment.phase is Phase.NO_PURCHASES
        else:
            visits = Figures(figure.customer_id, first_visit=days[0], last_visit=days[-1], visits=len(days))
            assert segment.phase is phase_of(visits._replace(usual_days=segment_usual(shop, figure.customer_id)), ON)
    assert sum(report.rfm.values()) == sum(c.customers for c in report.abc.values()) == len(bought)


def segment_usual(shop, customer_id: int) -> int | None:
    from emma.store import segments as segment_store

    visits = segment_store.visits(shop.database, customer_id)
    return visits[3] if visits else None
