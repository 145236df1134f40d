from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.hr_recruitment_invitation.models.hr_candidate import EMPLOYMENT_STATUSES
from odoo.addons.hr_recruitment_invitation.models.hr_invitation_states import (
    CALL_WINDOWS,
    INTEREST_LEVELS,
    INVITATION_STATES,
)

WEEKDAYS = [
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
    ("7", "Sunday"),
]
# Invitation states from which the candidate had confirmed, then attended (or not).
CONFIRMED_STATES = ("confirmed", "attended", "no_show")
INVITED_STATES = ("invited", *CONFIRMED_STATES)
CALL_LENGTHS = [("within", "Within the target"), ("over", "Over the target")]


class HrInvitationReport(models.Model):
    """One row per invitation: how far it went, and the rates to compare ways of inviting.

    Rates are columns worth 100 or 0 on the rows they apply to and NULL elsewhere, so that
    their average (the aggregator) is the rate: ``attendance_rate`` averages over planned
    invitations only, ``confirmation_rate`` over reached ones, and so on.
    """

    _name = "hr.invitation.report"
    _description = "Invitation Analysis"
    _inherit = ["hr.invitation.sql.view"]
    _auto = False
    _rec_name = "invitation_id"
    _order = "create_date desc"
    # What the view reads: a read flushes (and recomputes) it first.
    _depends = {
        "hr.invitation": [
            "applicant_id",
            "candidate_id",
            "job_id",
            "user_id",
            "company_id",
            "create_date",
            "state",
            "is_key_role",
            "next_call_window",
            "candidate_tz",
            "attempt_count",
            "reached_by_call",
            "avg_call_duration",
            "reached_call_window",
            "reached_interest_level",
            "inviting_call_at",
            "feedback_id",
            "judged_answer_count",
            "accurate_answer_count",
            "review_mismatch",
            "has_escalation",
            "has_unresolved_concern",
        ],
        "hr.applicant": ["sourcing_channel", "source_id", "date_closed"],
        "hr.candidate": ["employment_status"],
        "hr.invitation.feedback": ["call_rating", "recommend_score"],
        "res.company": ["invitation_call_target"],
    }

    invitation_id = fields.Many2one("hr.invitation", readonly=True)
    applicant_id = fields.Many2one("hr.applicant", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    user_id = fields.Many2one("res.users", "Recruiter", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)
    state = fields.Selection(INVITATION_STATES, readonly=True)
    is_key_role = fields.Boolean("Key Role", readonly=True)
    call_window = fields.Selection(
        CALL_WINDOWS,
        readonly=True,
        help="Window of the call that reached the candidate (the last one), else the next one.",
    )
    interest_level = fields.Selection(
        INTEREST_LEVELS,
        readonly=True,
        help="The candidate's interest on the call that reached them.",
    )
    has_escalation = fields.Boolean("Escalated to Senior HR", readonly=True)
    has_unresolved_concern = fields.Boolean("Concern Left Unresolved", readonly=True)
    call_length = fields.Selection(
        CALL_LENGTHS, readonly=True, help="The average call against the company's target."
    )
    success_weekday = fields.Selection(
        WEEKDAYS, "Weekday of the Inviting Call", readonly=True, help="In the candidate's time."
    )
    success_hour = fields.Integer(
        "Hour of the Inviting Call", readonly=True, aggregator=None, help="In the candidate's time."
    )
    sourcing_channel = fields.Selection(
        [("applied", "Applied by themselves"), ("sourced", "Sourced by HR")], readonly=True
    )
    source_id = fields.Many2one("utm.source", readonly=True)
    employment_status = fields.Selection(EMPLOYMENT_STATUSES, readonly=True)
    planned = fields.Integer(readonly=True)
    reached = fields.Integer(readonly=True)
    invited = fields.Integer(readonly=True)
    confirmed = fields.Integer(readonly=True)
    attended = fields.Integer(readonly=True)
    hired = fields.Integer(readonly=True)
    no_show = fields.Integer("No-shows", readonly=True)
    attendance_rate = fields.Float(
        "Success Rate (%)", readonly=True, aggregator="avg", help="Attended / planned."
    )
    confirmation_rate = fields.Float(
        "Confirmation Rate (%)", readonly=True, aggregator="avg", help="Confirmed / reached."
    )
    no_show_rate = fields.Float(
        "No-show Rate (%)", readonly=True, aggregator="avg", help="No-shows / confirmed."
    )
    call_count = fields.Integer("Calls", readonly=True)
    attempts = fields.Float("Average Attempts", readonly=True, aggregator="avg")
    avg_call_duration = fields.Float("Average Call (min)", readonly=True, aggregator="avg")
    call_target = fields.Float("Target Call (min)", readonly=True, aggregator="avg")
    feedback_score = fields.Float("Call Rating (1-5)", readonly=True, aggregator="avg")
    recommend_score = fields.Float("Would Recommend (0-10)", readonly=True, aggregator="avg")
    accuracy_rate = fields.Float(
        "Accurate Answers (%)",
        readonly=True,
        aggregator="avg",
        help="Answers the candidate judged accurate, among those they judged.",
    )
    mismatch_rate = fields.Float(
        "Mismatch Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Reviewed invitations where the interview raised questions the call did not answer.",
    )

    def _query(self):
        # One row per invitation, read from its own columns: what the calls, feedback, reviews,
        # concerns and escalations add up to is stored on it (hr.invitation.analysis). The
        # joins are on primary keys and outer (every invitation has its application and
        # candidate): PostgreSQL leaves out those whose columns a read does not use.
        return SQL(
            """
            SELECT id,
                   id AS invitation_id,
                   applicant_id,
                   job_id,
                   user_id,
                   company_id,
                   create_date,
                   state,
                   is_key_role,
                   COALESCE(reached_call_window, next_call_window) AS call_window,
                   reached_interest_level AS interest_level,
                   has_escalation,
                   has_unresolved_concern,
                   CASE WHEN avg_duration IS NULL OR call_target IS NULL THEN NULL
                        WHEN avg_duration <= call_target THEN 'within'
                        ELSE 'over' END AS call_length,
                   EXTRACT(ISODOW FROM (inviting_call_at AT TIME ZONE 'UTC')
                       AT TIME ZONE COALESCE(candidate_tz, 'UTC'))::int::varchar AS success_weekday,
                   EXTRACT(HOUR FROM (inviting_call_at AT TIME ZONE 'UTC')
                       AT TIME ZONE COALESCE(candidate_tz, 'UTC'))::int AS success_hour,
                   sourcing_channel,
                   source_id,
                   employment_status,
                   is_planned AS planned,
                   is_reached AS reached,
                   is_invited AS invited,
                   is_confirmed AS confirmed,
                   is_attended AS attended,
                   is_hired AS hired,
                   is_no_show AS no_show,
                   CASE WHEN is_planned = 1 THEN 100 * is_attended END AS attendance_rate,
                   CASE WHEN is_reached = 1 THEN 100 * is_confirmed END AS confirmation_rate,
                   CASE WHEN is_confirmed = 1 THEN 100 * is_no_show END AS no_show_rate,
                   attempt_count AS call_count,
                   CASE WHEN is_planned = 1 THEN attempt_count END AS attempts,
                   avg_duration AS avg_call_duration,
                   CASE WHEN avg_duration IS NOT NULL THEN call_target END AS call_target,
                   call_rating AS feedback_score,
                   recommend_score,
                   CASE WHEN judged_answer_count > 0
                        THEN 100.0 * accurate_answer_count / judged_answer_count END
                       AS accuracy_rate,
                   CASE review_mismatch WHEN 'missed' THEN 100 WHEN 'covered' THEN 0 END
                       AS mismatch_rate
              FROM (
                    SELECT inv.*,
                           app.sourcing_channel,
                           app.source_id,
                           cand.employment_status,
                           CASE WHEN inv.attempt_count > 0 THEN inv.avg_call_duration END
                               AS avg_duration,
                           (inv.state != 'draft' OR inv.attempt_count > 0)::int AS is_planned,
                           (inv.reached_by_call OR inv.state IN %(invited)s)::int AS is_reached,
                           (inv.state IN %(invited)s)::int AS is_invited,
                           (inv.state IN %(confirmed)s)::int AS is_confirmed,
                           (inv.state = 'attended')::int AS is_attended,
                           (inv.state = 'attended' AND app.date_closed IS NOT NULL)::int
                               AS is_hired,
                           (inv.state = 'no_show')::int AS is_no_show,
                           comp.invitation_call_target AS call_target,
                           fb.call_rating::int AS call_rating,
                           fb.recommend_score
                      FROM hr_invitation inv
                 LEFT JOIN hr_applicant app ON app.id = inv.applicant_id
                 LEFT JOIN hr_candidate cand ON cand.id = inv.candidate_id
                 LEFT JOIN res_company comp ON comp.id = inv.company_id
                 LEFT JOIN hr_invitation_feedback fb ON fb.id = inv.feedback_id
                   ) AS flags
            """,
            invited=INVITED_STATES,
            confirmed=CONFIRMED_STATES,
        )
