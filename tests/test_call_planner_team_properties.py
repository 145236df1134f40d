"""Properties of plan_calls() on the team's side, over the scenarios of test_call_planner: the
preferred caller keeps every call they can make, and a call waits only when nobody can make it.

test_call_planner's properties check each plan (both clocks, days off, spacing); these check
the plans that were not made, or not made by the recruiter.
"""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from odoo.tests import BaseCase, tagged

from odoo.addons.hr_recruitment_invitation.tools.call_planner import NO_COMMON_TIME, plan_calls

from .test_call_planner import dst_moments, planning_scenarios, scenario_hr

TEAM_SETTINGS = settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@tagged("post_install", "-at_install")
class TestCallPlanningTeamProperties(BaseCase):
    @TEAM_SETTINGS
    @given(planning_scenarios())
    def test_calls_leave_their_recruiter_only_when_they_cannot_make_them(self, scenario):
        self.check_team(scenario)

    @TEAM_SETTINGS
    @given(planning_scenarios(moments=dst_moments))
    def test_the_same_around_dst_changes(self, scenario):
        self.check_team(scenario)

    def check_team(self, scenario):
        """Calls only get added while planning, so a caller who had no slot for a request when
        it was planned has none with all their calls of the run either: each such caller alone,
        with every call the run gave them, still finds no slot for it."""
        hr = scenario_hr(scenario)
        now, config = scenario["now"], scenario["config"]
        options = {"hr_intervals": hr, "holidays": scenario["holidays"]}
        plans = plan_calls(scenario["requests"], scenario["callers"], now, config, **options)
        calls = {caller.key: list(caller.busy) for caller in scenario["callers"]}
        for plan in plans:
            if plan.window:
                calls[plan.caller].append(plan.window.start)
        booked = {
            caller.key: replace(caller, busy=tuple(calls[caller.key]))
            for caller in scenario["callers"]
        }
        pairs = list(zip(scenario["requests"], plans, strict=True))
        shared = {request.group for request, plan in pairs if plan.window}
        for request, plan in pairs:
            if request.group is not None and request.group in shared:
                continue  # its candidate's call, planned once for the group
            if plan.window is None:
                self.assertEqual(plan.reason, NO_COMMON_TIME)
                unable = list(booked.values())
            elif request.caller is not None and plan.caller != request.caller:
                unable = [booked[request.caller]]
            else:
                continue
            for caller in unable:
                alone = replace(request, caller=None, group=None)
                (again,) = plan_calls([alone], [caller], now, config, **options)
                self.assertIsNone(
                    again.window,
                    f"{caller.key} could call {request.key} at {again.window} "
                    f"(planned: {plan.caller}, {plan.window})",
                )
