"""Lead times that get people to come, and the interviewers' load (issue: formats)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from .common import InterviewCase

NOW = "2026-01-14 10:00:00"  # Wednesday, 11:00 in Brussels
THURSDAY_10 = datetime(2026, 1, 15, 10, 0)  # 24 hours ahead, 11:00 in Brussels
NEXT_WEEK = datetime(2026, 1, 20, 9, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLeadTimeAndLoad(InterviewCase):
    def _wizard(self, invitation):
        action = invitation.action_schedule_interview()
        return Form(
            self.env[action["res_model"]]
            .with_user(self.recruiter)
            .with_context(**action["context"])
        )

    def _busy(self, user, start, stop):
        return self.env["calendar.event"].create(
            {
                "name": "Budget review",
                "start": start,
                "stop": stop,
                "partner_ids": [Command.set(user.partner_id.ids)],
                "show_as": "busy",
            }
        )

    # ------------------------------------------------------------------
    # The wizard proposes 24 to 72 hours ahead, in free time
    # ------------------------------------------------------------------

    def test_wizard_proposes_the_first_free_time_24_hours_ahead(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard(invitation)
        self.assertEqual(wizard.start, THURSDAY_10, "24 hours ahead, in the HR hours")
        self.assertFalse(wizard.lead_time_warning)

    def test_proposed_times_skip_the_interviewers_meetings_and_the_lunch_break(self):
        # Busy Thursday 11:00-13:00 Brussels; lunch 12:30-13:30: free again at 13:30.
        self._busy(self.interviewer, THURSDAY_10, THURSDAY_10 + timedelta(hours=2))
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard(invitation)
        first_free = datetime(2026, 1, 15, 12, 30)
        self.assertEqual(wizard.start, first_free)
        record = wizard.save()
        self.assertEqual(
            record._get_free_starts(),
            [first_free, first_free + timedelta(minutes=30), first_free + timedelta(hours=1)],
        )
        self.assertEqual(len(record.suggested_times.splitlines()), 3)

    def test_short_notice_warns_without_blocking(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard(invitation)
        wizard.start = datetime(2026, 1, 14, 15, 0)
        self.assertIn("Less than 24 hours", wizard.lead_time_warning)
        wizard.notify_by_sms = False
        with self.mock_mail_gateway(), self.mockSMSGateway():
            wizard.save().action_schedule()
        self.assertEqual(invitation.interview_id.start, datetime(2026, 1, 14, 15, 0))

    def test_no_free_time_in_the_window_says_so(self):
        self._busy(self.interviewer, datetime(2026, 1, 15, 0, 0), datetime(2026, 1, 17, 12, 0))
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard(invitation).save()
        self.assertFalse(wizard._get_free_starts())
        self.assertIn("No free time", wizard.suggested_times)

    # ------------------------------------------------------------------
    # Interviewers' load
    # ------------------------------------------------------------------

    def _schedule_other(self, name, start, state=None):
        invitation = self._new_invitation(name, "+33 6 12 34 56 70")
        self._schedule(invitation, start=start, stop=start + timedelta(hours=1))
        if state:
            invitation.interview_id._set_state(state)
        return invitation

    def test_wizard_shows_the_week_s_interviews_and_warns_above_the_limit(self):
        self.interviewer.interview_weekly_limit = 2
        self._schedule_other("Anna", datetime(2026, 1, 15, 13, 0))
        self._schedule_other("Ben", datetime(2026, 1, 16, 13, 0))
        self._schedule_other("Carla", datetime(2026, 1, 16, 15, 0), state="declined")
        self._schedule_other("Dirk", NEXT_WEEK)
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard(invitation)
        wizard.start = datetime(2026, 1, 15, 14, 0)
        name = self.interviewer.name
        self.assertEqual(wizard.interviewer_load, f"{name}, interviews that week: 2 (limit: 2)")
        self.assertEqual(
            wizard.interviewer_load_warning,
            f"{name} would have 3 interviews that week, above their limit of 2.",
        )
        wizard.start = NEXT_WEEK + timedelta(hours=2)
        self.assertEqual(wizard.interviewer_load, f"{name}, interviews that week: 1 (limit: 2)")
        self.assertFalse(wizard.interviewer_load_warning)

    def test_no_limit_no_warning(self):
        self._schedule_other("Anna", datetime(2026, 1, 15, 13, 0))
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard(invitation)
        self.assertIn("interviews that week: 1", wizard.interviewer_load)
        self.assertFalse(wizard.interviewer_load_warning)

    def test_interviews_per_interviewer_per_week(self):
        self._schedule_other("Anna", datetime(2026, 1, 15, 13, 0))
        self._schedule_other("Ben", datetime(2026, 1, 16, 13, 0))
        self._schedule_other("Dirk", NEXT_WEEK)
        groups = self.env["hr.invitation.interview"]._read_group(
            [("interviewer_ids", "in", self.interviewer.ids)],
            ["interviewer_ids", "start:week"],
            ["__count"],
        )
        self.assertEqual(
            [(user, count) for user, _week, count in groups],
            [(self.interviewer, 2), (self.interviewer, 1)],
        )

    def test_interviewers_follow_the_meeting(self):
        invitation = self._schedule_other("Anna", datetime(2026, 1, 15, 13, 0))
        interview = invitation.interview_id
        self.assertEqual(interview.interviewer_ids, self.interviewer)
        interview.event_id.partner_ids = [Command.link(self.recruiter.partner_id.id)]
        self.assertEqual(interview.interviewer_ids, self.interviewer | self.recruiter)


@tagged("post_install", "-at_install")
class TestLeadTimeAnalysis(InterviewCase):
    """Interviews held or missed, fixed more or less far ahead, read in the analysis."""

    def _held(self, name, sent_at, start, state, fmt="on_site", channels=(), window=None):
        with freeze_time(sent_at):
            invitation = self._new_invitation(name, "+33 6 12 34 56 78", email=f"{name}@x.example")
            self._schedule(
                invitation,
                start=start,
                stop=start + timedelta(hours=1),
                interview_format=fmt,
                notify_by_sms=False,
            )
        # The window of the call that invited (scheduling clears the next call's).
        invitation.next_call_window = window
        interview = invitation.interview_id
        reminders = interview.followup_ids.filtered(lambda row: row.kind == "reminder")
        reminders.write({"state": "cancelled"})
        for channel in channels:
            row = reminders.filtered(lambda row, channel=channel: row.channel == channel)
            if not row:
                row = self.env["hr.invitation.followup"].create(
                    {
                        "interview_id": interview.id,
                        "kind": "reminder",
                        "channel": channel,
                        "due_at": start - timedelta(days=1),
                    }
                )
            row.state = "done"
        if state:
            interview._set_state(state)
        return interview

    def _report(self, groupby):
        report = self.env["hr.invitation.interview.report"]
        self.env.flush_all()
        return {
            group: (round(rate, 1), count)
            for group, rate, count in report._read_group(
                [("company_id", "=", self.company.id)], [groupby], ["show_rate:avg", "__count"]
            )
        }

    def setUp(self):
        super().setUp()
        start = datetime(2026, 2, 10, 9, 0)
        # under 24 h: 1 of 2 came; 24-72 h: 2 of 2; 3-7 days: 1 of 1; over 7 days: 0 of 1.
        self._held(
            "a", start - timedelta(hours=5), start, "attended", "video", ["email"], "evening"
        )
        self._held("b", start - timedelta(hours=20), start, "no_show", "on_site", [], "evening")
        self._held(
            "c",
            start - timedelta(hours=30),
            start,
            "attended",
            "on_site",
            ["email", "sms"],
            "weekend",
        )
        self._held("d", start - timedelta(hours=70), start, "attended", "phone", ["sms"], "weekend")
        self._held(
            "e",
            start - timedelta(days=5),
            start,
            "attended",
            "on_site",
            ["email", "sms"],
            "office_hours",
        )
        self._held("f", start - timedelta(days=9), start, "no_show", "video", [], "office_hours")
        self._held("g", start - timedelta(days=2), start + timedelta(days=30), None, "on_site")

    def test_show_rate_by_lead_time_band(self):
        self.assertEqual(
            self._report("lead_time_band"),
            {
                "1_under_24h": (50.0, 2),
                "2_24_72h": (100.0, 2),
                "3_3_7d": (100.0, 1),
                "4_over_7d": (0.0, 2),
            },
        )

    def test_show_rate_by_format_reminder_channel_and_call_window(self):
        self.assertEqual(
            self._report("interview_format"),
            {"on_site": (66.7, 4), "video": (50.0, 2), "phone": (100.0, 1)},
        )
        self.assertEqual(
            self._report("reminder_channel"),
            {"email_sms": (100.0, 2), "email": (100.0, 1), "sms": (100.0, 1), "none": (0.0, 3)},
        )
        self.assertEqual(
            self._report("call_window"),
            {"evening": (50.0, 2), "weekend": (100.0, 2), "office_hours": (50.0, 2), False: (0, 1)},
        )

    def test_lead_time_in_hours(self):
        report = self.env["hr.invitation.interview.report"]
        self.env.flush_all()
        row = report.search([("interview_id.invitation_id.candidate_id.partner_name", "=", "c")])
        self.assertAlmostEqual(row.lead_time_hours, 30.0, places=3)
        self.assertEqual(row.lead_time_band, "2_24_72h")

    def test_an_interview_recorded_after_it_took_place_has_no_lead_time(self):
        invitation = self._new_invitation("h", "+33 6 12 34 56 78")
        interview = self.env["hr.invitation.interview"].create(
            {
                "invitation_id": invitation.id,
                "start": datetime(2026, 1, 5, 9, 0),
                "stop": datetime(2026, 1, 5, 10, 0),
                "state": "attended",
            }
        )
        self.env.flush_all()
        row = self.env["hr.invitation.interview.report"].search(
            [("interview_id", "=", interview.id)]
        )
        self.assertFalse(row.lead_time_band, "no band rather than a negative lead time")
        self.assertFalse(row.lead_time_hours)
        self.assertEqual(row.show_rate, 100.0, "its outcome still counts")
