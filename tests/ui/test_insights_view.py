"""The Auswertung as the owner sees it: every chart drawn with data, the numbers one click away, a segment's
customers one double click away."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QThreadPool

from emma.domain.customer import Customer
from emma.services.counter import book_purchase
from emma.services.customers import save_customer
from emma.ui.views.insights_view import InsightsView
from tests.conftest import NOW

ON = date(2026, 11, 23)


@pytest.fixture
def insights_view(qtbot, shop):
    for number, (every, euros) in enumerate(((7, 40), (14, 12), (30, 90), (60, 5))):
        customer = save_customer(shop, Customer(first_name=f"Kundin{number}", last_name="Test"), now=NOW)
        for days in range(3, 700, every):
            at = datetime.combine(ON - timedelta(days=days), datetime.min.time()).replace(hour=11)
            book_purchase(shop, customer.id, euros * 100, at=at, now=at)
    save_customer(shop, Customer(first_name="Nie", last_name="Gekauft"), now=NOW)
    pool = QThreadPool()
    view = InsightsView(shop, lambda: ON, "de_DE", pool)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()  # computed in a worker when first shown
    qtbot.waitUntil(lambda: view.data is not None, timeout=20_000)
    yield view
    pool.waitForDone()


def test_every_chart_is_drawn_with_data(insights_view: InsightsView) -> None:
    for panel in (insights_view.revenue, insights_view.visits, insights_view.customers, insights_view.pareto,
                  insights_view.portfolio, insights_view.stamps, insights_view.letters):  # fmt: skip
        assert panel.chart.series(), panel.chart.title()
        assert panel.table.rowCount() > 0
    revenue = insights_view.revenue.chart.series()[0]
    assert sum(revenue.barSets()[0].at(i) for i in range(12)) > 0  # this year
    assert insights_view.revenue.table.item(11, 0).text() == "Nov. 26"
    assert insights_view.pareto.table.item(0, 0).text() == "A"


def test_the_numbers_are_one_click_away(qtbot, insights_view: InsightsView) -> None:
    panel = insights_view.revenue
    assert panel.pages.currentIndex() == 0
    panel.numbers_button.click()
    assert panel.pages.currentIndex() == 1 and "€" in panel.table.item(11, 1).text()
    panel.numbers_button.click()
    assert panel.pages.currentIndex() == 0


def test_a_segment_lists_its_customers_and_hands_them_to_letters(qtbot, insights_view: InsightsView) -> None:
    from emma.ui.views.segment_customers import SegmentCustomers
    from tests.ui.conftest import when_modal

    tables = insights_view.segment_tables
    row = next(r for r in range(tables.table.rowCount()) if tables.table.item(r, 1).text() == "Noch keine Einkäufe")
    assert tables.table.item(row, 2).text() == "1"
    wanted = []
    insights_view.letters_wanted.connect(wanted.append)

    def look(dialog: SegmentCustomers):
        assert dialog.list.count() == 1 and dialog.list.item(0).text() == "Gekauft, Nie"
        dialog.letters_button.click()

    seen = when_modal(SegmentCustomers, look)
    tables._open_row(row, 0)
    seen.check()
    assert len(wanted) == 1 and list(wanted[0].values()) == ["Gekauft, Nie"]


def test_everyone_s_classes_are_kept_for_the_customer_list_after_the_charts(insights_view: InsightsView, shop) -> None:
    from emma.services.segments import last_computed, standing

    insights_view.wait_for_reload()  # the charts came first; the classes are written by a second worker
    assert last_computed(shop) == ON
    assert {standing(shop, customer.id, ON).abc for customer in insights_view.data.segments.customers} == {
        "A",
        "B",
        "C",
    }


def test_once_its_shop_is_closed_the_classes_on_their_way_are_not_written(qtbot, shop, files_opened) -> None:
    """The window closes its file to restore a backup; the figures still on their way must not write into it."""
    pool = QThreadPool()
    view = InsightsView(shop, lambda: ON, "de_DE", pool)
    qtbot.addWidget(view)
    view.show()  # computed in two workers
    pool.waitForDone()
    shop.close()
    qtbot.waitUntil(lambda: view.data is not None, timeout=20_000)
    pool.waitForDone()
    assert files_opened == []
