"""Issue 17's worked cases on the ORM: a Brussels recruiter plans calls with candidates of five
zones and every employment status, around a public holiday and the spring DST weekend; the
call queue's "To Call Today" and "Overdue" filters in the recruiter's own day."""

from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import InvitationCase

BRUSSELS = "Europe/Brussels"
MONDAY_MORNING = "2026-12-07 10:00:00"  # UTC; 11:00 in Brussels
MONDAY_NIGHT = "2026-12-07 20:00:00"  # UTC; 21:00 in Brussels: the recruiter's day is over
HOLIDAY = date(2026, 12, 8)  # Tuesday, in Brussels
PHONES = {
    "Europe/Paris": "+33 6 12 34 56 78",
    "America/New_York": "+1 212 555 0142",
    "America/Los_Angeles": "+1 650 253 0000",
    "Asia/Shanghai": "+86 138 0013 8000",
    "America/Sao_Paulo": "+55 11 91234 5678",
}
EVENING_OR_WEEKEND, OFFICE_FIRST = ("employed", "unknown"), ("available", "student")


def wall(instant, zone):
    """The naive UTC ``instant`` as an aware datetime of ``zone``."""
    return instant.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))


def hours(moment):
    return moment.hour + moment.minute / 60


class PlanningCaseMixin:
    """Plan one application at a time and check each plan against both people's clocks."""

    def _plan_alone(self, name, zone, status):
        """Plan a new application of a candidate of ``zone``; the recruiter's other calls are
        cancelled first, so that each case shows the planner's first slot for it."""
        self.env["hr.invitation"].search([("state", "=", "calling")]).state = "cancelled"
        applicant = self._create_applicant(name, PHONES[zone], status)
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        invitation = applicant.invitation_ids
        self.assertEqual(invitation.candidate_tz, zone)
        self.assertEqual(invitation.user_id, self.recruiter)
        self.assertFalse(invitation.call_plan_issue)
        return invitation

    def assertBothCanTalk(self, invitation, status):
        """The slot's minutes lie in the recruiter's 08:00-21:00 in Brussels, in one of the
        candidate's windows in their zone, and in Brussels HR hours for office-hours calls."""
        slot = timedelta(minutes=self.company.invitation_call_slot_minutes)
        start, end = invitation.next_call_at, invitation.next_call_at + slot
        self.assertLessEqual(end, invitation.next_call_end)
        caller_start, caller_end = wall(start, BRUSSELS), wall(end, BRUSSELS)
        self.assertEqual(caller_start.date(), caller_end.date())
        self.assertGreaterEqual(hours(caller_start), 8.0, caller_start)
        self.assertLessEqual(hours(caller_end), 21.0, caller_end)
        self.assertNotEqual(caller_start.date(), HOLIDAY, "a call on the public holiday")
        zone = invitation.candidate_tz
        local_start, local_end = wall(start, zone), wall(end, zone)
        self.assertEqual(local_start.date(), local_end.date())
        ranges = {
            "evening": [(19.0, 21.0)] if local_start.weekday() < 5 else [],
            "weekend": [(10.0, 12.0), (14.0, 17.0)] if local_start.weekday() >= 5 else [],
            "office_hours": [(9.0, 20.0)],
        }[invitation.next_call_window]
        self.assertTrue(
            any(low <= hours(local_start) and hours(local_end) <= high for low, high in ranges),
            f"{local_start} - {local_end} outside the candidate's {invitation.next_call_window}",
        )
        if status in EVENING_OR_WEEKEND:
            self.assertNotEqual(invitation.next_call_window, "office_hours", "a call at work")
        if invitation.next_call_window == "office_hours":
            self.assertLess(caller_start.weekday(), 5)
            self.assertTrue(
                any(
                    low <= hours(caller_start) and hours(caller_end) <= high
                    for low, high in ((8.5, 12.5), (13.5, 17.5))
                ),
                f"{caller_start} outside HR hours",
            )

    def assertPlans(self, expected):
        """{(zone, status): (UTC start, window)} planned one by one, each checked."""
        for (zone, status), (start, window) in expected.items():
            with self.subTest(zone=zone, status=status):
                invitation = self._plan_alone(f"{status} in {zone}", zone, status)
                self.assertBothCanTalk(invitation, status)
                self.assertEqual(invitation.next_call_at, start)
                self.assertEqual(invitation.next_call_window, window)


@tagged("post_install", "-at_install")
class TestWorkedCasesAroundAHoliday(PlanningCaseMixin, InvitationCase):
    """A Brussels recruiter on Monday 7 December 2026; Tuesday 8 is a public holiday.

    The five statuses x zones of test_call_planning_team's first test are not repeated here.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_public_holiday(datetime(2026, 12, 7, 23, 0), datetime(2026, 12, 8, 22, 59, 59))

    @freeze_time(MONDAY_MORNING)
    def test_every_status_of_five_zones_on_monday_morning(self):
        saturday = datetime(2026, 12, 12)
        self.assertPlans(
            {
                # employed and unknown: evenings and weekends only
                ("Europe/Paris", "unknown"): (datetime(2026, 12, 7, 18, 0), "evening"),
                # New York's evening is 01:00 in Brussels: Saturday 10:00 there, 16:00 here
                ("America/New_York", "unknown"): (saturday.replace(hour=15), "weekend"),
                ("America/Los_Angeles", "unknown"): (saturday.replace(hour=18), "weekend"),
                # 19:00 in Shanghai is 12:00 in Brussels, this Monday
                ("Asia/Shanghai", "employed"): (datetime(2026, 12, 7, 11, 0), "evening"),
                ("Asia/Shanghai", "unknown"): (datetime(2026, 12, 7, 11, 0), "evening"),
                # São Paulo's evening is 23:00 in Brussels: Saturday 10:00 there, 14:00 here
                ("America/Sao_Paulo", "employed"): (saturday.replace(hour=13), "weekend"),
                ("America/Sao_Paulo", "unknown"): (saturday.replace(hour=13), "weekend"),
                # available and student: office hours first, now when it is in both days
                ("Europe/Paris", "available"): (datetime(2026, 12, 7, 10, 0), "office_hours"),
                ("Europe/Paris", "student"): (datetime(2026, 12, 7, 10, 0), "office_hours"),
                # 09:00 in New York, 15:00 in Brussels
                ("America/New_York", "available"): (
                    datetime(2026, 12, 7, 14, 0),
                    "office_hours",
                ),
                ("America/New_York", "student"): (datetime(2026, 12, 7, 14, 0), "office_hours"),
                # No office hours shared with Los Angeles: their Saturday morning
                ("America/Los_Angeles", "available"): (saturday.replace(hour=18), "weekend"),
                ("America/Los_Angeles", "student"): (saturday.replace(hour=18), "weekend"),
                ("Asia/Shanghai", "student"): (datetime(2026, 12, 7, 10, 0), "office_hours"),
                # 09:00 in São Paulo falls in the Brussels lunch break: 13:30 here
                ("America/Sao_Paulo", "available"): (
                    datetime(2026, 12, 7, 12, 30),
                    "office_hours",
                ),
            }
        )

    @freeze_time(MONDAY_NIGHT)
    def test_after_the_recruiters_day_the_holiday_is_skipped_for_every_zone(self):
        """21:00 in Brussels: nothing more today, nothing on Tuesday, Wednesday first."""
        wednesday, saturday = datetime(2026, 12, 9), datetime(2026, 12, 12)
        self.assertPlans(
            {
                ("Europe/Paris", "employed"): (wednesday.replace(hour=18), "evening"),
                # Tuesday 19:00 in Shanghai would be 12:00 on the Brussels holiday
                ("Asia/Shanghai", "employed"): (wednesday.replace(hour=11), "evening"),
                ("America/New_York", "employed"): (saturday.replace(hour=15), "weekend"),
                ("America/Los_Angeles", "employed"): (saturday.replace(hour=18), "weekend"),
                ("America/Sao_Paulo", "employed"): (saturday.replace(hour=13), "weekend"),
                # Wednesday 08:30 in Brussels is before 09:00 in Paris
                ("Europe/Paris", "available"): (wednesday.replace(hour=8), "office_hours"),
                # Wednesday 08:30 in Brussels, 15:30 in Shanghai
                ("Asia/Shanghai", "available"): (
                    wednesday.replace(hour=7, minute=30),
                    "office_hours",
                ),
                ("America/New_York", "student"): (wednesday.replace(hour=14), "office_hours"),
                ("America/Sao_Paulo", "available"): (
                    wednesday.replace(hour=12, minute=30),
                    "office_hours",
                ),
            }
        )

    @freeze_time(MONDAY_MORNING)
    def test_twelve_employed_paris_candidates_in_queue_order(self):
        """Ten slots 12 minutes apart on Monday evening, key roles and fresh resumes first;
        Tuesday is the holiday, so the last two go to Wednesday evening."""
        applicants = self._create_applicants(10, PHONES["Europe/Paris"], prefix="Paris")
        hot = self._create_applicant(
            "Hot Resume", PHONES["Europe/Paris"], resume_updated_on=date(2026, 12, 4)
        )
        key_role = self._create_applicant("Key Role", PHONES["Europe/Paris"], job=self.key_job)
        (applicants | hot | key_role).with_user(self.recruiter).action_plan_invitation_call()
        invitations = self.env["hr.invitation"].search(
            [("applicant_id", "in", (applicants | hot | key_role).ids)]
        )
        self.assertEqual(invitations[0].applicant_id, key_role, "the call queue's order")
        self.assertEqual(invitations[1].applicant_id, hot)
        monday = [datetime(2026, 12, 7, 18, 0) + timedelta(minutes=12 * n) for n in range(10)]
        wednesday = [datetime(2026, 12, 9, 18, 0), datetime(2026, 12, 9, 18, 12)]
        self.assertEqual(invitations.mapped("next_call_at"), monday + wednesday)
        self.assertEqual(key_role.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 0))
        self.assertEqual(hot.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 12))
        # 20:48 is the last slot that ends by the recruiter's 21:00
        self.assertEqual(wall(monday[-1], BRUSSELS).strftime("%H:%M"), "20:48")
        self.assertEqual(wall(monday[-1], "Europe/Paris").strftime("%H:%M"), "20:48")
        for invitation in invitations:
            self.assertBothCanTalk(invitation, "employed")


@tagged("post_install", "-at_install")
class TestWorkedCasesSpringDst(PlanningCaseMixin, InvitationCase):
    """Europe moves to summer time on Sunday 28 March 2027 at 01:00 UTC; the United States
    moved on 14 March. Now: Saturday 27 March 2027, 17:00 UTC (18:00 in Brussels, still CET)."""

    @freeze_time("2027-03-27 17:00:00")
    def test_slots_follow_each_zone_across_the_change(self):
        self.assertPlans(
            {
                # Sunday 10:00 in Paris is 08:00 UTC once on summer time (09:00 the week before)
                ("Europe/Paris", "employed"): (datetime(2027, 3, 28, 8, 0), "weekend"),
                # Shanghai's Sunday 14:00 is 06:00 UTC: the recruiter's 08:00 in summer time
                # (on winter time their 08:00 would be 07:00 UTC, 15:00 in Shanghai)
                ("Asia/Shanghai", "employed"): (datetime(2027, 3, 28, 6, 0), "weekend"),
                # Already on PDT: Saturday 10:00 in Los Angeles is now, 18:00 in Brussels
                ("America/Los_Angeles", "employed"): (datetime(2027, 3, 27, 17, 0), "weekend"),
                # Monday 09:00 EDT is 13:00 UTC, 15:00 CEST in Brussels
                ("America/New_York", "available"): (datetime(2027, 3, 29, 13, 0), "office_hours"),
                # Monday 09:00 CEST in Paris is 07:00 UTC (08:00 the week before)
                ("Europe/Paris", "student"): (datetime(2027, 3, 29, 7, 0), "office_hours"),
            }
        )

    @freeze_time("2027-03-28 17:30:00")
    def test_the_recruiters_evening_ends_at_21_00_summer_time(self):
        """Sunday 19:30 CEST: Los Angeles' Sunday 10:00-12:00 is 19:00-21:00 here. Seven
        calls from now, the last at 20:42 CEST (18:42 UTC) to end by 21:00; the next on
        Saturday, 10:00 in Los Angeles."""
        applicants = self._create_applicants(8, PHONES["America/Los_Angeles"], prefix="LA")
        applicants.with_user(self.recruiter).action_plan_invitation_call()
        starts = sorted(applicants.invitation_ids.mapped("next_call_at"))
        sunday = [datetime(2027, 3, 28, 17, 30) + timedelta(minutes=12 * n) for n in range(7)]
        self.assertEqual(starts, sunday + [datetime(2027, 4, 3, 17, 0)])
        self.assertEqual(wall(starts[6], BRUSSELS).strftime("%H:%M %Z"), "20:42 CEST")
        for invitation in applicants.invitation_ids:
            self.assertBothCanTalk(invitation, "employed")


@tagged("post_install", "-at_install")
class TestCallQueueFiltersInTheRecruitersDay(InvitationCase):
    """Rule 9: "To Call Today" and "Overdue" as the web client evaluates them, in the browser
    of a recruiter in Los Angeles (their zone is their Odoo zone)."""

    LOS_ANGELES = "America/Los_Angeles"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recruiter.tz = cls.LOS_ANGELES

    def _filter_domain(self, name, browser_tz):
        """The domain of the call queue's search filter ``name``, evaluated like the web client's
        py.js: context_today() is the browser's date, ``to_utc()`` its wall time in UTC."""
        views = self.env["hr.invitation"].with_user(self.recruiter).get_views([(False, "search")])
        arch = etree.fromstring(views["views"]["search"]["arch"])
        (node,) = arch.xpath(f"//filter[@name='{name}']")
        zone = ZoneInfo(browser_tz)

        class BrowserDateTime(datetime):
            def to_utc(self):
                aware = self.replace(tzinfo=zone).astimezone(timezone.utc)
                return aware.replace(tzinfo=None)

        now = datetime.now(timezone.utc)  # frozen
        return safe_eval(
            node.get("domain"),
            {
                "datetime": SimpleNamespace(datetime=BrowserDateTime, time=time, date=date),
                "context_today": lambda: now.astimezone(zone).date(),
                "relativedelta": relativedelta,
                "uid": self.recruiter.id,
            },
        )

    def _search(self, name, browser_tz=LOS_ANGELES):
        domain = self._filter_domain(name, browser_tz)
        return self.env["hr.invitation"].with_user(self.recruiter).search(domain)

    def _calling(self, name, next_call_at):
        applicant = self._create_applicant(name, "+1 650 253 0000")
        return self.env["hr.invitation"].create(
            {
                "applicant_id": applicant.id,
                "user_id": self.recruiter.id,
                "state": "calling",
                "next_call_at": next_call_at,
                "next_call_window": "evening",
            }
        )

    @freeze_time("2026-12-07 18:00:00")  # Monday 10:00 in Los Angeles
    def test_the_evening_call_is_to_call_today_and_yesterdays_is_overdue(self):
        applicant = self._create_applicant("Olivia Martin", "+1 650 253 0000")
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        tonight = applicant.invitation_ids
        # 19:00 tonight in Los Angeles: Tuesday 03:00 UTC, in the recruiter's hours
        self.assertEqual(tonight.next_call_at, datetime(2026, 12, 8, 3, 0))
        yesterday = self._calling("Missed Sunday", datetime(2026, 12, 7, 4, 0))  # Sun 20:00
        this_morning = self._calling("Missed This Morning", datetime(2026, 12, 7, 16, 30))
        self.assertEqual(self._search("to_call_today"), tonight | this_morning)
        self.assertEqual(self._search("overdue"), yesterday)
        # In a browser on UTC the days would be UTC's: tonight's call tomorrow, Sunday's today.
        self.assertEqual(self._search("to_call_today", "UTC"), yesterday | this_morning)
        self.assertFalse(self._search("overdue", "UTC"))

    @freeze_time("2026-12-08 07:30:00")  # Monday 23:30 in Los Angeles, Tuesday in UTC
    def test_late_in_the_evening_it_is_still_monday(self):
        tonight = self._calling("Tonight", datetime(2026, 12, 8, 3, 0))
        self.assertEqual(self._search("to_call_today"), tonight)
        self.assertFalse(self._search("overdue"))
        done = self._calling("Invited", datetime(2026, 12, 7, 17, 0))
        done.state = "invited"
        self.assertNotIn(done, self._search("overdue") | self._search("to_call_today"))
