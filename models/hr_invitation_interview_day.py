"""An interview's day: the candidate's journey, the reminder and not-arrived calls, the car,
the check-in and the no-show."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from odoo.addons.hr_recruitment_invitation.tools.utc import local_date

from .hr_invitation_interview import (
    ACTIVITY_LATE,
    ACTIVITY_SEND_CAR,
    ARRIVAL_ACTIVITIES,
    CHECK_IN_STATES,
    UPCOMING_STATES,
)

# Reception may check a candidate in from this long before the start without a question.
CHECK_IN_EARLY = timedelta(hours=1)


class HrInvitationInterview(models.Model):
    _inherit = "hr.invitation.interview"

    can_check_in = fields.Boolean(compute="_compute_check_in_moment")
    can_check_in_early = fields.Boolean(compute="_compute_check_in_moment")
    can_undo_check_in = fields.Boolean(compute="_compute_check_in_moment")

    # ------------------------------------------------------------------
    # On the day
    # ------------------------------------------------------------------

    def action_check_in(self):
        """The candidate is here: record it (reception or recruiter) and end the alerts."""
        self.check_access("read")
        to_check_in = self.filtered(lambda interview: not interview.checked_in_at)
        closed = to_check_in.filtered(
            lambda interview: interview.state not in CHECK_IN_STATES or not interview._is_current()
        )
        if closed:
            raise UserError(
                self.env._(
                    "Only candidates invited to an interview can be checked in: %(names)s",
                    names=", ".join(closed.invitation_id.mapped("display_name")),
                )
            )
        other_day = to_check_in.filtered(lambda interview: not interview._is_interview_day())
        if other_day:
            raise UserError(
                self.env._(
                    "A candidate is checked in on the day of their interview: %(names)s",
                    names=", ".join(other_day.invitation_id.mapped("display_name")),
                )
            )
        # Reception and interviewers may read but not edit interviews: checking the candidate
        # in is all they may change here.
        to_check_in.sudo()._check_in(self.env.user)
        return True

    def _is_interview_day(self):
        """Whether today, in the company's zone, is the interview's day."""
        self.ensure_one()
        tz = self.company_id.resource_calendar_id.tz or self.env.user.tz
        now = fields.Datetime.now()
        return local_date(now, tz) == local_date(self.start, tz)

    @api.depends("start", "checked_in_at", "state")
    @api.depends_context("uid")
    def _compute_check_in_moment(self):
        now = fields.Datetime.now()
        for interview in self:
            today = interview.state in CHECK_IN_STATES and interview._is_interview_day()
            soon = today and now >= interview.start - CHECK_IN_EARLY
            interview.can_check_in = soon and not interview.checked_in_at
            interview.can_check_in_early = today and not soon and not interview.checked_in_at
            interview.can_undo_check_in = bool(
                interview.checked_in_at
                and interview.checked_in_by_id == self.env.user
                and interview._is_interview_day()
            )

    def action_undo_check_in(self):
        """A check-in by mistake: the same person undoes it the same day."""
        for interview in self:
            if not interview.can_undo_check_in:
                raise UserError(
                    self.env._(
                        "Only who checked the candidate in may undo it, on the interview's day."
                    )
                )
        self.sudo()._undo_check_in(self.env.user)
        return True

    def _undo_check_in(self, user):
        for interview in self:
            state = "confirmed" if interview.confirmed_at else "scheduled"
            interview._set_state(state, checked_in_at=False, checked_in_by_id=False)
            interview.followup_ids.filtered(
                lambda row: row.kind == "feedback_request" and row.state == "pending"
            ).unlink()
            interview.invitation_id._message_log(
                body=self.env._("Check-in undone by %(user)s.", user=user.name)
            )

    def _check_in(self, user):
        now = fields.Datetime.now()
        self._set_state("attended", checked_in_at=now, checked_in_by_id=user.id)
        for interview in self:
            interview._get_candidate_attendee().state = "accepted"
            interview.invitation_id._message_log(
                body=self.env._(
                    "The candidate arrived at %(time)s (checked in by %(user)s).",
                    time=interview._format_for_recruiter(now),
                    user=user.name,
                )
            )
        self.followup_ids._settle_arrival()
        self.env["hr.invitation.followup"]._create_feedback_requests(self)
        self.invitation_id.activity_feedback(ARRIVAL_ACTIVITIES, feedback=self.env._("Arrived"))

    def _mark_no_show(self):
        """A cron marks hundreds at once: one write of the attendances, one batch of notes."""
        self._set_state("no_show")
        self._get_candidate_attendees().state = "declined"
        body = self.env._("The candidate did not come to the interview: no-show.")
        self.invitation_id._message_log_batch(bodies=dict.fromkeys(self.invitation_id.ids, body))
        self.followup_ids._settle_arrival()
        self.invitation_id.activity_feedback(ARRIVAL_ACTIVITIES, feedback=self.env._("No-show"))

    def _get_candidate_attendee(self):
        self.ensure_one()
        return self._get_candidate_attendees()

    def _get_candidate_attendees(self):
        """The candidate's attendance on each of these interviews' meetings."""
        candidates = {(interview.event_id.id, interview.partner_id.id) for interview in self}
        return self.event_id.attendee_ids.filtered(
            lambda attendee: (attendee.event_id.id, attendee.partner_id.id) in candidates
        )

    def action_send_car(self):
        """Open the dialog of the pickup: where and when, in the candidate's and the driver's
        time (hr.invitation.send.car)."""
        self.ensure_one()
        self._check_can_send_car_to()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send a Car"),
            "res_model": "hr.invitation.send.car",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_interview_id": self.id},
        }

    def _send_car(self):
        """Ask the transport coordinator to pick the candidate up (one activity, kept current)."""
        self.ensure_one()
        self._check_can_send_car()
        invitation = self.invitation_id
        coordinator = self.company_id.invitation_transport_user_id
        coordinator_tz = coordinator.tz or "UTC"
        pickup_time = format_datetime(
            self.env, self.pickup_at, tz=coordinator_tz, dt_format="short"
        )
        values = {
            "user_id": coordinator.id,
            "date_deadline": fields.Date.context_today(
                self.with_context(tz=coordinator_tz), self.pickup_at
            ),
            "summary": self.env._(
                "Pick up %(name)s at %(place)s, %(time)s (%(tz)s)",
                name=invitation.candidate_id.display_name,
                place=self.pickup_point,
                time=pickup_time,
                tz=coordinator_tz,
            ),
            "note": Markup("<br/>").join(self._get_send_car_lines()),
        }
        activity = invitation._get_activities(ACTIVITY_SEND_CAR)
        if activity and (activity.user_id.id, activity.date_deadline, activity.summary) == (
            values["user_id"],
            values["date_deadline"],
            values["summary"],
        ):
            return True
        invitation._set_activity(ACTIVITY_SEND_CAR, **values)
        invitation._message_log(body=self.env._("Car requested: %(what)s", what=values["summary"]))
        return True

    def _check_can_send_car_to(self):
        """A car goes to a candidate coming on site to an interview still ahead."""
        if self.state not in UPCOMING_STATES or not self._is_current():
            raise UserError(
                self.env._("A car is sent only to a candidate invited to an interview.")
            )
        if not self._is_on_site():
            raise UserError(self.env._("This interview is a call: there is nobody to pick up."))

    def _check_can_send_car(self):
        self._check_can_send_car_to()
        if not self.pickup_point or not self.pickup_at:
            raise UserError(
                self.env._("Say where and when to pick the candidate up before sending a car.")
            )
        if self.pickup_at >= self.stop:
            raise UserError(self.env._("The pickup must be before the end of the interview."))
        if not self.company_id.invitation_transport_user_id:
            raise UserError(
                self.env._(
                    "Nobody is in charge of transport: choose a transport coordinator in the "
                    "Recruitment settings."
                )
            )

    def _get_phone_line(self):
        invitation = self.invitation_id
        return self.env._(
            "Phone: %(phone)s", phone=invitation.phone_e164 or invitation.partner_phone or "-"
        )

    def _get_send_car_lines(self):
        return [
            self.env._("Candidate: %(name)s", name=self.invitation_id.candidate_id.display_name),
            self._get_phone_line(),
            self.env._("Pickup point: %(place)s", place=self.pickup_point),
            self.env._("Interview at: %(address)s", address=self._get_interview_address()),
        ]

    def _get_travel_lines(self):
        """What the candidate said about their journey, for the recruiter's call."""
        self.ensure_one()
        modes = dict(self._fields["travel_mode"]._description_selection(self.env))
        not_given = self.env._("not given yet")
        lines = [
            self.env._("Interview: %(time)s", time=self._format_for_recruiter(self.start)),
            self._get_phone_line(),
            self.env._("Travel mode: %(mode)s", mode=modes.get(self.travel_mode) or not_given),
            self.env._(
                "Expected arrival: %(time)s",
                time=self._format_for_recruiter(self.expected_arrival)
                if self.expected_arrival
                else not_given,
            ),
        ]
        if self.needs_parking:
            lines.append(self.env._("Needs a parking space."))
        if self.pickup_point:
            lines.append(self.env._("Asked to be picked up at %(place)s.", place=self.pickup_point))
        return lines

    def _schedule_recruiter_calls(self, activity_xmlid, summary):
        """A call for each recruiter, showing how their candidate travels.

        ``summary`` is a translated text with a ``%(name)s`` for the candidate.
        """
        for interview in self:
            invitation = interview.invitation_id
            invitation.activity_schedule(
                activity_xmlid,
                date_deadline=invitation._recruiter_date(interview.start),
                summary=summary % {"name": invitation.candidate_id.display_name},
                note=Markup("<br/>").join(interview._get_travel_lines()),
                user_id=invitation._get_recruiter().id,
            )

    def action_reminder_call(self):
        """Open the reminder call's short script (on the way? how, when, any problem)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reminder Call"),
            "res_model": "hr.invitation.reminder.call",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_interview_id": self.id},
        }

    def _tell_interviewers_late(self, arrival, note):
        """The candidate runs late: each interviewer gets an activity and a message."""
        self.ensure_one()
        invitation = self.invitation_id
        interviewers = self.event_id.partner_ids.user_ids.filtered(
            lambda user: not user.share and user.partner_id != self.partner_id
        )
        summary = self.env._(
            "%(name)s is late: arrives at %(time)s",
            name=invitation.candidate_id.display_name,
            time=self._format_for_recruiter(arrival),
        )
        for interviewer in interviewers:
            invitation.activity_schedule(
                ACTIVITY_LATE,
                date_deadline=invitation._recruiter_date(self.start),
                summary=summary,
                note=note or "",
                user_id=interviewer.id,
            )
        invitation.message_post(
            body=Markup("%s<br/>%s") % (summary, note or ""),
            partner_ids=interviewers.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
