"""Data protection from the customer's panel: objection, consent form, signed consent, Auskunft and erasure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from emma.domain.errors import UserError
from emma.i18n import _, ngettext
from emma.services import gdpr, gdpr_disclosure
from emma.services.shop import Shop, file_name_part
from emma.ui.views.consent_dialog import ConsentDialog
from emma.ui.widgets.progress_dialog import run_with_progress

ACTIONS = ("object", "lift", "form", "signed", "export", "erase")


class PrivacyActions(QObject):
    """Runs the dialogs over the data-protection services. `changed(customer_id, message)` after a change to
    her, `erased(message)` after she was erased (she is gone from the lists)."""

    changed = Signal(int, str)
    erased = Signal(str)

    def __init__(self, shop: Shop, today: Callable[[], date], parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._shop = shop
        self._today = today
        self._parent = parent_widget
        self._pool = QThreadPool(self)

    def handle(self, customer_id: int, action: str) -> None:
        try:
            getattr(self, f"_{action}")(customer_id)
        except UserError as error:
            QMessageBox.warning(self._parent, _("Data protection"), error.message)

    def _object(self, customer_id: int) -> None:
        customer = gdpr.object_to_advertising(self._shop, customer_id, today=self._today())
        self.changed.emit(customer_id, _("Objection recorded: {name} gets no more letters or e-mail.").format(
            name=customer.full_name))  # fmt: skip

    def _lift(self, customer_id: int) -> None:
        answer = QMessageBox.question(
            self._parent,
            _("Lift the objection"),
            _("Did she take her objection back (best in writing)? Letters to her are allowed again."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        gdpr.lift_objection(self._shop, customer_id)
        self.changed.emit(customer_id, _("Objection lifted."))

    def _form(self, customer_id: int) -> None:
        customer = gdpr.living_customer(self._shop, customer_id)
        target = self._ask_target(_("Save the consent form"), _("consent-{name}.pdf"), customer.full_name)
        if target is None:
            return
        gdpr.write_consent_form(self._shop, customer_id, target, today=self._today())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        self.changed.emit(customer_id, _("Consent form saved as {path}.").format(path=target))

    def _signed(self, customer_id: int) -> None:
        customer = gdpr.living_customer(self._shop, customer_id)
        dialog = ConsentDialog(
            customer,
            self._today(),
            lambda day, letters, email: gdpr.record_consent(
                self._shop, customer_id, day, letters=letters, email=email, today=self._today()
            ),
            self._parent,
        )
        if dialog.exec() == ConsentDialog.DialogCode.Accepted:
            self.changed.emit(customer_id, _("Consent recorded."))

    def _export(self, customer_id: int) -> None:
        customer = gdpr.living_customer(self._shop, customer_id)
        target = self._ask_target(_("Save the information (Art. 15)"), _("information-{name}.pdf"),
                                  customer.full_name)  # fmt: skip
        if target is None:
            return
        files = gdpr_disclosure.export_customer_data(self._shop, customer_id, target, today=self._today())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(files.pdf)))
        self.changed.emit(customer_id, _("Information saved as {pdf} and {json}.").format(
            pdf=files.pdf, json=files.json.name))  # fmt: skip

    def _erase(self, customer_id: int) -> None:
        customer = gdpr.living_customer(self._shop, customer_id)
        answer = QMessageBox.question(
            self._parent,
            _("Erase customer"),
            _(
                "Erase every personal detail of {name}? Her purchases stay in the books without her name. "
                "This cannot be undone; a safety backup is made first."
            ).format(name=customer.full_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.erase_many([customer_id])

    def erase_many(self, customer_ids: list[int]) -> bool:
        """Erases them (after the caller asked) and says what became of it; False when it failed."""
        # Off the GUI thread: the safety backup and the rewritten file take 20 s for a shop of 100,000.
        ok, result = run_with_progress(
            self._parent,
            _("Erasing, making a safety backup first and rewriting the file …"),
            lambda _progress, _cancelled: gdpr.erase_customers(self._shop, customer_ids),
            self._pool,
        )
        if not ok:
            if not isinstance(result, UserError):
                raise result
            QMessageBox.warning(self._parent, _("Data protection"), result.message)
            return False
        message = ngettext("{n} customer erased.", "{n} customers erased.", len(result.erased)).format(
            n=len(result.erased)
        )
        if result.mentioned_by:
            QMessageBox.information(
                self._parent,
                _("Erase customer"),
                _("Her name still appears in the notes or to-dos of customers {ids}. Please change them there.").format(
                    ids=", ".join(map(str, result.mentioned_by))
                ),
            )
        self.erased.emit(message)
        return True

    def _ask_target(self, title: str, pattern: str, name: str) -> Path | None:
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        suggested = folder / pattern.format(name=file_name_part(name, "customer"))
        chosen, _filter = QFileDialog.getSaveFileName(self._parent, title, str(suggested), _("PDF (*.pdf)"))
        return Path(chosen) if chosen else None
