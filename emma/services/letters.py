"""Briefe: personal letters and mailings as one print-ready PDF, with address labels and a log per customer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from emma.domain.customer import AddressForm, Customer
from emma.domain.errors import UserError
from emma.domain.letters import (
    Household,
    Occasion,
    SkipReason,
    household_key,
    personal_line_suggestion,
    salutation,
    skip_reason,
)
from emma.domain.reminders import ROUND_AGES
from emma.i18n import _
from emma.i18n.formats import format_date, format_day_month
from emma.services import settings as shop_settings
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import letters as letter_store
from emma.store import reminders as reminder_store
from emma.store import settings as settings_store

if TYPE_CHECKING:
    from emma.letters.letter_pdf import Letterhead, LetterPage

LETTER_LANGUAGES = ("de", "en")
MAX_LETTERS = 20_000
CLOSINGS = {"de": "Herzliche Grüße", "en": "Kind regards"}


@dataclass(frozen=True)
class Skipped:
    customer_id: int
    name: str
    reason: SkipReason


@dataclass
class MailingResult:
    letters: int = 0
    pages: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    already_this_year: list[int] = field(default_factory=list)  # got a letter of this occasion this year before
    label_pages: int = 0
    regions: dict[str, int] = field(default_factory=dict)  # letters per postal region ("90" or "AT"), for the post


def letter_locale(shop: Shop, language: str) -> str:
    """Dates in the letter's language: the shop's own German locale for German letters, British for English."""
    own = shop_settings.shop_locale(shop, language)
    if language == "de":
        return own if own.startswith("de") else "de_DE"
    return "en_GB"


def birthday_customers(shop: Shop, start: date, end: date) -> list[int]:
    """Customers (not archived) whose birthday falls from `start` to `end`, in no particular order."""
    if end < start:
        raise UserError(_("The end of the period lies before its start."))
    if (end - start).days > 366:
        raise UserError(_("A birthday mailing covers at most a year."))
    return [row[0] for row in reminder_store.birthdays_between(shop.database, start, end)]


def postal_region(country: str, postal_code: str) -> str:
    """The region the post sorts by: the first two digits of a German postal code, else the country."""
    code = postal_code.strip()
    return code[:2] if country == "DE" and code[:2].isdigit() else country


def sent_this_year(shop: Shop, customer_ids: Sequence[int], occasion: Occasion, today: date) -> set[int]:
    """Which of them already got a letter of `occasion` this year (asked before a second one is printed)."""
    return letter_store.sent_since(shop.database, customer_ids, occasion.value, date(today.year, 1, 1))


@dataclass(frozen=True)
class Recipient:
    """A customer as the review of personal lines shows her."""

    customer_id: int
    name: str
    likes: str
    suggestion: str
    left_out: str  # why she gets no letter, or ""


def recipients(shop: Shop, customer_ids: Sequence[int], language: str) -> list[Recipient]:
    """The customers of a mailing with a suggested personal line each, in name order."""
    found = []
    for customer_id in dict.fromkeys(customer_ids):
        customer = customer_store.get(shop.database, customer_id)
        if customer is None:
            continue
        reason = skip_reason(customer)
        likes = ", ".join([*customer.preferences.favourites, *customer.preferences.likes][:4])
        suggestion = personal_line_suggestion(customer, language)
        found.append(Recipient(customer_id, customer.full_name, likes, suggestion, reason.label() if reason else ""))
    return sorted(found, key=lambda recipient: recipient.name.casefold())


@dataclass(frozen=True)
class SentLetter:
    sent_on: date
    occasion: Occasion


def letter_history(shop: Shop, customer_id: int) -> list[SentLetter]:
    """Her letters, newest first (her contact history)."""
    found = []
    for sent_on, occasion, _template in letter_store.history(shop.database, customer_id):
        try:
            found.append(SentLetter(date.fromisoformat(sent_on), Occasion(occasion)))
        except ValueError:
            continue  # an occasion of a later Frau Emma: not shown
    return found


def everyone(shop: Shop) -> list[int]:
    """Every customer not archived (who may get a letter is decided when it is written)."""
    return customer_store.active_ids(shop.database)


def write_letters(
    shop: Shop,
    occasion: Occasion,
    customer_ids: Sequence[int],
    target: Path,
    *,
    language: str,
    today: date,
    template_text: str | None = None,
    personal: dict[int, str] | None = None,
    arrival: str = "",
    birthday_window: tuple[date, date] | None = None,
    order: str = "postal_code",
    labels: Path | None = None,
    label_sheet: str = "3x7",
    label_start: int = 1,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    log: bool = True,
    households: bool = False,
    postcards: bool = False,
) -> MailingResult:
    """Writes one letter per customer who may get one into `target` (and her address label into `labels`);
    those who may not are reported in `skipped`. The template is checked before anything is written. With
    `households`, customers at the same address get one letter together („Liebe Familie Kaya,“); with `postcards`,
    each gets an A6 postcard instead of an A4 letter."""
    from emma.letters.labels import SHEETS, render_labels
    from emma.letters.letter_pdf import LetterPage, is_cancel, render_letters
    from emma.letters.templates import CompiledTemplate, parse_template

    if language not in LETTER_LANGUAGES:
        raise UserError(_("Letters are written in German (de) or English (en)."))
    if len(customer_ids) > MAX_LETTERS:
        raise UserError(_("At most {max} letters at once.").format(max=f"{MAX_LETTERS:,}"))
    own = template_text is None and bool(settings_store.get(shop.database, _template_key(occasion, language)))
    text = template_text if template_text is not None else occasion_template(shop, occasion, language)
    template = parse_template(text)
    compiled = CompiledTemplate(template)
    _try_out(compiled)  # before a folder or a file is made
    locale = letter_locale(shop, language)
    personal = personal or {}
    head = letterhead(shop)
    result = MailingResult()
    # First only who gets a letter, with whom and in which order: ids and sort keys, so that memory stays small
    # for 10,000 letters. Each letter is rendered while it is drawn; a template that fails for one customer
    # still writes nothing, as the PDF is moved into place only when complete.
    letters: dict[object, tuple[tuple, list[int]]] = {}
    for customer_id in dict.fromkeys(customer_ids):
        customer = customer_store.get(shop.database, customer_id)
        if customer is None:
            raise UserError(_("There is no customer number {id}.").format(id=customer_id))
        reason = skip_reason(customer)
        if reason is not None:
            result.skipped.append(Skipped(customer_id, customer.full_name, reason))
            continue
        household = household_key(customer) if households else customer_id
        if household in letters:
            letters[household][1].append(customer_id)
            continue
        key = (customer.country != "DE", customer.country, customer.postal_code.strip(), customer.sort_key())
        letters[household] = (key if order == "postal_code" else (customer.sort_key(),), [customer_id])
        region = postal_region(customer.country, customer.postal_code)
        result.regions[region] = result.regions.get(region, 0) + 1
    members = [ids for _key, ids in sorted(letters.values(), key=lambda letter: letter[0])]
    del letters
    result.regions = dict(sorted(result.regions.items()))
    letter_date = format_date(today, locale, "long")

    def groups() -> Iterator[Household]:
        for ids in members:
            yield Household(tuple(customer_store.get(shop.database, customer_id) for customer_id in ids))

    def pages() -> Iterator[LetterPage]:
        for group in groups():
            first = group.members[0]
            values = _values(first, head, language, locale, personal.get(first.id, ""), arrival, birthday_window)
            values["anrede"] = group.salutation(language)
            rendered = compiled.render(values)
            address = group.address_lines(language)
            yield LetterPage(address, letter_date, rendered.subject, rendered.paragraphs, CLOSINGS[language])

    total = len(members)
    try:
        result.letters, result.pages = render_letters(
            target, head, pages(), locale=locale, title=f"{occasion.label()} – {letter_date}", cancelled=cancelled,
            done=(lambda n: progress(n, total)) if progress else None, layout=_layout(postcards),
        )  # fmt: skip
        if labels is not None:
            result.label_pages = render_labels(
                labels, (group.address_lines(language) for group in groups()), SHEETS[label_sheet],
                start=label_start,
            )  # fmt: skip
    except OSError as error:
        raise UserError(
            _("The letters could not be saved to {path}: {reason}").format(path=target, reason=error.strerror)
        ) from None
    except Exception as error:
        if is_cancel(error):
            raise UserError(_("The letters were cancelled; nothing was written.")) from None
        raise
    if not log:  # a preview
        return result
    ids = [customer_id for group in members for customer_id in group]
    result.already_this_year = sorted(sent_this_year(shop, ids, occasion, today))
    kind = "custom" if template_text is not None else "own" if own else "default"
    letter_store.record(shop.database, ids, occasion.value, kind, now=now or datetime.now())
    return result


def _layout(postcards: bool):
    if not postcards:
        return None  # A4 letters
    from emma.letters.postcard import POSTCARD

    return POSTCARD


def _template_key(occasion: Occasion, language: str) -> str:
    return f"template.{language}.{occasion.value}"


def occasion_template(shop: Shop, occasion: Occasion, language: str) -> str:
    """The owner's own template of an occasion, or the shipped one."""
    own = settings_store.get(shop.database, _template_key(occasion, language))
    if own:
        return own
    from emma.letters.templates import default_template_text

    return default_template_text(occasion, language)


def template_problem(text: str) -> str | None:
    """What is wrong with a template (one sentence), or None; checked against a sample customer."""
    from emma.letters.templates import CompiledTemplate, parse_template

    try:
        _try_out(CompiledTemplate(parse_template(text)))
    except UserError as error:
        return error.message
    return None


def _try_out(compiled) -> None:
    """Renders the template for two sample customers: raises the UserError naming what is wrong with it."""
    from emma.letters.templates import PLACEHOLDERS

    compiled.render({name: "" for name in PLACEHOLDERS} | {"alter": 60, "rund": True})
    compiled.render({name: "" for name in PLACEHOLDERS} | {"du": True})


def save_template(shop: Shop, occasion: Occasion, language: str, text: str) -> None:
    problem = template_problem(text)
    if problem:
        raise UserError(problem)
    settings_store.put(shop.database, _template_key(occasion, language), text)


def reset_template(shop: Shop, occasion: Occasion, language: str) -> None:
    """Back to the shipped template."""
    settings_store.put(shop.database, _template_key(occasion, language), "")


def placeholders() -> list[tuple[str, str]]:
    """(name, what it holds) of every placeholder, for the editor."""
    from emma.letters.templates import PLACEHOLDERS

    return [(name, describe()) for name, describe in PLACEHOLDERS.items()]


def read_template(path: Path) -> str:
    """The text of a template file, checked for what a file can get wrong (unreadable, not UTF-8, huge)."""
    from emma.letters.templates import read_template_file

    template = read_template_file(path)
    return (f"Betreff: {template.subject}\n" if template.subject else "") + template.body


def letterhead(shop: Shop):
    from emma.letters.letter_pdf import Letterhead

    return Letterhead(
        shop_name=shop_settings.shop_name(shop) or _("Frau Emma"),
        address=shop_settings.shop_address(shop),
        contact=shop_settings.shop_contact(shop),
        owner=shop_settings.owner_name(shop),
        logo=shop_settings.shop_logo(shop),
    )


def _values(
    customer: Customer,
    head: Letterhead,
    language: str,
    locale: str,
    personal: str,
    arrival: str,
    birthday_window: tuple[date, date] | None,
) -> dict[str, object]:
    birthday = customer.birthday
    age = None
    if birthday is not None and birthday.year is not None:
        start = birthday_window[0] if birthday_window else date.today()
        age = birthday.next_on_or_after(start).year - birthday.year
    likes = [*customer.preferences.favourites, *customer.preferences.likes][:3]
    joiner = " und " if language == "de" else " and "
    return {
        "anrede": salutation(customer, language),
        "vorname": customer.first_name.strip(),
        "nachname": customer.last_name.strip(),
        "name": customer.full_name,
        "du": customer.address_form is AddressForm.DU,
        "alter": age or "",
        "rund": age in ROUND_AGES,
        "geburtstag": format_day_month(birthday.day, birthday.month, locale) if birthday else "",
        "lieblinge": joiner.join([", ".join(likes[:-1]), likes[-1]] if len(likes) > 1 else likes),
        "stempel": "",
        "praemie": "",
        "neu": arrival,
        "persoenlich": " ".join(personal.split()),
        "laden": head.shop_name,
        "inhaberin": head.owner,
    }
