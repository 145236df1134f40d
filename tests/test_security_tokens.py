"""The candidate's token: 256 random bits, recruiters only, never copied, never in a message."""

import base64
import logging
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import InterviewCase

_logger = logging.getLogger(__name__)

NOW = "2026-01-14 10:00:00"


class _RecordingHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestSecurityTokens(InterviewCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls._new_company_user("inv_employee", "base.group_user")

    def setUp(self):
        super().setUp()
        with freeze_time(NOW):
            self.invitation = self._schedule(
                self._new_invitation(
                    "Camille Laurent", "+33 6 12 34 56 78", email="camille@example.fr"
                )
            ).sudo()
            self.interview = self.invitation.interview_id
            self.token = self.interview._portal_ensure_token()

    def test_tokens_carry_256_random_bits(self):
        tokens = []
        for _i in range(64):
            self.interview.access_token = False
            tokens.append(self.interview._portal_ensure_token())
        self.assertEqual(len(set(tokens)), 64, "never the same token twice")
        raw = [base64.urlsafe_b64decode(token + "=") for token in tokens]
        self.assertEqual({len(value) for value in raw}, {32}, "32 bytes = 256 bits")
        ones = sum(byte.bit_count() for value in raw for byte in value)
        total = 64 * 256
        self.assertTrue(0.45 < ones / total < 0.55, f"balanced bits: {ones}/{total}")
        _logger.info(
            "token entropy: %s tokens tried, 256 bits each, %s/%s bits set", 64, ones, total
        )

    def test_the_token_is_compared_whole_and_typed(self):
        refused = [self.token[:-1], self.token + "x", self.token.encode(), [self.token], None, ""]
        for candidate in refused:
            self.assertFalse(self.interview._is_portal_token(candidate), repr(candidate))
            self.assertFalse(self.interview._get_opened_interview(candidate), repr(candidate))
        with freeze_time(NOW):
            self.assertEqual(self.interview._get_opened_interview(self.token), self.interview)
        _logger.info("token comparison: %s tried, %s rejected", len(refused), len(refused))

    def test_the_token_is_not_copied(self):
        self.assertFalse(self.env["hr.invitation.interview"]._fields["access_token"].copy)
        copy = self.interview.copy()
        self.assertFalse(copy.access_token)
        self.assertNotEqual(copy._portal_ensure_token(), self.token)
        self.assertFalse(self.invitation.copy().access_token, "nor the invitation's")

    @mute_logger("odoo.http")  # the refused RPC calls are logged as warnings
    def test_only_recruiters_read_the_token(self):
        self.assertEqual(self.invitation.with_user(self.recruiter).access_token, self.token)
        self.assertEqual(self.interview.with_user(self.recruiter).access_token, self.token)
        for user in (self.interviewer, self.employee):
            for record in (self.invitation, self.interview):
                with self.assertRaises(AccessError, msg=f"{user.login} {record._name}"):
                    record.with_user(user).read(["access_token"])
        # Through RPC as the web client does it: the interviewer can read the invitation...
        self.authenticate("inv_interviewer", "inv_interviewer")
        call = {"model": "hr.invitation", "args": [self.invitation.ids], "kwargs": {}}
        read = self.make_jsonrpc_request(
            "/web/dataset/call_kw", {**call, "method": "read", "kwargs": {"fields": ["state"]}}
        )
        self.assertEqual(read[0]["state"], "invited")
        # ...but neither its token nor a search by token.
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {**call, "method": "read", "kwargs": {"fields": ["access_token"]}},
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "hr.invitation",
                    "method": "search_read",
                    "args": [[("access_token", "=", self.token)]],
                    "kwargs": {"fields": ["id"]},
                },
            )
        # The interview's own token, over RPC too.
        interview_call = {"model": "hr.invitation.interview", "args": [self.interview.ids]}
        read = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {**interview_call, "method": "read", "kwargs": {"fields": ["state"]}},
        )
        self.assertEqual(read[0]["state"], "scheduled")
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {**interview_call, "method": "read", "kwargs": {"fields": ["access_token"]}},
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "hr.invitation.interview",
                    "method": "search_read",
                    "args": [[("access_token", "=", self.token)]],
                    "kwargs": {"fields": ["id"]},
                },
            )
        _logger.info("token over RPC: 2 non-recruiters and 4 RPC calls tried, all refused")

    def test_the_token_is_in_no_message_note_or_log(self):
        """Scheduling, reminders and portal answers: the token reaches only the candidate."""
        handler = _RecordingHandler()
        logging.getLogger().addHandler(handler)
        try:
            invitation = self._new_invitation(
                "Lukas Schmidt", "+33 6 98 76 54 32", email="lukas@example.de"
            )
            with freeze_time(NOW):
                self._schedule(invitation)
            token = invitation.sudo().access_token
            with (
                freeze_time(datetime(2026, 1, 14, 9, 30)),
                self.mock_mail_gateway(),
                self.mockSMSGateway(),
            ):
                self.env["hr.invitation.followup"]._cron_send_interview_reminders()
                self._send_queued()  # Odoo's queues log what they send: no token there either
            with freeze_time(NOW):
                interview = invitation.interview_id.sudo()
                interview._action_portal_confirm()
                interview._action_portal_set_travel("car", "09:40")
                interview._action_portal_request_pickup("Station", "09:30")
                interview._action_portal_decline("Found another job")
        finally:
            logging.getLogger().removeHandler(handler)
        self.assertTrue(token)
        sources = {
            "mail.message": self.env["mail.message"].sudo().search([]).mapped("body"),
            "tracking": self.env["mail.tracking.value"]
            .sudo()
            .search([])
            .mapped(lambda value: f"{value.old_value_char} {value.new_value_char}"),
            "activity": self.env["mail.activity"].sudo().search([]).mapped(lambda a: str(a.note)),
            "event": [invitation.event_id.description or ""],
            "log": handler.lines,
        }
        checked = 0
        for source, texts in sources.items():
            for text in texts:
                checked += 1
                self.assertNotIn(token, str(text), source)
        _logger.info(
            "token leaks: %s texts tried (messages, notes, logs), 0 hold the token", checked
        )
