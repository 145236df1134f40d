from odoo import models

from odoo.addons.hr_recruitment_invitation.tools import interview_logistics


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "hr.invitation.directions"]

    def _get_interview_address_parts(self):
        """The address lines of this partner, from the street to the country."""
        self.ensure_one()
        return [
            self.street,
            self.street2,
            " ".join(part for part in (self.zip, self.city) if part),
            self.state_id.name,
            self.country_id.name,
        ]

    def _get_interview_address(self):
        """The address on one line, as candidates read it in a message."""
        self.ensure_one()
        return ", ".join(part for part in self._get_interview_address_parts() if part)

    def _get_interview_map_url(self):
        self.ensure_one()
        return interview_logistics.map_url(self._get_interview_address_parts())

    def _get_interview_tz(self, fallback=None):
        """The time zone of an interview held at this address: from its country and city
        (or state), else ``fallback`` (the company calendar's)."""
        self.ensure_one()
        return interview_logistics.venue_timezone(
            self.country_id.code, self.city, self.state_id.code, fallback
        )
