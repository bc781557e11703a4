"""Dates, numbers and money in the shop's locale, through Babel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal

# The shop's locale and its currency. English is a language of the program, not a country of shops:
# an English-speaking owner of a shop in Germany still takes euros (en_GB), one in Austria or Switzerland is
# written as there (en_AT, en_CH), so that the country and its currency stay.
SHOP_LOCALES = {"de_DE": "EUR", "de_AT": "EUR", "de_CH": "CHF", "en_GB": "EUR", "en_AT": "EUR", "en_CH": "CHF"}


def currency_of(locale: str) -> str:
    return SHOP_LOCALES.get(locale, "EUR")


def format_date(day: date, locale: str, style: str = "medium") -> str:
    """`style` is Babel's: short (03.07.65), medium (03.07.1965), long (3. Juli 1965)."""
    return babel_format_date(day, format=style, locale=locale)


def format_day_month(day: int, month: int, locale: str) -> str:
    """A birthday without a year: „3. Juli“ / "3 July"."""
    pattern = "d. MMMM" if Locale.parse(locale).language == "de" else "d MMMM"
    return babel_format_date(date(2000, month, day), format=pattern, locale=locale)


def format_weekday_date(day: date, locale: str) -> str:
    """A day close by: „Donnerstag, 26. November“ / "Thursday 26 November"."""
    pattern = "EEEE, d. MMMM" if Locale.parse(locale).language == "de" else "EEEE d MMMM"
    return babel_format_date(day, format=pattern, locale=locale)


def format_weekday_short(day: date, locale: str) -> str:
    """A day in a list: „Do., 26.11.“ / "Thu 26/11"."""
    pattern = "EEE, d.M." if Locale.parse(locale).language == "de" else "EEE d/M"
    return babel_format_date(day, format=pattern, locale=locale)


def country_name(code: str, locale: str) -> str:
    """„Deutschland“ for DE in German, "Germany" in English; the code itself when Babel has no name."""
    return Locale.parse(locale).territories.get(code, code)


def format_number(value: int | float, locale: str) -> str:
    return format_decimal(value, locale=locale)


def format_money(cents: int, locale: str, currency: str | None = None) -> str:
    return format_currency(Decimal(cents).scaleb(-2), currency or currency_of(locale), locale=locale)
