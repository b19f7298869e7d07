"""The benchmark's Markdown report: the figures, and each target as met or missed by how much."""

PAGE_WEIGHT_LIMIT = 30 * 1024
RSS_LIMIT_MIB = 60


def _ratio(value: float, floor: float) -> float:
    return round(value / floor, 3) if floor else 0.0


def targets(result: dict) -> list[tuple[str, str, str, bool]]:
    """(target, measured, goal, met) for every target the issue sets."""
    rows = []
    scales = result["scales"]
    for label, scale in scales.items():
        floor = scale.get("floor") or result["floor"]
        public, ticks = scale["public"], scale["ticks"]
        throughput = _ratio(public["rps"], floor["rps"])
        rows.append(
            (
                f"public page throughput, {label}",
                f"{throughput} × floor ({public['rps']:.0f}/s vs {floor['rps']:.0f}/s)",
                "≥ 0.8 × floor",
                throughput >= 0.8,
            )
        )
        p99 = _ratio(public["p99_ms"], floor["p99_ms"])
        rows.append((f"public page p99, {label}", f"{p99} × floor's p99", "≤ 2 × floor's p99", p99 <= 2))
        tick = _ratio(ticks["rps"], floor["rps"])
        measured = f"{tick} × floor"
        if scale.get("signed_in_nothing"):
            nothing = _ratio(scale["signed_in_nothing"]["rps"], floor["rps"])
            measured += f" (a signed-in POST that does nothing: {nothing} ×)"
        rows.append((f"tick throughput, {label}", measured, "≥ 0.25 × floor", tick >= 0.25))
        for name, measured in scale.get("anonymous", {}).items():
            ratio = _ratio(measured["rps"], floor["rps"])
            rows.append(
                (
                    f"{name} throughput, {label}",
                    f"{ratio} × floor ({measured['rps']:.0f}/s)",
                    "≥ 0.8 × floor",
                    ratio >= 0.8,
                )
            )
        if scale.get("flood"):
            rows.append(flood_target(scale["flood"], label))
        if scale.get("live"):
            rows += live_targets(scale, label, floor)
        anonymous_errors = sum(measured["non_2xx"] for measured in scale.get("anonymous", {}).values())
        errors = public["non_2xx"] + ticks["non_2xx"] + anonymous_errors
        rows.append((f"errors under load, {label}", str(errors), "0", errors == 0))
        weight = scale["weight"]
        rows.append(
            (
                f"public page first load, {label}",
                f"{weight['bytes'] / 1024:.1f} KB in {weight['requests']} requests, {len(weight['off_site'])} off-site",
                "≤ 30 KB, none off-site",
                weight["bytes"] <= PAGE_WEIGHT_LIMIT and not weight["off_site"],
            )
        )
        rss, pss = max(scale["rss_mib"] or [0]), max(scale["pss_mib"] or [0])
        rows.append(
            (
                f"memory per worker, {label}",
                f"{rss} MiB resident ({pss} MiB proportional share; a bare Flask worker:"
                f" {max(floor.get('rss_mib') or [0])} MiB)",
                f"≤ {RSS_LIMIT_MIB} MiB resident",
                rss <= RSS_LIMIT_MIB,
            )
        )
    small = next((scale for label, scale in scales.items() if label.startswith("small")), None)
    large = next((scale for label, scale in scales.items() if label.startswith("large")), None)
    if small and large:
        for what in ("public", "ticks"):
            ratio = _ratio(large[what]["rps"], small[what]["rps"])
            rows.append(
                (
                    f"scaling of {what} throughput, {large['schools']} vs {small['schools']} schools",
                    f"{ratio}",
                    "≥ 0.9",
                    ratio >= 0.9,
                )
            )
        same = small["queries"] == large["queries"]
        rows.append(("SQL queries per page, small vs large", "same" if same else "differ", "same", same))
    return rows


def live_targets(scale: dict, label: str, floor: dict) -> list[tuple[str, str, str, bool]]:
    """The phone's tick and the open case page (issue #16): size, latency, throughput, the poll's 304."""
    live, page = scale["live"], scale["in_process"]["checklist page"]
    tick, poll = live["tick"], live["poll_load"]
    nothing = scale.get("signed_in_nothing") or {"rps": 0}
    versus_nothing = _ratio(scale["ticks"]["rps"], nothing["rps"])
    polls = _ratio(poll["rps"], floor["rps"])
    return [
        (f"tick response, {label}", f"{tick['bytes']} bytes", "≤ 4096 bytes", tick["bytes"] <= 4096),
        (
            f"tick in-process p50 (with the page's last-seen event), {label}",
            f"{tick['p50_ms']} ms (p99 {tick['p99_ms']} ms, {tick['queries']} statements)",
            "≤ 4 ms",
            tick["p50_ms"] <= 4,
        ),
        (
            f"tick throughput vs a signed-in POST that does nothing, {label}",
            f"{versus_nothing} × ({scale['ticks']['rps']:.0f}/s vs {nothing['rps']:.0f}/s)",
            "≥ 0.5 ×",
            versus_nothing >= 0.5,
        ),
        (
            f"case page in-process, {label}",
            f"p50 {page['p50_ms']} ms, p99 {page['p99_ms']} ms",
            "p50 ≤ 10 ms, p99 ≤ 30 ms",
            page["p50_ms"] <= 10 and page["p99_ms"] <= 30,
        ),
        (
            f"open page's poll answering 304, {label}",
            f"{polls} × floor ({poll['rps']:.0f}/s; in-process p50 {live['poll']['p50_ms']} ms,"
            f" {live['poll']['queries']} statements)",
            "≥ 0.5 × floor",
            polls >= 0.5,
        ),
    ]


def flood_target(flood: dict, label: str) -> tuple[str, str, str, bool]:
    idle, flooded = flood["idle"], flood["flooded"]
    ratio = _ratio(flooded["p50_ms"], idle["p50_ms"])
    attack = flood["flood"]
    return (
        f"staff case list under a PDF flood vs idle, {label}",
        f"{ratio} × (p50 {flooded['p50_ms']} ms vs {idle['p50_ms']} ms; p99 {flooded['p99_ms']} vs"
        f" {idle['p99_ms']} ms; flood {attack['rps']:.0f}/s, of which {attack['non_2xx']} refused with 503;"
        f" workers' memory afterwards {max(flood.get('rss_mib_after') or [0])} MiB resident)",
        "≤ 1.5 ×",
        ratio <= 1.5,
    )


def anonymous_rows(scales: dict, floor: dict) -> list[str]:
    names = list(next(iter(scales.values())).get("anonymous", {}))
    lines = []
    for name in names:
        cells = []
        for scale in scales.values():
            measured = scale.get("anonymous", {}).get(name)
            base = (scale.get("floor") or floor)["rps"]
            cells.append(
                f"{measured['rps']:.0f}/s ({_ratio(measured['rps'], base)} × floor), p99 {measured['p99_ms']} ms"
                if measured
                else "not measured"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def markdown(result: dict) -> str:
    floor = result["floor"]
    lines = [
        f"Benchmark of {result['when']} on {result['machine']['cpus']} CPUs, Python {result['machine']['python']};"
        f" gunicorn -w 4 (sync workers), wrk -t2 -c16 from a second process on 127.0.0.1.",
        "",
        f"Floor (bare Flask route, same gunicorn settings) at the start: **{floor['rps']:.0f} requests/s**,"
        f" p50 {floor['p50_ms']} ms, p99 {floor['p99_ms']} ms; it is measured again next to each data set's"
        " runs and each ratio uses that one.",
        "",
    ]
    scales = result["scales"]
    labels = list(scales)
    lines += [
        "| request | "
        + " | ".join(f"{label}: in-process p50 / p99 ms" for label in labels)
        + " | "
        + " | ".join(f"{label}: HTTP p50 / p99 ms" for label in labels)
        + " | SQL queries |",
        "|---|" + "---|" * (2 * len(labels) + 1),
    ]
    for request in next(iter(scales.values()))["in_process"]:
        cells = [
            f"{s['in_process'][request]['p50_ms']} / {s['in_process'][request]['p99_ms']}" for s in scales.values()
        ]
        cells += [f"{s['latency'][request]['p50_ms']} / {s['latency'][request]['p99_ms']}" for s in scales.values()]
        queries = " / ".join(str(s["queries"][request]) for s in scales.values())
        lines.append(f"| {request} | " + " | ".join(cells) + f" | {queries} |")
    lines += ["", "| under load | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    lines.append(
        "| floor, measured next to this set | "
        + " | ".join(
            f"{(s.get('floor') or floor)['rps']:.0f}/s, p99 {(s.get('floor') or floor)['p99_ms']} ms"
            for s in scales.values()
        )
        + " |"
    )
    for what, name in (
        ("public", "public school page"),
        ("ticks", "staff ticks (htmx POST)"),
        ("signed_in_nothing", "signed-in htmx POST that does nothing (a tick's ceiling)"),
    ):
        cells = [
            f"{s[what]['rps']:.0f}/s ({_ratio(s[what]['rps'], (s.get('floor') or floor)['rps'])} × floor),"
            f" p99 {s[what]['p99_ms']} ms"
            if s.get(what)
            else "not measured"
            for s in scales.values()
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += anonymous_rows(scales, floor)
    lines.append(
        "| data set | " + " | ".join(f"{s['schools']:,} schools, {s['rows']:,} rows" for s in scales.values()) + " |"
    )
    lines += ["", "| target | measured | goal | |", "|---|---|---|---|"]
    for name, measured, goal, met in targets(result):
        lines.append(f"| {name} | {measured} | {goal} | {'met' if met else '**missed**'} |")
    return "\n".join(lines) + "\n"
