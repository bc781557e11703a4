"""`emma backup`, `emma restore` and `emma check`: the customer file kept safe."""

from __future__ import annotations

import argparse
from pathlib import Path

NAMES: frozenset[str] = frozenset()


def add_commands(commands) -> None:
    """Adds this module's sub-commands to the parser's `commands`."""


def run(args: argparse.Namespace, path: Path) -> int:
    """Runs one of `NAMES` on the customer file at `path` (opened here: some commands must not migrate it)."""
    raise NotImplementedError(args.command)
