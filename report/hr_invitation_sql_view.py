from odoo import models, tools
from odoo.tools import SQL


class HrInvitationSqlView(models.AbstractModel):
    """Base of the invitation analyses: a read-only model backed by the SQL view ``_query()``."""

    _name = "hr.invitation.sql.view"
    _description = "Invitation Analysis SQL View"
    _auto = False

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )

    def _query(self):
        raise NotImplementedError
