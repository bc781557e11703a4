"""The Monatsbericht: a month's figures beside the month before and the same month a year earlier, two charts
of the twelve months up to it, and who carries the shop (ABC classes, life-cycle phases), on two A4 pages
for the owner's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.numbers import format_currency, format_percent
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from emma.i18n import _
from emma.i18n.formats import currency_of, format_date, format_money, format_number
from emma.letters.bar_charts import Series, draw_bar_chart
from emma.letters.fonts import Fonts, register_fonts
from emma.letters.output import written_whole
from emma.letters.stamp_card import fit_text, wrap_text

INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
ACCENT = HexColor("#2f5d50")
RULE = HexColor("#c9d3cf")
PALE = HexColor("#a9bdb5")  # the year before, beside this year's ACCENT
GOLD = HexColor("#c9a227")
DOWN = HexColor("#b5523b")
MARGIN = 18 * mm
ROW = 6.6 * mm
CHART_HEIGHT = 80 * mm


@dataclass(frozen=True)
class MonthFigures:
    revenue_cents: int = 0
    purchases: int = 0
    new_customers: int = 0
    returning_customers: int = 0
    cards_started: int = 0
    rewards_redeemed: int = 0
    letters_sent: int = 0
    came_back: int = 0  # of the letters' recipients, those who bought within 30 days after

    @property
    def average_cents(self) -> int | None:
        return round(self.revenue_cents / self.purchases) if self.purchases else None


@dataclass(frozen=True)
class AbcRow:
    name: str  # "A", "B", "C"
    customers: int
    customer_share: float  # in %
    revenue_share: float  # in %


@dataclass(frozen=True)
class MonthlyReport:
    shop_name: str
    month: date  # its first day
    through: date  # the last day counted: the month's last, or today while it runs
    created_on: date
    figures: MonthFigures
    previous_month: MonthFigures
    year_before: MonthFigures
    previous_through: date  # the last day counted of the month before: the same day while `month` runs
    year_before_through: date
    months: list[date] = field(default_factory=list)  # first days of the 12 months up to `month`, oldest first
    revenue_cents: list[int] = field(default_factory=list)  # per month of `months`
    revenue_year_before_cents: list[int] = field(default_factory=list)  # the same months a year earlier
    new_customers: list[int] = field(default_factory=list)
    returning_customers: list[int] = field(default_factory=list)
    abc: list[AbcRow] = field(default_factory=list)
    phases: list[tuple[str, int]] = field(default_factory=list)  # (label, customers)
    segments_from: date | None = None  # the ABC classes' revenue is counted from this day to `segments_on`
    segments_on: date | None = None  # the day of the classes and phases (today for a month still to come)

    @property
    def upcoming(self) -> bool:
        return self.month > self.created_on


def render_monthly_report(target: Path, data: MonthlyReport, *, locale: str, make_folder: bool = True) -> int:
    """Writes the report as an A4 PDF (whole or not at all) and returns its number of pages. `make_folder`
    creates the target's folder (for Frau Emma's own; a folder the owner named must exist)."""
    fonts = register_fonts()
    pages = (_figures_page, _customers_page)
    with written_whole(target, make_folder=make_folder) as out:
        canvas = Canvas(out, pagesize=A4, initialFontName=fonts.regular, lang=locale.replace("_", "-"))
        canvas.setTitle(_title(data, locale))
        canvas.setAuthor(data.shop_name)
        canvas.setCreator("Frau Emma")
        for number, page in enumerate(pages, start=1):
            page(_Page(canvas, fonts, locale), data)
            _footer(_Page(canvas, fonts, locale), data, number, len(pages))
            canvas.showPage()
        canvas.save()
    return len(pages)


@dataclass
class _Page:
    """One page being drawn, top to bottom: `y` is where the next thing goes."""

    canvas: Canvas
    fonts: Fonts
    locale: str
    y: float = A4[1] - MARGIN
    left: float = MARGIN
    right: float = A4[0] - MARGIN

    def text(self, x: float, text: str, *, size: float = 9, bold: bool = False, colour=INK, room: float = 0,
             align: str = "left") -> None:  # fmt: skip
        fitted = fit_text(text, self.fonts.bold if bold else self.fonts.regular, size, size - 2,
                          room or self.right - x)  # fmt: skip
        self.canvas.setFont(fitted.font, fitted.size)
        self.canvas.setFillColor(colour)
        draw = {"left": self.canvas.drawString, "right": self.canvas.drawRightString}[align]
        draw(x, self.y, fitted.text)

    def heading(self, text: str) -> None:
        self.y -= 9 * mm
        self.text(self.left, text, size=12, bold=True, colour=ACCENT)
        self.y -= 2.2 * mm
        self.rule(0.6)

    def rule(self, width: float = 0.3) -> None:
        self.canvas.setStrokeColor(RULE)
        self.canvas.setLineWidth(width)
        self.canvas.line(self.left, self.y, self.right, self.y)

    def note(self, text: str) -> None:
        """A small muted remark of up to two lines under a table or chart."""
        for line in wrap_text(text, self.fonts.regular, 7.5, 6.5, self.right - self.left, lines=2):
            self.y -= 3.6 * mm
            self.canvas.setFont(line.font, line.size)
            self.canvas.setFillColor(MUTED)
            self.canvas.drawString(self.left, self.y, line.text)


# --- page 1: the figures and the revenue ------------------------------------------------------------------


def _figures_page(page: _Page, data: MonthlyReport) -> None:
    page.y -= 9
    page.text(page.left, data.shop_name, colour=MUTED)
    page.y -= 10 * mm
    page.text(page.left, _title(data, page.locale), size=20, bold=True)
    page.y -= 6.5 * mm
    page.text(page.left, _period(data, page.locale), size=10, colour=MUTED)
    page.heading(_("The month in figures"))
    _figures_table(page, data)
    page.heading(_("Revenue per month"))
    _revenue_chart(page, data)


def _figures_table(page: _Page, data: MonthlyReport) -> None:
    locale = page.locale
    columns = [page.right - 82 * mm, page.right - 54 * mm, page.right - 26 * mm, page.right]  # right edges
    heads = [
        (_("This month"), _span(data.month, data.through, locale)),
        (_("Month before"), _span(_shifted(data.month, -1), data.previous_through, locale)),
        (_("A year before"), _span(_shifted(data.month, -12), data.year_before_through, locale)),
        (_("Change"), _("on a year before")),
    ]
    page.y -= 5 * mm
    for (head, _below), right in zip(heads, columns, strict=True):
        page.text(right, head, size=8, bold=True, colour=MUTED, room=25 * mm, align="right")
    page.y -= 3.6 * mm
    for (_head, below), right in zip(heads, columns, strict=True):
        page.text(right, below, size=8, colour=MUTED, room=25 * mm, align="right")
    page.y -= 2.2 * mm
    page.rule()

    def money(cents: int | None) -> str:
        return "–" if cents is None else format_money(cents, locale)

    def number(value: int) -> str:
        return format_number(value, locale)

    def came_back(figures: MonthFigures) -> str:
        if not figures.letters_sent:
            return "–"
        share = format_percent(figures.came_back / figures.letters_sent, locale=locale)
        return f"{number(figures.came_back)} ({share})"

    months = (data.figures, data.previous_month, data.year_before)
    rows = [
        (_("Revenue"), [money(m.revenue_cents) for m in months], "revenue_cents"),
        (_("Purchases"), [number(m.purchases) for m in months], "purchases"),
        (_("Average purchase"), [money(m.average_cents) for m in months], "average_cents"),
        (_("New customers"), [number(m.new_customers) for m in months], "new_customers"),
        (_("Returning customers"), [number(m.returning_customers) for m in months], "returning_customers"),
        (_("Stamp cards started"), [number(m.cards_started) for m in months], "cards_started"),
        (_("Rewards redeemed"), [number(m.rewards_redeemed) for m in months], "rewards_redeemed"),
        (_("Letters sent"), [number(m.letters_sent) for m in months], "letters_sent"),
        (_("Of them came back within 30 days"), [came_back(m) for m in months], None),
    ]
    for label, values, attribute in rows:
        page.y -= ROW
        indent = 0 if attribute else 4 * mm  # "of them …" belongs to the row above
        page.text(page.left + indent, label, size=9.5, room=columns[0] - 24 * mm - page.left - indent)
        for value, right, bold in zip(values, columns, (True, False, False), strict=False):
            page.text(right, value, size=9.5, bold=bold, colour=INK if bold else MUTED, room=25 * mm, align="right")
        if attribute and not data.upcoming:  # "−100 %" for a month still to come would only alarm
            change, colour = _change(getattr(data.figures, attribute), getattr(data.year_before, attribute), locale)
            page.text(columns[3], change, size=9.5, colour=colour, room=22 * mm, align="right")
        page.y -= 2.2 * mm
        page.rule()
    if data.figures.letters_sent and data.created_on <= _month_end(data.month) + timedelta(days=30):  # may grow
        page.note(_("Came back: bought within 30 days after the letter. For letters of the last 30 days the count "
                    "can still grow."))  # fmt: skip


def _change(now: int | None, before: int | None, locale: str) -> tuple[str, object]:
    """ "+12 %" (accent) or "−5 %" (red) against a year before; a dash where there is nothing to compare."""
    if not now and not before:
        return "–", MUTED
    if not before:
        return _("new"), ACCENT
    ratio = (now or 0) / before - 1
    pattern = _percent_pattern(locale)
    text = format_percent(ratio, f"+{pattern};−{pattern}", locale=locale)
    return text, ACCENT if ratio > 0.005 else DOWN if ratio < -0.005 else MUTED


def _revenue_chart(page: _Page, data: MonthlyReport) -> None:
    locale = page.locale
    this_year = _("{start} to {end}").format(start=_short(data.months[0], locale), end=_short(data.months[-1], locale))
    before = [_shifted(month, -12) for month in data.months]
    year_before = _("{start} to {end}").format(start=_short(before[0], locale), end=_short(before[-1], locale))
    page.y -= CHART_HEIGHT + 3 * mm
    draw_bar_chart(
        page.canvas,
        page.fonts,
        (page.left, page.y, page.right - page.left, CHART_HEIGHT),
        _month_labels(data.months, locale),
        [
            Series(year_before, [cents / 100 for cents in data.revenue_year_before_cents], PALE),
            Series(this_year, [cents / 100 for cents in data.revenue_cents], ACCENT),
        ],
        value_text=lambda euros: _whole_money(euros, locale),
        empty_text=_("No purchases in these months."),
    )
    if not data.upcoming and data.through < _month_end(data.month):
        page.note(_("{month}: up to {day}.").format(month=_short(data.month, locale),
                                                    day=format_date(data.through, locale)))  # fmt: skip


# --- page 2: the customers --------------------------------------------------------------------------------


def _customers_page(page: _Page, data: MonthlyReport) -> None:
    page.y -= 9
    page.text(page.left, f"{data.shop_name} · {_title(data, page.locale)}",
              colour=MUTED)  # fmt: skip
    page.y -= 2 * mm
    page.heading(_("New and returning customers per month"))
    page.y -= CHART_HEIGHT + 3 * mm
    draw_bar_chart(
        page.canvas,
        page.fonts,
        (page.left, page.y, page.right - page.left, CHART_HEIGHT),
        _month_labels(data.months, page.locale),
        [
            Series(_("Returning customers"), data.returning_customers, ACCENT),
            Series(_("New customers"), data.new_customers, GOLD),
        ],
        stacked=True,
        value_text=lambda value: format_number(int(value), page.locale),
        empty_text=_("No purchases in these months."),
    )
    _abc_table(page, data)
    _phases_table(page, data)


def _abc_table(page: _Page, data: MonthlyReport) -> None:
    locale = page.locale
    page.heading(_("Who carries the shop: ABC classes"))
    columns = [page.left + 80 * mm, page.left + 127 * mm, page.right]
    page.y -= 5 * mm
    page.text(page.left, _("Class"), size=8, bold=True, colour=MUTED)
    for head, right in zip((_("Number of customers"), _("Share of the customers"), _("Share of the revenue")), columns,
                           strict=True):  # fmt: skip
        page.text(right, head, size=8, bold=True, colour=MUTED, room=44 * mm, align="right")
    page.y -= 2.2 * mm
    page.rule()
    meaning = {"A": _("the best customers"), "B": _("the middle"), "C": _("the rest")}
    for row in data.abc:
        page.y -= ROW
        page.text(page.left, row.name, size=9.5, bold=True)
        page.text(page.left + 6 * mm, meaning.get(row.name, ""), size=9.5, colour=MUTED, room=60 * mm)
        values = (format_number(row.customers, locale), _percent(row.customer_share, locale),
                  _percent(row.revenue_share, locale))  # fmt: skip
        for value, right in zip(values, columns, strict=True):
            page.text(right, value, size=9.5, room=40 * mm, align="right")
        page.y -= 2.2 * mm
        page.rule()
    if data.segments_from:
        period = _("Revenue from {start} to {end}.").format(
            start=format_date(data.segments_from, locale), end=format_date(data.segments_on or data.through, locale)
        )
    else:
        period = ""
    classes = _("A: the customers who together bring {a} of the revenue, B: the next {b}, C: the rest.").format(
        a=_percent(80, locale), b=_percent(15, locale))  # fmt: skip
    page.note(" ".join((classes, period)).strip())


def _phases_table(page: _Page, data: MonthlyReport) -> None:
    locale = page.locale
    page.heading(_("Where the customers stand: life-cycle phases"))
    total = sum(count for _label, count in data.phases) or 1
    bar_left, bar_room = page.left + 95 * mm, page.right - page.left - 95 * mm
    widest = max((count for _label, count in data.phases), default=0) or 1
    for label, count in data.phases:
        page.y -= ROW
        page.text(page.left, label, size=9.5, room=60 * mm)
        page.text(page.left + 75 * mm, format_number(count, locale), size=9.5, room=14 * mm, align="right")
        page.text(page.left + 90 * mm, _percent(100 * count / total, locale), size=9.5, colour=MUTED, room=14 * mm,
                  align="right")  # fmt: skip
        if count:
            page.canvas.setFillColor(ACCENT)
            page.canvas.rect(bar_left + 2 * mm, page.y - 0.4 * mm, (bar_room - 2 * mm) * count / widest, 3.2 * mm,
                             stroke=0, fill=1)  # fmt: skip
        page.y -= 2.2 * mm
        page.rule()
    page.note(_("As of {day}.").format(day=format_date(data.segments_on or data.through, locale)))


# --- shared pieces ----------------------------------------------------------------------------------------


def _footer(page: _Page, data: MonthlyReport, number: int, pages: int) -> None:
    page.y = MARGIN - 4 * mm
    made = _("Created on {day} with Frau Emma").format(day=format_date(data.created_on, page.locale, "long"))
    page.text(page.left, made, size=8, colour=MUTED, room=120 * mm)
    page.text(page.right, _("Page {number} of {pages}").format(number=number, pages=pages), size=8, colour=MUTED,
              room=40 * mm, align="right")  # fmt: skip


def _title(data: MonthlyReport, locale: str) -> str:
    return _("Monthly report {month}").format(month=babel_date(data.month, "LLLL yyyy", locale=locale))


def _period(data: MonthlyReport, locale: str) -> str:
    start, end = format_date(data.month, locale, "long"), format_date(data.through, locale, "long")
    if data.upcoming:
        return _("{start} to {end} (the month is still to come)").format(start=start, end=end)
    if data.through < _month_end(data.month):
        return _("{start} to {end} (the month is not over yet)").format(start=start, end=end)
    return _("{start} to {end}").format(start=start, end=end)


def _month_labels(months: list[date], locale: str) -> list[str]:
    """ "Jan." for every month, with the year under the first and under every January."""
    return [
        babel_date(month, "LLL", locale=locale) + (f"\n{month.year}" if n == 0 or month.month == 1
                                                   else "")
        for n, month in enumerate(months)
    ]  # fmt: skip


def _span(month: date, through: date, locale: str) -> str:
    """ "Nov. 2026" for a whole month, "to 24.11.2026" for part of it."""
    if through >= _month_end(month):
        return _short(month, locale)
    return _("to {day}").format(day=format_date(through, locale))


def _short(month: date, locale: str) -> str:
    return babel_date(month, "LLL yyyy", locale=locale)


def _whole_money(amount: float, locale: str) -> str:
    """Money without cents, for an axis: „12.000 €“, "€12,000", "CHF 12’000"."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(Decimal(round(amount)), currency_of(locale), pattern, locale=locale, currency_digits=False)


def _percent(share: float, locale: str) -> str:
    """Whole per cent; below 1 % one decimal, so that a few customers do not read as none."""
    pattern = _percent_pattern(locale)
    return format_percent(share / 100, pattern.replace("0", "0.#") if 0 < share < 1 else pattern, locale=locale)


def _percent_pattern(locale: str) -> str:
    """The locale's own per-cent pattern („12 %“, "12%") without its sign part."""
    return Locale.parse(locale).percent_formats[None].pattern.split(";")[0]


def _shifted(month: date, months: int) -> date:
    """The first day of the month `months` after (or before) `month`."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(month: date) -> date:
    return _shifted(month, 1) - timedelta(days=1)
