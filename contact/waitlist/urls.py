from django.urls import path

from contact.waitlist import answer_page

urlpatterns = [
    path("<str:token>/", answer_page.answer, name="waitlist_answer"),
]
