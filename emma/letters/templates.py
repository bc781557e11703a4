"""Letter templates: plain UTF-8 text with placeholders, rendered in Jinja2's sandbox.

A template is the text of a letter: an optional first line „Betreff: …“ (or "Subject: …") and the body,
paragraphs separated by an empty line. Placeholders are written `{{ vorname }}`; a sentence only for some
customers `{% if rund %}…{% endif %}`. What a template cannot do: reach Python's internals or files (the
sandbox), use a placeholder that does not exist (StrictUndefined: the message names it), or run long or
write much (loops nest at most two deep over at most 100 items, the letter is at most 20,000 characters).
Customer data goes in as plain text: the PDF draws it character by character, so nothing in it is markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.i18n import _

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "resources" / "templates"
MAX_OUTPUT = 20_000
MAX_TEMPLATE = 20_000
MAX_RANGE = 100
MAX_LOOP_DEPTH = 2
_SUBJECT = re.compile(r"^\s*(?:Betreff|Subject)\s*:\s*(.*)$", re.IGNORECASE)

# The placeholders a template may use, with what they hold (for the editor's list).
PLACEHOLDERS = {
    "anrede": lambda: _("the greeting line, e.g. „Liebe Anna,“"),
    "vorname": lambda: _("her first name"),
    "nachname": lambda: _("her last name"),
    "name": lambda: _("her full name with title"),
    "du": lambda: _("true when you say Du to her"),
    "alter": lambda: _("the age she turns (empty without a year of birth)"),
    "rund": lambda: _("true for a round birthday"),
    "geburtstag": lambda: _("her birthday, e.g. 3. Juli"),
    "lieblinge": lambda: _("what she likes, e.g. Riesling und Bergkäse"),
    "stempel": lambda: _("stamps on her card"),
    "praemie": lambda: _("the reward of her card"),
    "neu": lambda: _("the new arrival"),
    "persoenlich": lambda: _("your personal line for her"),
    "laden": lambda: _("your shop's name"),
    "inhaberin": lambda: _("your name, under the letter"),
}


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    body_line: int = 1  # the line of the file the body begins on (errors name the owner's line numbers)


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    paragraphs: list[str]


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with multiplication and powers capped (`"x" * 10**9` would fill the memory)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise UserError(_("The template calculates with too large numbers."))
        if (
            operator == "*"
            and isinstance(right, int)
            and isinstance(left, str | list)
            and right * len(left) > MAX_OUTPUT
        ):
            raise UserError(_("The template writes too much text (at most {max} characters per letter).")
                            .format(max=MAX_OUTPUT))  # fmt: skip
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_OUTPUT:
            raise UserError(_("The template writes too much text (at most {max} characters per letter).")
                            .format(max=MAX_OUTPUT))  # fmt: skip
        if isinstance(result, int) and abs(result) > 10**12:
            raise UserError(_("The template calculates with too large numbers."))
        return result


def _environment() -> _Sandbox:
    environment = _Sandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    environment.globals = {"range": _small_range}
    return environment


def _small_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise UserError(_("The template counts too far (at most {max}).").format(max=MAX_RANGE))
    return numbers


def parse_template(text: str) -> Template:
    """Splits a template file's text into subject and body (the first line „Betreff: …“ is optional)."""
    if len(text) > MAX_TEMPLATE:
        raise UserError(_("The template is too long (at most {max} characters).").format(max=MAX_TEMPLATE))
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    first, _newline, rest = text.partition("\n")
    match = _SUBJECT.match(first)
    subject, body, line = (match.group(1).strip(), rest, 2) if match else ("", text, 1)
    skipped = len(body) - len(body.lstrip("\n"))
    return Template(subject, body.strip("\n"), line + skipped)


def read_template_file(path: Path) -> Template:
    try:
        data = path.read_bytes()
    except OSError as error:
        problem = _("The template {path} cannot be read: {reason}").format(path=path, reason=error.strerror)
        raise UserError(problem) from None
    if len(data) > MAX_TEMPLATE * 4:
        raise UserError(_("The template is too long (at most {max} characters).").format(max=MAX_TEMPLATE))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(_("The template {path} is not UTF-8 text.").format(path=path)) from None
    return parse_template(text)


def default_template_text(occasion: Occasion, language: str) -> str:
    """The text of the shipped template of an occasion in "de" or "en"."""
    return (TEMPLATES_DIR / language / f"{occasion.value}.txt").read_text(encoding="utf-8")


def default_template(occasion: Occasion, language: str) -> Template:
    return parse_template(default_template_text(occasion, language))


class CompiledTemplate:
    """A template checked once (syntax, loops), then rendered for many customers."""

    def __init__(self, template: Template) -> None:
        environment = _environment()
        self._body_line = template.body_line
        try:
            self._subject = environment.from_string(template.subject)
        except TemplateError as error:
            raise UserError(_describe(error, first_line=1)) from None
        try:
            self._body = environment.from_string(template.body)
        except TemplateError as error:
            raise UserError(_describe(error, first_line=template.body_line)) from None
        for source in (template.subject, template.body):
            _check_loops(environment.parse(source))

    def render(self, values: dict[str, object]) -> RenderedLetter:
        subject = _render(self._subject, values, first_line=1)
        body = _render(self._body, values, first_line=self._body_line)
        paragraphs = [paragraph.strip() for paragraph in re.split(r"\n\s*\n", body) if paragraph.strip()]
        return RenderedLetter(" ".join(subject.split()), paragraphs)


def _render(template, values: dict[str, object], *, first_line: int) -> str:
    written = 0
    parts = []
    try:
        for part in template.generate(values):
            written += len(part)
            if written > MAX_OUTPUT:
                raise UserError(_("The template writes too much text (at most {max} characters per letter).")
                                .format(max=MAX_OUTPUT))  # fmt: skip
            parts.append(part)
    except TemplateError as error:
        raise UserError(_describe(error, first_line=first_line)) from None
    except UserError:
        raise
    except Exception as error:  # {{ 1 / 0 }}, {{ vorname + 1 }}: the template's mistake, not a bug
        raise UserError(_("The template cannot be filled in: {problem}").format(problem=error)) from None
    return "".join(parts)


def _check_loops(tree: nodes.Template) -> None:
    """No other files (include, import, extends) and loops nested at most `MAX_LOOP_DEPTH` deep."""
    if any(True for _node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))):
        raise UserError(_("A template cannot take in other files."))

    def depth(node: nodes.Node) -> int:
        inner = max((depth(child) for child in node.iter_child_nodes()), default=0)
        return inner + 1 if isinstance(node, nodes.For) else inner

    if depth(tree) > MAX_LOOP_DEPTH:
        raise UserError(_("The template nests its loops too deep (at most {max}).").format(max=MAX_LOOP_DEPTH))


def _describe(error: TemplateError, *, first_line: int) -> str:
    """One sentence for the owner, naming the placeholder or the line (counted in her file, where the part
    that failed begins on `first_line`)."""
    if isinstance(error, UndefinedError):
        name = re.search(r"'([^']+)' is undefined", str(error))
        if name:
            return _("The template uses the unknown placeholder „{name}“.").format(name=name.group(1))
        return _("The template uses something unknown: {problem}").format(problem=error.message)
    if isinstance(error, SecurityError):
        return _("The template reaches into Frau Emma's inside; a letter may not do that.")
    line = getattr(error, "lineno", None)
    if line:
        line += first_line - 1
        return _("The template has an error in line {line}: {problem}").format(line=line, problem=error.message)
    return _("The template has an error: {problem}").format(problem=error.message)
