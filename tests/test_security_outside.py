"""What an outside test of the candidate links found (a token leak over RPC, Odoo's mail routes
opened by the candidate's token, a CSRF bypass by OPTIONS, live HTML from the candidate, child
models read around the invitation's rules, crashing inputs, unbounded proposals, floods), one
class per finding. Each test sends what the tester sent and checks the database after it.
"""

import json
import logging
import re
from datetime import timedelta
from urllib.parse import urlencode

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.hr_invitation_single_activity import FOLLOWING
from .test_portal import NOW, START
from .test_security_portal import CANDIDATE_ROUTES, PortalAttackCase

_logger = logging.getLogger(__name__)

PORTAL_LOGGER = "odoo.addons.hr_recruitment_invitation.models.hr_invitation_interview_portal"
# What the tester wrote where a candidate types text: a link and an image that call out.
LIVE_HTML = (
    '<a href="https://evil.example/verify">Verify candidate</a>'
    '<img src="https://evil.example/pixel.png">'
)
# A live link or image: the tag itself, not its escaped text (&lt;a href=...).
LIVE_TAGS = re.compile(r"<(a|img)\s[^>]*(href|src)=.https://evil\.example", re.IGNORECASE)
OTHER_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "POST")


class OutsideTestCase(PortalAttackCase):
    def _json(self, route, params):
        """POST a JSON-RPC call to ``route``: (decoded answer, raw text)."""
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json(), response.text

    def _call_kw(self, model, method, args):
        return self._json(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": {}},
        )

    def _send(self, method, path, data=None):
        return self.opener.request(
            method, self.base_url() + path, data=data, allow_redirects=False, timeout=60
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCandidateLinkOverRpc(OutsideTestCase):
    """1. get_portal_url is public over RPC: only recruiters may get or create a link."""

    def setUp(self):
        super().setUp()
        self.untokened = self._new_invitation("Lukas Meyer", "+49 151 23456789").sudo()
        self._schedule(
            self.untokened,
            start=START + timedelta(days=1),
            stop=START + timedelta(days=1, hours=1),
        )
        self.untokened.interview_id.access_token = False
        self.portal_user = new_test_user(self.env, "inv_portal_rpc", groups="base.group_portal")

    @mute_logger("odoo.http")
    def test_only_recruiters_get_the_candidate_link_over_rpc(self):
        tried = 0
        records = [
            record
            for invitation in (self.invitation, self.untokened)
            for record in (invitation, invitation.interview_id)
        ]
        for user in (self.portal_user, self.interviewer):
            self.authenticate(user.login, user.login)
            for record in records:
                with self.assertLogs(PORTAL_LOGGER, "WARNING") as logged:
                    answer, raw = self._call_kw(record._name, "get_portal_url", [record.ids])
                tried += 1
                self.assertIn("error", answer, f"{user.login}: refused")
                self.assertEqual(
                    answer["error"]["data"]["name"], "odoo.exceptions.AccessError", raw[:300]
                )
                self.assertNotIn(self.token, raw)
                self.assertIn(f"user {user.login}", logged.output[0], "the attempt is logged")
                interview = (
                    record if record._name == "hr.invitation.interview" else record.interview_id
                )
                self.assertIn(f"[{interview.id}]", logged.output[0])
                self.assertNotIn(self.token, "".join(logged.output), "without the token")
        self.env.invalidate_all()
        self.assertFalse(self.untokened.access_token, "no token created by the refused calls")
        self.authenticate(self.recruiter.login, self.recruiter.login)
        answer, _raw = self._call_kw("hr.invitation", "get_portal_url", [self.invitation.ids])
        self.assertEqual(
            answer["result"], f"/my/interviews/{self.interview.id}?access_token={self.token}"
        )
        _logger.info("link over RPC: %s tried by non-recruiters, all refused, logged", tried)

    def test_the_share_wizard_gives_no_link_to_an_interviewer(self):
        """portal.mixin's Share wizard builds a portal document's link with its token: an
        invitation is no portal document (its interviews are, for recruiters only), so the
        wizard builds none, and no token is created."""
        self.interviewer.groups_id |= self.env.ref("base.group_partner_manager")
        invitation = self.untokened.with_user(self.interviewer)
        self.assertTrue(invitation.has_access("read"))
        self.assertNotIsInstance(invitation, self.registry["portal.mixin"])
        wizard = self.env["portal.share"].with_user(self.interviewer)
        share = wizard.new({"res_model": "hr.invitation", "res_id": invitation.id})
        self.assertFalse(share.share_link)
        interview = self.untokened.interview_id.with_user(self.interviewer)
        context = {"active_model": interview._name, "active_id": interview.id}
        with self.assertRaises(AccessError):
            wizard.with_context(**context).default_get(["share_link"])
        self.env.invalidate_all()
        self.assertFalse(self.untokened.interview_id.access_token)

    def test_answer_methods_are_not_callable_over_rpc(self):
        """Senior HR may write an invitation: they still cannot answer as the candidate."""
        senior = self._new_company_user(
            "inv_senior_rpc", "hr_recruitment_invitation.group_senior_hr"
        )
        self.authenticate(senior.login, senior.login)
        with mute_logger("odoo.http"):
            answer, _raw = self._call_kw(
                "hr.invitation.interview", "_action_portal_confirm", [self.interview.ids]
            )
        self.assertIn("error", answer)
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "invited")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestFollowersOverRpc(OutsideTestCase):
    """message_subscribe() is public over RPC, and the invitation's skips the partners that a
    batch of call activities made follow at once (``FOLLOWING`` in the context): sent over
    RPC, that key skips neither the access check nor the subscription."""

    @mute_logger("odoo.http")
    def test_the_batch_followers_key_skips_nothing_over_rpc(self):
        outsider = self.env["res.partner"].create({"name": "Outsider", "email": "o@example.com"})
        params = {
            "model": "hr.invitation",
            "method": "message_subscribe",
            "args": [self.invitation.ids],
            "kwargs": {
                "partner_ids": outsider.ids,
                "context": {FOLLOWING: [["hr.invitation", self.invitation.id, outsider.id]]},
            },
        }
        self.authenticate(self.interviewer.login, self.interviewer.login)
        answer, raw = self._json("/web/dataset/call_kw", params)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError", raw)
        self.env.invalidate_all()
        self.assertNotIn(outsider, self.invitation.message_partner_ids)
        self.authenticate(self.recruiter.login, self.recruiter.login)
        answer, raw = self._json("/web/dataset/call_kw", params)
        self.assertIs(answer.get("result"), True, raw)
        self.env.invalidate_all()
        self.assertIn(outsider, self.invitation.message_partner_ids, "subscribed, not skipped")

    def test_a_reader_may_follow_an_invitation_not_make_others_follow_it(self):
        """The batch subscription checks access as message_subscribe() does."""
        invitation = self.invitation.with_user(self.interviewer)
        self.assertTrue(invitation.has_access("read"))
        self.assertFalse(invitation.has_access("write"))
        with self.assertRaises(AccessError):
            invitation._subscribe_users({invitation.id: self.interviewer | self.recruiter})
        invitation._subscribe_users({invitation.id: self.interviewer})
        self.assertIn(self.interviewer.partner_id, self.invitation.message_partner_ids)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestMailRoutesRefuseTheToken(OutsideTestCase):
    """2. The candidate's token opens Odoo's own chatter and mail routes nowhere."""

    def setUp(self):
        super().setUp()
        invitation = self.invitation.with_user(self.recruiter)
        invitation.activity_schedule(
            "mail.mail_activity_data_todo",
            note="Private: check the references with the former employer",
            user_id=self.recruiter.id,
        )
        invitation.sudo().message_subscribe(partner_ids=self.interviewer.partner_id.ids)
        self.attachment = self.env["ir.attachment"].create(
            {
                "name": "internal-salary-grid.pdf",
                "raw": b"%PDF-1.4 internal",
                "res_model": "hr.invitation",
                "res_id": self.invitation.id,
            }
        )
        self.note = invitation.message_post(body="Internal note", subtype_xmlid="mail.mt_note")
        self.secrets = [
            "check the references",
            self.interviewer.partner_id.email,
            "internal-salary-grid",
            self.attachment.checksum,
        ]
        partner = self.invitation.partner_id
        self.credentials = {
            "token": {"token": self.token},
            "hash and pid": {
                "hash": self.invitation.sudo()._sign_token(partner.id),
                "pid": partner.id,
            },
        }

    def _thread(self, **credentials):
        return {"thread_model": "hr.invitation", "thread_id": self.invitation.id, **credentials}

    def _rows(self):
        self.env.invalidate_all()
        return (
            self.invitation.message_ids.ids,
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "hr.invitation"), ("res_id", "=", self.invitation.id)]
            ),
            self.env["mail.message.reaction"].search_count([("message_id", "=", self.note.id)]),
            self.env["mail.mail"].search_count([]),
        )

    @mute_logger("odoo.http")
    def _try_every_route(self, label):
        before, tried = self._rows(), 0
        for kind, credentials in self.credentials.items():
            _answer, raw = self._json(
                "/mail/thread/data",
                {
                    **self._thread(**credentials),
                    "request_list": ["activities", "followers", "attachments"],
                },
            )
            for secret in self.secrets:
                self.assertNotIn(secret, raw, f"{label} /mail/thread/data {kind}")
            self.assertIn('"hasReadAccess": false', raw)
            answer, _raw = self._json(
                "/mail/message/post",
                {
                    **self._thread(**credentials),
                    "post_data": {"body": LIVE_HTML, "message_type": "comment"},
                },
            )
            self.assertIn("error", answer, f"{label} /mail/message/post {kind}")
            answer, _raw = self._json("/portal/chatter_init", self._thread(**credentials))
            self.assertIn("error", answer, f"{label} /portal/chatter_init {kind}")
            answer, raw = self._json("/mail/chatter_fetch", self._thread(**credentials))
            self.assertFalse(answer.get("result", {}).get("messages"), f"{label} fetch {kind}")
            self.assertNotIn("Internal note", raw)
            answer, _raw = self._json(
                "/mail/message/reaction",
                {"message_id": self.note.id, "content": "👍", "action": "add", **credentials},
            )
            self.assertIn("error", answer, f"{label} /mail/message/reaction {kind}")
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    **self._thread(**credentials),
                    "csrf_token": http.Request.csrf_token(self),
                },
                files={"ufile": ("cv.html", LIVE_HTML.encode(), "text/html")},
            )
            self.assertEqual(response.status_code, 404, f"{label} /mail/attachment/upload {kind}")
            tried += 6
            self._forget_failures()
        avatar = f"/mail/avatar/mail.message/{self.note.id}/author_avatar/50x50"
        placeholder = self.url_open(avatar).content
        with_token = self.url_open(f"{avatar}?{urlencode({'access_token': self.token})}")
        self.assertEqual(with_token.content, placeholder, f"{label}: no author's avatar")
        self.assertEqual(self._rows(), before, f"{label}: nothing posted, attached or sent")
        return tried + 1

    def test_the_token_opens_no_mail_route_of_an_open_invitation(self):
        tried = self._try_every_route("confirmed")
        self._confirm()
        tried += self._try_every_route("confirmed")
        _logger.info("mail routes, open invitation: %s tried, all refused, unchanged", tried)

    def test_the_token_opens_no_mail_route_of_a_cancelled_invitation(self):
        self.invitation.sudo().action_cancel()
        tried = self._try_every_route("cancelled")
        _logger.info("mail routes, cancelled invitation: %s tried, all refused", tried)

    @mute_logger("odoo.http")
    def test_tokens_tried_on_chatter_fetch_count_toward_the_limit(self):
        attempts = self.env["hr.invitation.portal.attempt"]
        for token in ["guess"] * (attempts._limits["token"].count - 1) + [self.token]:
            answer, _raw = self._json("/mail/chatter_fetch", self._thread(token=token))
            self.assertEqual(answer["result"]["messages"], [], "right or wrong, no answer")
        self.assertTrue(attempts._is_blocked("127.0.0.1"))
        self.assertEqual(self.url_open(self._url(token="guess")).status_code, 429)

    def test_recruiters_keep_their_chatter(self):
        self.authenticate(self.recruiter.login, self.recruiter.login)
        answer, raw = self._json(
            "/mail/thread/data",
            {**self._thread(), "request_list": ["activities", "followers", "attachments"]},
        )
        self.assertIn("result", answer)
        self.assertIn("check the references", raw)
        self.assertIn('"hasReadAccess": true', raw)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAnswersOnPostOnly(OutsideTestCase):
    """3. Odoo runs a POST route on OPTIONS without CSRF: every other method gets 405."""

    def _paths(self):
        """{path: the methods that may act on it}."""
        paths = {}
        for method, template, _data in CANDIDATE_ROUTES:
            allowed = ("GET", "HEAD") if method == "GET" else ("POST",)
            path = template.format(id=self.interview.id)
            paths[path] = paths.get(path, ()) + allowed
        return paths

    def test_every_other_method_gets_405_and_changes_nothing(self):
        before = self._snapshot_rows()
        tried = 0
        for path, allowed in self._paths().items():
            for method in OTHER_METHODS:
                if method in allowed:
                    continue
                data = {"access_token": self.token, "reason": "Preflight decline"}
                query = urlencode(data)
                response = self._send(method, f"{path}?{query}", data=data)
                tried += 1
                self.assertEqual(response.status_code, 405, f"{method} {path}")
        self.assertEqual(self._snapshot_rows(), before, "no state, attendee, note or activity")
        _logger.info("methods: %s requests with other methods, all 405, unchanged", tried)

    def test_options_on_confirm_no_longer_confirms(self):
        path = f"/my/interviews/{self.interview.id}/confirm?access_token={self.token}"
        self.assertEqual(self._send("OPTIONS", path).status_code, 405)
        self.env.invalidate_all()
        self.assertEqual(self.invitation.state, "invited")
        self.assertNotEqual(self._candidate_attendee().state, "accepted")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCandidateTextStaysText(OutsideTestCase):
    """4. What a candidate types reaches every HTML field as text."""

    def _html_texts(self):
        self.env.invalidate_all()
        invitation = self.invitation.sudo()
        return {
            "messages": invitation.message_ids.mapped("body"),
            "activities": [str(note) for note in invitation.activity_ids.mapped("note")],
            "mails": self.env["mail.mail"].sudo().search([]).mapped("body_html"),
            "senior brief": [str(invitation.senior_follow_up_brief or "")],
        }

    def test_pickup_point_and_decline_reason_are_never_live_html(self):
        self._confirm()
        self.assertAnswered(
            self._post("pickup", {"pickup_point": LIVE_HTML, "pickup_time": "13:30"}), "pickup"
        )
        activity = self._activities("mail_activity_type_interview_pickup")
        self.assertIn("&lt;a href=", str(activity.note), "shown as the text the candidate typed")
        self.assertAnswered(self._post("decline", {"reason": LIVE_HTML}), "decline")
        checked = 0
        for source, texts in self._html_texts().items():
            for text in texts:
                checked += 1
                self.assertFalse(LIVE_TAGS.search(str(text)), f"{source}: {str(text)[:200]}")
        _logger.info("candidate HTML: %s HTML texts checked, none live", checked)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestChildModelsFollowTheInvitation(OutsideTestCase):
    """5. An interviewer refused an invitation reads none of its calls, concerns or slots."""

    def setUp(self):
        super().setUp()
        self.other_job = self.env["hr.job"].create(
            {"name": "Accountant", "company_id": self.company.id}
        )
        self.other_invitation.sudo().applicant_id.job_id = self.other_job
        self.outsider = self._new_company_user(
            "inv_outside_interviewer", "hr_recruitment.group_hr_recruitment_interviewer"
        )
        self.other_job.interviewer_ids = self.outsider
        # Its interview is the outsider's too: the interviewers chosen when scheduling are the
        # application's (issue 18), and the fixture scheduled it with the other interviewer.
        self.other_invitation.sudo().applicant_id.interviewer_ids = self.outsider
        topic = self.env["hr.invitation.concern.topic"].create(
            {"question": "Are wages paid on time?"}
        )
        for invitation in (self.invitation, self.other_invitation):
            invitation = invitation.sudo()
            self.env["hr.invitation.call"].create(
                {"invitation_id": invitation.id, "note": "has an offer from a competitor"}
            )
            self.env["hr.invitation.concern"].create(
                {"invitation_id": invitation.id, "topic_id": topic.id, "note": "late wages"}
            )
            self.env["hr.invitation.slot"].create(
                {
                    "interview_id": invitation.interview_id.id,
                    "start": START + timedelta(days=3),
                    "stop": START + timedelta(days=3, hours=1),
                    "origin": "proposed",
                }
            )
            feedback = self.env["hr.invitation.feedback"].create(
                {
                    "interview_id": invitation.interview_id.id,
                    "call_rating": "4",
                    "recommend_score": 8,
                }
            )
            feedback.answer_ids = [
                Command.create({"concern_id": invitation.concern_ids.id, "accuracy": "yes"})
            ]

    def test_each_child_model_shows_only_rows_of_invitations_the_user_may_open(self):
        children = {
            "hr.invitation.call": "invitation_id",
            "hr.invitation.concern": "invitation_id",
            "hr.invitation.slot": "invitation_id",
            "hr.invitation.feedback": "invitation_id",
            "hr.invitation.feedback.answer": "feedback_id.invitation_id",
            "hr.invitation.interview": "invitation_id",
            "hr.invitation.followup": "invitation_id",
        }
        expected = {
            self.interviewer: self.invitation,
            self.outsider: self.other_invitation.sudo(),
        }
        for user, invitation in expected.items():
            self.assertEqual(self.env["hr.invitation"].with_user(user).search([]), invitation)
            for model, path in children.items():
                rows = self.env[model].sudo().search([])
                mine = rows.filtered(lambda row, inv=invitation, p=path: row.mapped(p) == inv)
                self.assertTrue(mine, f"{model}: the test has rows of {user.login}'s invitation")
                as_user = self.env[model].with_user(user)
                found = {row["id"] for row in as_user.search_read([], ["id"])}
                self.assertEqual(found, set(mine.ids), f"{model} search_read as {user.login}")
                groups = as_user.read_group([], ["__count"], [])
                self.assertEqual(groups[0]["__count"], len(mine), f"{model} read_group")
            _logger.info("child models: %s sees the rows of %s only", user.login, invitation.ids)

    def test_recruiters_still_read_every_row(self):
        for model in (
            "hr.invitation.call",
            "hr.invitation.concern",
            "hr.invitation.slot",
            "hr.invitation.interview",
            "hr.invitation.followup",
        ):
            self.assertEqual(
                self.env[model].with_user(self.recruiter).search_count([]),
                self.env[model].sudo().search_count([]),
                model,
            )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestInputsThatCrashed(OutsideTestCase):
    """6. and 7. Inputs that crashed with a 500 and unbounded proposals."""

    def _token_failures(self):
        attempt = self.env["hr.invitation.portal.attempt"].search(
            [("kind", "=", "token"), ("key", "=", "127.0.0.1")]
        )
        return attempt.count

    def test_id_zero_and_full_width_tokens_are_404_and_counted(self):
        full_width = "".join(
            chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in self.token
        )
        cases = [
            f"/my/interviews/0?access_token={self.token}",
            f"/my/interviews/{self.interview.id}?{urlencode({'access_token': full_width})}",
            f"/my/interviews/{self.interview.id}/ics?{urlencode({'access_token': 'ＡＢＣ'})}",
        ]
        for count, url in enumerate(cases, start=1):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 404, url)
            self.assertEqual(self._token_failures(), count, "counts toward the limit")

    def test_proposals_at_the_ends_of_the_calendar_are_400(self):
        before = self._snapshot_rows()
        for proposal in ("0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01T00:30"):
            response = self._post("reschedule", {"proposal": [proposal]})
            self.assertEqual(response.status_code, 400, proposal)
            self.assertIn("o_interview_error", response.text)
        self.assertEqual(self._snapshot_rows(), before)

    def test_proposals_beyond_sixty_days_are_refused(self):
        before = self._snapshot_rows()
        response = self._post("reschedule", {"proposal": ["2026-05-30T10:00"]})  # day 66
        self.assertEqual(response.status_code, 400)
        self.assertIn("within the next 60 days", response.text)
        self.assertEqual(self._snapshot_rows(), before)
        self.assertAnswered(
            self._post("reschedule", {"proposal": ["2026-05-20T10:00"]}), "reschedule"
        )


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAnswerFlood(OutsideTestCase):
    """8. One valid link sends at most 20 answers an hour; then 429, no note, no email."""

    def test_answers_past_the_limit_get_429_and_tell_nobody(self):
        limit = self.env["hr.invitation.portal.attempt"]._limits["answer"]
        cycle = [
            ("confirm", {}),
            ("reschedule", {"proposal": ["2026-04-02T10:00"]}),
        ]
        for index in range(limit.count):
            answer, data = cycle[index % 2]
            self.assertAnswered(self._post(answer, data), answer)
        before = self._snapshot_rows()
        mails_before = self.env["mail.mail"].sudo().search_count([])
        for answer, data in cycle:
            response = self._post(answer, data)
            self.assertEqual(response.status_code, 429, answer)
            self.assertIn("many answers", response.text, "a page that says why")
            self.assertEqual(response.headers["Retry-After"], "3600")
        self.assertEqual(self._snapshot_rows(), before, "no state change, note or activity")
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails_before)
        self.assertEqual(self.url_open(self._url()).status_code, 200, "the page still opens")
        with freeze_time(NOW) as frozen:
            frozen.tick(limit.window + timedelta(seconds=1))
            self.assertAnswered(self._post("confirm"), "confirm")

    def test_the_limit_is_per_link(self):
        limit = self.env["hr.invitation.portal.attempt"]._limits["answer"]
        for _index in range(limit.count):
            self._post("decline", {"reason": ""})  # refused answers count too
        self.assertEqual(self._post("confirm").status_code, 429)
        other = self._post("confirm", interview=self.other_interview, token=self.other_token)
        self.assertEqual(other.status_code, 303, "another candidate's link is not limited")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestWhatHeld(OutsideTestCase):
    """What the outside test tried that held: kept in the suite so that it keeps holding."""

    def test_a_spoofed_forwarded_address_does_not_escape_the_limit(self):
        attempts = self.env["hr.invitation.portal.attempt"]
        spoofed = {"X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.10"}
        for _attempt in range(attempts._limits["token"].count):
            response = self.url_open(self._url(token="guess"), headers=spoofed)
            self.assertEqual(response.status_code, 404)
        self.assertTrue(attempts._is_blocked("127.0.0.1"), "counted for the real address")
        self.assertFalse(attempts._is_blocked("203.0.113.9"))
        other = {"X-Forwarded-For": "198.51.100.20"}
        response = self.url_open(self._url(token="guess"), headers=other)
        self.assertEqual(response.status_code, 429)

    def test_method_override_headers_do_not_turn_a_get_into_an_answer(self):
        before = self._snapshot_rows()
        path = f"/my/interviews/{self.interview.id}/confirm"
        overrides = [
            {"X-HTTP-Method-Override": "POST"},
            {"X-HTTP-Method": "POST"},
            {"X-Method-Override": "POST"},
        ]
        for headers in overrides:
            query = urlencode({"access_token": self.token, "_method": "POST"})
            response = self.url_open(f"{path}?{query}", headers=headers, allow_redirects=False)
            self.assertEqual(response.status_code, 405, headers)
        self.assertEqual(self._snapshot_rows(), before)

    def test_path_tricks_open_nothing(self):
        before = self._snapshot_rows()
        own, other = self.interview.id, self.other_interview.id
        query = urlencode({"access_token": self.token})
        paths = [
            f"/my/interviews/{other}/../{own}",
            f"/my/interviews/{own}/../{other}",
            f"/my/interviews/{other}%2F..%2F{own}",
            f"/my/interviews/0{other}",
            f"/my/interviews/-{other}",
            f"/my/interviews/{other}.json",
            f"/my/interviews/{other}/ics/../../{own}",
            f"//my/interviews/{other}",
        ]
        for path in paths:
            self._forget_failures()
            response = self.url_open(f"{path}?{query}", allow_redirects=False)
            self.assertNotIn("Wang Wei", response.text, f"{path}: never the other's page")
        self.assertEqual(self._snapshot_rows(), before)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestTokenNotOffered(OutsideTestCase):
    """The token is in no view, filter, group or export a recruiter can pick."""

    def test_the_token_is_not_offered_to_group_filter_or_export(self):
        for model in ("hr.invitation", "hr.invitation.interview"):
            records = self.env[model].with_user(self.recruiter)
            described = records.fields_get()
            self.assertNotIn("access_token", described, model)
            self.assertIn("state", described, "the other fields are still described")
            self.assertFalse(records._fields["access_token"].exportable, model)
            for view_type in ("list", "form", "search"):
                arch = records.get_view(view_type=view_type)["arch"]
                self.assertNotIn("access_token", arch, f"{model} {view_type}")
