"""`emma gdpr …`: what the data-protection law asks (Auskunft, Löschen, objection, consent form, retention,
review of quiet customers)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from emma.cli.common import count, day, print_json
from emma.domain.data_protection import DEFAULT_INACTIVE_YEARS
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import gdpr, gdpr_disclosure, gdpr_review
from emma.services.shop import Shop, open_shop

NAMES: frozenset[str] = frozenset({"gdpr"})


def add_commands(commands) -> None:
    """Adds this module's sub-commands to the parser's `commands`."""
    parser = commands.add_parser("gdpr", help=_("data protection: information, erasure, objection, retention"))
    actions = parser.add_subparsers(dest="gdpr_action", metavar="ACTION", parser_class=type(parser))
    actions.required = True

    export = actions.add_parser("export", help=_("everything stored about one customer (Art. 15) as PDF and JSON"))
    export.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help=_("the PDF to write; the JSON goes beside it (info.pdf → info.json; "
                               "a name without .pdf gets both endings: info → info.pdf and info.json)"))  # fmt: skip

    erase = actions.add_parser("erase", help=_("erase a customer's personal data (Art. 17); purchases stay anonymised"))
    erase.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    erase.add_argument("--yes", action="store_true", help=_("yes, erase her (it cannot be undone)"))

    objection = actions.add_parser("object", help=_("record an objection to advertising (no more letters)"))
    objection.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    objection.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("the day of the objection (default: today)"))

    form = actions.add_parser("consent-form", help=_("print the consent form for a customer to sign"))
    form.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    form.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf", help=_("the PDF to write"))

    purge = actions.add_parser("purge", help=_("drop anonymised purchases older than the retention period"))
    purge.add_argument("--yes", action="store_true", help=_("yes, drop them (without: only count them)"))
    purge.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("as if this day were today"))

    inactive = actions.add_parser("inactive", help=_("customers with no purchase and no change for years"))
    inactive.add_argument("--years", type=count, default=DEFAULT_INACTIVE_YEARS, metavar="N",
                          help=_("quiet for more than N years (default: 3)"))  # fmt: skip
    inactive.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("as if this day were today"))
    inactive.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, path: Path) -> int:
    """Runs one of `NAMES` on the customer file at `path` (opened here: some commands must not migrate it)."""
    if not path.exists():
        raise UserError(_("The customer file {path} does not exist.").format(path=path))
    if args.gdpr_action == "erase" and not args.yes:
        raise UserError(
            _("Erasing cannot be undone. Add --yes to erase customer {id}.").format(id=args.customer)
        )  # checked before the file is opened: a refusal changes nothing
    shop = open_shop(path)
    try:
        _ACTIONS[args.gdpr_action](shop, args)
    finally:
        shop.close()
    return 0


def _export(shop: Shop, args: argparse.Namespace) -> None:
    files = gdpr_disclosure.export_customer_data(shop, args.customer, args.output)
    print(_("Information written to {pdf} ({pages} pages) and {json}.").format(
        pdf=files.pdf, pages=files.pages, json=files.json))  # fmt: skip


def _erase(shop: Shop, args: argparse.Namespace) -> None:
    result = gdpr.erase_customer(shop, args.customer)
    print(_("Customer {id} erased; her purchases stay anonymised in the books.").format(id=args.customer))
    if result.backup is not None:
        print(_("A safety backup was made before: {path}").format(path=result.backup))
    if result.mentioned_by:
        print(_("Her name still appears in the notes or to-dos of customers {ids}: please change them.").format(
            ids=", ".join(map(str, result.mentioned_by))))  # fmt: skip


def _object(shop: Shop, args: argparse.Namespace) -> None:
    customer = gdpr.object_to_advertising(shop, args.customer, today=args.on)
    print(_("Objection recorded for {name} on {date}: no more letters or e-mail.").format(
        name=customer.full_name, date=customer.consent.postal_objected_on.isoformat()))  # fmt: skip


def _consent_form(shop: Shop, args: argparse.Namespace) -> None:
    target = gdpr.write_consent_form(shop, args.customer, args.output)
    print(_("Consent form written to {path}.").format(path=target))


def _purge(shop: Shop, args: argparse.Namespace) -> None:
    today = args.on or date.today()
    purge = gdpr_review.purge_anonymised_purchases(shop, today=today, dry_run=not args.yes)
    period = _("{country}: {years} years, purchases before {date}").format(
        country=purge.country, years=purge.years, date=purge.before.isoformat())  # fmt: skip
    if args.yes:
        print(_("{count} anonymised purchases dropped ({period}).").format(count=purge.count, period=period))
    else:
        print(_("{count} anonymised purchases are past their retention ({period}); add --yes to drop them.").format(
            count=purge.count, period=period))  # fmt: skip


def _inactive(shop: Shop, args: argparse.Namespace) -> None:
    rows = gdpr_review.inactive_customers(shop, years=args.years, today=args.on or date.today())
    if args.json:
        print_json([
            {"id": row.id, "name": row.name, "archived": row.archived, "changed_on": row.changed_on.isoformat(),
             "last_purchase": row.last_purchase.isoformat() if row.last_purchase else None}
            for row in rows
        ])  # fmt: skip
        return
    for row in rows:
        last = row.last_purchase.isoformat() if row.last_purchase else "–"
        archived = _("archived") if row.archived else ""
        print(f"{row.id:>7}  {row.name:<36} {last:>10}  {row.changed_on.isoformat()}  {archived}".rstrip())
    print(_("{count} customers").format(count=len(rows)))


_ACTIONS = {
    "export": _export,
    "erase": _erase,
    "object": _object,
    "consent-form": _consent_form,
    "purge": _purge,
    "inactive": _inactive,
}
