"""What the owner does at the counter with the customer in front of her: book, redeem, correct, reverse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from emma.domain.errors import UserError
from emma.i18n import _
from emma.i18n.formats import format_money
from emma.services import counter, stamp_cards
from emma.services import customers as customer_service
from emma.services import letters as letter_service
from emma.services import segments as segment_service
from emma.services.categories import list_categories
from emma.services.shop import Shop
from emma.ui.models.purchase_history import HistoryPage
from emma.ui.views.customer_detail import CounterFacts


class CounterActions(QObject):
    """Runs the counter's dialogs over the services; `changed(customer_id, message)` after each change."""

    changed = Signal(int, str)

    def __init__(
        self, shop: Shop, today: Callable[[], date], locale: str, parent_widget: QWidget, now=datetime.now
    ) -> None:
        super().__init__(parent_widget)
        self._shop = shop
        self._today = today
        self._now = now
        self._locale = locale
        self._parent = parent_widget

    def facts(self, customer_id: int) -> CounterFacts:
        return CounterFacts(
            stamp_cards.cards_for(self._shop, customer_id, self._today()),
            counter.customer_figures(self._shop, customer_id),
            letter_service.letter_history(self._shop, customer_id),
            segment_service.standing(self._shop, customer_id, self._today()),
        )

    def history(self, customer_id: int) -> HistoryPage:
        return lambda after, limit: counter.purchase_history(self._shop, customer_id, after=after, limit=limit)

    def book(self, customer_id: int) -> None:
        try:
            customer = customer_service.get_customer(self._shop, customer_id)
        except UserError as error:
            self._warn(error)
            return
        if customer.archived:
            self._warn(UserError(_("{name} is archived. Please restore her first.").format(name=customer.full_name)))
            return
        from emma.ui.views.booking_dialog import BookingDialog  # loaded when first opened: a quicker start

        dialog = BookingDialog(
            customer.full_name,
            list_categories(self._shop),
            lambda: stamp_cards.cards_for(self._shop, customer_id, self._today()),
            lambda cents, items, note, at: counter.book_purchase(
                self._shop, customer_id, cents, at=at, items=items, note=note, now=self._now()
            ),
            lambda program_id: stamp_cards.redeem(self._shop, customer_id, program_id, now=self._now()),
            self._now(),
            self._locale,
            self._parent,
        )
        accepted = dialog.exec() == BookingDialog.DialogCode.Accepted
        booking = dialog.result_of_booking
        if accepted and isinstance(booking, counter.Booking):
            self.changed.emit(customer_id, self._booking_message(booking))
        elif dialog.redeemed:
            self.changed.emit(customer_id, _("Reward redeemed."))

    def _booking_message(self, booking: counter.Booking) -> str:
        parts = [_("Purchase booked.")]
        if booking.stamps_added:
            parts.append(_("{n} stamps added.").format(n=booking.stamps_added))
        parts.extend(
            _("{program} full – redeem: {reward}").format(program=card.program.name, reward=card.program.reward)
            for card in booking.cards
            if card.reward_ready
        )
        return " ".join(parts)

    def redeem(self, customer_id: int, program_id: int) -> None:
        try:
            state = stamp_cards.redeem(self._shop, customer_id, program_id, now=self._now())
        except UserError as error:
            self._warn(error)
            return
        self.changed.emit(
            customer_id,
            _("Redeemed: {reward}. {n} stamps carried over.").format(reward=state.program.reward, n=state.stamps),
        )

    def card_menu(self, customer_id: int, program_id: int, anchor: QWidget) -> None:
        menu = QMenu(self._parent)
        menu.addAction(_("Add or remove stamps …"), lambda: self.correct(customer_id, program_id))
        menu.addAction(_("Take over a paper card …"), lambda: self.transfer(customer_id, program_id))
        menu.addAction(_("Print the card …"), lambda: self.print_card(customer_id, program_id))
        menu.exec(anchor.mapToGlobal(anchor.rect().bottomLeft()))

    def correct(self, customer_id: int, program_id: int) -> None:
        stamps, ok = QInputDialog.getInt(
            self._parent, _("Correct stamps"), _("Stamps to add (negative to remove):"), 1, -100, 100
        )
        if not ok:
            return
        reason, ok = QInputDialog.getText(self._parent, _("Correct stamps"), _("Reason (kept in the history):"))
        if not ok:
            return
        try:
            stamp_cards.correct(self._shop, customer_id, program_id, stamps, reason, now=self._now())
        except UserError as error:
            self._warn(error)
            return
        self.changed.emit(customer_id, _("Stamps corrected."))

    def transfer(self, customer_id: int, program_id: int) -> None:
        stamps, ok = QInputDialog.getInt(
            self._parent, _("Take over a paper card"), _("Stamps on her paper card:"), 1, 1, stamp_cards.MAX_TRANSFER
        )
        if not ok:
            return
        try:
            stamp_cards.transfer_paper_card(self._shop, customer_id, program_id, stamps, now=self._now())
        except UserError as error:
            self._warn(error)
            return
        self.changed.emit(customer_id, _("Paper card taken over."))

    def print_card(self, customer_id: int, program_id: int) -> None:
        suggested = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        target, _filter = QFileDialog.getSaveFileName(
            self._parent, _("Save the stamp card"), str(suggested / _("stamp-card.pdf")), _("PDF (*.pdf)")
        )
        if not target:
            return
        try:
            stamp_cards.print_card(
                self._shop, customer_id, program_id, Path(target), today=self._today(), locale=self._locale
            )
        except UserError as error:
            self._warn(error)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(target))
        self.changed.emit(customer_id, _("Stamp card saved as {path}.").format(path=target))

    def accept_suggestion(self, customer_id: int, tag: str) -> None:
        try:
            customer = customer_service.get_customer(self._shop, customer_id)
            likes = (*customer.preferences.likes, tag)
            customer_service.save_customer(
                self._shop, replace(customer, preferences=replace(customer.preferences, likes=likes))
            )
        except UserError as error:
            self._warn(error)
            return
        self.changed.emit(customer_id, _("“{tag}” added to her likes.").format(tag=tag))

    def reverse(self, purchase_id: int) -> None:
        reason, ok = QInputDialog.getText(
            self._parent, _("Reverse purchase"), _("Why is this purchase reversed? (kept in the history)")
        )
        if not ok:
            return
        try:
            purchase = counter.reverse_purchase(self._shop, purchase_id, reason, now=self._now())
        except UserError as error:
            self._warn(error)
            return
        self.changed.emit(
            purchase.customer_id,
            _("Purchase of {amount} reversed.").format(amount=format_money(purchase.amount_cents, self._locale)),
        )

    def _warn(self, error: UserError) -> None:
        QMessageBox.warning(self._parent, _("Frau Emma"), error.message)
