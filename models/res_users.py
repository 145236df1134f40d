from odoo import api, fields, models

from odoo.addons.hr_recruitment_invitation.tools import call_planner
from odoo.addons.hr_recruitment_invitation.tools.utc import to_naive_utc, to_utc


class ResUsers(models.Model):
    _inherit = "res.users"

    invitation_caller_hour_from = fields.Float(
        "Calling Hours From",
        help="Hour of your own day from which invitation calls are planned for you. "
        "Empty: the company's.",
    )
    invitation_caller_hour_to = fields.Float(
        "Calling Hours Until",
        help="Hour of your own day until which invitation calls are planned for you. "
        "Empty: the company's.",
    )

    interview_weekly_limit = fields.Integer(
        "Interviews per Week",
        help="Above this many interviews in a week, scheduling one more with this interviewer "
        "warns the recruiter. Empty: no limit.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + [
            "invitation_caller_hour_from",
            "invitation_caller_hour_to",
        ]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + [
            "invitation_caller_hour_from",
            "invitation_caller_hour_to",
        ]

    @api.constrains("invitation_caller_hour_from", "invitation_caller_hour_to")
    def _check_invitation_caller_hours(self):
        for user in self:
            hour_from, hour_to = user._get_invitation_caller_hours(user.company_id)
            user.company_id._check_invitation_caller_hours(hour_from, hour_to)

    def _get_invitation_caller_hours(self, company):
        """(from, until) of this user's calling hours: their own, else ``company``'s."""
        self.ensure_one()
        return (
            self.invitation_caller_hour_from or company.invitation_caller_hour_from,
            self.invitation_caller_hour_to or company.invitation_caller_hour_to,
        )

    def _get_invitation_caller_tz(self, company):
        """The zone of this user's calling hours: theirs, else the company calendar's."""
        self.ensure_one()
        for tz in (self.tz, company.resource_calendar_id.tz):
            try:
                return call_planner.get_zone(tz) and tz
            except ValueError:
                continue
        return "UTC"

    def _get_invitation_caller(self, company, holidays, leaves):
        """This user as a call_planner.Caller of ``company``: hours, zone and days off
        (``holidays``: the company's public holidays as dates; ``leaves``: UTC intervals)."""
        self.ensure_one()
        hour_from, hour_to = self._get_invitation_caller_hours(company)
        return call_planner.Caller(
            self.id,
            self._get_invitation_caller_tz(company),
            hour_from=hour_from,
            hour_to=hour_to,
            days_off=tuple(holidays) + tuple(leaves),
        )

    def _get_invitation_leaves(self, start, end):
        """{user id: [(start, end)]}: the time off of these users' employees (resource leaves,
        validated time off included) between two UTC datetimes."""
        employees = self.env["hr.employee"].sudo().search([("user_id", "in", self.ids)])
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "in", employees.resource_id.ids),
                    ("date_to", ">", to_naive_utc(start)),
                    ("date_from", "<", to_naive_utc(end)),
                ]
            )
        )
        user_of_resource = {employee.resource_id.id: employee.user_id.id for employee in employees}
        by_user = {}
        for leave in leaves:
            by_user.setdefault(user_of_resource[leave.resource_id.id], []).append(
                (to_utc(leave.date_from), to_utc(leave.date_to))
            )
        return by_user

    def _notify_invitation_planning_done(self):
        """Tell this user, once nothing they asked to plan waits any more, how it went."""
        self.ensure_one()
        queued = [("invitation_planning_requested_by_id", "=", self.id)]
        if self.env["hr.applicant"].sudo().search_count(queued, limit=1):
            return
        unplanned = (
            self.env["hr.invitation"]
            .sudo()
            .search_count([("user_id", "=", self.id), ("call_plan_issue", "!=", False)])
        )
        user = self.with_context(lang=self.lang)  # a cron's language is not the user's
        self.partner_id._bus_send(
            "simple_notification",
            {
                "type": "warning" if unplanned else "success",
                "sticky": bool(unplanned),
                "message": user.env._(
                    "The invitation calls you asked for are planned; %(count)s of yours need a "
                    'time (the "Needs a Time" filter of the call queue).',
                    count=unplanned,
                ),
            },
        )
