"""`emma letters`, end to end: the real program in a subprocess, on a demo file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import emma


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("cli-letters")
    db = home / "laden.db"
    made = emma("--db", db, "demo", "--customers", "300", "--seed", "5", home=home)
    assert made.returncode == 0, made.stderr
    return home, db


def test_a_months_birthday_mailing_with_labels(demo: tuple[Path, Path]) -> None:
    home, db = demo
    out, labels = home / "juni.pdf", home / "juni-etiketten.pdf"
    done = emma("--db", db, "letters", "birthday", "--from", "2026-06-01", "--to", "2026-06-30", "-o", out,
                "--labels", labels, "--json", home=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["letters"] > 0 and result["pages"] == len(PdfReader(out).pages) >= result["letters"]
    assert all({"customer_id", "reason"} <= set(row) for row in result["skipped"])
    assert PdfReader(labels).pages


def test_a_plain_template_file_in_english(demo: tuple[Path, Path]) -> None:
    home, db = demo
    template = home / "danke.txt"
    template.write_text("Subject: Thank you\n{{ anrede }}\n\nThank you for {{ laden }}!\n", encoding="utf-8")
    out = home / "danke.pdf"
    done = emma("--db", db, "--lang", "en", "letters", "free", "--customers", "1,2,3", "--template", template,
                "-o", out, home=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "letters on" in done.stdout and "Thank you" in PdfReader(out).pages[0].extract_text()


def test_the_language_of_the_letters_after_the_command(demo: tuple[Path, Path]) -> None:
    home, db = demo
    out = home / "english.pdf"
    done = emma("--db", db, "letters", "season", "--customers", "1,2,3", "-o", out, "--lang", "en", home=home)
    assert done.returncode == 0, done.stderr
    assert "Kind regards" in PdfReader(out).pages[0].extract_text()


def test_postcards_one_a6_card_per_customer(demo: tuple[Path, Path]) -> None:
    home, db = demo
    out = home / "karten.pdf"
    done = emma("--db", db, "letters", "season", "--customers", "1,2,3", "--postcards", "-o", out, "--json",
                home=home)  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = PdfReader(out).pages
    assert json.loads(done.stdout)["pages"] == len(pages) == json.loads(done.stdout)["letters"]
    assert round(float(pages[0].mediabox.width)) == 420  # 148 mm: A6 across


@pytest.mark.parametrize(
    ("template", "args"),
    [
        ("Liebe {{ vorname }, {% if %}", []),
        ("Hallo {{ vornahme }}", []),
        (b"\xff\xfe kaputt", []),
        (None, []),  # the template file is missing
        ("Hallo", ["--customers", "1,zwei"]),
        ("Hallo", ["--customers", "999999"]),
    ],
)
def test_a_bad_template_or_request_writes_no_pdf(demo: tuple[Path, Path], template, args: list[str]) -> None:
    home, db = demo
    path = home / "vorlage.txt"
    path.unlink(missing_ok=True)
    if isinstance(template, str):
        path.write_text(template, encoding="utf-8")
    elif isinstance(template, bytes):
        path.write_bytes(template)
    out = home / "nichts.pdf"
    done = emma("--db", db, "letters", "free", *(args or ["--customers", "1"]), "--template", path, "-o", out,
                home=home)  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not out.exists()
