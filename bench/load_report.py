"""The load test's printed tables: latency per level, targets, the first-load storm.

Split from ``bench/load.py``, which measures; this module only prints.
"""

import math

from bench.load_sessions import Tally

TARGETS = {
    "p95": "25 sessions: p95 step ≤ 1 s",
    "clean": "50 sessions: 0 errors, 0 disconnects",
    "memory": "≤ 5 MB per idle session",
}


def percentile(values: list[float], share: float) -> float | None:
    """The value below which ``share`` of ``values`` lie (nearest rank), or None."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def seconds_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_levels(levels: list[dict], think: float, seconds: float) -> None:
    print(
        f"\nSteady load: each session steps, then pauses {think:g} s ±50 %, "
        f"for {seconds:g} s. Latency in seconds."
    )
    columns = [
        "K",
        "real pages",
        "steps",
        "steps/s",
        "edit checks/s",
        "page p50",
        "page p95",
        "server map p50",
        "server map p95",
        "full step p95",
        "errors",
        "disconnects",
        "RSS start/warm/idle/stepping MB",
        "MB/idle session",
        "MB/stepping session",
        "server CPU s/step",
        "server/generator cores",
        "load avg",
    ]
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for level in levels:
        tally: Tally = level["tally"]
        k = level["sessions"]
        memory = [level[key] for key in ("started_mb", "warm_mb", "idle_mb")]
        memory.append(level["stepping_mb"])
        row = [
            str(k),
            str(level["browsers"]),
            str(level["steps"]),
            f"{level['steps/s']:.2f}",
            f"{level['edit checks/s']:.1f}",
            seconds_text(percentile(tally.browser_step, 0.5)),
            seconds_text(percentile(tally.browser_step, 0.95)),
            seconds_text(percentile(tally.map_step, 0.5)),
            seconds_text(percentile(tally.map_step, 0.95)),
            seconds_text(percentile(tally.full_step, 0.95)),
            str(len(tally.errors)),
            str(tally.disconnects),
            "/".join(f"{value:.0f}" for value in memory),
            f"{(level['idle_mb'] - level['warm_mb']) / k:.2f}",
            f"{(level['stepping_mb'] - level['warm_mb']) / k:.2f}",
            seconds_text(level["cpu/step"]),
            f"{level['server cores']:.2f}/{level['generator cores']:.2f}",
            level["load"],
        ]
        print(" | ".join(row))
    for level in levels:
        for error in sorted(set(level["tally"].errors))[:5]:
            print(f"  K={level['sessions']} error: {error}")
        print_complaints(f"K={level['sessions']}", level["complaints"])


def print_targets(levels: list[dict]) -> None:
    by_k = {level["sessions"]: level for level in levels}
    print("\nTargets:")
    if 25 in by_k:
        tally = by_k[25]["tally"]
        page = percentile(tally.browser_step, 0.95)
        server = percentile(tally.map_step, 0.95)
        verdict = "met" if page is not None and page <= 1 else "NOT met"
        print(
            f"  {TARGETS['p95']}: real pages p95 {seconds_text(page)} s "
            f"(server part p95 {seconds_text(server)} s): {verdict}"
        )
    if 50 in by_k:
        tally = by_k[50]["tally"]
        clean = not tally.errors and not tally.disconnects
        print(
            f"  {TARGETS['clean']}: {len(tally.errors)} errors, "
            f"{tally.disconnects} disconnects: {'met' if clean else 'NOT met'}"
        )
    for level in levels:
        per_session = (level["idle_mb"] - level["warm_mb"]) / level["sessions"]
        verdict = "met" if per_session <= 5 else "NOT met"
        print(
            f"  {TARGETS['memory']}: K={level['sessions']} "
            f"{per_session:.2f} MB: {verdict}"
        )


def print_complaints(label: str, complaints: list[str]) -> None:
    print(f"  {label}: the server logged {len(complaints)} warning/error lines")
    for line in sorted(set(complaints))[:3]:
        print(f"    {line[:160]}")


def print_storm(storm: dict) -> None:
    tally: Tally = storm["tally"]
    late = storm["late_browser"]
    late_text = f"{late:.1f} s" if isinstance(late, float) else late
    after = storm["after_storm"]
    after_text = f"{after:.2f} s" if isinstance(after, float) else after
    loads = tally.first_load
    print(f"\n{storm['visitors']} simultaneous first loads (warm server):")
    print(
        f"  finished {len(loads)}/{storm['visitors']} in "
        f"{storm['storm_seconds']:.0f} s; first load p50 "
        f"{seconds_text(percentile(loads, 0.5))} s, p95 "
        f"{seconds_text(percentile(loads, 0.95))} s, max "
        f"{seconds_text(max(loads, default=None))} s"
    )
    print(
        f"  of which downloading the files p50 "
        f"{seconds_text(percentile(storm['static_seconds'], 0.5))} s, then the "
        f"page's first run p50 {seconds_text(percentile(storm['run_seconds'], 0.5))}"
        f" s, p95 {seconds_text(percentile(storm['run_seconds'], 0.95))} s; "
        f"server busy {storm['server_cores']:.2f} cores"
    )
    print(
        f"  errors {len(tally.errors)}, websocket disconnects {tally.disconnects}; "
        f"{storm['files']} files, {storm['mb_per_visit']:.1f} MB per visit"
    )
    print(
        f"  /_stcore/health: {storm['health_failed']} failed probes, slowest answer "
        f"{seconds_text(storm['health_max'])} s"
    )
    print(f"  a real Chromium page opened 2 s into the storm: map after {late_text}")
    print(
        f"  after the storm: a new session's first load took "
        f"{after_text}; RSS {storm['before_mb']:.0f} → "
        f"{storm['after_mb']:.0f} MB with {len(loads)} sessions open; "
        f"load avg {storm['load']}"
    )
    for error in sorted(set(tally.errors))[:5]:
        print(f"  error: {error}")
    print_complaints("storm", storm["complaints"])
