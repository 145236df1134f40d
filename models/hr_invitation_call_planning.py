"""The ORM side of call planning: what the pure planner (tools/call_planner) needs of the
database (callers, their hours and planned calls, zones, the candidates' other applications),
and writing its plans back. hr.invitation._plan_next_call is the entry point."""

from collections import defaultdict, namedtuple
from dataclasses import replace
from datetime import datetime, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from odoo.addons.hr_recruitment_invitation.tools import call_planner, phone_tz
from odoo.addons.hr_recruitment_invitation.tools.utc import to_naive_utc, to_utc

from .hr_invitation_states import (
    ACTIVITY_INVITATION_CALL,
    CLOSED_STATES,
    FOLLOW_UP_STATES,
    FRESHNESS_BATCH_SIZE,
    FRESHNESS_RANK,
    HOT_DAYS,
    INVALID_PHONE,
    PLANNABLE_STATES,
    PLANNING_BATCH_SIZE,
    WARM_DAYS,
)

PlanningInputs = namedtuple("PlanningInputs", "now guesses contexts callers busy group_plans")


class HrInvitationCallPlanning(models.AbstractModel):
    _name = "hr.invitation.call.planning"
    _description = "Call Planning of the Interview Invitations"

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

    def _assign_callers(self, plans, quiet=False):
        """Give each call to the caller of its plan; return {invitation id: why} of the calls
        the team takes over from the recruiter, which their activity's note says.

        ``quiet`` (a selection): the note is all that says it, without Odoo's tracking value
        and follower check per caller, nor a chatter message per call; the call activity
        subscribes the caller. One call is also logged in the chatter.
        """
        moved = self.filtered(
            lambda invitation: plans[invitation.id].caller != invitation._get_next_caller().id
        )
        handovers = {}
        for caller_id, invitations in moved.grouped(lambda inv: plans[inv.id].caller).items():
            caller = self.env["res.users"].browse(caller_id)
            for invitation in invitations:
                handovers[invitation.id] = self.env._(
                    "Call given to %(caller)s: %(recruiter)s has no free time shared with the "
                    "candidate in the coming weeks.",
                    caller=caller.name,
                    recruiter=invitation._get_next_caller().name,
                )
            invitations.with_context(tracking_disable=quiet).write({"user_id": caller_id})
        if moved and not quiet:
            moved._message_log_batch(bodies=handovers)
        return handovers

    def _without_assignment_emails(self):
        """These invitations, so that Odoo does not email whoever they or their call activities
        are assigned to (its "You have been assigned" emails)."""
        return self.with_context(
            mail_activity_quick_update=True, mail_auto_subscribe_no_notify=True
        )

    def _apply_call_plans(self, windows, guesses, handovers=None):
        """Write each invitation's window and create or move its call activity, whose note
        says the plan (and why the call went to a colleague, ``handovers``: {invitation id:
        why}): the chatter shows it with the activity, once."""
        self._write_plans(windows, guesses)
        notes = self._get_plan_messages()
        for invitation_id, handover in (handovers or {}).items():
            # Names are text: escaped, as the chatter's message escapes them.
            notes[invitation_id] = Markup("{} {}").format(handover, notes[invitation_id])
        self._schedule_call_activities(notes)

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

    def _get_planning_notification(self, planned_count, ahead=None):
        """The one notification of a planning: how many were planned, which were not and why
        (``self``: the invitations left unplanned; ``ahead``: those already invited, with
        nothing to plan)."""
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
        if ahead:
            message += " " + self.env._(
                "Already invited, nothing to plan: %(names)s.",
                names=", ".join(ahead.mapped("display_name")),
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

    @api.model
    def _cron_plan_requested_calls(self, batch_size=PLANNING_BATCH_SIZE):
        """Plan the invitation calls of the applications queued by a large selection
        (``hr.applicant._request_invitation_planning``), one batch per run."""
        return self.env["hr.applicant"]._run_batch(
            [("invitation_planning_requested_by_id", "!=", False)],
            lambda batch: batch._plan_requested_invitation_calls(),
            batch_size,
        )

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
        # The record rules once for all, not once per distinct plan: the values are the
        # planner's, never the user's.
        self.browse(list(values_by_invitation)).check_access("write")
        invitations = self.sudo()
        for values, ids in by_values.items():
            invitations.browse(ids).write(dict(values))

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

    # ------------------------------------------------------------------
    # The candidate's quiet hours
    # ------------------------------------------------------------------

    def _get_candidate_local(self, moment):
        """``moment`` (naive UTC) in the candidate's zone (the company's when unknown)."""
        self.ensure_one()
        tz = self.candidate_tz or self.company_id.resource_calendar_id.tz or "UTC"
        return to_utc(moment).astimezone(call_planner.get_zone(tz))

    def _get_candidate_now(self):
        """Now, in the candidate's zone (the company's when unknown)."""
        return self._get_candidate_local(fields.Datetime.now())

    def _is_candidate_quiet_time(self, moment=None):
        """Whether ``moment`` (naive UTC, default now) is in the quiet hours of the
        candidate's day."""
        local = self._get_candidate_local(moment or fields.Datetime.now())
        quiet = self.company_id._get_invitation_planner_config().quiet
        return call_planner.in_quiet_hours(local.hour + local.minute / 60, quiet)

    def _format_callback(self, start, kind):
        """A call back at ``start`` (naive UTC) in a window of ``kind``, as the recruiter
        reads it: their time, the candidate's, the kind of window."""
        self.ensure_one()
        return self.env._(
            "%(recruiter_time)s (candidate: %(candidate_time)s), %(kind)s",
            recruiter_time=self._format_for_recruiter(start),
            candidate_time=self._format_for_candidate(start),
            kind=dict(self._fields["next_call_window"]._description_selection(self.env)).get(kind),
        )

    def _get_agreed_callback_window(self, start):
        """The call back at ``start`` (naive UTC), the time the candidate gave, as a
        call_planner.Window; refused when it is past or in the candidate's quiet hours."""
        self.ensure_one()
        if start <= fields.Datetime.now():
            raise UserError(
                self.env._("This call back time is past: agree on a later time with the candidate.")
            )
        if self._is_candidate_quiet_time(start):
            raise UserError(
                self.env._(
                    "%(time)s is in the quiet hours of %(name)s: agree on another time.",
                    time=self._format_for_candidate(start),
                    name=self.candidate_id.display_name,
                )
            )
        config = self.company_id._get_invitation_planner_config()
        local = self._get_candidate_local(start)
        length = timedelta(minutes=max(config.min_duration_minutes, config.slot_minutes))
        return call_planner.Window(
            to_utc(start), to_utc(start) + length, call_planner.kind_at(local, config)
        )

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

    # ------------------------------------------------------------------
    # Resume freshness: the queue's order
    # ------------------------------------------------------------------

    @api.model
    def _freshness_of(self, resume_date, today):
        if not resume_date:
            return "cold"
        age = (today - resume_date).days
        if age <= HOT_DAYS:
            return "hot"
        return "warm" if age <= WARM_DAYS else "cold"

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

    @api.depends("candidate_id.resume_updated_on")
    def _compute_resume_freshness(self):
        today = fields.Date.context_today(self)
        for invitation in self:
            freshness = self._freshness_of(invitation.candidate_id.resume_updated_on, today)
            invitation.resume_freshness = freshness
            invitation.resume_freshness_rank = FRESHNESS_RANK[freshness]

    @api.depends("next_call_at", "candidate_tz")
    @api.depends_context("uid")
    def _compute_next_call_display(self):
        for invitation in self:
            invitation.next_call_display = format_datetime(
                self.env, invitation.next_call_at, dt_format="short"
            )
            invitation.next_call_candidate_display = invitation._format_for_candidate(
                invitation.next_call_at
            )

    @api.depends("candidate_tz")
    def _compute_candidate_local_now(self):
        now = fields.Datetime.now()
        for invitation in self:
            invitation.candidate_local_now = invitation.candidate_tz and format_datetime(
                self.env, now, tz=invitation.candidate_tz, dt_format="EEE HH:mm"
            )
