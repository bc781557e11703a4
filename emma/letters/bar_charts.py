"""Small bar charts for printed reports (reportlab graphics): grouped or stacked bars over a dozen categories,
a value axis with round steps and a legend above the plot, drawn onto a canvas at a given place.

The legend and the axis room are measured from the texts themselves, so that long German labels or wide
money figures never run into the bars or into each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from emma.letters.fonts import Fonts
from emma.letters.lines import cut

INK = HexColor("#1d2a35")
MUTED = HexColor("#5d6b78")
GRID = HexColor("#dde4e1")
AXIS = HexColor("#8c99a4")
LABEL_SIZE = 7.5
LEGEND_SIZE = 8
LEGEND_ROW = 14  # the legend's height above the plot
SWATCH = 7


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: Color


def round_scale(largest: float, *, whole: bool = True) -> tuple[float, float]:
    """(top of the axis, step): a round step (1, 2, 2.5 or 5 times a power of ten) giving four to six steps
    above `largest`; an empty chart still gets an axis (0 to 5)."""
    if largest <= 0:
        return 5.0, 1.0
    rough = largest / 5
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if whole and step < 1:
            continue
        if largest / step <= 5:
            break
    if whole and step != int(step):  # 2.5 of something countable would print as 2,5 customers
        step = math.ceil(step)
    return step * max(1, math.ceil(largest / step - 1e-9)), step


def draw_bar_chart(
    canvas: Canvas,
    fonts: Fonts,
    box: tuple[float, float, float, float],
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = False,
    value_text: Callable[[float], str] = str,
    empty_text: str = "",
) -> None:
    """Draws the chart into `box` (x, y, width, height; y the bottom) on `canvas`. Categories may have a
    second line ("Jan.\\n2026"); `value_text` writes the value axis' labels; `empty_text` stands in the
    middle of a chart without a single bar."""
    x, y, width, height = box
    drawing = Drawing(width, height)
    if stacked:
        largest = max((sum(column) for column in zip(*(s.values for s in series), strict=True)), default=0)
    else:
        largest = max((max(s.values, default=0) for s in series), default=0)
    top, step = round_scale(largest)
    steps = [step * n for n in range(round(top / step) + 1)]
    axis_room = max(stringWidth(value_text(value), fonts.regular, LABEL_SIZE) for value in steps) + 6
    two_lines = any("\n" in name for name in categories)
    below = LABEL_SIZE * (2.4 if two_lines else 1.4) + 4

    chart = VerticalBarChart()
    chart.x, chart.y = axis_room, below
    chart.width, chart.height = width - axis_room - 2, height - below - LEGEND_ROW - 6
    chart.data = [list(s.values) for s in series]
    for number, one in enumerate(series):
        chart.bars[number].fillColor = one.colour
        chart.bars[number].strokeColor = None
    chart.barSpacing = 0 if stacked else 1
    chart.groupSpacing = chart.width / len(categories) * (0.35 if stacked else 0.22)
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.style = "stacked" if stacked else "parallel"
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.tickDown = 0
    labels = chart.categoryAxis.labels
    labels.fontName, labels.fontSize, labels.fillColor = fonts.regular, LABEL_SIZE, MUTED
    labels.boxAnchor, labels.dy, labels.leading = "n", -3, LABEL_SIZE * 1.2
    value_axis = chart.valueAxis
    value_axis.valueMin, value_axis.valueMax, value_axis.valueStep = 0, top, step
    value_axis.labelTextFormat = value_text
    value_axis.visibleAxis = 0
    value_axis.visibleTicks = 0
    value_axis.visibleGrid = 1
    value_axis.gridStrokeColor, value_axis.gridStrokeWidth = GRID, 0.5
    value_axis.gridStart, value_axis.gridEnd = chart.x, chart.x + chart.width
    value_axis.labels.fontName, value_axis.labels.fontSize = fonts.regular, LABEL_SIZE
    value_axis.labels.fillColor, value_axis.labels.dx = MUTED, -4
    drawing.add(chart)
    if largest <= 0 and empty_text:
        drawing.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2, empty_text, textAnchor="middle",
                           fontName=fonts.regular, fontSize=LEGEND_SIZE + 1, fillColor=MUTED))  # fmt: skip
    _legend(drawing, fonts, series, left=axis_room, right=width, y=height - LEGEND_ROW + 3)
    renderPDF.draw(drawing, canvas, x, y)


def _legend(drawing: Drawing, fonts: Fonts, series: Sequence[Series], *, left: float, right: float, y: float) -> None:
    """The series' swatches and names in one line, from the left of the plot; a name too long for its share
    of the line is cut rather than run into the next."""
    room = (right - left) / max(1, len(series))
    x = left
    for one in series:
        drawing.add(Rect(x, y, SWATCH, SWATCH, fillColor=one.colour, strokeColor=None))
        name = cut(one.name, fonts.regular, LEGEND_SIZE, room - SWATCH - 16)
        drawing.add(String(x + SWATCH + 4, y + 0.5, name, fontName=fonts.regular, fontSize=LEGEND_SIZE, fillColor=INK))
        x += SWATCH + 4 + stringWidth(name, fonts.regular, LEGEND_SIZE) + 16
