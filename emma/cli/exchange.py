"""`emma import` and `emma export`: customers from and to CSV, Excel and vCard files."""

from __future__ import annotations

import argparse
from pathlib import Path

from emma.cli.common import count, print_json
from emma.domain.errors import UserError
from emma.i18n import _, ngettext
from emma.services.shop import open_shop

NAMES = frozenset({"import", "export", "imports"})


def add_commands(commands) -> None:
    """Adds this module's sub-commands to the parser's `commands`."""
    reading = commands.add_parser("import", help=_("import customers from a CSV, Excel (.xlsx) or vCard (.vcf) file"))
    reading.add_argument("file", type=Path, metavar="FILE", help=_("the file to import"))
    reading.add_argument("--dry-run", action="store_true", help=_("only show what the import would do"))
    reading.add_argument("--json", action="store_true", help=_("print JSON"))
    writing = commands.add_parser("export", help=_("export the customers to a .csv, .xlsx or .vcf file"))
    writing.add_argument("file", type=Path, metavar="FILE", help=_("the file to write (its extension decides)"))
    writing.add_argument("--archived", action="store_true", help=_("the archived customers instead"))
    batches = commands.add_parser("imports", help=_("list the imports, or undo one"))
    batches.add_argument("--undo", type=count, metavar="N", help=_("undo import N"))
    batches.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args: argparse.Namespace, path: Path) -> int:
    """Runs one of `NAMES` on the customer file at `path` (an import may create it)."""
    from emma.services import exporting  # the file formats' libraries: loaded for these commands only

    if args.command != "import" and not path.exists():
        raise UserError(_("The customer file {path} does not exist.").format(path=path))
    shop = open_shop(path)
    try:
        if args.command == "import":
            _import(shop, args)
        elif args.command == "export":
            written = exporting.export_customers(shop, args.file, archived=args.archived)
            print(ngettext("{count} customer exported to {path}.", "{count} customers exported to {path}.",
                           written).format(count=written, path=args.file))  # fmt: skip
        else:
            _imports(shop, args)
    finally:
        shop.close()
    return 0


def _import(shop, args: argparse.Namespace) -> None:
    from emma.services import importing
    from emma.services.settings import shop_country

    result = importing.import_file(shop, args.file, dry_run=args.dry_run, default_country=shop_country(shop))
    if args.json:
        print_json(result.as_json())
        return
    if args.dry_run:
        print(_("Dry run – nothing was changed."))
    summary = _("New: {imported}, updated: {updated}, unchanged: {unchanged}, rejected: {skipped}.")
    print(summary.format(imported=result.imported, updated=result.updated, unchanged=result.unchanged,
                         skipped=result.skipped))  # fmt: skip
    for problem in result.errors[:50]:
        print(_("  row {row}: {message}").format(row=problem.row, message=problem.message))
    if len(result.errors) > 50:
        print(_("  … and {count} more").format(count=len(result.errors) - 50))
    for problem in result.warnings[:20]:
        print(_("  row {row} (imported): {message}").format(row=problem.row, message=problem.message))
    if result.batch_id and not args.dry_run:
        print(_("Undo with: emma imports --undo {id}").format(id=result.batch_id))


def _imports(shop, args: argparse.Namespace) -> None:
    from emma.services import importing

    if args.undo is not None:
        undone = importing.undo_import(shop, args.undo)
        print(_("Import {id} undone: {removed} removed, {restored} put back, {kept} kept as changed since.").format(
            id=args.undo, removed=undone.removed, restored=undone.restored, kept=undone.kept))  # fmt: skip
        return
    batches = importing.import_batches(shop)
    if args.json:
        print_json([{"id": b.id, "file": b.file_name, "at": b.imported_at.isoformat(), "created": b.created,
                     "updated": b.updated, "undone": b.undone_at.isoformat() if b.undone_at else None}
                    for b in batches])  # fmt: skip
        return
    for batch in batches:
        undone = _(" (undone)") if batch.undone_at else ""
        print(f"{batch.id:>4}  {batch.imported_at:%Y-%m-%d %H:%M}  {batch.file_name}  +{batch.created} ~{batch.updated}"
              f"{undone}")  # fmt: skip
