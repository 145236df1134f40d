import { registry } from "@web/core/registry";

/** An interviewer moves the interview's meeting in Odoo's Calendar (its form): the interview
 * waits for the candidate again, at the new time. */
registry.category("web_tour.tours").add("hr_recruitment_invitation_calendar_move_tour", {
    steps: () => [
        {
            content: "The meeting is open in the calendar's form",
            trigger: ".o_form_view .o_field_widget[name='start'] input",
        },
        {
            content: "Move it by a day",
            trigger: ".o_form_view .o_field_widget[name='start'] input",
            run: "edit 01/20/2027 14:00:00",
        },
        {
            content: "Leave the field",
            trigger: ".o_form_view .o_field_widget[name='name']",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
