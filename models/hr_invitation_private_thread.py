from odoo import api, models

# What opens Odoo's own chatter and mail routes on a record without rights: a record's token,
# or a partner id signed with it.
MAIL_ROUTE_CREDENTIALS = ("token", "hash", "pid")


class HrInvitationPrivateThread(models.AbstractModel):
    """A chatter for employees only: no token of a candidate opens it.

    portal.mixin and portal's mail.thread let a record's token open Odoo's chatter and mail
    routes (/mail/thread/data, /mail/message/post, /mail/attachment/upload,
    /mail/chatter_fetch, /portal/chatter_init, message avatars). The candidate's token opens
    their interview page and its answers only: on these routes, access is the user's own
    rights, whatever token, hash or partner id comes with the request.
    """

    _name = "hr.invitation.private.thread"
    _description = "Chatter Closed to Candidate Tokens"
    _inherit = ["mail.thread"]

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        kwargs = {key: value for key, value in kwargs.items() if key not in MAIL_ROUTE_CREDENTIALS}
        return super()._get_thread_with_access(thread_id, mode, **kwargs)
