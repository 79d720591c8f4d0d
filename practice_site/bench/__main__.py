"""`make bench` (see README): one table of req/s against the ceiling, hit rates, latencies, queries and bytes."""

import argparse
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from practice_site.embedded_postgres import database_settings, ensure_running, stop

from .cold import cold_p50
from .load import wrk
from .servers import ROOT, bench_env, manage, serving
from .table import MIN_HIT_RATE, print_table, too_few_hits

PAGES = ["/", "/blog/", "/blog/emdr-explained/", "/services/trauma-therapy/", "/team/", "/contact/", "/sitemap.xml"]
CAMPAIGN_PAGE = "/blog/emdr-explained/"
# Issue 24's floor for the waitlist listing at 10,000 entries on the bench machine.
WAITLIST_FLOOR_MS = 150
WRK_MISSING = "wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk (macOS: brew install wrk)."


def prepare(env: dict, arguments) -> dict | None:
    """The database migrated and loaded; returns /blog/'s uncached run with the demo content only, when
    articles are to be generated."""
    print("Migrating, collecting static files, loading the demo content …", flush=True)
    for command in (["migrate", "--noinput"], ["createcachetable"], ["collectstatic", "--noinput"],
                    ["load_demo_content"]):
        manage(env, *command)
    brotli_files = len(list((ROOT / "staticfiles").rglob("*.br")))
    print(f"  collectstatic wrote {brotli_files:,} brotli (.br) static files", flush=True)
    demo_blog = None
    if arguments.articles:
        print(f"Loading /blog/ uncached for {arguments.duration} s with the demo content only …", flush=True)
        with serving("practice_site.wsgi:application", {**env, "PAGE_CACHE_ENABLED": "false"}) as server:
            server.warm("/blog/")
            demo_blog = wrk(server.url + "/blog/", arguments.duration, connections=2)
    if arguments.articles or arguments.requests or arguments.waitlist:
        print(f"Generating {arguments.articles:,} articles, {arguments.requests:,} consultation requests and "
              f"{arguments.waitlist:,} waitlist entries …", flush=True)
        subprocess.run([sys.executable, "-m", "practice_site.bench.generate", "--articles", str(arguments.articles),
                        "--requests", str(arguments.requests), "--waitlist", str(arguments.waitlist)],
                       cwd=ROOT, env=env, check=True)
    return demo_blog


def load_uncached(env: dict, duration: int) -> tuple[dict, list[str]]:
    with serving("practice_site.wsgi:application", {**env, "PAGE_CACHE_ENABLED": "false"}) as server:
        index = server.get("/sitemap.xml").decode()
        pages = [*PAGES, re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", index)[-1].replace("&amp;", "&")]
        # One connection per worker: a sync worker renders one page at a time, so more would only queue, and
        # pages slower than the run's length would never complete.
        uncached = {}
        for path in pages:
            server.warm(path)
            uncached[path] = wrk(server.url + path, duration, connections=2)
    return uncached, pages


def load_cached(env: dict, pages: list[str], arguments) -> dict:
    """Every kept page under load, a campaign link to the article, then the cold rounds."""
    cacheable = [path for path in pages if path != "/contact/"]
    with serving("practice_site.wsgi:application", env) as server:
        cached = {}
        for path in cacheable:
            server.warm(path)
            cached[path] = wrk(server.url + path, arguments.duration)
        campaign = wrk(server.url + CAMPAIGN_PAGE, arguments.duration, campaign=True)
        print(f"Cold rounds: publishing {CAMPAIGN_PAGE} {arguments.cold_rounds} times, then asking once for each "
              "page …", flush=True)
        cold = cold_p50(server, env, cacheable, arguments.cold_rounds)
    return {"cached": cached, "campaign": campaign, "campaign_path": CAMPAIGN_PAGE, "cold": cold}


def report(arguments, results: dict, figures: dict, demo_blog: dict | None) -> None:
    print()
    print(f"Rooted, gunicorn -w 2, production settings; {arguments.articles:,} generated articles, "
          f"{arguments.requests:,} generated consultation requests; wrk {arguments.duration} s per page, "
          f"8 connections (2 for uncached pages); cold: median of {arguments.cold_rounds} publish-then-GET rounds.")
    print_table(results, figures["pages"], figures["staff"])
    floor = "under" if figures["waitlist"] < WAITLIST_FLOOR_MS else "OVER"
    print(f"Waitlist listing p50 at {arguments.waitlist:,} generated entries (signed-in coordinator, Django test "
          f"client): {figures['waitlist']:.0f} ms ({floor} the {WAITLIST_FLOOR_MS} ms floor)")
    uncached = results["uncached"]
    if demo_blog:
        print(f"/blog/ uncached p50 with the demo content only: {demo_blog['p50']:.1f} ms; with "
              f"{arguments.articles:,} more articles: {uncached['/blog/']['p50']:.1f} ms "
              f"({uncached['/blog/']['p50'] / demo_blog['p50']:.2f}×)")


def run(arguments) -> list[str]:
    """Runs everything; returns the cached runs below the hit-rate floor."""
    datadir = Path(tempfile.mkdtemp(prefix="rooted-bench-")) / "data"
    try:
        print(f"Starting PostgreSQL in {datadir} …", flush=True)
        database = database_settings(datadir, cleanup_mode=None)
        # The server starts on a first connection in this process; the subprocesses reach it by its socket.
        ensure_running(database)
        env = bench_env(database)
        demo_blog = prepare(env, arguments)
        print(f"Loading each page for {arguments.duration} s with wrk (8 connections; 2 uncached) …", flush=True)
        with serving("practice_site.bench.ceiling:application", env) as server:
            ceiling = wrk(server.url + "/", arguments.duration)
        uncached, pages = load_uncached(env, arguments.duration)
        results = {"ceiling": ceiling, "uncached": uncached, **load_cached(env, pages, arguments)}
        measured = subprocess.run(
            [sys.executable, "-m", "practice_site.bench.measure", *pages], cwd=ROOT, check=True, capture_output=True,
            text=True, env={**env, "PAGE_CACHE_ENABLED": "false"},
        ).stdout
        report(arguments, results, json.loads(measured.strip().splitlines()[-1]), demo_blog)
        return too_few_hits(results)
    finally:
        stop(datadir)
        shutil.rmtree(datadir.parent, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--requests", type=int, default=0)
    parser.add_argument("--waitlist", type=int, default=0, help="waitlist entries to generate (issue 24: 10000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--cold-rounds", type=int, default=7, help="publish-then-GET rounds for the cold column")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit(WRK_MISSING)
    # A TERM (make interrupted, CI timeout) unwinds like Ctrl-C, so the finally blocks stop every server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    failing = run(arguments)
    if failing:
        sys.exit(f"Fewer than {MIN_HIT_RATE:.0%} of the answers were page-cache hits: " + "; ".join(failing))


if __name__ == "__main__":
    main()
