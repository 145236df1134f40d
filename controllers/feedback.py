"""The candidate's feedback page after the interview: thin routes over hr.invitation.interview.

The same access as the interview page (InterviewPortal._check_interview_access: rate limit,
then the one token rule), then one model method: _submit_portal_feedback. POST only saves,
with Odoo's CSRF check; a refused form writes nothing and answers 400 with the reason.
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from .portal import PAGE_ROUTE, InterviewPortal

# Posted with every form of the page; the rest is the candidate's feedback.
FORM_TOKENS = ("csrf_token", "access_token")


class InterviewFeedbackPortal(InterviewPortal):
    @http.route("/my/interviews/<int:interview_id>/feedback", methods=["GET"], **PAGE_ROUTE)
    def portal_interview_feedback(self, interview_id, access_token=None, done=None, **kwargs):
        interview, refusal = self._check_page_access(
            interview_id, access_token, self._check_feedback_access
        )
        if refusal:
            return refusal
        return self._render_feedback(interview, access_token, done=bool(done))

    @http.route("/my/interviews/<int:interview_id>/feedback", methods=["POST"], **PAGE_ROUTE)
    def portal_interview_feedback_submit(self, interview_id, access_token=None, **kwargs):
        interview, refusal = self._check_answer_access(
            interview_id, access_token, self._check_feedback_access
        )
        if refusal:
            return refusal
        form = self._get_feedback_form()
        try:
            with request.env.cr.savepoint():
                interview._submit_portal_feedback(form)
        except UserError as error:
            return self._render_feedback(
                interview, access_token, error=error.args[0], form=form, status=400
            )
        url = interview.get_portal_url(suffix="/feedback", query_string="&done=1")
        return request.redirect(url, code=303)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _check_feedback_access(self, interview_id, access_token):
        """The interview page's access, and a feedback to give (the candidate came)."""
        interview, refusal = self._check_interview_access(interview_id, access_token)
        if not refusal and not interview._is_portal_feedback_open():
            return None, self._not_found()
        return interview, refusal

    def _get_feedback_form(self):
        """{name: [values]} of the posted form, without the page's tokens."""
        form = request.httprequest.form.to_dict(flat=False)
        for token in FORM_TOKENS:
            form.pop(token, None)
        return form

    def _prepare_feedback_values(self, interview, access_token, done=False, error=None):
        return {
            "feedback": interview._get_portal_feedback_values(request.env.lang),
            "interview_id": interview.id,
            "access_token": access_token,
            "languages": self._get_page_languages(f"{interview.access_url}/feedback", access_token),
            "done": done,
            "error": error,
            "page_name": "interview_feedback",
        }

    def _render_feedback(
        self, interview, access_token, done=False, error=None, form=None, status=200
    ):
        values = self._prepare_feedback_values(interview, access_token, done=done, error=error)
        if form is not None:
            values["feedback"]["given"] = self._get_posted_feedback(form)
        return request.render(
            "hr_recruitment_invitation.portal_interview_feedback_page",
            values,
            status=status,
            headers=self._get_interview_headers(),
        )

    def _get_posted_feedback(self, form):
        """What the candidate typed, to show it again with the error (never saved)."""

        def first(key):
            return (form.get(key) or [""])[0][:2000]

        topic_ids = {value for value in form.get("unclear_topic") or [] if value.isdigit()}
        return {
            "submitted": False,
            "call_rating": first("call_rating"),
            "logistics_clear": first("logistics_clear"),
            "recommend_score": first("recommend_score"),
            "answers": {key: first(key) for key in form if key.startswith("answer_")},
            "unclear_topic_ids": [int(value) for value in topic_ids],
            "unclear_note": first("unclear_note"),
            "comment": first("comment"),
        }
