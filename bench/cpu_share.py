"""How much CPU a process may use, and how much the machine used.

``bench.replicas`` asks whether a second replica doubles what one serves. On a
2-core machine that also runs the readers, nginx and PostgreSQL, two uncapped
replicas run out of cores before they run out of anything of their own. Giving
every replica the same fixed share of a core (a Linux CPU cgroup's quota) asks the
question at the same CPU per replica; the machine's busy cores, from
``/proc/stat``, show whether the cores ran out.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["CPU_CGROUPS", "busy_core_seconds", "cpu_quota"]

CPU_CGROUPS = Path("/sys/fs/cgroup/cpu")


@contextlib.contextmanager
def cpu_quota(pid: int, cores: float, name: str) -> Iterator[None]:
    """Run process ``pid`` (all its threads) on at most ``cores`` of the CPU.

    A cgroup v1 CPU group named ``name`` holds it for the ``with`` block; after
    it, anything left in the group goes back to the root group and the group is
    removed. Needs root on a machine that mounts the v1 CPU controller.
    """
    group = CPU_CGROUPS / name
    try:
        group.mkdir()
    except OSError as error:
        raise SystemExit(
            f"Cannot limit a replica's CPU: {CPU_CGROUPS} must be a writable cgroup "
            f"v1 CPU controller (run as root), or leave out --replica-cores ({error})."
        ) from error
    try:
        period = int((group / "cpu.cfs_period_us").read_text())
        (group / "cpu.cfs_quota_us").write_text(str(round(cores * period)))
        (group / "cgroup.procs").write_text(str(pid))
        yield
    finally:
        for task in (group / "cgroup.procs").read_text().split():
            with contextlib.suppress(OSError):  # it has exited meanwhile
                (CPU_CGROUPS / "cgroup.procs").write_text(task)
        group.rmdir()


def busy_core_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since it booted."""
    fields = [int(field) for field in Path("/proc/stat").read_text().split()[1:9]]
    idle, iowait = fields[3], fields[4]
    return (sum(fields) - idle - iowait) / os.sysconf("SC_CLK_TCK")
