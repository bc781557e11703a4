"""The demo shop: a realistic, deterministic customer file to try Frau Emma and to test and measure it."""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from emma.domain.birthdays import Birthday
from emma.domain.customer import AddressForm, Consent, Customer, Preferences, Salutation
from emma.domain.errors import UserError
from emma.domain.folding import strip_accents
from emma.i18n import _
from emma.services.demo_purchases import fill_demo_purchases
from emma.services.shop import Shop
from emma.store import customers as customer_store

MAX_CUSTOMERS = 1_000_000
_CHUNK = 5_000
# Where the names come from: mostly German-speaking, with the neighbours a city shop really has.
_NAME_LOCALES = (
    ("de_DE", 62), ("de_AT", 10), ("de_CH", 6), ("tr_TR", 5), ("pl_PL", 4), ("it_IT", 4),
    ("hr_HR", 3), ("fr_FR", 2), ("en_GB", 2), ("cs_CZ", 1), ("nl_NL", 1),
)  # fmt: skip
_ADDRESS_LOCALES = (("de_DE", "DE", 86), ("de_AT", "AT", 9), ("de_CH", "CH", 5))
_LIKES = (
    "Rotwein", "Riesling", "Grauburgunder", "Sekt", "Rosé", "Bio-Wein", "Vollkornbrot", "Bergkäse",
    "Ziegenkäse", "Schokolade", "Pralinen", "Espresso", "Grüner Tee", "Olivenöl", "Pasta", "Antipasti",
    "Trüffel", "Marmelade", "Honig", "Gin", "Whisky", "Blumen", "Feigen", "Salami",
)  # fmt: skip
_DISLIKES = ("Koriander", "Scharfes", "Lakritz", "Süßwein", "Blauschimmelkäse", "Rauchiges")
_ALLERGIES = ("Nüsse", "Gluten", "Laktose", "Sellerie", "Sulfite", "Erdnüsse")
_BRANDS = ("Dallmayr", "Lindt", "Zotter", "Rapunzel", "Lebensbaum", "Bahlsen", "Ritter Sport")
_NOTES = (
    "Kommt meist samstags vormittags.",
    "Hund heißt Bruno – hat gern ein Leckerli.",
    "Kauft Geschenke für die Familie zu Weihnachten.",
    "Mag Empfehlungen, probiert gern Neues.",
    "Bitte nicht vor 10 Uhr anrufen.",
    "Tochter studiert in Wien.",
    "Hat im Sommer einen Stand auf dem Wochenmarkt.",
)
_TITLES = (("", 960), ("Dr.", 33), ("Prof. Dr.", 5), ("Mag.", 2))


def fill_demo_shop(
    shop: Shop,
    customers: int,
    seed: int,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Adds `customers` demo customers with three years of purchases and two stamp cards, in one
    transaction; the same seed gives the same shop.

    `progress(done, total)` is called between chunks (customers first, then their purchases, so
    `total` is twice the customers); when `cancelled()` turns true nothing is kept.
    """
    if not 0 <= customers <= MAX_CUSTOMERS:
        raise UserError(_("A demo shop has between 0 and {max} customers.").format(max=f"{MAX_CUSTOMERS:,}"))
    today = today or date.today()
    maker = _DemoCustomers(seed, today)
    now = datetime.combine(today, datetime.min.time())
    total = 2 * customers
    stop = _cancel_check(cancelled)
    with shop.database.transaction():
        added: list[tuple[int, date]] = []
        for start in range(0, customers, _CHUNK):
            stop()
            batch = [maker.customer() for _ in range(min(_CHUNK, customers - start))]
            ids = customer_store.add_many(shop.database, batch, now=now)
            added.extend(
                (customer_id, customer.customer_since) for customer_id, customer in zip(ids, batch, strict=True)
            )
            if progress is not None:
                progress(start + len(batch), total)
        stop()
        fill_demo_purchases(
            shop,
            added,
            seed,
            today,
            progress=(lambda done, _n: progress(customers + done, total)) if progress else None,
            cancelled=cancelled,
        )
        stop()
    return customers


def _cancel_check(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    def stop() -> None:
        if cancelled is not None and cancelled():
            raise UserError(_("The demo shop was cancelled; nothing was added."))

    return stop


class _DemoCustomers:
    """Draws customers from pools of names and addresses that Faker makes once per seed."""

    def __init__(self, seed: int, today: date) -> None:
        from faker import Faker  # heavy: loaded only when a demo shop is made

        self.random = random.Random(seed)
        self.today = today
        self.names = {}
        for locale, _weight in _NAME_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(seed)
            self.names[locale] = (
                [fake.first_name_female() for _ in range(120)],
                [fake.first_name_male() for _ in range(120)],
                [fake.last_name() for _ in range(400)],
            )
        self.addresses = {}
        for locale, country, _weight in _ADDRESS_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(seed)
            places = [(fake.postcode(), fake.city()) for _ in range(300)]
            self.addresses[country] = ([fake.street_name() for _ in range(600)], places)
        self.name_locales = [locale for locale, weight in _NAME_LOCALES for _ in range(weight)]
        self.countries = [country for _locale, country, weight in _ADDRESS_LOCALES for _ in range(weight)]

    def customer(self) -> Customer:
        r = self.random
        female_names, male_names, last_names = self.names[r.choice(self.name_locales)]
        roll = r.random()
        if roll < 0.56:
            salutation, first = Salutation.FRAU, r.choice(female_names)
        elif roll < 0.96:
            salutation, first = Salutation.HERR, r.choice(male_names)
        else:
            salutation = Salutation.DIVERS if roll < 0.98 else Salutation.NONE
            first = r.choice(female_names + male_names)
        country = r.choice(self.countries)
        streets, places = self.addresses[country]
        postal_code, city = r.choice(places)
        last = r.choice(last_names)
        has_email = r.random() < 0.45
        email = f"{_mail_part(first)}.{_mail_part(last)}{r.randint(1, 99)}@example.org" if has_email else ""
        return Customer(
            salutation=salutation,
            title=_weighted(r, _TITLES),
            first_name=first,
            last_name=last,
            street=f"{r.choice(streets)} {r.randint(1, 140)}{r.choice(['', '', '', '', 'a', 'b'])}",
            postal_code=postal_code,
            city=city,
            country=country,
            phone=self._phone(country) if r.random() < 0.7 else "",
            email=email,
            birthday=self._birthday(),
            customer_since=self.today - timedelta(days=r.randint(0, 8 * 365)),
            address_form=AddressForm.DU if r.random() < 0.15 else AddressForm.SIE,
            preferences=Preferences(
                likes=tuple(r.sample(_LIKES, r.choice([0, 1, 1, 2, 2, 3]))),
                dislikes=tuple(r.sample(_DISLIKES, 1)) if r.random() < 0.15 else (),
                allergies=tuple(r.sample(_ALLERGIES, 1)) if r.random() < 0.08 else (),
                brands=tuple(r.sample(_BRANDS, 1)) if r.random() < 0.2 else (),
            ),
            notes=r.choice(_NOTES) if r.random() < 0.12 else "",
            consent=Consent(postal_mail=r.random() < 0.95, email=has_email and r.random() < 0.7),
        )

    def _birthday(self) -> Birthday | None:
        r = self.random
        roll = r.random()
        if roll < 0.05:
            return None
        if roll < 0.053:  # a few leap-day birthdays, with and without a year, aged 17 to 85
            leap_years = [year for year in range(self.today.year - 85, self.today.year - 16) if calendar.isleap(year)]
            return Birthday(month=2, day=29, year=r.choice([*leap_years[::3], None]))
        born = self.today - timedelta(days=r.randint(16 * 365, 90 * 365))
        year = born.year if roll < 0.78 else None
        return Birthday(month=born.month, day=born.day, year=year)

    def _phone(self, country: str) -> str:
        r = self.random
        if country == "DE":
            return f"0{r.choice(['151', '160', '170', '171', '176', '30', '89', '221'])} {r.randint(1000000, 9999999)}"
        if country == "AT":
            return f"+43 {r.choice(['664', '676', '1'])} {r.randint(100000, 9999999)}"
        return f"+41 {r.choice(['79', '78', '44'])} {r.randint(100, 999)} {r.randint(10, 99)} {r.randint(10, 99)}"


def _weighted(r: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return r.choices([value for value, _w in choices], weights=[w for _v, w in choices])[0]


def _mail_part(name: str) -> str:
    return "".join(ch for ch in strip_accents(name) if ch.isascii() and ch.isalnum()) or "kunde"
