"""The standard 3DGS PLY (binary little endian, float32, pre-activation), as Inria and gsplat write it.

Files written here open in other splat viewers; files from gsplat's `export_splats` (format "ply") or the
Inria trainer load here. Normals and higher SH bands are read past and dropped, since the rasterizer uses
the DC colour only. Parts have no place in the format, so a read file is a single part "all" pivoting at
the origin.

Reading trusts nothing in the file: only a regular file of at most MAX_PLY_BYTES is read (tools/files.py),
every malformed file (bad header, truncated or overlong body, absurd counts, non-float properties, NaN, a
zero quaternion) raises a PlyError that names the file and says what is wrong, and the body size is checked
against the header before anything is allocated from it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from scenewright.tools.files import MIB, FileKind, read_bytes, shown
from scenewright.tools.scene.gaussians import Gaussians

MAX_VERTICES = 50_000_000
MAX_PLY_BYTES = 4096 * MIB
"""The largest PLY read: 4 GiB is 16 million splats with every SH band, a large capture, read whole."""
MAX_HEADER_BYTES = 64 * 1024
HEADER_END = b"\nend_header\n"
REQUIRED = (
    ["x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity"]
    + [f"scale_{i}" for i in range(3)]
    + [f"rot_{i}" for i in range(4)]
)
"""The properties write_ply writes, in this order; read_ply needs them in any order."""
FLOAT_TYPES = ("float", "float32")


class PlyError(ValueError):
    """A PLY file that cannot be read as 3DGS splats, in one line that starts with the file's name."""


PLY_FILES = FileKind("a PLY file", MAX_PLY_BYTES, PlyError)


def write_ply(path: str | Path, gaussians: Gaussians) -> None:
    header = "\n".join(
        ["ply", "format binary_little_endian 1.0", f"element vertex {len(gaussians)}"]
        + [f"property float {name}" for name in REQUIRED]
        + ["end_header", ""]
    )
    columns = torch.cat(
        [
            gaussians.means,
            gaussians.sh0,
            gaussians.logit_opacities[:, None],
            gaussians.log_scales,
            gaussians.quats,
        ],
        dim=1,
    )  # [N, 14] in REQUIRED order
    body = columns.detach().cpu().numpy().astype("<f4").tobytes()
    Path(path).write_bytes(header.encode("ascii") + body)


def _read_header(data: bytes, source: str) -> tuple[int, list[str], int]:
    """-> (vertex count, property names in file order, offset of the body); `source` names the file."""
    end = data.find(HEADER_END, 0, MAX_HEADER_BYTES)
    if not data.startswith(b"ply\n") or end < 0:
        raise PlyError(
            f"{source}: not a PLY file: expected 'ply' and 'end_header' lines within the first 64 KiB"
        )
    lines = data[:end].decode("ascii", errors="replace").split("\n")[1:]
    count, names, has_format = None, [], False
    for line in lines:
        words = line.split()
        if not words or words[0] in ("comment", "obj_info"):
            continue
        if words[0] == "format":
            if words[1:] != ["binary_little_endian", "1.0"]:
                raise PlyError(
                    f"{source}: unsupported PLY format {shown(' '.join(words[1:]))}: "
                    "need binary_little_endian 1.0"
                )
            has_format = True
        elif words[0] == "element":
            if len(words) != 3 or words[1] != "vertex" or count is not None:
                raise PlyError(
                    f"{source}: unsupported PLY element line {shown(line)}: need a single 'element vertex N'"
                )
            digits = words[2]
            if not (digits.isascii() and digits.isdigit() and len(digits) <= 9) or int(digits) > MAX_VERTICES:
                raise PlyError(
                    f"{source}: PLY vertex count {shown(digits)} is not an integer in 0..{MAX_VERTICES}"
                )
            count = int(digits)
        elif words[0] == "property":
            if count is None or len(words) != 3:
                raise PlyError(f"{source}: malformed PLY property line {shown(line)}")
            if words[1] not in FLOAT_TYPES:
                raise PlyError(
                    f"{source}: PLY property {shown(words[2])} has type {shown(words[1])}; "
                    "every property must be float"
                )
            names.append(words[2])
        else:
            raise PlyError(f"{source}: unexpected PLY header line {shown(line)}")
    if count is None or not has_format:
        raise PlyError(f"{source}: PLY header lacks a format or an 'element vertex' line")
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise PlyError(f"{source}: PLY lacks the 3DGS properties {missing}")
    if len(set(names)) != len(names):
        raise PlyError(f"{source}: PLY header repeats a property")
    return count, names, end + len(HEADER_END)


def read_ply(path: str | Path) -> Gaussians:
    """A 3DGS PLY file's splats; PlyError naming the file for anything that is not (module docstring)."""
    data = read_bytes(path, PLY_FILES)
    count, names, offset = _read_header(data, str(path))
    expected = count * len(names) * 4
    if len(data) - offset != expected:
        raise PlyError(f"{path}: PLY body holds {len(data) - offset} bytes; the header promises {expected}")
    table = np.frombuffer(data, dtype="<f4", count=count * len(names), offset=offset).reshape(
        count, len(names)
    )
    if not np.isfinite(table).all():
        raise PlyError(f"{path}: PLY holds NaN or infinite values")
    columns = torch.from_numpy(table.astype(np.float32))  # [N, properties]

    def take(*wanted: str) -> torch.Tensor:
        return columns[:, [names.index(name) for name in wanted]]

    zero_quats = torch.nonzero((take("rot_0", "rot_1", "rot_2", "rot_3") == 0).all(-1)).flatten()
    if zero_quats.numel():
        raise PlyError(f"{path}: PLY vertex {int(zero_quats[0])} has a zero quaternion, which is no rotation")

    return Gaussians(
        means=take("x", "y", "z"),
        quats=take("rot_0", "rot_1", "rot_2", "rot_3"),
        log_scales=take("scale_0", "scale_1", "scale_2"),
        logit_opacities=take("opacity")[:, 0],
        sh0=take("f_dc_0", "f_dc_1", "f_dc_2"),
        part_ids=torch.zeros(count, dtype=torch.int64),
        parts=["all"],
        pivots=torch.zeros(1, 3),
    )
