"""The customer: what she is found by, how she sorts, how her tags are read."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emma.domain.customer import Customer, Preferences, Salutation, parse_tags, query_words, sort_key_of
from emma.domain.folding import fold, strip_accents

PROPERTY = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def test_search_terms_cover_names_email_phone_and_postal_code() -> None:
    customer = Customer(
        title="Dr.",
        first_name="Anne-Marie",
        last_name="Müller-Lüdenscheidt",
        email="A.Mueller@Example.DE",
        phone="+49 (170) 123-4567",
        postal_code="80 331",
        street="Hauptstraße 1",
        city="München",
    )
    assert customer.search_terms() == {
        "dr",
        "anne",
        "marie",
        "muller",
        "ludenscheidt",
        "a.muller@example.de",
        "a",
        "491701234567",
        "01701234567",
        "80331",
    }


def test_street_and_city_are_not_search_terms() -> None:
    terms = Customer(last_name="Nüßlein", street="Nürnberger Straße 3", city="Nürnberg").search_terms()
    assert terms == {"nusslein"}


@pytest.mark.parametrize(
    ("phone", "local"),
    [
        ("+43 664 1234567", "06641234567"),
        ("+41 79 123 45 67", "0791234567"),
        ("+49 (0)170 1234567", "01701234567"),
        ("0049 170 1234567", "01701234567"),
    ],
)
def test_phone_with_country_code_is_also_found_by_its_national_form(phone: str, local: str) -> None:
    assert local in Customer(last_name="Huber", phone=phone).search_terms()


def test_empty_fields_add_no_terms() -> None:
    assert Customer(first_name="Anna").search_terms() == {"anna"}
    assert Customer(first_name="Anna", phone="--", postal_code=" ").search_terms() == {"anna"}


def test_o_brien_is_found_with_and_without_the_apostrophe() -> None:
    assert {"obrien", "brien", "siobhan"} == Customer(first_name="Siobhán", last_name="O'Brien").search_terms()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Anna Mül", ["anna", "mul"]),
        ("  müller,anna ", ["muller", "anna"]),
        ("O'Brien", ["obrien", "brien"]),
        ("0170 123 45", ["017012345"]),
        ("+49 (170) 12-3", ["49170123"]),
        ("80 331", ["80331"]),
        ("A.Schmidt@Example.DE", ["a.schmidt@example.de"]),
        ("anna a.schmidt@ex", ["anna", "a.schmidt@ex"]),
        ("anna 0170", ["anna", "0170"]),
        ("", []),
        (" - / ", []),
    ],
)
def test_query_words(text: str, words: list[str]) -> None:
    assert query_words(text) == words


PHONE = st.text(st.sampled_from(list("0123456789 /-()")), min_size=4, max_size=18).filter(
    lambda phone: sum(ch.isdigit() for ch in phone) >= 4
)
EMAIL = st.builds(
    "{}@{}.{}".format,
    st.text(st.sampled_from(list("abcäöüABC.+_-0123")), min_size=1, max_size=8),
    st.text(st.sampled_from(list("abcdeäö-")), min_size=1, max_size=8),
    st.sampled_from(["de", "at", "ch", "com"]),
)
LETTERS = st.text(st.sampled_from(list("aAäÄeoOöuUüÜßzZłŁđ '-")), max_size=12)


@PROPERTY
@given(
    first=LETTERS,
    last=LETTERS,
    phone=st.one_of(st.just(""), PHONE, PHONE.map(lambda phone: "+49 " + phone.lstrip("0"))),
    email=st.one_of(st.just(""), EMAIL),
    field=st.sampled_from(["first_name", "last_name", "phone", "email", "full_name"]),
    cut=st.integers(0, 30),
)
def test_whatever_start_of_her_data_is_typed_finds_her(
    first: str, last: str, phone: str, email: str, field: str, cut: int
) -> None:
    """Every word of the search must start one of her terms: the promise prefix search rests on."""
    customer = Customer(first_name=first, last_name=last, phone=phone, email=email)
    typed = getattr(customer, field)[:cut]
    terms = customer.search_terms()
    for word in query_words(typed):
        assert any(term.startswith(word) for term in terms), (typed, word, terms)


def test_names_and_sort_key() -> None:
    anna = Customer(title="Dr.", first_name="Anna", last_name="Müller")
    assert anna.full_name == "Dr. Anna Müller"
    assert anna.list_name == "Müller, Anna"
    assert Customer(first_name="Anna").list_name == "Anna"
    assert Customer(last_name="Müller").list_name == "Müller"
    assert anna.sort_key() == sort_key_of("Anna", "Müller") == "muller\x1fanna"


def test_sort_order_is_by_last_name_then_first_with_umlauts_among_base_letters() -> None:
    names = [("Zoe", "Mahler"), ("Anna", "Müller"), ("Ömer", "Muller"), ("Bernd", "Müller"), ("Anna", "Mayer"),
             ("Jürgen", "Ábel"), ("Paul", "Muster"), ("Anna", "Müll")]  # fmt: skip
    ordered = sorted(names, key=lambda name: sort_key_of(*name))
    assert ordered == [("Jürgen", "Ábel"), ("Zoe", "Mahler"), ("Anna", "Mayer"), ("Anna", "Müll"),
                       ("Anna", "Müller"), ("Bernd", "Müller"), ("Ömer", "Muller"), ("Paul", "Muster")]  # fmt: skip


def test_sort_key_ignores_surrounding_blanks_as_the_store_does() -> None:
    assert sort_key_of(" Anna ", "  Zimmer") == sort_key_of("Anna", "Zimmer")


NAME = st.text(st.sampled_from(list("aAäÄbeEoOöÖuUüÜßzZ -'")), max_size=8)


@PROPERTY
@given(st.lists(st.tuples(NAME, NAME), max_size=12))
def test_sort_key_orders_like_last_name_then_first_name(names: list[tuple[str, str]]) -> None:
    # "Ann, Zoe" before "Anna, Berta": the separator sorts below every letter.
    by_key = sorted(names, key=lambda name: sort_key_of(*name))
    by_parts = sorted(names, key=lambda name: (strip_accents(name[1].strip()), strip_accents(name[0].strip())))
    assert [sort_key_of(*name) for name in by_key] == [sort_key_of(*name) for name in by_parts]


def test_preferences_items_in_kind_order_and_typed_order() -> None:
    preferences = Preferences(likes=("Riesling", "Bergkäse"), allergies=("Nüsse",), brands=("Zotter",))
    assert preferences.items() == [
        ("likes", "Riesling"),
        ("likes", "Bergkäse"),
        ("allergies", "Nüsse"),
        ("brands", "Zotter"),
    ]
    assert not preferences.is_empty()
    assert Preferences().is_empty()
    assert Preferences.kinds() == ("likes", "dislikes", "allergies", "sizes", "favourites", "brands")
    assert all(Preferences.kind_label(kind) for kind in Preferences.kinds())


def test_labels_exist_for_every_salutation() -> None:
    assert len({salutation.label() for salutation in Salutation}) == len(Salutation)


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Rotwein, Riesling; glutenfrei", ("Rotwein", "Riesling", "glutenfrei")),
        ("  Grüner   Tee ,, ; ", ("Grüner Tee",)),
        ("Käse\nKaese\nkäse\nBrot", ("Käse", "Brot")),
        ("Sekt,sekt,SEKT", ("Sekt",)),
        ("", ()),
        (" , ; \n", ()),
        ("Bio-Wein", ("Bio-Wein",)),
    ],
)
def test_parse_tags(text: str, tags: tuple[str, ...]) -> None:
    assert parse_tags(text) == tags


@PROPERTY
@given(st.lists(st.text(st.characters(blacklist_characters=",;\n"), max_size=12), max_size=8))
def test_parse_tags_keeps_order_and_drops_only_repeats(raw: list[str]) -> None:
    tags = parse_tags(", ".join(raw))
    assert len({fold(tag) for tag in tags}) == len(tags)
    assert all(tag == " ".join(tag.split()) and tag for tag in tags)
    cleaned = [" ".join(item.split()) for item in raw if item.split()]
    # every cleaned item is there (or a folded twin of it), first occurrences in order
    firsts: list[str] = []
    for item in cleaned:
        if fold(item) not in {fold(tag) for tag in firsts}:
            firsts.append(item)
    assert list(tags) == firsts


def test_a_local_number_that_starts_like_a_country_code_gets_no_national_form() -> None:
    terms = Customer(last_name="Huber", phone="4912 345").search_terms()
    assert "4912345" in terms
    assert "012345" not in terms
