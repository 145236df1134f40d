from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user

from odoo.addons.mail.tests.common import MailCase
from odoo.addons.sms.tests.common import SMSCase


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
        cls.recruiter = cls._new_company_user(
            "inv_recruiter", "hr_recruitment.group_hr_recruitment_user"
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "Marketing Planning Specialist", "company_id": cls.company.id}
        )
        cls.key_job = cls.env["hr.job"].create(
            {"name": "R&D Engineer", "company_id": cls.company.id, "is_key_role": True}
        )

    @classmethod
    def _new_company_user(cls, login, groups):
        """A user of the test company, working in Brussels."""
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
            tz="Europe/Brussels",
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

    @classmethod
    def _create_applicants(cls, count, phone, status="employed", prefix="Candidate"):
        """Create ``count`` candidates and their applications in two batched creates."""
        candidates = cls.env["hr.candidate"].create(
            [
                {
                    "partner_name": f"{prefix} {index}",
                    "partner_phone": phone,
                    "employment_status": status,
                    "company_id": cls.company.id,
                }
                for index in range(count)
            ]
        )
        return cls.env["hr.applicant"].create(
            [
                {
                    "candidate_id": candidate.id,
                    "job_id": cls.job.id,
                    "company_id": cls.company.id,
                    "user_id": cls.recruiter.id,
                }
                for candidate in candidates
            ]
        )


class InterviewCase(InvitationCase, MailCase, SMSCase):
    """Interviews at the Brussels office, with Odoo's mail and SMS gateways mocked.

    Now is Wednesday 2026-01-14 10:00 UTC; interviews are on Thursday 2026-01-15 09:00 UTC
    (10:00 in Brussels and Paris, 17:00 in Shanghai).
    """

    NOW = datetime(2026, 1, 14, 10, 0)
    INTERVIEW = datetime(2026, 1, 15, 9, 0)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.write(
            {
                "street": "Rue de la Loi 16",
                "zip": "1000",
                "city": "Brussels",
                "country_id": cls.env.ref("base.be").id,
                "email": "jobs@invitation-test.example.com",
                "interview_route": "Main entrance, 3rd floor, ask for HR at the desk.",
                "interview_landmarks": "Opposite the park, next to the blue glass tower.",
                "interview_transit_lines": "Metro 1 and 5, Arts-Loi stop",
                "interview_parking": "Visitor parking under the building, level -1.",
            }
        )
        cls.interviewer = cls._new_company_user(
            "inv_interviewer", "hr_recruitment.group_hr_recruitment_interviewer"
        )
        cls.job.interviewer_ids = cls.interviewer
        cls.key_job.interviewer_ids = cls.interviewer

    def _new_invitation(self, name, phone, email=None, job=None, tz="Europe/Paris"):
        """An application whose candidate said yes on the phone: state invited, no interview."""
        applicant = self._create_applicant(name, phone, job=job, email_from=email or False)
        invitation = self.env["hr.invitation"].create(
            {"applicant_id": applicant.id, "user_id": self.recruiter.id, "candidate_tz": tz}
        )
        invitation.state = "invited"
        return invitation.with_user(self.recruiter)

    def _schedule_values(self, invitation, **overrides):
        values = {
            "start": self.INTERVIEW,
            "stop": self.INTERVIEW + timedelta(hours=1),
            "candidate_tz": invitation.candidate_tz,
            "lang": "en_US",
            "interviewer_ids": self.interviewer.ids,
            "alarm_ids": [],
            "location_id": self.company.partner_id.id,
            "interview_route": self.company.partner_id.interview_route,
            "interview_landmarks": self.company.partner_id.interview_landmarks,
            "interview_parking": self.company.partner_id.interview_parking,
            "interview_transit_lines": self.company.partner_id.interview_transit_lines,
            "alternative_starts": [],
            "notify_by_email": bool(invitation.candidate_id.email_from),
            "notify_by_sms": True,
        }
        values.update(overrides)
        return values

    def _schedule(self, invitation, **overrides):
        """Schedule the interview with the gateways mocked; return the invitation."""
        with self.mock_mail_gateway(), self.mockSMSGateway():
            invitation._schedule_interview(self._schedule_values(invitation, **overrides))
        return invitation

    def _send_queued(self):
        """What Odoo's email and text queue crons do once the follow-up crons wake them up."""
        self.env["mail.mail"].sudo().process_email_queue()
        self.env["sms.sms"].sudo()._process_queue()

    def _messages_of(self, invitation):
        return self.env["mail.message"].search(
            [("model", "=", "hr.invitation"), ("res_id", "=", invitation.id)]
        )


class CallScriptCase(InvitationCase):
    """A job with a call script: questions, requirements, a salary range, a company pitch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recruiter.name = "Ava Martens"
        cls.topic_owner = cls._new_company_user(
            "inv_topic_owner", "hr_recruitment.group_hr_recruitment_user"
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
