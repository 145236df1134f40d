from odoo import api, models


class HrInvitationSeniorBrief(models.AbstractModel):
    """What senior HR reads before stepping in for a key role: the first call's findings."""

    _name = "hr.invitation.senior.brief"
    _description = "Senior HR Brief of an Invitation"

    def _get_candidate_summary(self):
        """One line about the candidate: employment, resume freshness, how HR got the number."""
        self.ensure_one()
        candidate = self.candidate_id
        status = self._selection_label(candidate, "employment_status")
        if candidate.current_employer:
            status = self.env._(
                "%(status)s at %(employer)s", status=status, employer=candidate.current_employer
            )
        resume = self.env._(
            "%(freshness)s resume", freshness=self._selection_label(self, "resume_freshness")
        )
        channel = self._selection_label(self.applicant_id, "sourcing_channel")
        return " · ".join(part for part in (status, resume, channel) if part)

    def _get_senior_follow_up_values(self, escalation=None):
        """What senior HR needs before stepping in: the first call's findings and the request.

        ``escalation`` defaults to the approved follow-up. Whoever may read the invitation
        (senior HR, the approver through the escalation) reads the whole brief. The call script
        wizard shows it to senior HR as the "senior follow-up" section.
        """
        self.ensure_one()
        self.check_access("read")
        invitation = self.sudo()
        if escalation is None:
            escalation = invitation._get_senior_follow_up_escalation()
        call = escalation.sudo().call_id or invitation._get_last_reached_call()
        return {
            "invitation": invitation,
            "escalation": escalation.sudo(),
            "candidate_summary": invitation._get_candidate_summary(),
            "call": call,
            "call_outcome": call and self._selection_label(call, "outcome"),
            "call_interest": call and self._selection_label(call, "interest_level"),
            "call_when": call and self._format_for_recruiter(call.ended_at or call.started_at),
            "concerns": [
                {
                    "question": concern.topic_id.question,
                    "state": self._selection_label(concern, "state"),
                    "note": concern.note,
                }
                for concern in invitation.concern_ids
            ],
        }

    def _get_senior_follow_up_brief(self, escalation=None):
        """The senior follow-up brief as HTML; empty without an escalation."""
        self.ensure_one()
        values = self._get_senior_follow_up_values(escalation)
        if not values["escalation"]:
            return ""
        return self.env["ir.qweb"]._render(
            "hr_recruitment_invitation.senior_follow_up_brief", values
        )

    def action_request_escalation(self):
        """Open the request form: a reason, and the escalation goes to its approver."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalate to Senior HR"),
            "res_model": "hr.invitation.escalation",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "hr_recruitment_invitation.hr_invitation_escalation_view_form_request"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_invitation_id": self.id},
        }

    @api.depends("escalation_ids.state")
    def _compute_senior_follow_up(self):
        for invitation in self:
            escalations = invitation.escalation_ids
            invitation.has_open_escalation = any(
                escalation.state in ("pending", "approved") for escalation in escalations
            )
            followed_up = escalations.filtered(lambda e: e.state in ("approved", "done"))
            invitation.senior_follow_up_brief = invitation._get_senior_follow_up_brief(
                followed_up[:1]
            )

    def _get_senior_follow_up_escalation(self):
        """The approved escalation whose senior HR call is still to make, if any."""
        self.ensure_one()
        if not self.has_escalation:  # stored: most invitations have none, nothing to read
            return self.env["hr.invitation.escalation"]
        return self.sudo().escalation_ids.filtered(lambda e: e.state == "approved")[:1]
