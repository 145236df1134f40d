from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import InvitationCase


@tagged("post_install", "-at_install")
class TestFoundation(InvitationCase):
    def test_fixed_model_contract(self):
        """The models and fields other parts (and acceptance checks) rely on exist."""
        expected = {
            "hr.invitation": [
                "applicant_id",
                "candidate_id",
                "job_id",
                "user_id",
                "state",
                "next_call_at",
                "next_call_window",
                "candidate_tz",
                "call_ids",
                "concern_ids",
                "escalation_ids",
                "event_id",
                "feedback_ids",
                "access_token",
            ],
            "hr.invitation.interview": [
                "invitation_id",
                "round",
                "event_id",
                "start",
                "stop",
                "state",
                "access_token",
                "followup_ids",
            ],
            "hr.invitation.followup": [
                "interview_id",
                "kind",
                "channel",
                "due_at",
                "state",
                "attempts",
                "mail_id",
                "sms_id",
            ],
            "hr.invitation.call": [
                "invitation_id",
                "user_id",
                "planned_at",
                "started_at",
                "ended_at",
                "duration",
                "outcome",
                "interest_level",
            ],
            "hr.invitation.concern.topic": ["question", "answer"],
            "hr.invitation.concern": ["invitation_id", "topic_id", "state", "note"],
            "hr.invitation.escalation": ["invitation_id", "state"],
            "hr.invitation.feedback": ["invitation_id"],
            "hr.invitation.report": ["invitation_id", "planned", "attended"],
            "hr.candidate": ["employment_status", "resume_updated_on"],
            "hr.applicant": ["sourcing_channel", "invitation_ids"],
            "hr.job": ["is_key_role"],
        }
        for model, fnames in expected.items():
            missing = [fname for fname in fnames if fname not in self.env[model]._fields]
            self.assertFalse(missing, f"{model} lacks {missing}")
        states = dict(self.env["hr.invitation"]._fields["state"].selection)
        for state in (
            "draft",
            "calling",
            "invited",
            "confirmed",
            "declined",
            "attended",
            "no_show",
            "unreachable",
            "cancelled",
        ):
            self.assertIn(state, states)
        self.assertEqual(
            set(dict(self.env["hr.invitation"]._fields["next_call_window"].selection)),
            {"evening", "weekend", "office_hours"},
        )
        outcomes = dict(self.env["hr.invitation.call"]._fields["outcome"].selection)
        self.assertLessEqual(
            {"no_answer", "callback", "invited", "declined", "not_suitable"}, set(outcomes)
        )
        self.assertTrue(callable(self.env["hr.applicant"].action_plan_invitation_call))

    def test_invitation_takes_its_applicant_data(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        invitation = self.env["hr.invitation"].create({"applicant_id": applicant.id})
        self.assertEqual(invitation.candidate_id, applicant.candidate_id)
        self.assertEqual(invitation.job_id, self.job)
        self.assertEqual(invitation.company_id, self.company)
        self.assertEqual(invitation.state, "draft")
        self.assertFalse(invitation.interview_id, "no interview before it is scheduled")
        self.assertEqual(applicant.invitation_count, 1)
        self.assertEqual(invitation.display_name, "Camille Laurent - Marketing Planning Specialist")

    def test_resume_freshness(self):
        freshness = self.env["hr.invitation"]._freshness_of
        today = self.env.cr.now().date()
        from datetime import timedelta

        self.assertEqual(freshness(today - timedelta(days=7), today), "hot")
        self.assertEqual(freshness(today - timedelta(days=8), today), "warm")
        self.assertEqual(freshness(today - timedelta(days=30), today), "warm")
        self.assertEqual(freshness(today - timedelta(days=31), today), "cold")
        self.assertEqual(freshness(False, today), "cold")

    def test_the_daily_cron_refreshes_only_the_resumes_that_aged(self):
        resumes = {
            "hot then warm": date(2026, 1, 6),
            "warm then cold": date(2025, 12, 14),
            "still hot": date(2026, 1, 10),
            "still cold": date(2025, 1, 1),
        }
        with freeze_time("2026-01-12 08:00:00"):
            invitations = {
                name: self.env["hr.invitation"].create(
                    {
                        "applicant_id": self._create_applicant(
                            name, "+33 6 12 34 56 78", resume_updated_on=resume
                        ).id
                    }
                )
                for name, resume in resumes.items()
            }
            self.env.flush_all()  # stored with the freshness of that day
        self.assertEqual(
            [invitation.resume_freshness for invitation in invitations.values()],
            ["hot", "warm", "hot", "cold"],
        )
        with freeze_time("2026-01-14 02:00:00"):
            handled = self.env["hr.invitation"]._cron_refresh_resume_freshness()
            again = self.env["hr.invitation"]._cron_refresh_resume_freshness()
        self.assertEqual(handled, 2, "only the two whose resume crossed a threshold")
        self.assertEqual(again, 0, "they left the cron's domain")
        self.assertEqual(
            [invitation.resume_freshness for invitation in invitations.values()],
            ["warm", "cold", "hot", "cold"],
        )

    def test_invalid_configuration_is_refused(self):
        with self.assertRaises(ValidationError):
            self.job.write({"invitation_salary_min": 5000, "invitation_salary_max": 4000})
        with self.assertRaises(ValidationError):
            self.company.invitation_evening_start = 25.0

    def test_access_rights(self):
        applicant = self._create_applicant("Wang Wei", "+86 138 0013 8000", "available")
        invitation = (
            self.env["hr.invitation"]
            .with_user(self.recruiter)
            .create({"applicant_id": applicant.id})
        )
        interviewer = new_test_user(
            self.env,
            login="inv_interviewer",
            groups="hr_recruitment.group_hr_recruitment_interviewer",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.assertFalse(
            self.env["hr.invitation"].with_user(interviewer).search([("id", "=", invitation.id)])
        )
        self.job.interviewer_ids = interviewer
        self.assertEqual(
            self.env["hr.invitation"].with_user(interviewer).search([("id", "=", invitation.id)]),
            invitation,
        )
        with self.assertRaises(AccessError):
            invitation.with_user(interviewer).write({"state": "cancelled"})
        employee = new_test_user(self.env, login="inv_employee", groups="base.group_user")
        portal = new_test_user(self.env, login="inv_portal", groups="base.group_portal")
        for user in (employee, portal):
            for model in (
                "hr.invitation",
                "hr.invitation.call",
                "hr.invitation.concern",
                "hr.invitation.feedback",
                "hr.invitation.report",
            ):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).check_access("read")

    def test_multi_company_isolation(self):
        applicant = self._create_applicant("Lukas Schmidt", "+49 151 23456789")
        invitation = self.env["hr.invitation"].create({"applicant_id": applicant.id})
        other_company = self.env["res.company"].create({"name": "Other Company"})
        other_recruiter = new_test_user(
            self.env,
            login="inv_other_recruiter",
            groups="hr_recruitment.group_hr_recruitment_user",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
        )
        self.assertFalse(
            self.env["hr.invitation"]
            .with_user(other_recruiter)
            .search([("id", "=", invitation.id)])
        )
        self.assertTrue(
            self.env["hr.invitation"].with_user(self.recruiter).search([("id", "=", invitation.id)])
        )

    def test_report_counts_the_funnel(self):
        applicants = self.env["hr.applicant"].union(
            *(self._create_applicant(f"Candidate {i}", False) for i in range(3))
        )
        invitations = self.env["hr.invitation"].create(
            [{"applicant_id": applicant.id} for applicant in applicants]
        )
        invitations[0].state = "calling"
        invitations[1].state = "attended"
        self.env["hr.invitation.call"].create(
            {
                "invitation_id": invitations[1].id,
                "outcome": "invited",
                "interest_level": "interested",
            }
        )
        self.env.flush_all()
        groups = self.env["hr.invitation.report"]._read_group(
            [("invitation_id", "in", invitations.ids)],
            [],
            ["planned:sum", "reached:sum", "invited:sum", "attended:sum", "__count"],
        )
        self.assertEqual(groups, [(2, 1, 1, 1, 3)])
