"""Making invalid polygons valid, in a child process with a time and memory limit.

GEOS's repair (``make_valid``) is fast on the slips real boundary files have (one
crossing in 50 000 vertices: 0.4 s), but its cost grows far faster than the
vertex count when edges cross each other many times: a ring of 300 random
vertices took 10.5 s on 2 cores, one of 400 took 33 s (up to two minutes on a
busier machine), 10 000 more memory than the machine had. A C call cannot be
interrupted, so ``repaired_within`` sends a file's invalid polygons to a child
Python process (``python -m geo.geometry_repair``) as WKB, the child writes each
repair as soon as it is done, and the parent kills it at the deadline and keeps
those that finished. The child may use at most ``CHILD_MEMORY_BYTES`` of memory.
"""

import resource
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import shapely

CHILD_MEMORY_BYTES = 1 << 30
"""The child's address space: a repair that needs more fails instead of the server."""
_LENGTH = struct.Struct(">I")
_ROOT = Path(__file__).resolve().parent.parent


def repair(geometry: shapely.Geometry) -> shapely.Geometry:
    """Make a polygon valid (keeping only its areas) with counter-clockwise shells.

    In this process and without a limit: for geometry the program made itself;
    a file's polygons go through ``repaired_within``.
    """
    fixed = shapely.make_valid(geometry)
    if fixed.geom_type == "GeometryCollection":
        polygons = [part for part in fixed.geoms if part.geom_type.endswith("Polygon")]
        fixed = shapely.union_all(polygons)
    return shapely.orient_polygons(fixed)


def repaired_within(
    geometries: Sequence[shapely.Geometry], seconds: float
) -> list[shapely.Geometry | None]:
    """Each geometry repaired, or None where the repairs ran out of ``seconds``.

    One child process repairs them, those with fewest vertices first, so a
    tangled polygon cannot keep a file's ordinary slips from being repaired.
    Those it had not finished when the time was up (or that failed in it, e.g.
    for memory) are None.
    """
    if not geometries:
        return []
    order = sorted(
        range(len(geometries)),
        key=lambda index: shapely.get_num_coordinates(geometries[index]),
    )
    message = b"".join(
        _LENGTH.pack(len(wkb)) + wkb
        for wkb in shapely.to_wkb([geometries[index] for index in order])
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "geo.geometry_repair"],
        cwd=_ROOT,
        env={"OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(_ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        output, _ = child.communicate(message, timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        output, _ = child.communicate()
    repaired: list[shapely.Geometry | None] = [None] * len(geometries)
    for index, line in zip(order, output.decode("ascii").splitlines(), strict=False):
        repaired[index] = shapely.from_wkb(bytes.fromhex(line)) if line else None
    return repaired


def _serve_repairs() -> None:
    """The child's side: WKB records on stdin, one hex WKB line per repair out."""
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    data = sys.stdin.buffer.read()
    position = 0
    while position < len(data):
        (size,) = _LENGTH.unpack_from(data, position)
        position += _LENGTH.size
        wkb = data[position : position + size]
        position += size
        try:
            line = shapely.to_wkb(repair(shapely.from_wkb(wkb)), hex=True)
        except (shapely.errors.ShapelyError, MemoryError):
            line = ""
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _serve_repairs()
