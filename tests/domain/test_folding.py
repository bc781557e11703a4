"""Folding names into search keys: what the owner types must find what was stored."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emma.domain.folding import fold, fold_words, prefix_upper_bound, strip_accents

# The autouse fixtures of tests/conftest.py only set the language and the environment: safe to share.
PROPERTY = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)

# Text as names are really typed, with the letters that need special care, and any text at all.
NAME_ALPHABET = st.sampled_from(list("aeiouAEOUäöüÄÖÜßẞéèçñłŁđĐðøæœıİşŞ'’- .eE"))
NAME_TEXT = st.text(NAME_ALPHABET, max_size=20)
ANY_TEXT = st.text(max_size=30)


@pytest.mark.parametrize("spelling", ["muller", "mueller", "Müller", "MÜLLER", "MUELLER", "Mu\u0308ller"])
def test_spellings_of_mueller_fold_alike(spelling: str) -> None:
    assert fold(spelling) == "muller"


@pytest.mark.parametrize("spelling", ["strasse", "Straße", "STRASSE", "STRAẞE"])
def test_sharp_s_folds_to_ss(spelling: str) -> None:
    assert fold(spelling) == "strasse"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Łukasz Wójcik", ["lukasz", "wojcik"]),
        ("Şahin", ["sahin"]),
        ("Ðorđević", ["dordevic"]),
        ("O'Brien", ["obrien", "brien"]),
        ("O’Brien", ["obrien", "brien"]),
        ("Anne-Marie", ["anne", "marie"]),
        ("Dr. Anna Müller-Lüdenscheidt", ["dr", "anna", "muller", "ludenscheidt"]),
        ("Søren Ærø", ["soren", "aro"]),
        ("  Jürgen   Goethe ", ["jurgen", "gothe"]),
        ("", []),
        ("- , . '", []),
    ],
)
def test_names_give_sensible_words(name: str, words: list[str]) -> None:
    assert list(fold_words(name)) == words


def test_umlaut_spelled_out_after_any_vowel_base() -> None:
    # "ae", "oe", "ue" fold to the base letter (Baecker = Bäcker, Goethe = Göthe) ...
    assert fold("Baecker") == fold("Bäcker") == "backer"
    assert fold("Goethe") == fold("Göthe") == "gothe"
    # ... but "ie" and "ee" are left alone.
    assert fold("Dieter") == "dieter"
    assert fold("Seebach") == "seebach"


def test_strip_accents_keeps_the_e_for_sorting() -> None:
    # DIN 5007-1 sorts ä as a, but "Mueller" stays "mueller" (only the search folds the e away).
    assert strip_accents("Müller") == "muller"
    assert strip_accents("Mueller") == "mueller"
    assert strip_accents("Straße") == "strasse"


def test_compatibility_letters_fold_to_lower_case() -> None:
    # "ℌ" and "™" have no lower case of their own but decompose to capitals.
    assert fold("ℌans") == fold("Hans") == "hans"
    assert fold("Ｍüller") == "muller"
    assert fold("Lindt™") == "lindttm"


def test_prefix_upper_bound_bounds_exactly_the_strings_with_the_prefix() -> None:
    bound = prefix_upper_bound("mul")
    assert bound == "mum"
    assert "mul" < "muller" < "mulzzzz" < bound
    assert bound <= "mumble"  # "mum…" no longer starts with "mul"


@PROPERTY
@given(ANY_TEXT | NAME_TEXT, ANY_TEXT | NAME_TEXT)
def test_fold_of_a_prefix_is_a_prefix_of_the_fold(start: str, rest: str) -> None:
    """What makes prefix search work: typing the start of a name finds the name."""
    assert fold(start + rest).startswith(fold(start))


@PROPERTY
@given(ANY_TEXT | NAME_TEXT, ANY_TEXT | NAME_TEXT)
def test_every_typed_word_is_a_prefix_of_a_stored_word(start: str, rest: str) -> None:
    stored = fold_words(start + rest)
    for typed in fold_words(start):
        assert any(word.startswith(typed) for word in stored), (typed, stored)


@PROPERTY
@given(ANY_TEXT | NAME_TEXT)
def test_fold_is_lower_case_and_ignores_case(text: str) -> None:
    folded = fold(text)
    assert folded == folded.casefold()
    assert fold(text.upper()) == fold(text.lower()) == folded
    assert fold(text.casefold()) == folded


@PROPERTY
@given(ANY_TEXT | NAME_TEXT)
def test_strip_accents_is_idempotent(text: str) -> None:
    assert strip_accents(strip_accents(text)) == strip_accents(text)


@PROPERTY
@given(ANY_TEXT | NAME_TEXT)
def test_words_are_non_empty_folded_and_usable_as_search_bounds(text: str) -> None:
    for word in fold_words(text):
        assert word
        assert not any(ch.isspace() for ch in word)
        bound = prefix_upper_bound(word)
        assert word < bound
        assert word + "\U0010ffff" < bound
        bound.encode("utf-8")  # SQLite must be able to take it
