"""The indexes the staff listing reads at 100,000 requests exist (plans: issue 10's note)."""

import pytest
from django.db import connection

from contact.models.request import ConsultationRequest

pytestmark = pytest.mark.django_db


def test_the_listing_order_search_and_phone_indexes_exist():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, ConsultationRequest._meta.db_table)
    indexes = {name: details for name, details in constraints.items() if details["index"]}
    assert indexes["consultation_search"]["type"] == "gin"
    assert indexes["consultation_phone_prefix"]["columns"] == ["phone"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'consultation_listing_order'")
        (definition,) = cursor.fetchone()
    assert "USING btree" in definition
    assert "(((status)::text = 'new'::text)) DESC, received_at DESC, id DESC" in definition
    assert "WHERE (NOT ((status)::text = 'spam'::text))" in definition
