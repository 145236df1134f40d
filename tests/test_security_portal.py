"""Attacks on the candidate's interview page: every route, forged and foreign tokens, GET and
CSRF, malformed input, rate limiting and repeated answers. Each test logs what it tried.

The routes are listed once, in CANDIDATE_ROUTES: add a candidate route there and every attack
runs on it.
"""

import logging
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlencode

from odoo import http
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL, mute_logger

from .test_portal import NOW, START, InterviewPortalCase

_logger = logging.getLogger(__name__)

# (method, path template, valid form data): every route a candidate reaches with their token.
CANDIDATE_ROUTES = [
    ("GET", "/my/interviews/{id}", {}),
    ("GET", "/my/interviews/{id}/ics", {}),
    ("POST", "/my/interviews/{id}/confirm", {}),
    ("POST", "/my/interviews/{id}/decline", {"reason": "I accepted another offer"}),
    ("POST", "/my/interviews/{id}/reschedule", {"slot": "20260401T1300"}),
    ("POST", "/my/interviews/{id}/travel", {"travel_mode": "car", "arrival": "13:40"}),
    ("POST", "/my/interviews/{id}/parking", {}),
    ("POST", "/my/interviews/{id}/pickup", {"pickup_point": "Station", "pickup_time": "13:30"}),
    ("GET", "/my/interviews/{id}/feedback", {}),
    ("POST", "/my/interviews/{id}/feedback", {"call_rating": "4", "recommend_score": "8"}),
]
POST_ROUTES = [route for route in CANDIDATE_ROUTES if route[0] == "POST"]
# Paths that are also pages (the feedback form): a GET shows the page instead of a 405.
PAGE_PATHS = {route[1] for route in CANDIDATE_ROUTES if route[0] == "GET"}
# The rows an answer may write, read with SQL (no ORM cache between the requests and the check).
SNAPSHOT_QUERIES = {
    "invitation": "SELECT * FROM hr_invitation WHERE id IN %s ORDER BY id",
    "interview": "SELECT * FROM hr_invitation_interview WHERE invitation_id IN %s ORDER BY id",
    "followup": "SELECT * FROM hr_invitation_followup WHERE invitation_id IN %s ORDER BY id",
    "slot": "SELECT * FROM hr_invitation_slot WHERE invitation_id IN %s ORDER BY id",
    "feedback": "SELECT * FROM hr_invitation_feedback WHERE invitation_id IN %s ORDER BY id",
    "attendee": """SELECT att.* FROM calendar_attendee att
                     JOIN hr_invitation_interview iv ON iv.event_id = att.event_id
                    WHERE iv.invitation_id IN %s ORDER BY att.id""",
    "message": """SELECT id, body FROM mail_message
                   WHERE model = 'hr.invitation' AND res_id IN %s ORDER BY id""",
    "activity": """SELECT * FROM mail_activity
                    WHERE res_model = 'hr.invitation' AND res_id IN %s ORDER BY id""",
}


class PortalAttackCase(InterviewPortalCase):
    def _snapshot_rows(self):
        """Every row of both test invitations that an answer could write, as plain tuples."""
        self.env.flush_all()
        ids = (self.invitation.id, self.other_invitation.id)
        snapshot = {}
        for name, query in SNAPSHOT_QUERIES.items():
            self.env.cr.execute(SQL(query, ids))  # pylint: disable=sql-injection
            snapshot[name] = self.env.cr.fetchall()
        return snapshot

    def _request(self, route, interview_id, token, data=None, csrf=True):
        """Send ``route`` of CANDIDATE_ROUTES for ``interview_id`` with ``token``."""
        method, template, valid_data = route
        path = template.format(id=interview_id)
        if method == "GET":
            return self.url_open(
                f"{path}?{urlencode({'access_token': token})}", allow_redirects=False
            )
        payload = {"access_token": token, **(valid_data if data is None else data)}
        if csrf:
            payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(path, data=payload, allow_redirects=False)

    def _forged_tokens(self):
        """At least 50 tokens that must open nothing, derived from the real one or not."""
        token = self.token
        forged = ["", "%", "_", "%%", "__", "%_%", token + "%", token[:-1] + "_"]
        forged += [token[:-1] + "%", "%" + token[1:], token.upper(), token.lower()]
        forged += [token[: len(token) // 2], token + "a", " " + token, token + " "]
        forged += ["x" * 1024, token * 24, "' OR '1'='1", "null", "None", "0"]
        forged += [secrets.token_urlsafe(32) for _i in range(10)]
        forged += [str(uuid.uuid4()) for _i in range(5)]
        for position in range(0, len(token), 4):  # one character off, all along the token
            replacement = "A" if token[position] != "A" else "B"
            forged.append(token[:position] + replacement + token[position + 1 :])
        for position in range(0, len(token) - 1, 5):  # two neighbours swapped
            pair = token[position + 1] + token[position]
            if pair != token[position : position + 2]:
                forged.append(token[:position] + pair + token[position + 2 :])
        return [candidate for candidate in dict.fromkeys(forged) if candidate != token]

    def _attack(self, label, accesses):
        """Send every (interview id, token) of ``accesses`` on every route: all refused 404,
        with one and the same page, and no row changed. Returns the number of requests."""
        before = self._snapshot_rows()
        tried, reference = 0, None
        for interview_id, token in accesses:
            for route in CANDIDATE_ROUTES:
                self._forget_failures()
                response = self._request(route, interview_id, token)
                tried += 1
                self.assertEqual(response.status_code, 404, f"{label}: {route[1]} {token!r}")
                reference = reference or response.text
                self.assertEqual(response.text, reference, f"{label}: one page for all refusals")
        self.assertNotIn("Camille", reference)
        unchanged = self._snapshot_rows() == before
        self.assertTrue(unchanged, f"{label}: nothing changed")
        _logger.info(
            "%s: %s requests tried, %s rejected with 404, records unchanged: %s",
            label,
            tried,
            tried,
            unchanged,
        )
        return tried


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSecurityPortalTokens(PortalAttackCase):
    def test_forged_tokens_are_refused_on_every_route(self):
        forged = self._forged_tokens()
        self.assertGreaterEqual(len(forged), 50)
        self._attack(f"forged tokens ({len(forged)})", [(self.interview.id, t) for t in forged])

    def test_a_token_opens_only_its_own_invitation(self):
        self._attack(
            "foreign tokens",
            [
                (self.interview.id, self.other_token),
                (self.other_interview.id, self.token),
                (999999, self.token),
            ],
        )

    def test_expired_and_cancelled_tokens_are_refused(self):
        with freeze_time(START + timedelta(minutes=45, days=14, seconds=1)):
            self._attack("expired tokens (window over)", [(self.interview.id, self.token)])
        self.invitation.action_cancel()
        self._attack("expired tokens (cancelled)", [(self.interview.id, self.token)])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSecurityPortalRequests(PortalAttackCase):
    def test_get_on_every_answer_url_changes_nothing(self):
        before = self._snapshot_rows()
        tried = 0
        for _method, template, data in POST_ROUTES:
            path = template.format(id=self.interview.id)
            query = urlencode({"access_token": self.token, **data})
            response = self.url_open(f"{path}?{query}", allow_redirects=False)
            tried += 1
            if template in PAGE_PATHS:
                self.assertIn(response.status_code, (200, 404), path)
            else:
                self.assertEqual(response.status_code, 405, path)
        self.assertEqual(self._snapshot_rows(), before)
        _logger.info("GET on answer URLs: %s tried, none changed anything", tried)

    @mute_logger("odoo.http")
    def test_post_without_a_valid_csrf_token_is_refused(self):
        before = self._snapshot_rows()
        tried = 0
        for route in POST_ROUTES:
            for csrf in (None, "", "0" * 40 + "o1234567890", http.Request.csrf_token(self) + "x"):
                payload = {"access_token": self.token, **route[2]}
                if csrf is not None:
                    payload["csrf_token"] = csrf
                path = route[1].format(id=self.interview.id)
                response = self.url_open(path, data=payload, allow_redirects=False)
                tried += 1
                self.assertEqual(response.status_code, 400, f"{path} csrf={csrf!r}")
        self.assertEqual(self._snapshot_rows(), before)
        _logger.info(
            "POST without valid CSRF: %s tried, %s rejected with 400, unchanged", tried, tried
        )

    def test_malformed_input_is_refused_and_writes_nothing(self):
        """Each case: (answer, form data, confirm first). All answered 400 with a message."""
        huge = "x" * 100_000
        script = "<script>alert('x')</script>"
        self.offered[1].state = "dismissed"  # a time that is no longer available
        cases = [
            ("decline", {"reason": huge}, False),
            ("decline", {"reason": ""}, False),
            ("reschedule", {"slot": "20260402T1300"}, False),  # dismissed: taken
            ("reschedule", {"slot": "20200101T1000"}, False),  # never offered, in the past
            ("reschedule", {"slot": "../../../etc/passwd"}, False),
            ("reschedule", {"slot": "' OR 1=1 --"}, False),
            ("reschedule", {"slot": huge}, False),
            ("reschedule", {"proposal": ["2026-02-30T10:00"]}, False),
            ("reschedule", {"proposal": ["2026-03-20T10:00"]}, False),  # in the past
            ("reschedule", {"proposal": ["2026-13-45T99:99"]}, False),
            ("reschedule", {"proposal": [script]}, False),
            ("reschedule", {"proposal": [huge]}, False),
            ("travel", {"travel_mode": "car", "arrival": "25:99"}, True),
            ("travel", {"travel_mode": "car", "arrival": "-1:00"}, True),
            ("travel", {"travel_mode": script, "arrival": "13:40"}, True),
            ("travel", {"travel_mode": "car", "arrival": huge}, True),
            ("pickup", {"pickup_point": huge, "pickup_time": "13:30"}, True),
            ("pickup", {"pickup_point": "Station", "pickup_time": "13:99"}, True),
            ("pickup", {"pickup_point": "Station", "pickup_time": script}, True),
        ]
        tried = 0
        for confirm_first in (False, True):
            if confirm_first:
                self._confirm()
            before = self._snapshot_rows()
            for answer, data, needs_confirm in cases:
                if needs_confirm != confirm_first:
                    continue
                response = self._post(answer, data)
                tried += 1
                self.assertEqual(response.status_code, 400, f"{answer} {str(data)[:80]}")
                self.assertIn("o_interview_error", response.text, "a message says why")
                self.assertNotIn(script, response.text, "nothing rendered unescaped")
                self.assertNotIn(huge, response.text)
            self.assertEqual(self._snapshot_rows(), before, "zero writes")
        _logger.info("malformed input: %s tried, %s rejected with 400, unchanged", tried, tried)

    def test_unknown_fields_are_ignored(self):
        extra = {
            "state": "attended",
            "user_id": "1",
            "company_id": "999",
            "access_url": "/web",
            "invitation_id": str(self.other_invitation.id),
        }
        other_before = self._snapshot(self.other_invitation)
        self.assertAnswered(self._post("confirm", extra), "confirm")
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "confirmed", "only the answer is applied")
        self.assertEqual(self.invitation.user_id, self.recruiter)
        self.assertEqual(self.invitation.company_id, self.company)
        self.assertEqual(self._snapshot(self.other_invitation), other_before)
        _logger.info("unknown fields: %s tried, all ignored", len(extra))

    def test_html_and_script_in_text_is_shown_as_text(self):
        script = "<script>alert('x')</script><b onmouseover=alert(1)>bold</b>"
        self._confirm()
        pickup = {"pickup_point": script, "pickup_time": "13:30"}
        self.assertAnswered(self._post("pickup", pickup), "pickup")
        self.assertAnswered(self._post("decline", {"reason": script}), "decline")
        page = self.url_open(self._url()).text
        self.assertNotIn("<script>alert", page)
        self.assertNotIn("<b onmouseover", page)
        self.assertIn("&lt;script&gt;alert", page)
        for note in self._notes():
            self.assertNotIn("<script>", note.body)
            self.assertNotIn("<b onmouseover", note.body)
        for activity in self.invitation.activity_ids:
            self.assertNotIn("<script>", str(activity.note))
        _logger.info("HTML in text: 2 tried, 2 stored and rendered as text")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSecurityPortalRateAndRepeat(PortalAttackCase):
    def test_bad_tokens_from_one_address_get_429_on_every_route(self):
        attempts = self.env["hr.invitation.portal.attempt"]
        before = self._snapshot_rows()
        for _attempt in range(attempts._limits["token"].count):
            self.assertEqual(
                self._request(CANDIDATE_ROUTES[0], self.interview.id, "guess").status_code, 404
            )
        blocked = 0
        for route in CANDIDATE_ROUTES:
            for token in ("guess", self.other_token):
                response = self._request(route, self.interview.id, token)
                self.assertEqual(response.status_code, 429, route[1])
                blocked += 1
        self.assertEqual(self._snapshot_rows(), before)
        response = self._request(CANDIDATE_ROUTES[0], self.interview.id, self.token)
        self.assertEqual(response.status_code, 200, "a valid token always opens its page")
        with freeze_time(NOW) as frozen:
            frozen.tick(attempts._limits["token"].window + timedelta(seconds=1))
            response = self._request(CANDIDATE_ROUTES[0], self.interview.id, "guess")
            self.assertEqual(response.status_code, 404, "a new window")
        _logger.info(
            "rate limiting: %s bad tokens, then %s wrong ones tried, all answered 429, "
            "unchanged; the valid token still opens",
            attempts._limits["token"].count,
            blocked,
        )

    def test_blocked_addresses_do_not_block_good_tokens_from_others(self):
        attempts = self.env["hr.invitation.portal.attempt"]
        for _attempt in range(attempts._limits["token"].count * 3):
            attempts._register_failure("198.51.100.7")
            attempts._register_failure("2001:db8::1")
        self.assertTrue(attempts._is_blocked("198.51.100.7"))
        for route in CANDIDATE_ROUTES[:2]:
            response = self._request(route, self.interview.id, self.token)
            self.assertEqual(response.status_code, 200, "this address is not blocked")
        self.assertFalse(attempts._is_blocked("127.0.0.1"))

    def test_a_repeated_answer_changes_state_once_and_posts_one_note(self):
        """Each answer sent three times (a double click, a reload): one change, one note."""
        sequence = ["confirm", "travel", "parking", "pickup", "reschedule", "decline"]
        routes = {route[1].rsplit("/", 1)[-1]: route for route in POST_ROUTES}
        tried = 0
        for answer in sequence:
            notes_before = len(self._notes())
            after_first = None
            for attempt in range(3):
                # An offered time picked sends the new time by text: the gateway is mocked.
                with self.mockSMSGateway():
                    response = self._request(routes[answer], self.interview.id, self.token)
                tried += 1
                self.assertEqual(response.status_code, 303, f"{answer} #{attempt}")
                if attempt == 0:
                    after_first = self._snapshot_rows()
            self.assertEqual(
                self._snapshot_rows(), after_first, f"{answer}: repeats change nothing"
            )
            self.assertEqual(len(self._notes()), notes_before + 1, f"{answer}: one note")
            # Picking an offered time moved the interview: the next answers are on its page.
            self.env.invalidate_all()
            if self.invitation.interview_id != self.interview:
                self.interview = self.invitation.interview_id
                self.token = self.interview._portal_ensure_token()
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "declined")
        _logger.info("repeated answers: %s tried, %s state changes", tried, len(sequence))
