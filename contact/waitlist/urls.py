from django.urls import path

from contact.waitlist import answer_page, offer_page

urlpatterns = [
    path("offer/<str:token>/", offer_page.offered_opening, name="waitlist_offer"),
    path("<str:token>/", answer_page.answer, name="waitlist_answer"),
]
