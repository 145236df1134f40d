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
