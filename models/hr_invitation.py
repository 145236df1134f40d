from collections import defaultdict, namedtuple
from dataclasses import replace
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.hr_recruitment_invitation.tools import (
    call_planner,
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
FRESHNESS_BATCH_SIZE = 1000
# A selection larger than this is planned by a background job (ir.cron), in batches of it.
PLANNING_BATCH_SIZE = 500
ACTIVITY_INVITATION_CALL = "hr_recruitment_invitation.mail_activity_type_invitation_call"
PlanningInputs = namedtuple("PlanningInputs", "now guesses contexts callers busy group_plans")
INVALID_PHONE = "invalid_phone"
CALL_PLAN_ISSUES = [
    (INVALID_PHONE, "Invalid phone number"),
    (call_planner.NO_COMMON_TIME, "No common time in the coming weeks"),
    (call_planner.INVALID_ZONE, "Unknown time zone"),
    (call_planner.NO_CALLER, "Nobody to make the call"),
]


class HrInvitation(models.Model):
    _name = "hr.invitation"
    _description = "Interview Invitation"
    _inherit = [
        "hr.invitation.private.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "hr.invitation.batch.job",
        "hr.invitation.directions",
    ]
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
    call_plan_issue = fields.Selection(
        CALL_PLAN_ISSUES,
        "Needs a Time Because",
        copy=False,
        index="btree_not_null",
        help="Why the last planning found no call time for this invitation.",
    )
    planning_requested_by_id = fields.Many2one(
        "res.users",
        copy=False,
        index="btree_not_null",
        help="Who asked for this call to be planned: a background job plans it and tells them.",
    )
    candidate_tz_manual = fields.Boolean(
        "Time Zone Set by Hand",
        copy=False,
        help="The candidate's zone was set by a person: planning keeps it instead of the phone "
        "number's guess.",
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
    interview_ids = fields.One2many("hr.invitation.interview", "invitation_id", "Interviews")
    interview_id = fields.Many2one(
        "hr.invitation.interview",
        "Current Interview",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The interview ahead, or the last one: earlier rounds and moved interviews are "
        "listed with it.",
    )
    event_id = fields.Many2one(related="interview_id.event_id", string="Meeting")
    interview_start = fields.Datetime(related="interview_id.start", string="Interview Start")
    interview_stop = fields.Datetime(related="interview_id.stop", string="Interview End")
    interview_state = fields.Selection(related="interview_id.state", string="Interview State")
    interview_count = fields.Integer(compute="_compute_interview_count")
    feedback_ids = fields.One2many("hr.invitation.feedback", "invitation_id")
    review_ids = fields.One2many("hr.invitation.review", "invitation_id", "Post-Interview Reviews")
    next_call_display = fields.Char("Next Call (your time)", compute="_compute_next_call_display")
    next_call_candidate_display = fields.Char(
        "Next Call (candidate's time)", compute="_compute_next_call_display"
    )
    _sql_constraints = [
        (
            "next_call_window_consistent",
            "CHECK(next_call_at IS NULL OR next_call_window IS NOT NULL)",
            "A planned call needs a call window.",
        ),
    ]

    def write(self, vals):
        if "candidate_tz" in vals and "candidate_tz_manual" not in vals:
            vals = dict(vals, candidate_tz_manual=bool(vals["candidate_tz"]))
        return super().write(vals)

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

    @api.depends("interview_ids")
    def _compute_interview_count(self):
        counts = count_per_record(self, "hr.invitation.interview", "invitation_id")
        for invitation in self:
            invitation.interview_count = counts.get(invitation.id, 0)

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

    def _format_for_candidate(self, value, date_width="medium"):
        """A UTC datetime in the candidate's zone, in the reading language, with the zone's
        name: the one way a candidate's time is written (mails, texts, page, views, notes).
        ``date_width``: full, long or medium."""
        self.ensure_one()
        if not value:
            return ""
        return interview_logistics.format_local_time(
            value, self.candidate_tz or "UTC", self.env.lang, date_width=date_width
        )

    @api.depends("candidate_id", "job_id")
    def _compute_display_name(self):
        for invitation in self:
            parts = [invitation.candidate_id.display_name, invitation.job_id.name]
            invitation.display_name = " - ".join(part for part in parts if part)

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------

    def _plan_next_call(self, kinds=None):
        """Plan the next call of each invitation: a caller and a slot (``plan_calls``).

        ``kinds`` maps an invitation id to the window kinds to consider (retries).
        What can be planned is planned; the others go back to draft with the reason in
        ``call_plan_issue``: they are returned. Costs a number of queries that does not depend
        on the number of invitations.
        """
        if not self:
            return self
        self._check_plannable()
        planning = self._get_planning_inputs()
        plans = self._find_call_plans(planning, kinds or {})
        planned = self.filtered(lambda invitation: plans[invitation.id].window)
        planned._assign_callers(plans)
        planned._apply_call_plans(
            {invitation.id: plans[invitation.id].window for invitation in planned},
            planning.guesses,
        )
        unplanned = self - planned
        unplanned._write_plan_issues(plans, planning.guesses)
        return unplanned

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
        """What the call planner needs for these invitations: now, time zones, company hours,
        the callers of each company with their calls planned already, the candidates' plans."""
        now = to_utc(fields.Datetime.now())
        contexts = self.company_id._get_invitation_planning_contexts(now)
        return PlanningInputs(
            now,
            self._guess_candidate_timezones(),
            contexts,
            self._get_callers(now, contexts),
            self._get_busy_starts(now),
            self._get_group_plans(now),
        )

    def _get_caller_users(self):
        """{company: users who may make these invitations' calls}: the next callers and the
        company's Recruitment officers."""
        officers = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("hr_recruitment.group_hr_recruitment_user").id),
                ("company_ids", "in", self.company_id.ids),
                ("share", "=", False),
            ]
        )
        users = {}
        for company, invitations in self.grouped("company_id").items():
            team = officers.filtered(lambda user, company=company: company in user.company_ids)
            users[company] = team | invitations._get_next_callers()
        return users

    def _get_next_callers(self):
        return self.env["res.users"].union(*(invitation._get_next_caller() for invitation in self))

    def _get_callers(self, now, contexts):
        """{company id: [call_planner.Caller]}: each user's hours, zone and days off, as a
        caller of the company (busy starts are added at each planning run)."""
        users_by_company = self._get_caller_users()
        all_users = self.env["res.users"].union(*users_by_company.values())
        end = now + timedelta(days=max(ctx.config.horizon_days for ctx in contexts.values()) + 2)
        leaves = all_users._get_invitation_leaves(now, end)
        callers = {}
        for company, users in users_by_company.items():
            holidays = company._get_invitation_holiday_dates(contexts[company.id].holidays)
            callers[company.id] = [
                user._get_invitation_caller(company, holidays, leaves.get(user.id, ()))
                for user in users
            ]
        return callers

    def _get_busy_starts(self, now):
        """{user id: [start]}: the planned calls of the users' other open invitations."""
        groups = (
            self.env["hr.invitation"]
            .sudo()
            ._read_group(
                self._get_other_planned_domain(
                    PLANNABLE_STATES + FOLLOW_UP_STATES, now - timedelta(days=1)
                )
                + [("user_id", "!=", False)],
                ["user_id"],
                ["next_call_at:array_agg"],
            )
        )
        busy = defaultdict(list)
        for user, starts in groups:
            busy[user.id] += starts
        return busy

    def _get_other_planned_domain(self, states, after):
        """Invitations other than these, in ``states``, with a call planned after ``after``."""
        return [
            ("id", "not in", self.ids),
            ("state", "in", states),
            ("next_call_at", ">", to_naive_utc(after)),
        ]

    def _get_group_plans(self, now):
        """{candidate id: (caller id, Window)} of the candidates' other planned open calls."""
        others = (
            self.env["hr.invitation"]
            .sudo()
            .search(
                self._get_other_planned_domain(PLANNABLE_STATES, now)
                + [("candidate_id", "in", self.candidate_id.ids)],
                order="next_call_at",
            )
        )
        plans = {}
        for other in others:
            window = call_planner.Window(
                to_utc(other.next_call_at),
                to_utc(other.next_call_end or other.next_call_at),
                other.next_call_window,
            )
            plans.setdefault(other.candidate_id.id, (other._get_recruiter().id, window))
        return plans

    def _find_call_plans(self, planning, kinds):
        """{invitation id: call_planner.CallPlan}, one planning run per company and kind of
        caller (a senior HR follow-up is planned for senior HR only)."""
        plans = {}
        invalid = self.filtered(lambda invitation: not planning.guesses[invitation.id])
        for invitation in invalid:
            plans[invitation.id] = call_planner.CallPlan(invitation.id, reason=INVALID_PHONE)
        plannable = (self - invalid).sorted(lambda invitation: invitation._queue_key())
        runs = plannable.grouped(
            lambda invitation: (
                invitation.company_id,
                bool(invitation._get_senior_follow_up_escalation()),
            )
        )
        for (company, senior), invitations in runs.items():
            callers = planning.callers[company.id]
            if senior:
                seniors = set(invitations._get_next_callers().ids)
                callers = [caller for caller in callers if caller.key in seniors]
            plans.update(invitations._run_call_planner(planning, callers, kinds))
        return plans

    def _queue_key(self):
        """Where this invitation stands in the call queue (the model's order)."""
        self.ensure_one()
        return (
            not self.is_key_role,
            self.resume_freshness_rank,
            self.applied_on or datetime.max,
            self.id,
        )

    def _run_call_planner(self, planning, callers, kinds):
        """Plan these invitations (one company) with ``callers``; book their slots in
        ``planning`` for the next runs. Return {invitation id: CallPlan}."""
        context = planning.contexts[self.company_id.id]
        plans = call_planner.plan_calls(
            [invitation._prepare_call_request(planning, kinds) for invitation in self],
            [replace(caller, busy=tuple(planning.busy[caller.key])) for caller in callers],
            planning.now,
            config=context.config,
            hr_intervals=context.hr_intervals,
            holidays=context.holidays,
            group_plans=planning.group_plans,
        )
        by_invitation = {}
        for invitation, plan in zip(self, plans, strict=True):
            by_invitation[invitation.id] = plan
            if plan.window:
                planning.busy[plan.caller].append(plan.window.start)
                planning.group_plans.setdefault(
                    invitation.candidate_id.id, (plan.caller, plan.window)
                )
        return by_invitation

    def _prepare_call_request(self, planning, kinds):
        self.ensure_one()
        return call_planner.CallRequest(
            self.id,
            planning.guesses[self.id].tz,
            status=self.candidate_id.employment_status,
            caller=self._get_next_caller().id,
            group=self.candidate_id.id,
            kinds=kinds.get(self.id),
        )

    def _find_call_windows(self, planning, kinds=None, limit=1):
        """The next ``limit`` call windows of this invitation, from ``_get_planning_inputs``."""
        self.ensure_one()
        guess = planning.guesses[self.id]
        if not guess:
            return []
        context = planning.contexts[self.company_id.id]
        return call_planner.next_windows(
            planning.now,
            guess.tz,
            self.candidate_id.employment_status,
            hr_intervals=context.hr_intervals,
            holidays=context.holidays,
            config=context.config,
            kinds=kinds,
            limit=limit,
        )

    def _assign_callers(self, plans):
        """Give each call to the caller of its plan; the chatter says who and why when the
        team takes it over from the recruiter."""
        moved = self.filtered(
            lambda invitation: plans[invitation.id].caller != invitation._get_next_caller().id
        )
        if not moved:
            return
        bodies = {}
        for caller_id, invitations in moved.grouped(lambda inv: plans[inv.id].caller).items():
            caller = self.env["res.users"].browse(caller_id)
            for invitation in invitations:
                bodies[invitation.id] = self.env._(
                    "Call given to %(caller)s: %(recruiter)s has no free time shared with the "
                    "candidate in the coming weeks.",
                    caller=caller.name,
                    recruiter=invitation._get_next_caller().name,
                )
            invitations.write({"user_id": caller_id})
        moved._message_log_batch(bodies=bodies)

    def _apply_call_plans(self, windows, guesses):
        """Write each invitation's window, move its call activity and log the plan."""
        self._write_plans(windows, guesses)
        messages = self._get_plan_messages()
        self._schedule_call_activities(messages)
        self._message_log_batch(bodies=messages)

    def _write_plan_issues(self, plans, guesses):
        """Leave the invitations that cannot be planned in draft, each with its reason."""
        if not self:
            return
        self.activity_unlink([ACTIVITY_INVITATION_CALL])
        self._write_grouped(
            {
                invitation.id: invitation._prepare_plan_issue_values(
                    plans[invitation.id].reason, guesses[invitation.id]
                )
                for invitation in self
            }
        )

    def _prepare_plan_issue_values(self, reason, guess):
        self.ensure_one()
        values = {
            "call_plan_issue": reason,
            "next_call_at": False,
            "next_call_end": False,
            "next_call_window": False,
            "state": "draft" if self.state in PLANNABLE_STATES else self.state,
        }
        if guess:
            values.update(
                candidate_tz=guess.tz,
                candidate_tz_manual=self.candidate_tz_manual,
                tz_uncertain=guess.uncertain,
            )
        return values

    def _get_planning_notification(self, planned_count):
        """The one notification of a planning: how many were planned, which were not and why
        (``self``: the invitations left unplanned)."""
        reasons = dict(self._fields["call_plan_issue"]._description_selection(self.env))
        lines = "; ".join(
            f"{invitation.display_name} ({reasons.get(invitation.call_plan_issue)})"
            for invitation in self
        )
        message = self.env._("%(count)s invitation calls planned.", count=planned_count)
        if self:
            message = self.env._(
                "%(count)s invitation calls planned; these need a time: %(lines)s",
                count=planned_count,
                lines=lines,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if self else "success",
                "sticky": bool(self),
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _request_planning(self):
        """Queue these invitations for the background planning job and wake it up."""
        self.write({"planning_requested_by_id": self.env.user.id})
        self.env.ref("hr_recruitment_invitation.ir_cron_plan_requested_calls")._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "%(count)s invitation calls are being planned in the background: you will "
                    "be notified when they are.",
                    count=len(self),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_plan_requested_calls(self, batch_size=PLANNING_BATCH_SIZE):
        """Plan the invitations queued by ``_request_planning``, one batch per run."""
        return self._run_batch(
            [("planning_requested_by_id", "!=", False)],
            lambda batch: batch._plan_requested_calls(),
            batch_size,
        )

    def _plan_requested_calls(self):
        """Plan these queued invitations as the users who asked; tell each when theirs are
        all planned."""
        for requester, invitations in self.grouped("planning_requested_by_id").items():
            plannable = invitations.filtered(lambda invitation: invitation._is_plannable())
            plannable.with_user(requester)._plan_next_call()
            invitations.write({"planning_requested_by_id": False})
            requester._notify_invitation_planning_done()

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
        guesses = self._guess_candidate_timezones()
        if not guesses[self.id]:
            raise UserError(self.phone_error)
        self._apply_call_plans({self.id: window}, guesses)

    def _guess_candidate_timezones(self):
        """Return {invitation id: TzGuess}, None for an invalid phone number; a zone set by
        hand wins over the phone number's guess."""
        guesses = {}
        for invitation in self:
            try:
                guess = phone_tz.guess_candidate_tz(
                    invitation.partner_phone,
                    default_region=invitation._phone_region(),
                    preferred=invitation._preferred_timezones(),
                    fallback=invitation.company_id.resource_calendar_id.tz or "UTC",
                )
            except phone_tz.InvalidPhoneNumber:
                guess = None
            if guess and invitation.candidate_tz_manual and invitation.candidate_tz:
                guess = replace(guess, tz=invitation.candidate_tz, uncertain=False)
            guesses[invitation.id] = guess
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

    def _write_plans(self, windows, guesses):
        """Write the plans: one write per distinct plan, as candidates of one zone share theirs."""
        self._write_grouped(
            {
                invitation.id: invitation._prepare_plan_values(
                    windows[invitation.id], guesses[invitation.id]
                )
                for invitation in self
            }
        )

    def _write_grouped(self, values_by_invitation):
        """Write {invitation id: values} with one write per distinct set of values."""
        by_values = defaultdict(list)
        for invitation_id, values in values_by_invitation.items():
            by_values[tuple(sorted(values.items()))].append(invitation_id)
        for values, ids in by_values.items():
            self.browse(ids).write(dict(values))

    def _prepare_plan_values(self, window, guess):
        self.ensure_one()
        return {
            "next_call_at": to_naive_utc(window.start),
            "next_call_end": to_naive_utc(window.end),
            "next_call_window": window.kind,
            "candidate_tz": guess.tz,
            "candidate_tz_manual": self.candidate_tz_manual,
            "tz_uncertain": guess.uncertain,
            "call_plan_issue": False,
            "state": "calling" if self.state in PLANNABLE_STATES else self.state,
        }

    def _get_plan_messages(self):
        """{invitation id: plan message}, formatted once per distinct plan and caller."""
        formatted, messages = {}, {}
        for invitation in self:
            key = (
                invitation.next_call_at,
                invitation.candidate_tz,
                invitation.next_call_window,
                invitation._get_next_caller(),
            )
            if key not in formatted:
                formatted[key] = invitation._get_plan_message()
            messages[invitation.id] = formatted[key]
        return messages

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

    def _get_activities(self, xmlid):
        """The open activities of the type ``xmlid`` of these invitations."""
        activity_type = self.env.ref(xmlid)
        return self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _set_activities(self, xmlid, values_by_invitation):
        """Create or update the one open activity of the type ``xmlid`` of each invitation, in
        batch: the one place that keeps an activity type once per invitation.

        ``values_by_invitation``: {invitation id: activity values (user, deadline, summary,
        note)}.
        """
        activity_type = self.env.ref(xmlid)
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        by_invitation = {activity.res_id: activity for activity in existing}
        model_id = self.env["ir.model"]._get_id(self._name)
        updated, to_create = self.env["mail.activity"], []
        for invitation in self:
            values = values_by_invitation[invitation.id]
            activity = by_invitation.get(invitation.id)
            if activity:
                activity.write(values)
                updated |= activity
            else:
                to_create.append(
                    dict(
                        values,
                        activity_type_id=activity_type.id,
                        res_model_id=model_id,
                        res_id=invitation.id,
                        # As activity_schedule(): activity_feedback() and activity_unlink()
                        # find only automated activities.
                        automated=True,
                    )
                )
        return updated | self.env["mail.activity"].create(to_create)

    def _set_activity(self, xmlid, **values):
        self.ensure_one()
        return self._set_activities(xmlid, {self.id: values})

    def _schedule_call_activities(self, notes):
        """Create or move the "Invitation call" activity of each invitation, in batch.

        ``notes`` maps an invitation id to its activity note (the plan message).
        """
        self._set_activities(
            ACTIVITY_INVITATION_CALL,
            {
                invitation.id: invitation._prepare_call_activity_values(notes[invitation.id])
                for invitation in self
            },
        )

    def _prepare_call_activity_values(self, note):
        self.ensure_one()
        return {
            "user_id": self._get_next_caller().id,
            "date_deadline": self._recruiter_date(self.next_call_at),
            "summary": self.env._("Call %(name)s", name=self.candidate_id.display_name),
            "note": note,
        }

    def _close_call_activities(self, feedback):
        self._get_activities(ACTIVITY_INVITATION_CALL).action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Calls
    # ------------------------------------------------------------------

    def action_plan_call(self):
        unplanned = self._plan_next_call()
        if unplanned:
            return unplanned._get_planning_notification(len(self - unplanned))
        return True

    def action_start_call(self):
        """Start a call attempt (and its timer) and open its call script; during the
        candidate's quiet hours, ask first."""
        self.ensure_one()
        if not self.running_call_id and self._is_candidate_quiet_time():
            return self._action_confirm_quiet_call()
        return self.action_start_call_anyway()

    def action_start_call_anyway(self):
        """Start a call attempt and open its call script, whatever the candidate's time."""
        return self._start_call()._get_script_action()

    def _get_candidate_now(self):
        """Now, in the candidate's zone (the company's when unknown)."""
        self.ensure_one()
        tz = self.candidate_tz or self.company_id.resource_calendar_id.tz or "UTC"
        return to_utc(fields.Datetime.now()).astimezone(call_planner.get_zone(tz))

    def _is_candidate_quiet_time(self):
        """Whether it is now the quiet hours of the candidate's day."""
        self.ensure_one()
        local = self._get_candidate_now()
        quiet = self.company_id._get_invitation_planner_config().quiet
        return call_planner.in_quiet_hours(local.hour + local.minute / 60, quiet)

    def _action_confirm_quiet_call(self):
        """Ask before calling the candidate in their quiet hours."""
        self.ensure_one()
        question = self.env["hr.invitation.quiet.call"].create(
            {
                "invitation_id": self.id,
                "message": self.env._(
                    "It is %(time)s for %(name)s: call anyway?",
                    time=self._get_candidate_now().strftime("%H:%M"),
                    name=self.candidate_id.display_name,
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Candidate's Quiet Hours"),
            "res_model": question._name,
            "res_id": question.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

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
        handler = self._get_call_outcome_handlers()[call.outcome]
        self._close_call_activities(call._get_summary())
        return handler(call)

    def _get_call_outcome_handlers(self):
        """{call outcome: what it does to this invitation}, one entry per outcome."""
        return {
            "no_answer": self._on_call_no_answer,
            "callback": self._on_call_callback,
            "invited": self._on_call_invited,
            "declined": self._on_call_declined,
            "not_suitable": self._on_call_not_suitable,
        }

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
    # Interviews (hr.invitation.interview)
    # ------------------------------------------------------------------

    def action_schedule_interview(self):
        """Open the scheduling wizard: the interview, a new time, or the next round."""
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
        """Schedule the next interview as ``values`` say (hr.invitation.interview._schedule)."""
        self.ensure_one()
        return self.env["hr.invitation.interview"]._schedule(self, values)

    def action_check_in(self):
        """The candidate of each current interview is here (reception or recruiter)."""
        missing = self.filtered(lambda invitation: not invitation.interview_id)
        if missing:
            raise UserError(
                self.env._(
                    "Only candidates invited to an interview can be checked in: %(names)s",
                    names=", ".join(missing.mapped("display_name")),
                )
            )
        return self.interview_id.action_check_in()

    def action_send_car(self):
        self.ensure_one()
        if not self.interview_id:
            raise UserError(
                self.env._("A car is sent only to a candidate invited to an interview.")
            )
        return self.interview_id.action_send_car()

    # The candidate's link is their current interview's (hr.invitation.interview): recruiters
    # only, in no view, filter, group or export (fields_get).
    access_token = fields.Char(
        related="interview_id.access_token",
        groups="hr_recruitment.group_hr_recruitment_user",
        exportable=False,
    )

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The web client builds its filters, groups and exports from this: never the token."""
        fields_info = super().fields_get(allfields, attributes)
        fields_info.pop("access_token", None)
        return fields_info

    @api.depends("interview_id")
    def _compute_access_url(self):
        super()._compute_access_url()
        for invitation in self:
            # The link's path is no secret: whoever asks is checked by _portal_ensure_token.
            interview = invitation.sudo().interview_id
            if interview:
                invitation.access_url = interview.access_url

    def _portal_ensure_token(self):
        """The current interview's token: only who may read it gets or creates one."""
        self.ensure_one()
        interview = self.sudo().interview_id.with_env(self.env)
        if not interview:
            raise UserError(self.env._("This invitation has no interview to link to yet."))
        return interview._portal_ensure_token()

    def action_open_interviews(self):
        return self._action_open_children("hr.invitation.interview", self.env._("Interviews"))

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
        self.activity_unlink([ACTIVITY_INVITATION_CALL])
        self._cancel_upcoming_interviews()

    def _cancel_upcoming_interviews(self):
        """Cancel the interviews still ahead and free the interviewers' calendars of those
        that have not started yet."""
        cancelled = self.interview_ids._cancel()
        now = fields.Datetime.now()
        cancelled.event_id.filtered(lambda event: event.start > now).action_archive()

    def action_reset_draft(self):
        self.write({"state": "draft"})

    @api.model
    def _cron_refresh_resume_freshness(self, batch_size=FRESHNESS_BATCH_SIZE):
        """Resume freshness depends on today: recompute the open invitations whose resume
        has aged past a threshold since."""
        return self._run_batch(
            self._get_stale_freshness_domain(),
            lambda batch: batch._refresh_resume_freshness(),
            batch_size,
        )

    @api.model
    def _get_stale_freshness_domain(self):
        today = fields.Date.context_today(self)
        return [
            ("state", "not in", CLOSED_STATES),
            "|",
            "&",
            ("resume_freshness", "=", "hot"),
            ("resume_updated_on", "<", today - timedelta(days=HOT_DAYS)),
            "&",
            ("resume_freshness", "=", "warm"),
            ("resume_updated_on", "<", today - timedelta(days=WARM_DAYS)),
        ]

    def _refresh_resume_freshness(self):
        for fname in ("resume_freshness", "resume_freshness_rank"):
            self.env.add_to_compute(self._fields[fname], self)
        self.flush_recordset(["resume_freshness", "resume_freshness_rank"])

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

    def _get_recruiter(self):
        """The recruiter in charge: the invitation's, else the application's, else whoever
        created it; never the current user (a cron runs as its own)."""
        self.ensure_one()
        return self.user_id or self.applicant_id.user_id or self.create_uid

    def _get_next_caller(self):
        """Who makes the next call: senior HR during an approved follow-up, else the recruiter."""
        self.ensure_one()
        senior = self._get_senior_follow_up_escalation().senior_user_id
        return (senior or self._get_recruiter()).with_env(self.env)

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
