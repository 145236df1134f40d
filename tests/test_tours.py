from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInvitationTours(HttpCase):
    def test_recruiter_plans_starts_and_ends_a_call(self):
        """In Chromium: plan a call from the application, start it, end it as invited."""
        recruiter = new_test_user(
            self.env,
            login="inv_tour_recruiter",
            groups="hr_recruitment.group_hr_recruitment_user",
            tz="Europe/Brussels",
        )
        candidate = self.env["hr.candidate"].create(
            {
                "partner_name": "Camille Laurent",
                "partner_phone": "+33 6 12 34 56 78",
                "employment_status": "employed",
            }
        )
        job = self.env["hr.job"].create({"name": "Marketing Planning Specialist"})
        # Tours run at the real time: no quiet hours, so no question before the call.
        self.env.company.write({"invitation_quiet_start": 24.0, "invitation_quiet_end": 0.0})
        applicant = self.env["hr.applicant"].create(
            {"candidate_id": candidate.id, "job_id": job.id, "user_id": recruiter.id}
        )
        self.start_tour(
            f"/odoo/action-hr_recruitment.crm_case_categ0_act_job/{applicant.id}",
            "hr_recruitment_invitation_call_tour",
            login="inv_tour_recruiter",
        )
        invitation = applicant.invitation_ids
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(invitation.call_ids.outcome, "invited")
        self.assertEqual(invitation.call_ids.interest_level, "interested")
        self.assertEqual(invitation.event_id.applicant_id, applicant, "the interview is planned")
        self.assertIn(candidate.partner_id, invitation.event_id.partner_ids)
        self.assertFalse(invitation.interview_id.notify_by_sms)

    def test_recruiter_plans_a_selection_with_a_wrong_number(self):
        """In Chromium: select three applications, one with a wrong number, and plan them from
        the list's actions: two are planned, one notification names the third and why."""
        new_test_user(
            self.env,
            login="inv_tour_planner",
            groups="hr_recruitment.group_hr_recruitment_user",
            tz="Europe/Brussels",
        )
        job = self.env["hr.job"].create({"name": "Tour Planning Specialist"})
        applicants = self.env["hr.applicant"].create(
            [
                {
                    "candidate_id": self.env["hr.candidate"]
                    .create(
                        {
                            "partner_name": name,
                            "partner_phone": phone,
                            "employment_status": "employed",
                        }
                    )
                    .id,
                    "job_id": job.id,
                }
                for name, phone in (
                    ("Tour Camille Laurent", "+33 6 12 34 56 78"),
                    ("Tour Wang Wei", "+86 138 0013 8000"),
                    ("Tour Wrong Number", "+33 12"),
                )
            ]
        )
        self.start_tour(
            "/odoo/recruitment-applications",
            "hr_recruitment_invitation_plan_selection_tour",
            login="inv_tour_planner",
        )
        camille, wang, wrong = (applicant.invitation_ids for applicant in applicants)
        self.assertEqual((camille.state, wang.state), ("calling", "calling"))
        self.assertTrue(camille.next_call_at and wang.next_call_at)
        self.assertEqual(wrong.state, "draft")
        self.assertEqual(wrong.call_plan_issue, "invalid_phone")
        self.assertFalse(wrong.next_call_at)
