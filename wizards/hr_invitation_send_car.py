"""Send a car: where and when to pick the candidate up, in their time and the driver's."""

from datetime import timedelta

from odoo import api, fields, models

from odoo.addons.hr_recruitment_invitation.tools import interview_logistics

# The pickup proposed when the candidate asked for none: this long before the interview.
DEFAULT_PICKUP_LEAD = timedelta(minutes=45)


class HrInvitationSendCar(models.TransientModel):
    _name = "hr.invitation.send.car"
    _description = "Send a Car to the Candidate"

    interview_id = fields.Many2one("hr.invitation.interview", required=True, ondelete="cascade")
    candidate_id = fields.Many2one(related="interview_id.candidate_id")
    coordinator_id = fields.Many2one(
        related="interview_id.company_id.invitation_transport_user_id",
        string="Transport Coordinator",
    )
    pickup_point = fields.Char(compute="_compute_pickup", store=True, readonly=False, required=True)
    pickup_at = fields.Datetime(
        "Pickup Time", compute="_compute_pickup", store=True, readonly=False, required=True
    )
    candidate_pickup_time = fields.Char("For the Candidate", compute="_compute_pickup_times")
    coordinator_pickup_time = fields.Char("For the Coordinator", compute="_compute_pickup_times")

    @api.depends("interview_id")
    def _compute_pickup(self):
        for wizard in self:
            interview = wizard.interview_id
            wizard.pickup_point = interview.pickup_point
            wizard.pickup_at = interview.pickup_at or (
                interview.start and interview.start - DEFAULT_PICKUP_LEAD
            )

    @api.depends("pickup_at", "coordinator_id")
    def _compute_pickup_times(self):
        for wizard in self:
            interview = wizard.interview_id
            wizard.candidate_pickup_time = (
                wizard.pickup_at and interview and interview._format_for_candidate(wizard.pickup_at)
            )
            coordinator = wizard.coordinator_id
            wizard.coordinator_pickup_time = (
                wizard.pickup_at
                and coordinator
                and (
                    interview_logistics.format_local_time(
                        wizard.pickup_at,
                        coordinator.tz or "UTC",
                        coordinator.lang or self.env.lang,
                        date_width="medium",
                    )
                )
            )

    def action_send(self):
        """Keep the pickup on the interview and ask the coordinator, or change nothing."""
        self.ensure_one()
        with self.env.cr.savepoint():
            self.interview_id.write(
                {"pickup_point": self.pickup_point, "pickup_at": self.pickup_at}
            )
            self.interview_id._send_car()
        return {"type": "ir.actions.act_window_close"}
