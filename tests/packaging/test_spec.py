"""What can be checked of the packaging without building (the build itself runs in CI: `make package-check`)."""

from __future__ import annotations

import configparser
import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "frau-emma.spec"
ICONS = PACKAGING / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
USED_QT = {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg", "QtCharts"}


class _Recorder:
    """Stands in for PyInstaller's build classes: keeps what the spec hands them."""

    calls: list[tuple[str, tuple, dict]]

    def __init__(self, calls: list, name: str):
        self._calls, self._name = calls, name

    def __call__(self, *args, **kwargs):
        self._calls.append((self._name, args, kwargs))
        if self._name == "Analysis":
            # What PyInstaller would have found: Qt translations and libraries the spec should filter.
            return SimpleNamespace(
                pure=[],
                scripts=[],
                binaries=[
                    ("PySide6/Qt/lib/libQt6Widgets.so.6", "/x", "BINARY"),
                    ("PySide6/Qt/lib/libQt6Quick.so.6", "/x", "BINARY"),
                    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "/x", "BINARY"),
                    ("PySide6/Qt6Qml.dll", "/x", "BINARY"),
                    ("PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick", "/x", "BINARY"),
                ],
                datas=[
                    *[(dest, src, "DATA") for src, dest in kwargs["datas"]],
                    ("PySide6/Qt/translations/qtbase_de.qm", "/x", "DATA"),
                    ("PySide6/Qt/translations/qt_en.qm", "/x", "DATA"),
                    ("PySide6/Qt/translations/qtbase_fr.qm", "/x", "DATA"),
                    ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
                    ("PySide6/Qt/lib/QtQuick.framework/Resources/Info.plist", "/x", "DATA"),
                ],
            )
        return SimpleNamespace(name=kwargs.get("name"), console=kwargs.get("console"))


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> tuple[list, dict]:
    """Runs the spec as PyInstaller would, with recording stand-ins, as if on `platform`."""
    if not list((ROOT / "emma" / "locale").glob("*/LC_MESSAGES/*.mo")):
        pytest.skip("no compiled catalogs (make compile-catalogs)")
    monkeypatch.setattr(sys, "platform", platform)
    calls: list = []
    names = {name: _Recorder(calls, name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace = {"__name__": "__main__", "__file__": str(SPEC), "SPECPATH": str(PACKAGING), **names}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return calls, namespace


def called(calls: list, name: str) -> list[tuple[tuple, dict]]:
    return [(args, kwargs) for kind, args, kwargs in calls if kind == name]


def test_the_spec_is_python():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_the_spec_starts_the_command_and_ships_the_resources(monkeypatch):
    calls, _ = run_spec(monkeypatch, "linux")
    [(args, kwargs)] = called(calls, "Analysis")
    [script] = args[0]
    assert Path(script) == PACKAGING / "launcher.py"
    assert "from emma.cli import main" in Path(script).read_text(encoding="utf-8")
    sources = {Path(src): dest for src, dest in kwargs["datas"]}
    for src in sources:
        assert src.exists(), src
    assert sources[ROOT / "emma" / "resources"] == "emma/resources"
    resources = ROOT / "emma" / "resources"
    for needed in ("style.qss", "fonts/DejaVuSans.ttf", "fonts/DejaVu-LICENSE.txt", "icons/app.svg", "templates"):
        assert (resources / needed).exists(), needed
    assert sources[ROOT / "emma/locale/de/LC_MESSAGES/emma.mo"] == "emma/locale/de/LC_MESSAGES"
    assert not called(calls, "BUNDLE")
    [(_, command)] = called(calls, "EXE")
    assert command["name"] == "emma" and command["console"] is True


def test_the_spec_leaves_out_the_qt_the_app_does_not_use(monkeypatch):
    calls, namespace = run_spec(monkeypatch, "linux")
    [(_, kwargs)] = called(calls, "Analysis")
    excluded = {name.removeprefix("PySide6.") for name in kwargs["excludes"]}
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "QtMultimedia", "Qt3DCore"} <= excluded
    imported = {
        match
        for path in (ROOT / "emma").rglob("*.py")
        for match in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))
    }
    assert imported <= USED_QT, "a new Qt module: add it to USED_QT and make sure the spec does not exclude it"
    assert not imported & excluded
    analysis = namespace["a"]
    kept = {Path(dest).name for dest, _, _ in analysis.datas + analysis.binaries}
    assert {"qtbase_de.qm", "qt_en.qm", "libQt6Widgets.so.6", "resources", "LC_MESSAGES"} <= kept
    dropped = {"qtbase_fr.qm", "libQt6Quick.so.6", "libqtvirtualkeyboardplugin.so", "Qt6Qml.dll", "QtQuick"}
    assert not dropped & kept
    assert not any("QtQuick.framework" in dest for dest, _, _ in analysis.datas)


def test_windows_gets_a_windowed_starter_with_the_icon(monkeypatch):
    calls, _ = run_spec(monkeypatch, "win32")
    starters = {kwargs["name"]: kwargs for _, kwargs in called(calls, "EXE")}
    assert starters["emma"]["console"] is True
    assert starters["Frau Emma"]["console"] is False
    assert all(Path(kwargs["icon"]) == ICONS / "frau-emma.ico" for kwargs in starters.values())


def test_macos_gets_a_bundle(monkeypatch):
    calls, _ = run_spec(monkeypatch, "darwin")
    [(collect_args, _)] = called(calls, "COLLECT")
    assert collect_args[0].name == "Frau Emma", "the bundle runs the first starter: the windowed one"
    [(_, bundle)] = called(calls, "BUNDLE")
    assert bundle["name"] == "Frau Emma.app"
    assert Path(bundle["icon"]) == ICONS / "frau-emma.icns"
    assert re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", bundle["bundle_identifier"])
    plist = bundle["info_plist"]
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSBackgroundOnly"] is False
    assert set(plist["CFBundleLocalizations"]) == {"de", "en"}
    assert plist["CFBundleShortVersionString"] == bundle["version"]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("size", PNG_SIZES)
def test_the_icon_exists_in_every_size(size):
    assert _png_size(ICONS / f"frau-emma-{size}.png") == (size, size)


def test_the_windows_and_macos_icons():
    ico = (ICONS / "frau-emma.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    # In an .ico directory entry a width of 0 means 256.
    widths = {ico[6 + 16 * index] or 256 for index in range(count)}
    assert {16, 32, 48, 256} <= widths
    icns = (ICONS / "frau-emma.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic09" in icns  # the 512 × 512 image
    assert "def main" in (PACKAGING / "make_icons.py").read_text(encoding="utf-8")


def test_the_desktop_entry():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / "frau-emma.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    for key in ("Name", "Name[de]", "Comment", "Comment[de]", "GenericName", "GenericName[de]"):
        assert entry[key].strip(), key
    assert entry["Comment"] != entry["Comment[de]"]
    assert "Office" in entry["Categories"].split(";") and entry["Categories"].endswith(";")
    assert entry["Exec"].endswith("/emma") and entry["Terminal"] == "false"
    assert entry["Icon"] == "frau-emma" and (ICONS / "frau-emma-48.png").exists()


def test_the_windows_installer_keeps_the_data():
    script = (PACKAGING / "windows" / "frau-emma.iss").read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", script, re.MULTILINE)
    assert 'MessagesFile: "compiler:Languages\\German.isl"' in script
    assert 'MessagesFile: "compiler:Default.isl"' in script
    assert "{group}\\{#AppName}" in script and "{autodesktop}\\{#AppName}" in script
    assert "SetupIconFile=..\\icons\\frau-emma.ico" in script
    assert "{#Source}" in script and '#define Source "..\\..\\dist\\frau-emma"' in script
    uninstall_delete = re.search(r"^\[UninstallDelete\]\n(.*?)(?=^\[)", script, re.MULTILINE | re.DOTALL)
    assert uninstall_delete is not None
    assert "FrauEmma" not in uninstall_delete.group(1) and "localappdata" not in uninstall_delete.group(1).lower()
    assert "UninstallDelete" not in script.split("[Code]")[1]


def test_the_build_is_wired_up():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    group = project["project"]["optional-dependencies"]["package"]
    assert any(requirement.lower().startswith("pyinstaller") for requirement in group)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^package:", makefile, re.MULTILINE) and "packaging/frau-emma.spec" in makefile
    assert "package-check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_git_keeps_the_icons_and_ignores_the_build():
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False).returncode == 0

    assert not ignored("packaging/icons/frau-emma-16.png")
    assert not ignored("packaging/frau-emma.spec")
    assert ignored("dist/frau-emma/emma") and ignored("build/pyinstaller/x")
