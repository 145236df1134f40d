"""Interviews as records of their own: a second round after an attended first one, moves kept
as history, and the candidate's page, reminders and feedback of each round."""

from datetime import datetime, timedelta

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, freeze_time, tagged

from .common import InterviewCase

SCHEDULED_ON = "2026-01-12 10:00:00"  # Monday; the first round is on Thursday 09:00 UTC
FIRST = datetime(2026, 1, 15, 9, 0)
SECOND = datetime(2026, 1, 22, 13, 0)  # the next Thursday, 14:00 in Paris
CHECK_IN = "2026-01-15 08:55:00"


@tagged("post_install", "-at_install")
class TestInterviewRounds(InterviewCase, HttpCase):
    def _attended_first_round(self):
        with freeze_time(SCHEDULED_ON):
            invitation = self._schedule(
                self._new_invitation("Camille Laurent", "+33 6 12 34 56 78", "camille@example.fr")
            )
        with freeze_time(CHECK_IN):
            invitation.with_user(self.interviewer).action_check_in()
        # After the first round: its feedback request goes out.
        self._run("_cron_send_feedback_requests", "2026-01-15 10:30:00")
        request = self._new_mails.filtered(lambda mail: "how was your invitation" in mail.subject)
        self.assertEqual(len(request), 1)
        return invitation

    def _schedule_second_round(self, invitation, at="2026-01-16 10:00:00"):
        with freeze_time(at):
            self._schedule(invitation, start=SECOND, stop=SECOND + timedelta(hours=1))
        return invitation.interview_id

    def _run(self, cron_method, at):
        with freeze_time(at), self.mock_mail_gateway(), self.mockSMSGateway():
            getattr(self.env["hr.invitation.followup"], cron_method)()
            self._send_queued()

    def _page(self, interview, suffix="", at="2026-01-16 11:00:00"):
        token = interview._portal_ensure_token()
        with freeze_time(at):
            return self.url_open(f"/my/interviews/{interview.id}{suffix}?access_token={token}")

    def test_a_second_round_is_a_new_interview_in_a_new_event(self):
        invitation = self._attended_first_round()
        first = invitation.interview_id
        self.assertEqual((first.round, first.state, invitation.state), (1, "attended", "attended"))
        second = self._schedule_second_round(invitation)
        self.assertNotEqual(second, first)
        self.assertEqual((second.round, second.state), (2, "scheduled"))
        self.assertEqual(invitation.state, "invited", "the invitation follows its current round")
        self.assertEqual(invitation.interview_ids, first | second)
        self.assertEqual(first.state, "attended", "the first round stays as it was")
        self.assertNotEqual(second.event_id, first.event_id, "a new meeting")
        self.assertTrue(first.event_id.active, "the first meeting stays in the calendar")
        self.assertEqual(second.event_id.start, SECOND)
        note = self._messages_of(invitation).filtered(lambda m: "Round 2." in m.body)
        self.assertEqual(len(note), 1, "the chatter says which round was scheduled")

    def test_the_second_round_has_its_own_page_reminders_and_feedback(self):
        invitation = self._attended_first_round()
        first = invitation.interview_id
        second = self._schedule_second_round(invitation)
        # Its own page, which says it is the second round, and takes the candidate's answers.
        page = self._page(second)
        self.assertEqual(page.status_code, 200)
        self.assertRegex(page.text, r"o_interview_round[^>]*>Round 2<")
        self.assertIn("Thursday, January 22, 2026 at 2:00 PM", page.text)
        token = second._portal_ensure_token()
        self.authenticate(None, None)
        with freeze_time("2026-01-16 11:00:00"):
            response = self.url_open(
                f"/my/interviews/{second.id}/confirm",
                data={"access_token": token, "csrf_token": http.Request.csrf_token(self)},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        self.assertEqual((second.state, invitation.state), ("confirmed", "confirmed"))
        self.assertEqual(first.state, "attended")
        # The first round's link still opens the first round, which takes no more answers.
        first_page = self._page(first)
        self.assertEqual(first_page.status_code, 200)
        self.assertIn('data-status="closed"', first_page.text)
        # Reminders of the second round, the day before it.
        self._run("_cron_send_interview_reminders", "2026-01-21 13:30:00")
        reminder = self._new_mails.filtered(lambda mail: "reminder" in mail.subject)
        self.assertEqual(len(reminder), 1)
        self.assertIn("Thursday, January 22, 2026 at 2:00 PM", reminder.body_html)
        self.assertIn(f"/my/interviews/{second.id}?access_token=", reminder.body_html)
        self.assertEqual(self._followup(invitation, "reminder", "email").state, "done")
        # The day: check-in, then the feedback request of the second round.
        with freeze_time("2026-01-22 12:55:00"):
            invitation.with_user(self.interviewer).action_check_in()
        self.assertEqual((second.state, invitation.state), ("attended", "attended"))
        self._run("_cron_send_feedback_requests", "2026-01-22 14:30:00")
        request = self._new_mails.filtered(lambda mail: "how was your invitation" in mail.subject)
        self.assertEqual(len(request), 1)
        self.assertIn(f"/my/interviews/{second.id}/feedback?access_token=", request.body_html)
        feedback_page = self._page(second, "/feedback", at="2026-01-22 15:00:00")
        self.assertEqual(feedback_page.status_code, 200)
        with freeze_time("2026-01-22 15:00:00"):
            second.sudo()._submit_portal_feedback(
                {"call_rating": ["5"], "logistics_clear": ["yes"], "recommend_score": ["9"]}
            )
        self.assertEqual(second.feedback_ids.round, 2)
        self.assertEqual(invitation.feedback_ids, second.feedback_ids)

    def test_rescheduling_keeps_the_old_times_and_the_old_link_opens_the_new_one(self):
        with freeze_time(SCHEDULED_ON):
            invitation = self._schedule(
                self._new_invitation("Camille Laurent", "+33 6 12 34 56 78", "camille@example.fr")
            )
            first = invitation.interview_id
            old_token = first._portal_ensure_token()
            self._schedule(
                invitation, start=FIRST + timedelta(days=1), stop=FIRST + timedelta(days=1, hours=1)
            )
            middle = invitation.interview_id
            self._schedule(
                invitation, start=FIRST + timedelta(days=2), stop=FIRST + timedelta(days=2, hours=1)
            )
        current = invitation.interview_id
        self.assertEqual(
            invitation.interview_ids.mapped(lambda iv: (iv.round, iv.state, iv.start)),
            [
                (1, "moved", FIRST),
                (1, "moved", FIRST + timedelta(days=1)),
                (1, "scheduled", FIRST + timedelta(days=2)),
            ],
        )
        self.assertEqual(len(invitation.interview_ids.event_id), 1, "one meeting, moved twice")
        self.assertFalse(
            (first | middle).followup_ids.filtered(lambda row: row.state == "pending"),
            "the moved interviews have nothing left to send",
        )
        with freeze_time(SCHEDULED_ON):
            response = self.url_open(
                f"/my/interviews/{first.id}?access_token={old_token}", allow_redirects=False
            )
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/interviews/{current.id}?access_token=", response.headers["Location"])
        with freeze_time(SCHEDULED_ON):
            wrong = self.url_open(f"/my/interviews/{first.id}?access_token=guess")
        self.assertEqual(wrong.status_code, 404, "a wrong token on a moved interview opens nothing")

    def test_no_new_round_while_one_is_ahead_or_after_the_invitation_ended(self):
        invitation = self._attended_first_round()
        with freeze_time("2026-01-16 10:00:00"):
            invitation.state = "declined"
            with self.assertRaisesRegex(UserError, "closed"):
                self._schedule(invitation, start=SECOND, stop=SECOND + timedelta(hours=1))
        self.assertEqual(len(invitation.interview_ids), 1)

    def test_the_recruiter_schedules_the_next_round_in_the_browser(self):
        invitation = self._attended_first_round()
        self.start_tour(
            f"/odoo/action-hr_recruitment_invitation.hr_invitation_action_all/{invitation.id}",
            "hr_recruitment_invitation_second_round_tour",
            login="inv_recruiter",
        )
        second = invitation.interview_id
        self.assertEqual((second.round, second.state), (2, "scheduled"))
        self.assertEqual(invitation.interview_ids.mapped("round"), [1, 2])
        self.assertTrue(second.event_id.active)
        self.assertFalse(second.notify_by_sms)
