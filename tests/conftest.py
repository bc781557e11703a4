"""Shared fixtures: a fresh shop per test, a fixed "today", German as the language, Qt offscreen."""

from __future__ import annotations

import os

# Before anything imports Qt: the tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime
from pathlib import Path

import pytest

from emma.i18n import use_language
from emma.services.shop import Shop, open_shop

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 30)


@pytest.fixture(autouse=True)
def german(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Every test runs in German, with its own data folder (logs, settings) and no EMMA_DB of the machine."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.delenv("EMMA_DB", raising=False)
    use_language("de")
    yield
    use_language("de")


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.db"


@pytest.fixture
def shop(db_path: Path):
    opened = open_shop(db_path)
    yield opened
    opened.close()


@pytest.fixture
def memory_shop() -> Shop:
    opened = open_shop(None)
    yield opened
    opened.close()
