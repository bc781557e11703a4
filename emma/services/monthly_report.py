"""The Monatsbericht of a month: the Auswertung's figures up to its last day (or today, while it runs), written
as a PDF for the owner's files."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from emma.domain.errors import UserError
from emma.i18n import _, current_language
from emma.letters.monthly_report import AbcRow, MonthFigures, MonthlyReport, render_monthly_report
from emma.services import settings as shop_settings
from emma.services.insights import MONTHS, Month, month_starts, months_between
from emma.services.segments import segments
from emma.services.shop import Shop

FIRST_YEAR, LAST_YEAR = 1900, 2999  # the twelve months before and a year earlier must still be dates


def write_monthly_report(
    shop: Shop, month: date, target: Path, *, today: date | None = None, make_folder: bool = True
) -> Path:
    """Writes the report of the month `month` lies in to `target` and returns the path. A month in the future
    or before the first purchase gives a report of zeros. `make_folder=False` for a path the owner typed: its
    folder must exist."""
    today = today or date.today()
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        raise UserError(_("A monthly report can be made for the years {first} to {last}.").format(
            first=FIRST_YEAR, last=LAST_YEAR))  # fmt: skip
    report = monthly_report(shop, month, today=today)
    locale = shop_settings.shop_locale(shop, current_language())
    try:
        render_monthly_report(target, report, locale=locale, make_folder=make_folder)
    except OSError as error:
        raise UserError(_("The report could not be written to {path}: {reason}").format(
            path=target, reason=error.strerror or error)) from error  # fmt: skip
    return target


def monthly_report(shop: Shop, month: date, *, today: date) -> MonthlyReport:
    """The figures of the report: counted up to the month's last day, or up to today while the month runs (so
    that the phases are those of today, not of a day to come)."""
    first = month.replace(day=1)
    last = _month_end(first)
    through = today if first <= today < last else last
    found = months_between(shop, month_starts(through, 2 * MONTHS)[0], through)
    this_year, last_year = found[MONTHS:], found[:MONTHS]
    # Classes and phases on a day to come would be a guess (everyone "drifting away"): those of today instead.
    # Not kept for the panels: those stay the Auswertung's of today.
    report = segments(shop, min(through, today))
    previous_through, year_before_through = _same_day(through, -1), _same_day(through, -12)
    if through < last:  # a month that runs is compared with the same days of the other two, not their whole
        previous = _so_far(shop, previous_through)
        year_before = _so_far(shop, year_before_through)
    else:
        previous, year_before = _figures(this_year[-2]), _figures(last_year[-1])
    return MonthlyReport(
        shop_name=shop_settings.shop_name(shop) or _("My shop"),
        month=first,
        through=through,
        created_on=today,
        figures=_figures(this_year[-1]),
        previous_month=previous,
        year_before=year_before,
        previous_through=previous_through if through < last else _month_end(previous_through),
        year_before_through=year_before_through if through < last else _month_end(year_before_through),
        months=[m.first_day for m in this_year],
        revenue_cents=[m.revenue_cents for m in this_year],
        revenue_year_before_cents=[m.revenue_cents for m in last_year],
        new_customers=[m.new_customers for m in this_year],
        returning_customers=[m.returning_customers for m in this_year],
        abc=[AbcRow(name, c.customers, c.customer_share, c.revenue_share) for name, c in report.abc.items()],
        phases=[(phase.label(), count) for phase, count in report.phases.items()],
        segments_from=report.start,
        segments_on=report.on,
    )


def _figures(month: Month) -> MonthFigures:
    return MonthFigures(
        revenue_cents=month.revenue_cents,
        purchases=month.purchases,
        new_customers=month.new_customers,
        returning_customers=month.returning_customers,
        cards_started=month.cards_started,
        rewards_redeemed=month.rewards_redeemed,
        letters_sent=month.letters_sent,
        came_back=month.came_back,
    )


def _so_far(shop: Shop, through: date) -> MonthFigures:
    """The figures of the month of `through` from its first day to `through`."""
    return _figures(months_between(shop, through.replace(day=1), through)[-1])


def _same_day(day: date, months: int) -> date:
    """The same day `months` months later (or earlier), or that month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    first = date(index // 12, index % 12 + 1, 1)
    return min(first.replace(day=1) + timedelta(days=day.day - 1), _month_end(first))


def _month_end(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
