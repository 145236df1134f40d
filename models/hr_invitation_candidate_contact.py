from odoo import api, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.hr_recruitment_invitation.tools import phone_tz


class HrInvitationCandidateContact(models.AbstractModel):
    """How the invitation reaches its candidate: their contact (for the calendar and the
    messages) and whether a text message can reach their number."""

    _name = "hr.invitation.candidate.contact"
    _description = "Reaching the Candidate of an Invitation"

    def _ensure_candidate_partner(self):
        """The candidate's contact, created from the candidate when missing (as hr.candidate)."""
        self.ensure_one()
        candidate = self.candidate_id
        if not candidate.partner_id:
            if not candidate.partner_name:
                raise UserError(self.env._("Give the candidate a name before inviting them."))
            # Recruiters may lack "Contact Creation": the contact belongs to the application.
            candidate.partner_id = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "is_company": False,
                        "name": candidate.partner_name,
                        "email": candidate.email_from,
                        "phone": candidate.partner_phone,
                    }
                )
            )
        return candidate.partner_id

    def _get_sms_problem(self):
        """Why no text message may be sent to the candidate, or an empty string."""
        self.ensure_one()
        return self._get_sms_problems()[self.id]

    def _get_sms_problems(self):
        """{invitation id: why no text may be sent to its candidate, or ""}: the blacklist is
        Odoo's (the candidate's mail.thread.phone), read once for all of ``self``."""
        candidates = self.candidate_id.sudo()
        # Computed on read, not stored: read the blacklist as it is now.
        candidates.invalidate_recordset(["phone_sanitized_blacklisted"])
        blacklisted = set(candidates.filtered("phone_sanitized_blacklisted").ids)
        return {
            invitation.id: invitation._check_sms_reachable(
                invitation.candidate_id.id in blacklisted
            )
            for invitation in self
        }

    def _check_sms_reachable(self, blacklisted):
        """Why no text can reach this candidate, or "" (``blacklisted``: their number is)."""
        self.ensure_one()
        phone = self.partner_phone
        if not phone:
            return self.env._("The candidate has no phone number: no text message can be sent.")
        try:
            mobile = phone_tz.is_mobile(phone, self._phone_region())
        except phone_tz.InvalidPhoneNumber:
            return self.env._("%(phone)s is not a valid phone number.", phone=phone)
        if not mobile:
            return self.env._(
                "%(phone)s is not a mobile number: a text message cannot reach it.", phone=phone
            )
        if blacklisted:
            return self.env._(
                "%(phone)s is blacklisted: the candidate does not want text messages.",
                phone=phone,
            )
        return ""

    @api.depends("partner_phone", "candidate_id.partner_phone_sanitized", "company_id")
    def _compute_phone_check(self):
        for invitation in self:
            invitation.phone_e164 = False
            invitation.phone_error = False
            if not invitation.partner_phone:
                continue
            try:
                phone_tz.format_e164(invitation.partner_phone, invitation._phone_region())
                # Odoo's own E.164 of the candidate's number (mail.thread.phone).
                invitation.phone_e164 = invitation.candidate_id.partner_phone_sanitized
            except phone_tz.InvalidPhoneNumber:
                invitation.phone_error = self.env._(
                    "The phone number %(phone)s is not valid: correct it before calling.",
                    phone=invitation.partner_phone,
                )

    def _get_candidate_lang(self):
        """The candidate's language among those installed: their contact's, else that of their
        phone's country (a German number: German), else False."""
        self.ensure_one()
        active = [code for code, _name in self.env["res.lang"].get_installed()]
        if self.partner_id.lang in active:
            return self.partner_id.lang
        region = phone_tz.region_of(self.partner_phone, self._phone_region())
        return phone_tz.language_of_region(region, active)

    def _phone_region(self):
        return self.company_id.country_id.code or None

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The web client builds its filters, groups and exports from this: never the token."""
        fields_info = super().fields_get(allfields, attributes)
        fields_info.pop("access_token", None)
        return fields_info

    @api.depends("interview_id.access_token")
    def _compute_access_token(self):
        for invitation in self:
            invitation.access_token = invitation.interview_id.access_token

    def _search_access_token(self, operator, value):
        """Nobody looks an invitation up by its candidate's token (a token oracle)."""
        raise AccessError(self.env._("Invitations cannot be searched by their candidate's link."))

    @api.depends("interview_id")
    def _compute_access_url(self):
        for invitation in self:
            # The link's path is no secret: whoever asks is checked by _portal_ensure_token.
            invitation.access_url = invitation.sudo().interview_id.access_url or False

    def get_portal_url(self, suffix=None, report_type=None, download=None, query_string=None):
        """The candidate's link: their current interview's, for who may read its token.

        The invitation is no portal document of its own (not a portal.mixin: Odoo's
        notifications and Share wizard offer no link to it); its current interview is.
        """
        self.ensure_one()
        return self._get_current_interview().get_portal_url(
            suffix=suffix, report_type=report_type, download=download, query_string=query_string
        )

    def _portal_ensure_token(self):
        """The current interview's token: only who may read it gets or creates one."""
        self.ensure_one()
        return self._get_current_interview()._portal_ensure_token()

    def _get_current_interview(self):
        """The current interview, in this user's environment (its token is checked there)."""
        interview = self.sudo().interview_id.with_env(self.env)
        if not interview:
            raise UserError(self.env._("This invitation has no interview to link to yet."))
        return interview

    def _action_ask_good_time(self):
        """Open a message to the candidate asking when to call."""
        self.ensure_one()
        template = self.env.ref("hr_recruitment_invitation.mail_template_ask_good_time")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
            },
        }
