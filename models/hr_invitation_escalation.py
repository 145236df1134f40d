from odoo import api, fields, models


class HrInvitationEscalation(models.Model):
    _name = "hr.invitation.escalation"
    _description = "Escalation to Senior HR"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id", store=True)
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    requested_by_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user
    )
    senior_user_id = fields.Many2one(
        "res.users", "Senior HR", domain="[('share', '=', False)]", tracking=True
    )
    approver_id = fields.Many2one("res.users", domain="[('share', '=', False)]", tracking=True)
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("pending", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("done", "Done"),
        ],
        default="pending",
        required=True,
        tracking=True,
        index=True,
    )
    decision_note = fields.Text()
    decided_at = fields.Datetime(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)

    @api.depends("invitation_id")
    def _compute_display_name(self):
        for escalation in self:
            escalation.display_name = self.env._(
                "Escalation: %(invitation)s", invitation=escalation.invitation_id.display_name
            )
