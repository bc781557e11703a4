"""The shop's own settings travel with its file."""

from __future__ import annotations

from pathlib import Path

from emma.services.shop import Shop
from emma.store import settings
from emma.store.database import open_database


def test_get_put_and_all(shop: Shop) -> None:
    database = shop.database
    assert settings.get(database, "shop_name") is None
    assert settings.get(database, "shop_name", "Laden") == "Laden"
    settings.put(database, "shop_name", "Feinkost Öztürk")
    settings.put(database, "currency", "EUR")
    settings.put(database, "shop_name", "Feinkost Öztürk & Söhne")
    assert settings.get(database, "shop_name") == "Feinkost Öztürk & Söhne"
    assert settings.all_settings(database) == {"shop_name": "Feinkost Öztürk & Söhne", "currency": "EUR"}


def test_settings_survive_reopening(db_path: Path) -> None:
    database = open_database(db_path)
    settings.put(database, "locale", "de_AT")
    database.close()
    database = open_database(db_path)
    try:
        assert settings.get(database, "locale") == "de_AT"
    finally:
        database.close()
