"""Read the times a candidate types on the portal, in their own zone (pure Python, no ORM).

Browsers send ``<input type="datetime-local">`` as ``2026-02-03T14:30`` and
``<input type="time">`` as ``14:30``: wall-clock values in the candidate's zone. These helpers
turn them into the naive UTC datetimes Odoo stores, and refuse what cannot be right.
"""

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


class CandidateInputError(ValueError):
    """A value typed by the candidate cannot be used; the caller explains it."""


class InvalidValue(CandidateInputError):
    """Not a date and time (or not a time) at all."""


class NonExistentLocalTime(CandidateInputError):
    """The wall-clock time is skipped by a clock change in the zone."""


class ArrivalAfterStart(CandidateInputError):
    """The candidate would arrive after the interview starts."""


class ArrivalTooEarly(CandidateInputError):
    """The candidate would arrive much earlier than the interview."""


class TooManyProposals(CandidateInputError):
    """More proposed times than allowed."""


class ProposalInThePast(CandidateInputError):
    """A proposed time is not far enough in the future."""


class ProposalTooFar(CandidateInputError):
    """A proposed time is beyond the horizon the recruiter offers times in."""


def _parse_naive(value, kind):
    """``value`` as a naive ``kind`` (datetime or time) to the minute; str values are ISO."""
    if not isinstance(value, kind):
        try:
            value = kind.fromisoformat((value or "").strip())
        except (AttributeError, TypeError, ValueError):
            raise InvalidValue(value) from None
    if value.tzinfo is not None:
        raise InvalidValue(value)
    return value.replace(second=0, microsecond=0)


def parse_local_datetime(value):
    """Return the naive wall-clock datetime of ``2026-02-03T14:30`` (seconds optional)."""
    return _parse_naive(value, datetime)


def parse_local_time(value):
    """Return the wall-clock time of ``14:30``."""
    return _parse_naive(value, time)


def wall_to_naive_utc(local, zone_name):
    """Naive UTC of a naive wall-clock datetime in ``zone_name``.

    A time skipped by a clock change raises NonExistentLocalTime; a time that happens twice
    (clocks going back) is taken at its first occurrence.
    """
    zone = ZoneInfo(zone_name or "UTC")
    try:
        utc = local.replace(tzinfo=zone, fold=0).astimezone(timezone.utc)
    except OverflowError:  # the first or last hours of the calendar (year 1 or 9999)
        raise InvalidValue(local) from None
    if utc.astimezone(zone).replace(tzinfo=None) != local:
        raise NonExistentLocalTime(local)
    return utc.replace(tzinfo=None)


def naive_utc_to_wall(value, zone_name):
    """Naive wall-clock datetime in ``zone_name`` of a naive UTC datetime."""
    zone = ZoneInfo(zone_name or "UTC")
    return value.replace(tzinfo=timezone.utc).astimezone(zone).replace(tzinfo=None)


def arrival_on_interview_day(start_utc, wall_time, zone_name, max_advance):
    """Naive UTC of ``wall_time`` on the interview's local day, checked against its start.

    The time must not be after the start (naive UTC ``start_utc``) nor more than
    ``max_advance`` (a timedelta) before it.
    """
    day = naive_utc_to_wall(start_utc, zone_name).date()
    arrival = wall_to_naive_utc(datetime.combine(day, parse_local_time(wall_time)), zone_name)
    if arrival > start_utc:
        raise ArrivalAfterStart(wall_time)
    if start_utc - arrival > max_advance:
        raise ArrivalTooEarly(wall_time)
    return arrival


def future_proposals(values, zone_name, now_utc, limit, min_notice=timedelta(0), horizon=None):
    """Naive UTC starts of up to ``limit`` distinct proposed times, all after now + notice
    and, with a ``horizon`` (timedelta), not after now + horizon.

    Empty values are ignored; raises InvalidValue, NonExistentLocalTime, TooManyProposals,
    ProposalInThePast or ProposalTooFar.
    """
    starts = []
    for value in values:
        if not (value or "").strip():
            continue
        start = wall_to_naive_utc(parse_local_datetime(value), zone_name)
        if start <= now_utc + min_notice:
            raise ProposalInThePast(value)
        if horizon is not None and start > now_utc + horizon:
            raise ProposalTooFar(value)
        if start not in starts:
            starts.append(start)
    if len(starts) > limit:
        raise TooManyProposals(len(starts))
    return sorted(starts)
