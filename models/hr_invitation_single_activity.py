from collections import defaultdict

from odoo import models

# The context key of the (model, record id, partner id) triples that follow already: set while
# a batch of activities is created, whose users the batch subscribed at once.
FOLLOWING = "invitation_following"


class HrInvitationSingleActivity(models.AbstractModel):
    """Records that keep at most one open activity of each type (a call to make, a car to
    send, a time to move): the one place that creates or updates it."""

    _name = "hr.invitation.single.activity"
    _description = "One Open Activity per Type"
    _inherit = ["mail.thread", "mail.activity.mixin"]

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
                        **invitation._prepare_activity_stored_values(values),
                    )
                )
        return updated | self._create_activities(to_create)

    def _prepare_activity_stored_values(self, values):
        """What mail.activity computes and stores after its INSERT (its record's name, its
        user's zone, no done date while open), given to create() to be written with it: one
        UPDATE less per 100 activities."""
        self.ensure_one()
        user = self.env["res.users"].browse(values.get("user_id")).sudo()
        return {"res_name": self.sudo().display_name, "user_tz": user.tz, "date_done": False}

    def _set_activity(self, xmlid, **values):
        self.ensure_one()
        return self._set_activities(xmlid, {self.id: values})

    def _create_activities(self, vals_list):
        """Create these activities of these records, their users subscribed to the records at
        once first: Odoo's mail.activity.create() then finds nothing left to subscribe."""
        users = self.env["res.users"]
        pairs = self._subscribe_users(
            {values["res_id"]: users.browse(values.get("user_id")) for values in vals_list}
        )
        following = frozenset(
            (self._name, record_id, partner_id) for record_id, partner_id in pairs
        )
        return self.env["mail.activity"].with_context(**{FOLLOWING: following}).create(vals_list)

    def _subscribe_users(self, users_by_record):
        """Make users follow records ({record id: res.users}) at once, as message_subscribe()
        does one set of partners at a time: access checked, active partners only, Odoo's
        default subtypes, existing followers left as they are.

        Return the (record id, partner id) pairs that follow the records now.
        """
        records = self.browse(list(users_by_record))
        partners = self.env["res.users"].union(*users_by_record.values()).partner_id
        partners = partners.filtered(lambda partner: partner.active)
        if not partners:
            return frozenset()
        # As message_subscribe(): to follow takes reading, to make others follow writing.
        records.check_access("read" if partners == self.env.user.partner_id else "write")
        followers = self.env["mail.followers"]
        following = {
            (res_id, partner_id)
            for _follower_id, res_id, partner_id, _subtypes in followers._get_subscription_data(
                [(self._name, records.ids)], partners.ids
            )
        }
        customers = partners.filtered(lambda partner: partner.partner_share).ids
        missing = defaultdict(list)  # {partner: ids of the records they do not follow yet}
        for record_id, users in users_by_record.items():
            for partner in users.partner_id & partners:
                if (record_id, partner.id) not in following:
                    missing[partner].append(record_id)
                    following.add((record_id, partner.id))
        to_create = []
        for partner, record_ids in missing.items():
            new, _existing = followers._add_default_followers(
                self._name, record_ids, partner.ids, customer_ids=customers, check_existing=False
            )
            to_create += [
                dict(values, res_id=record_id)
                for record_id, values_list in new.items()
                for values in values_list
            ]
        followers.sudo().with_context(default_partner_id=False).create(to_create)
        return frozenset(following)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Subscribe partners, unless they follow already as a batch just made them
        (``_create_activities``): mail.activity.create() subscribes each user of a batch to
        their records one user at a time, a few queries each."""
        following = self.env.context.get(FOLLOWING)
        if (
            isinstance(following, frozenset)
            and partner_ids
            and not subtype_ids
            and all(
                (record._name, record.id, pid) in following
                for record in self
                for pid in partner_ids
            )
        ):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)
