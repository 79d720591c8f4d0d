"""Real local services for the operations tests: a recording cache proxy and an S3 API (moto), both on 127.0.0.1."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.public_site_fixtures import small_site  # noqa: F401

PUBLIC_BUCKET = "rooted-public-media"
PRIVATE_BUCKET = "rooted-private-media"


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers PURGE like Varnish or nginx would, and remembers (Host, path) of each."""

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture
def purge_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server with a public-media and a private-media bucket; yields its endpoint URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        client = boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test"
        )
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            client.create_bucket(Bucket=bucket)
        yield endpoint
    finally:
        server.stop()
