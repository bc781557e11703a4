"""Figure 7: opening a customer with 2,000 purchases, until her first rows and her overview are shown.

The demo shop has nobody with that many purchases (a weekly regular has some 150 in three years),
so one customer who has bought nothing yet is given 2,000 over six years – a daily coffee guest –
with the stamp events booking them would have written on both demo programs (`give_history`).
That changes the shop: run it after the measurements that must see the demo shop as made.

Then, in a child process with an offscreen window (`python -m benchmarks.open_customer DB ID`):
the Kunden view shows another customer, and is timed from `show_customer(her)` through the events
that follow to the panel painted – once with the Purchases tab in front (the first page of her
history painted; the overview is built behind it) and once with the Overview tab (her stamp cards
and figures painted; the history's first page is loaded behind it). RUNS of each.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks import child
from emma.domain.purchases import Purchase
from emma.domain.stamps import CardLedger, StampEvent, StampEventKind, StampProgram, lapsed_on_ledger
from emma.services.demo_purchases import CATEGORIES
from emma.services.shop import open_shop
from emma.store import purchases as purchase_store
from emma.store import stamps as stamp_store

PURCHASES = 2_000
RUNS = 5
SEED = 7
YEARS = 6


@dataclass(frozen=True)
class Opening:
    purchases_tab_ms: list[float]  # RUNS timings each
    overview_tab_ms: list[float]
    history_rows: int  # rows of her history loaded when shown (the first page)


def give_history(db_path: Path, today: date | None = None) -> int:
    """Books PURCHASES purchases, with their stamp events, for a customer who had none; returns her id."""
    today = today or date.today()
    first_day = today - timedelta(days=YEARS * 365)
    shop = open_shop(db_path)
    try:
        database = shop.database
        candidates = [
            row[0]
            for row in database.connection.execute(
                "SELECT id FROM customers c WHERE archived = 0 AND customer_since <= ? "
                "AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.customer_id = c.id) "
                "AND NOT EXISTS (SELECT 1 FROM stamp_events e WHERE e.customer_id = c.id) ORDER BY id LIMIT 500",
                (first_day.isoformat(),),
            )
        ]
        if not candidates:
            raise RuntimeError("the demo shop has no customer without purchases since six years")
        r = random.Random(SEED)
        customer_id = r.choice(candidates)
        moments = []
        for _ in range(PURCHASES):
            day = first_day + timedelta(days=r.randrange((today - first_day).days))  # up to yesterday
            day -= timedelta(days=day.weekday() == 6)  # closed on Sundays
            moments.append(datetime.combine(day, datetime.min.time()) + timedelta(minutes=r.randrange(8 * 60, 19 * 60)))
        moments.sort()
        now = datetime.now().replace(microsecond=0)
        programs = stamp_store.programs(database)
        ledgers = [CardLedger() for _ in programs]
        purchases, events = [], []
        with database.transaction() as conn:
            (next_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM purchases").fetchone()
            for purchase_id, at in enumerate(moments, start=next_id):
                amount = max(150, round(1_500 * math.exp(r.gauss(0, 0.6)) / 10) * 10)
                coffee = ["Kaffee"] if r.random() < 0.7 else []
                items = tuple(dict.fromkeys(coffee + r.sample(CATEGORIES, r.choice((0, 1, 2)))))
                purchases.append(Purchase(customer_id, at, amount, items))
                for program, ledger in zip(programs, ledgers, strict=True):
                    for event in _stamp_events(program, ledger, purchase_id, at, amount, items):
                        ledger.add(event)
                        events.append((customer_id, program.id, event))
            purchase_store.add_many(database, purchases, now=now)
            stamp_store.add_events(database, events, now=now)
        return customer_id
    finally:
        shop.close()


def _stamp_events(
    program: StampProgram, ledger: CardLedger, purchase_id: int, at: datetime, amount: int, items: tuple[str, ...]
) -> list[StampEvent]:
    """What booking the purchase writes on one card: an expiry first, then her reward, then new stamps."""
    events = []
    lapsed = lapsed_on_ledger(program, ledger, at.date())
    if lapsed:
        stamps, expired_on = lapsed
        last_moment = datetime.combine(expired_on, datetime.max.time()).replace(microsecond=0)
        events.append(StampEvent(StampEventKind.EXPIRED, -stamps, last_moment))
    if ledger.balance + sum(event.stamps for event in events) >= program.required:
        events.append(StampEvent(StampEventKind.REDEEMED, -program.required, at, reason=program.reward))
    earned = program.stamps_for(amount, items)
    if earned:
        events.append(StampEvent(StampEventKind.EARNED, earned, at, purchase_id))
    return events


def measure(db_path: Path, customer_id: int) -> dict:
    """Milliseconds from `show_customer(customer_id)` to the panel painted, RUNS times per tab."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QScrollArea

    from benchmarks.paints import PaintCounter
    from emma.ui.models.customer_list import CustomerIdRole
    from emma.ui.views.customers_view import CustomersView

    app = QApplication.instance() or QApplication(["benchmarks"])
    shop = open_shop(db_path)
    try:
        view = CustomersView(shop, date.today, "de_DE")  # shows the first customer of the list
        view.resize(1100, 700)
        view.show()
        app.processEvents()
        # Someone else from the list, shown before her each time: the panel changes customer as in use.
        other = next(
            found
            for row in range(view.model.rowCount())
            if (found := view.model.index(row, 0).data(CustomerIdRole)) not in (None, customer_id)
        )
        detail = view.detail
        overview = detail.tabs.widget(0)
        assert isinstance(overview, QScrollArea)
        results: dict = {}
        for tab, name, shown_on in ((1, "purchases", detail.history_table.viewport()), (0, "overview", None)):
            detail.tabs.setCurrentIndex(tab)
            timings = []
            for _ in range(RUNS):
                view.show_customer(other)
                app.processEvents()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                target = shown_on or overview.widget()  # the overview's content: her name, cards, figures …
                counter = PaintCounter()
                target.installEventFilter(counter)
                started = time.perf_counter()
                view.show_customer(customer_id)
                app.processEvents()  # layout and paint, as the event loop does next
                if counter.paints == 0:  # not painted yet: paint it now
                    target.repaint()
                timings.append((time.perf_counter() - started) * 1000)
                target.removeEventFilter(counter)
            results[name] = timings
        results["rows"] = detail.history.rowCount()
        view.close()
        return results
    finally:
        shop.close()


def run(db_path: Path, customer_id: int, home: Path) -> Opening:
    """Measures in a child process with an offscreen window."""
    argv = [sys.executable, "-m", "benchmarks.open_customer", str(db_path), str(customer_id)]
    result = child.run(argv, child.gui_env(home))
    if result.returncode != 0 or not result.output:
        raise RuntimeError(f"the open-customer child failed ({result.returncode}):\n{result.stderr}")
    measured = json.loads(result.output[-1])
    return Opening(measured["purchases"], measured["overview"], measured["rows"])


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]))))
