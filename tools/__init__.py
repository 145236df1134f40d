"""Pure-Python helpers (no ORM): call planning, phone time zones, interview details,
candidate input, log hygiene."""

from . import call_planner, candidate_input, interview_logistics, log_redaction, phone_tz

__all__ = ["call_planner", "candidate_input", "interview_logistics", "log_redaction", "phone_tz"]
