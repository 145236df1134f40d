"""The candidate's interview page: thin routes over hr.invitation's portal methods.

Every route checks the HTTP method (405), then the token through
hr.invitation._get_portal_invitation: a valid token opens its page; a missing invitation or a
wrong, foreign or expired token gets one 404 page, or 429 once its address made too many of
them. Then the route calls one model method. Answers are POST only, with
Odoo's CSRF check, and limited per link (429).
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from odoo.addons.hr_recruitment_invitation.tools import log_redaction

# The candidate's link carries its token in the query string: keep it out of the access log.
log_redaction.install()

ANSWERS = ("confirm", "decline", "reschedule", "travel", "parking", "pickup")
# Candidates have no account; website=True makes these frontend pages (portal layout, language).
PAGE_ROUTE = {"type": "http", "auth": "public", "website": True, "sitemap": False}
# Odoo adds OPTIONS to every route's methods (CORS preflight) and checks no CSRF token on it:
# each route checks the method itself.
PAGE_METHODS = ("GET", "HEAD")
ANSWER_METHODS = ("POST",)


class InterviewPortal(http.Controller):
    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @http.route("/my/interviews/<int:invitation_id>", methods=["GET"], **PAGE_ROUTE)
    def portal_interview(self, invitation_id, access_token=None, done=None, **kwargs):
        invitation, refusal = self._check_page_access(invitation_id, access_token)
        if refusal:
            return refusal
        return self._render_interview(
            invitation, access_token, done=done if done in ANSWERS else None
        )

    @http.route("/my/interviews/<int:invitation_id>/ics", methods=["GET"], **PAGE_ROUTE)
    def portal_interview_ics(self, invitation_id, access_token=None, **kwargs):
        invitation, refusal = self._check_page_access(invitation_id, access_token)
        if refusal:
            return refusal
        content = invitation._get_portal_ics(request.env.lang)
        if not content:
            return self._not_found()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", content_disposition("interview.ics")),
            ],
        )

    # ------------------------------------------------------------------
    # Answers (POST + CSRF)
    # ------------------------------------------------------------------

    @http.route(
        f"/my/interviews/<int:invitation_id>/<any({','.join(ANSWERS)}):answer>",
        methods=["POST"],
        **PAGE_ROUTE,
    )
    def portal_interview_answer(self, invitation_id, answer, access_token=None, **kwargs):
        """Run one answer; a refused answer changes nothing and shows why (400)."""
        invitation, refusal = self._check_answer_access(
            invitation_id, access_token, self._check_interview_access
        )
        if refusal:
            return refusal
        try:
            with request.env.cr.savepoint():
                self._get_answer_calls(request.httprequest.form)[answer](invitation)
        except UserError as error:
            return self._render_interview(invitation, access_token, error=error.args[0], status=400)
        return request.redirect(invitation.get_portal_url(query_string=f"&done={answer}"), code=303)

    def _get_answer_calls(self, form):
        """{answer: function(invitation)}: the model method of each answer, with its inputs."""
        return {
            "confirm": lambda inv: inv._action_portal_confirm(),
            "decline": lambda inv: inv._action_portal_decline(form.get("reason")),
            "reschedule": lambda inv: inv._action_portal_reschedule(
                slot=form.get("slot"),
                proposals=form.getlist("proposal"),
            ),
            "travel": lambda inv: inv._action_portal_set_travel(
                form.get("travel_mode"), form.get("arrival")
            ),
            "parking": lambda inv: inv._action_portal_request_parking(),
            "pickup": lambda inv: inv._action_portal_request_pickup(
                form.get("pickup_point"), form.get("pickup_time")
            ),
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _check_page_access(self, invitation_id, access_token, page_access=None):
        """(invitation, None) for a GET of a page the token opens, else (None, response).

        ``page_access``: the page's own check, the interview page's by default.
        """
        if request.httprequest.method not in PAGE_METHODS:
            return None, self._method_not_allowed(PAGE_METHODS)
        page_access = page_access or self._check_interview_access
        return page_access(invitation_id, access_token)

    def _check_answer_access(self, invitation_id, access_token, page_access):
        """(invitation, None) for an answer to take, else (None, response).

        POST only; the access of the answer's page (``page_access``); at most so many answers
        through one link per window (hr.invitation.portal.attempt), refused ones included.
        """
        if request.httprequest.method not in ANSWER_METHODS:
            return None, self._method_not_allowed(ANSWER_METHODS)
        invitation, refusal = page_access(invitation_id, access_token)
        if refusal:
            return None, refusal
        attempts = request.env["hr.invitation.portal.attempt"].sudo()
        if attempts._is_answer_limit_reached(invitation):
            return None, self._too_many_answers(invitation, access_token, attempts)
        attempts._register_answer(invitation)
        return invitation, None

    def _check_interview_access(self, invitation_id, access_token):
        """Return (invitation, None) when the token opens the page, else (None, response).

        A valid token always opens its page: many candidates can share one public address
        (mobile networks), so only wrong tokens count, and only they get 429 once their
        address is past the limit.
        """
        invitation = request.env["hr.invitation"]._get_portal_invitation(
            invitation_id, access_token
        )
        if invitation:
            return invitation, None
        ip = request.httprequest.remote_addr or "unknown"
        attempts = request.env["hr.invitation.portal.attempt"].sudo()
        if attempts._is_blocked(ip):
            return None, self._too_many_requests(attempts)
        attempts._register_failure(ip)
        return None, self._not_found()

    def _prepare_interview_values(self, invitation, access_token, done=None, error=None):
        return {
            "interview": invitation._get_portal_values(request.env.lang),
            "invitation_id": invitation.id,
            "access_token": access_token,
            "done": done,
            "error": error,
            "no_breadcrumbs": True,
            "page_name": "interview",
            "res_company": invitation.company_id,
            "privacy_notice": invitation._get_privacy_notice(),
        }

    def _render_interview(self, invitation, access_token, done=None, error=None, status=200):
        return request.render(
            "hr_recruitment_invitation.portal_interview_page",
            self._prepare_interview_values(invitation, access_token, done=done, error=error),
            status=status,
            headers=self._get_interview_headers(),
        )

    def _get_interview_headers(self):
        """No copy of the page in shared caches, no token sent to the map or other sites."""
        return [
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Robots-Tag", "noindex, nofollow"),
        ]

    def _not_found(self):
        """The same page for every refused token (as a response: the failure stays counted)."""
        return request.render(
            "http_routing.404", {"status_code": 404, "status_message": "Not Found"}, status=404
        )

    def _too_many_requests(self, attempts):
        return request.render(
            "http_routing.http_error",
            {"status_code": 429, "status_message": "Too Many Requests"},
            status=429,
            headers=[self._retry_after(attempts, "token")],
        )

    def _too_many_answers(self, invitation, access_token, attempts):
        """The candidate's page, saying why their answer was not taken (429)."""
        response = self._render_interview(
            invitation,
            access_token,
            error=request.env._(
                "You have sent many answers in a short time: please try again in an hour, "
                "or call us."
            ),
            status=429,
        )
        response.headers.set(*self._retry_after(attempts, "answer"))
        return response

    def _retry_after(self, attempts, kind):
        return ("Retry-After", str(int(attempts._limits[kind].window.total_seconds())))

    def _method_not_allowed(self, methods):
        return request.render(
            "http_routing.http_error",
            {"status_code": 405, "status_message": "Method Not Allowed"},
            status=405,
            headers=[("Allow", ", ".join(methods))],
        )
