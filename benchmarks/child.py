"""Running a measured program as a child process, with its own peak memory and time to a line.

Linux counts into a child's ru_maxrss the memory of the process it was forked from (up to exec,
and Python forks with vfork), so a child of the benchmark, which holds a whole demo shop, would
report the benchmark's size. Each program is therefore started by a small launcher process
(`python -m benchmarks.child`, nothing imported but the standard library), which times it, waits
for it with wait4 and prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 120
_PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds_to_line: float | None  # from just before the spawn to reading the awaited line
    output: list[str]  # the lines of stdout
    peak_rss_mb: float  # ru_maxrss of the program alone, in MiB
    returncode: int
    stderr: str


def gui_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and settings and logs kept in `home` instead of the user's own folders."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    return env


def run(argv: list[str], env: dict[str, str], *, wait_for: str | None = None) -> Run:
    """Runs `argv` through the launcher; with `wait_for`, times how long until that line is on stdout."""
    launcher = [sys.executable, "-m", "benchmarks.child", json.dumps({"argv": argv, "wait_for": wait_for})]
    try:
        done = subprocess.run(launcher, env=env, cwd=_PROJECT, capture_output=True, text=True, timeout=TIMEOUT_S + 30)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{argv} did not finish in {TIMEOUT_S} s") from None
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"the launcher failed ({done.returncode}):\n{done.stderr}")
    return Run(**json.loads(done.stdout.splitlines()[-1]))


def _launch(argv: list[str], wait_for: str | None) -> dict:
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, text=True, encoding="utf-8"
        )
        watchdog = threading.Timer(TIMEOUT_S, process.kill)  # a hung program must not hang the benchmark
        watchdog.start()
        seconds = None
        output = []
        assert process.stdout is not None
        for line in process.stdout:
            if wait_for is not None and seconds is None and line.strip() == wait_for:
                seconds = time.perf_counter() - started
            output.append(line.rstrip("\n"))
        # os.wait4 rather than Popen.wait: it gives the rusage of this one child.
        _pid, status, usage = os.wait4(process.pid, 0)
        watchdog.cancel()
        errors.seek(0)
        stderr = errors.read()[-4000:]
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return {
        "seconds_to_line": seconds,
        "output": output,
        "peak_rss_mb": usage.ru_maxrss / per_mb,
        "returncode": os.waitstatus_to_exitcode(status),
        "stderr": stderr,
    }


if __name__ == "__main__":
    request = json.loads(sys.argv[1])
    print(json.dumps(_launch(request["argv"], request["wait_for"])))
