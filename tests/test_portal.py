import logging
from datetime import datetime, timedelta

from lxml import html

from odoo import http
from odoo.tests import Form, HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import InterviewCase, InvitationCase

NOW = "2026-03-25 09:00:00"  # Wednesday; Paris is on winter time (UTC+1) until Sunday 29th.
START = datetime(2026, 3, 27, 13, 0)  # 14:00 in Paris
ANSWERS = ("confirm", "decline", "reschedule", "travel", "parking", "pickup")


class InterviewPortalCase(InterviewCase, HttpCase):
    """A French candidate invited, as the scheduling wizard does, to an interview on Friday
    27 March 2026 at 14:00 Paris time, with two other times offered."""

    def setUp(self):
        super().setUp()
        invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille.laurent@example.fr"
        )
        self._schedule(
            invitation,
            start=START,
            stop=START + timedelta(minutes=45),
            alternative_starts=[START + timedelta(days=5), START + timedelta(days=6)],
        )
        self.invitation = invitation.with_env(self.env)
        self.interview = self.invitation.interview_id
        self.offered = self.interview.slot_ids.sorted("start")
        self.token = self.interview._portal_ensure_token()
        other = self._new_invitation("Wang Wei", "+86 138 0013 8000", tz="Asia/Shanghai")
        self._schedule(other, start=START + timedelta(hours=2), stop=START + timedelta(hours=3))
        self.other_invitation = other.with_env(self.env)
        self.other_interview = self.other_invitation.interview_id
        self.other_token = self.other_interview._portal_ensure_token()
        self.authenticate(None, None)

    # helpers ----------------------------------------------------------------

    def _url(self, suffix="", interview=None, token=None, lang_prefix=""):
        interview = interview or self.interview
        token = self.token if token is None else token
        return f"{lang_prefix}/my/interviews/{interview.id}{suffix}?access_token={token}"

    def _post(self, answer, data=None, interview=None, token=None, csrf=True):
        interview = interview or self.interview
        token = self.token if token is None else token
        payload = {"access_token": token, **(data or {})}
        if csrf:
            payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            f"/my/interviews/{interview.id}/{answer}", data=payload, allow_redirects=False
        )

    def _snapshot(self, invitation=None):
        """What an answer may change: the invitation, its slots, attendees, notes, activities."""
        invitation = invitation or self.invitation
        self.env.invalidate_all()
        interview = invitation.interview_id
        return {
            "invitation": invitation.read(["state"]),
            "interview": interview.read(
                [
                    "state",
                    "confirmed_at",
                    "declined_at",
                    "decline_reason",
                    "reschedule_requested_at",
                    "travel_mode",
                    "expected_arrival",
                    "needs_parking",
                    "pickup_point",
                    "pickup_at",
                ]
            ),
            "slots": interview.slot_ids.read(["start", "origin", "state"]),
            "attendees": invitation.event_id.attendee_ids.read(["partner_id", "state"]),
            "messages": invitation.message_ids.ids,
            "activities": invitation.activity_ids.read(["activity_type_id", "note", "user_id"]),
        }

    def _notes(self, invitation=None):
        invitation = invitation or self.invitation
        self.env.invalidate_all()
        return invitation.message_ids.filtered(
            lambda message: (
                message.subtype_id == self.env.ref("mail.mt_note")
                and message.author_id == invitation.partner_id
            )
        )

    def _candidate_attendee(self, invitation=None):
        invitation = invitation or self.invitation
        self.env.invalidate_all()
        return invitation.event_id.attendee_ids.filtered(
            lambda attendee: attendee.partner_id == invitation.partner_id
        )

    def _activities(self, xmlid):
        self.env.invalidate_all()
        activity_type = self.env.ref(f"hr_recruitment_invitation.{xmlid}")
        return self.invitation.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def _forget_failures(self):
        """Bad-token tests make more failures than the limit: start each check afresh."""
        self.env["hr.invitation.portal.attempt"].search([]).unlink()

    def assertAnswered(self, response, answer):
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertTrue(
            response.headers["Location"].endswith(
                f"/my/interviews/{self.interview.id}?access_token={self.token}&done={answer}"
            ),
            response.headers["Location"],
        )

    def assertRepeatChangesNothing(self, answer, data=None):
        before = self._snapshot()
        self.assertAnswered(self._post(answer, data), answer)
        self.assertEqual(self._snapshot(), before)

    def _confirm(self):
        self.assertAnswered(self._post("confirm"), "confirm")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestInterviewPortal(InterviewPortalCase):
    # the page ------------------------------------------------------------------------------

    def test_page_shows_the_interview_in_the_candidate_zone(self):
        self.job.interview_what_to_bring = "Your ID card and a printed resume"
        self.invitation.event_id.description = "<p>Internal: salary expectations too high?</p>"
        self.interviewer.partner_id.email = "interviewer.private@example.com"
        interviewer_email = self.interviewer.partner_id.email
        self.assertTrue(interviewer_email)
        self.invitation.message_post(
            body="Recruiter note: check references", subtype_xmlid="mail.mt_note"
        )
        before = self._snapshot()

        response = self.url_open(self._url())

        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Hello Camille Laurent,", " ".join(page.split()))
        self.assertIn("Friday, March 27, 2026 at 2:00 PM (Central European Standard Time)", page)
        self.assertIn("Marketing Planning Specialist", page)
        self.assertIn("Invitation Test Company", page)
        self.assertIn("Rue de la Loi 16, 1000 Brussels, Belgium", page)
        self.assertIn("Opposite the park, next to the blue glass tower.", page)
        self.assertIn("Metro 1 and 5, Arts-Loi stop", page)
        self.assertIn(
            "https://www.openstreetmap.org/search?query=Rue+de+la+Loi+16%2C+1000+Brussels%2C+Belgium",
            page,
        )
        self.assertIn("Your ID card and a printed resume", page)
        self.assertIn(f"/my/interviews/{self.interview.id}/ics?access_token={self.token}", page)
        self.assertIn('name="csrf_token"', page)
        for offered in (
            "Wednesday, April 1, 2026 at 3:00 PM (Central European Summer Time)",
            "Thursday, April 2, 2026 at 3:00 PM (Central European Summer Time)",
        ):
            self.assertIn(offered, page)
        self.assertIn('name="slot" required="required" id="o_interview_slot_20260401T1300"', page)
        for secret in (
            "Internal: salary expectations",
            "check references",
            interviewer_email,
            "Wang Wei",
            self.other_token,
        ):
            self.assertNotIn(secret, page)
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(self._snapshot(), before, "Opening the page changes nothing")

    def test_page_and_refusals_in_french_and_chinese(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR", "zh_CN"], overwrite=True
        )
        before = self._snapshot()
        for code, when, texts, refusal in (
            (
                "fr_FR",
                "vendredi 27 mars 2026 à 14:00 (heure normale d’Europe centrale)",
                (
                    "Votre entretien",
                    "Je viendrai à cette heure-là",
                    "Cet horaire ne me convient pas",
                ),
                "Dites-nous en quelques mots pourquoi vous déclinez.",
            ),
            (
                "zh_CN",
                "2026年3月27日星期五 14:00 (中欧标准时间)",
                ("您的面试", "我会按时参加", "这个时间不适合我"),
                "请简要告诉我们您拒绝的原因。",
            ),
        ):
            url_code = self.env["res.lang"]._get_data(code=code).url_code
            page = self.url_open(self._url(lang_prefix=f"/{url_code}")).text
            self.assertIn(when, page)
            for text in texts:
                self.assertIn(text, page)
            # The answers are posted from that page: the refusal is in the same language.
            response = self._post("decline", {"reason": ""})
            self.assertEqual(response.status_code, 400)
            self.assertIn(refusal, response.text)
        self.assertEqual(self._snapshot(), before)

    def test_the_page_is_in_the_candidates_language_without_a_prefix(self):
        """The candidate's link has no language in its address: the page and its refusals are
        in the language of the candidate's messages, kept on the interview when scheduled;
        without it (an interview scheduled before), in their contact's."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR"], overwrite=True
        )
        invitation = self._new_invitation("Léa Dubois", "+33 6 98 76 54 32")
        self._schedule(invitation, start=START, stop=START + timedelta(minutes=45), lang="fr_FR")
        interview = invitation.interview_id
        self.assertEqual(interview.lang, "fr_FR")
        token = interview._portal_ensure_token()
        page = self.url_open(self._url(interview=interview, token=token)).text
        self.assertIn('<html lang="fr-FR"', page)
        self.assertIn("vendredi 27 mars 2026 à 14:00", page)
        self.assertIn("Je viendrai à cette heure-là", page)
        response = self._post("decline", {"reason": ""}, interview=interview, token=token)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Dites-nous en quelques mots pourquoi vous déclinez.", response.text)
        # Camille's interview was scheduled in English; without its language, her contact's.
        self.assertIn("Your interview", self.url_open(self._url()).text)
        self.interview.sudo().lang = False
        self.invitation.partner_id.lang = "fr_FR"
        self.assertIn("Votre entretien", self.url_open(self._url()).text)
        # A link that opens nothing has no candidate: the browser's language, else English.
        refused = self.url_open(self._url(token="wrong"))
        self.assertEqual(refused.status_code, 404)
        self.assertIn("This link does not open an interview", refused.text)
        self.assertNotIn("/web/login", refused.text, "no Sign in on the candidate's pages")

    def test_the_page_links_to_itself_in_the_other_languages(self):
        """With one language, no links; with French too, the page in French at its foot,
        the token kept, and the answers posted from it refused in French."""
        self.assertNotIn("o_interview_languages", self.url_open(self._url()).text)
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR"], overwrite=True
        )
        french = self._url(lang_prefix="/fr")
        page = html.fromstring(self.url_open(self._url()).text)
        links = {link.get("href"): link for link in page.findall(".//nav//a")}
        self.assertEqual(links[self._url(lang_prefix="/en")].get("aria-current"), "page")
        self.assertIn(french, links)
        self.assertIn("Votre entretien", self.url_open(french).text)
        response = self._post("decline", {"reason": ""})
        self.assertIn("Dites-nous en quelques mots pourquoi vous déclinez.", response.text)

    def test_a_refused_link_says_why_in_the_language_chosen(self):
        """No interview, so no candidate's language: the refusal is in the address's."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR"], overwrite=True
        )
        refused = self.url_open(self._url(token="wrong", lang_prefix="/fr"))
        self.assertEqual(refused.status_code, 404)
        self.assertIn('<html lang="fr-FR"', refused.text)
        text = html.fromstring(refused.text).text_content()
        self.assertIn("Ce lien n'ouvre pas d'entretien", text)

    def test_ics_holds_the_interview_and_nothing_internal(self):
        self.invitation.event_id.description = "<p>Internal: salary expectations too high?</p>"
        response = self.url_open(self._url("/ics"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        ics = response.text
        self.assertIn("BEGIN:VEVENT", ics)
        self.assertIn("DTSTART:20260327T130000Z", ics)
        self.assertIn("DTEND:20260327T134500Z", ics)
        self.assertIn("Marketing Planning Specialist", ics)
        self.assertIn("LOCATION:Rue de la Loi 16", ics)
        self.assertIn("Opposite the park", ics)
        self.assertNotIn("Internal", ics)
        self.assertNotIn(self.interviewer.partner_id.email, ics)
        self.assertNotIn("ATTENDEE", ics)

    # answers -------------------------------------------------------------------------------

    def test_confirm(self):
        self._confirm()
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "confirmed")
        self.assertEqual(self.interview.confirmed_at, datetime(2026, 3, 25, 9, 0))
        self.assertEqual(self._candidate_attendee().state, "accepted")
        notes = self._notes()
        self.assertEqual(len(notes), 1)
        self.assertIn("confirmed the interview of", notes.body)
        self.assertIn(
            "Mar 27, 2026 at 2:00 PM (Central European Standard Time)",
            notes.body,
            "the recruiter's zone and language, without seconds",
        )
        self.assertRepeatChangesNothing("confirm")
        page = self.url_open(self._url() + "&done=confirm").text
        self.assertIn("your attendance is confirmed", page)
        self.assertIn('name="travel_mode"', page)

    def test_decline_needs_a_reason(self):
        before = self._snapshot()
        response = self._post("decline", {"reason": "   "})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Please tell us briefly why you decline.", response.text)
        self.assertEqual(self._snapshot(), before)

        self.assertAnswered(
            self._post("decline", {"reason": "I accepted another offer"}), "decline"
        )
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "declined")
        self.assertEqual(self.interview.decline_reason, "I accepted another offer")
        self.assertEqual(self._candidate_attendee().state, "declined")
        self.assertEqual(set(self.offered.mapped("state")), {"dismissed"})
        self.assertEqual(len(self._notes()), 1)
        self.assertIn("I accepted another offer", self._notes().body)
        self.assertRepeatChangesNothing("decline", {"reason": "I accepted another offer"})
        # Declined is closed: no more answers, but the page still says what happened.
        self.assertEqual(self._post("confirm").status_code, 400)
        self.assertIn("You declined this interview.", self.url_open(self._url()).text)

    def test_an_offered_time_picked_is_accepted_at_once(self):
        self._confirm()
        self.assertAnswered(
            self._post("travel", {"travel_mode": "car", "arrival": "13:40"}), "travel"
        )
        old, offered, other = self.interview, self.offered[0], self.offered[1]
        with self.mockSMSGateway():  # the new time goes to the candidate by text too
            response = self._post("reschedule", {"slot": "20260401T1300"})
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        new = self.invitation.interview_id
        self.assertNotEqual(new, old, "the interview moved: a new interview, the old one kept")
        self.assertIn(f"/my/interviews/{new.id}?access_token=", response.headers["Location"])
        self.assertTrue(response.headers["Location"].endswith("&done=moved"))
        self.assertEqual((old.state, new.state), ("moved", "confirmed"))
        self.assertEqual(new.start, offered.start)
        self.assertEqual(self.invitation.state, "confirmed")
        self.assertEqual(new.event_id, old.event_id, "the same meeting, moved")
        self.assertEqual(new.event_id.start, offered.start)
        self.assertEqual(offered.state, "chosen")
        self.assertEqual(other.state, "dismissed")
        self.assertFalse(new.reschedule_requested_at)
        self.assertEqual(new.travel_mode, "car", "how they travel still holds")
        self.assertFalse(new.expected_arrival, "the arrival time of the old time does not")
        self.assertFalse(self._activities("mail_activity_type_interview_reschedule"))
        self.assertEqual(
            new._get_candidate_attendee().state, "accepted", "confirmed in the calendar too"
        )
        self.assertIn("picked an offered time", self._notes()[0].body)
        # The candidate gets the details of the new time, as for any move.
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("recipient_ids", "in", self.invitation.partner_id.ids)], order="id desc")
        )[:1]
        self.assertIn("Wednesday, April 1, 2026 at 3:00 PM", mail.body_html)
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("moved to the time you picked", page)
        self.assertIn('data-status="confirmed"', page)
        # Sending it again from the old page changes nothing.
        again = self._post("reschedule", {"slot": "20260401T1300"})
        self.assertEqual(again.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.invitation.interview_ids, old | new)
        self.assertEqual(new.state, "confirmed")

    def test_reschedule_pre_fills_the_time_the_candidate_asked_for(self):
        self.assertAnswered(
            self._post("reschedule", {"proposal": ["2026-03-30T10:00", "2026-03-31T16:00"]}),
            "reschedule",
        )
        self.env.invalidate_all()
        action = self.invitation.with_user(self.recruiter).action_schedule_interview()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.recruiter)
            .with_context(**action["context"])
        )
        # Monday 30 March 10:00 in Paris, summer time since Sunday: 08:00 UTC.
        self.assertEqual(wizard.start, datetime(2026, 3, 30, 8, 0))

    def test_moving_the_interview_answers_the_request(self):
        followups = self.env["hr.invitation.followup"]
        self.assertAnswered(
            self._post("reschedule", {"proposal": ["2026-03-30T10:00"]}), "reschedule"
        )
        self.env.invalidate_all()
        with freeze_time(START - timedelta(hours=1)):
            due = followups.search(followups._get_due_domain(["reminder", "reminder_call"]))
        self.assertFalse(
            due & self.interview.followup_ids, "No reminder for a time the candidate refused"
        )

        new_start = START + timedelta(days=5)
        self._schedule(
            self.invitation.with_user(self.recruiter),
            start=new_start,
            stop=new_start + timedelta(minutes=45),
        )
        self.env.invalidate_all()
        moved, current = self.interview, self.invitation.interview_id
        self.assertEqual((moved.state, current.state), ("moved", "scheduled"))
        self.assertFalse(moved.reschedule_requested_at)
        self.assertFalse(self._activities("mail_activity_type_interview_reschedule"))
        with freeze_time(new_start - timedelta(hours=1)):
            due = followups.search(followups._get_due_domain(["reminder_call"]))
        self.assertIn(current, due.interview_id, "the new time is followed up")
        # The old link opens the current interview; an answer sent from the old page is not
        # taken for a time the candidate has not seen.
        page = self.url_open(self._url()).text
        self.assertIn('data-status="awaiting"', page)
        self.assertIn("Wednesday, April 1, 2026 at 3:00 PM", page)
        response = self._post("confirm")
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/interviews/{current.id}?", response.headers["Location"])
        self.assertEqual(current.state, "scheduled")
        self.interview, self.token = current, current._portal_ensure_token()
        self.assertAnswered(self._post("confirm"), "confirm")
        self.assertEqual(self._candidate_attendee().state, "accepted")

    def test_reschedule_refuses_a_time_of_another_invitation(self):
        foreign = self.env["hr.invitation.slot"].create(
            {
                "interview_id": self.other_interview.id,
                "start": START + timedelta(days=3),
                "stop": START + timedelta(days=3, hours=1),
            }
        )
        before = self._snapshot()
        response = self._post("reschedule", {"slot": "20260330T1300"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("This time is no longer available", response.text)
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(foreign.state, "open")

    def test_reschedule_with_proposed_times_in_the_candidate_zone(self):
        proposals = ["2026-03-26T10:00", "2026-03-30T10:00", ""]  # winter time, then summer
        self.assertAnswered(self._post("reschedule", {"proposal": proposals}), "reschedule")
        self.env.invalidate_all()
        proposed = self.interview.slot_ids.filtered(lambda slot: slot.origin == "proposed")
        self.assertEqual(
            proposed.mapped("start"), [datetime(2026, 3, 26, 9, 0), datetime(2026, 3, 30, 8, 0)]
        )
        self.assertEqual(
            proposed.mapped("stop"), [datetime(2026, 3, 26, 9, 45), datetime(2026, 3, 30, 8, 45)]
        )
        self.assertEqual(len(self._activities("mail_activity_type_interview_reschedule")), 1)
        self.assertEqual(len(self._notes()), 1)
        self.assertRepeatChangesNothing("reschedule", {"proposal": proposals})

        # A new proposal replaces the previous one: one activity, updated.
        self.assertAnswered(
            self._post("reschedule", {"proposal": ["2026-03-31T16:30"]}), "reschedule"
        )
        self.env.invalidate_all()
        open_proposed = self.interview.slot_ids.filtered(
            lambda slot: slot.origin == "proposed" and slot.state == "open"
        )
        self.assertEqual(open_proposed.start, datetime(2026, 3, 31, 14, 30))
        activity = self._activities("mail_activity_type_interview_reschedule")
        self.assertEqual(len(activity), 1)
        self.assertIn("Mar 31, 2026", str(activity.note))

    def test_reschedule_refuses_bad_proposals(self):
        cases = {
            "Please propose at most 3 times.": [
                "2026-03-26T10:00",
                "2026-03-26T11:00",
                "2026-03-26T12:00",
                "2026-03-26T13:00",
            ],
            "at least one hour from now": ["2026-03-25T10:30"],  # 09:30 UTC
            "does not exist in your time zone": ["2026-03-29T02:30"],  # clocks go forward
            "Please give a valid date or time.": ["next friday"],
            "Pick one of the times we offer": [""],
        }
        before = self._snapshot()
        for message, proposals in cases.items():
            response = self._post("reschedule", {"proposal": proposals})
            self.assertEqual(response.status_code, 400, proposals)
            self.assertIn(message, response.text)
            self.assertEqual(self._snapshot(), before)
        response = self._post(
            "reschedule", {"slot": "20260401T1300", "proposal": ["2026-03-26T10:00"]}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._snapshot(), before)

    def test_travel_mode_and_arrival_after_confirming(self):
        travel = {"travel_mode": "public_transport", "arrival": "13:40"}
        before = self._snapshot()
        response = self._post("travel", travel)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Please confirm that you will come first", response.text)
        self.assertEqual(self._snapshot(), before)

        self._confirm()
        self.assertAnswered(self._post("travel", travel), "travel")
        self.env.invalidate_all()
        self.assertEqual(self.interview.travel_mode, "public_transport")
        self.assertEqual(self.interview.expected_arrival, datetime(2026, 3, 27, 12, 40))
        self.assertEqual(self._candidate_attendee().state, "accepted")
        self.assertIn("Public transport", self._notes()[0].body)
        self.assertEqual(len(self._notes()), 2)
        self.assertRepeatChangesNothing("travel", travel)
        page = self.url_open(self._url()).text
        self.assertIn('value="13:40"', page)

        before = self._snapshot()
        for data, message in (
            (
                {"travel_mode": "helicopter", "arrival": "13:40"},
                "Please choose how you will travel.",
            ),
            ({"travel_mode": "car", "arrival": "14:30"}, "before your interview starts"),
            ({"travel_mode": "car", "arrival": "07:30"}, "more than 6 hours before"),
            ({"travel_mode": "car", "arrival": "soon"}, "Please give a valid date or time."),
        ):
            response = self._post("travel", data)
            self.assertEqual(response.status_code, 400, data)
            self.assertIn(message, response.text)
            self.assertEqual(self._snapshot(), before)

    def test_parking_and_pickup_ask_the_recruiter_to_act(self):
        self._confirm()
        self.assertAnswered(self._post("parking"), "parking")
        self.env.invalidate_all()
        self.assertTrue(self.interview.needs_parking)
        parking = self._activities("mail_activity_type_interview_parking")
        self.assertEqual(len(parking), 1)
        self.assertEqual(parking.user_id, self.recruiter)
        self.assertRepeatChangesNothing("parking")

        pickup = {"pickup_point": "Brussels-Central station, main exit", "pickup_time": "13:30"}
        self.assertAnswered(self._post("pickup", pickup), "pickup")
        self.env.invalidate_all()
        self.assertEqual(self.interview.pickup_point, "Brussels-Central station, main exit")
        self.assertEqual(self.interview.pickup_at, datetime(2026, 3, 27, 12, 30))
        activity = self._activities("mail_activity_type_interview_pickup")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.recruiter)
        self.assertIn("Brussels-Central station, main exit", str(activity.note))
        self.assertIn("+33 6 12 34 56 78", str(activity.note))
        self.assertEqual(len(self._notes()), 3)
        self.assertRepeatChangesNothing("pickup", pickup)

        before = self._snapshot()
        response = self._post("pickup", {"pickup_point": "", "pickup_time": "13:30"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Please tell us where to pick you up.", response.text)
        self.assertEqual(self._snapshot(), before)

    def test_no_answer_once_the_interview_started(self):
        with freeze_time(START + timedelta(minutes=5)):
            before = self._snapshot()
            response = self._post("confirm")
            self.assertEqual(response.status_code, 400)
            self.assertIn("Your interview time has passed", response.text)
            self.assertEqual(self._snapshot(), before)

    # refusals ------------------------------------------------------------------------------

    def _all_requests(self, interview, token, csrf=True):
        """Every route of the interview page, as (label, callable returning a response)."""
        data = {
            "reason": "No",
            "slot": "20260401T1300",
            "travel_mode": "car",
            "arrival": "13:40",
            "pickup_point": "Station",
            "pickup_time": "13:30",
        }
        requests = [
            ("page", lambda: self.url_open(self._url("", interview, token))),
            ("ics", lambda: self.url_open(self._url("/ics", interview, token))),
        ]
        for answer in ANSWERS:
            requests.append(
                (answer, lambda answer=answer: self._post(answer, data, interview, token, csrf))
            )
        return requests

    def assertEveryRouteRefused(self, interview, token):
        """Every route answers 404 with ``token`` and nothing changes."""
        before = self._snapshot()
        for route, request in self._all_requests(interview, token):
            self._forget_failures()
            self.assertEqual(request().status_code, 404, route)
        self.assertEqual(self._snapshot(), before)

    def test_wrong_foreign_and_forged_tokens_get_the_same_404(self):
        one_char_off = self.token[:-1] + ("a" if self.token[-1] != "a" else "b")
        bad_accesses = {
            "no token": (self.interview, ""),
            "random token": (self.interview, "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"),
            "one character off": (self.interview, one_char_off),
            "another invitation's token": (self.interview, self.other_token),
            "this token on another invitation": (self.other_interview, self.token),
            "no such interview": (self.interview.browse(999999), self.token),
        }
        before = self._snapshot()
        other_before = self._snapshot(self.other_invitation)
        reference = None
        for label, (interview, token) in bad_accesses.items():
            for route, request in self._all_requests(interview, token):
                self._forget_failures()
                response = request()
                self.assertEqual(response.status_code, 404, f"{label} on {route}")
                reference = reference or response.text
                self.assertEqual(response.text, reference, f"{label} on {route}: same page")
        self.assertNotIn("Camille", reference)
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(self._snapshot(self.other_invitation), other_before)

    def test_token_expires_14_days_after_the_interview(self):
        stop = START + timedelta(minutes=45)
        with freeze_time(stop + timedelta(days=14) - timedelta(minutes=1)):
            self.assertEqual(self.url_open(self._url()).status_code, 200)
        with freeze_time(stop + timedelta(days=14, minutes=1)):
            self.assertEveryRouteRefused(self.interview, self.token)

    def test_token_of_a_cancelled_invitation_is_refused(self):
        self.invitation.action_cancel()
        self.assertEveryRouteRefused(self.interview, self.token)

    def test_the_page_names_whom_to_contact_and_starts_with_the_interview(self):
        self.recruiter.write({"name": "Ava Martens", "email": "ava.martens@example.com"})
        self.company.phone = "+32 2 555 12 12"
        page = self.url_open(self._url()).text
        self.assertIn("Ava Martens", page)
        self.assertIn(
            'href="tel:+32 2 555 12 12"', page, "the company's phone without the recruiter's"
        )
        self.assertIn("mailto:ava.martens@example.com", page)
        self.assertNotIn("/web/login", page, "no Sign in link above the answers")
        self.assertNotIn("/web/binary/company_logo", page, "no logo bar above the answers")

    def test_get_on_answer_urls_changes_nothing(self):
        before = self._snapshot()
        for answer in ANSWERS:
            response = self.url_open(self._url(f"/{answer}") + "&reason=x&travel_mode=car")
            self.assertEqual(response.status_code, 405, answer)
        self.assertEqual(self._snapshot(), before)

    @mute_logger("odoo.http")
    def test_post_without_csrf_token_is_refused(self):
        before = self._snapshot()
        for route, request in self._all_requests(self.interview, self.token, csrf=False):
            if route in ANSWERS:
                self.assertEqual(request().status_code, 400, route)
        self.assertEqual(self._snapshot(), before)

    def test_repeated_bad_tokens_from_one_address_get_429(self):
        attempts = self.env["hr.invitation.portal.attempt"]
        for _attempt in range(attempts._limits["token"].count):
            self.assertEqual(self.url_open(self._url(token="guess")).status_code, 404)
        response = self.url_open(self._url(token="guess"))
        self.assertEqual(response.status_code, 429, "A wrong token waits")
        self.assertEqual(response.headers["Retry-After"], "900")
        self.assertEqual(self._post("confirm", token="guess").status_code, 429)
        self.assertTrue(attempts._is_blocked("127.0.0.1"))
        self.assertFalse(attempts._is_blocked("192.0.2.10"), "Other addresses are not affected")
        # Candidates behind the same public address (a mobile network) keep their link.
        self.assertEqual(self.url_open(self._url()).status_code, 200, "a valid token opens")
        self.assertAnswered(self._post("confirm"), "confirm")
        with freeze_time(datetime(2026, 3, 25, 9, 15, 1)):
            response = self.url_open(self._url(token="guess"))
            self.assertEqual(response.status_code, 404, "Blocked for a while")


@tagged("post_install", "-at_install")
class TestPortalAccessLog(InvitationCase):
    def test_access_log_lines_hide_the_token(self):
        """The HTTP server logs request lines on the werkzeug logger: the token is redacted."""
        import odoo.addons.hr_recruitment_invitation.controllers.portal  # noqa: F401

        record = logging.LogRecord(
            "werkzeug",
            logging.INFO,
            __file__,
            1,
            '%s - - [%s] "%s" %s %s',
            (
                "192.0.2.10",
                "25/Mar/2026 09:00:00",
                "GET /my/interviews/7?access_token=5e1f-secret&done=confirm HTTP/1.1",
                "200",
                "-",
            ),
            None,
        )
        self.assertTrue(logging.getLogger("werkzeug").filter(record))
        line = record.getMessage()
        self.assertNotIn("5e1f-secret", line)
        self.assertIn("/my/interviews/7?access_token=[redacted]&done=confirm", line)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestInterviewPortalTour(InterviewPortalCase):
    browser_size = "375x667"

    def test_candidate_confirms_and_tells_how_they_come_on_a_phone(self):
        self.start_tour(self._url(), "hr_recruitment_invitation_portal_tour", login=None)
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "confirmed")
        self.assertEqual(self._candidate_attendee().state, "accepted")
        self.assertEqual(self.interview.travel_mode, "public_transport")
        self.assertEqual(self.interview.expected_arrival, datetime(2026, 3, 27, 12, 40))
        self.assertEqual(len(self._notes()), 2)
