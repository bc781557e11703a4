"""Backups as the owner's use cases: the folder, daily copies and their rotation, safety copies, restore."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from emma.domain.backups import BackupKind
from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.services import backups
from emma.services.customers import count_customers, save_customer
from emma.services.shop import Shop, open_shop
from tests.conftest import NOW


def damage(path: Path) -> None:
    with path.open("r+b") as file:
        file.seek(4096 * 2)
        file.write(bytes((n * 37 + 11) % 256 for n in range(4096 * 4)))


@pytest.fixture
def filled(shop: Shop) -> Shop:
    for n in range(30):
        save_customer(shop, Customer(first_name=f"Anna {n}", last_name="Weiß"), now=NOW)
    return shop


def test_the_default_folder_lies_beside_the_file_and_can_be_changed(filled: Shop, tmp_path: Path) -> None:
    assert backups.backup_folder(filled) == filled.path.parent / "Sicherungen"
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    assert backups.set_backup_folder(filled, stick / "Emma") == stick / "Emma"
    written = backups.backup_now(filled)
    assert written.parent == stick / "Emma"
    assert [info.path for info in backups.list_backups(filled)] == [written]
    assert backups.set_backup_folder(filled, None) == filled.path.parent / "Sicherungen"


def test_a_folder_that_cannot_be_made_is_refused(filled: Shop, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        backups.set_backup_folder(filled, tmp_path / "no-stick" / "Emma")
    assert refused.value.message == f"Den Ordner {tmp_path / 'no-stick'} gibt es nicht."
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(UserError):
        backups.set_backup_folder(filled, tmp_path / "a-file")
    assert backups.backup_folder(filled) == filled.path.parent / "Sicherungen"


def test_a_backup_is_listed_with_date_size_and_reason_newest_first(filled: Shop) -> None:
    first = backups.backup_now(filled, "auto", now=datetime(2026, 11, 20, 18, 0))
    second = backups.safety_backup(filled, "import")
    listed = backups.list_backups(filled)
    assert [info.path for info in listed] == [second, first]
    assert [info.reason for info in listed] == ["vor einem Import", "automatisch"]
    assert listed[1].made_at == datetime(2026, 11, 20, 18, 0)
    assert listed[1].size == first.stat().st_size > 0
    assert listed[1].kind is BackupKind.AUTO
    assert backups.check_file(second) == []


def test_the_automatic_backup_runs_once_a_day(filled: Shop) -> None:
    monday = datetime(2026, 11, 23, 18, 0)
    made = backups.backup_if_due(filled, monday)
    assert made is not None and made.name == "shop-20261123-180000-auto.db"
    assert backups.backup_if_due(filled, monday + timedelta(hours=3)) is None
    assert backups.backup_if_due(filled, monday + timedelta(days=1)) is not None


def test_a_year_of_closing_time_backups_keeps_days_weeks_and_months(filled: Shop) -> None:
    day = datetime(2025, 11, 24, 18, 30)
    for _ in range(366):
        backups.backup_if_due(filled, day)
        day += timedelta(days=1)
    listed = backups.list_backups(filled)
    dates = [info.made_at.date() for info in listed]
    assert len(listed) <= 7 + 4 + 12
    assert dates[:7] == [datetime(2026, 11, 24).date() - timedelta(days=n) for n in range(7)]
    assert len({(d.year, d.month) for d in dates}) == 12
    assert not [name for name in os.listdir(backups.backup_folder(filled)) if name.startswith(".")]


def test_a_new_backup_that_fails_its_check_drops_no_old_one(filled: Shop, db_path: Path) -> None:
    old = backups.backup_now(filled, "auto", now=datetime(2026, 11, 1, 18, 0))
    folder = backups.backup_folder(filled)
    filled.close()
    damage(db_path)
    with pytest.raises(UserError):
        backups.write_backup(db_path, folder, BackupKind.AUTO, now=datetime(2026, 11, 2, 18, 0))
    assert [info.path for info in backups.list_backups_in(folder, "shop")] == [old]
    assert os.listdir(folder) == [old.name]


def test_restore_puts_the_backup_back_and_keeps_the_file_as_it_was(filled: Shop, db_path: Path) -> None:
    backup = backups.backup_now(filled)
    save_customer(filled, Customer(first_name="Neu", last_name="Nach der Sicherung"), now=NOW)
    filled.close()
    result = backups.restore(db_path, backup)
    assert result.restored_from == backup
    assert result.safety_copy is not None and result.safety_copy.name.endswith("-safety-restore.db")
    again = open_shop(db_path)
    try:
        assert count_customers(again) == 30
        kept = open_shop(result.safety_copy)
        assert count_customers(kept) == 31
        kept.close()
    finally:
        again.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(filled: Shop, db_path: Path) -> None:
    backup = backups.backup_now(filled)
    damage(backup)
    filled.close()
    before = db_path.read_bytes()
    with pytest.raises(UserError) as refused:
        backups.restore(db_path, backup)
    assert "hat die Prüfung nicht bestanden" in refused.value.message
    assert db_path.read_bytes() == before
    assert len(os.listdir(db_path.parent / "Sicherungen")) == 1


def test_restore_is_refused_while_the_window_has_the_file_open(filled: Shop, db_path: Path) -> None:
    backup = backups.backup_now(filled)
    filled.close()
    window = open_shop(db_path, exclusive=True)
    try:
        with pytest.raises(UserError) as refused:
            backups.restore(db_path, backup)
        assert "schon geöffnet" in refused.value.message
    finally:
        window.close()


def test_a_damaged_file_is_kept_byte_for_byte_and_the_newest_good_backup_found(filled: Shop, db_path: Path) -> None:
    good = backups.backup_now(filled, "auto", now=datetime(2026, 11, 21, 18, 0))
    bad = backups.backup_now(filled, "auto", now=datetime(2026, 11, 22, 18, 0))
    filled.close()
    damage(bad)
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    assert backups.newest_good_backup(db_path).path == good
    result = backups.restore(db_path, good)
    assert result.safety_copy.name.endswith("-damaged.db")
    assert result.safety_copy.read_bytes() == damaged_bytes
    assert backups.check_file(db_path) == []
    assert backups.newest_good_backup(db_path).path == good  # the damaged copy is listed but never offered


def test_safety_backups_say_their_reason_and_the_newest_ten_are_kept(filled: Shop) -> None:
    for n in range(12):
        backups.safety_backup(filled, f"vor dem Import von liste-{n}.csv")
    listed = backups.list_backups(filled)
    assert len(listed) == 10
    assert listed[0].reason == "vor: vor dem Import von liste 11 csv"


def test_an_in_memory_shop_has_no_backups(memory_shop: Shop) -> None:
    with pytest.raises(UserError):
        backups.safety_backup(memory_shop, "import")
    assert backups.backup_if_due(memory_shop, NOW) is None


def test_no_warning_for_a_file_on_the_own_disk(db_path: Path) -> None:
    assert backups.place_warning(db_path) is None
    warning = backups.place_warning(Path("/home/ayse/Dropbox/emma.db"))
    assert warning.startswith("Die Kundendatei liegt in einem Cloud-Ordner (Dropbox). SQLite ist dort nicht sicher")
