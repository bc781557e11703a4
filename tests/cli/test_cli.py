"""The `emma` command, end to end: the real program in a subprocess, on files in a temporary folder."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from emma import __version__
from emma.domain.customer import sort_key_of

BIRTHDAY = re.compile(r"^(\d{4}|-)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def emma(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "EMMA_DB"}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "emma.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=home,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """A 50-customer demo file made by the command, and what `search "" --json` lists of it."""
    home = tmp_path_factory.mktemp("cli-demo")
    db = home / "laden.db"
    made = emma("--db", db, "demo", "--customers", "50", "--seed", "3", home=home)
    assert made.returncode == 0, made.stderr
    assert "50" in made.stdout
    listed = emma("--db", db, "search", "", "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    return db, json.loads(listed.stdout)


def test_version(tmp_path: Path) -> None:
    result = emma("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"Frau Emma {__version__}"


def test_search_lists_every_demo_customer_as_json(demo: tuple[Path, list[dict]]) -> None:
    _db, rows = demo
    assert len(rows) == 50
    assert len({row["id"] for row in rows}) == 50
    for row in rows:
        assert {"id", "first_name", "last_name", "postal_code", "city", "birthday"} <= row.keys()
        assert isinstance(row["id"], int)
        assert row["first_name"] or row["last_name"]
        assert row["birthday"] is None or BIRTHDAY.match(row["birthday"]), row["birthday"]
    assert any(row["birthday"] and row["birthday"].startswith("--") for row in rows)  # some without a year
    # name order: by last name, then first name, umlauts among their base letters
    keys = [(sort_key_of(row["first_name"], row["last_name"]), row["id"]) for row in rows]
    assert keys == sorted(keys)


def test_an_umlaut_name_is_found_however_it_is_spelled(demo: tuple[Path, list[dict]], tmp_path: Path) -> None:
    db, rows = demo
    row = next(row for row in rows if re.search("[äöü]", row["last_name"].lower()))
    last = row["last_name"].lower()
    spelled_out = last.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    found = emma("--db", db, "search", spelled_out.upper(), "--json", home=tmp_path)
    assert found.returncode == 0, found.stderr
    assert row["id"] in {match["id"] for match in json.loads(found.stdout)}
    listed = emma("--db", db, "search", f"{row['first_name'][:2]} {last[:3]}", home=tmp_path)
    assert listed.returncode == 0
    assert f"{row['last_name']}, {row['first_name']}" in listed.stdout
    assert len(listed.stderr.splitlines()) == 1  # "N customers"


def _newer_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Anna Müller')")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("case", "args"),
    [
        ("unknown option", ["--bogus"]),
        ("not a count", ["--db", "{db}", "demo", "--customers", "abc"]),
        ("negative count", ["--db", "{db}", "demo", "--customers", "-5"]),
        ("missing file", ["--db", "{db}", "search", "anna"]),
        ("junk file", ["--db", "{db}", "search", "anna"]),
        ("folder", ["--db", "{folder}", "search", "anna"]),
        ("newer file", ["--db", "{db}", "search", "anna"]),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path: Path, case: str, args: list[str]) -> None:
    db = tmp_path / "kunden.db"
    folder = tmp_path / "ordner"
    folder.mkdir()
    if case == "junk file":
        db.write_bytes(b"Name;Vorname\nM\xfcller;Anna\n")
    elif case == "newer file":
        _newer_file(db)
    before = (db.read_bytes(), db.stat().st_mtime_ns) if db.exists() else None
    neighbours = sorted(os.listdir(tmp_path))

    result = emma(*(arg.format(db=db, folder=folder) for arg in args), home=tmp_path)

    assert result.returncode == 2, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("emma: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    after = (db.read_bytes(), db.stat().st_mtime_ns) if db.exists() else None
    assert after == before  # the file, or its absence, is as it was
    assert sorted(os.listdir(tmp_path)) == neighbours
    assert list(folder.iterdir()) == []
