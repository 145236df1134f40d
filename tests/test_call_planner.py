from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from odoo.addons.hr_recruitment_invitation.tools import call_planner, phone_tz
from odoo.addons.hr_recruitment_invitation.tools.call_planner import (
    EVENING,
    INVALID_ZONE,
    NO_CALLER,
    NO_COMMON_TIME,
    OFFICE_HOURS,
    WEEKEND,
    Caller,
    CallPlan,
    CallRequest,
    PlannerConfig,
    Window,
    call_kind_order,
    local_dates,
    next_window,
    next_windows,
    plan_calls,
    prepare_intervals,
    window_kinds_for,
)

ZONES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/St_Johns",
    "America/Sao_Paulo",
    "America/Santiago",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Shanghai",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Africa/Casablanca",
)
COMPANY_ZONES = ("Europe/Brussels", "America/New_York", "Asia/Kolkata", "Australia/Adelaide")
STATUSES = ("employed", "available", "student", None)
BRUSSELS = "Europe/Brussels"
PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def local(dt, zone):
    return dt.astimezone(ZoneInfo(zone))


def wall_hours(dt, zone):
    """Local wall time of ``dt`` in float hours."""
    t = local(dt, zone)
    return t.hour + t.minute / 60 + t.second / 3600 + t.microsecond / 3_600_000_000


def in_range(hours, low, high):
    """``hours`` within [low, high) where the range may wrap midnight."""
    if low < high:
        return low <= hours < high
    return hours >= low or hours < high


def hr_calendar(now, company_tz, days=23, ranges=((8.5, 17.5),), workdays=range(5)):
    """Company HR working intervals (UTC) from the local date of ``now`` - 1."""
    zone = ZoneInfo(company_tz)
    first = now.astimezone(zone).date() - timedelta(days=1)
    intervals = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        if day.weekday() not in workdays:
            continue
        midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
        for low, high in ranges:
            start = (midnight + timedelta(hours=low)).astimezone(timezone.utc)
            end = (midnight + timedelta(hours=high)).astimezone(timezone.utc)
            intervals.append((start, end))
    return intervals


def local_day(day, zone):
    """(start, end) in UTC of a whole local date."""
    tz = ZoneInfo(zone)
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    return start.astimezone(timezone.utc), (start + timedelta(days=1)).astimezone(timezone.utc)


@tagged("post_install", "-at_install")
class TestCallPlanner(BaseCase):
    """Worked examples with fixed ``now`` values."""

    def assertWindow(self, window, start, end, kind):
        self.assertIsInstance(window, Window)
        self.assertEqual((window.start, window.end, window.kind), (start, end, kind))

    def test_window_kinds_for(self):
        self.assertEqual(window_kinds_for("employed"), (EVENING, WEEKEND))
        for status in ("available", "student", "unknown", None, False):
            self.assertEqual(window_kinds_for(status), (OFFICE_HOURS,))

    def test_french_employed_candidate_evening(self):
        tz = phone_tz.guess_candidate_tz("+33 6 12 34 56 78").tz
        now = utc(2025, 6, 10, 8, 0)  # Tuesday
        window = next_window(now, tz, "employed")
        self.assertWindow(window, utc(2025, 6, 10, 17), utc(2025, 6, 10, 19), EVENING)
        self.assertEqual(local(window.start, tz).strftime("%a %H:%M"), "Tue 19:00")
        self.assertEqual(local(window.end, tz).strftime("%H:%M"), "21:00")
        self.assertEqual(window.start.tzinfo, timezone.utc)

    def test_chinese_candidate_brussels_hr_summer(self):
        tz = phone_tz.guess_candidate_tz("+86 138 0013 8000").tz
        now = utc(2025, 6, 16, 0, 0)  # Monday, Brussels on CEST (UTC+2)
        hr = hr_calendar(now, BRUSSELS)
        windows = next_windows(now, tz, "available", hr_intervals=hr, limit=6)
        # Brussels 08:30-17:30 = 06:30-15:30 UTC; Shanghai 09:00-20:00 = 01:00-12:00 UTC
        self.assertWindow(windows[0], utc(2025, 6, 16, 6, 30), utc(2025, 6, 16, 12), OFFICE_HOURS)
        self.assertEqual(local(windows[0].start, tz).strftime("%H:%M"), "14:30")
        self.assertEqual(local(windows[0].end, tz).strftime("%H:%M"), "20:00")
        self.assertEqual(local(windows[0].end, BRUSSELS).strftime("%H:%M"), "14:00")
        # Monday to Friday, then the next Monday: no weekend window
        starts = [local(w.start, BRUSSELS).strftime("%a %d %H:%M") for w in windows]
        self.assertEqual(
            starts,
            ["Mon 16 08:30", "Tue 17 08:30", "Wed 18 08:30", "Thu 19 08:30", "Fri 20 08:30"]
            + ["Mon 23 08:30"],
        )

    def test_chinese_candidate_brussels_hr_winter(self):
        now = utc(2025, 1, 13, 0, 0)  # Monday, Brussels on CET (UTC+1)
        hr = hr_calendar(now, BRUSSELS)
        window = next_window(now, "Asia/Shanghai", "student", hr_intervals=hr)
        self.assertWindow(window, utc(2025, 1, 13, 7, 30), utc(2025, 1, 13, 12), OFFICE_HOURS)
        self.assertEqual(local(window.start, "Asia/Shanghai").strftime("%H:%M"), "15:30")

    def test_us_west_and_east_coast_three_hours_apart(self):
        west = phone_tz.guess_candidate_tz("+1 650 253 0000").tz
        east = phone_tz.guess_candidate_tz("+1 212 555 0100").tz
        self.assertEqual((west, east), ("America/Los_Angeles", "America/New_York"))
        now = utc(2025, 6, 10, 12, 0)
        west_window = next_window(now, west, "employed")
        east_window = next_window(now, east, "employed")
        self.assertEqual(east_window.start, utc(2025, 6, 10, 23))
        self.assertEqual(west_window.start, utc(2025, 6, 11, 2))
        self.assertEqual(west_window.start - east_window.start, timedelta(hours=3))
        for window, zone in ((west_window, west), (east_window, east)):
            self.assertEqual(local(window.start, zone).hour, 19)

    def assertEvenings(self, zone, now, expected_utc_starts):
        windows = next_windows(now, zone, "employed", kinds=(EVENING,), limit=4)
        self.assertEqual([w.start for w in windows], expected_utc_starts)
        for window in windows:
            self.assertEqual(local(window.start, zone).strftime("%H:%M"), "19:00")
            self.assertEqual(local(window.end, zone).strftime("%H:%M"), "21:00")
            self.assertEqual(window.end - window.start, timedelta(hours=2))

    def test_dst_europe_spring(self):
        # last Sunday of March 2025 is the 30th: CET -> CEST
        self.assertEvenings(
            "Europe/Paris",
            utc(2025, 3, 27, 12),
            [utc(2025, 3, 27, 18), utc(2025, 3, 28, 18), utc(2025, 3, 31, 17), utc(2025, 4, 1, 17)],
        )
        weekend = next_windows(utc(2025, 3, 29, 0), "Europe/Paris", "employed", limit=4)
        self.assertEqual(
            [w.start for w in weekend],
            [utc(2025, 3, 29, 9), utc(2025, 3, 29, 13), utc(2025, 3, 30, 8), utc(2025, 3, 30, 12)],
        )

    def test_dst_europe_autumn(self):
        # last Sunday of October 2025 is the 26th: CEST -> CET
        self.assertEvenings(
            "Europe/Paris",
            utc(2025, 10, 23, 12),
            [utc(2025, 10, 23, 17), utc(2025, 10, 24, 17), utc(2025, 10, 27, 18)]
            + [utc(2025, 10, 28, 18)],
        )

    def test_dst_us_spring(self):
        # second Sunday of March 2025 is the 9th: EST -> EDT
        self.assertEvenings(
            "America/New_York",
            utc(2025, 3, 6, 12),
            [utc(2025, 3, 7, 0), utc(2025, 3, 8, 0), utc(2025, 3, 10, 23), utc(2025, 3, 11, 23)],
        )

    def test_dst_us_autumn(self):
        # first Sunday of November 2025 is the 2nd: EDT -> EST
        self.assertEvenings(
            "America/New_York",
            utc(2025, 10, 30, 12),
            [
                utc(2025, 10, 30, 23),
                utc(2025, 10, 31, 23),
                utc(2025, 11, 4, 0),
                utc(2025, 11, 5, 0),
            ],
        )

    def test_dst_company_and_candidate_switch_on_different_dates(self):
        # 2025-03-10..28: New York already on EDT, Brussels still on CET
        now = utc(2025, 3, 24, 0)  # Monday
        hr = hr_calendar(now, BRUSSELS)
        zone = "America/New_York"
        windows = next_windows(now, zone, "available", hr_intervals=hr, limit=10)
        # before Brussels switches: 07:30-16:30 UTC vs NY 09:00-20:00 EDT = 13:00-00:00 UTC
        self.assertWindow(windows[0], utc(2025, 3, 24, 13), utc(2025, 3, 24, 16, 30), OFFICE_HOURS)
        # after the Brussels switch (Monday 31st): 06:30-15:30 UTC
        after = [w for w in windows if w.start.date() == datetime(2025, 3, 31).date()]
        self.assertWindow(after[0], utc(2025, 3, 31, 13), utc(2025, 3, 31, 15, 30), OFFICE_HOURS)
        for window in windows:
            self.assertEqual(local(window.start, zone).strftime("%H:%M"), "09:00")

    def test_public_holiday_on_wednesday_skips_evening(self):
        holiday = local_day(datetime(2025, 6, 11).date(), BRUSSELS)  # Wednesday
        windows = next_windows(utc(2025, 6, 10, 8), "Europe/Paris", "employed", holidays=[holiday])
        self.assertEqual(
            [w.start for w in windows],
            [utc(2025, 6, 10, 17), utc(2025, 6, 12, 17), utc(2025, 6, 13, 17)],
        )
        window = next_window(utc(2025, 6, 11, 6), "Europe/Paris", "employed", holidays=[holiday])
        self.assertWindow(window, utc(2025, 6, 12, 17), utc(2025, 6, 12, 19), EVENING)

    def test_holiday_cuts_window_in_two(self):
        holiday = (utc(2025, 6, 10, 17, 30), utc(2025, 6, 10, 18))
        windows = next_windows(
            utc(2025, 6, 10, 8), "Europe/Paris", "employed", holidays=[holiday], limit=2
        )
        self.assertWindow(windows[0], utc(2025, 6, 10, 17), utc(2025, 6, 10, 17, 30), EVENING)
        self.assertWindow(windows[1], utc(2025, 6, 10, 18), utc(2025, 6, 10, 19), EVENING)

    def test_holidays_apply_to_office_hours(self):
        now = utc(2025, 6, 16, 0)
        hr = hr_calendar(now, BRUSSELS)
        holiday = local_day(datetime(2025, 6, 16).date(), BRUSSELS)
        window = next_window(now, "Europe/Paris", "available", hr_intervals=hr, holidays=[holiday])
        self.assertWindow(window, utc(2025, 6, 17, 7), utc(2025, 6, 17, 15, 30), OFFICE_HOURS)

    def test_started_window_starts_now(self):
        now = utc(2025, 6, 10, 17, 42, 13, 5)
        window = next_window(now, "Europe/Paris", "employed")
        self.assertWindow(window, now, utc(2025, 6, 10, 19), EVENING)

    def test_naive_now_is_utc(self):
        aware = next_window(utc(2025, 6, 10, 17, 30), "Europe/Paris", "employed")
        naive = next_window(datetime(2025, 6, 10, 17, 30), "Europe/Paris", "employed")
        self.assertEqual(aware, naive)
        self.assertEqual(naive.start.tzinfo, timezone.utc)

    def test_too_short_remainder_is_dropped(self):
        window = next_window(utc(2025, 6, 10, 18, 50), "Europe/Paris", "employed")
        self.assertEqual(window.start, utc(2025, 6, 11, 17))

    def test_friday_evening_then_saturday_morning(self):
        friday = next_window(utc(2025, 6, 13, 12), "Europe/Paris", "employed")
        self.assertWindow(friday, utc(2025, 6, 13, 17), utc(2025, 6, 13, 19), EVENING)
        saturday = next_window(utc(2025, 6, 13, 19, 30), "Europe/Paris", "employed")
        self.assertWindow(saturday, utc(2025, 6, 14, 8), utc(2025, 6, 14, 10), WEEKEND)
        self.assertEqual(local(saturday.start, "Europe/Paris").strftime("%a %H:%M"), "Sat 10:00")

    def test_kinds_restriction(self):
        now = utc(2025, 6, 10, 8)
        windows = next_windows(now, "Europe/Paris", "employed", kinds=(WEEKEND,), limit=5)
        self.assertEqual({w.kind for w in windows}, {WEEKEND})
        self.assertEqual(windows[0].start, utc(2025, 6, 14, 8))
        # retry an available candidate with evening windows
        evening = next_window(now, "Europe/Paris", "available", kinds=[EVENING])
        self.assertEqual(evening.kind, EVENING)
        self.assertEqual(next_windows(now, "Europe/Paris", "employed", kinds=()), [])

    def test_office_hours_without_hr_intervals(self):
        self.assertIsNone(next_window(utc(2025, 6, 10, 8), "Europe/Paris", "available"))

    def test_limit_and_horizon(self):
        now = utc(2025, 6, 10, 8)
        self.assertEqual(next_windows(now, "Europe/Paris", "employed", limit=0), [])
        everything = next_windows(now, "Europe/Paris", "employed", limit=None)
        # 3 weeks: 15 weekday evenings + 6 weekend days x 2 ranges
        self.assertEqual(len(everything), 27)
        self.assertTrue(all(w.start < now + timedelta(days=21) for w in everything))
        short = PlannerConfig(horizon_days=2)
        self.assertEqual(len(next_windows(now, "Europe/Paris", "employed", config=short)), 2)

    def test_dst_gap_start_moves_to_first_valid_instant(self):
        config = PlannerConfig(evening=(2.5, 4.0), quiet=(0.0, 1.0), weekend_days=())
        # 2025-03-30 Paris: 02:00 CET jumps to 03:00 CEST (01:00 UTC)
        window = next_window(utc(2025, 3, 29, 12), "Europe/Paris", "employed", config=config)
        self.assertWindow(window, utc(2025, 3, 30, 1), utc(2025, 3, 30, 2), EVENING)
        config = PlannerConfig(evening=(1.5, 4.0), quiet=(0.0, 1.0), weekend_days=())
        window = next_window(utc(2025, 3, 29, 12), "Europe/Paris", "employed", config=config)
        self.assertWindow(window, utc(2025, 3, 30, 0, 30), utc(2025, 3, 30, 2), EVENING)

    def test_dst_fold_stays_within_bounds(self):
        # 2025-10-26 Paris: 03:00 CEST goes back to 02:00 CET (01:00 UTC)
        config = PlannerConfig(evening=(2.5, 4.0), quiet=(0.0, 1.0), weekend_days=())
        window = next_window(utc(2025, 10, 25, 12), "Europe/Paris", "employed", config=config)
        # ambiguous start: the later 02:30 (CET)
        self.assertWindow(window, utc(2025, 10, 26, 1, 30), utc(2025, 10, 26, 3), EVENING)
        config = PlannerConfig(evening=(1.5, 2.5), quiet=(0.0, 1.0), weekend_days=())
        window = next_window(utc(2025, 10, 25, 12), "Europe/Paris", "employed", config=config)
        # ambiguous end: the earlier 02:30 (CEST)
        self.assertWindow(window, utc(2025, 10, 25, 23, 30), utc(2025, 10, 26, 0, 30), EVENING)

    def test_quiet_hours_clip_configured_ranges(self):
        config = PlannerConfig(evening=(18.0, 23.0), quiet=(21.5, 7.0))
        window = next_window(utc(2025, 6, 10, 8), "Europe/Paris", "employed", config=config)
        self.assertWindow(window, utc(2025, 6, 10, 16), utc(2025, 6, 10, 19, 30), EVENING)

    def test_invalid_input(self):
        now = utc(2025, 6, 10, 8)
        for zone in ("Mars/Olympus_Mons", "", None, "../etc/passwd", "europe/paris"):
            with self.assertRaises(ValueError):
                next_window(now, zone, "employed")
        bad_configs = (
            {"evening": (21.0, 19.0)},
            {"evening": (19.0, 19.0)},
            {"daytime": (9.0, 25.0)},
            {"weekend_ranges": ((10.0, -1.0),)},
            {"quiet": (8.0, 8.0)},
            {"quiet": (21.0, 24.5)},
            {"weekend_days": (7,)},
            {"min_duration_minutes": -1},
            {"horizon_days": 0},
            {"evening": "19-21"},
            {"slot_minutes": 0},
        )
        for values in bad_configs:
            with self.assertRaises(ValueError, msg=values):
                PlannerConfig(**values)
        with self.assertRaises(ValueError):
            next_window(now, "Europe/Paris", "employed", kinds=("lunch",))

    def test_config_lists_are_normalised(self):
        config = PlannerConfig(weekend_days=[6, 5], weekend_ranges=[[10, 12]], evening=[19, 21])
        self.assertEqual(config.weekend_days, (5, 6))
        self.assertEqual(config.weekend_ranges, ((10.0, 12.0),))
        self.assertEqual(hash(config), hash(PlannerConfig(weekend_ranges=((10, 12),))))

    def test_prepared_and_odoo_style_intervals(self):
        now = utc(2025, 6, 16, 0)
        hr = hr_calendar(now, BRUSSELS)
        expected = next_windows(now, "Asia/Shanghai", "available", hr_intervals=hr, limit=5)
        prepared = prepare_intervals(hr)
        for intervals in (
            prepared,
            [(start, end, "resource.calendar.attendance()") for start, end in hr],
            [(start.replace(tzinfo=None), end) for start, end in reversed(hr)],
            [(start.astimezone(ZoneInfo(BRUSSELS)), end) for start, end in hr],
        ):
            windows = next_windows(
                now, "Asia/Shanghai", "available", hr_intervals=intervals, limit=5
            )
            self.assertEqual(windows, expected)
        # a prepared set is reusable
        self.assertEqual(
            next_windows(now, "Asia/Shanghai", "available", hr_intervals=prepared, limit=5),
            expected,
        )
        unprepared = call_planner.IntervalSet(hr)
        with self.assertRaises(ValueError):
            next_window(now, "Asia/Shanghai", "available", hr_intervals=unprepared)

    def test_tools_package_exports(self):
        self.assertIs(call_planner.next_window, next_window)


# Monday 7 December 2026, 11:00 in Brussels; Tuesday 8 December is a public holiday there.
MONDAY = utc(2026, 12, 7, 10)
TUESDAY_HOLIDAY = local_day(datetime(2026, 12, 8).date(), BRUSSELS)


def brussels_caller(key="brussels", **values):
    """A recruiter in Brussels, calling 08:00-21:00, off on the public holiday."""
    values.setdefault("days_off", local_dates([TUESDAY_HOLIDAY], BRUSSELS))
    return Caller(key, values.pop("tz", BRUSSELS), **values)


def shown(window, zone=BRUSSELS):
    return local(window.start, zone).strftime("%a %d %H:%M")


@tagged("post_install", "-at_install")
class TestCallPlanning(BaseCase):
    """plan_calls(): the candidate's windows, the caller's hours and days off, the spacing of
    one caller's calls and the team, on worked examples."""

    def plan(self, requests, callers=None, now=MONDAY, **options):
        callers = [brussels_caller()] if callers is None else callers
        options.setdefault("hr_intervals", hr_calendar(now, BRUSSELS))
        options.setdefault("holidays", [TUESDAY_HOLIDAY])
        return plan_calls(requests, callers, now, **options)

    def plan_one(self, zone, status, **options):
        (plan,) = self.plan(
            [CallRequest("application", zone, status, caller="brussels")], **options
        )
        self.assertEqual(plan.key, "application")
        return plan

    def test_call_kind_order(self):
        both = (EVENING, WEEKEND)
        for status in ("employed", "unknown", None, False):
            self.assertEqual(call_kind_order(status), (both,), status)
        for status in ("available", "student"):
            self.assertEqual(call_kind_order(status), ((OFFICE_HOURS,), both), status)

    def test_brussels_caller_and_candidates_of_five_zones(self):
        """Each call lies in the candidate's window and in the caller's 08:00-21:00."""
        evening_or_weekend = {
            "Europe/Paris": ("Mon 07 19:00", "19:00", EVENING),
            "America/New_York": ("Sat 12 16:00", "10:00", WEEKEND),  # not 01:00 at night
            "America/Los_Angeles": ("Sat 12 19:00", "10:00", WEEKEND),  # not 04:00
            "Asia/Shanghai": ("Mon 07 12:00", "19:00", EVENING),
            "America/Sao_Paulo": ("Sat 12 14:00", "10:00", WEEKEND),
        }
        office_hours = {
            "Europe/Paris": ("Mon 07 11:00", "11:00", OFFICE_HOURS),  # now
            "America/New_York": ("Mon 07 15:00", "09:00", OFFICE_HOURS),
            # no common office hours with Los Angeles: the weekend then
            "America/Los_Angeles": evening_or_weekend["America/Los_Angeles"],
            "Asia/Shanghai": ("Mon 07 11:00", "18:00", OFFICE_HOURS),
            "America/Sao_Paulo": ("Mon 07 13:00", "09:00", OFFICE_HOURS),
        }
        for statuses, expected in (
            (("employed", "unknown", None), evening_or_weekend),
            (("available", "student"), office_hours),
        ):
            for status in statuses:
                for zone, (brussels_time, candidate_time, kind) in expected.items():
                    with self.subTest(zone=zone, status=status):
                        plan = self.plan_one(zone, status)
                        self.assertEqual(plan.caller, "brussels")
                        self.assertIsNone(plan.reason)
                        self.assertEqual(shown(plan.window), brussels_time)
                        self.assertEqual(
                            local(plan.window.start, zone).strftime("%H:%M"), candidate_time
                        )
                        self.assertEqual(plan.window.kind, kind)

    def test_window_end_is_where_both_stop(self):
        # Shanghai's evening 19:00-21:00 is 12:00-14:00 in Brussels
        plan = self.plan_one("Asia/Shanghai", "employed")
        self.assertEqual(plan.window, Window(utc(2026, 12, 7, 11), utc(2026, 12, 7, 13), EVENING))
        # a caller stopping at 13:30 ends the common time there
        plan = self.plan_one("Asia/Shanghai", "employed", callers=[brussels_caller(hour_to=13.5)])
        self.assertEqual(plan.window.end, utc(2026, 12, 7, 12, 30))

    def test_twelve_employed_paris_candidates_one_slot_each(self):
        """Ten fit in Monday's evening 12 minutes apart; Tuesday is a holiday: Wednesday."""
        requests = [
            CallRequest(n, "Europe/Paris", "employed", caller="brussels") for n in range(12)
        ]
        plans = self.plan(requests)
        self.assertEqual([plan.key for plan in plans], list(range(12)))
        self.assertEqual(
            [shown(plan.window) for plan in plans],
            [f"Mon 07 {19 + minutes // 60}:{minutes % 60:02d}" for minutes in range(0, 120, 12)]
            + ["Wed 09 19:00", "Wed 09 19:12"],
        )

    def test_public_holiday_taken_in_the_callers_zone(self):
        self.assertEqual(local_dates([TUESDAY_HOLIDAY], BRUSSELS), [datetime(2026, 12, 8).date()])
        self.assertEqual(
            local_dates([TUESDAY_HOLIDAY], "America/New_York"),
            [datetime(2026, 12, 7).date(), datetime(2026, 12, 8).date()],
        )
        # a New York caller is off on their own Tuesday 8 December, not Brussels'
        caller = brussels_caller(tz="America/New_York")
        now = utc(2026, 12, 8, 4)  # Monday 23:00 in New York
        plan = self.plan_one("America/New_York", "employed", callers=[caller], now=now, holidays=())
        self.assertEqual(shown(plan.window, "America/New_York"), "Wed 09 19:00")

    def test_leave_interval_blocks_its_hours_only(self):
        leave = (utc(2026, 12, 7, 18), utc(2026, 12, 7, 19, 30), "resource.calendar.leaves(7,)")
        caller = brussels_caller(days_off=[leave])
        plan = self.plan_one("Europe/Paris", "employed", callers=[caller])
        self.assertEqual(
            plan.window, Window(utc(2026, 12, 7, 19, 30), utc(2026, 12, 7, 20), EVENING)
        )
        whole_day = brussels_caller(days_off=local_dates([leave], BRUSSELS))
        plan = self.plan_one("Europe/Paris", "employed", callers=[whole_day], holidays=())
        self.assertEqual(shown(plan.window), "Tue 08 19:00")

    def test_spacing_with_the_callers_planned_calls(self):
        """A replan keeps its distance from the caller's other calls, at a whole minute."""
        busy = (utc(2026, 12, 7, 18), utc(2026, 12, 7, 18, 5, 30), utc(2026, 12, 7, 18, 40))
        plan = self.plan_one("Europe/Paris", "employed", callers=[brussels_caller(busy=busy)])
        self.assertEqual(plan.window.start, utc(2026, 12, 7, 18, 18))
        five = self.plan_one(
            "Europe/Paris",
            "employed",
            callers=[brussels_caller(busy=busy)],
            config=PlannerConfig(slot_minutes=5),
        )
        self.assertEqual(five.window.start, utc(2026, 12, 7, 18, 11))

    def test_now_rounds_up_to_the_next_minute(self):
        now = utc(2026, 12, 7, 18, 20, 30, 1)
        plan = self.plan_one("Europe/Paris", "employed", now=now)
        self.assertEqual(plan.window.start, utc(2026, 12, 7, 18, 21))

    def test_spring_dst_weekend(self):
        """Los Angeles is on PDT since 14 March 2027, Brussels switches on Sunday 28 March.

        The candidate's Saturday 10:00-12:00 is 18:00-20:00 in Brussels, Sunday's 19:00-21:00:
        a caller stopping at 20:00 has ten slots on Saturday and five on Sunday.
        """
        caller = brussels_caller(hour_to=20.0, days_off=())
        now = utc(2027, 3, 26, 12)  # Friday
        requests = [CallRequest(n, "America/Los_Angeles", "employed") for n in range(16)]
        plans = self.plan(requests, [caller], now=now, hr_intervals=(), holidays=())
        starts = [plan.window.start for plan in plans]
        saturday = [utc(2027, 3, 27, 17) + timedelta(minutes=12 * n) for n in range(10)]
        sunday = [utc(2027, 3, 28, 17) + timedelta(minutes=12 * n) for n in range(5)]
        self.assertEqual(starts, saturday + sunday + [utc(2027, 4, 3, 17)])
        self.assertEqual(shown(plans[0].window), "Sat 27 18:00")
        self.assertEqual(shown(plans[10].window), "Sun 28 19:00")
        self.assertEqual(shown(plans[14].window), "Sun 28 19:48")
        self.assertEqual(plans[14].window.end, utc(2027, 3, 28, 18))  # 20:00 CEST
        for plan in (plans[0], plans[10], plans[15]):
            self.assertEqual(
                local(plan.window.start, "America/Los_Angeles").strftime("%H:%M"), "10:00"
            )

    def test_team_takes_the_call_the_recruiter_cannot_make(self):
        """A Brussels recruiter calling 08:00-17:00 shares no time with Los Angeles."""
        callers = [
            brussels_caller(hour_to=17.0),
            Caller("new_york", "America/New_York", busy=[utc(2026, 12, 1, 15)]),
            Caller("sao_paulo", "America/Sao_Paulo"),
        ]
        requests = [
            CallRequest(n, "America/Los_Angeles", "employed", caller="brussels") for n in range(3)
        ]
        plans = self.plan(requests, callers)
        # fewest planned calls first; on a tie, the order of the callers
        self.assertEqual([plan.caller for plan in plans], ["sao_paulo", "new_york", "sao_paulo"])
        self.assertEqual(
            [plan.window.start for plan in plans],
            [utc(2026, 12, 12, 18), utc(2026, 12, 12, 18), utc(2026, 12, 12, 18, 12)],
        )
        # the recruiter keeps the calls they can make
        (paris,) = self.plan(
            [CallRequest("paris", "Europe/Paris", "employed", caller="brussels")], callers
        )
        self.assertEqual(paris.caller, "brussels")

    def test_nobody_can_call(self):
        requests = [
            CallRequest("los_angeles", "America/Los_Angeles", "employed", caller="brussels"),
            CallRequest("mars", "Mars/Olympus_Mons", "employed", caller="brussels"),
            CallRequest("paris", "Europe/Paris", "employed", caller="brussels"),
        ]
        plans = self.plan(requests, [brussels_caller(hour_to=17.0)])
        self.assertEqual(plans[0], CallPlan("los_angeles", reason=NO_COMMON_TIME))
        self.assertEqual(plans[1], CallPlan("mars", reason=INVALID_ZONE))
        self.assertEqual(plans[2].caller, "brussels")  # the others are planned
        self.assertEqual(self.plan(requests[2:], []), [CallPlan("paris", reason=NO_CALLER)])

    def test_one_candidate_one_caller_one_slot(self):
        requests = [
            CallRequest("first", "Europe/Paris", "employed", group="candidate"),
            CallRequest("other", "Europe/Paris", "employed"),
            CallRequest("second", "Europe/Paris", "employed", caller="lyon", group="candidate"),
        ]
        callers = [brussels_caller(), brussels_caller("lyon", tz="Europe/Paris")]
        first, other, second = self.plan(requests, callers)
        self.assertEqual((second.caller, second.window), (first.caller, first.window))
        self.assertEqual(first.window.start, utc(2026, 12, 7, 18))
        self.assertEqual((other.caller, other.window.start), ("lyon", utc(2026, 12, 7, 18)))
        # a candidate planned before keeps the caller and slot of their planned call
        planned = {
            "candidate": ("lyon", Window(utc(2026, 12, 9, 18), utc(2026, 12, 9, 20), EVENING))
        }
        (again,) = self.plan(requests[2:], callers, group_plans=planned)
        self.assertEqual((again.caller, again.window), planned["candidate"])

    def test_retry_kinds_within_what_the_status_allows(self):
        retry = CallRequest(
            "retry", "Europe/Paris", "available", caller="brussels", kinds=(EVENING,)
        )
        self.assertEqual(self.plan([retry])[0].window.kind, EVENING)
        never_at_work = CallRequest(
            "x", "Europe/Paris", "employed", caller="brussels", kinds=OFFICE_HOURS
        )
        self.assertEqual(self.plan([never_at_work])[0].window.kind, EVENING)

    def test_invalid_planning_input(self):
        for values in ({"hour_from": 21.0, "hour_to": 8.0}, {"hour_to": 25.0}, {"tz": "Mars/Base"}):
            with self.assertRaises(ValueError, msg=values):
                brussels_caller(**values)
        with self.assertRaises(TypeError):
            self.plan_one("Europe/Paris", "employed", callers=[brussels_caller(days_off=[MONDAY])])
        with self.assertRaises(ValueError):
            self.plan([CallRequest(1, "Europe/Paris", "employed", caller="nobody")])
        with self.assertRaises(ValueError):
            self.plan([], [brussels_caller(), brussels_caller()])


# ---------------------------------------------------------------------------
# Property-based tests
# ---------------------------------------------------------------------------

quarter_hours = st.integers(0, 96).map(lambda quarters: quarters / 4)


@st.composite
def hour_ranges(draw):
    low, high = sorted(draw(st.lists(quarter_hours, min_size=2, max_size=2, unique=True)))
    return (low, high)


@st.composite
def planner_configs(draw):
    """Default config half of the time, else a random valid one (incl. night windows)."""
    if draw(st.booleans()):
        return PlannerConfig()
    quiet = tuple(draw(st.lists(quarter_hours, min_size=2, max_size=2, unique=True)))
    return PlannerConfig(
        evening=draw(hour_ranges()),
        weekend_days=tuple(draw(st.sets(st.integers(0, 6), max_size=3))),
        weekend_ranges=tuple(draw(st.lists(hour_ranges(), min_size=1, max_size=3))),
        daytime=draw(hour_ranges()),
        quiet=quiet,
        min_duration_minutes=draw(st.sampled_from((0, 15, 60))),
        horizon_days=draw(st.sampled_from((3, 7, 21))),
    )


nows = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda dt: dt.replace(tzinfo=timezone.utc)
)


@st.composite
def holiday_lists(draw, now):
    """Up to 4 holidays (start, end) around the planning horizon, in random order."""
    holidays = []
    for offset, duration in draw(
        st.lists(st.tuples(st.integers(-2 * 1440, 21 * 1440), st.integers(1, 3 * 1440)), max_size=4)
    ):
        start = now + timedelta(minutes=offset)
        holidays.append((start, start + timedelta(minutes=duration)))
    return holidays


night_hours = st.integers(0, 28).map(lambda quarters: quarters / 4)  # 00:00..07:00


@lru_cache(maxsize=1)
def dst_changes():
    """(zone, UTC noon before a change) for every UTC-offset change of ZONES in 2024-2030."""
    changes = []
    for zone in ZONES:
        tz = ZoneInfo(zone)
        noon = utc(2024, 1, 1, 12)
        previous = noon.astimezone(tz).utcoffset()
        while noon.year < 2031:
            offset = (noon + timedelta(days=1)).astimezone(tz).utcoffset()
            if offset != previous:
                changes.append((zone, noon))
            previous = offset
            noon += timedelta(days=1)
    return changes


@st.composite
def random_moments(draw):
    return draw(st.sampled_from(ZONES)), draw(nows)


@st.composite
def dst_moments(draw):
    """A zone and an instant up to 3 days before one of its offset changes."""
    zone, noon = draw(st.sampled_from(dst_changes()))
    return zone, noon - timedelta(minutes=draw(st.integers(0, 3 * 1440)))


@st.composite
def night_configs(draw):
    """Configs whose windows cover the small hours, where DST changes happen."""

    def night_range():
        low, high = sorted(draw(st.lists(night_hours, min_size=2, max_size=2, unique=True)))
        return (low, high)

    quiet = draw(st.sampled_from(((21.0, 0.5), (6.5, 7.0), (12.0, 13.0), (3.0, 1.0))))
    return PlannerConfig(
        evening=night_range(),
        weekend_days=tuple(draw(st.sets(st.integers(0, 6), max_size=2))),
        weekend_ranges=(night_range(), night_range()),
        daytime=night_range(),
        quiet=quiet,
        min_duration_minutes=draw(st.sampled_from((0, 15))),
        horizon_days=draw(st.sampled_from((5, 7))),
    )


@st.composite
def scenarios(draw, moments=random_moments, configs=planner_configs):
    zone, now = draw(moments())
    return {
        "now": now,
        "zone": zone,
        "company": draw(st.sampled_from(COMPANY_ZONES)),
        "status": draw(st.sampled_from(STATUSES)),
        "holidays": draw(holiday_lists(now)),
        "config": draw(configs()),
        "kinds": draw(st.one_of(st.none(), st.sets(st.sampled_from(call_planner.ALL_KINDS)))),
    }


def scenario_hr(scenario):
    return hr_calendar(
        scenario["now"], scenario["company"], ranges=((8.5, 12.0), (13.0, 17.5)), days=25
    )


def sample_instants(window, step):
    """Start, midpoint, last microsecond and every ``step`` of a window."""
    instants = [window.start + (window.end - window.start) / 2]
    instant = window.start
    while instant < window.end:
        instants.append(instant)
        instant += step
    instants.append(window.end - timedelta(microseconds=1))
    return instants


class WallTimeAssertions:
    def assertWallInside(self, instants, zone, ranges, message):
        """Local wall times of ``instants`` lie in one of ``ranges``."""
        for instant in instants:
            hours = wall_hours(instant, zone)
            inside = any(low - 1e-9 <= hours < high + 1e-9 for low, high in ranges)
            self.assertTrue(inside, f"{message}: {instant} = {hours:.4f}h not in {ranges}")


@tagged("post_install", "-at_install")
class TestCallPlannerProperties(WallTimeAssertions, BaseCase):
    """Invariants over random instants, zones, statuses, holidays and configs."""

    def assertNotQuiet(self, instants, zone, quiet):
        for instant in instants:
            hours = wall_hours(instant, zone)
            self.assertFalse(in_range(hours, *quiet), f"{instant} in quiet hours ({hours:.4f}h)")

    def check_kind_hours(self, window, instants, zone, config):
        weekday = local(window.start, zone).weekday()
        if window.kind == EVENING:
            self.assertNotIn(weekday, config.weekend_days)
            self.assertWallInside(instants, zone, [config.evening], "evening")
        elif window.kind == WEEKEND:
            self.assertIn(weekday, config.weekend_days)
            self.assertWallInside(instants, zone, config.weekend_ranges, "weekend")
        else:
            self.assertWallInside(instants, zone, [config.daytime], "office hours")

    def check_invariants(self, scenario, hr, windows, step):
        now, zone, config = scenario["now"], scenario["zone"], scenario["config"]
        kinds = scenario["kinds"]
        allowed = window_kinds_for(scenario["status"]) if kinds is None else kinds
        minimum = timedelta(minutes=config.min_duration_minutes)
        for window in windows:
            self.assertEqual(window.start.utcoffset(), timedelta(0))
            self.assertGreaterEqual(window.start, now)
            self.assertLess(window.start, now + timedelta(days=config.horizon_days))
            self.assertLess(window.start, window.end)
            self.assertGreaterEqual(window.end - window.start, minimum)
            self.assertIn(window.kind, allowed)
            instants = sample_instants(window, step)
            self.assertNotQuiet(instants, zone, config.quiet)
            self.check_kind_hours(window, instants, zone, config)
            for start, end in scenario["holidays"]:
                self.assertFalse(window.start < end and start < window.end, "holiday overlap")
            if window.kind == OFFICE_HOURS:
                self.assertTrue(
                    any(start <= window.start and window.end <= end for start, end in hr),
                    f"{window} outside HR intervals",
                )
        for before, after in pairwise(windows):
            self.assertLessEqual(before.end, after.start, "overlapping or unsorted windows")

    @PROPERTY_SETTINGS
    @given(scenarios())
    def test_invariants(self, scenario):
        self.check_scenario(scenario, step=timedelta(minutes=30))

    @PROPERTY_SETTINGS
    @given(scenarios(moments=dst_moments, configs=night_configs))
    def test_invariants_around_dst_changes(self, scenario):
        self.check_scenario(scenario, step=timedelta(minutes=5))

    def check_scenario(self, scenario, step):
        hr = scenario_hr(scenario)
        args = (scenario["now"], scenario["zone"], scenario["status"])
        options = {
            "hr_intervals": hr,
            "holidays": scenario["holidays"],
            "config": scenario["config"],
            "kinds": scenario["kinds"],
        }
        windows = next_windows(*args, **options, limit=None)
        self.check_invariants(scenario, hr, windows, step)
        self.assertEqual(next_windows(*args, **options, limit=3), windows[:3])
        self.assertEqual(next_window(*args, **options), windows[0] if windows else None)
        options["hr_intervals"] = prepare_intervals(reversed(hr))
        options["holidays"] = prepare_intervals(scenario["holidays"])
        self.assertEqual(next_windows(*args, **options, limit=None), windows)

    @settings(max_examples=100, deadline=None, database=None)
    @given(
        st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)),
        st.sampled_from(ZONES),
        st.sampled_from(COMPANY_ZONES),
        st.sampled_from(STATUSES),
        st.lists(st.tuples(st.integers(0, 7 * 1440), st.integers(1, 2 * 1440)), max_size=3),
    )
    def test_matches_minute_by_minute_oracle(self, now, zone, company, status, holiday_specs):
        """With the default hours, windows are exactly the maximal runs of allowed minutes."""
        now = now.replace(second=0, microsecond=0, tzinfo=timezone.utc)
        config = PlannerConfig(horizon_days=7)
        hr = hr_calendar(now, company, ranges=((8.5, 12.0), (13.0, 17.5)), days=10)
        holidays = [
            (now + timedelta(minutes=a), now + timedelta(minutes=a + b)) for a, b in holiday_specs
        ]
        windows = next_windows(
            now, zone, status, hr_intervals=hr, holidays=holidays, config=config, limit=None
        )
        expected = self.oracle(now, zone, status, hr, holidays, config)
        self.assertEqual([(w.start, w.end, w.kind) for w in windows], expected)

    def oracle(self, now, zone, status, hr, holidays, config):
        """Brute force: scan every minute of the horizon (plus a day) and group runs."""
        kinds = window_kinds_for(status)
        horizon = now + timedelta(days=config.horizon_days)
        runs = []
        minute = now
        while minute < horizon + timedelta(days=1):
            kind = self.minute_kind(minute, zone, kinds, hr, holidays, config)
            if kind and runs and runs[-1][1] == minute and runs[-1][2] == kind:
                runs[-1][1] = minute + timedelta(minutes=1)
            elif kind:
                runs.append([minute, minute + timedelta(minutes=1), kind])
            minute += timedelta(minutes=1)
        minimum = timedelta(minutes=config.min_duration_minutes)
        return [
            (start, end, kind)
            for start, end, kind in runs
            if end - start >= minimum and start < horizon
        ]

    def minute_kind(self, minute, zone, kinds, hr, holidays, config):
        hours = wall_hours(minute, zone)
        if in_range(hours, *config.quiet) or any(s <= minute < e for s, e in holidays):
            return None
        weekend = local(minute, zone).weekday() in config.weekend_days
        if EVENING in kinds and not weekend and in_range(hours, *config.evening):
            return EVENING
        ranges = config.weekend_ranges
        if WEEKEND in kinds and weekend and any(in_range(hours, *r) for r in ranges):
            return WEEKEND
        in_daytime = OFFICE_HOURS in kinds and in_range(hours, *config.daytime)
        if in_daytime and any(s <= minute < e for s, e in hr):
            return OFFICE_HOURS
        return None


# ---------------------------------------------------------------------------
# Property-based tests of plan_calls(): the caller's side
# ---------------------------------------------------------------------------

CALLER_KEYS = ("ann", "bob", "cho")


@st.composite
def callers(draw, now, zones):
    """1 to 3 callers with random hours, days off (local dates and intervals) and calls."""
    team = []
    for key in CALLER_KEYS[: draw(st.integers(1, 3))]:
        hour_from, hour_to = draw(hour_ranges())
        days = draw(st.lists(st.integers(-1, 21), max_size=3))
        dates = [(now + timedelta(days=offset)).date() for offset in days]
        busy = draw(st.lists(st.integers(-60, 21 * 1440), max_size=6))
        team.append(
            Caller(
                key,
                draw(zones),
                hour_from,
                hour_to,
                days_off=dates + draw(holiday_lists(now)),
                busy=[now + timedelta(minutes=minutes, seconds=30) for minutes in busy],
            )
        )
    return team


@st.composite
def call_requests(draw, team, zones, max_size=12):
    """Requests of random zones and statuses; those of one group are one candidate's."""
    caller_keys = st.one_of(st.none(), st.sampled_from([caller.key for caller in team]))
    candidates = st.tuples(zones, st.sampled_from(STATUSES))
    groups = {group: draw(candidates) for group in range(3)}
    requests = []
    for number in range(draw(st.integers(1, max_size))):
        group = draw(st.one_of(st.none(), st.sampled_from(sorted(groups))))
        zone, status = draw(candidates) if group is None else groups[group]
        kinds = draw(st.one_of(st.none(), st.sets(st.sampled_from(call_planner.ALL_KINDS))))
        requests.append(CallRequest(number, zone, status, draw(caller_keys), group, kinds))
    return requests


@st.composite
def planning_scenarios(draw, moments=random_moments):
    zone, now = draw(moments())
    zones = st.one_of(st.just(zone), st.sampled_from(ZONES))  # the moment's zone, often
    team = draw(callers(now, zones))
    config = draw(planner_configs())
    slot_minutes = draw(st.sampled_from((1, 5, 12, 45)))
    return {
        "now": now,
        "callers": team,
        "requests": draw(call_requests(team, zones)),
        "company": draw(st.sampled_from(COMPANY_ZONES)),
        "holidays": draw(holiday_lists(now)),
        "config": replace(config, slot_minutes=slot_minutes),
    }


def is_day_off(instant, caller):
    """``instant`` falls on a caller's local date off or in one of their leave intervals."""
    for day_off in caller.days_off:
        if isinstance(day_off, tuple):
            if day_off[0] <= instant < day_off[1]:
                return True
        elif local(instant, caller.tz).date() == day_off:
            return True
    return False


@tagged("post_install", "-at_install")
class TestCallPlanningProperties(WallTimeAssertions, BaseCase):
    """plan_calls() over random callers, candidates, days off and planned calls."""

    @PROPERTY_SETTINGS
    @given(planning_scenarios())
    def test_invariants(self, scenario):
        self.check_planning(scenario, step=timedelta(minutes=5))

    @PROPERTY_SETTINGS
    @given(planning_scenarios(moments=dst_moments))
    def test_invariants_around_dst_changes(self, scenario):
        self.check_planning(scenario, step=timedelta(minutes=1))

    def check_planning(self, scenario, step):
        hr = scenario_hr(scenario)
        now, config = scenario["now"], scenario["config"]
        plans = plan_calls(
            scenario["requests"],
            scenario["callers"],
            now,
            config,
            hr_intervals=hr,
            holidays=scenario["holidays"],
        )
        self.assertEqual([plan.key for plan in plans], [r.key for r in scenario["requests"]])
        team = {caller.key: caller for caller in scenario["callers"]}
        slot = timedelta(minutes=config.slot_minutes)
        calls = {}  # one call per candidate (group) or request
        for request, plan in zip(scenario["requests"], plans, strict=True):
            if plan.window is None:
                self.assertEqual((plan.caller, plan.reason), (None, NO_COMMON_TIME))
                continue
            self.check_candidate_side(request, plan, scenario, hr, slot)
            self.check_caller_side(plan, team[plan.caller], config, step)
            call = request.key if request.group is None else ("group", request.group)
            self.assertEqual(
                calls.setdefault(call, (plan.caller, plan.window)), (plan.caller, plan.window)
            )
        self.check_spacing(calls.values(), team, slot)

    def check_candidate_side(self, request, plan, scenario, hr, slot):
        window, config = plan.window, scenario["config"]
        self.assertIsNone(plan.reason)
        self.assertEqual(window.start.utcoffset(), timedelta(0))
        self.assertEqual((window.start.second, window.start.microsecond), (0, 0))
        self.assertGreaterEqual(window.start, scenario["now"])
        self.assertLess(window.start, scenario["now"] + timedelta(days=config.horizon_days))
        self.assertLessEqual(window.start + slot, window.end)
        if request.status not in ("available", "student"):
            self.assertNotEqual(window.kind, OFFICE_HOURS, "office hours for the employed")
        if request.group is not None:
            return  # planned for the first request of the group
        candidate_windows = next_windows(
            scenario["now"],
            request.tz,
            request.status,
            hr_intervals=hr,
            holidays=scenario["holidays"],
            config=config,
            kinds=(window.kind,),
            limit=None,
        )
        self.assertTrue(
            any(w.start <= window.start and window.end <= w.end for w in candidate_windows),
            f"{window} outside the candidate's windows",
        )

    def check_caller_side(self, plan, caller, config, step):
        """The whole slot in the caller's hours, never on their day off."""
        slot = timedelta(minutes=config.slot_minutes)
        instants = sample_instants(Window(plan.window.start, plan.window.end, ""), step)
        instants += sample_instants(Window(plan.window.start, plan.window.start + slot, ""), step)
        hours = [(caller.hour_from, caller.hour_to)]
        self.assertWallInside(instants, caller.tz, hours, f"{caller.key}'s hours")
        for instant in instants:
            self.assertFalse(is_day_off(instant, caller), f"{instant}: {caller.key} is off")

    def check_spacing(self, calls, team, slot):
        """Two calls of one caller, planned or planned before, start a slot apart at least."""
        starts = {key: sorted(caller.busy) for key, caller in team.items()}
        for caller, window in calls:
            for busy in starts[caller]:
                self.assertGreaterEqual(abs(window.start - busy), slot, f"{caller} too close")
            starts[caller] = sorted([*starts[caller], window.start])

    @settings(max_examples=60, deadline=None, database=None)
    @given(
        nows,
        st.sampled_from(COMPANY_ZONES + ("America/Los_Angeles", "Asia/Shanghai")),
        st.tuples(st.sampled_from(ZONES), st.sampled_from(STATUSES)),
        st.lists(st.integers(0, 3 * 1440), max_size=4),
        st.tuples(st.integers(16, 92), st.integers(1, 24)),
        st.sampled_from((1, 5, 12, 45)),
    )
    def test_earliest_minute_oracle(self, now, caller_tz, candidate, busy, hours, slot_minutes):
        """One request, one caller: the slot is the first minute a brute-force scan finds."""
        hour_from = hours[0] / 4
        caller = Caller(
            "ann",
            caller_tz,
            hour_from,
            min(24.0, hour_from + hours[1]),
            days_off=[(now + timedelta(days=1)).date()],
            busy=[now + timedelta(minutes=minutes, seconds=20) for minutes in busy],
        )
        config = PlannerConfig(horizon_days=3, slot_minutes=slot_minutes)
        hr = hr_calendar(now, "Europe/Brussels", ranges=((8.5, 12.0), (13.0, 17.5)), days=6)
        request = CallRequest("x", candidate[0], candidate[1])
        (plan,) = plan_calls([request], [caller], now, config, hr_intervals=hr)
        expected = self.first_minute(now, caller, request, hr, config)
        self.assertEqual(plan.window.start if plan.window else None, expected)

    def first_minute(self, now, caller, request, hr, config):
        slot = timedelta(minutes=config.slot_minutes)
        first = now.replace(second=0, microsecond=0)
        first += timedelta(minutes=first < now)
        minutes = [first + timedelta(minutes=n) for n in range(config.horizon_days * 1440 + 60)]
        free = {
            minute
            for minute in minutes
            if in_range(wall_hours(minute, caller.tz), caller.hour_from, caller.hour_to)
            and not is_day_off(minute, caller)
        }
        for kinds in call_kind_order(request.status):
            windows = next_windows(
                now,
                request.tz,
                request.status,
                hr_intervals=hr,
                config=config,
                kinds=kinds,
                limit=None,
            )
            for minute in minutes[: config.horizon_days * 1440]:
                if (
                    minute >= now + timedelta(days=config.horizon_days)
                    or not any(w.start <= minute and minute + slot <= w.end for w in windows)
                    or any(abs(minute - busy) < slot for busy in caller.busy)
                ):
                    continue
                if all(minute + timedelta(minutes=n) in free for n in range(config.slot_minutes)):
                    return minute
        return None
