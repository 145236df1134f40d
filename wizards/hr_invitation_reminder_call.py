"""The reminder call before the interview: on the way? how, arriving when, any problem.

A short script logged like any call (hr.invitation.call, purpose ``reminder``): what the
candidate says updates their interview, and "running late" tells the interviewers.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hr_recruitment_invitation.models.hr_invitation_call import ARRIVAL_ANSWERS
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_interview import (
    ACTIVITY_REMINDER_CALL,
    TRAVEL_MODES,
    UPCOMING_STATES,
)


class HrInvitationReminderCall(models.TransientModel):
    _name = "hr.invitation.reminder.call"
    _description = "Reminder Call Before the Interview"

    interview_id = fields.Many2one("hr.invitation.interview", required=True, ondelete="cascade")
    invitation_id = fields.Many2one(related="interview_id.invitation_id")
    candidate_id = fields.Many2one(related="interview_id.candidate_id")
    phone = fields.Char(related="invitation_id.phone_e164", string="Phone")
    interview_start = fields.Datetime(related="interview_id.start", string="Interview (your time)")
    interview_format = fields.Selection(related="interview_id.interview_format")
    place = fields.Char("Where", compute="_compute_place")
    started_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    answer = fields.Selection(ARRIVAL_ANSWERS, "The Candidate Is", required=True)
    travel_mode = fields.Selection(
        TRAVEL_MODES, compute="_compute_travel", store=True, readonly=False
    )
    expected_arrival = fields.Datetime(compute="_compute_travel", store=True, readonly=False)
    note = fields.Text("Any Problem?", help="What the candidate said: the traffic, a delay...")

    @api.depends("interview_id")
    def _compute_place(self):
        for wizard in self:
            wizard.place = wizard.interview_id and wizard.interview_id._get_place_for_recruiter()

    @api.depends("interview_id")
    def _compute_travel(self):
        for wizard in self:
            wizard.travel_mode = wizard.interview_id.travel_mode
            wizard.expected_arrival = wizard.interview_id.expected_arrival

    def action_log_call(self):
        """Log the call, update the interview, tell who needs to know."""
        self.ensure_one()
        interview = self.interview_id
        if interview.state not in UPCOMING_STATES:
            raise UserError(
                self.env._("This interview is no longer ahead: there is nothing to remind.")
            )
        if self.answer == "late" and not self.expected_arrival:
            raise UserError(self.env._("Say when the candidate expects to arrive."))
        call = self.env["hr.invitation.call"].create(self._prepare_call_values())
        interview.invitation_id.activity_feedback(
            [ACTIVITY_REMINDER_CALL], feedback=call._get_summary()
        )
        self._apply_answer(interview)
        return {"type": "ir.actions.act_window_close"}

    def _prepare_call_values(self):
        return {
            "invitation_id": self.invitation_id.id,
            "interview_id": self.interview_id.id,
            "purpose": "reminder",
            "user_id": self.env.user.id,
            "started_at": self.started_at,
            "ended_at": max(fields.Datetime.now(), self.started_at),
            "arrival_answer": self.answer,
            "note": self.note and Markup("<p>%s</p>") % self.note,
        }

    def _apply_answer(self, interview):
        if self.answer in ("on_the_way", "late"):
            values = {"expected_arrival": self.expected_arrival}
            if interview._is_on_site():
                values["travel_mode"] = self.travel_mode
            interview.write(values)
        if self.answer == "late":
            interview._tell_interviewers_late(self.expected_arrival, self.note)
        elif self.answer == "not_coming":
            interview._decline(self.note or self.env._("Said on the reminder call."))
