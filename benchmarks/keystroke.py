"""Figure 3: from a keystroke in the search field to the updated, repainted list.

What one key costs the owner: the search, the model reset, the first customer chosen and shown in
the detail panel, then layout and paint (one paint of the list, checked by counting its events).

Runs in a child process of its own (`python -m benchmarks.keystroke DB TEXTS`), so that its peak
memory is that of a window with its searches alone; it prints one JSON line with its timings.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks import child


def measure(db_path: Path, texts: list[str]) -> list[float]:
    """Milliseconds from setting each text in the search field to the list painted with its matches."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from benchmarks.paints import PaintCounter
    from emma.services.shop import open_shop
    from emma.ui.views.customers_view import CustomersView

    app = QApplication.instance() or QApplication(["benchmarks"])
    shop = open_shop(db_path)
    try:
        view = CustomersView(shop, date.today, "de_DE")
        view.resize(1100, 700)
        view.show()
        app.processEvents()
        counter = PaintCounter()
        view.table.viewport().installEventFilter(counter)
        timings = []
        for text in texts:
            paints_before = counter.paints
            started = time.perf_counter()
            view.search_field.setText(text)  # textChanged runs the search, resets the model, shows the first
            app.processEvents()  # layout and paint, as the event loop does next
            if counter.paints == paints_before:  # the list was not painted yet: paint it now
                view.table.viewport().repaint()
            timings.append((time.perf_counter() - started) * 1000)
            # What the event loop does after each key: widgets dropped with deleteLater go now.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        view.close()
        return timings
    finally:
        shop.close()


def run(db_path: Path, texts: list[str], home: Path) -> tuple[list[float], float]:
    """Measures in a child process; returns the timings and the child's peak RSS in MiB."""
    texts_file = home / "texts.json"
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    argv = [sys.executable, "-m", "benchmarks.keystroke", str(db_path), str(texts_file)]
    result = child.run(argv, child.gui_env(home))
    if result.returncode != 0 or not result.output:
        raise RuntimeError(f"the keystroke child failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.output[-1]), result.peak_rss_mb


if __name__ == "__main__":
    db, texts_json = Path(sys.argv[1]), Path(sys.argv[2])
    print(json.dumps(measure(db, json.loads(texts_json.read_text(encoding="utf-8")))))
