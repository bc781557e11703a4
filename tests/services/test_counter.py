"""At the counter: booking and reversing purchases with their stamps, and what her history says about her."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from emma.domain.customer import Customer, Preferences
from emma.domain.errors import UserError
from emma.domain.stamps import EarnRule, StampEventKind, StampProgram
from emma.services.categories import list_categories, set_categories
from emma.services.counter import book_purchase, customer_figures, purchase_history, reverse_purchase
from emma.services.customers import archive_customer, save_customer
from emma.services.demo_shop import fill_demo_shop
from emma.services.shop import Shop, open_shop
from emma.services.stamp_cards import cards_for, redeem, save_program, stamp_history
from emma.store import stamps as stamp_store
from tests.conftest import NOW, TODAY

K = StampEventKind
VISITS = StampProgram("Besuchskarte", 10, "1 Kaffee gratis", EarnRule.PER_VISIT, min_amount_cents=500)
EUROS = StampProgram("Treuekarte", 10, "5 € Rabatt", EarnRule.PER_AMOUNT, step_cents=1000, cap_per_purchase=5)


def _anna(shop: Shop, **changes) -> int:
    return save_customer(shop, Customer(first_name="Anna", last_name="Müller", **changes), now=NOW).id


def _rows(shop: Shop) -> tuple[int, int, int]:
    """(purchases, item lines, stamp events) in the whole file."""
    conn = shop.database.connection
    return tuple(
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("purchases", "purchase_items", "stamp_events")
    )


@pytest.fixture
def programs(shop: Shop) -> tuple[StampProgram, StampProgram]:
    return save_program(shop, VISITS, now=NOW), save_program(shop, EUROS, now=NOW)


def test_a_booking_adds_the_stamps_its_rules_earn(shop: Shop, programs) -> None:
    visits, euros = programs
    anna = _anna(shop)
    booking = book_purchase(shop, anna, 4290, items=(" Wein ", "", "Käse"), note=" für Samstag ", now=NOW)
    assert booking.stamps_added == 1 + 4
    assert [(c.program.id, c.stamps, c.required, c.reward_ready) for c in booking.cards] == [
        (visits.id, 1, 10, False),
        (euros.id, 4, 10, False),
    ]
    [purchase] = purchase_history(shop, anna)
    assert (purchase.id, purchase.at, purchase.amount_cents) == (booking.purchase_id, NOW, 4290)
    assert (purchase.items, purchase.note) == (("Wein", "Käse"), "für Samstag")
    history = stamp_history(shop, anna)
    assert [(e.program, e.event.kind, e.event.stamps, e.event.purchase_id) for e in history] == [
        ("Besuchskarte", K.EARNED, 1, booking.purchase_id),
        ("Treuekarte", K.EARNED, 4, booking.purchase_id),
    ]
    assert cards_for(shop, anna, TODAY) == booking.cards
    assert not shop.database.connection.in_transaction


def test_a_small_purchase_earns_nothing_and_a_big_one_is_capped(shop: Shop, programs) -> None:
    anna = _anna(shop)
    assert book_purchase(shop, anna, 499, now=NOW).stamps_added == 0
    assert book_purchase(shop, anna, 500, now=NOW).stamps_added == 1
    assert book_purchase(shop, anna, 99_999, now=NOW).stamps_added == 1 + 5
    assert [card.stamps for card in cards_for(shop, anna, TODAY)] == [2, 5]


def test_a_paused_program_earns_nothing_but_her_card_stays_visible(shop: Shop, programs) -> None:
    visits, euros = programs
    anna = _anna(shop)
    book_purchase(shop, anna, 2000, now=NOW)
    save_program(shop, replace(euros, active=False))
    booking = book_purchase(shop, anna, 5000, now=NOW)
    assert booking.stamps_added == 1
    assert [(c.program.name, c.program.active, c.stamps) for c in booking.cards] == [
        ("Besuchskarte", True, 2),
        ("Treuekarte", False, 2),
    ]
    newcomer = save_customer(shop, Customer(last_name="Huber"), now=NOW).id
    assert [card.program.id for card in cards_for(shop, newcomer, TODAY)] == [visits.id]


def test_a_category_card_counts_only_its_category_folded(shop: Shop) -> None:
    coffee = save_program(shop, replace(VISITS, name="Kaffeekarte", min_amount_cents=0, categories=("Kaffee",)))
    anna = _anna(shop)
    assert book_purchase(shop, anna, 350, items=("Brot",), now=NOW).stamps_added == 0
    assert book_purchase(shop, anna, 350, items=("kaffee",), now=NOW).stamps_added == 1
    assert [(c.program.id, c.stamps) for c in cards_for(shop, anna, TODAY)] == [(coffee.id, 1)]


def test_booking_and_stamps_are_all_or_nothing(shop: Shop, programs, monkeypatch: pytest.MonkeyPatch) -> None:
    anna = _anna(shop)
    book_purchase(shop, anna, 2000, now=NOW)
    before = _rows(shop)
    written: list[tuple[int, int, int]] = []

    def broken_add_events(database, rows, *, now):
        written.append(_rows(shop))  # the purchase and its items are in the file by now
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(stamp_store, "add_events", broken_add_events)
    with pytest.raises(RuntimeError, match="disk on fire"):
        book_purchase(shop, anna, 3000, items=("Wein",), now=NOW)

    assert written == [(before[0] + 1, before[1] + 1, before[2])]
    assert _rows(shop) == before
    assert len(purchase_history(shop, anna)) == 1
    assert [card.stamps for card in cards_for(shop, anna, TODAY)] == [1, 2]
    assert not shop.database.connection.in_transaction
    monkeypatch.undo()
    assert book_purchase(shop, anna, 3000, now=NOW).stamps_added == 4  # the file is fine afterwards


@pytest.mark.parametrize(
    ("case", "amount", "at", "says"),
    [
        ("unknown", 1000, None, "4711"),
        ("archived", 1000, None, "archiviert"),
        ("future", 1000, NOW + timedelta(days=1), "Zukunft"),
        ("negative", -1, None, "negativ"),
        ("long note", 1000, None, "Notiz"),
    ],
)
def test_what_cannot_be_booked_is_refused_and_nothing_is_booked(
    shop: Shop, programs, case: str, amount: int, at: datetime | None, says: str
) -> None:
    anna = _anna(shop)
    if case == "archived":
        archive_customer(shop, anna, now=NOW)
    customer = 4711 if case == "unknown" else anna
    note = "x" * 501 if case == "long note" else ""
    with pytest.raises(UserError, match=says):
        book_purchase(shop, customer, amount, at=at, note=note, now=NOW)
    assert _rows(shop) == (0, 0, 0)
    assert not shop.database.connection.in_transaction


def test_later_today_and_days_in_the_past_can_be_booked(shop: Shop) -> None:
    anna = _anna(shop)
    later_today = datetime.combine(TODAY, datetime.max.time()).replace(microsecond=0)
    book_purchase(shop, anna, 100, at=later_today, now=NOW)
    book_purchase(shop, anna, 200, at=datetime(2019, 1, 2, 9, 15), now=NOW)
    assert [p.amount_cents for p in purchase_history(shop, anna)] == [100, 200]


def test_a_reversal_needs_a_reason_marks_the_purchase_and_takes_its_stamps_back(shop: Shop, programs) -> None:
    anna = _anna(shop)
    keep = book_purchase(shop, anna, 2500, now=NOW - timedelta(days=1))
    wrong = book_purchase(shop, anna, 4000, items=("Wein",), now=NOW)
    assert [card.stamps for card in wrong.cards] == [2, 6]

    for reason in ("", "   "):
        with pytest.raises(UserError, match="Grund"):
            reverse_purchase(shop, wrong.purchase_id, reason, now=NOW)
    assert not purchase_history(shop, anna)[0].reversed

    later = NOW + timedelta(minutes=5)
    reversed_purchase = reverse_purchase(shop, wrong.purchase_id, "  falscher Betrag ", now=later)
    assert (reversed_purchase.reversed, reversed_purchase.reversed_at) == (True, later)
    assert reversed_purchase.reversal_reason == "falscher Betrag"
    assert [p.id for p in purchase_history(shop, anna)] == [wrong.purchase_id, keep.purchase_id]  # still listed
    assert [card.stamps for card in cards_for(shop, anna, TODAY)] == [1, 2]
    taken = [e.event for e in stamp_history(shop, anna) if e.event.kind is K.REVERSED]
    assert [(e.stamps, e.purchase_id, e.reason) for e in taken] == [
        (-1, wrong.purchase_id, "falscher Betrag"),
        (-4, wrong.purchase_id, "falscher Betrag"),
    ]

    with pytest.raises(UserError, match="schon storniert"):
        reverse_purchase(shop, wrong.purchase_id, "nochmal", now=later)
    assert [card.stamps for card in cards_for(shop, anna, TODAY)] == [1, 2]
    with pytest.raises(UserError, match="999"):
        reverse_purchase(shop, 999, "gibt es nicht", now=later)


def test_a_reversal_never_takes_back_more_than_the_card_holds(shop: Shop, programs) -> None:
    _visits, euros = programs
    anna = _anna(shop)
    first = book_purchase(shop, anna, 5000, now=NOW)  # 5 on the euro card
    book_purchase(shop, anna, 5000, now=NOW)  # 10: full
    book_purchase(shop, anna, 2000, now=NOW)  # 12
    assert redeem(shop, anna, euros.id, now=NOW).stamps == 2
    reverse_purchase(shop, first.purchase_id, "doppelt", now=NOW)
    cards = {card.program.id: card.stamps for card in cards_for(shop, anna, TODAY)}
    assert cards[euros.id] == 0
    assert [e.event.stamps for e in stamp_history(shop, anna) if e.event.kind is K.REVERSED] == [-1, -2]


def test_reversing_a_purchase_whose_card_expired_takes_no_later_stamps(shop: Shop) -> None:
    save_program(shop, replace(EUROS, validity_months=12), now=NOW)
    anna = _anna(shop)
    old = book_purchase(shop, anna, 5000, at=datetime(2025, 1, 10, 9), now=datetime(2025, 1, 10, 9))
    book_purchase(shop, anna, 3000, at=datetime(2026, 3, 1, 9), now=datetime(2026, 3, 1, 9))  # expires the 5
    reverse_purchase(shop, old.purchase_id, "doppelt gebucht", now=NOW)
    assert [card.stamps for card in cards_for(shop, anna, TODAY)] == [3]
    kinds = [(e.event.kind, e.event.stamps) for e in stamp_history(shop, anna)]
    assert kinds == [(K.EARNED, 5), (K.EXPIRED, -5), (K.EARNED, 3)]


def test_an_expired_card_is_booked_as_expired_on_the_next_purchase_and_restarts(shop: Shop) -> None:
    program = save_program(shop, replace(EUROS, validity_months=12), now=NOW)
    anna = _anna(shop)
    thirteen_months_ago = datetime(2025, 10, 20, 11, 0)
    book_purchase(shop, anna, 3000, at=thirteen_months_ago, now=thirteen_months_ago)
    book_purchase(shop, anna, 2000, at=datetime(2026, 3, 1, 9), now=datetime(2026, 3, 1, 9))

    [lapsed] = cards_for(shop, anna, TODAY)
    assert (lapsed.stamps, lapsed.started_on, lapsed.expires_on) == (0, None, None)  # shown empty already

    booking = book_purchase(shop, anna, 1000, now=NOW)
    [card] = booking.cards
    assert (card.stamps, card.started_on, card.expires_on) == (1, TODAY, date(2027, 11, 23))
    events = [(e.event.kind, e.event.stamps, e.event.at.date()) for e in stamp_history(shop, anna)]
    assert events == [
        (K.EARNED, 3, date(2025, 10, 20)),
        (K.EARNED, 2, date(2026, 3, 1)),
        (K.EXPIRED, -5, date(2026, 10, 20)),
        (K.EARNED, 1, TODAY),
    ]
    assert [e.program for e in stamp_history(shop, anna)] == ["Treuekarte"] * 4
    assert stamp_store.events(shop.database, anna, program.id)[-2].reason
    book_purchase(shop, anna, 1000, now=NOW)
    assert sum(1 for e in stamp_history(shop, anna) if e.event.kind is K.EXPIRED) == 1  # booked once


def test_history_pages_newest_first_across_equal_times(shop: Shop) -> None:
    anna = _anna(shop)
    moments = [datetime(2026, 11, 20, 9)] * 5 + [datetime(2026, 11, 21, 9)] * 2
    ids = [book_purchase(shop, anna, 100 * n, at=at, now=NOW).purchase_id for n, at in enumerate(moments, 1)]
    seen: list = []
    while page := purchase_history(shop, anna, after=seen[-1] if seen else None, limit=2):
        seen.extend(page)
    assert [p.id for p in seen] == [ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]]


def test_figures_leave_out_reversed_purchases(shop: Shop) -> None:
    anna = _anna(shop)
    assert customer_figures(shop, anna).summary.average_cents == 0
    book_purchase(shop, anna, 1000, at=datetime(2026, 1, 5, 9), now=NOW)
    book_purchase(shop, anna, 2002, at=datetime(2026, 6, 5, 9), now=NOW)
    wrong = book_purchase(shop, anna, 90_000, at=datetime(2026, 11, 20, 9), now=NOW)
    reverse_purchase(shop, wrong.purchase_id, "Tippfehler", now=NOW)
    summary = customer_figures(shop, anna).summary
    assert (summary.total_cents, summary.visits, summary.average_cents) == (3002, 2, 1501)
    assert (summary.first_visit, summary.last_visit) == (date(2026, 1, 5), date(2026, 6, 5))


def _buy(shop: Shop, customer: int, items_per_visit: list[tuple[str, ...]]) -> None:
    for day, items in enumerate(items_per_visit, start=1):
        book_purchase(shop, customer, 1500, at=datetime(2026, 10, day, 10), items=items, now=NOW)


def test_favourite_categories_and_suggestions_from_the_history(shop: Shop) -> None:
    set_categories(shop, ["Rotwein", "Käse", "Brot", "Sekt"])
    assert list_categories(shop) == ["Rotwein", "Käse", "Brot", "Sekt"]
    anna = _anna(shop, preferences=Preferences(likes=("kaese",)))
    _buy(shop, anna, [("Rotwein", "rotwein"), ("ROTWEIN",), ("Rotwein", "Käse"), ("Käse",), ("Käse",), ("Brot",)])
    figures = customer_figures(shop, anna)
    assert figures.summary.favourite_categories == (("Käse", 3), ("Rotwein", 3), ("Brot", 1))
    assert figures.suggestions == ["Rotwein"]  # Käse is among her likes already; Brot too rare


def test_no_suggestion_below_three_purchases_or_rarer_than_every_fourth_visit(shop: Shop) -> None:
    set_categories(shop, ["Rotwein", "Käse"])
    twice = _anna(shop)
    _buy(shop, twice, [("Rotwein",), ("Rotwein",)])
    assert customer_figures(shop, twice).suggestions == []
    rare = save_customer(shop, Customer(last_name="Huber"), now=NOW).id
    _buy(shop, rare, [("Rotwein",)] * 3 + [()] * 10)  # 3 of 13 visits
    assert customer_figures(shop, rare).suggestions == []
    every_fourth = save_customer(shop, Customer(last_name="Berg"), now=NOW).id
    _buy(shop, every_fourth, [("Rotwein",)] * 3 + [()] * 9)  # 3 of 12 visits
    assert customer_figures(shop, every_fourth).suggestions == ["Rotwein"]
    favourite = save_customer(
        shop, Customer(last_name="Kern", preferences=Preferences(favourites=("ROTWEIN",))), now=NOW
    )
    _buy(shop, favourite.id, [("Rotwein",)] * 4)
    assert customer_figures(shop, favourite.id).suggestions == []


def test_reversed_purchases_do_not_make_a_suggestion(shop: Shop) -> None:
    set_categories(shop, ["Rotwein"])
    anna = _anna(shop)
    _buy(shop, anna, [("Rotwein",)] * 3)
    assert customer_figures(shop, anna).suggestions == ["Rotwein"]
    reverse_purchase(shop, purchase_history(shop, anna)[0].id, "Irrtum", now=NOW)
    assert customer_figures(shop, anna).suggestions == []


# --- the demo shop's purchases ---------------------------------------------------------------------------

DEMO_TODAY = date(2026, 11, 23)


def _demo_figures(shop: Shop) -> dict[str, object]:
    conn = shop.database.connection
    return {
        "purchases": conn.execute("SELECT count(*), sum(amount_cents), max(at), min(at) FROM purchases").fetchone(),
        "items": conn.execute("SELECT count(*), group_concat(text, '') FROM purchase_items").fetchone()[0],
        "stamps": conn.execute("SELECT kind, count(*), sum(stamps) FROM stamp_events GROUP BY kind").fetchall(),
        "programs": conn.execute("SELECT name, required, rule, categories FROM stamp_programs").fetchall(),
    }


@pytest.fixture(scope="module")
def demo() -> Shop:
    shop = open_shop(None)
    fill_demo_shop(shop, 150, seed=7, today=DEMO_TODAY)
    yield shop
    shop.close()


def test_the_demo_shop_has_purchases_and_two_stamp_programs(demo: Shop) -> None:
    conn = demo.database.connection
    figures = _demo_figures(demo)
    count, total, newest, oldest = figures["purchases"]
    assert count > 500
    assert total > 0
    end_of_today = datetime.combine(DEMO_TODAY, datetime.max.time()).isoformat(timespec="seconds")
    assert newest <= end_of_today  # nothing in the future
    assert oldest >= (DEMO_TODAY - timedelta(days=3 * 365 + 1)).isoformat()
    assert [name for name, *_rest in figures["programs"]] == ["Kaffeekarte", "Treuekarte"]
    kinds = {kind for kind, _n, _sum in figures["stamps"]}
    assert {"earned", "redeemed", "expired"} <= kinds
    assert conn.execute("SELECT count(*) FROM stamp_events WHERE at > ?", (end_of_today,)).fetchone() == (0,)
    # every card's running balance stays at zero or above
    negative = conn.execute(
        "SELECT count(*) FROM (SELECT sum(stamps) OVER (PARTITION BY customer_id, program_id ORDER BY id) AS running"
        " FROM stamp_events) WHERE running < 0"
    ).fetchone()[0]
    assert negative == 0
    # stamps earned belong to a purchase of the same customer
    strays = conn.execute(
        "SELECT count(*) FROM stamp_events e JOIN purchases p ON p.id = e.purchase_id"
        " WHERE p.customer_id <> e.customer_id"
    ).fetchone()[0]
    assert strays == 0
    assert not conn.in_transaction


def test_demo_customers_have_figures_and_cards(demo: Shop) -> None:
    conn = demo.database.connection
    (regular,) = conn.execute(
        "SELECT customer_id FROM purchases GROUP BY customer_id ORDER BY count(*) DESC"
    ).fetchone()
    figures = customer_figures(demo, regular)
    assert figures.summary.visits > 30
    assert figures.summary.favourite_categories
    assert len(cards_for(demo, regular, DEMO_TODAY)) == 2


def test_the_demo_purchases_are_the_same_for_the_same_seed(demo: Shop) -> None:
    again = open_shop(None)
    other = open_shop(None)
    try:
        fill_demo_shop(again, 150, seed=7, today=DEMO_TODAY)
        fill_demo_shop(other, 150, seed=8, today=DEMO_TODAY)
        assert _demo_figures(again) == _demo_figures(demo)
        assert _demo_figures(other) != _demo_figures(demo)
    finally:
        again.close()
        other.close()


def test_a_second_demo_adds_customers_but_no_second_pair_of_stamp_programs(memory_shop: Shop) -> None:
    fill_demo_shop(memory_shop, 20, seed=1, today=DEMO_TODAY)
    fill_demo_shop(memory_shop, 20, seed=2, today=DEMO_TODAY)
    conn = memory_shop.database.connection
    assert conn.execute("SELECT name FROM stamp_programs ORDER BY id").fetchall() == [("Kaffeekarte",), ("Treuekarte",)]
    assert conn.execute("SELECT count(DISTINCT program_id) FROM stamp_events").fetchone() == (2,)
    assert conn.execute("SELECT count(DISTINCT customer_id) FROM purchases").fetchone()[0] > 20  # both demos bought
