"""One vCard (2.1, 3.0 or 4.0, as Apple Contacts, Google and Outlook export them) as import fields."""

from __future__ import annotations

import re
import warnings

import vobject

_SALUTATIONS = frozenset(
    {"frau", "fr", "herr", "herrn", "hr", "mr", "mrs", "ms", "miss", "mx", "divers", "madame", "monsieur"}
)
_BIRTHDAY = re.compile(r"(?P<year>\d{4}|--)-?(?P<month>\d{2})-?(?P<day>\d{2})(?:T[\d:]*(?:Z|[+-]\d{2}:?\d{2})?)?")
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
        component = vobject.readOne(card, allowQP=True)
    fields: dict[str, str] = {}
    lines = component.getChildren()
    by_name: dict[str, list] = {}
    for line in lines:
        by_name.setdefault(line.name.upper(), []).append(line)

    _names(fields, by_name)
    _address(fields, by_name.get("ADR", []))
    _phones(fields, by_name.get("TEL", []))
    emails = _ordered(by_name.get("EMAIL", []))
    if emails:
        fields["email"] = _MAIL_URI.sub("", _text(emails[0].value))
    if "BDAY" in by_name:
        fields["birthday"] = _birthday(by_name["BDAY"][0])
    notes = [_text(line.value) for line in by_name.get("NOTE", []) if _text(line.value)]
    if notes:
        fields["notes"] = "\n\n".join(notes)
    for name, field in _OUR_OWN.items():
        if name in by_name:
            fields[field] = _unescape(_text(by_name[name][0].value))
    if "salutation" not in fields and "GENDER" in by_name:  # vCard 4.0
        gender = _text(by_name["GENDER"][0].value).split(";")[0].strip().upper()
        fields["salutation"] = {"F": "Frau", "M": "Herr", "O": "divers"}.get(gender, "")
    return {field: value.strip() for field, value in fields.items() if value and value.strip()}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(part) for part in value if _text(part))
    return str(value).strip()


def _unescape(text: str) -> str:
    """vobject leaves the escapes of properties it does not know (our X-EMMA-…) as they are."""
    if "\\" not in text:
        return text
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


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
        name = by_name["N"][0].value
        if isinstance(name, vobject.vcard.Name):
            fields["last_name"] = _text(name.family)
            fields["first_name"] = " ".join(part for part in (_text(name.given), _text(name.additional)) if part)
            prefix = _text(name.prefix)
            salutation, title = [], []
            for word in prefix.split():
                (salutation if word.lower().rstrip(".") in _SALUTATIONS and not title else title).append(word)
            fields["salutation"] = " ".join(salutation)
            fields["title"] = " ".join(title)
        else:  # a name without semicolons: all of it in the family name
            fields["last_name"] = _text(name)
    if not fields.get("last_name") and not fields.get("first_name"):
        full = _text(by_name["FN"][0].value) if "FN" in by_name else ""
        if full:
            first, _space, last = full.rpartition(" ")
            fields["first_name"], fields["last_name"] = first, last
        elif "ORG" in by_name:
            fields["last_name"] = _text(by_name["ORG"][0].value)


def _address(fields: dict[str, str], lines: list) -> None:
    for line in _ordered(lines):
        address = line.value
        if not isinstance(address, vobject.vcard.Address):
            continue
        street = _text(address.street).replace("\r\n", " ").replace("\n", " ")
        parts = {
            "street": " ".join(street.split()),
            "postal_code": _text(address.code),
            "city": _text(address.city),
            "country": _text(address.country),
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
