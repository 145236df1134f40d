import { registry } from "@web/core/registry";

/**
 * The list on screen cuts no column title and no badge (French titles and states are longer
 * than English ones): each is as wide as its text, else the tour fails and names them.
 */
registry.category("web_tour.tours").add("hr_recruitment_invitation_lists_fit_tour", {
    steps: () => [
        {
            content: "The list is drawn with its rows",
            trigger: ".o_list_renderer .o_data_row",
        },
        {
            content: "No column title and no badge is cut",
            trigger: ".o_list_renderer thead th",
            run() {
                const cut = [
                    ...document.querySelectorAll(
                        ".o_list_renderer thead th .text-truncate, .o_list_renderer .o_data_row .badge"
                    ),
                ].filter((element) => element.scrollWidth > element.clientWidth + 1);
                if (cut.length) {
                    const texts = cut.map((element) => element.textContent.trim());
                    throw new Error(`Cut on screen: ${texts.join(", ")}`);
                }
            },
        },
    ],
});
