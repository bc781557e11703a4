"""A 12 MB export of 100,000 customers is read whole (its time is measured by `make bench`, not here)."""

from __future__ import annotations

from pathlib import Path

from emma.exchange.reading import read_table

HEADER = "Kundennummer;Anrede;Vorname;Nachname;Straße;PLZ;Ort;Telefon;E-Mail;Geburtstag;Kunde seit;Notizen"


def test_100000_rows_of_a_12_mb_csv(tmp_path: Path) -> None:
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

    table = read_table(path)
    assert len(table.rows) == 100_000
    assert table.rows[-1].cells[0] == "K-99999" and table.rows[-1].cells[-1] == "Rotwein; Käse"
