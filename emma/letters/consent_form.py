"""The consent form to sign at the counter: one A4 page with the shop's name, her data, one box per purpose
(birthday greetings, letters with offers, e-mail), what revoking means, and lines for the date and signature.

The boxes are printed empty: consent is what she ticks herself (Art. 7 DSGVO), not what the shop filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from emma.domain.customer import Customer, customer_code
from emma.i18n import _
from emma.i18n.formats import country_name, format_date, format_day_month
from emma.letters.fonts import Fonts, register_fonts
from emma.letters.lines import cut, wrap
from emma.letters.output import written_whole

INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
ACCENT = HexColor("#2f5d50")
RULE = HexColor("#9aa8a3")
MARGIN = 22 * mm
BOX = 5 * mm


@dataclass(frozen=True)
class ConsentForm:
    shop_name: str
    shop_address: str
    customer: Customer
    locale: str
    today: date


def purposes() -> list[tuple[str, str]]:
    """The purposes she can tick, each with a line that says what it means."""
    return [
        (_("Birthday greetings"), _("a card or letter by post for my birthday")),
        (_("Letters with offers"), _("news, offers and invitations of the shop by post")),
        (_("E-mail"), _("news and offers by e-mail to the address above")),
    ]


def render_consent_form(target: Path, form: ConsentForm) -> None:
    """Writes the form as a one-page A4 PDF, whole or not at all."""
    fonts = register_fonts()
    with written_whole(target) as out:
        canvas = Canvas(out, pagesize=A4, initialFontName=fonts.regular, lang=form.locale.replace("_", "-"))
        canvas.setTitle(_("Consent form"))
        canvas.setAuthor(form.shop_name)
        canvas.setCreator("Frau Emma")
        _draw(canvas, form, fonts)
        canvas.showPage()
        canvas.save()


def customer_lines(customer: Customer, locale: str) -> list[tuple[str, str]]:
    """Her data as printed on the form (empty where nothing is known, for her to fill in)."""
    birthday = customer.birthday
    if birthday is None:
        born = ""
    elif birthday.year:
        born = format_date(date(birthday.year, birthday.month, birthday.day), locale)
    else:
        born = format_day_month(birthday.day, birthday.month, locale)
    town = f"{customer.postal_code} {customer.city}".strip()
    if customer.country != locale.split("_")[-1]:
        town = f"{town}, {country_name(customer.country, locale)}".strip(", ")
    return [
        (_("Customer number"), customer_code(customer.id) if customer.id else ""),
        (_("Name"), customer.full_name),
        (_("Street"), customer.street),
        (_("Postal code, town"), town),
        (_("Birthday"), born),
        (_("Phone"), customer.phone),
        (_("E-mail"), customer.email),
    ]


def _draw(canvas: Canvas, form: ConsentForm, fonts: Fonts) -> None:
    width, height = A4
    left, right = MARGIN, width - MARGIN
    text_width = right - left
    y = height - MARGIN
    canvas.setFillColor(INK)
    canvas.setFont(fonts.bold, 15)
    canvas.drawString(left, y - 12, cut(form.shop_name or _("Your shop"), fonts.bold, 15, text_width))
    y -= 18
    if form.shop_address:
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.regular, 9.5)
        canvas.drawString(left, y - 9, cut(form.shop_address, fonts.regular, 9.5, text_width))
        y -= 12
    y -= 14 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(fonts.bold, 17)
    canvas.drawString(left, y, _("Consent to letters, greetings and e-mail"))
    y -= 11 * mm

    canvas.setFillColor(INK)
    label_width = 42 * mm
    for label, value in customer_lines(form.customer, form.locale):
        canvas.setFont(fonts.regular, 9.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, y, label)
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, 11)
        canvas.drawString(left + label_width, y, cut(value, fonts.bold, 11, text_width - label_width))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(left + label_width, y - 2.2 * mm, right, y - 2.2 * mm)
        y -= 8.5 * mm
    y -= 5 * mm

    y = _paragraph(canvas, fonts, _("I agree that {shop} keeps the data above and uses it for what I tick below:")
                   .format(shop=form.shop_name or _("the shop")), left, y, text_width)  # fmt: skip
    y -= 3 * mm
    for title, meaning in purposes():
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1)
        canvas.rect(left, y - BOX + 3.5, BOX, BOX)
        canvas.setFont(fonts.bold, 11.5)
        canvas.drawString(left + BOX + 4 * mm, y - 8, title)
        canvas.setFont(fonts.regular, 10)
        canvas.setFillColor(MUTED)
        for line in wrap(meaning, fonts.regular, 10, text_width - BOX - 4 * mm):
            y -= 13
            canvas.drawString(left + BOX + 4 * mm, y - 8, line)
        canvas.setFillColor(INK)
        y -= 11 * mm
    y -= 2 * mm
    revoke = _(
        "My consent is voluntary. I can revoke it at any time, in whole or in part, for the future – at the "
        "counter, by letter or by e-mail. What was done before stays lawful. I can object to the use of my data "
        "for advertising at any time (Art. 21 GDPR); then I get no more advertising."
    )
    canvas.setFillColor(MUTED)
    y = _paragraph(canvas, fonts, revoke, left, y, text_width, size=9.5)
    canvas.setFillColor(INK)

    y = max(y - 26 * mm, MARGIN + 22 * mm)
    half = (text_width - 12 * mm) / 2
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    canvas.line(left, y, left + half, y)
    canvas.line(right - half, y, right, y)
    canvas.setFont(fonts.regular, 9)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, y - 12, _("Place, date"))
    canvas.drawString(right - half, y - 12, _("Signature"))
    canvas.setFont(fonts.regular, 7.5)
    canvas.drawString(left, MARGIN - 6 * mm, _("Printed on {date} with Frau Emma.").format(
        date=format_date(form.today, form.locale)))  # fmt: skip


def _paragraph(canvas: Canvas, fonts: Fonts, text: str, left: float, y: float, width: float, *,
               size: float = 11) -> float:  # fmt: skip
    canvas.setFont(fonts.regular, size)
    leading = size * 1.4
    for line in wrap(text, fonts.regular, size, width):
        canvas.drawString(left, y, line)
        y -= leading
    return y
