"""The candidate's interview page: thin routes over hr.invitation.interview's portal methods.

Every route checks the HTTP method (405), then the token through
hr.invitation.interview._get_portal_interview: a valid token opens its page (the link of a
moved interview redirects to the current one); a missing interview or a
wrong, foreign or expired token gets one 404 page, or 429 once its address made too many of
them. Then the route calls one model method. Answers are POST only, with
Odoo's CSRF check, and limited per link (429).
"""

from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request
from odoo.tools import LazyTranslate

from odoo.addons.hr_recruitment_invitation.tools import log_redaction

# The candidate's link carries its token in the query string: keep it out of the access log.
log_redaction.install()

ANSWERS = ("confirm", "decline", "reschedule", "travel", "parking", "pickup")
# What the page acknowledges after an answer: the answer, or "moved" (an offered time picked).
DONE = (*ANSWERS, "moved")
# Candidates have no account. Not frontend (website) routes, as Odoo's own invitation page
# (/calendar/meeting/view): no language routing and portal layout paid on every request; the
# page picks its language itself (_set_page_lang), an address in /fr/... still chooses it.
PAGE_ROUTE = {"type": "http", "auth": "public"}
# Odoo adds OPTIONS to every route's methods (CORS preflight) and checks no CSRF token on it:
# each route checks the method itself.
PAGE_METHODS = ("GET", "HEAD")
ANSWER_METHODS = ("POST",)

_lt = LazyTranslate(__name__)
# Why a link does not open, translated once the page's language is known (_render_refusal).
NOT_FOUND = _lt(
    "This link does not open an interview, or no longer does: ask the recruiter who invited "
    "you for a new one."
)
TOO_MANY_REQUESTS = _lt(
    "Too many wrong links were opened from your connection: please try again later."
)
METHOD_NOT_ALLOWED = _lt("This link cannot be used this way: open it in your browser.")


class InterviewPortal(http.Controller):
    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------

    @http.route("/my/interviews/<int:interview_id>", methods=["GET"], **PAGE_ROUTE)
    def portal_interview(self, interview_id, access_token=None, done=None, **kwargs):
        interview, refusal = self._check_page_access(interview_id, access_token)
        if refusal:
            return refusal
        return self._render_interview(interview, access_token, done=done if done in DONE else None)

    @http.route("/my/interviews/<int:interview_id>/ics", methods=["GET"], **PAGE_ROUTE)
    def portal_interview_ics(self, interview_id, access_token=None, **kwargs):
        interview, refusal = self._check_page_access(interview_id, access_token)
        if refusal:
            return refusal
        content = interview._get_portal_ics(request.env.lang)
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
        f"/my/interviews/<int:interview_id>/<any({','.join(ANSWERS)}):answer>",
        methods=["POST"],
        **PAGE_ROUTE,
    )
    def portal_interview_answer(self, interview_id, answer, access_token=None, **kwargs):
        """Run one answer; a refused answer changes nothing and shows why (400)."""
        interview, refusal = self._check_answer_access(
            interview_id, access_token, self._check_interview_access
        )
        if refusal:
            return refusal
        try:
            with request.env.cr.savepoint():
                outcome = self._get_answer_calls(request.httprequest.form)[answer](interview)
        except UserError as error:
            return self._render_interview(interview, access_token, error=error.args[0], status=400)
        done = outcome if outcome in DONE else answer
        current = interview._get_portal_current()
        return request.redirect(current.get_portal_url(query_string=f"&done={done}"), code=303)

    def _get_answer_calls(self, form):
        """{answer: function(interview)}: the model method of each answer, with its inputs."""
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

    def _check_page_access(self, interview_id, access_token, page_access=None):
        """(interview, None) for a GET of a page the token opens, else (None, response).

        ``page_access``: the page's own check, the interview page's by default.
        """
        if request.httprequest.method not in PAGE_METHODS:
            return None, self._method_not_allowed(PAGE_METHODS)
        page_access = page_access or self._check_interview_access
        return page_access(interview_id, access_token)

    def _check_answer_access(self, interview_id, access_token, page_access):
        """(interview, None) for an answer to take, else (None, response).

        POST only; the access of the answer's page (``page_access``); at most so many answers
        through one link per window (hr.invitation.portal.attempt), refused ones included.
        """
        if request.httprequest.method not in ANSWER_METHODS:
            return None, self._method_not_allowed(ANSWER_METHODS)
        interview, refusal = page_access(interview_id, access_token)
        if refusal:
            return None, refusal
        attempts = request.env["hr.invitation.portal.attempt"].sudo()
        if attempts._is_answer_limit_reached(interview):
            return None, self._too_many_answers(interview, access_token, attempts)
        attempts._register_answer(interview)
        return interview, None

    def _check_interview_access(self, interview_id, access_token):
        """Return (interview, None) when the token opens the page, else (None, response).

        A valid token always opens its page: many candidates can share one public address
        (mobile networks), so only wrong tokens count, and only they get 429 once their
        address is past the limit.
        """
        interview = request.env["hr.invitation.interview"]._get_portal_interview(
            interview_id, access_token
        )
        if interview:
            if interview.id == interview_id:
                # In the page's language, what the interview says too (its refusals).
                return interview.with_context(lang=self._set_page_lang(interview)), None
            # The interview was moved: its link leads to the current one.
            return None, request.redirect(interview.get_portal_url(), code=303)
        ip = request.httprequest.remote_addr or "unknown"
        attempts = request.env["hr.invitation.portal.attempt"].sudo()
        if attempts._is_blocked(ip):
            return None, self._too_many_requests(attempts)
        attempts._register_failure(ip)
        return None, self._not_found()

    def _set_page_lang(self, interview=None):
        """Answer in the language the candidate chose, else in theirs, else in their browser's;
        return it.

        Chosen: in the address (/fr/my/interviews/...: Odoo's language routing reads it, and it
        is remembered in Odoo's frontend_lang cookie, as its frontend pages do) or earlier on
        Odoo's frontend pages (that cookie). Theirs: that of ``interview``'s messages
        (hr.invitation.interview._get_portal_lang).
        """
        in_address = getattr(request, "lang", None)  # set by Odoo's routing for /<lang>/... only
        if in_address:
            request.future_response.set_cookie("frontend_lang", in_address.code)
        chosen = in_address or request.env["res.lang"]._get_data(
            code=request.cookies.get("frontend_lang")
        )
        lang = chosen.code or (interview and interview._get_portal_lang())
        if lang:
            request.update_context(lang=lang)
        return request.env.lang

    def _get_page_languages(self, path, access_token):
        """[(link, language name, current)]: the page at ``path`` in each active language,
        the language in the address as Odoo's routing reads it; none with one language."""
        languages = request.env["res.lang"].get_installed()
        if len(languages) < 2:
            return []
        query = urlencode({"access_token": access_token})
        return [
            (
                f"/{request.env['res.lang']._get_data(code=code).url_code}{path}?{query}",
                name,
                code == request.env.lang,
            )
            for code, name in languages
        ]

    def _prepare_interview_values(self, interview, access_token, done=None, error=None):
        return {
            "interview": interview._get_portal_values(request.env.lang),
            "interview_id": interview.id,
            "access_token": access_token,
            "languages": self._get_page_languages(interview.access_url, access_token),
            "done": done,
            "error": error,
            "page_name": "interview",
            "privacy_notice": interview._get_privacy_notice(),
        }

    def _render_interview(self, interview, access_token, done=None, error=None, status=200):
        return request.render(
            "hr_recruitment_invitation.portal_interview_page",
            self._prepare_interview_values(interview, access_token, done=done, error=error),
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

    def _render_refusal(self, status, message, headers=()):
        """The candidate's page that says why a link does not open, ``message`` (a lazy
        translation) in the language chosen, else the browser's: there is no interview."""
        self._set_page_lang()
        return request.render(
            "hr_recruitment_invitation.portal_refusal_page",
            {"status_code": status, "message": request.env._(message)},
            status=status,
            headers=[*self._get_interview_headers(), *headers],
        )

    def _not_found(self):
        """The same page for every refused token (as a response: the failure stays counted)."""
        return self._render_refusal(404, NOT_FOUND)

    def _too_many_requests(self, attempts):
        return self._render_refusal(
            429, TOO_MANY_REQUESTS, headers=[self._retry_after(attempts, "token")]
        )

    def _too_many_answers(self, interview, access_token, attempts):
        """The candidate's page, saying why their answer was not taken (429)."""
        response = self._render_interview(
            interview,
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
        return self._render_refusal(
            405, METHOD_NOT_ALLOWED, headers=[("Allow", ", ".join(methods))]
        )
