"""Candidate-facing interview details: local times and map links (pure Python, no ORM)."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

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
