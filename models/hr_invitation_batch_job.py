import logging

from psycopg2.errors import SerializationFailure

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Workers of one cron job at most: Odoo runs as many crons at once as it has cron threads
# (--max-cron-threads, 2 by default), and more workers than threads only wait their turn.
MAX_CRON_WORKERS = 8


class HrInvitationBatchJob(models.AbstractModel):
    """The one engine of the addon's batch jobs: claim a batch, handle it, report progress.

    A batch cron calls ``_run_batch`` once per call: it claims up to ``batch_size`` records
    of the domain with ``FOR UPDATE SKIP LOCKED``, hands them to the handler and reports with
    ``ir.cron._notify_progress``. Odoo's cron runner commits the batch and calls the cron
    again while records remain (``ir.cron._run_job``), so the engine never commits.

    Two runs at once (two cron workers) never handle a record twice: a run skips the rows the
    other holds, and, under REPEATABLE READ, rows the other changed and committed since this
    run started cannot be locked: the run claims others, and leaves these to the next call,
    which sees them as they are. A handler must take each record it is given out of the
    domain (a flag, a state), so that the next call goes on with the others.
    """

    _name = "hr.invitation.batch.job"
    _description = "Batch Job of the Interview Invitations"

    @api.model
    def _run_batch(self, domain, handler, batch_size):
        """Claim, handle and report one batch; return how many records it handled.

        ``handler`` is a function of the claimed records (``lambda batch: batch._method()``).
        """
        claimed = self._claim_batch(domain, batch_size)
        if claimed:
            handler(claimed)
        remaining = self.search_count(domain) if claimed else 0
        self.env["ir.cron"]._notify_progress(done=len(claimed), remaining=remaining)
        return len(claimed)

    @api.model
    def _claim_batch(self, domain, batch_size):
        """Lock up to ``batch_size`` records of ``domain`` that no other run holds, by id.

        Rows that another run changed and committed since this one started cannot be locked
        (REPEATABLE READ). Runs claim by id, so these are the first ones: the claim is made
        again from the last ones; when that fails too, the rows are locked one by one.
        """
        self.env.flush_all()
        query = self._search(domain)
        for order in (SQL("id"), SQL("id DESC")):
            claim = SQL(
                "SELECT id FROM %s WHERE id IN %s ORDER BY %s LIMIT %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                query.subselect(),
                order,
                batch_size,
            )
            try:
                return self._locked(claim)
            except SerializationFailure:
                continue
        batch = self.search(domain, order="id", limit=batch_size)
        return self.browse().union(*(record._lock_pending(SQL("TRUE")) for record in batch))

    def _lock_pending(self, condition):
        """Lock the records of ``self`` that still match the SQL ``condition``.

        Rows that another transaction holds are skipped: that run handles them. So are rows
        that another transaction changed and committed since this one started: REPEATABLE
        READ refuses to lock them, and the next run sees them as they are now.
        """
        if not self:
            return self
        self.flush_recordset()
        claim = SQL(
            "SELECT id FROM %s WHERE id IN %s AND (%s) ORDER BY id FOR UPDATE SKIP LOCKED",
            SQL.identifier(self._table),
            tuple(self.ids),
            condition,
        )
        try:
            return self._locked(claim)
        except SerializationFailure:
            if len(self) == 1:
                _logger.info(
                    "%s %s changed since this run started: left to the next", self._name, self.id
                )
                return self.browse()
            return self.browse().union(*(record._lock_pending(condition) for record in self))

    def _locked(self, claim):
        """The records ``claim`` (a SELECT ... FOR UPDATE of ids) locked, in a savepoint."""
        with self.env.cr.savepoint(flush=False):
            self.env.cr.execute(claim, log_exceptions=False)
            locked = self.browse([row[0] for row in self.env.cr.fetchall()])
        locked.invalidate_recordset()
        return locked

    # ------------------------------------------------------------------
    # Workers: copies of a cron of the engine, run by other cron threads
    # ------------------------------------------------------------------

    @api.model
    def _set_cron_workers(self, cron_xmlid, count):
        """Keep ``count`` crons of the job ``cron_xmlid`` active, so that ``count`` cron
        threads can run it at once: the cron itself and its workers 2 to ``count``, copies
        of it created the first time they are needed; the workers past ``count`` archived.

        A worker is data of the cron's module, without update (``<cron xmlid>_worker_<n>``):
        an upgrade keeps it, an uninstall removes it. It runs only while the cron is active,
        on the cron's code and schedule. Crons are written only when they change: Odoo
        refuses to write a cron that is running.
        """
        cron = self.env.ref(cron_xmlid)
        values = self._get_cron_worker_values(cron)
        for number in range(2, MAX_CRON_WORKERS + 1):
            xmlid = f"{cron_xmlid}_worker_{number}"
            worker = self.env.ref(xmlid, raise_if_not_found=False)
            active = cron.active and number <= count
            if not worker:
                if active:
                    self._create_cron_worker(cron, xmlid, number, values)
                continue
            changes = {
                name: value
                for name, value in dict(values, active=active).items()
                if worker._fields[name].convert_to_write(worker[name], worker) != value
            }
            if changes:
                worker.write(changes)

    @api.model
    def _get_cron_worker_values(self, cron):
        """What the workers of ``cron`` take from it: its code and its schedule."""
        return {
            "model_id": cron.model_id.id,
            "state": cron.state,
            "code": cron.code,
            "user_id": cron.user_id.id,
            "interval_number": cron.interval_number,
            "interval_type": cron.interval_type,
            "priority": cron.priority,
        }

    @api.model
    def _create_cron_worker(self, cron, xmlid, number, values):
        """Worker ``number`` of ``cron``: named after it, "(worker <number>)" in each language,
        due when it is."""
        names = self._get_cron_worker_names(cron, number)
        worker = self.env["ir.cron"]._load_records(
            [
                {
                    "xml_id": xmlid,
                    "noupdate": True,
                    "values": dict(
                        values, name=names["en_US"], nextcall=cron.nextcall, active=True
                    ),
                }
            ]
        )
        worker.ir_actions_server_id.update_field_translations("name", names)
        return worker

    @api.model
    def _get_cron_worker_names(self, cron, number):
        """{language code: the name of worker ``number`` of ``cron``} in the active languages."""
        languages = {code for code, _name in self.env["res.lang"].get_installed()} | {"en_US"}
        return {
            lang: self.with_context(lang=lang).env._(
                "%(cron)s (worker %(number)s)",
                cron=cron.with_context(lang=lang).name,
                number=number,
            )
            for lang in languages
        }
