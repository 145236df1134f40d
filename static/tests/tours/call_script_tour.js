import { registry } from "@web/core/registry";

import {
    endCallAndScheduleInterview,
    nextScriptStep,
} from "./invitation_tour_steps";

function tickConcern(search, question) {
    return [
        {
            content: `Search the concern "${search}"`,
            trigger: ".modal .o_field_many2many_tags[name='topic_ids'] input",
            run: `edit ${search}`,
        },
        {
            content: `Tick "${question}"`,
            trigger: `.modal .o-autocomplete--dropdown-item:contains('${question}')`,
            run: "click",
        },
        {
            content: "The approved answer is shown",
            trigger: `.modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains('${question}')`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_recruitment_invitation_call_script_tour", {
    steps: () => [
        {
            content: "Start the call from the call queue",
            trigger: ".o_list_view .o_data_row:contains('Camille Laurent') button[name='action_start_call']",
            run: "click",
        },
        // 1. Preparation
        {
            content: "The brief shows the last positions from the resume",
            trigger: ".modal div[name='step_preparation'] .o_field_widget[name='recent_experience_ids'] .o_data_row:contains('Havas Paris')",
        },
        {
            content: "The step indicator is at the preparation",
            trigger: ".modal .o_statusbar_status button.o_arrow_button_current[data-value='preparation']",
        },
        // 2. Introduction
        ...nextScriptStep("introduction"),
        {
            content: "The opening says how HR got the number",
            trigger: ".modal .o_field_widget[name='opening']:contains('You applied for the Marketing Planning Specialist position')",
        },
        {
            content: "The candidate asks questions: proactive",
            trigger: ".modal .o_field_widget[name='interest_level'] input[data-value='proactive']",
            run: "click",
        },
        {
            content: "The script suggests telling more",
            trigger: ".modal .o_field_widget[name='interest_hint']:contains('tell more about the company')",
        },
        // A salary question during the introduction: one click to the position's step, one back
        {
            content: "Jump to the company and position step",
            trigger: ".modal .o_statusbar_status button[data-value='recommend']",
            run: "click",
        },
        {
            content: "The salary range is at hand",
            trigger: ".modal div[name='step_recommend'] .o_field_widget[name='salary_text']",
        },
        {
            content: "Back to the candidate's questions in one click",
            trigger: ".modal .o_statusbar_status button[data-value='understand']",
            run: "click",
        },
        {
            content: "The script is at the candidate's questions",
            trigger: ".modal div[name='step_understand']",
        },
        {
            content: "Answer the job's first question",
            trigger: ".modal .o_field_widget[name='question_line_ids'] .o_data_row:contains('notice') .o_data_cell[name='answer']",
            run: "click",
        },
        {
            content: "Record the answer",
            trigger: ".modal .o_field_widget[name='question_line_ids'] .o_selected_row .o_field_widget[name='answer'] input",
            run: "edit One month",
        },
        // 4. Suitability
        ...nextScriptStep("suitability"),
        {
            content: "One click: the candidate meets the first requirement",
            trigger: ".modal .o_field_widget[name='requirement_line_ids'] .o_data_row:contains('campaigns') .o_field_widget[name='match'] .o_selection_badge:contains('Meets it')",
            run: "click",
        },
        {
            content: "The match is set",
            trigger: ".modal .o_field_widget[name='requirement_line_ids'] .o_data_row:contains('campaigns') .o_selection_badge.active:contains('Meets it')",
        },
        // 5. Company and position, concerns
        ...nextScriptStep("recommend"),
        {
            content: "The salary range is told, with the disclaimer",
            trigger: ".modal .o_field_widget[name='salary_text']:contains('the final pay is set after the interview')",
        },
        {
            content: "A proactive candidate gets more about the company",
            trigger: ".modal .o_field_widget[name='company_details']:contains('Teams of six')",
        },
        ...tickConcern("overtime", "Is overtime paid?"),
        {
            content: "Every topic is in view: tick the reviews in one click",
            trigger: ".modal .o_invitation_topic_list .o-checkbox:contains('negative reviews') input",
            run: "click",
        },
        {
            content: "A ticked concern is raised, not yet answered",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains('negative reviews') .o_selection_badge.active:contains('Raised')",
        },
        {
            content: "The reviews are answered from the approved answer",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains('negative reviews') .o_selection_badge:contains('Answered')",
            run: "click",
        },
        {
            content: "Overtime in peak season cannot be answered now: one click",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains('Is overtime paid?') .o_selection_badge:contains('Unresolved')",
            run: "click",
        },
        {
            content: "Open its note",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_data_row:contains('Is overtime paid?') .o_data_cell[name='note']",
            run: "click",
        },
        {
            content: "Note what the candidate wants to know",
            trigger: ".modal .o_field_widget[name='concern_line_ids'] .o_selected_row .o_field_widget[name='note'] input",
            run: "edit Weekend work in peak season?",
        },
        // 6. Conclusion
        ...nextScriptStep("conclusion"),
        {
            content: "The candidate accepts the interview",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='invited']",
            run: "click",
        },
        {
            content: "The close suits the outcome",
            trigger: ".modal .o_field_widget[name='closing_text']:contains('glad you will come and meet us')",
        },
        // 7. Analysis and screening
        ...nextScriptStep("analysis"),
        {
            content: "One concern is unresolved",
            trigger: ".modal .o_field_widget[name='concern_summary']:contains('Answered: 1, unresolved: 1')",
        },
        {
            content: "Write the screening",
            trigger: ".modal .o_field_widget[name='screening_note'] textarea",
            run: "edit Strong planner, check French at the interview",
        },
        ...endCallAndScheduleInterview(),
        {
            content: "The candidate is invited",
            trigger: ".o_list_view .o_data_row:contains('Camille Laurent') .o_data_cell[name='state']:contains('Invited')",
        },
    ],
});
