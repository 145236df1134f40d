"""The directions in the candidate's language (issue: a day's use, item 13)."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import InterviewCase

NOW = "2026-01-14 10:00:00"
ROUTE_FR = "Entrée principale, 3e étage, demandez les RH à l'accueil."
PARKING_FR = "Parking visiteurs sous le bâtiment, niveau -1."


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDirectionsInTheCandidateLanguage(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.company.partner_id.update_field_translations("interview_route", {"fr_FR": ROUTE_FR})
        cls.company.partner_id.update_field_translations("interview_parking", {"fr_FR": PARKING_FR})

    def _directions(self, interview, lang):
        return dict(interview.sudo()._get_portal_values(lang)["logistics"])

    def test_the_address_s_translations_reach_the_candidate(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self._schedule(invitation, lang="fr_FR")
        interview = invitation.interview_id
        french = self._directions(interview, "fr_FR")
        self.assertIn(ROUTE_FR, french.values())
        self.assertIn(PARKING_FR, french.values())
        english = self._directions(interview, "en_US")
        self.assertIn("Main entrance, 3rd floor, ask for HR at the desk.", english.values())
        # Not translated: the same text in every language.
        self.assertIn("Metro 1 and 5, Arts-Loi stop", french.values())

    def test_a_route_written_for_this_interview_is_shown_as_written(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self._schedule(invitation, lang="fr_FR", interview_route="Side door, ring HR.")
        french = self._directions(invitation.interview_id, "fr_FR")
        self.assertIn("Side door, ring HR.", french.values())
        self.assertNotIn(ROUTE_FR, french.values())
        self.assertIn(PARKING_FR, french.values(), "the other directions keep their translation")

    def test_a_meeting_moved_in_the_calendar_keeps_the_translations(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        self._schedule(invitation, lang="fr_FR")
        event = invitation.interview_id.event_id
        with self.mock_mail_gateway(), self.mockSMSGateway():
            event.write(
                {"start": event.start.replace(hour=13), "stop": event.stop.replace(hour=14)}
            )
        moved = invitation.interview_id
        self.assertEqual(moved.start.hour, 13)
        self.assertIn(ROUTE_FR, self._directions(moved, "fr_FR").values())
