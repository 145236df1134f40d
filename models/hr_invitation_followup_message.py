from odoo import fields, models


class HrInvitationFollowupMessage(models.AbstractModel):
    """An email or a text that delivers one follow-up of an invitation (a reminder, a feedback
    request): when the mail server or the SMS gateway refuses it, the follow-up is queued again."""

    _name = "hr.invitation.followup.message"
    _description = "Message Delivering an Invitation Follow-up"

    invitation_id = fields.Many2one(
        "hr.invitation", "Interview Invitation", index="btree_not_null", ondelete="set null"
    )
    invitation_flag = fields.Char(
        "Invitation Follow-up",
        help="Which follow-up of the invitation this message delivers (technical name of the "
        "date it sets): cleared if the message fails, so that the follow-up is sent again.",
    )

    def _requeue_refused_followups(self):
        """The mail server or the SMS gateway refused these messages, for a reason that sending
        again may cure: queue their follow-ups again."""
        for message in self.filtered("invitation_id"):
            message.invitation_id._requeue_followup(
                message.invitation_flag, message._get_failure_description()
            )

    def _get_failure_description(self):
        """Why the message failed, in words: its failure type's label."""
        self.ensure_one()
        labels = dict(self._fields["failure_type"]._description_selection(self.env))
        return labels.get(self.failure_type) or self.env._("unknown error")
