import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_recruitment_invitation_feedback_tour", {
    steps: () => [
        {
            content: "The page fits a phone: the send button spans the screen",
            trigger: ".o_feedback_submit.w-100",
        },
        {
            content: "Rate the invitation call 5 out of 5",
            trigger: ".o_feedback_rating label:contains('5')",
            run: "click",
        },
        {
            content: "Time, place and route were clear",
            trigger: "input[name='logistics_clear'][value='yes']",
            run: "click",
        },
        {
            content: "The answer about overtime was accurate",
            trigger: ".o_feedback_concern:contains('Is overtime paid?') input[value='yes']",
            run: "click",
        },
        {
            content: "The way there was not discussed",
            trigger: ".o_feedback_concern:contains('How do I get there?') input[value='not_discussed']",
            run: "click",
        },
        {
            content: "Overtime is still unclear",
            trigger: ".form-check:contains('Is overtime paid?') input[name='unclear_topic']",
            run: "click",
        },
        {
            content: "Would recommend: 8",
            trigger: "select[name='recommend_score']",
            run: "select 8",
        },
        {
            content: "Leave a comment",
            trigger: "textarea[name='comment']",
            run: "edit Clear and kind call.",
        },
        {
            content: "Send the feedback",
            trigger: ".o_feedback_submit",
            run: "click",
        },
        {
            content: "The feedback is acknowledged and can be changed",
            trigger: ".o_feedback_done:contains('Thank you for your feedback')",
        },
        {
            content: "The form shows what was sent",
            trigger: ".o_feedback_submit:contains('Update my feedback')",
        },
    ],
});
