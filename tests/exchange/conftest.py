"""The messages of these tests are checked in English: the German catalog is filled in separately."""

from __future__ import annotations

import pytest

from emma.i18n import use_language


@pytest.fixture(autouse=True)
def english(german):
    use_language("en")
    yield
    use_language("de")
