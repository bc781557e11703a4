"""Which column holds which field, from German and English headers as real files name them."""

from __future__ import annotations

import pytest

from emma.exchange.columns import FIELDS, field_label, guess_columns
from emma.i18n import use_language


def test_german_headers_of_a_hand_made_list() -> None:
    columns = ["Kd.-Nr.", "Anrede", "Titel", "Vorname", "Familienname", "Str.", "Hausnr.", "Postleitzahl", "Wohnort",
               "Land", "Tel.", "Handy", "E-Mail-Adresse", "Geb.-Datum", "Kundin seit", "Du/Sie", "Vorlieben",
               "Lieblinge", "Bemerkungen", "Briefe erlaubt", "E-Mail erlaubt"]  # fmt: skip
    assert guess_columns(columns) == dict(enumerate(FIELDS))


def test_english_headers() -> None:
    columns = ["ID", "Salutation", "Title", "Given name", "Surname", "Address", "House number", "ZIP code", "Town",
               "Country", "Telephone", "Cell", "Email", "Date of birth", "Customer since", "Form of address",
               "Likes", "Favorites", "Comment", "Postal mail", "Email allowed"]  # fmt: skip
    assert guess_columns(columns) == dict(enumerate(FIELDS))


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Vorname", "first_name"), ("VORNAME", "first_name"), (" vorname ", "first_name"), ("First Name", "first_name"),
        ("first_name", "first_name"), ("Firstname", "first_name"), ("Given Name", "first_name"),
        ("Nachname", "last_name"), ("Last name", "last_name"), ("Family Name", "last_name"), ("Surname", "last_name"),
        ("Straße", "street"), ("Strasse", "street"), ("STRASSE", "street"), ("Str.", "street"), ("Street", "street"),
        ("Adresse", "street"), ("Hausnummer", "house_number"), ("Nr.", "house_number"), ("Haus-Nr.", "house_number"),
        ("PLZ", "postal_code"), ("Zip", "postal_code"), ("Postcode", "postal_code"), ("Postal Code", "postal_code"),
        ("Ort", "city"), ("Stadt", "city"), ("City", "city"), ("Land", "country"), ("Country/Region", "country"),
        ("Telefon", "phone"), ("Telefonnummer", "phone"), ("Phone", "phone"), ("Telefon privat", "phone"),
        ("Mobil", "mobile"), ("Mobiltelefon", "mobile"), ("Handy", "mobile"), ("Mobile Phone", "mobile"),
        ("E-Mail", "email"), ("eMail", "email"), ("Mail", "email"), ("E-mail Address", "email"),
        ("Geburtstag", "birthday"), ("Geburtsdatum", "birthday"), ("DOB", "birthday"), ("Birthday", "birthday"),
        ("Kunde seit", "customer_since"), ("Dabei seit", "customer_since"), ("Anredeform", "address_form"),
        ("Mag", "likes"), ("Favoriten", "favourites"), ("Notiz", "notes"), ("Notes", "notes"),
        ("Kundennummer", "customer_number"), ("Kunden-Nr.", "customer_number"), ("Customer number", "customer_number"),
        ("Post", "postal_mail"), ("E-Mail erlaubt", "email_allowed"),
    ],
)  # fmt: skip
def test_one_header(header: str, field: str) -> None:
    assert guess_columns([header]) == {0: field}


@pytest.mark.parametrize("header", ["", "Umsatz", "Spalte 3", "Column A", "Bonuspunkte", "Lieblingsfarbe?"])
def test_unknown_headers(header: str) -> None:
    assert guess_columns(["Vorname", header]) == {0: "first_name"}


def test_name_is_the_last_name_only_without_another_one() -> None:
    assert guess_columns(["Name", "Vorname"]) == {0: "last_name", 1: "first_name"}
    assert guess_columns(["Name", "Vorname", "Nachname"]) == {1: "first_name", 2: "last_name"}
    assert guess_columns(["Name", "Nachname"]) == {1: "last_name"}


def test_each_field_once_and_the_first_wins() -> None:
    assert guess_columns(["Telefon", "Tel.", "E-Mail", "Mail"]) == {0: "phone", 2: "email"}


def test_a_business_phone_only_when_there_is_no_other() -> None:
    assert guess_columns(["Telefon geschäftlich", "Telefon privat"]) == {1: "phone"}
    assert guess_columns(["Telefon geschäftlich"]) == {0: "phone"}


def test_outlook_export() -> None:
    columns = ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Firma", "Straße privat", "Ort privat",
               "Postleitzahl privat", "Land/Region privat", "Telefon geschäftlich", "Telefon privat",
               "Mobiltelefon", "E-Mail-Adresse", "Geburtstag", "Notizen"]  # fmt: skip
    assert guess_columns(columns) == {
        0: "salutation", 1: "first_name", 3: "last_name", 5: "street", 6: "city", 7: "postal_code", 8: "country",
        10: "phone", 11: "mobile", 12: "email", 13: "birthday", 14: "notes",
    }  # fmt: skip


def test_google_export() -> None:
    columns = ["Name", "Given Name", "Family Name", "Name Prefix", "Birthday", "Notes", "E-mail 1 - Type",
               "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Address 1 - Street", "Address 1 - City",
               "Address 1 - Postal Code", "Address 1 - Country"]  # fmt: skip
    assert guess_columns(columns) == {
        1: "first_name", 2: "last_name", 3: "title", 4: "birthday", 5: "notes", 7: "email", 9: "phone",
        10: "street", 11: "city", 12: "postal_code", 13: "country",
    }  # fmt: skip


@pytest.mark.parametrize("language", ["de", "en"])
def test_our_own_export_headers_in_either_language(language: str) -> None:
    use_language(language)
    labels = [field_label(field) for field in FIELDS]
    use_language("en" if language == "de" else "de")
    assert guess_columns(labels) == dict(enumerate(FIELDS))


def test_the_german_labels_are_recognised_even_before_they_are_translated() -> None:
    # The labels of the German export, as the catalog translates them.
    german = ["Kundennummer", "Anrede", "Titel", "Vorname", "Nachname", "Straße", "Hausnummer", "PLZ", "Ort", "Land",
              "Telefon", "Mobil", "E-Mail", "Geburtstag", "Dabei seit", "Ansprache", "Mag", "Lieblingsprodukte",
              "Notizen", "Briefe erlaubt", "E-Mails erlaubt"]  # fmt: skip
    assert guess_columns(german) == dict(enumerate(FIELDS))


def test_the_columns_of_a_vcard_table_map_to_themselves() -> None:
    assert guess_columns(list(FIELDS)) == dict(enumerate(FIELDS))


def test_every_field_has_a_label() -> None:
    assert all(field_label(field) for field in FIELDS)
    with pytest.raises(KeyError):
        field_label("shoe_size")
