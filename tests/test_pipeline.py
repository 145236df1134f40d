"""The invitation follows the application through Odoo's pipeline (issue 18): refusals,
every way an invitation ends, calendar moves, and follow-ups that never go backwards."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import InterviewCase

NOW = "2026-01-14 10:00:00"  # the interview is on Thursday 2026-01-15 09:00 UTC


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestInvitationInThePipeline(InterviewCase):
    def _scheduled(self, name="Camille Laurent", phone="+33 6 12 34 56 78"):
        invitation = self._new_invitation(name, phone, email=f"{name.split()[0]}@example.com")
        return self._schedule(invitation)

    def _escalate(self, invitation):
        return self.env["hr.invitation.escalation"].create(
            {"invitation_id": invitation.id, "reason": "Key profile, wants to talk salary"}
        )

    def _assert_ended(self, invitation, interview, event):
        self.assertEqual(interview.state, "cancelled")
        self.assertFalse(event.active, "the meeting leaves the interviewers' calendars")
        attendee = event.with_context(active_test=False).attendee_ids.filtered(
            lambda att: att.partner_id == invitation.partner_id
        )
        self.assertEqual(attendee.state, "declined")
        self.assertFalse(interview.followup_ids.filtered(lambda row: row.state == "pending"))
        self.assertFalse(interview._get_opened_interview(interview.sudo()._portal_ensure_token()))

    def test_refusing_the_application_with_odoo_s_wizard_ends_the_invitation(self):
        invitation = self._scheduled()
        interview, event = invitation.interview_id, invitation.event_id
        escalation = self._escalate(invitation)
        reason = self.env.ref("hr_recruitment.refuse_reason_1")
        wizard = (
            self.env["applicant.get.refuse.reason"]
            .with_user(self.recruiter)
            .create(
                {
                    "refuse_reason_id": reason.id,
                    "applicant_ids": invitation.applicant_id.ids,
                    "send_mail": False,
                }
            )
        )
        with self.mock_mail_gateway():
            wizard.action_refuse_reason_apply()
        self.assertFalse(self._new_mails, "no message from us: the recruiter chose none")
        self.assertEqual(invitation.state, "cancelled")
        self._assert_ended(invitation, interview, event)
        self.assertEqual(escalation.state, "cancelled", "closed with its invitation")
        self.assertIn(reason.name, " ".join(self._messages_of(invitation).mapped("body")))
        # The reminder cron finds nothing to send for it.
        with freeze_time("2026-01-15 08:30:00"), self.mock_mail_gateway(), self.mockSMSGateway():
            self.env["hr.invitation.followup"]._cron_plan_reminder_calls()
            self.env["hr.invitation.followup"]._cron_mark_no_shows()
        self.assertEqual(invitation.state, "cancelled")
        # Restoring the application does not reopen it; planning a call does, as a new one.
        invitation.applicant_id.with_user(self.recruiter).action_unarchive()
        self.assertEqual(invitation.state, "cancelled")
        invitation.applicant_id.with_user(self.recruiter).action_plan_invitation_call()
        reopened = invitation.applicant_id.invitation_ids - invitation
        self.assertEqual(len(reopened), 1)
        self.assertIn(reopened.state, ("calling", "draft"))

    def test_every_way_an_invitation_ends_frees_the_calendar(self):
        ends = {
            "cancelled": lambda inv: inv.action_cancel(),
            "declined on the page": lambda inv: inv.interview_id.sudo()._action_portal_decline(
                "I took another job"
            ),
            "declined on a call": lambda inv: inv._on_call_declined(inv.env["hr.invitation.call"]),
        }
        for label, end in ends.items():
            with self.subTest(label):
                invitation = self._scheduled(name=f"Camille {label}")
                interview, event = invitation.interview_id, invitation.event_id
                end(invitation)
                self.assertFalse(event.active, label)
                self.assertIn(interview.state, ("cancelled", "declined"), label)
                self.assertIn(invitation.state, ("cancelled", "declined"), label)

    def test_a_new_interview_after_a_cancel_is_a_new_active_meeting(self):
        invitation = self._scheduled()
        old_event = invitation.event_id
        invitation.action_cancel()
        invitation.action_reset_draft()
        invitation.state = "invited"
        self._schedule(
            invitation, start=datetime(2026, 1, 16, 9, 0), stop=datetime(2026, 1, 16, 10, 0)
        )
        self.assertNotEqual(invitation.event_id, old_event)
        self.assertTrue(invitation.event_id.active, "interviewers see the new interview")
        self.assertFalse(old_event.active)

    def test_moving_the_meeting_in_the_calendar_asks_the_candidate_again_with_our_message(self):
        invitation = self._scheduled()
        first = invitation.interview_id
        first.sudo()._action_portal_confirm()
        self.assertEqual(invitation.state, "confirmed")
        with self.mock_mail_gateway(), self.mockSMSGateway():
            invitation.event_id.with_user(self.interviewer).sudo().write(
                {"start": datetime(2026, 1, 16, 13, 0), "stop": datetime(2026, 1, 16, 14, 0)}
            )
            to_candidate = self._new_mails.filtered(
                lambda mail: invitation.partner_id in mail.recipient_ids
            )
        moved = invitation.interview_id
        self.assertEqual(
            (first.state, moved.state, invitation.state), ("moved", "scheduled", "invited")
        )
        self.assertEqual(len(to_candidate), 1, "one message to the candidate: ours")
        self.assertIn("Friday, January 16, 2026 at 2:00 PM", to_candidate.body_html)
        self.assertIn(f"/my/interviews/{moved.id}?access_token=", to_candidate.body_html)
        self.assertEqual(
            self._followup(invitation, "reminder_call", "activity").due_at,
            datetime(2026, 1, 16, 12, 0),
            "the reminders follow the new time",
        )

    def test_odoo_s_calendar_mails_never_go_to_the_candidate(self):
        invitation = self._scheduled()
        attendees = invitation.event_id.attendee_ids
        candidate = attendees.filtered(lambda att: att.partner_id == invitation.partner_id)
        self.assertEqual(attendees._get_interview_candidates(), candidate)
        with self.mock_mail_gateway():
            attendees._send_mail_to_attendees(
                self.env.ref("calendar.calendar_template_meeting_changedate")
            )
        recipients = self._new_mails.recipient_ids | self._new_mails.mapped(
            lambda mail: self.env["res.partner"].search([("email", "=", mail.email_to)])
        )
        self.assertNotIn(invitation.partner_id, recipients)
        self.assertIn(self.interviewer.partner_id, recipients)

    def test_an_unanswered_senior_call_keeps_the_confirmed_interview(self):
        invitation = self._scheduled()
        invitation.interview_id.sudo()._action_portal_confirm()
        self.company.invitation_max_attempts = 1
        call = self.env["hr.invitation.call"].create(
            {
                "invitation_id": invitation.id,
                "user_id": self.recruiter.id,
                "started_at": datetime(2026, 1, 14, 9, 0),
                "ended_at": datetime(2026, 1, 14, 9, 1),
                "outcome": "no_answer",
            }
        )
        invitation._on_call_no_answer(call)
        self.assertEqual(invitation.state, "confirmed", "a follow-up never goes backwards")
        self.assertEqual(invitation.interview_id.state, "confirmed")
        invitation._on_call_invited(call)
        self.assertEqual(invitation.state, "confirmed")
        # Reception can still check the candidate in.
        with freeze_time("2026-01-15 08:55:00"):
            invitation.with_user(self.interviewer).action_check_in()
        self.assertEqual(invitation.state, "attended")

    def test_an_escalation_closes_with_its_cancelled_invitation(self):
        invitation = self._scheduled()
        escalation = self._escalate(invitation)
        self.assertEqual(escalation.state, "pending")
        invitation.action_cancel()
        self.assertEqual(escalation.state, "cancelled")
        self.assertFalse(escalation.activity_ids, "nobody is asked to decide any more")
        with freeze_time("2026-01-20 10:00:00"):
            reminded = self.env["hr.invitation.escalation"]._cron_remind_overdue_requests()
        self.assertFalse(reminded)


@tagged("post_install", "-at_install")
class TestCalendarMoveInTheBrowser(InterviewCase, HttpCase):
    def test_moving_the_meeting_in_the_calendar_form(self):
        self.interviewer.tz = "UTC"
        with freeze_time("2027-01-10 10:00:00"):
            invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
            self._schedule(
                invitation,
                start=datetime(2027, 1, 19, 14, 0),
                stop=datetime(2027, 1, 19, 15, 0),
                notify_by_sms=False,  # the candidate's message: no SMS gateway in a tour
            )
        first = invitation.interview_id
        first.sudo()._action_portal_confirm()
        event = invitation.event_id
        self.start_tour(
            f"/odoo/action-calendar.action_calendar_event/{event.id}",
            "hr_recruitment_invitation_calendar_move_tour",
            login="inv_interviewer",
        )
        moved = invitation.interview_id
        self.assertEqual(first.state, "moved")
        self.assertEqual((moved.start, moved.state), (datetime(2027, 1, 20, 14, 0), "scheduled"))
        self.assertEqual(invitation.state, "invited", "the candidate confirms the new time")
