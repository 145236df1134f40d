import { registry } from "@web/core/registry";

const APPLICANTS = ["Tour Camille Laurent", "Tour Wang Wei", "Tour Wrong Number"];

/** Issue 17, rule 6: a selection with one bad number is planned but for that one, and one
 * notification says which needs a time and why. */
registry.category("web_tour.tours").add("hr_recruitment_invitation_plan_selection_tour", {
    steps: () => [
        {
            content: "Show the applications ungrouped",
            trigger: ".o_searchview_facet:contains('Stage') .o_facet_remove",
            run: "click",
        },
        ...APPLICANTS.map((name) => ({
            content: `Select ${name}`,
            trigger: `.o_list_view .o_data_row:contains('${name}') .o_list_record_selector input`,
            run: "click",
        })),
        {
            content: "Three applications are selected",
            trigger: ".o_list_selection_box:contains('3')",
        },
        {
            content: "Open the actions of the selection",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Plan their invitation calls",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Plan Invitation Calls')",
            run: "click",
        },
        {
            content: "One notification: two planned, the wrong number needs a time, and why",
            trigger:
                ".o_notification:contains('2 invitation calls planned'):contains('Tour Wrong Number'):contains('Invalid phone number')",
        },
        {
            content: "The others are not listed as needing a time",
            trigger: ".o_notification:not(:contains('Tour Wang Wei')):not(:contains('Tour Camille Laurent'))",
        },
    ],
});
