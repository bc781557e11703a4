"""Importing customer lists as the owner has them, against real SQLite files: new, updated, rejected, undone."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.errors import UserError
from emma.services.counter import book_purchase
from emma.services.customers import find_customers, get_customer
from emma.services.exporting import export_customers
from emma.services.importing import import_batches, import_file, undo_import
from emma.services.shop import open_shop
from tests.conftest import NOW, TODAY

HEADER = ["Vorname", "Nachname", "Straße", "Hausnummer", "PLZ", "Ort", "Geburtstag", "E-Mail", "Notizen"]


def _csv(path: Path, rows: list[list[str]], *, header: list[str] = HEADER, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=";").writerows([header, *rows])
    return path


def _everyone(shop) -> list[tuple[str, str, str]]:
    return sorted((c.first_name, c.last_name, c.city) for c in find_customers(shop, "", limit=1000))


def test_a_german_excel_list_becomes_customers(shop, tmp_path: Path) -> None:
    source = _csv(tmp_path / "kunden.csv", [
        ["Jürgen", "Weiß", "Hauptstraße", "5", "90402", "Nürnberg", "03.07.1965", "jw@example.org", "mag Rotwein"],
        ["Anna", "Öztürk", "Am Markt", "1", "1010", "Wien", "29.02.", "", ""],
    ], encoding="cp1252")  # fmt: skip
    result = import_file(shop, source, today=TODAY, now=NOW)
    assert (result.imported, result.updated, result.skipped, result.errors) == (2, 0, 0, [])
    [anna] = [c for c in find_customers(shop, "öztürk")]
    anna = get_customer(shop, anna.id)
    assert (anna.street, anna.country, anna.birthday) == ("Am Markt 1", "AT", Birthday(2, 29))
    assert [w.row for w in result.warnings] == [3]  # 1010 is no German postal code: Austria, worth a look
    juergen = get_customer(shop, find_customers(shop, "weiß")[0].id)
    assert (juergen.birthday, juergen.email, juergen.notes) == (Birthday(7, 3, 1965), "jw@example.org", "mag Rotwein")


def test_rows_that_cannot_be_customers_are_rejected_with_their_row_and_reason(shop, tmp_path: Path) -> None:
    source = _csv(tmp_path / "kunden.csv", [
        ["", "", "Weg", "1", "12345", "Ort", "", "", ""],
        ["Eva", "Ernst", "", "", "", "", "31.02.1980", "", ""],
        ["Max", "Muster", "", "", "", "", "", "kein-at-zeichen", ""],
        ["Lea", "Lang", "", "", "", "", "", "", ""],
    ])  # fmt: skip
    result = import_file(shop, source, today=TODAY, now=NOW)
    assert (result.imported, result.skipped) == (1, 3)
    assert [problem.row for problem in result.errors] == [2, 3, 4]
    assert all(problem.message for problem in result.errors)
    assert _everyone(shop) == [("Lea", "Lang", "")]


def test_a_dry_run_shows_what_would_happen_and_changes_nothing(shop, tmp_path: Path) -> None:
    source = _csv(tmp_path / "kunden.csv", [["Lea", "Lang", "", "", "", "", "", "lea@example.de", ""]])
    dry = import_file(shop, source, dry_run=True, today=TODAY, now=NOW)
    assert (dry.imported, dry.dry_run) == (1, True)
    assert _everyone(shop) == [] and import_batches(shop) == []
    real = import_file(shop, source, today=TODAY, now=NOW)
    assert (real.imported, real.updated) == (dry.imported, dry.updated)


def test_a_known_customer_is_updated_and_the_import_undone(shop, tmp_path: Path) -> None:
    first = _csv(tmp_path / "alt.csv", [
        ["Lea", "Lang", "Weg", "1", "10115", "Berlin", "01.02.1990", "lea@example.de", ""],
        ["Tom", "Kaya", "", "", "", "", "", "", ""],
    ])  # fmt: skip
    import_file(shop, first, today=TODAY, now=NOW)
    second = _csv(tmp_path / "neu.csv", [
        ["Lea", "Lang", "", "", "", "Hamburg", "01.02.1990", "", "zieht um"],  # same name and birthday
        ["Tom", "Kaya", "", "", "", "", "", "", ""],  # no birthday, no e-mail: a new customer of the same name
        ["Ida", "Imm", "", "", "", "", "", "", ""],
    ])  # fmt: skip
    later = datetime(2026, 11, 23, 11, 0)
    result = import_file(shop, second, today=TODAY, now=later)
    assert (result.imported, result.updated, result.unchanged) == (2, 1, 0)
    lea_id = find_customers(shop, "lea")[0].id
    assert (get_customer(shop, lea_id).city, get_customer(shop, lea_id).street) == ("Hamburg", "Weg 1")
    ida_id = find_customers(shop, "ida")[0].id
    book_purchase(shop, ida_id, 1250, at=datetime(2026, 11, 23, 12, 0), now=datetime(2026, 11, 23, 12, 0))
    undone = undo_import(shop, result.batch_id, now=datetime(2026, 11, 23, 13, 0))
    assert (undone.removed, undone.restored, undone.kept) == (1, 1, 1)  # Ida bought something: she stays
    assert get_customer(shop, lea_id).city == "Berlin"
    assert _everyone(shop) == [("Ida", "Imm", ""), ("Lea", "Lang", "Berlin"), ("Tom", "Kaya", "")]
    with pytest.raises(UserError):
        undo_import(shop, result.batch_id)  # once is enough


def test_the_same_person_twice_in_one_file_is_one_customer(shop, tmp_path: Path) -> None:
    source = _csv(tmp_path / "doppelt.csv", [
        ["Lea", "Lang", "", "", "", "", "", "lea@example.de", ""],
        ["Lea", "Lang", "", "", "", "Köln", "", "LEA@example.de", ""],
    ])  # fmt: skip
    result = import_file(shop, source, today=TODAY, now=NOW)
    assert (result.imported, result.unchanged, [w.row for w in result.warnings]) == (1, 1, [3])
    assert _everyone(shop) == [("Lea", "Lang", "Köln")]


def test_an_export_re_imports_to_the_same_customers(shop, tmp_path: Path, db_path: Path) -> None:
    source = _csv(tmp_path / "kunden.csv", [
        ["Jürgen", "Weiß", "Hauptstraße", "5", "90402", "Nürnberg", "03.07.1965", "jw@example.org", "=1+1"],
        ["Anna", "Öztürk", "Am Markt", "1", "01067", "Dresden", "29.02.", "", "Zeile 1\nZeile 2"],
    ])  # fmt: skip
    import_file(shop, source, today=TODAY, now=NOW)
    for extension in (".csv", ".xlsx", ".vcf"):
        exported = tmp_path / f"export{extension}"
        assert export_customers(shop, exported) == 2
        assert import_file(shop, exported, today=TODAY, now=NOW).unchanged == 2  # nothing new, nothing changed
        other = open_shop(tmp_path / f"other{extension}.db")
        try:
            assert import_file(other, exported, today=TODAY, now=NOW).imported == 2
            assert _everyone(other) == _everyone(shop)
            ids = [c.id for c in find_customers(other, "", limit=10)]
            assert {get_customer(other, i).birthday for i in ids} == {Birthday(7, 3, 1965), Birthday(2, 29)}
            if extension != ".vcf":
                assert {get_customer(other, i).notes for i in ids} == {"=1+1", "Zeile 1\nZeile 2"}
        finally:
            other.close()


def test_a_cancelled_import_imports_nothing(shop, tmp_path: Path) -> None:
    rows = [[f"Vor{n}", f"Nach{n}", "", "", "", "", "", "", ""] for n in range(1200)]
    source = _csv(tmp_path / "viele.csv", rows)
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(UserError):
        import_file(shop, source, today=TODAY, now=NOW, cancelled=cancelled)
    assert _everyone(shop) == [] and import_batches(shop) == []


def test_many_rows_into_an_empty_file_are_found_by_the_search(shop, tmp_path: Path) -> None:
    rows = [[f"Vor{n}", f"Nach{n:05d}", "", "", "", "", "", f"k{n}@example.de", ""] for n in range(6000)]
    result = import_file(shop, _csv(tmp_path / "viele.csv", rows), today=TODAY, now=NOW)
    assert result.imported == 6000
    assert [c.last_name for c in find_customers(shop, "nach05999")] == ["Nach05999"]
    assert import_file(shop, _csv(tmp_path / "viele.csv", rows), today=TODAY, now=NOW).unchanged == 6000


def test_a_file_without_a_name_column_is_refused(shop, tmp_path: Path) -> None:
    source = _csv(tmp_path / "x.csv", [["1", "2"]], header=["Artikel", "Preis"])
    with pytest.raises(UserError):
        import_file(shop, source, today=TODAY, now=NOW)


def test_today_is_passed_in(shop, tmp_path: Path) -> None:
    source = _csv(tmp_path / "k.csv", [["Lea", "Lang", "", "", "", "", "01.01.30", "", ""]])
    import_file(shop, source, today=date(2026, 11, 23), now=NOW)
    lea = get_customer(shop, find_customers(shop, "lea")[0].id)
    assert lea.birthday == Birthday(1, 1, 1930)  # not 2030: she is not born in the future


def _many(count: int) -> list[list[str]]:
    return [[f"Vor{n}", f"Nach{n:05d}", "", "", "", "", "", f"k{n}@example.de", ""] for n in range(count)]


def test_a_row_that_is_a_customer_written_chunks_earlier_updates_her(shop, tmp_path: Path) -> None:
    rows = _many(7000)
    rows.append(["Vor0", "Nach00000", "Neuer Weg", "9", "", "Köln", "", "K0@example.de", "kam wieder"])
    result = import_file(shop, _csv(tmp_path / "viele.csv", rows), today=TODAY, now=NOW)
    assert (result.imported, result.unchanged, [w.row for w in result.warnings]) == (7000, 1, [7002])
    [first] = find_customers(shop, "nach00000")  # once, though her search rows were written and then replaced
    first = get_customer(shop, first.id)
    assert (first.last_name, first.street, first.city, first.notes) == (
        "Nach00000",
        "Neuer Weg 9",
        "Köln",
        "kam wieder",
    )
    assert [c.id for c in find_customers(shop, "nach06999")] == [7000]  # ids in the order of the rows
    assert undo_import(shop, result.batch_id).removed == 7000


def test_later_rows_that_are_customers_written_chunks_earlier_all_reach_them(shop, tmp_path: Path) -> None:
    rows = _many(6000)
    rows += [
        ["Vor1", "Nach00001", "", "", "", "Bonn", "", "k1@example.de", "erste Nachricht"],
        ["Vor2", "Nach00002", "", "", "", "", "", "k2@example.de", "für Nummer zwei"],
        ["Vor1", "Nach00001", "Am Markt", "3", "", "", "", "k1@example.de", "zweite Nachricht"],
    ]
    result = import_file(shop, _csv(tmp_path / "viele.csv", rows), today=TODAY, now=NOW)
    assert (result.imported, result.unchanged, [w.row for w in result.warnings]) == (6000, 3, [6002, 6003, 6004])
    one, two = (get_customer(shop, find_customers(shop, name)[0].id) for name in ("nach00001", "nach00002"))
    assert (one.street, one.city, one.notes) == ("Am Markt 3", "Bonn", "erste Nachricht\nzweite Nachricht")
    assert (two.first_name, two.notes) == ("Vor2", "für Nummer zwei")
    assert undo_import(shop, result.batch_id).removed == 6000


def test_a_failure_while_writing_in_the_background_imports_nothing(shop, tmp_path: Path, monkeypatch) -> None:
    from emma.store import customers as customer_store

    insert_new = customer_store.insert_new
    written: list[int] = []

    def failing_on_the_third_chunk(database, rows, **keywords):
        written.append(len(rows.customers))
        if len(written) == 3:
            raise OSError("disk gone")
        insert_new(database, rows, **keywords)

    monkeypatch.setattr(customer_store, "insert_new", failing_on_the_third_chunk)
    with pytest.raises(OSError):
        import_file(shop, _csv(tmp_path / "viele.csv", _many(8000)), today=TODAY, now=NOW)
    assert _everyone(shop) == [] and import_batches(shop) == []
    assert not shop.database.connection.in_transaction
    monkeypatch.setattr(customer_store, "insert_new", insert_new)
    assert import_file(shop, _csv(tmp_path / "viele.csv", _many(8000)), today=TODAY, now=NOW).imported == 8000


def test_a_big_import_cancelled_while_it_writes_imports_nothing(shop, tmp_path: Path) -> None:
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 12  # after 6,000 rows, three chunks handed to the writer

    with pytest.raises(UserError):
        import_file(shop, _csv(tmp_path / "viele.csv", _many(9000)), today=TODAY, now=NOW, cancelled=cancelled)
    assert _everyone(shop) == [] and import_batches(shop) == []
    conn = shop.database.connection
    assert conn.execute("SELECT count(*) FROM customer_terms").fetchone() == (0,)


def test_two_rows_updating_one_customer_are_undone_to_how_she_was(shop, tmp_path: Path) -> None:
    import_file(shop, _csv(tmp_path / "alt.csv", [["Lea", "Lang", "", "", "", "Berlin", "", "lea@example.de", ""]]),
                today=TODAY, now=NOW)  # fmt: skip
    twice = _csv(tmp_path / "neu.csv", [
        ["Lea", "Lang", "", "", "", "Hamburg", "", "lea@example.de", ""],
        ["Lea", "Lang", "", "", "", "Köln", "", "lea@example.de", ""],
    ])  # fmt: skip
    result = import_file(shop, twice, today=TODAY, now=NOW)
    assert (result.updated, result.unchanged, [w.row for w in result.warnings]) == (1, 1, [3])
    assert _everyone(shop) == [("Lea", "Lang", "Köln")]
    assert undo_import(shop, result.batch_id).restored == 1
    assert _everyone(shop) == [("Lea", "Lang", "Berlin")]
