from odoo import fields, models

# The directions, by field name: the same names on an address, an interview and the scheduling
# wizard, so that they are copied as they are (_get_directions_values).
DIRECTION_FIELDS = (
    "interview_route",
    "interview_landmarks",
    "interview_transit_lines",
    "interview_parking",
)


class HrInvitationDirections(models.AbstractModel):
    """How to find an interview's place: the route, landmarks, public transport and parking.

    Shared by the addresses (res.partner: the defaults of an interview held there), the
    interviews and the scheduling wizard.
    """

    _name = "hr.invitation.directions"
    _description = "Directions to an Interview"

    # Translatable: the candidate reads them in their language when a translation exists.
    interview_route = fields.Text(
        "Route to the Interview",
        translate=True,
        help="How to get there: entrance, floor, who to ask for.",
    )
    interview_landmarks = fields.Text(
        "Landmarks",
        translate=True,
        help="Obvious landmarks near the address, to find it at first sight.",
    )
    interview_parking = fields.Text(
        "Parking", translate=True, help="Where a candidate who drives can park."
    )
    interview_transit_lines = fields.Char(
        "Public Transport Lines", translate=True, help="Lines and stops that serve the address."
    )

    def _get_directions_values(self):
        """{field name: text} of the directions, to copy them onto another record."""
        self.ensure_one()
        return {fname: self[fname] or False for fname in DIRECTION_FIELDS}

    def _copy_direction_translations(self, source):
        """Each direction given as ``source`` (an address, a moved interview) says it, in the
        current language, carries ``source``'s translations too."""
        self.ensure_one()
        for fname in DIRECTION_FIELDS:
            if not self[fname] or self[fname] != source[fname]:
                continue
            translations, _context = source.get_field_translations(fname)
            values = {item["lang"]: item["value"] for item in translations if item["value"]}
            if values:
                self.update_field_translations(fname, values)

    def _get_directions(self):
        """[(label, text)] of the directions given, in the reader's language."""
        self.ensure_one()
        labelled = (
            (self.env._("Route"), self.interview_route),
            (self.env._("Landmarks"), self.interview_landmarks),
            (self.env._("Public transport"), self.interview_transit_lines),
            (self.env._("Parking"), self.interview_parking),
        )
        return [(label, text) for label, text in labelled if text]
