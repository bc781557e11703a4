"""The Monatsbericht: which month (the last twelve offered), written as a PDF and opened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from babel.dates import format_date as babel_date
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from emma.domain.errors import UserError
from emma.i18n import _, current_language
from emma.services.insights import month_starts
from emma.services.shop import Shop, data_folder


def ask_and_write_report(parent: QWidget, shop: Shop, today: date, tell: Callable[[str], None]) -> None:
    from emma.services.monthly_report import write_monthly_report

    months = month_starts(today, 12)[::-1]
    locale = "de_DE" if current_language() == "de" else "en_GB"
    names = [babel_date(month, "MMMM yyyy", locale=locale) for month in months]
    chosen, ok = QInputDialog.getItem(parent, _("Monthly report"), _("Which month?"), names, 0, False)
    if not ok:
        return
    month = months[names.index(chosen)]
    folder = data_folder() / _("Monthly reports")
    target = folder / f"{_('monthly-report')}-{month.isoformat()[:7]}.pdf"
    try:
        written = write_monthly_report(shop, month, target)
    except UserError as error:
        QMessageBox.warning(parent, _("Monthly report"), error.message)
        return
    tell(_("The monthly report is at {path}.").format(path=written))
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
