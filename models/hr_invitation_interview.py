"""One scheduled interview of an invitation: when and where, the candidate's answers, the day.

An invitation holds its interviews in rounds: a second round is a new interview after the
first was attended; moving an interview keeps the old one as ``moved`` and schedules a new
one of the same round. The invitation's ``interview_id`` is the current one.

The candidate-facing link (portal.mixin token) goes only into messages addressed to the
candidate: mail.mail and sms.sms records that only administrators can read, never into a
chatter message, an activity or a log line.
"""

from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from odoo.addons.base.models.res_partner import _lang_get

from .hr_invitation_directions import DIRECTION_FIELDS
from .hr_invitation_pipeline import STAGE_MOMENTS

INTERVIEW_STATES = [
    ("scheduled", "Scheduled"),
    ("confirmed", "Confirmed"),
    ("declined", "Declined"),
    ("moved", "Moved"),
    ("attended", "Attended"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
]
# The invitation's state while an interview in this state is its current one.
INVITATION_STATE_OF = {
    "scheduled": "invited",
    "confirmed": "confirmed",
    "declined": "declined",
    "attended": "attended",
    "no_show": "no_show",
}
# Interviews still ahead: a new time moves them; the day's follow-ups run on them.
UPCOMING_STATES = ("scheduled", "confirmed")
# Invitations an interview can be scheduled for: a second round after an attended one.
SCHEDULABLE_STATES = (
    "draft",
    "calling",
    "unreachable",
    "invited",
    "confirmed",
    "no_show",
    "attended",
)
MAX_ALTERNATIVE_SLOTS = 3
CHECK_IN_STATES = ("scheduled", "confirmed", "no_show")
TRAVEL_MODES = [
    ("public_transport", "Public transport"),
    ("car", "Car"),
    ("taxi", "Taxi"),
    ("walking", "Walking"),
    ("other", "Other"),
]
ACTIVITY_REMINDER_CALL = "hr_recruitment_invitation.mail_activity_type_interview_reminder_call"
ACTIVITY_NOT_ARRIVED = "hr_recruitment_invitation.mail_activity_type_interview_not_arrived"
ACTIVITY_SEND_CAR = "hr_recruitment_invitation.mail_activity_type_interview_send_car"
ACTIVITY_LATE = "hr_recruitment_invitation.mail_activity_type_interview_late"
ARRIVAL_ACTIVITIES = [ACTIVITY_REMINDER_CALL, ACTIVITY_NOT_ARRIVED]


class HrInvitationInterview(models.Model):
    _name = "hr.invitation.interview"
    _description = "Interview of an Invitation"
    _inherit = ["portal.mixin", "hr.invitation.directions"]
    _order = "invitation_id, round, start, id"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id")
    partner_id = fields.Many2one(related="invitation_id.partner_id")
    job_id = fields.Many2one(related="invitation_id.job_id")
    user_id = fields.Many2one(related="invitation_id.user_id", string="Recruiter")
    candidate_tz = fields.Selection(related="invitation_id.candidate_tz")
    round = fields.Integer(default=1, required=True, readonly=True)
    state = fields.Selection(
        INTERVIEW_STATES, default="scheduled", required=True, readonly=True, index=True
    )
    event_id = fields.Many2one(
        "calendar.event", "Meeting", readonly=True, index="btree_not_null", ondelete="set null"
    )
    # The interview's own times: a moved interview keeps the time it had.
    start = fields.Datetime(required=True, readonly=True, index=True)
    stop = fields.Datetime(required=True, readonly=True)
    location_id = fields.Many2one("res.partner", "Address", check_company=True, readonly=True)
    map_url = fields.Char("Map", compute="_compute_map_url")
    candidate_display = fields.Char("Candidate's Time", compute="_compute_candidate_display")
    what_to_bring = fields.Text(
        help="Shown to the candidate on their interview page. Empty: what the job position says.",
    )
    lang = fields.Selection(
        _lang_get,
        "Candidate's Language",
        readonly=True,
        help="The language of the candidate's messages about this interview, and of their "
        "interview page.",
    )
    notify_by_email = fields.Boolean("Email the Candidate", readonly=True)
    notify_by_sms = fields.Boolean("Text the Candidate", readonly=True)
    invitation_sent_at = fields.Datetime("Invitation Sent", readonly=True)
    # The candidate's answers on their interview page.
    travel_mode = fields.Selection(TRAVEL_MODES)
    expected_arrival = fields.Datetime()
    needs_parking = fields.Boolean()
    pickup_point = fields.Char()
    pickup_at = fields.Datetime()
    confirmed_at = fields.Datetime("Confirmed by the Candidate On", readonly=True)
    declined_at = fields.Datetime("Declined On", readonly=True)
    decline_reason = fields.Text("Reason for Declining", readonly=True)
    reschedule_requested_at = fields.Datetime(
        "New Time Asked On",
        readonly=True,
        help="The candidate asked for another time on their interview page; set the new time and "
        "let them confirm it.",
    )
    checked_in_at = fields.Datetime("Arrived At", readonly=True)
    checked_in_by_id = fields.Many2one("res.users", readonly=True)
    slot_ids = fields.One2many("hr.invitation.slot", "interview_id", "Time Slots")
    followup_ids = fields.One2many("hr.invitation.followup", "interview_id", "Follow-ups")
    feedback_ids = fields.One2many("hr.invitation.feedback", "interview_id")

    _sql_constraints = [
        ("stop_after_start", "CHECK(stop > start)", "An interview must end after it starts."),
        ("round_positive", "CHECK(round > 0)", "Interview rounds start at 1."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("round", "start", "invitation_id")
    def _compute_display_name(self):
        for interview in self:
            interview.display_name = self.env._(
                "Round %(round)s: %(time)s",
                round=interview.round,
                time=format_datetime(self.env, interview.start, dt_format="short"),
            )

    @api.depends(
        "location_id.street",
        "location_id.street2",
        "location_id.zip",
        "location_id.city",
        "location_id.state_id",
        "location_id.country_id",
    )
    def _compute_map_url(self):
        for interview in self:
            location = interview.location_id
            interview.map_url = location and location._get_interview_map_url()

    @api.depends("start", "candidate_tz", "venue_tz", "interview_format")
    @api.depends_context("uid")
    def _compute_candidate_display(self):
        for interview in self:
            interview.candidate_display = interview._format_for_candidate(interview.start)

    # ------------------------------------------------------------------
    # The invitation's helpers, for the interview's own messages and notes
    # ------------------------------------------------------------------

    def _format_for_recruiter(self, value):
        self.ensure_one()
        return self.invitation_id._format_for_recruiter(value)

    def _get_interview_time_for_candidate(self, date_width="full", value=None):
        """The interview's time (or ``value``) as the candidate reads it: what templates call."""
        self.ensure_one()
        return self._format_for_candidate(value or self.start, date_width)

    def _get_privacy_notice(self):
        return self.invitation_id._get_privacy_notice()

    def _get_interview_address(self):
        self.ensure_one()
        return self.location_id._get_interview_address() if self.location_id else ""

    def _get_directions_html(self):
        """Route, landmarks, public transport, parking and map link, in the reader's language."""
        self.ensure_one()
        parts = [
            Markup("<p><b>%s:</b> %s</p>") % (label, text) for label, text in self._get_directions()
        ]
        if self.map_url:
            parts.append(
                Markup('<p><a href="%s">%s</a></p>')
                % (self.map_url, self.env._("See the address on a map"))
            )
        return Markup("").join(parts)

    def _get_offered_slot_labels(self, date_width="full"):
        """The other times the candidate may choose, in their zone and language."""
        self.ensure_one()
        slots = self.slot_ids.filtered(lambda s: s.origin == "offered" and s.state == "open")
        return [self._get_interview_time_for_candidate(date_width, slot.start) for slot in slots]

    # ------------------------------------------------------------------
    # The state machine
    # ------------------------------------------------------------------

    def _set_state(self, state, **values):
        """Move these interviews to ``state`` (with ``values``); the invitation follows its
        current interview (INVITATION_STATE_OF)."""
        self.write(dict(values, state=state))
        invitation_state = INVITATION_STATE_OF.get(state)
        current = self.filtered(lambda interview: interview.invitation_id.interview_id == interview)
        if invitation_state and current:
            current.invitation_id.write({"state": invitation_state})
        if invitation_state in STAGE_MOMENTS:
            for interview in current:
                interview.invitation_id._advance_application_stage(
                    invitation_state, interview.round
                )

    def _is_current(self):
        self.ensure_one()
        return self.invitation_id.interview_id == self

    # ------------------------------------------------------------------
    # Scheduling (hr.invitation._schedule_interview calls this)
    # ------------------------------------------------------------------

    @api.model
    def _schedule(self, invitation, values):
        """Fix the invitation's next interview: calendar event, offered times, directions,
        then tell the candidate and plan the follow-ups.

        ``values``: start, stop (naive UTC), interviewer_ids, location_id, the directions
        (DIRECTION_FIELDS), alternative_starts (up to three), notify_by_email,
        notify_by_sms, candidate_tz, lang, alarm_ids, what_to_bring.
        """
        values = self._normalize_schedule_values(invitation, values)
        self._check_can_schedule(invitation, values)
        partner = invitation._ensure_candidate_partner()
        # The candidate's zone and language also drive Odoo's own calendar mails to them.
        partner.sudo().write({"tz": values["candidate_tz"], "lang": values["lang"]})
        invitation.write(
            {
                "candidate_tz": values["candidate_tz"],
                "candidate_tz_manual": invitation.candidate_tz_manual
                or values["candidate_tz"] != invitation.candidate_tz,
                "next_call_at": False,
                "next_call_window": False,
            }
        )
        interview = self._schedule_for(invitation, values, partner)
        invitation._on_interview_scheduled(self.env["res.users"].browse(values["interviewer_ids"]))
        interview._send_interview_invitation()
        interview._start()
        return interview

    @api.model
    def _normalize_schedule_values(self, invitation, values):
        to_datetime = fields.Datetime.to_datetime
        interview_format = (
            values.get("interview_format") or invitation.job_id.interview_format or "on_site"
        )
        on_site = interview_format == "on_site"
        return dict(
            values,
            start=to_datetime(values.get("start")),
            stop=to_datetime(values.get("stop")),
            alternative_starts=[
                to_datetime(start) for start in values.get("alternative_starts") or () if start
            ],
            interviewer_ids=list(values.get("interviewer_ids") or ()),
            alarm_ids=list(values.get("alarm_ids") or ()),
            lang=values.get("lang") or invitation.partner_id.lang or self.env.lang,
            candidate_tz=values.get("candidate_tz") or invitation.candidate_tz,
            interview_format=interview_format,
            location_id=on_site and values.get("location_id") or False,
            venue_tz=on_site and self._get_venue_tz(invitation, values),
        )

    @api.model
    def _get_venue_tz(self, invitation, values):
        """The zone given, else the address's (else the company calendar's)."""
        fallback = invitation.company_id.resource_calendar_id.tz
        location = self.env["res.partner"].browse(values.get("location_id"))
        return values.get("venue_tz") or (location and location._get_interview_tz(fallback))

    @api.model
    def _check_can_schedule(self, invitation, values):
        """Refuse an interview that cannot happen as asked, before anything is changed."""
        if invitation.state not in SCHEDULABLE_STATES:
            raise UserError(self.env._("This invitation is closed: no interview can be planned."))
        errors = self._get_schedule_time_errors(values) + self._get_schedule_channel_errors(
            invitation, values
        )
        if not values["interviewer_ids"]:
            errors.append(self.env._("Choose at least one interviewer."))
        errors += self._get_schedule_format_errors(invitation, values)
        if not values["candidate_tz"]:
            errors.append(self.env._("Set the candidate's time zone."))
        if errors:
            raise UserError("\n".join(errors))

    @api.model
    def _get_schedule_format_errors(self, invitation, values):
        if values["interview_format"] == "on_site" and not values.get("location_id"):
            return [self.env._("Say where the interview takes place.")]
        if values["interview_format"] == "phone" and not invitation.partner_phone:
            return [
                self.env._(
                    "The candidate has no phone number: they cannot be interviewed by phone."
                )
            ]
        return []

    @api.model
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

    @api.model
    def _get_schedule_channel_errors(self, invitation, values):
        errors = []
        if values.get("notify_by_email") and not (
            invitation.partner_id.email or invitation.candidate_id.email_from
        ):
            errors.append(self.env._("The candidate has no email address: no email can be sent."))
        if values.get("notify_by_sms"):
            problem = invitation._get_sms_problem()
            if problem:
                errors.append(problem)
        return errors

    @api.model
    def _schedule_for(self, invitation, values, partner):
        """The invitation's next interview, as ``values`` say.

        The current interview still ahead is moved: it is kept as ``moved``, its event moves
        to the new time and its pending follow-ups are cancelled. After an attended interview,
        the new one is the next round, in a new event; after any other end, the same round in
        a new event.
        """
        previous = invitation.interview_id
        moving = previous.state in UPCOMING_STATES
        interview = self.create(
            self._prepare_values(invitation, values, previous._get_next_round())
        )
        if moving:
            previous._move_to(interview)
        invitation.interview_id = interview
        if interview.location_id:
            interview._copy_direction_translations(interview.location_id)
        event = previous.event_id if moving else self.env["calendar.event"]
        interview.event_id = interview._save_event(values, partner, event)
        interview._offer_slots(values)
        return interview

    @api.model
    def _new_for_preview(self, invitation, values):
        """The interview ``_schedule`` would make of ``values``, as a new record: nothing is
        written, the candidate's messages can be shown before they are sent."""
        values = self._normalize_schedule_values(invitation, values)
        duration = (values["stop"] - values["start"]) if values["stop"] else False
        round_ = invitation.interview_id._get_next_round()
        # In the candidate's language (when active): the directions typed are theirs
        # (translated fields), the messages are rendered in it.
        lang = self.env["res.lang"]._get_code(values["lang"]) or self.env.lang
        return self.with_context(lang=lang).new(
            {
                **self._prepare_values(invitation, values, round_),
                "invitation_id": self.env["hr.invitation"].new(
                    {"candidate_tz": values["candidate_tz"]}, origin=invitation
                ),
                "slot_ids": [
                    Command.create({"start": start, "stop": start + duration, "origin": "offered"})
                    for start in values["alternative_starts"]
                    if duration
                ],
            }
        )

    def _get_next_round(self):
        """The round of the interview that follows this one (the invitation's first: 1)."""
        if not self:
            return 1
        return self.round + 1 if self.state == "attended" else self.round

    def _move_to(self, new):
        """This interview is replaced by ``new`` at another time: it is kept as ``moved``, its
        pending follow-ups cancelled; what the candidate said about their journey still holds,
        their request for another time is answered by the move."""
        self.ensure_one()
        self._set_state("moved")
        self.followup_ids._cancel_pending()
        new.write(
            {
                "travel_mode": self.travel_mode,
                "needs_parking": self.needs_parking,
                "pickup_point": self.pickup_point,
            }
        )
        self.slot_ids.filtered(lambda slot: slot.state != "dismissed").interview_id = new
        self._settle_reschedule_request()

    def _start(self):
        """The interview is on (the candidate told or not): waiting for their answer, its
        follow-ups planned."""
        self._set_state("scheduled")
        self.env["hr.invitation.followup"]._create_for_interviews(self)
        self.invitation_id.concern_ids._move_follow_up_deadline()

    @api.model
    def _prepare_values(self, invitation, values, round_):
        return {
            "invitation_id": invitation.id,
            "round": round_,
            "start": values["start"],
            "stop": values["stop"],
            "interview_format": values["interview_format"],
            "location_id": values["location_id"],
            "venue_tz": values["venue_tz"],
            **{
                fname: values["interview_format"] == "on_site" and values.get(fname) or False
                for fname in DIRECTION_FIELDS
            },
            "notify_by_email": bool(values.get("notify_by_email")),
            "notify_by_sms": bool(values.get("notify_by_sms")),
            "what_to_bring": values.get("what_to_bring") or False,
            "lang": self.env["res.lang"]._get_code(values["lang"]),
        }

    def _save_event(self, values, partner, event):
        """Create the interview's calendar event, or move ``event`` to it.

        Odoo's own invitation mails go to the interviewers (unless the caller asked for no
        calendar mails); the candidate gets ours.
        """
        self.ensure_one()
        notify_interviewers = not self.env.context.get("no_mail_to_attendees")
        event_values = self._prepare_event_values(values, partner)
        quiet = self.env["calendar.event"].with_context(
            no_mail_to_attendees=True, hr_invitation_scheduling=True
        )
        if event.active:
            event = event.with_context(no_mail_to_attendees=True, hr_invitation_scheduling=True)
            event.write(event_values)
        else:
            event = quiet.create(event_values)
        if self.interview_format == "video" and not event.videocall_location:
            event._set_discuss_videocall_location()
        if notify_interviewers:
            interviewers = event.attendee_ids.filtered(lambda att: att.partner_id != partner)
            interviewers.with_context(no_mail_to_attendees=False)._send_invitation_emails()
        return event

    def _prepare_event_values(self, values, partner):
        self.ensure_one()
        invitation = self.invitation_id
        interviewers = self.env["res.users"].browse(values["interviewer_ids"])
        return {
            "name": self.env._(
                "Interview: %(candidate)s (%(job)s)",
                candidate=invitation.candidate_id.display_name,
                job=invitation.job_id.name or self.env._("spontaneous application"),
            ),
            "start": values["start"],
            "stop": values["stop"],
            "user_id": invitation._get_recruiter().id,
            "partner_ids": [Command.set((interviewers.partner_id | partner).ids)],
            "applicant_id": invitation.applicant_id.id,
            "res_model_id": self.env["ir.model"]._get_id("hr.applicant"),
            "res_id": invitation.applicant_id.id,
            "location": self._get_place_for_recruiter(),
            "videocall_location": self.interview_format == "video"
            and values.get("videocall_location")
            or False,
            "description": self._get_directions_html(),
            "alarm_ids": [Command.set(values["alarm_ids"])],
        }

    def _offer_slots(self, values):
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
                    "interview_id": self.id,
                    "start": start,
                    "stop": start + duration,
                    "origin": "offered",
                }
                for start in values["alternative_starts"]
            ]
        )

    def _on_event_moved(self):
        """Their meetings were moved in the calendar, not by the scheduling wizard: each
        interview is moved to its meeting's new time, its follow-ups with it."""
        for interview in self:
            new = self.create(interview._prepare_moved_values())
            new._copy_direction_translations(interview)
            interview._move_to(new)
            interview.invitation_id.interview_id = new
            # The candidate gets our message with the new time (Odoo's own calendar mail is
            # not sent to them: calendar.attendee), and confirms it again.
            new._send_interview_invitation()
            new._start()

    def _prepare_moved_values(self):
        """The same interview at its meeting's new time."""
        self.ensure_one()
        return {
            "invitation_id": self.invitation_id.id,
            "round": self.round,
            "start": self.event_id.start,
            "stop": self.event_id.stop,
            "event_id": self.event_id.id,
            "interview_format": self.interview_format,
            "location_id": self.location_id.id,
            "venue_tz": self.venue_tz,
            **self._get_directions_values(),
            "notify_by_email": self.notify_by_email,
            "notify_by_sms": self.notify_by_sms,
            "what_to_bring": self.what_to_bring,
        }

    def _cancel(self):
        """The invitation ended: upcoming interviews are cancelled, their follow-ups too, and
        their meetings leave the interviewers' calendars."""
        upcoming = self.filtered(lambda interview: interview.state in UPCOMING_STATES)
        upcoming.write({"state": "cancelled"})
        self.followup_ids._cancel_pending()
        upcoming._free_meetings()
        return upcoming

    def _decline(self, reason):
        """The candidate will not come (their page, or the reminder call): the interview is
        declined, its follow-ups cancelled, its meeting freed, the open escalations closed."""
        self._set_state(
            "declined",
            declined_at=fields.Datetime.now(),
            decline_reason=reason,
            reschedule_requested_at=False,
        )
        self.followup_ids._cancel_pending()
        self._free_meetings()
        self.invitation_id.escalation_ids._close_with_invitation()

    def _free_meetings(self):
        """The interview will not take place: the candidate's attendance is declined and its
        meeting, if still ahead and no other interview's, is archived."""
        now = fields.Datetime.now()
        for interview in self.filtered(lambda iv: iv.event_id.active and iv.event_id.start > now):
            interview._get_candidate_attendee().filtered(
                lambda attendee: attendee.state != "declined"
            ).do_decline()
        events = self.event_id.filtered(lambda event: event.active and event.start > now)
        still_used = self.search(
            [("event_id", "in", events.ids), ("state", "in", UPCOMING_STATES)]
        ).event_id
        (events - still_used).action_archive()

    def _get_reminder_due(self):
        """When the day-before reminder is due, or None: an invitation sent within the
        reminder delay is its own reminder."""
        self.ensure_one()
        due = self.start - timedelta(hours=self.company_id.invitation_reminder_hours)
        sent = self.invitation_sent_at
        return due if sent and sent < due else None
