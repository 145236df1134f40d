"""When to call a candidate: pure-Python planning of call windows.

Employed candidates are called on weekday evenings or at the weekend, others
during the company's HR working hours intersected with their local daytime.
Windows never fall in the candidate's quiet hours, on company holidays or in
the past, and are computed in the candidate's zone so DST is handled on both
sides. No ORM here: the caller provides HR intervals and holidays in UTC.

:func:`plan_calls` then gives each call a caller and a slot: a whole minute in
one of the candidate's windows and in the caller's own hours, never on their
days off, a slot away from the caller's other calls, with the team taking the
calls the preferred caller cannot make.

Internally every instant is an integer number of microseconds since the Unix
epoch (UTC) and every local wall time an integer number of microseconds since
local midnight; conversion to ``datetime`` happens only at the boundaries.
"""

from bisect import bisect_right, insort
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
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
    slot_minutes: int = 12  # the least time between the starts of two calls of one caller

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
        _check_int("slot_minutes", self.slot_minutes, 1)


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


def in_quiet_hours(hour, quiet):
    """True when the local float ``hour`` (3.25 = 03:15) lies in the ``quiet`` hours."""
    allowed = _allowed_hours(_check_range("quiet", quiet, wrap=True))
    return not any(low <= hour < high for low, high in allowed)


def kind_at(local, config=DEFAULT_CONFIG):
    """The kind of call window a local (aware or naive) datetime falls in: the weekend on a
    weekend day, the evening from the evening's start, else office hours."""
    if local.weekday() in config.weekend_days:
        return WEEKEND
    if local.hour + local.minute / 60 >= config.evening[0]:
        return EVENING
    return OFFICE_HOURS


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


# ---------------------------------------------------------------------------
# Planning calls: the caller's hours, one call per slot, the team
# ---------------------------------------------------------------------------

NO_COMMON_TIME = "no_common_time"  # no caller shares a slot with the candidate in the horizon
INVALID_ZONE = "invalid_zone"  # the candidate's zone is not a known time zone
NO_CALLER = "no_caller"  # nobody to make the call
OFFICE_FIRST_STATUSES = frozenset({"available", "student"})


@dataclass(frozen=True)
class Caller:
    """Someone who makes calls: calling hours every day in their own zone, days off and calls.

    ``days_off`` mixes local dates of the caller's zone (whole days off: public holidays, leaves
    passed through :func:`local_dates`) and ``(start, end, ...)`` UTC datetimes (naive = UTC), each
    blocking just that time.  ``busy`` holds the starts of the caller's calls planned already,
    without the calls being planned again.
    """

    key: object
    tz: str
    hour_from: float = 8.0
    hour_to: float = 21.0
    days_off: tuple = ()
    busy: tuple = ()

    def __post_init__(self):
        get_zone(self.tz)
        _check_range("calling hours", (self.hour_from, self.hour_to))
        object.__setattr__(self, "days_off", tuple(self.days_off or ()))
        object.__setattr__(self, "busy", tuple(self.busy or ()))


@dataclass(frozen=True)
class CallRequest:
    """One call to plan; ``key`` (an invitation id) comes back with its plan.

    ``caller`` is the key of the preferred caller (the application's recruiter), None to give
    the call to whoever has the fewest calls; requests of one ``group`` (one candidate) get one
    caller and one slot; ``kinds`` narrows the window kinds (a retry) within those of the status.
    """

    key: object
    tz: str
    status: str | None = None
    caller: object = None
    group: object = None
    kinds: tuple | None = None


@dataclass(frozen=True)
class CallPlan:
    """The plan of one request: its caller and window, or why it has none (``reason``).

    ``window.start`` is the call's slot, ``window.end`` the end of the time the candidate's window
    and the caller's hours share around it.
    """

    key: object
    caller: object = None
    window: Window | None = None
    reason: str | None = None


def call_kind_order(employment_status):
    """Window kinds to try in turn: office hours first only for candidates free by day.

    Employed and unknown statuses (None, "unknown", anything else) take the safe side: calls at
    work fail, so only evenings and weekends.
    """
    if employment_status in OFFICE_FIRST_STATUSES:
        return ((OFFICE_HOURS,), (EVENING, WEEKEND))
    return ((EVENING, WEEKEND),)


@lru_cache(maxsize=64)
def _narrowed_kind_order(employment_status, kinds):
    """``call_kind_order`` kept to ``kinds``; the whole order when none of them is allowed."""
    order = call_kind_order(employment_status)
    if kinds is None:
        return order
    wanted = set(_resolve_kinds(kinds, employment_status))
    narrowed = tuple(tuple(kind for kind in step if kind in wanted) for step in order)
    return tuple(step for step in narrowed if step) or order


def local_dates(intervals, tz):
    """Sorted local dates of ``tz`` touched by UTC ``(start, end, ...)`` intervals.

    Public holidays of a calendar, taken in the calendar's zone, become dates that each caller
    then takes off in their own zone; leaves taken in the caller's zone become whole days off.
    """
    zone = get_zone(tz)
    ordinals = set()
    for interval in intervals or ():
        start, end = _to_us(interval[0]), _to_us(interval[1])
        if start < end:
            first, last = _local_ordinal(zone, start), _local_ordinal(zone, end - 1)
            ordinals.update(range(first, last + 1))
    return [date.fromordinal(ordinal) for ordinal in sorted(ordinals)]


def _split_days_off(days_off):
    """Local date ordinals and UTC intervals of a caller's ``days_off``."""
    ordinals, intervals = set(), []
    for day_off in days_off:
        if isinstance(day_off, datetime):
            raise TypeError(f"A day off is a date or a (start, end) pair, got {day_off!r}")
        if isinstance(day_off, date):
            ordinals.add(day_off.toordinal())
        else:
            intervals.append(day_off)
    return ordinals, intervals


def _free_ranges(caller, now_us, until_us):
    """Merged UTC µs ranges of the caller's hours from ``now_us`` to ``until_us``, days off out."""
    dates_off, leaves = _split_days_off(caller.days_off)
    leaves = prepare_intervals(leaves)
    day_plan = ((_hours_to_us(caller.hour_from), _hours_to_us(caller.hour_to), "caller"),)
    zone = get_zone(caller.tz)
    first = _local_ordinal(zone, now_us - _LOOKBACK_US)
    hours = []
    for ordinal in range(first, _local_ordinal(zone, until_us) + 1):
        if ordinal not in dates_off:
            hours += (window[:2] for window in _day_windows(caller.tz, ordinal, day_plan))
    free = []
    for start, end in _merge(hours):
        if end > now_us and start < until_us:
            free += _subtract(max(start, now_us), end, leaves.ranges, leaves.ends)
    return free


class _CallerBook:
    """A caller's free time within the horizon and the sorted starts of their calls."""

    __slots__ = ("caller", "ends", "ranges", "starts")

    def __init__(self, caller, now_us, until_us):
        self.caller = caller
        self.ranges = _free_ranges(caller, now_us, until_us)
        self.ends = [end for _start, end in self.ranges]
        self.starts = sorted(_to_us(start) for start in caller.busy)

    def free_parts(self, start, end):
        """Parts of ``[start, end)`` in the caller's free time."""
        return _intersect(start, end, self.ranges, self.ends)

    def first_free_start(self, low, high, slot_us):
        """Earliest whole minute in ``[low, high)`` whose slot fits, a slot from every call."""
        starts = self.starts
        start = -(-low // _MINUTE_US) * _MINUTE_US
        while start + slot_us <= high:
            index = bisect_right(starts, start - slot_us)
            if index == len(starts) or starts[index] >= start + slot_us:
                return start
            start = -(-(starts[index] + slot_us) // _MINUTE_US) * _MINUTE_US
        return None

    def book(self, start):
        insort(self.starts, start)


class _LazyWindows:
    """The candidate windows of one zone and kinds, computed as far as the planner looks."""

    __slots__ = ("_source", "items")

    def __init__(self, source):
        self._source = source
        self.items = []

    def get(self, index):
        """The window at ``index``, or None past the last one."""
        items = self.items
        while len(items) <= index:
            window = next(self._source, None)
            if window is None:
                return None
            items.append(window)
        return items[index]


class _CallPlanner:
    """One planning run: windows shared by the requests of a zone, the callers' books, and per
    caller, zone and kinds the point before which no slot is left (calls only ever get added)."""

    def __init__(self, callers, now, config, hr_intervals, holidays, group_plans):
        self.config = config
        self.now_us = _to_us(now)
        self.until_us = self.now_us + config.horizon_days * _DAY_US
        self.slot_us = config.slot_minutes * _MINUTE_US
        self.office = _prepared(hr_intervals)
        self.closed = _prepared(holidays)
        self.books = {}
        for caller in callers:
            if caller.key in self.books:
                raise ValueError(f"Two callers have the key {caller.key!r}")
            self.books[caller.key] = _CallerBook(caller, self.now_us, self.until_us + _DAY_US)
        self.windows = {}
        self.cursors = {}
        self.group_plans = dict(group_plans or {})

    def plan(self, request):
        """The CallPlan of ``request``, booking its slot in its caller's calls."""
        shared = self.group_plans.get(request.group) if request.group is not None else None
        if shared:
            return CallPlan(request.key, shared[0], shared[1])
        try:
            get_zone(request.tz)
        except ValueError:
            return CallPlan(request.key, reason=INVALID_ZONE)
        if not self.books:
            return CallPlan(request.key, reason=NO_CALLER)
        if request.caller is not None and request.caller not in self.books:
            raise ValueError(f"The caller {request.caller!r} of {request.key!r} is not a caller")
        plan = self._plan_with_team(request)
        if plan.window and request.group is not None:
            self.group_plans[request.group] = (plan.caller, plan.window)
        return plan

    def _plan_with_team(self, request):
        """The preferred caller's first slot, else that of the others, fewest calls first."""
        order = _narrowed_kind_order(request.status, _kinds_key(request.kinds))
        for book in self._callers_for(request.caller):
            for kinds in order:
                found = self._first_slot(book, request.tz, kinds)
                if found:
                    start, end, kind = found
                    book.book(start)
                    window = Window(_from_us(start), _from_us(end), kind)
                    return CallPlan(request.key, book.caller.key, window)
        return CallPlan(request.key, reason=NO_COMMON_TIME)

    def _callers_for(self, preferred):
        """Caller books to try: the preferred caller, then the team by fewest calls."""
        first = self.books.get(preferred)
        if first is not None:
            yield first
        team = sorted(self.books.values(), key=lambda book: len(book.starts))
        yield from (book for book in team if book is not first)

    def _first_slot(self, book, tz, kinds):
        """``(start_us, end_us, kind)`` of the caller's first slot in the candidate's windows."""
        windows = self._windows_of(tz, kinds)
        cursor = (book.caller.key, tz, kinds)
        index, floor = self.cursors.get(cursor, (0, self.now_us))
        while (window := windows.get(index)) is not None:
            start, end, kind = window
            for low, high in book.free_parts(max(start, floor), end):
                slot = book.first_free_start(low, high, self.slot_us)
                if slot is not None and slot < self.until_us:
                    self.cursors[cursor] = (index, slot)
                    return slot, high, kind
            index += 1
        self.cursors[cursor] = (index, floor)
        return None

    def _windows_of(self, tz, kinds):
        windows = self.windows.get((tz, kinds))
        if windows is None:
            source = _candidate_windows(
                tz, kinds, self.now_us, self.until_us, self.office, self.closed, self.config
            )
            windows = self.windows[(tz, kinds)] = _LazyWindows(source)
        return windows


def _prepared(intervals):
    if isinstance(intervals, IntervalSet):
        return _interval_set(intervals, None)
    return prepare_intervals(intervals)


def _kinds_key(kinds):
    """``kinds`` as a hashable tuple (a single kind may be given as a string)."""
    if kinds is None or isinstance(kinds, str):
        return kinds
    return tuple(kinds)


def plan_calls(items, callers, now, config=None, hr_intervals=(), holidays=(), group_plans=None):
    """Plan a call for each CallRequest of ``items``, in their order (the queue's).

    Each call gets the earliest whole minute, from ``now`` and within the horizon, that lies in
    one of the candidate's windows (office hours first for those free by day, see
    :func:`call_kind_order`) and in the hours of a caller who is not off, whose whole slot fits
    and who has no other call less than ``config.slot_minutes`` away.  The preferred caller is
    tried first, then the other ``callers`` (:class:`Caller`), fewest calls first.
    ``hr_intervals`` and ``holidays`` are the company's, as for :func:`next_windows`;
    ``group_plans`` maps a group to the ``(caller key, Window)`` its candidate has already.
    Return one :class:`CallPlan` per item, in the same order; no item fails the others.
    """
    planner = _CallPlanner(callers, now, _check_config(config), hr_intervals, holidays, group_plans)
    return [planner.plan(item) for item in items]


__all__ = [
    "ALL_KINDS",
    "DEFAULT_CONFIG",
    "EMPLOYED_STATUSES",
    "EVENING",
    "INVALID_ZONE",
    "NO_CALLER",
    "NO_COMMON_TIME",
    "OFFICE_HOURS",
    "WEEKEND",
    "CallPlan",
    "CallRequest",
    "Caller",
    "IntervalSet",
    "PlannerConfig",
    "Window",
    "call_kind_order",
    "get_zone",
    "in_quiet_hours",
    "kind_at",
    "local_dates",
    "next_window",
    "next_windows",
    "plan_calls",
    "prepare_intervals",
    "window_kinds_for",
]
