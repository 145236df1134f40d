from . import hr_invitation_sql_view
from . import hr_invitation_report
from . import hr_invitation_funnel_report
from . import hr_invitation_concern_report
from . import hr_invitation_interview_report
