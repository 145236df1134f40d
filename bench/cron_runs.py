"""Run the addon's crons as Odoo's cron worker does, count their batches, keep messages offline.

Shared by the benchmark and the tests (the batch counter): no import of odoo.tests here.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields, sql_db

from odoo.addons.sms.tools.sms_api import SmsApi


@dataclass
class CronBatches:
    """What the batches of cron runs cost: one list of marks per run, taken at its start and
    at the end of each batch, as (seconds, queries, done).

    A batch ends at its progress notification (``ir.cron._notify_progress``) or, when the cron
    commits it, after that commit: the chatter's tracking, written at commit, is the batch's.
    """

    runs: list = field(default_factory=list)
    cursor: object = None
    uncommitted: bool = False

    def start(self, cr):
        self.cursor = cr
        self.runs.append([self._mark(cr, 0)])

    def end_batch(self, cr, done):
        self.runs[-1].append(self._mark(cr, done))
        self.uncommitted = True

    def committed(self, cr):
        if self.uncommitted and cr is self.cursor:
            self.runs[-1][-1] = self._mark(cr, self.runs[-1][-1][2])
            self.uncommitted = False

    def _mark(self, cr, done):
        return (time.perf_counter(), cr.sql_log_count, done)

    def queries(self):
        """Queries of each batch of every run, the batch's search and progress included."""
        return [b[1] - a[1] for marks in self.runs for a, b in pairwise(marks)]

    def sizes(self):
        return [b[2] - a[2] for marks in self.runs for a, b in pairwise(marks)]

    def handled(self):
        """How many records each run handled."""
        return [marks[-1][2] for marks in self.runs]


@contextmanager
def record_cron_batches(registry):
    """Count the queries of each batch of hr.invitation's crons (one per ``_run_batch``)."""
    batches = CronBatches()
    invitation_class, cron_class = registry["hr.invitation"], registry["ir.cron"]
    run_batch = invitation_class._run_batch
    notify_progress = cron_class._notify_progress
    commit = sql_db.Cursor.commit

    def run_one_batch(self, *args, **kwargs):
        batches.start(self.env.cr)
        return run_batch(self, *args, **kwargs)

    def notify(self, *, done, remaining, deactivate=False):
        batches.end_batch(self.env.cr, done)
        return notify_progress(self, done=done, remaining=remaining, deactivate=deactivate)

    def commit_batch(cr):
        result = commit(cr)
        batches.committed(cr)
        return result

    with (
        patch.object(invitation_class, "_run_batch", run_one_batch),
        patch.object(cron_class, "_notify_progress", notify),
        patch.object(sql_db.Cursor, "commit", commit_batch),
    ):
        yield batches


def run_cron_job(registry, xmlid):
    """Run the cron job ``xmlid`` now as Odoo's cron worker does: acquired and run under its
    user, in transactions of its own, with the progress API; return the seconds it took."""
    cron_model = registry["ir.cron"]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cron = env.ref(xmlid)
        cron.nextcall = fields.Datetime.now()
        cr.commit()
        job = cron_model._acquire_one_job(cr, cron.id)
        if not job:
            raise RuntimeError(f"the cron job {xmlid} is not ready to run")
        start = time.perf_counter()
        cron_model._process_job(sql_db.db_connect(registry.db_name), cr, job)
        return time.perf_counter() - start


@dataclass
class Outbox:
    """What Odoo handed over to the mail server and the SMS gateway."""

    email_recipients: list = field(default_factory=list)  # one list of addresses per email
    sms_uuids: list = field(default_factory=list)


@contextmanager
def offline_gateways():
    """All of Odoo's sending but the network: the SMTP server accepts every email, the SMS
    gateway (IAP) answers success for every text; what they were given is in the outbox."""
    outbox = Outbox()

    class OfflineSMTP:
        """Stands in for smtplib.SMTP, behind Odoo's SMTPConnection."""

        def __init__(self, *args, **kwargs):
            pass

        def set_debuglevel(self, level):
            pass

        def ehlo_or_helo_if_needed(self):
            pass

        def send_message(self, message, from_addr=None, to_addrs=None):
            outbox.email_recipients.append(list(to_addrs or ()))
            return {}

        def quit(self):
            pass

    def contact_iap(sms_api, local_endpoint, params, timeout=15):
        numbers = [number for message in params["messages"] for number in message["numbers"]]
        outbox.sms_uuids.extend(number["uuid"] for number in numbers)
        return [{"uuid": number["uuid"], "state": "success", "credit": 1} for number in numbers]

    with patch("smtplib.SMTP", OfflineSMTP), patch.object(SmsApi, "_contact_iap", contact_iap):
        yield outbox
