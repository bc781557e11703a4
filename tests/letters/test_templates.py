"""Templates: the owner's text with placeholders, rendered in a sandbox that refuses what a letter may not do."""

from __future__ import annotations

import pytest

from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.letters.templates import PLACEHOLDERS, CompiledTemplate, default_template, parse_template

VALUES = {name: "" for name in PLACEHOLDERS} | {"anrede": "Liebe Anna,", "vorname": "Anna", "alter": 60,
                                                 "rund": True, "du": True, "laden": "Feinkost Öztürk"}  # fmt: skip


def _render(text: str, **values):
    return CompiledTemplate(parse_template(text)).render(VALUES | values)


def test_subject_line_placeholders_and_conditions() -> None:
    letter = _render(
        "Betreff: Alles Gute, {{ vorname }}!\n{{ anrede }}\n\n{% if rund %}{{ alter }} Jahre!{% endif %}\n\n"
        "Ihr Team von {{ laden }}"
    )
    assert letter.subject == "Alles Gute, Anna!"
    assert letter.paragraphs == ["Liebe Anna,", "60 Jahre!", "Ihr Team von Feinkost Öztürk"]
    assert parse_template("Subject: Hello\nBody").subject == "Hello"
    assert parse_template("\ufeffNo subject here\n\nBody").subject == ""


def test_customer_data_is_plain_text() -> None:
    letter = _render("{{ vorname }}", vorname="Tom & Jerry <b>{{ 7*7 }}</b>")
    assert letter.paragraphs == ["Tom & Jerry <b>{{ 7*7 }}</b>"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Liebe {{ vorname }, {% if %}", "Fehler in Zeile 1"),
        ("Betreff: Hallo\n\nLiebe Anna,\n{% if %}", "Fehler in Zeile 4"),  # lines as her file counts them
        ("Betreff: Hallo {% if %}\nLiebe Anna", "Fehler in Zeile 1"),
        ("\nLiebe Anna,\n{% if rund %}", "Fehler in Zeile 3"),
        ("Hallo {{ vornahme }}", "unbekannten Platzhalter „vornahme“"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "Innere"),
        ("{{ vorname.__init__.__globals__ }}", "Innere"),
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "Innere"),
        ("{{ 'x' * 100000000 }}", "zu viel Text"),
        ("{{ 9 ** 999999 }}", "zu großen Zahlen"),
        ("{% for i in range(1000000) %}x{% endfor %}", "zählt zu weit"),
        ("{% for a in range(100) %}{% for b in range(100) %}{% for c in range(100) %}x{% endfor %}{% endfor %}"
         "{% endfor %}", "Schleifen"),
        ("{% for a in range(100) %}{% for b in range(100) %}{{ 'x' * 50 }}{% endfor %}{% endfor %}", "zu viel Text"),
        ("{% include '/etc/passwd' %}", "anderen Dateien"),
        ("{% extends 'base.html' %}", "anderen Dateien"),
        ("{{ 1 / 0 }}", "nicht ausfüllen"),
        ("{{ vorname + 1 }}", "nicht ausfüllen"),
    ],
)  # fmt: skip
def test_a_hostile_or_broken_template_is_refused_with_one_sentence(text: str, message: str) -> None:
    with pytest.raises(UserError) as refused:
        _render(text)
    assert message in refused.value.message
    assert "\n" not in refused.value.message and "Traceback" not in refused.value.message


@pytest.mark.parametrize("occasion", list(Occasion))
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_shipped_template_renders_for_everyone(occasion: Occasion, language: str) -> None:
    compiled = CompiledTemplate(default_template(occasion, language))
    for values in (VALUES, VALUES | {"rund": False, "alter": "", "lieblinge": "Riesling", "persoenlich": "Danke!"}):
        letter = compiled.render(values | {"neu": "Riesling"})
        assert letter.subject and letter.paragraphs[0] == "Liebe Anna,"
        assert all("{" not in paragraph for paragraph in letter.paragraphs)


@pytest.mark.parametrize("occasion", [Occasion.BIRTHDAY, Occasion.THANKS, Occasion.WINBACK, Occasion.REWARD])
def test_the_german_templates_say_du_to_whom_she_says_du(occasion: Occasion) -> None:
    compiled = CompiledTemplate(default_template(occasion, "de"))
    familiar = compiled.render(VALUES | {"du": True, "rund": False, "lieblinge": "Riesling"})
    formal = compiled.render(VALUES | {"du": False, "rund": False, "lieblinge": "Riesling"})
    words = " ".join([familiar.subject, *familiar.paragraphs]).replace(",", " ").replace("!", " ").split()
    assert not {"Sie", "Ihnen", "Ihr", "Ihre", "Ihrem", "Ihren"} & set(words)
    assert {"Sie", "Ihnen", "Ihre", "Ihrem", "Ihren"} & set(" ".join(formal.paragraphs).split())
