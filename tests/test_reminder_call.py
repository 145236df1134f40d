"""The reminder call before the interview is a call (issue 18, item 9)."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import InterviewCase

SCHEDULED_ON = "2026-01-12 10:00:00"
CALL_TIME = "2026-01-15 08:05:00"  # the interview is at 09:00 UTC


@tagged("post_install", "-at_install")
class TestReminderCall(InterviewCase):
    def _scheduled(self):
        with freeze_time(SCHEDULED_ON):
            invitation = self._new_invitation(
                "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
            )
            return self._schedule(invitation)

    def _call(self, invitation, **answers):
        action = invitation.with_user(self.recruiter).action_start_call()
        self.assertEqual(action["res_model"], "hr.invitation.reminder.call")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.recruiter)
            .with_context(**action["context"])
        )
        for fname, value in answers.items():
            setattr(wizard, fname, value)
        return wizard.save().action_log_call()

    def test_start_call_before_the_interview_logs_a_reminder_call(self):
        invitation = self._scheduled()
        with freeze_time(CALL_TIME):
            self._call(
                invitation,
                answer="on_the_way",
                travel_mode="public_transport",
                expected_arrival=datetime(2026, 1, 15, 8, 50),
            )
        call = invitation.call_ids.filtered(lambda c: c.purpose == "reminder")
        self.assertEqual(len(call), 1, "logged like any call")
        self.assertEqual(
            (call.arrival_answer, call.interview_id), ("on_the_way", invitation.interview_id)
        )
        self.assertEqual(invitation.interview_id.travel_mode, "public_transport")
        self.assertEqual(invitation.interview_id.expected_arrival, datetime(2026, 1, 15, 8, 50))
        self.assertEqual(invitation.state, "invited", "the interview stands")
        report = self.env["hr.invitation.report"].search([("invitation_id", "=", invitation.id)])
        self.assertEqual(report.call_count, 0, "not an attempt to invite in the analysis")

    def test_running_late_tells_the_interviewers(self):
        invitation = self._scheduled()
        with freeze_time(CALL_TIME), self.mock_mail_gateway():
            self._call(
                invitation,
                answer="late",
                expected_arrival=datetime(2026, 1, 15, 9, 20),
                note="The train is stuck at Brussels-Midi",
            )
        late = invitation.activity_ids.filtered(
            lambda act: (
                act.activity_type_id
                == self.env.ref("hr_recruitment_invitation.mail_activity_type_interview_late")
            )
        )
        self.assertEqual(late.user_id, self.interviewer)
        self.assertIn("10:20", late.summary, "in the reader's zone (Brussels)")
        message = self._messages_of(invitation).filtered(
            lambda m: m.message_type == "notification" and "is late" in (m.body or "")
        )
        self.assertIn(self.interviewer.partner_id, message.partner_ids)
        self.assertIn("Brussels-Midi", message.body)

    def test_not_coming_declines_the_interview_and_frees_the_calendar(self):
        invitation = self._scheduled()
        event = invitation.event_id
        with freeze_time(CALL_TIME):
            self._call(invitation, answer="not_coming", note="Accepted another offer")
        self.assertEqual(invitation.interview_id.state, "declined")
        self.assertEqual(invitation.state, "declined")
        self.assertEqual(invitation.interview_id.decline_reason, "Accepted another offer")
        self.assertFalse(event.active)

    def test_running_late_needs_the_new_arrival_time(self):
        invitation = self._scheduled()
        wizard = (
            self.env["hr.invitation.reminder.call"]
            .with_user(self.recruiter)
            .create({"interview_id": invitation.interview_id.id, "answer": "late"})
        )
        with freeze_time(CALL_TIME), self.assertRaisesRegex(UserError, "expects to arrive"):
            wizard.action_log_call()
        self.assertFalse(invitation.call_ids)
