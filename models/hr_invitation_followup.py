"""The follow-ups of an interview: one row for each thing to do, done once.

A row is a kind (reminder, reminder call, not-arrived alert, no-show check, feedback request),
a channel (email, text, activity, or none for a check) and a due time. The database keeps
"exactly once": one row per (interview, kind, channel), claimed by one cron run at a time
(hr.invitation.batch.job) and taken out of ``pending`` in the same transaction. A message the
mail server or the SMS gateway refuses puts its row back to pending; moving an interview
cancels its pending rows, and the new interview gets its own.
"""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .hr_invitation_interview import (
    ACTIVITY_NOT_ARRIVED,
    ACTIVITY_REMINDER_CALL,
    UPCOMING_STATES,
)
from .hr_invitation_interview_portal import PORTAL_TOKEN_VALIDITY

_logger = logging.getLogger(__name__)

FOLLOWUP_KINDS = [
    ("invitation", "Interview Details"),
    ("reminder", "Reminder"),
    ("reminder_call", "Reminder Call"),
    ("not_arrived", "Not-arrived Alert"),
    ("no_show", "No-show Check"),
    ("feedback_request", "Feedback Request"),
]
FOLLOWUP_CHANNELS = [
    ("email", "Email"),
    ("sms", "Text Message"),
    ("activity", "Activity"),
    ("none", "No Message"),
]
FOLLOWUP_STATES = [
    ("pending", "Pending"),
    ("queued", "Queued"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
# Follow-up rows per batch: 400 rows are about 200 interviews (an email and a text each), the
# batch the crons handled when the follow-ups were columns of the invitation.
CRON_BATCH_SIZE = 400
MAIL_TEMPLATES = {
    "invitation": "hr_recruitment_invitation.mail_template_interview_invitation",
    "reminder": "hr_recruitment_invitation.mail_template_interview_reminder",
    "feedback_request": "hr_recruitment_invitation.mail_template_interview_feedback_request",
}
# The crons of the follow-up engine, one per kind or two; the Recruitment setting "Follow-up
# Cron Workers" gives each the same number of workers (hr.invitation.batch.job).
FOLLOWUP_CRONS = (
    "hr_recruitment_invitation.ir_cron_interview_reminders",
    "hr_recruitment_invitation.ir_cron_interview_reminder_calls",
    "hr_recruitment_invitation.ir_cron_interview_not_arrived",
    "hr_recruitment_invitation.ir_cron_interview_no_shows",
    "hr_recruitment_invitation.ir_cron_interview_feedback_requests",
)
# The details of the interview come with it as an .ics file.
MAIL_WITH_ICS = ("invitation",)
SMS_TEMPLATES = {
    "invitation": "hr_recruitment_invitation.sms_template_interview_invitation",
    "reminder": "hr_recruitment_invitation.sms_template_interview_reminder",
    "feedback_request": "hr_recruitment_invitation.sms_template_interview_feedback_request",
}


class HrInvitationFollowup(models.Model):
    _name = "hr.invitation.followup"
    _description = "Follow-up of an Interview"
    _inherit = ["hr.invitation.batch.job"]
    _order = "due_at, id"

    interview_id = fields.Many2one(
        "hr.invitation.interview", required=True, index=True, ondelete="cascade"
    )
    invitation_id = fields.Many2one(
        related="interview_id.invitation_id", store=True, index=True, string="Invitation"
    )
    company_id = fields.Many2one(related="interview_id.company_id", store=True, index=True)
    kind = fields.Selection(FOLLOWUP_KINDS, required=True, readonly=True)
    channel = fields.Selection(FOLLOWUP_CHANNELS, required=True, readonly=True)
    due_at = fields.Datetime("Due", required=True, readonly=True, index=True)
    state = fields.Selection(
        FOLLOWUP_STATES, default="pending", required=True, readonly=True, index=True
    )
    attempts = fields.Integer(readonly=True)
    processed_at = fields.Datetime("Handled On", readonly=True)
    mail_id = fields.Many2one("mail.mail", "Email", readonly=True, ondelete="set null")
    sms_id = fields.Many2one("sms.sms", "Text Message", readonly=True, ondelete="set null")
    note = fields.Char(readonly=True, help="Why it was not sent, or why it is sent again.")

    _sql_constraints = [
        (
            "once_per_interview",
            "UNIQUE(interview_id, kind, channel)",
            "An interview has each follow-up once per channel.",
        ),
    ]

    # ------------------------------------------------------------------
    # Planning the rows
    # ------------------------------------------------------------------

    @api.model
    def _create_for_interviews(self, interviews):
        """The follow-ups of newly scheduled interviews, due as the company says."""
        return self.create([values for iv in interviews for values in self._plan_before(iv)])

    @api.model
    def _plan_before(self, interview):
        """[values] of the follow-ups of an interview until its day ends."""
        company, start = interview.company_id, interview.start
        rows = []
        reminder_due = interview._get_reminder_due()
        if reminder_due:
            rows += self._plan_messages(interview, "reminder", reminder_due)
        if company.invitation_reminder_call or interview.invitation_id.is_key_role:
            due = start - timedelta(minutes=company.invitation_reminder_call_minutes)
            rows.append(self._plan_row(interview, "reminder_call", "activity", due))
        grace = timedelta(minutes=company.invitation_arrival_grace_minutes)
        rows.append(self._plan_row(interview, "not_arrived", "activity", start + grace))
        no_show = timedelta(minutes=company.invitation_no_show_minutes)
        rows.append(self._plan_row(interview, "no_show", "none", start + no_show))
        return rows

    @api.model
    def _plan_messages(self, interview, kind, due):
        """One row per channel the candidate is told by."""
        channels = [
            channel
            for channel, chosen in (
                ("email", interview.notify_by_email),
                ("sms", interview.notify_by_sms),
            )
            if chosen
        ]
        return [self._plan_row(interview, kind, channel, due) for channel in channels]

    @api.model
    def _plan_row(self, interview, kind, channel, due):
        return {"interview_id": interview.id, "kind": kind, "channel": channel, "due_at": due}

    @api.model
    def _create_feedback_requests(self, interviews):
        """The candidates came: ask them, once the interview is over, how the invitation went."""
        return self.create(
            [
                values
                for interview in interviews
                for values in self._plan_messages(interview, "feedback_request", interview.stop)
            ]
        )

    def _cancel_pending(self):
        self.filtered(lambda row: row.state == "pending").write({"state": "cancelled"})

    def _settle_arrival(self):
        """The candidate came (or is a no-show): no more arrival alerts or reminders."""
        self.filtered(
            lambda row: row.kind in ("reminder", "reminder_call", "not_arrived", "no_show")
        )._cancel_pending()

    # ------------------------------------------------------------------
    # The engine: one cron per kind, one batch per call
    # ------------------------------------------------------------------

    @api.model
    def _get_due_domain(self, kinds):
        """Pending rows of ``kinds`` that are due, except those of an interview whose
        candidate asked for another time: they wait for the answer."""
        return [
            ("state", "=", "pending"),
            ("kind", "in", kinds),
            ("due_at", "<=", fields.Datetime.now()),
            ("interview_id.reschedule_requested_at", "=", False),
        ]

    @api.model
    def _cron_process_due(self, kinds, batch_size=CRON_BATCH_SIZE):
        """Handle one batch of the due follow-ups of ``kinds`` (a cron per kind or two)."""
        return self._run_batch(
            self._get_due_domain(kinds), lambda batch: batch._handle(), batch_size
        )

    @api.model
    def _cron_send_interview_reminders(self, batch_size=CRON_BATCH_SIZE):
        """The reminders, and the interview details refused on their way out (sent again)."""
        return self._cron_process_due(["reminder", "invitation"], batch_size)

    @api.model
    def _cron_plan_reminder_calls(self, batch_size=CRON_BATCH_SIZE):
        return self._cron_process_due(["reminder_call"], batch_size)

    @api.model
    def _cron_alert_not_arrived(self, batch_size=CRON_BATCH_SIZE):
        return self._cron_process_due(["not_arrived"], batch_size)

    @api.model
    def _cron_mark_no_shows(self, batch_size=CRON_BATCH_SIZE):
        return self._cron_process_due(["no_show"], batch_size)

    @api.model
    def _cron_send_feedback_requests(self, batch_size=CRON_BATCH_SIZE):
        return self._cron_process_due(["feedback_request"], batch_size)

    @api.model
    def _set_cron_workers_of_followups(self, count):
        """Have ``count`` cron threads handle the due follow-ups at once: ``count`` workers
        for each cron of the engine."""
        for cron_xmlid in FOLLOWUP_CRONS:
            self._set_cron_workers(cron_xmlid, count)

    def _process(self):
        """Handle these rows, those still pending that no other run holds (locked first)."""
        self._lock_pending(SQL("state = 'pending'"))._handle()

    def _handle(self):
        """Handle claimed rows: the ones whose moment has passed are cancelled, the others go
        to their kind's handler, grouped (one rendering per template)."""
        now = fields.Datetime.now()
        rows = self
        checks = self._get_kind_checks()
        live = rows.filtered(lambda row: checks[row.kind](row.interview_id, now))
        (rows - live).write({"state": "cancelled", "processed_at": now})
        handlers = self._get_handlers()
        for (kind, channel), rows in live.grouped(lambda row: (row.kind, row.channel)).items():
            handlers[kind, channel](rows)
        if live.filtered(lambda row: row.channel in ("email", "sms")):
            self._wake_up_outgoing_queues()

    @api.model
    def _get_kind_checks(self):
        """{kind: whether a row of that kind still makes sense for (interview, now)}."""

        def ahead(interview, now):
            return interview.state in UPCOMING_STATES and now < interview.start

        def not_there(interview, now):
            return interview.state in UPCOMING_STATES and not interview.checked_in_at

        def feedback_open(interview, now):
            return interview.state == "attended" and now <= interview.stop + PORTAL_TOKEN_VALIDITY

        return {
            "invitation": ahead,
            "reminder": ahead,
            "reminder_call": ahead,
            "not_arrived": not_there,
            "no_show": not_there,
            "feedback_request": feedback_open,
        }

    def _get_handlers(self):
        """{(kind, channel): what handles its rows}: one entry per kind and channel."""
        return {
            ("invitation", "email"): lambda rows: rows._queue_mails(
                self.env._("Interview details not emailed: the candidate has no email address.")
            ),
            ("invitation", "sms"): lambda rows: rows._queue_texts(
                self.env._("Interview details not texted")
            ),
            ("reminder", "email"): lambda rows: rows._queue_mails(
                self.env._("Email reminder not sent: the candidate has no email address.")
            ),
            ("reminder", "sms"): lambda rows: rows._queue_texts(
                self.env._("Text reminder not sent")
            ),
            ("feedback_request", "email"): lambda rows: rows._queue_mails(
                self.env._("Feedback request not emailed: the candidate has no email.")
            ),
            ("feedback_request", "sms"): lambda rows: rows._queue_texts(
                self.env._("Feedback request not texted")
            ),
            ("reminder_call", "activity"): lambda rows: rows._plan_recruiter_calls(
                ACTIVITY_REMINDER_CALL,
                self.env._("Call %(name)s before the interview: on the way?"),
            ),
            ("not_arrived", "activity"): lambda rows: rows._plan_recruiter_calls(
                ACTIVITY_NOT_ARRIVED, self.env._("Not arrived: call %(name)s now")
            ),
            ("no_show", "none"): lambda rows: rows._mark_no_shows(),
        }

    # ------------------------------------------------------------------
    # Handlers
    # ------------------------------------------------------------------

    def _done(self, state="done", **values):
        self.write(dict(values, state=state, processed_at=fields.Datetime.now()))

    def _fail(self, notes):
        """These rows cannot be delivered (nothing to retry): log ``notes`` {row id: text}."""
        # One note per invitation, logged in one batch (as before the follow-ups were rows).
        self.invitation_id._message_log_batch(
            bodies={row.invitation_id.id: notes[row.id] for row in self}
        )
        for row in self:
            row._done("failed", note=notes[row.id])
        self._tell_when_unreachable()

    def _queue_mails(self, no_email_note):
        """Queue the kind's email to each candidate; without an address, log ``no_email_note``."""
        without_email = self.filtered(lambda row: not row.interview_id.partner_id.email)
        without_email._fail(dict.fromkeys(without_email.ids, no_email_note))
        for kind, rows in (self - without_email).grouped("kind").items():
            template = self.env.ref(MAIL_TEMPLATES[kind])
            by_interview = {row.interview_id.id: row for row in rows}
            mails = rows.interview_id._create_candidate_mails(
                template, with_ics=kind in MAIL_WITH_ICS, followups=by_interview
            )
            for mail in mails:
                mail.invitation_followup_id._queued(mail_id=mail.id)

    def _queue_texts(self, not_sent_label):
        """Queue the kind's text to each candidate; when none can reach one, log why."""
        problems = self.interview_id.invitation_id._get_sms_problems()
        unreachable = self.filtered(lambda row: problems[row.invitation_id.id])
        unreachable._fail(
            {
                row.id: self.env._(
                    "%(what)s: %(problem)s",
                    what=not_sent_label,
                    problem=problems[row.invitation_id.id],
                )
                for row in unreachable
            }
        )
        for kind, rows in (self - unreachable).grouped("kind").items():
            template = self.env.ref(SMS_TEMPLATES[kind])
            by_interview = {row.interview_id.id: row for row in rows}
            texts = rows.interview_id._create_candidate_texts(template, followups=by_interview)
            for sms in texts:
                sms.invitation_followup_id._queued(sms_id=sms.id)

    def _queued(self, **message):
        self._done("queued", attempts=self.attempts + 1, **message)

    def _plan_recruiter_calls(self, activity_xmlid, summary):
        self.interview_id._schedule_recruiter_calls(activity_xmlid, summary)
        self._done()

    def _mark_no_shows(self):
        self.interview_id._mark_no_show()
        self._done()

    @api.model
    def _wake_up_outgoing_queues(self):
        """Have Odoo's email and text queues sent as soon as a cron worker is free."""
        for xmlid in ("mail.ir_cron_mail_scheduler_action", "sms.ir_cron_sms_scheduler_action"):
            self.env.ref(xmlid)._trigger()

    # ------------------------------------------------------------------
    # What became of the queued messages (mail.mail, sms.sms)
    # ------------------------------------------------------------------

    def _delivered(self):
        self.filtered(lambda row: row.state == "queued").write({"state": "done"})

    def _undeliverable(self, reason):
        """The candidate's address or number cannot be reached: nothing to retry."""
        failed = self.filtered(lambda row: row.state == "queued")
        failed._done("failed", note=reason)
        failed._tell_when_unreachable()

    def _tell_when_unreachable(self):
        """The interview's details reached the candidate by no channel: their recruiter gets
        an activity to call them (the invitation's note says what failed)."""
        failed = self.filtered(lambda row: row.kind == "invitation" and row.state == "failed")
        for interview in failed.interview_id:
            rows = interview.followup_ids.filtered(lambda row: row.kind == "invitation")
            if all(row.state in ("failed", "cancelled") for row in rows):
                interview._ask_recruiter_to_reach_candidate(rows)

    def _requeue(self, reason):
        """The message was refused on its way out, for a reason sending again may cure: the
        row is pending again, and the next run queues a new message."""
        for row in self.filtered(lambda row: row.state == "queued"):
            row.write({"state": "pending", "note": reason, "mail_id": False, "sms_id": False})
            _logger.warning(
                "Interview follow-up %s (%s, %s) of invitation %s refused on its way out, "
                "queued again at the next run: %s",
                row.id,
                row.kind,
                row.channel,
                row.invitation_id.id,
                reason,
            )
            row.invitation_id._message_log(
                body=self.env._(
                    "A message to the candidate was refused on its way out (%(reason)s): it "
                    "will be sent again.",
                    reason=reason,
                )
            )
