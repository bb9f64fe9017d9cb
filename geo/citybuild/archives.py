"""Uploads by file name, zip archives unpacked, and the one boundary file among them."""

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from geo.citybuild.formats import BOUNDARY_SUFFIXES, not_read_problem
from geo.citybuild.inputs import SourceFile, oversize_problem
from geo.problems import Problem


def unpacked_uploads(
    files: Sequence[SourceFile],
) -> tuple[dict[str, bytes], list[Problem]]:
    """Uploaded files by base name, zip archives unpacked (base names only).

    Folders inside an archive are dropped, so a Shapefile's parts end up side by
    side whatever folder they were zipped in; macOS metadata and hidden files are
    skipped. Each upload, each archive's unpacked size and the total are held to
    ``MAX_SOURCE_BYTES``.
    """
    contents: dict[str, bytes] = {}
    problems: list[Problem] = []
    for upload in files:
        if big := oversize_problem(len(upload.data), upload.name):
            problems.append(big)
            continue
        if not upload.name.lower().endswith(".zip"):
            contents[PurePosixPath(upload.name).name] = upload.data
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(upload.data))
        except zipfile.BadZipFile as error:
            problems.append(Problem(upload.name, "", "", f"is not a zip file: {error}"))
            continue
        members = [
            member
            for member in archive.infolist()
            if not member.is_dir()
            and not member.filename.startswith("__MACOSX/")
            and not PurePosixPath(member.filename).name.startswith(".")
        ]
        size = sum(member.file_size for member in members)
        if big := oversize_problem(size, upload.name, "unpacks to"):
            problems.append(big)
            continue
        try:
            for member in members:
                contents[PurePosixPath(member.filename).name] = archive.read(member)
        except (zipfile.BadZipFile, NotImplementedError) as error:
            problems.append(
                Problem(upload.name, "", "", f"cannot be unpacked: {error}")
            )
    total = sum(len(data) for data in contents.values())
    if (big := oversize_problem(total, "upload", "the files are")) and not problems:
        problems.append(big)
    return contents, problems


def main_boundary_file(contents: Mapping[str, bytes]) -> str | Problem:
    """The name of the one boundary file among the unpacked uploads, or why not."""
    candidates = [name for name in contents if name.lower().endswith(BOUNDARY_SUFFIXES)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return not_read_problem(list(contents))
    return Problem(
        "upload",
        "",
        "",
        f"holds several districts files ({', '.join(sorted(candidates))}); give one",
    )
