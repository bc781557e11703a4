"""Dubletten in the window: the pairs found in a worker, merged or dismissed with clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer
from emma.services.counter import book_purchase
from emma.services.customers import find_customers, get_customer, save_customer
from emma.services.duplicates import find_duplicates
from emma.ui.models.duplicate_pairs import DuplicatePairsModel, PairRole
from tests.conftest import NOW
from tests.ui.conftest import when_modal


@pytest.fixture
def twins(shop, people):
    """Two Jürgen Weiß (people[0] has his birthday), and two customers sharing an e-mail address."""
    second = save_customer(
        shop, Customer(first_name="Juergen", last_name="Weiss", phone="0911 223344", birthday=Birthday(7, 3)), now=NOW
    )
    book_purchase(shop, second.id, 2500, now=NOW)
    ella = save_customer(shop, Customer(first_name="Ella", last_name="Kron", email="ella@web.de"), now=NOW)
    elly = save_customer(shop, Customer(first_name="Elly", last_name="Stern", email="Ella@web.de"), now=NOW)
    return people[0].id, second.id, ella.id, elly.id


def _open(qtbot, view):
    from emma.ui.views.duplicates_view import DuplicatesDialog

    dialog = DuplicatesDialog(view._shop, "de_DE", view)
    dialog.merged.connect(view._after_change)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_searching() and dialog.model.rowCount() > 0, timeout=5000)
    return dialog


def test_the_model_passes_qt_checks(qtmodeltester, shop, twins):
    model = DuplicatePairsModel("de_DE")
    model.set_pairs(find_duplicates(shop))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, DuplicatePairsModel.LIKELIHOOD).data() == "sehr wahrscheinlich"
    assert model.index(0, DuplicatePairsModel.FIRST).data().startswith("Weiß, Jürgen · K-00001 · 03.07.1965")
    assert model.index(0, DuplicatePairsModel.REASONS).data() == "gleicher Name, gleicher Geburtstag"
    model.remove_pair(0)
    qtmodeltester.check(model)
    assert model.index(0, 0).data(PairRole).ids == (twins[2], twins[3])


def test_found_in_a_worker_and_listed_side_by_side(qtbot, customers_view, twins):
    dialog = _open(qtbot, customers_view)
    assert dialog.model.rowCount() == 2
    assert dialog.status.text().startswith("2 Paare von Kundinnen")
    assert not dialog.progress.isVisible()
    assert dialog.merge_button.isEnabled() and dialog.dismiss_button.isEnabled()


def test_not_a_duplicate_removes_the_pair_for_good(qtbot, customers_view, twins, shop):
    dialog = _open(qtbot, customers_view)
    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    assert [pair.ids for pair in find_duplicates(shop)] == [(twins[0], twins[1])]


def test_merge_chooses_who_stays_shows_what_moves_and_refreshes_the_list(qtbot, customers_view, twins, shop):
    from emma.ui.views.duplicates_view import MergeDialog

    first, other, *_rest = twins
    dialog = _open(qtbot, customers_view)
    dialog.table.selectRow(0)
    seen_texts: list[str] = []

    def choose_and_merge(merge_dialog):
        assert merge_dialog.keep_first.isChecked()
        seen_texts.append(merge_dialog.moving.text())
        merge_dialog.keep_second.click()  # the second one stays: his name as he wrote it, the other's birthday year
        seen_texts.append(merge_dialog.moving.text())
        qtbot.mouseClick(merge_dialog.merge_button, Qt.MouseButton.LeftButton)

    seen = when_modal(MergeDialog, choose_and_merge)
    with qtbot.waitSignal(dialog.merged, timeout=3000) as merged:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    seen.check()
    assert merged.args == [other]
    assert get_customer(shop, other).id != first
    assert seen_texts[0].startswith("Zu ihr wandern: 1 Einkauf, 0 Stempel-Buchungen")
    assert seen_texts[1].startswith("Zu ihr wandern: 0 Einkäufe")
    kept = get_customer(shop, other)
    assert (kept.first_name, kept.birthday) == ("Juergen", Birthday(7, 3, 1965))
    assert "auch: Jürgen Weiß" in kept.notes and "Mag trockene Weine." in kept.notes
    assert [found.id for found in find_customers(shop, "weiss")] == [other]
    # the list behind has been searched again: Jürgen is there once
    names = [customers_view.model.index(row, 0).data() for row in range(customers_view.model.rowCount())]
    assert names.count("Weiss, Juergen") == 1 and "Weiß, Jürgen" not in names
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=5000)
    assert dialog.model.rowCount() == 1


def test_a_file_without_duplicates_says_so(qtbot, customers_view):
    from emma.ui.views.duplicates_view import DuplicatesDialog

    dialog = DuplicatesDialog(customers_view._shop, "de_DE", customers_view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=5000)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "Keine Dubletten gefunden: Jede Kundin steht nur einmal in der Kartei."
    assert not dialog.merge_button.isEnabled()


def test_the_menu_action_opens_the_dialog(qtbot, customers_view, twins):
    from emma.ui.views.duplicates_view import DuplicatesDialog

    seen = when_modal(DuplicatesDialog, lambda dialog: dialog.reject())
    customers_view.duplicates_action.trigger()
    seen.check()
