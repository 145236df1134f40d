"""Video and phone interviews, and the venue's own time (issue: formats and time zones)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.hr_recruitment_invitation.tools import interview_logistics

from .common import InterviewCase

NOW = "2026-01-14 10:00:00"
# Thursday 15 January 2026, 17:00 in San Francisco = Friday 16 January, 09:00 in Shanghai.
SF_INTERVIEW = datetime(2026, 1, 16, 1, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestInterviewFormats(InterviewCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "zh_CN"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR", "zh_CN"], overwrite=True
        )
        cls.sf_office = cls.env["res.partner"].create(
            {
                "name": "San Francisco office",
                "street": "250 Executive Park Blvd",
                "zip": "94134",
                "city": "San Francisco",
                "state_id": cls.env.ref("base.state_us_5").id,
                "country_id": cls.env.ref("base.us").id,
                "interview_route": "Suite 3400, ask at the desk.",
                "interview_parking": "Visitor parking, level -1.",
            }
        )

    def _schedule_wei_in_san_francisco(self, **overrides):
        """Wang Wei, from Shanghai, invited to the San Francisco office."""
        invitation = self._new_invitation(
            "Wang Wei", "+86 138 0013 8000", email="wang.wei@example.cn", tz="Asia/Shanghai"
        )
        return self._schedule(
            invitation,
            start=SF_INTERVIEW,
            stop=SF_INTERVIEW + timedelta(hours=1),
            location_id=self.sf_office.id,
            **overrides,
        )

    def _page(self, interview, lang_prefix=""):
        token = interview._portal_ensure_token()
        response = self.url_open(f"{lang_prefix}/my/interviews/{interview.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _candidate_mail_body(self, invitation):
        mails = self._new_mails.filtered(lambda mail: invitation.partner_id in mail.recipient_ids)
        self.assertEqual(len(mails), 1)
        return mails.body_html

    def _candidate_sms_body(self, invitation):
        sms = self._new_sms.filtered(lambda sms: sms.partner_id == invitation.partner_id)
        self.assertEqual(len(sms), 1)
        return sms.body

    # ------------------------------------------------------------------
    # The venue's time
    # ------------------------------------------------------------------

    def test_venue_zone_comes_from_the_address_country_and_city(self):
        venue = interview_logistics.venue_timezone
        self.assertEqual(venue("US", "San Francisco", "CA"), "America/Los_Angeles")
        self.assertEqual(venue("US", "Chicago", None), "America/Chicago")
        self.assertEqual(venue("BE", "Brussels"), "Europe/Brussels")
        self.assertEqual(venue("CN", "Shenzhen"), "Asia/Shanghai")
        self.assertEqual(venue("CA", "Ottawa", None), "America/Toronto")
        self.assertEqual(venue(None, "Nowhere", None, "Europe/Brussels"), "Europe/Brussels")
        self.assertEqual(self.sf_office._get_interview_tz("Europe/Brussels"), "America/Los_Angeles")

    def test_shanghai_candidate_at_the_san_francisco_office_reads_both_times(self):
        invitation = self._schedule_wei_in_san_francisco()
        interview = invitation.interview_id
        self.assertEqual(interview.venue_tz, "America/Los_Angeles")
        english = (
            "Thursday, January 15, 2026 at 5:00 PM (Pacific Standard Time); "
            "your time: Jan 16, 2026 at 9:00 AM (China Standard Time)"
        )
        self.assertEqual(interview._get_interview_time_for_candidate(), english)
        self.assertIn(english, self._candidate_mail_body(invitation))
        self.assertIn(
            "Jan 15, 2026 at 5:00 PM (Pacific Standard Time)", self._candidate_sms_body(invitation)
        )
        self.assertIn(english, self._page(interview))
        french = interview.with_context(lang="fr_FR")._get_interview_time_for_candidate()
        self.assertIn("17:00", french)
        self.assertIn("heure normale du Pacifique", french)
        self.assertIn("09:00", french)
        self.assertIn("heure normale de la Chine", french)
        self.assertIn("heure locale", french, "the French catalogue translates the joiner")
        chinese = interview.with_context(lang="zh_CN")._get_interview_time_for_candidate()
        self.assertIn("北美太平洋标准时间", chinese)
        self.assertIn("中国标准时间", chinese)
        self.assertIn("您的时间", chinese)
        self.assertIn("17:00", self._page(interview, lang_prefix="/fr"))

    def test_paris_candidate_at_the_brussels_office_reads_one_time(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation)
        interview = invitation.interview_id
        self.assertEqual(interview.venue_tz, "Europe/Brussels")
        self.assertEqual(
            interview._get_interview_time_for_candidate(),
            "Thursday, January 15, 2026 at 10:00 AM (Central European Standard Time)",
        )
        french = interview.with_context(lang="fr_FR")._get_interview_time_for_candidate()
        self.assertEqual(french, "jeudi 15 janvier 2026 à 10:00 (heure normale d’Europe centrale)")
        chinese = interview.with_context(lang="zh_CN")._get_interview_time_for_candidate()
        self.assertNotIn("您的时间", chinese)
        self.assertIn("10:00", chinese)

    def test_on_site_times_the_candidate_types_are_the_venue_s(self):
        invitation = self._schedule_wei_in_san_francisco()
        interview = invitation.interview_id.sudo()
        interview._action_portal_confirm()
        interview._action_portal_set_travel("taxi", "16:40")
        # 16:40 in San Francisco, not in Shanghai.
        self.assertEqual(interview.expected_arrival, SF_INTERVIEW - timedelta(minutes=20))

    # ------------------------------------------------------------------
    # Video calls
    # ------------------------------------------------------------------

    def test_video_interview_gets_odoo_s_discuss_room_and_no_route(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation, interview_format="video")
        interview = invitation.interview_id
        link = interview.event_id.videocall_location
        self.assertIn("/calendar/join_videocall/", link)
        self.assertEqual(interview.videocall_location, link)
        self.assertFalse(interview.location_id)
        self.assertFalse(interview.interview_route)
        self.assertFalse(interview.venue_tz)
        mail = self._candidate_mail_body(invitation)
        self.assertIn(link, mail)
        self.assertNotIn("Rue de la Loi", mail)
        self.assertNotIn("Visitor parking", mail)
        sms = self._candidate_sms_body(invitation)
        self.assertNotIn("join_videocall", sms, "never the join link in a text message")
        self.assertIn("video call", sms)
        page = self._page(interview)
        self.assertIn("o_interview_join", page)
        self.assertIn(link, page)
        self.assertNotIn("o_interview_address", page)
        self.assertNotIn("Visitor parking", page)
        ics = interview._get_portal_ics("en_US").decode()
        self.assertIn("join_videocall", ics)
        self.assertNotIn("Rue de la Loi", ics)

    def test_video_interview_with_the_recruiter_s_own_link(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self._schedule(
            invitation,
            interview_format="video",
            videocall_location="https://meet.example.com/abc-defg-hij",
        )
        interview = invitation.interview_id
        self.assertEqual(interview.videocall_location, "https://meet.example.com/abc-defg-hij")
        self.assertIn("https://meet.example.com/abc-defg-hij", self._page(interview))

    def test_video_candidate_has_no_journey_to_plan(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self._schedule(invitation, interview_format="video")
        interview = invitation.interview_id.sudo()
        interview._action_portal_confirm()
        with self.assertRaisesRegex(UserError, "no journey to plan"):
            interview._action_portal_set_travel("car", "09:40")
        with self.assertRaisesRegex(UserError, "no journey to plan"):
            interview._action_portal_request_parking()
        self.assertFalse(interview.travel_mode)
        self.assertNotIn("o_interview_travel_form", self._page(interview))

    def test_video_time_is_the_candidate_s_own(self):
        invitation = self._schedule_wei_in_san_francisco(interview_format="video")
        self.assertEqual(
            invitation.interview_id._get_interview_time_for_candidate(),
            "Friday, January 16, 2026 at 9:00 AM (China Standard Time)",
        )

    # ------------------------------------------------------------------
    # Phone calls
    # ------------------------------------------------------------------

    def test_phone_interview_says_who_calls_which_number(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation, interview_format="phone")
        interview = invitation.interview_id
        caller = self.interviewer.name
        self.assertIn(
            f"{caller} will call you at +33 6 12 34 56 78.", self._candidate_mail_body(invitation)
        )
        self.assertIn(
            f"{caller} will call you at +33 6 12 34 56 78.", self._candidate_sms_body(invitation)
        )
        page = self._page(interview)
        self.assertIn("o_interview_phone", page)
        self.assertIn("78.", page)
        self.assertNotIn("12 34 56", page, "the page shows only the number's last digits")
        self.assertNotIn("o_interview_address", page)
        self.assertIn("+33 6 12 34 56 78", interview.event_id.location)
        self.assertFalse(interview.event_id.videocall_location)

    def test_phone_interview_needs_a_phone_number(self):
        invitation = self._new_invitation("Camille Laurent", False, email="camille@example.fr")
        with self.assertRaisesRegex(UserError, "no phone number"):
            self._schedule(invitation, interview_format="phone", notify_by_sms=False)
        self.assertFalse(invitation.interview_ids)

    def test_the_job_gives_the_default_format(self):
        self.job.interview_format = "video"
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        action = invitation.action_schedule_interview()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.recruiter)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard.interview_format, "video")
        values = self._schedule_values(invitation)
        del values["location_id"]
        with self.mock_mail_gateway(), self.mockSMSGateway():
            invitation._schedule_interview(values)
        self.assertEqual(invitation.interview_id.interview_format, "video")

    def test_reminder_call_of_a_video_interview_keeps_no_travel(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self._schedule(invitation, interview_format="video")
        interview = invitation.interview_id
        wizard = self.env["hr.invitation.reminder.call"].create(
            {"interview_id": interview.id, "answer": "on_the_way", "travel_mode": "car"}
        )
        self.assertEqual(wizard.place, "video call")
        wizard.action_log_call()
        self.assertFalse(interview.travel_mode)


@tagged("post_install", "-at_install")
class TestVideoInterviewTour(InterviewCase, HttpCase):
    def test_recruiter_schedules_a_video_interview_the_candidate_opens_it_on_a_phone(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self.start_tour(
            f"/odoo/action-hr_recruitment_invitation.hr_invitation_action_all/{invitation.id}",
            "hr_recruitment_invitation_video_interview_tour",
            login="inv_recruiter",
        )
        interview = invitation.interview_id
        self.assertEqual((interview.interview_format, interview.state), ("video", "scheduled"))
        self.assertIn("/calendar/join_videocall/", interview.videocall_location)
        self.assertFalse(interview.location_id)
        token = interview._portal_ensure_token()
        self.browser_size = "375x667"
        self.start_tour(
            f"/my/interviews/{interview.id}?access_token={token}",
            "hr_recruitment_invitation_video_page_tour",
            login=None,
        )
        self.env.invalidate_all()
        self.assertEqual(interview.state, "confirmed")
