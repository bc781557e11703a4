"""The shipped DejaVu faces: present with their licence, registered with reportlab once, under our own names."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from emma.letters.fonts import FONTS_DIR, register_fonts


def test_the_fonts_and_their_licence_are_shipped():
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert (FONTS_DIR / name).stat().st_size > 100_000
    licence = (FONTS_DIR / "DejaVu-LICENSE.txt").read_text(encoding="utf-8")
    assert "DejaVu changes are in public domain" in licence
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence


def test_registering_twice_gives_the_same_registered_fonts():
    first = register_fonts()
    registered = {name: pdfmetrics.getFont(name) for name in (first.regular, first.bold)}
    second = register_fonts()
    assert second == first
    assert first.regular != first.bold
    for name, font in registered.items():
        assert pdfmetrics.getFont(name) is font
        assert isinstance(font, TTFont)


def test_the_fonts_have_every_european_letter():
    fonts = register_fonts()
    letters = "ÄÖÜäöüßŁłÓóŚśŹźŻżĆćŃńĄąĘęŞşĞğİıÐđĐØøÆæÅåŒœČčŠšŽžŘřĚěŮůŐőŰűΞξΩωЖжЩщ€"
    for name in (fonts.regular, fonts.bold):
        face = pdfmetrics.getFont(name).face
        missing = [letter for letter in letters if ord(letter) not in face.charToGlyph]
        assert not missing, f"{name} lacks {''.join(missing)}"
