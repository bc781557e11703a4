"""What every command module of `emma` shares: argument types, JSON output, exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, time

from emma.i18n import _

EXIT_USER_ERROR = 2
EXIT_BUG = 1


def ids(text: str) -> list[int]:
    try:
        ids = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a list of numbers like 3,17,42").format(text=text)
        ) from None
    if not ids or any(number <= 0 for number in ids):
        raise argparse.ArgumentTypeError(_("“{text}” is not a list of numbers like 3,17,42").format(text=text))
    return ids


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a date like 2026-06-01").format(text=text)) from None


def moment(text: str) -> datetime:
    """ "2026-06-01" (noon of that day) or "2026-06-01T09:30"."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(12, 0))
        return datetime.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a date like 2026-06-01").format(text=text)) from None


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a whole number").format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("a count cannot be negative"))
    return value


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
