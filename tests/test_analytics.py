from datetime import datetime, timedelta

from odoo.tests import new_test_user, tagged

from .common import InvitationCase


@tagged("post_install", "-at_install")
class TestInvitationAnalytics(InvitationCase):
    """The report's numbers, asserted exactly on a dataset built here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_recruiter = new_test_user(
            cls.env,
            login="inv_recruiter_b",
            groups="hr_recruitment.group_hr_recruitment_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        topic = cls.env.ref
        cls.overtime = topic("hr_recruitment_invitation.concern_topic_overtime")
        cls.commute = topic("hr_recruitment_invitation.concern_topic_commute")
        cls.reviews = topic("hr_recruitment_invitation.concern_topic_reviews")
        cls.salary = topic("hr_recruitment_invitation.concern_topic_salary")
        A, B = cls.recruiter, cls.other_recruiter
        # 1: employed, no answer in the evening, invited on Saturday 10:30 in Paris,
        #    came and was hired.
        cls.inv1 = cls._invitation(
            "One",
            A,
            "attended",
            "Europe/Paris",
            hired=True,
            calls=[
                ("evening", datetime(2026, 1, 14, 18, 5), 1, "no_answer"),
                ("weekend", datetime(2026, 1, 17, 9, 30), 7, "invited"),
            ],
        )
        # 2: available, invited on Wednesday 18:00 in Shanghai, did not come.
        cls.inv2 = cls._invitation(
            "Two",
            A,
            "no_show",
            "Asia/Shanghai",
            calls=[
                ("office_hours", datetime(2026, 1, 14, 10, 0), 10, "invited"),
            ],
        )
        # 3: never reached, still to call in the evening.
        cls.inv3 = cls._invitation(
            "Three",
            B,
            "calling",
            "Europe/Paris",
            window="evening",
            calls=[
                ("evening", datetime(2026, 1, 14, 18, 0), 1, "no_answer"),
            ],
        )
        # 4: reached, declined.
        cls.inv4 = cls._invitation(
            "Four",
            B,
            "declined",
            "Europe/Paris",
            calls=[
                ("evening", datetime(2026, 1, 15, 18, 0), 3, "declined"),
            ],
        )
        # 5: never planned.
        cls.inv5 = cls._invitation("Five", A, "draft", "Europe/Paris", calls=[])
        # 6: invited in the evening, confirmed, interview still to come.
        cls.inv6 = cls._invitation(
            "Six",
            B,
            "confirmed",
            "Europe/Paris",
            calls=[
                ("evening", datetime(2026, 1, 16, 18, 0), 5, "invited"),
            ],
        )
        Concern = cls.env["hr.invitation.concern"]
        c1_overtime = Concern.create(
            {"invitation_id": cls.inv1.id, "topic_id": cls.overtime.id, "state": "answered"}
        )
        c1_commute = Concern.create(
            {"invitation_id": cls.inv1.id, "topic_id": cls.commute.id, "state": "answered"}
        )
        c2_salary = Concern.create(
            {"invitation_id": cls.inv2.id, "topic_id": cls.salary.id, "state": "unresolved"}
        )
        Concern.create(
            {"invitation_id": cls.inv6.id, "topic_id": cls.overtime.id, "state": "answered"}
        )
        interviews = cls.env["hr.invitation.interview"].create(
            [
                {
                    "invitation_id": invitation.id,
                    "start": datetime(2026, 1, 20, 9, 0),
                    "stop": datetime(2026, 1, 20, 10, 0),
                    "state": invitation.state,
                }
                for invitation in (cls.inv1, cls.inv2)
            ]
        )
        Feedback = cls.env["hr.invitation.feedback"]
        Feedback.create(
            {
                "interview_id": interviews[0].id,
                "call_rating": "5",
                "recommend_score": 9,
                "answer_ids": [
                    (0, 0, {"concern_id": c1_overtime.id, "accuracy": "yes"}),
                    (0, 0, {"concern_id": c1_commute.id, "accuracy": "no"}),
                ],
            }
        )
        Feedback.create(
            {
                "interview_id": interviews[1].id,
                "call_rating": "3",
                "recommend_score": 6,
                "answer_ids": [(0, 0, {"concern_id": c2_salary.id, "accuracy": "not_discussed"})],
            }
        )
        Review = cls.env["hr.invitation.review"]
        cls.review1 = Review.create(
            {
                "invitation_id": cls.inv1.id,
                "interview_topic_ids": [(6, 0, (cls.overtime | cls.reviews).ids)],
            }
        )
        cls.review2 = Review.create(
            {"invitation_id": cls.inv2.id, "interview_topic_ids": [(6, 0, cls.salary.ids)]}
        )
        cls.review6 = Review.create(
            {"invitation_id": cls.inv6.id, "interview_topic_ids": [(6, 0, cls.overtime.ids)]}
        )
        cls.env.flush_all()
        cls.ids = (cls.inv1 | cls.inv2 | cls.inv3 | cls.inv4 | cls.inv5 | cls.inv6).ids

    @classmethod
    def _invitation(cls, name, recruiter, state, tz, calls, window=False, hired=False):
        applicant = cls._create_applicant(name, False)
        if hired:
            applicant.date_closed = datetime(2026, 1, 20, 12, 0)
        invitation = cls.env["hr.invitation"].create(
            {
                "applicant_id": applicant.id,
                "user_id": recruiter.id,
                "state": state,
                "candidate_tz": tz,
                "next_call_window": window,
                "next_call_at": window and datetime(2026, 1, 21, 18, 0),
            }
        )
        cls.env["hr.invitation.call"].create(
            [
                {
                    "invitation_id": invitation.id,
                    "user_id": recruiter.id,
                    "window": kind,
                    "started_at": start,
                    "ended_at": start + timedelta(minutes=minutes),
                    "outcome": outcome,
                    "interest_level": outcome != "no_answer" and "neutral",
                }
                for kind, start, minutes, outcome in calls
            ]
        )
        return invitation

    def _group(self, model, groupby, aggregates, domain=()):
        return self.env[model]._read_group(
            [("invitation_id", "in", self.ids), *domain], groupby, aggregates
        )

    def test_funnel(self):
        groups = dict(self._group("hr.invitation.funnel.report", ["stage"], ["__count"]))
        self.assertEqual(
            groups,
            {
                "1_planned": 5,
                "2_reached": 4,
                "3_invited": 3,
                "4_confirmed": 3,
                "5_attended": 1,
                "6_hired": 1,
            },
        )

    def test_rates_overall(self):
        [(planned, attendance, confirmation, no_show, attempts, duration, target)] = self._group(
            "hr.invitation.report",
            [],
            [
                "planned:sum",
                "attendance_rate:avg",
                "confirmation_rate:avg",
                "no_show_rate:avg",
                "attempts:avg",
                "avg_call_duration:avg",
                "call_target:avg",
            ],
        )
        self.assertEqual(planned, 5)
        self.assertAlmostEqual(attendance, 20.0)  # 1 attended / 5 planned
        self.assertAlmostEqual(confirmation, 75.0)  # 3 confirmed / 4 reached
        self.assertAlmostEqual(no_show, 100.0 / 3)  # 1 no-show / 3 confirmed
        self.assertAlmostEqual(attempts, 1.2)  # 6 calls / 5 planned
        self.assertAlmostEqual(duration, 4.6)  # (4 + 10 + 1 + 3 + 5) / 5
        self.assertAlmostEqual(target, 8.0)

    def test_success_by_recruiter_and_call_window(self):
        by_recruiter = {
            user: (rate, mismatch)
            for user, rate, mismatch in self._group(
                "hr.invitation.report", ["user_id"], ["attendance_rate:avg", "mismatch_rate:avg"]
            )
        }
        self.assertEqual(by_recruiter[self.recruiter], (50.0, 100.0))
        self.assertEqual(by_recruiter[self.other_recruiter], (0.0, 0.0))
        by_window = dict(
            self._group(
                "hr.invitation.report",
                ["call_window"],
                ["attendance_rate:avg"],
                [("planned", "=", 1)],
            )
        )
        # Each outcome is credited to the window of the call that reached the candidate: the
        # declined invitation 4 counts in the evening, where it was reached.
        self.assertEqual(by_window, {"weekend": 100.0, "office_hours": 0.0, "evening": 0.0})

    def test_which_practice_works(self):
        self.company.invitation_call_target = 8
        self.env.flush_all()
        rows = {
            row.invitation_id: row
            for row in self.env["hr.invitation.report"].search([("invitation_id", "in", self.ids)])
        }
        self.assertEqual(rows[self.inv4].call_window, "evening", "the call that reached them")
        self.assertEqual(rows[self.inv4].interest_level, "neutral")
        self.assertFalse(rows[self.inv3].interest_level, "never reached")
        self.assertEqual(
            [rows[inv].has_unresolved_concern for inv in (self.inv1, self.inv2, self.inv6)],
            [False, True, False],
        )
        self.assertFalse(any(row.has_escalation for row in rows.values()))
        # Calls of 1 and 7 minutes (4 on average), of 10 minutes, against a target of 8.
        self.assertEqual(rows[self.inv1].call_length, "within")
        self.assertEqual(rows[self.inv2].call_length, "over")
        self.assertFalse(rows[self.inv5].call_length, "no call")
        by_concern = dict(
            self._group(
                "hr.invitation.report",
                ["has_unresolved_concern"],
                ["__count"],
                [("planned", "=", 1)],
            )
        )
        self.assertEqual(by_concern, {True: 1, False: 4})

    def test_local_weekday_and_hour_of_the_inviting_call(self):
        rows = self.env["hr.invitation.report"].search_read(
            [("invitation_id", "in", (self.inv1 | self.inv2).ids)],
            ["invitation_id", "success_weekday", "success_hour"],
        )
        found = {
            row["invitation_id"][0]: (row["success_weekday"], row["success_hour"]) for row in rows
        }
        self.assertEqual(found[self.inv1.id], ("6", 10))  # Saturday 10:30 in Paris
        self.assertEqual(found[self.inv2.id], ("3", 18))  # Wednesday 18:00 in Shanghai

    def test_feedback_scores(self):
        [(score, recommend, accuracy)] = self._group(
            "hr.invitation.report",
            [],
            ["feedback_score:avg", "recommend_score:avg", "accuracy_rate:avg"],
        )
        self.assertAlmostEqual(score, 4.0)
        self.assertAlmostEqual(recommend, 7.5)
        self.assertAlmostEqual(accuracy, 50.0)  # "not discussed" does not count

    def test_mismatch_list(self):
        self.assertEqual(self.review1.mismatch_topic_ids, self.reviews)
        self.assertEqual(self.review2.mismatch_topic_ids, self.salary)
        self.assertFalse(self.review6.mismatch_topic_ids)
        # Answering the salary concern on a later call removes the mismatch.
        self.inv2.concern_ids.state = "answered"
        self.assertFalse(self.review2.mismatch_topic_ids)

    def test_concerns_by_topic(self):
        rows = {
            topic: values
            for topic, *values in self._group(
                "hr.invitation.concern.report",
                ["topic_id"],
                [
                    "raised_on_call:sum",
                    "unresolved_rate:avg",
                    "raised_at_interview:sum",
                    "mismatch_rate:avg",
                    "accuracy_rate:avg",
                ],
            )
        }
        self.assertEqual(rows[self.overtime], [2, 0.0, 2, 0.0, 100.0])
        self.assertEqual(rows[self.commute], [1, 0.0, 0, False, 0.0])
        self.assertEqual(rows[self.reviews], [0, False, 1, 100.0, False])
        self.assertEqual(rows[self.salary], [1, 100.0, 1, 100.0, False])


@tagged("post_install", "-at_install")
class TestAnalysisFigures(InvitationCase):
    """What the analysis reads of an invitation is stored on it (hr.invitation.analysis): the
    ORM keeps it right as calls, feedback, reviews, concerns and escalations come and go."""

    START = datetime(2026, 1, 14, 18, 0)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.overtime = cls.env.ref("hr_recruitment_invitation.concern_topic_overtime")
        cls.salary = cls.env.ref("hr_recruitment_invitation.concern_topic_salary")

    def setUp(self):
        super().setUp()
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        self.invitation = self.env["hr.invitation"].create(
            {"applicant_id": applicant.id, "state": "calling", "candidate_tz": "Europe/Paris"}
        )

    def _call(self, days, minutes, outcome, **values):
        start = self.START + timedelta(days=days)
        return self.env["hr.invitation.call"].create(
            {
                "invitation_id": self.invitation.id,
                "started_at": start,
                "ended_at": minutes is not None and start + timedelta(minutes=minutes),
                "outcome": outcome,
                **values,
            }
        )

    def _report(self):
        return self.env["hr.invitation.report"].search([("invitation_id", "=", self.invitation.id)])

    def _call_figures(self):
        invitation = self.invitation
        return (
            invitation.attempt_count,
            invitation.reached_by_call,
            invitation.avg_call_duration,
            invitation.reached_call_window,
            invitation.reached_interest_level,
            invitation.inviting_call_at,
        )

    def test_a_new_invitation_has_none_of_the_figures(self):
        self.assertEqual(self._call_figures(), (0, False, 0.0, False, False, False))
        self.assertFalse(self.invitation.feedback_id)
        self.assertFalse(self.invitation.review_mismatch)
        self.assertFalse(self.invitation.has_escalation or self.invitation.has_unresolved_concern)

    def test_call_figures_follow_the_calls_created_changed_and_deleted(self):
        running = self._call(0, None, "no_answer", window="evening")
        self.assertEqual(self._call_figures(), (0, False, 0.0, False, False, False))
        running.ended_at = self.START + timedelta(minutes=2)
        self.assertEqual(self._call_figures(), (1, False, 2.0, False, False, False))
        self._call(1, 6, "callback", window="weekend", interest_level="neutral")
        reached = self._call(2, 10, "invited", window="office_hours", interest_level="proactive")
        self.assertEqual(
            self._call_figures(),
            (3, True, 6.0, "office_hours", "proactive", self.START + timedelta(days=2)),
        )
        report = self._report()
        self.assertEqual(
            (report.call_count, report.reached, report.call_window, report.interest_level),
            (3, 1, "office_hours", "proactive"),
        )
        self.assertEqual((report.success_weekday, report.success_hour), ("5", 19))  # Paris
        # The last call's outcome corrected: a callback, not a yes; then its interest.
        reached.outcome = "callback"
        self.assertEqual(self._call_figures(), (3, True, 6.0, "office_hours", "proactive", False))
        reached.interest_level = "interested"
        self.assertEqual(self.invitation.reached_interest_level, "interested")
        reached.unlink()
        self.assertEqual(self._call_figures(), (2, True, 4.0, "weekend", "neutral", False))
        self.assertEqual(self._report().interest_level, "neutral")

    def test_a_reminder_call_is_no_attempt_to_invite(self):
        self._call(0, 3, "no_answer", purpose="reminder", window="evening")
        self.assertEqual(self._call_figures(), (0, False, 0.0, False, False, False))
        self.assertEqual(self._report().call_count, 0)

    def _interview(self, round_):
        start = self.START + timedelta(days=5 + round_)
        return self.env["hr.invitation.interview"].create(
            {
                "invitation_id": self.invitation.id,
                "round": round_,
                "start": start,
                "stop": start + timedelta(hours=1),
                "state": "attended",
            }
        )

    def test_feedback_figures_follow_the_feedback(self):
        overtime, salary = self.env["hr.invitation.concern"].create(
            [
                {"invitation_id": self.invitation.id, "topic_id": topic.id}
                for topic in (self.overtime, self.salary)
            ]
        )
        second_round = self.env["hr.invitation.feedback"].create(
            {
                "interview_id": self._interview(2).id,
                "call_rating": "2",
                "answer_ids": [(0, 0, {"concern_id": overtime.id, "accuracy": "no"})],
            }
        )
        first_interview = self._interview(1)
        first_round = self.env["hr.invitation.feedback"].create(
            {
                "interview_id": first_interview.id,
                "call_rating": "5",
                "recommend_score": 9,
                "answer_ids": [
                    (0, 0, {"concern_id": overtime.id, "accuracy": "yes"}),
                    (0, 0, {"concern_id": salary.id, "accuracy": "not_discussed"}),
                ],
            }
        )
        invitation = self.invitation
        self.assertEqual(invitation.feedback_id, first_round, "the first round's")
        self.assertEqual((invitation.judged_answer_count, invitation.accurate_answer_count), (2, 1))
        report = self._report()
        self.assertEqual((report.feedback_score, report.recommend_score), (5, 9))
        self.assertEqual(report.accuracy_rate, 50.0)
        first_round.answer_ids.filtered(lambda answer: answer.concern_id == salary).accuracy = "yes"
        self.assertEqual((invitation.judged_answer_count, invitation.accurate_answer_count), (3, 2))
        first_interview.unlink()  # its feedback goes with it
        self.assertEqual(invitation.feedback_id, second_round)
        self.assertEqual((invitation.judged_answer_count, invitation.accurate_answer_count), (1, 0))
        report = self._report()
        self.assertEqual(
            (report.feedback_score, report.recommend_score, report.accuracy_rate), (2, 0, 0.0)
        )
        second_round.unlink()
        self.assertFalse(invitation.feedback_id)
        self.assertFalse(self._report().accuracy_rate)

    def test_the_review_mismatch_follows_the_reviews_and_the_concerns(self):
        concern = self.env["hr.invitation.concern"].create(
            {"invitation_id": self.invitation.id, "topic_id": self.salary.id, "state": "unresolved"}
        )
        review = self.env["hr.invitation.review"].create(
            {"invitation_id": self.invitation.id, "interview_topic_ids": [(6, 0, self.salary.ids)]}
        )
        self.assertEqual(self.invitation.review_mismatch, "missed")
        self.assertEqual(self._report().mismatch_rate, 100.0)
        concern.state = "answered"  # answered after the call: the call covered it after all
        self.assertEqual(self.invitation.review_mismatch, "covered")
        self.assertEqual(self._report().mismatch_rate, 0.0)
        review.interview_topic_ids = self.overtime
        self.assertEqual(self.invitation.review_mismatch, "missed")
        review.unlink()
        self.assertFalse(self.invitation.review_mismatch)

    def test_concern_and_escalation_flags_follow_them(self):
        concern = self.env["hr.invitation.concern"].create(
            {"invitation_id": self.invitation.id, "topic_id": self.salary.id, "state": "unresolved"}
        )
        self.assertTrue(self.invitation.has_unresolved_concern)
        self.assertTrue(self._report().has_unresolved_concern)
        concern.state = "answered"
        self.assertFalse(self.invitation.has_unresolved_concern)
        concern.state = "unresolved"
        concern.unlink()
        self.assertFalse(self.invitation.has_unresolved_concern)
        escalation = self.env["hr.invitation.escalation"].create(
            {"invitation_id": self.invitation.id, "reason": "Key profile, wants to talk salary"}
        )
        self.assertTrue(self.invitation.has_escalation)
        self.assertTrue(self._report().has_escalation)
        escalation.unlink()
        self.assertFalse(self.invitation.has_escalation)
        self.assertFalse(self._report().has_escalation)
