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
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_states import (
    INTERVIEW_FORMATS,
    LEAD_TIME_MAX_HOURS,
    LEAD_TIME_MIN_HOURS,
)

LOCATION_KINDS = [
    ("job", "Job location"),
    ("company", "Company address"),
    ("other", "Another address"),
]
DEFAULT_INTERVIEW_HOUR = 10
# Proposed times: steps through the working hours, at most this many shown.
SUGGESTION_STEP = timedelta(minutes=30)
MAX_SUGGESTIONS = 3
# Interviews that occupy an interviewer's week.
LOAD_STATES = ("scheduled", "confirmed", "attended", "no_show")
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
    interview_format = fields.Selection(
        INTERVIEW_FORMATS,
        "Format",
        compute="_compute_interview_format",
        store=True,
        readonly=False,
        required=True,
    )
    videocall_location = fields.Char(
        "Meeting Link",
        compute="_compute_videocall_location",
        store=True,
        readonly=False,
        help="A link to your video meeting (Zoom, Teams, Meet...). Empty: Odoo's Discuss room.",
    )
    venue_tz = fields.Selection(
        _tz_get,
        "Venue Time Zone",
        compute="_compute_venue_tz",
        store=True,
        readonly=False,
        help="The zone of the address, from its country and city: the candidate, who will be "
        "there, reads the interview's time in it.",
    )
    suggested_times = fields.Text(
        "Free Times 24-72 h Ahead",
        compute="_compute_suggested_times",
        help="Interviews booked 24 to 72 hours ahead are attended most (about 91% against 72% "
        "under 24 hours, Talview, 93,783 interviews).",
    )
    preview_email = fields.Html(
        "Email to the Candidate", compute="_compute_previews", sanitize=False
    )
    preview_sms = fields.Text("Text Message to the Candidate", compute="_compute_previews")
    lead_time_warning = fields.Char("Short Notice", compute="_compute_lead_time_warning")
    interviewer_load = fields.Text("Interviews That Week", compute="_compute_interviewer_load")
    interviewer_load_warning = fields.Text(
        "Interviewers Above Their Limit", compute="_compute_interviewer_load"
    )
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
    # In the recruiter's language here: the interview takes the address's translations.
    interview_route = fields.Text(
        compute="_compute_directions", store=True, readonly=False, translate=False
    )
    interview_landmarks = fields.Text(
        compute="_compute_directions", store=True, readonly=False, translate=False
    )
    interview_parking = fields.Text(
        compute="_compute_directions", store=True, readonly=False, translate=False
    )
    interview_transit_lines = fields.Char(
        compute="_compute_directions", store=True, readonly=False, translate=False
    )
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
            upcoming = wizard._get_upcoming_interview()
            wizard.start = (
                (upcoming and upcoming._get_requested_start())
                or upcoming.start
                or next(iter(wizard._get_free_starts()), None)
                or wizard._default_start()
            )

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

    @api.depends("start", "candidate_tz", "lang", "interview_format", "venue_tz")
    def _compute_candidate_time(self):
        for wizard in self:
            # The candidate's language when it is active (env.lang refuses any other).
            active = wizard.lang and self.env["res.lang"]._get_data(code=wizard.lang)
            lang = wizard.lang if active else self.env.lang
            interviews = self.env["hr.invitation.interview"].with_context(lang=lang)
            local_tz = interviews._pick_local_tz(
                wizard.interview_format, wizard.venue_tz, wizard.candidate_tz
            )
            wizard.candidate_start_display = interviews._format_interview_time(
                wizard.start, local_tz, wizard.candidate_tz, "full"
            )

    @api.depends("invitation_id")
    def _compute_interview_format(self):
        for wizard in self:
            upcoming = wizard._get_upcoming_interview()
            wizard.interview_format = (
                upcoming.interview_format or wizard.job_id.interview_format or "on_site"
            )

    @api.depends("interview_format")
    def _compute_videocall_location(self):
        for wizard in self:
            event = wizard._get_upcoming_interview().event_id
            custom = event.videocall_source == "custom" and event.videocall_location
            wizard.videocall_location = wizard.interview_format == "video" and custom or False

    @api.depends("location_id")
    def _compute_venue_tz(self):
        for wizard in self:
            fallback = wizard.company_id.resource_calendar_id.tz
            wizard.venue_tz = wizard.location_id and wizard.location_id._get_interview_tz(fallback)

    # ------------------------------------------------------------------
    # Lead time: free times 24 to 72 hours ahead
    # ------------------------------------------------------------------

    @api.depends("invitation_id", "interviewer_ids", "duration")
    def _compute_suggested_times(self):
        for wizard in self:
            wizard.suggested_times = "\n".join(
                format_datetime(self.env, start, dt_format="short")
                for start in wizard._get_free_starts()
            ) or wizard.env._("No free time 24 to 72 hours ahead: look further.")

    def _get_free_starts(self):
        """Up to MAX_SUGGESTIONS starts 24 to 72 hours from now, in the company's working
        hours, when none of the interviewers is busy."""
        self.ensure_one()
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        begin = now + timedelta(hours=LEAD_TIME_MIN_HOURS)
        end = now + timedelta(hours=LEAD_TIME_MAX_HOURS)
        length = timedelta(hours=self.duration or 1.0)
        busy = self._get_busy_periods(begin, end)
        starts = []
        for work_start, work_stop in self._get_work_periods(begin, end):
            start = self._round_up(max(work_start, begin))
            while start + length <= work_stop and len(starts) < MAX_SUGGESTIONS:
                if not any(b_start < start + length and start < b_stop for b_start, b_stop in busy):
                    starts.append(start)
                start += SUGGESTION_STEP
        return starts

    @api.model
    def _round_up(self, value):
        """``value`` rounded up to the next half hour."""
        step = int(SUGGESTION_STEP.total_seconds() // 60)
        extra = (-value.minute) % step
        return value + timedelta(minutes=extra) if extra else value

    def _get_work_periods(self, begin, end):
        """[(start, stop)] naive UTC of the company's working hours between ``begin`` and
        ``end`` (resource.calendar, in its zone, holidays off)."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return [(begin, end)]
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(begin), pytz.utc.localize(end)
        )[False]
        return [
            (
                start.astimezone(pytz.utc).replace(tzinfo=None),
                stop.astimezone(pytz.utc).replace(tzinfo=None),
            )
            for start, stop, _record in intervals
        ]

    def _get_busy_periods(self, begin, end):
        """[(start, stop)] of the interviewers' busy meetings between ``begin`` and ``end``."""
        self.ensure_one()
        attendees = self._search_busy_attendees(begin, end)
        return [(att.event_id.start, att.event_id.stop) for att in attendees]

    @api.depends("start")
    def _compute_lead_time_warning(self):
        for wizard in self:
            hours = wizard.start and (wizard.start - fields.Datetime.now()).total_seconds() / 3600
            wizard.lead_time_warning = (
                wizard.start
                and 0 < hours < LEAD_TIME_MIN_HOURS
                and wizard.env._(
                    "Less than 24 hours' notice: candidates come less often (about 72%% against "
                    "91%% with 24 to 72 hours). Schedule it anyway if it suits them."
                )
            )

    # ------------------------------------------------------------------
    # Interviewers' load
    # ------------------------------------------------------------------

    @api.depends("interviewer_ids", "start")
    def _compute_interviewer_load(self):
        for wizard in self:
            counts = wizard._get_interviewer_week_counts()
            lines, warnings = [], []
            for user in wizard.interviewer_ids:
                count = counts.get(user._origin.id, 0)
                limit = user.interview_weekly_limit
                lines.append(wizard._get_load_line(user, count, limit))
                if limit and count + 1 > limit:
                    warnings.append(
                        wizard.env._(
                            "%(name)s would have %(count)s interviews that week, above their "
                            "limit of %(limit)s.",
                            name=user.name,
                            count=count + 1,
                            limit=limit,
                        )
                    )
            wizard.interviewer_load = "\n".join(lines) or False
            wizard.interviewer_load_warning = "\n".join(warnings) or False

    def _get_load_line(self, user, count, limit):
        if limit:
            return self.env._(
                "%(name)s, interviews that week: %(count)s (limit: %(limit)s)",
                name=user.name,
                count=count,
                limit=limit,
            )
        return self.env._("%(name)s, interviews that week: %(count)s", name=user.name, count=count)

    def _get_interviewer_week_counts(self):
        """{user id: their interviews in the week of the start (Monday to Sunday, in the
        recruiter's zone)}, the one being moved left out."""
        self.ensure_one()
        if not (self.start and self.interviewer_ids):
            return {}
        week_start, week_end = self._get_week(self.start)
        groups = (
            self.env["hr.invitation.interview"]
            .sudo()
            ._read_group(
                [
                    ("interviewer_ids", "in", self.interviewer_ids._origin.ids),
                    ("state", "in", LOAD_STATES),
                    ("start", ">=", week_start),
                    ("start", "<", week_end),
                    ("id", "!=", self._get_upcoming_interview()._origin.id),
                ],
                ["interviewer_ids"],
                ["__count"],
            )
        )
        return {user.id: count for user, count in groups}

    def _get_week(self, value):
        """(Monday 00:00, next Monday 00:00) naive UTC of ``value``'s week, the user's zone."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        local_day = pytz.utc.localize(value).astimezone(tz).date()
        monday = local_day - timedelta(days=local_day.weekday())
        start = tz.localize(datetime.combine(monday, time())).astimezone(pytz.utc)
        stop = tz.localize(datetime.combine(monday + timedelta(days=7), time())).astimezone(
            pytz.utc
        )
        return start.replace(tzinfo=None), stop.replace(tzinfo=None)

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
        busy = self._search_busy_attendees(self.start, self.stop)
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

    def _search_busy_attendees(self, begin, end):
        """The interviewers' attendances of busy meetings between ``begin`` and ``end``, the
        interview being moved left out (sudo: times only, their events may be private)."""
        self.ensure_one()
        return (
            self.env["calendar.attendee"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.interviewer_ids.partner_id.ids),
                    ("state", "!=", "declined"),
                    ("event_id.active", "=", True),
                    ("event_id.show_as", "=", "busy"),
                    ("event_id.start", "<", end),
                    ("event_id.stop", ">", begin),
                    ("event_id", "!=", self._get_upcoming_interview().event_id.id),
                ]
            )
        )

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
        """The candidate's language (hr.invitation._get_candidate_lang), else the recruiter's."""
        for wizard in self:
            lang = wizard.invitation_id and wizard.invitation_id._get_candidate_lang()
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

    @api.depends(
        "start",
        "duration",
        "candidate_tz",
        "lang",
        "interview_format",
        "videocall_location",
        "venue_tz",
        "location_id",
        "interviewer_ids",
        *ALTERNATIVE_FIELDS,
        *DIRECTION_FIELDS,
    )
    def _compute_previews(self):
        """The email and the text as the candidate will get them, before anything is sent."""
        for wizard in self:
            wizard.preview_email = wizard.preview_sms = False
            if wizard.start and wizard.stop and wizard.invitation_id:
                interview = self.env["hr.invitation.interview"]._new_for_preview(
                    wizard.invitation_id, wizard._prepare_interview_values()
                )
                wizard.preview_email, wizard.preview_sms = interview._preview_invitation_messages()

    def _prepare_interview_values(self):
        self.ensure_one()
        return {
            "start": self.start,
            "stop": self.stop,
            "candidate_tz": self.candidate_tz,
            "lang": self.lang,
            "interviewer_ids": self.interviewer_ids.ids,
            "alarm_ids": self.alarm_ids.ids,
            "interview_format": self.interview_format,
            "videocall_location": self.videocall_location,
            "venue_tz": self.venue_tz,
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
