"""What the Invitation Analysis (report/hr_invitation_report.py) counts of an invitation's calls,
feedback, reviews, concerns and escalations, kept on the invitation by the ORM as they change
(stored computes): a read of the analysis scans the invitations, as Odoo's Recruitment Analysis
scans the applications, instead of aggregating every call of every invitation on each read."""

from odoo import api, models

# What the post-interview reviews found: the candidate asked at the interview questions that the
# call should have answered ("missed"), or none ("covered").
REVIEW_MISMATCHES = [("covered", "None, the call covered them"), ("missed", "Some")]

# The figures of an invitation without calls, and without feedback.
NO_CALL_FIGURES = {
    "attempt_count": 0,
    "reached_by_call": False,
    "avg_call_duration": 0.0,
    "reached_call_window": False,
    "reached_interest_level": False,
    "inviting_call_at": False,
}
NO_FEEDBACK_FIGURES = {"feedback_id": False, "judged_answer_count": 0, "accurate_answer_count": 0}


class HrInvitationAnalysis(models.AbstractModel):
    """The invitation's figures of the analysis (the fields are the invitation's)."""

    _name = "hr.invitation.analysis"
    _description = "Invitation Figures of the Analysis"

    @api.depends(
        "call_ids.purpose",
        "call_ids.started_at",
        "call_ids.ended_at",
        "call_ids.duration",
        "call_ids.outcome",
        "call_ids.window",
        "call_ids.interest_level",
    )
    def _compute_call_figures(self):
        # New invitations have no calls: their figures in one assignment.
        without_calls = self.filtered(lambda invitation: not invitation.call_ids)
        without_calls.update(NO_CALL_FIGURES)
        for invitation in self - without_calls:
            attempts = invitation._get_call_attempts()
            reaching = attempts.filtered(lambda call: call.outcome not in (False, "no_answer"))
            last_reaching = reaching.sorted(lambda call: (call.ended_at, call.id))[-1:]
            invitation.attempt_count = len(attempts)
            invitation.reached_by_call = bool(reaching)
            invitation.avg_call_duration = (
                sum(attempts.mapped("duration")) / len(attempts) if attempts else 0.0
            )
            invitation.reached_call_window = last_reaching.window
            invitation.reached_interest_level = last_reaching.interest_level
            invitation.inviting_call_at = invitation._get_last_inviting_call().started_at

    def _get_call_attempts(self):
        """The invitation calls that ended: a reminder call before the interview is no attempt
        to invite, and a call still open is resumed or discarded."""
        return self.call_ids.filtered(lambda call: call.purpose == "invitation" and call.ended_at)

    def _get_last_inviting_call(self):
        """The last call (by its start) on which the candidate accepted the interview."""
        self.ensure_one()
        inviting = self.call_ids.filtered(
            lambda call: call.outcome == "invited" and call.started_at
        )
        return inviting.sorted(lambda call: (call.started_at, call.id))[-1:]

    @api.depends("feedback_ids.round", "feedback_ids.answer_ids.accuracy")
    def _compute_feedback_figures(self):
        without_feedback = self.filtered(lambda invitation: not invitation.feedback_ids)
        without_feedback.update(NO_FEEDBACK_FIGURES)
        for invitation in self - without_feedback:
            feedback = invitation.feedback_ids
            # Later rounds ask again about the same call: the first round's answers it.
            invitation.feedback_id = feedback.sorted(lambda fb: (fb.round, fb.id))[:1]
            accuracies = feedback.answer_ids.mapped("accuracy")
            invitation.judged_answer_count = accuracies.count("yes") + accuracies.count("no")
            invitation.accurate_answer_count = accuracies.count("yes")

    @api.depends("review_ids.mismatch_count")
    def _compute_review_mismatch(self):
        for invitation in self:
            counts = invitation.review_ids.mapped("mismatch_count")
            if not counts:
                invitation.review_mismatch = False
            else:
                invitation.review_mismatch = "missed" if max(counts) else "covered"

    @api.depends("escalation_ids")
    def _compute_has_escalation(self):
        escalated = self.filtered("escalation_ids")
        escalated.has_escalation = True
        (self - escalated).has_escalation = False

    @api.depends("concern_ids.state")
    def _compute_has_unresolved_concern(self):
        unresolved = self.filtered(
            lambda invitation: "unresolved" in invitation.concern_ids.mapped("state")
        )
        unresolved.has_unresolved_concern = True
        (self - unresolved).has_unresolved_concern = False
