"""The demo shop: a realistic, deterministic customer file to try Frau Emma and to test and measure it."""

from __future__ import annotations

import calendar
import random
from collections.abc import Callable
from datetime import date, datetime

from emma.domain.birthdays import Birthday
from emma.domain.customer import AddressForm, Consent, Customer, Preferences, Salutation
from emma.domain.errors import UserError
from emma.domain.folding import strip_accents
from emma.i18n import _
from emma.services.demo_purchases import fill_demo_purchases
from emma.services.many_objects import no_cycle_collection
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
_HOUSE_LETTERS = ("", "", "", "", "a", "b")
_LIKE_COUNTS = (0, 1, 1, 2, 2, 3)
_DE_AREAS = ("151", "160", "170", "171", "176", "30", "89", "221")
_AT_AREAS = ("664", "676", "1")
_CH_AREAS = ("79", "78", "44")
_YES_NO = (False, True)
# Only what the demo draws from: Faker searches its folders for every provider it is given.
_FAKER_PROVIDERS = ["faker.providers.person", "faker.providers.address"]


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
    with no_cycle_collection(), shop.database.transaction():
        added: list[tuple[int, date]] = []
        with customer_store.adding_many(shop.database, now=now) as add:
            for start in range(0, customers, _CHUNK):
                stop()
                batch = [maker.customer() for _ in range(min(_CHUNK, customers - start))]
                ids = add(batch)
                added.extend(
                    (customer_id, customer.customer_since) for customer_id, customer in zip(ids, batch, strict=True)
                )
                if progress is not None and start + len(batch) < customers:
                    progress(start + len(batch), total)
        if progress is not None:
            progress(customers, total)  # with the indexes built
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
        fakes = {}  # one per locale: making one costs more than all it draws here
        self.names = {}
        for locale, _weight in _NAME_LOCALES:
            fake = fakes[locale] = Faker(locale, providers=_FAKER_PROVIDERS)
            fake.seed_instance(seed)
            self.names[locale] = (
                [fake.first_name_female() for _ in range(120)],
                [fake.first_name_male() for _ in range(120)],
                [fake.last_name() for _ in range(400)],
            )
        self.addresses = {}
        for locale, country, _weight in _ADDRESS_LOCALES:
            fake = fakes[locale]
            places = [(fake.postcode(), fake.city()) for _ in range(300)]
            self.addresses[country] = ([fake.street_name() for _ in range(600)], places)
        # Pools to draw from by index: a weight of n puts a value n times into its pool.
        self.name_pools = [self.names[locale] for locale, weight in _NAME_LOCALES for _ in range(weight)]
        self.address_pools = [
            (country, *self.addresses[country]) for _locale, country, weight in _ADDRESS_LOCALES for _ in range(weight)
        ]
        self.titles = [title for title, weight in _TITLES for _ in range(weight)]
        self.leap_years = [year for year in range(today.year - 85, today.year - 16) if calendar.isleap(year)][::3]
        self.first_day = today.toordinal()
        self.mail_parts: dict[str, str] = {}
        self.birthdays: dict[tuple[int, int, int | None], Birthday] = {}  # frozen: shared by all who have it
        self.consents = {(mail, email): Consent(postal_mail=mail, email=email) for mail in _YES_NO for email in _YES_NO}

    def customer(self) -> Customer:
        rand = self.random.random

        def pick(values):
            return values[int(rand() * len(values))]

        female_names, male_names, last_names = pick(self.name_pools)
        roll = rand()
        if roll < 0.56:
            salutation, first = Salutation.FRAU, pick(female_names)
        elif roll < 0.96:
            salutation, first = Salutation.HERR, pick(male_names)
        else:
            salutation = Salutation.DIVERS if roll < 0.98 else Salutation.NONE
            first = pick(female_names) if rand() < 0.5 else pick(male_names)
        country, streets, places = pick(self.address_pools)
        postal_code, city = pick(places)
        last = pick(last_names)
        has_email = rand() < 0.45
        email = ""
        if has_email:
            email = f"{self._mail_part(first)}.{self._mail_part(last)}{1 + int(rand() * 99)}@example.org"
        return Customer(
            salutation=salutation,
            title=pick(self.titles),
            first_name=first,
            last_name=last,
            street=f"{pick(streets)} {1 + int(rand() * 140)}{pick(_HOUSE_LETTERS)}",
            postal_code=postal_code,
            city=city,
            country=country,
            phone=self._phone(country) if rand() < 0.7 else "",
            email=email,
            birthday=self._birthday(),
            customer_since=date.fromordinal(self.first_day - int(rand() * (8 * 365 + 1))),
            address_form=AddressForm.DU if rand() < 0.15 else AddressForm.SIE,
            preferences=Preferences(
                likes=self._likes(pick(_LIKE_COUNTS)),
                dislikes=(pick(_DISLIKES),) if rand() < 0.15 else (),
                allergies=(pick(_ALLERGIES),) if rand() < 0.08 else (),
                brands=(pick(_BRANDS),) if rand() < 0.2 else (),
            ),
            notes=pick(_NOTES) if rand() < 0.12 else "",
            consent=self.consents[rand() < 0.95, has_email and rand() < 0.7],
        )

    def _likes(self, count: int) -> tuple[str, ...]:
        """`count` different likes (random.sample, without its checks of the population)."""
        rand = self.random.random
        likes: list[str] = []
        while len(likes) < count:
            like = _LIKES[int(rand() * len(_LIKES))]
            if like not in likes:
                likes.append(like)
        return tuple(likes)

    def _birthday(self) -> Birthday | None:
        rand = self.random.random
        roll = rand()
        if roll < 0.05:
            return None
        if roll < 0.053:  # a few leap-day birthdays, with and without a year, aged 17 to 85
            years = self.leap_years
            year = years[int(rand() * len(years))] if rand() < len(years) / (len(years) + 1) else None
            return Birthday(month=2, day=29, year=year)
        born = date.fromordinal(self.first_day - 16 * 365 - int(rand() * (74 * 365 + 1)))
        key = (born.month, born.day, born.year if roll < 0.78 else None)
        birthday = self.birthdays.get(key)
        if birthday is None:
            birthday = self.birthdays[key] = Birthday(month=key[0], day=key[1], year=key[2])
        return birthday

    def _phone(self, country: str) -> str:
        rand = self.random.random
        if country == "DE":
            return f"0{_DE_AREAS[int(rand() * len(_DE_AREAS))]} {1000000 + int(rand() * 9000000)}"
        if country == "AT":
            return f"+43 {_AT_AREAS[int(rand() * len(_AT_AREAS))]} {100000 + int(rand() * 9900000)}"
        area = _CH_AREAS[int(rand() * len(_CH_AREAS))]
        return f"+41 {area} {100 + int(rand() * 900)} {10 + int(rand() * 90)} {10 + int(rand() * 90)}"

    def _mail_part(self, name: str) -> str:
        part = self.mail_parts.get(name)
        if part is None:
            part = self.mail_parts[name] = _mail_part(name)
        return part


def _mail_part(name: str) -> str:
    return "".join(ch for ch in strip_accents(name) if ch.isascii() and ch.isalnum()) or "kunde"
