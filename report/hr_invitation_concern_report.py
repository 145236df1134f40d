from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.hr_recruitment_invitation.models.hr_invitation_concern_topic import (
    CONCERN_CATEGORIES,
)


class HrInvitationConcernReport(models.Model):
    """One row per invitation and concern topic, wherever the topic came up.

    A topic comes up during the call (a concern), at the interview (a post-interview
    review) or in the candidate's feedback (was the answer accurate?). Rates are 100/0 on
    the rows they apply to and NULL elsewhere, so that their average is the rate.
    """

    _name = "hr.invitation.concern.report"
    _description = "Concern Analysis"
    _inherit = ["hr.invitation.sql.view"]
    _auto = False
    _order = "topic_id"

    invitation_id = fields.Many2one("hr.invitation", readonly=True)
    topic_id = fields.Many2one("hr.invitation.concern.topic", readonly=True)
    category = fields.Selection(CONCERN_CATEGORIES, readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    user_id = fields.Many2one("res.users", "Recruiter", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    raised_on_call = fields.Integer("Raised During the Call", readonly=True)
    unresolved_rate = fields.Float(
        "Unresolved Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Concerns left unresolved at the end of the call, among those raised.",
    )
    raised_at_interview = fields.Integer("Raised at the Interview", readonly=True)
    mismatch_rate = fields.Float(
        "Mismatch Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Topics raised at the interview that the call had not answered.",
    )
    accuracy_rate = fields.Float(
        "Accurate Answers (%)",
        readonly=True,
        aggregator="avg",
        help="Answers the candidate judged accurate, among those they judged.",
    )

    def _query(self):
        return SQL(
            """
            WITH call_topics AS (
                SELECT invitation_id, topic_id,
                       BOOL_OR(state = 'answered') AS answered,
                       BOOL_AND(state = 'unresolved') AS unresolved
                  FROM hr_invitation_concern
              GROUP BY invitation_id, topic_id
            ), interview_topics AS (
                SELECT DISTINCT review.invitation_id, rel.hr_invitation_concern_topic_id AS topic_id
                  FROM hr_invitation_review review
                  JOIN hr_invitation_review_interview_topic_rel rel
                    ON rel.hr_invitation_review_id = review.id
            ), judged AS (
                SELECT fb.invitation_id, ans.topic_id,
                       100.0 * COUNT(*) FILTER (WHERE ans.accuracy = 'yes')
                           / NULLIF(COUNT(*) FILTER (WHERE ans.accuracy IN ('yes', 'no')), 0)
                           AS rate
                  FROM hr_invitation_feedback_answer ans
                  JOIN hr_invitation_feedback fb ON fb.id = ans.feedback_id
              GROUP BY fb.invitation_id, ans.topic_id
            ), pairs AS (
                SELECT invitation_id, topic_id FROM call_topics
                 UNION
                SELECT invitation_id, topic_id FROM interview_topics
                 UNION
                SELECT invitation_id, topic_id FROM judged
            )
            SELECT ROW_NUMBER() OVER (ORDER BY pairs.invitation_id, pairs.topic_id) AS id,
                   pairs.invitation_id,
                   pairs.topic_id,
                   topic.category,
                   inv.job_id,
                   inv.user_id,
                   inv.company_id,
                   (call_topics.topic_id IS NOT NULL)::int AS raised_on_call,
                   CASE WHEN call_topics.topic_id IS NOT NULL
                        THEN 100.0 * call_topics.unresolved::int END AS unresolved_rate,
                   (interview_topics.topic_id IS NOT NULL)::int AS raised_at_interview,
                   CASE WHEN interview_topics.topic_id IS NOT NULL
                        THEN 100.0 * (NOT COALESCE(call_topics.answered, FALSE))::int
                   END AS mismatch_rate,
                   judged.rate AS accuracy_rate
              FROM pairs
              JOIN hr_invitation inv ON inv.id = pairs.invitation_id
              JOIN hr_invitation_concern_topic topic ON topic.id = pairs.topic_id
         LEFT JOIN call_topics ON call_topics.invitation_id = pairs.invitation_id
                              AND call_topics.topic_id = pairs.topic_id
         LEFT JOIN interview_topics ON interview_topics.invitation_id = pairs.invitation_id
                                   AND interview_topics.topic_id = pairs.topic_id
         LEFT JOIN judged ON judged.invitation_id = pairs.invitation_id
                         AND judged.topic_id = pairs.topic_id
            """
        )
