"""The consent form and the Auskunft PDF: real PDFs whose text can be read back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from emma.domain.birthdays import Birthday
from emma.domain.customer import Customer
from emma.letters.consent_form import ConsentForm, customer_lines, purposes, render_consent_form
from emma.letters.disclosure import Disclosure, Section, render_disclosure
from tests.conftest import TODAY

SEDA = Customer(id=42, first_name="Seda", last_name="Şahin", title="Dr.", street="Äußere Laufer Gasse 3",
                postal_code="90403", city="Nürnberg", country="AT", email="seda@example.org",
                birthday=Birthday(month=2, day=29))  # fmt: skip


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_consent_form_names_shop_customer_and_every_purpose(tmp_path: Path) -> None:
    target = tmp_path / "form.pdf"
    render_consent_form(target, ConsentForm("Teeladen Emma", "Hauptstraße 5 · 90402 Nürnberg", SEDA, "de_DE", TODAY))
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    text = _text(target)
    for expected in ("Teeladen Emma", "Dr. Seda Şahin", "Äußere Laufer Gasse 3", "K-00042", "seda@example.org",
                     "29. Februar", "Österreich", "Unterschrift", "Ort, Datum", "Art. 21"):  # fmt: skip
        assert expected in text, expected
    for title, _meaning in purposes():
        assert title in text
    assert len(purposes()) == 3


def test_unknown_data_leaves_lines_to_fill_in() -> None:
    lines = dict(customer_lines(Customer(first_name="Ida"), "de_DE"))
    assert lines["Telefon"] == "" and lines["Geburtstag"] == "" and lines["Name"] == "Ida"


def test_disclosure_runs_onto_as_many_pages_as_it_needs(tmp_path: Path) -> None:
    rows = [(f"{day:02d}.03.2026", f"Einkauf Nummer {day} · 12,50 €") for day in range(1, 29)] * 4
    document = Disclosure("Auskunft", "Seda Şahin", "Teeladen Emma", "Alles, was gespeichert ist.", "de_DE",
                          [Section("Einkäufe", rows), Section("Notizen", [], empty="nichts gespeichert")])  # fmt: skip
    pages = render_disclosure(tmp_path / "info.pdf", document)
    assert pages == len(PdfReader(tmp_path / "info.pdf").pages) >= 2
    text = _text(tmp_path / "info.pdf")
    assert "Einkauf Nummer 28" in text and "nichts gespeichert" in text and f"Seite {pages}" in text
