"""Stamp rules as pure functions: what a purchase earns, and where a card stands after any history."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emma.domain.errors import UserError
from emma.domain.stamps import (
    CardLedger,
    EarnRule,
    StampEvent,
    StampEventKind,
    StampProgram,
    add_months,
    balance,
    card_started_on,
    card_state,
    check_correction,
    expiry_of,
    lapsed_stamps,
    reversal_stamps,
    taken_back,
)

K = StampEventKind
START = date(2024, 1, 31)
COFFEE = StampProgram("Kaffeekarte", 10, "1 Kaffee gratis", EarnRule.PER_VISIT, categories=("Kaffee",))
LOYALTY = StampProgram("Treuekarte", 10, "5 € Rabatt", EarnRule.PER_AMOUNT, step_cents=1000, cap_per_purchase=5)


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour))


def _event(kind: StampEventKind, stamps: int, day: date, purchase_id: int | None = None) -> StampEvent:
    return StampEvent(kind, stamps, _at(day), purchase_id)


# --- what a purchase earns -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minimum", "amount", "stamps"),
    [(0, 1, 1), (0, 0, 0), (500, 499, 0), (500, 500, 1), (500, 100_000, 1)],
)
def test_per_visit_earns_one_stamp_from_the_minimum_on(minimum: int, amount: int, stamps: int) -> None:
    program = StampProgram("Besuch", 10, "Rabatt", EarnRule.PER_VISIT, min_amount_cents=minimum)
    assert program.stamps_for(amount, ()) == stamps


@pytest.mark.parametrize(
    ("cap", "amount", "stamps"),
    [
        (None, 999, 0),
        (None, 1000, 1),
        (None, 2599, 2),
        (None, 123_456, 123),
        (5, 4999, 4),
        (5, 5000, 5),
        (5, 99_999, 5),
    ],
)
def test_per_amount_earns_one_stamp_per_full_step_up_to_the_cap(cap: int | None, amount: int, stamps: int) -> None:
    program = replace(LOYALTY, cap_per_purchase=cap)
    assert program.stamps_for(amount, ["Wein"]) == stamps


@pytest.mark.parametrize(
    ("items", "stamps"),
    [
        (["Kaffee"], 1),
        (["kaffee"], 1),  # folded: case does not matter
        (["Brot", "KAFFEE"], 1),
        (["Brot"], 0),
        ([], 0),
    ],
)
def test_a_card_for_chosen_categories_counts_only_those(items: list[str], stamps: int) -> None:
    assert COFFEE.stamps_for(350, items) == stamps


def test_categories_are_folded_on_both_sides() -> None:
    cheese = StampProgram("Käsekarte", 5, "1 Stück gratis", categories=("käse",))
    assert cheese.stamps_for(800, ["KÄSE"]) == 1
    assert cheese.stamps_for(800, ["Kaese"]) == 1


def test_a_paused_program_earns_nothing() -> None:
    for program in (COFFEE, LOYALTY, StampProgram("Besuch", 10, "Rabatt")):
        paused = replace(program, active=False)
        assert paused.stamps_for(100_000, ["Kaffee"]) == 0


@given(
    st.integers(min_value=0, max_value=10_000_000),
    st.integers(min_value=1, max_value=100_000),
    st.one_of(st.none(), st.integers(min_value=1, max_value=100)),
)
def test_per_amount_is_the_floor_of_the_amount_over_the_step_capped(amount: int, step: int, cap: int | None) -> None:
    program = replace(LOYALTY, step_cents=step, cap_per_purchase=cap)
    stamps = program.stamps_for(amount, ())
    assert 0 <= stamps <= amount // step
    assert stamps == (min(amount // step, cap) if cap else amount // step)


def test_program_problems_name_the_fields() -> None:
    bad = StampProgram(" ", 0, "", EarnRule.PER_AMOUNT, min_amount_cents=-1, cap_per_purchase=0, validity_months=0)
    assert set(bad.problems()) == {
        "name",
        "required",
        "reward",
        "step_cents",
        "min_amount_cents",
        "cap_per_purchase",
        "validity_months",
    }
    assert COFFEE.problems() == {} == LOYALTY.problems()
    assert replace(COFFEE, required=101).problems().keys() == {"required"}
    assert replace(COFFEE, validity_months=121).problems().keys() == {"validity_months"}


# --- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 11, 30), 2, date(2026, 1, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 5, 10), 120, date(2035, 5, 10)),
        (date(2025, 1, 31), 0, date(2025, 1, 31)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=0, max_value=120))
def test_add_months_lands_in_the_right_month_on_the_same_day_or_the_months_last(day: date, months: int) -> None:
    later = add_months(day, months)
    assert later.year * 12 + later.month == day.year * 12 + day.month + months
    last = calendar.monthrange(later.year, later.month)[1]
    assert later.day == min(day.day, last)
    assert later >= day


def test_a_card_starts_with_its_first_stamp_and_expires_n_months_later() -> None:
    program = replace(LOYALTY, validity_months=12)
    events = [_event(K.EARNED, 2, date(2025, 1, 31), 1), _event(K.EARNED, 3, date(2025, 6, 1), 2)]
    assert card_started_on(events) == date(2025, 1, 31)
    state = card_state(program, events, date(2025, 6, 1))
    assert (state.stamps, state.started_on, state.expires_on) == (5, date(2025, 1, 31), date(2026, 1, 31))
    assert lapsed_stamps(program, events, date(2026, 1, 31)) is None  # the last valid day
    assert lapsed_stamps(program, events, date(2026, 2, 1)) == (5, date(2026, 1, 31))
    lapsed = card_state(program, events, date(2026, 2, 1))
    assert (lapsed.stamps, lapsed.started_on, lapsed.expires_on, lapsed.reward_ready) == (0, None, None, False)


def test_a_card_without_validity_never_expires() -> None:
    events = [_event(K.EARNED, 4, date(2000, 1, 1), 1)]
    assert lapsed_stamps(LOYALTY, events, date(2090, 1, 1)) is None
    assert card_state(LOYALTY, events, date(2090, 1, 1)).stamps == 4
    assert expiry_of(LOYALTY, date(2000, 1, 1)) is None


def test_after_a_redemption_with_carry_over_the_new_card_starts_at_the_redemption() -> None:
    program = replace(LOYALTY, validity_months=6)
    events = [
        _event(K.EARNED, 5, date(2025, 1, 10), 1),
        _event(K.EARNED, 5, date(2025, 2, 10), 2),
        _event(K.EARNED, 3, date(2025, 3, 10), 3),
    ]
    full = card_state(program, events, date(2025, 3, 10))
    assert (full.stamps, full.on_card, full.missing, full.reward_ready) == (13, 10, 0, True)
    events.append(_event(K.REDEEMED, -10, date(2025, 4, 2)))
    state = card_state(program, events, date(2025, 4, 2))
    assert (state.stamps, state.started_on, state.expires_on) == (3, date(2025, 4, 2), date(2025, 10, 2))
    assert not state.reward_ready
    assert state.missing == 7


def test_a_card_redeemed_to_zero_has_no_start_and_the_next_stamp_starts_a_new_one() -> None:
    events = [_event(K.EARNED, 10, date(2025, 1, 10), 1), _event(K.REDEEMED, -10, date(2025, 2, 1))]
    assert card_started_on(events) is None
    events.append(_event(K.EARNED, 1, date(2025, 3, 1), 2))
    assert card_started_on(events) == date(2025, 3, 1)


def test_an_expiry_empties_the_card_and_the_next_stamp_starts_a_new_one() -> None:
    program = replace(LOYALTY, validity_months=12)
    events = [_event(K.EARNED, 4, date(2024, 10, 1), 1)]
    stamps, expired_on = lapsed_stamps(program, events, date(2025, 11, 1))
    events.append(StampEvent(K.EXPIRED, -stamps, _at(expired_on, 23)))
    events.append(_event(K.EARNED, 2, date(2025, 11, 1), 2))
    state = card_state(program, events, date(2025, 11, 1))
    assert (state.stamps, state.started_on, state.expires_on) == (2, date(2025, 11, 1), date(2026, 11, 1))


def test_taken_back_never_exceeds_what_was_earned_or_what_the_card_holds() -> None:
    assert taken_back(3, 10) == 3
    assert taken_back(3, 2) == 2
    assert taken_back(3, 0) == 0
    assert taken_back(3, -1) == 0


def test_a_reversal_takes_back_what_its_purchase_earned_while_that_card_holds_it() -> None:
    program = replace(LOYALTY, validity_months=12)
    events = [_event(K.EARNED, 5, date(2025, 1, 10), 1), _event(K.EARNED, 4, date(2025, 2, 10), 2)]
    assert reversal_stamps(events, 1) == 5
    assert reversal_stamps(events, 3) == 0  # earned nothing on this card
    events.append(_event(K.REDEEMED, -8, date(2025, 3, 1)))
    assert reversal_stamps(events, 1) == 1  # a redeemed card: never more than the card holds
    stamps, expired_on = lapsed_stamps(program, events, date(2026, 3, 2))
    events.append(StampEvent(K.EXPIRED, -stamps, _at(expired_on, 23)))
    events.append(_event(K.EARNED, 3, date(2026, 3, 2), 3))
    assert reversal_stamps(events, 1) == 0  # its card expired: the 3 on the card now are another purchase's
    assert reversal_stamps(events, 3) == 3


@pytest.mark.parametrize(
    ("stamps", "reason", "current"),
    [(0, "Versehen", 5), (1, "", 5), (-1, "   ", 5), (-6, "Versehen", 5), (-1, "Versehen", 0)],
)
def test_a_correction_needs_stamps_a_reason_and_cannot_go_below_zero(stamps: int, reason: str, current: int) -> None:
    with pytest.raises(UserError):
        check_correction(stamps, reason, current)


def test_a_correction_down_to_zero_is_allowed() -> None:
    check_correction(-5, "Karte verloren", 5)
    check_correction(3, "Stempel vergessen", 0)


# --- any history: the property ---------------------------------------------------------------------------

OPERATIONS = st.one_of(
    st.tuples(st.just("earn"), st.integers(min_value=0, max_value=30_000), st.sampled_from([(), ("Kaffee",)])),
    st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=50)),
    st.tuples(st.just("correct"), st.integers(min_value=-12, max_value=12)),
    st.tuples(st.just("redeem")),
    st.tuples(st.just("transfer"), st.integers(min_value=1, max_value=100)),
    st.tuples(st.just("wait"), st.integers(min_value=1, max_value=500)),
)
PROGRAMS = st.builds(
    StampProgram,
    name=st.just("Karte"),
    required=st.integers(min_value=1, max_value=15),
    reward=st.just("Geschenk"),
    rule=st.sampled_from(EarnRule),
    min_amount_cents=st.integers(min_value=0, max_value=2000),
    step_cents=st.integers(min_value=100, max_value=2000),
    cap_per_purchase=st.one_of(st.none(), st.integers(min_value=1, max_value=8)),
    categories=st.sampled_from([(), ("kaffee",)]),
    validity_months=st.one_of(st.none(), st.integers(min_value=1, max_value=14)),
)


@dataclass
class Card:
    """The test's own bookkeeping of one card, kept apart from the domain's, to compare with it."""

    program: StampProgram
    today: date = START
    events: list[StampEvent] = field(default_factory=list)
    stamps: int = 0
    started: date | None = None
    earned: dict[int, int] = field(default_factory=dict)  # purchase id → stamps, until reversed
    moved: dict[StampEventKind, int] = field(default_factory=lambda: dict.fromkeys(StampEventKind, 0))

    def book(self, kind: StampEventKind, stamps: int, purchase_id: int | None = None) -> None:
        before = self.stamps
        self.events.append(StampEvent(kind, stamps, _at(self.today), purchase_id))
        self.stamps += stamps
        self.moved[kind] += stamps
        if self.stamps == 0:
            self.started = None
        elif before == 0 or kind is K.REDEEMED:
            self.started = self.today

    def expire_if_lapsed(self) -> None:
        """What every service does first: book the expiry of a card that ran out."""
        lapsed = lapsed_stamps(self.program, self.events, self.today)
        validity = self.program.validity_months
        ran_out = validity is not None and self.started is not None and self.today > add_months(self.started, validity)
        assert (lapsed is not None) == (ran_out and self.stamps > 0)
        if lapsed is not None:
            stamps, expired_on = lapsed
            assert stamps == self.stamps
            assert expired_on == add_months(self.started, validity) < self.today
            self.events.append(StampEvent(K.EXPIRED, -stamps, _at(expired_on, 23)))
            self.stamps = 0
            self.started = None
            self.moved[K.EXPIRED] -= stamps
            self.earned = dict.fromkeys(self.earned, 0)  # what earlier purchases earned is gone with the card


@settings(max_examples=250, deadline=None)
@given(PROGRAMS, st.lists(OPERATIONS, max_size=40))
def test_stamps_are_never_lost_duplicated_or_negative(program: StampProgram, operations: list[tuple]) -> None:
    card = Card(program)
    next_purchase = 1
    for operation in operations:
        name, *args = operation
        if name == "wait":
            card.today += timedelta(days=args[0])
            continue
        card.expire_if_lapsed()
        assert card_state(program, card.events, card.today).stamps == card.stamps == balance(card.events)
        if name == "earn":
            amount, items = args
            earned = program.stamps_for(amount, items)
            assert earned >= 0
            if earned:
                card.book(K.EARNED, earned, next_purchase)
                card.earned[next_purchase] = earned
            next_purchase += 1
        elif name == "reverse" and card.earned:
            purchase_id = sorted(card.earned)[args[0] % len(card.earned)]
            stamps = reversal_stamps(card.events, purchase_id)
            assert stamps == min(card.earned.pop(purchase_id), card.stamps)
            assert 0 <= stamps <= card.stamps
            if stamps:
                card.book(K.REVERSED, -stamps, purchase_id)
        elif name == "correct":
            (stamps,) = args
            if stamps == 0 or card.stamps + stamps < 0:
                with pytest.raises(UserError):
                    check_correction(stamps, "Versehen", card.stamps)
            else:
                check_correction(stamps, "Versehen", card.stamps)
                card.book(K.CORRECTED, stamps)
        elif name == "redeem":
            state = card_state(program, card.events, card.today)
            if state.reward_ready:
                before = card.stamps
                card.book(K.REDEEMED, -program.required)
                assert card.stamps == before - program.required  # the stamps over a full card carry over
            else:
                assert card.stamps < program.required
        elif name == "transfer":
            card.book(K.TRANSFERRED, args[0])

        state = card_state(program, card.events, card.today)
        ledger = CardLedger(card.events)
        assert ledger.balance == balance(card.events) == state.stamps == card.stamps >= 0
        assert sum(card.moved.values()) == card.stamps  # every stamp in is out again or still on the card
        assert card.moved[K.REVERSED] <= 0 and card.moved[K.REDEEMED] <= 0 and card.moved[K.EXPIRED] <= 0
        assert ledger.started_on == state.started_on == card.started
        assert (state.started_on is None) == (state.stamps == 0)
        assert state.expires_on == expiry_of(program, card.started)
        assert state.on_card == min(card.stamps, program.required)
        assert state.reward_ready == (card.stamps >= program.required)
        assert state.missing == max(program.required - card.stamps, 0)
    # stamps earned by a purchase are taken back at most once
    reversed_purchases = [event.purchase_id for event in card.events if event.kind is K.REVERSED]
    assert len(reversed_purchases) == len(set(reversed_purchases))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=20),
    st.integers(min_value=1, max_value=12),
)
def test_redeeming_full_cards_keeps_the_carry_over(earnings: list[int], required: int) -> None:
    program = replace(LOYALTY, required=required)
    events: list[StampEvent] = []
    day = START
    redeemed = 0
    for stamps in earnings:
        day += timedelta(days=1)
        events.append(_event(K.EARNED, stamps, day, len(events)))
        while card_state(program, events, day).reward_ready:
            events.append(_event(K.REDEEMED, -required, day))
            redeemed += 1
    assert redeemed == sum(earnings) // required
    assert card_state(program, events, day).stamps == sum(earnings) % required


def test_thirteen_of_ten_leaves_three() -> None:
    events = [_event(K.EARNED, 13, START, 1)]
    assert card_state(LOYALTY, events, START).reward_ready
    events.append(_event(K.REDEEMED, -LOYALTY.required, START))
    assert card_state(LOYALTY, events, START).stamps == 3
