"""One vCard (2.1, 3.0 or 4.0, as Apple Contacts, Google and Outlook export them) as import fields."""

from __future__ import annotations

import io
import re
import warnings

import vobject

_SALUTATIONS = frozenset(
    {"frau", "fr", "herr", "herrn", "hr", "mr", "mrs", "ms", "miss", "mx", "divers", "madame", "monsieur"}
)
_BIRTHDAY = re.compile(r"(?P<year>\d{4}|--)-?(?P<month>\d{2})-?(?P<day>\d{2})(?:T[\d:]*(?:Z|[+-]\d{2}:?\d{2})?)?")
_QP_WITHOUT_CHARSET = re.compile(r"^(?![^:\r\n]*CHARSET)([^:\r\n]*QUOTED-PRINTABLE[^:\r\n]*):", re.I | re.M)
_ESCAPE = re.compile(r"\\([\\,;:nN])")
_UNESCAPED_SEMICOLON = re.compile(r"(?<!\\);")
_LINE_BREAKS = re.compile(r"\r\n?")
_TEL_URI = re.compile(r"^tel:", re.IGNORECASE)
_MAIL_URI = re.compile(r"^mailto:", re.IGNORECASE)
_OUR_OWN = {
    "X-EMMA-SALUTATION": "salutation",
    "X-EMMA-ADDRESS-FORM": "address_form",
    "X-EMMA-CUSTOMER-SINCE": "customer_since",
    "X-EMMA-LIKES": "likes",
    "X-EMMA-FAVOURITES": "favourites",
    "X-EMMA-POSTAL-MAIL": "postal_mail",
    "X-EMMA-EMAIL-ALLOWED": "email_allowed",
}


def fields_of(card: str) -> dict[str, str]:
    """The fields of `columns.FIELDS` that the vCard `card` fills; raises whatever vobject raises on a broken one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            lines = _content_lines(card)
        except UnicodeDecodeError:
            # Outlook's quoted-printable without a CHARSET is Windows-1252; vobject takes it for UTF-8.
            lines = _content_lines(_QP_WITHOUT_CHARSET.sub(r"\1;CHARSET=Windows-1252:", card))
    if len(lines) < 2 or lines[0].name.upper() != "BEGIN" or lines[-1].name.upper() != "END":
        raise ValueError("not a whole vCard")
    fields: dict[str, str] = {}
    by_name: dict[str, list] = {}
    for line in lines[1:-1]:
        by_name.setdefault(line.name.upper(), []).append(line)

    _names(fields, by_name)
    _address(fields, by_name.get("ADR", []))
    _phones(fields, by_name.get("TEL", []))
    emails = _ordered(by_name.get("EMAIL", []))
    if emails:
        fields["email"] = _MAIL_URI.sub("", _text(emails[0].value))
    if "BDAY" in by_name:
        fields["birthday"] = _birthday(by_name["BDAY"][0])
    notes = [_LINE_BREAKS.sub("\n", _text(line.value)) for line in by_name.get("NOTE", []) if _text(line.value)]
    if notes:
        fields["notes"] = "\n\n".join(notes)
    for name, field in _OUR_OWN.items():
        if name in by_name:
            fields[field] = _text(by_name[name][0].value)
    if not fields.get("salutation") and "GENDER" in by_name:  # vCard 4.0
        gender = _text(by_name["GENDER"][0].value).split(";")[0].strip().upper()
        fields["salutation"] = {"F": "Frau", "M": "Herr", "O": "divers"}.get(gender, "")
    return {field: value.strip() for field, value in fields.items() if value and value.strip()}


def _content_lines(card: str) -> list:
    """The card's lines, unfolded and quoted-printable decoded by vobject, their values as in the file.

    Not vobject's components: its vCard behaviour cuts a text value at the first comma that is not
    escaped, as Outlook and vCard 2.1 leave them.
    """
    return [
        vobject.base.textLineToContentLine(line, number)
        for line, number in vobject.base.getLogicalLines(io.StringIO(card), allowQP=True)
    ]


def _text(value: object) -> str:
    """A text value without its escapes: \\n is a line break, \\, a comma, \\; a semicolon."""
    text = "" if value is None else str(value)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text)
    return text.strip()


def _parts(value: object, count: int) -> list[str]:
    """The parts of a structured value (N, ADR) split at the semicolons that are not escaped."""
    parts = [_text(part) for part in _UNESCAPED_SEMICOLON.split(str(value or ""))]
    return (parts + [""] * count)[:count]


def _types(line) -> set[str]:
    """TYPE=CELL, type=cell;type=voice, TYPE="cell,voice" and vCard 2.1's bare ;CELL;VOICE, folded to upper case."""
    found: set[str] = set()
    for value in [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]:
        found.update(part.strip().strip('"').upper() for part in str(value).split(","))
    if "PREF" in line.params:
        found.add("PREF")
    return found


def _ordered(lines: list) -> list:
    """Preferred entries first, then home ones, then the rest in file order."""
    return sorted(lines, key=lambda line: (0 if "PREF" in _types(line) else 1, 0 if "HOME" in _types(line) else 1))


def _names(fields: dict[str, str], by_name: dict[str, list]) -> None:
    if "N" in by_name:
        family, given, additional, prefix, _suffix = _parts(by_name["N"][0].value, 5)
        fields["last_name"] = family
        fields["first_name"] = " ".join(part for part in (given, additional) if part)
        salutation: list[str] = []
        title: list[str] = []
        for word in prefix.replace(",", " ").split():
            (salutation if word.lower().rstrip(".") in _SALUTATIONS and not title else title).append(word)
        fields["salutation"] = " ".join(salutation)
        fields["title"] = " ".join(title)
    if not fields.get("last_name") and not fields.get("first_name"):
        full = _text(by_name["FN"][0].value) if "FN" in by_name else ""
        if full:
            first, _space, last = full.rpartition(" ")
            fields["first_name"], fields["last_name"] = first, last
        elif "ORG" in by_name:
            fields["last_name"] = " ".join(part for part in _parts(by_name["ORG"][0].value, 3) if part)


def _address(fields: dict[str, str], lines: list) -> None:
    for line in _ordered(lines):
        _box, _extended, street, city, _region, code, country = _parts(line.value, 7)
        parts = {
            "street": " ".join(street.split()),  # Outlook may break a street over two lines
            "postal_code": code,
            "city": city,
            "country": country,
        }
        if any(parts.values()):
            fields.update(parts)
            return


def _phones(fields: dict[str, str], lines: list) -> None:
    for line in _ordered(lines):
        types = _types(line)
        number = _TEL_URI.sub("", _text(line.value))
        if not number or (types & {"FAX", "PAGER", "TEXTPHONE"} and not types & {"CELL", "VOICE"}):
            continue
        field = "mobile" if types & {"CELL", "MOBILE", "IPHONE"} else "phone"
        if field not in fields:
            fields[field] = number


def _birthday(line) -> str:
    """YYYY-MM-DD, or --MM-DD without a year (also Apple's year 1604 marked X-APPLE-OMIT-YEAR)."""
    value = _text(line.value)
    match = _BIRTHDAY.fullmatch(value.replace(" ", ""))
    if not match:
        return value
    year, month, day = match["year"], match["month"], match["day"]
    omitted = line.params.get("X-APPLE-OMIT-YEAR", [])
    if year == "--" or year in omitted or year == "1604":
        return f"--{month}-{day}"
    return f"{year}-{month}-{day}"
