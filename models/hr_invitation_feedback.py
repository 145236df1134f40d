from odoo import api, fields, models
from odoo.exceptions import ValidationError

ACCURACY = [("yes", "Yes"), ("no", "No"), ("not_discussed", "Not discussed")]


class HrInvitationFeedback(models.Model):
    _name = "hr.invitation.feedback"
    _description = "Candidate Feedback on an Invitation"
    _order = "id desc"
    _check_company_auto = True

    interview_id = fields.Many2one(
        "hr.invitation.interview", required=True, index=True, ondelete="cascade"
    )
    invitation_id = fields.Many2one(
        related="interview_id.invitation_id", store=True, index=True, string="Invitation"
    )
    round = fields.Integer(related="interview_id.round", string="Interview Round")
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    user_id = fields.Many2one(related="invitation_id.user_id", store=True, string="Recruiter")
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    call_rating = fields.Selection(
        [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")], "Invitation Call Rating"
    )
    logistics_clear = fields.Boolean("Time, Place and Route Were Clear")
    recommend_score = fields.Integer("Would Recommend (0-10)")
    answer_ids = fields.One2many(
        "hr.invitation.feedback.answer", "feedback_id", "Were the Answers Accurate?"
    )
    unclear_topic_ids = fields.Many2many(
        "hr.invitation.concern.topic", string="Questions Left Unclear"
    )
    unclear_note = fields.Text("Other Unclear Questions")
    comment = fields.Text()
    submitted_at = fields.Datetime(readonly=True)

    @api.depends("invitation_id", "round")
    def _compute_display_name(self):
        for feedback in self:
            name = feedback.invitation_id.display_name or ""
            feedback.display_name = (
                self.env._("%(name)s (round %(round)s)", name=name, round=feedback.round)
                if feedback.round > 1
                else name
            )

    _sql_constraints = [
        (
            "recommend_score_range",
            "CHECK(recommend_score IS NULL OR (recommend_score >= 0 AND recommend_score <= 10))",
            "The recommendation score goes from 0 to 10.",
        ),
        ("interview_unique", "UNIQUE(interview_id)", "One feedback per interview."),
    ]


class HrInvitationFeedbackAnswer(models.Model):
    _name = "hr.invitation.feedback.answer"
    _description = "Candidate's Judgement of an Answer Given During the Call"
    _order = "id"

    feedback_id = fields.Many2one(
        "hr.invitation.feedback", required=True, index=True, ondelete="cascade"
    )
    concern_id = fields.Many2one("hr.invitation.concern", required=True, ondelete="cascade")
    topic_id = fields.Many2one(related="concern_id.topic_id", store=True)
    accuracy = fields.Selection(ACCURACY, "Was the Answer Accurate?", required=True)
    company_id = fields.Many2one(related="feedback_id.company_id", store=True)

    _sql_constraints = [
        ("concern_unique", "UNIQUE(feedback_id, concern_id)", "One answer per concern."),
    ]

    @api.constrains("feedback_id", "concern_id")
    def _check_concern_of_the_invitation(self):
        for answer in self:
            if answer.concern_id.invitation_id != answer.feedback_id.invitation_id:
                raise ValidationError(
                    self.env._("Feedback can only judge the concerns raised during its own call.")
                )
