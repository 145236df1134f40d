from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HrCandidateExperience(models.Model):
    _name = "hr.candidate.experience"
    _description = "Candidate Work Experience"
    _order = "date_start desc, id desc"

    candidate_id = fields.Many2one("hr.candidate", required=True, index=True, ondelete="cascade")
    company_name = fields.Char("Company", required=True)
    title = fields.Char("Position", required=True)
    date_start = fields.Date("From")
    date_end = fields.Date("To", help="Empty while the candidate still holds this position.")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for experience in self:
            if (
                experience.date_start
                and experience.date_end
                and (experience.date_end < experience.date_start)
            ):
                raise ValidationError(
                    self.env._(
                        "A position cannot end before it starts (%(title)s).",
                        title=experience.title,
                    )
                )
