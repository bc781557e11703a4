"""`emma purchase` and `emma history`, end to end: the real program in a subprocess, on a demo file."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.test_cli import emma


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(home, file) of a 30-customer demo shop made once by the command; each test books for its own customer."""
    home = tmp_path_factory.mktemp("cli-counter")
    db = home / "laden.db"
    made = emma("--db", db, "demo", "--customers", "30", "--seed", "4", home=home)
    assert made.returncode == 0, made.stderr
    return home, db


def _query(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _customer(db: Path, n: int) -> int:
    return _query(db, "SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET ?", n)[0][0]


def _booked(db: Path) -> tuple[int, int]:
    return _query(db, "SELECT (SELECT count(*) FROM purchases), (SELECT count(*) FROM stamp_events)")[0]


def test_a_purchase_is_booked_with_its_stamps_and_shows_in_the_history(demo: tuple[Path, Path]) -> None:
    home, db = demo
    customer = _customer(db, 0)
    at = date.today() - timedelta(days=3)
    booked = emma("--db", db, "purchase", customer, "12,50", "--at", f"{at}T09:30", "--note", "Geschenk", "--json",
                  home=home)  # fmt: skip
    assert booked.returncode == 0, booked.stderr
    result = json.loads(booked.stdout)
    assert {"purchase_id", "stamps_added", "cards"} <= result.keys()
    assert isinstance(result["purchase_id"], int)
    assert result["stamps_added"] == 1  # one per full 10 € on the Treuekarte; no coffee, no Kaffeekarte stamp
    assert [card["program"] for card in result["cards"]] == ["Kaffeekarte", "Treuekarte"]
    for card in result["cards"]:
        assert {"program", "stamps", "required", "reward_ready"} <= card.keys()
        assert isinstance(card["reward_ready"], bool)
        assert card["reward_ready"] == (card["stamps"] >= card["required"])
        assert card["stamps"] >= 0 and card["required"] == 10

    history = emma("--db", db, "history", customer, "--json", home=home)
    assert history.returncode == 0, history.stderr
    listed = json.loads(history.stdout)
    mine = [p for p in listed["purchases"] if p["id"] == result["purchase_id"]]
    assert mine == [
        {
            "id": result["purchase_id"],
            "at": f"{at}T09:30",
            "amount_cents": 1250,
            "items": [],
            "note": "Geschenk",
            "reversed_at": None,
            "reversal_reason": None,
        }
    ]
    ats = [p["at"] for p in listed["purchases"]]
    assert ats == sorted(ats, reverse=True)  # newest first
    earned = [s for s in listed["stamps"] if s["purchase_id"] == result["purchase_id"]]
    assert [(s["program"], s["kind"], s["stamps"]) for s in earned] == [("Treuekarte", "earned", 1)]


def test_a_malformed_amount_is_one_line_exit_2_and_the_history_stays_as_it_was(demo: tuple[Path, Path]) -> None:
    home, db = demo
    customer = _customer(db, 1)
    before = emma("--db", db, "history", customer, "--json", home=home)
    assert before.returncode == 0, before.stderr

    refused = emma("--db", db, "purchase", customer, "zwölf", "--json", home=home)

    assert refused.returncode == 2, refused
    assert refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert line.startswith("emma: ") and "zwölf" in line
    after = emma("--db", db, "history", customer, "--json", home=home)
    assert after.stdout == before.stdout


@pytest.mark.parametrize("case", ["unknown customer", "archived customer", "future", "negative", "negative cents"])
def test_what_cannot_be_booked_exits_2_and_books_nothing(demo: tuple[Path, Path], case: str) -> None:
    home, db = demo
    customer, amount, extra = _customer(db, 2), "12,50", []
    if case == "unknown customer":
        customer = 999_999
    elif case == "archived customer":
        customer = _customer(db, 3)
        conn = sqlite3.connect(db)
        conn.execute("UPDATE customers SET archived = 1 WHERE id = ?", (customer,))
        conn.commit()
        conn.close()
    elif case == "future":
        extra = ["--at", str(date.today() + timedelta(days=2))]
    elif case == "negative":
        amount = "-3"
    else:
        amount = "-12,50"
    before = _booked(db)

    refused = emma("--db", db, "purchase", customer, amount, *extra, "--json", home=home)

    assert refused.returncode == 2, refused
    assert refused.stdout == ""
    assert len(refused.stderr.splitlines()) == 1, refused.stderr
    assert refused.stderr.startswith("emma: ")
    assert "Traceback" not in refused.stderr
    assert _booked(db) == before
