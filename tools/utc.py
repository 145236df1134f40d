"""Conversions between Odoo's naive UTC datetimes and aware ones."""

from datetime import timezone

import pytz


def to_utc(value):
    """Return an aware UTC datetime from a naive UTC (Odoo) or an aware datetime."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def to_naive_utc(value):
    """Return the naive UTC datetime Odoo stores for an aware or naive UTC datetime."""
    return to_utc(value).replace(tzinfo=None)


def local_date(value, tz_name):
    """The calendar date of a UTC datetime (naive = UTC) in the zone ``tz_name`` (None: UTC)."""
    return to_utc(value).astimezone(pytz.timezone(tz_name or "UTC")).date()
