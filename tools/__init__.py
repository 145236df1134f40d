"""Pure-Python helpers (no ORM): call planning and phone time zones."""

from . import call_planner, phone_tz

__all__ = ["call_planner", "phone_tz"]
