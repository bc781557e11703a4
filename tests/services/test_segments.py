"""The segments of a small shop with purchases on known days, against a real SQLite file."""

from __future__ import annotations

from datetime import date, datetime, timedelta

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
