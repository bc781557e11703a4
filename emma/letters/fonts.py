"""The shipped DejaVu Sans faces, registered with reportlab so every European name prints and copies as text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"

# Our own names, so they never clash with a "DejaVuSans" someone else registers from another file.
REGULAR = "Emma-DejaVuSans"
BOLD = "Emma-DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@dataclass(frozen=True)
class Fonts:
    """The reportlab font names to pass to `setFont` and `stringWidth`."""

    regular: str
    bold: str


def register_fonts() -> Fonts:
    """Register the shipped faces with reportlab (once: later calls find them there) and return their names.

    Call it where the fonts are needed, right before drawing; reportlab's own registry is the only state.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
    if REGULAR not in registered:
        # So <b> in a Paragraph finds the bold face; DejaVu Sans has no italic shipped, so italic stays upright.
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return Fonts(regular=REGULAR, bold=BOLD)
