from odoo import models

from odoo.addons.hr_recruitment_invitation.tools.utc import to_utc


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _get_invitation_work_intervals(self, start, end):
        """HR working intervals between two aware datetimes, public holidays removed, in UTC."""
        self.ensure_one()
        return self._utc_interval_tuples(self._work_intervals_batch(start, end)[False])

    def _get_invitation_holidays(self, start, end):
        """Public holidays (company-wide leaves) between two aware datetimes, in UTC."""
        self.ensure_one()
        return self._utc_interval_tuples(self._leave_intervals_batch(start, end)[False])

    def _utc_interval_tuples(self, intervals):
        return tuple((to_utc(start), to_utc(stop)) for start, stop, _records in intervals)
