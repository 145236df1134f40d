from odoo import api, fields, models


class HrInvitationSlot(models.Model):
    _name = "hr.invitation.slot"
    _description = "Interview Time Slot"
    _order = "start, id"
    _check_company_auto = True

    interview_id = fields.Many2one(
        "hr.invitation.interview", required=True, index=True, ondelete="cascade"
    )
    invitation_id = fields.Many2one(
        related="interview_id.invitation_id", store=True, index=True, string="Invitation"
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)
    origin = fields.Selection(
        [("offered", "Offered by the company"), ("proposed", "Proposed by the candidate")],
        required=True,
        default="offered",
    )
    state = fields.Selection(
        [("open", "Open"), ("chosen", "Chosen"), ("dismissed", "Dismissed")],
        required=True,
        default="open",
    )

    _sql_constraints = [
        ("stop_after_start", "CHECK(stop > start)", "A time slot must end after it starts."),
    ]

    @api.depends("start", "interview_id.candidate_tz")
    def _compute_display_name(self):
        for slot in self:
            slot.display_name = slot.interview_id._format_for_candidate(slot.start)
