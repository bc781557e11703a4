"""Running a measured program as a child process and reading its peak memory from the kernel."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 120


@dataclass(frozen=True)
class Run:
    seconds_to_line: float | None  # from just before the spawn to reading the awaited line
    output: list[str]  # the lines of stdout
    peak_rss_mb: float  # ru_maxrss of this child alone, in MiB
    returncode: int
    stderr: str


def gui_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and settings and logs kept in `home` instead of the user's own folders."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    return env


def run(argv: list[str], env: dict[str, str], *, wait_for: str | None = None) -> Run:
    """Runs `argv`; when `wait_for` is given, times how long until that line appears on stdout."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, text=True
        )
        watchdog = threading.Timer(TIMEOUT_S, process.kill)  # a hung child must not hang the benchmark
        watchdog.start()
        seconds = None
        output = []
        assert process.stdout is not None
        for line in process.stdout:
            if wait_for is not None and seconds is None and line.strip() == wait_for:
                seconds = time.perf_counter() - started
            output.append(line.rstrip("\n"))
        watchdog.cancel()
        # os.wait4 instead of Popen.wait: it gives the rusage of this one child, not of all children.
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read()
    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return Run(seconds, output, usage.ru_maxrss / per_mb, process.returncode, stderr)
