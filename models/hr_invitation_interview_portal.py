"""The candidate's interview page: who may open it, what it shows, and the answers it takes.

The page is reached from the open internet without an account, through a link with a 256-bit
token that expires (portal.mixin's never does); every answer is validated before anything is
written, and is idempotent.
"""

import logging
import secrets
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import consteq

from odoo.addons.hr_recruitment_invitation.tools import (
    candidate_input,
    interview_logistics,
)

from .hr_invitation_interview import UPCOMING_STATES

_logger = logging.getLogger(__name__)

# Candidate portal: the link works until 14 days after the interview's end.
PORTAL_TOKEN_VALIDITY = timedelta(days=14)
PORTAL_TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG
PORTAL_MAX_PROPOSALS = 3
PORTAL_PROPOSAL_MIN_NOTICE = timedelta(hours=1)
# A candidate proposes times within the horizon the recruiter offers them in.
PORTAL_PROPOSAL_HORIZON = timedelta(days=60)
PORTAL_ARRIVAL_MAX_ADVANCE = timedelta(hours=6)
PORTAL_TEXT_MAX_LENGTH = 2000
PORTAL_PICKUP_POINT_MAX_LENGTH = 200
PORTAL_ADDRESS_FIELDS = ["street", "street2", "zip", "city", "state_id", "country_id"]
# What the portal reads of the interview's invitation: whether it is open and the interview its
# current one, the candidate's zone, the names and the privacy notice's company.
PORTAL_INVITATION_FIELDS = [
    "state",
    "interview_id",
    "candidate_tz",
    "candidate_id",
    "job_id",
    "company_id",
]
PORTAL_ACTIVITY_TYPES = {
    "reschedule": "hr_recruitment_invitation.mail_activity_type_interview_reschedule",
    "parking": "hr_recruitment_invitation.mail_activity_type_interview_parking",
    "pickup": "hr_recruitment_invitation.mail_activity_type_interview_pickup",
}


class HrInvitationInterview(models.Model):
    _inherit = "hr.invitation.interview"

    # The candidate's key to their interview page: recruiters only (RPC reads included), and
    # in no view, filter, group or export (fields_get).
    access_token = fields.Char(
        groups="hr_recruitment.group_hr_recruitment_user", copy=False, exportable=False
    )
    # Whom the candidate contacts, as their page shows it: the recruiter, with their phone
    # (else the company's) and email (else the company's).
    contact_name = fields.Char("Contact Person", compute="_compute_contact", store=True)
    contact_phone = fields.Char(compute="_compute_contact", store=True)
    contact_email = fields.Char(compute="_compute_contact", store=True)

    @api.depends(
        "invitation_id.user_id.partner_id.name",
        "invitation_id.user_id.partner_id.phone",
        "invitation_id.user_id.partner_id.email",
        "invitation_id.applicant_id.user_id",
        "company_id.partner_id.phone",
        "company_id.partner_id.email",
    )
    def _compute_contact(self):
        for interview in self:
            recruiter = interview.invitation_id._get_recruiter().sudo().partner_id
            company = interview.company_id.sudo().partner_id
            interview.contact_name = recruiter.name
            interview.contact_phone = recruiter.phone or company.phone
            interview.contact_email = recruiter.email or company.email

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The web client builds its filters, groups and exports from this: never the token."""
        fields_info = super().fields_get(allfields, attributes)
        fields_info.pop("access_token", None)
        return fields_info

    def _compute_access_url(self):
        super()._compute_access_url()
        for interview in self:
            interview.access_url = f"/my/interviews/{interview.id}"

    # ------------------------------------------------------------------
    # Candidate portal: access
    # ------------------------------------------------------------------

    def _portal_ensure_token(self):
        """A 256-bit random token (portal.mixin's uuid4 carries only 122 random bits).

        Every link goes through here (get_portal_url, public over RPC; portal.mixin's share
        wizard and access action): only who may read the token gets or creates one.
        """
        self.ensure_one()
        self._check_candidate_link_access()
        interview = self.sudo()
        if not interview.access_token:
            interview.write({"access_token": secrets.token_urlsafe(PORTAL_TOKEN_BYTES)})
        return interview.access_token

    def _check_candidate_link_access(self):
        """Raise AccessError unless the user may read this invitation's token (recruiters).

        The refusal is logged with who asked for which invitation, never with the token.
        """
        if self.env.su or (
            self._fields["access_token"].is_accessible(self.env) and self.has_access("read")
        ):
            return
        _logger.warning(
            "Refused the candidate link of hr.invitation.interview %s to user %s (id %s)",
            self.ids,
            self.env.user.login,
            self.env.uid,
        )
        raise AccessError(
            self.env._("Only recruiters may get or send the candidate's link to their interview.")
        )

    @api.model
    def _get_portal_interview(self, interview_id, token):
        """The interview ``token`` opens, in sudo, or an empty recordset: the interview itself,
        or the current one of its interview when it was moved.

        Reading the token is what tells a missing interview (no separate exists() query): it
        is refused like a wrong token.
        """
        if not (isinstance(interview_id, int) and interview_id > 0):
            return self.browse()
        interview = self.sudo().browse(interview_id)
        try:
            return interview._get_opened_interview(token)
        except MissingError:
            return self.browse()

    def _get_opened_interview(self, token):
        """The interview the link of this one opens with ``token``, or an empty recordset."""
        self.ensure_one()
        if not self._is_portal_token(token):
            return self.browse()
        # Its whole row (notes, counters, planning) costs more than what the portal reads of it.
        self.invitation_id.fetch(PORTAL_INVITATION_FIELDS)
        opened = self.invitation_id.interview_id if self.state == "moved" else self
        return opened if opened._is_portal_open() else self.browse()

    def _is_portal_token(self, token):
        """Whether ``token`` is this interview's (constant-time comparison)."""
        self.ensure_one()
        if not (isinstance(token, str) and token.isascii() and token and self.access_token):
            return False
        return consteq(self.access_token, token)

    def _get_portal_lang(self):
        """The language of the candidate's messages about this interview, else theirs (their
        contact's, else their phone's country's), or False."""
        self.ensure_one()
        return self.env["res.lang"]._get_code(self.lang) or self.invitation_id._get_candidate_lang()

    def _is_portal_open(self):
        """The one rule for every portal route, once the token is right: an interview to show,
        of an interview still open, not cancelled, and not later than 14 days after its end."""
        self.ensure_one()
        if not self or self.state in ("cancelled", "moved"):
            return False
        if self.invitation_id.state == "cancelled":
            return False
        return fields.Datetime.now() <= self.stop + PORTAL_TOKEN_VALIDITY

    def _check_portal_answerable(self):
        """Raise unless the candidate can still answer: interview open, interview ahead."""
        self.ensure_one()
        if self._is_portal_answerable():
            return
        if self.state not in UPCOMING_STATES or not self._is_current():
            raise UserError(
                self.env._("This invitation is closed: contact the recruiter if you need anything.")
            )
        raise UserError(
            self.env._(
                "Your interview time has passed: contact the recruiter if you need anything."
            )
        )

    def _check_portal_confirmed(self):
        """Raise unless the candidate can plan their journey: confirmed, to come on site."""
        self._check_portal_answerable()
        if not self._is_on_site():
            raise UserError(self.env._("Your interview is a call: there is no journey to plan."))
        if self.state != "confirmed":
            raise UserError(
                self.env._("Please confirm that you will come first, then tell us how you travel.")
            )

    # ------------------------------------------------------------------
    # Candidate portal: what the page shows
    # ------------------------------------------------------------------

    def _get_portal_values(self, lang_code):
        """Everything the interview page shows, and nothing else (no record is rendered)."""
        self.ensure_one()
        interview = self.with_context(lang=lang_code)
        interview._fetch_portal_records()
        address = interview._get_portal_address()
        candidate_time = interview._get_interview_time_for_candidate
        open_slots = interview._get_portal_open_slots()
        pending = open_slots.filtered(lambda slot: slot.origin == "proposed")
        return {
            "company_name": interview.company_id.name,
            "contact": interview._get_portal_contact(),
            "job_name": interview.job_id.name,
            "candidate_name": interview.candidate_id.display_name,
            "round": interview.round,
            "status": interview._get_portal_status(),
            "can_answer": interview._is_portal_answerable(),
            "when": candidate_time(),
            "duration_minutes": round((interview.stop - interview.start).total_seconds() / 60),
            "on_site": interview._is_on_site(),
            "join_url": interview._get_portal_join_url(),
            "phone_call": interview._get_portal_phone_call(),
            "address": address,
            "map_url": address and interview._get_portal_map_url(address),
            "logistics": interview._get_directions() if interview._is_on_site() else [],
            "zone_name": interview._get_local_zone_name(),
            "what_to_bring": interview.what_to_bring or interview.job_id.interview_what_to_bring,
            "offered_slots": [
                (interview._get_portal_slot_key(slot), candidate_time(value=slot.start))
                for slot in interview._get_portal_offered_slots(open_slots)
            ],
            "requested_times": [
                candidate_time(value=slot.start) for slot in pending.sorted("start")
            ]
            if interview.reschedule_requested_at
            else [],
            "max_proposals": PORTAL_MAX_PROPOSALS,
            "travel_modes": interview._fields["travel_mode"]._description_selection(interview.env),
            "travel_mode": interview.travel_mode,
            "arrival_time": interview._candidate_wall_time(interview.expected_arrival),
            "needs_parking": interview.needs_parking,
            "pickup_point": interview.pickup_point or "",
            "pickup_time": interview._candidate_wall_time(interview.pickup_at),
            "decline_reason": interview.decline_reason or "",
        }

    def _get_portal_contact(self):
        """Whom the candidate calls or writes to (stored on the interview: no read on the page)."""
        self.ensure_one()
        return {
            "name": self.contact_name or "",
            "phone": self.contact_phone or "",
            "email": self.contact_email or "",
        }

    def _fetch_portal_records(self):
        """Read only what the page shows of the records around the invitation: their whole
        rows (a job's descriptions, a contact's or a candidate's details) cost more than it."""
        self.location_id.fetch(PORTAL_ADDRESS_FIELDS)
        self.location_id.state_id.fetch(["name"])
        self.location_id.country_id.fetch(["name"])
        self.job_id.fetch(["name", "interview_what_to_bring"])
        self.candidate_id.fetch(["partner_name", "partner_id"])

    def _get_portal_status(self):
        self.ensure_one()
        if self.state == "scheduled":
            return "reschedule" if self.reschedule_requested_at else "awaiting"
        if self.state in ("confirmed", "declined"):
            return self.state
        return "closed"

    def _is_portal_answerable(self):
        self.ensure_one()
        return (
            self.state in UPCOMING_STATES
            and self._is_current()
            and fields.Datetime.now() < self.start
        )

    def _get_portal_address(self):
        """The address of an interview on site, on one line (else the event's location)."""
        self.ensure_one()
        if not self._is_on_site():
            return ""
        return self._get_interview_address() or self.event_id.location or ""

    def _get_portal_join_url(self):
        """The meeting link of a video interview (the event's: Odoo's Discuss room, or the
        link the recruiter gave)."""
        self.ensure_one()
        return self.interview_format == "video" and self.videocall_location or ""

    def _get_portal_phone_call(self):
        """Who calls which number for a phone interview, with the number's last digits only."""
        self.ensure_one()
        return self.interview_format == "phone" and self._get_phone_call_line(masked=True) or ""

    def _get_portal_map_url(self, address):
        self.ensure_one()
        return self.map_url or interview_logistics.map_url([address])

    @api.model
    def _get_portal_slot_key(self, slot):
        """How the page names an offered time: its start (UTC), not its record id."""
        return slot.start.strftime("%Y%m%dT%H%M")

    def _get_portal_open_slots(self):
        """The interview's open times, offered or proposed, read with what the page shows of
        them in one query (its slot_ids, then their rows, take two)."""
        self.ensure_one()
        return self.env["hr.invitation.slot"].search_fetch(
            [("interview_id", "=", self.id), ("state", "=", "open")], ["start", "origin", "state"]
        )

    def _get_portal_offered_slots(self, slots=None):
        """The offered times the candidate can still pick instead of the planned one, among
        ``slots`` (the interview's, unless given)."""
        now = fields.Datetime.now()
        return (self.slot_ids if slots is None else slots).filtered(
            lambda slot: slot.origin == "offered" and slot.state == "open" and slot.start > now
        )

    def _candidate_wall_time(self, value):
        """``HH:MM`` of a UTC datetime in the interview's local zone (the page's time inputs)."""
        self.ensure_one()
        if not value:
            return ""
        return candidate_input.naive_utc_to_wall(value, self._get_local_tz()).strftime("%H:%M")

    def _get_portal_ics(self, lang_code):
        """The interview as an .ics file, with only what the candidate may see.

        Odoo's own export (calendar.event._get_ics_file) of an in-memory copy of the event:
        no attendees' addresses, no internal description.
        """
        self.ensure_one()
        interview = self.with_context(lang=lang_code)
        interview._fetch_portal_records()
        address = interview._get_portal_address()
        event = interview.env["calendar.event"].new(
            {
                "name": interview.env._(
                    "Interview: %(job)s, %(company)s",
                    job=interview.job_id.name,
                    company=interview.company_id.name,
                ),
                "start": interview.event_id.start,
                "stop": interview.event_id.stop,
                "allday": False,
                "location": address
                or interview._get_portal_join_url()
                or interview._get_portal_phone_call(),
                "description": interview._get_portal_ics_description(address),
                "alarm_ids": [Command.set(interview.event_id.alarm_ids.ids)],
                "partner_ids": [Command.clear()],
                "partner_id": False,
                "user_id": False,
            }
        )
        return event._get_ics_file().get(event.id)

    def _get_portal_ics_description(self, address):
        lines = [self._get_portal_map_url(address)] if address else []
        if self._get_portal_join_url():
            lines.append(
                self.env._("Join the video call: %(url)s", url=self._get_portal_join_url())
            )
        lines += [f"{label}: {text}" for label, text in self._get_directions()]
        what_to_bring = self.what_to_bring or self.job_id.interview_what_to_bring
        if what_to_bring:
            lines.append(self.env._("What to bring: %(items)s", items=what_to_bring))
        return Markup("<br/>").join(lines)
