"""Birthdays: day and month, the year when the customer gave it; parsing German entry, age, next one."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from emma.domain.errors import UserError
from emma.i18n import _

# 03.07.1965 · 3.7.65 · 03.07. · 3.7 (German), 1965-07-03 and --07-03 (ISO, as the command prints).
_GERMAN = re.compile(r"^\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*(?:\.\s*(\d{2}|\d{4})?)?\s*$")
_ISO = re.compile(r"^\s*(\d{4}|-)-(\d{2})-(\d{2})\s*$")


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True, order=True)
class Birthday:
    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise UserError(_("There is no month {month}.").format(month=self.month))
        if self.year is not None and not 1 <= self.year <= 9999:
            raise UserError(_("There is no year {year}.").format(year=self.year))
        # Without a year, 29 February is a real birthday; with one, the year must have it.
        days_in_month = _DAYS_IN_MONTH[self.month]
        if self.month == 2 and self.year is not None and not calendar.isleap(self.year):
            days_in_month = 28
        if not 1 <= self.day <= days_in_month:
            raise UserError(_("This day does not exist in the calendar."))

    def iso(self) -> str:
        """`YYYY-MM-DD`, or `--MM-DD` when the year is not known."""
        year = f"{self.year:04d}" if self.year else "-"
        return f"{year}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_iso(cls, text: str) -> Birthday:
        match = _ISO.match(text)
        if not match:
            raise UserError(_("“{text}” is not a date.").format(text=text))
        year = None if match.group(1) == "-" else int(match.group(1))
        return cls(month=int(match.group(2)), day=int(match.group(3)), year=year)

    def date_in(self, year: int) -> date:
        """The day it is celebrated in `year`: 29 February falls on 28 February in other years."""
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_on_or_after(self, today: date) -> date:
        this_year = self.date_in(today.year)
        return this_year if this_year >= today else self.date_in(today.year + 1)

    def days_until(self, today: date) -> int:
        """0 on the birthday itself."""
        return (self.next_on_or_after(today) - today).days

    def age_on(self, today: date) -> int | None:
        """Completed years on `today`, or None without a year of birth."""
        if self.year is None:
            return None
        age = today.year - self.year - (1 if today < self.date_in(today.year) else 0)
        return max(age, 0)

    def turning(self, today: date) -> int | None:
        """The age she turns on her next birthday (today counts), None without a year."""
        if self.year is None:
            return None
        return self.next_on_or_after(today).year - self.year


def parse_birthday(text: str, today: date) -> Birthday | None:
    """Reads a birthday as the owner types it; empty means none.

    Two-digit years are in the past century when the century would put them in the future:
    on 2026-11-23 "65" is 1965 and "03" is 2003.
    """
    if not text.strip():
        return None
    if _ISO.match(text):
        birthday = Birthday.from_iso(text)
    else:
        match = _GERMAN.match(text)
        if not match:
            raise UserError(_("Please enter the birthday as day.month.year, e.g. 03.07.1965 or 03.07."))
        day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
        year = _full_year(year_text, month, day, today) if year_text else None
        birthday = Birthday(month=month, day=day, year=year)
    if birthday.year is not None:
        if birthday.date_in(birthday.year) > today:
            raise UserError(_("A birthday cannot lie in the future."))
        if today.year - birthday.year > 120:
            raise UserError(_("The year {year} is more than 120 years ago.").format(year=birthday.year))
    return birthday


def _full_year(year_text: str, month: int, day: int, today: date) -> int:
    if len(year_text) == 4:
        return int(year_text)
    # The whole date decides: on 2026-11-23 "24.12.26" is 1926, "03.07.26" is 2026.
    year = today.year - today.year % 100 + int(year_text)
    return year if (year, month, day) <= (today.year, today.month, today.day) else year - 100
