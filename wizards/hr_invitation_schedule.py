from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import format_datetime

from odoo.addons.base.models.res_partner import _lang_get, _tz_get
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_directions import (
    DIRECTION_FIELDS,
)
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_interview import (
    UPCOMING_STATES,
)
from odoo.addons.hr_recruitment_invitation.tools import interview_logistics, phone_tz

LOCATION_KINDS = [
    ("job", "Job location"),
    ("company", "Company address"),
    ("other", "Another address"),
]
DEFAULT_INTERVIEW_HOUR = 10
DEFAULT_ALARMS = ("calendar.alarm_notif_3", "calendar.alarm_notif_1")
ALTERNATIVE_FIELDS = ("alternative_1_start", "alternative_2_start", "alternative_3_start")


class HrInvitationSchedule(models.TransientModel):
    _name = "hr.invitation.schedule"
    _inherit = ["hr.invitation.directions"]
    _description = "Schedule an Interview"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, readonly=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="invitation_id.company_id")
    candidate_id = fields.Many2one(related="invitation_id.candidate_id")
    job_id = fields.Many2one(related="invitation_id.job_id")
    current_interview_id = fields.Many2one(related="invitation_id.interview_id")
    round = fields.Integer("Interview Round", compute="_compute_round")
    start = fields.Datetime(
        "Interview Start", compute="_compute_start", store=True, readonly=False, required=True
    )
    duration = fields.Float(default=1.0, required=True, help="In hours.")
    stop = fields.Datetime("Interview End", compute="_compute_stop")
    candidate_tz = fields.Selection(
        _tz_get,
        "Candidate Time Zone",
        compute="_compute_candidate_tz",
        store=True,
        readonly=False,
        required=True,
    )
    candidate_start_display = fields.Char("Candidate's Time", compute="_compute_candidate_time")
    interviewer_ids = fields.Many2many(
        "res.users",
        string="Interviewers",
        compute="_compute_interviewer_ids",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
    )
    conflict_note = fields.Text("Calendar Conflicts", compute="_compute_conflict_note")
    alarm_ids = fields.Many2many(
        "calendar.alarm",
        string="Reminders for the Interviewers",
        default=lambda self: self._default_alarm_ids(),
    )
    location_kind = fields.Selection(
        LOCATION_KINDS,
        "Where",
        compute="_compute_location_kind",
        store=True,
        readonly=False,
        required=True,
    )
    location_id = fields.Many2one(
        "res.partner", "Address", compute="_compute_location_id", store=True, readonly=False
    )
    map_url = fields.Char("Map", compute="_compute_map_url")
    # The directions (hr.invitation.directions), from the chosen address.
    interview_route = fields.Text(compute="_compute_directions", store=True, readonly=False)
    interview_landmarks = fields.Text(compute="_compute_directions", store=True, readonly=False)
    interview_parking = fields.Text(compute="_compute_directions", store=True, readonly=False)
    interview_transit_lines = fields.Char(compute="_compute_directions", store=True, readonly=False)
    alternative_1_start = fields.Datetime("Other Time 1")
    alternative_2_start = fields.Datetime("Other Time 2")
    alternative_3_start = fields.Datetime("Other Time 3")
    lang = fields.Selection(
        _lang_get,
        "Candidate Language",
        compute="_compute_lang",
        store=True,
        readonly=False,
        required=True,
    )
    candidate_email = fields.Char(related="candidate_id.email_from", string="Email")
    candidate_phone = fields.Char(related="candidate_id.partner_phone", string="Phone")
    sms_problem = fields.Char("Text Message Problem", compute="_compute_sms_problem")
    notify_by_email = fields.Boolean(
        "Send by Email", compute="_compute_channels", store=True, readonly=False
    )
    notify_by_sms = fields.Boolean(
        "Send by Text Message", compute="_compute_channels", store=True, readonly=False
    )

    def _default_alarm_ids(self):
        alarms = self.env["calendar.alarm"]
        for xmlid in DEFAULT_ALARMS:
            alarms |= self.env.ref(xmlid, raise_if_not_found=False) or alarms
        return alarms

    @api.depends("invitation_id")
    def _compute_round(self):
        for wizard in self:
            wizard.round = wizard.current_interview_id._get_next_round()

    def _get_upcoming_interview(self):
        """The interview this wizard moves, if it moves one (else it schedules a new one)."""
        self.ensure_one()
        current = self.current_interview_id
        return current if current.state in UPCOMING_STATES else current.browse()

    @api.depends("invitation_id")
    def _compute_start(self):
        for wizard in self:
            wizard.start = wizard._get_upcoming_interview().start or wizard._default_start()

    def _default_start(self):
        """Tomorrow at 10:00, the recruiter's time."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        tomorrow = fields.Datetime.context_timestamp(self, fields.Datetime.now()).date()
        local = tz.localize(
            datetime.combine(tomorrow + timedelta(days=1), time(DEFAULT_INTERVIEW_HOUR))
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("start", "duration")
    def _compute_stop(self):
        for wizard in self:
            wizard.stop = wizard.start and wizard.start + timedelta(hours=wizard.duration)

    @api.depends("invitation_id")
    def _compute_candidate_tz(self):
        for wizard in self:
            invitation = wizard.invitation_id
            wizard.candidate_tz = (
                invitation.candidate_tz
                or invitation.partner_id.tz
                or invitation.company_id.resource_calendar_id.tz
                or self.env.user.tz
                or "UTC"
            )

    @api.depends("start", "candidate_tz", "lang")
    def _compute_candidate_time(self):
        for wizard in self:
            wizard.candidate_start_display = wizard.start and interview_logistics.format_local_time(
                wizard.start, wizard.candidate_tz, wizard.lang
            )

    @api.depends("invitation_id")
    def _compute_interviewer_ids(self):
        for wizard in self:
            invitation = wizard.invitation_id
            wizard.interviewer_ids = (
                wizard.current_interview_id.event_id.partner_ids.user_ids.filtered(
                    lambda user: not user.share
                )
                or invitation.applicant_id.interviewer_ids
                or invitation.job_id.interviewer_ids
                or invitation.user_id
            )

    @api.depends("interviewer_ids", "start", "duration")
    def _compute_conflict_note(self):
        for wizard in self:
            wizard.conflict_note = wizard._get_conflict_note()

    def _get_conflict_note(self):
        """Who of the interviewers is busy then (times only: their events may be private)."""
        self.ensure_one()
        if not (self.start and self.stop and self.interviewer_ids):
            return False
        busy = (
            self.env["calendar.attendee"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.interviewer_ids.partner_id.ids),
                    ("state", "!=", "declined"),
                    ("event_id.active", "=", True),
                    ("event_id.show_as", "=", "busy"),
                    ("event_id.start", "<", self.stop),
                    ("event_id.stop", ">", self.start),
                    ("event_id", "!=", self._get_upcoming_interview().event_id.id),
                ]
            )
        )
        lines = [
            self.env._(
                "%(name)s is busy from %(start)s to %(stop)s.",
                name=attendee.partner_id.name,
                start=format_datetime(self.env, attendee.event_id.start, dt_format="short"),
                stop=format_datetime(self.env, attendee.event_id.stop, dt_format="short"),
            )
            for attendee in busy.sorted(lambda a: (a.partner_id.name, a.event_id.start))
        ]
        return "\n".join(lines) or False

    @api.depends("invitation_id")
    def _compute_location_kind(self):
        for wizard in self:
            current = wizard.current_interview_id.location_id
            job_address = wizard.job_id.address_id
            if current and current not in (job_address, wizard.company_id.partner_id):
                wizard.location_kind = "other"
            elif job_address and current in (job_address, self.env["res.partner"]):
                wizard.location_kind = "job"
            else:
                wizard.location_kind = "company"

    @api.depends("location_kind")
    def _compute_location_id(self):
        for wizard in self:
            if wizard.location_kind == "job":
                wizard.location_id = wizard.job_id.address_id
            elif wizard.location_kind == "company":
                wizard.location_id = wizard.company_id.partner_id
            else:
                wizard.location_id = wizard.location_id or wizard.current_interview_id.location_id

    @api.depends("location_id")
    def _compute_map_url(self):
        for wizard in self:
            wizard.map_url = wizard.location_id and wizard.location_id._get_interview_map_url()

    @api.depends("location_id")
    def _compute_directions(self):
        for wizard in self:
            interview = wizard.current_interview_id
            # Keep what was said for this interview rather than the address's defaults.
            same_place = wizard.location_id == interview.location_id
            source = interview if same_place else wizard.location_id
            wizard.update(
                source._get_directions_values() if source else dict.fromkeys(DIRECTION_FIELDS)
            )

    @api.depends("invitation_id")
    def _compute_lang(self):
        """The candidate's language: their contact's, else that of their phone's country
        (a German number: German, when installed), else the recruiter's."""
        active = [code for code, _name in self.env["res.lang"].get_installed()]
        for wizard in self:
            invitation = wizard.invitation_id
            lang = invitation.partner_id.lang
            if lang not in active:
                region = phone_tz.region_of(invitation.partner_phone, invitation._phone_region())
                lang = phone_tz.language_of_region(region, active)
            wizard.lang = lang or self.env.lang or "en_US"

    @api.depends("invitation_id")
    def _compute_sms_problem(self):
        for wizard in self:
            wizard.sms_problem = wizard.invitation_id and wizard.invitation_id._get_sms_problem()

    @api.depends("invitation_id")
    def _compute_channels(self):
        for wizard in self:
            wizard.notify_by_email = bool(wizard.candidate_email)
            wizard.notify_by_sms = bool(wizard.invitation_id) and not wizard.sms_problem

    def _prepare_interview_values(self):
        self.ensure_one()
        return {
            "start": self.start,
            "stop": self.stop,
            "candidate_tz": self.candidate_tz,
            "lang": self.lang,
            "interviewer_ids": self.interviewer_ids.ids,
            "alarm_ids": self.alarm_ids.ids,
            "location_id": self.location_id.id,
            "alternative_starts": [self[fname] for fname in ALTERNATIVE_FIELDS if self[fname]],
            "notify_by_email": self.notify_by_email,
            "notify_by_sms": self.notify_by_sms,
            **self._get_directions_values(),
        }

    def action_schedule(self):
        """Create or move the interview and send its details to the candidate."""
        self.ensure_one()
        self.invitation_id._schedule_interview(self._prepare_interview_values())
        return {"type": "ir.actions.act_window_close"}
