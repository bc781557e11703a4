"""Segments against hand-computed cases, and the properties every segmentation must have."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from emma.domain.segments import (
    Figures,
    Phase,
    Quadrant,
    RfmGroup,
    abc_classes,
    phase_of,
    portfolio,
    quintiles,
    rfm_group,
    rfm_scores,
)

ON = date(2026, 6, 1)


def test_abc_by_hand() -> None:
    # 1000 in total: 500 + 300 reach 80 % (A), the next 150 reach 95 % (B), the rest C; nothing bought is C.
    revenues = {1: 500, 2: 300, 3: 150, 4: 30, 5: 20, 6: 0}
    assert abc_classes(revenues) == {1: "A", 2: "A", 3: "B", 4: "C", 5: "C", 6: "C"}
    assert abc_classes({1: 900, 2: 100}) == {1: "A", 2: "B"}  # the one who crosses 80 % is still A
    assert abc_classes({}) == {}


@given(st.dictionaries(st.integers(1, 10_000), st.integers(0, 10**7), max_size=300))
def test_abc_partitions_the_customers_and_a_is_worth_most(revenues: dict[int, int]) -> None:
    classes = abc_classes(revenues)
    assert set(classes) == set(revenues) and set(classes.values()) <= {"A", "B", "C"}
    shares = {name: sum(revenues[c] for c, k in classes.items() if k == name) for name in "ABC"}
    assert sum(shares.values()) == sum(revenues.values())  # the revenue shares add up to 100 %
    lowest_a = min((revenues[c] for c, k in classes.items() if k == "A"), default=None)
    highest_c = max((revenues[c] for c, k in classes.items() if k == "C"), default=None)
    if lowest_a is not None and highest_c is not None:
        assert lowest_a >= highest_c


@given(st.dictionaries(st.integers(1, 1000), st.integers(-50, 50), min_size=1, max_size=200))
def test_quintiles_are_1_to_5_and_keep_the_order(values: dict[int, int]) -> None:
    scores = quintiles(values)
    assert set(scores.values()) <= {1, 2, 3, 4, 5}
    for a in values:
        for b in values:
            if values[a] < values[b]:
                assert scores[a] <= scores[b]
            if values[a] == values[b]:
                assert scores[a] == scores[b]


def test_quintiles_by_hand() -> None:
    assert quintiles({n: n for n in range(10)}) == {0: 1, 1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 4, 7: 4, 8: 5, 9: 5}


def test_rfm_groups() -> None:
    assert rfm_group(5, 5, 5) == RfmGroup.CHAMPIONS
    assert rfm_group(1, 5, 5) == RfmGroup.CANNOT_LOSE
    assert rfm_group(2, 3, 1) == RfmGroup.AT_RISK
    assert rfm_group(3, 4, 2) == RfmGroup.LOYAL
    assert rfm_group(5, 1, 1) == RfmGroup.NEW
    assert rfm_group(1, 1, 1) == RfmGroup.LOST
    assert rfm_group(2, 2, 2) == RfmGroup.HIBERNATING


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_every_score_has_a_group(r: int, f: int, m: int) -> None:
    assert rfm_group(r, f, m) in set(RfmGroup) - {RfmGroup.NO_PURCHASES}


def test_rfm_scores_only_for_buyers() -> None:
    figures = [Figures(1, 1000, 5, ON - timedelta(days=2)), Figures(2, 100, 1, ON - timedelta(days=200)),
               Figures(3)]  # fmt: skip
    scores = rfm_scores(figures, ON)
    assert set(scores) == {1, 2}
    assert scores[1][0] > scores[2][0] and scores[1][1] > scores[2][1] and scores[1][2] > scores[2][2]


def _visits(first_days_ago: int, last_days_ago: int, visits: int, usual: int | None = None) -> Figures:
    return Figures(1, first_visit=ON - timedelta(days=first_days_ago), last_visit=ON - timedelta(days=last_days_ago),
                   visits=visits, usual_days=usual)  # fmt: skip


def test_phases() -> None:
    assert phase_of(Figures(1), ON) is Phase.NO_PURCHASES
    assert phase_of(_visits(10, 10, 1), ON) is Phase.NEW
    assert phase_of(_visits(60, 60, 1), ON) is Phase.POST_PURCHASE
    assert phase_of(_visits(300, 5, 20, usual=14), ON) is Phase.REGULAR
    assert phase_of(_visits(300, 40, 20, usual=14), ON) is Phase.LAPSING  # more than twice 14 days, at least 30
    assert phase_of(_visits(900, 400, 20, usual=14), ON) is Phase.LOST


def test_portfolio_quadrants_by_the_median() -> None:
    figures = [Figures(1, 1000, 10), Figures(2, 1000, 1), Figures(3, 10, 10), Figures(4, 10, 1), Figures(5)]
    assert portfolio(figures) == {1: Quadrant.STARS, 2: Quadrant.BIG_SPENDERS, 3: Quadrant.LOYAL_SMALL,
                                  4: Quadrant.OCCASIONAL}  # fmt: skip


def test_the_pareto_curve_by_hand() -> None:
    from emma.domain.segments import pareto_curve

    # Four customers, two of them bought: 300 and 100 of 400.
    assert pareto_curve([100, 300], 4, points=4) == [(0.0, 0.0), (25.0, 75.0), (50.0, 100.0), (75.0, 100.0),
                                                     (100.0, 100.0)]  # fmt: skip
    assert pareto_curve([], 3) == [(0.0, 0.0), (100 / 3, 0.0), (200 / 3, 0.0), (100.0, 0.0)]
    assert pareto_curve([], 0) == [(0.0, 0.0), (100.0, 0.0)]


@given(revenues=st.lists(st.integers(0, 10_000), max_size=300), others=st.integers(0, 300),
       points=st.integers(1, 250))  # fmt: skip
def test_the_pareto_curve_rises_from_nothing_to_everything(revenues: list[int], others: int, points: int) -> None:
    from emma.domain.segments import pareto_curve

    curve = pareto_curve(revenues, len(revenues) + others, points=points)
    assert curve[0] == (0.0, 0.0) and curve[-1][0] == 100.0
    assert curve[-1][1] == (100.0 if sum(revenues) else 0.0)
    assert all(a[0] < b[0] and a[1] <= b[1] + 1e-9 for a, b in itertools.pairwise(curve))
    assert len(curve) <= points + 2 or len(curve) <= len(revenues) + others + 2
