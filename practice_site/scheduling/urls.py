from django.urls import path

from .staff import feed

urlpatterns = [
    path("<str:token>.ics", feed.calendar_feed, name="scheduling_calendar_feed"),
]
