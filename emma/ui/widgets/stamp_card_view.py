"""A customer's stamp card drawn as a card: filled and empty fields, the reward, the expiry."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from emma.domain.stamps import CardState
from emma.i18n import _
from emma.i18n.formats import format_date

GREEN = QColor("#2f5d50")
PAPER = QColor("#fbf8f1")
FULL = QColor("#b5562e")


class StampFields(QWidget):
    """The picture: a grid of round fields, the first `filled` of them stamped."""

    def __init__(self, state: CardState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self._height_for(300))

    def _columns(self) -> int:
        required = self.state.required
        return required if required <= 10 else min(10, math.ceil(required / math.ceil(required / 10)))

    def _height_for(self, width: int) -> int:
        rows = math.ceil(self.state.required / self._columns())
        size = min(30, (width - 4) / self._columns())
        return int(rows * size + 6)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._height_for(width)

    def sizeHint(self) -> QSize:
        return QSize(300, self._height_for(300))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        columns = self._columns()
        size = min(30.0, (self.width() - 4) / columns)
        radius = size * 0.38
        full = self.state.reward_ready
        for index in range(self.state.required):
            row, column = divmod(index, columns)
            centre_x = 2 + column * size + size / 2
            centre_y = 3 + row * size + size / 2
            rect = QRectF(centre_x - radius, centre_y - radius, 2 * radius, 2 * radius)
            if index < self.state.on_card:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(FULL if full else GREEN)
                painter.drawEllipse(rect)
                painter.setPen(QPen(QColor("white"), max(1.5, radius / 5)))
                tick = QPainterPath()
                tick.moveTo(centre_x - radius * 0.45, centre_y)
                tick.lineTo(centre_x - radius * 0.1, centre_y + radius * 0.35)
                tick.lineTo(centre_x + radius * 0.5, centre_y - radius * 0.35)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(tick)
            else:
                painter.setPen(QPen(QColor("#b8c4bf"), 1.4, Qt.PenStyle.DashLine))
                painter.setBrush(QColor("white"))
                painter.drawEllipse(rect)
        painter.end()


class StampCardView(QWidget):
    """One card with its actions: redeem when full, and a menu for corrections, paper cards, printing."""

    redeem_requested = Signal(int)
    more_requested = Signal(int, QWidget)

    def __init__(self, state: CardState, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("StampCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        program = state.program
        title = QWidget()
        head = QHBoxLayout(title)
        head.setContentsMargins(0, 0, 0, 0)
        name = _label(program.name, bold=True)
        count = _label(_("{stamps} of {required}").format(stamps=state.stamps, required=state.required))
        count.setObjectName("StampCount")
        self.more_button = QToolButton()
        self.more_button.setText("…")
        self.more_button.setToolTip(_("Correct stamps, take over a paper card, print the card"))
        self.more_button.clicked.connect(lambda: self.more_requested.emit(program.id, self.more_button))
        head.addWidget(name, 1)
        head.addWidget(count)
        head.addWidget(self.more_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(StampFields(state))
        self.redeem_button: QPushButton | None = None
        if state.reward_ready:
            banner = _label(_("Card full – redeem: {reward}").format(reward=program.reward), bold=True)
            banner.setObjectName("CardFull")
            banner.setWordWrap(True)
            self.redeem_button = QPushButton(_("Redeem"))
            self.redeem_button.setObjectName("Primary")
            self.redeem_button.clicked.connect(lambda: self.redeem_requested.emit(program.id))
            row = QHBoxLayout()
            row.addWidget(banner, 1)
            row.addWidget(self.redeem_button)
            layout.addLayout(row)
        else:
            hint = _("{n} more for: {reward}").format(n=state.missing, reward=program.reward)
            layout.addWidget(_label(hint, muted=True))
        if state.expires_on:
            layout.addWidget(
                _label(_("valid until {date}").format(date=format_date(state.expires_on, locale)), muted=True)
            )
        if not program.active:
            layout.addWidget(_label(_("This stamp card is paused."), muted=True))


def _label(text: str, *, bold: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    if muted:
        label.setObjectName("CustomerSubline")
        label.setWordWrap(True)
    return label
