"""The replica benchmark's CPU cap holds a busy process to its share, then lets go.

``bench.replicas --replica-cores`` compares one and two replicas at the same CPU
per replica; that comparison means something only if the cap is really applied.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.cpu_share import CPU_CGROUPS, busy_core_seconds, cpu_quota
from bench.load import cpu_seconds

pytestmark = pytest.mark.skipif(
    not os.access(CPU_CGROUPS, os.W_OK), reason="needs a writable CPU cgroup (root)"
)

BUSY_LOOP = "while True: pass"


def _cores_used(pid: int, seconds: float) -> float:
    """The share of one core ``pid`` used over the next ``seconds``."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / seconds


def _cpu_group(pid: int) -> str:
    """The CPU cgroup (v1) process ``pid`` is in: "/" for the root, uncapped."""
    for line in Path(f"/proc/{pid}/cgroup").read_text().splitlines():
        _, controllers, group = line.split(":", 2)
        if "cpu" in controllers.split(","):
            return group
    raise AssertionError(f"no CPU cgroup listed for process {pid}")


def test_a_capped_busy_process_uses_its_share_and_the_group_goes_after():
    busy = subprocess.Popen([sys.executable, "-c", BUSY_LOOP])
    try:
        with cpu_quota(busy.pid, 0.25, "frontline-test-cpu-share"):
            assert _cpu_group(busy.pid) == "/frontline-test-cpu-share"
            machine_before = busy_core_seconds()
            capped = _cores_used(busy.pid, 2.0)
            machine_busy = busy_core_seconds() - machine_before
        assert not (CPU_CGROUPS / "frontline-test-cpu-share").exists()
        # Back in the root group, uncapped. Timing that depends on the machine's
        # other work: one CI run measured 0.33 of a core there.
        assert _cpu_group(busy.pid) == "/"
    finally:
        busy.kill()
        busy.wait()
    assert 0.15 < capped < 0.32
    assert machine_busy >= 0.9 * 2.0 * capped
