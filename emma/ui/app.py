"""Builds the window and everything it needs: the one place where objects are made and wired."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from emma import __version__
from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.i18n import _, use_language
from emma.i18n.formats import format_number
from emma.services import backups, bug_report
from emma.services import settings as shop_settings
from emma.services.customers import count_customers
from emma.services.demo_shop import fill_demo_shop
from emma.services.setup import needs_setup
from emma.services.shop import Shop, open_shop
from emma.ui.resources import icon, navigation_icon, stylesheet
from emma.ui.views.customers_view import CustomersView
from emma.ui.views.letters_view import LettersView
from emma.ui.views.main_window import Area, MainWindow
from emma.ui.views.recovery import backup_on_close, offer_newest_backup, open_or_recover, restore_with_progress
from emma.ui.views.settings_view import SettingsView
from emma.ui.views.today_view import TodayView
from emma.ui.widgets.lazy_area import LazyArea
from emma.ui.widgets.progress_dialog import run_with_progress
from emma.ui.workers import Worker

DEMO_CUSTOMERS = 500
FIRST_PAINT_MS = 50
DEMO_SEED = 1


class EmmaApp:
    """The running program: the open shop, the window, the language; rebuilds the window on a switch."""

    def __init__(self, qt_app: QApplication, shop: Shop, language: str) -> None:
        self.qt_app = qt_app
        self.shop = shop
        self.language = language
        self.settings = QSettings()
        self.pool = QThreadPool()
        self._qt_translator = QTranslator()
        self.window: MainWindow | None = None
        self.locale = "de_DE"

    def start(self) -> None:
        self._apply_language()
        quick = os.environ.get("EMMA_QUIT_WHEN_SHOWN")  # for the start-up benchmark: shown, painted, gone
        choice = None if quick else self.first_run()
        self.build_window()
        if quick:
            QTimer.singleShot(0, self._report_shown_and_quit)
            return
        warning = backups.place_warning(self.shop.path)
        if warning:
            QMessageBox.warning(self.window, _("Frau Emma"), warning)
        self._check_in_background()
        if choice == "demo":
            self.fill_demo()
        elif choice == "import":
            self.import_customers()

    def first_run(self) -> str | None:
        """On an empty file never set up: the assistant sets up the shop before the window is built (so that the
        window speaks its language and shows its name); gives how the owner wants to begin ("demo", "import",
        "empty"), None when she closed it."""
        if not needs_setup(self.shop):
            return None
        from emma.ui.views.first_run import FirstRunAssistant  # loaded only on a first start

        assistant = FirstRunAssistant(self.shop, self.language)
        choice = assistant.choices().get(assistant.exec())
        if choice is not None:
            self.language = shop_settings.language(self.shop)
        self._apply_language()
        return choice

    def _report_shown_and_quit(self) -> None:
        self.window.repaint()
        print("shown", flush=True)
        self.qt_app.quit()

    def build_window(self) -> None:
        self.locale = shop_settings.shop_locale(self.shop, self.language)
        window = MainWindow(self.settings, shop_settings.shop_name(self.shop))
        self.today = TodayView(self.shop, date.today, self.locale, self.pool)
        window.add_area(Area("today", _("Today"), navigation_icon("home"), self.today))
        self.customers = CustomersView(self.shop, date.today, self.locale)
        window.add_area(Area("customers", _("Customers"), navigation_icon("customers"), self.customers))
        self.letters = LettersView(self.shop, date.today, self.pool)
        window.add_area(Area("letters", _("Letters"), navigation_icon("mail"), self.letters))
        self.insights = LazyArea(lambda: self._build_insights(window))
        window.add_area(Area("insights", _("Insights"), navigation_icon("chart"), self.insights))
        self.settings_view = SettingsView(self.shop, self.language, self.locale)
        self.settings_view.language_chosen.connect(
            lambda code: QTimer.singleShot(0, lambda: self.switch_language(code))
        )
        self.settings_view.country_chosen.connect(lambda _country: QTimer.singleShot(0, self.rebuild_window))
        self.settings_view.programs_changed.connect(self.customers.refresh_current)
        self.settings_view.reminders_changed.connect(self.today.reload)
        self.settings_view.backups.restore_wanted.connect(self.restore_backup)
        self.settings_view.backups.status_message.connect(lambda text: window.statusBar().showMessage(text, 15000))
        window.add_area(Area("settings", _("Settings"), navigation_icon("settings"), self.settings_view))
        self.customers.customers_changed.connect(self.update_count)
        self.customers.customers_changed.connect(self.today.reload)
        self.customers.reminders_changed.connect(self.today.reload)
        self.customers.status_message.connect(lambda text: window.statusBar().showMessage(text, 15000))
        self.today.status_message.connect(lambda text: window.statusBar().showMessage(text, 15000))
        self.letters.status_message.connect(lambda text: window.statusBar().showMessage(text, 15000))
        self.today.count_changed.connect(lambda count: window.set_badge("today", count))
        self.today.open_customer.connect(self.open_customer)
        self.today.letters_wanted.connect(self.letters_for_reminders)
        self.letters.reminders_done.connect(self.today.reload)
        self._add_menus(window)
        self.window = window
        self.update_count()
        window.restore_state("today")
        window.show()
        # The day's reminders are computed once the window has painted: it appears first, its list a moment later.
        QTimer.singleShot(FIRST_PAINT_MS, self.today.reload)
        self.today.tree.setFocus()

    def letters_for_reminders(self, occasion: str) -> None:
        self.window.show_area("letters")
        self.letters.write_for_reminders(Occasion(occasion))

    def _build_insights(self, window: MainWindow):
        """The Auswertung, built when first shown (Qt Charts is loaded with it, not at the start)."""
        from emma.ui.views.insights_view import InsightsView

        view = InsightsView(self.shop, date.today, self.locale, self.pool)
        view.open_customer.connect(self.open_customer)
        view.letters_wanted.connect(self.letters_to)
        view.status_message.connect(lambda text: window.statusBar().showMessage(text, 15000))
        return view

    def _add_exchange_actions(self, window: MainWindow, menu) -> None:
        """Import, export and the list of imports (each opens its dialog; their modules load when first used)."""

        imported = self.imported
        import_file = self.import_customers

        def export_file() -> None:
            from emma.ui.views.export_dialog import choose_and_export

            choose_and_export(window, self.shop, self.pool)

        def history() -> None:
            from emma.ui.views.import_history import ImportHistory

            dialog = ImportHistory(self.shop, window)
            dialog.undone.connect(imported)
            dialog.exec()

        for text, shortcut, action in (
            (_("&Import customers …"), "Ctrl+I", import_file),
            (_("&Export customers …"), "Ctrl+E", export_file),
            (_("Imports …"), "", history),
        ):
            item = menu.addAction(text, action)
            if shortcut:
                item.setShortcut(shortcut)

    def letters_to(self, customers: dict[int, str]) -> None:
        self.window.show_area("letters")
        self.letters.write_to(customers)

    def open_customer(self, customer_id: int) -> None:
        self.window.show_area("customers")
        self.customers.open_customer(customer_id)

    def _add_menus(self, window: MainWindow) -> None:
        file_menu = window.menuBar().addMenu(_("&File"))
        file_menu.addAction(self.customers.new_action)
        file_menu.addAction(self.customers.duplicates_action)
        file_menu.addSeparator()
        self._add_exchange_actions(window, file_menu)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), window)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(window.close)
        file_menu.addAction(quit_action)

        view_menu = window.menuBar().addMenu(_("&View"))
        language_menu = view_menu.addMenu(_("&Language"))
        group = QActionGroup(window)
        for code, name in (("de", "Deutsch"), ("en", "English")):
            action = QAction(name, window, checkable=True, checked=code == self.language)
            action.triggered.connect(lambda _checked=False, code=code: self.switch_language(code))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = window.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About Frau Emma"), window)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def update_count(self) -> None:
        if self.window is not None:
            count = format_number(count_customers(self.shop), self.locale)
            self.window.set_customer_count(_("{count} customers").format(count=count))

    def switch_language(self, code: str) -> None:
        if code == self.language or self.window is None:
            return
        shop_settings.set_language(self.shop, code)
        self.language = code
        self._apply_language()
        self.rebuild_window()

    def rebuild_window(self) -> None:
        """A new window in the language and locale now chosen, on the same area."""
        if self.window is None:
            return
        area = self.window.current_area()
        old = self.window
        old.close()
        old.deleteLater()
        self.build_window()
        self.window.show_area(area)

    def _apply_language(self) -> None:
        use_language(self.language)
        self.qt_app.removeTranslator(self._qt_translator)
        translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if self._qt_translator.load(QLocale(self.language), "qtbase", "_", translations):
            self.qt_app.installTranslator(self._qt_translator)
        QLocale.setDefault(QLocale(self.language))

    def imported(self) -> None:
        self.update_count()
        self.customers.reload()
        self.today.reload()

    def import_customers(self) -> None:
        from emma.ui.views.import_wizard import choose_and_import

        choose_and_import(self.window, self.shop, self.pool, self.imported)

    def fill_demo(self) -> None:
        path = self.shop.path

        def job(progress, cancelled):
            # The worker has a connection of its own: SQLite connections do not cross threads.
            worker_shop = open_shop(path)
            try:
                return fill_demo_shop(worker_shop, DEMO_CUSTOMERS, DEMO_SEED, progress=progress, cancelled=cancelled)
            finally:
                worker_shop.close()

        ok, result = run_with_progress(self.window, _("Filling the demo shop …"), job, self.pool)
        if not ok:
            self.report(result)
        self.customers.reload()
        self.today.reload()
        self.update_count()

    def show_about(self) -> None:
        from emma.ui.views.about_dialog import AboutDialog

        AboutDialog(self.shop.path, self.window).exec()

    def report(self, error: BaseException) -> None:
        """A user error is one sentence; anything else is a bug, apologised for and logged."""
        if isinstance(error, UserError):
            QMessageBox.warning(self.window, _("Frau Emma"), error.message)
            return
        log = bug_report.write(error)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_("Frau Emma"))
        box.setText(_("Sorry – something went wrong inside Frau Emma. Your data is safe."))
        box.setInformativeText(_("The details are written to {log}.").format(log=log))
        copy = box.addButton(_("Copy details"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(bug_report.details(error)))
        box.exec()

    def _check_in_background(self) -> None:
        """The quick check of the file at start, off the GUI thread (seconds for a big shop); damage is offered
        the newest good backup."""
        path = self.shop.path
        if path is None:
            return
        self._check_worker = Worker(lambda _progress, _cancelled: backups.quick_check_file(path))
        self._check_worker.signals.finished.connect(
            lambda problem: problem and self._reopen(lambda: offer_newest_backup(None, path, problem, self.pool))
        )
        self.pool.start(self._check_worker)

    def restore_backup(self, backup: Path) -> None:
        path = self.shop.path
        self._reopen(lambda: restore_with_progress(None, path, backup, self.pool) is not None)

    def _reopen(self, mend) -> None:
        """Closes the window and the file, runs `mend` on the closed file, then opens it in a new window."""
        path = self.shop.path
        self.pool.waitForDone()
        self.qt_app.setQuitOnLastWindowClosed(False)  # a moment without a window is no reason to quit
        try:
            old, self.window = self.window, None
            old.close()
            old.deleteLater()
            self.shop.close()
            mend()
            try:
                self.shop = open_shop(path, exclusive=True)
            except UserError as error:
                QMessageBox.critical(None, _("Frau Emma"), error.message)
                self.shop = None
                self.qt_app.quit()
                return
            self.build_window()
        finally:
            self.qt_app.setQuitOnLastWindowClosed(True)

    def close(self) -> None:
        self.pool.waitForDone()
        if self.shop is None:
            return
        if not os.environ.get("EMMA_QUIT_WHEN_SHOWN"):  # the start-up benchmark measures the start alone
            backup_on_close(self.shop, datetime.now())
        self.shop.close()


def run_gui(db_path: Path, language: str | None) -> int:
    """Starts the window on the customer file at `db_path`; returns the exit code."""
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setOrganizationName("FrauEmma")
    qt_app.setApplicationName("Frau Emma")
    qt_app.setApplicationVersion(__version__)
    qt_app.setWindowIcon(icon("app"))
    qt_app.setStyle("Fusion")
    qt_app.setStyleSheet(stylesheet())
    use_language(language or "de")
    shop = open_or_recover(db_path, QThreadPool())
    if shop is None:
        return 2
    app = EmmaApp(qt_app, shop, language or shop_settings.language(shop))
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, error, trace: app.report(error)
    try:
        QTimer.singleShot(0, app.start)
        return qt_app.exec()
    finally:
        sys.excepthook = previous_hook
        app.close()
