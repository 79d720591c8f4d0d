"""Django finds the app's models here: the request and its records (request.py), the link from a request to
its calls (calls.py), the form's receipts (receipts.py), a decline's referral reply (referral.py), a waitlist entry
(waitlist.py) and the consultation page (page.py)."""

from .calls import RequestCall
from .page import ContactPage
from .receipts import SpooledRequest, UsedFormToken
from .referral import ReferralReply
from .request import ConsultationRequest, RequestEvent, RequestNote, RequestNotification
from .waitlist import WaitlistEntry

__all__ = [
    "ConsultationRequest", "RequestNotification", "RequestNote", "RequestEvent", "RequestCall", "ContactPage",
    "SpooledRequest", "UsedFormToken", "ReferralReply", "WaitlistEntry",
]
