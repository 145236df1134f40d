from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from odoo.addons.hr_recruitment_invitation.tools.utc import to_utc

SLA_WORKING_HOURS = 24
OPEN_STATES = ("pending", "approved")
# Calls where senior HR settled the invitation: the follow-up is over. No answer or "call back"
# keep the escalation approved and plan senior HR's next attempt.
CONCLUSIVE_OUTCOMES = ("invited", "declined", "not_suitable")
# Fields that only the escalation's own methods change (decisions, reminders, links).
PROTECTED_FIELDS = frozenset(
    {
        "invitation_id",
        "requested_by_id",
        "requested_at",
        "approver_id",
        "origin",
        "call_id",
        "senior_call_id",
        "state",
        "decided_at",
        "decided_by_id",
        "reminded_at",
        "sla_deadline",
    }
)


class HrInvitationEscalation(models.Model):
    _name = "hr.invitation.escalation"
    _description = "Escalation to Senior HR"
    _inherit = ["hr.invitation.private.thread", "mail.activity.mixin", "hr.invitation.batch.job"]
    _order = "id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id", store=True)
    job_id = fields.Many2one(related="invitation_id.job_id", store=True, index=True)
    requested_by_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, default=lambda self: self.env.user
    )
    requested_at = fields.Datetime(
        "Requested On", required=True, readonly=True, default=fields.Datetime.now
    )
    origin = fields.Selection(
        [("auto", "Key role, after a call"), ("manual", "Requested by hand")],
        required=True,
        readonly=True,
        default="manual",
    )
    call_id = fields.Many2one(
        "hr.invitation.call",
        "First Call",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The call that found the candidate's interest.",
    )
    call_outcome = fields.Selection(related="call_id.outcome", string="First Call Outcome")
    call_interest_level = fields.Selection(
        related="call_id.interest_level", string="Interest Shown"
    )
    senior_call_id = fields.Many2one(
        "hr.invitation.call", "Senior HR Call", readonly=True, ondelete="set null"
    )
    senior_user_id = fields.Many2one(
        "res.users",
        "Senior HR",
        domain=lambda self: self._get_senior_user_domain(),
        tracking=True,
        help="Who steps in. Empty: a member of the Senior HR group is chosen on approval.",
    )
    approver_id = fields.Many2one(
        "res.users",
        readonly=True,
        tracking=True,
        help="The manager of the job's department. Empty: any Escalation Approver decides.",
    )
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("pending", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    decision_note = fields.Text(help="Why the request was approved or rejected.")
    decided_at = fields.Datetime(readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    sla_deadline = fields.Datetime(
        "Decision Due",
        compute="_compute_sla_deadline",
        store=True,
        help="24 working hours of the company after the request.",
    )
    reminded_at = fields.Datetime("Reminder Sent On", readonly=True, copy=False)
    can_decide = fields.Boolean(compute="_compute_can_decide", search="_search_can_decide")
    candidate_summary = fields.Char(
        "Candidate's Brief", compute="_compute_brief", compute_sudo=True
    )
    brief = fields.Html(
        "What the First Call Found", compute="_compute_brief", compute_sudo=True, sanitize=False
    )

    @api.model
    def _get_senior_user_domain(self):
        group = self.env.ref("hr_recruitment_invitation.group_senior_hr", raise_if_not_found=False)
        return [("share", "=", False), ("groups_id", "in", group.ids if group else [])]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("invitation_id")
    def _compute_display_name(self):
        for escalation in self:
            # The approver may not read the invitation: its name comes with the escalation.
            invitation = escalation.invitation_id.sudo()
            escalation.display_name = self.env._(
                "Escalation: %(invitation)s", invitation=invitation.display_name
            )

    @api.depends("requested_at", "company_id")
    def _compute_sla_deadline(self):
        for escalation in self:
            escalation.sla_deadline = escalation._get_sla_deadline()

    def _get_sla_deadline(self):
        """The request time plus 24 working hours of the company's working schedule."""
        self.ensure_one()
        if not self.requested_at:
            return False
        calendar = self.company_id.resource_calendar_id
        deadline = calendar and calendar.plan_hours(
            SLA_WORKING_HOURS, self.requested_at, compute_leaves=True
        )
        return deadline or self.requested_at + timedelta(hours=SLA_WORKING_HOURS)

    @api.depends_context("uid")
    @api.depends("state", "approver_id", "requested_by_id")
    def _compute_can_decide(self):
        for escalation in self:
            escalation.can_decide = not escalation._get_decision_error()

    def _search_can_decide(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search on the decision right is not supported."))
        domain = [("state", "=", "pending"), ("requested_by_id", "!=", self.env.uid)]
        if not self.env.user.has_group("hr_recruitment.group_hr_recruitment_manager"):
            deciders = [self.env.uid, False] if self._is_pool_approver() else [self.env.uid]
            domain.append(("approver_id", "in", deciders))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", self._search(domain))]

    @api.depends("invitation_id", "call_id", "reason")
    def _compute_brief(self):
        for escalation in self:
            invitation = escalation.invitation_id
            escalation.candidate_summary = invitation._get_candidate_summary()
            escalation.brief = invitation._get_senior_follow_up_brief(escalation)

    @api.constrains("reason")
    def _check_reason(self):
        if any(not (escalation.reason or "").strip() for escalation in self):
            raise ValidationError(
                self.env._("Say why senior HR should step in: the reason cannot be empty.")
            )

    # ------------------------------------------------------------------
    # Who decides and who steps in
    # ------------------------------------------------------------------

    @api.model
    def _get_department_manager_user(self, job, company, requester):
        """The user of the manager of the job's department, when they can decide."""
        user = job.sudo().department_id.manager_id.user_id
        can_decide = user.active and not user.share and company in user.company_ids
        if user and can_decide and user != requester:
            return user
        return self.env["res.users"]

    @api.model
    def _get_group_users(self, group_xmlid, company, exclude=None):
        """Active internal members of a group who work for ``company``, ``exclude`` left out."""
        users = self.env.ref(group_xmlid).sudo().users
        return users.filtered(
            lambda user: not user.share and company in user.company_ids and user != exclude
        )

    def _get_deciders(self):
        """The named approver, else the Escalation Approvers of the company (not the requester)."""
        self.ensure_one()
        if self.approver_id:
            return self.approver_id
        return self._get_group_users(
            "hr_recruitment_invitation.group_escalation_approver",
            self.company_id,
            exclude=self.requested_by_id,
        )

    def _pick_senior_hr_user(self):
        """The job's senior HR person, else the Senior HR member with the fewest open follow-ups."""
        self.ensure_one()
        if self.job_id.senior_hr_user_id:
            return self.job_id.senior_hr_user_id
        seniors = self._get_group_users(
            "hr_recruitment_invitation.group_senior_hr",
            self.company_id,
            exclude=self.requested_by_id,
        )
        if not seniors:
            return seniors
        loads = dict(
            self.sudo()._read_group(
                [("senior_user_id", "in", seniors.ids), ("state", "=", "approved")],
                ["senior_user_id"],
                ["__count"],
            )
        )
        return min(seniors, key=lambda user: (loads.get(user, 0), user.id))

    def _is_pool_approver(self):
        return self.env.user.has_group("hr_recruitment_invitation.group_escalation_approver")

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_create_values(vals_list)
        vals_list = [self._prepare_request_values(vals) for vals in vals_list]
        escalations = super().create(vals_list)
        escalations._check_single_open_escalation()
        escalations._schedule_approval_activities()
        return escalations

    def _check_create_values(self, vals_list):
        for vals in vals_list:
            forged = PROTECTED_FIELDS.intersection(vals) - {"invitation_id", "requested_by_id"}
            if forged or vals.get("requested_by_id", self.env.uid) != self.env.uid:
                raise UserError(
                    self.env._(
                        "You can only request an escalation in your own name, with a reason; "
                        "the approver and the status are set by the request itself."
                    )
                )

    @api.model
    def _prepare_request_values(self, vals):
        """Complete a request: who asked, the first call, who decides and who steps in."""
        vals = self._add_missing_default_values(vals)
        invitation = self.env["hr.invitation"].browse(vals.get("invitation_id")).sudo().exists()
        if not invitation:
            return vals
        requester = self.env["res.users"].browse(vals["requested_by_id"])
        values = {"call_id": invitation._get_last_reached_call().id, **vals}
        values["approver_id"] = self._get_department_manager_user(
            invitation.job_id, invitation.company_id, requester
        ).id
        if not values.get("senior_user_id"):
            values["senior_user_id"] = invitation.job_id.senior_hr_user_id.id
        return values

    def _check_single_open_escalation(self):
        open_counts = dict(
            self.sudo()._read_group(
                [("invitation_id", "in", self.invitation_id.ids), ("state", "in", OPEN_STATES)],
                ["invitation_id"],
                ["__count"],
            )
        )
        doubled = self.invitation_id.filtered(lambda invitation: open_counts[invitation] > 1)
        if doubled:
            raise UserError(
                self.env._(
                    "These invitations already have an escalation waiting or under way: %(names)s",
                    names=", ".join(doubled.sudo().mapped("display_name")),
                )
            )

    def write(self, vals):
        if not self.env.su:
            self._check_write_values(vals)
        return super().write(vals)

    def _check_write_values(self, vals):
        protected = PROTECTED_FIELDS.intersection(vals)
        if protected:
            raise UserError(
                self.env._(
                    "The status, the approver and the decision of an escalation change only "
                    "through its Approve and Reject buttons (%(fields)s).",
                    fields=", ".join(sorted(protected)),
                )
            )
        business = {"reason", "senior_user_id", "decision_note"}.intersection(vals)
        decided = self.filtered(lambda escalation: escalation.state != "pending")
        if business and decided:
            raise UserError(self.env._("A decided escalation cannot be changed any more."))

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    def _schedule_approval_activities(self):
        """Give each decider an "Escalation Approval" activity; tell the requester if nobody can."""
        for escalation in self.sudo():
            deciders = escalation._get_deciders()
            for user in deciders:
                escalation.activity_schedule(
                    "hr_recruitment_invitation.mail_activity_type_escalation_approval",
                    user_id=user.id,
                    summary=self.env._(
                        "Approve senior HR for %(candidate)s",
                        candidate=escalation.candidate_id.display_name,
                    ),
                    note=escalation.reason,
                )
            if not deciders:
                escalation.message_post(
                    body=self.env._(
                        "Nobody can approve this request yet: give the job's department a manager "
                        "or add someone of %(company)s to the Escalation Approver group.",
                        company=escalation.company_id.name,
                    ),
                    partner_ids=escalation.requested_by_id.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )

    def _get_decision_error(self):
        """Why the current user cannot decide on this request, or an empty string."""
        self.ensure_one()
        user = self.env.user
        if self.state != "pending":
            return self.env._("This escalation has already been decided.")
        if self.requested_by_id == user:
            return self.env._(
                "You requested this escalation: someone else has to approve or reject it."
            )
        if user.has_group("hr_recruitment.group_hr_recruitment_manager"):
            return ""
        if self.approver_id and self.approver_id != user:
            return self.env._(
                "Only %(approver)s decides on this escalation.", approver=self.approver_id.name
            )
        if not self.approver_id and not self._is_pool_approver():
            return self.env._("Only the Escalation Approvers decide on this escalation.")
        return ""

    def _check_can_decide(self):
        for escalation in self:
            error = escalation._get_decision_error()
            if error:
                raise UserError(error)

    def action_approve(self):
        self._check_can_decide()
        for escalation in self.sudo():
            escalation._approve()
        return True

    def action_reject(self):
        self._check_can_decide()
        missing_note = self.filtered(
            lambda escalation: not (escalation.decision_note or "").strip()
        )
        if missing_note:
            raise UserError(
                self.env._("Say why you reject the request in the decision note, then reject it.")
            )
        for escalation in self.sudo():
            escalation._reject()
        return True

    def _prepare_decision_values(self, state):
        return {
            "state": state,
            "decided_at": fields.Datetime.now(),
            "decided_by_id": self.env.uid,
        }

    def _approve(self):
        self.ensure_one()
        senior = self.senior_user_id or self._pick_senior_hr_user()
        self._check_senior_hr_user(senior)
        self.write({**self._prepare_decision_values("approved"), "senior_user_id": senior.id})
        self._close_approval_activities(self.env._("Approved"))
        self._plan_senior_call()
        self._notify_requester(
            self.env._(
                "%(approver)s approved: %(senior)s calls the candidate on %(when)s.",
                approver=self.env.user.name,
                senior=senior.name,
                when=self.invitation_id._format_for_recruiter(self.invitation_id.next_call_at),
            )
        )

    def _plan_senior_call(self):
        """Senior HR calls at the time agreed with the candidate when one is still ahead (a
        call back), else at the candidate's next window."""
        invitation = self.invitation_id
        last_call = invitation._get_last_reached_call()
        agreed = last_call and last_call._get_callback_window()
        if agreed and agreed.end > to_utc(fields.Datetime.now()):
            invitation._plan_call_at(agreed)
        else:
            invitation._plan_next_call()

    def _check_senior_hr_user(self, senior):
        if not senior:
            raise UserError(
                self.env._(
                    "Choose the senior HR person who will call: nobody of %(company)s is in the "
                    "Senior HR group.",
                    company=self.company_id.name,
                )
            )
        if not senior.has_group("hr_recruitment_invitation.group_senior_hr"):
            raise UserError(
                self.env._(
                    "%(user)s is not in the Senior HR group and could not open the invitation: "
                    "choose someone of that group, or ask an administrator to add them.",
                    user=senior.name,
                )
            )

    def _reject(self):
        self.ensure_one()
        self.write(self._prepare_decision_values("rejected"))
        self._close_approval_activities(self.env._("Rejected: %(note)s", note=self.decision_note))
        self._notify_requester(
            self.env._(
                "%(approver)s rejected the escalation: %(note)s",
                approver=self.env.user.name,
                note=self.decision_note,
            )
        )

    def _close_approval_activities(self, feedback):
        """Mark the decider's approval activity done and drop the other approvers' ones."""
        activity_type = self.env.ref(
            "hr_recruitment_invitation.mail_activity_type_escalation_approval"
        )
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        mine = activities.filtered(lambda activity: activity.user_id == self.env.user)
        (activities - mine).unlink()
        mine.action_feedback(feedback=feedback)

    def _close_with_invitation(self):
        """The invitation ended (declined, cancelled, refused): its open requests close with
        it, and nobody is asked to decide or reminded any more."""
        open_requests = self.filtered(lambda escalation: escalation.state in OPEN_STATES)
        if not open_requests:
            return
        # The status changes only through the escalation's own methods: this is one of them.
        open_requests.sudo().write({"state": "cancelled"})
        open_requests.activity_unlink(
            ["hr_recruitment_invitation.mail_activity_type_escalation_approval"]
        )
        for escalation in open_requests:
            escalation._message_log(
                body=self.env._("The invitation ended: this request is closed with it.")
            )

    def _notify_requester(self, body):
        """Post ``body`` on the escalation and the invitation, addressed to the requester."""
        self.ensure_one()
        self.message_post(
            body=body,
            partner_ids=self.requested_by_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.invitation_id._message_log(body=body)

    def _mark_done(self, call):
        """Senior HR's call settled the invitation: the follow-up is over."""
        self.ensure_one()
        self.write({"state": "done", "senior_call_id": call.id})
        self._notify_requester(
            self.env._(
                "%(senior)s called the candidate: %(summary)s",
                senior=call.user_id.name,
                summary=call._get_summary(),
            )
        )

    # ------------------------------------------------------------------
    # SLA reminder
    # ------------------------------------------------------------------

    @api.model
    def _cron_remind_overdue_requests(self, batch_size=200):
        """Remind approver and requester once of the requests pending past 24 working hours.

        Idempotent: the batch engine claims each request once (``FOR UPDATE SKIP LOCKED``),
        and a reminded request leaves the domain, so two runs never remind twice.
        """
        now = fields.Datetime.now()
        domain = [
            ("state", "=", "pending"),
            ("reminded_at", "=", False),
            ("sla_deadline", "<=", now),
        ]
        return self.sudo()._run_batch(domain, lambda batch: batch._remind_overdue(now), batch_size)

    def _remind_overdue(self, now):
        self.write({"reminded_at": now})
        self._send_sla_reminders()

    def _send_sla_reminders(self):
        for escalation in self:
            recipients = escalation._get_deciders() | escalation.requested_by_id
            escalation.message_post(
                body=self.env._(
                    "This request has waited more than %(hours)s working hours for a decision "
                    "(requested on %(when)s): please approve or reject it.",
                    hours=SLA_WORKING_HOURS,
                    when=format_datetime(self.env, escalation.requested_at, dt_format="short"),
                ),
                partner_ids=recipients.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_invitation(self):
        self.ensure_one()
        return self.invitation_id._get_form_action()
