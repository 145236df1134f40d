from odoo import api, fields, models

from .hr_invitation_pipeline import ACTIVITY_REFUSE_APPLICATION
from .hr_invitation_states import CLOSED_STATES, INVITATION_STATES, PLANNING_BATCH_SIZE
from .record_counts import count_per_record


class HrApplicant(models.Model):
    _name = "hr.applicant"
    _inherit = ["hr.applicant", "hr.invitation.batch.job"]

    sourcing_channel = fields.Selection(
        [("applied", "Applied by themselves"), ("sourced", "Sourced by HR")],
        default="applied",
        required=True,
        help="How HR got this candidate's number: say it in the first sentence of the call.",
    )
    invitation_ids = fields.One2many("hr.invitation", "applicant_id", "Invitations")
    invitation_count = fields.Integer(compute="_compute_invitation_count")
    invitation_state = fields.Selection(
        INVITATION_STATES,
        "Invitation",
        compute="_compute_invitation_state",
        store=True,
        groups="hr_recruitment.group_hr_recruitment_user",
        help="The state of the application's latest invitation to interview.",
    )
    invitation_planning_requested_by_id = fields.Many2one(
        "res.users",
        "Invitation Call Planning Asked By",
        copy=False,
        index="btree_not_null",
        groups="hr_recruitment.group_hr_recruitment_user",
        help="Who asked for this application's invitation call to be planned: a background "
        "job creates and plans its invitation, then tells them.",
    )

    @api.depends("invitation_ids")
    def _compute_invitation_count(self):
        counts = count_per_record(self, "hr.invitation", "applicant_id")
        for applicant in self:
            applicant.invitation_count = counts.get(applicant.id, 0)

    @api.depends("invitation_ids.state")
    def _compute_invitation_state(self):
        """The latest invitation's state, stored: the kanban reads it with the applications,
        and it is recomputed for a whole batch of invitations in one query."""
        latest = {}
        invitations = self.env["hr.invitation"].search_fetch(
            [("applicant_id", "in", self.ids)], ["applicant_id", "state"], order="id desc"
        )
        for invitation in invitations:
            latest.setdefault(invitation.applicant_id.id, invitation.state)
        for applicant in self:
            applicant.invitation_state = latest.get(applicant.id, False)

    def _advance_to_stage(self, stage):
        """Move these applications to ``stage``, forward only: an application already at a
        stage of the same or a higher sequence, closed or refused stays where it is."""
        if not stage:
            return
        behind = self.filtered(
            lambda applicant: (
                applicant.active
                and not applicant.date_closed
                and (not applicant.stage_id or applicant.stage_id.sequence < stage.sequence)
                and (not stage.job_ids or applicant.job_id in stage.job_ids)
            )
        )
        if behind:
            behind.write({"stage_id": stage.id})

    def write(self, vals):
        result = super().write(vals)
        if vals.get("active") is False or vals.get("refuse_reason_id"):
            self._close_invitations()
        return result

    def _close_invitations(self):
        """Refused or archived applications: their open invitations end with them (interviews
        ahead cancelled, meetings freed, escalations closed), saying why; restoring the
        application does not reopen them: Plan Invitation Call does."""
        invitations = self.sudo().invitation_ids.filtered(
            lambda invitation: invitation.state not in CLOSED_STATES
        )
        for invitation in invitations:
            applicant = invitation.applicant_id
            reason = applicant.refuse_reason_id.name or self.env._("application archived")
            invitation._message_log(
                body=self.env._(
                    "Application refused (%(reason)s): invitation cancelled.", reason=reason
                )
            )
        invitations._end("cancelled")
        self.sudo().invitation_ids.activity_unlink([ACTIVITY_REFUSE_APPLICATION])
        # Nor are their calls still waiting for the background planning planned any more.
        queued = self.sudo().filtered(
            lambda applicant: applicant.invitation_planning_requested_by_id
        )
        queued.with_context(tracking_disable=True).write(
            {"invitation_planning_requested_by_id": False}
        )

    def action_plan_invitation_call(self):
        """Plan the next invitation call of these applications at the candidate's best window.

        A selection never fails whole: what can be planned is planned, the others wait in
        draft with their reason, and one notification lists them. A selection of more than
        PLANNING_BATCH_SIZE is planned by a background job that tells the recruiter when done.
        """
        if len(self) > PLANNING_BATCH_SIZE:
            return self._request_invitation_planning()
        invitations = self._get_or_create_open_invitations()
        # Invited or confirmed: nothing to plan, the open invitation is where to go on.
        ahead = invitations.filtered(lambda invitation: not invitation._is_plannable())
        if len(invitations) == 1 and ahead:
            return ahead._get_form_action()
        plannable = invitations - ahead
        unplanned = plannable._plan_next_call()
        if len(invitations) == 1 and not unplanned:
            return invitations._get_form_action()
        return unplanned._get_planning_notification(len(plannable - unplanned), ahead)

    def _request_invitation_planning(self):
        """Queue these applications for the background planning job and wake it up: the
        request only marks them; the job creates and plans their invitations by batches."""
        # A technical mark, neither tracked nor followed: one UPDATE per 100 applications.
        self.with_context(tracking_disable=True).write(
            {"invitation_planning_requested_by_id": self.env.user.id}
        )
        self.env.ref("hr_recruitment_invitation.ir_cron_plan_requested_calls")._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "%(count)s invitation calls are being planned in the background: you will "
                    "be notified when they are.",
                    count=len(self),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _plan_requested_invitation_calls(self):
        """Plan the invitation calls of these queued applications as the users who asked;
        tell each when theirs are all planned (invited ones have nothing to plan)."""
        requesters = self.grouped("invitation_planning_requested_by_id")
        # Unmarked first: each requester's notification then finds none of theirs queued.
        self.with_context(tracking_disable=True).write(
            {"invitation_planning_requested_by_id": False}
        )
        for requester, applicants in requesters.items():
            invitations = applicants.with_user(requester)._get_or_create_open_invitations()
            invitations.filtered(lambda invitation: invitation._is_plannable())._plan_next_call()
            # The mark and the invitation state in one UPDATE, before the count that flushes.
            applicants.flush_recordset()
            requester._notify_invitation_planning_done()

    def action_start_invitation_call(self):
        """Start an invitation call to this applicant now and open its call script."""
        self.ensure_one()
        return self._get_or_create_open_invitations().action_start_call()

    def _get_or_create_open_invitations(self):
        """Return one open invitation per application, creating the missing ones in one go."""
        open_invitations = self.env["hr.invitation"].search(
            [("applicant_id", "in", self.ids), ("state", "not in", CLOSED_STATES)],
            order="id desc",
        )
        by_applicant = {}
        for invitation in open_invitations:
            by_applicant.setdefault(invitation.applicant_id.id, invitation)
        missing = self.filtered(lambda applicant: applicant.id not in by_applicant)
        # One batch: mail.thread would otherwise subscribe the recruiter record by record.
        created = (
            self.env["hr.invitation"]
            .with_context(tracking_disable=True)
            .create([applicant._prepare_invitation_values() for applicant in missing])
            .with_context(tracking_disable=self.env.context.get("tracking_disable"))
        )
        created._subscribe_recruiters()
        for invitation in created:
            by_applicant[invitation.applicant_id.id] = invitation
        return self.env["hr.invitation"].union(*(by_applicant[app.id] for app in self))

    def _prepare_invitation_values(self):
        self.ensure_one()
        return {
            "applicant_id": self.id,
            "user_id": (self.user_id or self.env.user).id,
        }

    def action_open_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_recruitment_invitation.hr_invitation_action"
        )
        action["domain"] = [("applicant_id", "=", self.id)]
        action["context"] = {"default_applicant_id": self.id}
        return action
