from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import CallScriptCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"  # UTC; the Paris evening window starts at 18:00 UTC


@tagged("post_install", "-at_install")
class TestCallScriptOtherPositions(CallScriptCase):
    """Issue 17, rule 8: a candidate's applications planned at one slot with one caller are one
    call; the script's brief shows every position and the recruiter records each outcome."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant = cls._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        cls.other = cls.env["hr.applicant"].create(
            {
                "candidate_id": cls.applicant.candidate_id.id,
                "job_id": cls.key_job.id,
                "company_id": cls.company.id,
                "user_id": cls.recruiter.id,
            }
        )

    def _start_shared_call(self):
        """Plan both applications (one slot), start the call of the first: its script."""
        (self.applicant | self.other).with_user(self.recruiter).action_plan_invitation_call()
        first, second = self.applicant.invitation_ids, self.other.invitation_ids
        self.assertEqual(first.next_call_at, datetime(2026, 1, 14, 18, 0))
        self.assertEqual(second.next_call_at, first.next_call_at)
        action = first.with_user(self.recruiter).action_start_call()
        return self.env[action["res_model"]].with_user(self.recruiter).browse(action["res_id"])

    def _record_outcome(self, script, **values):
        """What the web client sends when the recruiter edits the other position's line."""
        call = script.other_call_ids
        script.write({"other_call_ids": [Command.update(call.id, values)]})

    def _notes(self, invitation):
        return " ".join(
            self.env["mail.message"]
            .search([("model", "=", "hr.invitation"), ("res_id", "=", invitation.id)])
            .mapped("body")
        )

    @freeze_time(WEDNESDAY_MORNING)
    def test_the_brief_shows_both_positions_and_each_gets_its_outcome(self):
        script = self._start_shared_call()
        other_invitation = self.other.invitation_ids
        self.assertEqual(script.job_id, self.job)
        self.assertEqual(script.other_positions, "R&D Engineer")
        self.assertEqual(script.other_call_ids, other_invitation.running_call_id)
        self.assertEqual(script.other_call_ids.user_id, self.recruiter)
        self._go_to(script, "introduction", interest_level="interested")
        self._go_to(script, "analysis", outcome="invited")
        self._record_outcome(script, outcome="declined", interest_level="indifferent")
        action = script.action_finish_call()

        self.assertEqual(action["res_model"], "hr.invitation.schedule", "this position's next step")
        self.assertEqual(script.invitation_id.state, "invited")
        self.assertEqual(other_invitation.state, "declined")
        other_call = other_invitation.call_ids
        self.assertEqual(len(other_call), 1)
        self.assertFalse(other_call.is_running)
        self.assertEqual(
            (other_call.outcome, other_call.interest_level), ("declined", "indifferent")
        )
        notes = self._notes(other_invitation)
        self.assertIn("Call: Declined by candidate", notes)
        self.assertIn("Recorded during the call about Marketing Planning Specialist", notes)
        self.assertNotIn("Declined by candidate", self._notes(script.invitation_id))
        # A declined key role asks senior HR for nothing.
        self.assertFalse(other_invitation.sudo().escalation_ids)

    @freeze_time(WEDNESDAY_MORNING)
    def test_a_position_left_empty_takes_this_calls_outcome(self):
        script = self._start_shared_call()
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="declined")
        script.action_finish_call()
        other_call = self.other.invitation_ids.call_ids
        self.assertEqual((other_call.outcome, other_call.interest_level), ("declined", "neutral"))
        self.assertEqual(self.other.invitation_ids.state, "declined")

    def test_no_answer_retries_both_positions_at_one_new_slot(self):
        with freeze_time(WEDNESDAY_MORNING):
            (self.applicant | self.other).with_user(self.recruiter).action_plan_invitation_call()
        with freeze_time("2026-01-14 18:05:00"):  # called at the planned slot
            action = self.applicant.invitation_ids.with_user(self.recruiter).action_start_call()
            script = self.env[action["res_model"]].browse(action["res_id"])
            self._record_outcome(script, outcome="invited", interest_level="interested")
            script.action_no_answer()
        first, second = self.applicant.invitation_ids, self.other.invitation_ids
        self.assertEqual(second.call_ids.outcome, "no_answer", "nobody answered either")
        self.assertEqual((first.state, second.state), ("calling", "calling"))
        self.assertEqual(first.next_call_at, datetime(2026, 1, 17, 9))  # Saturday 10:00 Paris
        self.assertEqual(second.next_call_at, first.next_call_at)
        self.assertEqual(second.user_id, first.user_id)

    @freeze_time(WEDNESDAY_MORNING)
    def test_an_application_planned_at_another_time_is_another_call(self):
        (self.applicant | self.other).with_user(self.recruiter).action_plan_invitation_call()
        second = self.other.invitation_ids
        second.next_call_at += timedelta(days=1)
        action = self.applicant.invitation_ids.with_user(self.recruiter).action_start_call()
        script = self.env[action["res_model"]].browse(action["res_id"])
        self.assertFalse(script.other_call_ids)
        self.assertFalse(script.other_positions)
        self.assertFalse(second.call_ids, "its call is not started")
