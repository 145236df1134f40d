from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import InvitationCase


@tagged("post_install", "-at_install")
class TestRetryOfACandidateWithTwoPositions(InvitationCase):
    """A candidate with two positions planned together, one called before the slot."""

    @freeze_time("2026-01-14 10:00:00")  # Wednesday; the Paris evening starts at 18:00 UTC
    def test_a_retry_called_before_the_slot_goes_to_another_kind_of_window(self):
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
        # A single application is retried on Saturday (test_call_script's no-answer test); with
        # a second application planned this evening, the retry still goes to another kind of
        # window, not to the other application's slot of the same evening.
        self.assertEqual(invitation.next_call_window, "weekend")
        self.assertEqual(second.invitation_ids.next_call_window, "evening", "the other stays")
