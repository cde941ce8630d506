"""The standard 3DGS PLY (binary little endian, float32, pre-activation), as Inria and gsplat write it.

Files written here open in other splat viewers; files from gsplat's `export_splats` (format "ply") or the
Inria trainer load here. Normals and higher SH bands are read past and dropped, since the rasterizer uses
the DC colour only. Parts have no place in the format, so a read file is a single part "all" pivoting at
the origin.

Reading trusts nothing in the file: every malformed file (bad header, truncated or overlong body, absurd
counts, non-float properties, NaN, a zero quaternion) raises a ValueError that says what is wrong, and the
body size is checked against the header before anything is allocated from it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from scenewright.tools.scene.gaussians import Gaussians

MAX_VERTICES = 50_000_000
MAX_HEADER_BYTES = 64 * 1024
HEADER_END = b"\nend_header\n"
REQUIRED = (
    ["x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity"]
    + [f"scale_{i}" for i in range(3)]
    + [f"rot_{i}" for i in range(4)]
)
"""The properties write_ply writes, in this order; read_ply needs them in any order."""
FLOAT_TYPES = ("float", "float32")


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


def _read_header(data: bytes) -> tuple[int, list[str], int]:
    """-> (vertex count, property names in file order, offset of the body)."""
    end = data.find(HEADER_END, 0, MAX_HEADER_BYTES)
    if not data.startswith(b"ply\n") or end < 0:
        raise ValueError("not a PLY file: expected 'ply' and 'end_header' lines within the first 64 KiB")
    lines = data[:end].decode("ascii", errors="replace").split("\n")[1:]
    count, names, has_format = None, [], False
    for line in lines:
        words = line.split()
        if not words or words[0] in ("comment", "obj_info"):
            continue
        if words[0] == "format":
            if words[1:] != ["binary_little_endian", "1.0"]:
                raise ValueError(
                    f"unsupported PLY format '{' '.join(words[1:])}': need binary_little_endian 1.0"
                )
            has_format = True
        elif words[0] == "element":
            if len(words) != 3 or words[1] != "vertex" or count is not None:
                raise ValueError(f"unsupported PLY element line '{line}': need a single 'element vertex N'")
            digits = words[2]
            if not (digits.isascii() and digits.isdigit() and len(digits) <= 9) or int(digits) > MAX_VERTICES:
                raise ValueError(f"PLY vertex count '{words[2]}' is not an integer in 0..{MAX_VERTICES}")
            count = int(words[2])
        elif words[0] == "property":
            if count is None or len(words) != 3:
                raise ValueError(f"malformed PLY property line '{line}'")
            if words[1] not in FLOAT_TYPES:
                raise ValueError(
                    f"PLY property '{words[2]}' has type '{words[1]}'; every property must be float"
                )
            names.append(words[2])
        else:
            raise ValueError(f"unexpected PLY header line '{line}'")
    if count is None or not has_format:
        raise ValueError("PLY header lacks a format or an 'element vertex' line")
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ValueError(f"PLY lacks the 3DGS properties {missing}")
    if len(set(names)) != len(names):
        raise ValueError("PLY header repeats a property")
    return count, names, end + len(HEADER_END)


def read_ply(path: str | Path) -> Gaussians:
    data = Path(path).read_bytes()
    count, names, offset = _read_header(data)
    expected = count * len(names) * 4
    if len(data) - offset != expected:
        raise ValueError(f"PLY body holds {len(data) - offset} bytes; the header promises {expected}")
    table = np.frombuffer(data, dtype="<f4", count=count * len(names), offset=offset).reshape(
        count, len(names)
    )
    if not np.isfinite(table).all():
        raise ValueError("PLY holds NaN or infinite values")
    columns = torch.from_numpy(table.astype(np.float32))  # [N, properties]

    def take(*wanted: str) -> torch.Tensor:
        return columns[:, [names.index(name) for name in wanted]]

    zero_quats = torch.nonzero((take("rot_0", "rot_1", "rot_2", "rot_3") == 0).all(-1)).flatten()
    if zero_quats.numel():
        raise ValueError(f"PLY vertex {int(zero_quats[0])} has a zero quaternion, which is no rotation")

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
