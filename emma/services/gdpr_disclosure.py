"""Auskunft (Art. 15 DSGVO): everything stored about one customer, as a readable PDF and as JSON beside it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from emma.domain.customer import Customer, Preferences, customer_code
from emma.domain.errors import UserError
from emma.domain.letters import Occasion
from emma.domain.reminders import ReminderKind
from emma.i18n import _, current_language
from emma.i18n.formats import country_name, format_date, format_day_month, format_money
from emma.services import settings as shop_settings
from emma.services.gdpr import living_customer, suppression_check
from emma.services.shop import Shop
from emma.store import gdpr as gdpr_store

FORMAT = "frau-emma-disclosure/1"
_INTERNAL_COLUMNS = ("sort_key", "erased_on")


@dataclass(frozen=True)
class DisclosureFiles:
    pdf: Path
    json: Path
    pages: int


def disclosure_paths(output: Path) -> tuple[Path, Path]:
    """The PDF and the JSON for `-o FILE`: "auskunft.pdf" gives auskunft.pdf and auskunft.json beside it; a
    name without .pdf gets both endings added ("auskunft" → auskunft.pdf, auskunft.json)."""
    if output.suffix.lower() == ".pdf":
        return output, output.with_suffix(".json")
    return output.with_name(output.name + ".pdf"), output.with_name(output.name + ".json")


def customer_data(shop: Shop, customer_id: int, *, today: date | None = None) -> dict:
    """Everything stored about her, as plain JSON values (money in cents, dates in ISO form)."""
    customer = living_customer(shop, customer_id)
    rows = gdpr_store.disclosure_rows(shop.database, customer_id)
    profile = {key: value for key, value in rows["customer"][0].items() if key not in _INTERNAL_COLUMNS}
    preferences: dict[str, list[str]] = {}
    for row in rows["preferences"]:
        preferences.setdefault(row["kind"], []).append(row["tag"])
    matched = suppression_check(shop)(customer)
    return {
        "format": FORMAT,
        "made_on": (today or date.today()).isoformat(),
        "shop": {
            "name": shop_settings.shop_name(shop),
            "address": shop_settings.shop_address(shop),
            "contact": shop_settings.shop_contact(shop),
        },
        "customer": {"code": customer_code(customer_id), **profile},
        "preferences": preferences,
        "objection_on_file": matched.consent.postal_objected_on.isoformat()
        if matched.consent.postal_objected_on
        else None,
        "purchases": [{**row, "items": json.loads(row["items"])} for row in rows["purchases"]],
        "stamps": rows["stamps"],
        "letters_sent": rows["letters"],
        "todos": rows["todos"],
        "reminders_dealt_with": rows["reminders"],
        "imports": [{**row, "created": bool(row["created"])} for row in rows["imports"]],
    }


def export_customer_data(shop: Shop, customer_id: int, output: Path, *, today: date | None = None) -> DisclosureFiles:
    """Writes the Auskunft for her: the PDF to read and the JSON to take along (see `disclosure_paths`)."""
    from emma.letters.disclosure import Disclosure, render_disclosure

    day = today or date.today()
    data = customer_data(shop, customer_id, today=day)
    pdf, json_path = disclosure_paths(output)
    if not pdf.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=pdf.parent))
    locale = shop_settings.shop_locale(shop, current_language())
    customer = living_customer(shop, customer_id)
    document = Disclosure(
        title=_("Information on stored data (Art. 15 GDPR)"),
        subtitle=_("{name} ({code}), as of {date}").format(
            name=customer.full_name, code=customer_code(customer_id), date=format_date(day, locale)
        ),
        shop_name=" · ".join(part for part in (data["shop"]["name"], data["shop"]["address"]) if part),
        intro=_(
            "This is everything the shop keeps about you in its customer file. It is used to serve you at the "
            "counter (purchases, stamp cards) and, as far as you agreed, for greetings and offers. It is given to "
            "no one else. Purchases are kept for the period the tax law requires. You may ask for your data to be "
            "corrected or erased, object to advertising and revoke a consent at any time."
        ),
        locale=locale,
        sections=_sections(customer, data, locale),
    )
    try:
        pages = render_disclosure(pdf, document)
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(_("The file could not be saved to {path}: {reason}").format(
            path=pdf, reason=error.strerror or error)) from None  # fmt: skip
    return DisclosureFiles(pdf, json_path, pages)


def _sections(customer: Customer, data: dict, locale: str):
    from emma.letters.disclosure import Section

    def day(text: str | None) -> str:
        return format_date(date.fromisoformat(text[:10]), locale) if text else ""

    def moment(text: str) -> str:
        return f"{day(text)} {text[11:16]}".strip()

    profile = data["customer"]
    birthday = ""
    if customer.birthday is not None:
        b = customer.birthday
        birthday = (format_date(date(b.year, b.month, b.day), locale, "long") if b.year
                    else format_day_month(b.day, b.month, locale))  # fmt: skip
    yes, no = _("yes"), _("no")
    consent = customer.consent
    sections = [
        Section(_("Profile"), [
            (_("Customer number"), profile["code"]),
            (_("Salutation"), customer.salutation.label()),
            (_("Name"), customer.full_name),
            (_("Address"), "\n".join(line for line in (customer.street, f"{customer.postal_code} {customer.city}",
                                                       country_name(customer.country, locale)) if line.strip())),
            (_("Phone"), customer.phone), (_("E-mail"), customer.email), (_("Birthday"), birthday),
            (_("Customer since"), day(profile["customer_since"])),
            (_("Form of address"), customer.address_form.label()),
            (_("Archived"), yes if customer.archived else no),
            (_("Recorded on"), moment(profile["created_at"])), (_("Last changed"), moment(profile["updated_at"])),
        ]),
        Section(_("Consent and objection"), [
            (_("Letters allowed"), yes if consent.postal_mail else no),
            (_("Objection to advertising"), day(data["objection_on_file"]) or no),
            (_("E-mail allowed"), yes if consent.email else no),
            (_("Consent form signed on"), day(profile["consent_signed_on"]) or no),
        ]),
        Section(_("Preferences"), [(Preferences.kind_label(kind), ", ".join(tags))
                                   for kind, tags in data["preferences"].items()]),
        Section(_("Notes"), [(_("Notes"), customer.notes)] if customer.notes.strip() else []),
        Section(_("Purchases"), [
            (moment(p["at"]), " · ".join(part for part in (
                format_money(p["amount_cents"], locale), ", ".join(p["items"]), p["note"],
                _("reversed on {date}: {reason}").format(date=day(p["reversed_at"]), reason=p["reversal_reason"])
                if p["reversed_at"] else "") if part))
            for p in data["purchases"]
        ]),
        Section(_("Stamps"), [(moment(s["at"]), f"{s['program']}: {s['stamps']:+d} {s['reason']}".strip())
                              for s in data["stamps"]]),
        Section(_("Letters sent"), [(day(row["sent_on"]), _occasion(row["occasion"])) for row in data["letters_sent"]]),
        Section(_("Reminders and to-dos"), [
            *((day(t["due"]), t["text"]) for t in data["todos"]),
            *((day(r["at"]), _reminder(r["kind"]) + (f" ({r['occasion']})" if r["occasion"] else ""))
              for r in data["reminders_dealt_with"]),
        ]),
        Section(_("Imports"), [(moment(i["imported_at"]), i["file_name"]) for i in data["imports"]],
                empty=_("not imported from a file")),
    ]  # fmt: skip
    return sections


def _occasion(value: str) -> str:
    try:
        return Occasion(value).label()
    except ValueError:
        return value


def _reminder(value: str) -> str:
    try:
        return ReminderKind(value).label()
    except ValueError:
        return value
