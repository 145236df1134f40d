from datetime import datetime, time, timedelta

from odoo.tests import BaseCase, tagged

from odoo.addons.hr_recruitment_invitation.tools import candidate_input as ci

PARIS = "Europe/Paris"
SHANGHAI = "Asia/Shanghai"
NEW_YORK = "America/New_York"


@tagged("post_install", "-at_install")
class TestCandidateInput(BaseCase):
    def test_parse_browser_values(self):
        self.assertEqual(ci.parse_local_datetime("2026-02-03T14:30"), datetime(2026, 2, 3, 14, 30))
        self.assertEqual(
            ci.parse_local_datetime(" 2026-02-03T14:30:59 "), datetime(2026, 2, 3, 14, 30)
        )
        self.assertEqual(ci.parse_local_time("08:05"), time(8, 5))
        for bad in ("", None, "tomorrow", "2026-02-30T10:00", "2026-02-03T14:30+02:00"):
            with self.assertRaises(ci.InvalidValue):
                ci.parse_local_datetime(bad)
        for bad in ("", "25:00", "noon", "08:05+01:00"):
            with self.assertRaises(ci.InvalidValue):
                ci.parse_local_time(bad)

    def test_wall_to_utc_in_several_zones_and_across_dst(self):
        self.assertEqual(
            ci.wall_to_naive_utc(datetime(2026, 3, 28, 10, 0), PARIS), datetime(2026, 3, 28, 9, 0)
        )
        self.assertEqual(
            ci.wall_to_naive_utc(datetime(2026, 3, 30, 10, 0), PARIS), datetime(2026, 3, 30, 8, 0)
        )
        self.assertEqual(
            ci.wall_to_naive_utc(datetime(2026, 3, 30, 10, 0), SHANGHAI),
            datetime(2026, 3, 30, 2, 0),
        )
        self.assertEqual(
            ci.wall_to_naive_utc(datetime(2026, 3, 7, 9, 0), NEW_YORK), datetime(2026, 3, 7, 14, 0)
        )
        self.assertEqual(
            ci.wall_to_naive_utc(datetime(2026, 3, 9, 9, 0), NEW_YORK), datetime(2026, 3, 9, 13, 0)
        )

    def test_skipped_and_repeated_wall_times(self):
        with self.assertRaises(ci.NonExistentLocalTime):
            ci.wall_to_naive_utc(datetime(2026, 3, 29, 2, 30), PARIS)
        with self.assertRaises(ci.NonExistentLocalTime):
            ci.wall_to_naive_utc(datetime(2026, 3, 8, 2, 30), NEW_YORK)
        # 02:30 happens twice on 25 October 2026 in Paris: the first one (summer time) is taken.
        self.assertEqual(
            ci.wall_to_naive_utc(datetime(2026, 10, 25, 2, 30), PARIS),
            datetime(2026, 10, 25, 0, 30),
        )
        self.assertEqual(
            ci.naive_utc_to_wall(datetime(2026, 10, 25, 1, 30), PARIS),
            datetime(2026, 10, 25, 2, 30),
        )

    def test_arrival_on_the_interview_day(self):
        start = datetime(2026, 3, 27, 13, 0)  # 14:00 in Paris, 21:00 in Shanghai
        six_hours = timedelta(hours=6)
        self.assertEqual(
            ci.arrival_on_interview_day(start, "13:40", PARIS, six_hours),
            datetime(2026, 3, 27, 12, 40),
        )
        self.assertEqual(
            ci.arrival_on_interview_day(start, "20:30", SHANGHAI, six_hours),
            datetime(2026, 3, 27, 12, 30),
        )
        self.assertEqual(ci.arrival_on_interview_day(start, "14:00", PARIS, six_hours), start)
        with self.assertRaises(ci.ArrivalAfterStart):
            ci.arrival_on_interview_day(start, "14:01", PARIS, six_hours)
        with self.assertRaises(ci.ArrivalTooEarly):
            ci.arrival_on_interview_day(start, "07:59", PARIS, six_hours)
        # The interview's day is the candidate's: 01:00 UTC on the 28th is still the 27th in
        # New York, where 20:30 is arrival the evening before the UTC date.
        late = datetime(2026, 3, 28, 1, 0)
        self.assertEqual(
            ci.arrival_on_interview_day(late, "20:30", NEW_YORK, six_hours),
            datetime(2026, 3, 28, 0, 30),
        )

    def test_future_proposals(self):
        now = datetime(2026, 3, 25, 9, 0)
        hour = timedelta(hours=1)
        self.assertEqual(
            ci.future_proposals(
                ["2026-03-30T10:00", "", "2026-03-26T10:00", "2026-03-26T10:00"], PARIS, now, 3
            ),
            [datetime(2026, 3, 26, 9, 0), datetime(2026, 3, 30, 8, 0)],
        )
        self.assertEqual(ci.future_proposals(["", None], PARIS, now, 3), [])
        with self.assertRaises(ci.TooManyProposals):
            ci.future_proposals([f"2026-03-26T1{index}:00" for index in range(4)], PARIS, now, 3)
        with self.assertRaises(ci.ProposalInThePast):
            ci.future_proposals(["2026-03-25T10:30"], PARIS, now, 3, min_notice=hour)
        with self.assertRaises(ci.ProposalInThePast):
            ci.future_proposals(["2026-03-24T10:30"], PARIS, now, 3)
