import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_recruitment_invitation_escalation_tour", {
    steps: () => [
        {
            content: "Open my activities",
            trigger: ".o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            content: "Open the escalations waiting for my approval",
            trigger: ".o-mail-ActivityGroup[data-model_name='hr.invitation.escalation']",
            run: "click",
        },
        {
            content: "Open the request about Lukas Schmidt",
            trigger: ".o_data_row td[name='candidate_id']:contains('Lukas Schmidt')",
            run: "click",
        },
        {
            content: "The approval activity is on the request",
            trigger: ".o-mail-Activity:contains('Approve senior HR for Lukas Schmidt')",
        },
        {
            content: "What the first call found is shown before deciding",
            trigger: ".o_field_widget[name='brief']:contains('Interested')",
        },
        {
            content: "Approve senior HR stepping in",
            trigger: ".o_form_view .o_form_statusbar button[name='action_approve']",
            run: "click",
        },
        {
            content: "The request is approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        {
            content: "The approval activity is done",
            trigger: ".o-mail-Message:contains('Approved')",
        },
    ],
});
