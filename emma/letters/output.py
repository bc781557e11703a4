"""Writing a PDF so that it is there whole or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def written_whole(target: Path, *, make_folder: bool = False) -> Iterator[BinaryIO]:
    """A file to write `target` into: written beside it and moved into place when the block ends; a failure
    (or a cancel) leaves neither a half file nor the temporary one. `make_folder` creates its folder first
    (for Frau Emma's own folders; a folder the owner chose must exist)."""
    if make_folder:
        target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with temp.open("xb") as out:
            yield out
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
