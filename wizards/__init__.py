from . import hr_invitation_call_script
from . import hr_invitation_schedule
from . import hr_invitation_quiet_call
from . import hr_invitation_reminder_call
from . import hr_invitation_send_car
