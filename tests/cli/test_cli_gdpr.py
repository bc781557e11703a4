"""`emma gdpr …` end to end: the real command in a subprocess, on a file it made itself."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.test_cli import emma


@pytest.fixture
def shop_file(tmp_path: Path) -> Path:
    db = tmp_path / "laden.db"
    made = emma("--db", db, "demo", "--customers", "12", "--seed", "5", home=tmp_path)
    assert made.returncode == 0, made.stderr
    return db


def _name_of(db: Path, customer_id: int) -> tuple[str, str]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT first_name, last_name FROM customers WHERE id = ?", (customer_id,)).fetchone()


def test_export_writes_the_pdf_and_the_json_beside_it(shop_file: Path, tmp_path: Path) -> None:
    result = emma("--db", shop_file, "gdpr", "export", "3", "-o", tmp_path / "auskunft.pdf", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "auskunft.pdf" in result.stdout and "auskunft.json" in result.stdout
    assert (tmp_path / "auskunft.pdf").read_bytes().startswith(b"%PDF")
    data = json.loads((tmp_path / "auskunft.json").read_text(encoding="utf-8"))
    assert (data["customer"]["first_name"], data["customer"]["last_name"]) == _name_of(shop_file, 3)
    assert data["format"] == "frau-emma-disclosure/1"


def test_erase_without_yes_refuses_and_changes_nothing(shop_file: Path, tmp_path: Path) -> None:
    before = shop_file.read_bytes()
    result = emma("--db", shop_file, "gdpr", "erase", "3", home=tmp_path)
    assert result.returncode == 2
    assert "--yes" in result.stderr and "Traceback" not in result.stderr
    assert shop_file.read_bytes() == before


def test_erase_leaves_no_trace_of_her_name_in_the_file(shop_file: Path, tmp_path: Path) -> None:
    first, last = _name_of(shop_file, 3)
    result = emma("--db", shop_file, "gdpr", "erase", "3", "--yes", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3" in result.stdout
    data = shop_file.read_bytes()
    wal = shop_file.with_name(shop_file.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    assert last.encode() not in data and f"{first} {last}".encode() not in data
    again = emma("--db", shop_file, "gdpr", "export", "3", "-o", tmp_path / "x.pdf", home=tmp_path)
    assert again.returncode == 2 and "3" in again.stderr


def test_unknown_customer_is_one_sentence(shop_file: Path, tmp_path: Path) -> None:
    result = emma("--db", shop_file, "gdpr", "erase", "999", "--yes", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "emma: Eine Kundin oder einen Kunden mit der Nummer 999 gibt es nicht."


def test_objection_consent_form_purge_and_review(shop_file: Path, tmp_path: Path) -> None:
    objected = emma("--db", shop_file, "gdpr", "object", "4", "--on", "2026-11-02", home=tmp_path)
    assert objected.returncode == 0, objected.stderr
    with closing(sqlite3.connect(shop_file)) as conn:
        assert conn.execute("SELECT postal_objected_on FROM customers WHERE id = 4").fetchone() == ("2026-11-02",)
    form = emma("--db", shop_file, "gdpr", "consent-form", "5", "-o", tmp_path / "form.pdf", home=tmp_path)
    assert form.returncode == 0 and (tmp_path / "form.pdf").exists()
    counted = emma("--db", shop_file, "gdpr", "purge", "--on", "2040-06-01", home=tmp_path)
    assert counted.returncode == 0 and "--yes" in counted.stdout
    purged = emma("--db", shop_file, "gdpr", "purge", "--yes", home=tmp_path)
    assert purged.returncode == 0 and "DE: 8" in purged.stdout
    review = emma("--db", shop_file, "gdpr", "inactive", "--years", "3", "--on", "2040-01-01", "--json", home=tmp_path)
    assert review.returncode == 0, review.stderr
    assert {row["id"] for row in json.loads(review.stdout)} >= {5, 6}


def test_missing_file_is_refused(tmp_path: Path) -> None:
    result = emma("--db", tmp_path / "nope.db", "gdpr", "inactive", home=tmp_path)
    assert result.returncode == 2 and not (tmp_path / "nope.db").exists()
