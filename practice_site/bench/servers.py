"""The processes the bench starts: gunicorn with the bench's settings, and manage.py commands."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """`gunicorn -w 2` in its own process group, stopped with everything it forked."""

    def __init__(self, app: str, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "--no-control-socket", "--log-level", "warning",
             "-b", f"127.0.0.1:{self.port}", app],
            cwd=ROOT, env=env, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=5)  # noqa: S310 (our own server)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn ({app}) did not answer within a minute")

    def get(self, path: str) -> bytes:
        # Plain: one miss keeps the brotli, gzip and plain copies alike.
        with urllib.request.urlopen(self.url + path, timeout=30) as response:  # noqa: S310 (our own server)
            return response.read()

    def warm(self, path: str) -> None:
        """A few requests first, so each worker has compiled the templates and read the site-wide objects: a
        worker's first page costs seconds, which a 5-second run would count against the steady state."""
        for _ in range(6):
            self.get(path)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def bench_env(database: dict) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "practice_site.settings.production",
        "SECRET_KEY": "bench-only-" + secrets.token_hex(16),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": f"postgresql://{database['USER']}@{quote(database['HOST'], safe='')}/{database['NAME']}",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "bench@localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE_ENABLED": "true",
        # Page copies and the like beside the throwaway database, not in the project's own folder.
        "LOCAL_STATE_DIR": str(Path(database["HOST"]).parent / "local"),
    }


@contextmanager
def serving(app: str, env: dict):
    server = Gunicorn(app, env)
    try:
        yield server
    finally:
        server.stop()


