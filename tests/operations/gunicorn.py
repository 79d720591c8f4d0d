"""Starting real gunicorn web servers (production settings) for a test, and stopping them whatever happens."""

import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager

import pytest
import requests
from django.conf import settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, process, log) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(f"{url}/readyz/", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    log.seek(0)
    pytest.fail(f"gunicorn at {url} did not become ready:\n{log.read()[-4000:]}")


@contextmanager
def gunicorn(environment: dict, log_path) -> str:
    """One gunicorn process with one worker on a free port; yields its base URL once /readyz/ answers 200."""
    url = f"http://127.0.0.1:{free_port()}"
    with open(log_path, "w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "practice_site.wsgi", "--bind", url.removeprefix("http://"),
             "--workers", "1", "--no-control-socket"],
            cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_answering(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def several_gunicorns(environment: dict, tmp_path, count: int):
    with ExitStack() as stack:
        yield [stack.enter_context(gunicorn(environment, tmp_path / f"gunicorn-{n}.log")) for n in range(count)]
