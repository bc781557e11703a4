"""Work that makes hundreds of thousands of small objects at once (the demo shop, a big import, the segments)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Rows, customers and their search rows never form cycles; Python's cycle collector would walk the growing
    heap again and again for nothing (measured: an eighth of the demo shop's time, a fifteenth of an import's,
    a tenth of the segments')."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
