"""The candidate page's counters became one row per (kind, key): wrong tokens of an address,
answers of a link. The old rows (failures per address) only counted a 15-minute window: they
are dropped rather than converted, so that the new required columns can be set."""


def migrate(cr, version):
    cr.execute("DELETE FROM hr_invitation_portal_attempt")
