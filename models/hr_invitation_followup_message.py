from odoo import fields, models


class HrInvitationFollowupMessage(models.AbstractModel):
    """An email or a text that delivers one follow-up of an interview (a reminder, a feedback
    request): when the mail server or the SMS gateway refuses it for a reason that sending
    again may cure, the follow-up is pending again; when the address cannot be reached, it
    failed."""

    _name = "hr.invitation.followup.message"
    _description = "Message Delivering an Interview Follow-up"

    invitation_followup_id = fields.Many2one(
        "hr.invitation.followup",
        "Interview Follow-up",
        index="btree_not_null",
        ondelete="set null",
    )

    def _settle_followups(self, retry_failures):
        """Tell each follow-up what became of its message: delivered, refused for good, or
        refused for a reason ``retry_failures`` says sending again may cure."""
        for message in self.filtered("invitation_followup_id"):
            followup = message.invitation_followup_id
            if not message._has_failed():
                followup._delivered()
            elif retry_failures(message):
                followup._requeue(message._get_failure_description())
            else:
                followup._undeliverable(message._get_failure_description())

    def _has_failed(self):
        raise NotImplementedError

    def _get_failure_description(self):
        """Why the message failed, in words: its failure type's label."""
        self.ensure_one()
        labels = dict(self._fields["failure_type"]._description_selection(self.env))
        return labels.get(self.failure_type) or self.env._("unknown error")
