"""Run the addon's crons as Odoo's cron worker does and keep their messages offline.

What their batches cost is counted by ``record_cron_batches`` of tests/common.py, which the
query guards of the tests use too.
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields, sql_db

from odoo.addons.sms.tools.sms_api import SmsApi


def run_cron_job(registry, xmlid):
    """Run the cron job ``xmlid`` now as Odoo's cron workers do, until it is done; return the
    seconds it took.

    Each run is acquired and run under the job's user, in transactions of its own, with the
    progress API (ir.cron._process_job): it handles at most 10 batches and, when some remain,
    leaves the job ready, so a worker acquires it again at once.
    """
    cron_model = registry["ir.cron"]
    with registry.cursor() as cr:
        cron = api.Environment(cr, SUPERUSER_ID, {}).ref(xmlid)
        cron.nextcall = fields.Datetime.now()
        cron_id = cron.id
        cr.commit()
    seconds = 0.0
    while True:
        with registry.cursor() as cr:
            job = cron_model._acquire_one_job(cr, cron_id)
            if not job:
                if not seconds:
                    raise RuntimeError(f"the cron job {xmlid} is not ready to run")
                return seconds
            start = time.perf_counter()
            cron_model._process_job(sql_db.db_connect(registry.db_name), cr, job)
            seconds += time.perf_counter() - start


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
