"""The consultation request page. The records it stores live in contact/models/request.py."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from contact.form.views import consultation_form
from practice_site.core.models import BasePage
from practice_site.scheduling import call_pages

# The reply promise itself comes from the practice settings, in the sentence the templates put before these.
DEFAULT_WHAT_HAPPENS_NEXT = (
    "<p>We will offer a free 15-minute phone consultation to talk about what you are looking for and whether "
    "we are a good fit.</p>"
)
DEFAULT_THANK_YOU = "<p>If we are not the right fit, we will help you find someone who is.</p>"


class ContactPage(RoutablePageMixin, BasePage):
    """/contact/: staff edit the words around the form; the form itself is code (contact/form/request_form.py)."""

    introduction = RichTextField(editor="plain", blank=True)
    what_happens_next = RichTextField(
        editor="plain", default=DEFAULT_WHAT_HAPPENS_NEXT,
        help_text="Shown above the form, after the reply promise set in the practice settings.",
    )
    thank_you_text = RichTextField(
        editor="plain", default=DEFAULT_THANK_YOU,
        help_text="Shown after a request is sent, after the reply promise set in the practice settings.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("what_happens_next"),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = "consultation request page"

    def serve(self, request, *args, **kwargs):
        # Forms carry a CSRF token and a time token, and answers may be health information:
        # no shared or browser cache may keep this page.
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    @path("", name="form")
    def form_view(self, request):
        return consultation_form(self, request)

    @path("thank-you/", name="thank_you")
    def thank_you_view(self, request):
        return self.render(
            request, template="contact/contact_page_thank_you.html",
            context_overrides=call_pages.thank_you_context(self, request),
        )

    @path("thank-you/waitlist/", name="thank_you_waitlist")
    def thank_you_waitlist_view(self, request):
        return self.render(
            request, template="contact/contact_page_thank_you.html",
            context_overrides={"on_waitlist": True, "check_in_weeks": settings.WAITLIST_CHECK_IN_WEEKS},
        )

    @path("call/<str:token>/", name="manage_call")
    def manage_call_view(self, request, token):
        return call_pages.manage_call(self, request, token)

    @path("call/<str:token>/calendar/", name="call_calendar")
    def call_calendar_view(self, request, token):
        return call_pages.calendar_file(self, request, token)

    @property
    def thank_you_url(self) -> str:
        return self.url + self.reverse_subpage("thank_you").lstrip("/")

    @property
    def thank_you_waitlist_url(self) -> str:
        return self.url + self.reverse_subpage("thank_you_waitlist").lstrip("/")
