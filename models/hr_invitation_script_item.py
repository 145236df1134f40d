from odoo import fields, models

SCRIPT_ITEM_KINDS = [("question", "Question"), ("requirement", "Requirement")]


class HrInvitationScriptItem(models.Model):
    """A question asked, or a requirement checked, in the invitation calls of a job."""

    _name = "hr.invitation.script.item"
    _description = "Invitation Call Question or Requirement"
    _order = "sequence, id"
    _check_company_auto = True

    job_id = fields.Many2one("hr.job", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    kind = fields.Selection(SCRIPT_ITEM_KINDS, required=True, default="question")
    sequence = fields.Integer(default=10)
    name = fields.Char(
        "Text",
        required=True,
        translate=True,
        help="A question the resume does not answer, or a requirement of the position.",
    )
