import logging

from psycopg2.errors import SerializationFailure

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


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
