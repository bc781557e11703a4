"""Opening the shop file: what is ours is opened (and upgraded after a backup), anything else is left alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from emma.domain.errors import UserError
from emma.i18n import _
from emma.services.shop import Shop
from emma.store import database as database_module
from emma.store import schema
from emma.store.database import open_database
from tests.store.shop_files import FileState, read_back, write_database


def test_a_file_shop_runs_in_wal_with_foreign_keys_and_full_sync(shop: Shop) -> None:
    conn = shop.database.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == database_module.BUSY_TIMEOUT_MS
    assert schema.version_of(conn) == schema.LATEST_VERSION
    assert not conn.in_transaction


def test_the_settings_hold_for_a_reopened_file(db_path: Path) -> None:
    open_database(db_path).close()
    database = open_database(db_path)
    try:
        conn = database.connection
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        database.close()


def test_an_in_memory_shop_is_complete(memory_shop: Shop) -> None:
    conn = memory_shop.database.connection
    assert memory_shop.path is None
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version_of(conn) == schema.LATEST_VERSION
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"customers", "customer_terms", "customer_preferences", "settings"} <= tables


def test_an_empty_file_becomes_a_shop(shop_dir: Path) -> None:
    path = shop_dir / "empty.db"
    path.touch()
    open_database(path).close()
    assert read_back(path) == (schema.LATEST_VERSION, [])
    assert not list(shop_dir.glob("*.before-*"))  # nothing to back up


def test_a_new_file_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        open_database(tmp_path / "missing" / "shop.db")
    assert refused.value.message == _("The folder {folder} does not exist.").format(folder=tmp_path / "missing")
    assert not (tmp_path / "missing").exists()


def test_a_folder_is_refused(shop_dir: Path) -> None:
    with pytest.raises(UserError) as refused:
        open_database(shop_dir)
    assert refused.value.message == _("{path} is a folder, not a Frau Emma file.").format(path=shop_dir)
    assert shop_dir.is_dir()
    assert list(shop_dir.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        b"Kundenliste\nAnna;M\xfcller\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 8,
        b"SQLite",  # shorter than the header
        b"SQLite format 2\x00" + b"\x00" * 2048,
        "Müller".encode("utf-16"),
    ],
    ids=["text", "pdf", "short", "other-header", "utf16"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(shop_dir: Path, content: bytes) -> None:
    path = shop_dir / "kunden.db"
    path.write_bytes(content)
    before = FileState.of(path)
    with pytest.raises(UserError) as refused:
        open_database(path)
    assert refused.value.message == _("{path} is not a Frau Emma file (not an SQLite database).").format(path=path)
    assert FileState.of(path) == before


def test_a_damaged_sqlite_file_is_refused_untouched(shop_dir: Path) -> None:
    path = shop_dir / "kaputt.db"
    write_database(path, version=schema.LATEST_VERSION)
    content = path.read_bytes()
    path.write_bytes(content[:100] + b"\xff" * (len(content) - 100))
    before = FileState.of(path)
    with pytest.raises(UserError) as refused:
        open_database(path)
    assert refused.value.message == _("{path} is damaged and cannot be opened.").format(path=path)
    assert FileState.of(path).content == before.content
    assert FileState.of(path).mtime_ns == before.mtime_ns


def test_an_sqlite_file_of_another_program_is_refused_untouched(shop_dir: Path) -> None:
    path = shop_dir / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = FileState.of(path)
    with pytest.raises(UserError) as refused:
        open_database(path)
    assert refused.value.message == _("{path} is an SQLite database of another program.").format(path=path)
    assert FileState.of(path) == before


@pytest.mark.parametrize("user_version", [schema.LATEST_VERSION + 1, 99, 2**31 - 1])
def test_a_file_of_a_newer_frau_emma_is_refused_untouched(shop_dir: Path, user_version: int) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=schema.LATEST_VERSION, user_version=user_version)
    before = FileState.of(path)
    with pytest.raises(UserError) as refused:
        open_database(path)
    assert refused.value.message == _(
        "{path} was written by a newer Frau Emma (data version {version}). Please update Frau Emma."
    ).format(path=path, version=user_version)
    after = FileState.of(path)
    assert after.content == before.content
    assert after.mtime_ns == before.mtime_ns
    assert after.neighbours == before.neighbours  # no backup, no journal left behind
    assert read_back(path) == (user_version, [(7, "Łukasz", "Wójcik")])


def test_a_current_file_is_opened_without_a_backup(shop_dir: Path) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=schema.LATEST_VERSION)
    open_database(path).close()
    assert sorted(p.name for p in shop_dir.iterdir() if p.suffix == ".db") == ["emma.db"]
    assert read_back(path) == (schema.LATEST_VERSION, [(7, "Łukasz", "Wójcik")])


@pytest.mark.parametrize("version", range(schema.LATEST_VERSION))
def test_an_older_file_is_backed_up_then_migrated(shop_dir: Path, version: int) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=version)
    before = read_back(path)
    assert before[0] == version

    database = open_database(path)
    try:
        assert schema.version_of(database.connection) == schema.LATEST_VERSION
    finally:
        database.close()

    after = read_back(path)
    assert after == (schema.LATEST_VERSION, before[1])  # the customers survived
    backups = list(shop_dir.glob(f"emma.before-v{schema.LATEST_VERSION}-from-v{version}-*.db"))
    assert len(backups) == 1
    assert read_back(backups[0]) == before  # the backup is the file as it was


def test_the_backup_goes_where_it_is_asked_to(shop_dir: Path, tmp_path: Path) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=0)
    backups = tmp_path / "backups"
    backups.mkdir()
    open_database(path, backup_dir=backups).close()
    assert len(list(backups.glob("emma.before-*.db"))) == 1
    assert not list(shop_dir.glob("*.before-*"))


# --- a later schema version, simulated ---------------------------------------------------------------


def _v_next_add_loyalty(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        ALTER TABLE customers ADD COLUMN loyalty_points INTEGER NOT NULL DEFAULT 0;
        -- a second statement, to see the script run as a whole
        CREATE TABLE loyalty_log (customer_id INTEGER NOT NULL REFERENCES customers (id), points INTEGER);
        """
    )


def _v_next_broken(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE half_done (id INTEGER PRIMARY KEY, cents INTEGER NOT NULL);
        INSERT INTO half_done (cents) VALUES (100);
        ALTER TABLE no_such_table ADD COLUMN x INTEGER;
        """
    )


def _with_migration(monkeypatch: pytest.MonkeyPatch, migration) -> int:
    """Pretends the app ships one more migration; returns the new latest version."""
    latest = schema.LATEST_VERSION + 1
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, migration))
    monkeypatch.setattr(schema, "LATEST_VERSION", latest)
    # `migrate` took LATEST_VERSION as its default when it was defined
    monkeypatch.setitem(schema.migrate.__kwdefaults__, "up_to", latest)
    return latest


def test_a_new_migration_upgrades_an_existing_file_after_a_backup(
    shop_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=schema.LATEST_VERSION)
    old_version = schema.LATEST_VERSION
    latest = _with_migration(monkeypatch, _v_next_add_loyalty)

    database = open_database(path)
    try:
        conn = database.connection
        assert schema.version_of(conn) == latest
        assert conn.execute("SELECT first_name, loyalty_points FROM customers").fetchall() == [("Łukasz", 0)]
        assert conn.execute("SELECT count(*) FROM loyalty_log").fetchone() == (0,)
    finally:
        database.close()
    (backup,) = shop_dir.glob(f"emma.before-v{latest}-from-v{old_version}-*.db")
    assert read_back(backup) == (old_version, [(7, "Łukasz", "Wójcik")])


def test_a_failing_migration_leaves_the_file_at_its_version(shop_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = shop_dir / "emma.db"
    write_database(path, version=schema.LATEST_VERSION)
    old_version = schema.LATEST_VERSION
    _with_migration(monkeypatch, _v_next_broken)
    opened: list[sqlite3.Connection] = []
    connect = database_module._connect

    def recording_connect(target: str, **kwargs) -> sqlite3.Connection:
        connection = connect(target, **kwargs)
        opened.append(connection)
        return connection

    monkeypatch.setattr(database_module, "_connect", recording_connect)

    with pytest.raises(UserError):
        open_database(path)

    assert read_back(path) == (old_version, [(7, "Łukasz", "Wójcik")])
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    finally:
        conn.close()
    # the backup was made first, and no connection stays open on the refused file
    assert len(list(shop_dir.glob(f"emma.before-*-from-v{old_version}-*.db"))) == 1
    assert opened
    for connection in opened:
        with pytest.raises(sqlite3.ProgrammingError):
            connection.execute("SELECT 1")


def test_migrate_stops_at_the_failing_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    def v_ok(conn: sqlite3.Connection) -> None:
        conn.executescript("CREATE TABLE good (x INTEGER);")

    def v_ok_too(conn: sqlite3.Connection) -> None:
        conn.executescript("CREATE TABLE good_too (x INTEGER);")

    def v_fails(conn: sqlite3.Connection) -> None:
        conn.executescript("CREATE TABLE half (x INTEGER);")
        raise RuntimeError("a bug in the migration")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v_ok, v_fails))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with pytest.raises(RuntimeError):
            schema.migrate(conn, up_to=len(schema.MIGRATIONS))
        assert schema.version_of(conn) == len(schema.MIGRATIONS) - 1
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "good" in names
        assert "half" not in names
        assert not conn.in_transaction
        # with the bug fixed, a second run carries on from where the first stopped
        monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:-1], v_ok_too))
        schema.migrate(conn, up_to=len(schema.MIGRATIONS))
        assert schema.version_of(conn) == len(schema.MIGRATIONS)
        assert {"good", "good_too"} <= {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


def test_migrate_is_idempotent(memory_shop: Shop) -> None:
    conn = memory_shop.database.connection
    schema.migrate(conn)
    schema.migrate(conn, up_to=0)
    assert schema.version_of(conn) == schema.LATEST_VERSION


def test_an_incomplete_statement_in_a_migration_is_a_bug_not_a_half_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    def v_incomplete(conn: sqlite3.Connection) -> None:
        conn.executescript("CREATE TABLE a (x INTEGER);\nCREATE TABLE b (x INTEGER")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v_incomplete))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with pytest.raises(ValueError, match="incomplete statement"):
            schema.migrate(conn, up_to=len(schema.MIGRATIONS))
        assert schema.version_of(conn) == len(schema.MIGRATIONS) - 1
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'a'").fetchone() == (0,)
    finally:
        conn.close()


# --- transactions ---------------------------------------------------------------------------------


def _names(shop: Shop) -> list[str]:
    return [row[0] for row in shop.database.connection.execute("SELECT key FROM settings ORDER BY key")]


def test_a_transaction_commits_when_the_block_ends(shop: Shop, db_path: Path) -> None:
    with shop.database.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        assert conn.in_transaction
    assert not shop.database.connection.in_transaction
    other = sqlite3.connect(db_path)  # another connection sees it: it is committed
    try:
        assert other.execute("SELECT value FROM settings WHERE key = 'a'").fetchone() == ("1",)
    finally:
        other.close()


def test_a_transaction_that_raises_leaves_nothing_behind(shop: Shop) -> None:
    with pytest.raises(KeyError), shop.database.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        raise KeyError("boom")
    assert _names(shop) == []
    assert not shop.database.connection.in_transaction


def test_a_failed_inner_block_is_rolled_back_alone(shop: Shop) -> None:
    with shop.database.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        with pytest.raises(sqlite3.IntegrityError), shop.database.transaction() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
            inner.execute("INSERT INTO settings (key, value) VALUES ('outer', '2')")  # duplicate key
        conn.execute("INSERT INTO settings (key, value) VALUES ('after', '1')")
    assert _names(shop) == ["after", "outer"]


def test_an_error_in_the_outer_block_undoes_the_inner_one_too(shop: Shop) -> None:
    with pytest.raises(RuntimeError), shop.database.transaction() as conn:
        with shop.database.transaction() as inner:
            inner.execute("INSERT INTO settings (key, value) VALUES ('inner', '1')")
        conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        raise RuntimeError
    assert _names(shop) == []


def test_a_second_reader_inside_a_transaction_is_the_connection_itself(shop) -> None:
    """A second connection would not see what this one has not committed yet."""
    database = shop.database
    with database.second_reader() as reader:
        assert reader is not database and reader.path == database.path
    with database.transaction(), database.second_reader() as reader:
        assert reader is database
