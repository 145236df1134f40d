import { registry } from "@web/core/registry";

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
            trigger: ".o_field_widget[name='next_call_candidate_display']:contains('Europe/Paris')",
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
        {
            content: "Dial: go to the introduction",
            trigger: ".modal button[name='action_next_step']",
            run: "click",
        },
        {
            content: "At the introduction",
            trigger: ".modal div[name='step_introduction']",
        },
        {
            content: "Record the interest",
            trigger: ".modal .o_field_widget[name='interest_level'] input[data-value='interested']",
            run: "click",
        },
        ...["step_understand", "step_suitability", "step_recommend", "step_conclusion"].flatMap(
            (step) => [
                {
                    content: "Next step",
                    trigger: ".modal button[name='action_next_step']",
                    run: "click",
                },
                {
                    content: `At ${step}`,
                    trigger: `.modal div[name='${step}']`,
                },
            ]
        ),
        {
            content: "Record the outcome",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='invited']",
            run: "click",
        },
        {
            content: "Go to the analysis",
            trigger: ".modal button[name='action_next_step']",
            run: "click",
        },
        {
            content: "End the call",
            trigger: ".modal button[name='action_finish_call']",
            run: "click",
        },
        {
            content: "Scheduling the interview comes next: no text message in this test",
            trigger: ".modal .o_field_widget[name='notify_by_sms'] input",
            run: "click",
        },
        {
            content: "Schedule the interview",
            trigger: ".modal button[name='action_schedule']",
            run: "click",
        },
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
