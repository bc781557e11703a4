"""The rules of backup copies: names that say what they are, what the rotation keeps, unsafe places."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from emma.domain.backups import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    KEEP_SAFETY,
    KEEP_WEEKLY,
    BackupKind,
    BackupName,
    is_due,
    parse_name,
    reason_slug,
    to_keep,
    unsafe_place,
)

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)
kinds = st.sampled_from(list(BackupKind))
backups = st.lists(st.builds(BackupName, st.just("emma"), moments, kinds, st.just("")), unique=True, max_size=80)


def _newest_per(items: list[BackupName], period, count: int) -> set[BackupName]:
    """The reference rule, written plainly: group by period, take the newest of each of the `count` newest."""
    groups: dict = {}
    for item in items:
        groups.setdefault(period(item.made_at), []).append(item)
    newest_periods = sorted(groups, reverse=True)[:count]
    return {max(groups[key], key=lambda b: b.made_at) for key in newest_periods}


@given(backups)
def test_rotation_keeps_the_newest_of_each_recent_day_week_and_month(items: list[BackupName]) -> None:
    regular = [b for b in items if b.kind.rotated]
    expected = (
        _newest_per(regular, lambda m: m.date(), KEEP_DAILY)
        | _newest_per(regular, lambda m: m.isocalendar()[:2], KEEP_WEEKLY)
        | _newest_per(regular, lambda m: (m.year, m.month), KEEP_MONTHLY)
    )
    kept = to_keep(items)
    assert {b for b in kept if b.kind.rotated} == expected
    assert len(expected) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY


@given(backups)
def test_rotation_keeps_the_newest_regular_copy_newest_safety_copies_and_every_damaged_file(items) -> None:
    kept = to_keep(items)
    assert kept <= set(items)
    regular = [b for b in items if b.kind.rotated]
    if regular:
        assert max(regular, key=lambda b: b.made_at) in kept
    safety = sorted((b for b in items if b.kind is BackupKind.SAFETY), key=lambda b: b.made_at, reverse=True)
    assert set(safety[:KEEP_SAFETY]) <= kept
    assert not set(safety[KEEP_SAFETY:]) & kept
    assert {b for b in items if b.kind is BackupKind.DAMAGED} <= kept


@given(backups)
def test_rotating_again_drops_nothing_more(items: list[BackupName]) -> None:
    kept = to_keep(items)
    assert to_keep(list(kept)) == kept


def test_two_years_of_daily_copies_shrink_to_a_year_of_months_a_month_of_weeks_and_a_week_of_days() -> None:
    folder: list[BackupName] = []
    day = datetime(2025, 1, 1, 18, 0)
    for _ in range(730):
        folder.append(BackupName("emma", day, BackupKind.AUTO))
        folder = list(to_keep(folder))
        day += timedelta(days=1)
    dates = sorted(b.made_at.date() for b in folder)
    newest = dates[-1]
    assert newest.isoformat() == "2026-12-31"
    assert dates[-7:] == [newest - timedelta(days=n) for n in range(6, -1, -1)]
    assert len(folder) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    assert len({(d.year, d.month) for d in dates}) == KEEP_MONTHLY
    assert dates[0].isoformat() == "2026-01-31"  # the newest copy of the oldest of twelve months


def test_a_holiday_does_not_eat_the_copies_from_before_it() -> None:
    before = [BackupName("emma", datetime(2026, 7, d, 18), BackupKind.AUTO) for d in range(1, 11)]
    after_holiday = BackupName("emma", datetime(2026, 9, 1, 18), BackupKind.AUTO)
    kept = to_keep([*before, after_holiday])
    assert after_holiday in kept
    assert {b.made_at.day for b in kept if b.made_at.month == 7} >= {10, 9, 8, 7, 6, 5}


@given(st.builds(BackupName, st.from_regex(r"[A-Za-z0-9äöü._ -]{1,20}", fullmatch=True), moments, kinds,
                 st.text(min_size=0, max_size=80).map(lambda t: reason_slug(t) if t else "")))  # fmt: skip
def test_a_backup_name_reads_back_as_written(name: BackupName) -> None:
    assert parse_name(name.file_name()) == name


def test_other_files_are_no_backups() -> None:
    assert parse_name("emma.db") is None
    assert parse_name(".emma-20261124-101500-auto.db.123-456.part") is None
    assert parse_name("emma-20261324-101500-auto.db") is None  # month 13
    assert parse_name("emma-20261124-101500-weekly.db") is None


def test_reasons_become_file_name_parts_and_are_said_back() -> None:
    assert reason_slug("vor dem Import von kunden.csv") == "vor-dem-Import-von-kunden-csv"
    assert reason_slug("../../etc") == "etc"
    assert reason_slug("  ") == "change"
    said = BackupName("emma", datetime(2026, 11, 24), BackupKind.SAFETY, "import").describe()
    assert said == "vor einem Import"
    own = BackupName("emma", datetime(2026, 11, 24), BackupKind.SAFETY, reason_slug("vor dem Löschen")).describe()
    assert own == "vor: vor dem Löschen"


def test_the_automatic_copy_is_due_once_a_day() -> None:
    now = datetime(2026, 11, 24, 18, 0)
    assert is_due([], now)
    assert is_due([BackupName("emma", datetime(2026, 11, 23, 23, 59), BackupKind.AUTO)], now)
    assert is_due([BackupName("emma", datetime(2026, 11, 24, 9, 0), BackupKind.MANUAL)], now)
    assert not is_due([BackupName("emma", datetime(2026, 11, 24, 0, 1), BackupKind.AUTO)], now)


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/laden nfs4 rw 0 0
//nas/daten /media/nas cifs rw 0 0
emma@host:/home /mnt/ssh fuse.sshfs rw 0 0
/dev/sdb1 /media/usb\\040stick vfat rw 0 0
"""


def test_cloud_folders_network_mounts_and_shares_are_unsafe_places() -> None:
    assert "Dropbox" in unsafe_place("/home/ayse/Dropbox/emma.db", mounts=MOUNTS)
    assert "OneDrive" in unsafe_place("C:\\Users\\Ayse\\OneDrive - Laden\\emma.db", windows=True)
    assert unsafe_place("/Users/ayse/Library/Mobile Documents/iCloud Drive/emma.db") is not None
    assert unsafe_place("/home/ayse/Nextcloud/emma.db", mounts=MOUNTS) is not None
    assert unsafe_place("/home/ayse/Google Drive/emma.db") is not None
    assert "nfs4" in unsafe_place("/mnt/laden/emma.db", mounts=MOUNTS)
    assert "cifs" in unsafe_place("/media/nas/kunden/emma.db", mounts=MOUNTS)
    assert "fuse.sshfs" in unsafe_place("/mnt/ssh/emma.db", mounts=MOUNTS)
    share = unsafe_place("\\\\server\\laden\\emma.db", windows=True)
    assert share == "Die Kundendatei liegt in einer Netzwerkfreigabe."


def test_the_own_disk_and_a_usb_stick_are_safe() -> None:
    assert unsafe_place("/home/ayse/emma.db", mounts=MOUNTS) is None
    assert unsafe_place("/media/usb stick/emma.db", mounts=MOUNTS) is None
    assert unsafe_place("/mnt/laden2/emma.db", mounts=MOUNTS) is None  # not inside /mnt/laden
    assert unsafe_place("C:\\Users\\Ayse\\Documents\\emma.db", windows=True) is None
    assert unsafe_place("/home/ayse/dropboxes-notes/emma.db") is None
