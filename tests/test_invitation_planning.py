from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.hr_recruitment_invitation.tools import phone_tz

from .common import InvitationCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"  # UTC; 11:00 in Brussels and Paris


@tagged("post_install", "-at_install")
class TestInvitationPlanning(InvitationCase):
    def _plan(self, applicants):
        applicants.with_user(self.recruiter).action_plan_invitation_call()
        return applicants.invitation_ids

    @freeze_time(WEDNESDAY_MORNING)
    def test_employed_french_candidate_is_called_in_the_paris_evening(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78", "employed")
        invitation = self._plan(applicant)
        self.assertEqual(invitation.candidate_tz, "Europe/Paris")
        self.assertFalse(invitation.tz_uncertain)
        self.assertEqual(invitation.state, "calling")
        self.assertEqual(invitation.next_call_window, "evening")
        # 19:00 in Paris (UTC+1 in January)
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 14, 18, 0))
        self.assertEqual(invitation.next_call_end, datetime(2026, 1, 14, 20, 0))

    @freeze_time("2026-01-14 06:00:00")
    def test_available_chinese_candidate_gets_the_overlap_of_both_clocks(self):
        """Brussels HR hours 08:30-17:30 (UTC+1) meet Shanghai daytime 09:00-20:00 (UTC+8)."""
        applicant = self._create_applicant("Wang Wei", "+86 138 0013 8000", "available")
        invitation = self._plan(applicant)
        self.assertEqual(invitation.candidate_tz, "Asia/Shanghai")
        self.assertEqual(invitation.next_call_window, "office_hours")
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 14, 7, 30))  # 08:30 Brussels
        self.assertEqual(invitation.next_call_end, datetime(2026, 1, 14, 11, 30))  # lunch break

    @freeze_time("2026-01-14 12:00:00")
    def test_two_american_coasts_get_their_own_weekend_within_the_recruiters_hours(self):
        """Their weekday evenings are the Brussels night (01:00-03:00, 04:00-06:00): outside the
        recruiter's calling hours, so both are called on Saturday, in both people's day."""
        west = self._create_applicant("Olivia Martin", "+1 650 253 0000", "employed")
        east = self._create_applicant("James Carter", "+1 212 555 0142", "employed")
        self._plan(west | east)
        self.assertEqual(west.invitation_ids.candidate_tz, "America/Los_Angeles")
        self.assertEqual(east.invitation_ids.candidate_tz, "America/New_York")
        # Saturday 10:00 in New York, 16:00 in Brussels
        self.assertEqual(east.invitation_ids.next_call_at, datetime(2026, 1, 17, 15, 0))
        self.assertEqual(east.invitation_ids.next_call_window, "weekend")
        # Saturday 10:00 in Los Angeles, 19:00 in Brussels
        self.assertEqual(west.invitation_ids.next_call_at, datetime(2026, 1, 17, 18, 0))

    @freeze_time(WEDNESDAY_MORNING)
    def test_public_holiday_is_skipped(self):
        # Wednesday in Brussels
        self._create_public_holiday(datetime(2026, 1, 13, 23, 0), datetime(2026, 1, 14, 22, 59, 59))
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78", "employed")
        invitation = self._plan(applicant)
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 15, 18, 0))

    @freeze_time(WEDNESDAY_MORNING)
    def test_activity_shows_the_slot_in_both_zones(self):
        applicant = self._create_applicant("Wang Wei", "+86 138 0013 8000", "employed")
        invitation = self._plan(applicant)
        activity = invitation.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("hr_recruitment_invitation.mail_activity_type_invitation_call"),
        )
        self.assertEqual(activity.activity_type_id.category, "phonecall")
        self.assertEqual(activity.user_id, self.recruiter)
        # 19:00 in Shanghai is 12:00 in Brussels, same date.
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 14, 11, 0))
        self.assertEqual(str(activity.date_deadline), "2026-01-14")
        self.assertIn("12:00 PM (Central European Standard Time) for the recruiter", activity.note)
        self.assertIn("7:00 PM (China Standard Time)", activity.note)
        self.assertIn("12:00", activity.note)
        self.assertIn("7:00", activity.note)  # 7:00 PM in Shanghai, English format
        # Planning again moves the same activity instead of adding one.
        self._plan(applicant)
        self.assertEqual(len(invitation.activity_ids), 1)
        self.assertEqual(len(applicant.invitation_ids), 1)

    @freeze_time(WEDNESDAY_MORNING)
    def test_the_call_activity_stores_what_odoo_computes_for_it(self):
        """Its record's name, its user's zone and no done date are given to its INSERT: the
        same values as Odoo's own computation of them."""
        self.recruiter.tz = "America/New_York"
        applicant = self._create_applicant("James Carter", "+1 212 555 0142", "employed")
        activity = self._plan(applicant).activity_ids
        self.env.flush_all()
        self.env.invalidate_all()
        stored = (activity.res_name, activity.user_tz, activity.date_done)
        self.assertEqual(stored, (f"James Carter - {self.job.name}", "America/New_York", False))
        activity._compute_res_name()
        activity._compute_date_done()
        self.assertEqual((activity.res_name, activity.user_id.tz, activity.date_done), stored)

    @freeze_time(WEDNESDAY_MORNING)
    def test_activity_deadline_is_the_recruiters_date(self):
        """A slot on Thursday 00:00 UTC is still Wednesday evening for a New York recruiter."""
        self.recruiter.tz = "America/New_York"
        applicant = self._create_applicant("James Carter", "+1 212 555 0142", "employed")
        invitation = self._plan(applicant)
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 15, 0, 0))
        self.assertEqual(str(invitation.activity_ids.date_deadline), "2026-01-14")

    @freeze_time(WEDNESDAY_MORNING)
    def test_invalid_phone_number_waits_in_draft_and_the_others_are_planned(self):
        good = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        bad = self._create_applicant("Wrong Number", "+33 12")
        action = (good | bad).with_user(self.recruiter).action_plan_invitation_call()
        self.assertEqual(good.invitation_ids.next_call_at, datetime(2026, 1, 14, 18, 0))
        self.assertFalse(good.invitation_ids.call_plan_issue)
        self.assertEqual(bad.invitation_ids.state, "draft")
        self.assertFalse(bad.invitation_ids.next_call_at)
        self.assertEqual(bad.invitation_ids.call_plan_issue, "invalid_phone")
        self.assertIn("+33 12", bad.invitation_ids.phone_error)
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("1 invitation calls planned", action["params"]["message"])
        self.assertIn("Wrong Number", action["params"]["message"])
        self.assertNotIn("Camille Laurent", action["params"]["message"])
        needs_a_time = self.env["hr.invitation"].search([("call_plan_issue", "!=", False)])
        self.assertEqual(needs_a_time, bad.invitation_ids)
        # Once the number is corrected, planning again plans it and clears the reason.
        bad.candidate_id.partner_phone = "+33 6 98 76 54 32"
        bad.with_user(self.recruiter).action_plan_invitation_call()
        self.assertEqual(bad.invitation_ids.state, "calling")
        self.assertFalse(bad.invitation_ids.call_plan_issue)
        # A slot away from Camille's: one call per slot.
        self.assertEqual(bad.invitation_ids.next_call_at, datetime(2026, 1, 14, 18, 12))

    @freeze_time(WEDNESDAY_MORNING)
    def test_number_spanning_several_zones_is_marked_uncertain(self):
        applicant = self._create_applicant("Ivan Petrov", "+7 912 345 67 89", "employed")
        invitation = self._plan(applicant)
        self.assertTrue(invitation.candidate_tz)
        self.assertTrue(invitation.tz_uncertain)

    @freeze_time(WEDNESDAY_MORNING)
    def test_candidate_zone_settles_an_ambiguous_number(self):
        applicant = self._create_applicant("Ivan Petrov", "+7 912 345 67 89", "employed")
        zones = phone_tz.guess_candidate_tz("+7 912 345 67 89").candidates
        self.assertGreater(len(zones), 1)
        applicant.candidate_id.partner_id = self.env["res.partner"].create(
            {"name": "Ivan Petrov", "tz": zones[-1]}
        )
        invitation = self._plan(applicant)
        self.assertEqual(invitation.candidate_tz, zones[-1])
        self.assertFalse(invitation.tz_uncertain)

    @freeze_time(WEDNESDAY_MORNING)
    def test_no_phone_falls_back_to_the_company_zone(self):
        applicant = self._create_applicant("No Phone", False, "available")
        invitation = self._plan(applicant)
        self.assertEqual(invitation.candidate_tz, "Europe/Brussels")
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 14, 10, 0))  # now, in hours

    @freeze_time(WEDNESDAY_MORNING)
    def test_mass_action_plans_every_selected_application(self):
        applicants = self._create_applicant("A", "+33 6 12 34 56 78") | self._create_applicant(
            "B", "+49 151 23456789", "available"
        )
        action = self.env.ref("hr_recruitment_invitation.hr_applicant_action_plan_invitation_call")
        result = (
            action.with_user(self.recruiter)
            .with_context(active_model="hr.applicant", active_ids=applicants.ids)
            .run()
        )
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(len(applicants.invitation_ids), 2)
        self.assertTrue(all(applicants.invitation_ids.mapped("next_call_at")))

    @freeze_time(WEDNESDAY_MORNING)
    def test_planning_query_count_does_not_grow_with_the_batch(self):
        """Batched reads and writes: 100 applicants cost exactly what 10 cost.

        Odoo's ORM sends multi-row INSERT and UPDATE statements in chunks of 100 rows, so
        200 applicants add one statement per chunked write (invitations, activities and
        their followers, log messages, the planning update, which now writes one distinct slot
        per call, and the state): seven at most, not 180.
        Candidates free by day: office hours give one recruiter slots for them all.
        """
        counts = {}
        # Two warm-up batches fill the registry's caches (activity type, model ids...).
        for size in (5, 5, 10, 100, 20, 200):
            applicants = self.env["hr.applicant"].union(
                *(
                    self._create_applicant(f"Q{size}-{i}", "+33 6 12 34 56 78", "available")
                    for i in range(size)
                )
            )
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            # As in production: mail tracking and followers on (the test class turns them off).
            applicants.with_user(self.recruiter).with_context(
                tracking_disable=False
            ).action_plan_invitation_call()
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - start
            self.assertTrue(all(applicants.invitation_ids.mapped("next_call_at")))
        self.assertEqual(counts[10], counts[100], counts)
        self.assertEqual(counts[20], counts[100], counts)
        self.assertLessEqual(counts[200] - counts[20], 7, counts)
