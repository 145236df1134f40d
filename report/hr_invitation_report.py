from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.hr_recruitment_invitation.models.hr_candidate import EMPLOYMENT_STATUSES
from odoo.addons.hr_recruitment_invitation.models.hr_invitation import (
    CALL_WINDOWS,
    INVITATION_STATES,
)


class HrInvitationReport(models.Model):
    _name = "hr.invitation.report"
    _description = "Invitation Analysis"
    _auto = False
    _rec_name = "invitation_id"
    _order = "create_date desc"

    invitation_id = fields.Many2one("hr.invitation", readonly=True)
    applicant_id = fields.Many2one("hr.applicant", readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    user_id = fields.Many2one("res.users", "Recruiter", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)
    state = fields.Selection(INVITATION_STATES, readonly=True)
    is_key_role = fields.Boolean("Key Role", readonly=True)
    next_call_window = fields.Selection(CALL_WINDOWS, "Call Window", readonly=True)
    sourcing_channel = fields.Selection(
        [("applied", "Applied by themselves"), ("sourced", "Sourced by HR")], readonly=True
    )
    source_id = fields.Many2one("utm.source", readonly=True)
    employment_status = fields.Selection(EMPLOYMENT_STATUSES, readonly=True)
    call_count = fields.Integer("Calls", readonly=True, aggregator="sum")
    avg_call_duration = fields.Float("Average Call (min)", readonly=True, aggregator="avg")
    planned = fields.Integer(readonly=True, aggregator="sum")
    reached = fields.Integer(readonly=True, aggregator="sum")
    invited = fields.Integer(readonly=True, aggregator="sum")
    confirmed = fields.Integer(readonly=True, aggregator="sum")
    attended = fields.Integer(readonly=True, aggregator="sum")
    no_show = fields.Integer("No-shows", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def _query(self):
        return SQL(
            """
            SELECT inv.id AS id,
                   inv.id AS invitation_id,
                   inv.applicant_id,
                   inv.job_id,
                   inv.user_id,
                   inv.company_id,
                   inv.create_date,
                   inv.state,
                   inv.is_key_role,
                   inv.next_call_window,
                   app.sourcing_channel,
                   app.source_id,
                   cand.employment_status,
                   COALESCE(calls.call_count, 0) AS call_count,
                   calls.avg_duration AS avg_call_duration,
                   CASE WHEN inv.state != 'draft' OR calls.call_count > 0 THEN 1 ELSE 0 END
                       AS planned,
                   CASE WHEN calls.reached_count > 0 THEN 1 ELSE 0 END AS reached,
                   CASE WHEN inv.state IN %(invited)s THEN 1 ELSE 0 END AS invited,
                   CASE WHEN inv.state IN %(confirmed)s THEN 1 ELSE 0 END AS confirmed,
                   CASE WHEN inv.state = 'attended' THEN 1 ELSE 0 END AS attended,
                   CASE WHEN inv.state = 'no_show' THEN 1 ELSE 0 END AS no_show
              FROM hr_invitation inv
              JOIN hr_applicant app ON app.id = inv.applicant_id
              JOIN hr_candidate cand ON cand.id = inv.candidate_id
         LEFT JOIN (
                SELECT invitation_id,
                       COUNT(*) AS call_count,
                       COUNT(*) FILTER (WHERE outcome IS NOT NULL AND outcome != 'no_answer')
                           AS reached_count,
                       AVG(duration) FILTER (WHERE ended_at IS NOT NULL) AS avg_duration
                  FROM hr_invitation_call
              GROUP BY invitation_id
                   ) calls ON calls.invitation_id = inv.id
            """,
            invited=("invited", "confirmed", "attended", "no_show"),
            confirmed=("confirmed", "attended", "no_show"),
        )
