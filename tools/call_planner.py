"""When to call a candidate: pure-Python planning of call windows.

Employed candidates are called on weekday evenings or at the weekend, others
during the company's HR working hours intersected with their local daytime.
Windows never fall in the candidate's quiet hours, on company holidays or in
the past, and are computed in the candidate's zone so DST is handled on both
sides. No ORM here: the caller provides HR intervals and holidays in UTC.

Internally every instant is an integer number of microseconds since the Unix
epoch (UTC) and every local wall time an integer number of microseconds since
local midnight; conversion to ``datetime`` happens only at the boundaries.
"""

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from operator import itemgetter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EVENING, WEEKEND, OFFICE_HOURS = "evening", "weekend", "office_hours"
ALL_KINDS = (EVENING, WEEKEND, OFFICE_HOURS)
EMPLOYED_STATUSES = frozenset({"employed"})

_US = timedelta(microseconds=1)
_MINUTE_US = 60_000_000
_HOUR_US = 60 * _MINUTE_US
_DAY_US = 24 * _HOUR_US
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_EPOCH_ORDINAL = _NAIVE_EPOCH.toordinal()
# Look back this much before `now` so that a backward DST jump across midnight
# cannot hide a window of the previous local date.
_LOOKBACK_US = 3 * _HOUR_US


# ---------------------------------------------------------------------------
# Public data types
# ---------------------------------------------------------------------------


def _check_range(name, value, *, wrap=False):
    """Validate a ``(start, end)`` pair of float hours and return it as a tuple."""
    try:
        start, end = value
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a (start, end) pair of hours, got {value!r}") from None
    for hour in (start, end):
        if isinstance(hour, bool) or not isinstance(hour, int | float) or not 0 <= hour <= 24:
            raise ValueError(f"{name} hours must be numbers between 0 and 24, got {value!r}")
    if wrap and start == end:
        raise ValueError(f"{name} start and end must differ, got {value!r}")
    if not wrap and end <= start:
        raise ValueError(f"{name} must end after it starts, got {value!r}")
    return (float(start), float(end))


def _check_int(name, value, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")


@dataclass(frozen=True)
class PlannerConfig:
    """Planning parameters; hours are local float hours (19.5 = 19:30)."""

    evening: tuple[float, float] = (19.0, 21.0)
    weekend_days: tuple[int, ...] = (5, 6)
    weekend_ranges: tuple[tuple[float, float], ...] = ((10.0, 12.0), (14.0, 17.0))
    daytime: tuple[float, float] = (9.0, 20.0)
    quiet: tuple[float, float] = (21.0, 8.0)
    min_duration_minutes: int = 15
    horizon_days: int = 21

    def __post_init__(self):
        """Validate and normalise (lists become tuples) so configs stay hashable."""
        fix = object.__setattr__
        fix(self, "evening", _check_range("evening", self.evening))
        fix(self, "daytime", _check_range("daytime", self.daytime))
        fix(self, "quiet", _check_range("quiet", self.quiet, wrap=True))
        try:
            ranges = tuple(self.weekend_ranges)
            days = tuple(self.weekend_days)
        except TypeError:
            raise ValueError("weekend_days and weekend_ranges must be sequences") from None
        fix(self, "weekend_ranges", tuple(_check_range("weekend range", r) for r in ranges))
        for day in days:
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ValueError(f"weekend_days must be weekday numbers 0..6, got {days!r}")
        fix(self, "weekend_days", tuple(sorted(set(days))))
        _check_int("min_duration_minutes", self.min_duration_minutes, 0)
        _check_int("horizon_days", self.horizon_days, 1)


DEFAULT_CONFIG = PlannerConfig()


@dataclass(frozen=True, order=True)
class Window:
    """A call window; ``start``/``end`` are aware UTC datetimes."""

    start: datetime
    end: datetime
    kind: str


# ---------------------------------------------------------------------------
# Conversions
# ---------------------------------------------------------------------------


@lru_cache(maxsize=512)
def get_zone(name):
    """Return the (cached) ZoneInfo for ``name``; ValueError if unknown."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"Invalid time zone: {name!r}")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        raise ValueError(f"Unknown time zone: {name!r}") from None


def _to_us(value):
    """Datetime (naive = UTC) to integer microseconds since the epoch."""
    if not isinstance(value, datetime):
        raise TypeError(f"Expected a datetime, got {value!r}")
    if value.tzinfo is None:
        return (value - _NAIVE_EPOCH) // _US
    return (value - _EPOCH) // _US


def _from_us(value):
    return _EPOCH + _US * value


def _hours_to_us(hours):
    return round(hours * _HOUR_US)


def _offset_us(zone, utc_us):
    """UTC offset of ``zone`` at the instant ``utc_us``."""
    return zone.utcoffset(_from_us(utc_us).astimezone(zone)) // _US


def _gap_end(zone, wall_us, low, high):
    """First instant whose local wall time is after ``wall_us`` (which is in a DST gap).

    The transition lies in ``(low, high]``; binary search it.
    """
    while high - low > 1:
        middle = (low + high) // 2
        if middle + _offset_us(zone, middle) > wall_us:
            high = middle
        else:
            low = middle
    return high


def _wall_to_utc(zone, wall_us, *, later):
    """Convert a local wall time (microseconds since the local epoch) to UTC.

    Ambiguous times (DST fold) take the later occurrence when ``later`` is set
    (used for window starts) and the earlier one otherwise (window ends), so a
    window never contains wall times outside its bounds.  Nonexistent times
    (DST gap) map to the transition instant, the first valid instant after.
    """
    naive = _NAIVE_EPOCH + _US * wall_us
    before = zone.utcoffset(naive) // _US
    after = zone.utcoffset(naive.replace(fold=1)) // _US
    if before == after:
        return wall_us - before
    if before > after:  # fold: fold=0 is the earlier occurrence
        return wall_us - (after if later else before)
    return _gap_end(zone, wall_us, wall_us - after, wall_us - before)


def _local_ordinal(zone, utc_us):
    """Proleptic ordinal of the local date of the instant ``utc_us`` (to the second)."""
    return datetime.fromtimestamp(utc_us // 1_000_000, zone).toordinal()


# ---------------------------------------------------------------------------
# Weekly plan (local wall-time ranges per weekday)
# ---------------------------------------------------------------------------


def window_kinds_for(employment_status):
    """Kinds of windows suited to an employment status."""
    if employment_status in EMPLOYED_STATUSES:
        return (EVENING, WEEKEND)
    return (OFFICE_HOURS,)


def _resolve_kinds(kinds, employment_status):
    if kinds is None:
        return window_kinds_for(employment_status)
    if isinstance(kinds, str):
        kinds = (kinds,)
    resolved = tuple(sorted(set(kinds)))
    for kind in resolved:
        if kind not in ALL_KINDS:
            raise ValueError(f"Unknown window kind {kind!r}; expected one of {ALL_KINDS}")
    return resolved


def _allowed_hours(quiet):
    """Hour ranges of a local day outside the quiet hours."""
    start, end = quiet
    if start > end:
        return ((end, start),)
    return tuple(r for r in ((0.0, start), (end, 24.0)) if r[0] < r[1])


def _merge(ranges):
    """Sort and merge overlapping or touching ``(start, end)`` ranges."""
    merged = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _day_ranges(ranges, allowed, kind):
    """``ranges`` ∩ ``allowed`` as ``(start_us, end_us, kind)`` wall-time triples."""
    clipped = []
    for start, end in ranges:
        for low, high in allowed:
            lo, hi = max(start, low), min(end, high)
            if lo < hi:
                clipped.append((lo, hi))
    return [(_hours_to_us(lo), _hours_to_us(hi), kind) for lo, hi in _merge(clipped)]


@lru_cache(maxsize=256)
def _week_plan(config, kinds):
    """Per weekday (Monday=0), the sorted local wall-time ranges to try."""
    allowed = _allowed_hours(config.quiet)
    plan = []
    for weekday in range(7):
        day = []
        weekend = weekday in config.weekend_days
        if EVENING in kinds and not weekend:
            day += _day_ranges((config.evening,), allowed, EVENING)
        if WEEKEND in kinds and weekend:
            day += _day_ranges(config.weekend_ranges, allowed, WEEKEND)
        if OFFICE_HOURS in kinds:
            day += _day_ranges((config.daytime,), allowed, OFFICE_HOURS)
        plan.append(tuple(sorted(day)))
    return tuple(plan)


@lru_cache(maxsize=16384)
def _day_windows(zone_name, ordinal, day_plan):
    """UTC ``(start_us, end_us, kind)`` of a local date's plan in ``zone_name``."""
    zone = get_zone(zone_name)
    midnight = (ordinal - _EPOCH_ORDINAL) * _DAY_US
    windows = []
    for start, end, kind in day_plan:
        utc_start = _wall_to_utc(zone, midnight + start, later=True)
        utc_end = _wall_to_utc(zone, midnight + end, later=False)
        if utc_start < utc_end:
            windows.append((utc_start, utc_end, kind))
    return tuple(windows)


def _local_windows(zone_name, week, from_us, until_us):
    """Yield the plan's UTC windows, local date by local date, lazily."""
    first = _local_ordinal(get_zone(zone_name), from_us - _LOOKBACK_US)
    # the local date of `until_us` is at most this many days later
    days = (until_us - from_us + _LOOKBACK_US) // _DAY_US + 2
    for ordinal in range(first, first + days + 1):
        # date.fromordinal(n).weekday() == (n + 6) % 7
        day_plan = week[(ordinal + 6) % 7]
        if day_plan:
            yield from _day_windows(zone_name, ordinal, day_plan)


# ---------------------------------------------------------------------------
# Interval helpers (integer microseconds)
# ---------------------------------------------------------------------------


class IntervalSet:
    """Sorted, merged µs ranges converted lazily from ``(start, end, ...)`` datetimes.

    Sorting works on the datetimes themselves (cheap when the caller's list is
    already sorted); conversion only goes as far as the planner looks.  Build
    one with :func:`prepare_intervals` to reuse it across many calls.
    """

    __slots__ = ("_from_us", "_last_start", "_source", "ends", "exhausted", "ranges")

    def __init__(self, intervals, from_us=None):
        intervals = intervals or ()  # None/False from the ORM
        try:
            ordered = sorted(intervals, key=itemgetter(0))
        except TypeError:  # naive and aware datetimes mixed
            ordered = sorted(intervals, key=lambda interval: _to_us(interval[0]))
        self._source = iter(ordered)
        self._from_us = from_us
        self._last_start = None
        self.ranges, self.ends = [], []
        self.exhausted = not ordered

    def extend_to(self, until_us):
        """Convert source intervals until all those starting before ``until_us`` are in."""
        source, add = self._source, self._add
        while not self.exhausted and (self._last_start is None or self._last_start < until_us):
            interval = next(source, None)
            if interval is None:
                self.exhausted = True
                break
            add(_to_us(interval[0]), _to_us(interval[1]))

    def _add(self, start, end):
        self._last_start = start
        if end <= start or (self._from_us is not None and end <= self._from_us):
            return
        ends = self.ends
        if ends and start <= ends[-1]:
            if end > ends[-1]:
                self.ranges[-1] = (self.ranges[-1][0], end)
                ends[-1] = end
        else:
            self.ranges.append((start, end))
            ends.append(end)

    def finished_before(self, instant):
        """True when no source interval reaches ``instant`` or later."""
        return self.exhausted and (not self.ends or self.ends[-1] <= instant)


def prepare_intervals(intervals):
    """Convert ``(start, end)`` datetimes once, to pass to many planner calls."""
    prepared = IntervalSet(intervals)
    prepared.extend_to(float("inf"))
    return prepared


def _interval_set(intervals, from_us):
    if isinstance(intervals, IntervalSet):
        if not intervals.exhausted:
            raise ValueError("Pass intervals prepared by prepare_intervals()")
        return intervals
    return IntervalSet(intervals, from_us)


def _intersect(start, end, ranges, ends):
    """Parts of ``[start, end)`` inside the sorted ``ranges``."""
    parts = []
    index = bisect_right(ends, start)
    while index < len(ranges) and ranges[index][0] < end:
        low, high = ranges[index]
        parts.append((max(start, low), min(end, high)))
        index += 1
    return parts


def _subtract(start, end, ranges, ends):
    """Parts of ``[start, end)`` outside the sorted ``ranges``."""
    parts = []
    index = bisect_right(ends, start)
    while index < len(ranges) and ranges[index][0] < end:
        low, high = ranges[index]
        if low > start:
            parts.append((start, low))
        start = max(start, high)
        index += 1
    if start < end:
        parts.append((start, end))
    return parts


def _window_parts(start, end, kind, floor, office, closed):
    """Clip a raw window to HR intervals (office hours), ``floor`` and holidays."""
    if kind == OFFICE_HOURS:
        office.extend_to(end)
        parts = _intersect(start, end, office.ranges, office.ends)
    else:
        parts = ((start, end),)
    clipped = []
    for low, high in parts:
        low = max(low, floor)
        if low < high:
            closed.extend_to(high)
            clipped += _subtract(low, high, closed.ranges, closed.ends)
    return clipped


def _candidate_windows(candidate_tz, kinds, now_us, until_us, office, closed, config):
    """Yield the candidate's windows ``(start_us, end_us, kind)`` from ``now_us``, in order.

    Windows start before ``until_us``, last ``min_duration_minutes`` and do not overlap.
    """
    office_only = kinds == (OFFICE_HOURS,)
    min_us = config.min_duration_minutes * _MINUTE_US
    floor = now_us  # windows start at or after `now` and after the previous one
    week = _week_plan(config, kinds)
    for start, end, kind in _local_windows(candidate_tz, week, now_us, until_us):
        if start >= until_us or (office_only and office.finished_before(start)):
            return
        if end <= floor:
            continue
        for low, high in _window_parts(start, end, kind, floor, office, closed):
            if low >= until_us:
                return
            if high - low >= min_us:
                yield low, high, kind
                floor = high


def _check_config(config):
    config = DEFAULT_CONFIG if config is None else config
    if not isinstance(config, PlannerConfig):
        raise TypeError(f"config must be a PlannerConfig, got {config!r}")
    return config


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def next_windows(
    now,
    candidate_tz,
    employment_status,
    hr_intervals=(),
    holidays=(),
    config=None,
    kinds=None,
    limit=3,
):
    """Return up to ``limit`` upcoming call windows, sorted and non-overlapping.

    ``now`` and all intervals are UTC datetimes (naive means UTC).  ``limit``
    None returns every window within the horizon.
    """
    config = _check_config(config)
    get_zone(candidate_tz)
    kinds = _resolve_kinds(kinds, employment_status)
    now_us = _to_us(now)
    if not kinds or (limit is not None and limit <= 0):
        return []
    until_us = now_us + config.horizon_days * _DAY_US
    office = _interval_set(hr_intervals if OFFICE_HOURS in kinds else (), now_us)
    closed = _interval_set(holidays, now_us)
    found = []
    for low, high, kind in _candidate_windows(
        candidate_tz, kinds, now_us, until_us, office, closed, config
    ):
        found.append(Window(_from_us(low), _from_us(high), kind))
        if limit is not None and len(found) >= limit:
            break
    return found


def next_window(
    now,
    candidate_tz,
    employment_status,
    hr_intervals=(),
    holidays=(),
    config=None,
    kinds=None,
):
    """Return the first upcoming call window, or None within the horizon."""
    windows = next_windows(
        now,
        candidate_tz,
        employment_status,
        hr_intervals=hr_intervals,
        holidays=holidays,
        config=config,
        kinds=kinds,
        limit=1,
    )
    return windows[0] if windows else None


__all__ = [
    "ALL_KINDS",
    "DEFAULT_CONFIG",
    "EMPLOYED_STATUSES",
    "EVENING",
    "OFFICE_HOURS",
    "WEEKEND",
    "IntervalSet",
    "PlannerConfig",
    "Window",
    "get_zone",
    "next_window",
    "next_windows",
    "prepare_intervals",
    "window_kinds_for",
]
