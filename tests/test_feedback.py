from datetime import datetime, timedelta

from odoo import http
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import InterviewCase
from .test_portal import NOW, START, InterviewPortalCase

SCHEDULED_ON = "2026-01-12 10:00:00"  # Monday: the interview is on Thursday 09:00-10:00 UTC
CHECK_IN = "2026-01-15 09:05:00"
AFTER = "2026-01-15 10:30:00"
LOGGER = "odoo.addons.hr_recruitment_invitation.models.hr_invitation_followup"
FEEDBACK_DAY = "2026-03-28 09:00:00"  # the day after the portal case's interview


@tagged("post_install", "-at_install")
class TestFeedbackRequest(InterviewCase):
    def _attended(self, check_in=True, **values):
        with freeze_time(SCHEDULED_ON):
            invitation = self._schedule(
                self._new_invitation("Camille Laurent", "+33 6 12 34 56 78", "camille@example.com"),
                **values,
            )
        if check_in:
            with freeze_time(CHECK_IN):
                invitation.action_check_in()
        return invitation

    def _run(self, at, **gateway):
        with freeze_time(at), self.mock_mail_gateway(), self.mockSMSGateway(**gateway):
            done = self.env["hr.invitation.followup"]._cron_send_feedback_requests()
            self._send_queued()
        return done

    def _feedback_mails(self, invitation):
        return self._new_mails.filtered(
            lambda mail: (
                invitation.partner_id in mail.recipient_ids
                and "how was your invitation" in mail.subject
            )
        )

    def test_feedback_request_is_sent_once_after_the_interview_with_the_feedback_link(self):
        invitation = self._attended()
        self._run("2026-01-15 09:50:00")
        self.assertFalse(self._new_mails, "not while the interview is on")
        by_mail = self._followup(invitation, "feedback_request", "email")
        by_sms = self._followup(invitation, "feedback_request", "sms")
        self.assertEqual((by_mail.state, by_mail.due_at), ("pending", datetime(2026, 1, 15, 10, 0)))

        self._run(AFTER)
        interview = invitation.interview_id
        link = interview._get_candidate_portal_link(suffix="/feedback")
        self.assertTrue(
            link.endswith(
                f"/my/interviews/{interview.id}/feedback?access_token={interview.access_token}"
            )
        )
        mail = self._feedback_mails(invitation)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "sent")
        self.assertIn(link, mail.body_html)
        self.assertSMSIapSent(["+33612345678"], content=link)
        self.assertEqual(
            (by_mail.state, by_mail.processed_at), ("done", datetime(2026, 1, 15, 10, 30))
        )
        self.assertEqual(
            (by_sms.state, by_sms.processed_at), ("done", datetime(2026, 1, 15, 10, 30))
        )

        self._run("2026-01-15 11:00:00")
        self.assertFalse(self._new_mails, "a second run sends nothing")
        self.assertFalse(self._sms)
        self.assertFalse(
            self.env["mail.message"].sudo().search([("body", "ilike", interview.access_token)]),
            "the token is never in the chatter",
        )

    def test_no_feedback_request_without_attendance(self):
        invitation = self._attended(check_in=False)
        self._run(AFTER)
        self.assertFalse(self._feedback_mails(invitation))
        self.assertFalse(self._sms)
        with freeze_time("2026-01-15 10:05:00"):
            self.env["hr.invitation.followup"]._cron_mark_no_shows()
        self.assertEqual(invitation.state, "no_show")
        self._run("2026-01-15 11:00:00")
        self.assertFalse(self._feedback_mails(invitation), "a no-show is not asked either")
        self.assertFalse(self._followup(invitation, "feedback_request", "email"))

    def test_no_feedback_request_once_the_link_has_expired(self):
        invitation = self._attended()
        self._run("2026-01-29 10:01:00")
        self.assertFalse(self._feedback_mails(invitation))
        self.assertFalse(self._sms)

    def test_a_failing_sms_gateway_leaves_the_feedback_text_to_retry(self):
        invitation = self._attended()
        with (
            freeze_time(AFTER),
            self.mock_mail_gateway(),
            self.mockSMSGateway(sim_error="jsonrpc_exception"),
            self.assertLogs(LOGGER, "WARNING") as logs,
        ):
            self.env["hr.invitation.followup"]._cron_send_feedback_requests()
            self._send_queued()
        self.assertNotIn(invitation.interview_id.access_token, "".join(logs.output))
        by_mail = self._followup(invitation, "feedback_request", "email")
        by_sms = self._followup(invitation, "feedback_request", "sms")
        self.assertEqual(by_mail.state, "done", "the email went through")
        self.assertEqual(by_sms.state, "pending", "refused: not marked sent")
        self._run("2026-01-15 11:00:00")
        self.assertSMSIapSent(["+33612345678"], content="/feedback?access_token=")
        self.assertEqual(len(self._sms), 1)
        self.assertFalse(self._new_mails, "the email is not sent twice")
        self.assertEqual(by_sms.processed_at, datetime(2026, 1, 15, 11, 0))

    def test_an_overlapping_run_does_not_send_again(self):
        invitation = self._attended()
        rows = invitation.interview_id.followup_ids.filtered(
            lambda row: row.kind == "feedback_request"
        )
        stale = self.env["hr.invitation.followup"].browse(rows.ids)
        self.assertEqual(set(stale.mapped("state")), {"pending"})  # what the slower run read
        self.env.cr.execute(
            "UPDATE hr_invitation_followup SET state = 'done' WHERE id IN %s", (tuple(rows.ids),)
        )
        with freeze_time(AFTER), self.mock_mail_gateway(), self.mockSMSGateway():
            stale._process()
        self.assertFalse(self._new_mails)
        self.assertFalse(self._new_sms)


class FeedbackPortalCase(InterviewPortalCase):
    """The French candidate of the interview page came to the interview; two concerns."""

    def setUp(self):
        # The interview is scheduled before it happens, as the scheduling wizard does.
        with freeze_time(NOW):
            super().setUp()
        self.topics = self.env["hr.invitation.concern.topic"].create(
            [
                {"question": "Is overtime paid?", "category": "overtime"},
                {"question": "How do I get there?", "category": "commute"},
                {"question": "Can I work from home?", "category": "remote"},
            ]
        )
        self.concerns = self.env["hr.invitation.concern"].create(
            [
                {
                    "invitation_id": self.invitation.id,
                    "topic_id": topic.id,
                    "note": "INTERNAL: she earns 3100 now",
                }
                for topic in self.topics[:2]
            ]
        )
        self.other_concern = self.env["hr.invitation.concern"].create(
            {"invitation_id": self.other_invitation.id, "topic_id": self.topics[2].id}
        )
        (self.interview | self.other_interview)._set_state("attended")

    def _feedback_url(self, interview=None, token=None):
        return self._url("/feedback", interview, token)

    def _post_feedback(self, data, interview=None, token=None, csrf=True):
        interview = interview or self.interview
        payload = {"access_token": self.token if token is None else token, **data}
        if csrf:
            payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(
            f"/my/interviews/{interview.id}/feedback", data=payload, allow_redirects=False
        )

    def _good_form(self, **overrides):
        form = {
            "call_rating": "4",
            "logistics_clear": "yes",
            f"answer_{self.concerns[0].id}": "yes",
            f"answer_{self.concerns[1].id}": "no",
            "unclear_topic": [str(self.topics[2].id)],
            "unclear_note": "Where to park a bike",
            "recommend_score": "9",
            "comment": "Friendly call.",
        }
        form.update(overrides)
        return {key: value for key, value in form.items() if value is not None}

    def assertFeedback(self, feedback, scores, accuracies):
        """``scores``: (call rating, logistics clear, recommend score); ``accuracies``: the
        candidate's judgement of the answers to the two concerns, in order."""
        self.assertEqual(
            (feedback.call_rating, feedback.logistics_clear, feedback.recommend_score), scores
        )
        self.assertEqual(
            {(answer.concern_id, answer.accuracy) for answer in feedback.answer_ids},
            set(zip(self.concerns, accuracies, strict=True)),
        )

    def _written(self):
        """What a feedback POST may write: feedbacks, their answers, the chatter."""
        self.env.invalidate_all()
        feedbacks = self.env["hr.invitation.feedback"].search([])
        return {
            "feedbacks": feedbacks.read(
                [
                    "interview_id",
                    "call_rating",
                    "logistics_clear",
                    "recommend_score",
                    "unclear_topic_ids",
                    "unclear_note",
                    "comment",
                    "submitted_at",
                ]
            ),
            "answers": feedbacks.answer_ids.read(["concern_id", "accuracy"]),
            "messages": (self.invitation | self.other_invitation).message_ids.ids,
        }


@tagged("post_install", "-at_install")
@freeze_time(FEEDBACK_DAY)
class TestFeedbackPortal(FeedbackPortalCase):
    def test_page_shows_the_concerns_by_their_question_only(self):
        response = self.url_open(self._feedback_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Is overtime paid?", response.text)
        self.assertIn("How do I get there?", response.text)
        self.assertIn(f'name="answer_{self.concerns[0].id}"', response.text)
        self.assertNotIn(f'name="answer_{self.other_concern.id}"', response.text)
        self.assertNotIn("INTERNAL", response.text, "no recruiter's note on the page")
        self.assertEqual(response.headers["Cache-Control"], "no-store")

    def test_feedback_saves_and_a_second_post_updates_the_one_record(self):
        response = self._post_feedback(self._good_form())
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertTrue(
            response.headers["Location"].endswith(
                f"/my/interviews/{self.interview.id}/feedback?access_token={self.token}&done=1"
            )
        )
        self.env.invalidate_all()
        feedback = self.invitation.feedback_ids
        self.assertEqual(len(feedback), 1)
        self.assertFeedback(feedback, ("4", True, 9), ("yes", "no"))
        self.assertEqual(feedback.unclear_topic_ids, self.topics[2])
        self.assertEqual(feedback.unclear_note, "Where to park a bike")
        self.assertEqual(feedback.comment, "Friendly call.")
        self.assertEqual(feedback.submitted_at, datetime(2026, 3, 28, 9, 0))
        self.assertEqual(len(self._notes()), 1, "the recruiter is told once")

        page = self.url_open(self._feedback_url() + "&done=1")
        self.assertIn("Thank you for your feedback", page.text)
        self.assertIn("Update my feedback", page.text)

        update = self._good_form(
            call_rating="2",
            logistics_clear="no",
            recommend_score="0",
            comment=None,
            unclear_topic=None,
            **{f"answer_{self.concerns[1].id}": "not_discussed"},
        )
        self.assertEqual(self._post_feedback(update).status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.invitation.feedback_ids, feedback, "still one record")
        self.assertFeedback(feedback, ("2", False, 0), ("yes", "not_discussed"))
        self.assertFalse(feedback.unclear_topic_ids)
        self.assertFalse(feedback.comment)
        self.assertEqual(len(self._notes()), 1)

    def test_malformed_feedback_gets_400_and_writes_nothing(self):
        self.assertEqual(self._post_feedback(self._good_form()).status_code, 303)
        cases = {
            "rating 6": (self._good_form(call_rating="6"), "from 1 to 5"),
            "rating not a number": (self._good_form(call_rating="four"), "from 1 to 5"),
            "no rating": (self._good_form(call_rating=None), "from 1 to 5"),
            "two ratings": (self._good_form(call_rating=["4", "5"]), "one answer"),
            "recommend 11": (self._good_form(recommend_score="11"), "from 0 to 10"),
            "recommend -1": (self._good_form(recommend_score="-1"), "from 0 to 10"),
            "recommend 7.5": (self._good_form(recommend_score="7.5"), "from 0 to 10"),
            "logistics maybe": (self._good_form(logistics_clear="maybe"), "place and route"),
            "accuracy unknown": (
                self._good_form(**{f"answer_{self.concerns[0].id}": "perhaps"}),
                "accurate",
            ),
            "a concern left out": (
                self._good_form(**{f"answer_{self.concerns[1].id}": None}),
                "accurate",
            ),
            "a concern of another invitation": (
                self._good_form(**{f"answer_{self.other_concern.id}": "yes"}),
                "another interview",
            ),
            "an unknown topic": (
                self._good_form(unclear_topic=[str(self.topics[2].id), "999999"]),
                "from the list",
            ),
            "a topic that is not a number": (self._good_form(unclear_topic=["x"]), "from the list"),
            "unknown field": (self._good_form(state="hired"), "unexpected fields"),
            "100 KB comment": (self._good_form(comment="x" * 100_000), "under 2000 characters"),
        }
        before = self._written()
        for label, (form, message) in cases.items():
            response = self._post_feedback(form)
            self.assertEqual(response.status_code, 400, label)
            self.assertIn(message, response.text, label)
            self.assertEqual(self._written(), before, label)

    def test_wrong_foreign_and_forged_tokens_get_the_same_404(self):
        one_char_off = self.token[:-1] + ("a" if self.token[-1] != "a" else "b")
        bad_accesses = {
            "no token": (self.interview, ""),
            "one character off": (self.interview, one_char_off),
            "another invitation's token": (self.interview, self.other_token),
            "this token on another invitation": (self.other_interview, self.token),
            "no such interview": (self.interview.browse(999999), self.token),
        }
        before = self._written()
        reference = self.url_open(self._url(token="guess")).text
        self.assertNotIn("Camille", reference)
        for label, (interview, token) in bad_accesses.items():
            for method in ("GET", "POST"):
                self._forget_failures()
                if method == "GET":
                    response = self.url_open(self._feedback_url(interview, token))
                else:
                    response = self._post_feedback(self._good_form(), interview, token)
                self.assertEqual(response.status_code, 404, f"{label} {method}")
                self.assertEqual(response.text, reference, f"{label} {method}: same page")
        self.assertEqual(self._written(), before)

    def test_feedback_link_expires_with_the_interview_link(self):
        stop = START + timedelta(minutes=45)
        with freeze_time(stop + timedelta(days=14) - timedelta(minutes=1)):
            self.assertEqual(self.url_open(self._feedback_url()).status_code, 200)
        before = self._written()
        with freeze_time(stop + timedelta(days=14, minutes=1)):
            self.assertEqual(self.url_open(self._feedback_url()).status_code, 404)
            self._forget_failures()
            self.assertEqual(self._post_feedback(self._good_form()).status_code, 404)
        self.assertEqual(self._written(), before)

    def test_no_feedback_page_before_the_candidate_came(self):
        self.interview._set_state("confirmed")
        before = self._written()
        self.assertEqual(self.url_open(self._feedback_url()).status_code, 404)
        self.assertEqual(self._post_feedback(self._good_form()).status_code, 404)
        self.assertEqual(self._written(), before)

    @mute_logger("odoo.http")
    def test_feedback_needs_post_with_csrf(self):
        before = self._written()
        self.assertEqual(self._post_feedback(self._good_form(), csrf=False).status_code, 400)
        response = self.url_open(self._feedback_url() + "&call_rating=5&recommend_score=10")
        self.assertEqual(response.status_code, 200, "a GET only shows the form")
        self.assertEqual(self._written(), before)


@tagged("post_install", "-at_install")
@freeze_time(FEEDBACK_DAY)
class TestFeedbackPortalTour(FeedbackPortalCase):
    browser_size = "375x667"

    def test_candidate_gives_feedback_on_a_phone(self):
        self.start_tour(self._feedback_url(), "hr_recruitment_invitation_feedback_tour", login=None)
        self.env.invalidate_all()
        feedback = self.invitation.feedback_ids
        self.assertEqual(len(feedback), 1)
        self.assertFeedback(feedback, ("5", True, 8), ("yes", "not_discussed"))
        self.assertEqual(feedback.unclear_topic_ids, self.topics[0])
        self.assertEqual(feedback.comment, "Clear and kind call.")


@tagged("post_install", "-at_install")
@freeze_time(FEEDBACK_DAY)
class TestFeedbackTitle(FeedbackPortalCase):
    def test_a_feedback_is_named_by_its_candidate_and_job(self):
        feedback = self.env["hr.invitation.feedback"].create(
            {"interview_id": self.interview.id, "call_rating": "4", "recommend_score": 8}
        )
        self.assertEqual(feedback.display_name, "Camille Laurent - Marketing Planning Specialist")
