from odoo import fields, models

from odoo.addons.hr_recruitment_invitation.tools import interview_logistics


class ResPartner(models.Model):
    _inherit = "res.partner"

    interview_route = fields.Text(
        "Route to the Interview", help="How to get there: entrance, floor, who to ask for."
    )
    interview_landmarks = fields.Text(
        "Landmarks", help="Obvious landmarks near the address, to find it at first sight."
    )
    interview_parking = fields.Text("Parking", help="Where a candidate who drives can park.")
    interview_transit_lines = fields.Char(
        "Public Transport Lines", help="Lines and stops that serve the address."
    )

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

    def _get_interview_directions(self):
        """The directions stored on this address, as defaults for an interview held there."""
        self.ensure_one()
        return {
            "route": self.interview_route,
            "landmarks": self.interview_landmarks,
            "parking": self.interview_parking,
            "transit_lines": self.interview_transit_lines,
        }
