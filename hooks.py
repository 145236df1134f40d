INVITATION_MODELS = ("hr.invitation", "hr.invitation.escalation")


def post_init_hook(env):
    """Candidates created before the addon: their number for Odoo's phone mixin (sanitized
    number, blacklist), which the addon now gives it (hr.candidate._phone_get_number_fields)."""
    candidates = (
        env["hr.candidate"].with_context(active_test=False).search([("partner_phone", "!=", False)])
    )
    env.add_to_compute(candidates._fields["phone_sanitized"], candidates)
    candidates.flush_recordset(["phone_sanitized"])


def uninstall_hook(env):
    """Release what core records hold of this addon so that its data can be removed."""
    activity_types = env["mail.activity.type"].search([("res_model", "in", INVITATION_MODELS)])
    env["mail.activity"].sudo().search(
        [
            "|",
            ("res_model", "in", INVITATION_MODELS),
            ("activity_type_id", "in", activity_types.ids),
        ]
    ).unlink()
    demo_calendar = env.ref(
        "hr_recruitment_invitation.resource_calendar_hr_demo", raise_if_not_found=False
    )
    standard_calendar = env.ref("resource.resource_calendar_std", raise_if_not_found=False)
    if demo_calendar and standard_calendar:
        env["res.company"].search([("resource_calendar_id", "=", demo_calendar.id)]).write(
            {"resource_calendar_id": standard_calendar.id}
        )
