"""`emma backup`, `emma restore`, `emma check`: end to end in a subprocess, including a backup killed half-way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli import emma


def damage(path: Path) -> None:
    """Garbage over some pages of the file (not its header page), as a failing disk writes it."""
    with path.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(bytes((n * 37 + 11) % 256 for n in range(4096 * 6)))


def customers(path: Path) -> int:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-customer demo file made by the command, copied for each test."""
    home = tmp_path_factory.mktemp("backup-demo")
    db = home / "laden.db"
    done = emma("--db", db, "demo", "--customers", "40", home=home)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def shop_file(made: Path, tmp_path: Path) -> Path:
    db = tmp_path / "laden.db"
    db.write_bytes(made.read_bytes())
    return db


def test_backup_into_the_folder_says_where(shop_file: Path, tmp_path: Path) -> None:
    done = emma("--db", shop_file, "backup", home=tmp_path)
    assert done.returncode == 0, done.stderr
    written = list((tmp_path / "Sicherungen").glob("laden-*-manual.db"))
    assert len(written) == 1
    assert done.stdout.strip() == f"Sicherung geschrieben nach {written[0]}."
    assert customers(written[0]) == 40


def test_backup_to_a_named_file_and_check_it(shop_file: Path, tmp_path: Path) -> None:
    done = emma("--db", shop_file, "backup", tmp_path / "stick.db", home=tmp_path)
    assert done.returncode == 0, done.stderr
    checked = emma("--db", tmp_path / "stick.db", "check", home=tmp_path)
    assert checked.returncode == 0
    assert checked.stdout.strip() == f"OK: {tmp_path / 'stick.db'} ist in Ordnung."


def test_a_backup_named_like_the_file_itself_leaves_a_checked_file(shop_file: Path, tmp_path: Path) -> None:
    done = emma("--db", shop_file, "backup", shop_file, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert emma("--db", shop_file, "check", home=tmp_path).returncode == 0
    assert customers(shop_file) == 40
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("laden")) == [
        "laden.db",
        "laden.db.lock",
    ]


def test_check_finds_a_damaged_file_and_exits_1(shop_file: Path, tmp_path: Path) -> None:
    damage(shop_file)
    done = emma("--db", shop_file, "check", home=tmp_path)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{shop_file} hat die Prüfung nicht bestanden:\n  ")
    assert "Traceback" not in done.stderr


def test_check_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    done = emma("--db", tmp_path / "nirgends.db", "check", home=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"emma: Die Kundendatei {tmp_path / 'nirgends.db'} gibt es nicht."
    assert not (tmp_path / "nirgends.db").exists()


def test_restore_puts_a_backup_back_and_names_the_safety_copy(shop_file: Path, tmp_path: Path) -> None:
    assert emma("--db", shop_file, "backup", tmp_path / "vorher.db", home=tmp_path).returncode == 0
    booked = emma("--db", shop_file, "demo", "--customers", "5", "--seed", "9", home=tmp_path)
    assert booked.returncode == 0 and customers(shop_file) == 45
    done = emma("--db", shop_file, "restore", tmp_path / "vorher.db", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert customers(shop_file) == 40
    kept = next((tmp_path / "Sicherungen").glob("laden-*-safety-restore.db"))
    assert customers(kept) == 45
    assert done.stdout.splitlines()[1] == f"Die Datei, wie sie vorher war, ist aufbewahrt in {kept}."


def test_restore_refuses_a_damaged_backup(shop_file: Path, tmp_path: Path) -> None:
    assert emma("--db", shop_file, "backup", tmp_path / "kaputt.db", home=tmp_path).returncode == 0
    damage(tmp_path / "kaputt.db")
    before = shop_file.read_bytes()
    done = emma("--db", shop_file, "restore", tmp_path / "kaputt.db", home=tmp_path)
    assert done.returncode == 2
    assert "hat die Prüfung nicht bestanden und wurde nicht wiederhergestellt" in done.stderr
    assert shop_file.read_bytes() == before
    assert not (tmp_path / "Sicherungen").exists()


def test_restore_of_a_missing_backup_is_one_sentence(shop_file: Path, tmp_path: Path) -> None:
    done = emma("--db", shop_file, "restore", tmp_path / "weg.db", home=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == f"emma: Die Sicherung {tmp_path / 'weg.db'} gibt es nicht."


def test_a_backup_killed_half_way_leaves_no_file_under_a_backup_name(shop_file: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(shop_file)  # 40 MB more, so that the copy takes a while
    conn.execute("INSERT INTO settings (key, value) VALUES ('padding', ?)", ("x" * 40_000_000,))
    conn.commit()
    conn.close()
    folder = tmp_path / "Sicherungen"
    env = {key: value for key, value in os.environ.items() if key != "EMMA_DB"}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    killed_while_writing = False
    for _attempt in range(5):  # the kill must land while the copy is being written; it nearly always does
        child = subprocess.Popen(
            [sys.executable, "-m", "emma.cli", "--db", str(shop_file), "backup"], env=env, cwd=tmp_path
        )
        while child.poll() is None and not any(folder.glob(".*.part")):
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.returncode == -signal.SIGKILL and any(folder.glob(".*.part")):
            killed_while_writing = True
            break
        for leftover in folder.iterdir():
            leftover.unlink()
    assert killed_while_writing
    assert [path.name for path in folder.iterdir() if not path.name.startswith(".")] == []
    checked = emma("--db", shop_file, "check", home=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert customers(shop_file) == 40
    again = emma("--db", shop_file, "backup", home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(list(folder.glob("laden-*-manual.db"))) == 1
