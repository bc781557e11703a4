"""The chosen customer at a glance: name, birthday, stamp cards, what she buys and likes, how to reach her."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from emma.domain.customer import AddressForm, Customer, Preferences, Salutation
from emma.domain.purchases import Purchase
from emma.domain.stamps import CardState
from emma.i18n import _, ngettext
from emma.i18n.formats import country_name, format_date, format_day_month, format_money, format_number
from emma.services.counter import CustomerFigures
from emma.services.letters import SentLetter
from emma.services.segments import Standing
from emma.ui.models.purchase_history import HistoryPage, PurchaseHistoryModel
from emma.ui.resources import icon, light_icon
from emma.ui.widgets.flow_layout import FlowLayout
from emma.ui.widgets.stamp_card_view import StampCardView


@dataclass(frozen=True)
class CounterFacts:
    """What the counter knows of her: stamp cards and purchase figures."""

    cards: list[CardState] = field(default_factory=list)
    figures: CustomerFigures | None = None
    letters: list[SentLetter] = field(default_factory=list)
    standing: Standing | None = None  # her phase and segments


class CustomerDetail(QFrame):
    """Shows one customer; asks (by signal) for what the owner wants to do with her."""

    edit_requested = Signal(int)
    archive_requested = Signal(int, bool)
    book_requested = Signal(int)
    redeem_requested = Signal(int, int)  # customer, program
    card_menu_requested = Signal(int, int, QWidget)  # customer, program, where to open the menu
    suggestion_accepted = Signal(int, str)  # customer, tag
    reverse_requested = Signal(int)  # purchase
    todo_requested = Signal(int)
    privacy_requested = Signal(int, str)  # customer, what (see privacy_actions.ACTIONS)

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DetailPanel")
        self._locale = locale
        self._customer: Customer | None = None
        self.history = PurchaseHistoryModel(locale, parent=self)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget()
        self._content.setObjectName("DetailContent")

        self._body = QVBoxLayout(self._content)
        self._body.setContentsMargins(22, 18, 22, 18)
        self._body.setSpacing(4)
        scroll.setWidget(self._content)
        scroll.viewport().setObjectName("DetailViewport")

        self.history_table = QTableView()
        self.history_table.setModel(self.history)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().hide()
        self.history_table.setShowGrid(False)
        self.history_table.setAlternatingRowColors(True)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_table.setColumnWidth(PurchaseHistoryModel.DATE, 135)
        self.history_table.setColumnWidth(PurchaseHistoryModel.AMOUNT, 90)
        self.history_table.setColumnWidth(PurchaseHistoryModel.ITEMS, 160)
        self.reverse_button = QPushButton(_("Reverse purchase …"))
        self.reverse_button.setToolTip(
            _("Storno: the purchase stays in the history, marked, and takes its stamps back")
        )
        self.reverse_button.clicked.connect(self._reverse_clicked)
        history_page = QWidget()
        history_layout = QVBoxLayout(history_page)
        history_layout.setContentsMargins(12, 12, 12, 0)
        history_layout.addWidget(self.history_table, 1)
        reverse_row = QHBoxLayout()
        reverse_row.addStretch()
        reverse_row.addWidget(self.reverse_button)
        history_layout.addLayout(reverse_row)

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, _("Overview"))
        self.tabs.addTab(history_page, _("Purchases"))

        self.book_button = QPushButton(light_icon("new"), _("Book purchase"))
        self.book_button.setToolTip(_("Book a purchase for her (F2)"))
        self.book_button.setObjectName("Primary")
        self.book_button.clicked.connect(lambda: self._customer and self.book_requested.emit(self._customer.id))
        self.edit_button = QPushButton(icon("edit"), _("Edit"))
        self.edit_button.setToolTip(_("Edit this customer (Enter)"))
        self.edit_button.clicked.connect(lambda: self._customer and self.edit_requested.emit(self._customer.id))
        self.archive_button = QPushButton(icon("archive"), _("Archive"))
        self.archive_button.clicked.connect(self._archive_clicked)
        self.todo_button = QPushButton(icon("bell"), "")
        self.todo_button.setAccessibleName(_("Remind me …"))
        self.todo_button.setToolTip(_("A reminder of your own on her, for a day you choose (Ctrl+R)"))
        self.todo_button.clicked.connect(lambda: self._customer and self.todo_requested.emit(self._customer.id))
        self.todo_button.setFixedWidth(36)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 0, 16, 16)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.todo_button)
        buttons.addStretch()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs, 1)
        outer.addLayout(buttons)
        self.show_customer(None, date.today())

    def customer_id(self) -> int | None:
        return self._customer.id if self._customer else None

    def show_customer(
        self,
        customer: Customer | None,
        today: date,
        *,
        facts: CounterFacts | None = None,
        history: HistoryPage | None = None,
        empty_hint: str = "",
    ) -> None:
        """Shows `customer` with her cards, figures and purchases, or with None the hint `empty_hint`."""
        self._customer = customer
        self.objection_button: QPushButton | None = None  # in the contact section, while she has not objected
        self.privacy_button: QPushButton | None = None  # in the contact section, with the data-protection menu
        facts = facts or CounterFacts()
        _clear(self._body)
        for button in (self.edit_button, self.archive_button, self.book_button, self.reverse_button):
            button.setEnabled(customer is not None)
        self.book_button.setEnabled(customer is not None and not customer.archived)
        self.todo_button.setEnabled(customer is not None and not customer.archived)
        self.history.show_history(history if customer is not None else None)
        count = facts.figures.summary.visits if facts.figures else 0
        self.tabs.setTabText(1, _("Purchases ({n})").format(n=count) if count else _("Purchases"))
        if customer is None:
            hint = QLabel(empty_hint or _("Type a name in the search field – the customer appears here at a glance."))
            hint.setObjectName("EmptyHint")
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._body.addStretch()
            self._body.addWidget(hint)
            self._body.addStretch()
            return
        self.archive_button.setText(_("Restore") if customer.archived else _("Archive"))
        if customer.archived:
            self._add_label(_("Archived – this customer no longer appears in the lists."), "ArchivedBanner")
        self._add_label(customer.full_name, "CustomerName", selectable=True)
        self._add_label(self._subline(customer), "CustomerSubline")
        self._add_birthday(customer, today)
        self._add_cards(customer, facts.cards)
        self._add_figures(customer, facts.figures, today, facts.standing)
        self._add_preferences(customer.preferences)
        if customer.notes.strip():
            self._add_section(_("Notes"))
            self._add_label(customer.notes, selectable=True)
        self._add_contact(customer)
        self._add_letters(facts.letters)
        self._body.addStretch()

    # --- pieces ---------------------------------------------------------------------------------

    def _subline(self, customer: Customer) -> str:
        parts = []
        if customer.salutation is not Salutation.NONE:
            parts.append(customer.salutation.label())
        parts.append(_("addressed as “Du”") if customer.address_form is AddressForm.DU else _("addressed as “Sie”"))
        if customer.customer_since:
            parts.append(
                _("customer since {date}").format(date=format_date(customer.customer_since, self._locale, "long"))
            )
        return " · ".join(parts)

    def _add_birthday(self, customer: Customer, today: date) -> None:
        birthday = customer.birthday
        self._add_section(_("Birthday"))
        if birthday is None:
            self._add_label(_("not known"), "CustomerSubline")
            return
        if birthday.year:
            when = format_date(date(birthday.year, birthday.month, birthday.day), self._locale, "long")
        else:
            when = format_day_month(birthday.day, birthday.month, self._locale)
        parts = [when]
        age = birthday.age_on(today)
        if age is not None:
            parts.append(ngettext("{n} year old", "{n} years old", age).format(n=age))
        days = birthday.days_until(today)
        if days == 0:
            parts.append(_("birthday today!"))
        elif days == 1:
            parts.append(_("birthday tomorrow"))
        else:
            parts.append(ngettext("in {n} day", "in {n} days", days).format(n=days))
        row = QHBoxLayout()
        cake = QLabel()
        cake.setPixmap(icon("cake").pixmap(18, 18))
        row.addWidget(cake)
        text = QLabel(" · ".join(parts))
        text.setObjectName("BirthdayToday" if days == 0 else "BirthdayLine")
        row.addWidget(text, 1)
        self._body.addLayout(row)

    def _add_cards(self, customer: Customer, cards: list[CardState]) -> None:
        if not cards:
            return
        self._add_section(_("Stamp cards"))
        for card in cards:
            view = StampCardView(card, self._locale)
            view.redeem_requested.connect(lambda program_id: self.redeem_requested.emit(customer.id, program_id))
            view.more_requested.connect(
                lambda program_id, anchor: self.card_menu_requested.emit(customer.id, program_id, anchor)
            )
            self._body.addWidget(view)

    def _add_standing(self, standing: Standing | None) -> None:
        """„Stammkundin · A-Kundin · Champions“: where she stands (the classes as of the last Auswertung)."""
        if standing is None:
            return
        parts = [standing.phase.label()]
        if standing.abc:
            parts.append(_("{abc} customer").format(abc=standing.abc))
        if standing.rfm:
            parts.append(standing.rfm.label())
        text = " · ".join(parts)
        if standing.computed_on:
            text += " " + _("(Insights of {day})").format(day=format_date(standing.computed_on, self._locale))
        self._add_label(text, "CustomerSubline")

    def _add_figures(self, customer: Customer, figures: CustomerFigures | None, today: date,
                     standing: Standing | None = None) -> None:  # fmt: skip
        if figures is None:
            return
        summary = figures.summary
        self._add_section(_("Purchases"))
        if summary.visits == 0:
            self._add_label(_("no purchases yet"), "CustomerSubline")
            return
        last = summary.last_visit
        days = (today - last).days if last else 0
        when = _("today") if days == 0 else ngettext("{n} day ago", "{n} days ago", days).format(n=days)
        lines = [
            _("{total} in {visits} visits · average {average}").format(
                total=format_money(summary.total_cents, self._locale),
                visits=format_number(summary.visits, self._locale),
                average=format_money(summary.average_cents, self._locale),
            ),
            _("last visit {when} ({date})").format(when=when, date=format_date(last, self._locale)),
        ]
        self._add_label("\n".join(lines), "Figures")
        self._add_standing(standing)
        if summary.favourite_categories:
            holder = QWidget()
            flow = FlowLayout(holder)
            flow.addWidget(QLabel(_("buys most:")))
            for name, count in summary.favourite_categories:
                chip = QLabel(f"{name} ({count})")
                chip.setObjectName("Tag")
                flow.addWidget(chip)
            self._body.addWidget(holder)
        for tag in figures.suggestions:
            button = QPushButton(_("buys often: {tag} – add to her likes").format(tag=tag))
            button.setObjectName("SuggestionButton")
            button.setToolTip(_("Adds “{tag}” to what she likes").format(tag=tag))
            button.clicked.connect(lambda _checked=False, tag=tag: self.suggestion_accepted.emit(customer.id, tag))
            self._body.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)

    def selected_purchase(self) -> Purchase | None:
        index = self.history_table.currentIndex()
        return self.history.purchase_at(index.row()) if index.isValid() else None

    def _reverse_clicked(self) -> None:
        purchase = self.selected_purchase()
        if purchase is not None and not purchase.reversed:
            self.reverse_requested.emit(purchase.id)

    def _add_preferences(self, preferences: Preferences) -> None:
        self._add_section(_("Preferences"))
        if preferences.is_empty():
            self._add_label(_("none noted yet"), "CustomerSubline")
            return
        for kind in Preferences.kinds():
            tags = getattr(preferences, kind)
            if not tags:
                continue
            label = QLabel(Preferences.kind_label(kind))
            label.setObjectName("CustomerSubline")
            self._body.addWidget(label)
            holder = QWidget()
            flow = FlowLayout(holder)
            for tag in tags:
                chip = QLabel(tag)
                chip.setObjectName("TagWarning" if kind in ("allergies", "dislikes") else "Tag")
                flow.addWidget(chip)
            self._body.addWidget(holder)

    def _add_contact(self, customer: Customer) -> None:
        self._add_section(_("Contact"))
        address = "\n".join(
            line
            for line in (
                customer.street,
                f"{customer.postal_code} {customer.city}".strip(),
                self._foreign_country(customer),
            )
            if line
        )
        for icon_name, text in (("home", address), ("phone", customer.phone), ("mail", customer.email)):
            if not text:
                continue
            row = QHBoxLayout()
            symbol = QLabel()
            symbol.setPixmap(icon(icon_name).pixmap(16, 16))
            symbol.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(symbol)
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(value, 1)
            self._body.addLayout(row)
        consent = [
            _("letters welcome") if customer.consent.postal_mail else _("no letters (objected)"),
            _("e-mail allowed") if customer.consent.email else _("no e-mail"),
        ]
        self._add_label(" · ".join(consent), "CustomerSubline")
        if customer.consent.postal_objected_on:
            self._add_label(_("objected to advertising on {date}").format(
                date=format_date(customer.consent.postal_objected_on, self._locale)), "CustomerSubline")  # fmt: skip
        if customer.consent.signed_on:
            self._add_label(_("consent form signed on {date}").format(
                date=format_date(customer.consent.signed_on, self._locale)), "CustomerSubline")  # fmt: skip
        row = QHBoxLayout()
        if customer.consent.postal_objected_on is None and not customer.archived:
            self.objection_button = QPushButton(_("Objects to advertising"))
            self.objection_button.setToolTip(_("Werbewiderspruch: no more letters or e-mail to her, from now on"))
            self.objection_button.clicked.connect(lambda: self.privacy_requested.emit(customer.id, "object"))
            row.addWidget(self.objection_button)
        self.privacy_button = QPushButton(icon("shield"), _("Data protection"))
        self.privacy_button.setToolTip(_("Objection, consent form, information (Art. 15) and erasure (Art. 17)"))
        self.privacy_button.setMenu(self._privacy_menu(customer, self.privacy_button))
        row.addWidget(self.privacy_button)
        row.addStretch()
        self._body.addLayout(row)

    def _privacy_menu(self, customer: Customer, button: QPushButton) -> QMenu:
        menu = QMenu(button)
        objected = customer.consent.postal_objected_on is not None
        for action, text in (
            ("lift" if objected else "object", _("Lift the objection …") if objected else _("Objects to advertising")),
            ("form", _("Print the consent form …")),
            ("signed", _("Consent signed on …")),
            ("export", _("Information (Art. 15) …")),
            ("erase", _("Erase (Art. 17) …")),
        ):
            menu.addAction(text, lambda action=action: self.privacy_requested.emit(customer.id, action))
        return menu

    def _add_letters(self, letters: list[SentLetter]) -> None:
        if not letters:
            return
        self._add_section(_("Letters"))
        for letter in letters[:5]:
            self._add_label(f"{format_date(letter.sent_on, self._locale)} – {letter.occasion.label()}")
        if len(letters) > 5:
            self._add_label(_("and {count} earlier").format(count=len(letters) - 5), "CustomerSubline")

    def _foreign_country(self, customer: Customer) -> str:
        """The country line of an address, left out for the shop's own country."""
        home = self._locale.split("_")[-1]
        return "" if customer.country == home else country_name(customer.country, self._locale)

    def _add_section(self, title: str) -> None:
        self._add_label(title.upper(), "SectionTitle")

    def _add_label(self, text: str, name: str = "", *, selectable: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            label.setObjectName(name)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._body.addWidget(label)
        return label

    def _archive_clicked(self) -> None:
        if self._customer is not None:
            self.archive_requested.emit(self._customer.id, not self._customer.archived)


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()  # deleted later, but it must not be seen meanwhile
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
            item.layout().deleteLater()
