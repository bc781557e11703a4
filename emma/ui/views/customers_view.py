"""Kunden: search as you type, the list, and the chosen customer at a glance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import customers as customer_service
from emma.services import reminders as reminder_service
from emma.services import segments as segment_service
from emma.services.shop import Shop
from emma.ui.models.customer_list import CustomerIdRole, CustomerListModel
from emma.ui.resources import icon, light_icon
from emma.ui.views.counter_actions import CounterActions
from emma.ui.views.customer_detail import CustomerDetail
from emma.ui.views.customer_form import CustomerForm
from emma.ui.views.privacy_actions import PrivacyActions
from emma.ui.views.todo_dialog import TodoDialog


class SearchField(QLineEdit):
    """The search line: arrow down and Enter hand over to the list."""

    move_down = Signal()
    open_current = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current.emit()
        else:
            super().keyPressEvent(event)


class CustomerTable(QTableView):
    """The list: Enter opens the customer, Esc goes back to the search."""

    open_current = Signal()
    back_to_search = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.back_to_search.emit()
        else:
            super().keyPressEvent(event)


class CustomersView(QWidget):
    """The Kunden area. Emits `customers_changed` after a save or an archive (for the status bar)."""

    customers_changed = Signal()
    reminders_changed = Signal()
    status_message = Signal(str)

    def __init__(self, shop: Shop, today: Callable[[], date], locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._today = today
        self._locale = locale

        self.search_field = SearchField()
        self.search_field.setObjectName("SearchField")
        self.search_field.setPlaceholderText(_("Search: name, phone, postal code (Ctrl+F)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.new_button = QPushButton(light_icon("new"), _("New customer"))
        self.new_button.setObjectName("Primary")
        self.new_button.setToolTip(_("Add a new customer (Ctrl+N)"))
        self.review_button = QPushButton(_("Review …"))
        self.review_button.setToolTip(_("Data protection: customers quiet for years, to archive or erase"))

        # A segment of the last Auswertung narrows the list (None: everyone).
        self.segment_filter = QComboBox()
        self.segment_filter.setToolTip(_("Only the customers of one segment (as the Auswertung last computed it)"))
        self.segment_filter.addItem(_("All customers"))
        self._segments: list[tuple[str, str] | None] = [None]
        for label, segment in segment_service.segment_filters():
            self.segment_filter.addItem(label)
            self._segments.append(segment)
        self.model = CustomerListModel(
            lambda text, after, limit: customer_service.find_customers(
                shop, text, after=after, limit=limit, segment=self.segment_chosen()
            ),
            locale,
            parent=self,
        )
        self.table = CustomerTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CustomerListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(CustomerListModel.CITY, 115)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.resizeSection(CustomerListModel.POSTAL_CODE, 72)
        header.resizeSection(CustomerListModel.BIRTHDAY, 105)
        header.resizeSection(CustomerListModel.PHONE, 130)

        self.detail = CustomerDetail(locale)
        self.detail.setMinimumWidth(470)
        self.counter = CounterActions(shop, today, locale, self)
        # While she types, the list follows each key at once; the panel waits until the typing pauses.
        self.pending_detail = QTimer(self)
        self.pending_detail.setSingleShot(True)
        self.pending_detail.setInterval(150)
        self.pending_detail.timeout.connect(self._show_current)
        self._typing = False

        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.segment_filter, 1)
        filters.addWidget(self.review_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([570, 470])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.splitter)

        self.search_field.textChanged.connect(self._search)
        self.segment_filter.currentIndexChanged.connect(self.reload)
        self.search_field.move_down.connect(self._focus_list)
        self.search_field.open_current.connect(self._open_current)
        self.table.open_current.connect(self._open_current)
        self.table.back_to_search.connect(self.focus_search)
        self.table.doubleClicked.connect(lambda _index: self._open_current())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # One action for the button's shortcut and the menu entry: two owners of Ctrl+N would cancel out.
        self.new_action = QAction(icon("new"), _("&New customer"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(self.new_customer)
        self.addAction(self.new_action)
        self.new_button.clicked.connect(self.new_action.trigger)
        self.duplicates_action = QAction(_("Find &duplicates …"), self)
        self.duplicates_action.triggered.connect(self.find_duplicates)
        self.detail.edit_requested.connect(self.edit_customer)
        self.detail.archive_requested.connect(self._set_archived)
        self.detail.book_requested.connect(self.counter.book)
        self.detail.redeem_requested.connect(self.counter.redeem)
        self.detail.card_menu_requested.connect(self.counter.card_menu)
        self.detail.suggestion_accepted.connect(self.counter.accept_suggestion)
        self.detail.reverse_requested.connect(self.counter.reverse)
        self.detail.todo_requested.connect(self.add_todo)
        self.counter.changed.connect(self._after_counter)
        self.privacy = PrivacyActions(shop, today, self)
        self.detail.privacy_requested.connect(self.privacy.handle)
        self.privacy.changed.connect(self._after_counter)
        self.privacy.erased.connect(self._after_erasure)
        self.review_button.clicked.connect(self.review_inactive)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self.book_for_current)
        QShortcut(QKeySequence("Ctrl+R"), self, lambda: self.add_todo(self.detail.customer_id()))
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.focus_search)

        self._search("")

    # --- searching ------------------------------------------------------------------------------

    def segment_chosen(self) -> tuple[str, str] | None:
        return self._segments[max(0, self.segment_filter.currentIndex())]

    def choose_segment(self, segment: tuple[str, str] | None) -> None:
        self.segment_filter.setCurrentIndex(self._segments.index(segment))

    def hideEvent(self, event) -> None:
        self.pending_detail.stop()  # nothing may reach for the shop after the window has gone
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        """Coming to Kunden (not the window coming back): the cursor in the search, the panel filled."""
        super().showEvent(event)
        if event.spontaneous():
            return
        current = self.table.currentIndex()
        if current.isValid() and current.data(CustomerIdRole) != self.detail.customer_id():
            self._show_current()
        QTimer.singleShot(0, self.focus_search)

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def _search(self, text: str) -> None:
        self.model.search(text)
        if self.model.rowCount() > 0:
            self._typing = True
            try:
                self._select_row(0)
            finally:
                self._typing = False
        else:
            self.pending_detail.stop()
            self._show_nobody()

    def _show_nobody(self) -> None:
        if self.search_field.text().strip():
            hint = _("Nobody found. Check the spelling, or add a new customer with Ctrl+N.")
        else:
            hint = _("No customers yet. Add the first one with “New customer” (Ctrl+N).")
        self.detail.show_customer(None, self._today(), empty_hint=hint)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _focus_list(self) -> None:
        self.table.setFocus()
        current = self.table.currentIndex()
        if self.model.rowCount() > 1 and current.isValid() and current.row() == 0:
            self._select_row(1)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._typing:
            self.pending_detail.start()
        else:
            self.pending_detail.stop()
            self._show_current()

    def _show_current(self) -> None:
        if not self.isVisible():  # hidden (or the window gone): the panel follows when Kunden is shown again
            return
        current = self.table.currentIndex()
        self.show_customer(current.data(CustomerIdRole) if current.isValid() else None)

    def show_customer(self, customer_id: int | None) -> None:
        customer = None
        if customer_id is not None:
            try:
                customer = customer_service.get_customer(self._shop, customer_id)
            except UserError:
                customer = None
        if customer is None:
            self.detail.show_customer(None, self._today())
            return
        self.detail.show_customer(
            customer,
            self._today(),
            facts=self.counter.facts(customer.id),
            history=self.counter.history(customer.id),
        )

    def reload(self) -> None:
        """Runs the current search again (after the file changed behind the list)."""
        self._search(self.search_field.text())

    def refresh_current(self) -> None:
        self.show_customer(self.detail.customer_id())

    def book_for_current(self) -> None:
        customer_id = self.detail.customer_id()
        if customer_id is not None:
            self.counter.book(customer_id)

    def _after_counter(self, customer_id: int, message: str) -> None:
        tab = self.detail.tabs.currentIndex()
        self.show_customer(customer_id)
        self.detail.tabs.setCurrentIndex(tab)
        self.status_message.emit(message)
        self.reminders_changed.emit()  # a purchase or a stamp changes what Heute lists

    def open_customer(self, customer_id: int) -> None:
        """Shows her in the list and the panel (from Heute): the search is set to her name."""
        try:
            customer = customer_service.get_customer(self._shop, customer_id)
        except UserError as error:
            self.status_message.emit(error.message)
            return
        self.search_field.setText(customer.full_name if not customer.archived else "")
        self.pending_detail.stop()
        row = self.model.row_of(customer_id)
        if row is not None:
            self._select_row(row)
        self.show_customer(customer_id)
        self.table.setFocus()

    def add_todo(self, customer_id: int | None) -> None:
        if customer_id is None:
            return
        try:
            customer = customer_service.get_customer(self._shop, customer_id)
        except UserError as error:
            QMessageBox.warning(self, _("Customer"), error.message)
            return
        dialog = TodoDialog(
            customer.full_name,
            self._today(),
            lambda day, text: reminder_service.add_todo(self._shop, customer_id, day, text),
            self,
        )
        if dialog.exec() == TodoDialog.DialogCode.Accepted:
            self.reminders_changed.emit()
            self.status_message.emit(_("Reminder saved: it shows in Heute on its day."))

    # --- changing -------------------------------------------------------------------------------

    def find_duplicates(self) -> None:
        from emma.ui.views.duplicates_view import DuplicatesDialog  # loaded when first wanted, not at start

        dialog = DuplicatesDialog(self._shop, self._locale, self)
        dialog.merged.connect(self._after_change)
        dialog.exec()

    def _open_current(self) -> None:
        customer_id = self.detail.customer_id()
        if customer_id is not None:
            self.edit_customer(customer_id)

    def new_customer(self) -> None:
        self._run_form(None)

    def edit_customer(self, customer_id: int) -> None:
        try:
            customer = customer_service.get_customer(self._shop, customer_id)
        except UserError as error:
            QMessageBox.warning(self, _("Customer"), error.message)
            return
        self._run_form(customer)

    def _run_form(self, customer: Customer | None) -> None:
        form = CustomerForm(
            customer,
            lambda changed: customer_service.save_customer(self._shop, changed),
            self._today(),
            self._locale,
            self,
        )
        if form.exec() == CustomerForm.DialogCode.Accepted and form.saved is not None:
            self._after_change(form.saved.id)

    def _set_archived(self, customer_id: int, archived: bool) -> None:
        if archived:
            answer = QMessageBox.question(
                self,
                _("Archive customer"),
                _("Archive this customer? She disappears from the lists; her history is kept."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            customer_service.archive_customer(self._shop, customer_id, archived=archived)
        except UserError as error:
            QMessageBox.warning(self, _("Customer"), error.message)
            return
        self._after_change(None if archived else customer_id)

    def review_inactive(self) -> None:
        from emma.ui.views.review_dialog import ReviewDialog  # built when asked for: it is seldom used

        dialog = ReviewDialog(self._shop, self._today, self._locale, self.privacy.erase_many, self)
        dialog.changed.connect(lambda message: self._after_erasure(message))
        dialog.exec()

    def _after_erasure(self, message: str) -> None:
        self._after_change(None)
        self.reminders_changed.emit()
        if message:
            self.status_message.emit(message)

    def _after_change(self, customer_id: int | None) -> None:
        self.model.refresh()
        self.customers_changed.emit()
        row = self.model.row_of(customer_id) if customer_id is not None else None
        if row is not None:
            self._select_row(row)
        elif customer_id is not None:
            self.show_customer(customer_id)
        elif self.model.rowCount():
            self._select_row(0)
        else:
            self._show_nobody()
        self.table.setFocus()
