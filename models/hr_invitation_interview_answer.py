"""The candidate's answers on their interview page: confirm, decline, another time, how they
travel, parking and pick-up. Each validates first (a UserError in the candidate's language,
nothing written), does nothing when it repeats the current answer, and otherwise updates the
interview and the candidate's calendar attendee, posts one note on the invitation and, when
the recruiter has something to do, schedules or updates their activity.
"""

from markupsafe import escape

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.hr_recruitment_invitation.tools import candidate_input

from .hr_invitation_interview_portal import (
    PORTAL_ACTIVITY_TYPES,
    PORTAL_ARRIVAL_MAX_ADVANCE,
    PORTAL_MAX_PROPOSALS,
    PORTAL_PICKUP_POINT_MAX_LENGTH,
    PORTAL_PROPOSAL_HORIZON,
    PORTAL_PROPOSAL_MIN_NOTICE,
    PORTAL_TEXT_MAX_LENGTH,
)


class HrInvitationInterview(models.Model):
    _inherit = "hr.invitation.interview"

    # ------------------------------------------------------------------
    # Candidate portal: answers
    # ------------------------------------------------------------------
    # Each answer validates first (a UserError in the candidate's language, nothing written),
    # does nothing when it repeats the current answer, and otherwise updates the interview and
    # the candidate's calendar attendee, posts one note and, when the recruiter has something
    # to do, schedules or updates their activity.

    def _action_portal_confirm(self):
        self.ensure_one()
        if self.state == "confirmed":
            return False
        self._check_portal_answerable()
        self._confirm_by_candidate()
        recruiter_view = self._with_recruiter_lang()
        recruiter_view._post_portal_note(
            recruiter_view.env._(
                "The candidate confirmed the interview of %(time)s.",
                time=recruiter_view._format_for_recruiter(self.start),
            )
        )
        return True

    def _confirm_by_candidate(self):
        """The candidate will come: the interview, its attendee and what was pending follow."""
        self._write_portal_answer(
            {"confirmed_at": fields.Datetime.now(), "reschedule_requested_at": False},
            state="confirmed",
        )
        self._dismiss_open_slots(origins=("proposed",))
        self.invitation_id.activity_unlink([PORTAL_ACTIVITY_TYPES["reschedule"]])
        self._set_candidate_attendee_state("accepted")

    def _action_portal_decline(self, reason):
        self.ensure_one()
        if self.state == "declined":
            return False
        self._check_portal_answerable()
        reason = self._clean_portal_text(
            reason, PORTAL_TEXT_MAX_LENGTH, self.env._("Please tell us briefly why you decline.")
        )
        self.with_context(mail_notrack=True)._decline(reason)
        self._dismiss_open_slots(origins=("offered", "proposed"))
        self.invitation_id.activity_unlink(list(PORTAL_ACTIVITY_TYPES.values()))
        recruiter_view = self._with_recruiter_lang()
        recruiter_view._post_portal_note(
            recruiter_view.env._("The candidate declined the interview: %(reason)s", reason=reason)
        )
        self.invitation_id._ask_to_refuse_application(reason)
        return True

    def _action_portal_reschedule(self, slot=None, proposals=()):
        """Ask for another time: one of the offered times, or up to three ``proposals``.

        ``slot`` is the key of an offered time as the page gives it (_get_portal_slot_key, no
        record id); ``proposals`` are the times as the candidate typed them
        (``2026-02-03T14:30``), in their own zone.
        """
        self.ensure_one()
        self._check_portal_answerable()
        proposals = [value for value in proposals if value and value.strip()]
        if slot and proposals:
            raise UserError(
                self.env._("Either pick one of the times we offer or propose your own, not both.")
            )
        if slot:
            return self._portal_choose_slot(slot)
        if proposals:
            return self._portal_propose_times(proposals)
        raise UserError(
            self.env._(
                "Pick one of the times we offer, or propose up to %(count)s times that suit you.",
                count=PORTAL_MAX_PROPOSALS,
            )
        )

    def _portal_choose_slot(self, key):
        offered = self.slot_ids.filtered(
            lambda slot: slot.origin == "offered" and self._get_portal_slot_key(slot) == key
        )[:1]
        if offered.state == "chosen" and offered.start == self.start:
            return False  # sent again: the interview is already there
        slot = offered & self._get_portal_offered_slots()
        if not slot:
            raise UserError(
                self.env._(
                    "This time is no longer available: pick another one or propose your own."
                )
            )
        self._accept_offered_slot(slot)
        return "moved"

    def _accept_offered_slot(self, slot):
        """The candidate picked a time the company offered: the interview moves there at once
        (the candidate gets its details, as for any move) and is confirmed; the recruiter gets
        a note. The offer was the company's word: nobody is asked again."""
        planned = self.start
        # As the recruiter would from the wizard: their calendar, their name on the notes.
        invitation = self.invitation_id
        moved = (
            invitation.with_user(invitation._get_recruiter())
            ._schedule_interview(self._prepare_accepted_slot_values(slot))
            .sudo()
        )
        moved.slot_ids.filtered(lambda other: other.start == slot.start).state = "chosen"
        moved._confirm_by_candidate()
        recruiter_view = moved._with_recruiter_lang()
        recruiter_view._post_portal_note(
            recruiter_view.env._(
                "The candidate could not come at %(planned)s and picked an offered time: the "
                "interview moved to %(time)s, confirmed.",
                planned=recruiter_view._format_for_recruiter(planned),
                time=recruiter_view._format_for_recruiter(moved.start),
            )
        )
        return moved

    def _prepare_accepted_slot_values(self, slot):
        """This interview as the scheduling wizard would give it, at the offered ``slot``."""
        event = self.event_id
        custom_link = event.videocall_source == "custom" and event.videocall_location
        return {
            "start": slot.start,
            "stop": slot.stop,
            "candidate_tz": self.candidate_tz,
            "lang": self.partner_id.lang,
            "interviewer_ids": self.interviewer_ids.ids,
            "alarm_ids": event.alarm_ids.ids,
            "interview_format": self.interview_format,
            "videocall_location": custom_link or False,
            "venue_tz": self.venue_tz,
            "location_id": self.location_id.id,
            **self._get_directions_values(),
            "alternative_starts": [],
            "notify_by_email": self.notify_by_email,
            "notify_by_sms": self.notify_by_sms,
            "what_to_bring": self.what_to_bring,
        }

    def _get_portal_current(self):
        """The interview the candidate's page shows after an answer: a picked time moves it."""
        self.ensure_one()
        return self.invitation_id.interview_id if self.state == "moved" else self

    def _get_requested_start(self):
        """The first time still ahead that the candidate asked for, else None."""
        self.ensure_one()
        now = fields.Datetime.now()
        asked = self.slot_ids.filtered(
            lambda slot: (slot.origin, slot.state) == ("proposed", "open") and slot.start > now
        )
        return self.reschedule_requested_at and min(asked.mapped("start"), default=None)

    def _portal_propose_times(self, proposals):
        starts = self._parse_portal_proposals(proposals)
        current = self.slot_ids.filtered(lambda s: (s.origin, s.state) == ("proposed", "open"))
        if self.reschedule_requested_at and starts == sorted(current.mapped("start")):
            return False
        self._ask_new_time(starts)
        return True

    def _parse_portal_proposals(self, proposals):
        try:
            return candidate_input.future_proposals(
                proposals,
                self._get_local_tz(),
                fields.Datetime.now(),
                PORTAL_MAX_PROPOSALS,
                min_notice=PORTAL_PROPOSAL_MIN_NOTICE,
                horizon=PORTAL_PROPOSAL_HORIZON,
            )
        except candidate_input.CandidateInputError as error:
            raise self._candidate_input_user_error(error) from None

    def _ask_new_time(self, starts):
        """Record the times the candidate proposes and ask the recruiter to act."""
        self._dismiss_open_slots(origins=("proposed",))
        duration = self.stop - self.start
        requested = self.env["hr.invitation.slot"].create(
            [
                {
                    "interview_id": self.id,
                    "start": start,
                    "stop": start + duration,
                    "origin": "proposed",
                }
                for start in starts
            ]
        )
        self._write_portal_answer(
            {"confirmed_at": False, "reschedule_requested_at": fields.Datetime.now()},
            state="scheduled",
        )
        self._set_candidate_attendee_state("tentative")
        recruiter_view = self._with_recruiter_lang()
        times = "; ".join(recruiter_view._format_for_recruiter(s.start) for s in requested)
        body = recruiter_view.env._(
            "The candidate cannot come at %(planned)s and proposes: %(times)s.",
            planned=recruiter_view._format_for_recruiter(self.start),
            times=times,
        )
        recruiter_view._ask_recruiter_to_act(
            "reschedule",
            recruiter_view.env._(
                "Move the interview of %(name)s", name=self.candidate_id.display_name
            ),
            body,
        )

    def _action_portal_set_travel(self, mode, arrival):
        """How the candidate travels and when they expect to arrive (``13:45``, their zone)."""
        self.ensure_one()
        self._check_portal_confirmed()
        modes = dict(self._fields["travel_mode"]._description_selection(self.env))
        if mode not in modes:
            raise UserError(self.env._("Please choose how you will travel."))
        arrival_at = self._parse_portal_interview_day_time(arrival)
        recruiter_view = self._record_travel_answer(
            {"travel_mode": mode, "expected_arrival": arrival_at}
        )
        if not recruiter_view:
            return False
        mode_label = dict(
            recruiter_view._fields["travel_mode"]._description_selection(recruiter_view.env)
        )[mode]
        recruiter_view._post_portal_note(
            recruiter_view.env._(
                "The candidate travels by %(mode)s and expects to arrive at %(time)s.",
                mode=mode_label,
                time=recruiter_view._format_for_recruiter(arrival_at),
            )
        )
        return True

    def _action_portal_request_parking(self):
        self.ensure_one()
        self._check_portal_confirmed()
        recruiter_view = self._record_travel_answer({"needs_parking": True})
        if not recruiter_view:
            return False
        body = recruiter_view.env._(
            "The candidate comes by car and needs a parking space on %(time)s.",
            time=recruiter_view._format_for_recruiter(self.start),
        )
        recruiter_view._ask_recruiter_to_act(
            "parking",
            recruiter_view.env._("Parking space for %(name)s", name=self.candidate_id.display_name),
            body,
        )
        return True

    def _action_portal_request_pickup(self, point, at):
        """Ask to be picked up at ``point`` at ``at`` (``13:15``, the interview's local zone)."""
        self.ensure_one()
        self._check_portal_confirmed()
        point = self._clean_portal_text(
            point,
            PORTAL_PICKUP_POINT_MAX_LENGTH,
            self.env._("Please tell us where to pick you up."),
        )
        pickup_at = self._parse_portal_interview_day_time(at)
        recruiter_view = self._record_travel_answer({"pickup_point": point, "pickup_at": pickup_at})
        if not recruiter_view:
            return False
        body = recruiter_view.env._(
            "The candidate asks to be picked up at %(point)s, %(time)s. Phone: %(phone)s.",
            point=point,
            time=recruiter_view._format_for_recruiter(pickup_at),
            phone=self.invitation_id.partner_phone or "-",
        )
        recruiter_view._ask_recruiter_to_act(
            "pickup",
            recruiter_view.env._("Pick up %(name)s", name=self.candidate_id.display_name),
            body,
        )
        return True

    # ------------------------------------------------------------------
    # Candidate portal: helpers of the answers
    # ------------------------------------------------------------------

    def _record_travel_answer(self, values):
        """Write how a confirmed candidate comes, unless it is already what they said.

        Returns this interview in the recruiter's language to tell them, or None when
        nothing changed.
        """
        if all(self[fname] == value for fname, value in values.items()):
            return None
        self._write_portal_answer(values)
        self._set_candidate_attendee_state("accepted")
        return self._with_recruiter_lang()

    def _settle_reschedule_request(self):
        """The interview moved: the candidate's request for another time is answered."""
        asked = self.filtered("reschedule_requested_at")
        if not asked:
            return
        asked.write({"reschedule_requested_at": False})
        asked.invitation_id.activity_feedback(
            [PORTAL_ACTIVITY_TYPES["reschedule"]], feedback=self.env._("The interview was moved.")
        )

    def _write_portal_answer(self, values, state=None):
        """Write an answer (and the interview's new ``state``); the answer's note says what
        changed, so no tracking message on the invitation."""
        interview = self.with_context(mail_notrack=True)
        if state:
            interview._set_state(state, **values)
        else:
            interview.write(values)

    def _clean_portal_text(self, value, max_length, missing_message):
        text = (value or "").strip()
        if not text:
            raise UserError(missing_message)
        if len(text) > max_length:
            raise UserError(
                self.env._(
                    "Please keep it under %(count)s characters.",
                    count=max_length,
                )
            )
        return text

    def _parse_portal_interview_day_time(self, value):
        """Naive UTC of a time (``13:45``, the interview's local zone) on the interview's day."""
        try:
            return candidate_input.arrival_on_interview_day(
                self.start, value, self._get_local_tz(), PORTAL_ARRIVAL_MAX_ADVANCE
            )
        except candidate_input.CandidateInputError as error:
            raise self._candidate_input_user_error(error) from None

    def _candidate_input_user_error(self, error):
        """The translated explanation of a candidate_input error."""
        if isinstance(error, candidate_input.NonExistentLocalTime):
            message = self.env._(
                "This time does not exist in your time zone (the clocks change then): "
                "please choose another time."
            )
        elif isinstance(error, candidate_input.ArrivalAfterStart):
            message = self.env._(
                "Please choose a time before your interview starts (%(time)s).",
                time=self._get_interview_time_for_candidate(),
            )
        elif isinstance(error, candidate_input.ArrivalTooEarly):
            message = self.env._(
                "This is more than %(hours)s hours before your interview: please check the time.",
                hours=int(PORTAL_ARRIVAL_MAX_ADVANCE.total_seconds() // 3600),
            )
        elif isinstance(error, candidate_input.ProposalInThePast):
            message = self.env._("Please propose times at least one hour from now.")
        elif isinstance(error, candidate_input.ProposalTooFar):
            message = self.env._(
                "Please propose times within the next %(days)s days.",
                days=PORTAL_PROPOSAL_HORIZON.days,
            )
        elif isinstance(error, candidate_input.TooManyProposals):
            message = self.env._(
                "Please propose at most %(count)s times.", count=PORTAL_MAX_PROPOSALS
            )
        else:
            message = self.env._("Please give a valid date or time.")
        return UserError(message)

    def _dismiss_open_slots(self, origins):
        self.slot_ids.filtered(lambda slot: slot.state == "open" and slot.origin in origins).write(
            {"state": "dismissed"}
        )

    def _set_candidate_attendee_state(self, state):
        """Put the candidate's calendar attendee in ``state`` through Odoo's own actions."""
        self.ensure_one()
        attendees = self._get_candidate_attendee().filtered(lambda a: a.state != state)
        if not attendees:
            return
        if state == "accepted":
            attendees.do_accept()
        elif state == "declined":
            attendees.do_decline()
        else:
            attendees.do_tentative()

    def _with_recruiter_lang(self):
        """This interview with the recruiter's language, for what the recruiter reads."""
        return self.with_context(lang=self.invitation_id._get_recruiter().lang or self.env.lang)

    def _post_portal_note(self, body):
        """One internal note, written by the candidate (never with the portal link in it)."""
        self.ensure_one()
        return self.invitation_id.message_post(
            body=body,
            author_id=self.partner_id.id or None,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _ask_recruiter_to_act(self, kind, summary, body):
        """Log the candidate's request as a note and give the recruiter its activity."""
        self._post_portal_note(body)
        return self._schedule_portal_activity(kind, summary, body)

    def _schedule_portal_activity(self, kind, summary, note):
        """Create or update the recruiter's ``kind`` activity (one per kind and invitation)."""
        self.ensure_one()
        invitation = self.invitation_id
        values = {
            "summary": summary,
            "note": escape(note),  # the candidate's words as text, never as HTML
            "user_id": invitation._get_recruiter().id,
            "date_deadline": invitation._recruiter_date(fields.Datetime.now()),
        }
        return invitation._set_activity(PORTAL_ACTIVITY_TYPES[kind], **values)
