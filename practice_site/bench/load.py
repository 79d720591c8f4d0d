"""wrk runs, each counting the page cache's answers (X-Page-Cache) with a small Lua script."""

import re
import subprocess
import tempfile
from pathlib import Path

# Every answer is counted, and those the page cache says were hits; wrk sums the threads' counts at the end.
COUNTING = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits = 0; answers = 0 end
function response(status, headers, body)
  answers = answers + 1
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, a = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); a = a + t:get("answers") end
  io.write(string.format("PAGE-CACHE-HITS %d %d\\n", h, a))
end
"""
# A campaign link: the same page with a random utm_source on every request.
CAMPAIGN = COUNTING + """
function request()
  return wrk.format(nil, wrk.path .. "?utm_source=campaign-" .. math.random(1, 1000000000))
end
"""


def milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url: str, duration: int, connections: int = 8, *, campaign: bool = False) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(CAMPAIGN if campaign else COUNTING)
        script.flush()
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
             "-H", "Accept-Encoding: br", "-s", script.name, url],
            capture_output=True, text=True, check=True, cwd=Path(script.name).parent,
        ).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    hits, answers = map(int, re.search(r"PAGE-CACHE-HITS (\d+) (\d+)", output).groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": (int(failed.group(1)) if failed else 0)
        + (sum(int(count) for count in socket_errors.groups()) if socket_errors else 0),
        "hit_rate": hits / answers if answers else 0.0,
    }
