"""The invitation in Odoo's recruitment pipeline: the application's stage follows the interview
(forward only), the interviewers chosen when scheduling are the application's, a candidate's
decline asks the recruiter to refuse the application in one click, what the call heard fills
the application's own fields, and an invitation accepted without an interview reminds its
recruiter after one working day ("To Schedule")."""

from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hr_recruitment_invitation.tools.utc import local_date

# The application's stage an interview moves it to, per kind of moment (res.company).
STAGE_MOMENTS = ("invited", "confirmed")
REFUSED_BY_APPLICANT = "hr_recruitment.refuse_reason_2"
ACTIVITY_REFUSE_APPLICATION = "hr_recruitment_invitation.mail_activity_type_refuse_application"
ACTIVITY_SCHEDULE_INTERVIEW = "hr_recruitment_invitation.mail_activity_type_schedule_interview"
TO_SCHEDULE_BATCH_SIZE = 200
# Without a working schedule, a working day is this many hours.
DEFAULT_WORKING_DAY_HOURS = 8


class HrInvitationPipeline(models.AbstractModel):
    _name = "hr.invitation.pipeline"
    _description = "Invitation in the Recruitment Pipeline"

    @api.depends("state", "interview_id")
    def _compute_schedule_reminder_due(self):
        now = fields.Datetime.now()
        for invitation in self:
            if invitation.state != "invited" or invitation.interview_id:
                invitation.schedule_reminder_due = False
            elif not invitation.schedule_reminder_due:
                invitation.schedule_reminder_due = invitation._get_working_day_after(now)

    def _get_working_day_after(self, start):
        """``start`` plus one working day of the company's working schedule, holidays skipped."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id
        hours = calendar.hours_per_day or DEFAULT_WORKING_DAY_HOURS
        due = calendar and calendar.plan_hours(hours, start, compute_leaves=True)
        return due or start + timedelta(days=1)

    # ------------------------------------------------------------------
    # Stages (forward only)
    # ------------------------------------------------------------------

    def _advance_application_stage(self, moment, round_):
        """Move each application to the stage of ``moment`` (STAGE_MOMENTS) for the interview
        round ``round_``, unless it is further in the pipeline already."""
        for invitation in self:
            stage = invitation.company_id._get_invitation_stage(moment, round_)
            invitation.applicant_id._advance_to_stage(stage)

    # ------------------------------------------------------------------
    # Interviewers, and what the call heard
    # ------------------------------------------------------------------

    def _add_application_interviewers(self, users):
        """The interviewers of an interview are the application's interviewers too."""
        self.ensure_one()
        missing = users - self.applicant_id.interviewer_ids
        if missing:
            self.applicant_id.write(
                {"interviewer_ids": [Command.link(user.id) for user in missing]}
            )

    def _record_call_answers(self, salary_expected, availability):
        """The salary expectation and availability heard on the call, on the application
        (whoever made the call: senior HR who steps in is not a recruiter, and the salary
        fields are recruiters' only)."""
        self.ensure_one()
        applicant = self.applicant_id.sudo()
        values = {}
        if salary_expected and salary_expected != applicant.salary_expected:
            values["salary_expected"] = salary_expected
        if availability and availability != applicant.availability:
            values["availability"] = availability
        if values:
            applicant.write(values)

    # ------------------------------------------------------------------
    # A candidate's decline: refuse the application in one click
    # ------------------------------------------------------------------

    def _ask_to_refuse_application(self, reason=None):
        """The candidate declined: their recruiter gets an activity to refuse the application
        with Odoo's "Refused by applicant" reason (Refuse the Application on the invitation)."""
        values = {}
        for invitation in self.filtered("applicant_active"):
            recruiter = invitation._get_recruiter()
            env = invitation.with_context(lang=recruiter.lang).env
            note = env._(
                "The candidate declined the interview. Refuse the Application, on the "
                "invitation, refuses it as refused by the applicant; no email is sent."
            )
            values[invitation.id] = {
                "user_id": recruiter.id,
                "date_deadline": local_date(fields.Datetime.now(), recruiter.tz),
                "summary": env._(
                    "Refuse the application of %(name)s", name=invitation.candidate_id.display_name
                ),
                "note": Markup("<p>%s</p>") % note
                + (Markup("<p>%s</p>") % reason if reason else ""),
            }
        invitations = self.browse(list(values))
        return invitations._set_activities(ACTIVITY_REFUSE_APPLICATION, values)

    def action_refuse_application(self):
        """Refuse the applications of these declined invitations with Odoo's "Refused by
        applicant" reason; the candidate gets no email (they declined)."""
        if any(invitation.state != "declined" for invitation in self):
            raise UserError(
                self.env._("Only the application of a candidate who declined is refused here.")
            )
        reason = self.env.ref(REFUSED_BY_APPLICANT)
        self._get_activities(ACTIVITY_REFUSE_APPLICATION).action_feedback(
            feedback=self.env._("Application refused: %(reason)s", reason=reason.name)
        )
        self.applicant_id.filtered("active").write(
            {"refuse_reason_id": reason.id, "active": False, "refuse_date": fields.Datetime.now()}
        )
        return True

    # ------------------------------------------------------------------
    # To Schedule: accepted on the phone, no interview yet
    # ------------------------------------------------------------------

    @api.model
    def _cron_remind_to_schedule(self, batch_size=TO_SCHEDULE_BATCH_SIZE):
        """A to-do for the recruiter of each invitation accepted one working day ago and still
        without an interview."""
        domain = [
            ("state", "=", "invited"),
            ("interview_id", "=", False),
            ("schedule_reminder_due", "<=", fields.Datetime.now()),
        ]
        return self._run_batch(domain, lambda batch: batch._remind_to_schedule(), batch_size)

    def _remind_to_schedule(self):
        values = {}
        for invitation in self:
            recruiter = invitation._get_recruiter()
            values[invitation.id] = {
                "user_id": recruiter.id,
                "date_deadline": local_date(fields.Datetime.now(), recruiter.tz),
                "summary": invitation.with_context(lang=recruiter.lang).env._(
                    "Schedule the interview of %(name)s", name=invitation.candidate_id.display_name
                ),
            }
        self._set_activities(ACTIVITY_SCHEDULE_INTERVIEW, values)
        self.schedule_reminder_due = False

    def _on_interview_scheduled(self, interviewers):
        """An interview is scheduled: its interviewers join the application, nothing is left
        to schedule."""
        self.ensure_one()
        self._add_application_interviewers(interviewers)
        self.activity_unlink([ACTIVITY_SCHEDULE_INTERVIEW])
