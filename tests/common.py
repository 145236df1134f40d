from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


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

    @classmethod
    def _create_interview(cls, applicant, start, minutes=45, state="invited", **values):
        """An invitation of ``applicant`` with its interview (calendar.event) at ``start``.

        The candidate's partner and the recruiter attend the event, as scheduling makes them.
        """
        stop = start + timedelta(minutes=minutes)
        event = cls.env["calendar.event"].create(
            {
                "name": f"Interview: {applicant.partner_name}",
                "start": start,
                "stop": stop,
                "location": "Rue de la Loi 16, 1000 Brussels, Belgium",
                "applicant_id": applicant.id,
                "user_id": cls.recruiter.id,
                "partner_ids": [
                    Command.set([applicant.partner_id.id, cls.recruiter.partner_id.id])
                ],
            }
        )
        return cls.env["hr.invitation"].create(
            {
                "applicant_id": applicant.id,
                "user_id": cls.recruiter.id,
                "event_id": event.id,
                "state": state,
                **values,
            }
        )
