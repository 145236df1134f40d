from . import hr_invitation_schedule
