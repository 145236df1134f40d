from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

from .hr_invitation_states import INTERVIEW_FORMATS
from .record_counts import count_per_record


class HrJob(models.Model):
    _inherit = "hr.job"

    is_key_role = fields.Boolean(
        "Key Role",
        help="Senior HR steps in once the candidate shows interest, with a manager's approval.",
    )
    senior_hr_user_id = fields.Many2one(
        "res.users",
        "Senior HR",
        domain="[('share', '=', False)]",
        help="Who steps in for this key role. Empty: anyone in the Senior HR group.",
    )
    invitation_salary_min = fields.Monetary("Salary From", currency_field="invitation_currency_id")
    invitation_salary_max = fields.Monetary("Salary To", currency_field="invitation_currency_id")
    invitation_currency_id = fields.Many2one(
        "res.currency",
        "Salary Currency",
        compute="_compute_invitation_currency_id",
        store=True,
        readonly=False,
    )
    interview_what_to_bring = fields.Text(
        "What to Bring",
        translate=True,
        help="Shown to candidates on their interview page, e.g. an ID card and a printed resume.",
    )
    interview_format = fields.Selection(
        INTERVIEW_FORMATS,
        default="on_site",
        required=True,
        help="How the interviews of this job take place, unless the recruiter chooses otherwise.",
    )
    invitation_ids = fields.One2many("hr.invitation", "job_id", "Invitations")
    invitation_script_template_id = fields.Many2one(
        "hr.invitation.script.template",
        "Call Script",
        domain="[('company_id', 'in', [company_id, False])]",
        help="What recruiters say in the invitation calls of this job. Empty: the company's "
        "default script.",
    )
    invitation_question_ids = fields.One2many(
        "hr.invitation.script.item",
        "job_id",
        "Questions to Ask",
        domain=[("kind", "=", "question")],
        context={"default_kind": "question"},
    )
    invitation_requirement_ids = fields.One2many(
        "hr.invitation.script.item",
        "job_id",
        "Requirements to Check",
        domain=[("kind", "=", "requirement")],
        context={"default_kind": "requirement"},
    )
    invitation_company_intro = fields.Html(
        "Company Introduction",
        translate=True,
        sanitize=True,
        help="How to present the company for this position. Empty: the company's introduction.",
    )
    invitation_count = fields.Integer(compute="_compute_invitation_count")

    @api.depends("company_id")
    def _compute_invitation_currency_id(self):
        for job in self:
            job.invitation_currency_id = (job.company_id or self.env.company).currency_id

    def _compute_invitation_count(self):
        counts = count_per_record(self, "hr.invitation", "job_id")
        for job in self:
            job.invitation_count = counts.get(job.id, 0)

    @api.constrains("invitation_salary_min", "invitation_salary_max")
    def _check_invitation_salary_range(self):
        for job in self:
            if job._has_inverted_salary_range():
                raise ValidationError(
                    self.env._("The salary range of %(job)s starts above its end.", job=job.name)
                )

    def _has_inverted_salary_range(self):
        self.ensure_one()
        return bool(
            self.invitation_salary_min
            and self.invitation_salary_max
            and self.invitation_salary_min > self.invitation_salary_max
        )

    def _has_invitation_salary_range(self):
        """A salary range can be told on the phone only when both of its ends are set."""
        self.ensure_one()
        return bool(self.invitation_salary_min and self.invitation_salary_max)

    def _get_invitation_company_intro(self):
        self.ensure_one()
        if is_html_empty(self.invitation_company_intro):
            return (self.company_id or self.env.company).invitation_company_intro
        return self.invitation_company_intro

    def action_open_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_recruitment_invitation.hr_invitation_action"
        )
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {"default_job_id": self.id}
        return action

    escalation_ids = fields.One2many("hr.invitation.escalation", "job_id", "Escalations")
    escalation_count = fields.Integer(compute="_compute_escalation_count")

    def _compute_escalation_count(self):
        counts = count_per_record(self, "hr.invitation.escalation", "job_id")
        for job in self:
            job.escalation_count = counts.get(job.id, 0)

    def action_open_escalations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_recruitment_invitation.hr_invitation_escalation_action"
        )
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {}
        return action
