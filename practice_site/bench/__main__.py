"""`make bench` (see README): one table of req/s against the ceiling, latencies, queries and bytes."""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from practice_site.embedded_postgres import database_settings, ensure_running, stop

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/blog/", "/blog/emdr-explained/", "/services/trauma-therapy/", "/team/", "/contact/", "/sitemap.xml"]
WRK_MISSING = "wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk (macOS: brew install wrk)."


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


def milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url: str, duration: int, connections: int = 8) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
         "-H", "Accept-Encoding: br", url],
        capture_output=True, text=True, check=True,
    ).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": (int(failed.group(1)) if failed else 0)
        + (sum(int(count) for count in socket_errors.groups()) if socket_errors else 0),
    }


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
    }


def cell(run: dict | None, ceiling: float) -> str:
    if run is None:
        return "–"
    if not run["rps"]:
        return "none finished in the run"
    flag = f" ({run['errors']} errors)" if run["errors"] else ""
    return f"{run['rps']:,.1f} ({run['rps'] / ceiling:.1%}){flag}"


def latency(run: dict | None) -> str:
    return "–" if run is None or not run["rps"] else f"{run['p50']:.1f} / {run['p99']:.1f}"


def print_table(ceiling: dict, cached: dict, uncached: dict, figures: dict, staff: dict) -> None:
    rows = [
        ["page", "cached req/s (% ceiling)", "uncached req/s (% ceiling)", "cached p50/p99 ms",
         "uncached p50/p99 ms", "queries", "HTML bytes raw / br / gzip"],
        ["bare WSGI app, 2 KB (ceiling)", f"{ceiling['rps']:,.1f}", "", latency(ceiling), "", "–", "2,048"],
    ]
    for path, page in figures.items():
        rows.append([
            path, cell(cached.get(path), ceiling["rps"]), cell(uncached[path], ceiling["rps"]),
            latency(cached.get(path)), latency(uncached[path]), str(page["queries"]),
            f"{page['raw']:,} / {page['br']:,} / {page['gzip']:,}",
        ])
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("| " + " | ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    print()
    print("Staff listing p50 (signed in, Django test client): " + ", ".join(
        f"{name} {value:.0f} ms" for name, value in staff.items()))


def run(arguments) -> None:
    datadir = Path(tempfile.mkdtemp(prefix="rooted-bench-")) / "data"
    servers = []
    try:
        print(f"Starting PostgreSQL in {datadir} …", flush=True)
        database = database_settings(datadir, cleanup_mode=None)
        # The server starts on a first connection in this process; the subprocesses reach it by its socket.
        ensure_running(database)
        env = bench_env(database)
        print("Migrating, collecting static files, loading the demo content …", flush=True)
        for command in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput"],
                        ["load_demo_content"]):
            manage(env, *command)
        brotli_files = len(list((ROOT / "staticfiles").rglob("*.br")))
        print(f"  collectstatic wrote {brotli_files:,} brotli (.br) static files", flush=True)
        demo_blog = None
        if arguments.articles:
            print(f"Loading /blog/ uncached for {arguments.duration} s with the demo content only …", flush=True)
            servers.append(Gunicorn("practice_site.wsgi:application", {**env, "PAGE_CACHE_ENABLED": "false"}))
            servers[-1].warm("/blog/")
            demo_blog = wrk(servers[-1].url + "/blog/", arguments.duration, connections=2)
            servers.pop().stop()
        if arguments.articles or arguments.requests:
            print(f"Generating {arguments.articles:,} articles and {arguments.requests:,} consultation requests …",
                  flush=True)
            subprocess.run([sys.executable, "-m", "practice_site.bench.generate", "--articles", str(arguments.articles),
                            "--requests", str(arguments.requests)], cwd=ROOT, env=env, check=True)

        print(f"Loading each page for {arguments.duration} s with wrk (8 connections; 2 uncached) …", flush=True)
        servers.append(Gunicorn("practice_site.bench.ceiling:application", env))
        ceiling = wrk(servers[-1].url + "/", arguments.duration)
        servers.pop().stop()

        servers.append(Gunicorn("practice_site.wsgi:application", {**env, "PAGE_CACHE_ENABLED": "false"}))
        index = servers[-1].get("/sitemap.xml").decode()
        pages = [*PAGES, re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", index)[-1].replace("&amp;", "&")]
        # One connection per worker: a sync worker renders one page at a time, so more would only queue, and
        # pages slower than the run's length would never complete.
        uncached = {}
        for path in pages:
            servers[-1].warm(path)
            uncached[path] = wrk(servers[-1].url + path, arguments.duration, connections=2)
        servers.pop().stop()

        servers.append(Gunicorn("practice_site.wsgi:application", env))
        cached = {}
        for path in pages:
            if path != "/contact/":
                servers[-1].warm(path)
                cached[path] = wrk(servers[-1].url + path, arguments.duration)
        servers.pop().stop()

        measured = subprocess.run(
            [sys.executable, "-m", "practice_site.bench.measure", *pages], cwd=ROOT, check=True, capture_output=True,
            text=True, env={**env, "PAGE_CACHE_ENABLED": "false"},
        ).stdout
        figures = json.loads(measured.strip().splitlines()[-1])
        print()
        print(f"Rooted, gunicorn -w 2, production settings; {arguments.articles:,} generated articles, "
              f"{arguments.requests:,} generated consultation requests; wrk {arguments.duration} s per page, "
              "8 connections (2 for uncached pages).")
        print_table(ceiling, cached, uncached, figures["pages"], figures["staff"])
        if demo_blog:
            print(f"/blog/ uncached p50 with the demo content only: {demo_blog['p50']:.1f} ms; with "
                  f"{arguments.articles:,} more articles: {uncached['/blog/']['p50']:.1f} ms "
                  f"({uncached['/blog/']['p50'] / demo_blog['p50']:.2f}×)")
    finally:
        for server in servers:
            server.stop()
        stop(datadir)
        shutil.rmtree(datadir.parent, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit(WRK_MISSING)
    # A TERM (make interrupted, CI timeout) unwinds like Ctrl-C, so the finally block stops every server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    run(arguments)


if __name__ == "__main__":
    main()
