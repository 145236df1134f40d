from odoo import fields, models

# Failures that sending again would not cure: the candidate's number, not the gateway.
NUMBER_FAILURES = (
    "sms_number_missing",
    "sms_number_format",
    "sms_blacklist",
    "sms_duplicate",
    "sms_optout",
)


class SmsSms(models.Model):
    _inherit = "sms.sms"

    invitation_id = fields.Many2one(
        "hr.invitation", "Interview Invitation", index="btree_not_null", ondelete="set null"
    )
    invitation_flag = fields.Char(
        help="The invitation's follow-up flag this text delivers: cleared if it fails, so that "
        "the follow-up is queued again.",
    )

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        result = super()._send(
            unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
        )
        refused = self.exists().filtered(
            lambda sms: (
                sms.invitation_id
                and sms.state == "error"
                and sms.failure_type not in NUMBER_FAILURES
            )
        )
        for sms in refused:
            sms.invitation_id._requeue_followup(sms.invitation_flag, sms.failure_type)
        return result
