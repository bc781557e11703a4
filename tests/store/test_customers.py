"""The customer file in SQLite: saving every character, finding by prefix, paging in name order."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday
from emma.domain.customer import AddressForm, Consent, Customer, Preferences, Salutation, query_words
from emma.services.shop import Shop
from emma.store import customer_search
from emma.store import customers as store
from emma.store.database import Database, open_database
from tests.store.shop_files import write_database

NOW = datetime(2026, 11, 23, 10, 30)
PROPERTY = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None, max_examples=60
)

NAMES = [
    ("Anna", "Müller"),
    ("Łukasz", "Wójcik"),
    ("Elif", "Şahin"),
    ("Dragan", "Ðorđević"),
    ("Siobhán", "O'Brien"),
    ("Anne-Marie", "Dubois-Lefèvre"),
    ("Jürgen", "Straßmann"),
    ("Zoë", "Ærøskøbing"),
    ("Anna", "Mueller"),
    ("", "Nüßlein"),
    ("Yuki", ""),
]


def _customer(first: str, last: str, **fields) -> Customer:
    return Customer(first_name=first, last_name=last, **fields)


def _everyone(database: Database, text: str = "", *, page: int = 1000, archived: bool = False) -> list[int]:
    found = []
    after = None
    while True:
        rows = customer_search.search(database, text, limit=page, after=after, archived=archived)
        found.extend(rows)
        if len(rows) < page:
            return [row.id for row in found]
        after = (rows[-1].sort_key, rows[-1].id)


def _ids_named(database: Database, text: str, *, archived: bool = False) -> set[int]:
    return set(_everyone(database, text, archived=archived))


# --- saving and reading back ------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "last"), NAMES)
def test_a_customer_comes_back_exactly_as_saved(shop: Shop, first: str, last: str) -> None:
    customer = Customer(
        salutation=Salutation.DIVERS,
        title="Prof. Dr.",
        first_name=first,
        last_name=last,
        street="Königstraße 12 ½",
        postal_code="70173",
        city="Stuttgart-Bad Cannstatt",
        country="DE",
        phone="+49 (711) 123-456",
        email="anna.müller@example.de",
        birthday=Birthday(2, 29),
        customer_since=date(2019, 5, 4),
        address_form=AddressForm.DU,
        preferences=Preferences(
            likes=("Zotter", "Riesling", "Bergkäse", "Äpfel"),
            dislikes=("Koriander",),
            allergies=("Nüsse", "Laktose"),
            sizes=("M", "38"),
            favourites=("Grüner Tee",),
            brands=("Lindt", "Dallmayr"),
        ),
        notes="Mag 🍷 und 🧀.\nZweite Zeile\twith a tab – und „Anführungszeichen“ ‚so‘ \x00 nul.",
        consent=Consent(postal_mail=False, postal_objected_on=date(2024, 1, 31), email=True),
        archived=False,
    )
    customer_id = store.add(shop.database, customer, now=NOW)
    assert store.get(shop.database, customer_id) == replace(customer, id=customer_id)


def test_defaults_round_trip(memory_shop: Shop) -> None:
    customer = Customer(last_name="Huber")
    customer_id = store.add(memory_shop.database, customer, now=NOW)
    assert store.get(memory_shop.database, customer_id) == replace(customer, id=customer_id)


def test_birthdays_with_and_without_year_round_trip(memory_shop: Shop) -> None:
    for birthday in [Birthday(7, 3, 1965), Birthday(12, 31), Birthday(2, 29, 1964), None]:
        customer_id = store.add(memory_shop.database, Customer(last_name="Huber", birthday=birthday), now=NOW)
        saved = store.get(memory_shop.database, customer_id)
        assert saved is not None
        assert saved.birthday == birthday


def test_names_are_stored_trimmed_and_sorted_by_the_trimmed_name(memory_shop: Shop) -> None:
    zimmer = store.add(memory_shop.database, _customer("  Anna ", "  Zimmer "), now=NOW)
    adam = store.add(memory_shop.database, _customer("Berta", "Adam"), now=NOW)
    saved = store.get(memory_shop.database, zimmer)
    assert saved is not None
    assert (saved.first_name, saved.last_name) == ("Anna", "Zimmer")
    assert _everyone(memory_shop.database) == [adam, zimmer]


def test_an_unknown_id_reads_as_none(memory_shop: Shop) -> None:
    assert store.get(memory_shop.database, 4711) is None


def test_add_many_returns_ids_in_order(memory_shop: Shop) -> None:
    customers = [_customer(first, last) for first, last in NAMES]
    ids = store.add_many(memory_shop.database, customers, now=NOW)
    assert len(set(ids)) == len(customers)
    for customer_id, customer in zip(ids, customers, strict=True):
        saved = store.get(memory_shop.database, customer_id)
        assert saved is not None
        assert (saved.first_name, saved.last_name) == (customer.first_name, customer.last_name)
    assert store.count(memory_shop.database) == len(customers)


def test_a_failing_add_many_leaves_nothing_behind(shop: Shop) -> None:
    customers = [_customer("Anna", "Müller", preferences=Preferences(likes=("Sekt",))), _customer("", "")]
    with pytest.raises(sqlite3.IntegrityError):  # the second has no name at all
        store.add_many(shop.database, customers, now=NOW)
    conn = shop.database.connection
    for table in ("customers", "customer_terms", "customer_prefixes", "customer_preferences"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    assert not conn.in_transaction


def test_adding_many_builds_the_indexes_again_and_a_failure_keeps_them(shop: Shop) -> None:
    database = shop.database

    def indexes() -> set[str]:
        rows = database.connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'").fetchall()
        return set(rows)

    before = indexes()
    with store.adding_many(database, now=NOW) as add:
        add([_customer("Anna", "Müller", birthday=Birthday(3, 7, 1965))])
        assert indexes() < before  # built at the end
    assert indexes() == before
    assert _ids_named(database, "mül") == {1}
    with pytest.raises(sqlite3.IntegrityError), store.adding_many(database, now=NOW) as add:
        add([_customer("Bernd", "Mayer"), _customer("", "")])
    assert indexes() == before
    assert store.count(database) == 1


def test_a_failing_update_keeps_the_old_customer(memory_shop: Shop) -> None:
    database = memory_shop.database
    customer_id = store.add(database, _customer("Anna", "Müller"), now=NOW)
    with pytest.raises(sqlite3.IntegrityError):
        store.update(database, _customer("", "", id=customer_id), now=NOW)
    assert _ids_named(database, "müller") == {customer_id}
    saved = store.get(database, customer_id)
    assert saved is not None
    assert saved.last_name == "Müller"


# --- changing ------------------------------------------------------------------------------------------


def test_update_replaces_search_terms_and_preferences(memory_shop: Shop) -> None:
    database = memory_shop.database
    customer_id = store.add(
        database, _customer("Anna", "Müller", preferences=Preferences(likes=("Sekt", "Gin"))), now=NOW
    )
    married = _customer("Anna", "Schmidt", id=customer_id, preferences=Preferences(likes=("Gin",), sizes=("L",)))
    store.update(database, married, now=NOW)
    assert _ids_named(database, "müller") == set()
    assert _ids_named(database, "mul") == set()
    assert _ids_named(database, "schmidt") == {customer_id}
    assert _ids_named(database, "anna") == {customer_id}
    assert store.get(database, customer_id) == married
    (updated_at,) = database.connection.execute(
        "SELECT updated_at FROM customers WHERE id = ?", (customer_id,)
    ).fetchone()
    assert updated_at == NOW.isoformat(timespec="seconds")


def test_update_needs_a_saved_customer(memory_shop: Shop) -> None:
    with pytest.raises(ValueError):
        store.update(memory_shop.database, _customer("Anna", "Müller"), now=NOW)
    with pytest.raises(LookupError):
        store.update(memory_shop.database, _customer("Anna", "Müller", id=99), now=NOW)
    assert store.count(memory_shop.database) == 0


def test_archived_customers_leave_the_search_but_are_kept(memory_shop: Shop) -> None:
    database = memory_shop.database
    anna = store.add(database, _customer("Anna", "Müller"), now=NOW)
    bernd = store.add(database, _customer("Bernd", "Müller"), now=NOW)
    store.set_archived(database, anna, True, now=NOW)
    assert _ids_named(database, "müller") == {bernd}
    assert _ids_named(database, "müller", archived=True) == {anna}
    assert store.count(database) == 1
    assert store.count(database, archived=True) == 1
    saved = store.get(database, anna)
    assert saved is not None
    assert saved.archived
    store.set_archived(database, anna, False, now=NOW)
    assert _ids_named(database, "müller") == {anna, bernd}
    with pytest.raises(LookupError):
        store.set_archived(database, 4711, True, now=NOW)


def test_terms_and_preferences_go_with_a_deleted_row(memory_shop: Shop) -> None:
    """Foreign keys are on: nothing dangles if a row is ever removed (e.g. by erasure)."""
    database = memory_shop.database
    customer_id = store.add(database, _customer("Anna", "Müller", preferences=Preferences(likes=("Sekt",))), now=NOW)
    with database.transaction() as conn:
        conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,))
    conn = database.connection
    assert conn.execute("SELECT count(*) FROM customer_terms").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM customer_prefixes").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM customer_preferences").fetchone() == (0,)


def test_search_rows_follow_every_change(memory_shop: Shop) -> None:
    """Prefix rows are found by their whole key from her terms: after edits and archiving, both tables
    hold exactly the rows a fresh save of her writes, and nothing of the customer saved beside her."""
    database = memory_shop.database
    conn = database.connection
    anna = store.add(database, _customer("Anna", "Müller", email="anna@example.de", phone="0170 1"), now=NOW)
    other = store.add(database, _customer("Jan", "Becker"), now=NOW)
    others_rows = _search_table_rows(conn, other)
    store.update(database, replace(store.get(database, anna), first_name="Hanna", last_name="Zander"), now=NOW)
    store.set_archived(database, anna, True, now=NOW)
    store.set_archived(database, anna, False, now=NOW)
    store.update(database, replace(store.get(database, anna), email="", title="Dr."), now=NOW)
    fresh = store.add(database, replace(store.get(database, anna), id=None), now=NOW)
    terms, prefixes = _search_table_rows(conn, fresh)
    assert terms and prefixes
    assert _search_table_rows(conn, anna) == tuple([(*row[:3], anna) for row in rows] for rows in (terms, prefixes))
    assert _search_table_rows(conn, other) == others_rows


def test_customers_added_in_bulk_get_the_search_rows_of_saving_them_one_by_one(memory_shop: Shop) -> None:
    customers = [
        _customer("Anna", "Müller", email="anna.mueller@example.de", phone="+49 170 1234567", postal_code="80331"),
        _customer("Öz J.", "O'Brien", title="Dr.", archived=True),
        _customer("Jan", "", email="_jan@example.de", postal_code="1010"),
    ]
    one_by_one = memory_shop.database
    for customer in customers:
        store.add(one_by_one, customer, now=NOW)
    in_bulk = open_database(None)
    try:
        with store.adding_many(in_bulk, now=NOW) as add:
            add(customers)
        for customer_id in (1, 2, 3):
            expected = _search_table_rows(one_by_one.connection, customer_id)
            assert expected[0] and expected[1]
            assert _search_table_rows(in_bulk.connection, customer_id) == expected
    finally:
        in_bulk.close()


def _search_table_rows(conn: sqlite3.Connection, customer_id: int) -> tuple[list[tuple], list[tuple]]:
    return tuple(
        sorted(conn.execute(f"SELECT archived, {column}, sort_key, customer_id FROM {table} WHERE customer_id = ?",
                            (customer_id,)).fetchall())
        for table, column in (("customer_terms", "term"), ("customer_prefixes", "prefix"))
    )  # fmt: skip


def test_prefix_rows_hold_the_first_two_letters_of_words_not_of_numbers(memory_shop: Shop) -> None:
    customer = _customer("Öz J.", "Müller", phone="0170 1234", postal_code="80331", email="anna@example.de")
    store.add(memory_shop.database, customer, now=NOW)
    rows = memory_shop.database.connection.execute("SELECT prefix FROM customer_prefixes").fetchall()
    assert sorted(prefix for (prefix,) in rows) == ["an", "j", "mu", "oz"]
    assert _ids_named(memory_shop.database, "j") == _ids_named(memory_shop.database, "o") == {1}


def test_an_older_file_gets_its_prefix_rows_anew_from_the_terms(tmp_path) -> None:
    path = tmp_path / "emma.db"
    write_database(path, version=3)
    conn = sqlite3.connect(path)
    with conn:
        stale = [(prefix, "wojcik\x1flukasz", 7) for prefix in ("w", "wo", "l", "lu", "0", "01")]
        conn.executemany("INSERT INTO customer_prefixes VALUES (0, ?, ?, ?)", stale)
    conn.close()
    database = open_database(path)
    try:
        rows = database.connection.execute("SELECT prefix FROM customer_prefixes").fetchall()
        assert sorted(prefix for (prefix,) in rows) == ["lu", "wo"]
        assert _ids_named(database, "w") == {7}
    finally:
        database.close()


# --- finding ---------------------------------------------------------------------------------------------


@pytest.fixture
def people(memory_shop: Shop) -> dict[str, int]:
    customers = {
        "anna_mueller": _customer("Anna", "Müller", phone="+49 170 1234567", postal_code="80331", city="München"),
        "anna_schmidt": _customer("Anna", "Schmidt", email="a.schmidt@example.de", city="Müllheim"),
        "bernd_mueller": _customer("Bernd", "Mueller", postal_code="80331"),
        "lukasz": _customer("Łukasz", "Wójcik"),
        "sahin": _customer("Elif", "Şahin"),
        "dordevic": _customer("Dragan", "Ðorđević"),
        "obrien": _customer("Siobhán", "O'Brien"),
        "anne_marie": _customer("Anne-Marie", "Straßer"),
        "archived_anna": _customer("Anna", "Müllerová", archived=True),
    }
    ids = store.add_many(memory_shop.database, customers.values(), now=NOW)
    return dict(zip(customers, ids, strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("müller", {"anna_mueller", "bernd_mueller"}),
        ("mueller", {"anna_mueller", "bernd_mueller"}),
        ("MULLER", {"anna_mueller", "bernd_mueller"}),
        ("mü", {"anna_mueller", "bernd_mueller"}),
        ("anna mül", {"anna_mueller"}),
        ("mül anna", {"anna_mueller"}),
        ("Müller, Anna", {"anna_mueller"}),
        ("anna", {"anna_mueller", "anna_schmidt"}),
        ("ann", {"anna_mueller", "anna_schmidt", "anne_marie"}),
        ("anne", {"anne_marie"}),
        ("marie", {"anne_marie"}),
        ("strasser", {"anne_marie"}),
        ("straß", {"anne_marie"}),
        ("lukasz", {"lukasz"}),
        ("wojc", {"lukasz"}),
        ("Wójcik", {"lukasz"}),
        ("sahin", {"sahin"}),
        ("Şah", {"sahin"}),
        ("dorde", {"dordevic"}),
        ("Đorđ", {"dordevic"}),
        ("obrien", {"obrien"}),
        ("o'bri", {"obrien"}),
        ("brien", {"obrien"}),
        ("0170", {"anna_mueller"}),
        ("49170", {"anna_mueller"}),
        ("80331", {"anna_mueller", "bernd_mueller"}),
        ("0170 1234567", {"anna_mueller"}),
        ("+49 170 123", {"anna_mueller"}),
        ("0170/12", {"anna_mueller"}),
        ("a.schmidt@example.de", {"anna_schmidt"}),
        ("A.Schmidt@Exa", {"anna_schmidt"}),
        ("anna a.schmidt@", {"anna_schmidt"}),
        ("example", set()),  # the mail provider is not a search term
        ("münchen", set()),  # the city is not a search term
        ("anna zz", set()),
        ("xyz", set()),
    ],
)
def test_search_by_prefix_of_every_word(
    memory_shop: Shop, people: dict[str, int], text: str, expected: set[str]
) -> None:
    assert _ids_named(memory_shop.database, text) == {people[name] for name in expected}


def test_search_results_come_in_name_order(memory_shop: Shop, people: dict[str, int]) -> None:
    rows = customer_search.search(memory_shop.database, "", limit=100)
    assert [row.list_name for row in rows] == [
        "Ðorđević, Dragan",
        "Mueller, Bernd",  # DIN 5007-1: ue as spelled, ü as u
        "Müller, Anna",
        "O'Brien, Siobhán",
        "Şahin, Elif",
        "Schmidt, Anna",
        "Straßer, Anne-Marie",
        "Wójcik, Łukasz",
    ]
    assert [row.sort_key for row in rows] == sorted(row.sort_key for row in rows)


def test_a_summary_carries_what_the_list_shows(memory_shop: Shop) -> None:
    customer_id = store.add(
        memory_shop.database,
        _customer("Anna", "Müller", title="Dr.", postal_code="80331", city="München", phone="089 1234",
                  birthday=Birthday(3, 7)),
        now=NOW,
    )  # fmt: skip
    (row,) = customer_search.search(memory_shop.database, "anna", limit=10)
    assert (row.id, row.first_name, row.last_name, row.title) == (customer_id, "Anna", "Müller", "Dr.")
    assert (row.postal_code, row.city, row.phone, row.birthday) == ("80331", "München", "089 1234", Birthday(3, 7))
    assert row.list_name == "Müller, Anna"


def test_a_limit_and_after_page_through_matches(memory_shop: Shop, people: dict[str, int]) -> None:
    database = memory_shop.database
    first = customer_search.search(database, "ann", limit=2)
    assert len(first) == 2
    rest = customer_search.search(database, "ann", limit=2, after=(first[-1].sort_key, first[-1].id))
    assert [row.id for row in first + rest] == _everyone(database, "ann")
    assert len(rest) == 1


# --- paging over many customers -----------------------------------------------------------------------

FIRST = st.sampled_from(["Anna", "Anne", "Ömer", "Łukasz", "Zoë", "Jürgen", "", "Ann"])
LAST = st.sampled_from(["Müller", "Mueller", "Muller", "Şahin", "Ðorđević", "O'Brien", "Abel", "Zander", "Mü", ""])


@PROPERTY
@given(
    names=st.lists(st.tuples(FIRST, LAST).filter(lambda name: any(name)), min_size=0, max_size=60),
    page=st.integers(1, 25),
    text=st.sampled_from(["", "mu", "anna", "mül anna", "o'b", "an", "z"]),
)
def test_paging_gives_everyone_exactly_once_in_name_order(names: list[tuple[str, str]], page: int, text: str) -> None:
    database = open_database(None)
    try:
        store.add_many(database, [_customer(first, last) for first, last in names], now=NOW)
        pages: list[list] = []
        after = None
        while True:
            rows = customer_search.search(database, text, limit=page, after=after)
            assert len(rows) <= page
            pages.append(rows)
            if len(rows) < page:
                break
            after = (rows[-1].sort_key, rows[-1].id)
        found = [row for rows in pages for row in rows]
        ids = [row.id for row in found]
        assert len(ids) == len(set(ids))
        assert [(row.sort_key, row.id) for row in found] == sorted((row.sort_key, row.id) for row in found)
        assert ids == [row.id for row in customer_search.search(database, text, limit=10_000)]
        if not text:
            assert len(ids) == len(names)
    finally:
        database.close()


@pytest.fixture(scope="module")
def demo_database():
    """A 600-customer demo shop in memory, shared by the tests that only read it."""
    from emma.services.demo_shop import fill_demo_shop

    database = open_database(None)
    fill_demo_shop(Shop(database), 600, seed=11, today=date(2026, 11, 23))
    yield database
    database.close()


@pytest.mark.parametrize("many", [customer_search._MANY, 12], ids=["as shipped", "walking early"])
@pytest.mark.parametrize(
    "text",
    ["", "a", "m", "q", "j", "mü", "mue", "anna", "an m", "s", "ma", "sch", "schm", "0", "01", "017", "+41", "8",
     "zz", "e r", "a b c", "m 0"],
)  # fmt: skip
def test_search_pages_match_a_plain_reading_of_every_customer(
    demo_database: Database, monkeypatch: pytest.MonkeyPatch, text: str, many: int
) -> None:
    """Every way of searching (the prefix table for two letters, sorting the few matches of a word,
    walking in name order for a word many share) gives exactly the customers a plain loop over
    everyone finds, in name order, each once, page by page."""
    monkeypatch.setattr(customer_search, "_MANY", many)
    monkeypatch.setattr(customer_search, "_MANY_FOR_NUMBERS", many)
    expected = []
    for (customer_id,) in demo_database.connection.execute("SELECT id FROM customers WHERE archived = 0"):
        customer = store.get(demo_database, customer_id)
        terms = customer.search_terms()
        if all(any(term.startswith(word) for term in terms) for word in query_words(text)):
            expected.append((customer.sort_key(), customer_id))
    found = [row.id for row in _paged(demo_database, text, page=37)]
    assert found == [customer_id for _key, customer_id in sorted(expected)]
    if not text:
        assert len(found) == 600


def _paged(database: Database, text: str, *, page: int) -> list:
    found: list = []
    while True:
        after = (found[-1].sort_key, found[-1].id) if found else None
        rows = customer_search.search(database, text, limit=page, after=after)
        found.extend(rows)
        if len(rows) < page:
            return found


def test_multi_word_search_intersects_on_a_demo_shop(demo_database: Database) -> None:
    for first_word, second_word in [("a", "m"), ("s", "b"), ("m", "k")]:
        both = set(_everyone(demo_database, f"{first_word} {second_word}"))
        assert both == set(_everyone(demo_database, first_word)) & set(_everyone(demo_database, second_word))
        assert both  # the demo shop is big enough to have some
