"""Interview logistics of an invitation: scheduling, messages, reminders and the day itself.

The candidate-facing link (portal.mixin token) goes only into messages addressed to the
candidate: mail.mail and sms.sms records that only administrators can read, never into a
chatter message, an activity or a log line.
"""

import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime

from odoo.addons.hr_recruitment_invitation.tools import phone_tz

from .hr_invitation_directions import DIRECTION_FIELDS

_logger = logging.getLogger(__name__)

FOLLOWED_STATES = ("invited", "confirmed")
SCHEDULABLE_STATES = ("draft", "calling", "unreachable", "invited", "confirmed", "no_show")
CHECK_IN_STATES = ("invited", "confirmed", "no_show")
MAX_ALTERNATIVE_SLOTS = 3
CRON_BATCH_SIZE = 200
FOLLOWUP_FLAGS = (
    "reminder_mail_sent_at",
    "reminder_sms_sent_at",
    "reminder_call_planned_at",
    "arrival_alert_at",
)
# The flags of the messages the crons queue: a message refused on its way out clears its own.
FOLLOWUP_MESSAGE_FLAGS = (
    "reminder_mail_sent_at",
    "reminder_sms_sent_at",
    "feedback_mail_sent_at",
    "feedback_sms_sent_at",
)
ACTIVITY_REMINDER_CALL = "hr_recruitment_invitation.mail_activity_type_interview_reminder_call"
ACTIVITY_NOT_ARRIVED = "hr_recruitment_invitation.mail_activity_type_interview_not_arrived"
ACTIVITY_SEND_CAR = "hr_recruitment_invitation.mail_activity_type_interview_send_car"
PENDING_RESCHEDULE = [("origin", "=", "proposed"), ("state", "=", "open")]


class HrInvitation(models.Model):
    _inherit = "hr.invitation"

    # The candidate's answers on their interview page.
    travel_mode = fields.Selection(
        [
            ("public_transport", "Public transport"),
            ("car", "Car"),
            ("taxi", "Taxi"),
            ("walking", "Walking"),
            ("other", "Other"),
        ]
    )
    expected_arrival = fields.Datetime()
    needs_parking = fields.Boolean()
    pickup_point = fields.Char()
    pickup_at = fields.Datetime()

    # Stored so that the day's interviews can be listed, sorted and searched by the crons; the
    # end too, so that the candidate's page checks its link and shows the duration without
    # reading the event.
    interview_start = fields.Datetime(store=True, index=True)
    interview_stop = fields.Datetime(store=True)
    interview_candidate_display = fields.Char(
        "Interview (candidate's time)", compute="_compute_interview_candidate_display"
    )
    interview_location_id = fields.Many2one(
        "res.partner", "Interview Address", check_company=True, tracking=True
    )
    interview_map_url = fields.Char("Map", compute="_compute_interview_map_url")
    notify_by_email = fields.Boolean("Email the Candidate", copy=False)
    notify_by_sms = fields.Boolean("Text the Candidate", copy=False)
    invitation_sent_at = fields.Datetime("Invitation Sent", copy=False, readonly=True)
    reminder_due_at = fields.Datetime(
        "Reminder Due", compute="_compute_reminder_due_at", store=True, index="btree_not_null"
    )
    reminder_mail_sent_at = fields.Datetime("Email Reminder Sent", copy=False, readonly=True)
    reminder_sms_sent_at = fields.Datetime("SMS Reminder Sent", copy=False, readonly=True)
    reminder_call_due_at = fields.Datetime(
        "Reminder Call Due",
        compute="_compute_reminder_call_due_at",
        store=True,
        index="btree_not_null",
    )
    reminder_call_planned_at = fields.Datetime("Reminder Call Planned", copy=False, readonly=True)
    arrival_alert_due_at = fields.Datetime(
        "Not Arrived Alert Due", compute="_compute_arrival_due_times", store=True
    )
    arrival_alert_at = fields.Datetime("Not Arrived Alert", copy=False, readonly=True)
    no_show_due_at = fields.Datetime(
        "No-show At", compute="_compute_arrival_due_times", store=True, index="btree_not_null"
    )
    checked_in_at = fields.Datetime("Arrived At", copy=False, readonly=True, tracking=True)
    checked_in_by_id = fields.Many2one("res.users", copy=False, readonly=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("interview_start", "candidate_tz")
    @api.depends_context("uid")
    def _compute_interview_candidate_display(self):
        for invitation in self:
            invitation.interview_candidate_display = invitation._format_for_candidate(
                invitation.interview_start
            )

    @api.depends(
        "interview_location_id.street",
        "interview_location_id.street2",
        "interview_location_id.zip",
        "interview_location_id.city",
        "interview_location_id.state_id",
        "interview_location_id.country_id",
    )
    def _compute_interview_map_url(self):
        for invitation in self:
            location = invitation.interview_location_id
            invitation.interview_map_url = location and location._get_interview_map_url()

    @api.depends("interview_start", "invitation_sent_at", "company_id.invitation_reminder_hours")
    def _compute_reminder_due_at(self):
        for invitation in self:
            start, sent = invitation.interview_start, invitation.invitation_sent_at
            due = start and start - timedelta(hours=invitation.company_id.invitation_reminder_hours)
            # An invitation sent within the reminder delay is its own reminder.
            invitation.reminder_due_at = due if due and sent and sent < due else False

    @api.depends(
        "interview_start",
        "is_key_role",
        "company_id.invitation_reminder_call",
        "company_id.invitation_reminder_call_minutes",
    )
    def _compute_reminder_call_due_at(self):
        for invitation in self:
            company = invitation.company_id
            wanted = company.invitation_reminder_call or invitation.is_key_role
            start = invitation.interview_start
            invitation.reminder_call_due_at = (
                start - timedelta(minutes=company.invitation_reminder_call_minutes)
                if start and wanted
                else False
            )

    @api.depends(
        "interview_start",
        "company_id.invitation_arrival_grace_minutes",
        "company_id.invitation_no_show_minutes",
    )
    def _compute_arrival_due_times(self):
        for invitation in self:
            start, company = invitation.interview_start, invitation.company_id
            if not start:
                invitation.arrival_alert_due_at = invitation.no_show_due_at = False
                continue
            grace = timedelta(minutes=company.invitation_arrival_grace_minutes)
            invitation.arrival_alert_due_at = start + grace
            invitation.no_show_due_at = start + timedelta(
                minutes=company.invitation_no_show_minutes
            )

    # ------------------------------------------------------------------
    # Scheduling
    # ------------------------------------------------------------------

    def action_schedule_interview(self):
        """Open the scheduling wizard of this invitation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule the Interview"),
            "res_model": "hr.invitation.schedule",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_invitation_id": self.id},
        }

    def _schedule_interview(self, values):
        """Fix the interview: calendar event, offered slots, logistics, then tell the candidate.

        ``values``: start, stop (naive UTC), interviewer_ids, location_id, the directions
        (DIRECTION_FIELDS), alternative_starts (up to three), notify_by_email,
        notify_by_sms, candidate_tz, lang, alarm_ids.
        """
        self.ensure_one()
        values = self._normalize_schedule_values(values)
        self._check_can_schedule(values)
        partner = self._ensure_candidate_partner()
        # The candidate's zone and language also drive Odoo's own calendar mails to them.
        partner.sudo().write({"tz": values["candidate_tz"], "lang": values["lang"]})
        self.write(self._prepare_logistics_values(values))
        self.event_id = self._save_interview_event(values, partner)
        self._replace_offered_slots(values)
        self._reset_interview_followups()
        self.write({"state": "invited", "next_call_at": False, "next_call_window": False})
        self._send_interview_invitation()
        return self.event_id

    def _normalize_schedule_values(self, values):
        to_datetime = fields.Datetime.to_datetime
        return dict(
            values,
            start=to_datetime(values.get("start")),
            stop=to_datetime(values.get("stop")),
            alternative_starts=[
                to_datetime(start) for start in values.get("alternative_starts") or () if start
            ],
            interviewer_ids=list(values.get("interviewer_ids") or ()),
            alarm_ids=list(values.get("alarm_ids") or ()),
            lang=values.get("lang") or self.partner_id.lang or self.env.lang,
            candidate_tz=values.get("candidate_tz") or self.candidate_tz,
        )

    def _check_can_schedule(self, values):
        """Refuse an interview that cannot happen as asked, before anything is changed."""
        self.ensure_one()
        if self.state not in SCHEDULABLE_STATES:
            raise UserError(self.env._("This invitation is closed: no interview can be planned."))
        errors = self._get_schedule_time_errors(values) + self._get_schedule_channel_errors(values)
        if not values["interviewer_ids"]:
            errors.append(self.env._("Choose at least one interviewer."))
        if not values.get("location_id"):
            errors.append(self.env._("Say where the interview takes place."))
        if not values["candidate_tz"]:
            errors.append(self.env._("Set the candidate's time zone."))
        if errors:
            raise UserError("\n".join(errors))

    def _get_schedule_time_errors(self, values):
        now = fields.Datetime.now()
        start, stop, alternatives = values["start"], values["stop"], values["alternative_starts"]
        errors = []
        if not start or start <= now:
            errors.append(self.env._("The interview must start in the future."))
        if not stop or not start or stop <= start:
            errors.append(self.env._("The interview must end after it starts."))
        if len(alternatives) > MAX_ALTERNATIVE_SLOTS:
            errors.append(
                self.env._("Offer at most %(count)s other times.", count=MAX_ALTERNATIVE_SLOTS)
            )
        if any(alternative <= now for alternative in alternatives):
            errors.append(self.env._("The other times offered must be in the future."))
        if len(set(alternatives) | {start}) != len(alternatives) + 1:
            errors.append(self.env._("The times offered must all be different."))
        return errors

    def _get_schedule_channel_errors(self, values):
        errors = []
        if values.get("notify_by_email") and not (
            self.partner_id.email or self.candidate_id.email_from
        ):
            errors.append(self.env._("The candidate has no email address: no email can be sent."))
        if values.get("notify_by_sms"):
            problem = self._get_sms_problem()
            if problem:
                errors.append(problem)
        return errors

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

    def _prepare_logistics_values(self, values):
        return {
            "candidate_tz": values["candidate_tz"],
            "interview_location_id": values["location_id"],
            **{fname: values.get(fname) or False for fname in DIRECTION_FIELDS},
            "notify_by_email": bool(values.get("notify_by_email")),
            "notify_by_sms": bool(values.get("notify_by_sms")),
        }

    def _save_interview_event(self, values, partner):
        """Create the interview's calendar event, or move the existing one.

        Odoo's own invitation mails go to the interviewers (unless the caller asked for no
        calendar mails); the candidate gets ours.
        """
        self.ensure_one()
        notify_interviewers = not self.env.context.get("no_mail_to_attendees")
        event_values = self._prepare_interview_event_values(values, partner)
        events = self.env["calendar.event"].with_context(no_mail_to_attendees=True)
        if self.event_id:
            event = self.event_id.with_context(no_mail_to_attendees=True)
            event.write(event_values)
        else:
            event = events.create(event_values)
        if notify_interviewers:
            interviewers = event.attendee_ids.filtered(lambda att: att.partner_id != partner)
            interviewers.with_context(no_mail_to_attendees=False)._send_invitation_emails()
        return event

    def _prepare_interview_event_values(self, values, partner):
        interviewers = self.env["res.users"].browse(values["interviewer_ids"])
        location = self.env["res.partner"].browse(values["location_id"])
        return {
            "name": self.env._(
                "Interview: %(candidate)s (%(job)s)",
                candidate=self.candidate_id.display_name,
                job=self.job_id.name or self.env._("spontaneous application"),
            ),
            "start": values["start"],
            "stop": values["stop"],
            "user_id": self._get_recruiter().id,
            "partner_ids": [Command.set((interviewers.partner_id | partner).ids)],
            "applicant_id": self.applicant_id.id,
            "res_model_id": self.env["ir.model"]._get_id("hr.applicant"),
            "res_id": self.applicant_id.id,
            "location": location._get_interview_address(),
            "description": self._get_directions_html(),
            "alarm_ids": [Command.set(values["alarm_ids"])],
        }

    def _get_directions_html(self):
        """Route, landmarks, public transport, parking and map link, in the reader's language."""
        self.ensure_one()
        parts = [
            Markup("<p><b>%s:</b> %s</p>") % (label, text) for label, text in self._get_directions()
        ]
        if self.interview_map_url:
            parts.append(
                Markup('<p><a href="%s">%s</a></p>')
                % (self.interview_map_url, self.env._("See the address on a map"))
            )
        return Markup("").join(parts)

    def _replace_offered_slots(self, values):
        """Offer the alternative starts as other times; settle the candidate's proposals."""
        self.ensure_one()
        open_slots = self.slot_ids.filtered(lambda slot: slot.state == "open")
        chosen = open_slots.filtered(
            lambda slot: slot.origin == "proposed" and slot.start == values["start"]
        )
        chosen.state = "chosen"
        (open_slots - chosen).state = "dismissed"
        duration = values["stop"] - values["start"]
        self.env["hr.invitation.slot"].create(
            [
                {
                    "invitation_id": self.id,
                    "start": start,
                    "stop": start + duration,
                    "origin": "offered",
                }
                for start in values["alternative_starts"]
            ]
        )

    def _reset_interview_followups(self):
        """The interview moved: its reminders and alerts are to be sent again, at the new time."""
        self.write(dict.fromkeys(FOLLOWUP_FLAGS, False))
        self.activity_unlink([ACTIVITY_REMINDER_CALL, ACTIVITY_NOT_ARRIVED])
        self.concern_ids._move_follow_up_deadline()
        self._settle_reschedule_request()

    # ------------------------------------------------------------------
    # Messages to the candidate
    # ------------------------------------------------------------------

    def _get_interview_time_for_candidate(self, date_width="full", value=None):
        """The interview's time (or ``value``) as the candidate reads it (_format_for_candidate)."""
        self.ensure_one()
        return self._format_for_candidate(value or self.interview_start, date_width)

    def _get_offered_slot_labels(self, date_width="full"):
        """The other times the candidate may choose, in their zone and language."""
        self.ensure_one()
        slots = self.slot_ids.filtered(lambda s: s.origin == "offered" and s.state == "open")
        return [self._get_interview_time_for_candidate(date_width, slot.start) for slot in slots]

    def _get_interview_address(self):
        self.ensure_one()
        return (
            self.interview_location_id._get_interview_address()
            if self.interview_location_id
            else ""
        )

    def _get_candidate_portal_link(self):
        """The candidate's tokenized link: only for messages addressed to the candidate.

        sudo: the server puts it in the candidate's own message (mail.mail, sms.sms, neither
        readable by employees), whoever triggers the sending; the user never gets it.
        """
        self.ensure_one()
        return self.get_base_url() + self.sudo().get_portal_url()

    def _get_sms_problem(self):
        """Why no text message may be sent to the candidate, or an empty string."""
        self.ensure_one()
        return self._get_sms_problems()[self.id]

    def _get_sms_problems(self):
        """{invitation id: why no text may be sent to its candidate, or ""}: the blacklist is
        read once for all of ``self``."""
        numbers = [number for number in self.mapped("phone_e164") if number]
        blacklisted = set(
            self.env["phone.blacklist"].sudo().search([("number", "in", numbers)]).mapped("number")
            if numbers
            else ()
        )
        return {invitation.id: invitation._check_sms_reachable(blacklisted) for invitation in self}

    def _check_sms_reachable(self, blacklisted):
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
        if self.phone_e164 in blacklisted:
            return self.env._(
                "%(phone)s is blacklisted: the candidate does not want text messages.",
                phone=phone,
            )
        return ""

    def _render_for_candidates(self, template, field_names):
        """Render ``template`` for all of ``self`` at once (compiled once), each invitation in
        its candidate's language with its own link: {field name: {invitation id: text}}."""
        template = template.with_context(
            candidate_portal_urls={inv.id: inv._get_candidate_portal_link() for inv in self}
        )
        return {
            fname: template._render_field(fname, self.ids, compute_lang=True)
            for fname in field_names
        }

    def _create_candidate_mails(self, template, with_ics=False, flag=False):
        """An email to each candidate alone: mail.mail records outside the chatter, deleted once
        sent. ``flag``: the follow-up flag each delivers, cleared if it fails."""
        rendered = self._render_for_candidates(template, ("subject", "body_html", "email_from"))
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    invitation._prepare_candidate_mail_values(rendered, with_ics, flag)
                    for invitation in self
                ]
            )
        )

    def _prepare_candidate_mail_values(self, rendered, with_ics, flag):
        self.ensure_one()
        return {
            "subject": rendered["subject"][self.id],
            "body_html": rendered["body_html"][self.id],
            "email_from": rendered["email_from"][self.id] or self.company_id.email_formatted,
            "recipient_ids": [Command.link(self.partner_id.id)],
            "auto_delete": True,
            "attachment_ids": [Command.set(self._get_ics_attachment().ids)] if with_ics else [],
            **self._prepare_followup_link(flag),
        }

    def _prepare_followup_link(self, flag):
        """What ties a queued message to the follow-up it delivers (see mail.mail, sms.sms)."""
        return {"invitation_id": self.id, "invitation_flag": flag} if flag else {}

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

    def _create_candidate_texts(self, template, flag=False):
        """A text message to each candidate alone: sms.sms records, never a chatter message.

        Each ends with a one-line privacy notice in the candidate's language. ``flag``: the
        follow-up flag each delivers, cleared if it fails.
        """
        bodies = self._render_for_candidates(template, ("body",))["body"]
        return (
            self.env["sms.sms"]
            .sudo()
            .create(
                [
                    {
                        "number": invitation.phone_e164,
                        "partner_id": invitation.partner_id.id,
                        "body": bodies[invitation.id] + "\n" + invitation._get_sms_privacy_line(),
                        **invitation._prepare_followup_link(flag),
                    }
                    for invitation in self
                ]
            )
        )

    def _get_sms_privacy_line(self):
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        return self.with_context(lang=lang)._get_sms_privacy_notice()

    def _send_interview_invitation(self):
        """Send the interview's details by the chosen channels and log it without the link."""
        self.ensure_one()
        channels = []
        if self.notify_by_email:
            template = self.env.ref("hr_recruitment_invitation.mail_template_interview_invitation")
            self._create_candidate_mails(template, with_ics=True).send_after_commit()
            channels.append(self.env._("email"))
        if self.notify_by_sms:
            template = self.env.ref("hr_recruitment_invitation.sms_template_interview_invitation")
            self._create_candidate_texts(template).send(raise_exception=False)
            channels.append(self.env._("text message"))
        if channels:
            self.invitation_sent_at = fields.Datetime.now()
        self._message_log(body=self._get_invitation_note(channels))

    def _get_invitation_note(self, channels):
        details = self.env._(
            "Interview on %(recruiter_time)s (%(candidate_time)s for the candidate) at "
            "%(address)s.",
            recruiter_time=self._format_for_recruiter(self.interview_start),
            candidate_time=self._format_for_candidate(self.interview_start),
            address=self._get_interview_address(),
        )
        if not channels:
            return details + " " + self.env._("The candidate was not sent any message.")
        return (
            details
            + " "
            + self.env._(
                "Invitation sent to the candidate by %(channels)s.", channels=", ".join(channels)
            )
        )

    # ------------------------------------------------------------------
    # Before and on the day
    # ------------------------------------------------------------------

    def action_check_in(self):
        """The candidate is here: record it (reception or recruiter) and end the alerts."""
        self.check_access("read")
        to_check_in = self.filtered(lambda inv: not inv.checked_in_at)
        closed = to_check_in.filtered(
            lambda inv: inv.state not in CHECK_IN_STATES or not inv.event_id
        )
        if closed:
            raise UserError(
                self.env._(
                    "Only candidates invited to an interview can be checked in: %(names)s",
                    names=", ".join(closed.mapped("display_name")),
                )
            )
        # Reception and interviewers may read but not edit invitations: checking the
        # candidate in is all they may change here.
        to_check_in.sudo()._check_in(self.env.user)
        return True

    def _check_in(self, user):
        now = fields.Datetime.now()
        self.write({"checked_in_at": now, "checked_in_by_id": user.id, "state": "attended"})
        for invitation in self:
            invitation._get_candidate_attendee().state = "accepted"
            invitation._message_log(
                body=self.env._(
                    "The candidate arrived at %(time)s (checked in by %(user)s).",
                    time=invitation._format_for_recruiter(now),
                    user=user.name,
                )
            )
        self.activity_feedback(
            [ACTIVITY_REMINDER_CALL, ACTIVITY_NOT_ARRIVED], feedback=self.env._("Arrived")
        )

    def _get_candidate_attendee(self):
        self.ensure_one()
        return self.event_id.attendee_ids.filtered(
            lambda attendee: attendee.partner_id == self.partner_id
        )

    def action_send_car(self):
        """Ask the transport coordinator to pick the candidate up (one activity, kept current)."""
        self.ensure_one()
        self._check_can_send_car()
        coordinator = self.company_id.invitation_transport_user_id
        coordinator_tz = coordinator.tz or "UTC"
        pickup_time = format_datetime(
            self.env, self.pickup_at, tz=coordinator_tz, dt_format="short"
        )
        values = {
            "user_id": coordinator.id,
            "date_deadline": fields.Date.context_today(
                self.with_context(tz=coordinator_tz), self.pickup_at
            ),
            "summary": self.env._(
                "Pick up %(name)s at %(place)s, %(time)s (%(tz)s)",
                name=self.candidate_id.display_name,
                place=self.pickup_point,
                time=pickup_time,
                tz=coordinator_tz,
            ),
            "note": Markup("<br/>").join(self._get_send_car_lines()),
        }
        activity = self._get_activities(ACTIVITY_SEND_CAR)
        if activity and (activity.user_id.id, activity.date_deadline, activity.summary) == (
            values["user_id"],
            values["date_deadline"],
            values["summary"],
        ):
            return True
        self._set_activity(ACTIVITY_SEND_CAR, **values)
        self._message_log(body=self.env._("Car requested: %(what)s", what=values["summary"]))
        return True

    def _check_can_send_car(self):
        if self.state not in FOLLOWED_STATES or not self.event_id:
            raise UserError(
                self.env._("A car is sent only to a candidate invited to an interview.")
            )
        if not self.pickup_point or not self.pickup_at:
            raise UserError(
                self.env._("Say where and when to pick the candidate up before sending a car.")
            )
        if self.pickup_at >= self.interview_stop:
            raise UserError(self.env._("The pickup must be before the end of the interview."))
        if not self.company_id.invitation_transport_user_id:
            raise UserError(
                self.env._(
                    "Nobody is in charge of transport: choose a transport coordinator in the "
                    "Recruitment settings."
                )
            )

    def _get_send_car_lines(self):
        return [
            self.env._("Candidate: %(name)s", name=self.candidate_id.display_name),
            self.env._("Phone: %(phone)s", phone=self.phone_e164 or self.partner_phone or "-"),
            self.env._("Pickup point: %(place)s", place=self.pickup_point),
            self.env._("Interview at: %(address)s", address=self._get_interview_address()),
        ]

    def _get_travel_lines(self):
        """What the candidate said about their journey, for the recruiter's call."""
        self.ensure_one()
        modes = dict(self._fields["travel_mode"]._description_selection(self.env))
        lines = [
            self.env._(
                "Interview: %(time)s", time=self._format_for_recruiter(self.interview_start)
            ),
            self.env._("Phone: %(phone)s", phone=self.phone_e164 or self.partner_phone or "-"),
            self.env._(
                "Travel mode: %(mode)s",
                mode=modes.get(self.travel_mode) or self.env._("not given yet"),
            ),
            self.env._(
                "Expected arrival: %(time)s",
                time=self._format_for_recruiter(self.expected_arrival)
                if self.expected_arrival
                else self.env._("not given yet"),
            ),
        ]
        if self.needs_parking:
            lines.append(self.env._("Needs a parking space."))
        if self.pickup_point:
            lines.append(self.env._("Asked to be picked up at %(place)s.", place=self.pickup_point))
        return lines

    # ------------------------------------------------------------------
    # Crons: batches, committed one by one, each follow-up once per interview
    # ------------------------------------------------------------------

    def _lock_unflagged(self, flag):
        return self._lock_pending(SQL("%s IS NULL", SQL.identifier(flag)))

    @api.model
    def _get_followed_domain(self):
        """Interviews to follow up: invited or confirmed, not rescheduled by the candidate."""
        return [
            ("state", "in", FOLLOWED_STATES),
            ("event_id", "!=", False),
            ("slot_ids", "not any", PENDING_RESCHEDULE),
            ("reschedule_requested_at", "=", False),
        ]

    @api.model
    def _cron_send_interview_reminders(self, batch_size=CRON_BATCH_SIZE):
        now = fields.Datetime.now()
        domain = (
            self._get_followed_domain()
            + [
                ("reminder_due_at", "<=", now),
                ("interview_start", ">", now),
            ]
            + self._get_unsent_domain("reminder_mail_sent_at", "reminder_sms_sent_at")
        )
        return self._run_batch(domain, lambda batch: batch._send_interview_reminders(), batch_size)

    def _send_interview_reminders(self):
        self._deliver_unsent(
            [
                ("notify_by_email", "reminder_mail_sent_at", type(self)._remind_by_email),
                ("notify_by_sms", "reminder_sms_sent_at", type(self)._remind_by_sms),
            ]
        )

    @api.model
    def _get_unsent_domain(self, mail_flag, sms_flag):
        """Invitations with a message still to send by a channel the candidate chose."""
        return [
            "|",
            "&",
            ("notify_by_email", "=", True),
            (mail_flag, "=", False),
            "&",
            ("notify_by_sms", "=", True),
            (sms_flag, "=", False),
        ]

    def _deliver_unsent(self, deliveries):
        """``deliveries``: [(channel field, flag, queue(invitations, flag))]: each message
        queued once.

        The invitations of the batch still without ``flag`` are locked and re-checked, their
        messages put in Odoo's outgoing queues (mail.mail, sms.sms) and the flag set, in this
        transaction: two overlapping runs never queue a message twice, and a run that dies
        queues nothing. Odoo's queue crons, woken up at once, send them; a message the mail
        server or the SMS gateway refuses clears its flag, and the next run queues it again.
        """
        now = fields.Datetime.now()
        unsent = SQL(" OR ").join(
            SQL("(%s AND %s IS NULL)", SQL.identifier(channel), SQL.identifier(flag))
            for channel, flag, _queue in deliveries
        )
        locked = self._lock_pending(unsent)
        queued = False
        for channel, flag, queue in deliveries:
            pending = locked.filtered(
                lambda inv, channel=channel, flag=flag: inv[channel] and not inv[flag]
            )
            if pending:
                queue(pending, flag)
                pending.write({flag: now})
                queued = True
        if queued:
            self._wake_up_outgoing_queues()

    @api.model
    def _wake_up_outgoing_queues(self):
        """Have Odoo's email and text queues sent as soon as a cron worker is free."""
        for xmlid in ("mail.ir_cron_mail_scheduler_action", "sms.ir_cron_sms_scheduler_action"):
            self.env.ref(xmlid)._trigger()

    def _remind_by_email(self, flag):
        self._queue_candidate_mails(
            self.env.ref("hr_recruitment_invitation.mail_template_interview_reminder"),
            flag,
            self.env._("Email reminder not sent: the candidate has no email address."),
        )

    def _remind_by_sms(self, flag):
        self._queue_candidate_texts(
            self.env.ref("hr_recruitment_invitation.sms_template_interview_reminder"),
            flag,
            self.env._("Text reminder not sent"),
        )

    def _queue_candidate_mails(self, template, flag, no_email_note):
        """Queue ``template`` for each candidate, tied to ``flag``.

        Without an email address, log ``no_email_note`` instead: nothing to retry.
        """
        without_email = self.filtered(lambda invitation: not invitation.partner_id.email)
        if without_email:
            without_email._message_log_batch(bodies=dict.fromkeys(without_email.ids, no_email_note))
        (self - without_email)._create_candidate_mails(template, flag=flag)

    def _queue_candidate_texts(self, template, flag, not_sent_label):
        """Queue ``template`` as a text to each candidate, tied to ``flag``.

        When no text can reach one, log ``not_sent_label`` and why instead: nothing to retry.
        """
        problems = self._get_sms_problems()
        unreachable = self.filtered(lambda invitation: problems[invitation.id])
        if unreachable:
            unreachable._message_log_batch(
                bodies={
                    invitation.id: self.env._(
                        "%(what)s: %(problem)s",
                        what=not_sent_label,
                        problem=problems[invitation.id],
                    )
                    for invitation in unreachable
                }
            )
        (self - unreachable)._create_candidate_texts(template, flag=flag)

    def _requeue_followup(self, flag, reason):
        """The message of ``flag`` was refused on its way out: clear the flag, say so."""
        self.ensure_one()
        if flag not in FOLLOWUP_MESSAGE_FLAGS or not self[flag]:
            return
        self[flag] = False
        _logger.warning(
            "Interview follow-up %s of invitation %s refused on its way out, queued again at the "
            "next run: %s",
            flag,
            self.id,
            reason,
        )
        self._message_log(
            body=self.env._(
                "A message to the candidate was refused on its way out (%(reason)s): it will be "
                "sent again.",
                reason=reason,
            )
        )

    @api.model
    def _cron_plan_reminder_calls(self, batch_size=CRON_BATCH_SIZE):
        now = fields.Datetime.now()
        domain = self._get_followed_domain() + [
            ("reminder_call_due_at", "<=", now),
            ("interview_start", ">", now),
            ("reminder_call_planned_at", "=", False),
        ]
        return self._run_batch(domain, lambda batch: batch._plan_reminder_calls(), batch_size)

    def _plan_reminder_calls(self):
        invitations = self._lock_unflagged("reminder_call_planned_at")
        invitations._schedule_recruiter_calls(
            ACTIVITY_REMINDER_CALL, self.env._("Call %(name)s before the interview: on the way?")
        )
        invitations.write({"reminder_call_planned_at": fields.Datetime.now()})

    def _schedule_recruiter_calls(self, activity_xmlid, summary):
        """A call for each recruiter, showing how their candidate travels.

        ``summary`` is a translated text with a ``%(name)s`` for the candidate.
        """
        for invitation in self:
            invitation.activity_schedule(
                activity_xmlid,
                date_deadline=invitation._recruiter_date(invitation.interview_start),
                summary=summary % {"name": invitation.candidate_id.display_name},
                note=Markup("<br/>").join(invitation._get_travel_lines()),
                user_id=invitation._get_recruiter().id,
            )

    @api.model
    def _cron_alert_not_arrived(self, batch_size=CRON_BATCH_SIZE):
        now = fields.Datetime.now()
        domain = self._get_followed_domain() + [
            ("arrival_alert_due_at", "<=", now),
            ("no_show_due_at", ">", now),
            ("checked_in_at", "=", False),
            ("arrival_alert_at", "=", False),
        ]
        return self._run_batch(domain, lambda batch: batch._alert_not_arrived(), batch_size)

    def _alert_not_arrived(self):
        invitations = self._lock_pending(
            SQL(
                "arrival_alert_at IS NULL AND checked_in_at IS NULL AND state IN %s",
                FOLLOWED_STATES,
            )
        )
        invitations._schedule_recruiter_calls(
            ACTIVITY_NOT_ARRIVED, self.env._("Not arrived: call %(name)s now")
        )
        invitations.write({"arrival_alert_at": fields.Datetime.now()})

    @api.model
    def _cron_mark_no_shows(self, batch_size=CRON_BATCH_SIZE):
        domain = self._get_followed_domain() + [
            ("no_show_due_at", "<=", fields.Datetime.now()),
            ("checked_in_at", "=", False),
        ]
        return self._run_batch(domain, lambda batch: batch._mark_no_shows(), batch_size)

    def _mark_no_shows(self):
        invitations = self._lock_pending(
            SQL("checked_in_at IS NULL AND state IN %s", FOLLOWED_STATES)
        )
        invitations.write({"state": "no_show"})
        for invitation in invitations:
            invitation._get_candidate_attendee().state = "declined"
            invitation._message_log(
                body=self.env._("The candidate did not come to the interview: no-show.")
            )
        invitations.activity_feedback(
            [ACTIVITY_REMINDER_CALL, ACTIVITY_NOT_ARRIVED], feedback=self.env._("No-show")
        )
