from odoo import models

# Failures that sending again would not cure: the candidate's address, not the server.
ADDRESS_FAILURES = ("mail_email_invalid", "mail_email_missing", "mail_bl", "mail_optout")


class MailMail(models.Model):
    _name = "mail.mail"
    _inherit = ["mail.mail", "hr.invitation.followup.message"]

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        self._settle_followups(lambda mail: failure_type not in ADDRESS_FAILURES)
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )

    def _has_failed(self):
        return self.state == "exception"

    def _get_failure_description(self):
        """The mail server's own words (the SMTP answer) say more than the failure type."""
        return self.failure_reason or super()._get_failure_description()
