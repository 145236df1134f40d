from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class HrInvitationPortalAttempt(models.Model):
    """Failed openings of interview pages, per IP address, to slow down token guessing.

    After ``_max_failures`` wrong, foreign or expired tokens within ``_window``, the address
    is answered 429 until the window ends. Other addresses are not affected. Behind a reverse
    proxy, run Odoo with ``proxy_mode`` so that the address is the candidate's.
    """

    _name = "hr.invitation.portal.attempt"
    _description = "Failed Interview Page Openings"
    _log_access = False
    _order = "window_start desc, id desc"

    ip = fields.Char("IP Address", required=True, readonly=True)
    failure_count = fields.Integer("Failures", required=True, default=1, readonly=True)
    window_start = fields.Datetime(
        "Counting Since", required=True, readonly=True, default=fields.Datetime.now
    )

    _sql_constraints = [
        ("ip_unique", "UNIQUE(ip)", "One row per IP address."),
    ]

    _max_failures = 10
    _window = timedelta(minutes=15)

    @api.model
    def _is_blocked(self, ip):
        """Whether ``ip`` made too many failed attempts in the current window."""
        window_floor = fields.Datetime.now() - self._window
        return bool(
            self.search_count(
                [
                    ("ip", "=", ip),
                    ("window_start", ">", window_floor),
                    ("failure_count", ">=", self._max_failures),
                ],
                limit=1,
            )
        )

    @api.model
    def _register_failure(self, ip):
        """Count one failed attempt of ``ip``; a new window starts once the last one is over.

        One statement, so that concurrent requests from one address all count.
        """
        now = fields.Datetime.now()
        window_floor = now - self._window
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO hr_invitation_portal_attempt AS attempt
                            (ip, failure_count, window_start)
                     VALUES (%(ip)s, 1, %(now)s)
                ON CONFLICT (ip) DO UPDATE
                        SET failure_count = CASE WHEN attempt.window_start > %(floor)s
                                                 THEN attempt.failure_count + 1 ELSE 1 END,
                            window_start = CASE WHEN attempt.window_start > %(floor)s
                                                THEN attempt.window_start ELSE %(now)s END
                """,
                ip=ip,
                now=now,
                floor=window_floor,
            )
        )
        self.invalidate_model(["failure_count", "window_start"])

    @api.autovacuum
    def _gc_finished_windows(self):
        """Forget the addresses whose window is over."""
        self.search([("window_start", "<=", fields.Datetime.now() - self._window)]).unlink()
