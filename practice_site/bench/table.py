"""The table `make bench` prints."""

# Below this share of hits, a cached page's figures are not the page cache's: the run fails.
MIN_HIT_RATE = 0.99
CAMPAIGN_ROW = "{path}?utm_source=<random> (campaign link)"


def cell(run: dict | None, ceiling: float) -> str:
    if run is None:
        return "–"
    if not run["rps"]:
        return "none finished in the run"
    flag = f" ({run['errors']} errors)" if run["errors"] else ""
    return f"{run['rps']:,.1f} ({run['rps'] / ceiling:.1%}){flag}"


def latency(run: dict | None) -> str:
    return "–" if run is None or not run["rps"] else f"{run['p50']:.1f} / {run['p99']:.1f}"


def hit_rate(run: dict | None) -> str:
    return "–" if run is None else f"{run['hit_rate']:.2%}"


def cold(value: float | None, uncached: dict | None) -> str:
    if value is None:
        return "–"
    ratio = f" ({value / uncached['p50']:.2f}× warm)" if uncached and uncached["rps"] else ""
    return f"{value:.1f}{ratio}"


def rows(results: dict, figures: dict) -> list[list[str]]:
    ceiling = results["ceiling"]
    table = [
        ["page", "cached req/s (% ceiling)", "hit rate", "uncached req/s (% ceiling)", "cold p50 ms",
         "cached p50/p99 ms", "uncached p50/p99 ms", "queries", "HTML bytes raw / br / gzip"],
        ["bare WSGI app, 2 KB (ceiling)", f"{ceiling['rps']:,.1f}", "", "", "", latency(ceiling), "", "–", "2,048"],
    ]
    cached, uncached, cold_p50 = results["cached"], results["uncached"], results["cold"]
    for path, page in figures.items():
        table.append([
            path, cell(cached.get(path), ceiling["rps"]), hit_rate(cached.get(path)),
            cell(uncached[path], ceiling["rps"]), cold(cold_p50.get(path), uncached[path]),
            latency(cached.get(path)), latency(uncached[path]), str(page["queries"]),
            f"{page['raw']:,} / {page['br']:,} / {page['gzip']:,}",
        ])
    campaign = results["campaign"]
    path = results["campaign_path"]
    share = campaign["rps"] / cached[path]["rps"] if cached[path]["rps"] else 0
    table.append([
        CAMPAIGN_ROW.format(path=path), f"{cell(campaign, ceiling['rps'])}, {share:.0%} of the page's",
        hit_rate(campaign), "", "", latency(campaign), "", "", "",
    ])
    return table


def print_table(results: dict, figures: dict, staff: dict) -> None:
    table = rows(results, figures)
    widths = [max(len(row[column]) for row in table) for column in range(len(table[0]))]
    for index, row in enumerate(table):
        print("| " + " | ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    print()
    print("Staff listing p50 (signed in, Django test client): " + ", ".join(
        f"{name} {value:.0f} ms" for name, value in staff.items()))


def too_few_hits(results: dict) -> list[str]:
    """The cached runs (the campaign link's included) whose answers were not hits often enough."""
    runs = {**results["cached"], CAMPAIGN_ROW.format(path=results["campaign_path"]): results["campaign"]}
    return [f"{path}: {run['hit_rate']:.2%}" for path, run in runs.items() if run["hit_rate"] < MIN_HIT_RATE]
