from odoo import api, fields, models

from .hr_invitation_call import CALL_OUTCOMES

# The texts of a script, by the step of the call they are read at.
OPENING_FIELDS = {"applied": "opening_applied", "sourced": "opening_sourced"}
CLOSING_FIELDS = {outcome: f"closing_{outcome}" for outcome, _label in CALL_OUTCOMES}
SHORT_CLOSING_FIELD = "closing_short"


class HrInvitationScriptTemplate(models.Model):
    """What the recruiter says during an invitation call, step by step.

    Each text is an inline template rendered on the invitation (``object``) in the
    candidate's language when the template is translated into it; ``user`` is the caller.
    """

    _name = "hr.invitation.script.template"
    _inherit = ["mail.render.mixin"]
    _description = "Invitation Call Script Template"
    _order = "sequence, id"
    # Like mail.template: the texts are trusted, editing dynamic ones needs the template
    # editor group (checked by mail.render.mixin on create and write).
    _unrestricted_rendering = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: a script for the jobs of every company."
    )
    job_ids = fields.One2many("hr.job", "invitation_script_template_id", "Job Positions")
    lang = fields.Char(default="{{ object.partner_id.lang }}")
    opening_applied = fields.Text(
        "Opening (Applied)",
        translate=True,
        help="First words to a candidate who applied: who is calling, from which company, and "
        "how HR got the number.",
    )
    opening_sourced = fields.Text(
        "Opening (Sourced)",
        translate=True,
        help="First words to a candidate HR found: who is calling, from which company, and "
        "where HR found the profile.",
    )
    questions_intro = fields.Text("Before the Questions", translate=True)
    position_summary = fields.Text(translate=True)
    salary_text = fields.Text(
        "Salary Range",
        translate=True,
        help="Read only when the job has a salary range: say that the final pay is set after "
        "the interview.",
    )
    benefits_text = fields.Text("Benefits Highlights", translate=True)
    closing_invited = fields.Text("Close: Invited", translate=True)
    closing_callback = fields.Text("Close: Call Back", translate=True)
    closing_declined = fields.Text("Close: Declined", translate=True)
    closing_not_suitable = fields.Text("Close: Not Suitable", translate=True)
    closing_no_answer = fields.Text(
        "Voicemail", translate=True, help="Message to leave when the candidate does not answer."
    )
    closing_short = fields.Text(
        "Short Close",
        translate=True,
        help="A short, polite close for a candidate who sounds indifferent.",
    )

    def _compute_render_model(self):
        self.render_model = "hr.invitation"

    @api.model
    def _get_for_job(self, job):
        """The script of ``job``: its own one, else the first one of its company or shared."""
        if job.invitation_script_template_id:
            return job.invitation_script_template_id
        return self.search(
            [("company_id", "in", [job.company_id.id, False])], order="sequence, id", limit=1
        )

    def _get_script_lang(self, invitation):
        """The candidate's language when it is active in the database (the template's, else
        their phone's country's: hr.invitation._get_candidate_lang), else the caller's."""
        self.ensure_one()
        lang = self._render_lang(invitation.ids)[invitation.id] or invitation._get_candidate_lang()
        return self.env["res.lang"]._get_code(lang) if lang else False

    def _render_texts(self, invitation, field_names, lang):
        """Render ``field_names`` on ``invitation`` in ``lang``: {field name: text}."""
        self.ensure_one()
        return {
            fname: self._render_field(fname, invitation.ids, set_lang=lang)[invitation.id]
            for fname in field_names
        }
