from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.hr_recruitment_invitation.models.hr_invitation_states import CALL_WINDOWS

FUNNEL_STAGES = [
    ("1_planned", "Planned"),
    ("2_reached", "Reached"),
    ("3_invited", "Invited"),
    ("4_confirmed", "Confirmed"),
    ("5_attended", "Attended"),
    ("6_hired", "Hired"),
]


class HrInvitationFunnelReport(models.Model):
    """The invitation funnel: one row per invitation and per stage it reached."""

    _name = "hr.invitation.funnel.report"
    _description = "Invitation Funnel"
    _inherit = ["hr.invitation.sql.view"]
    _auto = False
    _order = "stage"

    invitation_id = fields.Many2one("hr.invitation", readonly=True)
    stage = fields.Selection(FUNNEL_STAGES, readonly=True)
    job_id = fields.Many2one("hr.job", readonly=True)
    user_id = fields.Many2one("res.users", "Recruiter", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)
    is_key_role = fields.Boolean("Key Role", readonly=True)
    call_window = fields.Selection(CALL_WINDOWS, readonly=True)
    sourcing_channel = fields.Selection(
        [("applied", "Applied by themselves"), ("sourced", "Sourced by HR")], readonly=True
    )

    def _query(self):
        # Row ids: invitation id * 10 + stage number, unique and stable.
        stages = SQL(", ").join(
            SQL("(%s, %s, %s)", index, key, column)
            for index, (key, column) in enumerate(
                (key, key.split("_", 1)[1]) for key, _label in FUNNEL_STAGES
            )
        )
        return SQL(
            """
            SELECT report.id * 10 + stages.number AS id,
                   report.invitation_id,
                   stages.stage,
                   report.job_id,
                   report.user_id,
                   report.company_id,
                   report.create_date,
                   report.is_key_role,
                   report.call_window,
                   report.sourcing_channel
              FROM hr_invitation_report report
              JOIN (VALUES %s) AS stages(number, stage, flag) ON (
                   (stages.flag = 'planned' AND report.planned = 1)
                   OR (stages.flag = 'reached' AND report.reached = 1)
                   OR (stages.flag = 'invited' AND report.invited = 1)
                   OR (stages.flag = 'confirmed' AND report.confirmed = 1)
                   OR (stages.flag = 'attended' AND report.attended = 1)
                   OR (stages.flag = 'hired' AND report.hired = 1))
            """,
            stages,
        )
