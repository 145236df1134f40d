"""Seed the benchmark: planner inputs (pure Python) and a recruitment database at scale.

Applications are created through the ORM, like a recruiter's import would; the 100,000-row
analysis set is then made of SQL copies of those ORM rows (every column copied, a few varied),
so that seeding stays fast and the copies stay consistent with whatever columns the models have.
"""

import random
from contextlib import closing
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import phonenumbers

from odoo import Command, fields
from odoo.tools import SQL, split_every

SEED = 42
COMPANY_TZ = "Europe/Brussels"
REGIONS = ("BE", "FR", "DE", "NL", "GB", "ES", "IT", "PL", "US", "CA", "BR", "IN", "CN", "AU")
REGIONS += ("RU", "MA", "ZA", "JP", "MX")  # Not NZ: no overlap of its daytime with HR hours
CANDIDATE_ZONES = (
    "Europe/Brussels",
    "Europe/Paris",
    "Europe/London",
    "Europe/Warsaw",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Africa/Casablanca",
    "Africa/Johannesburg",
    "America/St_Johns",
)
STATUSES = ("employed",) * 12 + ("available",) * 5 + ("student", "unknown", "unknown")
RETRY_KINDS = (("evening",), ("weekend",), ("office_hours",))
# Belgian public holidays of 2026 (local dates): no HR hours, no calls.
HOLIDAYS_2026 = tuple(
    date(2026, month, day)
    for month, day in ((1, 1), (4, 6), (5, 1), (5, 14), (5, 25), (7, 21), (8, 15), (11, 1))
    + ((11, 11), (12, 25))
)
HR_HOURS = ((time(8, 30), time(12, 30)), (time(13, 30), time(17, 30)))  # Monday to Friday
INVITATION_STATES = ("draft",) * 10 + ("calling",) * 25 + ("invited",) * 15
INVITATION_STATES += ("confirmed",) * 10 + ("declined",) * 10 + ("attended",) * 15
INVITATION_STATES += ("no_show",) * 5 + ("unreachable",) * 5 + ("cancelled",) * 5
CALL_WINDOWS = ("evening", "weekend", "office_hours")
CALL_OUTCOMES = ("no_answer", "no_answer", "callback", "invited", "declined")
INTERESTS = ("indifferent", "neutral", "interested", "proactive")


# ---------------------------------------------------------------------------
# Planner inputs (no database)
# ---------------------------------------------------------------------------


def planner_batches(count, batch_size, horizon_days=22):
    """Batches like those the ORM hands to the planner: one instant and one company context
    per batch (HR intervals and holidays in UTC), candidates of many zones and statuses.

    Instants are spread over 2026, so that cached local days rarely help across batches.
    """
    rng = random.Random(SEED)
    zone = ZoneInfo(COMPANY_TZ)
    start_of_year = datetime(2026, 1, 1, tzinfo=timezone.utc)
    batches = []
    for size in (len(chunk) for chunk in split_every(batch_size, range(count))):
        now = start_of_year + timedelta(seconds=rng.randrange(365 * 86400))
        first_day = now.astimezone(zone).date()
        days = [first_day + timedelta(days=offset) for offset in range(horizon_days)]
        people = [
            (
                rng.choice(CANDIDATE_ZONES),
                rng.choice(STATUSES),
                rng.choice(RETRY_KINDS) if rng.random() < 0.15 else None,
            )
            for _person in range(size)
        ]
        batches.append((now, _hr_intervals(days, zone), _holidays(days, zone), people))
    return batches


def _hr_intervals(days, zone):
    return tuple(
        (_utc(day, start, zone), _utc(day, end, zone))
        for day in days
        if day.weekday() < 5 and day not in HOLIDAYS_2026
        for start, end in HR_HOURS
    )


def _holidays(days, zone):
    return tuple(
        (_utc(day, time.min, zone), _utc(day + timedelta(days=1), time.min, zone))
        for day in days
        if day in HOLIDAYS_2026
    )


def _utc(day, moment, zone):
    return datetime.combine(day, moment, tzinfo=zone).astimezone(timezone.utc)


# ---------------------------------------------------------------------------
# Database: company, recruiters, jobs, applications through the ORM
# ---------------------------------------------------------------------------


def seeding_env(env):
    """The env to create seed records with: no tracking, no creation log, no followers."""
    return env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            no_reset_password=True,
        )
    )


def setup_company(env, recruiter_count=20):
    """Set up the main company like a Belgian one; return (recruiters, jobs)."""
    env = seeding_env(env)
    company = env.company
    company.country_id = env.ref("base.be")
    company.resource_calendar_id.tz = COMPANY_TZ
    company.partner_id.tz = COMPANY_TZ
    groups = env.ref("base.group_user") | env.ref("hr_recruitment.group_hr_recruitment_user")
    recruiters = env["res.users"].create(
        [
            {
                "name": f"Recruiter {number:02d}",
                "login": f"bench_recruiter_{number:02d}",
                "email": f"recruiter{number:02d}@example.com",
                "tz": COMPANY_TZ,
                "groups_id": [Command.set(groups.ids)],
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
            }
            for number in range(1, recruiter_count + 1)
        ]
    )
    jobs = env["hr.job"].create(
        [
            {"name": f"Job {number:02d}", "company_id": company.id, "is_key_role": number <= 2}
            for number in range(1, 11)
        ]
    )
    return recruiters, jobs


def phone_numbers(count, rng):
    """``count`` valid international mobile numbers from many countries."""
    pool = [number for region in REGIONS for number in _region_numbers(region)]
    return [rng.choice(pool) for _number in range(count)]


def _region_numbers(region, variants=100):
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    numbers = []
    for suffix in range(variants):
        number = phonenumbers.parse(f"+{example.country_code}{national[:-2]}{suffix:02d}")
        if phonenumbers.is_valid_number(number):
            numbers.append(
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            )
    return numbers


def create_applicants(env, count, recruiter, jobs, batch_size=1000):
    """Create ``count`` candidates and their applications through the ORM; return them."""
    rng = random.Random(SEED)
    seed_env = seeding_env(env)
    today = date.today()
    numbers = phone_numbers(count, rng)
    ids = []
    for chunk in split_every(batch_size, range(count)):
        candidates = seed_env["hr.candidate"].create(
            [
                {
                    "partner_name": f"Candidate {index:06d}",
                    "partner_phone": numbers[index],
                    "employment_status": rng.choice(STATUSES),
                    "resume_updated_on": today - timedelta(days=rng.randrange(90)),
                    "company_id": env.company.id,
                }
                for index in chunk
            ]
        )
        applicants = seed_env["hr.applicant"].create(
            [
                {
                    "candidate_id": candidate.id,
                    "job_id": rng.choice(jobs).id,
                    "company_id": env.company.id,
                    "user_id": recruiter.id,
                    "sourcing_channel": rng.choice(("applied", "applied", "sourced")),
                }
                for candidate in candidates
            ]
        )
        ids += applicants.ids
        env.flush_all()
        env.invalidate_all()
    return env["hr.applicant"].browse(ids)


def create_calls(env, invitations):
    """Log 0 to 3 finished calls per invitation through the ORM (analysis input)."""
    rng = random.Random(SEED)
    values = []
    for invitation in invitations:
        start = invitation.create_date - timedelta(days=rng.randrange(1, 20))
        for _call in range(rng.randrange(4)):
            minutes = rng.uniform(0.2, 15)
            values.append(
                {
                    "invitation_id": invitation.id,
                    "user_id": invitation.user_id.id,
                    "planned_at": start,
                    "window": rng.choice(CALL_WINDOWS),
                    "started_at": start,
                    "ended_at": start + timedelta(minutes=minutes),
                    "outcome": rng.choice(CALL_OUTCOMES),
                    "interest_level": rng.choice(INTERESTS),
                }
            )
            start += timedelta(days=1)
    calls = env["hr.invitation.call"]
    for chunk in split_every(2000, values, list):
        calls |= seeding_env(env)["hr.invitation.call"].create(chunk)
        env.flush_all()
    env.invalidate_all()
    return calls


# ---------------------------------------------------------------------------
# Database: upcoming interviews, the input of the crons and the candidate's page
# ---------------------------------------------------------------------------

INTERVIEW_DURATION = timedelta(minutes=45)
INVITATION_SENT_BEFORE = timedelta(days=2)


def schedule_interviews(env, invitations, interviewers, first=timedelta(hours=1), spread=None):
    """Give each invitation an interview, as the scheduling wizard leaves it, in batches.

    The candidate has a contact with an email address of their own; each invitation gets one
    ``hr.invitation.interview`` (round 1, scheduled: its current interview, the invitation
    invited) with a calendar event (the candidate and one of ``interviewers``) starting between
    ``first`` and ``first + spread`` from now (22 hours by default: in the 24-hour reminder
    window), at the company's address with directions, by email and text in the contact's
    language, sent two days ago, with a portal token and its follow-ups (the rows the crons
    handle). Interviewers get no calendar mail. Returns the interviews.
    """
    seed_env = seeding_env(env)
    invitations = invitations.with_env(seed_env)
    _give_candidates_contacts(seed_env, invitations)
    now = fields.Datetime.now()
    location = seed_env.company.partner_id
    invitations.write({"state": "invited", "next_call_at": False, "next_call_window": False})
    step = (spread or timedelta(hours=22)) / len(invitations)
    events = seed_env["calendar.event"].with_context(no_mail_to_attendees=True)
    all_interviews = seed_env["hr.invitation.interview"]
    for chunk in split_every(1000, list(enumerate(invitations))):
        schedules = []
        for index, _invitation in chunk:
            start = (now + first + index * step).replace(microsecond=0)
            schedules.append(
                {
                    "start": start,
                    "stop": start + INTERVIEW_DURATION,
                    "interviewer_ids": interviewers[index % len(interviewers)].ids,
                    "location_id": location.id,
                    "alarm_ids": [],
                }
            )
        interviews = seed_env["hr.invitation.interview"].create(
            [
                {
                    "invitation_id": invitation.id,
                    "round": 1,
                    "state": "scheduled",
                    "start": schedule["start"],
                    "stop": schedule["stop"],
                    "location_id": location.id,
                    "interview_route": "Main entrance, 3rd floor, ask for HR at the desk.",
                    "notify_by_email": True,
                    "notify_by_sms": True,
                    "invitation_sent_at": now - INVITATION_SENT_BEFORE,
                    # The language the messages were written in: the contact's.
                    "lang": invitation.partner_id.lang,
                }
                for (_index, invitation), schedule in zip(chunk, schedules, strict=True)
            ]
        )
        created = events.create(
            [
                interview._prepare_event_values(schedule, interview.partner_id)
                for interview, schedule in zip(interviews, schedules, strict=True)
            ]
        )
        for interview, event in zip(interviews, created, strict=True):
            interview.event_id = event
            interview.invitation_id.interview_id = interview
            interview.sudo()._portal_ensure_token()
        # After invitation_sent_at: the reminder rows exist (sent before the reminder is due).
        seed_env["hr.invitation.followup"]._create_for_interviews(interviews)
        all_interviews |= interviews
        env.flush_all()
    env.invalidate_all()
    return all_interviews.with_env(env)


def _give_candidates_contacts(env, invitations):
    """A contact for each invitation's candidate: name, unique email, phone, zone, language."""
    partners = env["res.partner"].create(
        [
            {
                "name": invitation.candidate_id.partner_name,
                "email": candidate_email(invitation.candidate_id),
                "phone": invitation.candidate_id.partner_phone,
                "tz": invitation.candidate_tz or COMPANY_TZ,
                "lang": "en_US",
            }
            for invitation in invitations
        ]
    )
    for invitation, partner in zip(invitations, partners, strict=True):
        invitation.candidate_id.partner_id = partner


def candidate_email(candidate):
    return f"candidate{candidate.id}@example.com"


def shift_interviews(invitations, delta):
    """Move the current interviews of ``invitations``, their events and their follow-ups' due
    times by ``delta``, in SQL.

    Moving them ``delta`` earlier is the clock moving ``delta`` on: the same interviews, later.
    (Through the ORM, a moved event would move the interview: a new one, new follow-ups.)
    """
    env = invitations.env
    env.flush_all()
    interval = SQL("%s * interval '1 second'", delta.total_seconds())
    interview_ids = invitations.interview_id.ids
    env.cr.execute(
        SQL(
            "UPDATE calendar_event SET start = start + %(i)s, stop = stop + %(i)s "
            "WHERE id IN (SELECT event_id FROM hr_invitation_interview WHERE id = ANY(%(ids)s))",
            i=interval,
            ids=interview_ids,
        )
    )
    env.cr.execute(
        SQL(
            "UPDATE hr_invitation_interview SET start = start + %(i)s, stop = stop + %(i)s "
            "WHERE id = ANY(%(ids)s)",
            i=interval,
            ids=interview_ids,
        )
    )
    env.cr.execute(
        SQL(
            "UPDATE hr_invitation_followup SET due_at = due_at + %(i)s "
            "WHERE interview_id = ANY(%(ids)s)",
            i=interval,
            ids=interview_ids,
        )
    )
    env.invalidate_all()


# ---------------------------------------------------------------------------
# Database: SQL copies for the 100,000-row analysis
# ---------------------------------------------------------------------------


def copy_recruitment_rows(env, invitations, copies, recruiter_ids):
    """Copy candidates, applications, invitations and calls ``copies`` times, in SQL.

    Copy number k of an invitation belongs to copy k of its application and candidate; copies
    get a random recruiter, state, call window and creation date over the last year.
    """
    cr = env.cr
    env.flush_all()
    cr.execute(SQL("SELECT setseed(%s)", SEED / 100))
    applicants = invitations.applicant_id
    candidates = applicants.candidate_id
    calls = env["hr.invitation.call"].search([("invitation_id", "in", invitations.ids)])
    recruiters = SQL("%s::int[]", list(recruiter_ids))
    last_year = SQL("(now() at time zone 'UTC') - random() * interval '365 days'")

    def copy_of(table, column):
        return SQL(
            "(SELECT c.new_id FROM %s c WHERE c.old_id = t.%s AND c.copy_no = m.copy_no)",
            SQL.identifier(_map_table(table)),
            SQL.identifier(column),
        )

    copy_rows(
        env,
        "hr_candidate",
        candidates.ids,
        copies,
        {"partner_name": SQL("t.partner_name || ' #' || m.copy_no")},
    )
    copy_rows(
        env,
        "hr_applicant",
        applicants.ids,
        copies,
        {
            "candidate_id": copy_of("hr_candidate", "candidate_id"),
            "user_id": _pick(recruiters),
            "create_date": last_year,
        },
    )
    copy_rows(
        env,
        "hr_invitation",
        invitations.ids,
        copies,
        {
            "applicant_id": copy_of("hr_applicant", "applicant_id"),
            "candidate_id": copy_of("hr_candidate", "candidate_id"),
            "user_id": _pick(recruiters),
            "state": _pick(SQL("%s::varchar[]", list(INVITATION_STATES))),
            "next_call_window": _pick(SQL("%s::varchar[]", list(CALL_WINDOWS))),
            "create_date": last_year,
            # Copies have no interview (their source has none yet, and none of its own), so no
            # feedback either. The figures of the calls stored on the invitation are copied:
            # each copy gets copies of its source's calls, below.
            "interview_id": SQL("NULL"),
            "feedback_id": SQL("NULL"),
        },
    )
    copy_rows(
        env,
        "hr_invitation_call",
        calls.ids,
        copies,
        {
            "invitation_id": copy_of("hr_invitation", "invitation_id"),
            "applicant_id": copy_of("hr_applicant", "applicant_id"),
            "candidate_id": copy_of("hr_candidate", "candidate_id"),
        },
    )
    env.invalidate_all()


def vacuum(registry, analyze=False):
    """VACUUM the whole database, as autovacuum does on a live one.

    Between repeated runs it also removes the rows a rolled-back run left behind, which would
    otherwise slow the next run down (dead duplicates in unique indexes such as followers').
    """
    with closing(registry.cursor()) as cr:
        cr._cnx.autocommit = True  # VACUUM cannot run in a transaction (as odoo/service/db.py)
        try:
            cr.execute(SQL("VACUUM ANALYZE") if analyze else SQL("VACUUM"))
        finally:
            cr._cnx.autocommit = False


def _pick(array):
    """A random element of an SQL array, drawn for each row."""
    return SQL("(%s)[1 + floor(random() * cardinality(%s))::int]", array, array)


def _map_table(table):
    return f"bench_copy_{table}"


def copy_rows(env, table, source_ids, copies, overrides):
    """Insert ``copies`` copies of the rows ``source_ids`` of ``table`` with new ids.

    Every column but ``id`` is copied from the source row ``t``, except the ``overrides``
    ({column: SQL expression over ``t`` and ``m``, the row of the map table
    ``bench_copy_<table>(new_id, old_id, copy_no)`` that the copy leaves behind}).
    """
    cr = env.cr
    map_table = SQL.identifier(_map_table(table))
    cr.execute(SQL("DROP TABLE IF EXISTS %s", map_table))
    cr.execute(
        SQL(
            """
            CREATE TEMPORARY TABLE %(map)s ON COMMIT DROP AS
            SELECT nextval(pg_get_serial_sequence(%(name)s, 'id')) AS new_id,
                   t.id AS old_id, g.copy_no
              FROM %(table)s t CROSS JOIN generate_series(1, %(copies)s) AS g(copy_no)
             WHERE t.id = ANY(%(ids)s)
            """,
            map=map_table,
            name=table,
            table=SQL.identifier(table),
            copies=copies,
            ids=list(source_ids),
        )
    )
    cr.execute(SQL("CREATE INDEX ON %s (old_id, copy_no)", map_table))
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s AND column_name != 'id'",
            table,
        )
    )
    columns = [column for (column,) in cr.fetchall()]
    values = [overrides.get(column, SQL.identifier("t", column)) for column in columns]
    cr.execute(
        SQL(
            "INSERT INTO %s (id, %s) SELECT m.new_id, %s FROM %s m JOIN %s t ON t.id = m.old_id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values),
            map_table,
            SQL.identifier(table),
        )
    )
    return cr.rowcount
