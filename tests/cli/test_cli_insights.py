"""`emma segments`, end to end on a demo file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import emma


def test_segments_of_a_demo_shop(tmp_path: Path) -> None:
    db = tmp_path / "laden.db"
    assert emma("--db", db, "demo", "--customers", "120", home=tmp_path).returncode == 0
    done = emma("--db", db, "segments", "--on", "2026-06-01", "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    # Those who became customers after 1 June (by the demo's „customer since“) are not counted on that day.
    counted = len(report["customers"])
    assert 80 < counted <= 120 and counted == sum(c["customers"] for c in report["abc"].values())
    assert sum(report["phases"].values()) == sum(report["rfm"].values()) == counted
    assert {"id", "abc", "rfm", "phase"} <= set(report["customers"][0])
    text = emma("--db", db, "segments", home=tmp_path)
    assert text.returncode == 0 and "A:" in text.stdout
    assert emma("--db", tmp_path / "fehlt.db", "segments", home=tmp_path).returncode == 2
    assert emma("--db", db, "segments", "--on", "gestern", home=tmp_path).returncode == 2


def test_monthly_report_of_a_demo_shop(tmp_path: Path) -> None:
    from pypdf import PdfReader

    db, out = tmp_path / "laden.db", tmp_path / "bericht.pdf"
    assert emma("--db", db, "demo", "--customers", "60", home=tmp_path).returncode == 0
    done = emma("--db", db, "report", "--month", "2026-03", "-o", out, home=tmp_path)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 2 and "Monatsbericht März 2026" in reader.pages[0].extract_text()
    english = emma("--lang", "en", "--db", db, "report", "--month", "2026-03", "-o", out, home=tmp_path)
    assert english.returncode == 0 and "Monthly report March 2026" in PdfReader(out).pages[0].extract_text()
    wrong = emma("--db", db, "report", "--month", "März", "-o", out, home=tmp_path)
    assert wrong.returncode == 2 and len(wrong.stderr.strip().splitlines()) == 1 and "2026-11" in wrong.stderr
    missing = emma("--db", db, "report", "--month", "2026-03", "-o", tmp_path / "fehlt" / "b.pdf", home=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
