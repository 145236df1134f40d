from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.hr_recruitment_invitation.models.hr_invitation_interview import (
    INTERVIEW_STATES,
)
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_states import (
    CALL_WINDOWS,
    INTERVIEW_FORMATS,
    LEAD_TIME_BANDS,
    LEAD_TIME_MAX_HOURS,
    LEAD_TIME_MIN_HOURS,
)

REMINDER_CHANNELS = [
    ("email_sms", "Email and text"),
    ("email", "Email"),
    ("sms", "Text message"),
    ("none", "No reminder"),
]
# Hours in a week: the upper bound of the 3-7 days band.
WEEK_HOURS = 7 * 24


class HrInvitationInterviewReport(models.Model):
    """One row per interview (moved ones left out): how far ahead it was fixed, how, and
    whether the candidate came.

    ``show_rate`` is worth 100 or 0 on the interviews that were held or missed (attended or
    no-show) and NULL elsewhere, so that its average (the aggregator) is the show rate of any
    group: by lead time band, call window, reminder channel or format.
    """

    _name = "hr.invitation.interview.report"
    _description = "Interview Lead Time Analysis"
    _inherit = ["hr.invitation.sql.view"]
    _auto = False
    _rec_name = "interview_id"
    _order = "start desc"

    interview_id = fields.Many2one("hr.invitation.interview", readonly=True)
    invitation_id = fields.Many2one("hr.invitation", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    user_id = fields.Many2one("res.users", "Recruiter", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    start = fields.Datetime("Interview Start", readonly=True)
    round = fields.Integer(readonly=True, aggregator=None)
    state = fields.Selection(INTERVIEW_STATES, readonly=True)
    interview_format = fields.Selection(INTERVIEW_FORMATS, "Format", readonly=True)
    call_window = fields.Selection(
        CALL_WINDOWS, readonly=True, help="Window of the call that invited, else the next one."
    )
    reminder_channel = fields.Selection(
        REMINDER_CHANNELS, readonly=True, help="How the day-before reminder reached the candidate."
    )
    lead_time_band = fields.Selection(LEAD_TIME_BANDS, "Lead Time", readonly=True)
    lead_time_hours = fields.Float(
        "Lead Time (h)",
        readonly=True,
        aggregator="avg",
        help="Hours from the invitation sent to the candidate (else the interview's creation) "
        "to the interview; empty for an interview recorded after it took place.",
    )
    attended = fields.Integer(readonly=True)
    no_show = fields.Integer("No-shows", readonly=True)
    show_rate = fields.Float(
        "Show Rate (%)", readonly=True, aggregator="avg", help="Attended / (attended + no-show)."
    )

    def _query(self):
        return SQL(
            """
            WITH reminders AS (
                SELECT interview_id,
                       BOOL_OR(channel = 'email') AS by_email,
                       BOOL_OR(channel = 'sms') AS by_sms
                  FROM hr_invitation_followup
                 WHERE kind = 'reminder' AND state = 'done'
              GROUP BY interview_id
            ), success AS (
                SELECT DISTINCT ON (invitation_id) invitation_id, "window"
                  FROM hr_invitation_call
                 WHERE outcome = 'invited' AND started_at IS NOT NULL
              ORDER BY invitation_id, started_at DESC
            ), interviews AS (
                SELECT iv.*,
                       inv.job_id,
                       inv.user_id,
                       COALESCE(success."window", inv.next_call_window) AS call_window,
                       reminders.by_email,
                       reminders.by_sms,
                       EXTRACT(EPOCH FROM
                           iv.start - COALESCE(iv.invitation_sent_at, iv.create_date)
                       ) / 3600.0 AS hours
                  FROM hr_invitation_interview iv
                  JOIN hr_invitation inv ON inv.id = iv.invitation_id
             LEFT JOIN success ON success.invitation_id = iv.invitation_id
             LEFT JOIN reminders ON reminders.interview_id = iv.id
                 WHERE iv.state != 'moved'
            )
            SELECT id,
                   id AS interview_id,
                   invitation_id,
                   job_id,
                   user_id,
                   company_id,
                   start,
                   round,
                   state,
                   interview_format,
                   call_window,
                   CASE WHEN by_email AND by_sms THEN 'email_sms'
                        WHEN by_email THEN 'email'
                        WHEN by_sms THEN 'sms'
                        ELSE 'none' END AS reminder_channel,
                   CASE WHEN hours < 0 THEN NULL
                        WHEN hours < %(min_hours)s THEN '1_under_24h'
                        WHEN hours < %(max_hours)s THEN '2_24_72h'
                        WHEN hours < %(week_hours)s THEN '3_3_7d'
                        ELSE '4_over_7d' END AS lead_time_band,
                   CASE WHEN hours >= 0 THEN hours END AS lead_time_hours,
                   (state = 'attended')::int AS attended,
                   (state = 'no_show')::int AS no_show,
                   CASE WHEN state IN ('attended', 'no_show')
                        THEN 100.0 * (state = 'attended')::int END AS show_rate
              FROM interviews
            """,
            min_hours=LEAD_TIME_MIN_HOURS,
            max_hours=LEAD_TIME_MAX_HOURS,
            week_hours=WEEK_HOURS,
        )
