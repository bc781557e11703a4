"""The steps of the first-run assistant: each shows part of a `ShopSetup` and gives it back as answered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from emma.domain.shop_setup import (
    COUNTRIES,
    ShopKind,
    StampPreset,
    kind_defaults,
    kind_name,
    locale_for,
    preset_program,
)
from emma.domain.stamps import EarnRule
from emma.i18n import _, current_language
from emma.i18n.formats import country_name, currency_of, format_date, format_money
from emma.services.setup import ShopSetup
from emma.ui.views.letterhead_settings import ask_for_logo

LANGUAGE_NAMES = (("de", "Deutsch"), ("en", "English"))


class Page(QWidget):
    """One step: its title and a line of explanation; shows and takes back its part of the setup."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title = title
        self.text = text
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(12)

    def load(self, setup: ShopSetup) -> None:
        """Shows the answers so far."""

    def store(self, setup: ShopSetup) -> ShopSetup:
        """The setup with this page's answers."""
        return setup

    def problem(self) -> str | None:
        """Why the owner cannot go on yet, or None."""
        return None

    def focus_first(self) -> None:
        self.focusNextChild()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("FieldHint")
    label.setWordWrap(True)
    return label


def _radio_group(parent: QWidget, names: list[tuple[str, str]], columns: int = 1) -> tuple[QButtonGroup, QGridLayout]:
    group = QButtonGroup(parent)
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    for index, (key, text) in enumerate(names):
        button = QRadioButton(text)
        button.setObjectName("FirstRunChoice")
        button.setProperty("key", key)
        group.addButton(button, index)
        grid.addWidget(button, index // columns, index % columns)
    return group, grid


def _checked_key(group: QButtonGroup) -> str | None:
    button = group.checkedButton()
    return button.property("key") if button is not None else None


def _check_key(group: QButtonGroup, key: str) -> None:
    for button in group.buttons():
        if button.property("key") == key:
            button.setChecked(True)


class ShopPage(Page):
    """Name and kind of the shop; the kind proposes the product categories."""

    kind_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__(
            _("Your shop"), _("Its name heads every letter; the kind suggests categories and a stamp card.")
        )
        self.name = QLineEdit()
        self.name.setObjectName("FirstRunName")
        self.name.setPlaceholderText(_("e.g. Feinkost Öztürk"))
        self.name.setMaxLength(200)
        self.kinds, grid = _radio_group(self, [(kind.value, kind_name(kind)) for kind in ShopKind], columns=2)
        self.categories = QLineEdit()
        self.categories.setPlaceholderText(_("e.g. Bread, Cakes, Coffee"))
        self._categories_edited = False
        self.categories.textEdited.connect(lambda _text: setattr(self, "_categories_edited", True))
        self.kinds.idToggled.connect(lambda _id, checked: checked and self._kind_chosen())
        self.body.addWidget(QLabel(_("Name of the shop")))
        self.body.addWidget(self.name)
        self.body.addSpacing(6)
        self.body.addWidget(QLabel(_("What kind of shop is it?")))
        self.body.addLayout(grid)
        self.body.addSpacing(6)
        self.body.addWidget(QLabel(_("Product categories (offered when booking a purchase)")))
        self.body.addWidget(self.categories)
        self.body.addWidget(_hint(_("Separated by commas; changeable any time in Settings.")))
        self.body.addStretch()

    def _kind_chosen(self) -> None:
        kind = ShopKind(_checked_key(self.kinds))
        if not self._categories_edited:
            self.categories.setText(", ".join(kind_defaults(kind).categories))
        self.kind_changed.emit(kind.value)

    def load(self, setup: ShopSetup) -> None:
        self.name.setText(setup.name)
        self._categories_edited = True  # what the setup holds is kept until another kind is chosen by hand
        _check_key(self.kinds, setup.kind.value)
        self.categories.setText(", ".join(setup.categories))
        self._categories_edited = setup.categories != kind_defaults(setup.kind).categories

    def store(self, setup: ShopSetup) -> ShopSetup:
        names = tuple(name.strip() for name in self.categories.text().split(",") if name.strip())
        return replace(setup, name=self.name.text().strip(), kind=ShopKind(_checked_key(self.kinds)), categories=names)

    def problem(self) -> str | None:
        return None if self.name.text().strip() else _("Please enter the name of your shop.")

    def focus_first(self) -> None:
        self.name.setFocus()


class LetterheadPage(Page):
    """Address, contact and who signs, as the letters print them; a logo if there is one."""

    def __init__(self) -> None:
        super().__init__(_("Address and letters"), _("As your letters print it. All of it is optional."))
        self.address = QLineEdit()
        self.address.setPlaceholderText(_("e.g. Hauptstraße 5 · 90402 Nürnberg"))
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_("e.g. 0911 123456 · laden@example.de"))
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(_("e.g. Ayşe Öztürk"))
        for field in (self.address, self.contact, self.owner):
            field.setMaxLength(200)
        self.logo: bytes | None = None
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("FirstRunLogo")
        self.logo_preview.setStyleSheet(
            "#FirstRunLogo { border: 1px dashed #c4ccd3; border-radius: 6px; background: #ffffff; color: #7a8793; }"
        )
        self.logo_preview.setFixedSize(160, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_button = QPushButton(_("Choose a logo …"))
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(_("Remove"))
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(_("Address (one line)"), self.address)
        form.addRow(_("Phone, e-mail"), self.contact)
        form.addRow(_("Letters signed by"), self.owner)
        row = QHBoxLayout()
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_button)
        row.addWidget(self.remove_logo_button)
        row.addStretch()
        form.addRow(_("Logo"), row)
        self.body.addLayout(form)
        self.body.addWidget(_hint(_("The logo (PNG, JPEG or SVG) is printed at the top right of every letter.")))
        self.body.addStretch()

    def choose_logo(self) -> None:
        data = ask_for_logo(self)
        if data is not None:
            self.set_logo(data)

    def set_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo = data
            self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        else:
            self.logo = None
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("no logo"))
        self.remove_logo_button.setEnabled(self.logo is not None)

    def load(self, setup: ShopSetup) -> None:
        self.address.setText(setup.address)
        self.contact.setText(setup.contact)
        self.owner.setText(setup.owner)
        self.set_logo(setup.logo)

    def store(self, setup: ShopSetup) -> ShopSetup:
        return replace(
            setup, address=self.address.text(), contact=self.contact.text(), owner=self.owner.text(), logo=self.logo
        )

    def focus_first(self) -> None:
        self.address.setFocus()


class CountryPage(Page):
    """Country and language: dates, amounts and the currency follow them."""

    language_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__(_("Country and language"), _("Dates, amounts and the currency follow the country."))
        names_in = "de_DE" if current_language() == "de" else "en_GB"
        names = [(code, country_name(code, names_in)) for code in COUNTRIES]
        self.countries, countries = _radio_group(self, names)
        self.languages, languages = _radio_group(self, list(LANGUAGE_NAMES))
        self.example = QLabel()
        self.example.setObjectName("FieldHint")
        self._language = "de"
        self.countries.idToggled.connect(lambda _id, checked: checked and self._show_example())
        self.languages.idToggled.connect(lambda _id, checked: checked and self._language_toggled())
        columns = QHBoxLayout()
        for heading, grid in ((_("Country"), countries), (_("Language of the program"), languages)):
            column = QVBoxLayout()
            column.addWidget(QLabel(heading))
            column.addLayout(grid)
            column.addStretch()
            columns.addLayout(column, 1)
        self.body.addLayout(columns)
        self.body.addWidget(self.example)
        self.body.addStretch()

    def _language_toggled(self) -> None:
        code = _checked_key(self.languages)
        if code != self._language:
            self.language_chosen.emit(code)

    def _show_example(self) -> None:
        country = _checked_key(self.countries) or "DE"
        locale = locale_for(country, self._language)
        example = _("Amounts in {currency}: {amount} · dates: {date}")
        today = format_date(date.today(), locale)
        self.example.setText(
            example.format(currency=currency_of(locale), amount=format_money(123450, locale), date=today)
        )

    def load(self, setup: ShopSetup) -> None:
        self._language = setup.language
        _check_key(self.languages, setup.language)
        _check_key(self.countries, setup.country)
        self._show_example()

    def store(self, setup: ShopSetup) -> ShopSetup:
        return replace(setup, country=_checked_key(self.countries) or "DE", language=self._language)

    def focus_first(self) -> None:
        self.countries.checkedButton().setFocus()


class StampPage(Page):
    """A stamp card from a preset, or none."""

    def __init__(self, locale: str) -> None:
        super().__init__(_("Stamp card"), _("A stamp card brings customers back. Choose one to start with:"))
        self._locale = locale
        self.presets = QButtonGroup(self)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        for index, preset in enumerate(StampPreset):
            program = preset_program(preset)
            button = QRadioButton(program.name if program else _("No stamp card for now"))
            button.setObjectName("FirstRunChoice")
            button.setProperty("key", preset.value)
            self.presets.addButton(button, index)
            grid.addWidget(button, 2 * index, 0, 1, 2)
            rule = QLabel(self.describe(preset))
            rule.setObjectName("FieldHint")
            rule.setContentsMargins(26, 0, 0, 10)
            grid.addWidget(rule, 2 * index + 1, 0, 1, 2)
        self.chosen_by_hand = False
        self.presets.idClicked.connect(lambda _id: setattr(self, "chosen_by_hand", True))
        self.body.addLayout(grid)
        self.body.addWidget(
            _hint(_("Settings → Stamp cards changes it later, pauses it or adds more (for chosen categories only)."))
        )
        self.body.addStretch()

    def describe(self, preset: StampPreset) -> str:
        """The card's rule in a line: „1 Stempel je volle 5,00 € · 10 Stempel → 1 Stück Kuchen gratis“."""
        program = preset_program(preset)
        if program is None:
            return _("You can add one in Settings at any time.")
        if program.rule is EarnRule.PER_AMOUNT:
            earn = _("1 stamp per full {amount}").format(amount=format_money(program.step_cents, self._locale))
        else:
            earn = _("1 stamp per visit")
        return _("{earn} · {required} stamps → {reward}").format(
            earn=earn, required=program.required, reward=program.reward
        )

    def suggest(self, kind: str) -> None:
        """The kind's card, unless the owner chose one herself."""
        if not self.chosen_by_hand:
            _check_key(self.presets, kind_defaults(ShopKind(kind)).preset.value)

    def load(self, setup: ShopSetup) -> None:
        _check_key(self.presets, setup.stamp_preset.value)

    def store(self, setup: ShopSetup) -> ShopSetup:
        return replace(setup, stamp_preset=StampPreset(_checked_key(self.presets) or StampPreset.NONE.value))

    def focus_first(self) -> None:
        self.presets.checkedButton().setFocus()


class BackupPage(Page):
    """Where the daily copies of the customer file go."""

    def __init__(self, default_folder: Path | None) -> None:
        super().__init__(
            _("Backups"),
            _("Frau Emma copies the customer file when it closes and once a day. Best on a USB stick or a second "
              "disk, so that a broken PC does not take the copies with it."),
        )  # fmt: skip
        self._default = default_folder
        self.folder: Path | None = default_folder
        self.folder_label = QLabel()
        self.folder_label.setObjectName("FirstRunFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(_("Choose another folder …"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(_("Beside the customer file"))
        self.default_button.clicked.connect(lambda: self.set_folder(self._default))
        self.body.addWidget(QLabel(_("Folder for the backups")))
        self.body.addWidget(self.folder_label)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        row.addStretch()
        self.body.addLayout(row)
        self.body.addWidget(_hint(_("Settings → Backups changes it later, makes a copy now or restores one.")))
        self.body.addStretch()

    def choose_folder(self) -> None:
        start = str(self.folder or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, _("Folder for the backups"), start)
        if chosen:
            self.set_folder(Path(chosen))

    def set_folder(self, folder: Path | None) -> None:
        self.folder = folder
        if folder is None:
            self.folder_label.setText(_("(none – the customer file lives in memory only)"))
        elif folder == self._default:
            self.folder_label.setText(_("{folder} (beside the customer file)").format(folder=folder))
        else:
            self.folder_label.setText(str(folder))
        self.default_button.setEnabled(folder != self._default)

    def load(self, setup: ShopSetup) -> None:
        self.set_folder(setup.backup_folder or self._default)

    def store(self, setup: ShopSetup) -> ShopSetup:
        return replace(setup, backup_folder=self.folder)

    def focus_first(self) -> None:
        self.choose_button.setFocus()
