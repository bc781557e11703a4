"""The customer list model: Qt's model rules, paging on demand, and no lost references to None."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, Qt

from emma.domain.customer import Customer
from emma.services.customers import find_customers, save_customer
from emma.ui.models.customer_list import CustomerIdRole, CustomerListModel
from tests.conftest import NOW


def _model(shop, page_size=200):
    return CustomerListModel(
        lambda text, after, limit: find_customers(shop, text, after=after, limit=limit), "de_DE", page_size
    )


def test_model_passes_qt_model_tester(qtmodeltester, shop, people):
    model = _model(shop, page_size=2)
    model.search("")
    qtmodeltester.check(model)


def test_fetches_a_page_at_a_time_and_all_on_scrolling(shop):
    for number in range(25):
        save_customer(shop, Customer(first_name=f"Kundin{number:02d}", last_name="Muster"), now=NOW)
    model = _model(shop, page_size=10)
    model.search("muster")
    assert model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    names = [model.index(row, CustomerListModel.NAME).data() for row in range(model.rowCount())]
    assert names == [f"Muster, Kundin{number:02d}" for number in range(25)]
    assert model.is_complete()


def test_shows_birthdays_in_german_with_and_without_year(shop, people):
    model = _model(shop)
    model.search("")
    shown = {
        model.index(row, CustomerListModel.NAME).data(): model.index(row, CustomerListModel.BIRTHDAY).data()
        for row in range(model.rowCount())
    }
    assert shown["Weiß, Jürgen"] == "03.07.1965"
    assert shown["Müller, Anna"] == "29. Februar"
    assert shown["Wójcik, Łukasz"] == ""
    assert model.headerData(CustomerListModel.BIRTHDAY, Qt.Orientation.Horizontal) == "Geburtstag"


def test_id_role_gives_the_customer(shop, people):
    model = _model(shop)
    model.search("weiss")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(CustomerIdRole) == people[0].id


def test_none_keeps_its_references_across_many_model_calls(shop, people):
    """PySide6 6.12.0 lost a reference to None each time Qt handed None back, until Python died."""
    model = _model(shop)
    model.search("")
    invalid = QModelIndex()
    before = sys.getrefcount(None)
    for _ in range(1000):
        model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
        model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
        model.data(invalid)
    after = sys.getrefcount(None)
    assert abs(after - before) < 50
