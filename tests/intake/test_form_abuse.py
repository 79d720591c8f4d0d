"""One form sent again, and a file sent with a form that has no file field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from contact.models import ConsultationRequest
from contact.models.receipts import REUSED_TOKEN_REASON

pytestmark = pytest.mark.django_db


def test_one_form_sent_three_times_from_three_addresses_is_stored_once_and_twice_as_spam(contact_page, valid_data):
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        response = Client(REMOTE_ADDR=address).post("/contact/", valid_data)
        # Refused quietly: a bot learns nothing, and staff can still rescue a real person's second send.
        assert response.status_code == 302

    stored = ConsultationRequest.objects.order_by("pk")
    assert [request.status for request in stored] == ["new", "spam", "spam"]
    assert [request.spam_reason for request in stored] == ["", REUSED_TOKEN_REASON, REUSED_TOKEN_REASON]
    # Spam gets no emails.
    assert [request.notifications.count() for request in stored] == [2, 0, 0]


def test_a_file_sent_with_the_consultation_form_is_refused_kindly_and_nothing_is_stored(
    client, contact_page, valid_data
):
    client.get("/contact/")  # the form is shown first, which is when its path is kept
    attachment = b"%PDF-1.7 " + b"x" * (1024 * 1024)
    response = client.post(
        "/contact/", {**valid_data, "upload": SimpleUploadedFile("notes.pdf", attachment, "application/pdf")}
    )

    assert response.status_code == 413
    text = response.content.decode()
    assert "The form takes no attachments, so nothing was sent yet." in text
    assert "(713) 555-0142" in text
    assert 'href="/contact/"' in text
    assert ConsultationRequest.objects.count() == 0


def test_a_small_multipart_form_is_still_accepted(client, contact_page, valid_data):
    client.get("/contact/")
    assert client.post("/contact/", valid_data).status_code == 302  # the test client sends multipart
    assert ConsultationRequest.objects.count() == 1
