"""Privacy: invitation data is anonymised N months after the application closed; the
candidate's page and messages carry a short privacy notice."""

import logging
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .common import InterviewCase

_logger = logging.getLogger(__name__)

REFUSED_ON = datetime(2025, 1, 10, 9, 0)
INTERVIEW = datetime(2025, 1, 8, 9, 0)


@tagged("post_install", "-at_install")
class TestSecurityPrivacy(InterviewCase, HttpCase):
    def setUp(self):
        super().setUp()
        self.approver = self._new_company_user(
            "inv_privacy_approver", "hr_recruitment_invitation.group_escalation_approver"
        )
        with freeze_time("2025-01-06 10:00:00"):
            self.invitation = self._scheduled("Camille Laurent", "+33 6 12 34 56 78")
            self.applicant = self.invitation.applicant_id
            self.invitation_mail = self._new_mails
            self.invitation_sms = self._new_sms
            self.interview = self.invitation.interview_id
            self.token = self.interview._portal_ensure_token()
            self.other = self._scheduled("Lukas Schmidt", "+49 151 23456789")
            self.still_applying = self.other.applicant_id

    def _scheduled(self, name, phone):
        invitation = self._new_invitation(name, phone, email=f"{name.split()[0]}@example.com")
        self._schedule(invitation, start=INTERVIEW, stop=INTERVIEW + timedelta(minutes=45))
        invitation = invitation.sudo()
        self._add_personal_data(invitation)
        return invitation

    def _add_personal_data(self, invitation):
        call = self.env["hr.invitation.call"].create(
            {
                "invitation_id": invitation.id,
                "user_id": self.recruiter.id,
                "started_at": datetime(2025, 1, 6, 18, 0),
                "ended_at": datetime(2025, 1, 6, 18, 7),
                "outcome": "invited",
                "note": "<p>Wife expecting a baby in March</p>",
            }
        )
        self.env["hr.invitation.concern"].create(
            {
                "invitation_id": invitation.id,
                "call_id": call.id,
                "topic_id": self.env["hr.invitation.concern.topic"].search([], limit=1).id,
                "note": "Worried about overtime, lives in Waterloo",
            }
        )
        self.env["hr.invitation.feedback"].create(
            {
                "interview_id": invitation.interview_id.id,
                "call_rating": "4",
                "recommend_score": 8,
                "comment": "The recruiter was kind",
                "unclear_note": "Salary range",
            }
        )
        invitation.interview_id.write(
            {"decline_reason": "Private reason", "pickup_point": "My home address"}
        )
        invitation.message_post(body="Candidate said: my home is at 5 Rose Street")
        escalation = self.env["hr.invitation.escalation"].create(
            {"invitation_id": invitation.id, "reason": "Relocating to Lyon with his wife"}
        )
        escalation.decision_note = "Earns 5,200 now, back surgery in May"
        escalation.message_post(body="Told me about his divorce")
        review = self.env["hr.invitation.review"].create(
            {"invitation_id": invitation.id, "lesson": "Mention the night shifts: she has kids"}
        )
        review.message_post(body="She looked tired, sick husband")

    def _refuse(self, applicant):
        with freeze_time(REFUSED_ON):
            applicant.write({"refuse_reason_id": self.env.ref("hr_recruitment.refuse_reason_1").id})
            applicant.action_archive()
            self.env.flush_all()

    def _run_cron(self, at):
        with freeze_time(at):
            return self.env["hr.invitation"]._cron_anonymise_closed_invitations(batch_size=1)

    def _counts(self):
        invitations = self.invitation | self.other
        report = self.env["hr.invitation.report"].search_count(
            [("company_id", "=", self.company.id)]
        )
        return {
            "calls": len(invitations.call_ids),
            "concerns": len(invitations.concern_ids),
            "feedback": len(invitations.feedback_ids),
            "escalations": invitations.escalation_ids.mapped(
                lambda esc: (esc.state, esc.requested_by_id, esc.approver_id, esc.requested_at)
            ),
            "reviews": invitations.review_ids.mapped(lambda rev: (rev.user_id, rev.create_date)),
            "report rows": report,
            "states": invitations.mapped("state"),
            "ratings": invitations.feedback_ids.mapped("call_rating"),
        }

    def test_default_is_12_months_and_must_be_positive(self):
        self.assertEqual(self.company.invitation_anonymise_months, 12)
        with self.assertRaises(ValidationError):
            self.company.invitation_anonymise_months = 0

    def test_data_is_wiped_12_months_after_refusal_and_counts_stay(self):
        self._refuse(self.applicant)
        self.assertEqual(self.invitation.application_closed_at, REFUSED_ON)
        self.assertFalse(self.other.application_closed_at, "an open application is not closed")
        counts = self._counts()

        self.assertEqual(self._run_cron("2026-01-09 09:00:00"), 0, "not before 12 months")
        self.assertTrue(self.invitation.access_token)

        self.assertEqual(self._run_cron("2026-01-10 09:01:00"), 1)
        invitation = self.invitation
        self.env.invalidate_all()
        self.assertEqual(invitation.anonymised_at, datetime(2026, 1, 10, 9, 1))
        self.assertFalse(invitation.access_token)
        self.assertFalse(invitation.interview_id.access_token)
        self.assertFalse(invitation.interview_id.decline_reason)
        self.assertFalse(invitation.interview_id.pickup_point)
        self.assertFalse(invitation.candidate_id.partner_phone)
        self.assertFalse(invitation.call_ids.note)
        self.assertFalse(invitation.concern_ids.note)
        self.assertFalse(invitation.feedback_ids.comment)
        self.assertFalse(invitation.feedback_ids.unclear_note)
        bodies = " ".join(str(body) for body in invitation.message_ids.mapped("body"))
        self.assertNotIn("Rose Street", bodies)
        escalation = invitation.escalation_ids
        self.assertEqual(escalation.reason, "Anonymised")
        self.assertFalse(escalation.decision_note)
        self.assertFalse(escalation.activity_ids, "the approval activity quoted the reason")
        bodies = " ".join(str(body) for body in escalation.message_ids.mapped("body"))
        self.assertNotIn("divorce", bodies)
        review = invitation.review_ids
        self.assertFalse(review.lesson)
        bodies = " ".join(str(body) for body in review.message_ids.mapped("body"))
        self.assertNotIn("husband", bodies)
        self.assertEqual(self.other.review_ids.lesson, "Mention the night shifts: she has kids")
        self.assertEqual(self._counts(), counts, "counts, states and ratings stay")
        # The other invitation, whose application is open, keeps everything.
        self.assertEqual(self.other.interview_id.pickup_point, "My home address")
        self.assertEqual(self.other.feedback_ids.comment, "The recruiter was kind")
        self.assertEqual(self.other.candidate_id.partner_phone, "+49 151 23456789")
        self.assertTrue(self.other.access_token)
        self.assertEqual(self.other.escalation_ids.reason, "Relocating to Lyon with his wife")
        self.assertTrue(self.other.escalation_ids.activity_ids)

        self.assertEqual(self._run_cron("2026-02-10 09:00:00"), 0, "anonymised once")
        with freeze_time("2026-01-10 09:02:00"):
            self.authenticate(None, None)
            response = self.url_open(
                f"/my/interviews/{self.interview.id}?access_token={self.token}"
            )
        self.assertEqual(response.status_code, 404, "the candidate's old link opens nothing")
        _logger.info(
            "anonymisation: 2 invitations tried, 1 anonymised (1 escalation's reason, note, "
            "activity and chatter, 1 review's lesson and chatter wiped; 1 of each kept), "
            "counts unchanged: %s",
            self._counts() == counts,
        )

    def test_the_company_chooses_the_delay_and_a_candidate_still_applying_keeps_the_phone(self):
        self.company.invitation_anonymise_months = 3
        second = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        second.candidate_id = self.applicant.candidate_id
        self._refuse(self.applicant)
        self.assertEqual(self._run_cron("2025-04-10 09:01:00"), 1)
        self.assertTrue(self.invitation.anonymised_at)
        self.assertFalse(self.invitation.feedback_ids.comment)
        self.assertEqual(self.applicant.candidate_id.partner_phone, "+33 6 12 34 56 78")

    def test_the_page_and_the_messages_carry_the_privacy_notice(self):
        with freeze_time("2025-01-07 10:00:00"):
            self.authenticate(None, None)
            page = self.url_open(f"/my/interviews/{self.interview.id}?access_token={self.token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_interview_privacy", page.text)
        self.assertIn("jobs@invitation-test.example.com", page.text)
        self.assertIn("12 months", page.text)
        mail = self.invitation_mail.filtered(
            lambda mail: self.invitation.partner_id in mail.recipient_ids
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("anonymises them 12 months after", mail.body_html)
        self.assertIn("jobs@invitation-test.example.com", mail.body_html)

    def test_the_candidate_texts_end_with_a_short_privacy_line(self):
        """The invitation, the reminder and (without a company email) the company's phone."""
        invitation_sms = self.invitation_sms.filtered(
            lambda sms: sms.partner_id == self.invitation.partner_id
        )
        with freeze_time("2025-01-07 09:30:00"), self.mock_mail_gateway(), self.mockSMSGateway():
            self.env["hr.invitation.followup"]._cron_send_interview_reminders()
            self._send_queued()
        reminders = [sms["body"] for sms in self._sms if "reminder" in sms["body"]]
        self.assertEqual(len(reminders), 2)
        bodies = [invitation_sms.body, *reminders]
        notice = "Your data and privacy: jobs@invitation-test.example.com"
        for body in bodies:
            self.assertEqual(body.splitlines()[-1], notice)
        self.company.partner_id.write({"email": False, "phone": "+32 2 555 12 12"})
        self.assertEqual(
            self.invitation._get_sms_privacy_notice(), "Your data and privacy: +32 2 555 12 12"
        )
        self.assertLessEqual(len(notice), 60, "a short line: texts are paid by the segment")
        _logger.info(
            "SMS privacy notice: %s texts checked, notice of %s characters",
            len(bodies),
            len(notice),
        )
