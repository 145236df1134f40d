from . import test_call_planner
from . import test_phone_tz
from . import test_foundation
from . import test_invitation_planning
from . import test_invitation_calls
from . import test_tours
from . import test_candidate_input
from . import test_portal
