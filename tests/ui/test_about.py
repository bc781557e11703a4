"""Hilfe → Über Frau Emma: the version, the customer file, the libraries' and fonts' licences."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import qVersion

from emma import __version__
from emma.services import about
from emma.ui.views.about_dialog import AboutDialog
from tests.ui.conftest import when_modal


def test_the_dialog_shows_version_file_and_licences(qtbot, db_path):
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.version_label.text() == f"Version {__version__}"
    assert str(db_path) in dialog.path_label.text()
    licences = dialog.licences()
    assert licences["Qt"] == "LGPL-3.0-only"
    assert licences["Python"] == "PSF-2.0"
    assert licences["PySide6"].startswith("LGPL-3.0")
    assert licences["sqlite-utils"] == "Apache-2.0"
    assert licences["platformdirs"] == "MIT"
    assert licences["reportlab"].lower().startswith("bsd")
    assert "BSD" in licences["Jinja2"]  # declared only by its classifier
    for name in ("babel", "Faker", "openpyxl", "defusedxml", "vobject"):
        assert licences[name] == about.licence_of(metadata.distribution(name))
    assert licences["PySide6_Addons"].startswith("LGPL-3.0")  # from its licence field
    assert "pip" not in licences and "frau-emma" not in licences
    versions = {dialog.libraries.topLevelItem(row).text(0): dialog.libraries.topLevelItem(row).text(1)
                for row in range(dialog.libraries.topLevelItemCount())}  # fmt: skip
    assert versions["Qt"] == qVersion()
    assert versions["reportlab"] == metadata.version("reportlab")


def test_the_font_licence_can_be_read(qtbot):
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    assert "Bitstream Vera" in dialog.font_licence.toPlainText()
    assert dialog.font_licence.isReadOnly()
    assert "nur im Arbeitsspeicher" in dialog.path_label.text()
    assert about.fonts() == ["DejaVu Sans", "DejaVu Sans Bold"]


def test_the_help_menu_opens_it(qtbot, qapp, shop, people):
    from emma.ui.app import EmmaApp

    qapp.setOrganizationName("FrauEmmaTests")
    emma = EmmaApp(qapp, shop, "de")
    emma.start()
    qtbot.addWidget(emma.window)
    help_menu = emma.window.menuBar().actions()[-1].menu()
    about_action = next(action for action in help_menu.actions() if action.text() == "Über &Frau Emma")
    shown = when_modal(AboutDialog, lambda dialog: dialog.reject())
    about_action.trigger()
    shown.check()
    emma.today.wait_for_reload()


def test_licences_come_from_the_package_or_a_known_table(monkeypatch):
    real = metadata.distribution

    def without_emma(name):
        if name in (about.DISTRIBUTION, "vobject"):
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "distribution", without_emma)
    found = {component.name: component for component in about.libraries()}
    assert found["vobject"].licence == "Apache-2.0" and found["vobject"].version == ""
    assert found["openpyxl"].licence == "MIT"
