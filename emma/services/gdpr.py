"""Data protection (DSGVO) for the owner: objection and consent, erasure (Art. 17) and its re-application
after an older backup comes back. Auskunft (Art. 15) is in `gdpr_disclosure`, the review of quiet customers
and the retention of anonymised purchases in `gdpr_review`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from emma.domain.customer import Consent, Customer
from emma.domain.data_protection import has_person, suppression_key
from emma.domain.errors import UserError
from emma.i18n import _
from emma.services import settings as shop_settings
from emma.services.shop import Shop
from emma.store import customers as customer_store
from emma.store import gdpr as gdpr_store


def living_customer(shop: Shop, customer_id: int) -> Customer:
    """The customer, unless there is none of that number or she was erased."""
    customer = customer_store.get(shop.database, customer_id)
    if customer is None or gdpr_store.is_erased(shop.database, customer_id):
        raise UserError(_("There is no customer number {id}.").format(id=customer_id))
    return customer


# --- objection and consent ----------------------------------------------------------------------------------


def object_to_advertising(shop: Shop, customer_id: int, *, today: date | None = None) -> Customer:
    """Her objection to advertising (Werbewiderspruch, Art. 21): no letters and no e-mail from now on, the day
    kept, and a suppression entry that stops letters to her after an erasure or a re-import."""
    customer = living_customer(shop, customer_id)
    day = today or date.today()
    objected = replace(
        customer,
        consent=replace(customer.consent, postal_mail=False, email=False,
                        postal_objected_on=customer.consent.postal_objected_on or day),
    )  # fmt: skip
    with shop.database.transaction() as conn:
        customer_store.update(shop.database, objected, now=datetime.now())
        if has_person(objected):
            salt = gdpr_store.salt(shop.database, create=True)
            gdpr_store.add_suppression(conn, suppression_key(objected, salt), objected.consent.postal_objected_on)
    return living_customer(shop, customer_id)


def lift_objection(shop: Shop, customer_id: int) -> Customer:
    """She takes her objection back (in writing, as a rule): letters are allowed again, the entry is gone."""
    customer = living_customer(shop, customer_id)
    allowed = replace(customer, consent=replace(customer.consent, postal_mail=True, postal_objected_on=None))
    with shop.database.transaction() as conn:
        customer_store.update(shop.database, allowed, now=datetime.now())
        salt = gdpr_store.salt(shop.database, create=False)
        if salt is not None:
            gdpr_store.remove_suppression(conn, suppression_key(customer, salt))
    return living_customer(shop, customer_id)


def apply_suppression(shop: Shop, customer: Customer) -> Customer:
    """`customer` with the objection applied when a suppression entry matches her (folded name and address,
    so "Mueller, Hauptstr. 5" matches "Müller, Hauptstraße 5"); else unchanged. For every new or imported
    customer; for many at once, `suppression_check` reads the entries once."""
    return suppression_check(shop)(customer)


def suppression_check(shop: Shop) -> Callable[[Customer], Customer]:
    """A function doing `apply_suppression` with the entries read once (for an import of thousands)."""
    salt = gdpr_store.salt(shop.database, create=False)
    entries = gdpr_store.all_suppressions(shop.database) if salt is not None else {}

    def check(customer: Customer) -> Customer:
        if not entries or not has_person(customer):
            return customer
        objected_on = entries.get(suppression_key(customer, salt))
        if objected_on is None:
            return customer
        return replace(customer, consent=replace(customer.consent, postal_mail=False, email=False,
                                                 postal_objected_on=objected_on))  # fmt: skip

    return check


def record_consent(
    shop: Shop, customer_id: int, signed_on: date, *, letters: bool, email: bool, today: date | None = None
) -> Customer:
    """The consent form came back signed on `signed_on`: the day is kept with what she ticked. Letters cover
    birthday greetings and offers; ticking neither is an objection."""
    if signed_on > (today or date.today()):
        raise UserError(_("The day of signing cannot lie in the future."))
    customer = living_customer(shop, customer_id)
    objected_on = None if letters else customer.consent.postal_objected_on or signed_on
    consent = Consent(postal_mail=letters, postal_objected_on=objected_on, email=email, signed_on=signed_on)
    with shop.database.transaction() as conn:
        customer_store.update(shop.database, replace(customer, consent=consent), now=datetime.now())
        if has_person(customer):
            salt = gdpr_store.salt(shop.database, create=not letters)
            if salt is not None:
                key = suppression_key(customer, salt)
                if letters:
                    gdpr_store.remove_suppression(conn, key)
                else:
                    gdpr_store.add_suppression(conn, key, objected_on)
    return living_customer(shop, customer_id)


def write_consent_form(shop: Shop, customer_id: int, target: Path, *, today: date | None = None) -> Path:
    """The consent form for her to sign at the counter, as a one-page PDF."""
    from emma.i18n import current_language
    from emma.letters.consent_form import ConsentForm, render_consent_form

    customer = living_customer(shop, customer_id)
    locale = shop_settings.shop_locale(shop, current_language())
    form = ConsentForm(
        shop_name=shop_settings.shop_name(shop),
        shop_address=shop_settings.shop_address(shop),
        customer=customer,
        locale=locale,
        today=today or date.today(),
    )
    try:
        render_consent_form(target, form)
    except OSError as error:
        raise UserError(_("The form could not be saved to {path}: {reason}").format(
            path=target, reason=error.strerror or error)) from None  # fmt: skip
    return target


# --- erasure (Art. 17) -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureResult:
    erased: list[int] = field(default_factory=list)
    backup: Path | None = None  # the safety backup made before, if there is one
    mentioned_by: list[int] = field(default_factory=list)  # other customers whose notes or to-dos name her


def erase_customer(shop: Shop, customer_id: int, *, now: datetime | None = None) -> ErasureResult:
    """Erases her personal data (see `erase_customers`)."""
    return erase_customers(shop, [customer_id], now=now)


def erase_customers(shop: Shop, customer_ids: Sequence[int], *, now: datetime | None = None) -> ErasureResult:
    """Erases these customers' personal data, all or none: their record, preferences, notes, stamps, letters,
    reminders and import copies; their purchases stay in the books with amount and date, but no person. A
    safety backup is made first; afterwards the file is rewritten so that no deleted page keeps a name."""
    customers = [living_customer(shop, customer_id) for customer_id in dict.fromkeys(customer_ids)]
    if not customers:
        return ErasureResult()
    backup = _safety_backup(shop, "erasure")  # a reason the backups know by name
    mentioned = sorted({other for c in customers for other in gdpr_store.others_mentioning(shop.database, c)}
                       - {c.id for c in customers})  # fmt: skip
    erasures = _erase(shop, customers, now or datetime.now())
    return ErasureResult(erased=[e.customer_id for e in erasures], backup=backup, mentioned_by=mentioned)


def _erase(shop: Shop, customers: Sequence[Customer], now: datetime, *, log_beside: bool = True):
    placeholder = _("(erased)")
    with shop.database.transaction() as conn:
        erasures = [gdpr_store.erase(conn, customer, placeholder=placeholder, now=now) for customer in customers]
    if shop.path is not None and log_beside:
        gdpr_store.append_to_sidecar(shop.path, erasures)
    gdpr_store.compact(shop.database)
    return erasures


def _safety_backup(shop: Shop, reason: str) -> Path | None:
    """A copy of the file before an erasure, by the backups' own function when that is there."""
    if shop.path is None:
        return None
    try:
        from emma.services.backups import safety_backup
    except ImportError:  # a Frau Emma without backups yet: the erasure still works
        return None
    made = safety_backup(shop, reason)
    return made if isinstance(made, Path) else None


def reapply_erasures(shop: Shop) -> int:
    """Erases again every logged customer whose data is back (an older backup restored); returns how many.

    Reads the log in the file and the copy beside it, and brings both up to date. Cheap when there is nothing
    to do: one look at a small file and one query. Called when a file is opened and right after a restore.
    """
    in_file = gdpr_store.log(shop.database) if gdpr_store.has_log(shop.database) else []
    beside = gdpr_store.read_sidecar(shop.path) if shop.path is not None else []
    if not in_file and not beside:
        return 0
    in_file_keys = {(e.customer_id, e.created_at) for e in in_file}
    beside_keys = {(e.customer_id, e.created_at) for e in beside}
    missing_in_file = [e for e in beside if (e.customer_id, e.created_at) not in in_file_keys]
    if missing_in_file:
        with shop.database.transaction() as conn:
            gdpr_store.add_to_log(conn, missing_in_file)
    if shop.path is not None:
        gdpr_store.append_to_sidecar(
            shop.path, [e for e in in_file if (e.customer_id, e.created_at) not in beside_keys]
        )
    again = gdpr_store.still_personal(shop.database, [*in_file, *missing_in_file])
    if not again:
        return 0
    customers = [customer_store.get(shop.database, customer_id) for customer_id in again]
    _erase(shop, customers, datetime.now(), log_beside=False)  # the log beside has them already
    return len(again)
