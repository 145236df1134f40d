from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import InvitationCase


@tagged("post_install", "-at_install")
class TestRetryOfACandidateWithTwoPositions(InvitationCase):
    """A candidate with two positions planned together, one called before the slot."""

    @freeze_time("2026-01-14 10:00:00")  # Wednesday; the Paris evening starts at 18:00 UTC
    def test_a_retry_called_before_the_slot_joins_the_candidate_s_other_call(self):
        first = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        second = self.env["hr.applicant"].create(
            {
                "candidate_id": first.candidate_id.id,
                "job_id": self.key_job.id,
                "company_id": self.company.id,
                "user_id": self.recruiter.id,
            }
        )
        (first | second).with_user(self.recruiter).action_plan_invitation_call()
        invitation = first.invitation_ids.with_user(self.recruiter)
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 14, 18, 0))
        call = invitation._start_call()
        call.write({"outcome": "no_answer"})
        call.action_end_call()
        # A single application is retried on Saturday (test_call_script's no-answer test). With
        # a second application whose call is still to come this evening, the retry joins that
        # call: one candidate, one call (rule 8), rather than a second call on Saturday. (The
        # call script retries both applications together when the planned call goes unanswered:
        # test_call_script_positions.)
        self.assertEqual(invitation.next_call_window, "evening")
        self.assertEqual(invitation.next_call_at, second.invitation_ids.next_call_at)
        self.assertEqual(invitation.user_id, second.invitation_ids.user_id)
