import secrets
from collections import defaultdict, namedtuple
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq, format_datetime

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.hr_recruitment_invitation.tools import (
    call_planner,
    candidate_input,
    interview_logistics,
    phone_tz,
)
from odoo.addons.hr_recruitment_invitation.tools.utc import local_date, to_naive_utc, to_utc

from .record_counts import count_per_record

INVITATION_STATES = [
    ("draft", "To Plan"),
    ("calling", "Calling"),
    ("invited", "Invited"),
    ("confirmed", "Confirmed"),
    ("declined", "Declined"),
    ("attended", "Attended"),
    ("no_show", "No-show"),
    ("unreachable", "Unreachable"),
    ("cancelled", "Cancelled"),
]
CALL_WINDOWS = [
    ("evening", "Weekday evening"),
    ("weekend", "Weekend"),
    ("office_hours", "Office hours"),
]
CLOSED_STATES = ("declined", "attended", "no_show", "cancelled")
PLANNABLE_STATES = ("draft", "calling", "unreachable")
# An invited candidate can still get senior HR's follow-up call once a manager approved it.
FOLLOW_UP_STATES = ("invited", "confirmed")
FRESHNESS = [("hot", "Hot"), ("warm", "Warm"), ("cold", "Cold")]
FRESHNESS_RANK = {key: rank for rank, (key, _label) in enumerate(FRESHNESS)}
HOT_DAYS, WARM_DAYS = 7, 30
PlanningInputs = namedtuple("PlanningInputs", "now guesses contexts")
# Candidate portal: the link works until 14 days after the interview's end.
PORTAL_TOKEN_VALIDITY = timedelta(days=14)
PORTAL_TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG
PORTAL_ANSWER_STATES = ("invited", "confirmed")
PORTAL_MAX_PROPOSALS = 3
PORTAL_PROPOSAL_MIN_NOTICE = timedelta(hours=1)
PORTAL_ARRIVAL_MAX_ADVANCE = timedelta(hours=6)
PORTAL_TEXT_MAX_LENGTH = 2000
PORTAL_PICKUP_POINT_MAX_LENGTH = 200
PORTAL_ACTIVITY_TYPES = {
    "reschedule": "hr_recruitment_invitation.mail_activity_type_interview_reschedule",
    "parking": "hr_recruitment_invitation.mail_activity_type_interview_parking",
    "pickup": "hr_recruitment_invitation.mail_activity_type_interview_pickup",
}


class HrInvitation(models.Model):
    _name = "hr.invitation"
    _description = "Interview Invitation"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "is_key_role desc, resume_freshness_rank, applied_on, id"
    _check_company_auto = True

    applicant_id = fields.Many2one(
        "hr.applicant",
        string="Application",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    candidate_id = fields.Many2one(
        related="applicant_id.candidate_id", store=True, index=True, string="Candidate"
    )
    partner_id = fields.Many2one(related="candidate_id.partner_id", string="Contact")
    partner_phone = fields.Char(related="candidate_id.partner_phone", string="Phone")
    employment_status = fields.Selection(related="candidate_id.employment_status")
    job_id = fields.Many2one(related="applicant_id.job_id", store=True, index=True)
    is_key_role = fields.Boolean(related="job_id.is_key_role", store=True)
    company_id = fields.Many2one(
        related="applicant_id.company_id", store=True, index=True, precompute=True
    )
    applied_on = fields.Datetime(
        related="applicant_id.create_date", store=True, string="Applied On"
    )
    resume_updated_on = fields.Date(related="candidate_id.resume_updated_on")
    resume_freshness = fields.Selection(
        FRESHNESS,
        compute="_compute_resume_freshness",
        store=True,
        help="Hot: resume updated within 7 days; warm: within 30 days; cold: older or unknown.",
    )
    resume_freshness_rank = fields.Integer(compute="_compute_resume_freshness", store=True)
    user_id = fields.Many2one(
        "res.users",
        string="Recruiter",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        INVITATION_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    next_call_at = fields.Datetime("Next Call", copy=False, help="Start of the next call slot.")
    next_call_end = fields.Datetime("Next Call Until", copy=False)
    next_call_window = fields.Selection(CALL_WINDOWS, "Call Window", copy=False)
    candidate_tz = fields.Selection(
        _tz_get, "Candidate Time Zone", help="Time zone of the candidate, from the phone number."
    )
    tz_uncertain = fields.Boolean(
        "Time Zone Uncertain",
        copy=False,
        help="The phone number spans several time zones: check the candidate's zone.",
    )
    phone_e164 = fields.Char("Phone (E.164)", compute="_compute_phone_check")
    phone_error = fields.Char("Phone Problem", compute="_compute_phone_check")
    candidate_local_now = fields.Char(
        "Candidate's Time Now", compute="_compute_candidate_local_now"
    )
    call_ids = fields.One2many("hr.invitation.call", "invitation_id", "Calls")
    call_count = fields.Integer(compute="_compute_call_count")
    failed_attempt_count = fields.Integer(
        "Unanswered Calls", compute="_compute_call_count", help="Unanswered calls in a row."
    )
    running_call_id = fields.Many2one("hr.invitation.call", compute="_compute_call_count")
    concern_ids = fields.One2many("hr.invitation.concern", "invitation_id", "Concerns")
    concern_count = fields.Integer(compute="_compute_concern_count")
    escalation_ids = fields.One2many("hr.invitation.escalation", "invitation_id", "Escalations")
    escalation_count = fields.Integer(compute="_compute_escalation_count")
    event_id = fields.Many2one(
        "calendar.event", "Interview", copy=False, index="btree_not_null", ondelete="set null"
    )
    interview_start = fields.Datetime(related="event_id.start", string="Interview Start")
    interview_stop = fields.Datetime(related="event_id.stop", string="Interview End")
    slot_ids = fields.One2many("hr.invitation.slot", "invitation_id", "Time Slots")
    feedback_ids = fields.One2many("hr.invitation.feedback", "invitation_id")
    review_ids = fields.One2many("hr.invitation.review", "invitation_id", "Post-Interview Reviews")
    next_call_display = fields.Char("Next Call (your time)", compute="_compute_next_call_display")
    next_call_candidate_display = fields.Char(
        "Next Call (candidate's time)", compute="_compute_next_call_display"
    )
    # The candidate's answers on their interview page (travel_mode, expected_arrival,
    # needs_parking, pickup_point and pickup_at are declared with the interview logistics).
    portal_confirmed_at = fields.Datetime(
        "Confirmed by the Candidate On", copy=False, readonly=True
    )
    declined_at = fields.Datetime("Declined On", copy=False, readonly=True)
    decline_reason = fields.Text("Reason for Declining", copy=False, readonly=True)
    reschedule_requested_at = fields.Datetime(
        "New Time Asked On",
        copy=False,
        readonly=True,
        help="The candidate asked for another time on their interview page; set the new time and "
        "let them confirm it.",
    )
    what_to_bring = fields.Text(
        help="Shown to the candidate on their interview page. Empty: what the job position says.",
    )
    # The candidate's key to their interview page: recruiters only (RPC reads included).
    access_token = fields.Char(groups="hr_recruitment.group_hr_recruitment_user", copy=False)

    _sql_constraints = [
        (
            "next_call_window_consistent",
            "CHECK(next_call_at IS NULL OR next_call_window IS NOT NULL)",
            "A planned call needs a call window.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("candidate_id.resume_updated_on")
    def _compute_resume_freshness(self):
        today = fields.Date.context_today(self)
        for invitation in self:
            freshness = self._freshness_of(invitation.candidate_id.resume_updated_on, today)
            invitation.resume_freshness = freshness
            invitation.resume_freshness_rank = FRESHNESS_RANK[freshness]

    @api.model
    def _freshness_of(self, resume_date, today):
        if not resume_date:
            return "cold"
        age = (today - resume_date).days
        if age <= HOT_DAYS:
            return "hot"
        return "warm" if age <= WARM_DAYS else "cold"

    @api.depends("partner_phone", "company_id")
    def _compute_phone_check(self):
        for invitation in self:
            invitation.phone_e164 = False
            invitation.phone_error = False
            if not invitation.partner_phone:
                continue
            try:
                invitation.phone_e164 = phone_tz.format_e164(
                    invitation.partner_phone, invitation._phone_region()
                )
            except phone_tz.InvalidPhoneNumber:
                invitation.phone_error = self.env._(
                    "The phone number %(phone)s is not valid: correct it before calling.",
                    phone=invitation.partner_phone,
                )

    def _phone_region(self):
        return self.company_id.country_id.code or None

    @api.depends("candidate_tz")
    def _compute_candidate_local_now(self):
        now = fields.Datetime.now()
        for invitation in self:
            invitation.candidate_local_now = invitation.candidate_tz and format_datetime(
                self.env, now, tz=invitation.candidate_tz, dt_format="EEE HH:mm"
            )

    @api.depends("call_ids.outcome", "call_ids.ended_at")
    def _compute_call_count(self):
        calls_by_invitation = {invitation.id: [] for invitation in self}
        for call in self.call_ids.sorted(lambda c: (c.started_at or c.create_date, c.id)):
            calls_by_invitation[call.invitation_id.id].append(call)
        for invitation in self:
            calls = calls_by_invitation.get(invitation.id, [])
            invitation.call_count = len(calls)
            invitation.failed_attempt_count = self._count_trailing_no_answer(calls)
            running = [call for call in calls if call.started_at and not call.ended_at]
            invitation.running_call_id = running[-1].id if running else False

    @api.model
    def _count_trailing_no_answer(self, calls):
        count = 0
        for call in reversed(calls):
            if call.outcome != "no_answer":
                break
            count += 1
        return count

    @api.depends("concern_ids")
    def _compute_concern_count(self):
        counts = count_per_record(self, "hr.invitation.concern", "invitation_id")
        for invitation in self:
            invitation.concern_count = counts.get(invitation.id, 0)

    @api.depends("escalation_ids")
    def _compute_escalation_count(self):
        counts = count_per_record(self, "hr.invitation.escalation", "invitation_id")
        for invitation in self:
            invitation.escalation_count = counts.get(invitation.id, 0)

    def _subscribe_recruiters(self):
        """Make each recruiter follow their invitations: one subscription per recruiter."""
        for recruiter, invitations in self.grouped("user_id").items():
            if recruiter.partner_id:
                invitations.message_subscribe(partner_ids=recruiter.partner_id.ids)

    def _get_answered_topics(self):
        """Concern topics the invitation call answered."""
        return self.concern_ids.filtered(lambda concern: concern.state == "answered").topic_id

    @api.depends("next_call_at", "candidate_tz")
    @api.depends_context("uid")
    def _compute_next_call_display(self):
        for invitation in self:
            invitation.next_call_display = format_datetime(self.env, invitation.next_call_at)
            invitation.next_call_candidate_display = invitation._format_for_candidate(
                invitation.next_call_at
            )

    def _format_for_candidate(self, value, lang_code=None):
        """Format a UTC datetime in the candidate's zone, with the zone's name."""
        self.ensure_one()
        if not value:
            return ""
        return (
            format_datetime(
                self.env,
                value,
                tz=self.candidate_tz or "UTC",
                dt_format="medium",
                lang_code=lang_code,
            )
            + f" ({self.candidate_tz or 'UTC'})"
        )

    @api.depends("candidate_id", "job_id")
    def _compute_display_name(self):
        for invitation in self:
            parts = [invitation.candidate_id.display_name, invitation.job_id.name]
            invitation.display_name = " - ".join(part for part in parts if part)

    def _compute_access_url(self):
        super()._compute_access_url()
        for invitation in self:
            invitation.access_url = f"/my/interviews/{invitation.id}"

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------

    def _plan_next_call(self, kinds=None):
        """Plan the next call of each invitation at the candidate's next call window.

        ``kinds`` maps an invitation id to the window kinds to consider (retries).
        Costs a number of queries that does not depend on the number of invitations.
        """
        if not self:
            return
        self._check_plannable()
        planning = self._get_planning_inputs()
        windows = {}
        for invitation in self:
            found = invitation._find_call_windows(
                planning, kinds=(kinds or {}).get(invitation.id), limit=1
            )
            windows[invitation.id] = found[0] if found else None
        self._raise_if_no_window(windows)
        self._apply_call_plans(windows, planning.guesses)

    def _check_plannable(self):
        closed = self.filtered(lambda invitation: not invitation._is_plannable())
        if closed:
            raise UserError(
                self.env._(
                    "These invitations are closed and cannot be planned: %(names)s",
                    names=", ".join(closed.mapped("display_name")),
                )
            )

    def _get_planning_inputs(self):
        """What the call planner needs for these invitations: now, time zones, company hours."""
        now = to_utc(fields.Datetime.now())
        return PlanningInputs(
            now,
            self._guess_candidate_timezones(),
            self.company_id._get_invitation_planning_contexts(now),
        )

    def _find_call_windows(self, planning, kinds=None, limit=1):
        """The next ``limit`` call windows of this invitation, from ``_get_planning_inputs``."""
        self.ensure_one()
        context = planning.contexts[self.company_id.id]
        return call_planner.next_windows(
            planning.now,
            planning.guesses[self.id].tz,
            self.candidate_id.employment_status,
            hr_intervals=context.hr_intervals,
            holidays=context.holidays,
            config=context.config,
            kinds=kinds,
            limit=limit,
        )

    def _apply_call_plans(self, windows, guesses):
        """Write each invitation's window, move its call activity and log the plan."""
        self._write_plans(windows, guesses)
        messages = {invitation.id: invitation._get_plan_message() for invitation in self}
        self._schedule_call_activities(messages)
        self._message_log_batch(bodies=messages)

    def _get_next_call_windows(self, limit=3):
        """The next call windows the planner offers, to agree a call back with the candidate."""
        self.ensure_one()
        self._check_plannable()
        return self._find_call_windows(self._get_planning_inputs(), limit=limit)

    def _plan_call_at(self, window):
        """Plan the next call at ``window`` (a call_planner.Window) the candidate chose."""
        self.ensure_one()
        self._check_plannable()
        if to_naive_utc(window.end) <= fields.Datetime.now():
            raise UserError(
                self.env._("This call window is over: agree on another time with the candidate.")
            )
        self._apply_call_plans({self.id: window}, self._guess_candidate_timezones())

    def _guess_candidate_timezones(self):
        """Return {invitation id: TzGuess}; refuse the whole batch on an invalid number."""
        guesses, invalid = {}, []
        for invitation in self:
            try:
                guesses[invitation.id] = phone_tz.guess_candidate_tz(
                    invitation.partner_phone,
                    default_region=invitation._phone_region(),
                    preferred=invitation._preferred_timezones(),
                    fallback=invitation.company_id.resource_calendar_id.tz or "UTC",
                )
            except phone_tz.InvalidPhoneNumber:
                invalid.append(invitation)
        if invalid:
            raise UserError(
                self.env._(
                    "These candidates have a phone number that is not valid; correct it and plan "
                    "again: %(lines)s",
                    lines="; ".join(f"{inv.display_name} ({inv.partner_phone})" for inv in invalid),
                )
            )
        return guesses

    def _preferred_timezones(self):
        """Zones to pick among several from a phone number: candidate, job place, company."""
        self.ensure_one()
        zones = (
            self.partner_id.tz,
            self.job_id.address_id.tz,
            self.company_id.partner_id.tz,
            self.company_id.resource_calendar_id.tz,
        )
        return tuple(zone for zone in zones if zone)

    def _raise_if_no_window(self, windows):
        missing = self.filtered(lambda invitation: not windows[invitation.id])
        if missing:
            raise UserError(
                self.env._(
                    "No call window in the coming weeks for %(names)s: check the company's "
                    "working hours and call windows in the Recruitment settings.",
                    names=", ".join(missing.mapped("display_name")),
                )
            )

    def _write_plans(self, windows, guesses):
        """Write the plans: one write per distinct plan, as candidates of one zone share theirs."""
        by_values = defaultdict(list)
        for invitation in self:
            values = invitation._prepare_plan_values(windows[invitation.id], guesses[invitation.id])
            by_values[tuple(sorted(values.items()))].append(invitation.id)
        for values, ids in by_values.items():
            self.browse(ids).write(dict(values))

    def _prepare_plan_values(self, window, guess):
        self.ensure_one()
        return {
            "next_call_at": to_naive_utc(window.start),
            "next_call_end": to_naive_utc(window.end),
            "next_call_window": window.kind,
            "candidate_tz": guess.tz,
            "tz_uncertain": guess.uncertain,
            "state": "calling" if self.state in PLANNABLE_STATES else self.state,
        }

    def _get_plan_message(self):
        self.ensure_one()
        return self.env._(
            "Call planned: %(recruiter_time)s for the recruiter, %(candidate_time)s for the "
            "candidate (%(window)s).",
            recruiter_time=self._format_for_recruiter(self.next_call_at),
            candidate_time=self._format_for_candidate(self.next_call_at),
            window=dict(self._fields["next_call_window"]._description_selection(self.env)).get(
                self.next_call_window
            ),
        )

    def _format_for_recruiter(self, value):
        """Format a UTC datetime in the recruiter's zone and language."""
        self.ensure_one()
        recruiter = self._get_next_caller()
        tz = recruiter.tz or "UTC"
        return format_datetime(self.env, value, tz=tz, lang_code=recruiter.lang) + f" ({tz})"

    def _recruiter_date(self, value):
        """The date of a UTC datetime in the recruiter's zone (activities have a date)."""
        self.ensure_one()
        return local_date(value, self._get_next_caller().tz)

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------

    def _schedule_call_activities(self, notes):
        """Create or move the "Invitation call" activity of each invitation, in batch.

        ``notes`` maps an invitation id to its activity note (the plan message).
        """
        activity_type = self.env.ref("hr_recruitment_invitation.mail_activity_type_invitation_call")
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        by_invitation = {activity.res_id: activity for activity in existing}
        model_id = self.env["ir.model"]._get_id(self._name)
        to_create = []
        for invitation in self:
            values = invitation._prepare_call_activity_values(notes[invitation.id])
            activity = by_invitation.get(invitation.id)
            if activity:
                activity.write(values)
            else:
                to_create.append(
                    dict(
                        values,
                        activity_type_id=activity_type.id,
                        res_model_id=model_id,
                        res_id=invitation.id,
                    )
                )
        self.env["mail.activity"].create(to_create)

    def _prepare_call_activity_values(self, note):
        self.ensure_one()
        return {
            "user_id": self._get_next_caller().id,
            "date_deadline": self._recruiter_date(self.next_call_at),
            "summary": self.env._("Call %(name)s", name=self.candidate_id.display_name),
            "note": note,
        }

    def _close_call_activities(self, feedback):
        activity_type = self.env.ref("hr_recruitment_invitation.mail_activity_type_invitation_call")
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        activities.action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Calls
    # ------------------------------------------------------------------

    def action_plan_call(self):
        self._plan_next_call()
        return True

    def action_start_call(self):
        """Start a call attempt (and its timer) and open its call script."""
        return self._start_call()._get_script_action()

    def _start_call(self):
        """Return the running call attempt, starting one (and its timer) when there is none."""
        self.ensure_one()
        if not self._is_plannable():
            raise UserError(self.env._("This invitation is closed: there is nobody to call."))
        if self.phone_error:
            raise UserError(self.phone_error)
        call = self.running_call_id or self.env["hr.invitation.call"].create(
            self._prepare_call_values()
        )
        if self.state == "draft":
            self.state = "calling"
        return call

    def _prepare_call_values(self):
        self.ensure_one()
        return {
            "invitation_id": self.id,
            "user_id": self.env.user.id,
            "planned_at": self.next_call_at,
            "window": self.next_call_window,
            "started_at": fields.Datetime.now(),
        }

    def _apply_call_outcome(self, call):
        """Move the invitation on according to the outcome of ``call``."""
        self.ensure_one()
        handler = getattr(self, f"_on_call_{call.outcome}")
        self._close_call_activities(call._get_summary())
        return handler(call)

    def _on_call_no_answer(self, call):
        if self.failed_attempt_count >= self.company_id.invitation_max_attempts:
            self.write({"state": "unreachable", "next_call_at": False, "next_call_window": False})
            return self._action_ask_good_time()
        other_kinds = self._other_window_kinds(call.window or self.next_call_window)
        self._plan_next_call(kinds={self.id: other_kinds})
        return False

    def _other_window_kinds(self, tried_kind):
        """Window kinds for a retry: another kind than the one that failed, when there is one."""
        kinds = call_planner.window_kinds_for(self.candidate_id.employment_status)
        others = tuple(kind for kind in kinds if kind != tried_kind)
        return others or kinds

    def _on_call_callback(self, call):
        window = call._get_callback_window()
        if window:
            self._plan_call_at(window)
        else:
            self._plan_next_call()
        return False

    def _on_call_invited(self, call):
        """The candidate accepted: go on with scheduling the interview."""
        self._set_call_result("invited")
        return self.action_schedule_interview()

    def _on_call_declined(self, call):
        self._set_call_result("declined")
        return False

    def _on_call_not_suitable(self, call):
        self._set_call_result("cancelled")
        return self.applicant_id.archive_applicant()

    def _set_call_result(self, state):
        self.write({"state": state, "next_call_at": False, "next_call_window": False})

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

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_calls(self):
        return self._action_open_children("hr.invitation.call", self.env._("Calls"))

    def action_open_concerns(self):
        return self._action_open_children("hr.invitation.concern", self.env._("Concerns"))

    def action_open_escalations(self):
        return self._action_open_children("hr.invitation.escalation", self.env._("Escalations"))

    def _action_open_children(self, model_name, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model_name,
            "view_mode": "list,form",
            "domain": [("invitation_id", "=", self.id)],
            "context": {"default_invitation_id": self.id},
        }

    def action_cancel(self):
        self._set_call_result("cancelled")
        self.activity_unlink(["hr_recruitment_invitation.mail_activity_type_invitation_call"])
        self._archive_upcoming_interviews()

    def _archive_upcoming_interviews(self):
        """Free the interviewers' calendars of the interviews that have not started yet."""
        upcoming = self.event_id.filtered(lambda event: event.start > fields.Datetime.now())
        upcoming.action_archive()

    def action_reset_draft(self):
        self.write({"state": "draft"})

    @api.model
    def _cron_refresh_resume_freshness(self):
        """Resume freshness depends on today: recompute it for open invitations once a day."""
        invitations = self.search([("state", "not in", CLOSED_STATES)])
        for fname in ("resume_freshness", "resume_freshness_rank"):
            self.env.add_to_compute(self._fields[fname], invitations)
        invitations.flush_recordset(["resume_freshness", "resume_freshness_rank"])

    # ------------------------------------------------------------------
    # Escalation to senior HR
    # ------------------------------------------------------------------

    has_open_escalation = fields.Boolean(compute="_compute_senior_follow_up", compute_sudo=True)
    senior_follow_up_brief = fields.Html(
        "Senior Follow-up",
        compute="_compute_senior_follow_up",
        compute_sudo=True,
        sanitize=False,
        help="What the first call found, for the senior HR person who steps in.",
    )

    @api.depends("escalation_ids.state")
    def _compute_senior_follow_up(self):
        for invitation in self:
            escalations = invitation.escalation_ids
            invitation.has_open_escalation = any(
                escalation.state in ("pending", "approved") for escalation in escalations
            )
            followed_up = escalations.filtered(lambda e: e.state in ("approved", "done"))
            invitation.senior_follow_up_brief = invitation._get_senior_follow_up_brief(
                followed_up[:1]
            )

    def _get_senior_follow_up_escalation(self):
        """The approved escalation whose senior HR call is still to make, if any."""
        self.ensure_one()
        return self.sudo().escalation_ids.filtered(lambda e: e.state == "approved")[:1]

    def _get_next_caller(self):
        """Who makes the next call: senior HR during an approved follow-up, else the recruiter."""
        self.ensure_one()
        senior = self._get_senior_follow_up_escalation().senior_user_id
        return (senior or self.user_id or self.env.user).with_env(self.env)

    def _is_plannable(self):
        """Open to calls: not closed, or invited with an approved senior HR follow-up."""
        self.ensure_one()
        if self.state in PLANNABLE_STATES:
            return True
        return self.state in FOLLOW_UP_STATES and bool(self._get_senior_follow_up_escalation())

    def _get_last_reached_call(self):
        """The latest ended call that reached the candidate."""
        self.ensure_one()
        calls = self.call_ids.filtered(lambda c: c.ended_at and c.outcome != "no_answer")
        return calls.sorted(lambda c: (c.ended_at, c.id))[-1:]

    def _get_candidate_summary(self):
        """One line about the candidate: employment, resume freshness, how HR got the number."""
        self.ensure_one()
        candidate = self.candidate_id
        status = self._selection_label(candidate, "employment_status")
        if candidate.current_employer:
            status = self.env._(
                "%(status)s at %(employer)s", status=status, employer=candidate.current_employer
            )
        resume = self.env._(
            "%(freshness)s resume", freshness=self._selection_label(self, "resume_freshness")
        )
        channel = self._selection_label(self.applicant_id, "sourcing_channel")
        return " · ".join(part for part in (status, resume, channel) if part)

    @api.model
    def _selection_label(self, record, fname):
        """The label of a selection field's value, in the user's language."""
        selection = dict(record._fields[fname]._description_selection(self.env))
        return selection.get(record[fname], "")

    def _get_senior_follow_up_values(self, escalation=None):
        """What senior HR needs before stepping in: the first call's findings and the request.

        ``escalation`` defaults to the approved follow-up. Whoever may read the invitation
        (senior HR, the approver through the escalation) reads the whole brief. The call script
        wizard shows it to senior HR as the "senior follow-up" section.
        """
        self.ensure_one()
        self.check_access("read")
        invitation = self.sudo()
        if escalation is None:
            escalation = invitation._get_senior_follow_up_escalation()
        call = escalation.sudo().call_id or invitation._get_last_reached_call()
        return {
            "invitation": invitation,
            "escalation": escalation.sudo(),
            "candidate_summary": invitation._get_candidate_summary(),
            "call": call,
            "call_outcome": call and self._selection_label(call, "outcome"),
            "call_interest": call and self._selection_label(call, "interest_level"),
            "call_when": call and format_datetime(self.env, call.ended_at or call.started_at),
            "concerns": [
                {
                    "question": concern.topic_id.question,
                    "state": self._selection_label(concern, "state"),
                    "note": concern.note,
                }
                for concern in invitation.concern_ids
            ],
        }

    def _get_senior_follow_up_brief(self, escalation=None):
        """The senior follow-up brief as HTML; empty without an escalation."""
        self.ensure_one()
        values = self._get_senior_follow_up_values(escalation)
        if not values["escalation"]:
            return ""
        return self.env["ir.qweb"]._render(
            "hr_recruitment_invitation.senior_follow_up_brief", values
        )

    def action_request_escalation(self):
        """Open the request form: a reason, and the escalation goes to its approver."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Escalate to Senior HR"),
            "res_model": "hr.invitation.escalation",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "hr_recruitment_invitation.hr_invitation_escalation_view_form_request"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_invitation_id": self.id},
        }

    # ------------------------------------------------------------------
    # Candidate portal: access
    # ------------------------------------------------------------------

    def _portal_ensure_token(self):
        """A 256-bit random token (portal.mixin's uuid4 carries only 122 random bits)."""
        self.ensure_one()
        invitation = self.sudo()
        if not invitation.access_token:
            invitation.write({"access_token": secrets.token_urlsafe(PORTAL_TOKEN_BYTES)})
        return invitation.access_token

    def _is_portal_access_valid(self, token):
        """Whether ``token`` opens this invitation's interview page now.

        The one rule for every portal route: the right token (constant-time comparison), an
        interview to show, not cancelled, and not later than 14 days after the interview's end.
        """
        self.ensure_one()
        if not (isinstance(token, str) and token and self.access_token):
            return False
        if not consteq(self.access_token, token):
            return False
        if self.state == "cancelled" or not self.event_id:
            return False
        return fields.Datetime.now() <= self.interview_stop + PORTAL_TOKEN_VALIDITY

    def _check_portal_answerable(self):
        """Raise unless the candidate can still answer: invitation open, interview ahead."""
        self.ensure_one()
        if self._is_portal_answerable():
            return
        if self.state not in PORTAL_ANSWER_STATES:
            raise UserError(
                self.env._("This invitation is closed: contact the recruiter if you need anything.")
            )
        raise UserError(
            self.env._(
                "Your interview time has passed: contact the recruiter if you need anything."
            )
        )

    def _check_portal_confirmed(self):
        self._check_portal_answerable()
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
        invitation = self.with_context(lang=lang_code)
        address = invitation._get_portal_address()
        candidate_time = invitation._get_interview_time_for_candidate
        pending = invitation.slot_ids.filtered(
            lambda slot: slot.state == "chosen" or (slot.origin, slot.state) == ("proposed", "open")
        )
        return {
            "company_name": invitation.company_id.name,
            "job_name": invitation.job_id.name,
            "candidate_name": invitation.candidate_id.display_name,
            "status": invitation._get_portal_status(),
            "can_answer": invitation._is_portal_answerable(),
            "when": candidate_time(),
            "duration_minutes": round(invitation.event_id.duration * 60),
            "address": address,
            "map_url": invitation._get_portal_map_url(address),
            "logistics": invitation._get_directions(),
            "what_to_bring": invitation.what_to_bring or invitation.job_id.interview_what_to_bring,
            "offered_slots": [
                (invitation._get_portal_slot_key(slot), candidate_time(value=slot.start))
                for slot in invitation._get_portal_offered_slots()
            ],
            "requested_times": [
                candidate_time(value=slot.start) for slot in pending.sorted("start")
            ]
            if invitation.reschedule_requested_at
            else [],
            "max_proposals": PORTAL_MAX_PROPOSALS,
            "travel_modes": invitation._fields["travel_mode"]._description_selection(
                invitation.env
            ),
            "travel_mode": invitation.travel_mode,
            "arrival_time": invitation._candidate_wall_time(invitation.expected_arrival),
            "needs_parking": invitation.needs_parking,
            "pickup_point": invitation.pickup_point or "",
            "pickup_time": invitation._candidate_wall_time(invitation.pickup_at),
            "decline_reason": invitation.decline_reason or "",
        }

    def _get_portal_status(self):
        self.ensure_one()
        if self.state == "invited":
            return "reschedule" if self.reschedule_requested_at else "awaiting"
        if self.state in ("confirmed", "declined"):
            return self.state
        return "closed"

    def _is_portal_answerable(self):
        self.ensure_one()
        return self.state in PORTAL_ANSWER_STATES and fields.Datetime.now() < self.interview_start

    def _get_portal_address(self):
        """The interview's address on one line; the event's location when it has no address."""
        self.ensure_one()
        return self._get_interview_address() or self.event_id.location or ""

    def _get_portal_map_url(self, address):
        self.ensure_one()
        return self.interview_map_url or interview_logistics.map_url([address])

    @api.model
    def _get_portal_slot_key(self, slot):
        """How the page names an offered time: its start (UTC), not its record id."""
        return slot.start.strftime("%Y%m%dT%H%M")

    def _get_portal_offered_slots(self):
        """The offered times the candidate can still pick instead of the planned one."""
        now = fields.Datetime.now()
        return self.slot_ids.filtered(
            lambda slot: slot.origin == "offered" and slot.state == "open" and slot.start > now
        )

    def _candidate_wall_time(self, value):
        """``HH:MM`` of a UTC datetime in the candidate's zone (for the page's time inputs)."""
        self.ensure_one()
        if not value:
            return ""
        return candidate_input.naive_utc_to_wall(value, self.candidate_tz).strftime("%H:%M")

    def _get_portal_ics(self, lang_code):
        """The interview as an .ics file, with only what the candidate may see.

        Odoo's own export (calendar.event._get_ics_file) of an in-memory copy of the event:
        no attendees' addresses, no internal description.
        """
        self.ensure_one()
        invitation = self.with_context(lang=lang_code)
        address = invitation._get_portal_address()
        event = invitation.env["calendar.event"].new(
            {
                "name": invitation.env._(
                    "Interview: %(job)s, %(company)s",
                    job=invitation.job_id.name,
                    company=invitation.company_id.name,
                ),
                "start": invitation.event_id.start,
                "stop": invitation.event_id.stop,
                "allday": False,
                "location": address,
                "description": invitation._get_portal_ics_description(address),
                "alarm_ids": [Command.set(invitation.event_id.alarm_ids.ids)],
                "partner_ids": [Command.clear()],
                "partner_id": False,
                "user_id": False,
            }
        )
        return event._get_ics_file().get(event.id)

    def _get_portal_ics_description(self, address):
        lines = [self._get_portal_map_url(address)] if address else []
        lines += [f"{label}: {text}" for label, text in self._get_directions()]
        what_to_bring = self.what_to_bring or self.job_id.interview_what_to_bring
        if what_to_bring:
            lines.append(self.env._("What to bring: %(items)s", items=what_to_bring))
        return Markup("<br/>").join(lines)

    # ------------------------------------------------------------------
    # Candidate portal: answers
    # ------------------------------------------------------------------
    # Each answer validates first (a UserError in the candidate's language, nothing written),
    # does nothing when it repeats the current answer, and otherwise updates the invitation and
    # the candidate's calendar attendee, posts one note and, when the recruiter has something
    # to do, schedules or updates their activity.

    def action_portal_confirm(self):
        self.ensure_one()
        if self.state == "confirmed":
            return False
        self._check_portal_answerable()
        self._write_portal_answer(
            {
                "state": "confirmed",
                "portal_confirmed_at": fields.Datetime.now(),
                "reschedule_requested_at": False,
            }
        )
        self._dismiss_open_slots(origins=("proposed",))
        self.activity_unlink([PORTAL_ACTIVITY_TYPES["reschedule"]])
        self._set_candidate_attendee_state("accepted")
        recruiter_view = self._with_recruiter_lang()
        recruiter_view._post_portal_note(
            recruiter_view.env._(
                "The candidate confirmed the interview of %(time)s.",
                time=recruiter_view._format_for_recruiter(self.interview_start),
            )
        )
        return True

    def action_portal_decline(self, reason):
        self.ensure_one()
        if self.state == "declined":
            return False
        self._check_portal_answerable()
        reason = self._clean_portal_text(
            reason, PORTAL_TEXT_MAX_LENGTH, self.env._("Please tell us briefly why you decline.")
        )
        self._write_portal_answer(
            {
                "state": "declined",
                "declined_at": fields.Datetime.now(),
                "decline_reason": reason,
                "reschedule_requested_at": False,
            }
        )
        self._dismiss_open_slots(origins=("offered", "proposed"))
        self.activity_unlink(list(PORTAL_ACTIVITY_TYPES.values()))
        self._set_candidate_attendee_state("declined")
        recruiter_view = self._with_recruiter_lang()
        recruiter_view._post_portal_note(
            recruiter_view.env._("The candidate declined the interview: %(reason)s", reason=reason)
        )
        return True

    def action_portal_reschedule(self, slot=None, proposals=()):
        """Ask for another time: one of the offered times, or up to three ``proposals``.

        ``slot`` is the key of an offered time as the page gives it (_get_portal_slot_key, no
        record id); ``proposals`` are the times as the candidate typed them
        (``2026-02-03T14:30``), in their own zone.
        """
        self.ensure_one()
        self._check_portal_answerable()
        proposals = [value for value in proposals if value and value.strip()]
        if slot and proposals:
            raise UserError(
                self.env._("Either pick one of the times we offer or propose your own, not both.")
            )
        if slot:
            return self._portal_choose_slot(slot)
        if proposals:
            return self._portal_propose_times(proposals)
        raise UserError(
            self.env._(
                "Pick one of the times we offer, or propose up to %(count)s times that suit you.",
                count=PORTAL_MAX_PROPOSALS,
            )
        )

    def _portal_choose_slot(self, key):
        offered = self.slot_ids.filtered(
            lambda slot: slot.origin == "offered" and self._get_portal_slot_key(slot) == key
        )[:1]
        if offered.state == "chosen" and self.reschedule_requested_at:
            return False
        slot = offered & self._get_portal_offered_slots()
        if not slot:
            raise UserError(
                self.env._(
                    "This time is no longer available: pick another one or propose your own."
                )
            )
        self._ask_new_time(slot=slot)
        return True

    def _portal_propose_times(self, proposals):
        starts = self._parse_portal_proposals(proposals)
        current = self.slot_ids.filtered(lambda s: (s.origin, s.state) == ("proposed", "open"))
        if self.reschedule_requested_at and starts == sorted(current.mapped("start")):
            return False
        self._ask_new_time(starts=starts)
        return True

    def _parse_portal_proposals(self, proposals):
        try:
            return candidate_input.future_proposals(
                proposals,
                self.candidate_tz,
                fields.Datetime.now(),
                PORTAL_MAX_PROPOSALS,
                min_notice=PORTAL_PROPOSAL_MIN_NOTICE,
            )
        except candidate_input.CandidateInputError as error:
            raise self._candidate_input_user_error(error) from None

    def _ask_new_time(self, slot=None, starts=()):
        """Record the candidate's request for another time and ask the recruiter to act."""
        self.slot_ids.filtered(lambda s: s.state == "chosen").write({"state": "open"})
        self._dismiss_open_slots(origins=("proposed",))
        duration = self.interview_stop - self.interview_start
        requested = slot or self.env["hr.invitation.slot"]
        if slot:
            slot.state = "chosen"
        else:
            requested = self.env["hr.invitation.slot"].create(
                [
                    {
                        "invitation_id": self.id,
                        "start": start,
                        "stop": start + duration,
                        "origin": "proposed",
                    }
                    for start in starts
                ]
            )
        self._write_portal_answer(
            {
                "state": "invited",
                "portal_confirmed_at": False,
                "reschedule_requested_at": fields.Datetime.now(),
            }
        )
        self._set_candidate_attendee_state("tentative")
        recruiter_view = self._with_recruiter_lang()
        times = "; ".join(recruiter_view._format_for_recruiter(s.start) for s in requested)
        if slot:
            body = recruiter_view.env._(
                "The candidate cannot come at %(planned)s and picked an offered time instead: "
                "%(times)s.",
                planned=recruiter_view._format_for_recruiter(self.interview_start),
                times=times,
            )
        else:
            body = recruiter_view.env._(
                "The candidate cannot come at %(planned)s and proposes: %(times)s.",
                planned=recruiter_view._format_for_recruiter(self.interview_start),
                times=times,
            )
        recruiter_view._ask_recruiter_to_act(
            "reschedule",
            recruiter_view.env._(
                "Move the interview of %(name)s", name=self.candidate_id.display_name
            ),
            body,
        )

    def action_portal_set_travel(self, mode, arrival):
        """How the candidate travels and when they expect to arrive (``13:45``, their zone)."""
        self.ensure_one()
        self._check_portal_confirmed()
        modes = dict(self._fields["travel_mode"]._description_selection(self.env))
        if mode not in modes:
            raise UserError(self.env._("Please choose how you will travel."))
        arrival_at = self._parse_portal_interview_day_time(arrival)
        recruiter_view = self._record_travel_answer(
            {"travel_mode": mode, "expected_arrival": arrival_at}
        )
        if not recruiter_view:
            return False
        mode_label = dict(
            recruiter_view._fields["travel_mode"]._description_selection(recruiter_view.env)
        )[mode]
        recruiter_view._post_portal_note(
            recruiter_view.env._(
                "The candidate travels by %(mode)s and expects to arrive at %(time)s.",
                mode=mode_label,
                time=recruiter_view._format_for_recruiter(arrival_at),
            )
        )
        return True

    def action_portal_request_parking(self):
        self.ensure_one()
        self._check_portal_confirmed()
        recruiter_view = self._record_travel_answer({"needs_parking": True})
        if not recruiter_view:
            return False
        body = recruiter_view.env._(
            "The candidate comes by car and needs a parking space on %(time)s.",
            time=recruiter_view._format_for_recruiter(self.interview_start),
        )
        recruiter_view._ask_recruiter_to_act(
            "parking",
            recruiter_view.env._("Parking space for %(name)s", name=self.candidate_id.display_name),
            body,
        )
        return True

    def action_portal_request_pickup(self, point, at):
        """Ask to be picked up at ``point`` at ``at`` (``13:15``, candidate's zone)."""
        self.ensure_one()
        self._check_portal_confirmed()
        point = self._clean_portal_text(
            point,
            PORTAL_PICKUP_POINT_MAX_LENGTH,
            self.env._("Please tell us where to pick you up."),
        )
        pickup_at = self._parse_portal_interview_day_time(at)
        recruiter_view = self._record_travel_answer({"pickup_point": point, "pickup_at": pickup_at})
        if not recruiter_view:
            return False
        body = recruiter_view.env._(
            "The candidate asks to be picked up at %(point)s, %(time)s. Phone: %(phone)s.",
            point=point,
            time=recruiter_view._format_for_recruiter(pickup_at),
            phone=self.partner_phone or "-",
        )
        recruiter_view._ask_recruiter_to_act(
            "pickup",
            recruiter_view.env._("Pick up %(name)s", name=self.candidate_id.display_name),
            body,
        )
        return True

    # ------------------------------------------------------------------
    # Candidate portal: helpers of the answers
    # ------------------------------------------------------------------

    def _record_travel_answer(self, values):
        """Write how a confirmed candidate comes, unless it is already what they said.

        Returns this invitation in the recruiter's language to tell them, or None when
        nothing changed.
        """
        if all(self[fname] == value for fname, value in values.items()):
            return None
        self._write_portal_answer(values)
        self._set_candidate_attendee_state("accepted")
        return self._with_recruiter_lang()

    def _settle_reschedule_request(self):
        """The interview moved: the candidate's request for another time is answered."""
        asked = self.filtered("reschedule_requested_at")
        if not asked:
            return
        asked.write({"reschedule_requested_at": False})
        asked.activity_feedback(
            [PORTAL_ACTIVITY_TYPES["reschedule"]], feedback=self.env._("The interview was moved.")
        )

    def _write_portal_answer(self, values):
        """Write an answer; the answer's note says what changed, so no tracking message."""
        self.with_context(mail_notrack=True).write(values)

    def _clean_portal_text(self, value, max_length, missing_message):
        text = (value or "").strip()
        if not text:
            raise UserError(missing_message)
        if len(text) > max_length:
            raise UserError(
                self.env._(
                    "Please keep it under %(count)s characters.",
                    count=max_length,
                )
            )
        return text

    def _parse_portal_interview_day_time(self, value):
        """Naive UTC of a time (``13:45``, candidate's zone) on the interview's day."""
        try:
            return candidate_input.arrival_on_interview_day(
                self.interview_start, value, self.candidate_tz, PORTAL_ARRIVAL_MAX_ADVANCE
            )
        except candidate_input.CandidateInputError as error:
            raise self._candidate_input_user_error(error) from None

    def _candidate_input_user_error(self, error):
        """The translated explanation of a candidate_input error."""
        if isinstance(error, candidate_input.NonExistentLocalTime):
            message = self.env._(
                "This time does not exist in your time zone (the clocks change then): "
                "please choose another time."
            )
        elif isinstance(error, candidate_input.ArrivalAfterStart):
            message = self.env._(
                "Please choose a time before your interview starts (%(time)s).",
                time=self._get_interview_time_for_candidate(),
            )
        elif isinstance(error, candidate_input.ArrivalTooEarly):
            message = self.env._(
                "This is more than %(hours)s hours before your interview: please check the time.",
                hours=int(PORTAL_ARRIVAL_MAX_ADVANCE.total_seconds() // 3600),
            )
        elif isinstance(error, candidate_input.ProposalInThePast):
            message = self.env._("Please propose times at least one hour from now.")
        elif isinstance(error, candidate_input.TooManyProposals):
            message = self.env._(
                "Please propose at most %(count)s times.", count=PORTAL_MAX_PROPOSALS
            )
        else:
            message = self.env._("Please give a valid date or time.")
        return UserError(message)

    def _dismiss_open_slots(self, origins):
        self.slot_ids.filtered(lambda slot: slot.state == "open" and slot.origin in origins).write(
            {"state": "dismissed"}
        )

    def _set_candidate_attendee_state(self, state):
        """Put the candidate's calendar attendee in ``state`` through Odoo's own actions."""
        self.ensure_one()
        attendees = self._get_candidate_attendee().filtered(lambda a: a.state != state)
        if not attendees:
            return
        if state == "accepted":
            attendees.do_accept()
        elif state == "declined":
            attendees.do_decline()
        else:
            attendees.do_tentative()

    def _get_portal_recruiter(self):
        self.ensure_one()
        return self.user_id or self.applicant_id.user_id or self.create_uid

    def _with_recruiter_lang(self):
        """This invitation with the recruiter's language, for what the recruiter reads."""
        return self.with_context(lang=self._get_portal_recruiter().lang or self.env.lang)

    def _post_portal_note(self, body):
        """One internal note, written by the candidate (never with the portal link in it)."""
        self.ensure_one()
        return self.message_post(
            body=body,
            author_id=self.partner_id.id or None,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _ask_recruiter_to_act(self, kind, summary, body):
        """Log the candidate's request as a note and give the recruiter its activity."""
        self._post_portal_note(body)
        return self._schedule_portal_activity(kind, summary, body)

    def _schedule_portal_activity(self, kind, summary, note):
        """Create or update the recruiter's ``kind`` activity (one per kind and invitation)."""
        self.ensure_one()
        xmlid = PORTAL_ACTIVITY_TYPES[kind]
        activity_type = self.env.ref(xmlid)
        values = {
            "summary": summary,
            "note": note,
            "user_id": self._get_portal_recruiter().id,
            "date_deadline": self._recruiter_date(fields.Datetime.now()),
        }
        existing = self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        if existing:
            existing.write(values)
            return existing
        return self.activity_schedule(xmlid, **values)
