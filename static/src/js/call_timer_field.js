import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { Component, onMounted, onWillUnmount, useState } from "@odoo/owl";

const { DateTime } = luxon;

/**
 * Running time of an invitation call (widget on `started_at`): counts up every second
 * while the call has no `ended_at`, and turns red once it passes `target_duration` minutes.
 */
export class InvitationCallTimerField extends Component {
    static template = "hr_recruitment_invitation.InvitationCallTimerField";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ now: DateTime.now() });
        onMounted(() => {
            this.interval = setInterval(() => (this.state.now = DateTime.now()), 1000);
        });
        onWillUnmount(() => clearInterval(this.interval));
    }

    get startedAt() {
        return this.props.record.data[this.props.name];
    }

    get endedAt() {
        return this.props.record.data.ended_at;
    }

    get elapsedSeconds() {
        if (!this.startedAt) {
            return 0;
        }
        const end = this.endedAt || this.state.now;
        return Math.max(0, Math.floor(end.diff(this.startedAt, "seconds").seconds));
    }

    get elapsed() {
        const seconds = this.elapsedSeconds;
        const minutes = Math.floor(seconds / 60);
        return `${String(minutes).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
    }

    get isOverTarget() {
        const target = this.props.record.data.target_duration;
        return Boolean(target) && this.elapsedSeconds > target * 60;
    }

    get overTargetMessage() {
        return _t("Longer than the %s minutes a call should take", this.props.record.data.target_duration);
    }
}

export const invitationCallTimerField = {
    component: InvitationCallTimerField,
    displayName: _t("Call timer"),
    supportedTypes: ["datetime"],
    fieldDependencies: [
        { name: "ended_at", type: "datetime" },
        { name: "target_duration", type: "integer" },
    ],
};

registry.category("fields").add("invitation_call_timer", invitationCallTimerField);
