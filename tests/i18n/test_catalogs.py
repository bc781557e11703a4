"""Every visible string has its German translation, and locale formats follow the shop."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import emma
from emma.i18n import _, ngettext, use_language
from emma.i18n.formats import format_date, format_day_month, format_money, format_number

PACKAGE = Path(emma.__file__).parent
CATALOG = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "emma.po"


def _source_messages() -> set[str]:
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "ngettext": (1, 2)},
    )
    return {message if isinstance(message, str) else message[0] for _file, _line, message, _c, _x in found}


def test_every_string_in_the_code_has_a_german_translation():
    with CATALOG.open("rb") as file:
        catalog = read_po(file, locale="de")
    translated = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id and (all(message.string) if isinstance(message.string, tuple) else message.string)
    }
    missing = _source_messages() - translated
    assert not missing, f"untranslated (run `make translations` and translate): {sorted(missing)}"


def test_german_and_english_switch():
    use_language("de")
    assert _("Customers") == "Kunden"
    assert ngettext("in {n} day", "in {n} days", 3).format(n=3) == "in 3 Tagen"
    use_language("en")
    assert _("Customers") == "Customers"
    assert ngettext("in {n} day", "in {n} days", 1).format(n=1) == "in 1 day"


def test_dates_numbers_and_money_follow_the_locale():
    day = date(2026, 11, 23)
    assert format_date(day, "de_DE", "long") == "23. November 2026"
    assert format_date(day, "de_AT", "long") == "23. November 2026"
    assert format_date(day, "en_GB", "long") == "23 November 2026"
    assert format_day_month(29, 2, "de_DE") == "29. Februar"
    assert format_day_month(3, 1, "de_AT") == "3. Jänner"
    assert format_number(100000, "de_DE") == "100.000"
    assert format_money(123450, "de_DE") == "1.234,50\xa0€"
    assert format_money(123450, "de_CH").startswith("CHF")
    assert format_money(5, "en_GB") == "€0.05"
    assert format_money(5, "en_GB", "CHF") == "CHF0.05"
