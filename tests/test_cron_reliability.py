"""The interview crons on committed data, as they run in production.

Each test builds its interviews in a cursor of its own and commits them, runs the crons in
other cursors (two at once when runs overlap), reads the outcome in yet another cursor, and
deletes everything it committed in ``finally``. What reached the mail server and the SMS
gateway is counted at the gateway (Odoo's test SMTP session and IAP mock), so a message sent by
a transaction that was rolled back afterwards still counts.
"""

import email
import logging
import threading
import time
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.policy import SMTP
from functools import partial
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .common import InterviewCase

_logger = logging.getLogger(__name__)

SCHEDULED_ON = "2026-01-12 10:00:00"
INTERVIEW = datetime(2026, 1, 15, 9, 0)  # reminder due 2026-01-14 09:00 UTC
DAY_BEFORE = "2026-01-14 09:30:00"
CALL_TIME = "2026-01-15 08:01:00"  # the reminder call is due 60 minutes before
NOT_ARRIVED_TIME = "2026-01-15 09:11:00"  # 10 minutes of grace
NO_SHOW_TIME = "2026-01-15 10:01:00"  # a no-show after 60 minutes
# Mobile numbers of several countries; each candidate has an email address too.
CANDIDATES = (
    ("Camille Laurent", "+33 6 12 34 56 78", "Europe/Paris"),
    ("Lukas Schmidt", "+49 151 23456789", "Europe/Berlin"),
    ("Wang Wei", "+86 138 0013 8000", "Asia/Shanghai"),
    ("Sophie Dubois", "+32 470 12 34 56", "Europe/Brussels"),
    ("Priya Sharma", "+91 98765 43210", "Asia/Kolkata"),
    ("Jan de Vries", "+31 6 12345678", "Europe/Amsterdam"),
)
LOGGER = "odoo.addons.hr_recruitment_invitation.models.hr_invitation_followup"
ENGINE_LOGGER = "odoo.addons.hr_recruitment_invitation.models.hr_invitation_batch_job"
ACTIVITY_TYPES = {
    "call": "hr_recruitment_invitation.mail_activity_type_interview_reminder_call",
    "alert": "hr_recruitment_invitation.mail_activity_type_interview_not_arrived",
}


class WorkerDied(BaseException):
    """What a killed cron worker looks like to the code: nothing after it runs, and what its
    transaction had not committed is rolled back."""


@tagged("post_install", "-at_install")
class TestCronReliability(InterviewCase):
    # ------------------------------------------------------------------
    # Committed interviews, and their cleanup
    # ------------------------------------------------------------------

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    @contextmanager
    def _committed_interviews(self, count):
        """``count`` interviews on Thursday 09:00 UTC, scheduled and committed; yields their ids
        and their candidates' (email, E.164 number); deletes all of it on the way out."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            had_sms_account = bool(env["iap.account"].search([("service_name", "=", "sms")]))
            env["iap.account"].get("sms")  # what sending an SMS would create, in this cursor
            job = env["hr.job"].create({"name": "Cron Reliability Check"})
            invitations = env["hr.invitation"]
            with self.mock_mail_gateway(), self.mockSMSGateway(), freeze_time(SCHEDULED_ON):
                for name, phone, tz in CANDIDATES[:count]:
                    invitations |= self._schedule_committed(env, job, name, phone, tz)
            contacts = [(inv.partner_id.email, inv.phone_e164) for inv in invitations]
            ids = invitations.ids
        try:
            yield ids, contacts
        finally:
            self._delete_committed(ids, job.id, had_sms_account)

    def _schedule_committed(self, env, job, name, phone, tz):
        candidate = env["hr.candidate"].create(
            {
                "partner_name": name,
                "partner_phone": phone,
                "email_from": f"{name.split()[0].lower()}.cron@example.com",
            }
        )
        applicant = env["hr.applicant"].create({"candidate_id": candidate.id, "job_id": job.id})
        invitation = env["hr.invitation"].create(
            {"applicant_id": applicant.id, "user_id": env.ref("base.user_admin").id}
        )
        company_address = env.company.partner_id
        invitation.with_context(no_mail_to_attendees=True)._schedule_interview(
            {
                "start": INTERVIEW,
                "stop": INTERVIEW + timedelta(hours=1),
                "candidate_tz": tz,
                "lang": "en_US",
                "interviewer_ids": env.ref("base.user_admin").ids,
                "location_id": company_address.id,
                "notify_by_email": True,
                "notify_by_sms": True,
            }
        )
        return invitation

    def _delete_committed(self, ids, job_id, had_sms_account):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            invitations = env["hr.invitation"].browse(ids).exists()
            applicants = invitations.applicant_id
            candidates = applicants.candidate_id
            partners = invitations.partner_id | candidates.partner_id
            mails = env["mail.mail"].search([("recipient_ids", "in", partners.ids)])
            mails.attachment_ids.unlink()
            mails.unlink()
            env["sms.sms"].search([("partner_id", "in", partners.ids)]).unlink()
            events = invitations.interview_ids.event_id
            invitations.unlink()
            events.unlink()
            applicants.unlink()
            candidates.unlink()
            partners.unlink()
            env["hr.job"].browse(job_id).unlink()
            if not had_sms_account:
                env["iap.account"].search([("service_name", "=", "sms")]).unlink()

    # ------------------------------------------------------------------
    # Reading the outcome
    # ------------------------------------------------------------------

    @contextmanager
    def _gateways(self, **sms_errors):
        """Odoo's test mail server and SMS gateway; yields what they receive, kept after."""
        with self.mock_mail_gateway(), self.mockSMSGateway(nbr_t_error=sms_errors or None):
            yield {"mail": self.emails, "sms": self._sms}

    def _send_queued_committed(self):
        """Odoo's email and text queue crons, woken up by the reminder cron: in a cursor of
        their own, committing as they go."""
        with (
            patch.object(threading.current_thread(), "testing", False),
            self.registry.cursor() as cr,
        ):
            env = self._env(cr)
            env["mail.mail"].process_email_queue()
            env["sms.sms"]._process_queue()

    def _reminders_received(self, received, contacts):
        """[(reminder emails, reminder texts)] received per candidate."""
        mails = Counter(
            address
            for mail in received["mail"]
            if "reminder" in email.message_from_string(mail["message"], policy=SMTP)["Subject"]
            for address in mail["smtp_to_list"]
        )
        texts = Counter(sms["number"] for sms in received["sms"] if "reminder" in sms["body"])
        return [(mails[address], texts[number]) for address, number in contacts]

    def _followup_ids(self, ids, kind):
        """The ids of the follow-ups of ``kind`` of these invitations, by invitation then id."""
        with self.registry.cursor() as cr:
            rows = self._env(cr)["hr.invitation.followup"].search(
                [("invitation_id", "in", ids), ("kind", "=", kind)]
            )
            return rows.sorted(lambda row: (ids.index(row.invitation_id.id), row.id)).ids

    def _committed_state(self, ids):
        """Per invitation, as committed: reminders queued or sent, follow-up activities,
        no-show logs."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            invitations = env["hr.invitation"].browse(ids)
            reminders = env["hr.invitation.followup"].search(
                [
                    ("invitation_id", "in", ids),
                    ("kind", "=", "reminder"),
                    ("state", "in", ("queued", "done")),
                ]
            )
            sent = {(row.invitation_id.id, row.channel) for row in reminders}
            activities = env["mail.activity"].search(
                [("res_model", "=", "hr.invitation"), ("res_id", "in", ids)]
            )
            logs = env["mail.message"].search(
                [
                    ("model", "=", "hr.invitation"),
                    ("res_id", "in", ids),
                    ("body", "ilike", "did not come to the interview"),
                ]
            )
            return [
                {
                    "mail": (inv.id, "email") in sent,
                    "sms": (inv.id, "sms") in sent,
                    "call": len(
                        activities.filtered(
                            lambda act, inv=inv: (
                                act.res_id == inv.id
                                and act.activity_type_id == env.ref(ACTIVITY_TYPES["call"])
                            )
                        )
                    ),
                    "alert": len(
                        activities.filtered(
                            lambda act, inv=inv: (
                                act.res_id == inv.id
                                and act.activity_type_id == env.ref(ACTIVITY_TYPES["alert"])
                            )
                        )
                    ),
                    "no_show_logs": len(logs.filtered(lambda msg, inv=inv: msg.res_id == inv.id)),
                    "state": inv.state,
                }
                for inv in invitations
            ]

    @contextmanager
    def _two_runs(self):
        """Two cursors, as two cron workers; a lock wait fails the test instead of hanging it."""
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            for cr in (cr_a, cr_b):
                cr.execute("SET LOCAL lock_timeout = '10s'")
            yield (
                self._env(cr_a)["hr.invitation.followup"],
                self._env(cr_b)["hr.invitation.followup"],
            )

    def _run_as_cron_worker(self, cr, cron):
        """Call a batch cron as Odoo's cron worker does (ir.cron._run_job): again while a call
        handled a batch, each batch committed; return how many records were handled."""
        handled = 0
        while done := cron():
            cr.commit()  # pylint: disable=invalid-commit
            handled += done
            self.assertLess(handled, 1000, "a batch cron that never ends")
        return handled

    @contextmanager
    def _skips_changed_rows(self):
        """Yield the follow-ups a run left because another run changed them since it started;
        fail on any SQL error logged meanwhile."""
        skipped = []
        # logging.INFO, not "INFO": Odoo names its test level 25 "INFO" too.
        with (
            self.assertNoLogs("odoo.sql_db", "ERROR"),
            self.assertLogs(ENGINE_LOGGER, logging.INFO) as logs,
        ):
            yield skipped
        skipped += [line for line in logs.output if "left to the next" in line]

    # ------------------------------------------------------------------
    # Two overlapping runs
    # ------------------------------------------------------------------

    def test_a_run_overlapping_one_in_flight_sends_each_reminder_once(self):
        """Run A holds the first three interviews, not committed yet, when run B runs the whole
        reminder cron: B sends the other three only; both commit."""
        with self._committed_interviews(6) as (ids, contacts), self._gateways() as sent:
            rows = self._followup_ids(ids, "reminder")  # an email and a text each
            with freeze_time(DAY_BEFORE), self._two_runs() as (run_a, run_b):
                run_a.browse(rows[:6])._process()
                handled = 0
                while done := run_b._cron_send_interview_reminders(batch_size=2):
                    handled += done  # as the cron worker calls it again, before A commits
                self.assertEqual(handled, 6, "B skips what A holds: 3 interviews, 2 channels")
                run_a.env.cr.commit()
                run_b.env.cr.commit()
            self._send_queued_committed()
            received = self._reminders_received(sent, contacts)
            state = self._committed_state(ids)
        self.assertEqual(received, [(1, 1)] * 6, "one email and one text per interview")
        self.assertTrue(all(inv["mail"] and inv["sms"] for inv in state), "all marked sent")
        _logger.info(
            "two-cursor reminders, one run in flight: %s interviews, %s emails and %s texts "
            "received, %s duplicates",
            len(ids),
            sum(mails for mails, _texts in received),
            sum(texts for _mails, texts in received),
            sum(max(mails - 1, 0) + max(texts - 1, 0) for mails, texts in received),
        )

    def test_a_run_that_read_before_the_other_committed_sends_nothing_again(self):
        """Run B starts (its snapshot shows every reminder unsent), run A then sends them all
        and commits; B then runs the cron: under REPEATABLE READ it cannot lock what A changed,
        so it skips it, without failing."""
        with self._committed_interviews(3) as (ids, contacts), self._gateways() as sent:
            with freeze_time(DAY_BEFORE), self._two_runs() as (run_a, run_b):
                pending = run_b.search([("invitation_id", "in", ids), ("kind", "=", "reminder")])
                self.assertEqual(set(pending.mapped("state")), {"pending"})
                run_a._cron_send_interview_reminders()
                run_a.env.cr.commit()
                with self._skips_changed_rows() as skipped:
                    run_b._cron_send_interview_reminders()
                run_b.env.cr.commit()
            self._send_queued_committed()
            received = self._reminders_received(sent, contacts)
        self.assertEqual(received, [(1, 1)] * 3)
        self.assertEqual(len(skipped), 6, "B skipped each follow-up, without an error")
        _logger.info(
            "two-cursor reminders, stale snapshot: %s interviews, %s messages, 0 errors",
            len(ids),
            sum(mails + texts for mails, texts in received),
        )

    def test_a_run_whose_first_rows_another_committed_claims_the_last_ones(self):
        """Run B has read the reminders when run A sends the first interview's and commits: B
        cannot lock these (REPEATABLE READ), so it claims its batch from the last ones, in one
        query, not row by row; its next call sends the rest. Nothing is sent twice."""
        with self._committed_interviews(3) as (ids, contacts), self._gateways() as sent:
            rows = self._followup_ids(ids, "reminder")
            with freeze_time(DAY_BEFORE), self._two_runs() as (run_a, run_b):
                run_b.browse(rows).mapped("state")  # B's snapshot: all pending
                run_a.browse(rows[:2])._process()
                run_a.env.cr.commit()
                with self.assertNoLogs(ENGINE_LOGGER, logging.INFO):
                    first = run_b._cron_send_interview_reminders(batch_size=2)
                claimed = run_b.browse(rows).filtered(lambda row: row.state == "queued")
                run_b.env.cr.commit()
                rest = run_b._cron_send_interview_reminders(batch_size=2)
                run_b.env.cr.commit()
            self._send_queued_committed()
            received = self._reminders_received(sent, contacts)
        self.assertEqual((first, claimed.ids, rest), (2, rows[-2:], 2))
        self.assertEqual(received, [(1, 1)] * 3)

    DAY_CRONS = (
        ("_cron_plan_reminder_calls", "reminder_call", CALL_TIME),
        ("_cron_alert_not_arrived", "not_arrived", NOT_ARRIVED_TIME),
        ("_cron_mark_no_shows", "no_show", NO_SHOW_TIME),
    )

    def _assert_each_acted_once(self, states_by_cron):
        """After the calls, one reminder call each; after the alerts, one alert each; after
        the no-shows, one no-show log each, and the calls and alerts closed."""
        calls, alerts, no_shows = states_by_cron
        self.assertEqual([inv["call"] for inv in calls], [1] * len(calls))
        self.assertEqual([(inv["call"], inv["alert"]) for inv in alerts], [(1, 1)] * len(alerts))
        self.assertEqual(
            [(inv["state"], inv["no_show_logs"], inv["call"], inv["alert"]) for inv in no_shows],
            [("no_show", 1, 0, 0)] * len(no_shows),
        )

    def test_day_crons_overlapping_a_run_in_flight_act_once_per_interview(self):
        """Reminder calls, not-arrived alerts, no-shows: run A holds the first two interviews,
        not committed yet, when run B runs the whole cron in batches of 2."""
        states = []
        with self._committed_interviews(3) as (ids, _contacts):
            for cron_name, kind, at in self.DAY_CRONS:
                rows = self._followup_ids(ids, kind)
                with freeze_time(at), self._two_runs() as (run_a, run_b):
                    run_a.browse(rows[:2])._process()
                    getattr(run_b, cron_name)(batch_size=2)
                    run_a.env.cr.commit()
                    run_b.env.cr.commit()
                states.append(self._committed_state(ids))
        self._assert_each_acted_once(states)
        _logger.info(
            "two-cursor day crons, one run in flight: %s crons x %s interviews, each acted once",
            len(self.DAY_CRONS),
            len(ids),
        )

    def test_day_crons_that_read_before_the_other_committed_act_once_per_interview(self):
        """Reminder calls, not-arrived alerts, no-shows: run B has read the interviews when run
        A handles them all and commits; B's run then skips them, without failing."""
        states = []
        with self._committed_interviews(3) as (ids, _contacts):
            for cron_name, kind, at in self.DAY_CRONS:
                with freeze_time(at), self._two_runs() as (run_a, run_b):
                    # B's snapshot: nothing done yet.
                    run_b.search([("invitation_id", "in", ids), ("kind", "=", kind)]).mapped(
                        "state"
                    )
                    getattr(run_a, cron_name)()
                    run_a.env.cr.commit()
                    with self._skips_changed_rows() as skipped:
                        getattr(run_b, cron_name)()
                    run_b.env.cr.commit()
                self.assertEqual(len(skipped), 3, f"{cron_name}: B skipped each interview")
                states.append(self._committed_state(ids))
        self._assert_each_acted_once(states)
        _logger.info(
            "two-cursor day crons, stale snapshot: %s crons x %s interviews, each acted once",
            len(self.DAY_CRONS),
            len(ids),
        )

    # ------------------------------------------------------------------
    # Two cron workers at once, in two threads
    # ------------------------------------------------------------------

    def _work_as_cron_worker(self, cron):
        """What a cron worker does with ``cron`` (a function of the follow-ups model), in a
        cursor of its own: call it again while a call handled a batch, each batch committed;
        return how many follow-ups it handled."""
        handled = 0
        with self.registry.cursor() as cr:
            # The test run holds the lock of Odoo's registries (it loads the modules): a thread
            # cannot look the registry up by its name, its cursor is given it.
            cr.transaction = api.Transaction(self.registry)
            while True:
                cr.execute("SET LOCAL lock_timeout = '10s'")  # a lock wait fails, not hangs
                done = cron(self._env(cr)["hr.invitation.followup"])
                cr.commit()  # pylint: disable=invalid-commit
                if not done:
                    return handled
                handled += done

    def _two_cron_workers(self, cron):
        """Two threads, started together, each working as a cron worker on ``cron``; each
        batch takes 50 ms more, so that their batches overlap. Return what each handled."""
        followup_class = type(self.env["hr.invitation.followup"])
        handle = followup_class._handle
        start = threading.Barrier(2, timeout=30)
        handled, errors = [0, 0], []

        def slow_handle(rows):
            time.sleep(0.05)
            return handle(rows)

        def work(worker):
            try:
                start.wait()
                handled[worker] = self._work_as_cron_worker(cron)
            except Exception as error:  # noqa: BLE001 - raised again in the test's thread
                errors.append(error)

        threads = [threading.Thread(target=work, args=(worker,)) for worker in range(2)]
        with patch.object(followup_class, "_handle", slow_handle):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads), "a worker never ended")
        if errors:
            raise errors[0]
        return handled

    def _queued_reminders(self, ids):
        """{follow-up id: (emails, texts) queued for it}, of the reminders of ``ids``, and
        [(emails, texts) queued] per invitation, as committed."""
        with self.registry.cursor() as cr:
            env = self._env(cr)
            rows = env["hr.invitation.followup"].search(
                [("invitation_id", "in", ids), ("kind", "=", "reminder")]
            )
            mails = env["mail.mail"].search([("invitation_followup_id", "in", rows.ids)])
            texts = env["sms.sms"].search([("invitation_followup_id", "in", rows.ids)])
            per_row = {
                row.id: (
                    len(mails.filtered(lambda mail, row=row: mail.invitation_followup_id == row)),
                    len(texts.filtered(lambda sms, row=row: sms.invitation_followup_id == row)),
                )
                for row in rows
            }
            per_candidate = [
                (
                    len(mails.filtered(lambda mail, inv=inv: inv.partner_id in mail.recipient_ids)),
                    len(texts.filtered(lambda sms, inv=inv: sms.partner_id == inv.partner_id)),
                )
                for inv in env["hr.invitation"].browse(ids)
            ]
            return per_row, per_candidate, set(rows.mapped("state"))

    def test_two_cron_workers_at_once_send_each_reminder_once(self):
        """Two cron workers run the reminder cron at once on the same due reminders, in
        batches of 1: each follow-up is handled by one of them, each candidate gets one email
        and one text, and a run afterwards finds nothing left."""
        with self._committed_interviews(6) as (ids, contacts), self._gateways() as sent:
            rows = self._followup_ids(ids, "reminder")
            with freeze_time(DAY_BEFORE):
                handled = self._two_cron_workers(
                    lambda followups: followups._cron_send_interview_reminders(batch_size=1)
                )
                per_row, per_candidate, states = self._queued_reminders(ids)
                again = self._work_as_cron_worker(
                    lambda followups: followups._cron_send_interview_reminders()
                )
            self._send_queued_committed()
            received = self._reminders_received(sent, contacts)
        self.assertEqual(sum(handled), len(rows), "each of the 12 follow-ups handled once")
        self.assertTrue(all(handled), f"both workers handled some: {handled}")
        self.assertEqual(states, {"queued"})
        self.assertEqual(
            sorted(per_row.values()), [(0, 1)] * 6 + [(1, 0)] * 6, "one message per follow-up"
        )
        self.assertEqual(per_candidate, [(1, 1)] * 6, "one email and one text queued each")
        self.assertEqual(again, 0, "a run afterwards handles nothing")
        self.assertEqual(received, [(1, 1)] * 6, "one email and one text received each")
        _logger.info(
            "two cron workers in threads, reminders: %s follow-ups handled (%s and %s), "
            "%s emails and %s texts received, a run afterwards handled %s",
            sum(handled),
            *handled,
            sum(mails for mails, _texts in received),
            sum(texts for _mails, texts in received),
            again,
        )

    def test_two_cron_workers_at_once_mark_each_no_show_once(self):
        """Two cron workers run the no-show cron at once on the same due checks, in batches
        of 1: each interview is a no-show once (one note), and a run afterwards finds nothing
        left."""
        with self._committed_interviews(6) as (ids, _contacts):
            with freeze_time(NO_SHOW_TIME):
                handled = self._two_cron_workers(
                    lambda followups: followups._cron_mark_no_shows(batch_size=1)
                )
                again = self._work_as_cron_worker(lambda followups: followups._cron_mark_no_shows())
            state = self._committed_state(ids)
        self.assertEqual(sum(handled), 6)
        self.assertTrue(all(handled), f"both workers handled some: {handled}")
        self.assertEqual(again, 0)
        self.assertEqual(
            [(inv["state"], inv["no_show_logs"]) for inv in state], [("no_show", 1)] * 6
        )
        _logger.info(
            "two cron workers in threads, no-shows: %s interviews (%s and %s), each one note",
            sum(handled),
            *handled,
        )

    # ------------------------------------------------------------------
    # A run that dies in the middle of a batch
    # ------------------------------------------------------------------

    def test_a_run_dying_mid_batch_loses_nothing_and_the_next_run_queues_the_rest(self):
        """Batches of 2 follow-ups (an interview's email and text) over 5 interviews; the worker
        dies at the 4th interview's email (4th batch); the SMS gateway then refuses the first
        candidate's text. The first batches are committed and sent, the 4th rolled back whole;
        the next run queues the rest and the refused text, and nothing reaches a candidate
        twice."""
        followup_class = type(self.env["hr.invitation.followup"])
        queue_mails = followup_class._queue_mails
        with self._committed_interviews(5) as (ids, contacts):
            refused_number = contacts[0][1]

            def die_at_the_fourth(rows, no_email_note):
                if ids[3] in rows.invitation_id.ids:
                    raise WorkerDied()
                return queue_mails(rows, no_email_note)

            with (
                freeze_time(DAY_BEFORE),
                patch.object(followup_class, "_queue_mails", die_at_the_fourth),
                self.assertRaises(WorkerDied),
                self.registry.cursor() as cr,
            ):
                self._run_as_cron_worker(
                    cr,
                    partial(
                        self._env(cr)["hr.invitation.followup"]._cron_send_interview_reminders, 2
                    ),
                )
            after_crash = self._committed_state(ids)
            with (
                self._gateways(**{refused_number: "server_error"}) as first,
                freeze_time(DAY_BEFORE),
                self.assertLogs(LOGGER, "WARNING") as refused,
            ):
                self._send_queued_committed()
            after_queue = self._committed_state(ids)
            with (
                self._gateways() as second,
                freeze_time("2026-01-14 09:45:00"),
                self.registry.cursor() as cr,
            ):
                # Each batch commits, as in a cron worker: the queues see them.
                self._run_as_cron_worker(
                    cr,
                    partial(
                        self._env(cr)["hr.invitation.followup"]._cron_send_interview_reminders, 2
                    ),
                )
                self._send_queued_committed()
            after_resume = self._committed_state(ids)
            received_first = self._reminders_received(first, contacts)
            received_second = self._reminders_received(second, contacts)
        self.assertIn("queued again at the next run", refused.output[0])
        self.assertEqual(
            [(inv["mail"], inv["sms"]) for inv in after_crash],
            [(True, True)] * 3 + [(False, False)] * 2,
            "batches 1-3 committed as queued, batch 4 rolled back whole",
        )
        self.assertEqual(
            [(inv["mail"], inv["sms"]) for inv in after_queue],
            [(True, False)] + [(True, True)] * 2 + [(False, False)] * 2,
            "the refused text is pending again",
        )
        self.assertEqual(received_first, [(1, 0), (1, 1), (1, 1), (0, 0), (0, 0)])
        self.assertEqual(
            received_second, [(0, 1), (0, 0), (0, 0), (1, 1), (1, 1)], "the rest, not more"
        )
        self.assertTrue(all(inv["mail"] and inv["sms"] for inv in after_resume))
        _logger.info(
            "crash mid-batch: %s interviews in batches of 2, %s messages before the crash, %s "
            "after the resume, %s duplicates",
            len(ids),
            sum(mails + texts for mails, texts in received_first),
            sum(mails + texts for mails, texts in received_second),
            sum(
                max(m1 + m2 - 1, 0) + max(t1 + t2 - 1, 0)
                for (m1, t1), (m2, t2) in zip(received_first, received_second, strict=True)
            ),
        )
