import { registry } from "@web/core/registry";

import { endCallAndScheduleInterview, nextScriptStep } from "./invitation_tour_steps";

registry.category("web_tour.tours").add("hr_recruitment_invitation_call_tour", {
    steps: () => [
        {
            content: "Plan the invitation call from the application",
            trigger: ".o_form_view button[name='action_plan_invitation_call']",
            run: "click",
        },
        {
            content: "The invitation is planned: the candidate is to be called",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='calling']",
        },
        {
            content: "The slot is shown in the candidate's own time",
            trigger: ".o_field_widget[name='next_call_candidate_display']:contains('Central European')",
        },
        {
            content: "Start the call",
            trigger: ".o_form_view .o_form_statusbar button[name='action_start_call']",
            run: "click",
        },
        {
            content: "The call script opens at the preparation, the call timer runs",
            trigger: ".modal div[name='step_preparation']",
        },
        {
            content: "The call timer runs",
            trigger: ".modal .o_invitation_call_timer:contains('00:0')",
        },
        ...nextScriptStep("introduction"),
        {
            content: "Record the interest",
            trigger: ".modal .o_field_widget[name='interest_level'] input[data-value='interested']",
            run: "click",
        },
        ...["understand", "suitability", "recommend", "conclusion"].flatMap(nextScriptStep),
        {
            content: "Record the outcome",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='invited']",
            run: "click",
        },
        ...nextScriptStep("analysis"),
        ...endCallAndScheduleInterview(),
        {
            content: "The candidate is invited",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='invited']",
        },
        {
            content: "The call is in the log",
            trigger: ".o_field_widget[name='call_ids'] .o_data_row:contains('Invited to interview')",
        },
    ],
});
