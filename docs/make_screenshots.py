"""Screenshots of the main screens for the user guide, from a fresh demo shop (`make screenshots`).

Runs Frau Emma offscreen on a new demo shop in a temporary folder – nothing of the machine's own shop or
settings is touched – and saves each area as a PNG into docs/screenshots/de/ and docs/screenshots/en/.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
WORK = Path(tempfile.mkdtemp(prefix="emma-screenshots-"))
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")  # the window's QSettings, not the owner's
os.environ["XDG_DATA_HOME"] = str(WORK / "data")
os.environ.pop("EMMA_DB", None)

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1280, 800)
MAX_BYTES = 200_000
CUSTOMERS = 400


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from emma.ui.resources import stylesheet

    app = QApplication(sys.argv[:1])
    app.setOrganizationName("FrauEmmaScreenshots")
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
    for language in ("de", "en"):
        folder = OUT / language
        folder.mkdir(parents=True, exist_ok=True)
        first_run_shots(app, language, folder)
        area_shots(app, language, folder)
    for path in sorted(OUT.rglob("*.png")):
        print(f"{path.relative_to(OUT.parent)}  {path.stat().st_size // 1000} KB")
    return 0


def first_run_shots(app, language: str, folder: Path) -> None:
    """The assistant on an empty file: its welcome and its first step."""
    from emma.domain.shop_setup import ShopKind
    from emma.i18n import use_language
    from emma.services.shop import open_shop
    from emma.ui.views.first_run import FirstRunAssistant

    use_language(language)
    shop = open_shop(WORK / f"empty-{language}.db")
    try:
        assistant = FirstRunAssistant(shop, language)
        assistant.resize(900, 600)
        assistant.show()
        settle(app)
        save(assistant, folder / "first-run.png")
        assistant.setup_button.click()
        assistant.shop_page.name.setText("Feinkost Lindner")
        next(b for b in assistant.shop_page.kinds.buttons() if b.property("key") == ShopKind.WINE_SHOP.value).click()
        settle(app)
        save(assistant, folder / "first-run-shop.png")
        assistant.hide()
        assistant.deleteLater()
    finally:
        shop.close()


def area_shots(app, language: str, folder: Path) -> None:
    """Heute, Kunden (with a regular's panel), Briefe, Auswertung, Einstellungen of a demo shop."""
    from emma.domain.shop_setup import ShopKind
    from emma.i18n import use_language
    from emma.services import settings as shop_settings
    from emma.services import stamp_cards
    from emma.services.demo_shop import fill_demo_shop
    from emma.services.setup import mark_setup_done
    from emma.services.shop import open_shop
    from emma.ui.app import EmmaApp
    from emma.ui.resources import RESOURCES
    from emma.ui.views.letterhead_settings import logo_bytes

    use_language(language)
    path = WORK / f"demo-{language}.db"
    shop = open_shop(path, exclusive=True)
    today = date.today()
    fill_demo_shop(shop, CUSTOMERS, seed=1, today=today)
    shop_settings.save_letterhead(
        shop,
        {
            shop_settings.SHOP_NAME: "Feinkost Lindner",
            shop_settings.SHOP_ADDRESS: "Obstmarkt 2 · 90403 Nürnberg",
            shop_settings.SHOP_CONTACT: "0911 22 33 44 · laden@feinkost-lindner.de",
            shop_settings.OWNER_NAME: "Emma Lindner",
        },
    )
    shop_settings.set_shop_kind(shop, ShopKind.WINE_SHOP)
    shop_settings.save_logo(shop, logo_bytes(RESOURCES / "icons" / "app.svg"))
    shop_settings.set_language(shop, language)
    mark_setup_done(shop, today)
    emma = EmmaApp(app, shop, language)
    emma.start()
    emma.window.resize(*SIZE)
    try:
        for area, name in (("today", "heute"), ("customers", "kunden"), ("letters", "briefe"),
                           ("insights", "auswertung"), ("settings", "einstellungen")):  # fmt: skip
            emma.window.show_area(area)
            if area == "customers":
                emma.open_customer(a_regular(shop, stamp_cards, today))
            settle(app, emma, seconds=2.0 if area == "insights" else 0.6)
            save(emma.window, folder / f"{name}.png")
    finally:
        emma.window.close()
        emma.close()


def a_regular(shop, stamp_cards, today: date) -> int:
    """A customer whose panel has something to show: a stamp card well filled."""
    for customer_id in range(1, CUSTOMERS + 1):
        cards = stamp_cards.cards_for(shop, customer_id, today)
        if any(card.on_card >= 5 for card in cards):
            return customer_id
    return 1


def settle(app, emma=None, seconds: float = 0.4) -> None:
    """Lets the window paint and its workers finish."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if emma is not None:
            emma.pool.waitForDone(50)
        time.sleep(0.02)
    app.processEvents()


def save(widget, target: Path) -> None:
    """The widget as a PNG; with at most 256 colours when it would be larger than MAX_BYTES."""
    widget.grab().save(str(target), "PNG")
    if target.stat().st_size > MAX_BYTES:
        from PIL import Image  # comes with reportlab

        with Image.open(target) as image:
            image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
