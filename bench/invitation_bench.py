"""Benchmark of hr_recruitment_invitation at scale, against Odoo's own parts in the same run.

bench/run.sh builds a database of its own (the addon, no demo data) and runs this script on it:

    python3 bench/invitation_bench.py --database DB --addons-path PATH [--repeat 5] [--quick]

It seeds the database, measures each figure of issue 8 in a function of its own, and prints
one Markdown table on stdout (progress goes to stderr). Times are medians over repeated runs;
query counts come from the cursor's counter. Its database is thrown away afterwards.
"""

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import timedelta

import measure
import seed
from measure import (
    NOT_MEASURED,
    Row,
    count_queries,
    log,
    median_seconds,
    median_seconds_alternating,
    ratio,
    verdict,
)

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tools import config, split_every

PLANNING_BATCH = 500
WARM_UP = 20  # applications planned (and rolled back) before measuring
TARGET_PLANNER_RATE = 20_000
TARGET_QUERIES_PER_BATCH = 10
TARGET_10K_SECONDS = 20.0
TARGET_EXTRA_READ_QUERIES = 1
TARGET_REPORT_MS = 500.0


@dataclass
class Scale:
    """Sizes of one run; ``quick`` is a smoke test of the harness, not a measurement."""

    planner_candidates: int = 20_000
    planning_sizes: tuple = (1_000, 10_000)
    report_copies: int = 9  # the 10,000 planned invitations + 9 copies = 100,000
    repeat: int = 5
    big_repeat: int = 3  # repeats of the 10,000-applicant runs, the slow ones
    read_repeat: int = 20

    @classmethod
    def quick(cls):
        return cls(5_000, (500, 1_000), 1, 2, 1, 4)


# ---------------------------------------------------------------------------
# 1. The call planner, pure Python
# ---------------------------------------------------------------------------


def bench_planner(scale):
    from odoo.addons.hr_recruitment_invitation.tools import call_planner

    batches = seed.planner_batches(scale.planner_candidates, PLANNING_BATCH)
    found = []

    def plan_all():
        found.clear()
        for now, hr_intervals, holidays, people in batches:
            for zone, status, kinds in people:
                window = call_planner.next_window(
                    now, zone, status, hr_intervals=hr_intervals, holidays=holidays, kinds=kinds
                )
                found.append(window is not None)

    def clear_caches():
        call_planner._day_windows.cache_clear()
        call_planner._week_plan.cache_clear()

    seconds = median_seconds(plan_all, scale.repeat, before=clear_caches, clock=time.process_time)
    rate = scale.planner_candidates / seconds
    row = Row(
        "1. Planner: next_window() per CPU second, pure Python, one core",
        f"{rate:,.0f} candidates/s",
        f">= {TARGET_PLANNER_RATE:,}/s",
        "n/a (no core equivalent)",
        verdict(rate >= TARGET_PLANNER_RATE),
        f"{scale.planner_candidates:,} candidates of {len(seed.CANDIDATE_ZONES)} zones in "
        f"batches of {PLANNING_BATCH} at instants spread over 2026, 15% of them retries at "
        f"one window kind; planner caches cleared before each run; CPU time of this single "
        f"thread (wall time depends on what else the shared machine runs); "
        f"{sum(found) / len(found):.1%} got a window within the 21-day horizon.",
    )
    explain_miss(
        row,
        f"{TARGET_PLANNER_RATE - rate:,.0f} candidates/s",
        "next_window() converts each batch's HR intervals and holidays again for every "
        "candidate, and local days are rarely cached across batches spread over a year",
        "convert a batch's intervals once and share them between its candidates",
    )
    return [row]


# ---------------------------------------------------------------------------
# 2. Planning calls through the ORM, against core activity scheduling
# ---------------------------------------------------------------------------


@dataclass
class BatchRun:
    seconds: float
    queries: list  # per batch


def run_in_batches(registry, ids, function, keep=False):
    """Call ``function`` on the applications ``ids`` by batches, each batch in a transaction of
    its own with a cold cache, like a request; rolled back unless ``keep``, then vacuumed."""
    queries = []
    start = time.perf_counter()
    for batch in split_every(PLANNING_BATCH, ids):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            applicants = env["hr.applicant"].browse(batch)
            queries.append(count_queries(env, lambda applicants=applicants: function(applicants)))
            if not keep:
                cr.rollback()
    seconds = time.perf_counter() - start
    seed.vacuum(registry)
    return BatchRun(seconds, queries)


def bench_planning(registry, applicant_ids, recruiter_id, scale):
    def plan(batch):
        batch.with_user(recruiter_id).action_plan_invitation_call()

    deadline = fields.Date.today() + timedelta(days=1)

    def schedule_core_call(batch):
        batch.with_user(recruiter_id).activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=deadline,
            summary="Call the candidate",
            note="Invite the candidate to an interview.",
            user_id=recruiter_id,
        )

    warm_up = applicant_ids[-WARM_UP:]
    run_in_batches(registry, warm_up, schedule_core_call)
    run_in_batches(registry, warm_up, plan)
    rows, ours_queries, core_queries = [], [], []
    for size in scale.planning_sizes:
        sample = applicant_ids[:size]
        keep = size == scale.planning_sizes[-1]  # its invitations feed the analysis
        repeat = scale.big_repeat if size >= 10_000 else scale.repeat
        log(f"2. planning {size:,} applicants and the core baseline, {repeat} runs each")
        ours, core = [], []
        for run in range(repeat):
            core.append(run_in_batches(registry, sample, schedule_core_call))
            ours.append(run_in_batches(registry, sample, plan, keep=keep and run == repeat - 1))
        ours_queries += [count for batch_run in ours for count in batch_run.queries]
        core_queries += [count for batch_run in core for count in batch_run.queries]
        seconds = statistics.median(batch_run.seconds for batch_run in ours)
        core_seconds = statistics.median(batch_run.seconds for batch_run in core)
        rows.append(_planning_time_row(size, seconds, core_seconds, repeat))
    rows.append(_planning_queries_row(ours_queries, core_queries))
    return rows


def _planning_time_row(size, seconds, core_seconds, repeat):
    big = size >= 10_000
    row = Row(
        f"2. Plan invitation calls for {size:,} applicants (ORM, batches of {PLANNING_BATCH})",
        f"{seconds:.1f} s ({size / seconds:,.0f}/s)",
        f"<= {TARGET_10K_SECONDS:.0f} s" if big else "n/a",
        ratio(seconds, core_seconds),
        verdict(seconds <= TARGET_10K_SECONDS) if big else NOT_MEASURED,
        f"median of {repeat} runs; baseline: core activity_schedule() of a phone-call activity "
        f"on the same applicants, same batches: {core_seconds:.1f} s. Ours creates the "
        "invitation, guesses the zone from the phone number, plans the window, creates the call "
        "activity and logs the plan in the chatter, with state tracking.",
    )
    return explain_miss(
        row,
        f"{seconds - TARGET_10K_SECONDS:.1f} s ({seconds / TARGET_10K_SECONDS:.1f}x the target)",
        "the time is the ORM's work per record, with no single hot spot: the call activities "
        f"(core activity_schedule() alone takes {core_seconds:.1f} s here), creating the "
        "invitations, the chatter log with HTML-sanitised bodies, and the plan message, "
        "formatted twice per invitation (activity note and chatter, about a sixth of a batch)",
        "format the plan message once for both, and plan selections of thousands in a "
        "background job (ir.cron with _notify_progress) so that no request waits on them",
    )


def _planning_queries_row(ours, core):
    low, high = min(ours), max(ours)
    typical = statistics.median(ours)
    row = Row(
        f"2. SQL queries per batch of {PLANNING_BATCH} planned applicants",
        f"{typical:.0f} (min {low}, max {high}, {len(ours)} batches)",
        f"constant, <= {TARGET_QUERIES_PER_BATCH}",
        ratio(typical, statistics.median(core)),
        verdict(high == low and high <= TARGET_QUERIES_PER_BATCH),
        f"every batch of every run above, each with a cold cache; baseline "
        f"activity_schedule(): {statistics.median(core):.0f} per batch "
        f"(min {min(core)}, max {max(core)}), one hr.candidate read per activity for its "
        "record name.",
    )
    return explain_miss(
        row,
        f"{high - TARGET_QUERIES_PER_BATCH} queries over the target"
        + ("" if high == low else f", and {high - low} between batches"),
        "Odoo's ORM writes 100 rows per INSERT or UPDATE statement: about 5 statements per "
        "created model (invitations, activities, chatter messages, followers) per batch of 500, "
        "plus the batch's reads",
        "nothing within the ORM: 10 would take raw SQL inserts past its access rules, chatter "
        "and computed fields; the count is constant per batch, which is what scales",
    )


def explain_miss(row, by_how_much, why, what_would_close_it):
    """Say, on a missed target, by how much, why and what would close it."""
    if row.verdict == "MISS":
        row.note += f" MISSED by {by_how_much}. Why: {why}. Would close it: {what_would_close_it}."
    return row


# ---------------------------------------------------------------------------
# 3. Applicant list and kanban: with and without the addon's fields
# ---------------------------------------------------------------------------


def bench_applicant_reads(env, recruiter, scale):
    from odoo.addons.hr_recruitment_invitation.bench.web_reads import (
        view_read_specification,
        without_addon_fields,
    )

    applicants = env["hr.applicant"].with_user(recruiter)
    total = applicants.search_count([])
    rows = []
    for view_type in ("list", "kanban"):
        specification = view_read_specification(applicants, view_type)
        core_specification = without_addon_fields(applicants, specification)
        reads = {
            "ours": _web_search_read_80(applicants, specification),
            "core": _web_search_read_80(applicants, core_specification),
        }
        queries = {name: _count_read_queries(env, read) for name, read in reads.items()}
        seconds = median_seconds_alternating(reads, scale.read_repeat, before=env.invalidate_all)
        extra = queries["ours"] - queries["core"]
        added = sorted(set(specification) - set(core_specification)) or ["none"]
        row = Row(
            f"3. Applicant {view_type}: web_search_read of 80 records, extra queries",
            f"+{extra} ({queries['ours']} vs {queries['core']}); {seconds['ours'] * 1000:.0f} ms",
            f"<= +{TARGET_EXTRA_READ_QUERIES}",
            ratio(seconds["ours"], seconds["core"]),
            verdict(extra <= TARGET_EXTRA_READ_QUERIES),
            f"the view's read against the same read without the addon's fields "
            f"({', '.join(added)}), same database ({total:,} applications), cold cache; "
            f"medians of {scale.read_repeat} reads each, taking turns "
            f"({seconds['core'] * 1000:.0f} ms without).",
        )
        explain_miss(
            row,
            f"{extra - TARGET_EXTRA_READ_QUERIES} queries",
            f"the addon's fields of the {view_type} view are read with queries of their own",
            "store them, or compute them for the whole page with one grouped read",
        )
        rows.append(row)
    return rows


def _web_search_read_80(applicants, specification):
    """The web client's first page of a list or kanban view."""
    return lambda: applicants.web_search_read([], specification, limit=80, count_limit=10001)


def _count_read_queries(env, read):
    read()  # warm the registry caches
    env.invalidate_all()
    result = {}
    queries = count_queries(env, lambda: result.update(read()))
    if len(result["records"]) != 80:
        raise RuntimeError(f"expected 80 applications, read {len(result['records'])}")
    return queries


# ---------------------------------------------------------------------------
# 4. and 5.: capabilities still being written
# ---------------------------------------------------------------------------


def bench_portal(_env, _scale):
    return [
        Row(
            "4. Portal page p50/p95 server time, 500 requests, 4 clients",
            "not yet available",
            "p95 <= 80 ms, <= 20 queries/request, ratio <= 1.0 vs /calendar/meeting/view",
            note="the candidate's page (GET /my/interviews/<id>, controllers/portal.py) has "
            "landed, but its load harness (an Odoo HTTP server on the bench database, 4 client "
            "threads, server time and queries per request from its log) is not written yet; "
            "until it is, this row stays unmeasured.",
        )
    ]


def bench_crons(_env, _scale):
    return [
        Row(
            "5. Reminder and no-show crons on 10,000 upcoming interviews",
            "not yet available",
            "<= 60 s, constant queries/batch, one reminder per interview",
            note="the crons have landed (_cron_send_interview_reminders, _cron_mark_no_shows), "
            "but seeding 10,000 upcoming interviews (calendar events) and timing them is not "
            "written yet; until it is, this row stays unmeasured.",
        )
    ]


# ---------------------------------------------------------------------------
# 6. The invitation analysis on 100,000 invitations
# ---------------------------------------------------------------------------


def bench_report(env, recruiter, scale):
    from odoo.addons.hr_recruitment_invitation.bench.web_reads import pivot_read_group

    report = env["hr.invitation.report"].with_user(recruiter)
    measures, groupby = pivot_read_group(report)
    applicants = env["hr.applicant"].with_user(recruiter)
    rows_count = report.search_count([])

    def ours():
        return report.read_group([], measures, groupby, lazy=False)

    def core():
        return applicants.read_group([], ["__count"], ["stage_id", "job_id"], lazy=False)

    timings = median_seconds_alternating(
        {"ours": ours, "core": core}, scale.repeat, before=env.invalidate_all
    )
    seconds, core_seconds = timings["ours"], timings["core"]
    env.invalidate_all()
    queries = count_queries(env, ours)
    groups = ours()
    if sum(group["__count"] for group in groups) != rows_count:
        raise RuntimeError("the grouped read does not cover every invitation")
    row = Row(
        f"6. Invitation analysis read_group ({' x '.join(groupby)}), {rows_count:,} rows",
        f"{seconds * 1000:.0f} ms ({queries} queries, {len(groups)} groups)",
        f"<= {TARGET_REPORT_MS:.0f} ms",
        ratio(seconds, core_seconds),
        verdict(seconds * 1000 <= TARGET_REPORT_MS),
        f"medians of {scale.repeat}, taking turns; the pivot's {len(measures)} measures "
        "(no feedback or interview reviews seeded: their parts of the view are empty); "
        "baseline: Odoo's "
        f"Recruitment Analysis read_group (stage x job, count) on "
        f"{applicants.search_count([]):,} applications: {core_seconds * 1000:.0f} ms.",
    )
    explain_miss(
        row,
        f"{seconds * 1000 - TARGET_REPORT_MS:.0f} ms",
        "the SQL view joins applications and candidates and aggregates every call of every "
        "invitation (and feedback and reviews) on each read",
        "store the call counters on hr.invitation (or materialise the view, refreshed by a cron) "
        "so that the read scans one table, as core's does",
    )
    return [row]


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def run(registry, scale):
    """Measure every figure; seeded data is committed, as a real database's would be."""
    rows = []
    log(f"1. planner, {scale.planner_candidates:,} candidates")
    rows += bench_planner(scale)

    size = max(scale.planning_sizes)
    log(f"seeding the company, recruiters, jobs and {size:,} applications through the ORM")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        recruiters, jobs = seed.setup_company(env)
        applicants = seed.create_applicants(env, size + WARM_UP, recruiters[0], jobs)
        recruiter_ids, applicant_ids = recruiters.ids, applicants.ids
    rows += bench_planning(registry, applicant_ids, recruiter_ids[0], scale)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        invitations = env["hr.applicant"].browse(applicant_ids).invitation_ids
        log(f"seeding calls for {len(invitations):,} invitations, {scale.report_copies} SQL copies")
        seed.create_calls(env, invitations)
        seed.copy_recruitment_rows(env, invitations, scale.report_copies, recruiter_ids)
    seed.vacuum(registry, analyze=True)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        recruiter = env["res.users"].browse(recruiter_ids[0])
        log("3. applicant list and kanban reads")
        rows += bench_applicant_reads(env, recruiter, scale)
        rows += bench_portal(env, scale)
        rows += bench_crons(env, scale)
        log("6. invitation analysis")
        rows += bench_report(env, recruiter, scale)
        cr.rollback()
    return rows


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--repeat", type=int, help="runs per median (default 5)")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--output", help="also write the machine and the table to this file")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    scale = Scale.quick() if args.quick else Scale()
    if args.repeat:
        scale.repeat = scale.big_repeat = args.repeat
    config.parse_config(
        ["--database", args.database, "--addons-path", args.addons_path, "--log-level=warn"],
        setup_logging=True,
    )
    registry = Registry(args.database)
    started = time.perf_counter()
    with registry.cursor() as cr:
        machine = measure.describe_machine(cr)
    rows = run(registry, scale)
    machine.append(f"load average at the end: {measure.load_average()}")
    minutes = (time.perf_counter() - started) / 60
    text = "\n".join(
        [*machine, f"benchmark: {minutes:.1f} min{' (--quick)' if args.quick else ''}", ""]
        + [measure.format_table(rows)]
    )
    sys.stdout.write(text + "\n")
    if args.output:
        with open(args.output, "w", encoding="utf-8") as output:
            output.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
