from odoo import fields, models


class HrInvitationQuietCall(models.TransientModel):
    """The question asked before calling a candidate in their quiet hours."""

    _name = "hr.invitation.quiet.call"
    _description = "Call in the Candidate's Quiet Hours"

    invitation_id = fields.Many2one("hr.invitation", required=True, ondelete="cascade")
    message = fields.Char("Question", readonly=True)

    def action_call_anyway(self):
        self.ensure_one()
        return self.invitation_id.action_start_call_anyway()
