import os
import re
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import torch
from hostile_files import deadline
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenewright.tools.scene.gaussians import Gaussians
from scenewright.tools.scene.ply import PlyError, read_ply, write_ply


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
    table = np.zeros((4, len(INRIA_PROPERTIES)), dtype=np.float32)
    table[:, INRIA_PROPERTIES.index("rot_0")] = 1.0  # identity rotations
    return table


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
        (
            ply_bytes(["format binary_little_endian 1.0", "element vertex " + "9" * 5000], b""),
            "vertex count",
        ),
        (inria_file(np.zeros((4, len(INRIA_PROPERTIES)), dtype=np.float32)), "zero quaternion"),
        (inria_file(valid_table()).replace(b"\n", b"\r\n"), "not a PLY"),
    ],
)
def test_refuses_malformed_files(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.ply").write_bytes(content)
    with pytest.raises(PlyError, match=rf"^{re.escape(str(tmp_path))}/bad\.ply: .*{message}") as caught:
        read_ply(tmp_path / "bad.ply")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300


def test_refuses_what_is_not_a_regular_file_without_reading_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.ply")
    with deadline(10):
        with pytest.raises(PlyError, match=r"pipe\.ply: a PLY file must be a regular file, this is a FIFO"):
            read_ply(tmp_path / "pipe.ply")
        with pytest.raises(
            PlyError, match=r"/dev/zero: a PLY file must be a regular file, this is a character"
        ):
            read_ply("/dev/zero")
        with pytest.raises(PlyError, match=r": a PLY file must be a regular file, this is a folder"):
            read_ply(tmp_path)


def gsplat_export(
    means: torch.Tensor,  # [N, 3]
    scales: torch.Tensor,  # [N, 3] log
    quats: torch.Tensor,  # [N, 4]
    opacities: torch.Tensor,  # [N] logit
    sh0: torch.Tensor,  # [N, 1, 3]
    shN: torch.Tensor,  # [N, K, 3]
) -> bytes:
    """The bytes gsplat 1.5.3's `export_splats(..., format="ply")` writes (exporter.py, splat2ply_bytes):
    no normals, f_rest channel-major (shN permuted to [N, 3, K]), no comments, float32 little endian."""
    n = means.shape[0]
    rest = shN.permute(0, 2, 1).reshape(n, -1)  # [N, 3K]
    lines = ["ply", "format binary_little_endian 1.0", f"element vertex {n}"]
    lines += [f"property float {axis}" for axis in "xyz"]
    lines += [f"property float f_dc_{j}" for j in range(3)] + [
        f"property float f_rest_{j}" for j in range(rest.shape[1])
    ]
    lines += ["property float opacity"] + [f"property float scale_{i}" for i in range(3)]
    lines += [f"property float rot_{i}" for i in range(4)] + ["end_header"]
    body = torch.cat([means, sh0[:, 0], rest, opacities[:, None], scales, quats], dim=1).float()
    return ("\n".join(lines) + "\n").encode() + body.numpy().astype("<f4").tobytes()


@pytest.mark.parametrize("sh_degree", [0, 3])
def test_reads_gsplat_export_splats_output(tmp_path: Path, sh_degree: int) -> None:
    g = random_gaussians(33, seed=sh_degree)
    sh_rest = torch.randn(33, (sh_degree + 1) ** 2 - 1, 3, generator=torch.Generator().manual_seed(1))
    (tmp_path / "export.ply").write_bytes(gsplat_file(g, sh_rest))
    loaded = read_ply(tmp_path / "export.ply")
    for name in ("means", "quats", "log_scales", "logit_opacities", "sh0"):
        assert torch.equal(getattr(loaded, name), getattr(g, name)), name


def test_round_trip_keeps_extreme_values_and_empty_sets(tmp_path: Path) -> None:
    g = random_gaussians(4)
    g.means[0] = torch.tensor([-0.0, 3.4e38, 1e-45])  # negative zero, near float32 max, subnormal
    g.logit_opacities[1] = -1e30
    for gaussians in (g, random_gaussians(0)):
        write_ply(tmp_path / "scene.ply", gaussians)
        loaded = read_ply(tmp_path / "scene.ply")
        assert loaded.means.numpy().tobytes() == gaussians.means.numpy().tobytes()
        assert torch.equal(loaded.logit_opacities, gaussians.logit_opacities)


def test_a_lying_vertex_count_allocates_nothing(tmp_path: Path) -> None:
    """A header promising 50 million vertices over a 4-vertex body is refused before any allocation."""
    header = ["format binary_little_endian 1.0", "element vertex 50000000"]
    header += [f"property float {name}" for name in INRIA_PROPERTIES]
    (tmp_path / "liar.ply").write_bytes(ply_bytes(header, valid_table().tobytes()))
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="header promises"):
            read_ply(tmp_path / "liar.ply")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def our_file(gaussians: Gaussians) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        write_ply(Path(folder) / "scene.ply", gaussians)
        return (Path(folder) / "scene.ply").read_bytes()


def gsplat_file(gaussians: Gaussians, sh_rest: torch.Tensor) -> bytes:
    g = gaussians
    return gsplat_export(g.means, g.log_scales, g.quats, g.logit_opacities, g.sh0[:, None], sh_rest)


VALID_FILES = [
    our_file(random_gaussians(3, seed=7)),
    gsplat_file(random_gaussians(3, seed=8), torch.linspace(-1, 1, 27).reshape(3, 3, 3)),
    inria_file(np.random.default_rng(7).normal(size=(3, len(INRIA_PROPERTIES)))),
]
"""Small valid files in the three layouts: ours, gsplat's export (degree 1), Inria's (normals, degree 3)."""
HEADER_LINES = [
    "element vertex 3", "element vertex 50000001", "element vertex -3", "element vertex 3.0",
    "element vertex 0x10", "element vertex", "element face 3", "property double x", "property float",
    "property list uchar int vertex_indices", "property uchar opacity", "property float x",
    "format ascii 1.0", "format binary_big_endian 1.0", "format", "comment made by hand", "", "end_header",
]  # fmt: skip
"""Header lines a broken or hostile writer might produce."""


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A valid file with one to three mutations: byte flips, truncation, header lines, counts, NaN, junk.

    Flips confined to the body keep the header intact, so that some mutated files still load."""
    data = bytearray(draw(st.sampled_from(VALID_FILES)))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(["flip", "flip body", "truncate", "header line", "count", "nan", "append"])
        )
        header_end = data.find(b"end_header\n")
        if kind in ("flip", "flip body") and data:
            first = header_end + len(b"end_header\n") if kind == "flip body" and header_end > 0 else 0
            positions = st.integers(min(first, len(data) - 1), len(data) - 1)
            for position, value in draw(st.lists(st.tuples(positions, st.integers(0, 255)))):
                data[position] = value
        elif kind == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "header line" and header_end > 0:
            lines = bytes(data[:header_end]).split(b"\n")
            line = draw(st.sampled_from(HEADER_LINES) | st.text(st.characters(codec="ascii"), max_size=24))
            lines[draw(st.integers(0, len(lines) - 1))] = line.encode()
            data = bytearray(b"\n".join(lines)) + data[header_end:]
        elif kind == "count":
            count = str(draw(st.integers(-10, 10**12))).encode()
            data = bytearray(re.sub(rb"element vertex \d+", b"element vertex " + count, bytes(data), count=1))
        elif kind == "nan" and 0 < header_end < len(data) - 16:
            slot = draw(st.integers(0, (len(data) - header_end - 11) // 4 - 1))
            offset = header_end + len(b"end_header\n") + 4 * slot
            data[offset : offset + 4] = np.float32(draw(st.sampled_from([np.nan, np.inf, -np.inf]))).tobytes()
        elif kind == "append":
            data += draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated_files())
def test_fuzzed_files_load_as_valid_gaussians_or_raise_a_clear_value_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzzed.ply"
    path.write_bytes(data)
    tracemalloc.start()
    try:
        gaussians = read_ply(path)
    except PlyError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)  # names the file, in one line
        return
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 4 * len(data) + (1 << 20)  # nothing sized by what the header claims
    n = len(gaussians)
    for name, width in (("means", 3), ("quats", 4), ("log_scales", 3), ("sh0", 3)):
        value = getattr(gaussians, name)
        assert value.shape == (n, width) and value.dtype == torch.float32 and torch.isfinite(value).all()
    assert gaussians.logit_opacities.shape == (n,) and torch.isfinite(gaussians.logit_opacities).all()
    assert (gaussians.quats != 0).any(-1).all()
