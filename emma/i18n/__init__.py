"""Translations (gettext catalogs built with Babel) and the language in use.

The language is chosen once at start-up by the front door (`use_language`); every module then
calls `_()` at the moment it needs a string, so nothing is translated at import time.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "emma"
LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"

# The one piece of module state gettext needs: the catalog in use. It is a value, not a service,
# and is set only by the front doors (cli.main, ui.app) before anything is shown.
_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use_language(language: str) -> None:
    """Switch every later `_()` call to `language` ("de" or "en")."""
    global _catalog, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language
    if language == "en":
        _catalog = gettext.NullTranslations()
    else:
        _catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a string for extraction where it is translated later."""
    return message
