"""The whole import of 100,000 rows has 10 s; reading the file must take a small part of that."""

from __future__ import annotations

import time
from pathlib import Path

from emma.exchange.reading import read_table

HEADER = "Kundennummer;Anrede;Vorname;Nachname;Straße;PLZ;Ort;Telefon;E-Mail;Geburtstag;Kunde seit;Notizen"


def test_100000_rows_of_a_12_mb_csv_in_well_under_2_seconds(tmp_path: Path) -> None:
    lines = [HEADER]
    for number in range(100_000):
        lines.append(
            f"K-{number:05d};Frau;Anna;Müller;Hauptstraße {number % 300};{10000 + number % 90000};"
            f"Berlin;030 {number:07d};anna{number}@example.de;03.07.1965;01.02.2015;"
            f'"Rotwein; Käse"'
        )
    path = tmp_path / "gross.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    assert 11_000_000 < path.stat().st_size < 14_000_000

    best = float("inf")
    for _attempt in range(2):  # the better of two: a busy machine should not fail the test
        started = time.perf_counter()
        table = read_table(path)
        best = min(best, time.perf_counter() - started)

    assert len(table.rows) == 100_000
    assert table.rows[-1].cells[0] == "K-99999"
    assert best < 2.0, f"reading took {best:.2f} s"
