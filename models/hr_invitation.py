from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.hr_recruitment_invitation.tools import (
    call_planner,
    interview_logistics,
)
from odoo.addons.hr_recruitment_invitation.tools.utc import local_date

from .hr_invitation_analysis import REVIEW_MISMATCHES
from .hr_invitation_interview import UPCOMING_STATES
from .hr_invitation_pipeline import ACTIVITY_SCHEDULE_INTERVIEW
from .hr_invitation_states import (
    ACTIVITY_INVITATION_CALL,
    CALL_PLAN_ISSUES,
    CALL_WINDOWS,
    FOLLOW_UP_STATES,
    FRESHNESS,
    INTEREST_LEVELS,
    INVITATION_STATES,
    PLANNABLE_STATES,
)
from .record_counts import count_per_record


class HrInvitation(models.Model):
    _name = "hr.invitation"
    _description = "Interview Invitation"
    _inherit = [
        "hr.invitation.private.thread",
        "hr.invitation.single.activity",
        "hr.invitation.candidate.contact",
        "hr.invitation.batch.job",
        "hr.invitation.call.planning",
        "hr.invitation.senior.brief",
        "hr.invitation.privacy",
        "hr.invitation.pipeline",
        "hr.invitation.analysis",
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
        related="applicant_id.candidate_id",
        store=True,
        precompute=True,
        index=True,
        string="Candidate",
    )
    partner_id = fields.Many2one(related="candidate_id.partner_id", string="Contact")
    partner_phone = fields.Char(related="candidate_id.partner_phone", string="Phone")
    employment_status = fields.Selection(related="candidate_id.employment_status")
    job_id = fields.Many2one(related="applicant_id.job_id", store=True, index=True, precompute=True)
    is_key_role = fields.Boolean(related="job_id.is_key_role", store=True, precompute=True)
    company_id = fields.Many2one(
        related="applicant_id.company_id", store=True, index=True, precompute=True
    )
    applied_on = fields.Datetime(
        related="applicant_id.create_date", store=True, precompute=True, string="Applied On"
    )
    resume_updated_on = fields.Date(related="candidate_id.resume_updated_on")
    resume_freshness = fields.Selection(
        FRESHNESS,
        compute="_compute_resume_freshness",
        store=True,
        precompute=True,
        help="Hot: resume updated within 7 days; warm: within 30 days; cold: older or unknown.",
    )
    resume_freshness_rank = fields.Integer(
        compute="_compute_resume_freshness", store=True, precompute=True
    )
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
    interview_can_check_in = fields.Boolean(related="interview_id.can_check_in")
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

    # The analysis (hr.invitation.analysis): what the Invitation Analysis counts of the calls,
    # feedback, reviews, concerns and escalations, kept here by the ORM as they change.
    attempt_count = fields.Integer(
        "Call Attempts",
        compute="_compute_call_figures",
        store=True,
        precompute=True,
        help="Invitation calls that ended, whatever their outcome (not reminder calls).",
    )
    reached_by_call = fields.Boolean(
        "Reached on a Call",
        compute="_compute_call_figures",
        store=True,
        precompute=True,
        help="An invitation call that ended reached the candidate: an outcome other than no "
        "answer.",
    )
    avg_call_duration = fields.Float(
        "Average Call (min)",
        compute="_compute_call_figures",
        store=True,
        precompute=True,
        help="The average length of the call attempts (0 without any).",
    )
    reached_call_window = fields.Selection(
        CALL_WINDOWS,
        "Window of the Reaching Call",
        compute="_compute_call_figures",
        store=True,
        precompute=True,
        help="The window of the last invitation call that reached the candidate.",
    )
    reached_interest_level = fields.Selection(
        INTEREST_LEVELS,
        "Interest When Reached",
        compute="_compute_call_figures",
        store=True,
        precompute=True,
        help="The candidate's interest on the last invitation call that reached them.",
    )
    inviting_call_at = fields.Datetime(
        "Inviting Call Started",
        compute="_compute_call_figures",
        store=True,
        precompute=True,
        help="When the last call on which the candidate accepted the interview started.",
    )
    feedback_id = fields.Many2one(
        "hr.invitation.feedback",
        "Feedback on the Call",
        compute="_compute_feedback_figures",
        store=True,
        precompute=True,
        help="The candidate's feedback after the first interview round (later rounds ask again "
        "about the same call).",
    )
    judged_answer_count = fields.Integer(
        "Answers Judged",
        compute="_compute_feedback_figures",
        store=True,
        precompute=True,
        help="Answers of the calls that the candidate's feedback judged accurate or not.",
    )
    accurate_answer_count = fields.Integer(
        "Answers Judged Accurate",
        compute="_compute_feedback_figures",
        store=True,
        precompute=True,
    )
    review_mismatch = fields.Selection(
        REVIEW_MISMATCHES,
        "Questions the Call Missed",
        compute="_compute_review_mismatch",
        store=True,
        help="From the post-interview reviews: did the candidate ask at the interview what the "
        "call should have answered? Empty until a review.",
    )
    has_escalation = fields.Boolean(
        "Escalated to Senior HR",
        compute="_compute_has_escalation",
        store=True,
        precompute=True,
    )
    has_unresolved_concern = fields.Boolean(
        "Concern Left Unresolved",
        compute="_compute_has_unresolved_concern",
        store=True,
        precompute=True,
    )

    # Privacy (hr.invitation.privacy): the clock of the anonymisation.
    application_closed_at = fields.Datetime(
        "Application Closed On",
        compute="_compute_application_closed_at",
        store=True,
        precompute=True,
        copy=False,
        help="When the application was refused, archived or closed (hired): the privacy clock.",
    )
    anonymised_at = fields.Datetime("Anonymised On", copy=False, readonly=True)

    # The pipeline (hr.invitation.pipeline): refusal after a decline, the to-schedule reminder.
    applicant_active = fields.Boolean(related="applicant_id.active", string="Application Active")
    schedule_reminder_due = fields.Datetime(
        compute="_compute_schedule_reminder_due",
        store=True,
        readonly=False,
        copy=False,
        index="btree_not_null",
        help="Invited and no interview scheduled: the recruiter gets a to-do at this time.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("call_ids.outcome", "call_ids.ended_at")
    def _compute_call_count(self):
        calls_by_invitation = {invitation.id: [] for invitation in self}
        for call in self.call_ids.sorted(lambda c: (c.started_at or c.create_date, c.id)):
            calls_by_invitation[call.invitation_id.id].append(call)
        for invitation in self:
            calls = calls_by_invitation.get(invitation.id, [])
            # A call counts once it ended: a call left open is resumed or discarded.
            invitation.call_count = len([call for call in calls if call.ended_at])
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
        """Make each recruiter follow their invitations, all at once."""
        self._subscribe_users({invitation.id: invitation.user_id for invitation in self})

    def _get_answered_topics(self):
        """Concern topics the invitation call answered."""
        return self.concern_ids.filtered(lambda concern: concern.state == "answered").topic_id

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
        quiet = len(self) > 1
        if quiet:
            # One call gets Odoo's emails, as when a person assigns it; a selection's callers
            # find theirs in their activities, not two emails per call.
            planned = planned._without_assignment_emails()
        handovers = planned._assign_callers(plans, quiet=quiet)
        planned._apply_call_plans(
            {invitation.id: plans[invitation.id].window for invitation in planned},
            planning.guesses,
            handovers,
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

    def _format_for_recruiter(self, value):
        """A UTC datetime in the recruiter's zone and language, without seconds, with the
        zone's name: ``Mar 27, 2026 at 2:00 PM (Central European Standard Time)``."""
        self.ensure_one()
        recruiter = self._get_next_caller()
        return interview_logistics.format_local_time(
            value, recruiter.tz or "UTC", recruiter.lang or self.env.lang, date_width="medium"
        )

    def _recruiter_date(self, value):
        """The date of a UTC datetime in the recruiter's zone (activities have a date)."""
        self.ensure_one()
        return local_date(value, self._get_next_caller().tz)

    # ------------------------------------------------------------------
    # Calls
    # ------------------------------------------------------------------

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

    def action_plan_call(self):
        unplanned = self._plan_next_call()
        if unplanned:
            return unplanned._get_planning_notification(len(self - unplanned))
        return True

    def action_start_call(self):
        """Start a call attempt (and its timer) and open its call script; during the
        candidate's quiet hours, ask first."""
        self.ensure_one()
        if self.interview_id.state in UPCOMING_STATES and not self._is_plannable():
            # Before the interview, the call is the reminder call: on the way?
            return self.interview_id.action_reminder_call()
        if not self.running_call_id and self._is_candidate_quiet_time():
            return self._action_confirm_quiet_call()
        return self.action_start_call_anyway()

    def action_discard_running_call(self):
        self.ensure_one()
        return self.running_call_id.action_discard_call()

    def action_start_call_anyway(self):
        """Start a call attempt and open its call script, whatever the candidate's time."""
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
        handler = self._get_call_outcome_handlers()[call.outcome]
        self._close_call_activities(call._get_summary())
        self._post_call_on_application(call)
        return handler(call)

    def _post_call_on_application(self, call):
        """The call that reached the candidate, on the application's chatter too: interviewers
        working from the application read what it found (the summary and the recruiter's
        screening note)."""
        self.ensure_one()
        if call.outcome == "no_answer":
            return
        body = Markup("<p><b>%s</b> %s</p>") % (
            self.env._("Invitation call:"),
            call._get_summary(),
        )
        if not is_html_empty(call.note):
            body += call.note
        # sudo: whoever made the call (senior HR too) may not post on the application; the
        # note is theirs all the same.
        self.applicant_id.sudo().message_post(
            body=body, subtype_xmlid="mail.mt_note", author_id=self.env.user.partner_id.id
        )

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
            # A senior follow-up of an invited candidate stops calling; the interview stands.
            state = "unreachable" if self.state in PLANNABLE_STATES else self.state
            self.write({"state": state, "next_call_at": False, "next_call_window": False})
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
        """The candidate accepted: go on with scheduling the interview, unless one is ahead
        already (a senior follow-up of an invited candidate never moves them backwards)."""
        if self.interview_id.state in UPCOMING_STATES:
            self._set_call_result(self.state)
            return False
        self._set_call_result("invited")
        return self.action_schedule_interview()

    def _on_call_declined(self, call):
        self._end("declined")
        self._ask_to_refuse_application()
        return False

    def _on_call_not_suitable(self, call):
        self._end("cancelled")
        return self.applicant_id.archive_applicant()

    def _set_call_result(self, state):
        self.write({"state": state, "next_call_at": False, "next_call_window": False})

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
        compute="_compute_access_token",
        search="_search_access_token",
        groups="hr_recruitment.group_hr_recruitment_user",
        exportable=False,
    )
    access_url = fields.Char("Candidate's Page", compute="_compute_access_url")

    def action_open_interviews(self):
        return self._action_open_children("hr.invitation.interview", self.env._("Interviews"))

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
        self._end("cancelled")

    def _end(self, state):
        """End these invitations (declined, cancelled): no more calls, the interviews still
        ahead cancelled and the interviewers' calendars freed, the open escalations closed."""
        self._set_call_result(state)
        self.activity_unlink([ACTIVITY_INVITATION_CALL, ACTIVITY_SCHEDULE_INTERVIEW])
        self.interview_ids._cancel()
        self.escalation_ids._close_with_invitation()

    def action_reset_draft(self):
        self.write({"state": "draft"})

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

    @api.model
    def _selection_label(self, record, fname):
        """The label of a selection field's value, in the user's language."""
        selection = dict(record._fields[fname]._description_selection(self.env))
        return selection.get(record[fname], "")
