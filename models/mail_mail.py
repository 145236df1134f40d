from odoo import fields, models

# Failures that sending again would not cure: the candidate's address, not the server.
ADDRESS_FAILURES = ("mail_email_invalid", "mail_email_missing", "mail_bl", "mail_optout")


class MailMail(models.Model):
    _inherit = "mail.mail"

    invitation_id = fields.Many2one(
        "hr.invitation", "Interview Invitation", index="btree_not_null", ondelete="set null"
    )
    invitation_flag = fields.Char(
        help="The invitation's follow-up flag this email delivers: cleared if it fails, so that "
        "the follow-up is queued again.",
    )

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        if failure_type not in ADDRESS_FAILURES:
            for mail in self.filtered(
                lambda mail: mail.invitation_id and mail.state == "exception"
            ):
                mail.invitation_id._requeue_followup(
                    mail.invitation_flag, mail.failure_reason or failure_type
                )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
