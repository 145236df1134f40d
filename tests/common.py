from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user


class InvitationCase(TransactionCase):
    """A Brussels company with HR hours Mon-Fri 08:30-17:30, a recruiter, jobs, candidates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "HR hours Brussels",
                "tz": "Europe/Brussels",
                "attendance_ids": [(5, 0, 0)]
                + [
                    (
                        0,
                        0,
                        {
                            "name": name,
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        },
                    )
                    for day in range(5)
                    for name, start, end, period in (
                        ("Morning", 8.5, 12.5, "morning"),
                        ("Afternoon", 13.5, 17.5, "afternoon"),
                    )
                ],
            }
        )
        cls.company = cls.env["res.company"].create(
            {
                "name": "Invitation Test Company",
                "country_id": cls.env.ref("base.be").id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.calendar.company_id = cls.company
        cls.recruiter = new_test_user(
            cls.env,
            login="inv_recruiter",
            groups="hr_recruitment.group_hr_recruitment_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
            tz="Europe/Brussels",
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "Marketing Planning Specialist", "company_id": cls.company.id}
        )
        cls.key_job = cls.env["hr.job"].create(
            {"name": "R&D Engineer", "company_id": cls.company.id, "is_key_role": True}
        )

    @classmethod
    def _create_applicant(cls, name, phone, status="employed", job=None, **candidate_values):
        candidate = cls.env["hr.candidate"].create(
            {
                "partner_name": name,
                "partner_phone": phone,
                "employment_status": status,
                "company_id": cls.company.id,
                **candidate_values,
            }
        )
        return cls.env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": (job or cls.job).id,
                "company_id": cls.company.id,
                "user_id": cls.recruiter.id,
            }
        )


class CallScriptCase(InvitationCase):
    """A job with a call script: questions, requirements, a salary range, a company pitch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recruiter.name = "Ava Martens"
        cls.topic_owner = new_test_user(
            cls.env,
            login="inv_topic_owner",
            name="Paul Payroll",
            groups="hr_recruitment.group_hr_recruitment_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
            tz="Europe/Brussels",
        )
        cls.company.write(
            {
                "invitation_full_name": "Invitation Test Company International SA",
                "invitation_company_intro": "<p>We make planning software in Brussels.</p>",
                "invitation_company_details": "<p>Teams of six own their projects.</p>",
            }
        )
        cls.job.write(
            {
                "invitation_salary_min": 3800,
                "invitation_salary_max": 4800,
                "invitation_question_ids": [
                    Command.create({"name": "How much notice do you have to give?"}),
                    Command.create({"name": "What are you looking for next?", "sequence": 20}),
                ],
                "invitation_requirement_ids": [
                    Command.create({"name": "Plans multi-channel campaigns"}),
                    Command.create({"name": "Fluent in French", "sequence": 20}),
                ],
            }
        )
        cls.linkedin = cls.env.ref("utm.utm_source_linkedin")
        cls.overtime = cls.env.ref("hr_recruitment_invitation.concern_topic_overtime")
        cls.reviews = cls.env.ref("hr_recruitment_invitation.concern_topic_reviews")
        cls.overtime.owner_id = cls.topic_owner

    def _start_script(self, applicant):
        """Plan the call of ``applicant`` as the recruiter and start it: the call script."""
        planned = applicant.with_user(self.recruiter).action_plan_invitation_call()
        invitation = self.env["hr.invitation"].with_user(self.recruiter).browse(planned["res_id"])
        action = invitation.action_start_call()
        self.assertEqual(action["res_model"], "hr.invitation.call.script")
        return self.env[action["res_model"]].with_user(self.recruiter).browse(action["res_id"])

    def _fill(self, script, **values):
        """Fill fields shown at the current step of ``script`` in its form, as a person would."""
        with Form(script) as form:
            for fname, value in values.items():
                setattr(form, fname, value)

    def _go_to(self, script, step, **values):
        """Click Next until ``step``, then fill ``values`` there."""
        while script.step != step:
            script.action_next_step()
        if values:
            self._fill(script, **values)
