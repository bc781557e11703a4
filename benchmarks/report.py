"""Figures, their targets, and the printed table."""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | None  # None: the measurement failed
    unit: str
    target: float  # the value must stay below this (or, `higher_is_better`, reach it)
    note: str = ""
    higher_is_better: bool = False

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "ERROR"
        if self.higher_is_better:
            return "PASS" if self.value >= self.target else "MISS"
        return "PASS" if self.value < self.target else "MISS"

    @property
    def target_text(self) -> str:
        return f"{'≥' if self.higher_is_better else '<'} {self.target:.4g} {self.unit}"


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def machine() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    python = f"{platform.python_implementation()} {sys.version.split()[0]}"
    return (
        f"Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}\n"
        f"Python {python}, SQLite {sqlite3.sqlite_version}, PySide6 {pyside_version} (Qt {qVersion()})"
    )


def table(figures: list[Figure]) -> str:
    def shown(value: float | None, unit: str) -> str:
        if value is None:
            return "—"
        return f"{value:,.1f} {unit}" if value >= 100 else f"{value:.2f} {unit}"

    rows = [("Measurement", "Result", "Target", "Verdict", "Note")]
    rows += [(f.name, shown(f.value, f.unit), f.target_text, f.verdict, f.note) for f in figures]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].rjust(widths[2]), row[3].ljust(widths[3])]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
