from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common import CallScriptCase, InterviewCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"
FRIDAY_MORNING = "2026-01-16 10:00:00"


@tagged("post_install", "-at_install")
class TestConcerns(CallScriptCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant = cls._create_applicant("Camille Laurent", "+33 6 12 34 56 78", "employed")
        cls.invitation = cls.env["hr.invitation"].create({"applicant_id": cls.applicant.id})
        cls.follow_up_type = cls.env.ref(
            "hr_recruitment_invitation.mail_activity_type_concern_follow_up"
        )

    def _raise(self, topic, state="unresolved", note="Asks how overtime is counted"):
        return (
            self.env["hr.invitation.concern"]
            .with_user(self.recruiter)
            .create(
                {
                    "invitation_id": self.invitation.id,
                    "topic_id": topic.id,
                    "state": state,
                    "note": note,
                }
            )
        )

    def _set_interview(self, start):
        self.invitation.interview_id = self.env["hr.invitation.interview"].create(
            {
                "invitation_id": self.invitation.id,
                "start": start,
                "stop": start.replace(hour=start.hour + 1),
            }
        )

    def _follow_ups(self):
        return self.invitation.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.follow_up_type
        )

    # ------------------------------------------------------------------
    # Follow-up deadlines
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_unresolved_concern_without_interview_is_due_in_two_working_days(self):
        concern = self._raise(self.overtime)
        activity = concern.follow_up_activity_id
        self.assertEqual(activity, self._follow_ups())
        self.assertEqual(activity.date_deadline, date(2026, 1, 16), "Wednesday + 2 = Friday")
        self.assertEqual(activity.user_id, self.topic_owner)
        self.assertIn("Is overtime paid?", activity.summary)
        self.assertIn("Asks how overtime is counted", activity.note)

    @freeze_time(FRIDAY_MORNING)
    def test_working_days_skip_the_weekend_and_public_holidays(self):
        self.assertEqual(self._raise(self.overtime).follow_up_deadline, date(2026, 1, 20))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company holiday",
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
                "date_from": datetime(2026, 1, 18, 23, 0),  # Monday in Brussels
                "date_to": datetime(2026, 1, 19, 22, 59),
            }
        )
        self.assertEqual(self._raise(self.reviews).follow_up_deadline, date(2026, 1, 21))

    @freeze_time(WEDNESDAY_MORNING)
    def test_unresolved_concern_is_due_the_day_before_the_interview(self):
        self._set_interview(datetime(2026, 1, 23, 9, 0))
        concern = self._raise(self.overtime)
        self.assertEqual(concern.follow_up_deadline, date(2026, 1, 22))
        self.assertEqual(concern.follow_up_user_id, self.topic_owner)

    @freeze_time(WEDNESDAY_MORNING)
    def test_interview_later_today_makes_the_follow_up_due_today_not_in_the_past(self):
        self._set_interview(datetime(2026, 1, 14, 15, 0))
        self.assertEqual(self._raise(self.overtime).follow_up_deadline, date(2026, 1, 14))

    @freeze_time(WEDNESDAY_MORNING)
    def test_topic_without_owner_is_followed_up_by_the_recruiter(self):
        self.invitation.user_id = self.recruiter
        self.reviews.owner_id = False
        self.assertEqual(self._raise(self.reviews).follow_up_user_id, self.recruiter)

    @freeze_time(WEDNESDAY_MORNING)
    def test_answered_concern_needs_no_follow_up_and_answering_closes_it(self):
        answered = self._raise(self.reviews, state="answered")
        self.assertFalse(answered.follow_up_activity_id)
        self.assertFalse(self._follow_ups())
        concern = self._raise(self.overtime)
        self.assertTrue(self._follow_ups())
        concern.state = "answered"
        self.assertFalse(self._follow_ups())
        done = self.env["mail.message"].search(
            [
                ("model", "=", "hr.invitation"),
                ("res_id", "=", self.invitation.id),
                ("mail_activity_type_id", "=", self.follow_up_type.id),
            ]
        )
        self.assertIn("Concern answered.", done.body)
        concern.state = "unresolved"
        self.assertEqual(len(self._follow_ups()), 1, "unresolved again: a new follow-up")

    # ------------------------------------------------------------------
    # The checklist during the call
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_recruiter_ticks_topics_and_marks_one_unresolved(self):
        self.overtime.last_reviewed_on = date(2026, 1, 2)
        self.reviews.last_reviewed_on = date(2025, 6, 1)
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="interested")
        self._go_to(script, "recommend")
        with Form(script) as form:
            form.topic_ids.add(self.overtime)
            form.topic_ids.add(self.reviews)
            form.topic_ids.add(self.env.ref("hr_recruitment_invitation.concern_topic_salary"))
            self.assertEqual(len(form.concern_line_ids), 3)
            form.topic_ids.remove(
                id=self.env.ref("hr_recruitment_invitation.concern_topic_salary").id
            )
            self.assertEqual(len(form.concern_line_ids), 2)
            self.assertIn("Overtime is agreed in advance", form.concern_answers)
            self.assertEqual(form.concern_answers.count("Not reviewed for six months"), 1)
            with form.concern_line_ids.edit(0) as line:
                self.assertEqual(line.topic_id, self.overtime)
                self.assertEqual(line.state, "raised", "ticked, not answered yet")
                line.state = "unresolved"
                line.note = "Weekend work in peak season?"
            with form.concern_line_ids.edit(1) as line:
                line.state = "answered"
        self.assertTrue(
            script.concern_summary.startswith("Answered: 1, unresolved: 1, not answered yet: 0"),
            script.concern_summary,
        )
        self._go_to(script, "analysis", outcome="invited")
        script.action_finish_call()

        concerns = self.invitation.concern_ids
        self.assertEqual(concerns.topic_id, self.overtime | self.reviews)
        self.assertEqual(concerns.call_id, script.call_id)
        unresolved = concerns.filtered(lambda concern: concern.state == "unresolved")
        self.assertEqual(unresolved.topic_id, self.overtime)
        self.assertEqual(unresolved.note, "Weekend work in peak season?")
        self.assertEqual(self._follow_ups().user_id, self.topic_owner)
        self.assertEqual(self._follow_ups().date_deadline, date(2026, 1, 16))

    @freeze_time(WEDNESDAY_MORNING)
    def test_a_concern_left_raised_when_the_call_ends_is_unresolved(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="interested")
        self._go_to(script, "recommend")
        with Form(script) as form:
            form.topic_ids.add(self.overtime)
        self.assertIn("not answered yet: 1", script.concern_summary)
        self._go_to(script, "analysis", outcome="invited")
        script.action_finish_call()
        self.assertEqual(self.invitation.concern_ids.state, "unresolved")
        self.assertEqual(self._follow_ups().user_id, self.topic_owner)

    def test_concerns_are_counted_on_the_invitation_and_the_candidate(self):
        self._raise(self.overtime)
        self._raise(self.reviews, state="answered")
        other_job = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78", "employed")
        other_job.candidate_id = self.applicant.candidate_id
        other = self.env["hr.invitation"].create({"applicant_id": other_job.id})
        self.env["hr.invitation.concern"].create(
            {"invitation_id": other.id, "topic_id": self.overtime.id}
        )
        self.assertEqual(self.invitation.concern_count, 2)
        candidate = self.applicant.candidate_id
        self.assertEqual(candidate.invitation_concern_count, 3)
        action = candidate.action_open_invitation_concerns()
        self.assertEqual(
            self.env["hr.invitation.concern"].search(action["domain"]),
            candidate.invitation_concern_ids,
        )


@tagged("post_install", "-at_install")
class TestConcernFollowUpBeforeInterview(InterviewCase):
    @freeze_time(InterviewCase.NOW)
    def test_scheduling_or_moving_the_interview_moves_the_follow_up_before_it(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.com"
        )
        concern = (
            self.env["hr.invitation.concern"]
            .with_user(self.recruiter)
            .create(
                {
                    "invitation_id": invitation.id,
                    "topic_id": self.env.ref("hr_recruitment_invitation.concern_topic_commute").id,
                    "state": "unresolved",
                }
            )
        )
        self.assertEqual(concern.follow_up_deadline, date(2026, 1, 16), "no interview yet")
        self._schedule(invitation, notify_by_sms=False)  # Thursday 2026-01-15 09:00 UTC
        self.assertEqual(concern.follow_up_deadline, date(2026, 1, 14), "today, not in the past")
        invitation.event_id.write(
            {"start": datetime(2026, 1, 22, 9, 0), "stop": datetime(2026, 1, 22, 10, 0)}
        )
        self.assertEqual(concern.follow_up_deadline, date(2026, 1, 21))
