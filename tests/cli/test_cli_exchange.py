"""`emma import`, `emma export` and `emma imports`, end to end: the real program in a subprocess."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.cli.test_cli import emma


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=";").writerows(rows)
    return path


def test_import_export_and_re_import_give_the_same_customers(tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "in.csv", [
        ["Vorname", "Nachname", "Straße", "PLZ", "Ort", "Geburtstag", "E-Mail"],
        ["Jürgen", "Weiß", "Hauptstraße 5", "90402", "Nürnberg", "03.07.1965", "jw@example.org"],
        ["Anna", "Öztürk", "Am Markt 1", "1010", "Wien", "29.02.", ""],
        ["", "", "", "", "", "", ""],
        ["", "", "Nur eine Straße", "", "", "", ""],
    ])  # fmt: skip
    db = tmp_path / "laden.db"
    dry = emma("--db", db, "import", source, "--dry-run", "--json", home=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["imported"] == 2 and (not db.exists() or _count(db) == 0)
    done = emma("--db", db, "import", source, "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["imported"], result["updated"], result["skipped"]) == (2, 0, 1)
    assert result["errors"] == [{"row": 5, "message": result["errors"][0]["message"]}]
    exported = tmp_path / "out.csv"
    assert emma("--db", db, "export", exported, home=tmp_path).returncode == 0
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf") and b";" in exported.read_bytes()
    again = emma("--db", tmp_path / "zwei.db", "import", exported, "--json", home=tmp_path)
    assert json.loads(again.stdout)["imported"] == 2
    first = json.loads(emma("--db", db, "search", "", "--json", home=tmp_path).stdout)
    second = json.loads(emma("--db", tmp_path / "zwei.db", "search", "", "--json", home=tmp_path).stdout)
    assert [(r["first_name"], r["city"], r["birthday"]) for r in first] == [
        (r["first_name"], r["city"], r["birthday"]) for r in second]  # fmt: skip


def test_an_import_is_listed_and_undone(tmp_path: Path) -> None:
    db = tmp_path / "laden.db"
    source = _write_csv(tmp_path / "in.csv", [["Vorname", "Nachname"], ["Lea", "Lang"], ["Tom", "Kaya"]])
    assert emma("--db", db, "import", source, home=tmp_path).returncode == 0
    listed = json.loads(emma("--db", db, "imports", "--json", home=tmp_path).stdout)
    assert [(b["file"], b["created"], b["undone"]) for b in listed] == [("in.csv", 2, None)]
    undone = emma("--db", db, "imports", "--undo", str(listed[0]["id"]), home=tmp_path)
    assert undone.returncode == 0, undone.stderr
    assert _count(db) == 0


def test_bad_files_give_one_sentence_and_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "laden.db"
    (tmp_path / "kaputt.xlsx").write_bytes(b"%PDF-1.4 not a workbook")
    (tmp_path / "leer.csv").write_bytes(b"")
    for name in ("kaputt.xlsx", "leer.csv", "fehlt.csv"):
        done = emma("--db", db, "import", tmp_path / name, home=tmp_path)
        assert done.returncode == 2, (name, done.stderr)
        assert done.stderr.startswith("emma: ") and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    done = emma("--db", db, "export", tmp_path / "kunden.pdf", home=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_killed_import_leaves_the_file_whole_and_the_import_wholly_absent(tmp_path: Path) -> None:
    db = tmp_path / "laden.db"
    first = _write_csv(tmp_path / "erst.csv", [["Vorname", "Nachname"], ["Lea", "Lang"]])
    assert emma("--db", db, "import", first, home=tmp_path).returncode == 0
    rows = [["Vorname", "Nachname", "E-Mail"], *([f"Vor{n}", f"Nach{n}", f"k{n}@example.de"] for n in range(150_000))]
    big = _write_csv(tmp_path / "gross.csv", rows)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))  # fmt: skip
    process = subprocess.Popen([sys.executable, "-m", "emma.cli", "--db", str(db), "import", str(big)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(2.5)  # reading and writing rows by now
    process.send_signal(signal.SIGKILL)
    process.wait()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        batches = conn.execute("SELECT count(*) FROM import_batches").fetchone()[0]
    finally:
        conn.close()
    assert (count, batches) in ((1, 1), (150_001, 2))  # all of it or none of it


def _count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM customers").fetchone()[0]
    finally:
        conn.close()
