from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import InvitationCase

MONDAY_MORNING = "2026-12-07 10:00:00"  # UTC; 11:00 in Brussels


@tagged("post_install", "-at_install")
class TestCallPlanningCaller(InvitationCase):
    """A Brussels recruiter on Monday 7 December 2026, 10:00 UTC; Tuesday is a public holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tuesday in Brussels
        cls._create_public_holiday(datetime(2026, 12, 7, 23, 0), datetime(2026, 12, 8, 22, 59, 59))

    def _plan(self, applicants):
        return applicants.with_user(self.recruiter).action_plan_invitation_call()

    @freeze_time(MONDAY_MORNING)
    def test_candidates_of_five_zones_are_called_within_the_recruiters_hours(self):
        paris = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78", "employed")
        new_york = self._create_applicant("James Carter", "+1 212 555 0142", "employed")
        los_angeles = self._create_applicant("Olivia Martin", "+1 650 253 0000", "employed")
        shanghai = self._create_applicant("Wang Wei", "+86 138 0013 8000", "available")
        sao_paulo = self._create_applicant("Ana Souza", "+55 11 91234 5678", "student")
        self._plan(paris | new_york | los_angeles | shanghai | sao_paulo)
        expected = {
            paris: datetime(2026, 12, 7, 18, 0),  # 19:00 in Paris and Brussels, this evening
            # Their evenings are the Brussels night: Saturday 10:00 for them, 16:00 and 19:00
            # in Brussels.
            new_york: datetime(2026, 12, 12, 15, 0),
            los_angeles: datetime(2026, 12, 12, 18, 0),
            shanghai: datetime(2026, 12, 7, 10, 0),  # now: 18:00 in Shanghai, office hours
            # 07:00 in São Paulo is before their day: office hours from 09:00 there, 13:00 here
            sao_paulo: datetime(2026, 12, 7, 12, 30),
        }
        for applicant, start in expected.items():
            invitation = applicant.invitation_ids
            self.assertEqual(invitation.next_call_at, start, applicant.partner_name)
            self.assertEqual(invitation.user_id, self.recruiter)
            self.assertFalse(invitation.call_plan_issue)

    @freeze_time(MONDAY_MORNING)
    def test_twenty_employed_french_candidates_get_distinct_slots_twelve_minutes_apart(self):
        applicants = self._create_applicants(20, "+33 6 12 34 56 78", prefix="Paris")
        self._plan(applicants)
        starts = sorted(applicants.invitation_ids.mapped("next_call_at"))
        monday = [datetime(2026, 12, 7, 18, 0) + timedelta(minutes=12 * i) for i in range(10)]
        # Tuesday is a holiday: the next ten on Wednesday evening.
        wednesday = [slot + timedelta(days=2) for slot in monday]
        self.assertEqual(starts, monday + wednesday)

    @freeze_time(MONDAY_MORNING)
    def test_replanning_keeps_the_spacing_with_the_callers_other_calls(self):
        first = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        self._plan(first)
        second = self._create_applicant("Louis Martin", "+33 6 98 76 54 32")
        self._plan(second)
        self.assertEqual(first.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 0))
        self.assertEqual(second.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 12))

    @freeze_time(MONDAY_MORNING)
    def test_company_spacing_setting(self):
        self.company.invitation_call_slot_minutes = 30
        applicants = self._create_applicants(2, "+33 6 12 34 56 78")
        self._plan(applicants)
        self.assertEqual(
            sorted(applicants.invitation_ids.mapped("next_call_at")),
            [datetime(2026, 12, 7, 18, 0), datetime(2026, 12, 7, 18, 30)],
        )

    @freeze_time(MONDAY_MORNING)
    def test_users_own_calling_hours_win_over_the_companys(self):
        """Until 19:00 for this recruiter: no evening call; Saturday morning instead."""
        self.recruiter.invitation_caller_hour_to = 19.0
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        self._plan(applicant)
        self.assertEqual(applicant.invitation_ids.next_call_at, datetime(2026, 12, 12, 9, 0))
        self.assertEqual(applicant.invitation_ids.next_call_window, "weekend")

    @freeze_time(MONDAY_MORNING)
    def test_company_calling_hours_apply_in_the_callers_zone(self):
        self.company.invitation_caller_hour_to = 20.0
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        self._plan(applicant)
        self.assertEqual(applicant.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 0))
        self.assertEqual(applicant.invitation_ids.next_call_end, datetime(2026, 12, 7, 19, 0))

    @freeze_time(MONDAY_MORNING)
    def test_never_on_the_callers_time_off(self):
        employee = self.env["hr.employee"].create(
            {
                "name": "Recruiter",
                "user_id": self.recruiter.id,
                "company_id": self.company.id,
                "resource_calendar_id": self.calendar.id,
            }
        )
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Day off",
                "calendar_id": self.calendar.id,
                "resource_id": employee.resource_id.id,
                "date_from": datetime(2026, 12, 9, 7, 0),  # Wednesday, the whole day
                "date_to": datetime(2026, 12, 9, 21, 0),
            }
        )
        applicants = self._create_applicants(11, "+33 6 12 34 56 78")
        self._plan(applicants)
        # Ten on Monday evening; Tuesday is a holiday, Wednesday the recruiter is off.
        self.assertEqual(
            max(applicants.invitation_ids.mapped("next_call_at")), datetime(2026, 12, 10, 18, 0)
        )

    @freeze_time(MONDAY_MORNING)
    def test_no_common_time_waits_in_draft_with_its_reason(self):
        self.recruiter.write({"invitation_caller_hour_from": 8.0, "invitation_caller_hour_to": 9.0})
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        action = self._plan(applicant)
        invitation = applicant.invitation_ids
        self.assertEqual(invitation.state, "draft")
        self.assertEqual(invitation.call_plan_issue, "no_common_time")
        self.assertFalse(invitation.activity_ids)
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Camille Laurent", action["params"]["message"])

    @freeze_time(MONDAY_MORNING)
    def test_one_candidate_two_applications_one_caller_and_one_slot(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        other = self._create_applicant_for(applicant.candidate_id, self.key_job)
        third = self._create_applicant("Louis Martin", "+33 6 98 76 54 32")
        self._plan(applicant | third)
        self._plan(other)
        self.assertEqual(other.invitation_ids.next_call_at, applicant.invitation_ids.next_call_at)
        self.assertEqual(other.invitation_ids.user_id, applicant.invitation_ids.user_id)
        self.assertNotEqual(
            third.invitation_ids.next_call_at, applicant.invitation_ids.next_call_at
        )

    @freeze_time(MONDAY_MORNING)
    def test_one_candidate_two_applications_planned_together(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        other = self._create_applicant_for(applicant.candidate_id, self.key_job)
        self._plan(applicant | other)
        self.assertEqual(other.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 0))
        self.assertEqual(applicant.invitation_ids.next_call_at, datetime(2026, 12, 7, 18, 0))

    @freeze_time(MONDAY_MORNING)
    def test_a_zone_set_by_hand_wins_over_the_phone_at_the_next_replan(self):
        """A UK number, living in Dubai."""
        applicant = self._create_applicant("Oliver Smith", "+44 20 7946 0958")
        self._plan(applicant)
        invitation = applicant.invitation_ids
        self.assertEqual(invitation.candidate_tz, "Europe/London")
        self.assertFalse(invitation.candidate_tz_manual)
        with Form(invitation.with_user(self.recruiter)) as form:
            form.candidate_tz = "Asia/Dubai"
        self.assertTrue(invitation.candidate_tz_manual)
        invitation.with_user(self.recruiter).action_plan_call()
        self.assertEqual(invitation.candidate_tz, "Asia/Dubai")
        self.assertTrue(invitation.candidate_tz_manual)
        # 19:00 in Dubai, 16:00 in Brussels
        self.assertEqual(invitation.next_call_at, datetime(2026, 12, 7, 15, 0))

    def _create_applicant_for(self, candidate, job):
        return self.env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": job.id,
                "company_id": self.company.id,
                "user_id": self.recruiter.id,
            }
        )


@tagged("post_install", "-at_install")
class TestCallPlanningTeam(InvitationCase):
    """The application's recruiter has no slot: another Recruitment officer takes the call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recruiter.write({"invitation_caller_hour_from": 8.0, "invitation_caller_hour_to": 12.0})
        cls.busy_colleague = cls._new_company_user(
            "inv_ny_busy", "hr_recruitment.group_hr_recruitment_user"
        )
        cls.free_colleague = cls._new_company_user(
            "inv_ny_free", "hr_recruitment.group_hr_recruitment_user"
        )
        (cls.busy_colleague | cls.free_colleague).write({"tz": "America/New_York"})
        cls.free_colleague.name = "Noah Brooks"

    @freeze_time(MONDAY_MORNING)
    def test_the_colleague_with_the_fewest_calls_takes_it_and_the_chatter_says_why(self):
        planned = self._create_applicant("Planned Before", "+1 212 555 0100")
        self.env["hr.invitation"].create(
            {
                "applicant_id": planned.id,
                "user_id": self.busy_colleague.id,
                "state": "calling",
                "next_call_at": datetime(2026, 12, 20, 0, 0),
                "next_call_window": "evening",
            }
        )
        applicant = self._create_applicant("James Carter", "+1 212 555 0142")
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        invitation = applicant.invitation_ids
        # 19:00 on Monday in New York, for both of them.
        self.assertEqual(invitation.next_call_at, datetime(2026, 12, 8, 0, 0))
        self.assertEqual(invitation.user_id, self.free_colleague)
        self.assertEqual(invitation.activity_ids.user_id, self.free_colleague)
        bodies = " ".join(invitation.message_ids.mapped("body"))
        self.assertIn("Call given to Noah Brooks", bodies)
        self.assertIn(self.recruiter.name, bodies)

    @freeze_time(MONDAY_MORNING)
    def test_a_colleague_gets_odoos_email_for_one_call_not_one_per_call_of_a_selection(self):
        colleagues = self.free_colleague | self.busy_colleague

        def assigned_emails():
            return self.env["mail.message"].search_count(
                [
                    ("model", "=", "hr.invitation"),
                    ("message_type", "=", "user_notification"),
                    ("partner_ids", "in", colleagues.partner_id.ids),
                ]
            )

        # With the chatter on, as in the UI: Odoo's emails of an assignment are the chatter's.
        recruiter = self.env(user=self.recruiter, context={})
        one = self._create_applicant("James Carter", "+1 212 555 0142")
        one.with_env(recruiter).action_plan_invitation_call()
        self.assertEqual(one.invitation_ids.activity_ids.user_id, self.free_colleague)
        self.assertEqual(assigned_emails(), 2, "assigned the invitation and its call activity")
        selection = self._create_applicant("Mary Jones", "+1 212 555 0143") | (
            self._create_applicant("Robert Brown", "+1 212 555 0144")
        )
        selection.with_env(recruiter).action_plan_invitation_call()
        self.assertEqual(
            selection.invitation_ids.activity_ids.user_id,
            colleagues,
            "the calls of the selection are assigned to the colleagues",
        )
        self.assertEqual(assigned_emails(), 2, "and nobody gets emails for each call")

    @freeze_time(MONDAY_MORNING)
    def test_the_note_of_a_call_given_to_a_colleague_shows_names_as_text(self):
        self.free_colleague.name = "Noah <b>Brooks</b>"
        selection = self._create_applicant("Mary Jones", "+1 212 555 0143") | (
            self._create_applicant("Robert Brown", "+1 212 555 0144")
        )
        selection.with_user(self.recruiter).action_plan_invitation_call()
        invitations = selection.invitation_ids
        given = invitations.filtered(lambda invitation: invitation.user_id == self.free_colleague)
        self.assertTrue(given)
        note = str(given.activity_ids.note)
        self.assertIn("Call given to Noah &lt;b&gt;Brooks&lt;/b&gt;", note)
        self.assertNotIn("<b>", note)

    @freeze_time(MONDAY_MORNING)
    def test_the_recruiter_keeps_the_calls_they_can_make(self):
        applicant = self._create_applicant("Wang Wei", "+86 138 0013 8000", "available")
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        self.assertEqual(applicant.invitation_ids.user_id, self.recruiter)
        self.assertEqual(applicant.invitation_ids.next_call_at, datetime(2026, 12, 7, 10, 0))


@tagged("post_install", "-at_install")
class TestCallPlanningSettings(InvitationCase):
    def test_settings_write_the_companys_calling_hours_and_spacing(self):
        settings = Form(self.env["res.config.settings"].with_company(self.company))
        settings.invitation_caller_hour_from = 9.0
        settings.invitation_caller_hour_to = 20.5
        settings.invitation_call_slot_minutes = 15
        settings.save().execute()
        self.assertEqual(self.company.invitation_caller_hour_from, 9.0)
        self.assertEqual(self.company.invitation_caller_hour_to, 20.5)
        self.assertEqual(self.company.invitation_call_slot_minutes, 15)

    def test_defaults_and_the_users_empty_hours_are_the_companys(self):
        company = self.env["res.company"].create({"name": "Fresh Company"})
        self.assertEqual(company.invitation_caller_hour_from, 8.0)
        self.assertEqual(company.invitation_caller_hour_to, 21.0)
        self.assertEqual(company.invitation_call_slot_minutes, 12)
        self.assertEqual(self.recruiter._get_invitation_caller_hours(self.company), (8.0, 21.0))
        self.recruiter.invitation_caller_hour_from = 10.0
        self.assertEqual(self.recruiter._get_invitation_caller_hours(self.company), (10.0, 21.0))

    def test_calling_hours_must_be_a_range_of_one_day(self):
        with self.assertRaises(ValidationError):
            self.company.write(
                {"invitation_caller_hour_from": 21.0, "invitation_caller_hour_to": 8.0}
            )
        with self.assertRaises(ValidationError):
            self.recruiter.invitation_caller_hour_to = 25.0


@tagged("post_install", "-at_install")
class TestQuietHoursCall(InvitationCase):
    """Rule 10: Start Call in the candidate's quiet hours asks first."""

    def _invitation(self):
        applicant = self._create_applicant("Wang Wei", "+86 138 0013 8000", "available")
        invitation = self.env["hr.invitation"].create(
            {"applicant_id": applicant.id, "user_id": self.recruiter.id}
        )
        invitation.write({"candidate_tz": "Asia/Shanghai"})
        return invitation.with_user(self.recruiter)

    @freeze_time("2026-01-14 19:15:00")  # 03:15 in Shanghai
    def test_start_call_in_the_candidates_quiet_hours_asks_first(self):
        invitation = self._invitation()
        action = invitation.action_start_call()
        self.assertEqual(action["res_model"], "hr.invitation.quiet.call")
        self.assertFalse(invitation.call_ids, "no call before the answer")
        question = self.env[action["res_model"]].with_user(self.recruiter).browse(action["res_id"])
        self.assertEqual(question.message, "It is 03:15 for Wang Wei: call anyway?")
        script = question.action_call_anyway()
        self.assertEqual(script["res_model"], "hr.invitation.call.script")
        self.assertEqual(len(invitation.call_ids), 1)
        # The running call resumes without asking again.
        self.assertEqual(invitation.action_start_call()["res_model"], "hr.invitation.call.script")

    @freeze_time("2026-01-14 10:00:00")  # 18:00 in Shanghai
    def test_start_call_in_the_candidates_day_opens_the_script(self):
        invitation = self._invitation()
        action = invitation.action_start_call()
        self.assertEqual(action["res_model"], "hr.invitation.call.script")
        self.assertEqual(len(invitation.call_ids), 1)


@tagged("post_install", "-at_install")
class TestLargeSelectionPlanning(InvitationCase):
    """More than 500 applications: planned by a background job, the recruiter told when done."""

    @freeze_time(MONDAY_MORNING)
    def test_a_large_selection_is_planned_in_the_background(self):
        self.company.invitation_call_slot_minutes = 1
        applicants = self._create_applicants(501, "+33 6 12 34 56 78", prefix="Large")
        action = applicants.with_user(self.recruiter).action_plan_invitation_call()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("501 invitation calls are being planned", action["params"]["message"])
        self.assertFalse(applicants.invitation_ids, "the request only queues the applications")
        self.assertEqual(applicants.invitation_planning_requested_by_id, self.recruiter)
        invitation_model = self.env["hr.invitation"]
        self.assertEqual(invitation_model._cron_plan_requested_calls(), 500)
        self.assertFalse(self._planning_done_notifications())
        self.assertEqual(invitation_model._cron_plan_requested_calls(), 1)
        invitations = applicants.invitation_ids
        self.assertEqual(len(invitations), 501)
        self.assertTrue(all(invitations.mapped("next_call_at")))
        self.assertFalse(applicants.invitation_planning_requested_by_id)
        self.assertEqual(invitations.user_id, self.recruiter)
        self.assertEqual(invitations.create_uid, self.recruiter, "created as the one who asked")
        self.assertEqual(len(self._planning_done_notifications()), 1)

    @freeze_time(MONDAY_MORNING)
    def test_an_application_refused_while_queued_is_not_planned(self):
        self.company.invitation_call_slot_minutes = 1
        applicants = self._create_applicants(501, "+33 6 12 34 56 78", prefix="Queued")
        applicants.with_user(self.recruiter).action_plan_invitation_call()
        refused, archived = applicants[:2]
        refused.write({"refuse_reason_id": self.env.ref("hr_recruitment.refuse_reason_1").id})
        archived.action_archive()
        self.assertFalse((refused | archived).invitation_planning_requested_by_id)
        invitation_model = self.env["hr.invitation"]
        self.assertEqual(invitation_model._cron_plan_requested_calls(), 499)
        self.assertFalse((refused | archived).invitation_ids, "nothing created for them")
        self.assertEqual(len(applicants.invitation_ids), 499)
        self.assertEqual(invitation_model._cron_plan_requested_calls(), 0)

    def _planning_done_notifications(self):
        """The bus notifications of this transaction to the recruiter that the planning is done."""
        channel = f'"res.partner",{self.recruiter.partner_id.id}]'
        return [
            values
            for values in self.env.cr.precommit.data.get("bus.bus.values", [])
            if values["channel"].endswith(channel) and "asked for are planned" in values["message"]
        ]
