"""What Frau Emma is made of, for „Über Frau Emma“: the libraries it ships with their versions and licences (read
from the installed packages' own metadata), the fonts and their licence text."""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from emma.i18n import _

DISTRIBUTION = "frau-emma"
# What pyproject.toml names, for a build that carries no metadata of Frau Emma itself; each one's own
# requirements are then read as usual.
DIRECT = ("PySide6", "sqlite-utils", "reportlab", "babel", "platformdirs", "Jinja2", "Faker", "openpyxl",
          "defusedxml", "vobject")  # fmt: skip
# Only when a package's metadata was not shipped (a frozen build may leave it out): what its licence is.
KNOWN_LICENCES = {
    "pyside6": "LGPL-3.0-only", "sqlite-utils": "Apache-2.0", "reportlab": "BSD", "babel": "BSD-3-Clause",
    "platformdirs": "MIT", "jinja2": "BSD-3-Clause", "faker": "MIT", "openpyxl": "MIT", "defusedxml": "PSF-2.0",
    "vobject": "Apache-2.0",
}  # fmt: skip
TOOLS = {"pip", "setuptools", "wheel"}  # named by some packages, but not part of the program
FONTS_FOLDER = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT_LICENCE = FONTS_FOLDER / "DejaVu-LICENSE.txt"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def python_component() -> Component:
    return Component("Python", platform.python_version(), "PSF-2.0")


def libraries() -> list[Component]:
    """Every library Frau Emma runs on (what it requires, and what those require), by name."""
    found: dict[str, Component] = {}
    try:
        roots = [_requirement_name(line) for line in _requirements(metadata.distribution(DISTRIBUTION))]
    except metadata.PackageNotFoundError:
        roots = list(DIRECT)
    pending = [name for name in roots if name]
    while pending:
        name = pending.pop()
        key = _normalised(name)
        if key in found or key in TOOLS:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if key in KNOWN_LICENCES:
                found[key] = Component(name, "", KNOWN_LICENCES[key])
            continue
        found[key] = Component(distribution.metadata["Name"] or name, distribution.version, licence_of(distribution))
        pending.extend(name for name in map(_requirement_name, _requirements(distribution)) if name)
    return sorted(found.values(), key=lambda component: component.name.lower())


def licence_of(distribution: metadata.Distribution) -> str:
    """The licence a package declares: its SPDX expression, else its short licence field, else its classifier."""
    meta = distribution.metadata
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    declared = (meta.get("License") or "").strip().splitlines()
    if declared and declared[0].strip():
        short = declared[0].strip()
        if len(short) > 60:  # a sentence: „BSD license (see license.txt for details), Copyright …“
            short = re.split(r"\s\(|,", short)[0]
        if len(short) <= 60:
            return short
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return KNOWN_LICENCES.get(_normalised(meta["Name"] or ""), _("see the package"))


def fonts() -> list[str]:
    """The fonts shipped for the letters and cards, by name („DejaVu Sans Bold“)."""
    return sorted(
        path.stem.replace("DejaVuSans", "DejaVu Sans").replace("-", " ") for path in FONTS_FOLDER.glob("*.ttf")
    )


def font_licence_text() -> str:
    """The licence of the DejaVu fonts, as shipped beside them."""
    try:
        return FONT_LICENCE.read_text(encoding="utf-8")
    except OSError:
        return _("The licence text of the fonts is missing from this installation.")


def _requirements(distribution: metadata.Distribution) -> list[str]:
    return [line for line in distribution.requires or [] if "extra ==" not in line]


def _requirement_name(line: str) -> str | None:
    found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
    return found.group(1) if found else None


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
