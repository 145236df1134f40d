from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.hr_recruitment_invitation.hooks import post_init_hook

from .common import InterviewCase

NOW = "2026-01-14 10:00:00"


@tagged("post_install", "-at_install")
class TestScheduling(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR", "zh_CN"], overwrite=True
        )

    def _wizard_form(self, invitation):
        action = invitation.action_schedule_interview()
        return Form(
            self.env[action["res_model"]]
            .with_user(self.recruiter)
            .with_context(**action["context"])
        )

    def _candidate_mail(self, invitation):
        mails = self._new_mails.filtered(lambda mail: invitation.partner_id in mail.recipient_ids)
        self.assertEqual(len(mails), 1, "exactly one email to the candidate")
        return mails

    def _candidate_sms(self, invitation):
        sms = self._new_sms.filtered(lambda sms: sms.partner_id == invitation.partner_id)
        self.assertEqual(len(sms), 1, "exactly one text message to the candidate")
        return sms

    @freeze_time(NOW)
    def test_invited_call_opens_the_scheduling_wizard(self):
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        invitation = applicant.invitation_ids.with_user(self.recruiter)
        call = invitation._start_call()
        call.write({"outcome": "invited", "interest_level": "interested"})
        action = call.action_end_call()
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(action["res_model"], "hr.invitation.schedule")
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["default_invitation_id"], invitation.id)

    @freeze_time(NOW)
    def test_wizard_defaults_come_from_the_job_address_and_the_candidate(self):
        job_address = self.env["res.partner"].create(
            {
                "name": "Ghent office",
                "street": "Korenmarkt 1",
                "zip": "9000",
                "city": "Ghent",
                "country_id": self.env.ref("base.be").id,
                "interview_route": "Side door on the canal.",
                "interview_transit_lines": "Tram 1, Korenmarkt",
            }
        )
        self.job.address_id = job_address
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        wizard = self._wizard_form(invitation)
        self.assertEqual(wizard.location_kind, "job")
        self.assertEqual(wizard.location_id, job_address)
        self.assertEqual(wizard.interview_route, "Side door on the canal.")
        self.assertEqual(wizard.interview_transit_lines, "Tram 1, Korenmarkt")
        self.assertFalse(wizard.interview_parking)
        self.assertEqual(
            wizard.map_url,
            "https://www.openstreetmap.org/search?query=Korenmarkt+1%2C+9000+Ghent%2C+Belgium",
        )
        self.assertEqual(wizard.candidate_tz, "Europe/Paris")
        self.assertEqual(list(wizard.interviewer_ids), list(self.interviewer))
        self.assertTrue(wizard.notify_by_email)
        self.assertTrue(wizard.notify_by_sms)
        self.assertFalse(wizard.sms_problem)
        # The first free time 24 to 72 hours ahead, in the HR hours: Thursday 11:00 in Brussels.
        self.assertEqual(wizard.start, datetime(2026, 1, 15, 10, 0))
        # Another address: its own directions replace the job address's.
        wizard.location_kind = "company"
        self.assertEqual(wizard.location_id, self.company.partner_id)
        self.assertEqual(wizard.interview_route, self.company.partner_id.interview_route)
        self.assertEqual(wizard.interview_parking, self.company.partner_id.interview_parking)
        wizard.start = datetime(2026, 1, 15, 13, 0)
        wizard.lang = "fr_FR"
        self.assertEqual(
            wizard.candidate_start_display,
            "jeudi 15 janvier 2026 à 14:00 (heure normale d’Europe centrale)",
        )

    @freeze_time(NOW)
    def test_wizard_shows_the_interviewers_calendar_conflicts(self):
        for name, extra in (
            ("Private dentist appointment", {"privacy": "private"}),
            ("Free time", {"show_as": "free"}),
        ):
            self.env["calendar.event"].create(
                {
                    "name": name,
                    "start": datetime(2026, 1, 15, 8, 30),
                    "stop": datetime(2026, 1, 15, 9, 30),
                    "partner_ids": [(6, 0, self.interviewer.partner_id.ids)],
                    **extra,
                }
            )
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        wizard = self._wizard_form(invitation)
        wizard.start = datetime(2026, 1, 15, 9, 0)
        self.assertIn(self.interviewer.partner_id.name, wizard.conflict_note)
        self.assertIn("is busy from", wizard.conflict_note)
        self.assertEqual(wizard.conflict_note.count("\n"), 0, "only the busy event conflicts")
        self.assertNotIn("dentist", wizard.conflict_note, "a private event keeps its name")
        wizard.start = datetime(2026, 1, 15, 10, 0)
        self.assertFalse(wizard.conflict_note)

    @freeze_time(NOW)
    def test_scheduling_creates_the_interview_with_the_candidate_in_their_zone(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        wizard = self._wizard_form(invitation)
        self.assertEqual(wizard.lang, "fr_FR", "a French number, no contact yet: French")
        wizard.lang = "en_US"  # she asked for English on the phone
        wizard.start = self.INTERVIEW  # the time agreed on the phone
        wizard.location_kind = "company"
        wizard.alternative_1_start = datetime(2026, 1, 16, 13, 0)
        wizard.alternative_2_start = datetime(2026, 1, 19, 8, 0)
        with self.mock_mail_gateway(), self.mockSMSGateway():
            wizard.save().action_schedule()
        event = invitation.event_id
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(event.start, self.INTERVIEW)
        self.assertEqual(event.stop, self.INTERVIEW + timedelta(hours=1))
        self.assertEqual(event.applicant_id, invitation.applicant_id)
        self.assertEqual(event.partner_ids, self.interviewer.partner_id | invitation.partner_id)
        self.assertEqual(invitation.partner_id.tz, "Europe/Paris")
        self.assertEqual(
            event.alarm_ids,
            self.env.ref("calendar.alarm_notif_3") | self.env.ref("calendar.alarm_notif_1"),
        )
        self.assertIn("Rue de la Loi 16", event.location)
        self.assertIn("Arts-Loi", event.description)
        interview = invitation.interview_id
        self.assertEqual((interview.round, interview.state), (1, "scheduled"))
        self.assertEqual(interview.event_id, event)
        self.assertEqual(interview.location_id, self.company.partner_id)
        self.assertEqual(
            interview.slot_ids.mapped("start"),
            [datetime(2026, 1, 16, 13, 0), datetime(2026, 1, 19, 8, 0)],
        )
        self.assertEqual(set(interview.slot_ids.mapped("origin")), {"offered"})
        self.assertEqual(interview.invitation_sent_at, datetime(2026, 1, 14, 10, 0))
        self.assertEqual(interview.access_url, f"/my/interviews/{interview.id}")
        self.assertEqual(invitation.access_url, interview.access_url, "the current interview's")
        # The interviewers get Odoo's calendar invitation; the candidate gets ours only. As
        # interviewers of the application, they also get Odoo's notice of it (issue 18).
        interviewer_mails = self._new_mails.filtered(
            lambda mail: self.interviewer.partner_id in mail.recipient_ids
        )
        invitations = interviewer_mails.filtered(
            lambda mail: "text/calendar" in mail.attachment_ids.mapped("mimetype")
        )
        self.assertEqual(len(invitations), 1)
        self.assertEqual(invitation.applicant_id.interviewer_ids, self.interviewer)
        mail = self._candidate_mail(invitation)
        self.assertEqual(mail.recipient_ids, invitation.partner_id)
        self.assertEqual(mail.attachment_ids.mimetype, "text/calendar")
        self.assertIn("Friday, January 16, 2026 at 2:00 PM", mail.body_html)
        self.assertEqual(
            self._candidate_sms(invitation).number, "+33612345678", "SMS to the E.164 mobile"
        )

    @freeze_time(NOW)
    def test_the_message_is_in_the_candidate_language_and_zone(self):
        cases = (
            (
                "en_US",
                "Olivia Martin",
                "+1 650 253 0000",
                "America/Los_Angeles",
                ("As agreed on the phone", "Route:", "See the address on a map"),
                # At the Brussels office: its time, and hers beside it.
                (
                    "Thursday, January 15, 2026 at 10:00 AM (Central European Standard Time); "
                    "your time: Jan 15, 2026 at 1:00 AM (Pacific Standard Time)"
                ),
                ("interview for", "Jan 15, 2026 at 1:00 AM (Pacific Standard Time)"),
            ),
            (
                "fr_FR",
                "Camille Laurent",
                "+33 6 12 34 56 78",
                "Europe/Paris",
                ("Comme convenu au téléphone", "Itinéraire:", "Voir l’adresse sur une carte"),
                "jeudi 15 janvier 2026 à 10:00 (heure normale d’Europe centrale)",
                ("entretien pour", "15 janv. 2026 à 10:00 (heure normale d’Europe centrale)"),
            ),
            (
                "zh_CN",
                "Wang Wei",
                "+86 138 0013 8000",
                "Asia/Shanghai",
                ("按照电话中的约定", "路线:", "在地图上查看地址"),
                (
                    "2026年1月15日星期四 10:00 (中欧标准时间)；"
                    "您的时间：2026年1月15日 17:00 (中国标准时间)"
                ),
                ("面试时间", "2026年1月15日 17:00 (中国标准时间)"),
            ),
        )
        for lang, name, phone, tz, mail_texts, local_time, sms_texts in cases:
            with self.subTest(lang=lang):
                invitation = self._new_invitation(
                    name, phone, email=f"{name.split()[0].lower()}@example.com", tz=tz
                )
                self._schedule(invitation, lang=lang)
                self.assertEqual(invitation.partner_id.lang, lang)
                self.assertEqual(invitation.partner_id.tz, tz)
                link = invitation.interview_id._get_candidate_portal_link()
                self.assertIn(f"/my/interviews/{invitation.interview_id.id}?access_token=", link)
                body = self._candidate_mail(invitation).body_html
                for text in (*mail_texts, local_time, link, "Metro 1 and 5, Arts-Loi stop"):
                    self.assertIn(text, body)
                self.assertIn("openstreetmap.org/search?query=Rue+de+la+Loi+16", body)
                sms_body = self._candidate_sms(invitation).body
                for text in sms_texts:
                    self.assertIn(text, sms_body)
                self.assertIn("Rue de la Loi 16, 1000 Brussels, Belgium", sms_body)
                self.assertIn(f"{link}\n", sms_body, "the link ends its line, whole")

    @freeze_time(NOW)
    def test_the_wizard_shows_the_messages_as_the_candidate_will_get_them(self):
        """Wang Wei reads Chinese: the wizard shows his email and text in Chinese, with his
        own time beside the office's, the other times offered, and sends nothing until asked."""
        invitation = self._new_invitation(
            "Wang Wei", "+86 138 0013 8000", email="wei@example.com", tz="Asia/Shanghai"
        )
        local_time = (
            "2026年1月15日星期四 10:00 (中欧标准时间)；您的时间：2026年1月15日 17:00 (中国标准时间)"
        )
        with self.mock_mail_gateway(), self.mockSMSGateway():
            wizard = self._wizard_form(invitation)
            wizard.location_kind = "company"
            wizard.interview_transit_lines = "Metro 1 and 5, Arts-Loi stop"
            wizard.lang = "zh_CN"
            wizard.start = datetime(2026, 1, 15, 9, 0)
            wizard.alternative_1_start = datetime(2026, 1, 16, 9, 0)
            for text in ("按照电话中的约定", local_time, "2026年1月16日星期五 10:00", "Arts-Loi"):
                self.assertIn(text, wizard.preview_email)
            for text in ("面试时间", "2026年1月15日 17:00 (中国标准时间)", "Rue de la Loi 16"):
                self.assertIn(text, wizard.preview_sms)
            wizard.interview_format = "video"
            self.assertNotIn("Arts-Loi", wizard.preview_email, "a video call has no route")
            self.assertFalse(invitation.interview_ids, "a preview writes nothing")
            self.assertFalse(self._new_mails, "nor sends")
            self.assertFalse(self._new_sms)

            wizard.interview_format = "on_site"
            wizard.save().action_schedule()
        self.assertIn(local_time, self._candidate_mail(invitation).body_html)
        self.assertIn("2026年1月15日 17:00 (中国标准时间)", self._candidate_sms(invitation).body)

    @freeze_time(NOW)
    def test_the_candidate_link_never_reaches_the_chatter(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation, alternative_starts=[datetime(2026, 1, 16, 13, 0)])
        token = invitation.interview_id.sudo().access_token
        self.assertTrue(token)
        self.assertIn(token, self._candidate_mail(invitation).body_html)
        self.assertIn(token, self._candidate_sms(invitation).body)
        leaking = self.env["mail.message"].sudo().search([("body", "ilike", token)])
        self.assertFalse(leaking, "no mail.message body holds the candidate's token")
        note = self._messages_of(invitation).filtered(lambda m: "Interview details sent" in m.body)
        self.assertEqual(len(note), 1)
        self.assertIn("email, text message", note.body)
        self.assertIn("Rue de la Loi 16", note.body)
        self.assertFalse(
            self.env["mail.activity"].sudo().search([("note", "ilike", token)]),
            "no activity holds the token",
        )
        self.assertFalse(token in (invitation.event_id.description or ""))

    @freeze_time(NOW)
    def test_no_text_message_to_a_landline_or_a_blacklisted_number(self):
        landline = self._new_invitation("Jan Peeters", "+32 2 555 12 12", tz="Europe/Brussels")
        wizard = self._wizard_form(landline)
        self.assertFalse(wizard.notify_by_sms)
        self.assertIn("not a mobile number", wizard.sms_problem)
        mobile = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self.env["phone.blacklist"].sudo().add("+33612345678")
        self.assertIn("blacklisted", self._wizard_form(mobile).sms_problem)
        for invitation in landline | mobile:
            with self.subTest(phone=invitation.partner_phone):
                with self.assertRaisesRegex(UserError, "mobile number|blacklisted"):
                    self._schedule(invitation, notify_by_sms=True)
                self.assertFalse(invitation.interview_ids, "refused: nothing scheduled")
                self.assertFalse(self._new_sms)

    @freeze_time(NOW)
    def test_a_candidate_without_contact_gets_one_for_the_calendar(self):
        invitation = self._new_invitation("Jan Peeters", "+32 470 12 34 56", tz="Europe/Brussels")
        self.assertFalse(invitation.partner_id)
        self._schedule(invitation, lang="fr_FR")
        partner = invitation.partner_id
        self.assertEqual(partner.name, "Jan Peeters")
        self.assertEqual(partner.phone, "+32 470 12 34 56")
        self.assertEqual(partner.tz, "Europe/Brussels")
        self.assertEqual(partner.lang, "fr_FR")
        self.assertIn(partner, invitation.event_id.partner_ids)
        self.assertIn("15 janv. 2026 à 10:00", self._candidate_sms(invitation).body)
        self.assertFalse(self._new_mails.filtered(lambda m: partner in m.recipient_ids))

    @freeze_time(NOW)
    def test_bad_schedules_are_refused_and_change_nothing(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        bad_values = {
            "in the past": {"start": datetime(2026, 1, 14, 9, 0)},
            "ends before it starts": {"stop": self.INTERVIEW - timedelta(minutes=5)},
            "same time offered twice": {"alternative_starts": [self.INTERVIEW]},
            "other time in the past": {"alternative_starts": [datetime(2026, 1, 13, 9, 0)]},
            "four other times": {
                "alternative_starts": [self.INTERVIEW + timedelta(days=day) for day in range(1, 5)]
            },
            "no interviewer": {"interviewer_ids": []},
            "no address": {"location_id": False},
        }
        for label, values in bad_values.items():
            with self.subTest(label), self.assertRaises(UserError):
                self._schedule(invitation, **values)
        self.assertFalse(invitation.interview_ids)
        self.assertFalse(
            self.env["hr.invitation.slot"].search([("invitation_id", "=", invitation.id)])
        )
        self.assertFalse(self._new_mails)
        self.assertEqual(invitation.state, "invited")
        invitation.state = "cancelled"
        with self.assertRaisesRegex(UserError, "closed"):
            self._schedule(invitation)

    @freeze_time(NOW)
    def test_rescheduling_moves_the_same_event_and_settles_the_other_times(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation, alternative_starts=[datetime(2026, 1, 16, 13, 0)])
        first = invitation.interview_id
        event = invitation.event_id
        proposed = self.env["hr.invitation.slot"].create(
            {
                "interview_id": first.id,
                "start": datetime(2026, 1, 20, 15, 0),
                "stop": datetime(2026, 1, 20, 16, 0),
                "origin": "proposed",
            }
        )
        first._set_state("confirmed")
        first_rows = first.followup_ids
        self._schedule(
            invitation,
            start=datetime(2026, 1, 20, 15, 0),
            stop=datetime(2026, 1, 20, 16, 0),
        )
        second = invitation.interview_id
        self.assertNotEqual(second, first, "a new interview of the same round")
        self.assertEqual((first.state, second.state, second.round), ("moved", "scheduled", 1))
        self.assertEqual(first.start, self.INTERVIEW, "the moved one keeps its time")
        self.assertEqual(invitation.interview_ids, first | second, "listed on the invitation")
        self.assertEqual(invitation.event_id, event, "the same event moves")
        self.assertEqual(event.start, datetime(2026, 1, 20, 15, 0))
        self.assertEqual(proposed.state, "chosen")
        self.assertEqual(proposed.interview_id, second)
        self.assertEqual(
            (second.slot_ids - proposed).mapped("state"), ["dismissed"], "old offer closed"
        )
        self.assertEqual(invitation.state, "invited", "the candidate confirms the new time")
        # What was still to do is cancelled; the details sent stay as they went.
        planned = first_rows.filtered(lambda row: row.kind != "invitation")
        self.assertEqual(set(planned.mapped("state")), {"cancelled"})
        reminder = self._followup(invitation, "reminder", "email")
        self.assertEqual(
            (reminder.state, reminder.due_at),
            ("pending", datetime(2026, 1, 19, 15, 0)),
            "the reminder is due again, at the new time",
        )

    @freeze_time(NOW)
    def test_cancelling_frees_the_interviewers_calendar(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation)
        event = invitation.event_id
        self.assertIn(self.interviewer.partner_id, event.partner_ids)
        invitation.action_cancel()
        self.assertEqual(invitation.state, "cancelled")
        self.assertFalse(event.active, "the interview leaves the interviewers' calendars")
        self.assertEqual(invitation.event_id, event, "the invitation keeps its history")

    @freeze_time(NOW)
    def test_cancelling_after_the_interview_keeps_it_in_the_calendar(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation)
        with freeze_time(invitation.event_id.start + timedelta(minutes=5)):
            invitation.action_cancel()
        self.assertTrue(invitation.event_id.active, "an interview that took place stays")

    @freeze_time(NOW)
    def test_moving_the_event_in_the_calendar_resets_the_reminders(self):
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self._schedule(invitation)
        first = invitation.interview_id
        invitation.event_id.with_user(self.interviewer).write({"name": "Renamed"})
        self.assertEqual(invitation.interview_id, first, "a rename is not a move")
        with self.mock_mail_gateway(), self.mockSMSGateway():
            invitation.event_id.write(
                {"start": datetime(2026, 1, 16, 9, 0), "stop": datetime(2026, 1, 16, 10, 0)}
            )
        self.assertEqual(first.state, "moved")
        self.assertEqual(invitation.interview_start, datetime(2026, 1, 16, 9, 0))
        self.assertEqual(invitation.interview_id.event_id, first.event_id)
        self.assertEqual(
            self._followup(invitation, "reminder", "email").due_at, datetime(2026, 1, 15, 9, 0)
        )
        self.assertEqual(
            self._followup(invitation, "no_show", "none").due_at, datetime(2026, 1, 16, 10, 0)
        )
        planned = first.followup_ids.filtered(lambda row: row.kind != "invitation")
        self.assertEqual(set(planned.mapped("state")), {"cancelled"})


@tagged("post_install", "-at_install")
class TestCandidatePhoneThroughOdoo(InterviewCase):
    """The candidate's number in E.164 and its blacklist status are Odoo's own
    (mail.thread.phone on hr.candidate), not a second implementation."""

    def test_e164_and_blacklist_come_from_the_phone_mixin(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        candidate = invitation.candidate_id
        self.assertEqual(candidate.phone_sanitized, "+33612345678")
        self.assertEqual(invitation.phone_e164, candidate.partner_phone_sanitized)
        self.assertFalse(invitation._get_sms_problem())
        self.env["phone.blacklist"].sudo().add("+33612345678")
        candidate.invalidate_recordset(["phone_sanitized_blacklisted"])
        self.assertTrue(candidate.phone_sanitized_blacklisted)
        self.assertIn("blacklisted", invitation._get_sms_problem())
        self.env["phone.blacklist"].sudo().remove("+33612345678")
        self.env.invalidate_all()
        self.assertFalse(invitation._get_sms_problem(), "unblacklisted: texts go again")

    def test_candidates_from_before_the_addon_get_their_sanitized_number(self):
        candidate = self._create_applicant("Jan Peeters", "+32 470 12 34 56").candidate_id
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_candidate SET phone_sanitized = NULL WHERE id = %s", (candidate.id,)
        )
        self.env.invalidate_all()
        self.assertFalse(candidate.phone_sanitized)
        post_init_hook(self.env)
        self.env.invalidate_all()
        self.assertEqual(candidate.phone_sanitized, "+32470123456")


@tagged("post_install", "-at_install")
class TestCandidateLanguageFromThePhone(InterviewCase):
    """A candidate without a contact language: their phone's country's, when installed."""

    def test_the_wizard_takes_the_language_of_the_phone_s_country(self):
        installed = [("en_US", "English (US)"), ("fr_FR", "French / Français")]
        cases = {"+33 6 12 34 56 78": "fr_FR", "+1 415 555 0100": "en_US"}
        for phone, expected in cases.items():
            with (
                self.subTest(phone=phone),
                # French as if installed, without touching the database's languages.
                patch.object(type(self.env["res.lang"]), "get_installed", lambda _lang: installed),
            ):
                invitation = self._new_invitation("Camille Laurent", phone)
                self.assertFalse(invitation.partner_id, "no contact yet: no language of theirs")
                wizard = Form(
                    self.env["hr.invitation.schedule"]
                    .with_user(self.recruiter)
                    .with_context(default_invitation_id=invitation.id)
                )
                self.assertEqual(wizard.lang, expected)
