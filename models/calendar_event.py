from odoo import models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        if "start" not in vals or self.env.context.get("hr_invitation_scheduling"):
            return super().write(vals)
        starts = {event.id: event.start for event in self}
        result = super().write(vals)
        moved = self.filtered(lambda event: event.start != starts[event.id])
        if moved:
            # Whoever moves an interview's meeting (an interviewer in the calendar, the
            # recruiter), the interview moves with it: its follow-ups follow the new time.
            self.env["hr.invitation.interview"].sudo().search(
                [("event_id", "in", moved.ids), ("state", "in", ("scheduled", "confirmed"))]
            )._on_event_moved()
        return result


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _send_mail_to_attendees(self, mail_template, force_send=False):
        """Odoo's calendar mails go to the interviewers; the candidate of an interview gets
        the addon's own messages (their zone, their language, their link), never Odoo's."""
        candidates = self._get_interview_candidates()
        return super(CalendarAttendee, self - candidates)._send_mail_to_attendees(
            mail_template, force_send=force_send
        )

    def _get_interview_candidates(self):
        """The attendees who are the candidate of an interview of their meeting."""
        interviews = (
            self.env["hr.invitation.interview"]
            .sudo()
            .search([("event_id", "in", self.event_id.ids)])
        )
        candidates = {(iv.event_id.id, iv.partner_id.id) for iv in interviews}
        return self.filtered(
            lambda attendee: (attendee.event_id.id, attendee.partner_id.id) in candidates
        )
