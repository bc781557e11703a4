"""One running Frau Emma per shop file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from emma.domain.errors import UserError
from emma.store.instance_lock import InstanceLock


def test_the_lock_lies_beside_the_shop_file(db_path: Path) -> None:
    lock = InstanceLock(db_path)
    assert lock.path == db_path.with_name("shop.db.lock")
    lock.acquire()
    try:
        assert lock.path.exists()
    finally:
        lock.release()


def test_a_second_acquire_is_refused_until_the_first_is_released(db_path: Path) -> None:
    first = InstanceLock(db_path)
    second = InstanceLock(db_path)
    first.acquire()
    try:
        with pytest.raises(UserError) as refused:
            second.acquire()
        assert refused.value.message
    finally:
        first.release()
    second.acquire()
    try:
        with pytest.raises(UserError):
            first.acquire()
    finally:
        second.release()


def test_release_is_idempotent_and_the_lock_can_be_taken_again(db_path: Path) -> None:
    lock = InstanceLock(db_path)
    lock.release()  # never acquired: nothing happens
    for _ in range(3):
        lock.acquire()
        lock.release()
        lock.release()


def test_locks_of_different_files_are_independent(tmp_path: Path) -> None:
    one, other = InstanceLock(tmp_path / "a.db"), InstanceLock(tmp_path / "b.db")
    one.acquire()
    other.acquire()
    one.release()
    other.release()


def test_another_process_is_refused_while_the_lock_is_held(db_path: Path) -> None:
    lock = InstanceLock(db_path)
    lock.acquire()
    script = (
        "import sys; from pathlib import Path; from emma.store.instance_lock import InstanceLock\n"
        "from emma.domain.errors import UserError\n"
        "try:\n    InstanceLock(Path(sys.argv[1])).acquire()\nexcept UserError:\n    sys.exit(3)\n"
    )
    try:
        refused = subprocess.run([sys.executable, "-c", script, str(db_path)], check=False, timeout=60)
    finally:
        lock.release()
    assert refused.returncode == 3
    allowed = subprocess.run([sys.executable, "-c", script, str(db_path)], check=False, timeout=60)
    assert allowed.returncode == 0


def test_a_lock_file_that_cannot_be_created_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        InstanceLock(tmp_path / "missing-folder" / "shop.db").acquire()
