from odoo import api, fields, models


class HrInvitationReview(models.Model):
    """What the candidate asked at the interview, compared with what the call covered."""

    _name = "hr.invitation.review"
    _description = "Post-Interview Review of an Invitation"
    _inherit = ["hr.invitation.private.thread"]
    _order = "id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id", store=True)
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    recruiter_id = fields.Many2one(related="invitation_id.user_id", store=True)
    user_id = fields.Many2one(
        "res.users", "Reviewer", required=True, default=lambda self: self.env.user
    )
    interview_topic_ids = fields.Many2many(
        "hr.invitation.concern.topic",
        "hr_invitation_review_interview_topic_rel",
        string="Raised at the Interview",
        help="Questions the candidate asked at the interview that the call should have covered.",
    )
    mismatch_topic_ids = fields.Many2many(
        "hr.invitation.concern.topic",
        "hr_invitation_review_mismatch_topic_rel",
        string="Not Covered by the Call",
        compute="_compute_mismatch_topic_ids",
        store=True,
        help="Raised at the interview, but not answered during the invitation call.",
    )
    mismatch_count = fields.Integer(compute="_compute_mismatch_topic_ids", store=True)
    lesson = fields.Text(help="What to do differently in the next invitation calls.")

    @api.depends("interview_topic_ids", "invitation_id.concern_ids.state")
    def _compute_mismatch_topic_ids(self):
        for review in self:
            answered = review.invitation_id._get_answered_topics()
            review.mismatch_topic_ids = review.interview_topic_ids - answered
            review.mismatch_count = len(review.mismatch_topic_ids)
