from odoo import api, fields, models

from .record_counts import count_per_record

EMPLOYMENT_STATUSES = [
    ("employed", "Employed"),
    ("available", "Available now"),
    ("student", "Student"),
    ("unknown", "Unknown"),
]


class HrCandidate(models.Model):
    _inherit = "hr.candidate"

    employment_status = fields.Selection(
        EMPLOYMENT_STATUSES,
        default="unknown",
        required=True,
        tracking=True,
        help="Employed candidates are called in the evening or at the weekend; "
        "the others during HR working hours.",
    )
    current_employer = fields.Char()
    resume_updated_on = fields.Date()
    best_time_note = fields.Char(
        "Best Time to Reach", help="What the candidate said about when to call them."
    )
    experience_ids = fields.One2many("hr.candidate.experience", "candidate_id", "Work Experience")
    invitation_ids = fields.One2many("hr.invitation", "candidate_id", "Invitations")

    def _phone_get_number_fields(self):
        """The candidate's number for Odoo's phone mixin (mail.thread.phone): its sanitized
        number and blacklist status, which texts to the candidate respect."""
        return ["partner_phone"]

    invitation_concern_ids = fields.One2many(
        "hr.invitation.concern", "candidate_id", "Concerns Raised"
    )
    invitation_concern_count = fields.Integer(
        "Concerns", compute="_compute_invitation_concern_count"
    )

    @api.depends("invitation_concern_ids")
    def _compute_invitation_concern_count(self):
        counts = count_per_record(self, "hr.invitation.concern", "candidate_id")
        for candidate in self:
            candidate.invitation_concern_count = counts.get(candidate.id, 0)

    def action_open_invitation_concerns(self):
        """The concerns this candidate raised in invitation calls, all jobs together."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_recruitment_invitation.hr_invitation_concern_action"
        )
        action["domain"] = [("candidate_id", "=", self.id)]
        return action
