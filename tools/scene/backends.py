"""Asset backends: where an entity's Gaussians come from.

- `procedural` (the default): the built-in generator, `tools/scene/assets.py`.
- `folder`: a user's folder of splat files (.ply, the standard 3DGS layout) and meshes (.glb, .gltf, .obj,
  or a mesh .ply), matched to each entity by file name or tags (`match_file`); an entity nothing matches stays
  procedural, and the run's events say so.
- `file`: one given file for one entity (`--asset drum=./drum.obj`).
- `shap-e`: diffusers' ShapEPipeline from a local folder of weights, text to a coloured mesh.

Whatever the backend, an asset comes out in the asset frame (metres, bottom centre at the origin, facing +x,
y up) at its category's height, so the director's size words and real heights (relative to the category) and
the layout apply to it unchanged. A user's file keeps its own colours: a colour the prompt names is not
painted over it. Meshes, from a file or from Shap-E, become Gaussians as procedural surfaces do
(`tools.scene.assets.to_gaussians`): flat splats on area-weighted surface samples, with a baked key light.

A recipe's source (`FileAsset`, `ShapEAsset`) holds everything its Gaussians depend on, a digest of the
file's bytes included, so the content-hash cache (`tools/scene/asset_cache.py`) serves repeats and never an
edited
file's old asset.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import os
import re
import struct
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote

import numpy as np
import torch
from torch import Tensor

from scenewright.schema import EntitySpec, Plan
from scenewright.settings import ASSET_FILE_SUFFIXES, MESH_SPLATS, RunSettings
from scenewright.tools.files import MIB, FileKind, open_file, read_bytes, read_text, shown, stat_regular
from scenewright.tools.scene.assets import Samples, to_gaussians
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.gaussians import Gaussians, quat_multiply, rotmat_to_quat
from scenewright.tools.scene.ply import PLY_FILES, PlyError, read_ply

if TYPE_CHECKING:
    import trimesh
    from PIL import Image

Backend = Literal["procedural", "folder", "file", "shap-e"]
"""Who built an instance's asset (AssetInfo.backend): `file` is one given file, `folder` a matched one."""

DEFAULT_RGB = (0.7, 0.7, 0.7)
"""The colour of a mesh that has no colours, textures or materials."""

SHAP_E_STEPS = 64
SHAP_E_GUIDANCE = 15.0
"""Denoising steps and guidance of a Shap-E sample: the values of diffusers' Shap-E guide."""
SHAP_E_GRID = 128
"""Marching-cubes grid per side when decoding Shap-E's latent to a mesh (the pipeline's own mesh output)."""
SHAP_E_UP, SHAP_E_FRONT = "+z", "+y"
"""Shap-E's meshes stand z-up and face +y."""

MAX_MESH_BYTES = 512 * MIB
"""The largest mesh file (or file a mesh names: material, texture, buffer) read: a detailed scanned asset is
tens of MB, and trimesh holds several copies of what it reads."""
MAX_SIDECAR_BYTES = 1 * MIB
"""The largest sidecar (`<stem>.json`, `assets.json`) read: a few options per file."""
TRIMESH_ERRORS = (
    ValueError, IndexError, KeyError, TypeError, AttributeError, AssertionError, NotImplementedError,
    OverflowError, ZeroDivisionError, RecursionError, EOFError, OSError, struct.error, zlib.error,
    UnboundLocalError,  # trimesh 5.2.0 PLY reader (_elements_to_kwargs) on a header it half reads
)  # fmt: skip
"""What trimesh (and numpy, PIL, json under it) raises on a malformed mesh file: mutated OBJ, PLY, glTF and
GLB files have raised each of these (tests/test_fuzz_files.py). They become an AssetFileError naming the file.
"""

MIN_SIDE_RATIO = 1e-4
"""An asset's shortest side is at least this fraction of its longest: a 10 km road 1 m wide is an asset, a
plane without thickness (a flat OBJ) is refused in words rather than failing the layout's schema later."""

SIDECAR_KEYS = ("tags", "up", "front")
FOLDER_INDEX = "assets.json"
"""A folder-level sidecar, {"<path relative to the folder>": {"tags": [...], "up": ..., "front": ...}}, which
a file's own `<stem>.json` overrides."""


class AssetFileError(ValueError):
    """A user's asset file (splats, a mesh, what it names, a sidecar) that cannot be used, in one line that
    names the file."""


MESH_FILES = FileKind("a mesh file", MAX_MESH_BYTES, AssetFileError)
SIDECAR_FILES = FileKind("a sidecar", MAX_SIDECAR_BYTES, AssetFileError)
DIGESTED_FILES = FileKind("a file an asset is built from", sys.maxsize, AssetFileError)
"""Files whose bytes a recipe's digest covers: read in blocks, so of any size (a model's weights)."""


# ---------------------------------------------------------------------------------------------------
# Orientation and placement in the asset frame.
# ---------------------------------------------------------------------------------------------------

AXES: dict[str, tuple[float, float, float]] = {
    "+x": (1.0, 0.0, 0.0),
    "-x": (-1.0, 0.0, 0.0),
    "+y": (0.0, 1.0, 0.0),
    "-y": (0.0, -1.0, 0.0),
    "+z": (0.0, 0.0, 1.0),
    "-z": (0.0, 0.0, -1.0),
}


def parse_axis(text: str) -> str:
    """'y', '+y' or '-y' (any axis) as '+y' / '-y'; a clear error for anything else."""
    axis = text.strip().lower()
    axis = axis if axis[:1] in ("+", "-") else f"+{axis}"
    if axis not in AXES:
        raise ValueError(f"an axis is one of x, -x, y, -y, z, -z (got {text!r})")
    return axis


def orientation(up: str, front: str) -> Tensor:
    """The rotation [3, 3] taking a file's `up` axis to +y and its `front` axis to +x (right-handed)."""
    u, f = torch.tensor(AXES[parse_axis(up)]), torch.tensor(AXES[parse_axis(front)])
    if float(u @ f) != 0.0:
        raise ValueError(f"front {front!r} must be perpendicular to up {up!r}")
    return torch.stack([f, u, torch.linalg.cross(f, u)])  # rows: the file axes that become x, y, z


@dataclass(frozen=True)
class Frame:
    """How a file's coordinates map into the asset frame: p -> (rotation p - base) * scale."""

    rotation: Tensor  # [3, 3]
    base: Tensor  # [3] float64, the rotated bottom centre
    scale: float

    def apply(self, points: Tensor) -> Tensor:  # [N, 3] -> [N, 3]
        """In float64: a file's own coordinates may lie near float32's limits, the asset's do not."""
        return ((points.double() @ self.rotation.T.double() - self.base) * self.scale).to(points.dtype)


def fit_frame(points: Tensor, up: str, front: str, height_m: float) -> Frame:
    """Turn `points` [N, 3] upright and facing +x, put their bottom centre (the middle of the box in x and
    z, the lowest y) at the origin and scale them uniformly to `height_m`."""
    if len(points) == 0:
        raise ValueError("it holds no points")
    if not torch.isfinite(points).all():
        raise ValueError("it holds NaN or infinite coordinates")
    rotation = orientation(up, front)
    turned = points.double() @ rotation.T.double()  # [N, 3] in float64: a float32 span can overflow
    low, high = turned.min(dim=0).values, turned.max(dim=0).values  # [3]
    depth, height, width = (high - low).tolist()
    longest = max(depth, height, width)
    sides = {
        f"height (along its up axis {up!r})": height,
        "depth (along its front axis)": depth,
        "width": width,
    }
    flat = [side for side, size in sides.items() if not (size > 0 and size >= MIN_SIDE_RATIO * longest)]
    if flat:
        raise ValueError(f"it is flat: it has no {flat[0]} (under {MIN_SIDE_RATIO:g} of its longest side)")
    base = torch.stack([(low[0] + high[0]) / 2, low[1], (low[2] + high[2]) / 2])  # [3]
    return Frame(rotation, base, height_m / height)


def linear_to_srgb(rgb: Tensor) -> Tensor:
    """The sRGB transfer function (IEC 61966-2-1) on linear colours [..., 3] in 0..1."""
    rgb = rgb.clamp(0.0, 1.0)
    return torch.where(rgb <= 0.0031308, 12.92 * rgb, 1.055 * rgb.clamp_min(0.0031308) ** (1 / 2.4) - 0.055)


# ---------------------------------------------------------------------------------------------------
# Splat files.
# ---------------------------------------------------------------------------------------------------


def is_splat_ply(path: Path) -> bool:
    """Whether a .ply holds 3DGS splats (it has SH colour properties) rather than a mesh."""
    with open_file(path, PLY_FILES) as file:
        header = file.read(64 * 1024).split(b"end_header", 1)[0]
    return b" f_dc_0" in header


def load_splats(path: Path, up: str, front: str, height_m: float) -> Gaussians:
    """A 3DGS PLY in the asset frame: turned upright and facing +x, bottom centre at the origin, scaled to
    `height_m`; one part "body" pivoting at the origin. Its colours are its own."""
    splats = read_ply(path)
    frame = fit_frame(splats.means, up, front, height_m)
    turn = rotmat_to_quat(frame.rotation).expand_as(splats.quats)  # [N, 4]
    return Gaussians(
        means=frame.apply(splats.means),
        quats=quat_multiply(turn, splats.quats),
        log_scales=splats.log_scales + math.log(frame.scale),
        logit_opacities=splats.logit_opacities,
        sh0=splats.sh0,
        part_ids=torch.zeros(len(splats), dtype=torch.int64),
        parts=["body"],
        pivots=torch.zeros(1, 3),
    )


# ---------------------------------------------------------------------------------------------------
# Meshes: load, colour, sample, splat.
# ---------------------------------------------------------------------------------------------------


@dataclass
class Paint:
    """Surface colour of a mesh in sRGB 0..1: vertex colours, face colours or a texture at the UV (in that
    order), times `factor` (glTF's base colour factor, or DEFAULT_RGB for a mesh without colours)."""

    factor: Tensor  # [3]
    vertex_rgb: Tensor | None = None  # [V, 3]
    face_rgb: Tensor | None = None  # [F, 3]
    uv: Tensor | None = None  # [V, 2]
    texture: Image.Image | None = None

    def at(self, faces: Tensor, face: Tensor, barycentric: Tensor) -> Tensor:
        """Colours [n, 3] at points on faces `face` [n] (rows of `faces` [F, 3]) at `barycentric` [n, 3]."""
        rgb = torch.ones(len(face), 3)  # [n, 3]
        if self.vertex_rgb is not None:
            rgb = (barycentric[:, :, None] * self.vertex_rgb[faces[face]]).sum(dim=1)
        elif self.face_rgb is not None:
            rgb = self.face_rgb[face]
        elif self.uv is not None and self.texture is not None:
            from trimesh.visual.color import uv_to_color

            uv = (barycentric[:, :, None] * self.uv[faces[face]]).sum(dim=1)  # [n, 2]
            texels = uv_to_color(uv.numpy(), self.texture)  # [n, 4] uint8, nearest texel, wrapped
            rgb = torch.from_numpy(texels[:, :3].astype(np.float32) / 255.0)
        return rgb * self.factor


@dataclass
class MeshPart:
    """One mesh of a file (a scene node's, with its transform applied) and how its surface is coloured."""

    name: str
    vertices: Tensor  # [V, 3]
    faces: Tensor  # [F, 3] int64
    origin: Tensor  # [3] the node's origin: where the part turns when it is animated
    paint: Paint


def _rgb(colors: object, linear: bool) -> Tensor:
    """trimesh's uint8 RGBA [..., 4] as sRGB 0..1 [..., 3]; `linear` colours (glTF's) are encoded first."""
    rgb = torch.from_numpy(np.asarray(colors, dtype=np.float32)[..., :3] / 255.0)
    return linear_to_srgb(rgb) if linear else rgb


def _paint(mesh: trimesh.Trimesh, linear: bool) -> Paint:
    """A mesh's colours from its trimesh visual. glTF stores factors and vertex colours linearly and
    textures in sRGB; an OBJ's texture is shown as it is (its Kd often just dims it), else its Kd."""
    from trimesh.visual.color import ColorVisuals
    from trimesh.visual.material import PBRMaterial
    from trimesh.visual.texture import TextureVisuals

    visual = mesh.visual
    if isinstance(visual, TextureVisuals):
        material = visual.material
        if isinstance(material, PBRMaterial):
            image, factor = material.baseColorTexture, material.baseColorFactor
        else:
            image = material.image
            factor = None if image is not None else material.diffuse
        rgb = torch.ones(3) if factor is None else _rgb(factor, linear)
        if image is not None and visual.uv is not None:
            uv = torch.from_numpy(np.asarray(visual.uv, dtype=np.float32))
            return Paint(rgb, uv=uv, texture=image)
        return Paint(rgb if factor is not None else torch.tensor(DEFAULT_RGB))
    if not isinstance(visual, ColorVisuals):
        return Paint(torch.tensor(DEFAULT_RGB))
    if visual.kind == "vertex":
        return Paint(torch.ones(3), vertex_rgb=_rgb(visual.vertex_colors, linear))
    if visual.kind == "face":
        return Paint(torch.ones(3), face_rgb=_rgb(visual.face_colors, linear))
    return Paint(torch.tensor(DEFAULT_RGB))


def load_mesh_parts(path: Path) -> list[MeshPart]:
    """Every triangle mesh of a .glb, .gltf, .obj or mesh .ply, with its scene-graph transform applied,
    sorted by node name. The file and every file it names are read through tools/files.py (regular files of
    at most MAX_MESH_BYTES); what trimesh raises on a malformed file becomes an AssetFileError naming it."""
    data = read_bytes(path, MESH_FILES)
    try:
        parts = _mesh_parts(path, data)
    except AssetFileError:
        raise
    except TRIMESH_ERRORS as error:
        reason = shown(str(error).splitlines()[0] if str(error).strip() else "", 80)
        raise MESH_FILES.refuse(path, f"not a readable mesh ({type(error).__name__}: {reason})") from None
    if not parts:
        raise MESH_FILES.refuse(path, "it holds no triangle mesh")
    return parts


def _mesh_parts(path: Path, data: bytes) -> list[MeshPart]:
    """`load_mesh_parts` on the file's bytes, raising whatever trimesh raises."""
    import trimesh

    suffix = path.suffix.lower()
    scene = trimesh.load_scene(
        io.BytesIO(data), file_type=suffix[1:], resolver=_guarded_resolver(path.parent)
    )
    linear = suffix in (".glb", ".gltf")
    parts = []
    for node in sorted(scene.graph.nodes_geometry):
        transform, geometry = scene.graph[node]
        mesh = scene.geometry[geometry]
        if not isinstance(mesh, trimesh.Trimesh) or len(mesh.faces) == 0:
            continue  # points and lines have no surface
        matrix = torch.from_numpy(np.asarray(transform, dtype=np.float32))  # [4, 4]
        vertices = torch.from_numpy(np.asarray(mesh.vertices, dtype=np.float32))  # [V, 3]
        faces = torch.from_numpy(np.asarray(mesh.faces, dtype=np.int64))  # [F, 3]
        paint = _paint(mesh, linear)
        problem = _mesh_problem(vertices, faces, paint)
        if problem is not None:
            raise MESH_FILES.refuse(path, f"mesh {shown(node)}: {problem}")
        parts.append(
            MeshPart(
                name=node,
                vertices=vertices @ matrix[:3, :3].T + matrix[:3, 3],
                faces=faces,
                origin=matrix[:3, 3].clone(),
                paint=paint,
            )
        )
    return parts


def _mesh_problem(vertices: Tensor, faces: Tensor, paint: Paint) -> str | None:
    """Why a mesh as trimesh read it cannot be sampled, or None: arrays of the wrong shape, a face naming a
    vertex the mesh lacks, colours or UVs that are not one per vertex (or face)."""
    if vertices.ndim != 2 or vertices.shape[1] != 3:
        return f"its vertices have shape {list(vertices.shape)}, not [V, 3]"
    if faces.ndim != 2 or faces.shape[1] != 3:
        return f"its faces have shape {list(faces.shape)}, not [F, 3] triangles"
    if int(faces.min()) < 0 or int(faces.max()) >= len(vertices):
        return f"a face names vertex {int(faces.max())}, but it has {len(vertices)} vertices"
    counts = {"vertex colours": (paint.vertex_rgb, len(vertices)), "UVs": (paint.uv, len(vertices))}
    counts["face colours"] = (paint.face_rgb, len(faces))
    for what, (values, count) in counts.items():
        if values is not None and len(values) != count:
            return f"it has {len(values)} {what} for {count}"
    return None


def _guarded_resolver(folder: Path) -> Any:
    """trimesh's resolver of the files a mesh names (materials, textures, buffers: inside its folder), each
    read through tools/files.py as the mesh itself is, so a FIFO or /dev/zero named as a texture is refused,
    never read. A missing one is trimesh's FileNotFoundError, which it tolerates where the format does."""
    from trimesh.resolvers import FilePathResolver

    class GuardedResolver(FilePathResolver):
        def get(self, name: str) -> bytes:
            for candidate in (name.strip(), name.strip().lstrip("/"), os.path.split(name)[-1]):
                try:
                    found = self.absolute(candidate)
                except ValueError:  # outside the folder
                    continue
                if os.path.lexists(found):
                    return read_bytes(found, MESH_FILES)
            raise FileNotFoundError(name)

        def namespaced(self, namespace: str) -> GuardedResolver:
            return GuardedResolver(os.path.join(self.parent, namespace))

    return GuardedResolver(str(folder))


def sample_meshes(meshes: list[MeshPart], count: int, gen: torch.Generator) -> Samples:
    """`count` points spread over the meshes' surfaces in proportion to area, each with its face's normal,
    the colour there, and the index of its mesh as part id."""
    triangles = torch.cat([mesh.vertices[mesh.faces] for mesh in meshes])  # [F, 3, 3]
    owner = torch.cat([torch.full((len(mesh.faces),), k) for k, mesh in enumerate(meshes)])  # [F]
    first = [0, *np.cumsum([len(mesh.faces) for mesh in meshes]).tolist()]
    cross = torch.linalg.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])  # [F, 3]
    doubled = cross.norm(dim=1)  # [F] twice each face's area
    if not float(doubled.sum()) > 0:
        raise ValueError("the mesh has no surface area")
    face = torch.multinomial(doubled, count, replacement=True, generator=gen)  # [N]
    u, v = torch.rand(2, count, generator=gen)  # [N] each; folded into the triangle
    outside = u + v > 1
    u, v = torch.where(outside, 1 - u, u), torch.where(outside, 1 - v, v)
    barycentric = torch.stack([1 - u - v, u, v], dim=1)  # [N, 3]
    rgb = torch.empty(count, 3)
    for k, mesh in enumerate(meshes):
        mine = owner[face] == k  # [N]
        rgb[mine] = mesh.paint.at(mesh.faces, face[mine] - first[k], barycentric[mine])
    return Samples(
        points=(barycentric[:, :, None] * triangles[face]).sum(dim=1),
        normals=cross[face] / doubled[face, None],
        spacing=torch.full((count,), math.sqrt(0.5 * float(doubled.sum()) / count)),
        rgb=rgb.clamp(0.0, 1.0),
        part_ids=owner[face],
    )


def mesh_to_gaussians(
    meshes: list[MeshPart],
    up: str,
    front: str,
    height_m: float,
    splats: int,
    gen: torch.Generator,
    node_parts: bool = False,
    rig: str = "static",
) -> Gaussians:
    """Meshes as flat splats in the asset frame, at `height_m`. With `node_parts` and two or more meshes,
    each becomes a part named after its node and pivoting at the node's origin (a glTF node 'wheel_fl' whose
    origin is its axle spins like a procedural wheel under the category's `rig`); otherwise the whole is one
    static part "body" pivoting at the origin."""
    frame = fit_frame(torch.cat([mesh.vertices for mesh in meshes]), up, front, height_m)
    placed = [
        replace(mesh, vertices=frame.apply(mesh.vertices), origin=frame.apply(mesh.origin[None])[0])
        for mesh in meshes
    ]
    samples = sample_meshes(placed, splats, gen)
    if not node_parts or len(placed) == 1:
        samples.part_ids = torch.zeros_like(samples.part_ids)
        return to_gaussians(samples, ["body"], torch.zeros(1, 3), gen)
    pivots = torch.stack([mesh.origin for mesh in placed])  # [P, 3]
    return to_gaussians(samples, [mesh.name for mesh in placed], pivots, gen, rig=rig)


def load_mesh(
    path: Path, up: str, front: str, height_m: float, splats: int, gen: torch.Generator, rig: str = "static"
) -> Gaussians:
    """A mesh file as Gaussians in the asset frame. A glTF's nodes become parts; an OBJ (whose groups carry
    no pivots) or a mesh PLY is one part "body"."""
    gltf = path.suffix.lower() in (".glb", ".gltf")
    return mesh_to_gaussians(
        load_mesh_parts(path), up, front, height_m, splats, gen, node_parts=gltf, rig=rig
    )


# ---------------------------------------------------------------------------------------------------
# Shap-E (diffusers), text to mesh.
# ---------------------------------------------------------------------------------------------------


def load_shap_e(folder: str | Path) -> Any:
    """diffusers' ShapEPipeline from a local folder of weights (never the hub), on CUDA when available.
    (Typed Any: diffusers registers the pipeline's components at run time.)"""
    folder = Path(folder)
    if not (folder / "model_index.json").is_file():
        raise ValueError(
            f"{folder} is not a diffusers model folder (it has no model_index.json); point --shap-e-model at "
            "a local copy of a Shap-E pipeline such as openai/shap-e"
        )
    try:
        from diffusers import ShapEPipeline
    except ImportError as error:
        raise ImportError(
            "the shap-e backend needs diffusers and transformers: pip install 'scenewright[diffusion]'"
        ) from error
    pipe = ShapEPipeline.from_pretrained(folder, local_files_only=True)
    pipe.set_progress_bar_config(disable=True)
    return pipe.to("cuda" if torch.cuda.is_available() else "cpu")


@functools.lru_cache(maxsize=1)  # one pipeline (GBs): another folder replaces it
def _shap_e(folder: str) -> Any:
    """The pipeline of the last model folder used, loaded once per process."""
    return load_shap_e(folder)


def sample_shap_e(
    pipe: Any,
    prompt: str,
    generator: torch.Generator,
    steps: int = SHAP_E_STEPS,
    guidance: float = SHAP_E_GUIDANCE,
    grid_size: int = SHAP_E_GRID,
    height_m: float = 1.0,
    splats: int = MESH_SPLATS,
) -> Gaussians:
    """One Shap-E sample for `prompt` as Gaussians in the asset frame, at `height_m`.

    The pipeline's `output_type="mesh"` decodes its latent with `decode_to_mesh` on a fixed 128³ grid; the
    same decode is called here so that the grid can be chosen. Shap-E's vertex colours come out linear and
    are shown in sRGB. `generator` (a CPU one, so a seed gives the same asset on any device) draws the
    latent's noise and then the surface samples."""
    latents = pipe(
        prompt, generator=generator, num_inference_steps=steps, guidance_scale=guidance, output_type="latent"
    ).images  # [1, num_embeddings, embedding_dim]
    with torch.no_grad():
        decoded = pipe.shap_e_renderer.decode_to_mesh(latents[0][None], pipe.device, grid_size=grid_size)
    channels = torch.stack([decoded.vertex_channels[c] for c in ("R", "G", "B")], dim=-1)  # [V, 3]
    mesh = MeshPart(
        name="body",
        vertices=decoded.verts.float().cpu(),
        faces=decoded.faces.long().cpu(),
        origin=torch.zeros(3),
        paint=Paint(torch.ones(3), vertex_rgb=linear_to_srgb(channels.float().cpu())),
    )
    return mesh_to_gaussians([mesh], SHAP_E_UP, SHAP_E_FRONT, height_m, splats, generator)


# ---------------------------------------------------------------------------------------------------
# Sources: what a recipe builds from, with digests of the files it reads.
# ---------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)  # short strings: 4096 file versions take about a megabyte
def _bytes_digest(path: Path, mtime_ns: int, size: int) -> str:
    """sha256 of a file's bytes; keyed by (path, mtime, size), so each version is read once per process."""
    hasher = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """A regular file's digest (of any size: it is read in blocks); a FIFO or device is refused unread."""
    status = stat_regular(path, DIGESTED_FILES)
    return _bytes_digest(path.resolve(), status.st_mtime_ns, status.st_size)


def _named(path: Path, keyword: str) -> list[Path]:
    """Existing files named (last word) on the lines of a text file (.obj, .mtl) whose keyword starts with
    `keyword`, relative to the file's folder."""
    lines = [line.split() for line in read_bytes(path, MESH_FILES).decode(errors="replace").splitlines()]
    names = [words[-1] for words in lines if len(words) > 1 and words[0].startswith(keyword)]
    return [found for found in (path.parent / name for name in names) if os.path.isfile(found)]


def resources(path: Path) -> list[Path]:
    """Files a .gltf or .obj reads besides itself (buffers, textures, material libraries and their maps)."""
    suffix = path.suffix.lower()
    if suffix == ".gltf":
        document = _read_json(path, MESH_FILES)
        items = [item for key in ("buffers", "images") for item in _list(document, key)]
        uris = [item["uri"] for item in items if isinstance(item, dict) and isinstance(item.get("uri"), str)]
        named = [path.parent / unquote(uri) for uri in uris if uri and not uri.startswith("data:")]
        return [found for found in named if os.path.isfile(found)]  # False for a name too long to be one
    if suffix == ".obj":
        libraries = _named(path, "mtllib")
        return libraries + [texture for library in libraries for texture in _named(library, "map_")]
    return []


def _list(document: object, key: str) -> list[Any]:
    """`document[key]` when the document is an object and that is a list, else nothing (trimesh reports a
    malformed glTF when it is built)."""
    value = document.get(key) if isinstance(document, dict) else None
    return value if isinstance(value, list) else []


def source_digest(path: Path) -> str:
    """A digest of a file and the files it reads, or of every file in a folder (a model's weights)."""
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path, *resources(path)]
    root = path if path.is_dir() else path.parent
    hasher = hashlib.sha256()
    for file in files:
        hasher.update(f"{file.relative_to(root).as_posix()}:{file_digest(file)}\n".encode())
    return hasher.hexdigest()[:16]


@dataclass(frozen=True)
class FileAsset:
    """A user's splat or mesh file as an asset: everything its Gaussians depend on."""

    path: str
    digest: str  # of the file and the files it reads: an edited file is another asset
    up: str
    front: str
    height_m: float  # its category's height, to which the director's sizes are relative
    splats: int  # Gaussians sampled on a mesh (a splat file keeps its own)
    rig: str = "static"  # how a glTF's node parts move: its category's rig

    @property
    def location(self) -> str:
        return self.path

    def build(self, seed: int) -> Gaussians:
        """The file's Gaussians; AssetFileError, "asset file PATH: why", for any file that cannot be one."""
        path = Path(self.path)
        try:
            if path.suffix.lower() == ".ply" and is_splat_ply(path):
                return load_splats(path, self.up, self.front, self.height_m)
            gen = torch.Generator().manual_seed(seed)
            return load_mesh(path, self.up, self.front, self.height_m, self.splats, gen, self.rig)
        except (AssetFileError, PlyError) as error:  # the file's reader named the file (or one it names)
            raise AssetFileError(f"asset file {error}") from error
        except ValueError as error:  # its geometry (fit_frame, sampling): the file is the user's to fix
            raise AssetFileError(f"asset file {path}: {error}") from error


@dataclass(frozen=True)
class ShapEAsset:
    """A Shap-E sample as an asset: the model (its folder and a digest of its files), the prompt and the
    sampler's settings."""

    model: str
    digest: str
    prompt: str
    height_m: float
    splats: int
    steps: int = SHAP_E_STEPS
    guidance: float = SHAP_E_GUIDANCE
    grid_size: int = SHAP_E_GRID

    @property
    def location(self) -> str:
        return self.model

    def build(self, seed: int) -> Gaussians:
        generator = torch.Generator().manual_seed(seed)
        pipe = _shap_e(self.model)
        return sample_shap_e(
            pipe, self.prompt, generator, steps=self.steps, guidance=self.guidance, grid_size=self.grid_size,
            height_m=self.height_m, splats=self.splats,
        )  # fmt: skip


# ---------------------------------------------------------------------------------------------------
# A user's folder: files, sidecars, matching.
# ---------------------------------------------------------------------------------------------------


def words_key(text: str) -> str:
    """'Red Car', 'red-car' and 'red_car' alike: lower-case words joined by '_'."""
    return "_".join(re.findall(r"[a-z0-9]+", text.lower()))


def default_orientation(path: Path) -> tuple[str, str]:
    """(up, front) of a file its sidecar says nothing about: y up for every format (3DGS captures in COLMAP's
    frame are often y-down: their sidecar says "up": "-y"); glTF assets face +z (the glTF 2.0 spec), the
    others +x, as ours do."""
    return ("+y", "+z") if path.suffix.lower() in (".glb", ".gltf") else ("+y", "+x")


@dataclass(frozen=True)
class FolderEntry:
    """One asset file with what its sidecar says about it."""

    path: Path
    key: str  # the file's stem as words_key
    tags: tuple[str, ...]  # as words_key
    up: str
    front: str


def _read_json(path: Path, kind: FileKind = SIDECAR_FILES) -> object:
    """A JSON file read through tools/files.py; AssetFileError naming it when it cannot be read or parsed."""
    text = read_text(path, kind)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise kind.refuse(path, f"not readable JSON: {error}") from None
    except RecursionError:
        raise kind.refuse(path, "not readable JSON: nested too deep") from None


def _checked(options: object, where: str) -> dict[str, Any]:
    """A sidecar's options, checked: only SIDECAR_KEYS, tags a list of strings, axes that are axes."""
    if not isinstance(options, dict):
        raise AssetFileError(f"{where}: expected an object with any of {', '.join(SIDECAR_KEYS)}")
    unknown = sorted(set(options) - set(SIDECAR_KEYS))
    if unknown:
        known = ", ".join(SIDECAR_KEYS)
        raise AssetFileError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {known}")
    tags = options.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise AssetFileError(f'{where}: "tags" must be a list of strings')
    if not all(isinstance(options.get(axis, ""), str) for axis in ("up", "front")):
        raise AssetFileError(f'{where}: "up" and "front" are axes such as "y" or "-z"')
    for axis in ("up", "front"):
        try:
            parse_axis(options.get(axis, "y"))
        except ValueError as error:
            raise AssetFileError(f'{where}: "{axis}": {error}') from None
    return options


def read_entry(path: Path, inherited: dict[str, Any] | None = None) -> FolderEntry:
    """An asset file and its options: its own sidecar `<stem>.json` over `inherited` (the folder's
    assets.json entry for it) over the format's defaults."""
    options = dict(inherited or {})
    sidecar = path.with_suffix(".json")
    if sidecar.exists() and sidecar.name != FOLDER_INDEX:  # a FIFO or device there is refused, not skipped
        options |= _checked(_read_json(sidecar), str(sidecar))
    up, front = default_orientation(path)
    try:
        up, front = parse_axis(str(options.get("up", up))), parse_axis(str(options.get("front", front)))
        orientation(up, front)
    except ValueError as error:
        raise AssetFileError(f"{path}: {error}") from None
    tags = tuple(words_key(tag) for tag in options.get("tags", []))
    return FolderEntry(path, words_key(path.stem), tags, up, front)


def scan_folder(folder: Path) -> list[FolderEntry]:
    """Every asset file under `folder` (subfolders too), sorted by path, with its options."""
    index_path = folder / FOLDER_INDEX
    index = _read_json(index_path) if index_path.exists() else {}
    if not isinstance(index, dict):
        raise AssetFileError(f"{index_path}: expected an object keyed by file paths relative to the folder")
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in ASSET_FILE_SUFFIXES and p.is_file())
    relative = {path.relative_to(folder).as_posix(): path for path in files}
    strays = sorted(set(index) - set(relative))
    if strays:
        raise AssetFileError(f"{index_path} names {', '.join(strays)}, which the folder does not hold")
    return [
        read_entry(path, _checked(index.get(name, {}), f"{index_path} [{name!r}]"))
        for name, path in relative.items()
    ]


@dataclass(frozen=True)
class Match:
    entry: FolderEntry
    how: str  # "name", "category" or "tag 'puppy'"


def _stem_score(key: str, noun: str, modifiers: set[str]) -> int | None:
    """How specifically a file stem names `noun`: 0 for the noun alone, k for k of the entity's own modifier
    words before it ('red_car' for a red car); None when it names something else."""
    if key == noun:
        return 0
    if not noun or not key.endswith(f"_{noun}"):
        return None
    extra = set(key[: -len(noun) - 1].split("_"))
    return len(extra) if extra <= modifiers else None


def match_file(entries: list[FolderEntry], entity: EntitySpec, seed: int) -> Match | None:
    """The file for an entity: those whose stem is its name (the prompt's noun), else its category, else
    those tagged with either. A stem may add the entity's own colour or attribute words ('red_car' for "a
    red car", and then beats 'car'); among equally good files, sorted by path, the seed picks one."""
    noun, category = words_key(entity.name), words_key(entity.category)
    said = [entity.color.name if entity.color else "", *entity.attributes]
    modifiers = {word for text in said for word in words_key(text).split("_") if word}
    wanted = [("name", noun)] + ([("category", category)] if category not in ("generic", noun) else [])
    for how, word in wanted:
        scored = [(score, e) for e in entries if (score := _stem_score(e.key, word, modifiers)) is not None]
        if scored:
            best = max(score for score, _ in scored)
            tied = [entry for score, entry in scored if score == best]
            return Match(tied[seed % len(tied)], how)
    tagged = [entry for entry in entries if noun in entry.tags or category in entry.tags]
    if not tagged:
        return None
    chosen = tagged[seed % len(tagged)]
    return Match(chosen, f"tag {noun if noun in chosen.tags else category!r}")


# ---------------------------------------------------------------------------------------------------
# Selection: which backend builds each instance, and why.
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """Which backend builds one instance, from what (None: the procedural generator), and why."""

    backend: Backend
    source: FileAsset | ShapEAsset | None
    why: str


def asset_spec(settings: RunSettings, entity: EntitySpec) -> tuple[str, str | None]:
    """The entity's SPEC (procedural, folder, shap-e or a file path) and the `--asset` key that set it
    (None: the run-wide backend). A key names a group id, else a name, else a category; the last flag for a
    key wins."""
    overrides = {words_key(key): spec for key, spec in settings.asset_overrides}
    for key in (entity.id, words_key(entity.name), words_key(entity.category)):
        if key in overrides:
            return overrides[key], key
    return settings.asset_backend, None


def shap_e_prompt(entity: EntitySpec) -> str:
    """What Shap-E is asked for: the director's sub-prompt ('a small red ball'), else the colour, the
    attributes and the name."""
    if entity.description.strip():
        return entity.description.strip()
    words = [entity.color.name if entity.color else "", *entity.attributes, entity.name]
    return "a " + " ".join(word for word in words if word)


def _file_asset(entry: FolderEntry, entity: EntitySpec, settings: RunSettings) -> FileAsset:
    category = CATEGORIES.get(entity.category, CATEGORIES["generic"])
    return FileAsset(
        path=str(entry.path),
        digest=source_digest(entry.path),
        up=entry.up,
        front=entry.front,
        height_m=category.size_m[1],
        splats=settings.mesh_splats,
        rig=category.rig,
    )


def choose_backends(plan: Plan, settings: RunSettings, seeds: dict[str, int]) -> dict[str, Choice]:
    """The backend of every instance; `seeds` (each instance's) pick among equally good folder files."""
    entries: list[FolderEntry] | None = None  # the folder is scanned once, and only when it is used
    choices: dict[str, Choice] = {}
    for instance, entity in plan.group_of().items():
        spec, key = asset_spec(settings, entity)
        if key is not None:
            flag = f"--asset {key}={spec}"
        else:  # the run-wide backend, given or implied (folder by --asset-folder)
            flag = f"--assets {spec}" if settings.assets_backend is not None else "the default"
        if spec == "procedural":
            choices[instance] = Choice("procedural", None, flag)
        elif spec == "shap-e":
            if settings.shap_e_model is None:
                raise ValueError(f"{flag} needs --shap-e-model DIR")
            height = CATEGORIES.get(entity.category, CATEGORIES["generic"]).size_m[1]
            model = settings.shap_e_model
            source = ShapEAsset(
                model, source_digest(Path(model)), shap_e_prompt(entity), height, settings.mesh_splats
            )
            choices[instance] = Choice("shap-e", source, flag)
        elif spec == "folder":
            if settings.asset_folder is None:
                raise ValueError(f"{flag} needs --asset-folder DIR")
            entries = scan_folder(Path(settings.asset_folder)) if entries is None else entries
            match = match_file(entries, entity, seeds[instance])
            choices[instance] = (
                Choice("procedural", None, f"no file in {settings.asset_folder} matched")
                if match is None
                else Choice("folder", _file_asset(match.entry, entity, settings), match.how)
            )
        else:
            choices[instance] = Choice("file", _file_asset(read_entry(Path(spec)), entity, settings), flag)
    return choices


def _said(choice: Choice, entity: EntitySpec) -> str:
    if isinstance(choice.source, ShapEAsset):
        return f"shap-e {choice.source.prompt!r} from {choice.source.model} ({choice.why})"
    if choice.source is None:
        return f"procedural ({choice.why})"
    text = f"{choice.backend} {choice.source.path} ({choice.why})"
    if entity.color is not None:
        text += f"; its own colours kept, not painted {entity.color.name}"
    return text


def describe_choices(plan: Plan, settings: RunSettings, choices: dict[str, Choice]) -> list[str]:
    """One line per entity group (per instance where they differ): which backend built it and why, e.g.
    "dog: folder assets/corgi.ply (name)"; and one per `--asset` key that names no entity. Nothing when
    every asset is procedural by default."""
    if settings.asset_backend == "procedural" and not settings.asset_overrides:
        return []
    lines = []
    for entity in plan.entities:
        said: dict[str, list[str]] = {}
        for instance in plan.instance_ids(entity):
            said.setdefault(_said(choices[instance], entity), []).append(instance)
        for text, instances in said.items():
            lines.append(f"{entity.id if len(said) == 1 else ', '.join(instances)}: {text}")
    names = {key for e in plan.entities for key in (e.id, words_key(e.name), words_key(e.category))}
    lines += [
        f"--asset {key}={spec}: no entity has the id, name or category {key!r}"
        for key, spec in settings.asset_overrides
        if words_key(key) not in names
    ]
    return lines
