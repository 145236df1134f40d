"""After the interview: the candidate's feedback page, and the answers it takes.

The request (email and/or SMS) is a follow-up of the interview (hr.invitation.followup, kind
``feedback_request``), due when an attended interview ends, with a tokenized link to
/my/interviews/<id>/feedback. The link follows the interview page's one rule
(hr.invitation.interview._get_portal_interview), so the candidate can change their feedback
until the link expires.
"""

from odoo import Command, fields, models
from odoo.exceptions import UserError

from .hr_invitation_feedback import ACCURACY
from .hr_invitation_interview_portal import PORTAL_TEXT_MAX_LENGTH

FEEDBACK_SINGLE_FIELDS = ("call_rating", "logistics_clear", "recommend_score")
FEEDBACK_TEXT_FIELDS = ("unclear_note", "comment")
FEEDBACK_TOPIC_FIELD = "unclear_topic"
FEEDBACK_ANSWER_PREFIX = "answer_"


class HrInvitationInterview(models.Model):
    _inherit = "hr.invitation.interview"

    # ------------------------------------------------------------------
    # The feedback page: what it shows
    # ------------------------------------------------------------------

    def _is_portal_feedback_open(self):
        """Feedback is asked of candidates who came to their interview, once it is over."""
        self.ensure_one()
        return self.state == "attended" and self.stop <= fields.Datetime.now()

    def _get_portal_feedback_topics(self):
        """The concern topics a candidate may say the call left unclear."""
        self.ensure_one()
        return self.env["hr.invitation.concern.topic"].search(
            [("company_id", "in", [False, self.company_id.id])]
        )

    def _get_portal_feedback_values(self, lang_code):
        """Everything the feedback page shows, and nothing else: no recruiter's note."""
        self.ensure_one()
        interview = self.with_context(lang=lang_code)
        feedback = interview.feedback_ids[:1]
        given = {answer.concern_id.id: answer.accuracy for answer in feedback.answer_ids}
        logistics_clear = feedback and ("yes" if feedback.logistics_clear else "no")
        return {
            "company_name": interview.company_id.name,
            "job_name": interview.job_id.name,
            "candidate_name": interview.partner_id.name or interview.candidate_id.display_name,
            "concerns": [
                (f"{FEEDBACK_ANSWER_PREFIX}{concern.id}", concern._get_question())
                for concern in interview.invitation_id.concern_ids.sorted("id")
            ],
            "accuracy_choices": interview.env["hr.invitation.feedback.answer"]
            ._fields["accuracy"]
            ._description_selection(interview.env),
            "topics": [
                (topic.id, topic.question) for topic in interview._get_portal_feedback_topics()
            ],
            "text_max_length": PORTAL_TEXT_MAX_LENGTH,
            "given": {
                "submitted": bool(feedback),
                "call_rating": feedback.call_rating or "",
                "logistics_clear": logistics_clear or "",
                "recommend_score": str(feedback.recommend_score) if feedback else "",
                "answers": {
                    f"{FEEDBACK_ANSWER_PREFIX}{concern_id}": accuracy
                    for concern_id, accuracy in given.items()
                },
                "unclear_topic_ids": feedback.unclear_topic_ids.ids,
                "unclear_note": feedback.unclear_note or "",
                "comment": feedback.comment or "",
            },
        }

    # ------------------------------------------------------------------
    # The feedback page: the answers
    # ------------------------------------------------------------------

    def _submit_portal_feedback(self, form):
        """Save the candidate's feedback: the one record of this invitation, created or updated.

        ``form``: {field name: [values]} as posted (without the CSRF and access tokens).
        Everything is checked before anything is written; a UserError says what is wrong.
        """
        self.ensure_one()
        if not self._is_portal_feedback_open():
            raise UserError(self.env._("Feedback on this interview is not open."))
        values = self._parse_portal_feedback(form)
        feedback = self.feedback_ids[:1]
        if feedback:
            feedback.answer_ids.unlink()
            feedback.write(values)
        else:
            feedback = self.env["hr.invitation.feedback"].create(dict(values, interview_id=self.id))
            self._with_recruiter_lang()._post_portal_note(
                self.env._(
                    "The candidate gave feedback on the invitation: call rated %(rating)s/5, "
                    "would recommend applying %(score)s/10.",
                    rating=feedback.call_rating,
                    score=feedback.recommend_score,
                )
            )
        return feedback

    def _parse_portal_feedback(self, form):
        """The hr.invitation.feedback values of a posted form, or a UserError."""
        self.ensure_one()
        self._check_portal_feedback_fields(form)
        single = {
            key: self._single_portal_value(form, key) for key in form if key != FEEDBACK_TOPIC_FIELD
        }
        return {
            "call_rating": str(self._parse_portal_int(single.get("call_rating"), 1, 5)),
            "logistics_clear": self._parse_portal_yes_no(single.get("logistics_clear")),
            "recommend_score": self._parse_portal_int(single.get("recommend_score"), 0, 10),
            "answer_ids": [
                Command.create({"concern_id": concern.id, "accuracy": accuracy})
                for concern, accuracy in self._parse_portal_answers(single)
            ],
            "unclear_topic_ids": [
                Command.set(self._parse_portal_topics(form.get(FEEDBACK_TOPIC_FIELD) or []).ids)
            ],
            "unclear_note": self._parse_portal_optional_text(single.get("unclear_note")),
            "comment": self._parse_portal_optional_text(single.get("comment")),
            "submitted_at": fields.Datetime.now(),
        }

    def _check_portal_feedback_fields(self, form):
        known = {*FEEDBACK_SINGLE_FIELDS, *FEEDBACK_TEXT_FIELDS, FEEDBACK_TOPIC_FIELD}
        unknown = [
            key for key in form if key not in known and not key.startswith(FEEDBACK_ANSWER_PREFIX)
        ]
        if unknown:
            raise UserError(self.env._("This form has unexpected fields: please reload the page."))

    def _single_portal_value(self, form, key):
        values = form[key] if isinstance(form[key], list | tuple) else [form[key]]
        if len(values) != 1 or not isinstance(values[0], str):
            raise UserError(self.env._("Please give one answer to each question."))
        return values[0]

    def _parse_portal_int(self, value, low, high):
        text = (value or "").strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise UserError(
                self.env._("Please choose a number from %(low)s to %(high)s.", low=low, high=high)
            )
        return int(text)

    def _parse_portal_yes_no(self, value):
        if value not in ("yes", "no"):
            raise UserError(self.env._("Please say whether the time, place and route were clear."))
        return value == "yes"

    def _parse_portal_answers(self, single):
        """[(concern, accuracy)]: one answer for each concern of this invitation, no other."""
        by_key = {
            f"{FEEDBACK_ANSWER_PREFIX}{concern.id}": concern
            for concern in self.invitation_id.concern_ids
        }
        keys = {key for key in single if key.startswith(FEEDBACK_ANSWER_PREFIX)}
        if keys - by_key.keys():
            raise UserError(
                self.env._("This form asks about questions of another interview: reload it.")
            )
        accuracies = dict(ACCURACY)
        answers = []
        for key, concern in by_key.items():
            if single.get(key) not in accuracies:
                raise UserError(
                    self.env._(
                        "Please say whether the answer you got was accurate: %(question)s",
                        question=concern._get_question(),
                    )
                )
            answers.append((concern, single[key]))
        return answers

    def _parse_portal_topics(self, values):
        """The active concern topics picked as left unclear; any other id is refused."""
        try:
            ids = {int(value) for value in values}
        except (TypeError, ValueError):
            ids = None
        topics = self._get_portal_feedback_topics().filtered(lambda topic: topic.id in (ids or ()))
        if ids is None or len(topics) != len(ids):
            raise UserError(self.env._("Please pick the unclear questions from the list."))
        return topics

    def _parse_portal_optional_text(self, value):
        text = (value or "").strip()
        if len(text) > PORTAL_TEXT_MAX_LENGTH:
            raise UserError(
                self.env._(
                    "Please keep it under %(count)s characters.", count=PORTAL_TEXT_MAX_LENGTH
                )
            )
        return text or False
