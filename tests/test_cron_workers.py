"""Recruitment settings, Follow-up Cron Workers: copies of the follow-up crons, run at once."""

from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models.hr_invitation_followup import FOLLOWUP_CRONS
from .common import InvitationCase

REMINDERS = "hr_recruitment_invitation.ir_cron_interview_reminders"


@tagged("post_install", "-at_install")
class TestFollowupCronWorkers(InvitationCase):
    def _set_workers(self, count):
        self.env["res.config.settings"].create(
            {"invitation_followup_cron_workers": count}
        ).execute()

    def _workers(self, cron_xmlid):
        """{number: worker} of the cron ``cron_xmlid``, archived ones included."""
        workers = {}
        for number in range(2, 10):
            worker = self.env.ref(f"{cron_xmlid}_worker_{number}", raise_if_not_found=False)
            if worker:
                workers[number] = worker
        return workers

    def test_each_followup_cron_gets_its_workers_copies_of_it(self):
        self._set_workers(3)
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "hr_recruitment_invitation.followup_cron_workers"
            ),
            "3",
        )
        for cron_xmlid in FOLLOWUP_CRONS:
            cron = self.env.ref(cron_xmlid)
            workers = self._workers(cron_xmlid)
            self.assertEqual(sorted(workers), [2, 3], cron_xmlid)
            for number, worker in workers.items():
                self.assertTrue(worker.active)
                self.assertEqual(worker.name, f"{cron.name} (worker {number})")
                self.assertEqual(
                    (worker.model_id, worker.code, worker.user_id, worker.priority),
                    (cron.model_id, cron.code, cron.user_id, cron.priority),
                )
                self.assertEqual(
                    (worker.interval_number, worker.interval_type),
                    (cron.interval_number, cron.interval_type),
                )
                self.assertNotEqual(worker.ir_actions_server_id, cron.ir_actions_server_id)

    def test_workers_are_data_of_the_addon_that_an_upgrade_keeps(self):
        """Module data without update: an uninstall removes them, an upgrade keeps them."""
        self._set_workers(2)
        worker = self.env.ref(f"{REMINDERS}_worker_2")
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "hr_recruitment_invitation"),
                ("name", "like", "ir_cron_interview_reminders_worker_2"),
            ]
        )
        self.assertEqual(
            {(row.model, row.res_id, row.noupdate) for row in data},
            {
                ("ir.cron", worker.id, True),
                ("ir.actions.server", worker.ir_actions_server_id.id, True),
            },
        )

    def test_fewer_workers_archives_the_others_and_more_brings_them_back(self):
        self._set_workers(3)
        created = self._workers(REMINDERS)
        self._set_workers(1)
        self.assertEqual([worker.active for worker in created.values()], [False, False])
        self._set_workers(2)
        self.assertEqual(self._workers(REMINDERS), created, "the same crons, no new ones")
        self.assertEqual([worker.active for worker in created.values()], [True, False])

    def test_the_workers_of_an_archived_cron_stay_archived(self):
        """An administrator who stopped the reminders does not get them back as workers."""
        self._set_workers(2)
        self.env.ref(REMINDERS).active = False
        self._set_workers(2)
        self.assertFalse(self._workers(REMINDERS)[2].active)
        self._set_workers(3)
        self.assertEqual(list(self._workers(REMINDERS)), [2], "no worker 3 of it created")
        no_shows = "hr_recruitment_invitation.ir_cron_interview_no_shows"
        self.assertTrue(self._workers(no_shows)[2].active)

    def test_workers_follow_their_cron_schedule_when_the_settings_are_saved(self):
        self._set_workers(2)
        cron = self.env.ref(REMINDERS)
        cron.write({"interval_number": 5, "priority": 3})
        self._set_workers(2)
        worker = self._workers(REMINDERS)[2]
        self.assertEqual((worker.interval_number, worker.priority), (5, 3))

    def test_saving_the_settings_while_a_worker_runs_writes_no_cron(self):
        """Odoo refuses to write a running cron (ir.cron._try_lock): saving the settings
        without changing the workers must not write one, changing them says so."""
        self._set_workers(2)
        running = UserError("This cron task is currently being executed")
        with patch.object(type(self.env["ir.cron"]), "_try_lock", side_effect=running):
            self._set_workers(2)
            with self.assertRaises(UserError):
                self._set_workers(1)

    def test_worker_names_in_each_active_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        cron = self.env.ref(REMINDERS)
        cron.ir_actions_server_id.update_field_translations(
            "name", {"fr_FR": "Invitations : rappeler aux candidats leur entretien"}
        )
        self._set_workers(2)
        worker = self._workers(REMINDERS)[2].with_context(lang="fr_FR")
        self.assertTrue(
            worker.name.startswith("Invitations : rappeler aux candidats leur entretien ("),
            worker.name,
        )
        self.assertTrue(worker.name.endswith(" 2)"), worker.name)

    def test_workers_are_one_to_eight(self):
        for count in (0, 9):
            with self.assertRaises(ValidationError):
                self._set_workers(count)
