from odoo.tests import BaseCase, tagged

from odoo.addons.hr_recruitment_invitation.tools.phone_tz import (
    InvalidPhoneNumber,
    TzGuess,
    format_e164,
    guess_candidate_tz,
)

RUSSIAN_MOBILE = "+7 912 345 67 89"


@tagged("post_install", "-at_install")
class TestPhoneTz(BaseCase):
    def assertSingleZone(self, phone, zone, e164, region=None):
        guess = guess_candidate_tz(phone, default_region=region)
        self.assertEqual(guess, TzGuess(zone, False, (zone,), e164))

    def test_single_zone_numbers(self):
        self.assertSingleZone("+33 6 12 34 56 78", "Europe/Paris", "+33612345678")
        self.assertSingleZone("+86 138 0013 8000", "Asia/Shanghai", "+8613800138000")
        self.assertSingleZone("+1 650 253 0000", "America/Los_Angeles", "+16502530000")
        self.assertSingleZone("+1 212 555 0100", "America/New_York", "+12125550100")
        self.assertSingleZone("+49 30 123456", "Europe/Berlin", "+4930123456")
        self.assertSingleZone("+49 151 23456789", "Europe/Berlin", "+4915123456789")
        self.assertSingleZone("+55 11 91234 5678", "America/Sao_Paulo", "+5511912345678")

    def test_india(self):
        guess = guess_candidate_tz("+91 98765 43210")
        self.assertIn(guess.tz, ("Asia/Calcutta", "Asia/Kolkata"))
        self.assertFalse(guess.uncertain)
        self.assertEqual(guess.e164, "+919876543210")

    def test_national_number_uses_company_country(self):
        self.assertSingleZone("0470 12 34 56", "Europe/Brussels", "+32470123456", region="BE")
        self.assertSingleZone("06 12 34 56 78", "Europe/Paris", "+33612345678", region="fr")
        # an international number ignores the default region
        self.assertSingleZone("+33 6 12 34 56 78", "Europe/Paris", "+33612345678", region="BE")

    def test_russian_mobile_is_uncertain(self):
        guess = guess_candidate_tz(RUSSIAN_MOBILE)
        self.assertTrue(guess.uncertain)
        self.assertGreater(len(guess.candidates), 1)
        self.assertIn("Europe/Moscow", guess.candidates)
        self.assertEqual(guess.candidates, tuple(sorted(guess.candidates)))
        self.assertEqual(guess.tz, guess.candidates[0])
        self.assertEqual(guess.e164, "+79123456789")

    def test_preferred_breaks_ties_in_order(self):
        preferred = ("Europe/Paris", "Asia/Novosibirsk", "Europe/Moscow")
        guess = guess_candidate_tz(RUSSIAN_MOBILE, preferred=preferred)
        self.assertEqual((guess.tz, guess.uncertain), ("Asia/Novosibirsk", False))
        guess = guess_candidate_tz(RUSSIAN_MOBILE, preferred=[False, None, "Europe/Moscow"])
        self.assertEqual((guess.tz, guess.uncertain), ("Europe/Moscow", False))
        # a preferred zone outside the number's zones does not win
        guess = guess_candidate_tz(RUSSIAN_MOBILE, preferred=("Europe/Paris",))
        self.assertTrue(guess.uncertain)
        # a single-zone number ignores preferences
        guess = guess_candidate_tz("+33 6 12 34 56 78", preferred=("Asia/Tokyo",))
        self.assertEqual((guess.tz, guess.uncertain), ("Europe/Paris", False))

    def test_no_phone_falls_back(self):
        for phone in (None, "", "   ", False):
            guess = guess_candidate_tz(
                phone, preferred=(None, "Not/AZone", "Europe/Brussels"), fallback="UTC"
            )
            self.assertEqual(guess, TzGuess("Europe/Brussels", False, (), None))
        self.assertEqual(guess_candidate_tz(None, fallback="UTC"), TzGuess("UTC", False, (), None))
        self.assertEqual(guess_candidate_tz(None), TzGuess(None, False, (), None))

    def test_number_without_zone_is_uncertain(self):
        guess = guess_candidate_tz("+800 1234 5678", preferred=("Europe/Brussels",))
        self.assertEqual(guess, TzGuess("Europe/Brussels", True, (), "+80012345678"))

    def test_invalid_numbers_raise(self):
        for phone in ("not a phone", "12", "+33 1", "+999 123 456 789"):
            with self.assertRaises(InvalidPhoneNumber, msg=phone):
                guess_candidate_tz(phone, default_region="BE")
            with self.assertRaises(ValueError, msg=phone):
                format_e164(phone, default_region="BE")
        # a national number without a default region cannot be parsed
        with self.assertRaises(InvalidPhoneNumber):
            guess_candidate_tz("0470 12 34 56")

    def test_format_e164(self):
        self.assertEqual(format_e164("0470 12 34 56", "BE"), "+32470123456")
        self.assertEqual(format_e164("+1 (212) 555-0100"), "+12125550100")
        with self.assertRaises(InvalidPhoneNumber):
            format_e164(None)
