"""The `emma` command: the second front door, thin over the same services as the window."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from emma import __version__
from emma.cli.common import EXIT_BUG, EXIT_USER_ERROR, count, day, ids, moment, print_json
from emma.domain.customer import CustomerSummary
from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.domain.money import parse_amount
from emma.domain.reminders import ReminderKind, group_of
from emma.i18n import LANGUAGES, _, current_language, use_language
from emma.services import bug_report
from emma.services.counter import book_purchase, purchase_history
from emma.services.customers import find_customers, get_customer
from emma.services.demo_shop import fill_demo_shop
from emma.services.letters import birthday_customers, read_template, write_letters
from emma.services.reminders import add_todo, describe, reminders_for
from emma.services.settings import shop_locale
from emma.services.shop import Shop, default_database_path, open_shop
from emma.services.stamp_cards import stamp_history


class _Parser(argparse.ArgumentParser):
    """Says what is wrong in one line instead of argparse's usage block."""

    def error(self, message: str):
        raise UserError(_("Invalid command line: {problem} (see emma --help)").format(problem=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="emma", description=_("Frau Emma – the customer file for your shop."))
    parser.add_argument("--version", action="version", version=f"Frau Emma {__version__}")
    parser.add_argument(
        "--db", type=Path, metavar="FILE", help=_("the customer file (default: EMMA_DB or the data folder)")
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of the program (de or en)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help=_("fill the customer file with a demo shop"))
    demo.add_argument("--customers", type=count, default=300, metavar="N", help=_("how many customers"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("the same seed makes the same shop"))

    search = commands.add_parser("search", help=_("find customers by name, phone, postal code, e-mail"))
    search.add_argument("text", help=_("what to look for; empty lists everyone"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    search.add_argument("--archived", action="store_true", help=_("search the archived customers"))

    purchase = commands.add_parser("purchase", help=_("book a purchase (stamps are added by themselves)"))
    purchase.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    purchase.add_argument("amount", metavar="AMOUNT", help=_("the amount, e.g. 12,50"))
    purchase.add_argument("--at", type=moment, metavar="YYYY-MM-DD[THH:MM]", help=_("when (default: now)"))
    purchase.add_argument("--item", action="append", default=[], metavar="TEXT", help=_("an item or category"))
    purchase.add_argument("--note", default="", metavar="TEXT", help=_("a note"))
    purchase.add_argument("--json", action="store_true", help=_("print JSON"))

    history = commands.add_parser("history", help=_("show a customer's purchases and stamps"))
    history.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    history.add_argument("--json", action="store_true", help=_("print JSON"))

    reminders = commands.add_parser("reminders", help=_("whom to think of today and in the days ahead"))
    reminders.add_argument("--on", type=day, metavar="YYYY-MM-DD", help=_("as if this day were today"))
    reminders.add_argument("--days", type=count, metavar="N", help=_("days ahead (default: the settings', 14)"))
    reminders.add_argument("--json", action="store_true", help=_("print JSON"))

    todo = commands.add_parser("todo", help=_("add a personal reminder on a customer"))
    todo.add_argument("customer", type=count, metavar="CUSTOMER_ID", help=_("the customer's number"))
    todo.add_argument("--due", type=day, required=True, metavar="YYYY-MM-DD", help=_("the day it is due"))
    todo.add_argument("text", metavar="TEXT", help=_("what to remember"))

    letters = commands.add_parser("letters", help=_("write personal letters as one PDF"))
    letters.add_argument("occasion", choices=[occasion.value for occasion in Occasion], metavar="OCCASION",
                         help=_("birthday, thanks, winback, reward, season, arrival or free"))  # fmt: skip
    letters.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD", help=_("birthdays from this day"))
    letters.add_argument("--to", dest="end", type=day, metavar="YYYY-MM-DD", help=_("birthdays up to this day"))
    letters.add_argument("--customers", type=ids, metavar="ID[,ID…]", help=_("the customers' numbers"))
    letters.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf", help=_("the PDF to write"))
    letters.add_argument("--labels", type=Path, metavar="LABELS.pdf", help=_("also a sheet of address labels"))
    letters.add_argument("--template", type=Path, metavar="FILE", help=_("a template file (UTF-8 text)"))
    letters.add_argument("--arrival", default="", metavar="TEXT", help=_("what just came in (for arrival)"))
    letters.add_argument("--households", action="store_true",
                         help=_("one letter together for customers at the same address"))  # fmt: skip
    letters.add_argument("--postcards", action="store_true", help=_("A6 postcards instead of A4 letters"))
    letters.add_argument("--lang", choices=LANGUAGES, dest="letter_language", help=_("language of the letters"))
    letters.add_argument("--json", action="store_true", help=_("print JSON"))
    for module in _command_modules():
        module.add_commands(commands)
    return parser


def _command_modules():
    """The modules with commands of their own: each has `NAMES`, `add_commands(commands)` and `run(args, path)`."""
    from emma.cli import backups, exchange, gdpr, insights

    return (backups, exchange, gdpr, insights)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    use_language(_language_from(argv))
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from emma.ui.app import run_gui  # Qt is loaded only for the window

            return run_gui(args.db or default_database_path(), args.lang)
        return _run_command(args)
    except UserError as error:
        print(f"emma: {error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`emma search a | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a bug: say so briefly, keep the details in the log
        log = bug_report.write(error)
        print(_("emma: an unexpected error occurred. Details are in {log}").format(log=log), file=sys.stderr)
        return EXIT_BUG


def _language_from(argv: list[str]) -> str:
    """The language before argparse runs, so that its messages are translated too."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            return argv[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return "de"


def _run_command(args: argparse.Namespace) -> int:
    path = args.db or default_database_path()
    for module in _command_modules():
        if args.command in module.NAMES:
            return module.run(args, path)
    if args.command != "demo" and not path.exists():
        raise UserError(_("The customer file {path} does not exist.").format(path=path))
    shop = open_shop(path)
    try:
        if args.command == "demo":
            added = fill_demo_shop(shop, args.customers, args.seed)
            print(_("{count} demo customers added to {path}.").format(count=added, path=path))
        elif args.command == "search":
            _print_customers(_everyone_matching(shop, args.text, args.archived), as_json=args.json)
        elif args.command == "purchase":
            _book(shop, args)
        elif args.command == "history":
            _print_history(shop, args.customer, as_json=args.json)
        elif args.command == "reminders":
            _print_reminders(shop, args.on or date.today(), args.days, as_json=args.json)
        elif args.command == "letters":
            _write_letters(shop, args)
        elif args.command == "todo":
            todo_id = add_todo(shop, args.customer, args.due, args.text)
            print(_("To-do {id} added.").format(id=todo_id))
    finally:
        shop.close()
    return 0


def _everyone_matching(shop: Shop, text: str, archived: bool) -> list[CustomerSummary]:
    found: list[CustomerSummary] = []
    while True:
        page = find_customers(shop, text, limit=1000, after=found[-1] if found else None, archived=archived)
        found.extend(page)
        if len(page) < 1000:
            return found


def _print_customers(customers: list[CustomerSummary], *, as_json: bool) -> None:
    if as_json:
        rows = [
            {
                "id": c.id,
                "first_name": c.first_name,
                "last_name": c.last_name,
                "title": c.title,
                "postal_code": c.postal_code,
                "city": c.city,
                "phone": c.phone,
                "birthday": c.birthday.iso() if c.birthday else None,
            }
            for c in customers
        ]
        print_json(rows)
        return
    for c in customers:
        birthday = c.birthday.iso() if c.birthday else ""
        print(f"{c.id:>7}  {c.list_name:<36} {c.postal_code:>6} {c.city:<24} {birthday}")
    print(_("{count} customers").format(count=len(customers)), file=sys.stderr)


def _book(shop: Shop, args: argparse.Namespace) -> None:
    booking = book_purchase(
        shop, args.customer, parse_amount(args.amount), at=args.at, items=tuple(args.item), note=args.note
    )
    cards = [
        {
            "program": card.program.name,
            "stamps": card.stamps,
            "required": card.required,
            "reward_ready": card.reward_ready,
            "reward": card.program.reward,
        }
        for card in booking.cards
    ]
    if args.json:
        print_json({"purchase_id": booking.purchase_id, "stamps_added": booking.stamps_added, "cards": cards})
        return
    print(_("Purchase {id} booked, {n} stamps added.").format(id=booking.purchase_id, n=booking.stamps_added))
    for card in cards:
        ready = _("full – reward: {reward}").format(reward=card["reward"]) if card["reward_ready"] else ""
        print(f"  {card['program']}: {card['stamps']}/{card['required']} {ready}".rstrip())


def _print_history(shop: Shop, customer_id: int, *, as_json: bool) -> None:
    get_customer(shop, customer_id)  # an unknown customer is an error, not an empty history
    purchases = []
    while True:
        page = purchase_history(shop, customer_id, after=purchases[-1] if purchases else None, limit=1000)
        purchases.extend(page)
        if len(page) < 1000:
            break
    stamps = stamp_history(shop, customer_id)
    if as_json:
        print_json(
            {
                "purchases": [
                    {
                        "id": p.id,
                        "at": p.at.isoformat(timespec="minutes"),
                        "amount_cents": p.amount_cents,
                        "items": list(p.items),
                        "note": p.note,
                        "reversed_at": p.reversed_at.isoformat(timespec="minutes") if p.reversed_at else None,
                        "reversal_reason": p.reversal_reason or None,
                    }
                    for p in purchases
                ],
                "stamps": [
                    {
                        "program": entry.program,
                        "kind": entry.event.kind.value,
                        "stamps": entry.event.stamps,
                        "at": entry.event.at.isoformat(timespec="minutes"),
                        "purchase_id": entry.event.purchase_id,
                        "reason": entry.event.reason,
                    }
                    for entry in stamps
                ],
            }
        )
        return
    for p in purchases:
        reversed_mark = _(" (reversed: {reason})").format(reason=p.reversal_reason) if p.reversed else ""
        amount = f"{p.amount_cents / 100:>10.2f}"
        print(f"{p.at:%Y-%m-%d %H:%M} {amount}  {', '.join(p.items)}{reversed_mark}")
    for entry in stamps:
        print(f"{entry.event.at:%Y-%m-%d %H:%M} {entry.program}: {entry.event.stamps:+d} {entry.event.reason}".rstrip())


def _print_reminders(shop: Shop, today: date, days: int | None, *, as_json: bool) -> None:
    reminders = reminders_for(shop, today, days=days)
    locale = shop_locale(shop, current_language())
    if as_json:
        rows = []
        for reminder in reminders:
            row = {
                "kind": reminder.kind.value,
                "customer_id": reminder.customer_id,
                "customer": reminder.person.name,
                "due": reminder.due.isoformat(),
                "text": describe(reminder, today, locale),
                "phone": reminder.person.phone,
            }
            if reminder.kind is ReminderKind.BIRTHDAY:
                row |= {"age": reminder.age, "round": reminder.round}
            rows.append(row)
        print_json(rows)
        return
    if not reminders:
        print(_("No reminders."))
    group = None
    for reminder in reminders:
        if group_of(reminder.due, today) is not group:
            group = group_of(reminder.due, today)
            print(group.label())
        phone = f"  ☎ {reminder.person.phone}" if reminder.person.phone else ""
        print(f"  {reminder.person.name} ({reminder.customer_id}): {describe(reminder, today, locale)}{phone}")


def _write_letters(shop: Shop, args: argparse.Namespace) -> None:
    occasion = Occasion(args.occasion)
    today = date.today()
    window = None
    if args.customers:
        ids = args.customers
    elif occasion is Occasion.BIRTHDAY and args.start and args.end:
        window = (args.start, args.end)
        ids = birthday_customers(shop, args.start, args.end)
    else:
        raise UserError(_("Please name the customers (--customers) or, for birthdays, the period (--from, --to)."))
    template_text = read_template(args.template) if args.template is not None else None
    result = write_letters(
        shop, occasion, ids, args.output, language=args.letter_language or current_language(), today=today,
        template_text=template_text, arrival=args.arrival, birthday_window=window, labels=args.labels,
        households=args.households, postcards=args.postcards,
    )  # fmt: skip
    if args.json:
        print_json({
            "letters": result.letters,
            "pages": result.pages,
            "output": str(args.output),
            "skipped": [{"customer_id": s.customer_id, "customer": s.name, "reason": s.reason.value,
                         "text": s.reason.label()} for s in result.skipped],
            "already_this_year": result.already_this_year,
            "regions": result.regions,
        })  # fmt: skip
        return
    print(_("{letters} letters on {pages} pages written to {path}.").format(
        letters=result.letters, pages=result.pages, path=args.output))  # fmt: skip
    for skipped in result.skipped:
        print(_("  left out: {name} ({id}) – {reason}").format(name=skipped.name, id=skipped.customer_id,
                                                               reason=skipped.reason.label()))  # fmt: skip
