"""How an interview takes place (on site, video call, phone call) and how the candidate reads
its time: where they will be, what each message says of it, and how far ahead it was fixed.

On site, times are the venue's (the candidate will be there), with the candidate's own beside
them when the clocks differ; a video or phone call is in the candidate's own zone. The join
link of a video call goes into emails, the .ics and the page, never into a text message.
"""

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get
from odoo.addons.hr_recruitment_invitation.tools import interview_logistics, phone_tz

from .hr_invitation_states import INTERVIEW_FORMATS


class HrInvitationInterview(models.Model):
    _inherit = "hr.invitation.interview"

    interview_format = fields.Selection(
        INTERVIEW_FORMATS, "Format", default="on_site", required=True, readonly=True
    )
    venue_tz = fields.Selection(
        _tz_get,
        "Venue Time Zone",
        readonly=True,
        help="The zone of the interview's address: on site, the candidate reads the times in it.",
    )
    videocall_location = fields.Char(related="event_id.videocall_location", string="Meeting Link")
    interviewer_ids = fields.Many2many(
        "res.users",
        string="Interviewers",
        compute="_compute_interviewer_ids",
        store=True,
        readonly=False,
        help="The employees invited to the interview's meeting.",
    )

    @api.depends("event_id.partner_ids")
    def _compute_interviewer_ids(self):
        for interview in self:
            interview.interviewer_ids = interview.event_id.partner_ids.user_ids.filtered(
                lambda user: not user.share
            )

    # ------------------------------------------------------------------
    # Time, as the candidate reads it
    # ------------------------------------------------------------------

    def _get_local_tz(self):
        """The zone the candidate reads this interview's times in (and types them in)."""
        self.ensure_one()
        return self._pick_local_tz(self.interview_format, self.venue_tz, self.candidate_tz)

    @api.model
    def _pick_local_tz(self, interview_format, venue_tz, candidate_tz):
        """The venue's zone on site (the candidate will be there), else the candidate's own."""
        if interview_format == "on_site" and venue_tz:
            return venue_tz
        return candidate_tz or "UTC"

    def _format_for_candidate(self, value, date_width="medium"):
        """A time of this interview as the candidate reads it: the one way mails, texts, the
        page and views write it."""
        self.ensure_one()
        return self._format_interview_time(
            value, self._get_local_tz(), self.candidate_tz, date_width
        )

    @api.model
    def _format_interview_time(self, value, local_tz, own_tz, date_width="medium"):
        """``value`` in ``local_tz`` (the interview's zone), in the reading language, with the
        time in ``own_tz`` (the candidate's) beside it when their clocks differ then."""
        if not value:
            return ""
        lang = self.env.lang
        local = interview_logistics.format_local_time(value, local_tz, lang, date_width)
        if not own_tz or interview_logistics.same_wall_time(value, local_tz, own_tz):
            return local
        return self.env._(
            "%(time)s; your time: %(own_time)s",
            time=local,
            own_time=interview_logistics.format_local_time(value, own_tz, lang, "medium"),
        )

    def _get_local_zone_name(self):
        """The name of the zone the candidate types times in, in the reading language."""
        self.ensure_one()
        return interview_logistics.zone_name(self._get_local_tz(), self.env.lang)

    # ------------------------------------------------------------------
    # Where, as each message says it
    # ------------------------------------------------------------------

    def _is_on_site(self):
        self.ensure_one()
        return self.interview_format == "on_site"

    def _get_phone_call_line(self, masked=False):
        """Who calls which number, for a phone interview (``masked``: only its last digits)."""
        self.ensure_one()
        number = self.invitation_id.partner_phone or ""
        if masked:
            number = phone_tz.mask_number(number)
        caller = self.interviewer_ids[:1].name or self.contact_name
        return self.env._("%(caller)s will call you at %(number)s.", caller=caller, number=number)

    def _get_place_html(self):
        """The email's "where" block: the address and directions, the join link, or the call."""
        self.ensure_one()
        if self.interview_format == "video":
            link = self.videocall_location
            return link and Markup('<p><b>%s</b> <a href="%s">%s</a></p>') % (
                self.env._("Video call:"),
                link,
                self.env._("join the interview"),
            )
        if self.interview_format == "phone":
            return Markup("<p><b>%s</b> %s</p>") % (
                self.env._("Phone call:"),
                self._get_phone_call_line(),
            )
        address = self._get_interview_address()
        heading = address and Markup("<p><b>%s</b> %s</p>") % (self.env._("Address:"), address)
        return (heading or Markup()) + self._get_directions_html()

    def _get_place_for_sms(self):
        """Where, in a text message: never the join link of a video call."""
        self.ensure_one()
        if self.interview_format == "video":
            return self.env._("video call (the link is in your email and on your page)")
        if self.interview_format == "phone":
            return self._get_phone_call_line()
        return self._get_interview_address()

    def _get_place_for_recruiter(self):
        """Where, in the notes of the invitation and on the interviewers' meeting."""
        self.ensure_one()
        if self.interview_format == "video":
            return self.env._("video call")
        if self.interview_format == "phone":
            return self.env._(
                "phone call to %(number)s", number=self.invitation_id.partner_phone or ""
            )
        return self._get_interview_address()
