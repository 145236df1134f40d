import logging
import smtplib
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import InterviewCase

SCHEDULED_ON = "2026-01-12 10:00:00"  # Monday: the interview is on Thursday 09:00 UTC
DAY_BEFORE = "2026-01-14 09:30:00"  # 23.5 hours before
LOGGER = "odoo.addons.hr_recruitment_invitation.models.hr_invitation_followup"

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestReminders(InterviewCase):
    def _scheduled(self, name="Camille Laurent", phone="+33 6 12 34 56 78", job=None, **values):
        with freeze_time(SCHEDULED_ON):
            invitation = self._new_invitation(
                name, phone, email=f"{name.split()[0].lower()}@example.com", job=job
            )
            return self._schedule(invitation, **values)

    def _run(self, cron_method, at, **kwargs):
        with freeze_time(at), self.mock_mail_gateway(), self.mockSMSGateway():
            done = getattr(self.env["hr.invitation.followup"], cron_method)(**kwargs)
            self._send_queued()
        return done

    def _assert_requeued(self, invitation, channel):
        followup = self._followup(invitation, "reminder", channel)
        self.assertEqual(followup.state, "pending", "refused: not sent, queued again next run")
        self.assertIn(
            "refused on its way out",
            " ".join(self._messages_of(invitation).mapped("body")),
            "the recruiter sees it",
        )

    def _reminder_mails(self, invitation):
        return self._new_mails.filtered(
            lambda mail: invitation.partner_id in mail.recipient_ids and "reminder" in mail.subject
        )

    def _activities(self, invitation, xmlid):
        return invitation.activity_ids.filtered(
            lambda act: act.activity_type_id == self.env.ref(f"hr_recruitment_invitation.{xmlid}")
        )

    # ------------------------------------------------------------------
    # Reminder to the candidate, the day before
    # ------------------------------------------------------------------

    def test_reminder_is_sent_once_by_email_and_sms_with_the_confirm_link(self):
        invitation = self._scheduled()
        by_mail = self._followup(invitation, "reminder", "email")
        by_sms = self._followup(invitation, "reminder", "sms")
        self.assertEqual(by_mail.due_at, datetime(2026, 1, 14, 9, 0))
        self._run("_cron_send_interview_reminders", "2026-01-14 08:55:00")
        self.assertFalse(self._new_mails, "not before 24 hours")
        self.assertEqual(by_mail.state, "pending")

        self._run("_cron_send_interview_reminders", DAY_BEFORE)
        mail = self._reminder_mails(invitation)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "sent")
        link = invitation.interview_id._get_candidate_portal_link()
        self.assertIn(link, mail.body_html)
        self.assertIn("Confirm that you will come", mail.body_html)
        self.assertIn("Thursday, January 15, 2026 at 10:00 AM", mail.body_html)
        self.assertSMSIapSent(["+33612345678"], content=link)
        self.assertEqual(
            (by_mail.state, by_mail.processed_at), ("done", datetime(2026, 1, 14, 9, 30))
        )
        self.assertEqual(
            (by_sms.state, by_sms.processed_at), ("done", datetime(2026, 1, 14, 9, 30))
        )

        self._run("_cron_send_interview_reminders", "2026-01-14 09:45:00")
        self.assertFalse(self._new_mails, "a second run sends nothing")
        self.assertFalse(self._sms)
        self.assertFalse(
            self.env["mail.message"]
            .sudo()
            .search([("body", "ilike", invitation.interview_id.sudo().access_token)])
        )

    def test_a_body_written_in_the_template_replaces_the_view(self):
        """The reminder's body is a view (compiled once per batch); a company that writes its
        own body in the mail template sends that one, its placeholders rendered."""
        template = self.env.ref("hr_recruitment_invitation.mail_template_interview_reminder")
        self.assertIn("interview_reminder_email_body", template.body_html)
        template.body_html = (
            '<p>See you at <t t-out="object.company_id.name"/>, '
            '<t t-out="object.candidate_id.partner_name"/>.</p>'
        )
        invitation = self._scheduled()
        self._run("_cron_send_interview_reminders", DAY_BEFORE)
        mail = self._reminder_mails(invitation)
        self.assertEqual(len(mail), 1)
        self.assertIn(f"See you at {invitation.company_id.name}, Camille Laurent.", mail.body_html)
        self.assertNotIn("This is a reminder of your interview", mail.body_html)

    def test_an_invitation_sent_the_day_before_is_its_own_reminder(self):
        with freeze_time("2026-01-14 10:00:00"):
            invitation = self._schedule(
                self._new_invitation("Camille Laurent", "+33 6 12 34 56 78", "c@example.com")
            )
        self.assertFalse(
            invitation.interview_id.followup_ids.filtered(lambda r: r.kind == "reminder")
        )
        self._run("_cron_send_interview_reminders", "2026-01-14 12:00:00")
        self.assertFalse(self._new_mails)
        self.assertFalse(self._sms)

    def test_a_failing_mail_server_leaves_the_reminder_to_retry(self):
        invitation = self._scheduled(notify_by_sms=False)
        with (
            freeze_time(DAY_BEFORE),
            self.mock_mail_gateway(),
            patch("smtplib.SMTP", side_effect=ConnectionRefusedError("mail server down")),
            self.assertLogs(LOGGER, "WARNING") as logs,
        ):
            self.env["hr.invitation.followup"]._cron_send_interview_reminders()
            self.assertEqual(self._followup(invitation, "reminder", "email").state, "queued")
            self._send_queued()
        self.assertIn("mail server", logs.output[0])
        self.assertNotIn(invitation.interview_id.sudo().access_token, "".join(logs.output))
        self._assert_requeued(invitation, "email")
        self._run("_cron_send_interview_reminders", "2026-01-14 09:45:00")
        self.assertEqual(len(self._reminder_mails(invitation)), 1, "the next run sends it")
        self.assertEqual(
            self._followup(invitation, "reminder", "email").processed_at,
            datetime(2026, 1, 14, 9, 45),
        )
        _logger.info("failing gateway: mail server down at send time, 0 marked sent, 1 after")

    def test_a_mail_server_refusing_the_message_leaves_the_reminder_to_retry(self):
        """The server answers, then refuses the message itself (SMTP 554) at send time."""
        invitation = self._scheduled(notify_by_sms=False)
        with (
            freeze_time(DAY_BEFORE),
            self.mock_mail_gateway(),
            patch.object(
                self.testing_smtp_session,
                "send_message",
                side_effect=smtplib.SMTPDataError(554, b"5.7.1 Message rejected"),
            ),
            self.assertLogs("odoo.addons.mail.models.mail_mail", "ERROR"),
            self.assertLogs(LOGGER, "WARNING") as logs,
        ):
            self.env["hr.invitation.followup"]._cron_send_interview_reminders()
            self._send_queued()
        self.assertIn("Message rejected", logs.output[0])
        self._assert_requeued(invitation, "email")
        self.assertFalse(self.emails, "nothing reached a mailbox")
        self._run("_cron_send_interview_reminders", "2026-01-14 09:45:00")
        self.assertEqual(len(self._reminder_mails(invitation)), 1, "the next run sends it")
        self.assertEqual(
            self._followup(invitation, "reminder", "email").processed_at,
            datetime(2026, 1, 14, 9, 45),
        )
        _logger.info("failing gateway: mail refused (554) at send time, 0 marked sent, 1 after")

    def test_a_failing_sms_gateway_leaves_the_text_reminder_to_retry(self):
        invitation = self._scheduled()
        with (
            freeze_time(DAY_BEFORE),
            self.mock_mail_gateway(),
            self.mockSMSGateway(sim_error="jsonrpc_exception"),
            self.assertLogs(LOGGER, "WARNING"),
        ):
            self.env["hr.invitation.followup"]._cron_send_interview_reminders()
            self._send_queued()
        self.assertEqual(
            self._followup(invitation, "reminder", "email").state, "done", "the email went through"
        )
        self._assert_requeued(invitation, "sms")
        with (
            freeze_time(DAY_BEFORE),
            self.mock_mail_gateway(),
            self.mockSMSGateway(sim_error="server_error"),
            self.assertLogs(LOGGER, "WARNING"),
        ):
            self.env["hr.invitation.followup"]._cron_send_interview_reminders()
            self._send_queued()
        self._assert_requeued(invitation, "sms")
        self._run("_cron_send_interview_reminders", "2026-01-14 09:45:00")
        self.assertSMSIapSent(["+33612345678"])
        self.assertEqual(len(self._sms), 1)
        self.assertFalse(self._new_mails, "the email is not sent twice")
        self.assertEqual(
            self._followup(invitation, "reminder", "sms").processed_at, datetime(2026, 1, 14, 9, 45)
        )
        _logger.info("failing gateway: 2 SMS failures at send time, 0 marked sent, 1 text after")

    def test_an_overlapping_run_does_not_send_again(self):
        """A run that found the follow-ups before another run committed skips them under lock."""
        invitation = self._scheduled()
        rows = invitation.interview_id.followup_ids.filtered(lambda row: row.kind == "reminder")
        stale = self.env["hr.invitation.followup"].browse(rows.ids)
        self.assertEqual(set(stale.mapped("state")), {"pending"})  # what the slower run read
        # The other run sent the reminders and committed, behind this run's back.
        self.env.cr.execute(
            "UPDATE hr_invitation_followup SET state = 'done' WHERE id IN %s", (tuple(rows.ids),)
        )
        with freeze_time(DAY_BEFORE), self.mock_mail_gateway(), self.mockSMSGateway():
            stale._process()
        self.assertFalse(self._new_mails)
        self.assertFalse(self._new_sms)

    def test_each_follow_up_exists_once_per_interview(self):
        """Exactly once is a fact of the database: one row per interview, kind and channel."""
        invitation = self._scheduled()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["hr.invitation.followup"].create(
                {
                    "interview_id": invitation.interview_id.id,
                    "kind": "reminder",
                    "channel": "email",
                    "due_at": DAY_BEFORE,
                }
            )

    def test_a_number_blacklisted_after_the_invitation_gets_no_text(self):
        invitation = self._scheduled()
        self.env["phone.blacklist"].sudo().add("+33612345678")
        self._run("_cron_send_interview_reminders", DAY_BEFORE)
        self.assertFalse(self._sms)
        self.assertEqual(len(self._reminder_mails(invitation)), 1)
        self.assertEqual(
            self._followup(invitation, "reminder", "sms").state, "failed", "nothing left to retry"
        )
        self.assertIn(
            "blacklisted", " ".join(self._messages_of(invitation).mapped("body")), "said why"
        )

    def test_reminders_run_in_batches_and_report_progress(self):
        """One batch per call, reported to Odoo's cron runner, which calls again while some
        remain (ir.cron._run_job)."""
        invitations = self.env["hr.invitation"]
        for name in ("Camille Laurent", "Lukas Schmidt", "Sophie Dubois"):
            invitations |= self._scheduled(name=name, notify_by_sms=False)
        cron = self.env.ref("hr_recruitment_invitation.ir_cron_interview_reminders")
        reported = []
        with freeze_time(DAY_BEFORE), self.mock_mail_gateway():
            for _call in range(3):
                progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
                done = (
                    self.env["hr.invitation.followup"]
                    .with_context(ir_cron_progress_id=progress.id)
                    ._cron_send_interview_reminders(batch_size=2)
                )
                reported.append((done, progress.done, progress.remaining))
        self.assertEqual(reported, [(2, 2, 1), (1, 1, 0), (0, 0, 0)])
        reminders = invitations.interview_id.followup_ids.filtered(lambda r: r.kind == "reminder")
        self.assertEqual(set(reminders.mapped("state")), {"queued"}, "in Odoo's mail queue")
        self.assertEqual(len(self._new_mails), 3)

    # ------------------------------------------------------------------
    # The recruiter's reminder call, before the interview
    # ------------------------------------------------------------------

    def test_reminder_call_shows_how_the_candidate_travels(self):
        invitation = self._scheduled()
        invitation.interview_id.write(
            {
                "state": "confirmed",
                "travel_mode": "car",
                "expected_arrival": datetime(2026, 1, 15, 8, 50),
                "needs_parking": True,
            }
        )
        self._run("_cron_plan_reminder_calls", "2026-01-15 07:55:00")
        self.assertFalse(self._activities(invitation, "mail_activity_type_interview_reminder_call"))
        self._run("_cron_plan_reminder_calls", "2026-01-15 08:01:00")
        self._run("_cron_plan_reminder_calls", "2026-01-15 08:06:00")
        activity = self._activities(invitation, "mail_activity_type_interview_reminder_call")
        self.assertEqual(len(activity), 1, "planned once")
        self.assertEqual(activity.user_id, self.recruiter)
        self.assertEqual(activity.date_deadline, datetime(2026, 1, 15).date())
        self.assertIn("Travel mode: Car", activity.note)
        self.assertIn("Expected arrival: Jan 15, 2026 at 9:50 AM", activity.note)
        self.assertIn("Needs a parking space", activity.note)

    def test_reminder_calls_can_be_switched_off_except_for_key_roles(self):
        self.company.invitation_reminder_call = False
        regular = self._scheduled()
        key_role = self._scheduled(name="Wang Wei", phone="+86 138 0013 8000", job=self.key_job)
        self.assertFalse(self._followup(regular, "reminder_call", "activity"))
        self.assertEqual(
            self._followup(key_role, "reminder_call", "activity").due_at,
            datetime(2026, 1, 15, 8, 0),
        )
        self._run("_cron_plan_reminder_calls", "2026-01-15 08:30:00")
        self.assertFalse(self._activities(regular, "mail_activity_type_interview_reminder_call"))
        self.assertTrue(self._activities(key_role, "mail_activity_type_interview_reminder_call"))

    # ------------------------------------------------------------------
    # On the day: not arrived, no-show, check-in, send a car
    # ------------------------------------------------------------------

    def test_not_arrived_after_the_grace_time_asks_for_an_urgent_call_once(self):
        missing = self._scheduled()
        arrived = self._scheduled(name="Lukas Schmidt", phone="+49 151 23456789")
        with freeze_time("2026-01-15 08:58:00"):
            arrived.with_user(self.interviewer).action_check_in()
        self._run("_cron_alert_not_arrived", "2026-01-15 09:09:00")
        self.assertFalse(self._activities(missing, "mail_activity_type_interview_not_arrived"))
        self._run("_cron_alert_not_arrived", "2026-01-15 09:10:00")
        self._run("_cron_alert_not_arrived", "2026-01-15 09:15:00")
        alert = self._activities(missing, "mail_activity_type_interview_not_arrived")
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.activity_type_id.decoration_type, "danger")
        self.assertIn("Not arrived", alert.summary)
        self.assertIn("+33612345678", alert.note)
        self.assertFalse(self._activities(arrived, "mail_activity_type_interview_not_arrived"))

    def test_no_show_an_hour_after_the_start_unless_checked_in_or_rescheduled(self):
        absent = self._scheduled()
        present = self._scheduled(name="Lukas Schmidt", phone="+49 151 23456789")
        rescheduling = self._scheduled(name="Sophie Dubois", phone="+33 6 98 76 54 32")
        with freeze_time("2026-01-14 10:00:00"):
            rescheduling.interview_id.sudo()._action_portal_reschedule(
                proposals=["2026-01-22T10:00"]
            )
        self._run("_cron_alert_not_arrived", "2026-01-15 09:20:00")
        with freeze_time("2026-01-15 09:25:00"):
            present.with_user(self.recruiter).action_check_in()
        self._run("_cron_mark_no_shows", "2026-01-15 09:59:00")
        self.assertEqual(absent.state, "invited")
        self._run("_cron_mark_no_shows", "2026-01-15 10:00:00")
        self.assertEqual(absent.state, "no_show")
        self.assertEqual(absent.interview_id._get_candidate_attendee().state, "declined")
        self.assertFalse(absent.activity_ids, "the not-arrived call is closed")
        self.assertEqual(present.state, "attended")
        self.assertEqual(rescheduling.state, "invited")
        messages = len(self._messages_of(absent))
        self._run("_cron_mark_no_shows", "2026-01-15 10:10:00")
        self.assertEqual(len(self._messages_of(absent)), messages, "nothing more the second time")

    def test_reception_checks_the_candidate_in_once(self):
        invitation = self._scheduled()
        self._run("_cron_alert_not_arrived", "2026-01-15 09:15:00")
        with freeze_time("2026-01-15 09:16:00"):
            invitation.with_user(self.interviewer).action_check_in()
            messages = len(self._messages_of(invitation))
            invitation.with_user(self.interviewer).action_check_in()
        self.assertEqual(invitation.state, "attended")
        interview = invitation.interview_id
        self.assertEqual(interview.checked_in_at, datetime(2026, 1, 15, 9, 16))
        self.assertEqual(interview.checked_in_by_id, self.interviewer)
        self.assertEqual(interview._get_candidate_attendee().state, "accepted")
        self.assertFalse(invitation.activity_ids, "the not-arrived alert is done")
        self.assertEqual(len(self._messages_of(invitation)), messages, "twice changes nothing")

    def test_only_an_interview_can_be_checked_in(self):
        invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78")
        with self.assertRaisesRegex(UserError, "Only candidates invited"):
            invitation.action_check_in()
        self.assertFalse(invitation.interview_ids)

    def test_send_a_car_asks_the_transport_coordinator_once(self):
        coordinator = self.env["res.users"].create(
            {
                "name": "Tom Driver",
                "login": "inv_driver",
                "tz": "Europe/Brussels",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "groups_id": [(6, 0, self.env.ref("base.group_user").ids)],
            }
        )
        invitation = self._scheduled(
            name="Wang Wei",
            phone="+86 138 0013 8000",
            job=self.key_job,
            candidate_tz="Asia/Shanghai",
        )
        interview = invitation.interview_id

        def send(point, at):
            action = invitation.action_send_car()
            self.assertEqual(action["res_model"], "hr.invitation.send.car")
            dialog = Form(self.env[action["res_model"]].with_context(**action["context"]))
            dialog.pickup_point = point
            dialog.pickup_at = at
            return dialog.save()

        # No coordinator: the dialog says so, and sending changes nothing.
        dialog = send("Brussels-Central station, exit Putterie", self.INTERVIEW)
        self.assertFalse(dialog.coordinator_id)
        with self.assertRaisesRegex(UserError, "transport coordinator"):
            dialog.action_send()
        self.assertFalse(interview.pickup_point, "nothing kept when the car cannot be sent")
        self.company.invitation_transport_user_id = coordinator
        dialog = send(
            "Brussels-Central station, exit Putterie", self.INTERVIEW - timedelta(minutes=30)
        )
        # 9:30 in Brussels, where the driver is; Wang Wei reads it with his own time beside.
        self.assertIn("9:30 AM (Central European Standard Time)", dialog.coordinator_pickup_time)
        self.assertIn("9:30 AM", dialog.candidate_pickup_time)
        self.assertIn("4:30 PM (China Standard Time)", dialog.candidate_pickup_time)
        dialog.action_send()
        send(
            "Brussels-Central station, exit Putterie", self.INTERVIEW - timedelta(minutes=30)
        ).action_send()
        car = self._activities(invitation, "mail_activity_type_interview_send_car")
        self.assertEqual(len(car), 1)
        self.assertEqual(car.user_id, coordinator)
        self.assertIn("Brussels-Central station, exit Putterie", car.summary)
        self.assertIn("9:30 AM (Europe/Brussels)", car.summary, "in the coordinator's zone")
        self.assertIn("Rue de la Loi 16", car.note)
        self.assertEqual(interview.pickup_at, self.INTERVIEW - timedelta(minutes=30))
        notes = self._messages_of(invitation).filtered(lambda m: "Car requested" in m.body)
        self.assertEqual(len(notes), 1, "asking twice changes nothing")
        send(
            "Brussels-Central station, exit Putterie", self.INTERVIEW - timedelta(minutes=45)
        ).action_send()
        self.assertIn("9:15 AM", car.summary, "a new pickup time updates the same activity")
        # The dialog opens on what was asked last time.
        action = invitation.action_send_car()
        dialog = Form(self.env[action["res_model"]].with_context(**action["context"]))
        self.assertEqual(dialog.pickup_at, self.INTERVIEW - timedelta(minutes=45))

    def test_company_delays_must_make_sense(self):
        with self.assertRaises(ValidationError):
            self.company.invitation_arrival_grace_minutes = 0
        with self.assertRaises(ValidationError):
            self.company.write(
                {"invitation_arrival_grace_minutes": 30, "invitation_no_show_minutes": 20}
            )


@tagged("post_install", "-at_install")
class TestCheckInOnTheDay(InterviewCase):
    """Check-in is for the interview's day, and a mistake can be undone (issue 22, item 4)."""

    def _scheduled(self):
        with freeze_time(SCHEDULED_ON):
            invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78", "c@ex.com")
            return self._schedule(invitation)

    def test_no_check_in_on_another_day(self):
        invitation = self._scheduled()
        with freeze_time("2026-01-14 15:00:00"):  # the day before
            interview = invitation.interview_id.with_user(self.interviewer)
            self.assertFalse(interview.can_check_in or interview.can_check_in_early)
            with self.assertRaisesRegex(UserError, "day of their interview"):
                invitation.with_user(self.interviewer).action_check_in()
        self.assertEqual(invitation.state, "invited")

    def test_early_the_same_day_asks_first_then_the_button_is_plain(self):
        invitation = self._scheduled()
        interview = invitation.interview_id.with_user(self.interviewer)
        with freeze_time("2026-01-15 06:30:00"):  # 07:30 in Brussels, the interview at 10:00
            self.assertEqual((interview.can_check_in, interview.can_check_in_early), (False, True))
        interview.invalidate_recordset()
        with freeze_time("2026-01-15 08:15:00"):
            self.assertEqual((interview.can_check_in, interview.can_check_in_early), (True, False))

    def test_the_same_person_undoes_a_check_in_the_same_day(self):
        invitation = self._scheduled()
        invitation.interview_id._set_state("confirmed", confirmed_at=datetime(2026, 1, 14, 9, 0))
        with freeze_time("2026-01-15 08:50:00"):
            invitation.with_user(self.interviewer).action_check_in()
            self.assertEqual(invitation.state, "attended")
            with self.assertRaisesRegex(UserError, "Only who checked"):
                invitation.interview_id.with_user(self.recruiter).action_undo_check_in()
            invitation.interview_id.with_user(self.interviewer).action_undo_check_in()
        interview = invitation.interview_id
        self.assertEqual((interview.state, invitation.state), ("confirmed", "confirmed"))
        self.assertFalse(interview.checked_in_at)
        self.assertFalse(interview.followup_ids.filtered(lambda r: r.kind == "feedback_request"))
        with freeze_time("2026-01-15 08:55:00"):
            invitation.with_user(self.interviewer).action_check_in()
        self.assertEqual(invitation.state, "attended", "checked in again, the right one")


@tagged("post_install", "-at_install")
class TestInterviewDetailsDelivery(InterviewCase):
    """The interview's details, sent when it is scheduled, are followed like any message."""

    def _schedule_with(self, email, sms_error=None):
        with freeze_time(SCHEDULED_ON):
            invitation = self._new_invitation("Camille Laurent", "+33 6 12 34 56 78", email=email)
            with self.mock_mail_gateway(), self.mockSMSGateway(sim_error=sms_error):
                invitation._schedule_interview(self._schedule_values(invitation))
                self._send_queued()
        return invitation

    def test_details_delivered_by_both_channels(self):
        invitation = self._schedule_with("camille@example.fr")
        interview = invitation.interview_id
        self.assertEqual(self._followup(invitation, "invitation", "email").state, "done")
        self.assertEqual(self._followup(invitation, "invitation", "sms").state, "done")
        self.assertEqual(interview.details_delivery, "delivered")
        self.assertFalse(invitation.activity_ids.filtered(lambda a: "did not reach" in a.summary))

    def test_details_that_reach_nobody_give_the_recruiter_a_call_to_make(self):
        invitation = self._schedule_with("camille.example.fr", sms_error="wrong_number_format")
        interview = invitation.interview_id
        email = self._followup(invitation, "invitation", "email")
        sms = self._followup(invitation, "invitation", "sms")
        self.assertEqual((email.state, sms.state), ("failed", "failed"))
        self.assertEqual(interview.details_delivery, "failed")
        todo = invitation.activity_ids.filtered(lambda a: "did not reach" in (a.summary or ""))
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.recruiter)
        self.assertIn(sms.note, str(todo.note))
        notes = self._messages_of(invitation).mapped("body")
        self.assertTrue(any("Interview details sent to the candidate by" in n for n in notes))

    def test_details_that_reach_one_channel_are_partly_delivered(self):
        invitation = self._schedule_with("camille@example.fr", sms_error="wrong_number_format")
        self.assertEqual(invitation.interview_id.details_delivery, "partly")
        self.assertFalse(invitation.activity_ids.filtered(lambda a: "did not reach" in a.summary))

    def test_details_refused_by_the_gateway_are_sent_again_by_the_next_run(self):
        with self.assertLogs(LOGGER, "WARNING"):
            invitation = self._schedule_with("camille@example.fr", sms_error="server_error")
        sms = self._followup(invitation, "invitation", "sms")
        self.assertEqual(sms.state, "pending", "refused on its way out: to send again")
        self.assertEqual(invitation.interview_id.details_delivery, "sending")
        with freeze_time("2026-01-12 10:15:00"), self.mock_mail_gateway(), self.mockSMSGateway():
            self.env["hr.invitation.followup"]._cron_send_interview_reminders()
            self._send_queued()
        self.assertSMSIapSent(["+33612345678"])
        self.assertEqual(sms.state, "done")
        self.assertEqual(invitation.interview_id.details_delivery, "delivered")
