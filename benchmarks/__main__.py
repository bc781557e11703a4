"""`make bench`: builds a fresh demo shop of 100,000 customers in a temporary folder and times it.

The search texts are printed with the slowest of them, so a MISS can be followed up right away.
The counter's measurements (booking, a customer with a long history) change the shop, so they come last.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks import (
    backup,
    counter,
    demo,
    exchange,
    insights_view,
    keystroke,
    letters,
    open_customer,
    prefixes,
    reminders,
    search,
    segments,
    startup,
)
from benchmarks.report import Figure, machine, p50, p95, table
from emma.services.shop import open_shop

SLOWEST_SHOWN = 8
DEMO_PURCHASES = 1_000_000  # the target is for this many


def main() -> int:
    began = time.perf_counter()
    print(machine(), flush=True)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="emma-bench-") as folder:
        home = Path(folder)
        db_path = home / "demo.db"

        print(f"Making the demo shop of {demo.CUSTOMERS:,} customers …", flush=True)
        made = demo.make_demo_shop(db_path)
        note = f"file {db_path.stat().st_size / 1024 / 1024:.0f} MiB"
        customers_seconds = made.seconds
        if made.customers_seconds is not None:
            customers_seconds = made.customers_seconds
            note = f"then purchases {made.seconds - customers_seconds:.1f} s; {note}"
        figures.append(Figure(f"Demo shop, {demo.CUSTOMERS:,} customers", customers_seconds, "s", 15, note))
        figures.append(_demo_purchases(made))

        shop = open_shop(db_path)
        try:
            typed = prefixes.build(shop)
            texts = [text for _kind, text in typed]
            print(f"Searching {len(texts)} typed texts …", flush=True)
            timings = search.time_searches(shop, texts)
        finally:
            shop.close()
        figures += [
            Figure("Search, first page: p50", p50(timings), "ms", 5, "find_customers(limit=200)"),
            Figure("Search, first page: p95", p95(timings), "ms", 5, f"max {max(timings):.1f} ms"),
        ]

        print("Typing them into the window (offscreen) …", flush=True)
        try:
            key_timings, search_peak = keystroke.run(db_path, texts, home)
            figures += [
                Figure("Keystroke to updated list: p50", p50(key_timings), "ms", 30),
                Figure("Keystroke to updated list: p95", p95(key_timings), "ms", 30, f"max {max(key_timings):.1f} ms"),
            ]
        except RuntimeError as error:
            print(error, file=sys.stderr)
            key_timings, search_peak = [], None
            figures.append(Figure("Keystroke to updated list: p95", None, "ms", 30, "child failed"))

        print(f"Starting the window {startup.RUNS} times …", flush=True)
        try:
            median, start_peak, runs = startup.run(db_path, home)
            all_runs = ", ".join(f"{s:.2f}" for s in runs)
            figures.append(Figure("Start to main window shown (median)", median, "s", 0.8, f"runs: {all_runs} s"))
        except RuntimeError as error:
            print(error, file=sys.stderr)
            start_peak = None
            figures.append(Figure("Start to main window shown (median)", None, "s", 0.8, "window failed"))
        figures += [
            Figure("Peak RSS, window start-up", start_peak, "MiB", 150, f"highest of {startup.RUNS} starts"),
            Figure("Peak RSS, window + 200 searches", search_peak, "MiB", 150, "keystroke child"),
        ]

        print("Backing up the demo shop …", flush=True)
        backup_seconds, stall_ms, backup_size = backup.time_backup(db_path, home / "Sicherungen")
        figures.append(Figure("Backup, checked and synced", backup_seconds, "s", 5, f"{backup_size / 2**20:.0f} MiB; "
                              f"main thread stalled at most {stall_ms:.0f} ms meanwhile"))  # fmt: skip

        print(f"Computing the reminders of {reminders.DAYS} days …", flush=True)
        shop = open_shop(db_path)
        try:
            reminder_timings, first_count = reminders.time_reminders(shop, date.today())
        finally:
            shop.close()
        note = f"max {max(reminder_timings):.0f} ms; {first_count:,} reminders today, 14 days ahead"
        figures.append(Figure("Reminders of a day: p95", p95(reminder_timings), "ms", 150, note))

        print("Computing the segments of every customer …", flush=True)
        shop = open_shop(db_path)
        try:
            segment_seconds, segmented = segments.time_segments(shop, date.today())
        finally:
            shop.close()
        figures.append(Figure("Segments of every customer", segment_seconds, "s", 1.2,
                              f"{segmented:,} customers, best of {segments.RUNS}"))  # fmt: skip

        print("Showing the Auswertung (offscreen) …", flush=True)
        figures.append(_median_of_children("Auswertung: view shown to charts drawn", 1.5,
                                           lambda: (insights_view.run(db_path, home), "")))  # fmt: skip

        print(f"Writing {letters.LETTERS:,} letters, then {letters.MANY:,} (memory) …", flush=True)
        shop = open_shop(db_path)
        try:
            per_second, letter_pages = letters.time_letters(shop, home)
        finally:
            shop.close()
        figures.append(Figure("Letters into one PDF", per_second, "/s", 400, f"{letters.LETTERS:,} letters, "
                              f"{letter_pages:,} pages", higher_is_better=True))  # fmt: skip
        try:
            few = letters.peak_memory(db_path, home, letters.LETTERS)
            many = letters.peak_memory(db_path, home, letters.MANY)
            figures.append(Figure(f"Peak RSS, {letters.MANY:,} letters", many, "MiB", few * 1.25,
                                  f"{few:.0f} MiB for {letters.LETTERS:,}; at most a quarter more"))  # fmt: skip
        except Exception as error:
            print(error, file=sys.stderr)
            figures.append(Figure(f"Peak RSS, {letters.MANY:,} letters", None, "MiB", 0, "child failed"))

        print("Exporting the customers to CSV and importing them into an empty file …", flush=True)
        exported = home / "kunden.csv"
        figures.append(Figure("Export to CSV, 100,000 customers", exchange.time_export(db_path, exported), "s", 10,
                              "UTF-8 with BOM, ;"))  # fmt: skip
        figures.append(_median_of_children("Import of that CSV into an empty file", 10,
                                           lambda: exchange.time_imports(exported, home)))  # fmt: skip

        print(f"Booking {counter.BOOKINGS} purchases with stamps …", flush=True)
        shop = open_shop(db_path)
        try:
            bookings, on_both = counter.time_bookings(shop)
        finally:
            shop.close()
        note = f"max {max(bookings):.1f} ms; stamps on both programs in {on_both} of {len(bookings)}"
        figures += [
            Figure("Booking with stamps: p50", p50(bookings), "ms", 20, "book_purchase, fsync'd commit each"),
            Figure("Booking with stamps: p95", p95(bookings), "ms", 20, note),
        ]

        figures += _open_customer(db_path, home)

    print()
    print(table(figures))
    print()
    print(_slowest("Slowest searches (find_customers)", typed, timings))
    if key_timings:
        print(_slowest("Slowest keystrokes (window)", typed, key_timings))
    print(f"\nBenchmark took {time.perf_counter() - began:.0f} s.")
    return 1 if any(figure.verdict == "ERROR" for figure in figures) else 0


def _median_of_children(name: str, target: float, measure: Callable[[], tuple[list[float], str]]) -> Figure:
    """The median of the seconds child processes timed (`measure` gives them with the start of a note)."""
    try:
        runs, note = measure()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return Figure(name, None, "s", target, "child failed")
    listed = ", ".join(f"{seconds:.2f}" for seconds in runs)
    return Figure(name, p50(runs), "s", target, f"{note}median of {len(runs)} (runs {listed} s)")


def _demo_purchases(made: demo.DemoTiming) -> Figure:
    name = f"Demo purchases, {DEMO_PURCHASES:,}"
    if made.purchases_seconds is None:
        return Figure(name, None, "s", 60, "the demo reported no purchases phase")
    if not made.purchases:
        return Figure(name, None, "s", 60, "the demo made no purchases")
    note = f"{made.purchases:,} made in {made.purchases_seconds:.1f} s"
    if made.purchases != DEMO_PURCHASES:
        note += f", scaled to {DEMO_PURCHASES:,}"
    return Figure(name, made.purchases_seconds * DEMO_PURCHASES / made.purchases, "s", 60, note)


def _open_customer(db_path: Path, home: Path) -> list[Figure]:
    name = f"Open customer, {open_customer.PURCHASES:,} purchases"
    print(f"Opening a customer with {open_customer.PURCHASES:,} purchases (offscreen) …", flush=True)
    try:
        customer_id = open_customer.give_history(db_path)
        opened = open_customer.run(db_path, customer_id, home)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return [Figure(f"{name}: median", None, "ms", 100, "child failed")]
    figures = []
    for tab, timings in (("Purchases", opened.purchases_tab_ms), ("Overview", opened.overview_tab_ms)):
        runs = ", ".join(f"{ms:.0f}" for ms in timings)
        note = f"{tab} tab in front; max {max(timings):.1f} ms (runs {runs})"
        if tab == "Purchases":
            note += f"; {opened.history_rows} rows loaded"
        figures.append(Figure(f"{name}, {tab.lower()} tab", p50(timings), "ms", 100, note))
    return figures


def _slowest(title: str, typed: list[tuple[str, str]], timings: list[float]) -> str:
    ranked = sorted(zip(timings, typed, strict=True), reverse=True)[:SLOWEST_SHOWN]
    lines = [f"{title}:"]
    lines += [f"  {ms:7.2f} ms  {text!r:<22} {kind}" for ms, (kind, text) in ranked]
    by_kind: dict[str, list[float]] = {}
    for ms, (kind, _text) in zip(timings, typed, strict=True):
        by_kind.setdefault(kind, []).append(ms)
    lines.append(
        "  p95 by kind: " + ", ".join(f"{kind} {p95(ms):.2f} ms (n={len(ms)})" for kind, ms in by_kind.items())
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
