from collections import namedtuple
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.hr_recruitment_invitation.tools import call_planner

PlanningContext = namedtuple("PlanningContext", "config hr_intervals holidays")


class ResCompany(models.Model):
    _inherit = "res.company"

    invitation_evening_start = fields.Float("Evening Calls From", default=19.0)
    invitation_evening_end = fields.Float("Evening Calls Until", default=21.0)
    invitation_weekend_am_start = fields.Float("Weekend Morning From", default=10.0)
    invitation_weekend_am_end = fields.Float("Weekend Morning Until", default=12.0)
    invitation_weekend_pm_start = fields.Float("Weekend Afternoon From", default=14.0)
    invitation_weekend_pm_end = fields.Float("Weekend Afternoon Until", default=17.0)
    invitation_daytime_start = fields.Float("Candidate Daytime From", default=9.0)
    invitation_daytime_end = fields.Float("Candidate Daytime Until", default=20.0)
    invitation_quiet_start = fields.Float("Quiet Hours From", default=21.0)
    invitation_quiet_end = fields.Float("Quiet Hours Until", default=8.0)
    invitation_call_target = fields.Integer("Target Call Duration (min)", default=8)
    invitation_max_attempts = fields.Integer("Attempts Before Unreachable", default=3)
    invitation_caller_hour_from = fields.Float(
        "Calling Hours From",
        default=8.0,
        help="Recruiters make calls from this hour of their own day, every day of the week.",
    )
    invitation_caller_hour_to = fields.Float(
        "Calling Hours Until",
        default=21.0,
        help="Recruiters make calls until this hour of their own day, every day of the week.",
    )
    invitation_call_slot_minutes = fields.Integer(
        "Time Between Two Calls (min)",
        default=12,
        help="Two calls of one recruiter never start closer than this: the call and the time "
        "to write it up.",
    )
    invitation_full_name = fields.Char(
        "Full Name on the Phone",
        translate=True,
        help="The company's full name, said clearly at the start of every invitation call. "
        "Empty: the company name.",
    )
    invitation_company_intro = fields.Html(
        "Company Introduction",
        translate=True,
        sanitize=True,
        help="A short presentation of the company for invitation calls: main business, size, "
        "where it is.",
    )
    invitation_company_details = fields.Html(
        "More About the Company",
        translate=True,
        sanitize=True,
        help="What to tell a candidate who asks for more: culture, career development, "
        "training, projects.",
    )

    _sql_constraints = [
        (
            "invitation_max_attempts_positive",
            "CHECK(invitation_max_attempts > 0)",
            "At least one call attempt is needed before a candidate is unreachable.",
        ),
        (
            "invitation_call_slot_minutes_positive",
            "CHECK(invitation_call_slot_minutes > 0)",
            "The time between two calls must be positive.",
        ),
        (
            "invitation_call_target_positive",
            "CHECK(invitation_call_target > 0)",
            "The target call duration must be positive.",
        ),
    ]

    @api.constrains(
        "invitation_evening_start",
        "invitation_evening_end",
        "invitation_weekend_am_start",
        "invitation_weekend_am_end",
        "invitation_weekend_pm_start",
        "invitation_weekend_pm_end",
        "invitation_daytime_start",
        "invitation_daytime_end",
        "invitation_quiet_start",
        "invitation_quiet_end",
        "invitation_caller_hour_from",
        "invitation_caller_hour_to",
    )
    def _check_invitation_hours(self):
        for company in self:
            company._get_invitation_planner_config()
            company._check_invitation_caller_hours(
                company.invitation_caller_hour_from, company.invitation_caller_hour_to
            )

    def _check_invitation_caller_hours(self, hour_from, hour_to):
        """Refuse calling hours that are not a range of one day."""
        if not 0 <= hour_from < hour_to <= 24:
            raise ValidationError(
                self.env._(
                    "Calling hours must start before they end, within one day (00:00 to 24:00)."
                )
            )

    def _get_invitation_planner_config(self):
        """Return the call planner configuration of this company.

        Raises a ValidationError when the configured hours do not make sense.
        """
        self.ensure_one()
        try:
            return call_planner.PlannerConfig(
                evening=(self.invitation_evening_start, self.invitation_evening_end),
                weekend_ranges=(
                    (self.invitation_weekend_am_start, self.invitation_weekend_am_end),
                    (self.invitation_weekend_pm_start, self.invitation_weekend_pm_end),
                ),
                daytime=(self.invitation_daytime_start, self.invitation_daytime_end),
                quiet=(self.invitation_quiet_start, self.invitation_quiet_end),
                slot_minutes=max(self.invitation_call_slot_minutes, 1),
            )
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    "The call windows of %(company)s are not valid: %(error)s",
                    company=self.name,
                    error=error,
                )
            ) from error

    def _get_invitation_planning_contexts(self, now):
        """Return {company id: PlanningContext} with HR hours and holidays over the horizon."""
        contexts = {}
        for company in self:
            config = company._get_invitation_planner_config()
            end = now + timedelta(days=config.horizon_days + 1)
            calendar = company.resource_calendar_id
            hr_intervals = calendar._get_invitation_work_intervals(now, end) if calendar else ()
            holidays = calendar._get_invitation_holidays(now, end) if calendar else ()
            contexts[company.id] = PlanningContext(config, hr_intervals, holidays)
        return contexts

    def _get_invitation_holiday_dates(self, holidays):
        """The public holidays (UTC intervals) as dates of the company calendar's zone, for
        each caller to take off in their own zone."""
        self.ensure_one()
        return call_planner.local_dates(holidays, self.resource_calendar_id.tz or "UTC")

    invitation_reminder_hours = fields.Integer(
        "Reminder Before the Interview (hours)",
        default=24,
        help="The candidate gets a reminder with the confirmation link this long before.",
    )
    invitation_reminder_call = fields.Boolean(
        "Reminder Call",
        default=True,
        help="Plan a call to the candidate before the interview. Key roles always get one.",
    )
    invitation_reminder_call_minutes = fields.Integer("Reminder Call Before (min)", default=60)
    invitation_arrival_grace_minutes = fields.Integer(
        "Not Arrived Alert After (min)",
        default=10,
        help="Minutes after the start of an interview before a missing candidate is called.",
    )
    invitation_no_show_minutes = fields.Integer(
        "No-show After (min)",
        default=60,
        help="Minutes after the start of an interview before a missing candidate is a no-show.",
    )
    invitation_transport_user_id = fields.Many2one(
        "res.users",
        "Transport Coordinator",
        domain="[('share', '=', False)]",
        help="Who sends a car to pick candidates up.",
    )

    @api.constrains(
        "invitation_reminder_hours",
        "invitation_reminder_call_minutes",
        "invitation_arrival_grace_minutes",
        "invitation_no_show_minutes",
    )
    def _check_invitation_interview_delays(self):
        for company in self:
            company._check_interview_delays()

    def _check_interview_delays(self):
        self.ensure_one()
        delays = (
            self.invitation_reminder_hours,
            self.invitation_reminder_call_minutes,
            self.invitation_arrival_grace_minutes,
            self.invitation_no_show_minutes,
        )
        if min(delays) <= 0:
            raise ValidationError(
                self.env._(
                    "The reminder and arrival delays of %(company)s must be positive.",
                    company=self.name,
                )
            )
        if self.invitation_no_show_minutes <= self.invitation_arrival_grace_minutes:
            raise ValidationError(
                self.env._(
                    "A candidate is called when late before being marked a no-show: the no-show "
                    "delay of %(company)s must be longer than the not-arrived delay.",
                    company=self.name,
                )
            )

    # Privacy: see models/hr_invitation_privacy.py
    invitation_anonymise_months = fields.Integer(
        "Anonymise Invitations After (months)",
        default=12,
        help="Months after an application is refused or closed before the personal data of its "
        "invitation (phone, notes, feedback text, the candidate's link) is wiped.",
    )

    @api.constrains("invitation_anonymise_months")
    def _check_invitation_anonymise_months(self):
        for company in self:
            if company.invitation_anonymise_months <= 0:
                raise ValidationError(
                    self.env._(
                        "Invitation data of %(company)s must be anonymised after a positive "
                        "number of months.",
                        company=company.name,
                    )
                )

    # The application's stage as its interview goes: see models/hr_invitation_pipeline.py
    invitation_stage_invited_id = fields.Many2one(
        "hr.recruitment.stage",
        "Stage When Invited",
        default=lambda self: self._default_invitation_stage("hr_recruitment.stage_job2"),
        help="An application whose interview is scheduled moves to this stage, unless it is "
        "further in the pipeline already. Empty: the stage does not change.",
    )
    invitation_stage_confirmed_id = fields.Many2one(
        "hr.recruitment.stage",
        "Stage When the Interview Is Confirmed",
        default=lambda self: self._default_invitation_stage("hr_recruitment.stage_job2"),
        help="An application whose candidate confirmed the interview moves to this stage, "
        "unless it is further in the pipeline already. Empty: the stage does not change.",
    )
    invitation_stage_next_round_id = fields.Many2one(
        "hr.recruitment.stage",
        "Stage of a Second Round",
        default=lambda self: self._default_invitation_stage("hr_recruitment.stage_job3"),
        help="From the second round on, an application whose interview is scheduled or "
        "confirmed moves to this stage instead, unless it is further in the pipeline already.",
    )

    @api.model
    def _default_invitation_stage(self, xmlid):
        return self.env.ref(xmlid, raise_if_not_found=False)

    def _get_invitation_stage(self, moment, round_):
        """The application's stage when an interview of round ``round_`` is ``moment``
        (invited or confirmed); an empty stage changes nothing."""
        self.ensure_one()
        if round_ >= 2:
            return self.invitation_stage_next_round_id
        stages = {
            "invited": self.invitation_stage_invited_id,
            "confirmed": self.invitation_stage_confirmed_id,
        }
        return stages[moment]
