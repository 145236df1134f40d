from datetime import timedelta

from odoo import api, fields, models

STALE_AFTER_DAYS = 180
CONCERN_CATEGORIES = [
    ("benefits", "Benefits"),
    ("hours", "Working hours and rest days"),
    ("commute", "Commute and transport"),
    ("salary", "Salary"),
    ("overtime", "Overtime pay"),
    ("payment", "Wage payment reliability"),
    ("contract", "Leaving costs and contract terms"),
    ("reviews", "Online reviews"),
    ("remote", "Remote or hybrid work"),
    ("process", "Interview process"),
    ("other", "Other"),
]


class HrInvitationConcernTopic(models.Model):
    _name = "hr.invitation.concern.topic"
    _description = "Candidate Concern Topic"
    _order = "sequence, id"
    _rec_name = "question"
    _rec_names_search = ["question", "keywords", "answer"]

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(
        CONCERN_CATEGORIES,
        required=True,
        default="other",
    )
    question = fields.Char(
        required=True, translate=True, help="The question as candidates usually ask it."
    )
    asks_question = fields.Boolean(
        "The Recruiter Types the Question",
        help="A topic for questions outside the list: the candidate's own words are noted.",
    )
    keywords = fields.Char(
        translate=True,
        help="Other words a recruiter may search the topic by, in each language (commute, "
        "transport, parking...).",
    )
    answer = fields.Html(
        "Approved Answer", translate=True, sanitize=True, help="The answer the company stands by."
    )
    owner_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Who keeps the answer up to date and follows up unresolved concerns.",
    )
    last_reviewed_on = fields.Date("Last Reviewed", default=fields.Date.context_today)
    is_stale = fields.Boolean(
        "Needs Review", compute="_compute_is_stale", search="_search_is_stale"
    )
    company_id = fields.Many2one("res.company", index=True)
    concern_ids = fields.One2many("hr.invitation.concern", "topic_id", "Concerns Raised")

    @api.depends("last_reviewed_on")
    def _compute_is_stale(self):
        limit = self._stale_limit()
        for topic in self:
            topic.is_stale = not topic.last_reviewed_on or topic.last_reviewed_on < limit

    def _search_is_stale(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        stale = (operator == "=") == bool(value)
        limit = self._stale_limit()
        if stale:
            return ["|", ("last_reviewed_on", "=", False), ("last_reviewed_on", "<", limit)]
        return [("last_reviewed_on", ">=", limit)]

    def _stale_limit(self):
        return fields.Date.context_today(self) - timedelta(days=STALE_AFTER_DAYS)

    def action_mark_reviewed(self):
        self.write({"last_reviewed_on": fields.Date.context_today(self)})
