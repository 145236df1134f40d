import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_recruitment_invitation_portal_tour", {
    steps: () => [
        {
            content: "The interview is shown in the candidate's own time zone",
            trigger: ".o_interview_when:contains('2:00 PM (Central European Standard Time)')",
        },
        {
            content: "The page fits a phone: the confirm button spans the screen",
            trigger: ".o_interview_confirm.w-100",
        },
        {
            content: "Confirm the interview",
            trigger: ".o_interview_confirm",
            run: "click",
        },
        {
            content: "The confirmation is acknowledged",
            trigger: ".o_interview_done:contains('your attendance is confirmed')",
        },
        {
            content: "The interview is confirmed",
            trigger: ".o_interview_status[data-status='confirmed']",
        },
        {
            content: "Travel by public transport",
            trigger: ".o_interview_travel_form select[name='travel_mode']",
            run: "select public_transport",
        },
        {
            content: "Arrive at 13:40, the candidate's time",
            trigger: ".o_interview_travel_form input[name='arrival']",
            run() {
                this.anchor.value = "13:40";
            },
        },
        {
            content: "Send how and when the candidate comes",
            trigger: ".o_interview_travel_submit",
            run: "click",
        },
        {
            content: "The travel details are acknowledged",
            trigger: ".o_interview_done:contains('how and when you are coming')",
        },
        {
            content: "The arrival time is kept on the page",
            trigger: ".o_interview_travel_form input[name='arrival'][value='13:40']",
        },
    ],
});
