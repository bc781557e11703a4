"""Exporting the customers: the owner names the file (CSV for Excel, Excel workbook or vCards), the export
runs off the GUI thread with a progress bar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from emma.domain.errors import UserError
from emma.i18n import _, ngettext
from emma.services import exporting
from emma.services.shop import Shop
from emma.ui.widgets.progress_dialog import run_with_progress

FILTERS = {
    ".csv": lambda: _("CSV for Excel (*.csv)"),
    ".xlsx": lambda: _("Excel workbook (*.xlsx)"),
    ".vcf": lambda: _("vCards for address books (*.vcf)"),
}


def choose_and_export(parent: QWidget, shop: Shop, pool) -> Path | None:
    """Asks where to, writes the file; returns it (None when she cancelled or it failed, which she was told)."""
    filters = [describe() for describe in FILTERS.values()]
    suggested = Path.home() / _("customers-{day}.csv").format(day=date.today().isoformat())
    chosen, chosen_filter = QFileDialog.getSaveFileName(parent, _("Export customers"), str(suggested),
                                                        ";;".join(filters))  # fmt: skip
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() not in FILTERS:
        extension = next((ext for ext, describe in FILTERS.items() if describe() == chosen_filter), ".csv")
        target = target.with_name(target.name + extension)
    shop_path = shop.path

    def job(progress, cancelled):
        from emma.services.shop import open_shop

        own = open_shop(shop_path) if shop_path is not None else shop
        try:
            return exporting.export_customers(own, target, progress=progress, cancelled=cancelled)
        finally:
            if shop_path is not None:
                own.close()

    ok, outcome = run_with_progress(parent, _("Exporting the customers …"), job, pool)
    if not ok:
        message = outcome.message if isinstance(outcome, UserError) else str(outcome)
        QMessageBox.warning(parent, _("Export customers"), message)
        return None
    QMessageBox.information(parent, _("Export customers"), ngettext(
        "{count} customer exported to {path}.", "{count} customers exported to {path}.", outcome,
    ).format(count=outcome, path=target))  # fmt: skip
    return target
