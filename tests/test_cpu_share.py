"""The replica benchmark's CPU cap holds a busy process to its share, then lets go.

``bench.replicas --replica-cores`` compares one and two replicas at the same CPU
per replica; that comparison means something only if the cap is really applied.
"""

import os
import subprocess
import sys
import time

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


def test_a_capped_busy_process_uses_its_share_and_the_group_goes_after():
    busy = subprocess.Popen([sys.executable, "-c", BUSY_LOOP])
    try:
        machine_before = busy_core_seconds()
        with cpu_quota(busy.pid, 0.25, "frontline-test-cpu-share"):
            capped = _cores_used(busy.pid, 2.0)
            assert (CPU_CGROUPS / "frontline-test-cpu-share").is_dir()
        assert not (CPU_CGROUPS / "frontline-test-cpu-share").exists()
        uncapped = _cores_used(busy.pid, 1.0)
        machine_busy = busy_core_seconds() - machine_before
    finally:
        busy.kill()
        busy.wait()
    assert 0.15 < capped < 0.32
    assert uncapped > 0.45, "the process keeps its cap after the block"
    assert machine_busy >= 0.9 * (2.0 * capped + uncapped)
