from odoo import fields, models


class HrInvitationConcern(models.Model):
    _name = "hr.invitation.concern"
    _description = "Concern Raised by a Candidate"
    _order = "id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    call_id = fields.Many2one(
        "hr.invitation.call", "Raised During", ondelete="set null", index="btree_not_null"
    )
    topic_id = fields.Many2one(
        "hr.invitation.concern.topic", required=True, ondelete="restrict", index=True
    )
    category = fields.Selection(related="topic_id.category", store=True)
    state = fields.Selection(
        [("answered", "Answered"), ("unresolved", "Unresolved")],
        required=True,
        default="answered",
        index=True,
    )
    note = fields.Text()
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id", store=True, index=True)
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    user_id = fields.Many2one(related="invitation_id.user_id", store=True, string="Recruiter")
