from . import hr_invitation_call_script
from . import hr_invitation_schedule
