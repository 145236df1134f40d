from collections import namedtuple
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

Limit = namedtuple("Limit", "count window")


class HrInvitationPortalAttempt(models.Model):
    """Requests to the candidate's pages counted per window: token guessing and floods.

    Two counters, each with its limit:

    - ``token``: wrong, foreign or expired tokens per IP address (on the candidate's pages and
      on Odoo's /mail/chatter_fetch for this addon's records). Past the limit, the address
      gets 429 until the window ends; other addresses are not affected. Behind a reverse
      proxy, run Odoo with ``proxy_mode`` so that the address is the candidate's.
    - ``answer``: answers sent through one candidate link (accepted or refused). Past the
      limit, that link's answers get 429, with no note and no email to the recruiter.
    """

    _name = "hr.invitation.portal.attempt"
    _description = "Candidate Page Requests Counted"
    _log_access = False
    _order = "window_start desc, id desc"

    kind = fields.Selection(
        [("token", "Wrong Tokens of an Address"), ("answer", "Answers of a Link")],
        required=True,
        readonly=True,
    )
    key = fields.Char(
        "Counted For", required=True, readonly=True, help="The IP address, or the invitation."
    )
    count = fields.Integer("Requests", required=True, default=1, readonly=True)
    window_start = fields.Datetime(
        "Counting Since", required=True, readonly=True, default=fields.Datetime.now
    )

    _sql_constraints = [
        ("kind_key_unique", "UNIQUE(kind, key)", "One counter per kind and key."),
    ]

    _limits = {
        "token": Limit(10, timedelta(minutes=15)),
        "answer": Limit(20, timedelta(hours=1)),
    }

    # ------------------------------------------------------------------
    # Wrong tokens, per IP address
    # ------------------------------------------------------------------

    @api.model
    def _is_blocked(self, ip):
        """Whether ``ip`` made too many failed attempts in the current window."""
        return self._is_over_limit("token", ip)

    @api.model
    def _register_failure(self, ip):
        """Count one failed attempt of ``ip``."""
        self._count("token", ip)

    # ------------------------------------------------------------------
    # Answers, per candidate link
    # ------------------------------------------------------------------

    @api.model
    def _is_answer_limit_reached(self, invitation):
        return self._is_over_limit("answer", str(invitation.id))

    @api.model
    def _register_answer(self, invitation):
        self._count("answer", str(invitation.id))

    # ------------------------------------------------------------------
    # The counters
    # ------------------------------------------------------------------

    @api.model
    def _is_over_limit(self, kind, key):
        limit = self._limits[kind]
        return bool(
            self.search_count(
                [
                    ("kind", "=", kind),
                    ("key", "=", key),
                    ("window_start", ">", fields.Datetime.now() - limit.window),
                    ("count", ">=", limit.count),
                ],
                limit=1,
            )
        )

    @api.model
    def _count(self, kind, key):
        """Count one request of ``key``; a new window starts once the last one is over.

        One statement, so that concurrent requests all count.
        """
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO hr_invitation_portal_attempt AS attempt
                            (kind, key, count, window_start)
                     VALUES (%(kind)s, %(key)s, 1, %(now)s)
                ON CONFLICT (kind, key) DO UPDATE
                        SET count = CASE WHEN attempt.window_start > %(floor)s
                                         THEN attempt.count + 1 ELSE 1 END,
                            window_start = CASE WHEN attempt.window_start > %(floor)s
                                                THEN attempt.window_start ELSE %(now)s END
                """,
                kind=kind,
                key=key,
                now=now,
                floor=now - self._limits[kind].window,
            )
        )
        self.invalidate_model(["count", "window_start"])

    @api.autovacuum
    def _gc_finished_windows(self):
        """Forget the counters whose window is over."""
        now = fields.Datetime.now()
        for kind, limit in self._limits.items():
            self.search([("kind", "=", kind), ("window_start", "<=", now - limit.window)]).unlink()
