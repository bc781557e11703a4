"""Auswertung: revenue and visits per month beside the year before, new and returning customers, the ABC
Pareto curve, the portfolio of value against loyalty, stamp cards and letters – each chart with its numbers
one click away – and the segments, whose customers are one double click away (to open one, or to write
them a letter). Computed off the GUI thread when the area is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from babel.dates import format_date as babel_date
from babel.numbers import get_currency_symbol
from PySide6.QtCharts import QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from emma.domain.errors import UserError
from emma.i18n import _
from emma.i18n.formats import currency_of, format_date, format_money, format_number
from emma.services.insights import Insights, Month, insights, months_and_year_before
from emma.services.segments import SegmentReport, remember, segments
from emma.services.shop import Shop
from emma.ui.widgets.chart_panel import COLOURS, ChartPanel
from emma.ui.workers import Worker

MAX_POINTS = 3000  # the portfolio shows at most this many customers (evenly chosen), the table all counts


class InsightsView(QWidget):
    status_message = Signal(str)
    open_customer = Signal(int)
    letters_wanted = Signal(object)  # {customer id: name} to write to

    def __init__(self, shop: Shop, today: Callable[[], date], locale: str, pool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shop = shop
        self._today = today
        self._locale = locale
        self._pool = pool
        self._loading: dict[str, object] | None = None  # the parts there so far, while computing
        self._workers: list[Worker] = []
        self.data: Insights | None = None

        title = QLabel(_("Insights"))
        title.setObjectName("AreaTitle")
        self.day_label = QLabel()
        self.day_label.setObjectName("AreaSubtitle")
        self.refresh_button = QPushButton(_("Refresh"))
        self.report_button = QPushButton(_("Monthly report …"))
        self.report_button.setToolTip(_("The month's figures and charts on one or two A4 pages, for your files"))
        self.revenue = ChartPanel(_("Revenue per month"))
        self.visits = ChartPanel(_("Purchases per month"))
        self.customers = ChartPanel(_("New and returning customers"))
        self.pareto = ChartPanel(_("Who carries the revenue (ABC)"))
        self.portfolio = ChartPanel(_("Value and loyalty (last 12 months)"))
        self.stamps = ChartPanel(_("Stamp cards"))
        self.letters = ChartPanel(_("Letters and who came back within 30 days"))
        self.segment_tables = SegmentTables(self)
        self.tabs = QTabWidget()
        money_tab = QWidget()
        money_layout = QVBoxLayout(money_tab)
        money_layout.addWidget(self.revenue, 1)
        money_layout.addWidget(self.visits, 1)
        for widget, name in (
            (money_tab, _("Revenue")), (self.customers, _("New and returning")), (self.pareto, _("ABC")),
            (self.portfolio, _("Portfolio")), (self.stamps, _("Stamp cards")), (self.letters, _("Letters")),
            (self.segment_tables, _("Segments")),
        ):  # fmt: skip
            self.tabs.addTab(widget, name)
        self.busy = QLabel(_("Computing …"))
        self.busy.setObjectName("FieldHint")
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(title)
        heading.addWidget(self.day_label)
        top.addLayout(heading, 1)
        top.addWidget(self.busy)
        top.addWidget(self.refresh_button)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.refresh_button.clicked.connect(self.reload)
        self.report_button.clicked.connect(self.monthly_report)
        self.busy.hide()
        self._shown_once = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.reload()

    # --- computing ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Computes the months and the segments in two workers, each on a connection of its own, and shows each
        part when it is there; the view stays usable meanwhile."""
        on = self._today()
        if self._shop.path is None:
            self.show_insights(insights(self._shop, on))
            return
        if self._loading:
            return
        self._loading = {}

        def months_job(_progress, _cancelled):
            with self._shop.reader() as shop:
                return months_and_year_before(shop, on)

        def segments_job(_progress, _cancelled):
            with self._shop.reader() as shop:
                return segments(shop, on)

        self.busy.show()
        self.refresh_button.setEnabled(False)
        self._workers = [worker for worker in self._workers if not worker.ran]
        for part, job in (("months", months_job), ("segments", segments_job)):
            worker = Worker(job)
            self._workers.append(worker)
            worker.signals.finished.connect(lambda result, part=part: self._part_loaded(on, part, result))
            worker.signals.failed.connect(self._failed)
            self._pool.start(worker)

    def wait_for_reload(self) -> None:
        self._pool.waitForDone()

    def _part_loaded(self, on: date, part: str, result) -> None:
        if self._loading is None:  # the other part failed
            return
        self._loading[part] = result
        if part == "months":
            self._show_months(*result)
        else:
            self._show_segments(result)
        if len(self._loading) == 2:
            (months, year_before), report = self._loading["months"], self._loading["segments"]
            self._loading = None
            self.busy.hide()
            self.refresh_button.setEnabled(True)
            self.data = Insights(on=on, months=months, year_before=year_before, segments=report)
            self._keep_segments(report)

    def _keep_segments(self, report: SegmentReport) -> None:
        """Everyone's classes for the customers' panels and the list's filters, written in a worker."""
        if self._shop.closed:  # the window is being replaced (a backup restored): the file is not ours to write
            return
        path = self._shop.path

        def job(_progress, _cancelled):
            from emma.services.shop import open_shop

            shop = open_shop(path)
            try:
                remember(shop, report)
            finally:
                shop.close()

        worker = Worker(job)
        worker.signals.failed.connect(
            lambda _error: self.status_message.emit(_("The segments could not be kept for the customer list."))
        )
        self._workers.append(worker)
        self._pool.start(worker)

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        self.busy.hide()
        self.refresh_button.setEnabled(True)
        self.status_message.emit(error.message if isinstance(error, UserError) else _("The figures could not be read."))

    # --- showing --------------------------------------------------------------------------------------

    def show_insights(self, data: Insights) -> None:
        self._show_months(data.months, data.year_before)
        self._show_segments(data.segments)
        self.data = data

    def _show_months(self, now: list[Month], before: list[Month]) -> None:
        symbol = get_currency_symbol(currency_of(self._locale), locale=self._locale)
        labels = [babel_date(month.first_day, "MMM yy", locale=self._locale) for month in now]
        this_year, year_before = _("last 12 months"), _("the year before")
        revenue = [(this_year, [m.revenue_cents for m in now]), (year_before, [m.revenue_cents for m in before])]
        self._monthly(self.revenue, labels, revenue, money=symbol)
        self._monthly(self.visits, labels, [(this_year, [m.purchases for m in now]),
                                            (year_before, [m.purchases for m in before])])  # fmt: skip
        self._monthly(self.customers, labels, [(_("returning"), [m.returning_customers for m in now]),
                                               (_("new"), [m.new_customers for m in now])], stacked=True)  # fmt: skip
        self._monthly(self.stamps, labels, [(_("cards started"), [m.cards_started for m in now]),
                                            (_("rewards redeemed"), [m.rewards_redeemed for m in now])])  # fmt: skip
        self._monthly(self.letters, labels, [(_("letters sent"), [m.letters_sent for m in now]),
                                             (_("came back within 30 days"), [m.came_back for m in now])])  # fmt: skip

    def _show_segments(self, report: SegmentReport) -> None:
        locale = self._locale
        heading = _("On {day}; revenue of the last 12 months from {start}")
        self.day_label.setText(heading.format(day=format_date(report.on, locale, "long"),
                                              start=format_date(report.start, locale, "long")))  # fmt: skip
        self._show_pareto(report)
        self._show_portfolio(report, get_currency_symbol(currency_of(locale), locale=locale))
        self.segment_tables.show_report(report, locale)

    def _monthly(self, panel: ChartPanel, months: list[str], sets: list[tuple[str, list[int]]], *, money: str = "",
                 stacked: bool = False) -> None:  # fmt: skip
        """Bars per month (money in cents, shown in whole units) and the same numbers as a table."""
        locale = self._locale
        scale = 100 if money else 1
        panel.set_bars(months, [(name, [value / scale for value in values]) for name, values in sets],
                       stacked=stacked, unit=money)  # fmt: skip
        shown = (lambda value: format_money(value, locale)) if money else (lambda value: format_number(value, locale))
        rows = [(label, *(shown(values[index]) for _name, values in sets)) for index, label in enumerate(months)]
        panel.set_table([_("Month"), *(name for name, _values in sets)], rows)

    def _show_pareto(self, report: SegmentReport) -> None:
        curve = QLineSeries()
        curve.setName(_("share of revenue"))
        curve.setColor(QColor(COLOURS[0]))
        for customers, revenue in report.pareto:
            curve.append(customers, revenue)
        line = QLineSeries()
        line.setName(_("{percent} of the revenue").format(percent="80 %"))
        line.setColor(QColor(COLOURS[1]))
        line.append(0, 80)
        line.append(100, 80)
        panel = self.pareto
        panel.clear()
        for series in (curve, line):
            panel.chart.addSeries(series)
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(0, 100)
        y_axis.setRange(0, 100)
        x_axis.setTitleText(_("share of customers, the best first (%)"))
        y_axis.setTitleText(_("share of revenue (%)"))
        for axis, side in ((x_axis, Qt.AlignmentFlag.AlignBottom), (y_axis, Qt.AlignmentFlag.AlignLeft)):
            axis.setLabelFormat("%.0f")
            panel.chart.addAxis(axis, side)
            curve.attachAxis(axis)
            line.attachAxis(axis)
        share = _("{share} of the customers bring {line} of the revenue.")
        panel.note.setText(share.format(share=f"{report.abc['A'].customer_share:.0f} %", line="80 %"))
        panel.set_table([_("Class"), _("Customers"), _("Share of customers"), _("Share of revenue"), _("Revenue")], [
            (name, format_number(c.customers, self._locale), f"{c.customer_share:.1f} %", f"{c.revenue_share:.1f} %",
             format_money(c.revenue_cents, self._locale)) for name, c in report.abc.items()])  # fmt: skip

    def _show_portfolio(self, report: SegmentReport, symbol: str) -> None:
        buyers = [c for c in report.customers if c.quadrant is not None]
        step = max(1, len(buyers) // MAX_POINTS)
        panel = self.portfolio
        panel.clear()
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setTitleText(_("purchases in 12 months"))
        y_axis.setTitleText(_("revenue in 12 months ({symbol})").format(symbol=symbol))
        shown = buyers[::step]
        x_axis.setRange(0, max((c.purchases for c in shown), default=1) * 1.05)
        y_axis.setRange(0, max((c.revenue_cents / 100 for c in shown), default=1) * 1.05)
        x_axis.setLabelFormat("%.0f")
        y_axis.setLabelFormat("%.0f")
        x_axis.applyNiceNumbers()
        y_axis.applyNiceNumbers()
        panel.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        panel.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for index, (quadrant, counted) in enumerate(report.quadrants.items()):
            series = QScatterSeries()
            series.setName(f"{quadrant.label()} ({format_number(counted, self._locale)})")
            series.setMarkerSize(6)
            series.setColor(QColor(COLOURS[index]))
            series.setBorderColor(QColor(COLOURS[index]))
            for customer in shown:
                if customer.quadrant is quadrant:
                    series.append(customer.purchases, customer.revenue_cents / 100)
            panel.chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        if step > 1:
            panel.note.setText(_("Every {step}th customer is drawn; the table counts all.").format(step=step))
        rows = [
            (quadrant.label(), format_number(counted, self._locale)) for quadrant, counted in report.quadrants.items()
        ]
        panel.set_table([_("Group"), _("Customers")], rows)

    # --- paper ----------------------------------------------------------------------------------------

    def monthly_report(self) -> None:
        from emma.ui.views.monthly_report_dialog import ask_and_write_report

        ask_and_write_report(self, self._shop, self._today(), self.status_message.emit)


class SegmentTables(QWidget):
    """Counts per ABC class, phase, RFM group and portfolio group; a double click lists the customers."""

    def __init__(self, view: InsightsView) -> None:
        super().__init__(view)
        self._view = view
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Segment"), _("Group"), _("Customers")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(self._open_row)
        hint = QLabel(_("Double-click a group to see its customers – to open one, or to write them all a letter."))
        hint.setObjectName("FieldHint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        self._groups: list[tuple[str, Callable]] = []

    def show_report(self, report, locale: str) -> None:
        rows: list[tuple[str, str, int, Callable]] = []
        for name, counted in report.abc.items():
            rows.append((_("ABC class"), name, counted.customers, lambda c, n=name: c.abc == n))
        for phase, counted in report.phases.items():
            rows.append((_("Phase"), phase.label(), counted, lambda c, p=phase: c.phase is p))
        for group, counted in report.rfm.items():
            rows.append((_("RFM"), group.label(), counted, lambda c, g=group: c.rfm is g))
        for quadrant, counted in report.quadrants.items():
            rows.append((_("Portfolio"), quadrant.label(), counted, lambda c, q=quadrant: c.quadrant is q))
        self._groups = [(f"{segment}: {group}", test) for segment, group, _count, test in rows]
        self.table.setRowCount(len(rows))
        for row, (segment, group, counted, _test) in enumerate(rows):
            for column, text in enumerate((segment, group, format_number(counted, locale))):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def _open_row(self, row: int, _column: int) -> None:
        from emma.ui.views.segment_customers import SegmentCustomers

        title, test = self._groups[row]
        ids = [c.id for c in self._view.data.segments.customers if test(c)]
        dialog = SegmentCustomers(self._view._shop, title, ids, self)
        dialog.open_customer.connect(self._view.open_customer)
        dialog.letters_wanted.connect(self._view.letters_wanted)
        dialog.exec()
