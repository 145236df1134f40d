"""Access matrix: every role x every model of the addon x create/read/write/unlink, compared
with what Odoo answers (check_access), and multi-company isolation."""

import logging

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import InvitationCase

_logger = logging.getLogger(__name__)

ROLES = {
    "public": "base.group_public",
    "portal": "base.group_portal",
    "employee": "base.group_user",
    "interviewer": "hr_recruitment.group_hr_recruitment_interviewer",
    "recruiter": "hr_recruitment.group_hr_recruitment_user",
    "senior_hr": "hr_recruitment_invitation.group_senior_hr",
    "approver": "hr_recruitment_invitation.group_escalation_approver",
    "manager": "hr_recruitment.group_hr_recruitment_manager",
}
# Expected rights per model, one string per role in ROLES order (c=create r=read w=write
# u=unlink). Record rules narrow them further (own company, own interviews, own requests).
READ_ONLY_REPORT = ("", "", "", "", "r", "", "", "r")
EXPECTED = {
    "hr.invitation": ("", "", "", "r", "crw", "rw", "r", "crwu"),
    "hr.invitation.call": ("", "", "", "r", "crw", "crw", "", "crwu"),
    "hr.invitation.concern.topic": ("", "", "", "r", "r", "r", "", "crwu"),
    "hr.invitation.concern": ("", "", "", "r", "crwu", "crw", "", "crwu"),
    # Any employee may be the requester or the department manager who approves a request.
    "hr.invitation.escalation": ("", "", "rw", "rw", "crw", "rw", "rw", "crwu"),
    "hr.invitation.feedback": ("", "", "", "r", "r", "r", "", "crwu"),
    "hr.invitation.feedback.answer": ("", "", "", "r", "r", "r", "", "crwu"),
    "hr.invitation.review": ("", "", "", "crw", "crw", "crw", "", "crwu"),
    "hr.invitation.slot": ("", "", "", "r", "crwu", "r", "", "crwu"),
    # Interviews and their follow-ups are created by scheduling; reception checks in through
    # the interview's button.
    "hr.invitation.interview": ("", "", "", "r", "crw", "r", "", "crwu"),
    "hr.invitation.followup": ("", "", "", "r", "crw", "r", "", "crwu"),
    "hr.invitation.schedule": ("", "", "", "", "crwu", "", "", "crwu"),
    "hr.candidate.experience": ("", "", "", "r", "crwu", "r", "", "crwu"),
    # Core model (interviewers may write but not read, as in hr_recruitment); the addon lets
    # senior HR read the candidates they follow up.
    "hr.candidate": ("", "", "", "w", "crwu", "rw", "", "crwu"),
    # Call scripts: managers write the templates, recruiters and senior HR run the script.
    "hr.invitation.script.template": ("", "", "", "r", "r", "r", "", "crwu"),
    "hr.invitation.script.item": ("", "", "", "r", "crwu", "r", "", "crwu"),
    "hr.invitation.call.script": ("", "", "", "", "crwu", "crw", "", "crwu"),
    # The question before a call in the candidate's quiet hours.
    "hr.invitation.quiet.call": ("", "", "", "", "crw", "crw", "", "crw"),
    # The reminder call's short script before the interview.
    "hr.invitation.reminder.call": ("", "", "", "", "crw", "crw", "", "crw"),
    # The pickup dialog of Send a Car.
    "hr.invitation.send.car": ("", "", "", "", "crw", "", "", "crw"),
    "hr.invitation.call.script.line": ("", "", "", "", "crwu", "crwu", "", "crwu"),
    "hr.invitation.call.script.concern": ("", "", "", "", "crwu", "crwu", "", "crwu"),
    "hr.invitation.call.script.window": ("", "", "", "", "crwu", "crwu", "", "crwu"),
    "hr.invitation.portal.attempt": ("", "", "", "", "", "", "", ""),
    "hr.invitation.report": READ_ONLY_REPORT,
    "hr.invitation.concern.report": READ_ONLY_REPORT,
    "hr.invitation.funnel.report": READ_ONLY_REPORT,
    "hr.invitation.interview.report": READ_ONLY_REPORT,
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}
# Company-dependent models whose rows a user of another company must never see.
COMPANY_MODELS = [
    "hr.invitation",
    "hr.invitation.call",
    "hr.invitation.concern",
    "hr.invitation.feedback",
    "hr.invitation.slot",
    "hr.invitation.interview",
    "hr.invitation.followup",
    "hr.invitation.report",
    "hr.invitation.funnel.report",
    "hr.invitation.interview.report",
]


@tagged("post_install", "-at_install")
class TestSecurityAccess(InvitationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: cls._new_company_user(f"inv_matrix_{role}", group)
            for role, group in ROLES.items()
        }

    def test_every_role_has_exactly_the_expected_rights_on_every_model(self):
        addon_models = set(
            self.env["ir.model.access"]
            .search([])
            .filtered(
                lambda access: "hr_recruitment_invitation" in (access.get_external_id()[access.id])
            )
            .mapped("model_id.model")
        )
        self.assertEqual(addon_models - set(EXPECTED), set(), "every model is in the matrix")
        mismatches, tried = [], 0
        for model, rights in EXPECTED.items():
            for (role, user), expected in zip(self.users.items(), rights, strict=True):
                for letter, operation in OPERATIONS.items():
                    tried += 1
                    allowed = self.env[model].with_user(user).has_access(operation)
                    if allowed != (letter in expected):
                        mismatches.append(f"{role} {operation} {model}: {allowed}")
        self.assertEqual(mismatches, [])
        _logger.info("access matrix: %s cases tried, 0 mismatches", tried)

    def test_a_recruiter_of_company_a_sees_nothing_of_company_b(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        applicant_b = self.env["hr.applicant"].create(
            {
                "candidate_id": self.env["hr.candidate"]
                .create({"partner_name": "Other Company Candidate", "company_id": company_b.id})
                .id,
                "company_id": company_b.id,
            }
        )
        invitation_b = self.env["hr.invitation"].create({"applicant_id": applicant_b.id})
        self.env["hr.invitation.call"].create(
            {
                "invitation_id": invitation_b.id,
                "user_id": self.env.user.id,
                "note": "B note",
                "started_at": "2026-03-01 18:00:00",
                "ended_at": "2026-03-01 18:05:00",
                "outcome": "no_answer",
            }
        )
        self.env["hr.invitation.concern"].create(
            {
                "invitation_id": invitation_b.id,
                "topic_id": self.env["hr.invitation.concern.topic"].search([], limit=1).id,
            }
        )
        interview_b = self.env["hr.invitation.interview"].create(
            {
                "invitation_id": invitation_b.id,
                "start": "2026-03-02 09:00:00",
                "stop": "2026-03-02 10:00:00",
            }
        )
        self.env["hr.invitation.followup"].create(
            {
                "interview_id": interview_b.id,
                "kind": "no_show",
                "channel": "none",
                "due_at": "2026-03-02 10:00:00",
            }
        )
        self.env["hr.invitation.feedback"].create({"interview_id": interview_b.id})
        self.env["hr.invitation.slot"].create(
            {
                "interview_id": interview_b.id,
                "start": "2026-03-02 09:00:00",
                "stop": "2026-03-02 10:00:00",
            }
        )
        self.env.flush_all()
        manager_a = self._new_company_user("inv_matrix_manager_a", ROLES["manager"])
        tried = 0
        for user in (self.users["recruiter"], manager_a):
            for model in COMPANY_MODELS:
                tried += 1
                everything = self.env[model].sudo().search([("company_id", "=", company_b.id)])
                self.assertTrue(everything, f"company B has {model} rows")
                visible = self.env[model].with_user(user).search([])
                self.assertFalse(visible & everything.with_user(user), f"{user.login}: {model}")
                self.assertFalse(everything.with_user(user).has_access("read"))
        # A user of both companies sees B's rows once B is among their allowed companies.
        both = new_test_user(
            self.env,
            login="inv_matrix_both",
            groups=ROLES["recruiter"],
            company_id=self.company.id,
            company_ids=[Command.set([self.company.id, company_b.id])],
        )
        self.assertTrue(invitation_b.with_user(both).with_company(company_b).has_access("read"))
        _logger.info("multi-company: %s cases tried, 0 rows of company B visible", tried)
