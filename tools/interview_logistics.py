"""Candidate-facing interview details: local times and map links (pure Python, no ORM)."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytz
from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates

from .utc import to_utc

OSM_SEARCH_URL = "https://www.openstreetmap.org/search"
DEFAULT_LOCALE = "en_US"


def _locale(code):
    """The babel locale of an Odoo language code (``fr_FR``, ``zh_CN``), English if unknown."""
    try:
        return Locale.parse(code or DEFAULT_LOCALE)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LOCALE)


def format_local_time(value, tz_name, lang_code=None, date_width="full"):
    """Format a UTC datetime for a reader in ``tz_name`` who reads ``lang_code``.

    Gives the date (``date_width``: full, long or medium), the time without seconds and the
    zone's name in the reader's language, at that date (so summer time is named as such):
    ``Wednesday, January 14, 2026 at 10:00 AM (Central European Standard Time)``.
    A naive ``value`` is UTC, as Odoo stores it.
    """
    zone = ZoneInfo(tz_name or "UTC")
    local = to_utc(value).astimezone(zone)
    locale = _locale(lang_code)
    pattern = (
        str(locale.datetime_formats["long"])
        .replace("{1}", babel_dates.get_date_format(date_width, locale=locale).pattern)
        .replace("{0}", babel_dates.get_time_format("short", locale=locale).pattern)
    )
    when = babel_dates.format_datetime(local, pattern, tzinfo=zone, locale=locale)
    zone_name = babel_dates.get_timezone_name(local, width="long", locale=locale)
    return f"{when} ({zone_name})"


def map_url(address_parts):
    """An OpenStreetMap search link for an address (no API key); empty without an address."""
    query = ", ".join(part.strip() for part in address_parts if part and part.strip())
    if not query:
        return ""
    return f"{OSM_SEARCH_URL}?{urlencode({'query': query})}"


# A country's zone when its address says nothing more precise (pytz lists some countries'
# zones from the east, e.g. Canada's from St John's).
PRINCIPAL_ZONES = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MX": "America/Mexico_City",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
}
# The zone of a state or province, in the countries that span several.
STATE_ZONES = {
    "US": {
        **dict.fromkeys(
            (
                "CT",
                "DC",
                "DE",
                "FL",
                "GA",
                "KY",
                "MA",
                "MD",
                "ME",
                "NC",
                "NH",
                "NJ",
                "NY",
                "OH",
                "PA",
                "RI",
                "SC",
                "VA",
                "VT",
                "WV",
            ),
            "America/New_York",
        ),
        "IN": "America/Indiana/Indianapolis",
        "MI": "America/Detroit",
        **dict.fromkeys(
            (
                "AL",
                "AR",
                "IA",
                "IL",
                "KS",
                "LA",
                "MN",
                "MO",
                "MS",
                "ND",
                "NE",
                "OK",
                "SD",
                "TN",
                "TX",
                "WI",
            ),
            "America/Chicago",
        ),
        **dict.fromkeys(("CO", "MT", "NM", "UT", "WY"), "America/Denver"),
        "ID": "America/Boise",
        "AZ": "America/Phoenix",
        **dict.fromkeys(("CA", "NV", "OR", "WA"), "America/Los_Angeles"),
        "AK": "America/Anchorage",
        "HI": "Pacific/Honolulu",
        "PR": "America/Puerto_Rico",
    },
    "CA": {
        "AB": "America/Edmonton",
        "BC": "America/Vancouver",
        "MB": "America/Winnipeg",
        "NB": "America/Moncton",
        "NL": "America/St_Johns",
        "NS": "America/Halifax",
        "NT": "America/Edmonton",
        "NU": "America/Iqaluit",
        "ON": "America/Toronto",
        "PE": "America/Halifax",
        "QC": "America/Toronto",
        "SK": "America/Regina",
        "YT": "America/Whitehorse",
    },
    "AU": {
        "ACT": "Australia/Sydney",
        "NSW": "Australia/Sydney",
        "NT": "Australia/Darwin",
        "QLD": "Australia/Brisbane",
        "SA": "Australia/Adelaide",
        "TAS": "Australia/Hobart",
        "VIC": "Australia/Melbourne",
        "WA": "Australia/Perth",
    },
}


def _zone_city(zone):
    """``America/Los_Angeles`` -> ``los angeles``."""
    return zone.rsplit("/", 1)[-1].replace("_", " ").lower()


def venue_timezone(country_code, city=None, state_code=None, fallback=None):
    """The time zone of an address, from its country and city (or state), else ``fallback``.

    In a country of several zones: the zone named after the city (Chicago, Sao Paulo), else
    the state's (California: Los Angeles), else ``fallback`` when it is one of the country's,
    else the country's principal zone.
    """
    code = (country_code or "").upper()
    zones = pytz.country_timezones.get(code, [])
    if not zones:
        return fallback
    if len(zones) == 1:
        return zones[0]
    wanted = (city or "").strip().lower()
    by_city = [zone for zone in zones if _zone_city(zone) == wanted]
    if by_city:
        return by_city[0]
    by_state = STATE_ZONES.get(code, {}).get((state_code or "").upper())
    if by_state:
        return by_state
    if fallback in zones:
        return fallback
    return PRINCIPAL_ZONES.get(code, zones[0])


def same_wall_time(value, tz_a, tz_b):
    """Whether a UTC datetime reads the same on the clocks of both zones (Paris and Brussels)."""
    moment = to_utc(value)
    return (
        moment.astimezone(ZoneInfo(tz_a or "UTC")).utcoffset()
        == moment.astimezone(ZoneInfo(tz_b or "UTC")).utcoffset()
    )


def zone_name(tz_name, lang_code=None):
    """The generic name of a zone in the reader's language: ``Pacific Time``."""
    return babel_dates.get_timezone_name(
        ZoneInfo(tz_name or "UTC"), width="long", locale=_locale(lang_code)
    )
