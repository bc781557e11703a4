"""The Monatsbericht of a small shop with purchases on known days: the figures in the PDF are the right ones."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from emma.domain.customer import Customer
from emma.domain.errors import UserError
from emma.services.counter import book_purchase
from emma.services.customers import save_customer
from emma.services.monthly_report import monthly_report, write_monthly_report
from emma.services.settings import save_letterhead
from tests.conftest import NOW


def _customer(shop, name: str, purchases: list[tuple[str, int]]) -> int:
    """A customer with purchases (day, euros), each at ten in the morning."""
    customer = save_customer(shop, Customer(first_name=name, last_name="Test"), now=NOW)
    for day, euros in purchases:
        at = datetime.fromisoformat(day).replace(hour=10)
        book_purchase(shop, customer.id, euros * 100, at=at, now=at)
    return customer.id


@pytest.fixture
def small_shop(shop):
    save_letterhead(shop, {"shop_name": "Kurzwaren Hofmann"})
    _customer(shop, "Anna", [("2026-10-05", 50), ("2026-11-03", 30), ("2026-11-20", 20)])
    _customer(shop, "Berta", [("2025-11-10", 10), ("2026-11-12", 40)])
    _customer(shop, "Clara", [("2026-11-15", 25)])  # her first purchase: new in November
    return shop


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages).replace("\xa0", " ")


def test_figures_of_a_whole_month(small_shop, tmp_path: Path) -> None:
    report = monthly_report(small_shop, date(2026, 11, 7), today=date(2026, 12, 5))
    assert report.month == date(2026, 11, 1) and report.through == date(2026, 11, 30)
    figures = report.figures
    assert (figures.revenue_cents, figures.purchases, figures.average_cents) == (11500, 4, 2875)
    assert (figures.new_customers, figures.returning_customers) == (1, 2)
    assert (report.previous_month.revenue_cents, report.previous_month.new_customers) == (5000, 1)
    assert (report.year_before.revenue_cents, report.year_before.purchases) == (1000, 1)
    assert len(report.months) == 12 and report.revenue_cents[-1] == 11500 and report.revenue_cents[-2] == 5000
    assert report.revenue_year_before_cents[-1] == 1000
    assert sum(row.customers for row in report.abc) == 3 and sum(count for _label, count in report.phases) == 3

    target = write_monthly_report(small_shop, date(2026, 11, 7), tmp_path / "november.pdf", today=date(2026, 12, 5))
    text = _text(target)
    assert "Kurzwaren Hofmann" in text and "Monatsbericht November 2026" in text
    assert "115,00 €" in text and "50,00 €" in text and "10,00 €" in text  # November, October, November 2025
    assert "28,75 €" in text  # the average purchase
    assert "+1.050 %" in text  # revenue on a year before: 115 € against 10 €
    assert "Erstellt am 5. Dezember 2026 mit Frau Emma" in text


def test_a_month_that_runs_is_counted_to_today(small_shop, tmp_path: Path) -> None:
    report = monthly_report(small_shop, date(2026, 11, 1), today=date(2026, 11, 16))
    assert report.through == date(2026, 11, 16)
    assert (report.figures.revenue_cents, report.figures.purchases) == (9500, 3)  # the 20 € of the 20th is to come
    assert report.previous_through == date(2026, 10, 16) and report.previous_month.revenue_cents == 5000
    assert report.year_before_through == date(2025, 11, 16) and report.year_before.revenue_cents == 1000
    text = _text(write_monthly_report(small_shop, date(2026, 11, 1), tmp_path / "r.pdf", today=date(2026, 11, 16)))
    assert "95,00 €" in text and "der Monat läuft noch" in text


def test_the_same_days_of_a_shorter_month(small_shop) -> None:
    report = monthly_report(small_shop, date(2026, 3, 1), today=date(2026, 3, 31))
    assert report.through == date(2026, 3, 31)  # the month's last day: a whole month
    report = monthly_report(small_shop, date(2026, 3, 1), today=date(2026, 3, 30))
    assert report.previous_through == date(2026, 2, 28)


@pytest.mark.parametrize("month", [date(2019, 1, 1), date(2031, 5, 1), date(1900, 1, 1)])
def test_months_without_purchases_give_zeros(small_shop, tmp_path: Path, month: date) -> None:
    target = write_monthly_report(small_shop, month, tmp_path / "leer.pdf", today=date(2026, 11, 24))
    assert len(PdfReader(target).pages) == 2
    assert "0,00 €" in _text(target)


def test_an_empty_shop(shop, tmp_path: Path) -> None:
    text = _text(write_monthly_report(shop, date(2026, 11, 1), tmp_path / "leer.pdf", today=date(2026, 11, 24)))
    assert "Mein Laden" in text and "Keine Einkäufe in diesen Monaten." in text


def test_impossible_years_and_folders(shop, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        write_monthly_report(shop, date(1, 1, 1), tmp_path / "alt.pdf")
    with pytest.raises(UserError):
        write_monthly_report(shop, date(2026, 11, 1), tmp_path / "fehlt" / "r.pdf", make_folder=False)
    assert not (tmp_path / "fehlt").exists()


def test_a_report_leaves_the_panels_segments_as_the_auswertung_kept_them(small_shop) -> None:
    from emma.services.insights import insights
    from emma.services.segments import last_computed

    insights(small_shop, date(2026, 11, 24))
    monthly_report(small_shop, date(2026, 3, 1), today=date(2026, 11, 24))  # a month long past
    assert last_computed(small_shop) == date(2026, 11, 24)
