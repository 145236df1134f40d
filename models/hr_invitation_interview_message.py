"""Messages to the candidate about their interview: the invitation, reminders, feedback requests.

Each goes to the candidate alone, as a mail.mail or sms.sms record outside the chatter (only
administrators can read them): the tokenized link is only ever written there.
"""

from markupsafe import Markup

from odoo import Command, api, fields, models

DETAILS_DELIVERY = [
    ("sending", "Sending"),
    ("delivered", "Delivered"),
    ("partly", "Partly Delivered"),
    ("failed", "Not Delivered"),
]


class HrInvitationInterview(models.Model):
    _inherit = "hr.invitation.interview"

    details_delivery = fields.Selection(
        DETAILS_DELIVERY,
        "Details Sent",
        compute="_compute_details_delivery",
        help="What became of the interview's details sent to the candidate (email, text).",
    )

    @api.depends("followup_ids.state", "followup_ids.kind")
    def _compute_details_delivery(self):
        for interview in self:
            rows = interview.followup_ids.filtered(lambda row: row.kind == "invitation")
            interview.details_delivery = rows and interview._get_delivery(set(rows.mapped("state")))

    @api.model
    def _get_delivery(self, states):
        """The delivery of messages in ``states`` (follow-up states), in one word."""
        if states <= {"done"}:
            return "delivered"
        if states <= {"failed", "cancelled"}:
            return "failed"
        if "failed" in states and "done" in states:
            return "partly"
        return "sending"

    def _get_candidate_portal_link(self, suffix=None):
        """The candidate's tokenized link to this interview's page (or its ``suffix``
        page): only for messages addressed to the candidate.

        sudo: the server puts it in the candidate's own message (mail.mail, sms.sms, neither
        readable by employees), whoever triggers the sending; the user never gets it.
        """
        self.ensure_one()
        return self.get_base_url() + self.sudo().get_portal_url(suffix=suffix)

    def _preview_invitation_messages(self):
        """The interview's details as the candidate will read them, in the language of its
        environment: (email body, text). For an interview not scheduled yet
        (``_new_for_preview``): its link is not made, a placeholder stands for it."""
        self.ensure_one()
        link = {self.id: self.env._("(their personal link)")}
        templates = [
            self.env.ref(xmlid).with_context(candidate_portal_urls=link)
            for xmlid in (
                "hr_recruitment_invitation.mail_template_interview_invitation",
                "hr_recruitment_invitation.sms_template_interview_invitation",
            )
        ]
        return (
            templates[0]._render_field("body_html", self._ids)[self.id],
            templates[1]._render_field("body", self._ids)[self.id],
        )

    def _render_for_candidates(self, template, field_names):
        """Render ``template`` for all of ``self`` at once (compiled once), each interview in
        its candidate's language with its links: {field name: {interview id: text}}."""
        template = template.with_context(
            candidate_portal_urls={iv.id: iv._get_candidate_portal_link() for iv in self},
            candidate_feedback_urls={
                iv.id: iv._get_candidate_portal_link(suffix="/feedback") for iv in self
            },
        )
        return {
            fname: template._render_field(fname, self.ids, compute_lang=True)
            for fname in field_names
        }

    def _create_candidate_mails(self, template, with_ics=False, followups=None):
        """An email to each candidate alone: mail.mail records outside the chatter, deleted once
        sent. ``followups``: {interview id: the follow-up each delivers}, requeued if it fails."""
        followups = followups or {}
        rendered = self._render_for_candidates(template, ("subject", "body_html", "email_from"))
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    interview._prepare_candidate_mail_values(
                        rendered, with_ics, followups.get(interview.id)
                    )
                    for interview in self
                ]
            )
        )

    def _prepare_candidate_mail_values(self, rendered, with_ics, followup):
        self.ensure_one()
        return {
            "subject": rendered["subject"][self.id],
            "body_html": rendered["body_html"][self.id],
            "email_from": rendered["email_from"][self.id] or self.company_id.email_formatted,
            "recipient_ids": [Command.link(self.partner_id.id)],
            "auto_delete": True,
            "attachment_ids": [Command.set(self._get_ics_attachment().ids)] if with_ics else [],
            "invitation_followup_id": followup and followup.id,
        }

    def _get_ics_attachment(self):
        """The interview as an .ics file the candidate can add to their calendar."""
        self.ensure_one()
        ics = self._get_portal_ics(self.partner_id.lang or self.env.lang)
        if not ics:
            return self.env["ir.attachment"]
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "interview.ics",
                    "raw": ics,
                    "mimetype": "text/calendar",
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )

    def _create_candidate_texts(self, template, followups=None):
        """A text message to each candidate alone: sms.sms records, never a chatter message.

        Each ends with a one-line privacy notice in the candidate's language. ``followups``:
        {interview id: the follow-up each delivers}, requeued if it fails.
        """
        followups = followups or {}
        bodies = self._render_for_candidates(template, ("body",))["body"]
        return (
            self.env["sms.sms"]
            .sudo()
            .create(
                [
                    {
                        "number": interview.invitation_id.phone_e164,
                        "partner_id": interview.partner_id.id,
                        "body": bodies[interview.id] + "\n" + interview._get_sms_privacy_line(),
                        "invitation_followup_id": followups.get(interview.id, False)
                        and followups[interview.id].id,
                    }
                    for interview in self
                ]
            )
        )

    def _get_sms_privacy_line(self):
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        return self.invitation_id.with_context(lang=lang)._get_sms_privacy_notice()

    def _send_interview_invitation(self):
        """Send the interview's details by the chosen channels, as follow-ups of their own
        (kind ``invitation``: their delivery is followed, a refusal sent again), and log it
        without the link."""
        self.ensure_one()
        followups = self.env["hr.invitation.followup"]
        rows = followups.create(followups._plan_messages(self, "invitation", fields.Datetime.now()))
        labels = {"email": self.env._("email"), "sms": self.env._("text message")}
        channels = [labels[row.channel] for row in rows]
        if rows:
            self.invitation_sent_at = fields.Datetime.now()
        # Logged first: what became of each message is logged after it.
        self.invitation_id._message_log(body=self._get_invitation_note(channels))
        rows._handle()
        # sudo: only administrators read the candidate's messages (they hold the link).
        rows.mail_id.sudo().send_after_commit()
        rows.sms_id.sudo().send(raise_exception=False)

    def _ask_recruiter_to_reach_candidate(self, rows):
        """No channel reached the candidate with the interview's details: their recruiter
        calls them (one to-do, with why each message failed)."""
        self.ensure_one()
        invitation = self.invitation_id
        invitation.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=invitation._get_recruiter().id,
            summary=self.env._(
                "Call %(name)s: the interview details did not reach them",
                name=invitation.candidate_id.display_name,
            ),
            note=Markup("<br/>").join(row.note or "" for row in rows),
        )

    def _get_invitation_note(self, channels):
        details = self.env._(
            "Interview on %(recruiter_time)s (%(candidate_time)s for the candidate): %(place)s.",
            recruiter_time=self._format_for_recruiter(self.start),
            candidate_time=self._format_for_candidate(self.start),
            place=self._get_place_for_recruiter(),
        )
        if self.round > 1:
            details = self.env._("Round %(round)s.", round=self.round) + " " + details
        if not channels:
            return details + " " + self.env._("The candidate was not sent any message.")
        return (
            details
            + " "
            + self.env._(
                "Interview details sent to the candidate by %(channels)s (each delivery is on "
                "the interview's follow-ups).",
                channels=", ".join(channels),
            )
        )
