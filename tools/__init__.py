"""Pure-Python helpers (no ORM): call planning, phone time zones, interview details."""

from . import call_planner, interview_logistics, phone_tz

__all__ = ["call_planner", "interview_logistics", "phone_tz"]
