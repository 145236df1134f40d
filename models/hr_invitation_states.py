"""The states and kinds an invitation's planning and calls share (no model here: the models
that use them import them without importing each other)."""

from odoo.addons.hr_recruitment_invitation.tools import call_planner

INVITATION_STATES = [
    ("draft", "To Plan"),
    ("calling", "Calling"),
    ("invited", "Invited"),
    ("confirmed", "Confirmed"),
    ("declined", "Declined"),
    ("attended", "Attended"),
    ("no_show", "No-show"),
    ("unreachable", "Unreachable"),
    ("cancelled", "Cancelled"),
]
CALL_WINDOWS = [
    ("evening", "Weekday evening"),
    ("weekend", "Weekend"),
    ("office_hours", "Office hours"),
]
# How interested the candidate was on a call that reached them.
INTEREST_LEVELS = [
    ("indifferent", "Indifferent"),
    ("neutral", "Neutral"),
    ("interested", "Interested"),
    ("proactive", "Proactive"),
]
CLOSED_STATES = ("declined", "attended", "no_show", "cancelled")
PLANNABLE_STATES = ("draft", "calling", "unreachable")
# An invited candidate can still get senior HR's follow-up call once a manager approved it.
FOLLOW_UP_STATES = ("invited", "confirmed")
FRESHNESS = [("hot", "Hot"), ("warm", "Warm"), ("cold", "Cold")]
FRESHNESS_RANK = {key: rank for rank, (key, _label) in enumerate(FRESHNESS)}
HOT_DAYS, WARM_DAYS = 7, 30
FRESHNESS_BATCH_SIZE = 1000
# A selection larger than this is planned by a background job (ir.cron), in batches of it.
PLANNING_BATCH_SIZE = 500
ACTIVITY_INVITATION_CALL = "hr_recruitment_invitation.mail_activity_type_invitation_call"
INVALID_PHONE = "invalid_phone"
CALL_PLAN_ISSUES = [
    (INVALID_PHONE, "Invalid phone number"),
    (call_planner.NO_COMMON_TIME, "No common time in the coming weeks"),
    (call_planner.INVALID_ZONE, "Unknown time zone"),
    (call_planner.NO_CALLER, "Nobody to make the call"),
]

INTERVIEW_FORMATS = [
    ("on_site", "On Site"),
    ("video", "Video Call"),
    ("phone", "Phone Call"),
]
# Hours from the invitation to the interview: Talview's 93,783 interviews showed about 91-92%
# attendance when booked 24 to 72 hours ahead, about 72% under 24 hours.
# Keys in the bands' order: the analysis groups by them as they sort.
LEAD_TIME_BANDS = [
    ("1_under_24h", "Under 24 h"),
    ("2_24_72h", "24-72 h"),
    ("3_3_7d", "3-7 days"),
    ("4_over_7d", "Over 7 days"),
]
LEAD_TIME_MIN_HOURS = 24
LEAD_TIME_MAX_HOURS = 72
