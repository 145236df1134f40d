import { registry } from "@web/core/registry";

/** The recruiter schedules a second round for a candidate who came to the first one. */
registry.category("web_tour.tours").add("hr_recruitment_invitation_second_round_tour", {
    steps: () => [
        {
            content: "Open the invitation's interviews",
            trigger: ".o_notebook .nav-link:contains('Interviews')",
            run: "click",
        },
        {
            content: "The first round is listed on the invitation, attended",
            trigger: ".o_field_widget[name='interview_ids'] .o_data_row:contains('Attended')",
        },
        {
            content: "Schedule the next round",
            trigger: ".o_form_statusbar button[name='action_schedule_interview']:contains('Schedule Next Round')",
            run: "click",
        },
        {
            content: "The wizard says which round it schedules",
            trigger: ".modal .o_schedule_round:contains('2')",
        },
        {
            content: "No text message in this test",
            trigger: ".modal .o_field_widget[name='notify_by_sms'] input",
            run: "click",
        },
        {
            content: "Schedule it",
            trigger: ".modal button[name='action_schedule']",
            run: "click",
        },
        {
            content: "Both rounds are listed: the second one waits for the candidate",
            trigger: ".o_field_widget[name='interview_ids'] .o_data_row:contains('Scheduled')",
        },
    ],
});
