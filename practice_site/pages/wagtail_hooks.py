from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .own_openings import MyOpeningsIndex, MyOpeningsView, OpeningsEditorViewSet, own_pages


@hooks.register("register_admin_viewset")
def register_openings_editor_viewset():
    return OpeningsEditorViewSet()


@hooks.register("register_admin_urls")
def register_own_openings_urls():
    return [
        path("my-openings/", MyOpeningsIndex.as_view(), name="own_openings_index"),
        path("my-openings/<int:page_id>/", MyOpeningsView.as_view(), name="own_openings"),
    ]


class OwnOpeningsMenuItem(MenuItem):
    def is_shown(self, request):
        return own_pages(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_own_openings_menu_item():
    return OwnOpeningsMenuItem("My openings", reverse("own_openings_index"), icon_name="calendar", order=160)
