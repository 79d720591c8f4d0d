"""Another Django process reading the same database: one request per line of stdin, one JSON line back.

Started by the ``second_process`` fixture with DATABASE_URL pointing at the test database.
"""

import json
import sys

import django


def main():
    django.setup()
    from django.test import Client, override_settings

    with override_settings(PAGE_CACHE_ENABLED=True):
        client = Client()
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            response = client.get(line.strip())
            answer = {
                "status": response.status_code,
                "cache": response.get("X-Page-Cache"),
                "text": response.content.decode(),
            }
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
