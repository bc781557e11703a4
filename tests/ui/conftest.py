"""GUI fixtures: a shop with a few customers and the Kunden area built on it."""

from __future__ import annotations

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer, Preferences, Salutation
from emma.services.customers import save_customer
from tests.conftest import NOW, TODAY

PEOPLE = [
    Customer(
        first_name="Jürgen",
        last_name="Weiß",
        salutation=Salutation.HERR,
        postal_code="90402",
        city="Nürnberg",
        birthday=Birthday(month=7, day=3, year=1965),
        preferences=Preferences(likes=("Riesling",), allergies=("Nüsse",)),
        notes="Mag trockene Weine.",
    ),
    Customer(first_name="Anna", last_name="Müller", salutation=Salutation.FRAU, birthday=Birthday(month=2, day=29)),
    Customer(first_name="Łukasz", last_name="Wójcik", postal_code="10115", city="Berlin"),
    Customer(first_name="Seda", last_name="Şahin", title="Dr.", salutation=Salutation.FRAU),
    Customer(first_name="Siobhán", last_name="O'Brien", birthday=Birthday(month=11, day=23, year=1990)),
]


@pytest.fixture
def people(shop):
    return [save_customer(shop, person, now=NOW) for person in PEOPLE]


@pytest.fixture
def fixed_today():
    return lambda: TODAY


@pytest.fixture
def customers_view(qtbot, shop, people, fixed_today):
    from emma.ui.views.customers_view import CustomersView

    view = CustomersView(shop, fixed_today, "de_DE")
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def type_text(widget, text: str) -> None:
    """Types like a keyboard, umlauts included (QTest's keyClicks knows ASCII keys only)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
        else:
            for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
                QTest.sendKeyEvent(action, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)
