"""The search key of a name: case, accents and German spellings folded away.

"Müller", "Mueller" and "muller" fold to the same key, and so do "Straße" and "strasse". The same
folding runs over what is stored and over what the owner types, so a prefix of one is a prefix of
the other.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŀ": "l",
    }
)
# German spelling of umlauts without the dots: Mueller = Müller, Goethe = Göthe.
_UMLAUT_SPELLINGS = re.compile(r"(?<=[aou])e")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.lru_cache(maxsize=65536)  # names repeat: Müller, Anna, Schmidt …
def strip_accents(text: str) -> str:
    """Lower case without accents, ß as ss: the order of DIN 5007-1, where ä sorts as a."""
    return _strip_accents(text)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text.lower()
    # Casefold again after NFKD: compatibility forms such as "ℌ" or "™" decompose to capitals.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text.casefold()).casefold())
    decomposed = decomposed.translate(_SPECIAL)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)  # tags, categories and common names repeat a lot
def fold(text: str) -> str:
    """The search form of `text`: lower case, no accents, ß as ss, ae/oe/ue as a/o/u."""
    return _UMLAUT_SPELLINGS.sub("", strip_accents(text))


def fold_unique(text: str) -> str:
    """`fold` for a text that hardly repeats (an e-mail address), kept out of the caches of names."""
    return _UMLAUT_SPELLINGS.sub("", _strip_accents(text))


@functools.lru_cache(maxsize=65536)
def fold_words(text: str) -> tuple[str, ...]:
    """The folded words of `text`, split at spaces, hyphens and other punctuation.

    An apostrophe inside a name joins: "O'Brien" gives "obrien" (and "brien" for the part after it).
    """
    return words_of_folded(fold(text))


def words_of_folded(folded: str) -> tuple[str, ...]:
    """`fold_words` of a text that is folded already."""
    if "'" not in folded and "’" not in folded:
        return tuple(_WORD.findall(folded))
    words: list[str] = []
    for match in _WORD.finditer(folded):
        word = match.group()
        if "'" in word or "’" in word:
            parts = re.split(r"['’]", word)
            words.append("".join(parts))
            words.extend(part for part in parts[1:] if part)
        else:
            words.append(word)
    return tuple(words)


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
