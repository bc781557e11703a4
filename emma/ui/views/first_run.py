"""The first start on an empty customer file: the shop set up in a few steps, then demo, empty start or import.

Welcome (with the language) → shop and kind → address and letters → country and language → stamp card →
backups → how to begin. Nothing is kept until the last step; then everything at once, through the services.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.domain.shop_setup import kind_defaults, kind_name, locale_for, preset_program
from emma.i18n import _, use_language
from emma.i18n.formats import country_name, currency_of
from emma.services import backups
from emma.services import settings as shop_settings
from emma.services.setup import ShopSetup, apply_setup, current_setup
from emma.services.shop import Shop
from emma.ui.resources import icon
from emma.ui.views.first_run_pages import (
    LANGUAGE_NAMES,
    BackupPage,
    CountryPage,
    LetterheadPage,
    Page,
    ShopPage,
    StampPage,
)

STYLE = """
#FirstRunSide { background: #2f5d50; }
#FirstRunSide QLabel { color: #b9cfc6; font-size: 11pt; padding: 4px 0; }
#FirstRunSide QLabel#FirstRunBrand { color: #f4ead5; font-size: 16pt; font-weight: 600; }
#FirstRunSide QLabel[current="true"] { color: #ffffff; font-weight: 700; }
QLabel#FirstRunTitle { font-size: 19pt; font-weight: 600; color: #2f5d50; }
QLabel#FirstRunText { font-size: 11pt; color: #3b4a5a; }
QLabel#FirstRunSummary { font-size: 11pt; color: #3b4a5a; background: #ffffff; border: 1px solid #dde2e6;
                         border-radius: 8px; padding: 10px 14px; }
QLabel#FirstRunError { color: #c0392b; font-size: 10.5pt; }
QRadioButton#FirstRunChoice { font-size: 11pt; padding: 3px 0; }
QLineEdit { font-size: 11pt; padding: 7px 10px; }
QPushButton#FirstRunBig { min-height: 58px; border-radius: 10px; padding: 6px 18px; }
QPushButton#FirstRunBig[primary="true"] { background: #2f5d50; border-color: #2f5d50; }
QPushButton#FirstRunBig[primary="true"]:hover { background: #3c6e60; }
QPushButton#FirstRunBig QLabel { font-size: 11.5pt; font-weight: 600; color: #24303c; }
QPushButton#FirstRunBig QLabel#FirstRunCaption { font-size: 9.5pt; font-weight: 400; color: #5d6b78; }
QPushButton#FirstRunBig[primary="true"] QLabel { color: #ffffff; }
QPushButton#FirstRunBig[primary="true"] QLabel#FirstRunCaption { color: #d9e7e1; }
QPushButton#FirstRunNav { min-width: 120px; min-height: 34px; font-size: 11pt; }
QPushButton#FirstRunLanguage { min-width: 90px; }
QPushButton#FirstRunLanguage:checked { background: #dbe8e3; border-color: #2f5d50; font-weight: 600; }
"""


def big_button(title: str, caption: str, *, primary: bool = False) -> QPushButton:
    """A large button with a second line that says what it does."""
    button = QPushButton()
    button.setObjectName("FirstRunBig")
    button.setProperty("primary", primary)
    button.setAccessibleName(title)
    words = QVBoxLayout(button)
    words.setContentsMargins(18, 8, 18, 8)
    words.setSpacing(2)
    for text, name in ((title, "FirstRunBigTitle"), (caption, "FirstRunCaption")):
        label = QLabel(text)
        label.setObjectName(name)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words.addWidget(label)
    button.setMinimumHeight(64)
    return button


class FirstRunAssistant(QDialog):
    """`exec()` gives DEMO, EMPTY or IMPORT once the shop is kept; Rejected when closed before (nothing kept)."""

    DEMO = 2
    EMPTY = 3
    IMPORT = 4

    def __init__(self, shop: Shop, language: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self.setup: ShopSetup = current_setup(shop)
        if language is not None:
            self.setup = replace(self.setup, language=language)
        self._default_folder = backups.default_backup_folder(shop.path) if shop.path is not None else None
        self.setMinimumSize(880, 580)
        self.setStyleSheet(STYLE)
        self._outer = QHBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._frame: QWidget | None = None
        self._build(0)

    @classmethod
    def choices(cls) -> dict[int, str]:
        """`exec()`'s results by name."""
        return {cls.DEMO: "demo", cls.EMPTY: "empty", cls.IMPORT: "import"}

    # -- building (again, after a switch of language) ------------------------------------------------------
    def _build(self, index: int) -> None:
        if self._frame is not None:
            self._frame.hide()
            self._frame.deleteLater()
        self.setWindowTitle(_("Welcome to Frau Emma"))
        self._frame = frame = QWidget()
        self._outer.addWidget(frame)
        self.shop_page = ShopPage()
        self.letterhead_page = LetterheadPage()
        self.country_page = CountryPage()
        locale = locale_for(self.setup.country, self.setup.language)
        self.stamp_page = StampPage(locale)
        self.backup_page = BackupPage(self._default_folder)
        self.pages: list[Page] = [
            self.shop_page,
            self.letterhead_page,
            self.country_page,
            self.stamp_page,
            self.backup_page,
        ]
        for page in self.pages:
            page.load(self.setup)
        self.shop_page.kind_changed.connect(self.stamp_page.suggest)
        self.country_page.language_chosen.connect(self.switch_language)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._welcome_page())
        for page in self.pages:
            self.stack.addWidget(self._framed(page))
        self.stack.addWidget(self._finish_page())

        self.error = QLabel()
        self.error.setObjectName("FirstRunError")
        self.error.setWordWrap(True)
        self.back_button = QPushButton(_("&Back"))
        self.next_button = QPushButton(_("&Next"))
        for button in (self.back_button, self.next_button):
            button.setObjectName("FirstRunNav")
            button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch()
        nav.addWidget(self.next_button)
        main = QVBoxLayout()
        main.setContentsMargins(36, 30, 36, 24)
        main.setSpacing(10)
        main.addWidget(self.stack, 1)
        main.addWidget(self.error)
        main.addLayout(nav)
        row = QHBoxLayout(frame)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._sidebar())
        row.addLayout(main, 1)
        self.show_step(index)

    def _sidebar(self) -> QWidget:
        side = QWidget()
        side.setObjectName("FirstRunSide")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        side.setFixedWidth(250)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(22, 26, 16, 20)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(56, 56))
        brand = QLabel(_("Frau Emma"))
        brand.setObjectName("FirstRunBrand")
        layout.addWidget(logo)
        layout.addWidget(brand)
        layout.addSpacing(18)
        titles = [_("Welcome"), *(page.title for page in self.pages), _("Let's begin")]
        self.step_labels = []
        for number, title in enumerate(titles):
            label = QLabel(f"{number}  {title}" if 0 < number < len(titles) - 1
                           else title)  # fmt: skip
            self.step_labels.append(label)
            layout.addWidget(label)
        layout.addStretch()
        return side

    def _framed(self, page: Page) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        title = QLabel(page.title)
        title.setObjectName("FirstRunTitle")
        text = QLabel(page.text)
        text.setObjectName("FirstRunText")
        text.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(6)
        layout.addWidget(page, 1)
        return holder

    def _welcome_page(self) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        languages = QHBoxLayout()
        languages.addStretch()
        self.language_buttons = {}
        for code, name in LANGUAGE_NAMES:
            button = QPushButton(name)
            button.setObjectName("FirstRunLanguage")
            button.setCheckable(True)
            button.setChecked(code == self.setup.language)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, code=code: self.switch_language(code))
            self.language_buttons[code] = button
            languages.addWidget(button)
        title = QLabel(_("Welcome to Frau Emma"))
        title.setObjectName("FirstRunTitle")
        text = QLabel(
            _("Frau Emma keeps your customers, their stamp cards and your letters – on this PC, in one file. "
              "Let us set up your shop in five short steps; everything can be changed later in Settings.")
        )  # fmt: skip
        text.setObjectName("FirstRunText")
        text.setWordWrap(True)
        self.setup_button = big_button(
            _("Set up my shop"), _("Name, address, country, a stamp card – about two minutes"), primary=True
        )
        self.setup_button.clicked.connect(lambda: self.show_step(1))
        self.demo_button = big_button(
            _("Try it with a demo shop"), _("Look around first, with invented customers and purchases")
        )
        self.demo_button.clicked.connect(self.demo_only)
        layout.addLayout(languages)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(16)
        layout.addWidget(self.setup_button)
        layout.addWidget(self.demo_button)
        layout.addStretch()
        return holder

    def _finish_page(self) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        title = QLabel(_("All set – how would you like to begin?"))
        title.setObjectName("FirstRunTitle")
        self.summary = QLabel()
        self.summary.setObjectName("FirstRunSummary")
        self.summary.setWordWrap(True)
        self.empty_button = big_button(
            _("Start with my own customers"), _("Add each customer at the counter (Ctrl+N)"), primary=True
        )
        self.import_button = big_button(
            _("Import a customer list …"), _("From Excel, a CSV file or vCards of a phone or mail program")
        )
        self.finish_demo_button = big_button(
            _("Try it with demo customers"), _("500 invented customers with purchases, to look around")
        )
        self.empty_button.clicked.connect(lambda: self.finish(self.EMPTY))
        self.import_button.clicked.connect(lambda: self.finish(self.IMPORT))
        self.finish_demo_button.clicked.connect(lambda: self.finish(self.DEMO))
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        for button in (self.empty_button, self.import_button, self.finish_demo_button):
            layout.addWidget(button)
        layout.addStretch()
        return holder

    # -- moving through the steps ---------------------------------------------------------------------------
    def show_step(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.error.clear()
        last = self.stack.count() - 1
        self.back_button.setVisible(index > 0)
        self.next_button.setVisible(0 < index < last)
        for number, label in enumerate(self.step_labels):
            label.setProperty("current", number == index)
            label.style().unpolish(label)
            label.style().polish(label)
        if index == 0:
            self.setup_button.setDefault(True)
            self.setup_button.setFocus()
        elif index == last:
            self.summary.setText(self._summary())
            self.empty_button.setDefault(True)
            self.empty_button.setFocus()
        else:
            self.next_button.setDefault(True)
            self.pages[index - 1].focus_first()

    def current_page(self) -> Page | None:
        index = self.stack.currentIndex()
        return self.pages[index - 1] if 0 < index <= len(self.pages) else None

    def next(self) -> None:
        page = self.current_page()
        if page is not None:
            problem = page.problem()
            if problem:
                self.error.setText(problem)
                page.focus_first()
                return
            self.setup = page.store(self.setup)
        self.show_step(min(self.stack.currentIndex() + 1, self.stack.count() - 1))

    def back(self) -> None:
        page = self.current_page()
        if page is not None:
            self.setup = page.store(self.setup)
        self.show_step(max(self.stack.currentIndex() - 1, 0))

    def switch_language(self, code: str) -> None:
        """The assistant speaks the chosen language at once; the answers so far stay."""
        for page in self.pages:
            self.setup = page.store(self.setup)
        defaults = kind_defaults(self.setup.kind).categories
        use_language(code)
        categories = kind_defaults(self.setup.kind).categories if self.setup.categories == defaults else None
        self.setup = replace(self.setup, language=code, categories=categories or self.setup.categories)
        self._build(self.stack.currentIndex())

    def _summary(self) -> str:
        locale = locale_for(self.setup.country, self.setup.language)
        program = preset_program(self.setup.stamp_preset)
        lines = [
            _("{name} · {kind}").format(name=self.setup.name, kind=kind_name(self.setup.kind)),
            _("{country} · amounts in {currency}").format(
                country=country_name(self.setup.country, locale), currency=currency_of(locale)
            ),
            _("Stamp card: {card}").format(card=program.name if program else _("none")),
            _("Backups in {folder}").format(folder=self.setup.backup_folder or "–"),
        ]
        return "\n".join(lines)

    # -- the end --------------------------------------------------------------------------------------------
    def finish(self, choice: int) -> None:
        """Keeps the shop as answered, then closes with how to begin."""
        try:
            apply_setup(self._shop, self.setup)
        except UserError as error:
            self.error.setText(error.message)
            return
        self.done(choice)

    def demo_only(self) -> None:
        """Straight to the demo shop: only the language is kept (the assistant comes again on an empty file)."""
        shop_settings.set_language(self._shop, self.setup.language)
        self.done(self.DEMO)

    def reject(self) -> None:
        if self.stack.currentIndex() > 0:
            answer = QMessageBox.question(
                self,
                _("Frau Emma"),
                _("Stop setting up? Nothing is kept; the assistant comes again at the next start."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
