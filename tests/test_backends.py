"""Asset backends: a user's folder of splat and mesh files, one given file, and Shap-E
(tools/scene/backends.py).

Meshes are made here with trimesh; the Shap-E pipeline is a tiny, randomly initialised one built and saved
in the test, then loaded and sampled through the same code as real weights.
"""

from __future__ import annotations

import json
import os
import string
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
import trimesh
from hostile_files import deadline

from scenewright.api import GenerateError, check_run_settings, generate
from scenewright.cli import build_parser, main, run_settings_from
from scenewright.graphs.generate import instance_seed, recipes_for
from scenewright.schema import Color, EntitySpec, Plan, SceneDocument
from scenewright.settings import RunSettings
from scenewright.tools.scene.asset_cache import AssetCache
from scenewright.tools.scene.assets import build_asset
from scenewright.tools.scene.backends import (
    DEFAULT_RGB,
    AssetFileError,
    FileAsset,
    ShapEAsset,
    choose_backends,
    describe_choices,
    load_mesh,
    load_shap_e,
    load_splats,
    match_file,
    orientation,
    sample_shap_e,
    scan_folder,
)
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.gaussians import Gaussians, quat_multiply, quat_to_rotmat, rotmat_to_quat
from scenewright.tools.scene.ply import read_ply, write_ply

RED, BLUE = [255, 0, 0, 255], [0, 0, 255, 255]


def entity(name: str, category: str, color: str | None = None, **fields: object) -> EntitySpec:
    rgb = {"red": (0.85, 0.1, 0.1), "blue": (0.1, 0.2, 0.85)}
    return EntitySpec(
        id=fields.pop("id", name.replace(" ", "_")),  # type: ignore[arg-type]
        name=name,
        category=category,
        color=None if color is None else Color(name=color, rgb=rgb[color]),
        **fields,  # type: ignore[arg-type]
    )


def touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"")


def box_mesh(extents: tuple[float, float, float], rgba: list[int] | None = None) -> trimesh.Trimesh:
    box = trimesh.creation.box(extents=extents)
    if rgba is not None:
        box.visual.vertex_colors = np.tile(rgba, (len(box.vertices), 1)).astype(np.uint8)
    return box


# ----------------------------------------------------------------------------------------- folder matching


def test_folder_matches_by_name_then_category_then_tags(tmp_path: Path) -> None:
    touch(
        tmp_path, "corgi.ply", "dog.glb", "car.obj", "Red-Car.obj", "props/pup.obj", "ball.ply", "zz/ball.obj"
    )
    (tmp_path / "props" / "pup.json").write_text(json.dumps({"tags": ["puppy", "Hound"]}))
    entries = scan_folder(tmp_path)

    def matched(spec: EntitySpec, seed: int = 0) -> tuple[str, str] | None:
        match = match_file(entries, spec, seed)
        return None if match is None else (match.entry.path.relative_to(tmp_path).as_posix(), match.how)

    assert matched(entity("corgi", "dog")) == ("corgi.ply", "name")
    assert matched(entity("beagle", "dog")) == ("dog.glb", "category")
    assert matched(entity("hound", "generic")) == ("props/pup.obj", "tag 'hound'")
    assert matched(entity("car", "car", "red")) == ("Red-Car.obj", "name")  # its own colour word is preferred
    assert matched(entity("car", "car", "blue")) == ("car.obj", "name")  # 'red car' is not a blue car
    assert matched(entity("tree", "tree")) is None
    # Two files named 'ball': sorted by path, the seed picks one, the same one for the same seed.
    picks = {matched(entity("ball", "ball"), seed) for seed in range(4)}
    assert picks == {("ball.ply", "name"), ("zz/ball.obj", "name")}
    assert matched(entity("ball", "ball"), 5) == matched(entity("ball", "ball"), 5)


def test_sidecars_are_checked_with_the_file_named(tmp_path: Path) -> None:
    touch(tmp_path, "corgi.ply")
    (tmp_path / "corgi.json").write_text(json.dumps({"tag": ["dog"]}))
    with pytest.raises(ValueError, match=r"corgi\.json: unknown key\(s\) tag"):
        scan_folder(tmp_path)
    (tmp_path / "corgi.json").write_text(json.dumps({"up": "y", "front": "y"}))
    with pytest.raises(ValueError, match=r"corgi\.ply: front '\+y' must be perpendicular to up '\+y'"):
        scan_folder(tmp_path)
    (tmp_path / "corgi.json").unlink()
    (tmp_path / "assets.json").write_text(json.dumps({"corgy.ply": {"tags": ["dog"]}}))
    with pytest.raises(ValueError, match=r"names corgy\.ply, which the folder does not hold"):
        scan_folder(tmp_path)
    (tmp_path / "assets.json").write_text(json.dumps({"corgi.ply": {"tags": ["puppy"], "up": "-y"}}))
    (entry,) = scan_folder(tmp_path)
    assert (entry.tags, entry.up, entry.front) == (("puppy",), "-y", "+x")


def test_unmatched_entities_fall_back_to_procedural_and_the_events_say_why(tmp_path: Path) -> None:
    write_ply(tmp_path / "corgi.ply", build_asset("dog", None, [], seed=1))
    plan = Plan(
        prompt="a corgi and a red ball",
        environment="park",
        entities=[entity("corgi", "dog"), entity("ball", "ball", "red", count=2)],
    )
    settings = RunSettings(asset_folder=str(tmp_path), asset_overrides=(("cat", "procedural"),)).validate()
    seeds = {i: instance_seed(0, i) for i in plan.group_of()}
    choices = choose_backends(plan, settings, seeds)
    assert choices["corgi"].backend == "folder" and choices["ball_1"].backend == "procedural"
    assert describe_choices(plan, settings, choices) == [
        f"corgi: folder {tmp_path / 'corgi.ply'} (name)",
        f"ball: procedural (no file in {tmp_path} matched)",
        "--asset cat=procedural: no entity has the id, name or category 'cat'",
    ]
    recipes = recipes_for(plan, 0, {}, choices)
    assert recipes["corgi"].source == choices["corgi"].source and recipes["corgi"].rgb is None
    assert recipes["ball_1"].source is None and recipes["ball_1"].rgb == (0.85, 0.1, 0.1)
    # Procedural by default: no lines.
    assert describe_choices(plan, RunSettings(), choose_backends(plan, RunSettings(), seeds)) == []


# ----------------------------------------------------------------------------------------- normalisation


def test_orientation_turns_up_to_y_and_front_to_x() -> None:
    turn = orientation("z", "-x")  # [3, 3]
    assert torch.equal(turn @ torch.tensor([0.0, 0.0, 1.0]), torch.tensor([0.0, 1.0, 0.0]))
    assert torch.equal(turn @ torch.tensor([-1.0, 0.0, 0.0]), torch.tensor([1.0, 0.0, 0.0]))
    assert torch.linalg.det(turn) == pytest.approx(1.0)


def test_splat_file_is_turned_upright_recentred_and_sized(tmp_path: Path) -> None:
    asset = build_asset("dog", None, [], seed=3)  # y up, facing +x
    # The same dog as a y-down capture facing -z, off the origin and in centimetres.
    capture = asset.select(torch.ones(len(asset), dtype=torch.bool))
    to_file = orientation("-y", "-z").T  # the asset frame's axes in the file's
    capture.means = (asset.means @ to_file.T) * 100 + torch.tensor([3.0, -2.0, 7.0])
    capture.quats = quat_multiply(rotmat_to_quat(to_file).expand_as(asset.quats), asset.quats)
    capture.log_scales = asset.log_scales + np.log(100.0)
    write_ply(tmp_path / "corgi.ply", capture)

    loaded = load_splats(tmp_path / "corgi.ply", "-y", "-z", height_m=asset.extent()[1])

    assert loaded.parts == ["body"] and torch.equal(loaded.pivots, torch.zeros(1, 3))
    torch.testing.assert_close(loaded.means, asset.means, atol=2e-5, rtol=0)
    torch.testing.assert_close(loaded.log_scales, asset.log_scales, atol=1e-5, rtol=0)
    torch.testing.assert_close(loaded.sh0, asset.sh0)

    def covariances(
        g: Gaussians,
    ) -> torch.Tensor:  # [N, 3, 3]: the splats' shapes, whatever the quaternion sign
        rotations = quat_to_rotmat(g.quats) * g.scales[:, None, :]  # [N, 3, 3]
        return rotations @ rotations.transpose(1, 2)

    torch.testing.assert_close(covariances(loaded), covariances(asset), atol=1e-6, rtol=1e-4)


@pytest.mark.parametrize("suffix", [".obj", ".glb"])
def test_mesh_file_becomes_coloured_splats_with_its_extent(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"box{suffix}"
    box_mesh((0.4, 1.0, 0.6), RED).export(path)
    # glTF assets face +z (its spec), so this box's 0.6 m side is its length.
    front = "+z" if suffix == ".glb" else "+x"
    asset = load_mesh(path, "+y", front, height_m=2.0, splats=3000, gen=torch.Generator().manual_seed(0))

    length = 1.2 if suffix == ".glb" else 0.8
    assert len(asset) == 3000 and asset.parts == ["body"]
    assert asset.extent() == pytest.approx((length, 2.0, 2.0 - length), abs=1e-5)
    low, high = asset.means.min(dim=0).values, asset.means.max(dim=0).values
    assert float(low[1]) == pytest.approx(0.0, abs=1e-6)
    assert float((low[0] + high[0]) / 2) == pytest.approx(0.0, abs=1e-6)
    assert float((low[2] + high[2]) / 2) == pytest.approx(0.0, abs=1e-6)
    colors = asset.colors
    assert bool((colors[:, 0] > 0.7).all()) and bool((colors[:, 1:] < 0.05).all())
    assert torch.isfinite(asset.log_scales).all() and torch.isfinite(asset.quats).all()


@pytest.mark.parametrize("suffix", [".obj", ".glb"])
def test_vertex_colours_are_interpolated_over_the_surface(tmp_path: Path, suffix: str) -> None:
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=0.5)
    sphere.visual.vertex_colors = np.where(sphere.vertices[:, 1:2] > 0, [RED], [BLUE]).astype(np.uint8)
    sphere.export(tmp_path / f"ball{suffix}")
    asset = load_mesh(tmp_path / f"ball{suffix}", "+y", "+x", 1.0, 4000, torch.Generator().manual_seed(1))

    y, colors = asset.means[:, 1], asset.colors
    assert float(y.min()) >= 0.0 and float(y.min()) < 0.01
    top, bottom = colors[y > 0.6], colors[y < 0.4]
    assert bool((top[:, 0] > top[:, 2]).all()) and bool((bottom[:, 2] > bottom[:, 0]).all())


def test_sidecar_orientation_is_applied(tmp_path: Path) -> None:
    # A lying box, 2 m along its file's z (its up) with a nose on its file's +y side (its front).
    body = box_mesh((0.5, 0.4, 2.0))
    nose = box_mesh((0.2, 0.3, 0.3)).apply_translation([0.0, 0.35, 0.0])
    trimesh.util.concatenate([body, nose]).export(tmp_path / "rocket.obj")
    (tmp_path / "rocket.json").write_text(json.dumps({"up": "z", "front": "y"}))
    plan = Plan(prompt="a rocket", environment="park", entities=[entity("rocket", "generic")])
    settings = RunSettings(asset_folder=str(tmp_path)).validate()
    source = choose_backends(plan, settings, {"rocket": 0})["rocket"].source
    assert isinstance(source, FileAsset) and (source.up, source.front) == ("+z", "+y")

    asset = source.build(seed=0)
    height = CATEGORIES["generic"].size_m[1]
    scale = height / 2.0  # the file's 2 m up to the category's height
    assert asset.extent() == pytest.approx((0.7 * scale, height, 0.5 * scale), rel=1e-5)
    # The nose (file y 0.2..0.5, z within ±0.15) is at +x, at half height.
    nose = asset.means[asset.means[:, 0] > 0.06 * scale]  # [n, 3]
    assert len(nose) > 0 and float((nose[:, 1] - height / 2).abs().max()) <= 0.15 * scale + 1e-5


def test_gltf_nodes_become_parts_that_pivot_at_their_origin(tmp_path: Path) -> None:
    scene = trimesh.Scene()
    scene.add_geometry(box_mesh((1.0, 0.4, 2.0)), node_name="chassis", transform=np.eye(4))
    wheel = trimesh.creation.cylinder(radius=0.3, height=0.2)
    axle_along_x = trimesh.transformations.rotation_matrix(np.pi / 2, [0, 1, 0])
    place = trimesh.transformations.translation_matrix([0.5, 0.0, 0.7]) @ axle_along_x
    scene.add_geometry(wheel, node_name="wheel_fl", transform=place)
    scene.export(tmp_path / "cart.glb")

    asset = load_mesh(tmp_path / "cart.glb", "+y", "+z", 1.0, 2000, torch.Generator().manual_seed(0))

    assert asset.parts == ["chassis", "wheel_fl"]
    # In the file: y from the wheel's bottom (-0.3) up 0.6 m, x from -0.5 to the wheel's side at 0.6 (centre
    # 0.05), z from -1 to 1. Its +z is the asset's +x and its +x the asset's -z.
    scale = 1.0 / 0.6
    torch.testing.assert_close(asset.pivots[1], torch.tensor([0.7, 0.3, -0.45]) * scale, atol=1e-5, rtol=0)


# ----------------------------------------------------------------------------------------- hashing


def test_content_hash_follows_the_file_and_its_material(tmp_path: Path) -> None:
    (tmp_path / "drum.mtl").write_text("newmtl skin\nKd 0.8 0.1 0.1\n")
    mesh = trimesh.creation.cylinder(radius=0.3, height=0.5)
    lines = [f"v {x} {y} {z}" for x, y, z in mesh.vertices] + [
        f"f {a + 1} {b + 1} {c + 1}" for a, b, c in mesh.faces
    ]
    obj = tmp_path / "drum.obj"
    obj.write_text("mtllib drum.mtl\nusemtl skin\n" + "\n".join(lines) + "\n")
    plan = Plan(prompt="a drum", environment="park", entities=[entity("drum", "drum")])
    settings = RunSettings(asset_overrides=(("drum", str(obj)),)).validate()

    def recipe_hash() -> str:
        choices = choose_backends(plan, settings, {"drum": 0})
        return recipes_for(plan, 0, {}, choices)["drum"].content_hash()

    first = recipe_hash()
    assert recipe_hash() == first
    obj.write_text(obj.read_text() + "# edited\n")
    second = recipe_hash()
    assert second != first
    material = tmp_path / "drum.mtl"
    material.write_text(material.read_text().replace("0.8", "0.3"))  # same size, new bytes
    os.utime(material, ns=(material.stat().st_atime_ns, material.stat().st_mtime_ns + 1_000_000))
    assert recipe_hash() != second


# ----------------------------------------------------------------------------------------- a whole run


def test_generate_uses_the_folder_and_a_given_mesh(tmp_path: Path) -> None:
    folder = tmp_path / "assets"
    folder.mkdir()
    corgi = build_asset("dog", None, [], seed=5)
    write_ply(folder / "corgi.ply", corgi)
    drum = tmp_path / "drum.obj"
    trimesh.creation.cylinder(radius=0.35, height=0.5).export(drum)  # y up after the sidecar below
    (tmp_path / "drum.json").write_text(json.dumps({"up": "z"}))
    settings = RunSettings(
        width=64, height=64, fps=2, duration_s=1.0, max_rounds=1, renderer="cpu",
        asset_folder=str(folder), asset_overrides=(("drum", str(drum)),), mesh_splats=1500,
    )  # fmt: skip

    result = generate("a corgi next to a red ball and a drum", tmp_path / "out", settings)

    scene = SceneDocument.model_validate_json((tmp_path / "out" / "scene.json").read_text())
    assets = {e.id: e.asset for e in scene.entities}
    assert (assets["corgi"].backend, assets["corgi"].source) == ("folder", str(folder / "corgi.ply"))
    assert (assets["drum"].backend, assets["drum"].source) == ("file", str(drum))
    assert (assets["ball"].backend, assets["ball"].source) == ("procedural", None)
    assert assets["corgi"].num_gaussians == len(corgi) and assets["drum"].num_gaussians == 1500
    # The corgi's asset is the file's splats, scaled from their height to the dog category's.
    plan = result.scene.plan
    choices = choose_backends(plan, settings, {i: instance_seed(settings.seed, i) for i in plan.group_of()})
    recipe = recipes_for(plan, settings.seed, {}, choices)["corgi"]
    assert recipe.content_hash() == assets["corgi"].content_hash
    built, scale = AssetCache().get(recipe), CATEGORIES["dog"].size_m[1] / corgi.extent()[1]
    torch.testing.assert_close(built.means, corgi.means * scale, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(built.sh0, read_ply(folder / "corgi.ply").sh0)
    report = (tmp_path / "out" / "report.md").read_text()
    assert f"corgi: folder {folder / 'corgi.ply'} (name)" in report
    assert f"ball: procedural (no file in {folder} matched)" in report
    assert f"drum: file {drum} (--asset drum={drum})" in report


# ----------------------------------------------------------------------------------------- hostile files


def file_asset(path: Path) -> FileAsset:
    return FileAsset(str(path), "digest", "+y", "+x", 1.0, 500)


FLAT_OBJ = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0\nf 1 2 3\nf 2 4 3\n"


def test_a_flat_mesh_is_refused_in_words_naming_the_file(tmp_path: Path) -> None:
    """A plane has no depth: it would reach the layout as a zero extent and fail its schema there."""
    (tmp_path / "poster.obj").write_text(FLAT_OBJ)
    with pytest.raises(AssetFileError, match=r"asset file .*poster\.obj: it is flat: it has no width"):
        file_asset(tmp_path / "poster.obj").build(seed=0)
    (tmp_path / "rug.obj").write_text(FLAT_OBJ.replace(" 1 0\n", " 0 1\n"))  # lying in the ground plane
    with pytest.raises(AssetFileError, match=r"asset file .*rug\.obj: it is flat: it has no height"):
        file_asset(tmp_path / "rug.obj").build(seed=0)
    (tmp_path / "thin.obj").write_text(FLAT_OBJ + "v 0 0 1e-3\nf 1 2 5\n")  # 1 mm deep: thin, not flat
    assert min(file_asset(tmp_path / "thin.obj").build(seed=0).extent()) > 0


def test_a_malformed_mesh_is_refused_in_one_line_naming_it(tmp_path: Path) -> None:
    box_mesh((0.4, 1.0, 0.6)).export(tmp_path / "box.glb")
    data = (tmp_path / "box.glb").read_bytes()
    cases = {
        "cut.glb": data[: len(data) // 2],  # trimesh: ValueError
        "noise.obj": b"v 1 2\nf 1 2 99\n",  # a face naming vertices the file lacks
        "words.ply": b"ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nend_header\nx y\n",
        "empty.obj": b"",
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(AssetFileError, match=rf"^asset file {tmp_path / name}: ") as caught:
            file_asset(tmp_path / name).build(seed=0)
        assert "\n" not in str(caught.value)


def test_files_a_mesh_names_are_read_only_when_regular(tmp_path: Path) -> None:
    """A material, texture or buffer that is a FIFO is refused at once, not waited on: an OBJ's material is
    optional (trimesh goes on without it), a glTF's buffer is not."""
    os.mkfifo(tmp_path / "skin.mtl")
    (tmp_path / "drum.obj").write_text("mtllib skin.mtl\n" + FLAT_OBJ + "v 0 0 1\nf 1 2 5\n")
    with deadline(20):
        drum = file_asset(tmp_path / "drum.obj").build(seed=0)
    torch.testing.assert_close(drum.colors.mean(dim=0), torch.tensor(DEFAULT_RGB), atol=0.15, rtol=0)
    exported = box_mesh((0.4, 1.0, 0.6)).export(file_type="gltf")
    (tmp_path / "box.gltf").write_bytes(exported.pop("model.gltf"))
    for name in exported:  # the buffers: a FIFO in the first one's place
        os.mkfifo(tmp_path / name)
    with (
        deadline(20),
        pytest.raises(AssetFileError, match=r"gltf_buffer_0\.bin: a mesh file must be a regular"),
    ):
        file_asset(tmp_path / "box.gltf").build(seed=0)


def test_a_sidecar_that_is_not_a_regular_file_or_json_is_named(tmp_path: Path) -> None:
    touch(tmp_path, "corgi.ply")
    os.mkfifo(tmp_path / "corgi.json")
    with deadline(20), pytest.raises(AssetFileError, match=r"corgi\.json: a sidecar must be a regular file"):
        scan_folder(tmp_path)
    (tmp_path / "corgi.json").unlink()
    (tmp_path / "corgi.json").write_text("[" * 100_000)
    with pytest.raises(AssetFileError, match=r"corgi\.json: not readable JSON: nested too deep"):
        scan_folder(tmp_path)
    (tmp_path / "corgi.json").write_text('{"up": "sideways"}')
    with pytest.raises(AssetFileError, match=r"corgi\.json: \"up\": an axis is one of"):
        scan_folder(tmp_path)


# ----------------------------------------------------------------------------------------- Shap-E


def marching_cubes_table() -> tuple[torch.Tensor, torch.Tensor]:
    """Triangles per cube case in diffusers' MeshDecoder layout (cases [256, 5, 3] of edge ids, masks
    [256, 5]), which real Shap-E weights ship and a random renderer lacks. Corner c = x + 2y + 4z is inside
    when bit c of the case is set; edges 0-3 run along x (at y, z = k & 1, k >> 1), 4-7 along y (x, z),
    8-11 along z (x, y). Each face's crossings are paired around its inside corners, so neighbouring cubes
    agree, and each loop of crossings is fanned into triangles."""

    def corner(x: int, y: int, z: int) -> int:
        return x + 2 * y + 4 * z

    ends = (
        [(corner(0, k & 1, k >> 1), corner(1, k & 1, k >> 1)) for k in range(4)]
        + [(corner(k & 1, 0, k >> 1), corner(k & 1, 1, k >> 1)) for k in range(4)]
        + [(corner(k & 1, k >> 1, 0), corner(k & 1, k >> 1, 1)) for k in range(4)]
    )
    edge = {frozenset(pair): k for k, pair in enumerate(ends)}
    faces = []
    for axis in range(3):
        u, w = (a for a in range(3) if a != axis)
        for side in (0, 1):
            cycle = []
            for i, j in ((0, 0), (1, 0), (1, 1), (0, 1)):
                xyz = [0, 0, 0]
                xyz[axis], xyz[u], xyz[w] = side, i, j
                cycle.append(corner(*xyz))
            faces.append(cycle)
    cases, masks = torch.zeros(256, 5, 3, dtype=torch.long), torch.zeros(256, 5, dtype=torch.bool)
    for case in range(256):
        inside = [(case >> c) & 1 for c in range(8)]
        links: dict[int, list[int]] = {}
        for cycle in faces:
            pairs = [(cycle[i], cycle[(i + 1) % 4]) for i in range(4)]
            crossing = [edge[frozenset(p)] for p in pairs if inside[p[0]] != inside[p[1]]]
            if len(crossing) == 4 and inside[cycle[0]]:  # a saddle: cut round the inside corners
                crossing = crossing[1:] + crossing[:1]
            for a, b in zip(crossing[0::2], crossing[1::2], strict=True):
                links.setdefault(a, []).append(b)
                links.setdefault(b, []).append(a)
        triangles, left = [], set(links)
        while left:
            start = min(left)
            loop, previous, current = [start], start, links[start][0]
            while current != start:
                loop.append(current)
                a, b = links[current]
                previous, current = current, b if a == previous else a
            left -= set(loop)
            triangles += [(loop[0], loop[i], loop[i + 1]) for i in range(1, len(loop) - 1)]
        assert len(triangles) <= 5
        for t, triangle in enumerate(triangles):
            cases[case, t], masks[case, t] = torch.tensor(triangle), True
    return cases, masks


def save_tiny_shap_e(folder: Path) -> None:
    """A tiny random ShapEPipeline saved like a downloaded one. Its SDF head is set to 'inside everywhere',
    so the decoded surface is the decoding volume's box whatever the random latent."""
    from diffusers import HeunDiscreteScheduler, PriorTransformer, ShapEPipeline
    from diffusers.pipelines.shap_e import ShapERenderer
    from transformers import CLIPTextConfig, CLIPTextModelWithProjection, CLIPTokenizer

    letters = string.ascii_lowercase
    vocab = ["<|startoftext|>", "<|endoftext|>", *letters, *(f"{c}</w>" for c in letters), "re", "red</w>"]
    (folder / "vocab.json").write_text(json.dumps({token: k for k, token in enumerate(vocab)}))
    (folder / "merges.txt").write_text("#version: 0.2\nr e\nre d</w>\n")
    tokenizer = CLIPTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"), model_max_length=16)
    torch.manual_seed(0)
    text = CLIPTextConfig(
        vocab_size=len(vocab), hidden_size=8, projection_dim=8, intermediate_size=16, num_hidden_layers=1,
        num_attention_heads=2, max_position_embeddings=16, bos_token_id=0, eos_token_id=1, pad_token_id=1,
    )  # fmt: skip
    width = 4  # the renderer's MLP; the prior makes 4 * width latent vectors of 8 numbers for its 4 layers
    prior = PriorTransformer(
        num_attention_heads=2, attention_head_dim=4, num_layers=1, embedding_dim=8, num_embeddings=4 * width,
        embedding_proj_dim=8, time_embed_dim=16, clip_embed_dim=16, additional_embeddings=0,
        time_embed_act_fn="gelu", norm_in_type="layer", encoder_hid_proj_type=None, added_emb_type=None,
    )  # fmt: skip
    renderer = ShapERenderer(
        param_shapes=((width, 93), (width, width), (width, width), (width, width)),
        d_latent=8, d_hidden=width, n_output=12, background=(0.1, 0.1, 0.1),
    )  # fmt: skip
    with torch.no_grad():
        renderer.mlp.mlp[-1].weight[0] = 0.0
        renderer.mlp.mlp[-1].bias[0] = 1.0  # signed distance tanh(1) > 0: inside
    renderer.mesh_decoder.cases, renderer.mesh_decoder.masks = marching_cubes_table()
    scheduler = HeunDiscreteScheduler(
        beta_schedule="exp", num_train_timesteps=1024, prediction_type="sample", use_karras_sigmas=True,
        clip_sample=True, clip_sample_range=1.0,
    )  # fmt: skip
    pipe: Any = ShapEPipeline(  # Any: mypy cannot see diffusers' pipeline methods
        prior=prior,
        text_encoder=CLIPTextModelWithProjection(text),
        tokenizer=tokenizer,
        scheduler=scheduler,
        shap_e_renderer=renderer,
    )
    pipe.save_pretrained(folder / "shap-e")


def test_shap_e_tiny_pipeline_loads_and_samples_into_gaussians(tmp_path: Path) -> None:
    save_tiny_shap_e(tmp_path)
    pipe = load_shap_e(tmp_path / "shap-e")

    def sample(seed: int) -> Gaussians:
        generator = torch.Generator().manual_seed(seed)
        return sample_shap_e(
            pipe, "a red car", generator, steps=2, guidance=3.0, grid_size=12, height_m=1.5, splats=800
        )

    asset = sample(0)
    assert len(asset) == 800 and asset.parts == ["body"]
    for tensor in (asset.means, asset.quats, asset.log_scales, asset.sh0):
        assert torch.isfinite(tensor).all()
    low, high = asset.means.min(dim=0).values, asset.means.max(dim=0).values
    assert float(low[1]) == pytest.approx(0.0, abs=1e-5)
    assert float(low[0] + high[0]) == pytest.approx(0.0, abs=1e-5)
    assert float(low[2] + high[2]) == pytest.approx(0.0, abs=1e-5)
    assert asset.extent() == pytest.approx((1.5, 1.5, 1.5), rel=1e-3)
    torch.testing.assert_close(sample(0).sh0, asset.sh0)


def test_shap_e_recipe_holds_model_and_prompt(tmp_path: Path) -> None:
    (tmp_path / "model_index.json").write_text("{}")
    plan = Plan(prompt="a red car", environment="street", entities=[entity("car", "car", "red")])
    settings = RunSettings(assets_backend="shap-e", shap_e_model=str(tmp_path)).validate()
    source = choose_backends(plan, settings, {"car": 0})["car"].source
    assert isinstance(source, ShapEAsset)
    assert (source.model, source.prompt) == (str(tmp_path), "a red car")
    recipe = recipes_for(plan, 0, {}, choose_backends(plan, settings, {"car": 0}))["car"]
    assert recipe.backend == "shap-e" and recipe.source == source
    blue = plan.model_copy(update={"entities": [entity("car", "car", "blue")]})
    assert recipes_for(blue, 0, {}, choose_backends(blue, settings, {"car": 0}))["car"].content_hash() != (
        recipe.content_hash()
    )


def test_shap_e_errors_name_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match=r"no model_index\.json"):
        load_shap_e(tmp_path)
    (tmp_path / "model_index.json").write_text("{}")
    monkeypatch.setitem(sys.modules, "diffusers", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"pip install 'scenewright\[diffusion\]'"):
        load_shap_e(tmp_path)


# ----------------------------------------------------------------------------------------- flags


def test_asset_flags_reach_the_run_settings(tmp_path: Path) -> None:
    drum = tmp_path / "drum.obj"
    box_mesh((1.0, 1.0, 1.0)).export(drum)
    args = build_parser().parse_args(
        ["generate", "a corgi", "-o", str(tmp_path / "out"), "--asset-folder", str(tmp_path),
         "--asset", f"drum={drum}", "--asset", "ball = procedural", "--mesh-splats", "800"]
    )  # fmt: skip
    settings = run_settings_from(args).validate()
    assert settings.asset_backend == "folder"  # --asset-folder alone turns the folder on
    assert settings.asset_overrides == (("drum", str(drum)), ("ball", "procedural"))
    assert settings.mesh_splats == 800
    chat = build_parser().parse_args(["chat", "--assets", "procedural", "--asset-folder", str(tmp_path)])
    assert run_settings_from(chat).asset_backend == "procedural"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"assets_backend": "folder"}, "--assets folder needs --asset-folder DIR"),
        ({"asset_folder": "/no/such/folder"}, "--asset-folder /no/such/folder is not a folder"),
        ({"assets_backend": "shap-e"}, "--assets shap-e needs --shap-e-model DIR"),
        ({"shap_e_model": "."}, "is not a diffusers model folder"),
        ({"asset_overrides": (("dog", "corgi.fbx"),)}, "--asset dog=corgi.fbx: SPEC is procedural, folder"),
        ({"asset_overrides": (("dog", "missing.ply"),)}, "--asset dog=missing.ply: there is no file"),
        ({"asset_overrides": (("dog", "folder"),)}, "--asset dog=folder needs --asset-folder DIR"),
        ({"mesh_splats": 5}, "--mesh-splats must be between"),
    ],
)
def test_asset_settings_are_validated(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        check_run_settings(RunSettings(**fields))  # type: ignore[arg-type]


def test_cli_reports_a_bad_asset_flag_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["generate", "a dog", "-o", str(tmp_path), "--asset", "corgi.ply"])
    assert "--asset must look like NAME=SPEC" in capsys.readouterr().err
    assert main(["generate", "a dog", "-o", str(tmp_path / "out"), "--assets", "shap-e", "-q"]) == 2
    assert "--assets shap-e needs --shap-e-model DIR" in capsys.readouterr().err
    with pytest.raises(GenerateError, match="--asset-folder"):
        generate("a dog", tmp_path / "out", RunSettings(assets_backend="folder"))
