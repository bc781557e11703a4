"""Heute: whom to think of today and this week, each reminder one click from being dealt with."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.domain.letters import OCCASION_OF_REMINDER, Occasion
from emma.domain.reminders import Reminder
from emma.i18n import _, current_language
from emma.i18n.formats import format_date
from emma.services import letters as letter_service
from emma.services import reminders as reminder_service
from emma.services.shop import Shop, data_folder, file_name_part
from emma.ui.models.reminder_list import ReminderListModel, ReminderRole
from emma.ui.resources import icon
from emma.ui.workers import Worker

# The actions in the last column, in order: (key, icon, tooltip).
ACTIONS = (
    ("done", "check", lambda: _("Done (Ctrl+D)")),
    ("snooze", "snooze", lambda: _("Later: tomorrow, in a week or on a day you choose")),
    ("call", "phone", lambda: _("Call: show her phone number")),
    ("letter", "mail", lambda: _("Write her a letter for this occasion")),
    ("open", "open", lambda: _("Open the customer (Enter)")),
)
_ICON = 22
_GAP = 6


class ActionsDelegate(QStyledItemDelegate):
    """Paints the actions of a reminder as small icons and reports a click on one of them."""

    def __init__(self, triggered: Callable[[str, QModelIndex], None], enabled: Callable[[str, Reminder], bool],
                 parent=None) -> None:  # fmt: skip
        super().__init__(parent)
        self._triggered = triggered
        self._enabled = enabled
        self._icons = {key: icon(name) for key, name, _tip in ACTIONS}

    @staticmethod
    def rects(option_rect: QRect) -> list[tuple[str, QRect]]:
        top = option_rect.top() + (option_rect.height() - _ICON) // 2
        return [
            (key, QRect(option_rect.left() + _GAP + n * (_ICON + _GAP), top, _ICON, _ICON))
            for n, (key, _name, _tip) in enumerate(ACTIONS)
        ]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(len(ACTIONS) * (_ICON + _GAP) + _GAP, _ICON + 8)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        reminder = index.data(ReminderRole)
        QApplication.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        if reminder is None:
            return
        for key, rect in self.rects(option.rect):
            mode = QIcon.Mode.Normal if self._enabled(key, reminder) else QIcon.Mode.Disabled
            self._icons[key].paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode)

    def editorEvent(self, event, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and index.data(ReminderRole) is not None:
            for key, rect in self.rects(option.rect):
                if rect.contains(event.position().toPoint()):
                    if self._enabled(key, index.data(ReminderRole)):
                        self._triggered(key, index)
                    return True
        return super().editorEvent(event, model, option, index)

    def helpEvent(self, event, view, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.data(ReminderRole) is not None:
            for key, rect in self.rects(option.rect):
                if rect.contains(event.pos()):
                    tip = dict((k, t) for k, _n, t in ACTIONS)[key]()
                    QToolTip.showText(event.globalPos(), tip, view, rect)
                    return True
        return super().helpEvent(event, view, option, index)


class ReminderTree(QTreeView):
    open_current = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current.emit()
        else:
            super().keyPressEvent(event)


class TodayView(QWidget):
    """The Heute area. `open_customer(id)` asks the window to show her; `count_changed(n)` is what is due today."""

    open_customer = Signal(int)
    count_changed = Signal(int)
    status_message = Signal(str)
    letters_wanted = Signal(str)  # an occasion: write the letters for all its open reminders in Briefe

    def __init__(self, shop: Shop, today: Callable[[], date], locale: str, pool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._today = today
        self._locale = locale
        self._pool = pool
        self._shown_day: date | None = None
        self._worker: Worker | None = None  # the one computing now
        self._workers: list[Worker] = []  # kept until their run() has returned (the pool holds no reference)
        self._again = False
        self._last_change: Reminder | None = None

        self.title = QLabel(_("Today"))
        self.title.setObjectName("AreaTitle")
        self.day_label = QLabel()
        self.day_label.setObjectName("AreaSubtitle")
        self.print_button = QPushButton(icon("print"), _("Print day sheet"))
        self.print_button.setToolTip(_("The day's list on one A4 page, to work from paper (Ctrl+P)"))
        self.arrival_button = QPushButton(icon("star"), _("New arrival …"))
        self.arrival_button.setToolTip(_("Something just came in: who would like it?"))
        self.letters_button = QPushButton(icon("mail"), _("All letters …"))
        self.letters_button.setToolTip(_("All letters for open birthdays, thank-yous, win-backs or rewards at once"))
        self.letters_button.setMenu(QMenu(self.letters_button))
        self.letters_button.menu().aboutToShow.connect(self._offer_letters)
        self.empty_label = QLabel(_("Nothing to remember today. Enjoy the day!"))
        self.empty_label.setObjectName("EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.model = ReminderListModel(locale, self)
        self.tree = ReminderTree()
        self.tree.setModel(self.model)
        self.tree.setObjectName("ReminderTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIconSize(QSize(18, 18))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setMouseTracking(True)
        self.delegate = ActionsDelegate(self._act_on_index, self._enabled, self.tree)
        self.tree.setItemDelegateForColumn(ReminderListModel.ACTIONS, self.delegate)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(ReminderListModel.REASON, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ReminderListModel.WHEN, 110)
        header.resizeSection(ReminderListModel.CUSTOMER, 230)
        header.resizeSection(ReminderListModel.PHONE, 140)
        header.resizeSection(ReminderListModel.ACTIONS, len(ACTIONS) * (_ICON + _GAP) + _GAP + 4)

        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.day_label)
        top.addLayout(heading, 1)
        top.addWidget(self.arrival_button)
        top.addWidget(self.letters_button)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label, 1)
        self.empty_label.hide()

        self.done_action = QAction(icon("check"), _("&Done"), self)
        self.done_action.setShortcut(QKeySequence("Ctrl+D"))
        self.done_action.triggered.connect(lambda: self._act("done"))
        self.undo_action = QAction(icon("undo"), _("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        for action in (self.done_action, self.undo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        printing = QShortcut(QKeySequence("Ctrl+P"), self, self.print_day_sheet)
        printing.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.open_current.connect(lambda: self._act("open"))
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.print_button.clicked.connect(self.print_day_sheet)
        self.arrival_button.clicked.connect(self.new_arrival)

        # "Today" is the machine's date: if the window stays open over midnight, the list follows.
        self.clock = QTimer(self)
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self._check_day)
        self.clock.start()

    # --- loading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Computes the day's reminders (off the GUI thread when the shop is a file) and shows them."""
        if self._shop.closed:
            # The window is being replaced (a backup restored): a reload asked for before must not open the file,
            # which the restore needs to itself.
            return
        today = self._today()
        if self._shop.path is None:  # a shop in memory has no second connection: compute here
            self._show(reminder_service.reminders_for(self._shop, today), today)
            return
        if self._worker is not None:
            self._again = True
            return
        path = self._shop.path

        def job(_progress, _cancelled):
            from emma.services.shop import open_shop

            shop = open_shop(path)  # a connection of its own: SQLite connections do not cross threads
            try:
                return today, reminder_service.reminders_for(shop, today)
            finally:
                shop.close()

        self._workers = [worker for worker in self._workers if not worker.ran]
        self._worker = Worker(job)
        self._workers.append(self._worker)
        # Bound methods, not lambdas: Qt drops the connection when this view is gone before the answer.
        self._worker.signals.finished.connect(self._loaded)
        self._worker.signals.failed.connect(self._failed)
        self._pool.start(self._worker)

    def _loaded(self, result: tuple[date, list[Reminder]]) -> None:
        self._worker = None
        if self._again:
            self._again = False
            self.reload()
            return
        today, found = result
        self._show(found, today)

    def _failed(self, error: BaseException) -> None:
        self._worker = None
        message = error.message if isinstance(error, UserError) else _("The reminders could not be read.")
        self.status_message.emit(message)

    def _show(self, found: list[Reminder], today: date) -> None:
        current = self.tree.currentIndex().data(ReminderRole)
        self._shown_day = today
        self.day_label.setText(format_date(today, self._locale, "full"))
        self.model.show_reminders(found, today)
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.setVisible(bool(found))
        self.empty_label.setVisible(not found)
        if current is not None:
            index = self.model.index_of(current.key)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        if not self.tree.currentIndex().isValid() and found:
            self.tree.setCurrentIndex(self.model.index(0, ReminderListModel.CUSTOMER, self.model.index(0, 0)))
        self.count_changed.emit(reminder_service.open_count(found, today))

    def wait_for_reload(self) -> None:
        """For tests and for closing: until the reminders being computed are shown."""
        while self._worker is not None:
            self._pool.waitForDone(50)
            QApplication.processEvents()

    def _check_day(self) -> None:
        if self._shown_day is not None and self._today() != self._shown_day:
            self.reload()

    # --- acting -------------------------------------------------------------------------------------

    def current_reminder(self) -> Reminder | None:
        return self.tree.currentIndex().data(ReminderRole)

    def _enabled(self, key: str, reminder: Reminder) -> bool:
        if key == "letter":
            return reminder.kind in OCCASION_OF_REMINDER
        if key == "call":
            return bool(reminder.person.phone)
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() != ReminderListModel.ACTIONS and index.data(ReminderRole) is not None:
            self._act("open")

    def _act_on_index(self, key: str, index: QModelIndex) -> None:
        self.tree.setCurrentIndex(index)
        self._act(key, index)

    def _act(self, key: str, index: QModelIndex | None = None) -> None:
        reminder = self.current_reminder()
        if reminder is None:
            return
        if key == "open":
            self.open_customer.emit(reminder.customer_id)
        elif key == "call":
            self.call(reminder)
        elif key == "done":
            self._change(reminder, lambda: reminder_service.mark_done(self._shop, reminder),
                         _("Done: {name}. Ctrl+Z takes it back.").format(name=reminder.person.name))  # fmt: skip
        elif key == "snooze":
            self._snooze_menu(reminder, index)
        elif key == "letter" and reminder.kind in OCCASION_OF_REMINDER:
            self.write_letter(reminder)

    def write_letter(self, reminder: Reminder) -> None:
        """Her letter for the occasion as a PDF, opened to print; the reminder then counts as done."""
        occasion = OCCASION_OF_REMINDER[reminder.kind]
        today = self._today()
        safe_name = file_name_part(reminder.person.name, str(reminder.customer_id))
        target = data_folder() / _("Letters") / f"{today.isoformat()}-{occasion.value}-{safe_name}.pdf"
        try:
            result = letter_service.write_letters(
                self._shop, occasion, [reminder.customer_id], target, language=current_language(), today=today,
                birthday_window=(reminder.due, reminder.due),
            )  # fmt: skip
        except UserError as error:
            QMessageBox.warning(self, _("Write a letter"), error.message)
            return
        if result.skipped:
            reason = result.skipped[0].reason.label()
            QMessageBox.information(self, _("Write a letter"), _("No letter for {name}: {reason}.").format(
                name=reminder.person.name, reason=reason))  # fmt: skip
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        self._change(reminder, lambda: reminder_service.mark_done(self._shop, reminder),
                     _("Letter for {name} written to {path}; the reminder is done (Ctrl+Z takes it back).")
                     .format(name=reminder.person.name, path=target))  # fmt: skip

    def call(self, reminder: Reminder) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(_("Call"))
        box.setIconPixmap(icon("phone").pixmap(40, 40))
        box.setText(f"<b>{_escape(reminder.person.name)}</b><br><span style='font-size:20pt'>"
                    f"{_escape(reminder.person.phone)}</span>")  # fmt: skip
        box.setInformativeText(self.model.text_of(reminder))
        copy = box.addButton(_("Copy number"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is copy:
            QApplication.clipboard().setText(reminder.person.phone)

    def _snooze_menu(self, reminder: Reminder, index: QModelIndex | None) -> None:
        menu = QMenu(self)
        today = self._today()
        menu.addAction(_("Tomorrow"), lambda: self.snooze(reminder, today + timedelta(days=1)))
        menu.addAction(_("In a week"), lambda: self.snooze(reminder, today + timedelta(days=7)))
        menu.addAction(_("On a day …"), lambda: self._snooze_to_chosen_day(reminder))
        if index is not None and index.isValid():
            rect = self.tree.visualRect(index)
            menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))
        else:
            menu.popup(self.tree.viewport().mapToGlobal(self.tree.visualRect(self.tree.currentIndex()).bottomLeft()))

    def _snooze_to_chosen_day(self, reminder: Reminder) -> None:
        from emma.ui.views.day_picker import pick_day  # dialogs load when first opened: a quicker start

        today = self._today()
        day = pick_day(self, _("Remind again on"), today + timedelta(days=1), minimum=today + timedelta(days=1))
        if day is not None:
            self.snooze(reminder, day)

    def snooze(self, reminder: Reminder, until: date) -> None:
        when = format_date(until, self._locale, "long")
        now = datetime.combine(self._today(), datetime.now().time())
        self._change(
            reminder,
            lambda: reminder_service.snooze(self._shop, reminder, until, now=now),
            _("{name} comes back on {date}. Ctrl+Z takes it back.").format(name=reminder.person.name, date=when),
        )

    def _change(self, reminder: Reminder, change: Callable[[], None], message: str) -> None:
        try:
            change()
        except UserError as error:
            QMessageBox.warning(self, _("Reminder"), error.message)
            return
        self._last_change = reminder
        self.undo_action.setEnabled(True)
        self.status_message.emit(message)
        self._move_on_from(reminder)
        self.reload()

    def _move_on_from(self, reminder: Reminder) -> None:
        """Selects the reminder after the one dealt with, so the owner can go on down the list."""
        reminders = self.model.reminders()
        keys = [r.key for r in reminders]
        if reminder.key in keys:
            following = reminders[keys.index(reminder.key) + 1 :] or reminders[: keys.index(reminder.key)][-1:]
            if following:
                index = self.model.index_of(following[0].key)
                self.tree.setCurrentIndex(index)

    def undo(self) -> None:
        if self._last_change is None:
            return
        reminder_service.undo(self._shop, self._last_change)
        self.status_message.emit(_("Taken back: {name}.").format(name=self._last_change.person.name))
        self._last_change = None
        self.undo_action.setEnabled(False)
        self.reload()

    def _context_menu(self, position) -> None:
        index = self.tree.indexAt(position)
        reminder = index.data(ReminderRole)
        if reminder is None:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        for key, name, tip in ACTIONS:
            action = menu.addAction(icon(name), tip(), lambda key=key: self._act(key, index))
            action.setEnabled(self._enabled(key, reminder))
        menu.exec(self.tree.viewport().mapToGlobal(position))

    # --- paper and new arrivals ------------------------------------------------------------------------

    def _offer_letters(self) -> None:
        """One entry per occasion with open reminders, with how many."""
        menu = self.letters_button.menu()
        menu.clear()
        counts: dict[Occasion, set[int]] = {}
        for reminder in self.model.reminders():
            if reminder.kind in OCCASION_OF_REMINDER:
                counts.setdefault(OCCASION_OF_REMINDER[reminder.kind], set()).add(reminder.customer_id)
        for occasion in Occasion:
            if occasion in counts:
                count = len(counts[occasion])
                label = _("{occasion}: {count} letters …").format(occasion=occasion.label(), count=count)
                menu.addAction(icon("mail"), label, lambda occasion=occasion: self.letters_wanted.emit(occasion.value))
        if menu.isEmpty():
            menu.addAction(_("No open reminder asks for a letter.")).setEnabled(False)

    def print_day_sheet(self) -> None:
        today = self._today()
        name = _("Day sheet")
        target = data_folder() / name / f"{name}-{today.isoformat()}.pdf"
        try:
            path = reminder_service.print_day_sheet(self._shop, self.model.reminders(), today, self._locale, target)
        except UserError as error:
            QMessageBox.warning(self, _("Print day sheet"), error.message)
            return
        self.status_message.emit(_("The day sheet is at {path}.").format(path=path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def new_arrival(self) -> None:
        from emma.ui.views.arrival_dialog import ArrivalDialog

        ArrivalDialog(self._shop, self._locale, self).exec()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
