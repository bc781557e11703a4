"""Amounts as the owner types them at the till become integer cents – or a clear refusal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emma.domain.errors import UserError
from emma.domain.money import MAX_AMOUNT_CENTS, parse_amount


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12,50", 1250),
        ("12.50", 1250),
        ("12", 1200),
        ("1.234,50", 123450),
        ("1 234,50", 123450),
        ("1,234.50", 123450),
        ("12,50 €", 1250),
        ("12,50\u00a0€", 1250),
        ("€ 12,50", 1250),
        ("12,50 EUR", 1250),
        ("12,-", 1200),
        ("12.-", 1200),
        ("0,5", 50),
        ("0,05", 5),
        ("0", 0),
        ("  7  ", 700),
        ("1.234", 123400),  # one group of three after a single dot: thousands, never cents
        ("1'234.50", 123450),  # Swiss
        ("1.000.000", MAX_AMOUNT_CENTS),  # a million is the most a purchase can be
    ],
)
def test_amounts_typed_at_the_till(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("zwölf", "zwölf"),
        ("-3", "negativ"),
        ("-12,50", "negativ"),
        ("", "Betrag"),
        ("   ", "Betrag"),
        ("€", "Betrag"),
        ("12,505", "12,50"),  # 12,50 with a slip – or twelve thousand? Ask.
        ("1,234", "12,50"),
        ("1.23.4", "1.23.4"),
        ("12,5,0", "12,5,0"),
        ("12.", "12."),
        (",50", ",50"),
        ("1e3", "1e3"),
        ("1.000.000,01", "Million"),
        ("1000001", "Million"),
        ("99999999999999999999", "Million"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_a_sentence(text: str, says: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_amount(text)
    assert says.lower() in refused.value.message.lower()
    assert "\n" not in refused.value.message


def _german(cents: int, *, thousands: bool) -> str:
    euros, rest = divmod(cents, 100)
    whole = f"{euros:,}".replace(",", ".") if thousands else str(euros)
    return f"{whole},{rest:02d}"


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_CENTS), st.booleans(), st.sampled_from(["", " €", "\u00a0€"]))
def test_german_formatting_parses_back_to_the_same_cents(cents: int, thousands: bool, currency: str) -> None:
    assert parse_amount(_german(cents, thousands=thousands) + currency) == cents


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_CENTS // 100))
def test_whole_euros_parse_with_and_without_thousands_dots(euros: int) -> None:
    assert parse_amount(str(euros)) == parse_amount(f"{euros:,}".replace(",", ".")) == euros * 100
    assert parse_amount(f"{euros},-") == euros * 100
