"""Odoo's portal chatter on this addon's records: a candidate's token is counted there.

No token opens the chatter of this addon's records (hr.invitation.private.thread). A token
tried on /mail/chatter_fetch, right or wrong, gets the same empty answer and counts as a failed
attempt of the address, as on the candidate's pages: past the limit, the address gets 429 on
those pages.
"""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.mail import PortalChatter

EMPTY_FETCH = {"data": {"mail.message": []}, "messages": []}


class InvitationPortalChatter(PortalChatter):
    @http.route()
    def portal_message_fetch(
        self, thread_model, thread_id, limit=10, after=None, before=None, **kw
    ):
        if kw.get("token") and self._is_private_thread(thread_model):
            address = request.httprequest.remote_addr or "unknown"
            request.env["hr.invitation.portal.attempt"].sudo()._register_failure(address)
            return EMPTY_FETCH
        return super().portal_message_fetch(
            thread_model, thread_id, limit=limit, after=after, before=before, **kw
        )

    def _is_private_thread(self, model_name):
        private = request.env.registry["hr.invitation.private.thread"]
        return model_name in request.env and isinstance(request.env[model_name], private)
