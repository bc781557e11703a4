"""`emma segments`: who carries the shop and who drifts away (ABC, RFM, life-cycle phases, portfolio);
`emma report`: the Monatsbericht of a month as a PDF."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from emma.cli.common import count, day, print_json
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services.shop import open_shop

NAMES = frozenset({"segments", "report"})


def add_commands(commands) -> None:
    """Adds this module's sub-commands to the parser's `commands`."""
    segments = commands.add_parser("segments", help=_("ABC classes, RFM groups and life-cycle phases of the customers"))
    segments.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("as if this day were today"))
    segments.add_argument("--months", type=count, default=12, metavar="N",
                          help=_("revenue of the N months before (default 12)"))  # fmt: skip
    segments.add_argument("--json", action="store_true", help=_("print JSON"))
    report = commands.add_parser("report", help=_("the monthly report of a month as a PDF"))
    report.add_argument("--month", type=_month, required=True, metavar="YYYY-MM", help=_("the month"))
    report.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf", help=_("the PDF to write"))


def _month(text: str) -> date:
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{text}” is not a month like 2026-11").format(text=text)) from None


def run(args: argparse.Namespace, path: Path) -> int:
    from emma.services.segments import segments

    if not path.exists():
        raise UserError(_("The customer file {path} does not exist.").format(path=path))
    if args.command == "report":
        return _report(args, path)
    shop = open_shop(path)
    try:
        report = segments(shop, args.on or date.today(), months=args.months)
    finally:
        shop.close()
    if args.json:
        print_json(report.as_json())
        return 0
    heading = _("Segments on {day} (revenue from {start}):")
    print(heading.format(day=report.on.isoformat(), start=report.start.isoformat()))
    line = _("  {name}: {customers} customers ({share}), {revenue} of the revenue")
    for name, counted in report.abc.items():
        print(line.format(name=name, customers=counted.customers, share=f"{counted.customer_share:.0f} %",
                          revenue=f"{counted.revenue_share:.0f} %"))  # fmt: skip
    print(_("Phases:"))
    for phase, counted in report.phases.items():
        print(f"  {phase.label()}: {counted}")
    print(_("RFM groups:"))
    for group, counted in report.rfm.items():
        if counted:
            print(f"  {group.label()}: {counted}")
    return 0


def _report(args: argparse.Namespace, path: Path) -> int:
    from emma.services.monthly_report import write_monthly_report

    shop = open_shop(path)
    try:
        written = write_monthly_report(shop, args.month, args.output, make_folder=False)
    finally:
        shop.close()
    print(_("The monthly report is at {path}.").format(path=written))
    return 0
