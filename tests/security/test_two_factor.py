import re
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.users import PASSWORD, SuperuserFactory, UserFactory, coordinator, editor
from tests.security.helpers import current_code, enrol, force_login_verified, let_throttle_pass

pytestmark = pytest.mark.django_db

VERIFY_URL = "/admin/two-factor/verify/"
SETUP_URL = "/admin/two-factor/setup/"


def sign_in_with_password(client, user):
    return client.post("/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/pages/"})


def test_the_admin_login_asks_for_the_code_after_the_password(client):
    user = SuperuserFactory()
    device = enrol(user)

    response = sign_in_with_password(client, user)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL)

    page = client.get(response["Location"])
    assert "Enter your code" in page.text

    response = client.post(page.request["PATH_INFO"] + "?next=/admin/pages/", {"otp_token": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_is_refused_kindly_and_the_admin_stays_closed(client):
    user = SuperuserFactory()
    device = enrol(user)
    sign_in_with_password(client, user)

    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY_URL, {"otp_token": wrong})
    assert response.status_code == 200
    assert "That code did not work" in response.text
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("", "This field is required."),
        ("\x00123456", "Null characters are not allowed."),
        ("9" * 5000, "Ensure this value has at most 64 characters"),
        ("123456\r\nSet-Cookie: x=1", "That code did not work"),
        ("😀😀😀😀😀😀", "That code did not work"),
    ],
)
def test_odd_input_in_the_code_field_gets_a_kind_error_not_a_crash(client, bad, message):
    user = SuperuserFactory()
    enrol(user)
    sign_in_with_password(client, user)

    response = client.post(VERIFY_URL, {"otp_token": bad})
    assert response.status_code == 200
    assert message in response.text
    assert "x" not in response.cookies
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client):
    user = SuperuserFactory()
    enrol(user)
    code = StaticToken.objects.filter(device__user=user).first().token

    sign_in_with_password(client, user)
    response = client.post(VERIFY_URL, {"otp_token": code.upper()}, follow=True)
    assert response.status_code == 200
    assert "9 of 10 are left" in response.text
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")
    sign_in_with_password(client, user)
    response = client.post(VERIFY_URL, {"otp_token": code})
    assert "That code did not work" in response.text
    assert client.get("/admin/").status_code == 302


def test_enrolment_on_first_sign_in_shows_qr_and_key_then_ten_recovery_codes_once(client):
    user = SuperuserFactory()
    response = sign_in_with_password(client, user)
    response = client.get(response["Location"])
    assert response["Location"].startswith(SETUP_URL)

    page = client.get(SETUP_URL)
    assert page.status_code == 200
    assert "<svg" in page.text and "QR code for your authenticator app" in page.text
    assert "https://" not in page.text.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    manual_key = re.search(r'class="security-key"[^>]*>([A-Z2-7 ]+)<', page.text).group(1)
    assert manual_key.replace(" ", "") in device.config_url

    # A reload keeps the same key, so a half-done scan still works.
    client.get(SETUP_URL)
    assert TOTPDevice.objects.get(user=user).key == device.key

    wrong = client.post(SETUP_URL, {"otp_token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "That code did not work" in wrong.text
    assert client.get("/admin/").status_code == 302

    let_throttle_pass(device)
    response = client.post(SETUP_URL + "?next=/admin/pages/", {"otp_token": current_code(device)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page.text)
    assert len(set(codes)) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert "no-store" in codes_page["Cache-Control"]
    assert 'href="/admin/pages/"' in codes_page.text

    again = client.get(response["Location"])
    assert again.status_code == 302 and codes[0] not in client.get(again["Location"]).text

    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_an_unverified_session_cannot_replace_an_existing_authenticator(client):
    user = SuperuserFactory()
    original = enrol(user)
    sign_in_with_password(client, user)

    response = client.get(SETUP_URL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY_URL)
    client.post(SETUP_URL, {"otp_token": "123456"})
    assert list(TOTPDevice.objects.filter(user=user)) == [original]


REQUEST_VIEW_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/two-factor/",
    "/admin/consultation-requests/",
    "/admin/consultation-requests/inspect/1/",
    "/admin/consultation-requests/?export=csv",
    "/admin/snippets/",
]


@pytest.mark.parametrize("path", REQUEST_VIEW_PATHS)
def test_an_unverified_session_is_sent_to_the_second_step_from_any_admin_url(client, path):
    user = coordinator()
    enrol(user)
    client.force_login(user)

    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL)


@pytest.mark.parametrize(
    "permission",
    ["contact.view_consultationrequest", "contact.change_consultationrequest", "contact.export_consultationrequest"],
)
def test_any_permission_that_opens_requests_requires_the_second_factor(client, permission):
    client.force_login(UserFactory(permissions=["wagtailadmin.access_admin", permission]))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)


def test_a_superuser_needs_the_second_factor_too(client):
    client.force_login(SuperuserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)


def test_a_request_viewer_without_an_authenticator_is_sent_to_enrol(client):
    client.force_login(coordinator())
    response = client.get("/admin/consultation_requests/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)


@pytest.mark.parametrize(("enrolled", "step"), [(True, VERIFY_URL), (False, SETUP_URL)])
def test_the_way_back_after_the_second_step_carries_no_search_terms(client, enrolled, step):
    user = coordinator()
    if enrolled:
        enrol(user)
    client.force_login(user)

    response = client.get("/admin/consultation-requests/?q=Maya%20Torres")

    assert response.status_code == 302
    assert response["Location"] == f"{step}?next=%2Fadmin%2Fconsultation-requests%2F"


def test_the_sign_in_redirect_for_someone_signed_out_carries_no_search_terms(client):
    response = client.get("/admin/consultation-requests/?q=Maya%20Torres")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/consultation-requests/"
    assert client.get("/admin/pages/")["Location"] == "/admin/login/?next=/admin/pages/"


def test_verifying_sends_people_back_only_to_this_site(client):
    user = SuperuserFactory()
    device = enrol(user)
    sign_in_with_password(client, user)
    response = client.post(VERIFY_URL, {"otp_token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("wagtailadmin_home")


def test_an_editor_who_cannot_see_requests_needs_no_second_factor_unless_the_setting_says_so(client, settings):
    client.force_login(editor())
    assert client.get("/admin/").status_code == 200

    settings.REQUIRE_TWO_FACTOR_FOR_ALL_STAFF = True
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)


def test_someone_who_enrolled_by_choice_is_asked_for_the_code_too(client):
    user = editor()
    enrol(user)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY_URL)


def test_public_pages_stay_open_to_a_session_between_the_two_steps(client, home_page):
    client.force_login(SuperuserFactory())
    assert client.get("/").status_code == 200


def test_login_verified_fixture_opens_the_admin(client, login_verified):
    login_verified(client, coordinator())
    assert client.get("/admin/").status_code == 200


def test_the_account_area_links_to_two_factor_settings_and_makes_new_recovery_codes(client, login_verified):
    user = coordinator()
    login_verified(client, user)
    assert "/admin/two-factor/" in client.get("/admin/account/").text

    page = client.get("/admin/two-factor/")
    assert "Two-factor sign-in is <strong>on</strong>" in page.text
    assert "10 unused recovery codes" in page.text

    old = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    response = client.post("/admin/two-factor/recovery-codes/", follow=True)
    new = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.text))
    assert len(new) == 10 and not new & old
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == new


def test_moving_to_a_new_phone_replaces_the_old_authenticator(client, login_verified):
    user = SuperuserFactory()
    old = login_verified(client, user)
    client.get(SETUP_URL)
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP_URL, {"otp_token": current_code(new)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert client.get("/admin/").status_code == 200


def test_a_superuser_resets_someone_elses_second_factor(client, login_verified):
    owner = SuperuserFactory()
    staff = coordinator()
    enrol(staff)
    login_verified(client, owner)

    listing = client.get("/admin/users/")
    assert f"/admin/two-factor/reset/{staff.pk}/" in listing.text

    confirm = client.get(f"/admin/two-factor/reset/{staff.pk}/")
    assert staff.username in confirm.text
    response = client.post(f"/admin/two-factor/reset/{staff.pk}/", follow=True)
    assert "was reset" in response.text
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()


def test_only_a_superuser_may_reset_a_second_factor(client, login_verified):
    staff = coordinator()
    enrol(staff)
    login_verified(client, coordinator())
    response = client.post(f"/admin/two-factor/reset/{staff.pk}/", follow=True)
    assert "Sorry, you do not have permission" in response.text
    assert TOTPDevice.objects.filter(user=staff).exists()


def test_a_reset_ends_the_persons_verified_sessions(client, login_verified):
    staff = coordinator()
    login_verified(client, staff)
    call_command("reset_two_factor", staff.username, stdout=open("/dev/null", "w"))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)


def test_reset_two_factor_command_for_a_locked_out_owner(capsys):
    owner = SuperuserFactory(username="owner")
    enrol(owner)
    call_command("reset_two_factor", "owner")
    assert "was reset" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=owner).exists()


def test_reset_two_factor_command_names_an_unknown_user():
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        call_command("reset_two_factor", "nobody")


def test_totp_codes_cannot_be_replayed(client):
    user = SuperuserFactory()
    device = enrol(user)
    code = current_code(device)
    sign_in_with_password(client, user)
    assert client.post(VERIFY_URL, {"otp_token": code}).status_code == 302

    client.post("/admin/logout/")
    sign_in_with_password(client, user)
    assert "That code did not work" in client.post(VERIFY_URL, {"otp_token": code}).text
    let_throttle_pass(device)
    # The next time step's code works.
    assert client.post(VERIFY_URL, {"otp_token": current_code(device, at=time.time() + 30)}).status_code == 302


def test_signing_out_from_the_code_step_ends_the_session(client):
    user = SuperuserFactory()
    enrol(user)
    sign_in_with_password(client, user)
    page = client.get(VERIFY_URL)
    assert 'action="/admin/logout/"' in page.text
    client.post("/admin/logout/")
    assert "_auth_user_id" not in client.session


def test_the_user_bar_shows_on_public_pages_only_once_the_second_factor_is_passed(client, home_page):
    superuser = SuperuserFactory()
    client.force_login(superuser)
    assert "wagtail-userbar" not in client.get("/").content.decode()

    force_login_verified(client, superuser)
    assert "wagtail-userbar" in client.get("/").content.decode()
