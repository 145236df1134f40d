"""Guess a candidate's time zone from a phone number (pure Python, no ORM)."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from phonenumbers import timezone as phone_timezone

UNKNOWN_ZONE = "Etc/Unknown"


@dataclass(frozen=True)
class TzGuess:
    """Result of a time-zone guess; ``candidates`` are the phone number's zones."""

    tz: str | None
    uncertain: bool
    candidates: tuple[str, ...]
    e164: str | None


class InvalidPhoneNumber(ValueError):
    """The phone number cannot be parsed or is not a valid number."""


def _is_blank(phone):
    return not phone or (isinstance(phone, str) and not phone.strip())


def _parse(phone, default_region):
    """Parse and validate ``phone``; raise InvalidPhoneNumber."""
    region = default_region.upper() if isinstance(default_region, str) else None
    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(f"Invalid phone number {phone!r}: {error}") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(f"Invalid phone number {phone!r}")
    return number


def _is_valid_zone(name):
    if not isinstance(name, str) or not name or name == UNKNOWN_ZONE:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return False
    return True


def _first_preferred(preferred, allowed=None):
    """First valid zone of ``preferred`` (restricted to ``allowed`` when given)."""
    for name in preferred or ():
        if (allowed is None or name in allowed) and _is_valid_zone(name):
            return name
    return None


def format_e164(phone, default_region=None):
    """Return ``phone`` in E.164 form; raise InvalidPhoneNumber."""
    if _is_blank(phone):
        raise InvalidPhoneNumber("No phone number")
    number = _parse(phone, default_region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _zones_of(number):
    """Sorted IANA zones of a parsed number, without ``Etc/Unknown``."""
    zones = phone_timezone.time_zones_for_number(number)
    return tuple(sorted(zone for zone in zones if zone != UNKNOWN_ZONE))


def guess_candidate_tz(phone, default_region=None, preferred=(), fallback=None):
    """Guess the candidate's zone from ``phone``; ``preferred`` breaks ties in order.

    Without a phone: first valid preferred zone, else ``fallback`` (certain).
    A valid number without a known zone (e.g. +800) falls back the same way but
    is flagged uncertain.
    """
    if _is_blank(phone):
        return TzGuess(_first_preferred(preferred) or fallback, False, (), None)
    number = _parse(phone, default_region)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    zones = _zones_of(number)
    if not zones:
        return TzGuess(_first_preferred(preferred) or fallback, True, (), e164)
    if len(zones) == 1:
        return TzGuess(zones[0], False, zones, e164)
    chosen = _first_preferred(preferred, allowed=zones)
    if chosen:
        return TzGuess(chosen, False, zones, e164)
    return TzGuess(zones[0], True, zones, e164)


MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def region_of(phone, default_region=None):
    """The country (ISO code, ``DE``) of ``phone``, or None when it is not a valid number."""
    if _is_blank(phone):
        return None
    try:
        return phonenumbers.region_code_for_number(_parse(phone, default_region))
    except InvalidPhoneNumber:
        return None


def language_of_region(region, languages):
    """The first of ``languages`` (codes such as ``de_DE``, ``fr_BE``) spoken in ``region``
    (``DE``), or None: the language of a number's country, among the installed ones."""
    if not region:
        return None
    return next((code for code in languages if code.split("_")[-1] == region), None)


def is_mobile(phone, default_region=None):
    """Whether ``phone`` can receive text messages: a mobile number, or one that may be.

    Raise InvalidPhoneNumber when it is missing or not a valid number.
    """
    if _is_blank(phone):
        raise InvalidPhoneNumber("No phone number")
    return phonenumbers.number_type(_parse(phone, default_region)) in MOBILE_TYPES


MASK_VISIBLE_DIGITS = 2


def mask_number(phone):
    """``phone`` with all digits but the last two hidden, as a page a link opens shows it:
    the candidate recognises their number, whoever found the link does not learn it."""
    digits = [index for index, char in enumerate(phone or "") if char.isdigit()]
    hidden = set(digits[:-MASK_VISIBLE_DIGITS])
    return "".join("•" if index in hidden else char for index, char in enumerate(phone or ""))
