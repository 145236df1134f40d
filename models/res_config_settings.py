from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    invitation_evening_start = fields.Float(
        related="company_id.invitation_evening_start", readonly=False
    )
    invitation_evening_end = fields.Float(
        related="company_id.invitation_evening_end", readonly=False
    )
    invitation_weekend_am_start = fields.Float(
        related="company_id.invitation_weekend_am_start", readonly=False
    )
    invitation_weekend_am_end = fields.Float(
        related="company_id.invitation_weekend_am_end", readonly=False
    )
    invitation_weekend_pm_start = fields.Float(
        related="company_id.invitation_weekend_pm_start", readonly=False
    )
    invitation_weekend_pm_end = fields.Float(
        related="company_id.invitation_weekend_pm_end", readonly=False
    )
    invitation_daytime_start = fields.Float(
        related="company_id.invitation_daytime_start", readonly=False
    )
    invitation_daytime_end = fields.Float(
        related="company_id.invitation_daytime_end", readonly=False
    )
    invitation_quiet_start = fields.Float(
        related="company_id.invitation_quiet_start", readonly=False
    )
    invitation_quiet_end = fields.Float(related="company_id.invitation_quiet_end", readonly=False)
    invitation_call_target = fields.Integer(
        related="company_id.invitation_call_target", readonly=False
    )
    invitation_max_attempts = fields.Integer(
        related="company_id.invitation_max_attempts", readonly=False
    )
    invitation_full_name = fields.Char(related="company_id.invitation_full_name", readonly=False)
    invitation_company_intro = fields.Html(
        related="company_id.invitation_company_intro", readonly=False
    )
    invitation_company_details = fields.Html(
        related="company_id.invitation_company_details", readonly=False
    )
