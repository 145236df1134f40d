from datetime import datetime

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged

from .common import InvitationCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"  # UTC; 11:00 in Brussels and Berlin


@tagged("post_install", "-at_install")
class TestEscalation(InvitationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.senior = cls._new_user("esc_senior", "hr_recruitment_invitation.group_senior_hr")
        cls.manager = cls._new_user("esc_manager", "base.group_user")
        cls.approver = cls._new_user(
            "esc_approver", "hr_recruitment_invitation.group_escalation_approver"
        )
        cls.employee = cls._new_user("esc_employee", "base.group_user")
        cls.department = cls._new_department("R&D", cls.manager)
        cls.key_job.write({"department_id": cls.department.id, "senior_hr_user_id": cls.senior.id})
        cls.topic = cls.env["hr.invitation.concern.topic"].create(
            {"question": "Is overtime paid?", "category": "overtime"}
        )

    @classmethod
    def _new_user(cls, login, groups, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            name=login.replace("_", " ").title(),
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            tz="Europe/Brussels",
        )

    @classmethod
    def _new_department(cls, name, manager_user):
        manager = cls.env["hr.employee"].create(
            {"name": manager_user.name, "user_id": manager_user.id, "company_id": cls.company.id}
        )
        return cls.env["hr.department"].create(
            {"name": name, "manager_id": manager.id, "company_id": cls.company.id}
        )

    def _planned_invitation(self, name, job=None, phone="+49 151 23456789"):
        applicant = self._create_applicant(name, phone, "employed", job=job or self.key_job)
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        return applicant.invitation_ids

    def _end_call(self, invitation, outcome, interest=False, user=None, note=False):
        user = user or self.recruiter
        call = invitation.with_user(user)._start_call()
        call.write({"outcome": outcome, "interest_level": interest, "note": note})
        call.action_end_call()
        return call

    def _request(self, invitation, user=None, reason="Senior profile, two offers on the table."):
        """Escalate by hand the way a recruiter does: the button, then the request dialog."""
        user = user or self.recruiter
        action = invitation.with_user(user).action_request_escalation()
        form = Form(
            self.env[action["res_model"]].with_user(user).with_context(**action["context"]),
            view="hr_recruitment_invitation.hr_invitation_escalation_view_form_request",
        )
        form.reason = reason
        return form.save()

    def _approval_of(self, invitation):
        """End an interested call on a key role; return its escalation, as the manager."""
        self._end_call(invitation, "invited", "interested")
        return invitation.escalation_ids.with_user(self.manager)

    def _messages_to(self, record, partner, text):
        return self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("partner_ids", "in", partner.ids),
                ("body", "ilike", text),
            ]
        )

    # ------------------------------------------------------------------
    # Automatic trigger
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_interested_key_role_call_asks_the_department_manager(self):
        invitation = self._planned_invitation("Lukas Schmidt")
        call = self._end_call(invitation, "callback", "interested")
        escalation = invitation.escalation_ids
        self.assertEqual(len(escalation), 1)
        self.assertEqual(escalation.state, "pending")
        self.assertEqual(escalation.origin, "auto")
        self.assertEqual(escalation.call_id, call)
        self.assertEqual(escalation.call_interest_level, "interested")
        self.assertEqual(escalation.requested_by_id, self.recruiter)
        self.assertEqual(escalation.approver_id, self.manager)
        self.assertEqual(escalation.senior_user_id, self.senior)
        approval = escalation.activity_ids
        self.assertEqual(approval.user_id, self.manager)
        self.assertEqual(
            approval.activity_type_id,
            self.env.ref("hr_recruitment_invitation.mail_activity_type_escalation_approval"),
        )
        self.assertEqual(invitation.escalation_count, 1)
        self.assertEqual(self.key_job.escalation_count, 1)
        self.assertEqual(self.job.escalation_count, 0)
        # A second interested call does not ask again.
        self._end_call(invitation, "callback", "proactive")
        self.assertEqual(len(invitation.escalation_ids), 1)

    @freeze_time(WEDNESDAY_MORNING)
    def test_automatic_trigger_fires_only_for_key_roles_and_interest(self):
        cases = [
            ("key role, invited", self.key_job, "invited", "neutral", True),
            ("key role, proactive, call back", self.key_job, "callback", "proactive", True),
            ("key role, neutral, call back", self.key_job, "callback", "neutral", False),
            ("key role, no answer", self.key_job, "no_answer", False, False),
            ("key role, declined", self.key_job, "declined", "interested", False),
            ("other role, invited", self.job, "invited", "proactive", False),
            ("other role, interested", self.job, "callback", "interested", False),
        ]
        for index, (label, job, outcome, interest, escalated) in enumerate(cases):
            with self.subTest(label):
                invitation = self._planned_invitation(f"Candidate {index}", job=job)
                self._end_call(invitation, outcome, interest)
                self.assertEqual(bool(invitation.escalation_ids), escalated)

    # ------------------------------------------------------------------
    # Manual escalation
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_any_invitation_can_be_escalated_by_hand_with_a_reason(self):
        invitation = self._planned_invitation("Camille Laurent", job=self.job)
        self._end_call(invitation, "callback", "neutral", note="<p>Wants remote days.</p>")
        self.assertFalse(invitation.escalation_ids, "not a key role: no automatic escalation")
        escalation = self._request(invitation)
        self.assertEqual(escalation.invitation_id, invitation)
        self.assertEqual(escalation.origin, "manual")
        self.assertEqual(escalation.requested_by_id, self.recruiter)
        self.assertEqual(escalation.call_id, invitation.call_ids)
        # The job's department has no manager: the Escalation Approvers of the company decide.
        self.assertFalse(escalation.approver_id)
        self.assertEqual(escalation.activity_ids.user_id, self.approver)
        self.assertTrue(escalation.with_user(self.approver).can_decide)
        self.assertFalse(escalation.with_user(self.manager).can_decide)
        self.assertTrue(invitation.has_open_escalation)
        with self.assertRaisesRegex(UserError, "already have an escalation"):
            self._request(invitation)

    def test_a_request_needs_a_reason(self):
        invitation = self.env["hr.invitation"].create(
            {"applicant_id": self._create_applicant("Li Na", False).id}
        )
        with self.assertRaises(ValidationError) as caught:
            self.env["hr.invitation.escalation"].with_user(self.recruiter).create(
                {"invitation_id": invitation.id, "reason": "   "}
            )
        self.assertIn("reason cannot be empty", str(caught.exception))
        self.assertFalse(
            self.env["hr.invitation.escalation"].search([("invitation_id", "=", invitation.id)])
        )

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_nobody_approves_their_own_request(self):
        admin = self._new_user("esc_rec_admin", "hr_recruitment.group_hr_recruitment_manager")
        invitation = self._planned_invitation("Olivia Martin")
        escalation = self._request(invitation, user=admin)
        self.assertFalse(escalation.with_user(admin).can_decide)
        with self.assertRaisesRegex(UserError, "You requested this escalation"):
            escalation.with_user(admin).action_approve()
        with self.assertRaisesRegex(UserError, "approve and reject|Approve and Reject"):
            escalation.with_user(admin).write({"state": "approved"})
        self.assertEqual(escalation.state, "pending")
        # A department manager who asks is not their own approver: the approvers' group is.
        recruiting_manager = self._new_user(
            "esc_rec_manager", "hr_recruitment.group_hr_recruitment_user"
        )
        job = self.env["hr.job"].create(
            {
                "name": "Head of Sales",
                "company_id": self.company.id,
                "is_key_role": True,
                "department_id": self._new_department("Sales", recruiting_manager).id,
            }
        )
        other = self._request(self._planned_invitation("James Carter", job=job), recruiting_manager)
        self.assertFalse(other.approver_id)
        self.assertEqual(other.activity_ids.user_id, self.approver | admin)
        with self.assertRaisesRegex(UserError, "You requested this escalation"):
            other.with_user(recruiting_manager).action_approve()

    @freeze_time(WEDNESDAY_MORNING)
    def test_reject_needs_a_decision_note_and_tells_the_requester(self):
        invitation = self._planned_invitation("Hannah Weber")
        self._end_call(invitation, "invited", "interested")
        escalation = invitation.escalation_ids.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "decision note"):
            escalation.action_reject()
        self.assertEqual(escalation.state, "pending")
        with self.assertRaisesRegex(UserError, "Only Esc Manager decides"):
            escalation.with_user(self.senior).action_approve()
        escalation.decision_note = "The recruiter already has a strong relationship."
        escalation.action_reject()
        self.assertEqual(escalation.state, "rejected")
        self.assertEqual(escalation.decided_by_id, self.manager)
        self.assertFalse(escalation.activity_ids)
        self.assertTrue(self._messages_to(escalation, self.recruiter.partner_id, "rejected"))
        with self.assertRaisesRegex(UserError, "already been decided"):
            escalation.action_approve()

    @freeze_time(WEDNESDAY_MORNING)
    def test_approval_keeps_the_call_back_time_agreed_with_the_candidate(self):
        """Lukas agreed to be called back on Sunday at 10:00 Berlin time: the approval plans
        senior HR's call then, not at the next window (issue 22, item 5)."""
        invitation = self._planned_invitation("Lukas Schmidt")
        call = invitation.with_user(self.recruiter)._start_call()
        call.write(
            {
                "outcome": "callback",
                "interest_level": "interested",
                "callback_at": datetime(2026, 1, 18, 9, 0),
                "callback_until": datetime(2026, 1, 18, 10, 0),
                "callback_window": "weekend",
            }
        )
        call.action_end_call()
        escalation = invitation.escalation_ids
        self.assertEqual(escalation.state, "pending")
        escalation.with_user(self.manager).action_approve()
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 18, 9, 0))
        self.assertEqual(invitation._get_next_caller(), self.senior)

    @freeze_time(WEDNESDAY_MORNING)
    def test_approval_plans_senior_hr_call_and_shows_the_first_call(self):
        invitation = self._planned_invitation("Lukas Schmidt")
        self.env["hr.invitation.concern"].create(
            {
                "invitation_id": invitation.id,
                "topic_id": self.topic.id,
                "state": "unresolved",
                "note": "Worked many unpaid weekends at his current job",
            }
        )
        self._end_call(invitation, "invited", "interested", note="<p>Asks about the team size</p>")
        self.assertEqual(invitation.state, "invited")
        escalation = invitation.escalation_ids
        escalation.with_user(self.manager).action_approve()
        self.assertEqual(escalation.state, "approved")
        self.assertEqual(escalation.decided_by_id, self.manager)
        self.assertEqual(escalation.decided_at, datetime(2026, 1, 14, 10, 0))
        self.assertFalse(escalation.activity_ids, "the approval activity is done")
        # Senior HR's call lands at the candidate's next window (19:00 in Berlin, employed);
        # the invitation stays invited.
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(invitation.next_call_at, datetime(2026, 1, 14, 18, 0))
        # (The unresolved concern has its own follow-up activity, for the topic's owner.)
        call_type = self.env.ref("hr_recruitment_invitation.mail_activity_type_invitation_call")
        call_activity = invitation.activity_ids.filtered(
            lambda activity: activity.activity_type_id == call_type
        )
        self.assertEqual(len(call_activity), 1)
        self.assertEqual(call_activity.user_id, self.senior)
        self.assertEqual(call_activity.date_deadline.isoformat(), "2026-01-14")
        self.assertTrue(self._messages_to(escalation, self.recruiter.partner_id, "approved"))
        brief = str(invitation.with_user(self.senior)._get_senior_follow_up_brief())
        for expected in (
            "Invited to interview",
            "Interested",
            "Asks about the team size",
            "Is overtime paid?",
            "Unresolved",
            "unpaid weekends",
            "Employed",
        ):
            self.assertIn(expected, brief)
        self.assertEqual(str(invitation.with_user(self.senior).senior_follow_up_brief), brief)
        self.assertIn("unpaid weekends", str(escalation.with_user(self.manager).brief))

    @freeze_time(WEDNESDAY_MORNING)
    def test_senior_hr_call_completes_the_follow_up(self):
        invitation = self._planned_invitation("Lukas Schmidt")
        self._end_call(invitation, "invited", "interested")
        escalation = invitation.escalation_ids
        escalation.with_user(self.manager).action_approve()
        # Unanswered: senior HR tries again at the other kind of window.
        self._end_call(invitation, "no_answer", user=self.senior)
        self.assertEqual(escalation.state, "approved")
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(invitation.next_call_window, "weekend")
        self.assertEqual(invitation.activity_ids.user_id, self.senior)
        call = self._end_call(invitation, "invited", "proactive", user=self.senior)
        self.assertEqual(escalation.state, "done")
        self.assertEqual(escalation.senior_call_id, call)
        self.assertEqual(invitation.state, "invited")
        self.assertEqual(len(invitation.escalation_ids), 1)
        self.assertTrue(self._messages_to(escalation, self.recruiter.partner_id, "called"))

    @freeze_time(WEDNESDAY_MORNING)
    def test_approval_without_senior_hr_picks_the_least_busy_one(self):
        self.key_job.senior_hr_user_id = False
        busy = self.senior
        free = self._new_user("esc_senior_free", "hr_recruitment_invitation.group_senior_hr")
        first = self._planned_invitation("Arjun Patel")
        self._end_call(first, "invited", "interested")
        self.assertFalse(first.escalation_ids.senior_user_id)
        first.escalation_ids.senior_user_id = busy
        first.escalation_ids.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "not in the Senior HR group"):
            self.key_job.senior_hr_user_id = self.employee
            self._approval_of(self._planned_invitation("Li Na")).action_approve()
        self.key_job.senior_hr_user_id = False
        second = self._planned_invitation("Michael Chen", phone="+33 6 12 34 56 78")
        self._end_call(second, "invited", "interested")
        second.escalation_ids.with_user(self.manager).action_approve()
        self.assertEqual(second.escalation_ids.senior_user_id, free)
        self.assertEqual(second.activity_ids.user_id, free)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------

    @freeze_time(WEDNESDAY_MORNING)
    def test_access_matrix(self):
        invitation = self._planned_invitation("Lukas Schmidt")
        Escalation = self.env["hr.invitation.escalation"]
        Invitation = self.env["hr.invitation"]
        self.assertFalse(
            Invitation.with_user(self.senior).search([("id", "=", invitation.id)]),
            "senior HR does not recruit for this job",
        )
        self._end_call(invitation, "invited", "interested")
        escalation = invitation.escalation_ids
        pool_escalation = self._request(self._planned_invitation("Ana Souza", job=self.job))
        both = escalation | pool_escalation
        other_company = self.env["res.company"].create({"name": "Other Company"})
        other_recruiter = self._new_user(
            "esc_other_recruiter", "hr_recruitment.group_hr_recruitment_user", other_company
        )

        def visible(user):
            return Escalation.with_user(user).search([("id", "in", both.ids)])

        # Recruiters read and create all, decide nothing, change no decision.
        self.assertEqual(visible(self.recruiter), both)
        self.assertFalse(escalation.with_user(self.recruiter).can_decide)
        with self.assertRaises(UserError):
            escalation.with_user(self.recruiter).action_approve()
        with self.assertRaises(UserError):
            escalation.with_user(self.recruiter).write({"approver_id": self.recruiter.id})
        # Senior HR sees what was escalated to them, on a job they do not recruit for.
        self.assertEqual(visible(self.senior), escalation)
        self.assertEqual(
            Invitation.with_user(self.senior).search([("id", "=", invitation.id)]), invitation
        )
        with self.assertRaises(AccessError):
            Escalation.with_user(self.senior).create(
                {"invitation_id": invitation.id, "reason": "I want it"}
            )
        with self.assertRaises(UserError):
            escalation.with_user(self.senior).action_approve()
        # The department manager reads what they decide, with the brief, not the rest.
        self.assertEqual(visible(self.manager), escalation)
        self.assertTrue(escalation.with_user(self.manager).brief)
        self.assertIn("Lukas Schmidt", escalation.with_user(self.manager).display_name)
        with self.assertRaises(AccessError):
            invitation.with_user(self.manager).read(["state"])
        # Escalation Approvers see the requests without a named approver.
        self.assertEqual(visible(self.approver), pool_escalation)
        self.assertEqual(
            Invitation.with_user(self.approver).search([("id", "in", both.invitation_id.ids)]),
            pool_escalation.invitation_id,
        )
        self.assertEqual(
            Escalation.with_user(self.approver).search([("can_decide", "=", True)]),
            pool_escalation,
        )
        # Other employees and other companies see nothing and decide nothing.
        for user in (self.employee, other_recruiter):
            with self.subTest(user=user.login):
                self.assertFalse(visible(user))
                with self.assertRaises(AccessError):
                    escalation.with_user(user).read(["state"])
                with self.assertRaises(AccessError):
                    escalation.with_user(user).action_approve()
        portal = new_test_user(self.env, login="esc_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            Escalation.with_user(portal).check_access("read")
        # The approver decides.
        escalation.with_user(self.manager).action_approve()
        pool_escalation.with_user(self.approver).action_approve()
        self.assertEqual(set(both.mapped("state")), {"approved"})

    # ------------------------------------------------------------------
    # SLA reminder
    # ------------------------------------------------------------------

    def test_sla_reminder_after_24_working_hours_is_sent_once(self):
        with freeze_time(WEDNESDAY_MORNING):
            invitation = self._planned_invitation("Lukas Schmidt")
            self._end_call(invitation, "invited", "interested")
            escalation = invitation.escalation_ids
            decided = self._request(self._planned_invitation("Sophie Dubois", job=self.job))
        # Wednesday 11:00 in Brussels + 24 working hours of 8 a day = Monday 11:00.
        self.assertEqual(escalation.sla_deadline, datetime(2026, 1, 19, 10, 0))
        cron = self.env.ref("hr_recruitment_invitation.ir_cron_remind_overdue_escalations")
        with freeze_time("2026-01-19 09:59:00"):
            cron.method_direct_trigger()
        self.assertFalse(escalation.reminded_at)
        decided.with_user(self.approver).action_approve()
        with freeze_time("2026-01-19 10:30:00"):
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        self.assertEqual(escalation.reminded_at, datetime(2026, 1, 19, 10, 30))
        self.assertFalse(decided.reminded_at, "a decided request is not chased")
        for partner in (self.manager.partner_id, self.recruiter.partner_id):
            reminders = self._messages_to(escalation, partner, "24 working hours")
            self.assertEqual(len(reminders), 1, partner.name)


@tagged("post_install", "-at_install")
class TestEscalationReminderConcurrency(TransactionCase):
    """Two cron runs in two transactions at once remind once: the batch engine's claim skips
    the rows the other run holds."""

    def test_two_cursors_remind_once(self):
        with self.registry.cursor() as setup_cr:
            env = api.Environment(setup_cr, SUPERUSER_ID, {"tracking_disable": True})
            escalation = self._make_committed_overdue_escalation(env)
            setup_cr.commit()
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                model_a = api.Environment(cr_a, SUPERUSER_ID, {})["hr.invitation.escalation"]
                model_b = api.Environment(cr_b, SUPERUSER_ID, {})["hr.invitation.escalation"]
                # Both runs find the request overdue; the first one claims it and holds it.
                with freeze_time("2026-01-19 11:00:00"):
                    self.assertEqual(model_a._cron_remind_overdue_requests(), 1)
                    self.assertEqual(
                        model_b._cron_remind_overdue_requests(), 0, "B skips what A holds"
                    )
                cr_a.commit()
                cr_b.commit()
            with self.registry.cursor() as check_cr:
                check_cr.execute(
                    "SELECT reminded_at FROM hr_invitation_escalation WHERE id = %s",
                    [escalation.id],
                )
                self.assertEqual(check_cr.fetchone()[0], datetime(2026, 1, 19, 11, 0))
        finally:
            with self.registry.cursor() as cleanup_cr:
                env = api.Environment(cleanup_cr, SUPERUSER_ID, {})
                escalation = escalation.with_env(env)
                applicant = escalation.invitation_id.applicant_id
                candidate, job = applicant.candidate_id, applicant.job_id
                escalation.invitation_id.unlink()
                applicant.unlink()
                candidate.unlink()
                job.unlink()

    def _make_committed_overdue_escalation(self, env):
        company = env.ref("base.main_company")
        job = env["hr.job"].create({"name": "Concurrency Check", "company_id": company.id})
        candidate = env["hr.candidate"].create(
            {"partner_name": "Concurrent Candidate", "company_id": company.id}
        )
        applicant = env["hr.applicant"].create(
            {"candidate_id": candidate.id, "job_id": job.id, "company_id": company.id}
        )
        invitation = env["hr.invitation"].create({"applicant_id": applicant.id})
        return env["hr.invitation.escalation"].create(
            {
                "invitation_id": invitation.id,
                "reason": "Concurrency check",
                "requested_at": datetime(2026, 1, 1, 9, 0),
            }
        )


@tagged("post_install", "-at_install")
class TestEscalationTour(HttpCase):
    def test_manager_approves_from_the_activity(self):
        """In Chromium: the department manager opens the approval activity and approves."""
        recruiter = new_test_user(
            self.env,
            login="esc_tour_recruiter",
            groups="hr_recruitment.group_hr_recruitment_user",
            tz="Europe/Brussels",
        )
        senior = new_test_user(
            self.env, login="esc_tour_senior", groups="hr_recruitment_invitation.group_senior_hr"
        )
        manager = new_test_user(
            self.env, login="esc_tour_manager", groups="base.group_user", tz="Europe/Brussels"
        )
        department = self.env["hr.department"].create(
            {
                "name": "R&D",
                "manager_id": self.env["hr.employee"]
                .create({"name": "Tour Manager", "user_id": manager.id})
                .id,
            }
        )
        job = self.env["hr.job"].create(
            {
                "name": "R&D Engineer",
                "is_key_role": True,
                "department_id": department.id,
                "senior_hr_user_id": senior.id,
            }
        )
        candidate = self.env["hr.candidate"].create(
            {
                "partner_name": "Lukas Schmidt",
                "partner_phone": "+49 151 23456789",
                "employment_status": "employed",
            }
        )
        applicant = self.env["hr.applicant"].create(
            {"candidate_id": candidate.id, "job_id": job.id, "user_id": recruiter.id}
        )
        applicant.with_user(recruiter).action_plan_invitation_call()
        invitation = applicant.invitation_ids.with_user(recruiter)
        call = invitation._start_call()
        call.with_user(recruiter).write({"outcome": "invited", "interest_level": "interested"})
        call.with_user(recruiter).action_end_call()
        escalation = invitation.escalation_ids
        self.assertEqual(escalation.approver_id, manager)
        # Due today in Brussels, which is tomorrow for headless Chromium (the machine's zone, UTC)
        # between 23:00 and midnight UTC: the activity menu would list it as planned, not due. A
        # day earlier, it is listed (late, or due today) whatever the hour and the browser's zone.
        escalation.activity_ids.date_deadline = fields.Date.subtract(
            escalation.activity_ids.date_deadline, days=1
        )

        self.start_tour(
            "/odoo", "hr_recruitment_invitation_escalation_tour", login="esc_tour_manager"
        )

        self.assertEqual(escalation.state, "approved")
        self.assertEqual(escalation.decided_by_id, manager)
        self.assertEqual(invitation.activity_ids.user_id, senior)
