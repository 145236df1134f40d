from datetime import datetime, time, timedelta

import pytz

from odoo import models

from odoo.addons.hr_recruitment_invitation.tools.utc import local_date, to_utc


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

    def _get_invitation_working_day_deadline(self, days, now):
        """The date of the ``days``-th working day after the day of ``now`` (UTC), holidays
        skipped, in this calendar's zone; e.g. 2 from a Wednesday is the Friday."""
        self.ensure_one()
        tomorrow = local_date(now, self.tz) + timedelta(days=1)
        start = pytz.timezone(self.tz or "UTC").localize(datetime.combine(tomorrow, time.min))
        end = self.plan_days(days, start, compute_leaves=True)
        return end.date() if end else tomorrow + timedelta(days=days - 1)
