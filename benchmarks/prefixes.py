"""The 200 search texts, typed as a person types them, built from real names of the demo shop.

Deterministic for one shop: the same names are drawn by a seeded random generator, in four kinds:
prefixes of 1–5 letters of last names and of first names, two words ("anna mü"), and umlauts
spelt out without accents, typed from the umlaut on ("mue", "muell", "weiss", "strass").
"""

from __future__ import annotations

import itertools
import random
import unicodedata

from emma.services.customers import find_customers
from emma.services.shop import Shop

# How many texts of each kind (200 in all).
QUOTAS = {"last name": 80, "first name": 45, "two words": 30, "umlaut folded": 45}
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def plain(name: str) -> str:
    """What someone types on a keyboard without umlauts: "Müßig" → "muessig", "José" → "jose"."""
    spelt = name.lower().translate(_SPELT_OUT)
    decomposed = unicodedata.normalize("NFKD", spelt)
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalpha() or ch in " -"))


def spelt_out(name: str) -> list[str]:
    """How "Müller" is typed without umlauts, from the spelt-out umlaut on: "mue", "muel", "muell", "muelle"."""
    lower = name.lower()
    first = min(lower.index(ch) for ch in "äöüß" if ch in lower)
    start = len(plain(lower[:first])) + 2  # "ü" → "ue", "ß" → "ss": both letters typed
    return typed(plain(lower), start + 3, shortest=start)


def typed(word: str, longest: int, shortest: int = 1) -> list[str]:
    """The texts the search field holds while `word` is typed, `shortest` to `longest` letters long."""
    return [word[:length] for length in range(shortest, min(longest, len(word)) + 1)]


def build(shop: Shop) -> list[tuple[str, str]]:
    """200 distinct (kind, text) pairs in typing order: each name's texts one after another."""
    people = find_customers(shop, "", limit=1_000_000)
    rng = random.Random(1)
    last_names = [p.last_name.lower() for p in people if " " not in p.last_name.strip()]
    first_names = [p.first_name.lower() for p in people if " " not in p.first_name.strip()]
    with_umlaut = [name for name in last_names + first_names if set(name) & set("äöüß")]
    with_eszett = [name for name in with_umlaut if "ß" in name] or with_umlaut  # "weiss", "strass"
    umlaut_draws = itertools.count()

    def draw(kind: str) -> list[str]:
        if kind == "last name":
            return typed(rng.choice(last_names), 5)
        if kind == "first name":
            return typed(rng.choice(first_names), 5)
        if kind == "two words":
            person = rng.choice(people)
            first, last = person.first_name.lower().split()[0], person.last_name.lower().split()[0]
            return [f"{first} {part}" for part in typed(last, 3)]
        return spelt_out(rng.choice(with_eszett if next(umlaut_draws) % 3 == 0 else with_umlaut))

    chosen: set[str] = set()
    sequences: list[tuple[str, list[str]]] = []
    for kind, quota in QUOTAS.items():
        taken = 0
        for _attempt in range(10 * quota):
            if taken == quota:
                break
            texts = [text for text in dict.fromkeys(draw(kind)) if text not in chosen][: quota - taken]
            if texts:
                chosen.update(texts)
                sequences.append((kind, texts))
                taken += len(texts)
    rng.shuffle(sequences)
    return [(kind, text) for kind, texts in sequences for text in texts]
