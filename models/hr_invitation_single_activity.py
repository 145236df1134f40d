from odoo import models


class HrInvitationSingleActivity(models.AbstractModel):
    """Records that keep at most one open activity of each type (a call to make, a car to
    send, a time to move): the one place that creates or updates it."""

    _name = "hr.invitation.single.activity"
    _description = "One Open Activity per Type"
    _inherit = ["mail.activity.mixin"]

    def _get_activities(self, xmlid):
        """The open activities of the type ``xmlid`` of these invitations."""
        activity_type = self.env.ref(xmlid)
        return self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _set_activities(self, xmlid, values_by_invitation):
        """Create or update the one open activity of the type ``xmlid`` of each invitation, in
        batch: the one place that keeps an activity type once per invitation.

        ``values_by_invitation``: {invitation id: activity values (user, deadline, summary,
        note)}.
        """
        activity_type = self.env.ref(xmlid)
        existing = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        by_invitation = {activity.res_id: activity for activity in existing}
        model_id = self.env["ir.model"]._get_id(self._name)
        updated, to_create = self.env["mail.activity"], []
        for invitation in self:
            values = values_by_invitation[invitation.id]
            activity = by_invitation.get(invitation.id)
            if activity:
                activity.write(values)
                updated |= activity
            else:
                to_create.append(
                    dict(
                        values,
                        activity_type_id=activity_type.id,
                        res_model_id=model_id,
                        res_id=invitation.id,
                        # As activity_schedule(): activity_feedback() and activity_unlink()
                        # find only automated activities.
                        automated=True,
                    )
                )
        return updated | self.env["mail.activity"].create(to_create)

    def _set_activity(self, xmlid, **values):
        self.ensure_one()
        return self._set_activities(xmlid, {self.id: values})
