"""Stamp cards through the use cases: programs, redeeming, corrections, paper cards, and any mix of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emma.domain.customer import Customer
from emma.domain.errors import UserError, ValidationError
from emma.domain.stamps import EarnRule, StampEventKind, StampProgram
from emma.services.counter import book_purchase, reverse_purchase
from emma.services.customers import save_customer
from emma.services.shop import Shop, open_shop
from emma.services.stamp_cards import (
    MAX_TRANSFER,
    cards_for,
    correct,
    list_programs,
    redeem,
    save_program,
    stamp_history,
    transfer_paper_card,
)
from tests.conftest import NOW, TODAY

K = StampEventKind
CARD = StampProgram("Treuekarte", 10, "5 € Rabatt", EarnRule.PER_AMOUNT, step_cents=1000)


@pytest.fixture
def card(memory_shop: Shop) -> tuple[int, int]:
    """(customer id, program id) of Anna's Treuekarte: one stamp per full 10 €, 10 for a full card."""
    program = save_program(memory_shop, CARD, now=NOW)
    anna = save_customer(memory_shop, Customer(first_name="Anna", last_name="Müller"), now=NOW).id
    return anna, program.id


def _stamps(shop: Shop, customer: int) -> int:
    [state] = cards_for(shop, customer, TODAY)
    return state.stamps


def test_programs_are_checked_saved_and_changed(memory_shop: Shop) -> None:
    with pytest.raises(ValidationError) as refused:
        save_program(memory_shop, replace(CARD, name=" ", step_cents=0), now=NOW)
    assert set(refused.value.problems) == {"name", "step_cents"}
    assert list_programs(memory_shop) == []
    saved = save_program(memory_shop, CARD, now=NOW)
    assert saved.id is not None
    changed = save_program(memory_shop, replace(saved, reward="1 Flasche Sekt", validity_months=6))
    assert list_programs(memory_shop) == [changed]
    with pytest.raises(UserError):
        save_program(memory_shop, replace(saved, id=999))


def test_redeeming_needs_a_full_card_and_keeps_the_carry_over(memory_shop: Shop, card) -> None:
    anna, program = card
    book_purchase(memory_shop, anna, 9000, now=NOW)
    with pytest.raises(UserError, match="1 Stempel"):
        redeem(memory_shop, anna, program, now=NOW)
    assert [e.event.kind for e in stamp_history(memory_shop, anna)] == [K.EARNED]

    book_purchase(memory_shop, anna, 4000, now=NOW)  # 13 of 10
    redeemed_at = NOW + timedelta(minutes=1)
    state = redeem(memory_shop, anna, program, now=redeemed_at)
    assert (state.stamps, state.reward_ready, state.started_on) == (3, False, TODAY)
    assert _stamps(memory_shop, anna) == 3
    last = stamp_history(memory_shop, anna)[-1]
    assert (last.event.kind, last.event.stamps, last.event.at, last.event.reason) == (
        K.REDEEMED,
        -10,
        redeemed_at,
        "5 € Rabatt",
    )
    assert last.event.purchase_id is None  # a redemption earns nothing itself
    with pytest.raises(UserError):
        redeem(memory_shop, anna, program, now=redeemed_at)
    assert _stamps(memory_shop, anna) == 3


def test_redeeming_twice_with_enough_stamps_for_two_cards(memory_shop: Shop, card) -> None:
    anna, program = card
    transfer_paper_card(memory_shop, anna, program, 23, now=NOW)
    assert redeem(memory_shop, anna, program, now=NOW).stamps == 13
    assert redeem(memory_shop, anna, program, now=NOW).stamps == 3


def test_a_correction_needs_a_reason_and_cannot_go_below_zero(memory_shop: Shop, card) -> None:
    anna, program = card
    book_purchase(memory_shop, anna, 3000, now=NOW)
    for stamps, reason in [(1, ""), (-1, "  "), (0, "nichts"), (-4, "zu viel")]:
        with pytest.raises(UserError):
            correct(memory_shop, anna, program, stamps, reason, now=NOW)
    assert _stamps(memory_shop, anna) == 3
    assert correct(memory_shop, anna, program, 2, " Stempel vergessen ", now=NOW).stamps == 5
    assert correct(memory_shop, anna, program, -5, "Karte verloren", now=NOW).stamps == 0
    corrections = [(e.event.stamps, e.event.reason) for e in stamp_history(memory_shop, anna)][1:]
    assert corrections == [(2, "Stempel vergessen"), (-5, "Karte verloren")]
    assert not memory_shop.database.connection.in_transaction


@pytest.mark.parametrize("stamps", [0, -1, MAX_TRANSFER + 1])
def test_a_paper_card_brings_1_to_100_stamps(memory_shop: Shop, card, stamps: int) -> None:
    anna, program = card
    with pytest.raises(UserError, match="100"):
        transfer_paper_card(memory_shop, anna, program, stamps, now=NOW)
    assert stamp_history(memory_shop, anna) == []


def test_a_paper_card_is_taken_over_and_logged(memory_shop: Shop, card) -> None:
    anna, program = card
    assert transfer_paper_card(memory_shop, anna, program, 1, now=NOW).stamps == 1
    state = transfer_paper_card(memory_shop, anna, program, MAX_TRANSFER, now=NOW)
    assert (state.stamps, state.reward_ready, state.started_on) == (101, True, TODAY)
    [first, _second] = stamp_history(memory_shop, anna)
    assert (first.program, first.event.kind, first.event.stamps) == ("Treuekarte", K.TRANSFERRED, 1)
    assert first.event.reason


def test_unknown_customers_and_programs_are_user_errors(memory_shop: Shop, card) -> None:
    anna, program = card
    for customer, program_id in [(4711, program), (anna, 4711)]:
        with pytest.raises(UserError, match="4711"):
            correct(memory_shop, customer, program_id, 1, "Versehen", now=NOW)
        with pytest.raises(UserError, match="4711"):
            redeem(memory_shop, customer, program_id, now=NOW)
        with pytest.raises(UserError, match="4711"):
            transfer_paper_card(memory_shop, customer, program_id, 5, now=NOW)


def test_a_lapsed_card_is_expired_before_a_correction_and_a_redemption(memory_shop: Shop) -> None:
    program = save_program(memory_shop, replace(CARD, validity_months=12), now=NOW)
    anna = save_customer(memory_shop, Customer(last_name="Huber"), now=NOW).id
    long_ago = datetime(2025, 9, 1, 10)
    transfer_paper_card(memory_shop, anna, program.id, 12, now=long_ago)
    with pytest.raises(UserError):  # full once, but expired on 1 Sept 2026
        redeem(memory_shop, anna, program.id, now=NOW)
    assert [e.event.kind for e in stamp_history(memory_shop, anna)] == [K.TRANSFERRED]  # nothing half-booked
    with pytest.raises(UserError):
        correct(memory_shop, anna, program.id, -1, "Versehen", now=NOW)
    state = correct(memory_shop, anna, program.id, 2, "Stempel vergessen", now=NOW)
    assert (state.stamps, state.started_on, state.expires_on) == (2, TODAY, date(2027, 11, 23))
    assert [(e.event.kind, e.event.stamps) for e in stamp_history(memory_shop, anna)] == [
        (K.TRANSFERRED, 12),
        (K.EXPIRED, -12),
        (K.CORRECTED, 2),
    ]


# --- any mix of what happens at the counter --------------------------------------------------------------

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("buy"), st.integers(min_value=0, max_value=6000)),
        st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("correct"), st.integers(min_value=-6, max_value=6)),
        st.tuples(st.just("redeem")),
        st.tuples(st.just("transfer"), st.integers(min_value=1, max_value=12)),
        st.tuples(st.just("wait"), st.integers(min_value=1, max_value=400)),
    ),
    max_size=25,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ACTIONS, st.one_of(st.none(), st.integers(min_value=1, max_value=12)))
def test_the_ledger_stays_whole_whatever_happens_at_the_counter(actions: list[tuple], validity: int | None) -> None:
    shop = open_shop(None)
    try:
        program = save_program(shop, replace(CARD, required=5, validity_months=validity), now=NOW)
        anna = save_customer(shop, Customer(last_name="Huber"), now=NOW).id
        now = datetime(2023, 1, 2, 9)
        booked: list[int] = []
        for name, *args in actions:
            now += timedelta(hours=1)
            try:
                if name == "buy":
                    booked.append(book_purchase(shop, anna, args[0], now=now).purchase_id)
                elif name == "reverse" and booked:
                    reverse_purchase(shop, booked.pop(args[0] % len(booked)), "Irrtum", now=now)
                elif name == "correct":
                    correct(shop, anna, program.id, args[0], "Versehen", now=now)
                elif name == "redeem":
                    redeem(shop, anna, program.id, now=now)
                elif name == "transfer":
                    transfer_paper_card(shop, anna, program.id, args[0], now=now)
                elif name == "wait":
                    now += timedelta(days=args[0])
            except UserError:
                pass
            assert not shop.database.connection.in_transaction
            events = [entry.event for entry in stamp_history(shop, anna)]
            running = 0
            for event in sorted(events, key=lambda event: event.id):
                running += event.stamps
                assert running >= 0, events
            [state] = cards_for(shop, anna, now.date())
            assert 0 <= state.stamps <= running
            assert state.stamps in (0, running)  # a lapsed card shows empty until its expiry is booked
            reversed_ids = [e.purchase_id for e in events if e.kind is K.REVERSED]
            assert len(reversed_ids) == len(set(reversed_ids))
            for event in events:
                if event.kind is K.REVERSED:
                    earns = [e for e in events if e.kind is K.EARNED and e.purchase_id == event.purchase_id]
                    assert 0 < -event.stamps <= sum(e.stamps for e in earns)
                    # stamps that expired with their card are not taken a second time from a later card
                    assert not any(e.kind is K.EXPIRED and earns[0].id < e.id < event.id for e in events)
                if event.kind is K.REDEEMED:
                    assert event.stamps == -5
    finally:
        shop.close()
