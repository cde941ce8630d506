"""Every loader of a user's file, fed mutated files: it returns a valid object or raises its family's error in
one line that names the file, never another exception and never a hang; and it refuses a FIFO or a device
at once.

Each family starts from small valid files built here (3DGS and mesh PLY, OBJ with its material, GLB, glTF
with its buffers, a biped BVH, suites in JSON, JSONL and YAML, a clip folder's labels.json, an asset
sidecar, the TOML config) and derives SCENEWRIGHT_FUZZ_EXAMPLES (default 100) mutated variants of each by
seed (tests/hostile_files.py): a failure names the family, the seed and the mutations, and the same seed
gives the same file everywhere. Run with -s to see each family's counts.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
import trimesh
from hostile_files import deadline, mutate
from test_mocap import biped_bvh

from scenewright.config import ConfigError, load_run_settings
from scenewright.evals.suites import SuiteError, load_suites
from scenewright.settings import RunSettings
from scenewright.tools.scene import mocap
from scenewright.tools.scene.backends import AssetFileError, FileAsset, read_entry, source_digest
from scenewright.tools.scene.bvh import BvhError, BvhMotion, read_bvh, read_bvh_header
from scenewright.tools.scene.gaussians import Gaussians
from scenewright.tools.scene.ply import PlyError, read_ply, write_ply

EXAMPLES = int(os.environ.get("SCENEWRIGHT_FUZZ_EXAMPLES", "100"))
"""Mutated variants per valid file: 1400 cases in all by default (about 20 s); a hunt may ask for more."""
CASE_SECONDS = 20.0
"""A case still running after this long counts as a hang (the slowest valid case takes well under 1 s)."""


# ------------------------------------------------------------------------------------------ valid files


def splat_ply() -> bytes:
    gen = torch.Generator().manual_seed(3)
    gaussians = Gaussians(
        means=torch.randn(4, 3, generator=gen),
        quats=torch.randn(4, 4, generator=gen),
        log_scales=torch.randn(4, 3, generator=gen) - 3,
        logit_opacities=torch.randn(4, generator=gen),
        sh0=torch.randn(4, 3, generator=gen),
        part_ids=torch.zeros(4, dtype=torch.int64),
        parts=["all"],
        pivots=torch.zeros(1, 3),
    )
    with tempfile.TemporaryDirectory() as folder:
        write_ply(Path(folder) / "splats.ply", gaussians)
        return (Path(folder) / "splats.ply").read_bytes()


def coloured_box() -> trimesh.Trimesh:
    box = trimesh.creation.box(extents=(0.4, 1.0, 0.6))
    box.visual.vertex_colors = np.tile([200, 30, 30, 255], (len(box.vertices), 1)).astype(np.uint8)
    return box


OBJ = """mtllib box.mtl
o box
v -0.2 0 -0.3
v 0.2 0 -0.3
v 0.2 1 -0.3
v -0.2 1 -0.3
v -0.2 0 0.3
v 0.2 0 0.3
v 0.2 1 0.3
v -0.2 1 0.3
usemtl red
f 1 2 3 4
f 5 8 7 6
f 1 5 6 2
f 2 6 7 3
f 3 7 8 4
f 5 1 4 8
"""
SUITE_ITEMS = [
    {"prompt": "a red ball on a table", "expect": {"objects": ["ball", "table"]}},
    {"prompt": "a dog to the left of a cat", "spatial": "left", "object_1": "dog", "object_2": "cat"},
]
SUITE_YAML = """- prompt: a red ball on a table
  category: attribute
  expect:
    objects: [ball, table]
- prompt: a dog to the left of a cat
  spatial: left
  object_1: dog
  object_2: cat
"""
CONFIG = """llm = "offline"
[run]
fps = 12
duration_s = 2.0
asset_overrides = { dog = "corgi.ply" }
[refine]
steps = 10
"""


# ------------------------------------------------------------------------------------------ families


@dataclass(frozen=True)
class Family:
    """A kind of file: its valid seed files (name -> bytes; the first is the one mutated, the others lie
    beside it), the loader, the error it may raise, and the check of what it returns."""

    files: Callable[[], dict[str, bytes]]
    load: Callable[[Path], Any]
    error: type[ValueError]
    check: Callable[[Any], None]


def check_gaussians(gaussians: Gaussians) -> None:
    assert len(gaussians) > 0
    for name in ("means", "quats", "log_scales", "sh0", "logit_opacities"):
        assert torch.isfinite(getattr(gaussians, name)).all(), name
    assert (gaussians.quats != 0).any(-1).all()


def check_asset(gaussians: Gaussians) -> None:
    check_gaussians(gaussians)
    assert min(gaussians.extent()) > 0  # the layout's schema needs every extent positive


def build_asset(path: Path) -> Gaussians:
    """A file as the folder and file backends build it: its digest first (the files it reads), then its
    Gaussians, at the default orientation."""
    source_digest(path)
    entry = read_entry(path)
    return FileAsset(str(path), "digest", entry.up, entry.front, 1.0, 400).build(seed=0)


def load_motion(path: Path) -> BvhMotion:
    """A BVH file as a run uses it: listed (its header), read, and retargeted to the adult rig."""
    read_bvh_header(path)
    motion = read_bvh(path)
    try:
        clip = mocap.retarget(motion, mocap.adult_skeleton())
    except mocap.MocapError as error:
        assert str(path) in str(error) and "\n" not in str(error)
    else:
        assert torch.isfinite(clip.local_rotations).all() and torch.isfinite(clip.root_positions).all()
    return motion


def check_motion(motion: BvhMotion) -> None:
    assert motion.num_frames >= 1 and len(motion.names) >= 1
    assert torch.isfinite(motion.frames).all() and torch.isfinite(motion.offsets).all()
    assert np.isfinite(motion.fps) and motion.fps > 0


def load_library(path: Path) -> mocap.MotionLibrary:
    """A clip folder whose labels.json is the mutated file."""
    return mocap.MotionLibrary(path.parent)


def check_library(library: mocap.MotionLibrary) -> None:
    assert [clip.name for clip in library.clips] == ["walk"]


def check_suite(items: list[Any]) -> None:
    assert all(item.prompt.strip() and item.id for item in items)


def check_settings(settings: RunSettings) -> None:
    assert isinstance(settings, RunSettings)


def check_nothing(result: object) -> None:
    """For a loader whose result the mutation cannot make invalid without an error (a sidecar's entry)."""


def gltf_files() -> dict[str, bytes]:
    exported = coloured_box().export(file_type="gltf")
    return {"box.gltf": exported.pop("model.gltf"), **exported}


FAMILIES: dict[str, Family] = {
    "ply-3dgs": Family(lambda: {"splats.ply": splat_ply()}, read_ply, PlyError, check_gaussians),
    "ply-3dgs-asset": Family(lambda: {"splats.ply": splat_ply()}, build_asset, AssetFileError, check_asset),
    "ply-mesh": Family(
        lambda: {"box.ply": coloured_box().export(file_type="ply")}, build_asset, AssetFileError, check_asset
    ),
    "ply-mesh-ascii": Family(
        lambda: {"box.ply": coloured_box().export(file_type="ply", encoding="ascii")},
        build_asset,
        AssetFileError,
        check_asset,
    ),
    "obj": Family(
        lambda: {"box.obj": OBJ.encode(), "box.mtl": b"newmtl red\nKd 0.8 0.1 0.1\n"},
        build_asset,
        AssetFileError,
        check_asset,
    ),
    "glb": Family(
        lambda: {"box.glb": coloured_box().export(file_type="glb")}, build_asset, AssetFileError, check_asset
    ),
    "gltf": Family(gltf_files, build_asset, AssetFileError, check_asset),
    "asset-sidecar": Family(
        lambda: {
            "box.json": b'{"tags": ["crate", "box"], "up": "y", "front": "-z"}',
            "box.obj": OBJ.encode(),
        },
        lambda path: read_entry(path.with_suffix(".obj")),
        AssetFileError,
        check_nothing,
    ),
    "bvh": Family(
        lambda: {"walk.bvh": biped_bvh([{}, {"LeftUpLeg": (10.0, 0.0, 5.0)}, {}]).encode()},
        load_motion,
        BvhError,
        check_motion,
    ),
    "mocap-labels": Family(
        lambda: {
            "labels.json": b'{"walk.bvh": {"label": "a man walks", "frames": 2}}',
            "walk.bvh": biped_bvh([{}, {}]).encode(),
        },
        load_library,
        mocap.MocapError,
        check_library,
    ),
    "suite-json": Family(
        lambda: {"mine.json": json_bytes(SUITE_ITEMS)},
        lambda path: load_suites([path]),
        SuiteError,
        check_suite,
    ),
    "suite-jsonl": Family(
        lambda: {"mine.jsonl": b"\n".join(json_bytes(item) for item in SUITE_ITEMS)},
        lambda path: load_suites([path]),
        SuiteError,
        check_suite,
    ),
    "suite-yaml": Family(
        lambda: {"mine.yaml": SUITE_YAML.encode()}, lambda path: load_suites([path]), SuiteError, check_suite
    ),
    "config-toml": Family(
        lambda: {"scenewright.toml": CONFIG.encode()},
        load_run_settings,
        ConfigError,
        check_settings,
    ),
}


def json_bytes(value: object) -> bytes:
    return json.dumps(value).encode()


# ------------------------------------------------------------------------------------------ the tests


@dataclass
class Tally:
    loaded: int = 0
    refused: int = 0


def run_case(family: Family, path: Path, tally: Tally) -> str | None:
    """Load one file; None when the loader kept its contract, else what went wrong."""
    try:
        with deadline(CASE_SECONDS), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # trimesh and numpy warn about what they then refuse or repair
            result = family.load(path)
        family.check(result)
    except family.error as error:
        message = str(error)
        if str(path) not in message and path.name not in message:
            return f"{type(error).__name__} does not name the file: {message[:300]}"
        if "\n" in message:
            return f"{type(error).__name__} spans lines: {message[:300]!r}"
        tally.refused += 1
        return None
    except Exception as error:  # the contract: nothing else escapes, a hang (TimeoutError) included
        return f"{type(error).__name__}: {str(error)[:300]}"
    tally.loaded += 1
    return None


def seed_files(family: Family, folder: Path) -> tuple[Path, bytes]:
    """Writes the family's files beside the one to mutate: (its path, its valid bytes)."""
    (name, valid), *beside = family.files().items()
    for other, data in beside:
        (folder / other).write_bytes(data)
    return folder / name, valid


@pytest.mark.parametrize("family_name", list(FAMILIES))
def test_mutated_files_load_or_raise_the_familys_error_naming_the_file(
    family_name: str, tmp_path: Path
) -> None:
    family = FAMILIES[family_name]
    path, valid = seed_files(family, tmp_path)
    path.write_bytes(valid)
    tally, failures = Tally(), []
    assert run_case(family, path, tally) is None and tally.loaded == 1  # the valid file loads
    for seed in range(EXAMPLES):
        mutations, data = mutate(seed, valid)
        path.write_bytes(data)
        problem = run_case(family, path, tally)
        if problem is not None:
            failures.append(f"seed {seed} ({mutations}): {problem}")
    print(f"fuzz {family_name}: {EXAMPLES} mutated cases, {tally.loaded - 1} loaded, {tally.refused} refused")
    assert not failures, f"{len(failures)} of {EXAMPLES} cases broke the contract:\n" + "\n".join(failures)


@pytest.mark.parametrize("family_name", list(FAMILIES))
def test_a_fifo_or_device_in_place_of_the_file_is_refused_at_once(family_name: str, tmp_path: Path) -> None:
    family = FAMILIES[family_name]
    path, _ = seed_files(family, tmp_path)
    os.mkfifo(path)  # opened the usual way, a FIFO waits for a writer forever
    with deadline(CASE_SECONDS), pytest.raises(ValueError, match=f"{path}.*regular file"):
        family.load(path)
    path.unlink()
    path.symlink_to("/dev/zero")  # endless bytes
    with deadline(CASE_SECONDS), pytest.raises(ValueError, match=f"{path}.*regular file"):
        family.load(path)
