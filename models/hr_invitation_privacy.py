"""Privacy: an invitation's personal data is wiped some months after its application closed.

The company sets how many months (default 12). A daily cron, in committed batches, wipes the
candidate's phone number (when no other application of theirs is open), the free text of the
calls, concerns, escalations to senior HR, answers and feedback, the chatter text, and the
portal token (the candidate's link then answers 404). States, dates, ratings and counts stay:
the analytics still count them.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

ANONYMISE_BATCH_SIZE = 200


class HrInvitationPrivacy(models.AbstractModel):
    """The privacy side of an invitation: the notice the candidate reads, and the wiping of
    their personal data (application_closed_at, anonymised_at are the invitation's)."""

    _name = "hr.invitation.privacy"
    _description = "Privacy of the Interview Invitations"

    def _get_privacy_notice(self):
        """The short notice of the candidate's page and emails, in the reader's language."""
        self.ensure_one()
        company = self.company_id
        return self.env._(
            "%(company)s uses these details only to organise your interview and anonymises them "
            "%(months)s months after your application is closed. To see, correct or delete "
            "them, contact %(contact)s.",
            company=company.name,
            months=company.invitation_anonymise_months,
            contact=self._get_privacy_contact(),
        )

    def _get_sms_privacy_notice(self):
        """The notice of the candidate's text messages: one short line, in the reader's language."""
        self.ensure_one()
        return self.env._("Your data and privacy: %(contact)s", contact=self._get_privacy_contact())

    def _get_privacy_contact(self):
        company = self.company_id
        return company.email or company.phone or company.name

    # ------------------------------------------------------------------
    # Anonymisation cron
    # ------------------------------------------------------------------

    @api.model
    def _get_anonymisable_domain(self, company):
        cutoff = fields.Datetime.now() - relativedelta(months=company.invitation_anonymise_months)
        return [
            ("company_id", "=", company.id),
            ("application_closed_at", "!=", False),
            ("application_closed_at", "<=", cutoff),
            ("anonymised_at", "=", False),
        ]

    @api.model
    def _cron_anonymise_closed_invitations(self, batch_size=ANONYMISE_BATCH_SIZE):
        """Anonymise the invitations closed longer than their company's setting."""
        domain = expression.OR(
            [
                self._get_anonymisable_domain(company)
                for company in self.env["res.company"].search([])
            ]
        )
        return self._run_batch(domain, lambda batch: batch._anonymise_personal_data(), batch_size)

    def _anonymise_personal_data(self):
        """Wipe the personal data of ``self`` (those another run has not taken), keep counts."""
        invitations = self._lock_pending(SQL("anonymised_at IS NULL")).sudo()
        if not invitations:
            return invitations
        invitations._wipe_candidate_phones()
        invitations.call_ids.write({"note": False})
        invitations.concern_ids.write({"note": False})
        invitations.feedback_ids.write({"unclear_note": False, "comment": False})
        invitations._wipe_escalation_text()
        invitations._wipe_review_text()
        invitations.activity_ids.unlink()
        invitations._wipe_message_bodies(invitations)
        invitations.interview_ids.write(
            {"access_token": False, "decline_reason": False, "pickup_point": False}
        )
        invitations.write({"anonymised_at": fields.Datetime.now()})
        return invitations

    def _wipe_candidate_phones(self):
        """The candidate's phone, unless another of their applications is still active."""
        candidates = self.candidate_id
        still_applying = (
            self.env["hr.applicant"]
            .sudo()
            .search(
                [("candidate_id", "in", candidates.ids), ("application_status", "=", "ongoing")]
            )
            .candidate_id
        )
        (candidates - still_applying).write({"partner_phone": False})

    def _wipe_escalation_text(self):
        """The reasons, decision notes, activities and chatter text of the escalations to senior
        HR; their states, dates and people remain."""
        escalations = self.escalation_ids
        if not escalations:
            return
        escalations.write({"reason": self.env._("Anonymised"), "decision_note": False})
        escalations.activity_ids.unlink()
        self._wipe_message_bodies(escalations)

    def _wipe_review_text(self):
        """The post-interview reviews' lessons and chatter text; their topics remain."""
        reviews = self.review_ids
        if not reviews:
            return
        reviews.write({"lesson": False})
        self._wipe_message_bodies(reviews)

    @api.model
    def _wipe_message_bodies(self, records):
        """Empty the bodies of the messages of ``records``; tracking values (states) remain."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE mail_message SET body = NULL WHERE model = %s AND res_id IN %s",
                records._name,
                tuple(records.ids),
            )
        )
        self.env["mail.message"].invalidate_model(["body"])

    @api.depends("applicant_id.refuse_reason_id", "applicant_id.active", "applicant_id.date_closed")
    def _compute_application_closed_at(self):
        now = fields.Datetime.now()
        for invitation in self:
            applicant = invitation.applicant_id.with_context(active_test=False)
            if applicant.application_status == "ongoing":
                invitation.application_closed_at = False
            else:
                invitation.application_closed_at = invitation.application_closed_at or now
