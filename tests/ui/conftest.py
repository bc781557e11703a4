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


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """A message box nobody expected would wait for a click forever: fail the test with its text instead."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(parent, title, text, *args, **kwargs):
        raise AssertionError(f"unexpected message box: {title}: {text}")

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def files_opened(monkeypatch) -> list[tuple]:
    """The arguments of every `open_shop` a worker calls (they open the shop's file anew), still opening it."""
    import emma.services.shop as shop_service

    opened: list[tuple] = []
    open_shop = shop_service.open_shop
    monkeypatch.setattr(shop_service, "open_shop", lambda *args, **kwargs: opened.append(args) or open_shop(*args))
    return opened


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


def when_modal(kind, act):
    """Runs `act(dialog)` on the next modal dialog of type `kind` as soon as it is shown.

    Returns a list that holds the dialog once seen. If `act` fails, the dialog is closed (so the test
    cannot hang on it) and the error is kept in `seen.errors`, which `assert_acted` raises.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = _Seen()

    def find():
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible() and w not in seen]
        dialog = shown[0] if shown else None
        if dialog is not None:
            seen.append(dialog)
            try:
                act(dialog)
            except BaseException as error:
                seen.errors.append(error)
                dialog.done(0)
        else:
            QTimer.singleShot(20, find)

    QTimer.singleShot(0, find)
    return seen


class _Seen(list):
    def __init__(self) -> None:
        super().__init__()
        self.errors: list[BaseException] = []

    def check(self) -> None:
        """Raises what went wrong inside the dialog, or says that no dialog came."""
        if self.errors:
            raise self.errors[0]
        assert self, "the dialog was not shown"


def visible_texts(widget) -> list[str]:
    """The texts of the labels one sees in `widget` (after Qt has shown and hidden what it queued)."""
    from PySide6.QtWidgets import QApplication, QLabel

    QApplication.processEvents()
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def visible_button(widget, text: str):
    """The push button in `widget` one sees with `text` in its label (a panel drawn anew hides its old buttons
    and deletes them only later, so they are still among its children)."""
    from PySide6.QtWidgets import QApplication, QPushButton

    QApplication.processEvents()
    return next(b for b in widget.findChildren(QPushButton) if text in b.text() and b.isVisibleTo(widget))


def click(qtbot, button) -> None:
    """Clicks `button` as the mouse would, once it is what lies under its centre: a click sent while a panel's
    layout is still settling would land on whatever is drawn there."""
    from PySide6.QtCore import Qt

    window = button.window()
    qtbot.waitUntil(lambda: window.childAt(button.mapTo(window, button.rect().center())) is button, timeout=2000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settled(qtbot, view) -> None:
    """Waits until the panel shows the customer the list points at (it follows typing after a pause)."""
    qtbot.waitUntil(lambda: not view.pending_detail.isActive(), timeout=2000)
