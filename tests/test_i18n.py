"""The addon read in French and in Simplified Chinese: nothing a recruiter or a candidate sees
is left in English, and dates follow the reader's language and zone.

How dates read in the candidate's messages and on their interview page in English, French and
Chinese is proved by test_scheduling.TestScheduling.test_the_message_is_in_the_candidate_
language_and_zone and test_portal (test_page_and_refusals_in_french_and_chinese and the English
page test); the recruiter's side is proved here.
"""

import pathlib
import re
from datetime import timedelta

import polib
from babel.messages.extract import extract
from lxml import etree, html

from odoo import fields
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools.misc import file_path

from .common import InterviewCase

MODULE = "hr_recruitment_invitation"
LANGS = {"fr_FR": "fr", "zh_CN": "zh_CN"}
# Words spelled the same in the language: OCA's po-pretty-format keeps their msgstr empty.
SAME_AS_SOURCE = {
    "fr_FR": {
        "24-72 h",
        "<span> - </span>",
        "<span>minutes</span>",
        "Conclusion",
        "Contact",
        "Format",
        "ID",
        "Introduction",
        "Invitation",
        "Invitations",
        "Messages",
        "Note",
        "Notes",
        "Parking",
        "Question",
        "Questions",
        "Script",
        "Source",
        "Taxi",
        "Total",
        "minutes",
    },
    "zh_CN": {"<span> - </span>", "ID"},
}
# Attributes a person reads (Odoo translates the same ones in views and templates).
READ_ATTRIBUTES = {
    "string",
    "help",
    "placeholder",
    "title",
    "alt",
    "aria-label",
    "confirm",
    "sum",
    "avg",
    "data-tooltip",
}
# What a translated text keeps from its source: placeholders, QWeb expressions, HTML.
PLACEHOLDER_RE = re.compile(r"%\(\w+\)s|%s|%d|\{\{.*?\}\}|t-[\w-]+=\"[^\"]*\"|</?[a-z][\w-]*")
NOW = "2026-03-25 09:00:00"  # Wednesday; Paris and Brussels on winter time until the 29th.


def _normalize(text):
    return " ".join(text.split())


def _read_pieces(markup):
    """The pieces of text a person reads in markup (a term, a view's arch or an HTML page):
    text nodes and read attributes, whitespace-normalized, only those with a letter."""
    if not markup:
        return set()
    try:
        root = html.fragment_fromstring(f"<div>{markup}</div>")
    except etree.ParserError:
        return {_normalize(markup)}
    texts = list(root.itertext()) + [
        value
        for element in root.iter(etree.Element)
        for name, value in element.attrib.items()
        if name in READ_ATTRIBUTES
    ]
    return {_normalize(text) for text in texts if re.search(r"[^\W\d_]", text)}


def _has_words(msgid):
    """Whether a term has text to translate: a mail template body that only calls its view
    (``<t t-call="..."/>``) has none."""
    return bool(re.sub(r"<[^>]*>", "", msgid).strip())


def _catalogs():
    pot = polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))
    pos = {lang: polib.pofile(file_path(f"{MODULE}/i18n/{po}.po")) for lang, po in LANGS.items()}
    return pot, pos


@tagged("post_install", "-at_install")
class TestTranslationCatalogs(InterviewCase):
    """The catalogs themselves: nothing missing, nothing a translator broke."""

    def test_every_term_of_the_template_is_translated(self):
        pot, pos = _catalogs()
        self.assertGreater(len(pot), 500, "the template holds the addon's terms")
        for lang, po in pos.items():
            translations = {(e.msgctxt, e.msgid): e.msgstr for e in po if not e.obsolete}
            missing = [
                entry.msgid
                for entry in pot
                if not translations.get((entry.msgctxt, entry.msgid))
                and entry.msgid not in SAME_AS_SOURCE[lang]
                and _has_words(entry.msgid)
            ]
            with self.subTest(lang=lang):
                self.assertEqual(missing, [], f"untranslated in {lang}: run scripts/i18n.sh")

    def test_every_string_of_the_python_code_reaches_the_template(self):
        """Odoo's exporter reads the code with babel, which gives up on the rest of a file at
        the first call it cannot read (an f-string inside _(), say): every _() of the addon's
        code must be read and be in the template."""
        pot, _pos = _catalogs()
        template = {entry.msgid for entry in pot}
        root = pathlib.Path(file_path(MODULE))
        missing, tried = [], 0
        for path in sorted(root.glob("**/*.py")):
            if path.relative_to(root).parts[0] in ("tests", "bench", "scripts"):
                continue
            with path.open("rb") as source:
                for _line, message, _comments, _context in extract(
                    "python", source, keywords={"_": None, "_lt": None}
                ):
                    tried += 1
                    if message not in template:
                        missing.append((path.name, message))
        self.assertGreater(tried, 150, "the addon's strings were read")
        self.assertEqual(missing, [], "not in the template: run scripts/i18n.sh")

    def test_translations_keep_placeholders_and_markup(self):
        """%(name)s, {{ }} and t-out expressions and tags may move, never disappear: a lost
        placeholder breaks a message or a template at render time."""
        _pot, pos = _catalogs()
        for lang, po in pos.items():
            broken = []
            for entry in po:
                if not entry.msgstr:
                    continue
                source = PLACEHOLDER_RE.findall(entry.msgid)
                translated = PLACEHOLDER_RE.findall(entry.msgstr)
                # A fallback text inside {{ ... or 'text' }} is translated with the sentence.
                if len(source) != len(translated) or {
                    p for p in source if not p.startswith("{{")
                } != {p for p in translated if not p.startswith("{{")}:
                    broken.append(entry.msgid)
            with self.subTest(lang=lang):
                self.assertEqual(broken, [])


@tagged("post_install", "-at_install")
class TestTranslatedScreens(InterviewCase, HttpCase):
    """Load the addon's French and Chinese terms, then read what recruiters and candidates see
    in each language, looking for any source text of the addon left untranslated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in LANGS:
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms([MODULE], list(LANGS), overwrite=True)
        pot, pos = _catalogs()
        cls.untranslated = {}
        for lang, po in pos.items():
            msgstrs = {(e.msgctxt, e.msgid): e.msgstr for e in po}
            english = set()
            for entry in pot:
                if entry.msgid in SAME_AS_SOURCE[lang]:
                    continue
                kept = _read_pieces(msgstrs.get((entry.msgctxt, entry.msgid)))
                # Sample values (Jane, YourCompany) stay as they are in the translation.
                english |= _read_pieces(entry.msgid) - kept
            cls.untranslated[lang] = english

    def setUp(self):
        super().setUp()
        self.leaks = []

    def _scan(self, lang, markup, where):
        """Note every source text of the addon that markup shows untranslated in lang."""
        left = sorted(_read_pieces(markup) & self.untranslated[lang])
        if left:
            self.leaks.append(f"{where} shows English in {lang}: {left}")

    def assertNoLeak(self):
        self.assertEqual(self.leaks, [], "translate them: scripts/i18n.sh, then i18n/*.po")

    def _module_records(self, model):
        data = self.env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_english_is_detected(self):
        """The scan finds an untranslated term: without loaded terms, English shows."""
        self.env["res.lang"]._activate_lang("nl_NL")
        topic = self.env.ref(f"{MODULE}.concern_topic_overtime").with_context(lang="nl_NL")
        self.assertIn(topic.question, self.untranslated["fr_FR"])
        self._scan("fr_FR", topic.question, "the Dutch topic")
        self.assertEqual(len(self.leaks), 1)
        self._scan("fr_FR", topic.with_context(lang="fr_FR").question, "the French topic")
        self.assertEqual(len(self.leaks), 1)

    def test_every_translatable_text_of_the_addon_is_translated(self):
        """Menus, actions, views (forms, lists, searches, kanbans, QWeb messages and the
        portal page), field labels and help, selection values, concern topics and their
        approved answers, script templates, activity types, mail and SMS templates, crons."""
        data = self.env["ir.model.data"].search([("module", "=", MODULE)])
        checked = 0
        for model in set(data.mapped("model")):
            if model not in self.env:
                continue
            translatable = [
                name for name, field in self.env[model]._fields.items() if field.translate
            ]
            if not translatable:
                continue
            records = self._module_records(model)
            for lang in LANGS:
                for record in records.with_context(lang=lang):
                    for name in translatable:
                        value = record[name]
                        if isinstance(value, str):
                            self._scan(lang, value, f"{record}.{name}")
                            checked += 1
        self.assertGreater(checked, 1000)
        self.assertNoLeak()

    def test_recruiter_views_render_translated(self):
        """Each view of the addon's models as the web client loads it (get_views), with the
        labels, help and selection values of its fields."""
        models = self._module_records("ir.model").filtered(
            lambda m: m.model in self.env and not self.env[m.model]._abstract
        )
        views = self._module_records("ir.ui.view").filtered(
            lambda v: v.mode == "primary" and v.type != "qweb" and v.model in models.mapped("model")
        )
        self.assertTrue(views)
        for lang in LANGS:
            for view in views:
                model = self.env[view.model].with_context(lang=lang)
                result = model.get_views([(view.id, view.type)])
                self._scan(lang, result["views"][view.type]["arch"], view.xml_id)
                for name, description in result["models"][view.model]["fields"].items():
                    if model._fields[name]._module != MODULE:
                        continue  # a field of Odoo (mail's activity state...): Odoo's terms
                    texts = [description.get("string"), description.get("help")]
                    texts += [label for _value, label in description.get("selection") or []]
                    for text in filter(None, texts):
                        self._scan(lang, text, f"{view.model}.{name}")
        self.assertNoLeak()

    def test_french_lists_cut_no_title_and_no_badge(self):
        """The call queue, the interviews and the concerns in French, on a laptop screen
        (1366 px): every column title and every badge is read whole."""
        self.recruiter.lang = "fr_FR"
        applicant = self._create_applicant("Camille Laurent", "+33 6 12 34 56 78")
        applicant.with_user(self.recruiter).action_plan_invitation_call()
        invited = self._new_invitation("Wang Wei", "+86 138 0013 8000", tz="Asia/Shanghai")
        start = fields.Datetime.now().replace(hour=9, minute=0, second=0) + timedelta(days=3)
        self._schedule(invited, start=start, stop=start + timedelta(hours=1))
        overtime = self.env.ref(f"{MODULE}.concern_topic_overtime")
        self.env["hr.invitation.concern"].create(
            [
                {"invitation_id": invited.id, "topic_id": overtime.id, "state": state}
                for state in ("unresolved", "answered")
            ]
        )
        for action in (
            "hr_invitation_action_all",
            "hr_invitation_action_interviews",
            "hr_invitation_concern_action",
        ):
            with self.subTest(action=action):
                self.browser_size = "1366x768"
                self.start_tour(
                    f"/odoo/action-{MODULE}.{action}",
                    "hr_recruitment_invitation_lists_fit_tour",
                    login=self.recruiter.login,
                )

    @freeze_time(NOW)
    def test_candidate_messages_and_page_render_translated(self):
        """The invitation mail and text message, the reminder, and the interview page."""
        start = self.INTERVIEW.replace(month=3, day=27, hour=13)
        templates = [
            *self._module_records("mail.template"),
            *self._module_records("sms.template"),
        ]
        self.assertTrue(templates)
        # The company's own texts are its to translate; the test company's transit lines are
        # the English example the addon shows as a placeholder, so they are given per language.
        for lang, tz, phone, transit_lines in (
            ("fr_FR", "Europe/Paris", "+33 6 12 34 56 78", "Métro 1 et 5, arrêt Arts-Loi"),
            ("zh_CN", "Asia/Shanghai", "+86 138 0013 8000", "地铁 1 号线和 5 号线，Arts-Loi 站"),
        ):
            invitation = self._new_invitation(f"Candidate {lang}", phone, email="c@example.com")
            invitation.candidate_tz = tz
            self._schedule(
                invitation,
                lang=lang,
                candidate_tz=tz,
                interview_transit_lines=transit_lines,
                start=start,
                stop=start + timedelta(hours=1),
                alternative_starts=[start + timedelta(days=5)],
            )
            invitation = invitation.sudo()
            for template in templates:
                record = (
                    invitation.interview_id if template.model != invitation._name else invitation
                )
                for field in ("subject", "body_html", "body"):
                    if field not in template._fields or not template[field]:
                        continue
                    rendered = template._render_field(field, record.ids, set_lang=lang)
                    self._scan(lang, rendered[record.id], f"{template} {field}")
            url_code = self.env["res.lang"]._get_data(code=lang).url_code
            interview = invitation.interview_id
            token = interview._portal_ensure_token()
            page = self.url_open(f"/{url_code}/my/interviews/{interview.id}?access_token={token}")
            self.assertEqual(page.status_code, 200)
            body = html.fromstring(page.text).find(".//main")
            self.assertIsNotNone(body)
            self._scan(lang, html.tostring(body, encoding="unicode"), "interview page")
        self.assertNoLeak()

    @freeze_time(NOW)
    def test_recruiter_reads_the_candidate_answer_in_their_language_and_zone(self):
        """The note a candidate's confirmation writes for the recruiter follows the recruiter's
        language and zone, not the candidate's (who is in Shanghai)."""
        start = self.INTERVIEW.replace(month=3, day=27, hour=13)  # 14:00 Brussels
        for lang, tz, expected in (
            (
                "en_US",
                "Europe/Brussels",
                (
                    "confirmed the interview of Mar 27, 2026 at 2:00 PM "
                    "(Central European Standard Time)."
                ),
            ),
            (
                "fr_FR",
                "Europe/Paris",
                (
                    "Le candidat a confirmé l'entretien du 27 mars 2026 à 14:00 "
                    "(heure normale d’Europe centrale)."
                ),
            ),
            (
                "zh_CN",
                "Asia/Shanghai",
                "候选人已确认 2026年3月27日 21:00 (中国标准时间) 的面试。",
            ),
        ):
            with self.subTest(lang=lang):
                self.recruiter.write({"lang": lang, "tz": tz})
                invitation = self._new_invitation(
                    f"Candidate {lang}", "+86 138 0013 8000", tz="Asia/Shanghai"
                )
                self._schedule(invitation, start=start, stop=start + timedelta(hours=1))
                invitation.interview_id.sudo()._action_portal_confirm()
                candidate = invitation.partner_id
                note = self._messages_of(invitation).filtered(
                    lambda m, candidate=candidate: m.author_id == candidate
                )
                self.assertEqual(len(note), 1)
                self.assertIn(expected, note.body)
