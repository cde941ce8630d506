from pathlib import Path

import numpy as np
import pytest
import torch

from scenewright.tools.gaussians import Gaussians
from scenewright.tools.ply import read_ply, write_ply


def random_gaussians(n: int, seed: int = 0) -> Gaussians:
    g = torch.Generator().manual_seed(seed)
    return Gaussians(
        means=torch.randn(n, 3, generator=g),
        quats=torch.randn(n, 4, generator=g),
        log_scales=torch.randn(n, 3, generator=g) - 3,
        logit_opacities=torch.randn(n, generator=g),
        sh0=torch.randn(n, 3, generator=g),
        part_ids=torch.zeros(n, dtype=torch.int64),
        parts=["all"],
        pivots=torch.zeros(1, 3),
    )


def ply_bytes(header_lines: list[str], body: bytes) -> bytes:
    return ("\n".join(["ply", *header_lines, "end_header"]) + "\n").encode("ascii") + body


INRIA_PROPERTIES = (
    ["x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"]
    + [f"f_rest_{i}" for i in range(45)]
    + ["opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"]
)


def inria_file(table: np.ndarray, properties: list[str] = INRIA_PROPERTIES, kind: str = "float") -> bytes:
    header = ["format binary_little_endian 1.0", f"element vertex {table.shape[0]}"]
    header += [f"property {kind} {name}" for name in properties]
    return ply_bytes(header, table.astype("<f4").tobytes())


def test_round_trip_is_bitwise_exact(tmp_path: Path) -> None:
    gaussians = random_gaussians(257)
    write_ply(tmp_path / "scene.ply", gaussians)
    loaded = read_ply(tmp_path / "scene.ply")
    for name in ("means", "quats", "log_scales", "logit_opacities", "sh0"):
        assert torch.equal(getattr(loaded, name), getattr(gaussians, name)), name
    assert loaded.parts == ["all"] and torch.equal(loaded.pivots, torch.zeros(1, 3))
    assert torch.equal(loaded.part_ids, torch.zeros(257, dtype=torch.int64))


def test_writes_the_standard_header(tmp_path: Path) -> None:
    write_ply(tmp_path / "scene.ply", random_gaussians(3))
    header = (tmp_path / "scene.ply").read_bytes().split(b"end_header\n")[0].decode().splitlines()
    assert header[:3] == ["ply", "format binary_little_endian 1.0", "element vertex 3"]
    names = [line.split()[2] for line in header[3:]]
    assert names == ["x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity"] + [
        f"scale_{i}" for i in range(3)
    ] + [f"rot_{i}" for i in range(4)]


def test_reads_inria_layout_with_normals_and_higher_bands(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    table = rng.normal(size=(5, len(INRIA_PROPERTIES))).astype(np.float32)
    (tmp_path / "inria.ply").write_bytes(inria_file(table))
    loaded = read_ply(tmp_path / "inria.ply")
    column = {name: table[:, i] for i, name in enumerate(INRIA_PROPERTIES)}
    assert np.array_equal(loaded.means.numpy(), np.stack([column["x"], column["y"], column["z"]], 1))
    assert np.array_equal(loaded.sh0[:, 2].numpy(), column["f_dc_2"])
    assert np.array_equal(loaded.logit_opacities.numpy(), column["opacity"])
    assert np.array_equal(loaded.log_scales[:, 1].numpy(), column["scale_1"])
    assert np.array_equal(loaded.quats[:, 0].numpy(), column["rot_0"])


def valid_table() -> np.ndarray:
    return np.zeros((4, len(INRIA_PROPERTIES)), dtype=np.float32)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a ply at all", "not a PLY"),
        (
            ply_bytes(["format ascii 1.0", "element vertex 1", "property float x"], b"1\n"),
            "binary_little_endian",
        ),
        (
            ply_bytes(["format binary_big_endian 1.0", "element vertex 0", "property float x"], b""),
            "binary_little_endian",
        ),
        (inria_file(valid_table(), [n for n in INRIA_PROPERTIES if n != "rot_3"]), "rot_3"),
        (inria_file(valid_table(), kind="double"), "float"),
        (inria_file(valid_table())[:-4], "body"),
        (inria_file(valid_table()) + b"\0\0\0\0", "body"),
        (inria_file(np.full((4, len(INRIA_PROPERTIES)), np.nan, dtype=np.float32)), "NaN"),
        (inria_file(np.full((4, len(INRIA_PROPERTIES)), np.inf, dtype=np.float32)), "NaN"),
        (
            ply_bytes(
                ["format binary_little_endian 1.0", "element vertex 60000000", "property float x"], b""
            ),
            "vertex count",
        ),
        (
            ply_bytes(["format binary_little_endian 1.0", "element vertex -1", "property float x"], b""),
            "vertex count",
        ),
        (
            ply_bytes(["format binary_little_endian 1.0", "element face 3", "property float x"], b""),
            "element",
        ),
    ],
)
def test_refuses_malformed_files(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.ply").write_bytes(content)
    with pytest.raises(ValueError, match=message):
        read_ply(tmp_path / "bad.ply")
