from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.hr_recruitment_invitation.bench.web_reads import (
    view_read_specification,
    without_addon_fields,
)

from .common import InvitationCase

WEDNESDAY_MORNING = "2026-01-14 10:00:00"
FRENCH_MOBILE = "+33 6 12 34 56 78"
# Planning a batch of 500 applications as a recruiter does it, chatter on. The invitations are
# created in one batch and each recruiter subscribed once (not record by record, as
# mail.thread.create() would); what remains is Odoo's 100-row INSERT/UPDATE chunks, about five
# per created model per batch of 500.
PLANNING_QUERIES_PER_500 = 65
EXTRA_QUERIES_PER_VIEW_READ = 1


@tagged("post_install", "-at_install")
class TestQueryCounts(InvitationCase):
    """Query guards of the figures the benchmark measures (bench/run.sh): no wall-clock here."""

    def _count_queries(self, function):
        self.env.flush_all()
        start = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - start

    @freeze_time(WEDNESDAY_MORNING)
    def test_every_batch_of_500_costs_the_same_bounded_queries_with_the_chatter_on(self):
        """Unlike test_invitation_planning, tracking and followers are on, as in the UI."""
        with_chatter = dict(self.env.context)
        with_chatter.pop("tracking_disable", None)
        recruiter_env = self.env(user=self.recruiter, context=with_chatter)
        warm_up, first, second = (
            self._create_applicants(size, FRENCH_MOBILE, prefix=f"Batch {number}")
            for number, size in enumerate((500, 500, 500))
        )
        self.env.flush_all()

        def plan(applicants):
            self.env.invalidate_all()
            applicants.with_env(recruiter_env).action_plan_invitation_call()

        plan(warm_up)
        first_count = self._count_queries(lambda: plan(first))
        with self.assertQueryCount(PLANNING_QUERIES_PER_500):
            second_count = self._count_queries(lambda: plan(second))
        # Seen: 61 then 56 for two identical batches (a few cache fills happen once); what must
        # not happen is a count that grows with the batch, as record-by-record work would.
        self.assertLessEqual(abs(second_count - first_count), 5, (first_count, second_count))
        self.assertEqual(len(second.invitation_ids.filtered("next_call_at")), 500)

    @freeze_time(WEDNESDAY_MORNING)
    def test_applicant_list_and_kanban_read_at_most_one_query_more_with_the_addon(self):
        applicants = self._create_applicants(90, FRENCH_MOBILE)
        applicants.with_user(self.recruiter).action_plan_invitation_call()
        model = self.env["hr.applicant"].with_user(self.recruiter)
        for view_type in ("list", "kanban"):
            with self.subTest(view=view_type):
                specification = view_read_specification(model, view_type)
                core_specification = without_addon_fields(model, specification)

                def read(spec):
                    self.env.invalidate_all()
                    return model.web_search_read([], spec, limit=80, count_limit=10001)

                read(specification)  # warm the registry caches
                core_count = self._count_queries(lambda spec=core_specification: read(spec))
                with self.assertQueryCount(core_count + EXTRA_QUERIES_PER_VIEW_READ):
                    result = read(specification)
                self.assertEqual(len(result["records"]), 80)
