from odoo import fields, models


class HrInvitationFeedback(models.Model):
    _name = "hr.invitation.feedback"
    _description = "Candidate Feedback on an Invitation"
    _order = "id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="invitation_id.user_id", store=True, string="Recruiter")
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    call_rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")], "Invitation Call Rating"
    )
    logistics_clear = fields.Boolean("Time, Place and Route Were Clear")
    recommend_score = fields.Integer("Would Recommend (0-10)")
    unclear_topic_ids = fields.Many2many(
        "hr.invitation.concern.topic", string="Questions Left Unclear"
    )
    unclear_note = fields.Text("Other Unclear Questions")
    comment = fields.Text()
    submitted_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "recommend_score_range",
            "CHECK(recommend_score IS NULL OR (recommend_score >= 0 AND recommend_score <= 10))",
            "The recommendation score goes from 0 to 10.",
        ),
        ("invitation_unique", "UNIQUE(invitation_id)", "One feedback per invitation."),
    ]
