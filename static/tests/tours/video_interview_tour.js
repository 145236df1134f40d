import { registry } from "@web/core/registry";

/** The recruiter schedules a video interview: no address, Odoo's Discuss room by default. */
registry.category("web_tour.tours").add("hr_recruitment_invitation_video_interview_tour", {
    steps: () => [
        {
            content: "Schedule the interview",
            trigger: ".o_form_statusbar button[name='action_schedule_interview']:contains('Schedule Interview')",
            run: "click",
        },
        {
            content: "Make it a video call",
            trigger: ".modal .o_field_widget[name='interview_format'] input[data-value='video']",
            run: "click",
        },
        {
            content: "The meeting link is asked for (empty: Odoo's Discuss room), not the address",
            trigger: ".modal .o_field_widget[name='videocall_location']",
        },
        {
            content: "No address to give for a video call",
            trigger: ".modal:not(:has(.o_field_widget[name='location_kind']))",
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
            content: "Open the invitation's interviews",
            trigger: ".o_notebook .nav-link:contains('Interviews')",
            run: "click",
        },
        {
            content: "The interview is listed as a video call",
            trigger: ".o_field_widget[name='interview_ids'] .o_data_row:contains('Video Call')",
        },
    ],
});

/** The candidate opens the page of their video interview on a phone. */
registry.category("web_tour.tours").add("hr_recruitment_invitation_video_page_tour", {
    steps: () => [
        {
            content: "The page offers to join the video call, across the screen",
            trigger: ".o_interview_video .o_interview_join.w-100[href*='/calendar/join_videocall/']",
        },
        {
            content: "No address, map or route for a video call",
            trigger: "body:not(:has(.o_interview_address)):not(:has(.o_interview_map))",
        },
        {
            content: "Confirm the interview",
            trigger: ".o_interview_confirm",
            run: "click",
        },
        {
            content: "The interview is confirmed",
            trigger: ".o_interview_status[data-status='confirmed']",
        },
        {
            content: "No journey to plan: no travel, parking or pick-up form",
            trigger: "body:not(:has(.o_interview_travel_form)):not(:has(.o_interview_parking_form)):not(:has(.o_interview_pickup_form))",
        },
        {
            content: "The join link stays on the page",
            trigger: ".o_interview_join",
        },
    ],
});
