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
        result = super()._send(
            unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
        )
        self.exists().filtered(
            lambda sms: sms.state == "error" and sms.failure_type not in NUMBER_FAILURES
        )._requeue_refused_followups()
        return result
