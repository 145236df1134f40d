from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InvitationCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"


@tagged("post_install", "-at_install")
class TestInvitationCalls(InvitationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant = cls._create_applicant("Camille Laurent", "+33 6 12 34 56 78", "employed")

    def _planned_invitation(self):
        self.applicant.with_user(self.recruiter).action_plan_invitation_call()
        return self.applicant.invitation_ids.with_user(self.recruiter)

    def _call(self, invitation, outcome, interest=False, minutes=5):
        call = invitation._start_call()
        call.started_at = fields.Datetime.now() - timedelta(minutes=minutes)
        call.write({"outcome": outcome, "interest_level": interest})
        return call, call.action_end_call()

    @freeze_time(WEDNESDAY_MORNING)
    def test_start_call_opens_one_running_call(self):
        invitation = self._planned_invitation()
        action = invitation.action_start_call()
        self.assertEqual(action["res_model"], "hr.invitation.call.script")
        self.assertEqual(action["target"], "new")
        call = self.env["hr.invitation.call.script"].browse(action["res_id"]).call_id
        self.assertTrue(call.is_running)
        self.assertEqual(call.user_id, self.recruiter)
        self.assertEqual(call.planned_at, invitation.next_call_at)
        self.assertEqual(call.window, "evening")
        self.assertEqual(invitation.running_call_id, call)
        # Starting again goes back to the same call instead of opening a second one.
        self.assertEqual(invitation._start_call(), call)
        self.assertEqual(invitation.call_count, 0, "counted once it ends")

    @freeze_time(WEDNESDAY_MORNING)
    def test_end_call_needs_an_outcome_and_the_interest(self):
        invitation = self._planned_invitation()
        call = invitation._start_call()
        with self.assertRaisesRegex(UserError, "outcome"):
            call.action_end_call()
        call.outcome = "invited"
        with self.assertRaisesRegex(UserError, "interested"):
            call.action_end_call()
        self.assertTrue(call.is_running)

    @freeze_time(WEDNESDAY_MORNING)
    def test_invited_call_logs_duration_and_closes_the_call_activity(self):
        invitation = self._planned_invitation()
        self.assertEqual(len(invitation.activity_ids), 1)
        call, action = self._call(invitation, "invited", "interested", minutes=6)
        self.assertEqual(action["res_model"], "hr.invitation.schedule", "scheduling comes next")
        self.assertAlmostEqual(call.duration, 6.0)
        self.assertFalse(call.is_running)
        self.assertEqual(invitation.state, "invited")
        self.assertFalse(invitation.next_call_at)
        self.assertFalse(invitation.activity_ids)
        done = self.env["mail.message"].search(
            [
                ("model", "=", "hr.invitation"),
                ("res_id", "=", invitation.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertIn("Invited to interview", done.body)

    @freeze_time(WEDNESDAY_MORNING)
    def test_no_answer_in_the_evening_retries_at_the_weekend(self):
        invitation = self._planned_invitation()
        self.assertEqual(invitation.next_call_window, "evening")
        self._call(invitation, "no_answer")
        self.assertEqual(invitation.state, "calling")
        self.assertEqual(invitation.next_call_window, "weekend")
        # Saturday 10:00 in Paris
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 17, 9, 0))
        self.assertEqual(invitation.failed_attempt_count, 1)
        self.assertEqual(len(invitation.activity_ids), 1)
        self._call(invitation, "no_answer")
        self.assertEqual(invitation.next_call_window, "evening")

    @freeze_time(WEDNESDAY_MORNING)
    def test_unreachable_after_the_configured_attempts(self):
        self.company.invitation_max_attempts = 3
        invitation = self._planned_invitation()
        self._call(invitation, "no_answer")
        self._call(invitation, "no_answer")
        self.assertEqual(invitation.state, "calling")
        _call, action = self._call(invitation, "no_answer")
        self.assertEqual(invitation.state, "unreachable")
        self.assertFalse(invitation.next_call_at)
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(
            action["context"]["default_template_id"],
            self.env.ref("hr_recruitment_invitation.mail_template_ask_good_time").id,
        )
        # A later answer resets the streak: plan again, call, reach the candidate.
        invitation.action_plan_call()
        self.assertEqual(invitation.state, "calling")
        self._call(invitation, "callback", "neutral")
        self.assertEqual(invitation.failed_attempt_count, 0)
        self.assertTrue(invitation.next_call_at)

    @freeze_time(WEDNESDAY_MORNING)
    def test_declined_and_not_suitable_close_the_invitation(self):
        invitation = self._planned_invitation()
        self._call(invitation, "declined", "indifferent")
        self.assertEqual(invitation.state, "declined")
        with self.assertRaises(UserError):
            invitation.action_start_call()

        other = self._create_applicant("Li Na", "+86 139 1234 5678", "employed")
        other.with_user(self.recruiter).action_plan_invitation_call()
        _call, action = self._call(
            other.invitation_ids.with_user(self.recruiter), "not_suitable", "neutral"
        )
        self.assertEqual(other.invitation_ids.state, "cancelled")
        self.assertEqual(action["res_model"], "applicant.get.refuse.reason")

    @freeze_time(WEDNESDAY_MORNING)
    def test_running_call_warns_past_the_target_duration(self):
        self.company.invitation_call_target = 8
        invitation = self._planned_invitation()
        call = invitation._start_call()
        call.started_at = fields.Datetime.now() - timedelta(minutes=7)
        self.assertFalse(call.is_over_target)
        call.started_at = fields.Datetime.now() - timedelta(minutes=9)
        call.invalidate_recordset(["is_over_target"])
        self.assertTrue(call.is_over_target)

    @freeze_time(WEDNESDAY_MORNING)
    def test_call_queue_order(self):
        """Key roles first, then fresh resumes, then the oldest applications."""
        today = fields.Date.today()
        make = self._create_applicant
        cold_old = make("Cold", "+33 6 12 34 56 01", resume_updated_on=today - timedelta(days=90))
        warm = make("Warm", "+33 6 12 34 56 02", resume_updated_on=today - timedelta(days=20))
        hot = make("Hot", "+33 6 12 34 56 03", resume_updated_on=today - timedelta(days=2))
        key_cold = make(
            "Key",
            "+33 6 12 34 56 04",
            job=self.key_job,
            resume_updated_on=today - timedelta(days=200),
        )
        hot_newer = make(
            "Hot newer", "+33 6 12 34 56 05", resume_updated_on=today - timedelta(days=1)
        )
        applicants = cold_old | warm | hot | key_cold | hot_newer
        self.env.cr.execute(
            "UPDATE hr_applicant SET create_date = %s WHERE id = %s",
            (datetime(2026, 1, 1), hot.id),
        )
        self.env.cr.execute(
            "UPDATE hr_applicant SET create_date = %s WHERE id = %s",
            (datetime(2026, 1, 5), hot_newer.id),
        )
        self.env.invalidate_all()
        applicants.with_user(self.recruiter).action_plan_invitation_call()
        queue = self.env["hr.invitation"].search([("applicant_id", "in", applicants.ids)])
        self.assertEqual(
            queue.mapped("candidate_id.partner_name"), ["Key", "Hot", "Hot newer", "Warm", "Cold"]
        )
        self.assertEqual(queue.mapped("resume_freshness"), ["cold", "hot", "hot", "warm", "cold"])

    @freeze_time(WEDNESDAY_MORNING)
    def test_a_call_that_reached_the_candidate_is_on_the_application_too(self):
        invitation = self._planned_invitation()
        notes = self.applicant.message_ids
        self._call(invitation, "no_answer")
        self.assertEqual(self.applicant.message_ids, notes, "nobody answered: nothing to tell")
        call = invitation._start_call()
        call.write(
            {
                "outcome": "invited",
                "interest_level": "interested",
                "note": "<p>Wants the hybrid schedule; asks about the car park.</p>",
            }
        )
        call.action_end_call()
        posted = self.applicant.message_ids - notes
        self.assertEqual(len(posted), 1)
        self.assertEqual(posted.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn("Invitation call:", posted.body)
        self.assertIn(call._get_summary(), posted.body)
        self.assertIn("Wants the hybrid schedule", posted.body)

    @freeze_time(WEDNESDAY_MORNING)
    def test_plan_invitation_call_on_an_invited_application_opens_its_invitation(self):
        invitation = self._planned_invitation()
        invitation.state = "invited"
        action = self.applicant.with_user(self.recruiter).action_plan_invitation_call()
        self.assertEqual((action["res_model"], action["res_id"]), ("hr.invitation", invitation.id))
        self.assertEqual(invitation.state, "invited", "nothing re-planned")
        # In a selection, the invited one is named and the others are planned.
        other = self._create_applicant("Wang Wei", "+86 138 0013 8000", "employed")
        action = (self.applicant | other).with_user(self.recruiter).action_plan_invitation_call()
        self.assertIn("1 invitation calls planned", action["params"]["message"])
        self.assertIn(
            "Already invited, nothing to plan: Camille Laurent", action["params"]["message"]
        )
        self.assertTrue(other.invitation_ids.next_call_at)


@tagged("post_install", "-at_install")
class TestCallLeftOpen(InvitationCase):
    """A call left without an outcome is resumed or discarded, never counted (issue 22, 2)."""

    def test_a_call_left_open_is_not_counted_and_can_be_discarded(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        invitation = applicant._get_or_create_open_invitations().with_user(self.recruiter)
        invitation.state = "calling"
        call = invitation._start_call()
        self.assertEqual(invitation.running_call_id, call)
        self.assertEqual(invitation.call_count, 0, "an open call is not counted")
        report = self.env["hr.invitation.report"].search([("invitation_id", "=", invitation.id)])
        self.assertEqual(report.call_count, 0)
        self.assertEqual(invitation._start_call(), call, "Start Call resumes it")
        invitation.action_discard_running_call()
        self.assertFalse(call.exists())
        self.assertFalse(invitation.running_call_id)
        with self.assertRaisesRegex(UserError, "still open"):
            ended = invitation._start_call()
            ended.write({"outcome": "no_answer"})
            ended.action_end_call()
            ended.action_discard_call()
        self.assertEqual(invitation.call_count, 1, "an ended call counts")

    def test_discarding_a_call_keeps_the_call_that_was_planned(self):
        """Start Call on a planned call opened by mistake, then discarded: the invitation is
        still in the queue at its planned time, not back to be planned."""
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        invitation = applicant.invitation_ids.with_user(self.recruiter)
        planned = (invitation.state, invitation.next_call_at, invitation.next_call_window)
        self.assertEqual(planned[0], "calling")
        self.assertTrue(planned[1])
        invitation._start_call()
        invitation.action_discard_running_call()
        self.assertEqual(
            (invitation.state, invitation.next_call_at, invitation.next_call_window), planned
        )
