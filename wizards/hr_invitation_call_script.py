from collections import Counter

from odoo import Command, api, fields, models

from odoo.addons.base.models.res_partner import _lang_get
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_call import CALL_OUTCOMES
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_script_item import (
    SCRIPT_ITEM_KINDS,
)
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_script_template import (
    CLOSING_FIELDS,
    OPENING_FIELDS,
    SHORT_CLOSING_FIELD,
)
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_states import (
    CALL_WINDOWS,
    INTEREST_LEVELS,
)
from odoo.addons.hr_recruitment_invitation.tools.utc import to_naive_utc, to_utc

# The seven steps of an invitation call ("Interview techniques for invitations").
STEPS = [
    ("preparation", "Preparation"),
    ("introduction", "Introduction"),
    ("understand", "The Candidate"),
    ("suitability", "Suitability"),
    ("recommend", "Company & Position"),
    ("conclusion", "Conclusion"),
    ("analysis", "Analysis"),
]
STEP_KEYS = [key for key, _label in STEPS]
MATCHES = [("yes", "Meets it"), ("partly", "Partly"), ("no", "Does not meet it")]
# A ticked concern is raised until the recruiter answers it; still raised when the call ends,
# it was not answered: it is recorded unresolved and its owner gets a to-do.
CONCERN_STATES = [("raised", "Raised"), ("answered", "Answered"), ("unresolved", "Unresolved")]
RECENT_EXPERIENCES = 3
CALLBACK_WINDOWS_OFFERED = 3
# Texts read as they are, whatever the outcome and the candidate's interest.
STEP_TEXT_FIELDS = ("questions_intro", "position_summary", "benefits_text", "salary_text")


class HrInvitationCallScript(models.TransientModel):
    """The script of one invitation call: seven steps, from preparation to screening.

    Ending the call writes what it produced on the call and lets the invitation apply
    the outcome (``hr.invitation.call.action_end_call``).
    """

    _name = "hr.invitation.call.script"
    _description = "Invitation Call Script"

    call_id = fields.Many2one(
        "hr.invitation.call", required=True, readonly=True, ondelete="cascade"
    )
    invitation_id = fields.Many2one(related="call_id.invitation_id")
    applicant_id = fields.Many2one(related="invitation_id.applicant_id")
    candidate_id = fields.Many2one(related="invitation_id.candidate_id")
    job_id = fields.Many2one(related="invitation_id.job_id")
    company_id = fields.Many2one(related="invitation_id.company_id")
    step = fields.Selection(STEPS, default="preparation", required=True)
    script_template_id = fields.Many2one("hr.invitation.script.template", "Script", readonly=True)
    script_lang = fields.Selection(
        _lang_get, "Script Language", readonly=True, help="The candidate's language."
    )

    # The call
    started_at = fields.Datetime(related="call_id.started_at")
    ended_at = fields.Datetime(related="call_id.ended_at")
    is_over_target = fields.Boolean(related="call_id.is_over_target")
    target_duration = fields.Integer(related="call_id.target_duration")
    phone_e164 = fields.Char(related="invitation_id.phone_e164")
    candidate_local_now = fields.Char(related="invitation_id.candidate_local_now")

    # 1. Preparation: the brief from the resume
    employment_status = fields.Selection(related="candidate_id.employment_status")
    current_employer = fields.Char(related="candidate_id.current_employer")
    applied_on = fields.Datetime(related="invitation_id.applied_on")
    sourcing_channel = fields.Selection(related="applicant_id.sourcing_channel")
    source_id = fields.Many2one(related="applicant_id.source_id")
    resume_updated_on = fields.Date(related="invitation_id.resume_updated_on")
    resume_freshness = fields.Selection(related="invitation_id.resume_freshness")
    candidate_location = fields.Char("Location", compute="_compute_brief")
    recent_experience_ids = fields.Many2many(
        "hr.candidate.experience", string="Last Positions", compute="_compute_brief"
    )
    previous_concern_ids = fields.Many2many(
        "hr.invitation.concern", string="Concerns Raised Before", compute="_compute_brief"
    )
    # One candidate, one caller (issue 17, rule 8): their other applications planned at the
    # same slot with the same caller are one call; each records its own outcome.
    other_call_ids = fields.Many2many(
        "hr.invitation.call",
        "hr_invitation_call_script_other_call_rel",
        "script_id",
        "call_id",
        string="Other Positions on This Call",
        help="The candidate's other applications planned for this call with you. Record the "
        "outcome of each; left empty, a position takes this call's outcome and interest.",
    )
    other_positions = fields.Char("Also Calling About", compute="_compute_other_positions")

    # 2-6. What to say, rendered from the script template
    opening = fields.Text(compute="_compute_script_texts")
    questions_intro = fields.Text(compute="_compute_script_texts")
    position_summary = fields.Text(compute="_compute_script_texts")
    salary_text = fields.Text("Salary Range", compute="_compute_script_texts")
    benefits_text = fields.Text("Benefits", compute="_compute_script_texts")
    company_intro = fields.Html("About the Company", compute="_compute_company_texts")
    company_details = fields.Html("More About the Company", compute="_compute_company_texts")
    job_description = fields.Html(related="job_id.description")
    closing_text = fields.Text("What to Say", compute="_compute_closing_text")
    interest_hint = fields.Char(compute="_compute_interest_hint")

    # What the call produces
    interest_level = fields.Selection(INTEREST_LEVELS, "Interest")
    question_line_ids = fields.One2many(
        "hr.invitation.call.script.line",
        "script_id",
        "Questions",
        domain=[("kind", "=", "question")],
    )
    requirement_line_ids = fields.One2many(
        "hr.invitation.call.script.line",
        "script_id",
        "Requirements",
        domain=[("kind", "=", "requirement")],
    )
    topic_ids = fields.Many2many(
        "hr.invitation.concern.topic",
        string="Concerns Raised",
        help="Search and tick the topics the candidate asks about.",
    )
    concern_line_ids = fields.One2many(
        "hr.invitation.call.script.concern",
        "script_id",
        "Answers to Concerns",
        compute="_compute_concern_line_ids",
        store=True,
        readonly=False,
    )
    concern_answers = fields.Html(
        "Approved Answers", compute="_compute_concern_answers", sanitize=False
    )
    outcome = fields.Selection(CALL_OUTCOMES)
    callback_window_ids = fields.One2many(
        "hr.invitation.call.script.window", "script_id", "Offered Call Windows"
    )
    callback_window_id = fields.Many2one(
        "hr.invitation.call.script.window",
        "Call Back",
        domain="[('script_id', '=', id)]",
        help="The call window the candidate chose among those the planner offers.",
    )
    callback_at = fields.Datetime(
        "Or at the Time They Gave",
        help="The time the candidate asked to be called back, in your time; it must be outside "
        "their quiet hours.",
    )
    callback_at_for_candidate = fields.Char(
        "Their Time", compute="_compute_callback_at_for_candidate"
    )
    salary_expected = fields.Float(
        "Expected Salary", help="What the candidate expects: written on the application."
    )
    availability = fields.Date(
        "Available From", help="When the candidate can start: written on the application."
    )
    screening_note = fields.Text(
        "Screening", help="Your judgement after the call: fit, doubts, what to check next."
    )
    requirement_summary = fields.Char("Requirement Match", compute="_compute_summaries")
    concern_summary = fields.Char("Concern Answers", compute="_compute_summaries")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("candidate_id")
    def _compute_brief(self):
        for script in self:
            candidate = script.candidate_id
            partner = candidate.partner_id
            places = (partner.city, partner.country_id.name)
            script.candidate_location = ", ".join(place for place in places if place) or (
                script.invitation_id.candidate_tz
            )
            script.recent_experience_ids = candidate.experience_ids[:RECENT_EXPERIENCES]
            script.previous_concern_ids = candidate.invitation_concern_ids

    @api.depends("other_call_ids")
    def _compute_other_positions(self):
        for script in self:
            jobs = script.other_call_ids.job_id
            script.other_positions = ", ".join(jobs.mapped("display_name")) or False

    @api.depends("script_template_id", "script_lang", "sourcing_channel")
    def _compute_script_texts(self):
        for script in self:
            opening_field = OPENING_FIELDS[script.sourcing_channel or "applied"]
            texts = script._render_script((opening_field, *STEP_TEXT_FIELDS))
            script.opening = texts.get(opening_field)
            script.questions_intro = texts.get("questions_intro")
            script.position_summary = texts.get("position_summary")
            script.benefits_text = texts.get("benefits_text")
            has_range = script.job_id._has_invitation_salary_range()
            script.salary_text = texts.get("salary_text") if has_range else False

    @api.depends("job_id", "script_lang", "interest_level")
    def _compute_company_texts(self):
        for script in self:
            job = script._in_script_lang(script.job_id)
            script.company_intro = job._get_invitation_company_intro()
            script.company_details = (
                job.company_id.invitation_company_details
                if script.interest_level == "proactive"
                else False
            )

    @api.depends("outcome", "interest_level", "script_template_id", "script_lang")
    def _compute_closing_text(self):
        for script in self:
            fname = script._get_closing_field()
            script.closing_text = fname and script._render_script((fname,)).get(fname) or False

    def _get_closing_field(self):
        """The close for the outcome, or the short close for an indifferent candidate."""
        self.ensure_one()
        if self.interest_level == "indifferent" and self.outcome != "no_answer":
            return SHORT_CLOSING_FIELD
        return CLOSING_FIELDS.get(self.outcome)

    @api.depends("interest_level")
    def _compute_interest_hint(self):
        hints = {
            "indifferent": self.env._(
                "The candidate sounds indifferent: do not insist. Give the essentials and close "
                "politely with the short close."
            ),
            "proactive": self.env._(
                "The candidate asks questions: take the time to tell more about the company and "
                "the position (see More About the Company)."
            ),
        }
        for script in self:
            script.interest_hint = hints.get(script.interest_level, False)

    @api.depends("callback_at")
    def _compute_callback_at_for_candidate(self):
        for script in self:
            script.callback_at_for_candidate = script.callback_at and (
                script.invitation_id._format_for_candidate(script.callback_at)
            )

    @api.depends("topic_ids")
    def _compute_concern_line_ids(self):
        for script in self:
            lines, topics = script.concern_line_ids, script.topic_ids
            removed = lines.filtered(lambda line, topics=topics: line.topic_id not in topics)
            added = topics - lines.topic_id
            script.concern_line_ids = [Command.unlink(line.id) for line in removed] + [
                Command.create({"topic_id": topic.id}) for topic in added
            ]

    @api.depends("concern_line_ids.topic_id", "script_lang")
    def _compute_concern_answers(self):
        for script in self:
            topics = script._in_script_lang(script.concern_line_ids.topic_id)
            script.concern_answers = bool(topics) and self.env["ir.qweb"]._render(
                "hr_recruitment_invitation.hr_invitation_call_script_concern_answers",
                {"topics": topics},
            )

    @api.depends("requirement_line_ids.match", "concern_line_ids.state")
    def _compute_summaries(self):
        for script in self:
            script.requirement_summary = script._get_requirement_summary()
            script.concern_summary = script._get_concern_summary()

    def _get_requirement_summary(self):
        self.ensure_one()
        lines = self.requirement_line_ids
        if not lines:
            return False
        counts = Counter(lines.mapped("match"))
        return self.env._(
            "Met: %(met)s, partly: %(partly)s, not met: %(unmet)s, not checked: %(unchecked)s "
            "(requirements: %(total)s)",
            met=counts["yes"],
            partly=counts["partly"],
            unmet=counts["no"],
            unchecked=counts[False],
            total=len(lines),
        )

    def _get_concern_summary(self):
        self.ensure_one()
        lines = self.concern_line_ids
        if not lines:
            return False
        counts = Counter(lines.mapped("state"))
        return self.env._(
            "Answered: %(answered)s, unresolved: %(unresolved)s, not answered yet: %(raised)s "
            "(what is not answered when the call ends is unresolved: its owner gets a to-do)",
            answered=counts["answered"],
            unresolved=counts["unresolved"],
            raised=counts["raised"],
        )

    # ------------------------------------------------------------------
    # Script texts
    # ------------------------------------------------------------------

    def _render_script(self, field_names):
        """Render texts of the script template for this call: {field name: text}."""
        self.ensure_one()
        if not self.script_template_id:
            return {}
        return self.script_template_id._render_texts(
            self.invitation_id, field_names, self.script_lang
        )

    def _in_script_lang(self, records):
        return records.with_context(lang=self.script_lang) if self.script_lang else records

    # ------------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------------

    @api.model
    def _get_or_create_for_call(self, call):
        """The script already open for ``call`` (going back to a running call), else a new one."""
        script = self.search([("call_id", "=", call.id)], order="id desc", limit=1)
        return script or self.create(self._prepare_values(call))

    @api.model
    def _prepare_values(self, call):
        template = self.env["hr.invitation.script.template"]._get_for_job(call.job_id)
        lang = template._get_script_lang(call.invitation_id) if template else False
        job = call.job_id.with_context(lang=lang) if lang else call.job_id
        items = job.invitation_question_ids | job.invitation_requirement_ids
        return {
            "call_id": call.id,
            "other_call_ids": [Command.set(self._start_other_calls(call.invitation_id).ids)],
            "script_template_id": template.id,
            "script_lang": lang,
            "question_line_ids": [
                Command.create(self._prepare_line_values(item))
                for item in items
                if item.kind == "question"
            ],
            "requirement_line_ids": [
                Command.create(self._prepare_line_values(item))
                for item in items
                if item.kind == "requirement"
            ],
        }

    @api.model
    def _start_other_calls(self, invitation):
        """Start (or resume) the calls of the candidate's other open invitations planned at the
        same slot with the same caller: the recruiter makes one call for all of them."""
        if not invitation.next_call_at:
            return self.env["hr.invitation.call"]
        others = self.env["hr.invitation"].search(
            [
                ("id", "!=", invitation.id),
                ("candidate_id", "=", invitation.candidate_id.id),
                ("next_call_at", "=", invitation.next_call_at),
                ("user_id", "=", invitation.user_id.id),
            ]
        )
        others = others.filtered(lambda other: other._is_plannable() and not other.phone_error)
        return self.env["hr.invitation.call"].union(*(other._start_call() for other in others))

    @api.model
    def _prepare_line_values(self, item):
        return {"kind": item.kind, "sequence": item.sequence, "name": item.name}

    def _get_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Call %(name)s", name=self.invitation_id.display_name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"dialog_size": "extra-large"},
        }

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    def action_next_step(self):
        return self._move_step(1)

    def action_previous_step(self):
        return self._move_step(-1)

    def _move_step(self, offset):
        self.ensure_one()
        index = STEP_KEYS.index(self.step) + offset
        self.step = STEP_KEYS[min(max(index, 0), len(STEP_KEYS) - 1)]
        self._onchange_step()
        return self._get_action()

    @api.onchange("step")
    def _onchange_step(self):
        """A step is reached by Next or by a click on it: the analysis offers call backs."""
        if self.step == "analysis":
            self._offer_callback_windows()

    def _offer_callback_windows(self):
        """Offer the next call windows of the planner that have not started: a call back
        'now' is no call back. Another time is typed in Or at the Time They Gave."""
        self.ensure_one()
        now = to_utc(fields.Datetime.now())
        windows = [
            window
            for window in self.invitation_id._get_next_call_windows(
                limit=CALLBACK_WINDOWS_OFFERED + 1
            )
            if window.start > now
        ][:CALLBACK_WINDOWS_OFFERED]
        self.callback_window_ids = [Command.clear()] + [
            Command.create(
                {
                    "start": to_naive_utc(window.start),
                    "end": to_naive_utc(window.end),
                    "kind": window.kind,
                }
            )
            for window in windows
        ]
        self.callback_window_id = self.callback_window_ids[:1]

    # ------------------------------------------------------------------
    # Ending the call
    # ------------------------------------------------------------------

    def action_no_answer(self):
        """Nobody answered: end the call at once, the invitation plans a retry."""
        self.ensure_one()
        self.write({"outcome": "no_answer", "interest_level": False})
        return self.action_finish_call()

    def action_discard_call(self):
        """The call was opened by mistake: it goes, never counted (hr.invitation.call)."""
        self.ensure_one()
        return self.call_id.action_discard_call()

    def action_finish_call(self):
        """Write what the call produced, end it and let the invitation apply its outcome.

        All or nothing: when the call cannot end, no concern, message or change is kept.
        """
        self.ensure_one()
        with self.env.cr.savepoint():
            self.call_id.write(self._prepare_call_result())
            self._create_concerns()
            self.invitation_id._record_call_answers(self.salary_expected, self.availability)
            if self.outcome != "no_answer":
                self.invitation_id.message_post(
                    body=self.call_id.note, subtype_xmlid="mail.mt_note"
                )
            actions = [self.call_id.action_end_call(), *self._end_other_calls()]
        return self._first_opening_action(actions)

    def _end_other_calls(self):
        """End the calls of the other positions, each with its own outcome, else this call's
        (no answer for all when nobody answered). Return what each ending opens."""
        self.ensure_one()
        actions = []
        for call in self.other_call_ids.filtered("is_running"):
            call.write(self._prepare_other_call_result(call))
            if call.outcome != "no_answer":
                call.invitation_id.message_post(body=call.note, subtype_xmlid="mail.mt_note")
            actions.append(call.action_end_call())
        return actions

    def _prepare_other_call_result(self, call):
        self.ensure_one()
        reached = self.outcome != "no_answer"
        values = {
            "outcome": (call.outcome or self.outcome) if reached else "no_answer",
            "interest_level": (call.interest_level or self.interest_level) if reached else False,
        }
        values.update(self._get_callback_values(values["outcome"]))
        labels = {
            fname: dict(call._fields[fname]._description_selection(self.env))
            for fname in ("outcome", "interest_level")
        }
        values["note"] = self.env["ir.qweb"]._render(
            "hr_recruitment_invitation.hr_invitation_call_script_other_summary",
            {
                "outcome": labels["outcome"].get(values["outcome"]),
                "interest": labels["interest_level"].get(values["interest_level"]),
                "recorded_during": self.env._(
                    "Recorded during the call about %(position)s: its invitation has the "
                    "answers, requirements and concerns.",
                    position=self.job_id.display_name,
                ),
            },
        )
        return values

    @api.model
    def _first_opening_action(self, actions):
        """The first action that opens something (scheduling, refusal), else the first one."""
        close = {"type": "ir.actions.act_window_close"}
        return next((action for action in actions if action and action != close), actions[0])

    def _prepare_call_result(self):
        self.ensure_one()
        callback = self._get_callback_values(self.outcome)
        return {
            "outcome": self.outcome,
            "interest_level": self.interest_level,
            "note": self._render_summary(callback),
            **callback,
        }

    def _get_callback_values(self, outcome):
        """The call back agreed on the call, as values of hr.invitation.call: the time the
        candidate gave, else the window they chose; none unless the outcome is a call back."""
        self.ensure_one()
        if outcome != "callback":
            return {}
        if self.callback_at:
            window = self.invitation_id._get_agreed_callback_window(self.callback_at)
            start, end, kind = to_naive_utc(window.start), to_naive_utc(window.end), window.kind
        elif self.callback_window_id:
            window = self.callback_window_id
            start, end, kind = window.start, window.end, window.kind
        else:
            return {}
        return {"callback_at": start, "callback_until": end, "callback_window": kind}

    def _create_concerns(self):
        self.ensure_one()
        return self.env["hr.invitation.concern"].create(
            [
                {
                    "invitation_id": self.invitation_id.id,
                    "call_id": self.call_id.id,
                    "topic_id": line.topic_id.id,
                    "state": "answered" if line.state == "answered" else "unresolved",
                    "question": line.question,
                    "note": line.note,
                }
                for line in self.concern_line_ids
            ]
        )

    def _render_summary(self, callback):
        """The account of the call: one structured message, not one per field."""
        return self.env["ir.qweb"]._render(
            "hr_recruitment_invitation.hr_invitation_call_script_summary",
            self._prepare_summary_values(callback),
        )

    def _prepare_summary_values(self, callback):
        self.ensure_one()

        def labels(records, fname):
            return dict(records._fields[fname]._description_selection(self.env))

        return {
            "script": self,
            "outcome": labels(self, "outcome").get(self.outcome),
            "interest": labels(self, "interest_level").get(self.interest_level),
            "callback": callback
            and self.invitation_id._format_callback(
                callback["callback_at"], callback["callback_window"]
            ),
            "answers": self.question_line_ids.filtered("answer"),
            "requirements": self.requirement_line_ids.filtered(lambda l: l.match or l.note),
            "match_labels": labels(self.requirement_line_ids, "match"),
            "concerns": self.concern_line_ids,
            "concern_labels": labels(self.concern_line_ids, "state"),
        }


class HrInvitationCallScriptLine(models.TransientModel):
    _name = "hr.invitation.call.script.line"
    _description = "Invitation Call Script: Question or Requirement"
    _order = "sequence, id"

    script_id = fields.Many2one("hr.invitation.call.script", required=True, ondelete="cascade")
    kind = fields.Selection(SCRIPT_ITEM_KINDS, required=True, default="question")
    sequence = fields.Integer(default=10)
    name = fields.Char("Question", required=True)
    answer = fields.Char()
    match = fields.Selection(MATCHES)
    note = fields.Char("Notes")


class HrInvitationCallScriptConcern(models.TransientModel):
    _name = "hr.invitation.call.script.concern"
    _description = "Invitation Call Script: Concern Raised"
    _order = "id"

    script_id = fields.Many2one("hr.invitation.call.script", required=True, ondelete="cascade")
    topic_id = fields.Many2one("hr.invitation.concern.topic", "Concern", required=True)
    state = fields.Selection(CONCERN_STATES, required=True, default="raised")
    question = fields.Char("Their Question", help="For the Other topic: in their words.")
    note = fields.Char("Notes")


class HrInvitationCallScriptWindow(models.TransientModel):
    _name = "hr.invitation.call.script.window"
    _description = "Invitation Call Script: Call Back Window"
    _order = "start, id"

    script_id = fields.Many2one("hr.invitation.call.script", required=True, ondelete="cascade")
    start = fields.Datetime(required=True)
    end = fields.Datetime(required=True)
    kind = fields.Selection(CALL_WINDOWS, required=True)

    @api.depends("start", "kind")
    def _compute_display_name(self):
        for window in self:
            window.display_name = window.script_id.invitation_id._format_callback(
                window.start, window.kind
            )
