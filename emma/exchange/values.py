"""One cell of an imported file read as a birthday, a date, a salutation, a country or yes/no.

Each function is pure; a value that cannot be read raises ValueError with a translated sentence
saying what is wrong with it, for the owner to see next to the row.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from emma.domain.birthdays import Birthday
from emma.domain.customer import AddressForm, Salutation
from emma.domain.errors import UserError
from emma.domain.folding import fold
from emma.domain.validation import POSTAL_CODES
from emma.i18n import _

EARLIEST_YEAR = 1850

# 03.07.1965 · 3.7.65 · 03.07. · 3.7 — and a time that a spreadsheet may have added: 03.07.1965 00:00
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_GERMAN = re.compile(r"(\d{1,2})\s*\.\s*(\d{1,2})\s*(?:\.\s*(\d{4}|\d{2})?)?" + _TIME)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})" + _TIME)
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})" + _TIME)
# "customer since" is often only a year, or a month and year: 2015 · 07.2015 · 2015-07
_YEAR = re.compile(r"(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[./]\s*(\d{4})|(\d{4})-(\d{1,2})")


def _not_a_date(text: str) -> ValueError:
    return ValueError(_("“{text}” is not a date.").format(text=text))


def _day(text: str, year: int | None, month: int, day: int) -> tuple[int | None, int, int]:
    """The parts, checked against the calendar (29 February without a year is a real birthday)."""
    if not 1 <= month <= 12:
        raise _not_a_date(text)
    last = 29 if year is None and month == 2 else calendar.monthrange(year or 2001, month)[1]
    if not 1 <= day <= last:
        raise _not_a_date(text)
    return year, month, day


def _full_year(two_digits: str, month: int, day: int, today: date) -> int:
    """The century that does not put the date after `today`: on 2026-11-23 "65" is 1965, "03" is 2003."""
    year = today.year - today.year % 100 + int(two_digits)
    return year if (year, month, day) <= (today.year, today.month, today.day) else year - 100


def _parts(text: str, today: date, *, year_optional: bool) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a date written the German, ISO or compact way."""
    if match := _GERMAN.fullmatch(text):
        day, month, year_text = int(match[1]), int(match[2]), match[3]
        if year_text is None:
            if not year_optional:
                raise _not_a_date(text)
            return _day(text, None, month, day)
        year = int(year_text) if len(year_text) == 4 else _full_year(year_text, month, day, today)
        return _day(text, year, month, day)
    if match := _ISO.fullmatch(text) or _COMPACT.fullmatch(text):
        return _day(text, int(match[1]), int(match[2]), int(match[3]))
    if year_optional and (match := _NO_YEAR.fullmatch(text)):
        return _day(text, None, int(match[1]), int(match[2]))
    if match := _SLASHED.fullmatch(text):
        first, second, year_text = int(match[1]), int(match[2]), match[3]
        if first <= 12 and second <= 12 and first != second:
            raise ValueError(
                _("“{text}” could be read two ways (day/month or month/day); please write it as 03.07.1965.").format(
                    text=text
                )
            )
        # Only one reading is a date: 07/23/1965 is American, 23/07/1965 British.
        month, day = (first, second) if second > 12 else (second, first)
        year = int(year_text) if len(year_text) == 4 else _full_year(year_text, month, day, today)
        return _day(text, year, month, day)
    raise _not_a_date(text)


def parse_birthday(text: str, today: date) -> Birthday | None:
    """A birthday as files write it: 03.07.1965, 3.7.65, 29.02., 1965-07-03, --07-03, 19650703; "" is none."""
    text = text.strip()
    if not text:
        return None
    year, month, day = _parts(text, today, year_optional=True)
    if year is not None:
        if year < EARLIEST_YEAR:
            raise ValueError(
                _("“{text}”: the year {year} is too long ago for a birthday.").format(text=text, year=year)
            )
        if date(year, month, day) > today:
            raise ValueError(_("“{text}”: a birthday cannot lie in the future.").format(text=text))
    try:
        return Birthday(month=month, day=day, year=year)
    except UserError as error:  # cannot happen after _day, but the domain has the last word
        raise ValueError(error.message) from None


def parse_date(text: str, *, today: date | None = None) -> date | None:
    """A date such as "customer since": 03.07.2015, 3.7.15, 2015-07-03, 20150703, or only 07.2015 or 2015."""
    text = text.strip()
    if not text:
        return None
    if match := _YEAR.fullmatch(text):
        year, month, day = int(match[1]), 1, 1
    elif match := _MONTH_YEAR.fullmatch(text):
        year, month = (int(match[2]), int(match[1])) if match[1] else (int(match[3]), int(match[4]))
        _day(text, year, month, 1)
        day = 1
    else:
        found_year, month, day = _parts(text, today or date.today(), year_optional=False)
        assert found_year is not None
        year = found_year
    if year < EARLIEST_YEAR:
        raise _not_a_date(text)
    return date(year, month, day)


_FRAU = frozenset(
    map(
        fold,
        ("frau", "fr", "ms", "mrs", "miss", "madame", "mme", "w", "weiblich", "f", "female", "woman", "sehr geehrte"),
    )
)
_HERR = frozenset(map(fold, ("herr", "herrn", "hr", "mr", "monsieur", "m", "männlich", "male", "man", "sehr geehrter")))
_DIVERS = frozenset(map(fold, ("divers", "diverse", "mx", "d", "nichtbinär", "non binary", "nonbinary")))


def parse_salutation(text: str) -> Salutation:
    """Frau, Fr., Ms, Mrs → FRAU; Herr, Hr., Herrn, Mr → HERR; divers, Mx → DIVERS; anything else none.

    A salutation is never worth rejecting a customer for: "Familie" or an unknown word is none.
    """
    words = re.findall(r"[^\W_]+", fold(text))
    if not words:
        return Salutation.NONE
    for names, salutation in ((_FRAU, Salutation.FRAU), (_HERR, Salutation.HERR), (_DIVERS, Salutation.DIVERS)):
        if words[0] in names or " ".join(words[:2]) in names:
            return salutation
    return Salutation.NONE


# Names beyond those of Babel: old and short ones, car plates, and what people call countries.
_COUNTRY_ALIASES = {
    "DE": ("D", "BRD", "DEU", "GER", "Bundesrepublik Deutschland", "Bundesrepublik", "Deutschland", "Germany"),
    "AT": ("A", "AUT", "Österreich", "Austria"),
    "CH": ("CHE", "Schweiz", "Switzerland", "Suisse", "Svizzera"),
    "LI": ("FL", "LIE", "Liechtenstein"),
    "LU": ("L", "LUX", "Luxemburg", "Luxembourg"),
    "BE": ("B", "BEL", "Belgien", "Belgium", "Belgique"),
    "DK": ("DNK", "Dänemark", "Denmark"),
    "NL": ("NLD", "Niederlande", "Holland", "Netherlands", "The Netherlands", "Nederland"),
    "FR": ("F", "FRA", "Frankreich", "France"),
    "IT": ("I", "ITA", "Italien", "Italy", "Italia"),
    "ES": ("E", "ESP", "Spanien", "Spain", "España"),
    "PL": ("POL", "Polen", "Poland", "Polska"),
    "CZ": ("CZE", "Tschechien", "Tschechische Republik", "Czechia", "Czech Republic"),
    "GB": ("UK", "GBR", "Großbritannien", "England", "Schottland", "Wales", "United Kingdom", "Great Britain"),
    "US": ("USA", "Vereinigte Staaten", "United States", "United States of America", "Amerika"),
}


@functools.cache
def _countries() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for language in ("en", "de"):
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "ZZ", "QO"}:
                names.setdefault(fold(name), code)
                names.setdefault(fold(code), code)
    for code, aliases in _COUNTRY_ALIASES.items():
        for alias in (code, *aliases):
            names[fold(alias)] = code
    for code in POSTAL_CODES:
        names[fold(code)] = code
    return names


def parse_country(text: str, default: str) -> str:
    """The two-letter code of a country named in German or English, or by code: Deutschland, Austria, CH, D.

    Empty is `default` (the shop's own country).
    """
    stripped = text.strip().rstrip(".")
    if not stripped:
        return default
    code = _countries().get(fold(stripped))
    if code is None:
        raise ValueError(_("“{text}” is not a country this program knows.").format(text=text.strip()))
    return code


_YES = frozenset(
    map(fold, ("ja", "j", "yes", "y", "x", "1", "wahr", "true", "ok", "✓", "✔", "erlaubt", "allowed", "an", "on"))
)
_NO = frozenset(map(fold, ("nein", "n", "no", "0", "falsch", "false", "nicht erlaubt", "not allowed", "aus", "off")))


def parse_yes_no(text: str) -> bool | None:
    """ja/nein, yes/no, x, 1/0, wahr/falsch, true/false; empty (or "-") is unknown."""
    folded = fold(text.strip())
    if folded in {"", "-"}:
        return None
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValueError(_("“{text}” is neither yes nor no.").format(text=text.strip()))


def parse_address_form(text: str) -> AddressForm:
    """Du (also "per Du", our label "First-name terms (Du)") is DU; anything else SIE."""
    words = re.findall(r"[^\W_]+", fold(text))
    return AddressForm.DU if "du" in words or "duzen" in words else AddressForm.SIE
