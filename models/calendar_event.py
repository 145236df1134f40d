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
