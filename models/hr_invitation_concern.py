from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.hr_recruitment_invitation.tools.utc import local_date

FOLLOW_UP_WORKING_DAYS = 2


class HrInvitationConcern(models.Model):
    _name = "hr.invitation.concern"
    _description = "Concern Raised by a Candidate"
    _order = "id desc"
    _check_company_auto = True

    invitation_id = fields.Many2one(
        "hr.invitation", required=True, index=True, ondelete="cascade", check_company=True
    )
    call_id = fields.Many2one(
        "hr.invitation.call", "Raised During", ondelete="set null", index="btree_not_null"
    )
    topic_id = fields.Many2one(
        "hr.invitation.concern.topic", required=True, ondelete="restrict", index=True
    )
    category = fields.Selection(related="topic_id.category", store=True)
    asks_question = fields.Boolean(related="topic_id.asks_question")
    state = fields.Selection(
        [("answered", "Answered"), ("unresolved", "Unresolved")],
        required=True,
        default="answered",
        index=True,
    )
    note = fields.Text()
    question = fields.Char(
        "The Candidate's Question",
        help="For a question outside the list (the Other topic): in the candidate's words.",
    )
    # The answer given after the call to a concern left unresolved on it.
    answered_at = fields.Datetime("Answered On", readonly=True)
    answered_by_id = fields.Many2one("res.users", readonly=True)
    answer_channel = fields.Selection(
        [("call", "Call"), ("email", "Email"), ("interview", "At the interview")],
        "Answered Through",
    )
    later_answer = fields.Text("Answer Given", help="What the candidate was told, and when.")
    company_id = fields.Many2one(related="invitation_id.company_id", store=True, index=True)
    candidate_id = fields.Many2one(related="invitation_id.candidate_id", store=True, index=True)
    job_id = fields.Many2one(related="invitation_id.job_id", store=True)
    user_id = fields.Many2one(related="invitation_id.user_id", store=True, string="Recruiter")
    follow_up_activity_id = fields.Many2one(
        "mail.activity",
        "Follow-up",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The to-do of the topic's owner to answer this concern before the interview.",
    )
    follow_up_deadline = fields.Date(related="follow_up_activity_id.date_deadline")
    follow_up_user_id = fields.Many2one(
        related="follow_up_activity_id.user_id", string="Follow-up By"
    )

    @api.model_create_multi
    def create(self, vals_list):
        concerns = super().create(vals_list)
        concerns.filtered(lambda concern: concern.state == "unresolved")._schedule_follow_up()
        return concerns

    @api.constrains("topic_id", "question")
    def _check_other_question(self):
        for concern in self:
            if concern.asks_question and not concern.question:
                raise ValidationError(
                    self.env._("Type the candidate's question: it is not one of the list.")
                )

    def _get_question(self):
        """The question as the candidate asked it: theirs for the Other topic, else the topic's."""
        self.ensure_one()
        return self.question or self.topic_id.question

    def write(self, vals):
        if vals.get("state") == "answered":
            answered_later = self.filtered(lambda concern: concern.state == "unresolved")
            answered_later._record_later_answer()
        result = super().write(vals)
        if vals.get("state") == "unresolved":
            self.filtered(lambda concern: not concern.follow_up_activity_id)._schedule_follow_up()
        elif vals.get("state") == "answered":
            self._close_follow_up()
        return result

    def _schedule_follow_up(self):
        """Give the owner of each unresolved concern's topic a to-do to answer it in time."""
        for concern in self:
            concern.follow_up_activity_id = concern.invitation_id.activity_schedule(
                "hr_recruitment_invitation.mail_activity_type_concern_follow_up",
                date_deadline=concern._get_follow_up_deadline(),
                summary=self.env._(
                    "Answer %(candidate)s: %(question)s",
                    candidate=concern.candidate_id.display_name,
                    question=concern._get_question(),
                ),
                note=concern.note,
                user_id=concern._get_follow_up_user().id,
            )

    def _get_follow_up_user(self):
        self.ensure_one()
        return self.topic_id.owner_id or self.invitation_id._get_recruiter()

    def _get_follow_up_deadline(self):
        """The day before the interview when there is one, else within two working days."""
        self.ensure_one()
        now = fields.Datetime.now()
        invitation = self.invitation_id
        if invitation.interview_start:
            tz = self._get_follow_up_user().tz or invitation.company_id.resource_calendar_id.tz
            day_before = local_date(invitation.interview_start, tz) - timedelta(days=1)
            return max(day_before, local_date(now, tz))
        calendar = invitation.company_id.resource_calendar_id
        if not calendar:
            return local_date(now, None) + timedelta(days=FOLLOW_UP_WORKING_DAYS)
        return calendar._get_invitation_working_day_deadline(FOLLOW_UP_WORKING_DAYS, now)

    def _move_follow_up_deadline(self):
        """The interview was set or moved: the open follow-ups are due the day before it."""
        for concern in self.filtered("follow_up_activity_id"):
            concern.follow_up_activity_id.date_deadline = concern._get_follow_up_deadline()

    def _record_later_answer(self):
        """An unresolved concern gets its answer after the call: who, when."""
        self.write({"answered_at": fields.Datetime.now(), "answered_by_id": self.env.uid})

    def _close_follow_up(self):
        activities = self.follow_up_activity_id
        if activities:
            activities.action_feedback(feedback=self.env._("Concern answered."))
