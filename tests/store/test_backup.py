"""Backup copies on real SQLite files: written whole or not at all, checked, and put back atomically."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from emma.domain.errors import UserError
from emma.store import backup, schema
from emma.store.database import open_database
from tests.store.shop_files import read_back, write_database


def damage(path: Path, first_page: int = 3, pages: int = 6) -> None:
    """Writes garbage over some pages (not the header page) of the file, as a failing disk would."""
    with path.open("r+b") as file:
        file.seek(4096 * first_page)
        file.write(bytes((n * 37 + 11) % 256 for n in range(4096 * pages)))


def _shop_file(path: Path, customers: int = 300) -> Path:
    """A shop file in WAL mode with `customers` rows, some of them still in the write-ahead log."""
    write_database(path, version=schema.LATEST_VERSION)
    database = open_database(path)  # upgrades it and switches to WAL
    with database.transaction() as conn:
        for n in range(customers):
            conn.execute(
                "INSERT INTO customers (first_name, last_name, sort_key, created_at, updated_at)"
                " VALUES (?, 'Weiß', ?, '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
                (f"Anna {n}", f"weiss\x1fanna {n}"),
            )
    database.close()
    return path


def test_a_copy_holds_everything_and_is_a_single_rollback_mode_file(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db")
    target = shop_dir / "copies" / "emma-copy.db"
    target.parent.mkdir()
    seen = []
    backup.write_copy(live, target, progress=lambda done, total: seen.append((done, total)))
    assert read_back(target) == read_back(live)
    assert backup.check(target) == []
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert sorted(os.listdir(target.parent)) == ["emma-copy.db"]
    assert seen and seen[-1][0] == seen[-1][1]


def test_a_copy_of_a_damaged_file_is_refused_and_leaves_nothing(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db")
    damage(live)
    target = shop_dir / "emma-copy.db"
    with pytest.raises(UserError):
        backup.write_copy(live, target)
    assert not [name for name in os.listdir(shop_dir) if name.startswith((".", "emma-copy"))]


def test_a_cancelled_copy_leaves_nothing(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db")
    with pytest.raises(backup.BackupCancelled):
        backup.write_copy(live, shop_dir / "emma-copy.db", cancelled=lambda: True)
    assert sorted(os.listdir(shop_dir)) == ["emma.db"]


def test_check_finds_garbage_in_the_pages_and_leaves_the_file_as_it_was(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db")
    assert backup.check(live) == []
    damage(live)
    before = live.read_bytes()
    problems = backup.check(live)
    assert problems
    assert live.read_bytes() == before


def test_check_tells_other_files_and_newer_files_apart(shop_dir: Path) -> None:
    text = shop_dir / "notes.db"
    text.write_text("Einkaufsliste")
    assert backup.check(text) == ["Die Datei ist keine Frau-Emma-Datei (keine SQLite-Datenbank)."]
    newer = shop_dir / "newer.db"
    write_database(newer, version=1, user_version=999)
    assert "neueren Frau Emma" in backup.check(newer)[0]
    with pytest.raises(UserError):
        backup.check(shop_dir / "missing.db")


def test_check_finds_a_reference_to_a_missing_row(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db", customers=1)
    conn = sqlite3.connect(live)  # foreign keys off, as another tool would write
    conn.execute(
        "INSERT INTO customer_preferences (customer_id, kind, position, tag, tag_key)"
        " VALUES (999, 'likes', 0, 'Feigen', 'feigen')"
    )
    conn.commit()
    conn.close()
    problems = backup.check(live)
    assert problems and "customer_preferences" in problems[0]


def test_replace_live_puts_the_backup_in_place_and_no_old_log_survives(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db", customers=5)
    copy = shop_dir / "copy.db"
    backup.write_copy(live, copy)
    database = open_database(live)
    with database.transaction() as conn:
        conn.execute("DELETE FROM customers WHERE first_name = 'Anna 3'")
    database.close()
    assert len(read_back(live)[1]) == 5  # 4 + the one of write_database
    backup.replace_live(copy, live)
    assert len(read_back(live)[1]) == 6
    assert sorted(os.listdir(shop_dir)) == ["copy.db", "emma.db"]
    reopened = open_database(live)
    assert reopened.connection.execute("SELECT count(*) FROM customers").fetchone()[0] == 6
    reopened.close()


def test_replace_live_over_a_damaged_file_drops_its_stale_log(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db", customers=50)
    copy = shop_dir / "copy.db"
    backup.write_copy(live, copy)
    # A damaged file with a write-ahead log of other pages beside it: replayed onto the restored copy,
    # the log would damage it too.
    other = _shop_file(shop_dir / "other.db", customers=400)
    writer = sqlite3.connect(other)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE customers SET last_name = 'Müller'")
    writer.commit()
    (shop_dir / "emma.db-wal").write_bytes((shop_dir / "other.db-wal").read_bytes())
    writer.close()
    live.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    backup.replace_live(copy, live)
    assert not (shop_dir / "emma.db-wal").exists()
    assert backup.check(live) == []
    assert len(read_back(live)[1]) == 51


def test_a_damaged_backup_is_not_put_in_place(shop_dir: Path) -> None:
    live = _shop_file(shop_dir / "emma.db", customers=200)
    copy = shop_dir / "copy.db"
    backup.write_copy(live, copy)
    damage(copy)
    before = read_back(live)
    with pytest.raises(UserError):
        backup.replace_live(copy, live)
    assert read_back(live) == before
    assert sorted(n for n in os.listdir(shop_dir) if not n.endswith(("-wal", "-shm"))) == ["copy.db", "emma.db"]


def test_a_full_disk_is_one_sentence_and_changes_nothing(shop_dir: Path) -> None:
    database = open_database(_shop_file(shop_dir / "emma.db", customers=10))
    conn = database.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
    with pytest.raises(UserError) as full, database.transaction() as tx:
        tx.executemany(
            "INSERT INTO customers (first_name, last_name, sort_key, created_at, updated_at)"
            " VALUES ('Ö', ?, 'x', '2026-01-01T00:00:00', '2026-01-01T00:00:00')",
            [("x" * 2000,) for _ in range(500)],
        )
    assert full.value.message.startswith("Der Datenträger ist voll")
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 11
    database.close()


def test_a_read_only_file_is_one_sentence(shop_dir: Path) -> None:
    database = open_database(_shop_file(shop_dir / "emma.db", customers=1))
    database.connection.execute("PRAGMA query_only = 1")
    with pytest.raises(UserError) as refused, database.transaction() as tx:
        tx.execute("DELETE FROM customers")
    assert "kann nicht geschrieben werden" in refused.value.message
    database.connection.execute("PRAGMA query_only = 0")
    assert database.connection.execute("SELECT count(*) FROM customers").fetchone()[0] == 2
    database.close()


def test_a_stale_part_file_is_removed_later_and_a_fresh_one_is_left(shop_dir: Path) -> None:
    stale, fresh = shop_dir / ".emma-x.db.1-2.part", shop_dir / ".emma-y.db.3-4.part"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (1, 1))
    backup.remove_stale_parts(shop_dir)
    assert not stale.exists()
    assert fresh.exists()
