import { registry } from "@web/core/registry";
import { badgeSelectionField } from "@web/views/fields/badge_selection/badge_selection_field";

/**
 * Odoo's selection badges, clickable in a list row that is not being edited, as Odoo's
 * priority stars are: one click sets a requirement's match or a concern's state during a call.
 */
export const oneClickBadgesField = {
    ...badgeSelectionField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...badgeSelectionField.extractProps(fieldInfo, dynamicInfo),
        readonly: dynamicInfo.readonly,
    }),
};

registry.category("fields").add("invitation_one_click_badges", oneClickBadgesField);
