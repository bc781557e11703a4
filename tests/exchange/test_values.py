"""One cell read as a birthday, date, salutation, country, yes/no or form of address."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emma.domain.birthdays import Birthday
from emma.domain.customer import AddressForm, Salutation
from emma.exchange.values import (
    parse_address_form,
    parse_birthday,
    parse_country,
    parse_date,
    parse_salutation,
    parse_yes_no,
)
from emma.i18n import use_language

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "birthday"),
    [
        ("03.07.1965", Birthday(7, 3, 1965)),
        ("3.7.1965", Birthday(7, 3, 1965)),
        (" 03.07.65 ", Birthday(7, 3, 1965)),
        ("03.07.03", Birthday(7, 3, 2003)),
        ("23.11.26", Birthday(11, 23, 2026)),  # today: this century
        ("24.11.26", Birthday(11, 24, 1926)),  # tomorrow: the last one
        ("29.02.", Birthday(2, 29)),
        ("29.2.", Birthday(2, 29)),
        ("3.7", Birthday(7, 3)),
        ("1965-07-03", Birthday(7, 3, 1965)),
        ("1965-7-3", Birthday(7, 3, 1965)),
        ("--07-03", Birthday(7, 3)),
        ("--0703", Birthday(7, 3)),
        ("19650703", Birthday(7, 3, 1965)),
        ("1965-07-03 00:00:00", Birthday(7, 3, 1965)),
        ("03.07.1965 00:00", Birthday(7, 3, 1965)),
        ("29.02.1964", Birthday(2, 29, 1964)),
        ("07/23/1965", Birthday(7, 23, 1965)),  # only one reading is a date
        ("23/07/1965", Birthday(7, 23, 1965)),
        ("01.01.1850", Birthday(1, 1, 1850)),
        ("", None),
        ("   ", None),
    ],
)
def test_birthdays(text: str, birthday: Birthday | None) -> None:
    assert parse_birthday(text, TODAY) == birthday


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.1980", "“31.02.1980” is not a date."),
        ("29.02.1981", "“29.02.1981” is not a date."),
        ("31.4.", "“31.4.” is not a date."),
        ("00.00.0000", "“00.00.0000” is not a date."),
        ("13.13.1980", "“13.13.1980” is not a date."),
        ("Juli", "“Juli” is not a date."),
        ("1849-12-31", "“1849-12-31”: the year 1849 is too long ago for a birthday."),
        ("24.11.2026", "“24.11.2026”: a birthday cannot lie in the future."),
        ("07/03/1965", "“07/03/1965” could be read two ways (day/month or month/day); please write it as 03.07.1965."),
    ],
)
def test_bad_birthdays(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_birthday(text, TODAY)
    assert str(raised.value) == message


def test_a_bad_date_in_german() -> None:
    use_language("de")
    with pytest.raises(ValueError) as raised:
        parse_birthday("31.02.1980", TODAY)
    assert str(raised.value) == "„31.02.1980“ ist kein Datum."


@st.composite
def birthdays(draw: st.DrawFn) -> Birthday:
    year = draw(st.none() | st.integers(1850, TODAY.year))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 31))
    try:
        birthday = Birthday(month=month, day=day, year=year)
    except Exception:
        birthday = Birthday(month=month, day=1, year=year)
    if year is not None and date(year, month, birthday.day) > TODAY:
        birthday = Birthday(month=month, day=birthday.day if month != 2 or birthday.day < 29 else 28, year=year - 1)
    return birthday


FORMATS = [
    lambda b: f"{b.day:02d}.{b.month:02d}.{b.year}" if b.year else f"{b.day:02d}.{b.month:02d}.",
    lambda b: f"{b.day}.{b.month}.{b.year}" if b.year else f"{b.day}.{b.month}.",
    lambda b: b.iso(),
    lambda b: f"{b.year:04d}{b.month:02d}{b.day:02d}" if b.year else f"--{b.month:02d}{b.day:02d}",
]


@settings(max_examples=200)
@given(birthday=birthdays(), form=st.sampled_from(FORMATS))
def test_a_formatted_birthday_reads_back(birthday: Birthday, form) -> None:
    assert parse_birthday(form(birthday), TODAY) == birthday


@settings(max_examples=200)
@given(birthday=birthdays())
def test_two_digit_years_never_lie_in_the_future(birthday: Birthday) -> None:
    if birthday.year is None:
        return
    read = parse_birthday(f"{birthday.day:02d}.{birthday.month:02d}.{birthday.year % 100:02d}", TODAY)
    assert read is not None and read.year is not None
    assert date(read.year, read.month, read.day) <= TODAY
    age = TODAY.year - read.year - ((TODAY.month, TODAY.day) < (read.month, read.day))
    assert age < 100  # the century that makes her younger than 100
    assert read.year % 100 == birthday.year % 100


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01.02.2015", date(2015, 2, 1)),
        ("1.2.15", date(2015, 2, 1)),
        ("2015-02-01", date(2015, 2, 1)),
        ("20150201", date(2015, 2, 1)),
        ("2015-02-01T10:00:00", date(2015, 2, 1)),
        ("02.2015", date(2015, 2, 1)),
        ("2015-02", date(2015, 2, 1)),
        ("2015", date(2015, 1, 1)),
        ("", None),
    ],
)
def test_dates(text: str, day: date | None) -> None:
    assert parse_date(text, today=TODAY) == day


@pytest.mark.parametrize("text", ["31.02.2015", "01.02.", "seit Jahren", "1200", "13.2015"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "salutation"),
    [
        ("Frau", Salutation.FRAU), ("Fr.", Salutation.FRAU), ("frau", Salutation.FRAU), ("Ms", Salutation.FRAU),
        ("Ms.", Salutation.FRAU), ("Mrs", Salutation.FRAU), ("Miss", Salutation.FRAU), ("Frau Dr.", Salutation.FRAU),
        ("w", Salutation.FRAU), ("weiblich", Salutation.FRAU),
        ("Herr", Salutation.HERR), ("Hr.", Salutation.HERR), ("Herrn", Salutation.HERR), ("Mr", Salutation.HERR),
        ("Mr.", Salutation.HERR), ("HERR", Salutation.HERR), ("männlich", Salutation.HERR),
        ("divers", Salutation.DIVERS), ("Divers", Salutation.DIVERS), ("Mx", Salutation.DIVERS),
        ("Diverse", Salutation.DIVERS),
        ("", Salutation.NONE), ("-", Salutation.NONE), ("Familie", Salutation.NONE), ("Firma", Salutation.NONE),
        ("Liebe", Salutation.NONE), ("none", Salutation.NONE),
    ],
)  # fmt: skip
def test_salutations(text: str, salutation: Salutation) -> None:
    assert parse_salutation(text) is salutation


def test_salutation_labels_read_back_in_either_language() -> None:
    for language in ("de", "en"):
        use_language(language)
        for salutation in Salutation:
            assert parse_salutation(salutation.label()) is salutation


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Deutschland", "DE"), ("Germany", "DE"), ("DE", "DE"), ("de", "DE"), ("D", "DE"), ("BRD", "DE"),
        ("Österreich", "AT"), ("Oesterreich", "AT"), ("Austria", "AT"), ("AT", "AT"), ("A", "AT"),
        ("Schweiz", "CH"), ("Switzerland", "CH"), ("CH", "CH"), ("Liechtenstein", "LI"), ("Luxemburg", "LU"),
        ("Belgien", "BE"), ("Dänemark", "DK"), ("Denmark", "DK"), ("Niederlande", "NL"), ("Netherlands", "NL"),
        ("Frankreich", "FR"), ("Italien", "IT"), ("Italy", "IT"), ("Spanien", "ES"), ("Polen", "PL"),
        ("Tschechien", "CZ"), ("Czech Republic", "CZ"), ("Großbritannien", "GB"), ("United Kingdom", "GB"),
        ("UK", "GB"), ("Vereinigte Staaten", "US"), ("Japan", "JP"), (" deutschland ", "DE"),
    ],
)  # fmt: skip
def test_countries(text: str, code: str) -> None:
    assert parse_country(text, "AT") == code


def test_every_country_with_postal_codes_by_german_and_english_name() -> None:
    from babel import Locale

    from emma.domain.validation import POSTAL_CODES

    for code in POSTAL_CODES:
        for language in ("de", "en"):
            assert parse_country(Locale.parse(language).territories[code], "DE") == code


def test_empty_country_is_the_default() -> None:
    assert parse_country("", "CH") == "CH"
    assert parse_country("  ", "AT") == "AT"


@pytest.mark.parametrize("text", ["Atlantis", "XX", "Deutschlandd", "49"])
def test_unknown_country(text: str) -> None:
    with pytest.raises(ValueError, match=f"“{text}” is not a country"):
        parse_country(text, "DE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ja", True), ("Ja", True), ("JA", True), ("yes", True), ("x", True), ("X", True), ("1", True),
        ("wahr", True), ("WAHR", True), ("true", True), ("TRUE", True),
        ("nein", False), ("Nein", False), ("no", False), ("0", False), ("falsch", False), ("FALSCH", False),
        ("false", False), ("", None), ("  ", None),
    ],
)  # fmt: skip
def test_yes_no(text: str, value: bool | None) -> None:
    assert parse_yes_no(text) is value


@pytest.mark.parametrize("text", ["vielleicht", "2", "jein"])
def test_neither_yes_nor_no(text: str) -> None:
    with pytest.raises(ValueError, match=f"“{text}” is neither yes nor no."):
        parse_yes_no(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [("du", AddressForm.DU), ("Du", AddressForm.DU), ("DU", AddressForm.DU), ("per Du", AddressForm.DU),
     ("Sie", AddressForm.SIE), ("", AddressForm.SIE), ("förmlich", AddressForm.SIE), ("dunkel", AddressForm.SIE)],
)  # fmt: skip
def test_address_forms(text: str, form: AddressForm) -> None:
    assert parse_address_form(text) is form


def test_address_form_labels_read_back_in_either_language() -> None:
    for language in ("de", "en"):
        use_language(language)
        for form in AddressForm:
            assert parse_address_form(form.label()) is form
