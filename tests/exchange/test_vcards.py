"""Reading vCards as Apple Contacts, Google and Outlook export them, and writing our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from emma.domain.birthdays import Birthday
from emma.domain.customer import AddressForm, Consent, Customer, Preferences, Salutation
from emma.domain.errors import UserError
from emma.exchange.columns import FIELDS, guess_columns
from emma.exchange.reading import read_table
from emma.exchange.writing import write_vcards

APPLE = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.4//EN
N:Müller;Anna;Maria;Dr.;
FN:Dr. Anna Maria Müller
ORG:Blumen Müller;
item1.EMAIL;type=INTERNET;type=pref:anna.mueller@example.de
item2.EMAIL;type=INTERNET:anna@work.example
TEL;type=CELL;type=VOICE;type=pref:+49 170 1234567
TEL;type=HOME;type=VOICE:030 123456
TEL;type=HOME;type=FAX:030 999
item3.ADR;type=HOME;type=pref:;;Hauptstraße 5;Berlin;;10115;Deutschland
item3.X-ABADR:de
NOTE:Mag Rosen\\, keine Lilien.\\nKommt samstags.
BDAY:1965-07-03
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR
 ofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIy
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Schmidt;Bernd;;;
FN:Bernd Schmidt
BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-24
END:VCARD
"""

GOOGLE = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Carla Özdemir\r
N:Özdemir;Carla;;;\r
EMAIL;TYPE=INTERNET;TYPE=HOME:carla@example.com\r
TEL;TYPE=CELL:0171 2345678\r
ADR;TYPE=HOME:;;Am Markt 1;Wien;;1010;Österreich\r
BDAY:--03-15\r
NOTE:Eine lange Notiz\\, die Google in mehrere Zeilen faltet\\, weil sie länger a\r
 ls fünfundsiebzig Zeichen ist.\r
CATEGORIES:myContacts\r
END:VCARD\r
"""

OUTLOOK = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=de;CHARSET=Windows-1252:Weiß;Jürgen\r\n"
    "FN;CHARSET=Windows-1252:Jürgen Weiß\r\n"
    "TEL;HOME;VOICE:(089) 123456\r\n"
    "TEL;CELL;VOICE:0151 9876543\r\n"
    "ADR;HOME;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:;;Gartenstra=DFe 7;M=FCnchen;;80331;Deutschland\r\n"
    "LABEL;HOME;ENCODING=QUOTED-PRINTABLE:Gartenstra=DFe 7=0D=0A80331 M=FCnchen\r\n"
    "EMAIL;PREF;INTERNET:juergen@example.de\r\n"
    "BDAY:19580229\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Stammkunde seit 1990.=0D=0AM=F6chte keine Werbung, nur =\r\n"
    "Briefe zum Geburtstag.\r\n"
    "REV:20240101T120000Z\r\n"
    "END:VCARD\r\n"
)

VCARD4 = """BEGIN:VCARD
VERSION:4.0
N:Nguyen;Linh;;;
FN:Linh Nguyen
GENDER:F
TEL;TYPE="cell,voice";VALUE=uri:tel:+49-160-555
TEL;TYPE=home;VALUE=uri:tel:+49-30-555
EMAIL;TYPE=work:linh@example.org
ADR;TYPE=home;LABEL="Lindenallee 3\\n20095 Hamburg":;;Lindenallee 3;Hamburg;;20095;Germany
BDAY:--0704
NOTE:Allergie: Nüsse
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Praxis Dr. Weber
ORG:Praxis Dr. Weber
BDAY:19800101
END:VCARD
"""


def fields(table, index: int) -> dict[str, str]:
    return {field: cell for field, cell in zip(table.columns, table.rows[index].cells, strict=True) if cell}


def vcf(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "kontakte.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_apple_contacts(tmp_path: Path) -> None:
    table = read_table(vcf(tmp_path, APPLE))
    assert table.columns == list(FIELDS)
    assert guess_columns(table.columns) == dict(enumerate(FIELDS))
    assert fields(table, 0) == {
        "title": "Dr.",
        "first_name": "Anna Maria",
        "last_name": "Müller",
        "street": "Hauptstraße 5",
        "postal_code": "10115",
        "city": "Berlin",
        "country": "Deutschland",
        "phone": "030 123456",
        "mobile": "+49 170 1234567",
        "email": "anna.mueller@example.de",
        "birthday": "1965-07-03",
        "notes": "Mag Rosen, keine Lilien.\nKommt samstags.",
    }
    assert fields(table, 1) == {"first_name": "Bernd", "last_name": "Schmidt", "birthday": "--12-24"}
    assert [row.number for row in table.rows] == [1, 2]


def test_google_contacts(tmp_path: Path) -> None:
    table = read_table(vcf(tmp_path, GOOGLE))
    assert fields(table, 0) == {
        "first_name": "Carla",
        "last_name": "Özdemir",
        "street": "Am Markt 1",
        "postal_code": "1010",
        "city": "Wien",
        "country": "Österreich",
        "mobile": "0171 2345678",
        "email": "carla@example.com",
        "birthday": "--03-15",
        "notes": "Eine lange Notiz, die Google in mehrere Zeilen faltet, weil sie länger als "
        "fünfundsiebzig Zeichen ist.",
    }


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_outlook_vcard_21_with_quoted_printable(tmp_path: Path, encoding: str) -> None:
    table = read_table(vcf(tmp_path, OUTLOOK, encoding))
    assert fields(table, 0) == {
        "first_name": "Jürgen",
        "last_name": "Weiß",
        "street": "Gartenstraße 7",
        "postal_code": "80331",
        "city": "München",
        "country": "Deutschland",
        "phone": "(089) 123456",
        "mobile": "0151 9876543",
        "email": "juergen@example.de",
        "birthday": "1958-02-29",
        "notes": "Stammkunde seit 1990.\nMöchte keine Werbung, nur Briefe zum Geburtstag.",
    }


def test_vcard_40(tmp_path: Path) -> None:
    table = read_table(vcf(tmp_path, VCARD4))
    assert fields(table, 0) == {
        "salutation": "Frau",
        "first_name": "Linh",
        "last_name": "Nguyen",
        "street": "Lindenallee 3",
        "postal_code": "20095",
        "city": "Hamburg",
        "country": "Germany",
        "phone": "+49-30-555",
        "mobile": "+49-160-555",
        "email": "linh@example.org",
        "birthday": "--07-04",
        "notes": "Allergie: Nüsse",
    }
    # No N: the full name is split, the last word taken as the last name.
    assert fields(table, 1) == {"first_name": "Praxis Dr.", "last_name": "Weber", "birthday": "1980-01-01"}


def test_salutation_in_the_name_prefix(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Meyer;Eva;;Frau Prof. Dr.;\nFN:Eva Meyer\nEND:VCARD\n"
    table = read_table(vcf(tmp_path, text))
    assert fields(table, 0) == {"salutation": "Frau", "title": "Prof. Dr.", "first_name": "Eva", "last_name": "Meyer"}


def test_a_broken_card_names_its_number(tmp_path: Path) -> None:
    broken = APPLE + "BEGIN:VCARD\nVERSION:3.0\nN:Kaputt;Karl\nthis line has no colon\nEND:VCARD\n"
    with pytest.raises(UserError) as raised:
        read_table(vcf(tmp_path, broken))
    assert raised.value.message == "Contact 3 in kontakte.vcf is damaged and cannot be read."


def test_an_unfinished_last_card(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Contact 3 "):
        read_table(vcf(tmp_path, APPLE + "BEGIN:VCARD\nVERSION:3.0\nN:Halb;Hans\n"))


@pytest.mark.parametrize(
    "content",
    [b"Vorname;Nachname\nAnna;M\xfcller\n", b"%PDF-1.4\n", bytes(range(256)) * 10, b"BEGIN:VCALENDAR\nEND:VCALENDAR\n"],
)
def test_not_a_vcard_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kontakte.vcf"
    path.write_bytes(content)
    with pytest.raises(UserError, match=r"kontakte\.vcf holds no contacts"):
        read_table(path)


def test_empty_vcf(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="empty"):
        read_table(vcf(tmp_path, ""))


# --- writing --------------------------------------------------------------------------------

ANNA = Customer(
    first_name="Anna-Lena",
    last_name="Müller; Lüdenscheid",
    salutation=Salutation.FRAU,
    title="Dr.",
    street="Hauptstraße 5a",
    postal_code="10115",
    city="Berlin",
    country="DE",
    phone="+49 30 1234567",
    email="anna@example.de",
    birthday=Birthday(month=7, day=3, year=1965),
    customer_since=date(2015, 2, 1),
    address_form=AddressForm.DU,
    preferences=Preferences(likes=("Rotwein", "Käse"), favourites=("Feigen",)),
    notes="Erste Zeile, mit Komma; und Semikolon\nZweite Zeile mit \\ Backslash und einem sehr langen Text " * 3,
    consent=Consent(postal_mail=False, email=True),
    id=42,
)
BERND = Customer(first_name="Bernd", birthday=Birthday(month=2, day=29), country="AT", city="Wien")


def test_round_trip_through_read_table(tmp_path: Path) -> None:
    path = tmp_path / "export.vcf"
    assert write_vcards(path, iter([ANNA, BERND])) == 2

    table = read_table(path)

    assert fields(table, 0) == {
        "salutation": "frau",
        "title": "Dr.",
        "first_name": "Anna-Lena",
        "last_name": "Müller; Lüdenscheid",
        "street": "Hauptstraße 5a",
        "postal_code": "10115",
        "city": "Berlin",
        "country": "Germany",
        "phone": "+49 30 1234567",
        "email": "anna@example.de",
        "birthday": "1965-07-03",
        "customer_since": "2015-02-01",
        "address_form": "du",
        "likes": "Rotwein, Käse",
        "favourites": "Feigen",
        "notes": ANNA.notes.strip(),
        "postal_mail": "no",
        "email_allowed": "yes",
    }
    assert fields(table, 1) == {
        "first_name": "Bernd",
        "city": "Wien",
        "country": "Austria",
        "birthday": "--02-29",
        "postal_mail": "yes",
        "email_allowed": "no",
    }


def test_written_vcards_are_30_with_short_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.vcf"
    write_vcards(path, [ANNA])
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    data.decode("utf-8")  # folding never cuts a character in two


def test_country_name_in_the_language_in_use(tmp_path: Path) -> None:
    from emma.i18n import use_language

    use_language("de")
    path = tmp_path / "export.vcf"
    write_vcards(path, [ANNA])
    assert ";10115;Deutschland\r\n" in path.read_bytes().decode("utf-8")


def test_writing_vcards_to_another_ending(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.vcf"):
        write_vcards(tmp_path / "export.csv", [ANNA])
