"""A chart with the numbers behind it one click away: „Zahlen“ turns the chart into a table and back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emma.i18n import _

COLOURS = ("#2f5d50", "#c9a227", "#b5523b", "#5b7fa6", "#8a6d9e", "#7a8b5a")


class ChartPanel(QWidget):
    """A titled chart and its table; `show_numbers(True)` shows the table."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(4)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.table)
        self.numbers_button = QPushButton(_("Numbers"))
        self.numbers_button.setCheckable(True)
        self.numbers_button.setToolTip(_("The numbers behind the chart as a table"))
        self.numbers_button.toggled.connect(self.show_numbers)
        self.note = QLabel()
        self.note.setObjectName("FieldHint")
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.numbers_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

    def show_numbers(self, shown: bool) -> None:
        self.pages.setCurrentIndex(1 if shown else 0)
        self.numbers_button.setChecked(shown)

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)

    def set_bars(self, categories: Sequence[str], sets: Sequence[tuple[str, Sequence[float]]], *,
                 stacked: bool = False, unit: str = "") -> None:  # fmt: skip
        """Bars per category, one set per (name, values); side by side or stacked; `unit` names the value axis
        (Qt's axis labels are printf-formatted: a € in the format would print as "?")."""
        self.clear()
        series = QStackedBarSeries() if stacked else QBarSeries()
        highest = 0.0
        for index, (name, values) in enumerate(sets):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(COLOURS[index % len(COLOURS)]))
            bar_set.setBorderColor(QColor(COLOURS[index % len(COLOURS)]))
            bar_set.append([float(value) for value in values])
            series.append(bar_set)
            highest = max(highest, *values, 0)
        if stacked:
            highest = max((sum(values) for values in zip(*(v for _n, v in sets), strict=True)), default=0)
        self.chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(list(categories))
        y_axis = QValueAxis()
        y_axis.setRange(0, _nice_top(highest))
        y_axis.setLabelFormat("%.0f")
        y_axis.setTitleText(unit)
        y_axis.setTickCount(6)
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    def clear(self) -> None:
        """No series and no axes: ready for a chart drawn by hand."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)


def _nice_top(value: float) -> float:
    """A round top for the value axis, a little above `value`."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude
