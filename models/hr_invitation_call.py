from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hr_recruitment_invitation.tools.call_planner import Window
from odoo.addons.hr_recruitment_invitation.tools.utc import to_utc

from .hr_invitation_escalation import CONCLUSIVE_OUTCOMES
from .hr_invitation_states import CALL_WINDOWS, INTEREST_LEVELS

CALL_OUTCOMES = [
    ("no_answer", "No answer"),
    ("callback", "Call back later"),
    ("invited", "Invited to interview"),
    ("declined", "Declined by candidate"),
    ("not_suitable", "Not suitable"),
]
# What a reminder call before the interview found out ("are you on the way?").
ARRIVAL_ANSWERS = [
    ("on_the_way", "On the way"),
    ("late", "Running late"),
    ("not_coming", "Not coming"),
    ("no_answer", "No answer"),
]
# A key-role call escalates to senior HR when the candidate shows interest or accepts...
ESCALATING_INTEREST = ("interested", "proactive")
# ...unless the candidate was not reached, declined or is not suitable.
NON_ESCALATING_OUTCOMES = ("no_answer", "declined", "not_suitable")


class HrInvitationCall(models.Model):
    _name = "hr.invitation.call"
    _description = "Invitation Call Attempt"
    _order = "started_at desc, planned_at desc, id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    applicant_id = fields.Many2one(related="invitation_id.applicant_id", store=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id", store=True)
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    user_id = fields.Many2one(
        "res.users", "Caller", required=True, default=lambda self: self.env.user, index=True
    )
    planned_at = fields.Datetime("Planned For")
    window = fields.Selection(
        [
            ("evening", "Weekday evening"),
            ("weekend", "Weekend"),
            ("office_hours", "Office hours"),
        ],
        "Call Window",
    )
    started_at = fields.Datetime("Started")
    ended_at = fields.Datetime("Ended")
    duration = fields.Float(
        "Duration (min)",
        compute="_compute_duration",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    purpose = fields.Selection(
        [("invitation", "Invitation"), ("reminder", "Reminder before the interview")],
        default="invitation",
        required=True,
        index=True,
    )
    interview_id = fields.Many2one(
        "hr.invitation.interview", index="btree_not_null", ondelete="set null"
    )
    arrival_answer = fields.Selection(ARRIVAL_ANSWERS, "Before the Interview")
    outcome = fields.Selection(CALL_OUTCOMES, index=True)
    interest_level = fields.Selection(INTEREST_LEVELS, "Interest")
    note = fields.Html("Notes", sanitize=True)
    is_running = fields.Boolean(compute="_compute_is_running")
    target_duration = fields.Integer(related="company_id.invitation_call_target")
    is_over_target = fields.Boolean(
        "Over Target Duration",
        compute="_compute_is_running",
        help="The call is longer than the company's target duration: wrap it up.",
    )

    callback_at = fields.Datetime(
        "Call Back At", help="Start of the call window agreed with the candidate for a call back."
    )
    callback_until = fields.Datetime("Call Back Until")
    callback_window = fields.Selection(CALL_WINDOWS, "Call Back Window")

    _sql_constraints = [
        (
            "ended_after_start",
            "CHECK(ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)",
            "A call cannot end before it starts.",
        ),
        (
            "callback_window_complete",
            (
                "CHECK(callback_at IS NULL OR (callback_until > callback_at "
                "AND callback_window IS NOT NULL))"
            ),
            "An agreed call back needs an end after its start and a call window.",
        ),
    ]

    @api.depends("started_at", "ended_at")
    def _compute_duration(self):
        for call in self:
            if call.started_at and call.ended_at:
                call.duration = (call.ended_at - call.started_at).total_seconds() / 60.0
            else:
                call.duration = 0.0

    @api.depends("invitation_id", "started_at", "planned_at")
    def _compute_display_name(self):
        for call in self:
            when = call.started_at or call.planned_at
            name = call.invitation_id.display_name or ""
            call.display_name = f"{name} ({fields.Datetime.to_string(when)})" if when else name

    @api.depends("started_at", "ended_at", "duration", "target_duration")
    def _compute_is_running(self):
        now = fields.Datetime.now()
        for call in self:
            call.is_running = bool(call.started_at and not call.ended_at)
            end = call.ended_at or now
            minutes = (end - call.started_at).total_seconds() / 60.0 if call.started_at else 0.0
            call.is_over_target = bool(call.started_at) and minutes > call.target_duration

    def action_end_call(self):
        """End the call with its outcome and move the invitation on."""
        self.ensure_one()
        self._check_can_end()
        self.ended_at = max(fields.Datetime.now(), self.started_at)
        self._apply_escalation_rules()
        return self.invitation_id._apply_call_outcome(self) or {
            "type": "ir.actions.act_window_close"
        }

    def action_discard_call(self):
        """A call opened by mistake, or abandoned: it goes, as if never made (never counted)."""
        running = self.filtered(lambda call: call.started_at and not call.ended_at)
        if running != self:
            raise UserError(self.env._("Only a call still open can be discarded."))
        if running.user_id != self.env.user and not self.env.user.has_group(
            "hr_recruitment.group_hr_recruitment_manager"
        ):
            raise UserError(self.env._("Only who made the call can discard it."))
        invitations = running.invitation_id
        # The call log is kept (recruiters delete no call): a call never made is the exception.
        running.sudo().unlink()
        # Started on an invitation to plan (no call planned, none made): back to be planned.
        invitations.filtered(
            lambda inv: inv.state == "calling" and not inv.call_ids and not inv.next_call_at
        ).write({"state": "draft"})
        return {"type": "ir.actions.act_window_close"}

    def _check_can_end(self):
        if not self.is_running:
            raise UserError(self.env._("This call is not running."))
        if not self.outcome:
            raise UserError(self.env._("Say how the call went (its outcome) before ending it."))
        if self.outcome != "no_answer" and not self.interest_level:
            raise UserError(
                self.env._("Record how interested the candidate was before ending the call.")
            )

    def _get_summary(self):
        """A one-line account of the call for the chatter and the activity feedback."""
        self.ensure_one()
        if self.purpose == "reminder":
            return self.env._(
                "Reminder call: %(answer)s",
                answer=dict(self._fields["arrival_answer"]._description_selection(self.env)).get(
                    self.arrival_answer, ""
                ),
            )
        outcome = dict(self._fields["outcome"]._description_selection(self.env))[self.outcome]
        if not self.interest_level:
            return outcome
        interest = dict(self._fields["interest_level"]._description_selection(self.env))[
            self.interest_level
        ]
        return self.env._("%(outcome)s, interest: %(interest)s", outcome=outcome, interest=interest)

    def _get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Call"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("hr_recruitment_invitation.hr_invitation_call_view_form").id, "form")
            ],
            "target": "new",
        }

    def _get_script_action(self):
        """Open the call script of this call (the one already open, if any)."""
        self.ensure_one()
        return self.env["hr.invitation.call.script"]._get_or_create_for_call(self)._get_action()

    def _get_callback_window(self):
        """The call back window agreed during this call, as a call_planner.Window, or None."""
        self.ensure_one()
        if not self.callback_at:
            return None
        return Window(to_utc(self.callback_at), to_utc(self.callback_until), self.callback_window)

    # ------------------------------------------------------------------
    # Escalation to senior HR
    # ------------------------------------------------------------------

    def _apply_escalation_rules(self):
        """At the end of a call: close senior HR's follow-up, or escalate a key role."""
        self.ensure_one()
        self._complete_senior_follow_up()
        self._escalate_if_key_role()

    def _shows_interest(self):
        self.ensure_one()
        if self.outcome in NON_ESCALATING_OUTCOMES:
            return False
        return self.interest_level in ESCALATING_INTEREST or self.outcome == "invited"

    def _escalate_if_key_role(self):
        """Ask a manager to let senior HR step in when a key-role candidate shows interest.

        Once per invitation: a request already made (pending, decided or done) is not repeated.
        """
        self.ensure_one()
        invitation = self.invitation_id
        if not invitation.is_key_role or not self._shows_interest():
            return self.env["hr.invitation.escalation"]
        if invitation.sudo().escalation_ids:
            return self.env["hr.invitation.escalation"]
        escalation = (
            self.env["hr.invitation.escalation"]
            .sudo()
            .create(
                {
                    "invitation_id": invitation.id,
                    "origin": "auto",
                    "call_id": self.id,
                    "requested_by_id": self.user_id.id,
                    "reason": self.env._(
                        "Key role: the candidate showed interest (%(summary)s). Senior HR steps "
                        "in to show how much the company values them.",
                        summary=self._get_summary(),
                    ),
                }
            )
        )
        return escalation.with_env(self.env)

    def _complete_senior_follow_up(self):
        """A settling call by senior HR during an approved follow-up closes the escalation."""
        self.ensure_one()
        escalation = self.invitation_id._get_senior_follow_up_escalation()
        if escalation.senior_user_id == self.user_id and self.outcome in CONCLUSIVE_OUTCOMES:
            escalation._mark_done(self)
        return escalation
