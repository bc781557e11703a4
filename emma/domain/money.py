"""Money as integer cents, and amounts as the owner types them at the till."""

from __future__ import annotations

import re

from emma.domain.errors import UserError
from emma.i18n import _

MAX_AMOUNT_CENTS = 100_000_000  # one million: more is a typing slip, not a purchase
_AMOUNT = re.compile(r"^\d{1,3}(?:([.,\s'’])\d{3})*(?:([.,])\d{1,2})?$|^\d+(?:([.,])\d{1,2})?$")


def parse_amount(text: str) -> int:
    """Cents from "12,50", "12.50", "12", "1.234,50", "1 234,50", "1,234.50" or "12,50 €".

    A group of three digits after a single separator is thousands ("1.234" is 1,234 euros):
    cents never have three digits.
    """
    cleaned = text.strip().replace("€", "").replace("EUR", "").replace("CHF", "").replace("\u00a0", " ").strip()
    if cleaned.startswith("-"):
        raise UserError(_("An amount cannot be negative."))
    cleaned = cleaned.rstrip(",.-").strip() if re.search(r"[.,]-+$", cleaned) else cleaned  # "12,-"
    if not cleaned:
        raise UserError(_("Please enter an amount."))
    if re.fullmatch(r"\d{1,3},\d{3}", cleaned):  # "12,505": a slip for 12,50 – or 12.505? Ask.
        raise UserError(_("“{text}” is unclear. Please type cents with two digits, like 12,50.").format(text=cleaned))
    if not _AMOUNT.match(cleaned):
        raise UserError(_("“{text}” is not an amount. Please type it like 12,50.").format(text=text.strip()))
    decimal_mark = _decimal_mark(cleaned)
    if decimal_mark:
        whole, fraction = cleaned.rsplit(decimal_mark, 1)
    else:
        whole, fraction = cleaned, ""
    digits = re.sub(r"\D", "", whole)
    cents = int(digits) * 100 + int(fraction.ljust(2, "0") or "0")
    if cents > MAX_AMOUNT_CENTS:
        raise UserError(_("That is more than a million – please check the amount."))
    return cents


def _decimal_mark(text: str) -> str | None:
    """The separator before the cents, if the amount has cents."""
    match = re.search(r"[.,](\d{1,2})$", text)
    return match.group(0)[0] if match else None
