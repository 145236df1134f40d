"""Concerns outside the list and answers given after the call (issue 18, item 8)."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import InterviewCase


@tagged("post_install", "-at_install")
class TestConcernAnswers(InterviewCase):
    def setUp(self):
        super().setUp()
        self.invitation = self._new_invitation(
            "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
        )
        self.other = self.env.ref("hr_recruitment_invitation.concern_topic_other")

    def test_another_question_takes_the_candidate_s_words(self):
        concern = self.env["hr.invitation.concern"].create(
            {
                "invitation_id": self.invitation.id,
                "topic_id": self.other.id,
                "question": "Can I bring my dog to the office?",
                "state": "unresolved",
            }
        )
        self.assertEqual(concern._get_question(), "Can I bring my dog to the office?")
        self.assertIn("bring my dog", concern.follow_up_activity_id.summary)
        with self.assertRaises(ValidationError):
            self.env["hr.invitation.concern"].create(
                {"invitation_id": self.invitation.id, "topic_id": self.other.id}
            )

    def test_an_unresolved_concern_records_the_answer_given_later(self):
        concern = self.env["hr.invitation.concern"].create(
            {
                "invitation_id": self.invitation.id,
                "topic_id": self.env.ref("hr_recruitment_invitation.concern_topic_overtime").id,
                "state": "unresolved",
            }
        )
        with freeze_time("2026-01-14 16:00:00"):
            concern.with_user(self.recruiter).write(
                {
                    "state": "answered",
                    "answer_channel": "email",
                    "later_answer": "Overtime is paid at 150%, from the first hour.",
                }
            )
        self.assertEqual(concern.answered_by_id, self.recruiter)
        self.assertEqual(concern.answered_at, datetime(2026, 1, 14, 16, 0))
        self.assertEqual(concern.answer_channel, "email")
        self.assertFalse(concern.follow_up_activity_id.active, "the owner's to-do is done")

    def test_the_feedback_page_asks_about_the_candidate_s_own_question(self):
        with freeze_time("2026-01-12 10:00:00"):
            self._schedule(self.invitation)
        self.env["hr.invitation.concern"].create(
            {
                "invitation_id": self.invitation.id,
                "topic_id": self.other.id,
                "question": "Can I bring my dog to the office?",
            }
        )
        interview = self.invitation.interview_id
        interview._set_state("attended")
        values = interview.sudo()._get_portal_feedback_values("en_US")
        self.assertIn("Can I bring my dog to the office?", [q for _key, q in values["concerns"]])


@tagged("post_install", "-at_install")
class TestConcernSearch(InterviewCase):
    """A recruiter finds a topic by the words the candidate uses, in their own language."""

    def test_topics_are_found_by_their_keywords(self):
        topics = self.env["hr.invitation.concern.topic"].with_user(self.recruiter)
        commute = self.env.ref("hr_recruitment_invitation.concern_topic_commute")
        for word in ("transport", "parking", "commute"):
            found = topics.name_search(word)
            self.assertIn(commute.id, [topic_id for topic_id, _name in found], word)
        salary = self.env.ref("hr_recruitment_invitation.concern_topic_salary")
        self.assertIn(salary.id, [topic_id for topic_id, _name in topics.name_search("wage")])

    def test_topics_are_found_by_their_answer_and_in_the_recruiters_language(self):
        topics = self.env["hr.invitation.concern.topic"].with_user(self.recruiter)
        commute = self.env.ref("hr_recruitment_invitation.concern_topic_commute")
        commute.answer = "<p>A shuttle bus leaves the station every twenty minutes.</p>"
        self.assertIn(commute.id, [topic_id for topic_id, _name in topics.name_search("shuttle")])
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_recruitment_invitation"], ["fr_FR", "zh_CN"], overwrite=True
        )
        for lang, word in (("fr_FR", "trajet"), ("zh_CN", "通勤")):
            found = topics.with_context(lang=lang).name_search(word)
            self.assertIn(commute.id, [topic_id for topic_id, _name in found], lang)
