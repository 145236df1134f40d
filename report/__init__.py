from . import hr_invitation_report
