"""The invitation in Odoo's pipeline (issue 18, items 5-7): the application's stage follows the
interview forward only, the kanban card shows the invitation, interviewers and what the call
heard land in Odoo's own fields, a decline is refused in one click, and an accepted invitation
without an interview is listed and reminded after one working day."""

from datetime import date, datetime, timedelta

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CallScriptCase, InterviewCase, count_queries

NOW = "2026-01-14 10:00:00"  # Wednesday; the interview is on Thursday 2026-01-15 09:00 UTC
SECOND = datetime(2026, 1, 22, 13, 0)
REFUSE = "hr_recruitment_invitation.mail_activity_type_refuse_application"
TO_SCHEDULE = "hr_recruitment_invitation.mail_activity_type_schedule_interview"


@tagged("post_install", "-at_install")
class TestPipelineStages(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new = cls.env.ref("hr_recruitment.stage_job0")
        cls.first_interview = cls.env.ref("hr_recruitment.stage_job2")
        cls.second_interview = cls.env.ref("hr_recruitment.stage_job3")
        cls.contract_proposal = cls.env.ref("hr_recruitment.stage_job4")

    def _invited(self, name="Camille Laurent", phone="+33 6 12 34 56 78"):
        invitation = self._new_invitation(name, phone, email=f"{name.split()[0]}@example.com")
        invitation.applicant_id.stage_id = self.new
        # Stored computes run at flush: now, under the test's clock.
        self.env.flush_all()
        return invitation

    # ------------------------------------------------------------------
    # Item 5: stages, forward only
    # ------------------------------------------------------------------

    def test_the_default_stages_are_odoo_s_interview_stages(self):
        company = self.env["res.company"].create({"name": "Another Company"})
        self.assertEqual(company.invitation_stage_invited_id, self.first_interview)
        self.assertEqual(company.invitation_stage_confirmed_id, self.first_interview)
        self.assertEqual(company.invitation_stage_next_round_id, self.second_interview)

    def test_the_stages_are_recruitment_settings(self):
        settings = self.env["res.config.settings"].with_company(self.company)
        with Form(settings) as form:
            form.invitation_stage_confirmed_id = self.second_interview
        form.record.execute()
        self.assertEqual(self.company.invitation_stage_confirmed_id, self.second_interview)
        self.assertEqual(self.company.invitation_stage_invited_id, self.first_interview)

    @freeze_time(NOW)
    def test_scheduling_then_confirming_moves_the_application_forward(self):
        self.company.invitation_stage_confirmed_id = self.second_interview
        invitation = self._invited()
        applicant = invitation.applicant_id
        self._schedule(invitation)
        self.assertEqual(applicant.stage_id, self.first_interview, "invited: First Interview")
        invitation.interview_id.sudo()._action_portal_confirm()
        self.assertEqual(invitation.state, "confirmed")
        self.assertEqual(applicant.stage_id, self.second_interview, "the confirmed stage")

    @freeze_time(NOW)
    def test_an_application_further_in_the_pipeline_is_never_moved_back(self):
        invitation = self._invited()
        applicant = invitation.applicant_id
        applicant.stage_id = self.contract_proposal
        self._schedule(invitation)
        invitation.interview_id.sudo()._action_portal_confirm()
        self.assertEqual(applicant.stage_id, self.contract_proposal)

    @freeze_time(NOW)
    def test_an_empty_setting_leaves_the_stage_alone(self):
        self.company.invitation_stage_invited_id = False
        invitation = self._invited()
        self._schedule(invitation)
        self.assertEqual(invitation.applicant_id.stage_id, self.new)

    def test_a_second_round_moves_the_application_to_second_interview(self):
        with freeze_time(NOW):
            invitation = self._schedule(self._invited())
        self.assertEqual(invitation.applicant_id.stage_id, self.first_interview)
        with freeze_time("2026-01-15 08:55:00"):
            invitation.with_user(self.interviewer).action_check_in()
        self.assertEqual(invitation.state, "attended")
        with freeze_time("2026-01-16 10:00:00"):
            self._schedule(invitation, start=SECOND, stop=SECOND + timedelta(hours=1))
        self.assertEqual(invitation.interview_id.round, 2)
        self.assertEqual(invitation.applicant_id.stage_id, self.second_interview)

    @freeze_time(NOW)
    def test_the_kanban_card_shows_the_latest_invitation_s_state(self):
        invitation = self._schedule(self._invited())
        applicant = invitation.applicant_id.with_user(self.recruiter)
        self.assertEqual(applicant.invitation_state, "invited")
        invitation.interview_id.sudo()._action_portal_confirm()
        applicant.invalidate_recordset(["invitation_state"])
        self.assertEqual(applicant.invitation_state, "confirmed")
        other = self._create_applicant("Wei Zhang", "+86 138 0013 8000")
        self.assertFalse(other.invitation_state, "no invitation, no badge")
        arch = applicant.get_views([(False, "kanban")])["views"]["kanban"]["arch"]
        badge = etree.fromstring(arch).xpath("//field[@name='invitation_state']")
        self.assertEqual(badge[0].get("widget"), "badge")

    def test_the_kanban_badge_costs_the_same_for_many_applications(self):
        def read_states(count):
            applicants = self._create_applicants(count, "+33 6 12 34 56 78", prefix=f"K{count}")
            applicants.action_plan_invitation_call()
            applicants = applicants.with_user(self.recruiter)
            applicants.invalidate_model()
            return count_queries(self.env, lambda: applicants.mapped("invitation_state"))

        read_states(1)  # access rules and groups in cache
        self.assertEqual(read_states(3), read_states(12))

    # ------------------------------------------------------------------
    # Item 6: Odoo's own fields
    # ------------------------------------------------------------------

    @freeze_time(NOW)
    def test_the_interviewers_join_the_application_s_interviewers(self):
        colleague = self._new_company_user(
            "inv_colleague", "hr_recruitment.group_hr_recruitment_user"
        )
        invitation = self._invited()
        invitation.applicant_id.interviewer_ids = colleague
        self._schedule(invitation)
        self.assertEqual(invitation.applicant_id.interviewer_ids, colleague | self.interviewer)

    def _assert_refused_in_one_click(self, invitation):
        activity = invitation._get_activities(REFUSE)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.recruiter)
        with self.mock_mail_gateway():
            invitation.with_user(self.recruiter).action_refuse_application()
        applicant = invitation.applicant_id
        self.assertFalse(applicant.active)
        self.assertEqual(applicant.refuse_reason_id, self.env.ref("hr_recruitment.refuse_reason_2"))
        self.assertEqual(applicant.application_status, "refused")
        self.assertFalse(self._new_mails, "the candidate declined: no email")
        self.assertFalse(invitation._get_activities(REFUSE), "the activity is done")
        self.assertEqual(invitation.state, "declined", "the invitation stays declined")

    @freeze_time(NOW)
    def test_a_decline_on_the_page_asks_to_refuse_the_application(self):
        invitation = self._schedule(self._invited())
        invitation.interview_id.sudo()._action_portal_decline("I took another job")
        self.assertIn("I took another job", invitation._get_activities(REFUSE).note)
        self._assert_refused_in_one_click(invitation)

    @freeze_time(NOW)
    def test_a_decline_on_the_call_asks_to_refuse_the_application(self):
        invitation = self._invited()
        invitation.state = "calling"
        invitation._on_call_declined(self.env["hr.invitation.call"])
        self._assert_refused_in_one_click(invitation)

    @freeze_time(NOW)
    def test_only_a_declined_invitation_refuses_its_application(self):
        invitation = self._schedule(self._invited())
        with self.assertRaises(UserError):
            invitation.action_refuse_application()
        self.assertTrue(invitation.applicant_id.active)

    @freeze_time(NOW)
    def test_refusing_with_odoo_s_wizard_closes_the_refuse_activity(self):
        invitation = self._schedule(self._invited())
        invitation.interview_id.sudo()._action_portal_decline("Too far")
        wizard = self.env["applicant.get.refuse.reason"].create(
            {
                "refuse_reason_id": self.env.ref("hr_recruitment.refuse_reason_1").id,
                "applicant_ids": invitation.applicant_id.ids,
                "send_mail": False,
            }
        )
        wizard.action_refuse_reason_apply()
        self.assertFalse(invitation._get_activities(REFUSE))

    # ------------------------------------------------------------------
    # Item 7: To Schedule
    # ------------------------------------------------------------------

    def test_the_to_schedule_filter_lists_invited_without_interview(self):
        with freeze_time(NOW):
            waiting = self._invited()
            scheduled = self._schedule(self._invited("Wei Zhang", "+86 138 0013 8000"))
        arch = self.env["hr.invitation"].get_views([(False, "search")])["views"]["search"]["arch"]
        domain = etree.fromstring(arch).xpath("//filter[@name='to_schedule']")[0].get("domain")
        found = self.env["hr.invitation"].search(safe_eval(domain))
        self.assertIn(waiting, found)
        self.assertNotIn(scheduled, found)

    def _run_to_schedule_cron(self, at):
        with freeze_time(at):
            self.env["hr.invitation"]._cron_remind_to_schedule()

    def test_the_recruiter_gets_one_to_do_after_one_working_day(self):
        with freeze_time(NOW):  # Wednesday 11:00 in Brussels
            invitation = self._invited()
        self._run_to_schedule_cron("2026-01-15 09:30:00")
        self.assertFalse(invitation._get_activities(TO_SCHEDULE), "not a working day yet")
        self._run_to_schedule_cron("2026-01-15 10:30:00")
        activity = invitation._get_activities(TO_SCHEDULE)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.recruiter)
        self.assertEqual(activity.date_deadline, date(2026, 1, 15))
        self._run_to_schedule_cron("2026-01-16 10:30:00")
        self.assertEqual(len(invitation._get_activities(TO_SCHEDULE)), 1, "one per invitation")
        with freeze_time("2026-01-16 10:30:00"):
            self._schedule(invitation, start=SECOND, stop=SECOND + timedelta(hours=1))
        self.assertFalse(invitation._get_activities(TO_SCHEDULE), "scheduled: nothing to do")

    def test_a_working_day_skips_the_weekend_and_holidays(self):
        self._create_public_holiday(datetime(2026, 1, 18, 23, 0), datetime(2026, 1, 19, 23, 0))
        with freeze_time("2026-01-16 10:00:00"):  # Friday
            invitation = self._invited()
        self.assertEqual(invitation.schedule_reminder_due, datetime(2026, 1, 20, 10, 0))
        self._run_to_schedule_cron("2026-01-19 16:00:00")
        self.assertFalse(invitation._get_activities(TO_SCHEDULE), "Monday is a holiday")
        self._run_to_schedule_cron("2026-01-20 10:30:00")
        self.assertEqual(len(invitation._get_activities(TO_SCHEDULE)), 1)

    def test_an_ended_invitation_is_not_reminded(self):
        with freeze_time(NOW):
            invitation = self._invited()
            invitation.action_cancel()
        self._run_to_schedule_cron("2026-01-15 10:30:00")
        self.assertFalse(invitation._get_activities(TO_SCHEDULE))


@tagged("post_install", "-at_install")
class TestPipelineCallAnswers(CallScriptCase):
    @freeze_time(NOW)
    def test_the_call_fills_the_expected_salary_and_availability(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        script = self._start_script(applicant)
        self._go_to(script, "introduction", interest_level="interested")
        self._go_to(
            script,
            "analysis",
            outcome="invited",
            salary_expected=4200,
            availability=date(2026, 3, 1),
        )
        script.action_finish_call()
        self.assertEqual(applicant.salary_expected, 4200)
        self.assertEqual(applicant.availability, date(2026, 3, 1))
        self.assertEqual(applicant.candidate_id.availability, date(2026, 3, 1))

    @freeze_time(NOW)
    def test_a_call_without_the_answers_keeps_what_the_application_says(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        applicant.salary_expected = 3900
        script = self._start_script(applicant)
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="callback")
        script.action_finish_call()
        self.assertEqual(applicant.salary_expected, 3900)
