from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_invitation_batch_job import MAX_CRON_WORKERS


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
    invitation_caller_hour_from = fields.Float(
        related="company_id.invitation_caller_hour_from", readonly=False
    )
    invitation_caller_hour_to = fields.Float(
        related="company_id.invitation_caller_hour_to", readonly=False
    )
    invitation_call_slot_minutes = fields.Integer(
        related="company_id.invitation_call_slot_minutes", readonly=False
    )
    invitation_reminder_hours = fields.Integer(
        related="company_id.invitation_reminder_hours", readonly=False
    )
    invitation_reminder_call = fields.Boolean(
        related="company_id.invitation_reminder_call", readonly=False
    )
    invitation_reminder_call_minutes = fields.Integer(
        related="company_id.invitation_reminder_call_minutes", readonly=False
    )
    invitation_arrival_grace_minutes = fields.Integer(
        related="company_id.invitation_arrival_grace_minutes", readonly=False
    )
    invitation_no_show_minutes = fields.Integer(
        related="company_id.invitation_no_show_minutes", readonly=False
    )
    invitation_transport_user_id = fields.Many2one(
        related="company_id.invitation_transport_user_id", readonly=False
    )
    invitation_full_name = fields.Char(related="company_id.invitation_full_name", readonly=False)
    invitation_company_intro = fields.Html(
        related="company_id.invitation_company_intro", readonly=False
    )
    invitation_company_details = fields.Html(
        related="company_id.invitation_company_details", readonly=False
    )
    invitation_anonymise_months = fields.Integer(
        related="company_id.invitation_anonymise_months", readonly=False
    )
    invitation_stage_invited_id = fields.Many2one(
        related="company_id.invitation_stage_invited_id", readonly=False
    )
    invitation_stage_confirmed_id = fields.Many2one(
        related="company_id.invitation_stage_confirmed_id", readonly=False
    )
    invitation_stage_next_round_id = fields.Many2one(
        related="company_id.invitation_stage_next_round_id", readonly=False
    )
    invitation_followup_cron_workers = fields.Integer(
        "Follow-up Cron Workers",
        default=1,
        config_parameter="hr_recruitment_invitation.followup_cron_workers",
    )

    @api.constrains("invitation_followup_cron_workers")
    def _check_followup_cron_workers(self):
        for settings in self:
            if not 1 <= settings.invitation_followup_cron_workers <= MAX_CRON_WORKERS:
                raise ValidationError(
                    self.env._("Follow-up cron workers: from 1 to %(max)s.", max=MAX_CRON_WORKERS)
                )

    def set_values(self):
        super().set_values()
        self.env["hr.invitation.followup"]._set_cron_workers_of_followups(
            self.invitation_followup_cron_workers
        )
