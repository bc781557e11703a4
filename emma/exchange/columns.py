"""The fields an import fills, their labels, and which column of a file holds which field."""

from __future__ import annotations

import re

from emma.domain.folding import fold, strip_accents
from emma.i18n import _

FIELDS: tuple[str, ...] = (
    "customer_number",
    "salutation",
    "title",
    "first_name",
    "last_name",
    "street",
    "house_number",
    "postal_code",
    "city",
    "country",
    "phone",
    "mobile",
    "email",
    "birthday",
    "customer_since",
    "address_form",
    "likes",
    "favourites",
    "notes",
    "postal_mail",
    "email_allowed",
)


def field_label(field: str) -> str:
    """The field's name as the wizard shows it and the export writes it in the header ("Vorname")."""
    return {
        "customer_number": _("Customer number"),
        "salutation": _("Salutation"),
        "title": _("Title"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "street": _("Street"),
        "house_number": _("House number"),
        "postal_code": _("Postal code"),
        "city": _("City"),
        "country": _("Country"),
        "phone": _("Phone"),
        "mobile": _("Mobile"),
        "email": _("E-mail"),
        "birthday": _("Birthday"),
        "customer_since": _("Customer since"),
        "address_form": _("Form of address"),
        "likes": _("Likes"),
        "favourites": _("Favourite products"),
        "notes": _("Notes"),
        "postal_mail": _("Letters allowed"),
        "email_allowed": _("E-mails allowed"),
    }[field]


# Headers as real files name them, German and English, including both labels of `field_label`
# (so an export reads back in either language) and those of Outlook's and Google's contact exports.
# Each is compared after `_key`: case, umlauts, spaces, dots, hyphens and underscores folded away.
_NAMES: dict[str, tuple[str, ...]] = {
    "customer_number": (
        "Kundennummer", "Kunden-Nr.", "Kundennr", "Kd.-Nr.", "Kdnr", "Kunden-ID", "Customer number",
        "Customer no.", "Customer ID", "Client number", "ID",
    ),
    "salutation": ("Anrede", "Salutation", "Geschlecht", "Gender", "Sex"),
    "title": ("Titel", "Title", "Akademischer Titel", "Academic title", "Name prefix", "Namenspräfix"),
    "first_name": (
        "Vorname", "Vornamen", "Rufname", "First name", "Firstname", "Given name", "Given names", "Forename",
    ),
    "last_name": ("Nachname", "Familienname", "Zuname", "Last name", "Lastname", "Surname", "Family name"),
    "street": (
        "Straße", "Strasse", "Str.", "Straße und Hausnummer", "Straße/Hausnummer", "Straße Nr.", "Street",
        "Street address", "Adresse", "Address", "Anschrift", "Address line 1", "Adresszeile 1", "Home street",
    ),
    "house_number": ("Hausnummer", "Hausnr.", "Haus-Nr.", "Nr.", "House number", "House no."),
    "postal_code": (
        "PLZ", "Postleitzahl", "Zip", "ZIP code", "Zipcode", "Postal code", "Postcode", "Post code",
        "Home postal code",
    ),
    "city": ("Ort", "Stadt", "Wohnort", "Ortschaft", "Gemeinde", "City", "Town", "Locality", "Home city"),
    "country": ("Land", "Staat", "Country", "Land/Region", "Country/Region", "Home country/region", "Nation"),
    "phone": (
        "Telefon", "Tel.", "Tel", "Telefonnummer", "Telefon privat", "Festnetz", "Phone", "Telephone",
        "Phone number", "Telephone number", "Home phone", "Landline",
    ),
    "mobile": (
        "Mobil", "Mobiltelefon", "Mobilnummer", "Mobilfunk", "Handy", "Handynummer", "Mobile", "Mobile phone",
        "Mobile number", "Cell", "Cell phone", "Cellphone",
    ),
    "email": (
        "E-Mail", "Email", "Mail", "E-Mail-Adresse", "Emailadresse", "Mailadresse", "E-Mail privat",
        "E-mail address", "Email address", "E-mail 1 - value", "Mail address",
    ),
    "birthday": (
        "Geburtstag", "Geburtsdatum", "Geb.-Datum", "Geb.", "Geboren", "Geboren am", "Birthday", "Date of birth",
        "Birth date", "Birthdate", "DOB",
    ),
    "customer_since": (
        "Kunde seit", "Kundin seit", "Kunden seit", "Dabei seit", "Erstkauf", "Customer since", "Client since",
        "Member since",
    ),
    "address_form": (
        "Du/Sie", "Du", "Sie", "Ansprache", "Anredeform", "Anrede-Form", "Duzen", "Form of address", "Address form",
    ),
    "likes": ("Vorlieben", "Mag", "Interessen", "Likes", "Interests", "Preferences"),
    "favourites": (
        "Lieblinge", "Favoriten", "Lieblingsprodukte", "Lieblingsprodukt", "Favourites", "Favorites",
        "Favourite products", "Favorite products",
    ),
    "notes": (
        "Notizen", "Notiz", "Bemerkung", "Bemerkungen", "Anmerkung", "Anmerkungen", "Kommentar", "Hinweis",
        "Hinweise", "Info", "Notes", "Note", "Comment", "Comments", "Remarks",
    ),
    "postal_mail": (
        "Briefe erlaubt", "Briefe", "Post", "Post erlaubt", "Werbung per Post", "Postal mail", "Letters allowed",
        "Letters", "Mail allowed",
    ),
    "email_allowed": (
        "E-Mail erlaubt", "E-Mails erlaubt", "Newsletter", "E-Mail-Werbung", "Email allowed", "E-mails allowed",
        "E-mail allowed", "Emails allowed",
    ),
}  # fmt: skip

# Recognised only for a field no other column claims: "Name" may be the whole name, and a business
# phone or e-mail is better than none.
_WEAK_NAMES: dict[str, tuple[str, ...]] = {
    "last_name": ("Name", "Kunde", "Kundin", "Kundenname", "Customer", "Customer name"),
    "phone": ("Telefon geschäftlich", "Telefon Arbeit", "Business phone", "Work phone", "Telefon 2", "Phone 2"),
    "email": ("E-Mail geschäftlich", "E-Mail 2", "Business e-mail", "Work e-mail", "E-mail 2 - value"),
    "street": ("Home address", "Privatadresse", "Straße geschäftlich", "Business street"),
    "postal_code": ("PLZ geschäftlich", "Business postal code"),
    "city": ("Ort geschäftlich", "Business city"),
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-_/\\:()\[\]#*]+")
# Words that only say which of several of a kind it is: "Telefon privat", "Phone 1 - Value" (Google).
# And Google's "Address 1 - City": the city is meant, not the address.
_NOISE = re.compile(
    r"(?<![a-z0-9])(?:privat|private|personal|home|primary|value|1|des kunden|der kundin|address|adresse|anschrift)"
    r"(?![a-z0-9])"
)


def _key(header: str) -> str:
    return _SEPARATORS.sub("", fold(header.strip()))


def _lookup(names: dict[str, tuple[str, ...]], *, own: bool) -> dict[str, str]:
    # The field names themselves too: a vCard's table has them as headers.
    table: dict[str, str] = {_key(field): field for field in FIELDS} if own else {}
    for field, aliases in names.items():
        for alias in aliases:
            table.setdefault(_key(alias), field)
    return table


_STRONG = _lookup(_NAMES, own=True)
_WEAK = _lookup(_WEAK_NAMES, own=False)


def _field_of(header: str, table: dict[str, str]) -> str | None:
    key = _key(header)
    if key in table:
        return table[key]
    bare = _key(_NOISE.sub(" ", strip_accents(header.strip())))
    if bare and bare != key:
        return table.get(bare)
    return None


def guess_columns(columns: list[str]) -> dict[int, str]:
    """Column index → field for the columns whose header names a field; each field at most once.

    The first column naming a field wins; a header that could mean several ("Name") only takes a
    field that no other column names plainly.
    """
    if [column.strip() for column in columns] == list(FIELDS):
        return dict(enumerate(FIELDS))
    guessed: dict[int, str] = {}
    taken: set[str] = set()
    for table in (_STRONG, _WEAK):
        for index, header in enumerate(columns):
            if index in guessed:
                continue
            field = _field_of(header, table)
            if field is not None and field not in taken:
                guessed[index] = field
                taken.add(field)
    return dict(sorted(guessed.items()))
