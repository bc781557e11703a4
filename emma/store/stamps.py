"""Stamp programs and the ledger of stamp events."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import groupby
from operator import itemgetter

from emma.domain.stamps import CardLedger, EarnRule, StampEvent, StampEventKind, StampProgram
from emma.store.bulk_insert import insert_rows
from emma.store.database import Database

_PROGRAM_COLUMNS = (
    "name, required, reward, rule, min_amount_cents, step_cents, cap_per_purchase, categories, validity_months, active"
)


def _program_values(program: StampProgram) -> list[object]:
    return [
        program.name.strip(),
        program.required,
        program.reward.strip(),
        program.rule.value,
        program.min_amount_cents,
        program.step_cents,
        program.cap_per_purchase,
        json.dumps(list(program.categories), ensure_ascii=False),
        program.validity_months,
        int(program.active),
    ]


def _program(row: Sequence) -> StampProgram:
    program_id, name, required, reward, rule, minimum, step, cap, categories, validity, active = row
    return StampProgram(
        id=program_id,
        name=name,
        required=required,
        reward=reward,
        rule=EarnRule(rule),
        min_amount_cents=minimum,
        step_cents=step,
        cap_per_purchase=cap,
        categories=tuple(json.loads(categories)),
        validity_months=validity,
        active=bool(active),
    )


def add_program(database: Database, program: StampProgram, *, now: datetime) -> int:
    marks = ", ".join("?" for _ in range(11))
    with database.transaction() as conn:
        return conn.execute(
            f"INSERT INTO stamp_programs ({_PROGRAM_COLUMNS}, created_at) VALUES ({marks})",
            [*_program_values(program), now.isoformat(timespec="seconds")],
        ).lastrowid


def update_program(database: Database, program: StampProgram) -> None:
    assignments = ", ".join(f"{column.strip()} = ?" for column in _PROGRAM_COLUMNS.split(","))
    with database.transaction() as conn:
        cursor = conn.execute(
            f"UPDATE stamp_programs SET {assignments} WHERE id = ?", [*_program_values(program), program.id]
        )
        if cursor.rowcount != 1:
            raise LookupError(program.id)


def programs(database: Database, *, active_only: bool = False) -> list[StampProgram]:
    where = "WHERE active = 1" if active_only else ""
    rows = database.connection.execute(f"SELECT id, {_PROGRAM_COLUMNS} FROM stamp_programs {where} ORDER BY id")
    return [_program(row) for row in rows]


def programs_of_customer(database: Database, customer_id: int) -> list[StampProgram]:
    """The active programs, and the paused ones she still has stamps or history on."""
    rows = database.connection.execute(
        f"SELECT id, {_PROGRAM_COLUMNS} FROM stamp_programs WHERE active = 1 "
        "OR id IN (SELECT program_id FROM stamp_events WHERE customer_id = ?) ORDER BY id",
        (customer_id,),
    )
    return [_program(row) for row in rows]


def events(database: Database, customer_id: int, program_id: int) -> list[StampEvent]:
    rows = database.connection.execute(
        "SELECT id, kind, stamps, at, purchase_id, reason FROM stamp_events "
        "WHERE customer_id = ? AND program_id = ? ORDER BY id",
        (customer_id, program_id),
    )
    return [
        StampEvent(StampEventKind(kind), stamps, datetime.fromisoformat(at), purchase_id, reason, event_id)
        for event_id, kind, stamps, at, purchase_id, reason in rows
    ]


def add_event(database: Database, customer_id: int, program_id: int, event: StampEvent, *, now: datetime) -> None:
    add_events(database, [(customer_id, program_id, event)], now=now)


def add_events(database: Database, rows: Iterable[tuple[int, int, StampEvent]], *, now: datetime) -> None:
    """Books (customer_id, program_id, event) triples in one transaction."""
    add_event_rows(
        database,
        (
            (
                customer_id,
                program_id,
                event.kind.value,
                event.stamps,
                event.at.replace(microsecond=0).isoformat(timespec="seconds"),
                event.purchase_id,
                event.reason,
            )
            for customer_id, program_id, event in rows
        ),
        now=now,
    )


def add_event_rows(
    database: Database, rows: Iterable[tuple[int, int, str, int, str, int | None, str]], *, now: datetime
) -> None:
    """Bulk booking of plain event rows: (customer_id, program_id, kind, stamps, at, purchase_id, reason),
    with `kind` a `StampEventKind` value and `at` an ISO timestamp to the second."""
    rows = list(rows)
    with database.transaction() as conn:
        insert_rows(
            conn,
            "stamp_events",
            ("customer_id", "program_id", "kind", "stamps", "at", "purchase_id", "reason"),
            rows,
            constants={"created_at": now.isoformat(timespec="seconds")},
        )
        refresh_cards(conn, {row[0] for row in rows})


def refresh_cards(conn: sqlite3.Connection, customer_ids: Iterable[int] | None) -> None:
    """Brings the card summaries (`stamp_cards`) in line with the ledger: these customers' cards, or all."""
    sql = "SELECT customer_id, program_id, id, kind, stamps, substr(at, 1, 10) FROM stamp_events"
    rhythm = "SELECT customer_id, usual_days FROM customer_visits WHERE usual_days IS NOT NULL"
    params: tuple = ()
    if customer_ids is None:
        conn.execute("DELETE FROM stamp_cards")
    else:
        params = (json.dumps(sorted(customer_ids)),)
        conn.execute("DELETE FROM stamp_cards WHERE customer_id IN (SELECT value FROM json_each(?))", params)
        sql += " WHERE customer_id IN (SELECT value FROM json_each(?))"
        rhythm += " AND customer_id IN (SELECT value FROM json_each(?))"
    usual_days = dict(conn.execute(rhythm, params).fetchall())
    cards = []
    for (customer_id, program_id), events in groupby(conn.execute(sql + " ORDER BY 1, 2, 3", params), itemgetter(0, 1)):
        ledger = CardLedger()
        for row in events:
            ledger.add_stamps(row[4], row[3], date.fromisoformat(row[5]))
        started_on = ledger.started_on.isoformat() if ledger.started_on else None
        last_event_id, changed_on = row[2], row[5]  # the card's last event
        usual = usual_days.get(customer_id)
        cards.append((customer_id, program_id, ledger.balance, started_on, last_event_id, changed_on, usual))
    columns = ("customer_id", "program_id", "balance", "started_on", "last_event_id", "changed_on", "usual_days")
    insert_rows(conn, "stamp_cards", columns, cards)


def earned_by_purchase(database: Database, purchase_id: int) -> dict[int, int]:
    """Stamps the purchase earned, per program."""
    return dict(
        database.connection.execute(
            "SELECT program_id, sum(stamps) FROM stamp_events WHERE purchase_id = ? AND kind = 'earned' "
            "GROUP BY program_id",
            (purchase_id,),
        )
    )
