"""The cold column: the first request for each page after a publish (the content version changed), over rounds."""

import statistics
import subprocess
import sys
import time
import urllib.request

from .servers import ROOT

# The page published each round: an article, as an editor's fix would be (it shows in listings too).
PUBLISHED = "/blog/emdr-explained/"


def first_request(url: str) -> float:
    """Milliseconds for one GET, which must have been rendered (not a hit)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        state = response.headers.get("X-Page-Cache")
    elapsed = (time.perf_counter() - began) * 1000
    if state == "hit":
        raise RuntimeError(f"{url} was a hit right after a publish: the content version did not change")
    return elapsed


def cold_p50(server, env: dict, pages: list[str], rounds: int) -> dict[str, float]:
    """Per page, the median of its first request after each of ``rounds`` publishes."""
    publisher = subprocess.Popen(
        [sys.executable, "-m", "practice_site.bench.publisher"], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
    )
    timings: dict[str, list[float]] = {path: [] for path in pages}
    try:
        assert publisher.stdout.readline().strip() == "ready"
        for _ in range(rounds):
            publisher.stdin.write(PUBLISHED + "\n")
            assert publisher.stdout.readline().strip() == "published"
            for path in pages:
                timings[path].append(first_request(server.url + path))
    finally:
        publisher.stdin.close()
        publisher.wait(timeout=30)
    return {path: statistics.median(values) for path, values in timings.items()}
