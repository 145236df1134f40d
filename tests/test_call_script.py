from datetime import datetime

from babel import dates as babel_dates
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import CallScriptCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"  # UTC; the Paris evening window starts at 18:00 UTC
STEPS = [
    "preparation",
    "introduction",
    "understand",
    "suitability",
    "recommend",
    "conclusion",
    "analysis",
]


@tagged("post_install", "-at_install")
class TestCallScript(CallScriptCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.applicant = cls._create_applicant(
            "Camille Laurent", "+33 6 12 34 56 78", "employed", current_employer="Havas Paris"
        )
        cls.applicant.source_id = cls.linkedin
        cls.candidate = cls.applicant.candidate_id
        cls.candidate.experience_ids = [
            Command.create({"company_name": name, "title": title, "date_start": start})
            for name, title, start in (
                ("Havas Paris", "Marketing Planner", "2021-03-01"),
                ("Publicis", "Junior Planner", "2018-09-01"),
                ("Ogilvy", "Intern", "2017-01-01"),
                ("Bakery", "Sales Assistant", "2015-06-01"),
            )
        ]

    def _messages(self, invitation, text):
        return (
            self.env["mail.message"]
            .search([("model", "=", "hr.invitation"), ("res_id", "=", invitation.id)])
            .filtered(lambda message: text in message.body)
        )

    # ------------------------------------------------------------------
    # Opening the script and moving through it
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_start_call_opens_the_script_of_the_running_call(self):
        script = self._start_script(self.applicant)
        invitation = self.applicant.invitation_ids
        self.assertEqual(script.call_id, invitation.running_call_id)
        self.assertTrue(script.call_id.started_at, "Start Call starts the call timer")
        self.assertEqual(script.step, "preparation")
        # Going back to the running call reopens the same script, answers included.
        again = invitation.with_user(self.recruiter).action_start_call()
        self.assertEqual(again["res_id"], script.id)
        self.assertEqual(len(invitation.call_ids), 1, "one call, resumed")
        self.assertEqual(invitation.call_count, 0, "counted once it ends")

    @freeze_time(WEDNESDAY_MORNING)
    def test_start_call_from_the_application(self):
        action = self.applicant.with_user(self.recruiter).action_start_invitation_call()
        script = self.env["hr.invitation.call.script"].browse(action["res_id"])
        self.assertEqual(action["target"], "new")
        self.assertEqual(script.invitation_id.applicant_id, self.applicant)
        self.assertEqual(script.invitation_id.state, "calling")

    @freeze_time(WEDNESDAY_MORNING)
    def test_seven_steps_with_back_and_next(self):
        script = self._start_script(self.applicant)
        visited = [script.step]
        while script.step != "analysis":
            action = script.action_next_step()
            visited.append(script.step)
        self.assertEqual(visited, STEPS)
        self.assertEqual(action["res_id"], script.id)
        script.action_next_step()
        self.assertEqual(script.step, "analysis", "there is no step after the analysis")
        script.action_previous_step()
        self.assertEqual(script.step, "conclusion")
        while script.step != "preparation":
            script.action_previous_step()
        script.action_previous_step()
        self.assertEqual(script.step, "preparation")

    @freeze_time(WEDNESDAY_MORNING)
    def test_preparation_brief_from_the_resume(self):
        earlier = self.env["hr.invitation"].create({"applicant_id": self.applicant.id})
        self.env["hr.invitation.concern"].create(
            {"invitation_id": earlier.id, "topic_id": self.reviews.id, "note": "Glassdoor"}
        )
        earlier.action_cancel()
        script = self._start_script(self.applicant)
        self.assertEqual(script.job_id, self.job)
        self.assertEqual(script.employment_status, "employed")
        self.assertEqual(script.current_employer, "Havas Paris")
        self.assertEqual(script.sourcing_channel, "applied")
        self.assertEqual(script.source_id, self.linkedin)
        self.assertEqual(script.candidate_location, "Europe/Paris")
        self.assertEqual(
            script.recent_experience_ids.mapped("company_name"),
            ["Havas Paris", "Publicis", "Ogilvy"],
            "the last three positions, the latest first",
        )
        self.assertEqual(script.previous_concern_ids.topic_id, self.reviews)

    # ------------------------------------------------------------------
    # What the caller says
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_opening_for_a_candidate_who_applied(self):
        script = self._start_script(self.applicant)
        # the date the recruiter reads, in their zone (late in the UTC evening it is tomorrow)
        applied_on = fields.Datetime.context_timestamp(script, self.applicant.create_date)
        # read aloud: in words (Saturday, December 5, 2026), not 12/05/2026
        applied_on = babel_dates.format_date(applied_on, "full", locale="en_US")
        self.assertIn("This is Ava Martens, recruiter at ", script.opening)
        self.assertIn("Invitation Test Company International SA", script.opening)
        self.assertIn(
            f"You applied for the Marketing Planning Specialist position on {applied_on} "
            "through LinkedIn",
            script.opening,
        )
        self.assertNotIn("We found your profile", script.opening)

    @freeze_time(WEDNESDAY_MORNING)
    def test_opening_for_a_sourced_candidate(self):
        self.applicant.write(
            {
                "sourcing_channel": "sourced",
                "source_id": self.env.ref("utm.utm_source_search_engine").id,
            }
        )
        script = self._start_script(self.applicant)
        self.assertIn("We found your profile on Search engine", script.opening)
        self.assertIn("Marketing Planning Specialist", script.opening)
        self.assertNotIn("You applied", script.opening)

    @freeze_time(WEDNESDAY_MORNING)
    def test_salary_step_with_a_range(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "recommend")
        self.assertIn("3,800.00", script.salary_text)
        self.assertIn("4,800.00", script.salary_text)
        self.assertIn("the final pay is set after the interview", script.salary_text)
        self.assertIn("We make planning software", script.company_intro)
        self.assertIn("Marketing Planning Specialist", script.position_summary)
        self.assertTrue(script.benefits_text)

    @freeze_time(WEDNESDAY_MORNING)
    def test_salary_step_without_a_range(self):
        self.job.invitation_salary_max = 0
        script = self._start_script(self.applicant)
        self._go_to(script, "recommend")
        self.assertFalse(script.salary_text, "no range, nothing to say about the salary")
        self.assertTrue(script.position_summary)

    @freeze_time(WEDNESDAY_MORNING)
    def test_job_company_introduction_overrides_the_company_one(self):
        self.job.invitation_company_intro = "<p>The marketing team is 12 people.</p>"
        script = self._start_script(self.applicant)
        self.assertIn("The marketing team is 12 people.", script.company_intro)
        self.assertNotIn("planning software", script.company_intro)

    @freeze_time(WEDNESDAY_MORNING)
    def test_job_script_template_is_used_before_the_default_one(self):
        self.job.invitation_script_template_id = self.env["hr.invitation.script.template"].create(
            {
                "name": "Marketing",
                "opening_applied": "Hi {{ object.candidate_id.partner_name }}, marketing here.",
            }
        )
        script = self._start_script(self.applicant)
        self.assertEqual(script.opening, "Hi Camille Laurent, marketing here.")

    @freeze_time(WEDNESDAY_MORNING)
    def test_candidate_language_is_used_when_the_script_is_translated(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("nl_NL")
        template = self.env.ref("hr_recruitment_invitation.hr_invitation_script_template_default")
        template.update_field_translations(
            "opening_applied",
            {"fr_FR": "Bonjour {{ object.candidate_id.partner_name }}, ici {{ user.name }}."},
        )
        self.job.invitation_question_ids[0].update_field_translations(
            "name", {"fr_FR": "Quel est votre préavis ?"}
        )
        self.overtime.update_field_translations(
            "answer",
            {
                "fr_FR": {
                    self.overtime.answer.striptags(): "Oui, les heures supplémentaires sont payées."
                }
            },
        )
        self.candidate.partner_id = self.env["res.partner"].create(
            {"name": "Camille Laurent", "lang": "fr_FR"}
        )
        script = self._start_script(self.applicant)
        self.assertEqual(script.script_lang, "fr_FR")
        self.assertEqual(script.opening, "Bonjour Camille Laurent, ici Ava Martens.")
        self.assertEqual(script.question_line_ids[0].name, "Quel est votre préavis ?")
        self._go_to(script, "recommend")
        with Form(script) as form:
            form.topic_ids.add(self.overtime)
        self.assertIn("les heures supplémentaires sont payées", script.concern_answers)
        # A text the template does not translate is read from its English source.
        self.assertIn("the final pay is set after the interview", script.salary_text)

        other = self._create_applicant("Daan de Vries", "+31 6 12345678", "employed")
        other.candidate_id.partner_id = self.env["res.partner"].create(
            {"name": "Daan de Vries", "lang": "nl_NL"}
        )
        dutch = self._start_script(other)
        self.assertEqual(dutch.script_lang, "nl_NL")
        self.assertIn("You applied for the Marketing Planning Specialist position", dutch.opening)
        # A French number and no contact language: the script in French, not in the
        # caller's English.
        french = self._create_applicant("Louise Martin", "+33 6 98 76 54 32", "employed")
        self.assertFalse(french.candidate_id.partner_id.lang)
        self.assertEqual(self._start_script(french).script_lang, "fr_FR")

    @freeze_time(WEDNESDAY_MORNING)
    def test_interest_level_adapts_the_advice_and_the_close(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="indifferent")
        self.assertIn("sounds indifferent", script.interest_hint)
        self._go_to(script, "conclusion", outcome="declined")
        self.assertIn("I will keep it short", script.closing_text)
        self.assertFalse(script.company_details)

        self._fill(script, interest_level="proactive", outcome="invited")
        self.assertIn("tell more about the company", script.interest_hint)
        self.assertIn("Teams of six own their projects.", script.company_details)
        self.assertIn("I am glad you will come and meet us", script.closing_text)

    @freeze_time(WEDNESDAY_MORNING)
    def test_close_follows_the_outcome(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "conclusion", interest_level="neutral")
        closes = {}
        for outcome in ("invited", "callback", "declined", "not_suitable"):
            self._fill(script, outcome=outcome)
            closes[outcome] = script.closing_text
        self.assertIn("glad you will come and meet us", closes["invited"])
        self.assertIn("call you back at the time we agreed", closes["callback"])
        self.assertIn("thank you for taking the time", closes["declined"])
        self.assertIn("review your application", closes["not_suitable"])

    # ------------------------------------------------------------------
    # Outcomes
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_invited_records_everything_in_one_chatter_message(self):
        script = self._start_script(self.applicant)
        invitation = script.invitation_id
        self._go_to(script, "introduction", interest_level="interested")
        self._go_to(script, "understand")
        with Form(script) as form, form.question_line_ids.edit(0) as line:
            line.answer = "One month"
        self._go_to(script, "suitability")
        with Form(script) as form:
            with form.requirement_line_ids.edit(0) as line:
                line.match = "yes"
            with form.requirement_line_ids.edit(1) as line:
                line.match = "partly"
                line.note = "Reads it well, speaks a little"
        self._go_to(script, "analysis", outcome="invited", screening_note="Strong planner")
        self.assertEqual(
            script.requirement_summary,
            "Met: 1, partly: 1, not met: 0, not checked: 0 (requirements: 2)",
        )
        action = script.action_finish_call()

        self.assertEqual(action["res_model"], "hr.invitation.schedule", "scheduling comes next")
        call = script.call_id
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(call.outcome, "invited")
        self.assertEqual(call.interest_level, "interested")
        self.assertTrue(call.ended_at)
        summary = self._messages(invitation, "Call: Invited to interview")
        self.assertEqual(len(summary), 1, "one structured message, not one per field")
        for text in (
            "interest: Interested",
            "How much notice do you have to give?: One month",
            "Plans multi-channel campaigns: Meets it",
            "Fluent in French: Partly (Reads it well, speaks a little)",
            "Screening:",
            "Strong planner",
        ):
            self.assertIn(text, summary.body)
        self.assertEqual(len(self._messages(invitation, "One month")), 1)
        self.assertIn("One month", call.note)

    @freeze_time(WEDNESDAY_MORNING)
    def test_callback_plans_the_window_the_candidate_picked(self):
        script = self._start_script(self.applicant)
        invitation = script.invitation_id
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="callback")
        windows = script.callback_window_ids
        self.assertEqual(
            windows.mapped("start"),
            [datetime(2026, 1, 14, 18), datetime(2026, 1, 15, 18), datetime(2026, 1, 16, 18)],
            "the next three Paris evenings, as the planner offers them",
        )
        self.assertEqual(script.callback_window_id, windows[0])
        self.assertIn("(Central European", windows[1].display_name, "the candidate's own time")
        self._fill(script, callback_window_id=windows[1])
        script.action_finish_call()

        self.assertEqual(invitation.state, "calling")
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 15, 18))
        self.assertEqual(invitation.next_call_window, "evening")
        self.assertEqual(script.call_id.callback_at, datetime(2026, 1, 15, 18))
        self.assertEqual(invitation.activity_ids.date_deadline.isoformat(), "2026-01-15")
        self.assertIn("Call back:", self._messages(invitation, "Call: Call back later").body)

    @freeze_time(WEDNESDAY_MORNING)
    def test_callback_at_a_window_that_is_over_changes_nothing(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="callback")
        self.assertEqual(script.callback_window_id.end, datetime(2026, 1, 14, 20))
        with freeze_time("2026-01-14 20:30:00"), self.assertRaisesRegex(UserError, "is over"):
            script.action_finish_call()
        self.assertTrue(script.call_id.is_running)
        self.assertEqual(script.invitation_id.next_call_at, datetime(2026, 1, 14, 18))

    @freeze_time("2026-01-14 18:30:00")
    def test_a_window_that_has_started_is_not_offered_as_a_call_back(self):
        """At 19:30 in Paris the evening window is open: calling back 'now' is no call back."""
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="callback")
        self.assertEqual(script.callback_window_ids[:1].start, datetime(2026, 1, 15, 18))
        self.assertEqual(len(script.callback_window_ids), 3)

    @freeze_time(WEDNESDAY_MORNING)
    def test_callback_at_the_time_the_candidate_gave(self):
        """Lukas says 'Saturday at ten': the recruiter types it; it is planned as a weekend
        call at that time, not at the planner's next window."""
        script = self._start_script(self.applicant)
        invitation = script.invitation_id
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="callback")
        self._fill(script, callback_at=datetime(2026, 1, 17, 9))
        self.assertIn("10:00", script.callback_at_for_candidate, "10:00 in Paris")
        script.action_finish_call()

        self.assertEqual(script.call_id.callback_at, datetime(2026, 1, 17, 9))
        self.assertEqual(script.call_id.callback_window, "weekend")
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 17, 9))
        self.assertIn("Call back:", self._messages(invitation, "Call: Call back later").body)

    @freeze_time(WEDNESDAY_MORNING)
    def test_callback_in_the_quiet_hours_or_past_is_refused_and_changes_nothing(self):
        script = self._start_script(self.applicant)
        invitation = script.invitation_id
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="callback")
        for typed, error in (
            (datetime(2026, 1, 14, 21, 30), "quiet hours"),  # 22:30 in Paris
            (datetime(2026, 1, 14, 9), "past"),
        ):
            self._fill(script, callback_at=typed)
            with self.assertRaisesRegex(UserError, error):
                script.action_finish_call()
            self.assertTrue(script.call_id.is_running)
            self.assertFalse(script.call_id.callback_at)
            self.assertFalse(invitation.concern_ids)

    @freeze_time(WEDNESDAY_MORNING)
    def test_not_suitable_opens_the_refuse_reasons(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="neutral")
        self._go_to(script, "analysis", outcome="not_suitable")
        action = script.action_finish_call()
        self.assertEqual(action["res_model"], "applicant.get.refuse.reason")
        self.assertEqual(action["context"]["default_applicant_ids"], self.applicant.ids)
        self.assertEqual(script.invitation_id.state, "cancelled")

    @freeze_time(WEDNESDAY_MORNING)
    def test_declined_by_the_candidate(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "introduction", interest_level="indifferent")
        self._go_to(script, "analysis", outcome="declined")
        script.action_finish_call()
        self.assertEqual(script.invitation_id.state, "declined")
        self.assertEqual(script.call_id.interest_level, "indifferent")

    @freeze_time(WEDNESDAY_MORNING)
    def test_no_answer_ends_the_call_at_once_and_retries_another_window(self):
        script = self._start_script(self.applicant)
        invitation = script.invitation_id
        self.assertEqual(invitation.next_call_window, "evening")
        script.action_no_answer()
        self.assertEqual(script.call_id.outcome, "no_answer")
        self.assertFalse(script.call_id.is_running)
        self.assertEqual(invitation.state, "calling")
        self.assertEqual(invitation.next_call_window, "weekend")
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 17, 9))  # Saturday 10:00 Paris

    @freeze_time(WEDNESDAY_MORNING)
    def test_ending_without_the_interest_changes_nothing(self):
        script = self._start_script(self.applicant)
        self._go_to(script, "recommend")
        with Form(script) as form:
            form.topic_ids.add(self.overtime)
        self._go_to(script, "analysis", outcome="invited")
        with self.assertRaisesRegex(UserError, "interested"):
            script.action_finish_call()
        invitation = script.invitation_id
        self.assertTrue(script.call_id.is_running)
        self.assertFalse(script.call_id.outcome)
        self.assertEqual(invitation.state, "calling")
        self.assertFalse(invitation.concern_ids)
        self.assertFalse(self._messages(invitation, "Call: "))


@tagged("post_install", "-at_install")
class TestCallScriptTour(HttpCase):
    def test_recruiter_goes_through_the_seven_steps_and_invites(self):
        """In Chromium: all seven steps, two concerns ticked (one unresolved), invited."""
        recruiter = new_test_user(
            self.env,
            login="inv_script_recruiter",
            name="Ava Martens",
            groups="hr_recruitment.group_hr_recruitment_user",
            tz="Europe/Brussels",
        )
        owner = new_test_user(
            self.env, login="inv_script_owner", groups="hr_recruitment.group_hr_recruitment_user"
        )
        overtime = self.env.ref("hr_recruitment_invitation.concern_topic_overtime")
        overtime.owner_id = owner
        self.env.company.invitation_company_details = "<p>Teams of six own their projects.</p>"
        # Tours run at the real time: no quiet hours, so no question before the call.
        self.env.company.write({"invitation_quiet_start": 24.0, "invitation_quiet_end": 0.0})
        job = self.env["hr.job"].create(
            {
                "name": "Marketing Planning Specialist",
                "invitation_salary_min": 3800,
                "invitation_salary_max": 4800,
                "invitation_question_ids": [
                    Command.create({"name": "How much notice do you have to give?"})
                ],
                "invitation_requirement_ids": [
                    Command.create({"name": "Plans multi-channel campaigns"})
                ],
            }
        )
        candidate = self.env["hr.candidate"].create(
            {
                "partner_name": "Camille Laurent",
                "partner_phone": "+33 6 12 34 56 78",
                "employment_status": "employed",
                "experience_ids": [
                    Command.create({"company_name": "Havas Paris", "title": "Marketing Planner"})
                ],
            }
        )
        applicant = self.env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": job.id,
                "source_id": self.env.ref("utm.utm_source_linkedin").id,
                "user_id": recruiter.id,
            }
        )
        applicant.with_user(recruiter).action_plan_invitation_call()
        self.start_tour(
            "/odoo/action-hr_recruitment_invitation.hr_invitation_action_all",
            "hr_recruitment_invitation_call_script_tour",
            login="inv_script_recruiter",
        )
        invitation = applicant.invitation_ids
        self.assertEqual(invitation.state, "invited")
        self.assertTrue(invitation.event_id, "the interview is scheduled right after the call")
        self.assertEqual(invitation.call_ids.interest_level, "proactive")
        concerns = invitation.concern_ids
        self.assertEqual(len(concerns), 2)
        unresolved = concerns.filtered(lambda concern: concern.state == "unresolved")
        self.assertEqual(unresolved.topic_id, overtime)
        self.assertEqual(unresolved.note, "Weekend work in peak season?")
        self.assertEqual(unresolved.follow_up_activity_id.user_id, owner)
        note = invitation.call_ids.note
        for text in (
            "How much notice do you have to give?: One month",
            "Plans multi-channel campaigns: Meets it",
            "Strong planner, check French at the interview",
        ):
            self.assertIn(text, note)
