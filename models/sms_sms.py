from odoo import models

# Failures that sending again would not cure: the candidate's number, not the gateway.
NUMBER_FAILURES = (
    "sms_number_missing",
    "sms_number_format",
    "sms_blacklist",
    "sms_duplicate",
    "sms_optout",
)


class SmsSms(models.Model):
    _name = "sms.sms"
    _inherit = ["sms.sms", "hr.invitation.followup.message"]

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        followups = self.invitation_followup_id
        result = super()._send(
            unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
        )
        remaining = self.exists()
        remaining._settle_followups(lambda sms: sms.failure_type not in NUMBER_FAILURES)
        # Sent texts are deleted: their follow-ups were delivered.
        (followups - remaining.invitation_followup_id)._delivered()
        return result

    def _has_failed(self):
        return self.state == "error"
