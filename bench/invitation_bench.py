"""Benchmark of hr_recruitment_invitation at scale, against Odoo's own parts in the same run.

bench/run.sh builds a database of its own (the addon, no demo data) and runs this script on it:

    python3 bench/invitation_bench.py --database DB --addons-path PATH [--repeat 5] [--quick]

It seeds the database, measures each figure of issue 8 in a function of its own, and prints
one Markdown table on stdout (progress goes to stderr). Times are medians over repeated runs;
query counts come from the cursor's counter. Its database is thrown away afterwards.
"""

import argparse
import multiprocessing
import os
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta

import measure
import seed
from measure import (
    Row,
    log,
    median_seconds,
    median_seconds_alternating,
    percentile,
    ratio,
    verdict,
)

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.modules.registry import Registry
from odoo.service import db as odoo_db
from odoo.tools import SQL, config, mute_logger, split_every

PLANNING_BATCH = 500
WARM_UP = 20  # applications planned (then undone) before measuring
CRON_PLANNING = "hr_recruitment_invitation.ir_cron_plan_requested_calls"
TARGET_REQUEST_SECONDS = 2.0
TARGET_PLANNER_RATE = 20_000
# Targets of issue 20: ratios to Odoo's own parts measured in the same run, taking turns.
TARGET_QUERIES_PER_BATCH = 57
TARGET_PLANNING_RATIO = 1.0  # the 10,000 applications against core's activity_schedule()
TARGET_EXTRA_READ_QUERIES = 0
TARGET_REPORT_RATIO = 2.0  # against Odoo's Recruitment Analysis read
PORTAL_PAGES = 20  # interviews whose pages the clients open in turn
PORTAL_CLIENTS = 4
PORTAL_ROUNDS = 5  # the candidate's and core's pages take turns, a fifth of the requests each
PORTAL_RUNS = 3  # the target holds in each run
PORTAL_WARM_UP = 20  # requests per page before measuring
PORTAL_ALONE = 100  # requests per page from one client, to tell queueing from work
TARGET_PORTAL_RATIO = 1.0  # p95 against Odoo's /calendar/meeting/view
TARGET_PORTAL_QUERIES = 20
CRON_REMINDERS = "hr_recruitment_invitation.ir_cron_interview_reminders"
CRON_NO_SHOWS = "hr_recruitment_invitation.ir_cron_interview_no_shows"
# Odoo's own queues, which send what the reminder cron queued.
CORE_QUEUES = ("mail.ir_cron_mail_scheduler_action", "sms.ir_cron_sms_scheduler_action")
# The seeded interviews start 1 to 23 hours from now; a day and an hour later, every one of
# them is past its no-show time (an hour after its start).
NO_SHOW_LATER = timedelta(days=1, hours=1)
TARGET_CRON_SECONDS = 60
# Two engines at once: the Recruitment setting "Follow-up Cron Workers" at 2 gives each
# follow-up cron a copy, its worker 2, which a second cron worker runs beside it.
CRON_WORKERS = 2
WORKER_TIMEOUT = 15 * 60  # seconds a cron worker process may take before the run fails
CRON_SETTINGS = {
    "reminder": "Seeded: interviews (hr.invitation.interview) starting 1 to 23 hours from now "
    "(in the 24-hour reminder window), their invitations sent two days ago, by email and text: "
    "two reminder follow-ups (hr.invitation.followup) per interview, an email and a text. The "
    "cron's batches are batches of follow-up rows, so a batch of 200 is about 100 interviews' "
    "emails and 100 interviews' texts (before the move to follow-up rows, 200 interviews, each "
    "with its email and text). It queues each batch's emails and texts (mail.mail, sms.sms), "
    "marks the rows queued and wakes Odoo's queue "
    "crons, which are then run until the queues are empty, all of Odoo's sending but the "
    "network (an SMTP connection that accepts every email, an SMS gateway answering success): "
    "the emails and texts counted are those the gateways received.",
    "no-show": "The same interviews a day and an hour later (their times, events and "
    "follow-ups' due times moved back in SQL), nobody checked in: the cron handles each "
    "interview's no-show follow-up (one row per interview, so a batch of 200 rows is 200 "
    "interviews, as before): the interview and its invitation marked a no-show, its "
    "candidate's attendance declined, a note logged, its other pending follow-ups settled.",
}
# (why, what would close it) of a missed cron target, from profiles of a batch
CRON_MISSES = {
    "reminder": (
        (
            "the batch's emails and texts are rendered at once (the email's body a QWeb view "
            "compiled once) and created in one create each; what remains is rendering each "
            "candidate's email and text in their language and zone, and Odoo's ORM creating "
            "them with their links"
        ),
        (
            "a shorter reminder, or more cron workers sharing the day's batches (each batch is "
            "its own transaction, locked: workers never send one twice)"
        ),
    ),
    "no-show": (
        (
            "hr.invitation.interview._mark_no_show logs a note per interview, one create at a "
            "time, and Odoo's tracking of the state logs another message with its value"
        ),
        (
            "log the batch's notes with one _message_log_batch() and write the candidates' "
            "attendances in one write"
        ),
    ),
}


@dataclass
class Scale:
    """Sizes of one run; ``quick`` is a smoke test of the harness, not a measurement."""

    planner_candidates: int = 20_000
    planning_applicants: int = 10_000
    report_copies: int = 9  # the 10,000 planned invitations + 9 copies = 100,000
    repeat: int = 5
    big_repeat: int = 3  # repeats of the 10,000-applicant runs, the slow ones
    read_repeat: int = 20
    interviews: int = 10_000  # upcoming interviews (one per invitation), portal and crons
    portal_requests: int = 500  # per page

    @classmethod
    def quick(cls):
        return cls(5_000, 1_000, 1, 2, 1, 4, interviews=1_000, portal_requests=100)


# ---------------------------------------------------------------------------
# 1. The call planner, pure Python
# ---------------------------------------------------------------------------


# 20 callers in 5 zones, 4 a zone with their own calling hours (local float hours)
PLANNER_CALLER_ZONES = (
    "Europe/Brussels",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Asia/Shanghai",
)
PLANNER_CALLER_HOURS = ((8.0, 21.0), (8.0, 17.0), (9.0, 21.0), (12.0, 21.0))


def planner_callers(call_planner, holidays):
    """The team of a batch: 20 callers in 5 zones, the company's public holidays taken off
    in each caller's own zone, as the ORM gives them to plan_calls()."""
    holiday_dates = call_planner.local_dates(holidays, seed.COMPANY_TZ)
    return [
        call_planner.Caller(
            f"{zone} {number}", zone, hour_from, hour_to, days_off=tuple(holiday_dates)
        )
        for zone in PLANNER_CALLER_ZONES
        for number, (hour_from, hour_to) in enumerate(PLANNER_CALLER_HOURS)
    ]


def bench_planner(scale):
    from odoo.addons.hr_recruitment_invitation.tools import call_planner

    batches = seed.planner_batches(scale.planner_candidates, PLANNING_BATCH)
    found = []

    def plan_all():
        found.clear()
        for now, hr_intervals, holidays, people in batches:
            team = planner_callers(call_planner, holidays)
            team_keys = [caller.key for caller in team]
            requests = [
                call_planner.CallRequest(
                    number, zone, status, caller=team_keys[number % len(team_keys)], kinds=kinds
                )
                for number, (zone, status, kinds) in enumerate(people)
            ]
            plans = call_planner.plan_calls(
                requests, team, now, hr_intervals=hr_intervals, holidays=holidays
            )
            found.extend(plan.window is not None for plan in plans)

    def clear_caches():
        call_planner._day_windows.cache_clear()
        call_planner._week_plan.cache_clear()
        call_planner._narrowed_kind_order.cache_clear()

    seconds = median_seconds(plan_all, scale.repeat, before=clear_caches, clock=time.process_time)
    rate = scale.planner_candidates / seconds
    row = Row(
        "1. Planner: plan_calls() per CPU second, pure Python, one core",
        f"{rate:,.0f} candidates/s",
        f">= {TARGET_PLANNER_RATE:,}/s",
        "n/a (no core equivalent)",
        verdict(rate >= TARGET_PLANNER_RATE),
        f"{scale.planner_candidates:,} candidates of {len(seed.CANDIDATE_ZONES)} zones in "
        f"batches of {PLANNING_BATCH} at instants spread over 2026, 15% of them retries at "
        f"one window kind, each batch planned by one plan_calls() for a team of "
        f"{len(PLANNER_CALLER_ZONES) * len(PLANNER_CALLER_HOURS)} callers in "
        f"{len(PLANNER_CALLER_ZONES)} zones (their own calling "
        f"hours and zones, the public holidays off in each caller's zone, calls "
        f"{call_planner.DEFAULT_CONFIG.slot_minutes} minutes apart, the preferred caller in "
        f"turn, the team when they have no slot); planner caches cleared before each run; "
        f"CPU time of this single thread (wall time depends on what else the shared machine "
        f"runs); {sum(found) / len(found):.1%} got a caller and a slot within the 21-day "
        f"horizon.",
    )
    explain_miss(
        row,
        f"{TARGET_PLANNER_RATE - rate:,.0f} candidates/s",
        "each request walks its zone's windows and its caller's free time from the start of "
        "the horizon, and local days are rarely cached across batches spread over a year",
        "keep per caller, zone and kinds the point before which no slot is left (the planner's "
        "cursors) across the team, and share the callers' free time between batches of one day",
    )
    return [row]


# ---------------------------------------------------------------------------
# 2. Planning calls through the ORM, against core activity scheduling
# ---------------------------------------------------------------------------


@dataclass
class BatchRun:
    seconds: float
    queries: list  # per batch


def run_in_batches(registry, ids, function):
    """Call ``function`` on the applications ``ids`` by batches, each batch in a transaction of
    its own with a cold cache, like a request; rolled back, then vacuumed."""
    from odoo.addons.hr_recruitment_invitation.tests.common import count_queries

    queries = []
    start = time.perf_counter()
    for batch in split_every(PLANNING_BATCH, ids):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            applicants = env["hr.applicant"].browse(batch)
            queries.append(count_queries(env, lambda applicants=applicants: function(applicants)))
            cr.rollback()
    seconds = time.perf_counter() - start
    seed.vacuum(registry)
    return BatchRun(seconds, queries)


def bench_planning(registry, applicant_ids, recruiter_id, scale):
    """Plan the calls of ``applicant_ids`` as a recruiter does from the list: the request
    queues them, the background job (Odoo's cron worker) plans them by batches, each batch
    committed; against core activity_schedule() of one call activity on the same applications
    and the job's floor (its records alone, nothing planned), taking turns. Every run but the
    last is undone (its invitations deleted), the last one's invitations feed the analysis."""
    from odoo.addons.hr_recruitment_invitation.models.hr_invitation_states import (
        ACTIVITY_INVITATION_CALL,
    )
    from odoo.addons.hr_recruitment_invitation.tests.common import record_cron_batches

    call = {
        "user_id": recruiter_id,
        "date_deadline": fields.Date.today() + timedelta(days=1),
        "summary": "Call the candidate",
        "note": "Invite the candidate to an interview.",
    }

    def schedule_core_call(batch):
        batch.with_user(recruiter_id).activity_schedule("mail.mail_activity_data_call", **call)

    def create_call_records(batch):
        """The job's floor: its records, created as it creates them, nothing planned."""
        invitations = batch.with_user(recruiter_id)._get_or_create_open_invitations()
        invitations._without_assignment_emails()._set_activities(
            ACTIVITY_INVITATION_CALL, dict.fromkeys(invitations.ids, call)
        )

    warm_up, sample = applicant_ids[-WARM_UP:], applicant_ids[: scale.planning_applicants]
    run_in_batches(registry, warm_up, schedule_core_call)
    run_in_batches(registry, warm_up, create_call_records)
    _plan_from_the_list(registry, warm_up, recruiter_id)
    _undo_planning(registry, warm_up)
    repeat = scale.big_repeat
    log(f"2. planning {len(sample):,} applications, its floor and the core baseline, {repeat} runs")
    requests, jobs, core, floor = [], [], [], []
    with record_cron_batches(registry) as batches:
        for run in range(repeat):
            core.append(run_in_batches(registry, sample, schedule_core_call))
            floor.append(run_in_batches(registry, sample, create_call_records))
            batches.new_run()
            request_seconds, job_seconds = _plan_from_the_list(registry, sample, recruiter_id)
            requests.append(request_seconds)
            jobs.append(job_seconds)
            if run < repeat - 1:
                _undo_planning(registry, sample)
        queries = _full_batch_queries(batches, PLANNING_BATCH)
    core_queries = [count for batch_run in core for count in batch_run.queries]
    floor_queries = [count for batch_run in floor for count in batch_run.queries]
    core_seconds = statistics.median(batch_run.seconds for batch_run in core)
    floor_seconds = statistics.median(batch_run.seconds for batch_run in floor)
    return [
        _planning_request_row(len(sample), requests),
        _planning_time_row(
            len(sample), statistics.median(jobs), core_seconds, floor_seconds, repeat
        ),
        _planning_queries_row(queries, core_queries, floor_queries),
    ]


def _plan_from_the_list(registry, applicant_ids, recruiter_id):
    """The recruiter's Plan Invitation Call on the applications, then the background job run
    as Odoo's cron worker runs it, to the end: (request seconds, job seconds)."""
    from odoo.addons.hr_recruitment_invitation.bench.cron_runs import run_cron_job

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        start = time.perf_counter()
        applicants = env["hr.applicant"].browse(applicant_ids).with_user(recruiter_id)
        applicants.action_plan_invitation_call()
        env.flush_all()
        request_seconds = time.perf_counter() - start
    return request_seconds, run_cron_job(registry, CRON_PLANNING)


def _undo_planning(registry, applicant_ids):
    """Delete the invitations of ``applicant_ids`` (with their activities, notes and followers)
    and vacuum, so that the next run starts from the same database."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["hr.applicant"].browse(applicant_ids).invitation_ids.unlink()
    seed.vacuum(registry)


def _planning_request_row(size, seconds):
    worst = max(seconds)
    row = Row(
        f"2. Plan Invitation Call on {size:,} applications from the list: the request",
        f"{worst:.2f} s (slowest of {len(seconds)})",
        f"< {TARGET_REQUEST_SECONDS:.0f} s",
        "n/a (core has no such request)",
        verdict(worst < TARGET_REQUEST_SECONDS),
        "the list's action on the whole selection, as the recruiter's request (their access "
        "rights, one transaction): it marks the applications for the background job (one "
        "column) and wakes the job up; the job creates and plans their invitations. Times: "
        + ", ".join(f"{value:.2f} s" for value in seconds)
        + ".",
    )
    return explain_miss(
        row,
        f"{worst - TARGET_REQUEST_SECONDS:.2f} s",
        "marking the applications writes one column of each, by statements of 100 rows",
        "one UPDATE of the whole selection",
    )


def _planning_time_row(size, seconds, core_seconds, floor_seconds, repeat):
    row = Row(
        f"2. The background job planning {size:,} applications (batches of {PLANNING_BATCH}, "
        "each committed)",
        f"{seconds:.1f} s ({size / seconds:,.0f}/s)",
        f"ratio <= {TARGET_PLANNING_RATIO:.1f}",
        ratio(seconds, core_seconds),
        verdict(seconds <= TARGET_PLANNING_RATIO * core_seconds),
        f"median of {repeat} runs, as Odoo's cron worker runs the job (ir.cron._process_job: "
        "the requester's rights, a commit per batch, the calendar of the callers filling up "
        "from batch to batch); baseline: core activity_schedule() of a phone-call activity on "
        f"the same applications, batches of {PLANNING_BATCH}: {core_seconds:.1f} s. Ours "
        "creates each invitation with its followers, guesses the zone from the phone number, "
        "plans the caller and window, gives the call to a colleague when the recruiter has no "
        "free time and creates the call activity whose note says the plan (and why a colleague "
        "makes the call). Its floor, measured in the same turns as the baseline: its records "
        "alone (each application's invitation, its recruiter following it, and its call "
        f"activity, created as the job creates them, nothing planned): {floor_seconds:.1f} s "
        f"({ratio(floor_seconds, core_seconds)} core's time).",
    )
    return explain_miss(
        row,
        f"{seconds - TARGET_PLANNING_RATIO * core_seconds:.1f} s "
        f"({seconds / core_seconds:.2f}x core's time against {TARGET_PLANNING_RATIO:.1f}x)",
        f"the floor alone is {floor_seconds / core_seconds:.2f}x core's time: two ORM creates "
        "per application (defaults, precomputed columns, access rules) where core makes one; "
        f"the other {seconds - floor_seconds:.1f} s are the planning (the callers' hours and "
        "planned calls read again after each commit, each zone guessed from the phone number, "
        "the caller and window chosen), a write per invitation of its plan after its INSERT "
        "(the plans differ) and the plan's note in both zones",
        "no change to the job alone, whose floor is about the target: a target relative to the "
        "floor, or fewer records per application than the feature keeps (the call activity "
        "created only for the coming days' calls, which changes what recruiters see); creating "
        "each invitation with its plan would spare the write after its INSERT, not the creates",
    )


def _planning_queries_row(ours, core, floor):
    low, high = min(ours), max(ours)
    typical = statistics.median(ours)
    row = Row(
        f"2. SQL queries per batch of {PLANNING_BATCH} of the background job",
        f"{typical:.0f} (min {low}, max {high}, {len(ours)} batches)",
        f"constant, <= {TARGET_QUERIES_PER_BATCH}",
        ratio(typical, statistics.median(core)),
        verdict(high == low and high <= TARGET_QUERIES_PER_BATCH),
        f"every full batch of every run above, as the cron worker runs it (from one batch's "
        "end to the next, its commit included); baseline "
        f"activity_schedule(): {statistics.median(core):.0f} per batch "
        f"(min {min(core)}, max {max(core)}), one hr.candidate read per activity for its "
        f"record name. The job's floor (its records alone, nothing planned, as in the row "
        f"above): {statistics.median(floor):.0f} per batch.",
    )
    return explain_miss(
        row,
        f"{high - TARGET_QUERIES_PER_BATCH} queries over the target"
        + ("" if high == low else f", and {high - low} between batches"),
        "Odoo's ORM writes 100 rows per INSERT or UPDATE statement: about 5 statements per "
        "created or updated model per batch of 500 (the invitations, their plans, the "
        "activities, the followers, the applications' state and mark in one UPDATE), about 30 "
        "of the batch's queries; the rest reads what a batch needs once (the requesters, the "
        "applications, callers, hours, holidays, leaves, planned calls), again after each "
        "commit. A batch whose calls go to colleagues creates more follower rows (the caller "
        "besides the recruiter) and more distinct UPDATEs, a few 100-row statements more",
        "read the callers' hours, holidays and leaves once per run of the job instead of after "
        "each commit (about 20 queries a batch), and create the invitations with their plans "
        "(no UPDATE after, about -6, once the two columns computed after the INSERT are "
        "precomputed too); the counts would still vary with the colleagues given calls",
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
    from odoo.addons.hr_recruitment_invitation.tests.common import (
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
            f"+{TARGET_EXTRA_READ_QUERIES}",
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
    from odoo.addons.hr_recruitment_invitation.tests.common import count_queries

    read()  # warm the registry caches
    env.invalidate_all()
    result = {}
    queries = count_queries(env, lambda: result.update(read()))
    if len(result["records"]) != 80:
        raise RuntimeError(f"expected 80 applications, read {len(result['records'])}")
    return queries


# ---------------------------------------------------------------------------
# 4. The candidate's interview page, against Odoo's own meeting page, over HTTP
# ---------------------------------------------------------------------------


def bench_portal(registry, invitation_ids, scale):
    """Load a real Odoo HTTP server with the candidate's page and core's page of the same
    events, taking turns; server time and queries of each request from the server's log.
    Measured on Odoo's threaded server (the target), then on its prefork server (production
    mode, one process per request) for comparison."""
    from odoo.addons.hr_recruitment_invitation.bench.http_load import odoo_server

    pages = _portal_paths(registry, invitation_ids[:PORTAL_PAGES])
    with odoo_server(registry.db_name, config["addons_path"]) as server:
        _load(server, pages, PORTAL_WARM_UP, PORTAL_CLIENTS)
        runs = [
            _load(server, pages, scale.portal_requests, PORTAL_CLIENTS, rounds=PORTAL_ROUNDS)
            for _run in range(PORTAL_RUNS)
        ]
        alone, _client_ms = _load(server, pages, PORTAL_ALONE, clients=1)
    with odoo_server(registry.db_name, config["addons_path"], workers=PORTAL_CLIENTS) as server:
        _load(server, pages, PORTAL_WARM_UP * PORTAL_CLIENTS, PORTAL_CLIENTS)
        prefork, _client_ms = _load(
            server, pages, scale.portal_requests, PORTAL_CLIENTS, rounds=PORTAL_ROUNDS
        )
    logged = {name: [hit for run, _ms in runs for hit in run[name]] for name in pages}
    return [
        _portal_time_row(runs, alone),
        _portal_prefork_row(prefork),
        _portal_queries_row(logged),
    ]


def _portal_prefork_row(logged):
    """The same load on Odoo's production server: for comparison, not the target's row."""
    p50, p95 = _server_ms(logged, 0.5), _server_ms(logged, 0.95)
    return Row(
        f"4. The same page on Odoo's production server (--workers={PORTAL_CLIENTS}), "
        f"{len(logged['ours'])} requests, {PORTAL_CLIENTS} clients",
        _p50_p95_text(p50, p95),
        "for comparison (the target is the row above)",
        f"{ratio(p95['ours'], p95['core'])} (p95)",
        "n/a",
        f"the same requests and rounds as the row above, after {PORTAL_WARM_UP} warm-up "
        f"requests per page and worker, served by Odoo's prefork server with {PORTAL_CLIENTS} "
        "worker processes (a process per request, as Odoo runs in production) on this "
        "machine's cores; server time from the same access log.",
    )


def _load(server, pages, requests, clients, rounds=1):
    """GET each page ``requests`` times from ``clients`` clients, the pages taking turns in
    ``rounds``; return the requests as the server logged them and as the clients timed them
    (ms), by page."""
    from odoo.addons.hr_recruitment_invitation.bench.http_load import fire

    offset = server.log_size()
    client_ms = {name: [] for name in pages}
    for _round in range(rounds):
        for name, paths in pages.items():
            answers = fire(server, _take(paths, requests // rounds), clients)
            client_ms[name] += [seconds * 1000 for _status, seconds in answers]
    hits = server.hits_since(offset, sum(len(values) for values in client_ms.values()))
    logged = {name: _page_hits(hits, paths, len(client_ms[name])) for name, paths in pages.items()}
    return logged, client_ms


def _portal_paths(registry, invitation_ids):
    """{"ours": the candidates' links, "core": the links to Odoo's meeting page of the same
    events that Odoo's calendar invitations give the same candidates}."""
    with registry.cursor() as cr:
        invitations = _invitations(cr, invitation_ids)
        return {
            "ours": [invitation.get_portal_url() for invitation in invitations],
            "core": [
                "/calendar/meeting/view?token="
                f"{invitation.interview_id._get_candidate_attendee().access_token}"
                f"&id={invitation.interview_id.event_id.id}"
                for invitation in invitations
            ],
        }


def _take(paths, count):
    """``count`` paths, going round ``paths``."""
    return [paths[index % len(paths)] for index in range(count)]


def _page_hits(hits, paths, expected):
    """The logged requests of the page of ``paths``: all of them, all answered with 200."""
    route = paths[0].split("?")[0].rstrip("0123456789")
    page_hits = [hit for hit in hits if hit.path.startswith(route)]
    refused = [hit for hit in page_hits if hit.status != 200]
    if len(page_hits) != expected or refused:
        raise RuntimeError(
            f"{route}: {len(page_hits)} requests logged of {expected}, {len(refused)} refused"
        )
    return page_hits


def _server_ms(logged, quantile):
    """{page: the ``quantile`` of its requests' server time, in ms}."""
    return {
        name: percentile([hit.seconds * 1000 for hit in hits], quantile)
        for name, hits in logged.items()
    }


def _p50_p95_text(p50, p95):
    return (
        f"p50 {p50['ours']:.0f} ms, p95 {p95['ours']:.0f} ms "
        f"(core: p50 {p50['core']:.0f} ms, p95 {p95['core']:.0f} ms)"
    )


def _portal_time_row(runs, alone):
    """The target's row: the p95 of each run of the load against core's in the same run."""
    p95s = [_server_ms(logged, 0.95) for logged, _client_ms in runs]
    worst = max(p95s, key=lambda p95: p95["ours"] / p95["core"])
    logged, client_ms = runs[p95s.index(worst)]
    p50 = _server_ms(logged, 0.5)
    client_p95 = {name: percentile(values, 0.95) for name, values in client_ms.items()}
    alone_p50 = _server_ms(alone, 0.5)
    p95 = worst
    row = Row(
        f"4. Candidate's interview page: server time, {PORTAL_RUNS} runs of "
        f"{len(logged['ours'])} requests, {PORTAL_CLIENTS} clients",
        "p95 per run: "
        + ", ".join(f"{run['ours']:.0f} ms (core {run['core']:.0f})" for run in p95s)
        + f"; the worst run's p50 {p50['ours']:.0f} ms (core {p50['core']:.0f})",
        f"p95 ratio <= {TARGET_PORTAL_RATIO:.1f} in each run",
        ", ".join(ratio(run["ours"], run["core"]) for run in p95s) + " (p95)",
        verdict(all(run["ours"] <= TARGET_PORTAL_RATIO * run["core"] for run in p95s)),
        "GET /my/interviews/<interview id>?access_token=... (the link of the invitation's "
        "current hr.invitation.interview) against Odoo's own page of the same event "
        "for the same candidate (/calendar/meeting/view?token=<attendee token>&id=<event>), "
        f"{PORTAL_PAGES} interviews in turn, a new connection per request like a clicked link; "
        "a real Odoo server on this database (threaded, --workers=0: one process), loopback; "
        "server time per request from Odoo's access log (its SQL time + the rest), after "
        f"{PORTAL_WARM_UP} warm-up requests per page; in each run the two pages take turns in "
        f"{PORTAL_ROUNDS} rounds; in the worst run, as the clients saw it (p95): "
        f"{client_p95['ours']:.0f} ms ours, {client_p95['core']:.0f} ms core. With one client "
        f"at a time ({PORTAL_ALONE} requests a page), server p50: {alone_p50['ours']:.0f} ms "
        f"ours, {alone_p50['core']:.0f} ms core.",
    )
    return explain_miss(
        row,
        _portal_miss(p95),
        _portal_why_slower(logged, alone_p50, p50["ours"] / alone_p50["ours"]),
        "fewer models read by the page: the company, job and candidate names stored on the "
        "interview (the job's name is translated: a copy per language to keep), so that the "
        "page reads one row. Odoo's production server (next row) removes the lock, a process "
        "per request, but the requests still share the machine's cores",
    )


def _portal_why_slower(logged, alone_p50, concurrency_factor):
    return (
        f"the {PORTAL_CLIENTS} clients compete for one threaded Odoo process (Python's lock, "
        "the GIL) on the machine's cores: the median is "
        f"{concurrency_factor:.1f} times the page's time alone, so what counts is the Python "
        "each request needs. Alone, the page takes "
        f"{alone_p50['ours']:.0f} ms at p50 against core's {alone_p50['core']:.0f} ms. Like "
        "core's, it is no frontend route and has a bare layout, but it reads more models: "
        f"{_median_queries(logged['ours'])} queries against "
        f"{_median_queries(logged['core'])}, each of which gives the lock away and queues to "
        "take it back (the interview with its token and language, its invitation, its address "
        "and country, slots, company, job and candidate, one model at a time, only the "
        "columns the page shows)"
    )


def _portal_miss(p95):
    return f"{p95['ours'] / p95['core']:.2f}x core's p95 against {TARGET_PORTAL_RATIO:.1f}x"


def _portal_queries_row(logged):
    ours = [hit.queries for hit in logged["ours"]]
    core = statistics.median(hit.queries for hit in logged["core"])
    row = Row(
        "4. SQL queries per request of the candidate's interview page",
        f"{_median_queries(logged['ours'])} (min {min(ours)}, max {max(ours)}; core {core:.0f})",
        f"<= {TARGET_PORTAL_QUERIES}",
        ratio(statistics.median(ours), core),
        verdict(max(ours) <= TARGET_PORTAL_QUERIES),
        "every measured request, from Odoo's access log; guarded by tests/test_query_counts.py.",
    )
    return explain_miss(
        row,
        f"{max(ours) - TARGET_PORTAL_QUERIES} queries",
        "the page reads the interview's and its invitation's records one model at a time, "
        "after a rate-limit check",
        "fewer models on the page (the candidate's name and the job's name stored on the "
        "invitation)",
    )


def _median_queries(hits):
    return f"{statistics.median(hit.queries for hit in hits):.0f}"


# ---------------------------------------------------------------------------
# 5. The reminder and no-show crons on 10,000 upcoming interviews
# ---------------------------------------------------------------------------


def bench_crons(registry, invitation_ids):
    """Run the reminder cron, then (the clock a day on) the no-show cron, each as Odoo's cron
    worker runs it and then once more: every interview must be handled exactly once. Then the
    same on a copy of the database made before these runs, by two cron workers at once."""
    from odoo.addons.hr_recruitment_invitation.bench.cron_runs import offline_gateways
    from odoo.addons.hr_recruitment_invitation.tests.common import record_cron_batches

    # A copy of the database as it is now, with Odoo's database manager (a PostgreSQL template
    # copy and the filestore), for the two cron workers at once.
    copy_name = f"{registry.db_name}_two_engines"
    try:
        odoo_db.exp_duplicate_database(registry.db_name, copy_name)
        with offline_gateways() as outbox:
            with record_cron_batches(registry) as batches:
                seconds = _run_twice(registry, CRON_REMINDERS, batches)
            queue_seconds = _empty_core_queues(registry)
        once = _reminded_once(registry, invitation_ids, outbox)
        rows = [_cron_row("reminder", seconds, batches, once, len(invitation_ids))]
        rows[0].note += (
            f" Odoo's own email and text queues then sent them in {queue_seconds:,.1f} s "
            f"({len(invitation_ids) * 2 / queue_seconds:,.0f} messages/s), outside the target: "
            "that is Odoo's sending, the same for any email or text it sends."
        )
        one = {"reminder": seconds[0]}
        with registry.cursor() as cr:
            seed.shift_interviews(_invitations(cr, invitation_ids), -NO_SHOW_LATER)
        with record_cron_batches(registry) as batches:
            seconds = _run_twice(registry, CRON_NO_SHOWS, batches)
        once = _no_show_once(registry, invitation_ids)
        rows.append(_cron_row("no-show", seconds, batches, once, len(invitation_ids)))
        one["no-show"] = seconds[0]
        log(f"5. the same crons as {CRON_WORKERS} cron workers at once, on a copy")
        rows += bench_two_engines(Registry(copy_name), invitation_ids, one)
    finally:
        _drop_database(copy_name)
    return rows


def _drop_database(name):
    """Drop the database ``name`` and its filestore, as Odoo's database manager does (its
    exp_drop only drops the databases it lists: with --database, that one alone)."""
    Registry.delete(name)
    sql_db.close_db(name)
    with closing(sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True  # DROP DATABASE cannot run in a transaction
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(name)))
    shutil.rmtree(config.filestore(name), ignore_errors=True)


def bench_two_engines(registry, invitation_ids, one):
    """The reminder cron, then (the clock a day on) the no-show cron, each run by two cron
    workers at once, in two OS processes: exactly once, and faster than ``one`` ({what:
    seconds of one cron worker})."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["res.config.settings"].create(
            {"invitation_followup_cron_workers": CRON_WORKERS}
        ).execute()
    interviews = len(invitation_ids)
    run = _run_as_cron_workers(registry, _cron_and_workers(CRON_REMINDERS))
    again = _handled_again(registry, CRON_REMINDERS)
    once = _reminders_queued_once(registry, invitation_ids)
    rows = [_two_engines_row("reminder", run, one["reminder"], once, again, interviews)]
    with registry.cursor() as cr:
        seed.shift_interviews(_invitations(cr, invitation_ids), -NO_SHOW_LATER)
    run = _run_as_cron_workers(registry, _cron_and_workers(CRON_NO_SHOWS))
    again = _handled_again(registry, CRON_NO_SHOWS)
    once = _no_show_noted_once(registry, invitation_ids)
    rows.append(_two_engines_row("no-show", run, one["no-show"], once, again, interviews))
    return rows


def _cron_and_workers(xmlid):
    """The cron job ``xmlid`` and its workers 2 to CRON_WORKERS (the setting's copies)."""
    return [xmlid] + [f"{xmlid}_worker_{number}" for number in range(2, CRON_WORKERS + 1)]


def _run_as_cron_workers(registry, xmlids):
    """Run the cron jobs ``xmlids`` at once, each by a cron worker of its own: an OS process
    with its own registry and connections, as Odoo's cron threads and workers are. Return
    (seconds from the moment every worker was ready to the end of the last one, [(seconds,
    follow-ups handled) of each worker], the load average then)."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no shared sockets
    ready = context.Barrier(len(xmlids) + 1, timeout=WORKER_TIMEOUT)
    results = context.Queue()
    workers = [
        context.Process(
            target=_cron_worker_process,
            args=(registry.db_name, config["addons_path"], xmlid, ready, results),
        )
        for xmlid in xmlids
    ]
    for worker in workers:
        worker.start()
    try:
        try:
            ready.wait()  # each worker has loaded its registry
        except threading.BrokenBarrierError:
            raise RuntimeError(f"a cron worker failed: {results.get(timeout=60)}") from None
        started = time.monotonic()
        outcomes = dict(results.get(timeout=WORKER_TIMEOUT) for _worker in workers)
    finally:
        for worker in workers:
            worker.join(timeout=60)
    failed = {xmlid: outcome for xmlid, outcome in outcomes.items() if "error" in outcome}
    if failed:
        raise RuntimeError(f"cron workers failed: {failed}")
    ended = max(outcome["ended"] for outcome in outcomes.values())
    workers = [(outcomes[xmlid]["seconds"], outcomes[xmlid]["handled"]) for xmlid in xmlids]
    return ended - started, workers, measure.load_average()


def _cron_worker_process(database, addons_path, xmlid, ready, results):
    """One cron worker, in a process of its own: load the registry, wait for the others, then
    run the cron job ``xmlid`` as Odoo's cron workers do (run_cron_job); report
    {xmlid: {seconds, handled, ended (time.monotonic(), the same clock in every process)}}."""
    try:
        config.parse_config(
            ["--database", database, "--addons-path", addons_path, "--log-level=warn"],
            setup_logging=True,
        )
        registry = Registry(database)
        import_test_helpers()
        from odoo.addons.hr_recruitment_invitation.bench.cron_runs import run_cron_job
        from odoo.addons.hr_recruitment_invitation.tests.common import record_cron_batches

        ready.wait()
        with record_cron_batches(registry) as batches:
            seconds = run_cron_job(registry, xmlid)
        ended = time.monotonic()
        results.put(
            (xmlid, {"seconds": seconds, "handled": sum(batches.handled()), "ended": ended})
        )
    except Exception as error:  # noqa: BLE001 - told to the benchmark, which fails
        ready.abort()
        results.put((xmlid, {"error": repr(error)}))


def _handled_again(registry, xmlid):
    """Follow-ups that runs of the cron job ``xmlid`` and of its workers, one after the other,
    handle after the runs at once (none, when each was handled once)."""
    from odoo.addons.hr_recruitment_invitation.bench.cron_runs import run_cron_job
    from odoo.addons.hr_recruitment_invitation.tests.common import record_cron_batches

    with record_cron_batches(registry) as batches:
        for cron_xmlid in _cron_and_workers(xmlid):
            batches.new_run()
            run_cron_job(registry, cron_xmlid)
    return sum(batches.handled())


def _reminders_queued_once(registry, invitation_ids):
    """(text, passed): was each interview's candidate queued exactly one reminder email and
    one reminder text (mail.mail and sms.sms of their reminder follow-ups)?"""
    with registry.cursor() as cr:
        invitations = _invitations(cr, invitation_ids)
        env = invitations.env
        reminders = env["hr.invitation.followup"].search(
            [("invitation_id", "in", invitation_ids), ("kind", "=", "reminder")]
        )
        emails = Counter(
            partner_id
            for mail in env["mail.mail"].search_read(
                [("invitation_followup_id", "in", reminders.ids)], ["recipient_ids"]
            )
            for partner_id in mail["recipient_ids"]
        )
        texts = Counter(
            sms["partner_id"][0]
            for sms in env["sms.sms"].search_read(
                [("invitation_followup_id", "in", reminders.ids)], ["partner_id"]
            )
        )
        got = Counter(
            (emails[partner.id], texts[partner.id])
            for partner in (invitation.interview_id.partner_id for invitation in invitations)
        )
    pattern = "{:,} were queued {} email(s) and {} text(s)"
    return _once_text(got, (1, 1), pattern, len(invitation_ids))


def _no_show_noted_once(registry, invitation_ids):
    """(text, passed): is each interview a no-show (and its invitation), its candidate's
    attendance declined, and its no-show noted once on the invitation?"""
    with registry.cursor() as cr:
        invitations = _invitations(cr, invitation_ids)
        notes = Counter(
            message["res_id"]
            for message in invitations.env["mail.message"].search_read(
                [
                    ("model", "=", "hr.invitation"),
                    ("res_id", "in", invitation_ids),
                    ("body", "ilike", "did not come to the interview"),
                ],
                ["res_id"],
            )
        )
        got = Counter(
            (
                invitation.interview_id.state,
                invitation.state,
                invitation.interview_id._get_candidate_attendee().state,
                notes[invitation.id],
            )
            for invitation in invitations
        )
    wanted = ("no_show", "no_show", "declined", 1)
    pattern = "{:,} interviews {} (invitation {}, attendance {}, {} note(s))"
    return _once_text(got, wanted, pattern, len(invitation_ids))


def _two_engines_row(what, run, one, once, again, interviews):
    """The row of a follow-up cron run by CRON_WORKERS cron workers at once, against one."""
    seconds, workers, load = run
    once_text, once_passed = once
    once_passed = once_passed and not again
    faster = seconds < one
    by_worker = " and ".join(
        f"{handled:,} ({worker_seconds:,.1f} s)" for worker_seconds, handled in workers
    )
    row = Row(
        f"5. Two engines at once: {what} cron as {CRON_WORKERS} cron workers on "
        f"{interviews:,} interviews",
        f"{seconds:,.1f} s against {one:,.1f} s for one cron worker ({one / seconds:.2f}x as "
        f"fast); the cron and its worker handled {by_worker} follow-ups; {once_text}; a run "
        f"afterwards handled {again}",
        "exactly once per interview, faster than one cron worker",
        "n/a (no core equivalent)",
        verdict(once_passed and faster),
        "On a copy of the database made before the runs of row 5 (Odoo's database "
        "duplication: the same interviews and follow-ups, none handled yet)"
        + (", the no-show cron a day on as there" if what != "reminder" else "")
        + ". The Recruitment setting Follow-up Cron Workers set to "
        f'{CRON_WORKERS} gives the cron a copy, its worker 2 (ir.cron, "... (worker 2)"); the '
        f"cron and its worker run at once, each in an OS process of its own (its registry, its "
        "connections), as Odoo's cron workers run them (ir.cron._acquire_one_job, "
        "_process_job), on the same due follow-ups. Time: from the moment both had loaded "
        "their registry to the end of the last one (each worker's own time above, its first "
        "QWeb compilations included); one cron worker: the first run of the row above, on "
        f"the same interviews. The machine has {os.cpu_count()} cores for both workers and "
        f"PostgreSQL (load average at their end: {load}). Exactly once: "
        + (
            "the emails and texts queued (mail.mail, sms.sms of the reminder follow-ups) per "
            "candidate; Odoo's queues send them as above."
            if what == "reminder"
            else "the states and the no-show notes logged per interview."
        )
        + " Then the cron and its worker ran again, one after the other.",
    )
    return explain_miss(row, *_two_engines_miss(seconds, one, once_passed))


def _two_engines_miss(seconds, one, once):
    """(by how much, why, what would close it) of a missed two-engine row."""
    if not once:
        return (
            "not exactly once per interview",
            "some follow-ups were handled by both cron workers, or by neither",
            "a claim that no two transactions can both lock (hr.invitation.batch.job)",
        )
    return (
        f"{seconds - one:.1f} s ({seconds / one:.2f}x one cron worker's time)",
        (
            "a cron worker is a Python process busy on the CPU for most of a batch (rendering "
            "the messages, Odoo's ORM; PostgreSQL's part is small), so two of them need two "
            f"cores, and the machine's {os.cpu_count()} are shared with PostgreSQL and with "
            "any other work on it (the load average in the note)"
        ),
        (
            "a core for each cron worker beside PostgreSQL's: more cores, or a machine without "
            "other work"
        ),
    )


def _run_twice(registry, xmlid, batches):
    """Seconds of a run of the cron job ``xmlid``, and of a second run right after."""
    from odoo.addons.hr_recruitment_invitation.bench.cron_runs import run_cron_job

    seconds = []
    for _run in range(2):
        batches.new_run()
        seconds.append(run_cron_job(registry, xmlid))
    return seconds


def _empty_core_queues(registry):
    """Run Odoo's email and text queue crons until nothing is left to send; their seconds."""
    from odoo.addons.hr_recruitment_invitation.bench.cron_runs import run_cron_job

    seconds = 0.0
    while _queued_count(registry):
        seconds += sum(run_cron_job(registry, xmlid) for xmlid in CORE_QUEUES)
    return seconds


def _queued_count(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["mail.mail"].search_count([("state", "=", "outgoing")]) + env[
            "sms.sms"
        ].search_count([("state", "=", "outgoing")])


def _invitations(cr, invitation_ids):
    return api.Environment(cr, SUPERUSER_ID, {})["hr.invitation"].browse(invitation_ids)


def _reminded_once(registry, invitation_ids, outbox):
    """(text, passed): did each interview's candidate get exactly one email and one text?"""
    with registry.cursor() as cr:
        invitations = _invitations(cr, invitation_ids)
        emails = Counter(address for sent in outbox.email_recipients for address in sent)
        texts = Counter(
            sms.partner_id.id
            for sms in invitations.env["sms.sms"].search([("uuid", "in", outbox.sms_uuids)])
        )
        got = Counter(
            (emails[partner.email], texts[partner.id])
            for partner in (invitation.interview_id.partner_id for invitation in invitations)
        )
    return _once_text(got, (1, 1), "{:,} got {} email(s) and {} text(s)", len(invitation_ids))


def _no_show_once(registry, invitation_ids):
    """(text, passed): is each interview a no-show (and its invitation), its candidate's
    attendance declined?"""
    with registry.cursor() as cr:
        invitations = _invitations(cr, invitation_ids)
        got = Counter(
            (
                invitation.interview_id.state,
                invitation.state,
                invitation.interview_id._get_candidate_attendee().state,
            )
            for invitation in invitations
        )
    wanted = ("no_show", "no_show", "declined")
    pattern = "{:,} interviews {} (invitation {}, attendance {})"
    return _once_text(got, wanted, pattern, len(invitation_ids))


def _once_text(got, wanted, pattern, total):
    """(text, passed) of a Counter of outcomes ``got`` where each of ``total`` wants ``wanted``."""
    parts = [pattern.format(count, *outcome) for outcome, count in got.most_common()]
    return "; ".join(parts), got[wanted] == total


def _cron_row(what, seconds, batches, once, interviews):
    """The row of a follow-up cron: ``handled`` counts follow-up rows (hr.invitation.followup),
    its batches are batches of rows; ``interviews`` is how many interviews they belong to."""
    from odoo.addons.hr_recruitment_invitation.models.hr_invitation_followup import (
        CRON_BATCH_SIZE,
    )

    (first, second), (handled, handled_again) = seconds, batches.handled()
    full = _full_batch_queries(batches, CRON_BATCH_SIZE)
    steady = full[1:] or full  # the first batch also fills the caches
    constant = min(steady) == max(steady)
    once_text, once_passed = once
    once_passed = once_passed and not handled_again
    per_row = statistics.median(full) / CRON_BATCH_SIZE
    row = Row(
        f"5. {what.capitalize()} cron on {interviews:,} interviews ({handled:,} follow-ups, "
        f"batches of {CRON_BATCH_SIZE} follow-ups)",
        f"{first:,.1f} s ({interviews / first:,.0f} interviews/s); "
        f"{statistics.median(full):,.0f} queries per batch of {CRON_BATCH_SIZE} follow-ups "
        f"(min {min(full):,}, max {max(full):,}); {once_text}",
        f"<= {TARGET_CRON_SECONDS} s, constant queries/batch, once per interview",
        "n/a (no core equivalent)",
        verdict(first <= TARGET_CRON_SECONDS and constant and once_passed),
        f"{CRON_SETTINGS[what]} Run as Odoo's cron worker runs the job (ir.cron._process_job: "
        "the job's user, the progress API, its commits). Queries per batch: the cursor's "
        "counter from one batch's end (its progress notification, then its commit) to the "
        "next, the batch's search included: "
        f"{len(full)} full batches, about {per_row:.1f} per follow-up, so "
        f"{per_row * handled / interviews:.1f} per interview ({handled / interviews:g} "
        "follow-up(s) each; before the follow-up rows, a batch was 200 interviews); the first "
        f"{full[0]:,}, the others "
        + (f"all {min(steady):,}" if constant else f"{min(steady):,} to {max(steady):,}")
        + f". A second run right after handled {handled_again} in {second:.1f} s.",
    )
    return explain_miss(row, _cron_miss(first, steady, once_passed), *CRON_MISSES[what])


def _full_batch_queries(batches, batch_size):
    """Queries of each batch of ``batch_size`` records (the last one may be smaller)."""
    return [
        count
        for count, size in zip(batches.queries(), batches.sizes(), strict=True)
        if size == batch_size
    ]


def _cron_miss(seconds, steady, once):
    parts = []
    if seconds > TARGET_CRON_SECONDS:
        times = seconds / TARGET_CRON_SECONDS
        parts.append(f"{seconds - TARGET_CRON_SECONDS:.0f} s ({times:.1f}x the target)")
    if min(steady) != max(steady):
        parts.append(f"queries per batch varying by {max(steady) - min(steady)}")
    if not once:
        parts.append("not exactly once per interview")
    return " and ".join(parts)


# ---------------------------------------------------------------------------
# 6. The invitation analysis on 100,000 invitations
# ---------------------------------------------------------------------------


def pivot_read_group(model):
    """The ``read_group`` arguments of the model's default pivot view, with the graph view's
    grouping as columns: (measures as ``name:aggregator``, groupby fields)."""
    from odoo.addons.hr_recruitment_invitation.tests.common import view_field_nodes

    measures, groupby = [], []
    for view_type in ("pivot", "graph"):
        for node in view_field_nodes(model, view_type):
            name = node.get("name")
            if node.get("type") == "measure":
                spec = f"{name}:{model._fields[name].aggregator}"
                measures += [spec] if spec not in measures else []
            elif node.get("type") in (None, "row", "col") and name not in groupby:
                groupby.append(name)
    return measures, groupby


def bench_report(env, recruiter, scale):
    from odoo.addons.hr_recruitment_invitation.tests.common import count_queries

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
        f"ratio <= {TARGET_REPORT_RATIO:.1f}",
        ratio(seconds, core_seconds),
        verdict(seconds <= TARGET_REPORT_RATIO * core_seconds),
        f"medians of {scale.repeat}, taking turns; the pivot's {len(measures)} measures, "
        "read from the invitations' own columns: what their calls, feedback, reviews, concerns "
        "and escalations add up to is stored on them by the ORM (hr.invitation.analysis), "
        "the view adds the company's call target and the first round's feedback by primary "
        "key (no feedback seeded: that join finds none); "
        "baseline: Odoo's "
        f"Recruitment Analysis read_group (stage x job, count) on "
        f"{applicants.search_count([]):,} applications: {core_seconds * 1000:.0f} ms.",
    )
    explain_miss(
        row,
        f"{seconds / core_seconds:.2f}x core's read against {TARGET_REPORT_RATIO:.1f}x",
        "an invitation's row is wider than an application's, and the view works out each "
        "row's funnel flags and rates from its state on every read",
        "store the funnel flags (planned, reached, confirmed...) on hr.invitation too, or "
        "materialise the view, refreshed by a cron (its figures then lag behind)",
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

    size = scale.planning_applicants
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
        invitation_ids = invitations.ids
        log(f"seeding calls for {len(invitations):,} invitations, {scale.report_copies} SQL copies")
        seed.create_calls(env, invitations)
        seed.copy_recruitment_rows(env, invitations, scale.report_copies, recruiter_ids)
    seed.vacuum(registry, analyze=True)

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        recruiter = env["res.users"].browse(recruiter_ids[0])
        log("3. applicant list and kanban reads")
        reads = bench_applicant_reads(env, recruiter, scale)
        log("6. invitation analysis")
        report = bench_report(env, recruiter, scale)
        cr.rollback()

    interview_ids = invitation_ids[: scale.interviews]
    log(f"seeding {len(interview_ids):,} upcoming interviews (events, contacts, tokens)")
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        seed.schedule_interviews(
            env, env["hr.invitation"].browse(interview_ids), env["res.users"].browse(recruiter_ids)
        )
    seed.vacuum(registry, analyze=True)
    log(f"4. portal page, {scale.portal_requests} requests per page, {PORTAL_CLIENTS} clients")
    portal = bench_portal(registry, interview_ids, scale)
    log(f"5. reminder and no-show crons on {len(interview_ids):,} interviews")
    crons = bench_crons(registry, interview_ids)
    return rows + reads + portal + crons + report


def import_test_helpers():
    """Import tests/common.py, home of the measuring helpers the benchmark shares with the
    tests' query guards. It loads Odoo's test framework, which logs an error when imported
    outside test mode, as the benchmark is on purpose: that message is silenced here, once."""
    with mute_logger("odoo.tests.common"):
        import odoo.addons.hr_recruitment_invitation.tests.common  # noqa: F401


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
    import_test_helpers()
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
