"""`emma backup`, `emma restore` and `emma check`: the customer file kept safe."""

from __future__ import annotations

import argparse
from pathlib import Path

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import backups
from emma.services.shop import open_shop

NAMES: frozenset[str] = frozenset({"backup", "restore", "check"})
EXIT_CHECK_FAILED = 1


def add_commands(commands) -> None:
    """Adds this module's sub-commands to the parser's `commands`."""
    backup = commands.add_parser("backup", help=_("write a checked copy of the customer file"))
    backup.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help=_("where to write it (default: the backup folder, with rotation)"))  # fmt: skip
    restore = commands.add_parser("restore", help=_("replace the customer file by a backup (kept first)"))
    restore.add_argument("backup", type=Path, metavar="BACKUP", help=_("the backup file to restore"))
    commands.add_parser("check", help=_("check the customer file (integrity and references)"))


def run(args: argparse.Namespace, path: Path) -> int:
    """Runs one of `NAMES` on the customer file at `path` (opened here: some commands must not migrate it)."""
    if args.command == "check":
        return _check(path)
    if args.command == "restore":
        result = backups.restore(path, args.backup)
        print(_("{path} restored from {backup}.").format(path=path, backup=result.restored_from))
        if result.safety_copy is not None:
            print(_("The file as it was is kept in {copy}.").format(copy=result.safety_copy))
        return 0
    if not path.exists():
        raise UserError(_("The customer file {path} does not exist.").format(path=path))
    if args.file is not None:
        written = backups.backup_to_file(path, args.file)
    else:
        shop = open_shop(path)  # the folder is a setting inside the file
        try:
            written = backups.backup_now(shop, "manual")
        finally:
            shop.close()
    print(_("Backup written to {path}.").format(path=written))
    return 0


def _check(path: Path) -> int:
    if not path.exists():
        raise UserError(_("The customer file {path} does not exist.").format(path=path))
    problems = backups.check_file(path)
    if not problems:
        print(_("OK: {path} is sound.").format(path=path))
        return 0
    print(_("{path} failed the check:").format(path=path))
    for problem in problems:
        print(f"  {problem}")
    return EXIT_CHECK_FAILED
