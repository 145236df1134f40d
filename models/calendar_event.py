from odoo import models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def write(self, vals):
        if "start" not in vals:
            return super().write(vals)
        starts = {event.id: event.start for event in self}
        result = super().write(vals)
        moved = self.filtered(lambda event: event.start != starts[event.id])
        if moved:
            # Whoever moves an interview (recruiter, interviewer, the candidate's choice of
            # another slot), its reminders and alerts must follow the new time.
            invitations = self.env["hr.invitation"].sudo().search([("event_id", "in", moved.ids)])
            invitations._reset_interview_followups()
        return result
