import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from unittest.mock import patch

from lxml import etree

from odoo import Command, sql_db
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
    def _create_public_holiday(cls, date_from, date_to):
        """A company-wide leave of the HR calendar, from and to UTC datetimes."""
        return cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": date_from,
                "date_to": date_to,
            }
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

    def _interview(self, invitation):
        """The invitation's current interview."""
        return invitation.interview_id

    def _followup(self, invitation, kind, channel):
        """The follow-up of ``kind`` by ``channel`` of the invitation's current interview."""
        return invitation.interview_id.followup_ids.filtered(
            lambda row: (row.kind, row.channel) == (kind, channel)
        )

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


# ---------------------------------------------------------------------------
# Measuring helpers: shared with the benchmark, which imports them from here (the tests never
# import bench/). They count what a piece of work costs; they assert nothing.
# ---------------------------------------------------------------------------


def count_queries(env, function):
    """Run ``function()`` with the env flushed before and after; return the queries it sent."""
    env.flush_all()
    start = env.cr.sql_log_count
    function()
    env.flush_all()
    return env.cr.sql_log_count - start


@dataclass
class CronBatches:
    """What the batches of cron runs cost: the batches of each run, as (start, end, done), a
    mark being (seconds, queries).

    A batch is one call of the batch engine (``hr.invitation.batch.job._run_batch``): it starts
    with the call and ends at its progress notification (``ir.cron._notify_progress``) or, when
    the cron worker commits it, after that commit: the chatter's tracking, written at commit,
    is the batch's. ``new_run()`` starts the next run of a cron job.
    """

    runs: list = field(default_factory=list)
    cursor: object = None
    uncommitted: bool = False
    opened: object = None
    run_pending: bool = True

    def new_run(self):
        self.run_pending = True

    def start(self, cr):
        if self.run_pending:
            self.runs.append([])
            self.run_pending = False
        self.cursor = cr
        self.opened = self._mark(cr)

    def end_batch(self, cr, done):
        self.runs[-1].append([self.opened, self._mark(cr), done])
        self.uncommitted = True

    def committed(self, cr):
        if self.uncommitted and cr is self.cursor:
            self.runs[-1][-1][1] = self._mark(cr)
            self.uncommitted = False

    def _mark(self, cr):
        return (time.perf_counter(), cr.sql_log_count)

    def _batches(self):
        return [batch for run in self.runs for batch in run]

    def queries(self):
        """Queries of each batch of every run, its claim and progress included."""
        return [end[1] - start[1] for start, end, _done in self._batches()]

    def sizes(self):
        return [done for _start, _end, done in self._batches()]

    def handled(self):
        """How many records each run handled."""
        return [sum(done for _start, _end, done in run) for run in self.runs]


@contextmanager
def record_cron_batches(registry):
    """Count the queries of each batch of the addon's crons (one per ``_run_batch``)."""
    batches = CronBatches()
    engine_class, cron_class = registry["hr.invitation.batch.job"], registry["ir.cron"]
    run_batch = engine_class._run_batch
    notify_progress = cron_class._notify_progress
    commit = sql_db.Cursor.commit

    def run_one_batch(self, *args, **kwargs):
        batches.start(self.env.cr)
        return run_batch(self, *args, **kwargs)

    def notify(self, *, done, remaining, deactivate=False):
        batches.end_batch(self.env.cr, done)
        return notify_progress(self, done=done, remaining=remaining, deactivate=deactivate)

    def commit_batch(cr):
        result = commit(cr)
        batches.committed(cr)
        return result

    with (
        patch.object(engine_class, "_run_batch", run_one_batch),
        patch.object(cron_class, "_notify_progress", notify),
        patch.object(sql_db.Cursor, "commit", commit_batch),
    ):
        yield batches


ADDON = "hr_recruitment_invitation"


def addon_field_names(model):
    """Names of the fields of ``model`` that this addon adds (and no other module defines)."""
    return {name for name, field in model._fields.items() if set(field._modules) == {ADDON}}


def view_field_nodes(model, view_type):
    """The ``<field>`` nodes of the model's default view of ``view_type``, as the web client
    receives it (embedded sub-views included)."""
    arch = model.get_views([(False, view_type)])["views"][view_type]["arch"]
    return etree.fromstring(arch).iter("field")


def view_read_specification(model, view_type):
    """The ``web_search_read`` specification of the model's default view of ``view_type``.

    Like the web client: every field of the view (those of embedded x2many sub-views
    excepted), relational ones with their display name.
    """
    specification = {}
    for node in view_field_nodes(model, view_type):
        if next(node.iterancestors("field"), None) is not None:
            continue
        name = node.get("name")
        relational = model._fields[name].relational
        specification[name] = {"fields": {"display_name": {}}} if relational else {}
    return specification


def without_addon_fields(model, specification):
    """The same specification without this addon's fields: what the view reads without it."""
    added = addon_field_names(model)
    return {name: spec for name, spec in specification.items() if name not in added}
