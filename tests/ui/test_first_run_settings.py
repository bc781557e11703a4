"""What the assistant set is in Einstellungen afterwards, in one place, and changes there are kept."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox

from emma.domain.shop_setup import ShopKind, StampPreset
from emma.services import settings as shop_settings
from emma.services.setup import ShopSetup, apply_setup
from emma.ui.app import EmmaApp
from emma.ui.views.settings_view import SettingsView
from tests.conftest import NOW


def _set_up(shop, tmp_path):
    folder = tmp_path / "Sicherungen-Stick"
    folder.mkdir()
    setup = ShopSetup(
        name="Weinhandlung Roth",
        kind=ShopKind.WINE_SHOP,
        address="Obstmarkt 2 · 90403 Nürnberg",
        contact="0911 22 33 44",
        owner="Clara Roth",
        stamp_preset=StampPreset.TEN_PERCENT,
        backup_folder=folder,
    )
    apply_setup(shop, setup, now=NOW)
    return folder


def test_everything_the_assistant_set_is_in_einstellungen(qtbot, shop, tmp_path):
    folder = _set_up(shop, tmp_path)
    view = SettingsView(shop, "de", "de_DE")
    qtbot.addWidget(view)
    sections = [box.title() for box in view.findChildren(QGroupBox)]
    for title in ("Briefkopf", "Laden", "Stempelkarten", "Warengruppen", "Erinnerungen", "Sicherungen"):
        assert title in sections
    fields = view.letterhead.fields
    assert fields[shop_settings.SHOP_NAME].text() == "Weinhandlung Roth"
    assert fields[shop_settings.SHOP_ADDRESS].text() == "Obstmarkt 2 · 90403 Nürnberg"
    assert fields[shop_settings.OWNER_NAME].text() == "Clara Roth"
    assert view.letterhead.logo_button.isEnabled()
    assert view.profile.kind.currentText() == "Weinhandlung"
    assert view.profile.country.currentText() == "Deutschland"
    assert view.profile.currency.text() == "Beträge in EUR"
    assert [view.programs.item(row).text().split(":")[0] for row in range(view.programs.count())] == ["Treuekarte"]
    assert view.categories.item(0).text() == "Rotwein"
    assert view.backups.folder_label.text() == str(folder)


def test_kind_and_country_changed_in_einstellungen_are_kept(qtbot, shop, tmp_path):
    _set_up(shop, tmp_path)
    view = SettingsView(shop, "de", "de_DE")
    qtbot.addWidget(view)
    view.profile.kind.setCurrentIndex(view.profile.kind.findData(ShopKind.CAFE.value))
    assert shop_settings.shop_kind(shop) is ShopKind.CAFE
    with qtbot.waitSignal(view.country_chosen):
        view.profile.country.setCurrentIndex(view.profile.country.findData("AT"))
    assert shop_settings.shop_locale(shop, "de") == "de_AT"


def test_a_new_country_rebuilds_the_window_in_its_currency(qtbot, qapp, shop, people, tmp_path):
    _set_up(shop, tmp_path)
    qapp.setOrganizationName("FrauEmmaTests")
    emma = EmmaApp(qapp, shop, "de")
    emma.start()
    emma.window.show_area("settings")
    first = emma.window
    emma.settings_view.profile.country.setCurrentIndex(emma.settings_view.profile.country.findData("CH"))
    qtbot.waitUntil(lambda: emma.window is not first)
    qtbot.addWidget(emma.window)
    assert emma.locale == "de_CH"
    assert emma.window.current_area() == "settings"
    assert emma.settings_view.profile.currency.text() == "Beträge in CHF"
    assert emma.window.windowTitle() == "Frau Emma – Weinhandlung Roth"
    emma.today.wait_for_reload()
