"""Opening and closing the shop file, and where things live."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.services import bug_report
from emma.services.customers import archive_customer, save_customer
from emma.services.shop import data_folder, default_database_path, is_empty, open_shop

NOW = datetime(2026, 11, 23, 10, 30)


def test_an_exclusive_shop_refuses_a_second_window(db_path: Path) -> None:
    first = open_shop(db_path, exclusive=True)
    try:
        with pytest.raises(UserError):
            open_shop(db_path, exclusive=True)
        # the command does not ask for the lock: it may read while the window is open
        reader = open_shop(db_path)
        reader.close()
    finally:
        first.close()
    again = open_shop(db_path, exclusive=True)
    again.close()


def test_an_exclusive_shop_creates_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "emma.db"
    shop = open_shop(path, exclusive=True)
    try:
        assert shop.path == path
        assert path.exists()
    finally:
        shop.close()


def test_the_lock_is_released_when_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "emma.db"
    path.write_text("keine Datenbank")
    with pytest.raises(UserError):
        open_shop(path, exclusive=True)
    path.unlink()
    shop = open_shop(path, exclusive=True)  # not refused as "already open"
    shop.close()


def test_is_empty_counts_archived_customers_too(shop) -> None:
    assert is_empty(shop)
    anna = save_customer(shop, Customer(first_name="Anna"), now=NOW)
    assert not is_empty(shop)
    archive_customer(shop, anna.id, now=NOW)
    assert not is_empty(shop)


def test_the_data_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_folder().is_relative_to(tmp_path)  # XDG_DATA_HOME of tests/conftest.py
    assert default_database_path() == data_folder() / "emma.db"
    monkeypatch.setenv("EMMA_DB", str(tmp_path / "laden.db"))
    assert default_database_path() == tmp_path / "laden.db"
    monkeypatch.setenv("EMMA_DB", "~/laden.db")
    assert default_database_path() == Path.home() / "laden.db"


def test_a_bug_is_logged_in_the_data_folder() -> None:
    try:
        raise ZeroDivisionError("durch null")
    except ZeroDivisionError as error:
        path = bug_report.write(error)
    assert path == data_folder() / "emma-errors.log"
    text = path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: durch null" in text
    assert "Traceback" in text
    try:
        raise KeyError("zweiter")
    except KeyError as error:
        bug_report.write(error)
    assert path.read_text(encoding="utf-8").count("Traceback") == 2
