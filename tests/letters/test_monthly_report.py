"""The Monatsbericht PDF, read back: its pages, the month's name and figures as text, in German and English."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from emma.i18n import use_language
from emma.letters.bar_charts import round_scale
from emma.letters.monthly_report import AbcRow, MonthFigures, MonthlyReport, render_monthly_report

MONTHS = [date(2025 + (11 + n) // 12, (11 + n) % 12 + 1, 1) for n in range(12)]  # Dec 2025 … Nov 2026


def _report(**changes) -> MonthlyReport:
    values = dict(
        shop_name="Wollstübchen Nürnberg",
        month=date(2026, 11, 1),
        through=date(2026, 11, 30),
        created_on=date(2026, 12, 2),
        figures=MonthFigures(123456, 40, 7, 25, 5, 3, 10, 4),
        previous_month=MonthFigures(100000, 50, 4, 30, 2, 1, 0, 0),
        year_before=MonthFigures(61728, 20, 7, 10, 0, 3, 5, 1),
        previous_through=date(2026, 10, 31),
        year_before_through=date(2025, 11, 30),
        months=MONTHS,
        revenue_cents=[100_000 + 1000 * n for n in range(11)] + [123456],
        revenue_year_before_cents=[90_000] * 12,
        new_customers=[3] * 11 + [7],
        returning_customers=[30] * 11 + [25],
        abc=[AbcRow("A", 12, 20.0, 80.0), AbcRow("B", 18, 30.0, 15.0), AbcRow("C", 30, 50.0, 5.0)],
        phases=[("Neu", 7), ("Stammkundin", 40), ("Wandert ab", 13)],
        segments_from=date(2025, 12, 1),
        segments_on=date(2026, 11, 30),
    )
    values.update(changes)
    return MonthlyReport(**values)


def _text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_german_report(tmp_path: Path) -> None:
    target = tmp_path / "bericht.pdf"
    assert render_monthly_report(target, _report(), locale="de_DE") == 2
    pages, text = _text(target)
    assert pages == 2
    assert "Wollstübchen Nürnberg" in text and "Monatsbericht November 2026" in text
    assert "1.234,56 €" in text and "1.000,00 €" in text and "617,28 €" in text  # this month, before, a year before
    assert "30,86 €" in text  # the average purchase: 1.234,56 € / 40
    assert "+100" in text  # revenue doubled on a year before
    assert "4 (40 %)" in text.replace("\xa0", " ")  # came back: 4 of 10 letters
    assert "Dez" in text and "Okt" in text  # the charts' month names
    assert "Erstellt am 2. Dezember 2026 mit Frau Emma" in text
    assert "Stammkundin" in text and "die besten Kundinnen" in text
    assert not list(tmp_path.glob(".*.part"))


def test_english_report(tmp_path: Path) -> None:
    use_language("en")
    target = tmp_path / "report.pdf"
    render_monthly_report(target, _report(month=date(2026, 3, 1), through=date(2026, 3, 31)), locale="en_GB")
    pages, text = _text(target)
    assert pages == 2
    assert "Monthly report March 2026" in text and "Revenue" in text
    assert "€1,234.56" in text and "€30.86" in text
    assert "Created on 2 December 2026 with Frau Emma" in text
    assert "Dec" in text and "Sept" in text


def test_german_month_names(tmp_path: Path) -> None:
    target = tmp_path / "maerz.pdf"
    render_monthly_report(target, _report(month=date(2026, 3, 1), through=date(2026, 3, 31)), locale="de_AT")
    _pages, text = _text(target)
    assert "Monatsbericht März 2026" in text
    assert "Jän" in text  # Austrian January on the axis


def test_a_month_that_runs_is_compared_with_the_same_days(tmp_path: Path) -> None:
    target = tmp_path / "laufend.pdf"
    running = _report(through=date(2026, 11, 24), created_on=date(2026, 11, 24),
                      previous_through=date(2026, 10, 24), year_before_through=date(2025, 11, 24))  # fmt: skip
    render_monthly_report(target, running, locale="de_DE")
    _pages, text = _text(target)
    assert "der Monat läuft noch" in text
    assert "bis 24.10.2026" in text and "bis 24.11.2025" in text


def test_a_report_of_nothing(tmp_path: Path) -> None:
    """A month before the first purchase: zeros and dashes, no division by zero, still two pages."""
    empty = _report(
        figures=MonthFigures(), previous_month=MonthFigures(), year_before=MonthFigures(),
        revenue_cents=[0] * 12, revenue_year_before_cents=[0] * 12, new_customers=[0] * 12,
        returning_customers=[0] * 12, abc=[AbcRow(name, 0, 0.0, 0.0) for name in "ABC"], phases=[("Neu", 0)],
        shop_name="Ein sehr langer Ladenname, der nie auf eine Zeile passen würde, " * 4,
    )  # fmt: skip
    target = tmp_path / "leer.pdf"
    assert render_monthly_report(target, empty, locale="de_CH") == 2
    _pages, text = _text(target)
    assert "Keine Einkäufe in diesen Monaten." in text
    assert "CHF" in text


def test_round_scale() -> None:
    assert round_scale(0) == (5.0, 1.0)
    assert round_scale(23_456) == (25_000, 5_000)
    assert round_scale(530) == (600, 200)
    assert round_scale(3) == (3, 1)
    top, step = round_scale(7)
    assert step == int(step) and top >= 7 and top / step <= 6
