/** Steps shared by the tours of the call script: move on in the script, end the call and
 * schedule the interview it led to. */

export function nextScriptStep(step) {
    return [
        {
            content: "Next step",
            trigger: ".modal footer button[name='action_next_step']",
            run: "click",
        },
        {
            content: `The script is at the ${step} step`,
            trigger: `.modal div[name='step_${step}']`,
        },
    ];
}

export function endCallAndScheduleInterview() {
    return [
        {
            content: "End the call",
            trigger: ".modal footer button[name='action_finish_call']",
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
    ];
}
