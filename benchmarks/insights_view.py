"""Figure: the Auswertung of the demo shop, from the view shown to every chart drawn (issue 7: under 1.5 s).

In a child process with an offscreen window (`python -m benchmarks.insights_view DB`): a fresh InsightsView is
shown, which computes in two workers (the months beside the segments, each on a connection of its own) and draws
each part when it is there. It is timed until every chart is set and the one in front has been painted with
its bars. RUNS views, one after the other; the classes each run keeps for the customer list are written after
its charts and are waited for before the next run.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks import child

RUNS = 3


def measure(db_path: Path) -> list[float]:
    """Seconds from `show()` to the charts painted, RUNS times."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from benchmarks.paints import PaintCounter
    from emma.services.shop import open_shop
    from emma.ui.views.insights_view import InsightsView

    app = QApplication.instance() or QApplication(["benchmarks"])
    shop = open_shop(db_path)
    try:
        timings = []
        for _run in range(RUNS):
            pool = QThreadPool()
            view = InsightsView(shop, date.today, "de_DE", pool)
            view.resize(1200, 800)
            painted = PaintCounter()
            front = view.revenue.view.viewport()
            front.installEventFilter(painted)
            started = time.perf_counter()
            view.show()
            while view.data is None:
                if not view.revenue.chart.series():
                    painted.paints = 0  # a paint before its bars are set does not count
                app.processEvents()
                time.sleep(0.001)
            app.processEvents()  # the paints the last part asked for, as the event loop does next
            if painted.paints == 0:
                front.repaint()
            timings.append(time.perf_counter() - started)
            front.removeEventFilter(painted)
            pool.waitForDone()
            view.close()
            view.deleteLater()
            app.processEvents()
        return timings
    finally:
        shop.close()


def run(db_path: Path, home: Path) -> list[float]:
    argv = [sys.executable, "-m", "benchmarks.insights_view", str(db_path)]
    result = child.run(argv, child.gui_env(home))
    if result.returncode != 0 or not result.output:
        raise RuntimeError(f"the Auswertung child failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.output[-1])


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
