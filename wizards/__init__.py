from . import hr_invitation_call_script
