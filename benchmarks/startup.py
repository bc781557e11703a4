"""Figure 4 and 5: from process start to the main window shown, and the peak memory of that start.

The window is started as the owner starts it (`python -m emma.cli --db FILE`); with
EMMA_QUIT_WHEN_SHOWN=1 it prints "shown" once the window is shown and painted, then quits.

Her Frau Emma starts from compiled bytecode (pip compiles it on installing, Python caches it at the first
start). This machine sets PYTHONDONTWRITEBYTECODE, which would have every start compile each of our modules
again (a quarter of the start); so the starts share a bytecode cache in `home`, filled by one untimed start.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from benchmarks import child

RUNS = 5


def run(db_path: Path, home: Path) -> tuple[float, float, list[float]]:
    """Median seconds to "shown" over RUNS starts, the highest peak RSS (MiB) of them, and every time."""
    env = child.gui_env(home)
    env["EMMA_QUIT_WHEN_SHOWN"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "bytecode")
    argv = [sys.executable, "-m", "emma.cli", "--db", str(db_path)]
    _start(argv, env)  # fills the bytecode cache
    seconds, peaks = [], []
    for _ in range(RUNS):
        result = _start(argv, env)
        seconds.append(result.seconds_to_line)
        peaks.append(result.peak_rss_mb)
    return statistics.median(seconds), max(peaks), seconds


def _start(argv: list[str], env: dict[str, str]) -> child.Run:
    result = child.run(argv, env, wait_for="shown")
    if result.seconds_to_line is None or result.returncode != 0:
        raise RuntimeError(f"the window did not report itself shown ({result.returncode}):\n{result.stderr}")
    return result
