"""`emma reminders` and `emma todo`, end to end: the real program in a subprocess, on a demo file."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.test_cli import emma


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("cli-reminders")
    db = home / "laden.db"
    made = emma("--db", db, "demo", "--customers", "400", "--seed", "7", home=home)
    assert made.returncode == 0, made.stderr
    return home, db


def _reminders(demo: tuple[Path, Path], *args: str) -> list[dict]:
    home, db = demo
    done = emma("--db", db, "reminders", *args, "--json", home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_reminders_of_a_day_as_json(demo: tuple[Path, Path]) -> None:
    rows = _reminders(demo, "--on", "2026-06-01", "--days", "14")
    assert rows
    for row in rows:
        assert {"kind", "customer_id", "customer", "due", "text"} <= set(row)
    birthdays = [row for row in rows if row["kind"] == "birthday"]
    assert birthdays and all("2026-06-01" <= row["due"] <= "2026-06-15" for row in birthdays)
    assert all(set(row) >= {"age", "round"} for row in birthdays)
    assert any(row["age"] is None for row in birthdays) or all(isinstance(row["age"], int) for row in birthdays)
    assert [row["due"] for row in rows] == sorted(row["due"] for row in rows)
    assert all(row["text"] and "{" not in row["text"] for row in rows)


def test_a_todo_is_added_and_shown_on_its_day(demo: tuple[Path, Path]) -> None:
    home, db = demo
    due = date.today() + timedelta(days=40)
    added = emma("--db", db, "todo", "3", "--due", due.isoformat(), "Fragen, ob der Riesling geschmeckt hat", home=home)
    assert added.returncode == 0, added.stderr
    rows = _reminders(demo, "--on", due.isoformat(), "--days", "0")
    assert {
        "kind": "todo",
        "customer_id": 3,
        "due": due.isoformat(),
        "text": "Fragen, ob der Riesling geschmeckt hat",
    }.items() <= next(row for row in rows if row["kind"] == "todo").items()
    plain = emma("--db", db, "reminders", "--on", due.isoformat(), "--days", "0", home=home)
    assert "Fragen, ob der Riesling geschmeckt hat" in plain.stdout and plain.stdout.startswith("Heute")


@pytest.mark.parametrize(
    "args",
    [
        ["reminders", "--on", "1. Juni"],
        ["reminders", "--days", "400"],
        ["reminders", "--days", "-3"],
        ["todo", "3", "--due", "morgen", "Anrufen"],
        ["todo", "99999", "--due", "2026-12-01", "Anrufen"],
        ["todo", "3", "--due", "2026-12-01", "   "],
        ["todo", "3", "Anrufen"],
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(demo: tuple[Path, Path], args: list[str]) -> None:
    home, db = demo
    before = db.read_bytes()
    done = emma("--db", db, *args, home=home)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert db.read_bytes() == before
