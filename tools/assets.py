"""Procedural 3D Gaussian assets and environments, built from simple parametric parts.

Every asset is a list of named parts (torso, leg_l, wheel_fl ...), each made of surface pieces
(ellipsoids, boxes, tubes, tori). Gaussians are sampled on the piece SURFACES, laid flat along the
tangent plane and sized from the local point spacing, so a few thousand splats give a closed, solid
look. The part structure and pivots are kept so motion can swing legs and spin wheels. Assets are
built in their own frame (bottom centre at the origin, facing +x, left side -z) and fitted to the
catalog size prior; environments are a ground plane, a sky dome (walls for a room) and a few cheap
background features far from where entities stand.
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFont
from torch import Tensor

from scenewright.schema import vec3
from scenewright.tools.catalog import CATEGORIES
from scenewright.tools.gaussians import Gaussians, rgb_to_sh, rotmat_to_quat, yaw_matrix

GENERATOR_VERSION = "2"
"""Bump whenever the generator's output changes: cached assets are keyed by it."""

Vec = tuple[float, float, float]

OPACITY = 0.97
LIGHT = (0.3, 1.0, 0.4)  # baked key light direction (mostly from above), normalised where used
MIN_PIECE_SPLATS = 24  # even an eye or a beak gets enough splats to read as a shape

# The generic asset's label: the noun it stands for, in dark letters on white placards. Pillow's default font
# at LABEL_FONT_PX draws strokes 2-3 pixels (splats) wide, so they read solid; pixels darker than
# LABEL_INK_LEVEL (0-255) are ink. Names longer than LABEL_LINE_CHARS wrap at spaces ('hot air / balloon').
# The text block is at most LABEL_TEXT_M (width, height) on a 0.6 m face: ~7 cm letters for a short noun,
# centred LABEL_CENTER_Y up (below the cube's dark band), with LABEL_MARGIN_M of white round it; the placard
# is a grid LABEL_PAPER_STEP times coarser than the letters. Splats are drawn in the order of their centres'
# depth, so a large one slightly behind a small one can still cover it: the placard stands LABEL_PAPER_LIFT_M
# off the face and the letters LABEL_INK_LIFT_M off the placard, enough that neither is covered from the
# camera's usual elevations (the cube's splats reach ~6 cm, the placard's ~3 cm).
LABEL_FONT_PX, LABEL_INK_LEVEL = 24, 128
LABEL_LINE_CHARS, LABEL_MAX_LINES = 10, 3
LABEL_TEXT_M = (0.5, 0.26)
LABEL_CENTER_Y, LABEL_MARGIN_M, LABEL_PAPER_STEP = 0.22, 0.025, 2
LABEL_PAPER_LIFT_M, LABEL_INK_LIFT_M = 0.015, 0.01

# Natural colours of secondary parts.
SKIN = (0.87, 0.68, 0.55)
HAIR = (0.25, 0.16, 0.1)
DARK = (0.05, 0.05, 0.06)
TYRE = (0.07, 0.07, 0.08)
METAL = (0.62, 0.63, 0.66)
GLASS = (0.12, 0.16, 0.22)
TROUSERS = (0.2, 0.22, 0.3)
BARK = (0.36, 0.24, 0.14)
LEAF = (0.2, 0.5, 0.18)
WOOD = (0.55, 0.36, 0.2)
WHITE = (0.95, 0.95, 0.95)


# ---------------------------------------------------------------------------------------------------
# Surface shapes: each knows its area and draws points [n, 3] with outward unit normals [n, 3].
# ---------------------------------------------------------------------------------------------------


def _rotation(yaw: float, pitch: float) -> Tensor:
    """Yaw about +y after pitch about +z (nose up for positive pitch): [3, 3]."""
    c, s = math.cos(pitch), math.sin(pitch)
    pitch_m = torch.tensor([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    return yaw_matrix(yaw) @ pitch_m


def _stratified(n: int, gen: torch.Generator) -> Tensor:
    """n points [n, 2] spread evenly over the unit square, so splats tile without gaps.

    The R2 low-discrepancy sequence (from the plastic number) with a random toroidal shift per call.
    """
    plastic = 1.324717957244746
    steps = torch.tensor([1 / plastic, 1 / plastic**2], dtype=torch.float64)  # [2]
    shift = torch.rand(2, generator=gen, dtype=torch.float64)  # [2]
    index = torch.arange(n, dtype=torch.float64)[:, None]  # [n, 1]
    return torch.remainder(shift + index * steps, 1.0).float()


def _split(n: int, areas: list[float]) -> list[int]:
    """Share n points between sub-surfaces in proportion to their areas (every non-empty one gets some)."""
    total = sum(areas)
    return [max(4, round(n * a / total)) if a > 0 else 0 for a in areas]


# Every shape's `sample(n, gen)` returns points [n, 3], outward unit normals [n, 3] and the surface area
# each point stands for [n] (its local area element), from which the splat size follows.


@dataclass(frozen=True)
class Ellipsoid:
    center: Vec
    radii: Vec
    yaw: float = 0.0
    pitch: float = 0.0
    cut_below: float = -1.0  # keep cut_below <= local y / radii[1] <= cut_above (a hull is the lower half)
    cut_above: float = 1.0

    @property
    def area(self) -> float:
        a, b, c = self.radii
        p = 1.6075  # Knud Thomsen's approximation
        full = 4 * math.pi * ((a**p * b**p + a**p * c**p + b**p * c**p) / 3) ** (1 / p)
        return full * (self.cut_above - self.cut_below) / 2

    def sample(self, n: int, gen: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        radii = torch.tensor(self.radii)  # [3]
        uv = _stratified(n, gen)  # [n, 2]
        # Equal-area map of the unit square onto the sphere (cut at y = cut_above), then stretch by radii.
        y = self.cut_below + (self.cut_above - self.cut_below) * uv[:, 0]
        phi = math.tau * uv[:, 1]
        ring = (1 - y * y).clamp_min(0).sqrt()
        unit = torch.stack([ring * torch.cos(phi), y, ring * torch.sin(phi)], dim=1)  # [n, 3]
        # Stretching scales the sphere's area element by abc * |unit / radii|.
        element = (
            2 * math.pi * (self.cut_above - self.cut_below) / n * radii.prod() * (unit / radii).norm(dim=1)
        )  # [n]
        rotation = _rotation(self.yaw, self.pitch)  # [3, 3]
        points = (unit * radii) @ rotation.T + torch.tensor(self.center)  # [n, 3]
        normals = torch.nn.functional.normalize(unit / radii, dim=1) @ rotation.T  # [n, 3]
        return points, normals, element


@dataclass(frozen=True)
class Box:
    """A box, optionally tapered: the top face is scaled by `top_scale` (x, z) and shifted by `top_shift`
    along x, so one shape gives slabs, car cabins and (with top z-scale ~0) gable roofs."""

    center: Vec
    size: Vec
    top_scale: tuple[float, float] = (1.0, 1.0)
    top_shift: float = 0.0
    yaw: float = 0.0
    open_bottom: bool = False  # things standing on the ground never show their underside

    def _faces(self) -> Tensor:
        """Quads [F, 4, 3] as bilinear patches (corners 00, 10, 01, 11) in the box frame."""
        sx, sy, sz = (s / 2 for s in self.size)
        (tx, tz), shift = self.top_scale, self.top_shift
        c = torch.tensor(
            [
                [[[-sx, -sy, -sz], [-sx, -sy, sz]], [[sx, -sy, -sz], [sx, -sy, sz]]],
                [
                    [[-sx * tx + shift, sy, -sz * tz], [-sx * tx + shift, sy, sz * tz]],
                    [[sx * tx + shift, sy, -sz * tz], [sx * tx + shift, sy, sz * tz]],
                ],
            ]
        )  # [2 (bottom, top), 2 (-x, +x), 2 (-z, +z), 3]
        faces = [c[1], c[:, 0], c[:, 1], c[:, :, 0], c[:, :, 1]]  # top, -x, +x, -z, +z
        if not self.open_bottom:
            faces.append(c[0])
        return torch.stack([f.reshape(4, 3) for f in faces])

    @staticmethod
    def _patch(face: Tensor, uv: Tensor) -> tuple[Tensor, Tensor]:
        """Points [M, 3] and area elements du x dv [M, 3] of a bilinear patch face [4, 3] at uv [M, 2]."""
        p00, p10, p01, p11 = face
        u, v = uv[:, :1], uv[:, 1:]  # [M, 1]
        points = (1 - u) * (1 - v) * p00 + u * (1 - v) * p10 + (1 - u) * v * p01 + u * v * p11
        du = (1 - v) * (p10 - p00) + v * (p11 - p01)
        dv = (1 - u) * (p01 - p00) + u * (p11 - p10)
        return points, torch.linalg.cross(du, dv)

    def _face_areas(self) -> list[float]:
        grid = torch.stack(
            torch.meshgrid(torch.linspace(0.05, 0.95, 8), torch.linspace(0.05, 0.95, 8), indexing="ij"), -1
        ).reshape(-1, 2)  # [64, 2]
        return [float(self._patch(face, grid)[1].norm(dim=1).mean()) for face in self._faces()]

    @property
    def area(self) -> float:
        return sum(self._face_areas())

    def sample(self, n: int, gen: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        points, normals, elements = [], [], []
        for face, count in zip(self._faces(), _split(n, self._face_areas()), strict=True):
            if count == 0:
                continue
            face_points, cross = self._patch(face, _stratified(count, gen))
            normal = torch.nn.functional.normalize(cross, dim=1)
            # Orient outward: the box is convex, so the outward normal points away from its centre.
            points.append(face_points)
            normals.append(torch.where((normal * face_points).sum(1, keepdim=True) < 0, -normal, normal))
            elements.append(cross.norm(dim=1) / count)
        rotation = yaw_matrix(self.yaw)
        return (
            torch.cat(points) @ rotation.T + torch.tensor(self.center),
            torch.cat(normals) @ rotation.T,
            torch.cat(elements),
        )


@dataclass(frozen=True)
class Tube:
    """A truncated cone from `start` (radius r0) to `end` (radius r1): limbs, trunks, frame tubes, hubs."""

    start: Vec
    end: Vec
    r0: float
    r1: float
    caps: bool = True

    def _frame(self) -> tuple[Tensor, Tensor, Tensor, float]:
        """Unit axis [3], two unit perpendiculars [3] and the length."""
        axis = torch.tensor(self.end) - torch.tensor(self.start)
        length = float(axis.norm())
        axis = axis / length
        helper = torch.tensor([0.0, 0.0, 1.0]) if abs(float(axis[2])) < 0.9 else torch.tensor([1.0, 0.0, 0.0])
        e1 = torch.nn.functional.normalize(torch.linalg.cross(axis, helper), dim=0)
        return axis, e1, torch.linalg.cross(axis, e1), length

    def _areas(self) -> list[float]:
        """Side, start cap, end cap."""
        length = math.dist(self.start, self.end)
        side = math.pi * (self.r0 + self.r1) * math.hypot(length, self.r0 - self.r1)
        caps = [math.pi * r * r for r in (self.r0, self.r1)] if self.caps else [0.0, 0.0]
        return [side, *caps]

    @property
    def area(self) -> float:
        return sum(self._areas())

    def sample(self, n: int, gen: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        axis, e1, e2, length = self._frame()
        start = torch.tensor(self.start)
        n_side, n_start, n_end = _split(n, self._areas())
        # Side: t along the axis, theta around it; the area element grows with the radius.
        uv = _stratified(n_side, gen)
        t, theta = uv[:, 0], math.tau * uv[:, 1]
        radial = torch.cos(theta)[:, None] * e1 + torch.sin(theta)[:, None] * e2  # [n_side, 3]
        radius = self.r0 + (self.r1 - self.r0) * t  # [n_side]
        slant = math.hypot(length, self.r0 - self.r1)
        points = [start + (t * length)[:, None] * axis + radius[:, None] * radial]
        normals = [torch.nn.functional.normalize(radial * length + axis * (self.r0 - self.r1), dim=1)]
        elements = [math.tau * radius * slant / n_side]
        # Caps: discs at both ends, equal-area in the radial coordinate.
        for count, r, centre, facing in (
            (n_start, self.r0, start, -axis),
            (n_end, self.r1, start + length * axis, axis),
        ):
            uv = _stratified(count, gen)
            rho, phi = r * uv[:, :1].sqrt(), math.tau * uv[:, 1:]
            points.append(centre + rho * (torch.cos(phi) * e1 + torch.sin(phi) * e2))
            normals.append(facing.expand(count, 3))
            elements.append(torch.full((count,), math.pi * r * r / max(count, 1)))
        return torch.cat(points), torch.cat(normals), torch.cat(elements)


@dataclass(frozen=True)
class Torus:
    """A ring around the z axis (yawed by `yaw`): tyres, rims, a ball's seam."""

    center: Vec
    major: float
    minor: float
    yaw: float = 0.0

    @property
    def area(self) -> float:
        return 4 * math.pi**2 * self.major * self.minor

    def sample(self, n: int, gen: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        uv = _stratified(n, gen)
        theta, phi = math.tau * uv[:, 0], math.tau * uv[:, 1]  # around the ring, around the tube
        normals = torch.stack(
            [torch.cos(phi) * torch.cos(theta), torch.cos(phi) * torch.sin(theta), torch.sin(phi)], 1
        )
        ring = torch.stack([torch.cos(theta), torch.sin(theta), torch.zeros_like(theta)], 1)  # [n, 3]
        element = 4 * math.pi**2 * self.minor * (self.major + self.minor * torch.cos(phi)) / n  # [n]
        rotation = yaw_matrix(self.yaw)
        points = (self.major * ring + self.minor * normals) @ rotation.T + torch.tensor(self.center)
        return points, normals @ rotation.T, element


@functools.cache
def _ink(text: str) -> Tensor:
    """The dark pixels [H, W] (bool) of `text` in Pillow's default font; long names wrap, lines centred."""
    width = max(LABEL_LINE_CHARS, math.ceil(len(text) / LABEL_MAX_LINES))
    lines = "\n".join(textwrap.wrap(text, width=width, break_long_words=False))
    font = ImageFont.load_default(size=LABEL_FONT_PX)
    box = ImageDraw.Draw(Image.new("L", (1, 1))).multiline_textbbox((0, 0), lines, font=font, align="center")
    left, top, right, bottom = math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
    image = Image.new("L", (right - left + 2, bottom - top + 2), 255)  # a pixel of margin all round
    ImageDraw.Draw(image).multiline_text((1 - left, 1 - top), lines, fill=0, font=font, align="center")
    return torch.from_numpy(np.asarray(image) < LABEL_INK_LEVEL)


@dataclass(frozen=True)
class Grid:
    """Splats on a regular grid over a vertical rectangle facing local +z (turned by `yaw`), centred on
    `center`: one per set cell of `mask` [H, W] (row 0 on top, column 0 on the viewer's left), `pitch` apart.
    Letters and their placard are grids, so all splats of a layer are alike; the mask fixes the count
    (`sample` ignores its n)."""

    mask: Tensor = field(compare=False)  # [H, W] bool
    center: Vec
    pitch: float
    yaw: float = 0.0

    @property
    def area(self) -> float:
        return float(self.mask.sum()) * self.pitch**2

    def sample(self, n: int, gen: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        rows, cols = self.mask.nonzero(as_tuple=True)  # [M] each
        height, width = self.mask.shape
        x = (cols.float() + 0.5 - width / 2) * self.pitch  # [M]
        y = (height / 2 - rows.float() - 0.5) * self.pitch  # [M]
        rotation = yaw_matrix(self.yaw)  # [3, 3]
        points = torch.stack([x, y, torch.zeros_like(x)], dim=1) @ rotation.T + torch.tensor(self.center)
        normals = rotation[:, 2].expand(len(points), 3)  # [M, 3] local +z
        return points, normals, torch.full((len(points),), self.pitch**2)


Shape = Ellipsoid | Box | Tube | Torus | Grid


@dataclass(frozen=True)
class Decal:
    """A fixed colour painted on the surface points inside an axis-aligned box: windows, doors, markings."""

    low: Vec
    high: Vec
    rgb: Vec


@dataclass(frozen=True)
class Piece:
    shape: Shape
    paint: Vec | None = None  # None: the asset's main (named) colour
    accent: bool = False  # takes the main colour too when the critic asked for more of it (attempt >= 1)
    decals: tuple[Decal, ...] = ()


@dataclass(frozen=True)
class Part:
    name: str
    pivot: Vec
    pieces: tuple[Piece, ...]


# ---------------------------------------------------------------------------------------------------
# From sampled surfaces to Gaussians.
# ---------------------------------------------------------------------------------------------------


@dataclass
class Samples:
    """Surface points of a set of parts, before they become Gaussians."""

    points: Tensor  # [N, 3]
    normals: Tensor  # [N, 3]
    spacing: Tensor  # [N] distance to the neighbouring points (square root of the area each stands for)
    rgb: Tensor  # [N, 3] base colour
    part_ids: Tensor  # [N]


def _sample_parts(
    parts: list[Part], count: int, paint: Callable[[Piece], Vec], gen: torch.Generator
) -> Samples:
    """About `count` surface points over all pieces, in proportion to their areas."""
    pieces = [(k, piece) for k, part in enumerate(parts) for piece in part.pieces]
    total = sum(piece.shape.area for _, piece in pieces)
    chunks = []
    for k, piece in pieces:
        area = piece.shape.area
        n = max(MIN_PIECE_SPLATS, round(count * area / total))
        points, normals, element = piece.shape.sample(n, gen)
        rgb = torch.tensor(paint(piece)).expand(len(points), 3).clone()  # [n, 3]
        for decal in piece.decals:
            inside = ((points >= torch.tensor(decal.low)) & (points <= torch.tensor(decal.high))).all(dim=1)
            rgb[inside] = torch.tensor(decal.rgb)
        chunks.append(
            (points, normals, element.sqrt(), rgb, torch.full((len(points),), k, dtype=torch.int64))
        )
    return Samples(*(torch.cat(column) for column in zip(*chunks, strict=True)))


def _tangent_quats(normals: Tensor) -> Tensor:
    """Quaternions [N, 4] whose local z axis is the normal [N, 3], so a flat splat lies on the surface."""
    helper = torch.where(
        normals[:, 1:2].abs() < 0.9, torch.tensor([[0.0, 1.0, 0.0]]), torch.tensor([[1.0, 0.0, 0.0]])
    )
    t1 = torch.nn.functional.normalize(torch.linalg.cross(helper, normals), dim=1)  # [N, 3]
    t2 = torch.linalg.cross(normals, t1)  # [N, 3]
    return rotmat_to_quat(torch.stack([t1, t2, normals], dim=-1))  # columns: t1, t2, n


def _to_gaussians(
    samples: Samples, parts: list[str], pivots: Tensor, gen: torch.Generator, shade_depth: float = 0.16
) -> Gaussians:
    """Flat splats on the surface, a baked key light (`shade_depth` darker facing away) and colour noise."""
    n = samples.points.shape[0]
    light = torch.nn.functional.normalize(torch.tensor(LIGHT), dim=0)
    facing = 0.5 + 0.5 * (samples.normals @ light)  # [N] 1 towards the light, 0 away
    shade = 1 - shade_depth * (1 - facing)
    noise = (
        1 + 0.03 * torch.randn(n, 1, generator=gen) + 0.01 * torch.randn(n, 3, generator=gen)
    )  # [N, 3] mostly luminance
    rgb = (samples.rgb * shade[:, None] * noise).clamp(0.0, 1.0)
    tangent = 0.7 * samples.spacing  # [N] overlapping footprints close the surface
    scales = torch.stack([tangent, tangent, (0.15 * tangent).clamp_max(0.02)], dim=1)  # [N, 3] flat
    return Gaussians(
        means=samples.points,
        quats=_tangent_quats(samples.normals),
        log_scales=scales.log(),
        logit_opacities=torch.full((n,), math.log(OPACITY / (1 - OPACITY))),
        sh0=rgb_to_sh(rgb),
        part_ids=samples.part_ids,
        parts=parts,
        pivots=pivots,
    )


# ---------------------------------------------------------------------------------------------------
# Categories. Each builder lays parts out at roughly the catalog size (metres, facing +x, y up);
# `vary()` returns a factor within a few % of 1 for per-seed proportions.
# ---------------------------------------------------------------------------------------------------

Vary = Callable[[], float]


def _person(vary: Vary, attributes: list[str]) -> list[Part]:
    leg, head = 0.92 * vary(), 0.115 * vary()
    shoulder_y, hip_z = leg + 0.5, 0.095
    parts = [
        Part(
            "torso",
            (0.0, leg, 0.0),
            (
                Piece(Ellipsoid((0.0, leg + 0.27, 0.0), (0.12, 0.3, 0.19))),
                Piece(Ellipsoid((0.0, leg + 0.02, 0.0), (0.11, 0.11, 0.17)), TROUSERS, accent=True),
                Piece(Tube((0.0, shoulder_y, 0.0), (0.0, shoulder_y + 0.1, 0.0), 0.05, 0.045), SKIN),
            ),
        ),
        Part(
            "head",
            (0.0, shoulder_y + 0.08, 0.0),
            (
                Piece(Ellipsoid((0.01, shoulder_y + 0.2, 0.0), (0.1, head, 0.088)), SKIN),
                Piece(Ellipsoid((-0.012, shoulder_y + 0.235, 0.0), (0.1, 0.1, 0.093)), HAIR),
                *(
                    Piece(Ellipsoid((0.1, shoulder_y + 0.215, side * 0.035), (0.009, 0.011, 0.009)), DARK)
                    for side in (-1, 1)
                ),
            ),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        shoulder = (0.0, shoulder_y - 0.04, side * 0.2)
        elbow = (0.01, shoulder_y - 0.32, side * 0.23)
        wrist = (0.03, shoulder_y - 0.56, side * 0.24)
        parts.append(
            Part(
                f"arm_{suffix}",
                shoulder,
                (
                    Piece(Tube(shoulder, elbow, 0.055, 0.045)),
                    Piece(Tube(elbow, wrist, 0.042, 0.035), SKIN),
                    Piece(Ellipsoid((wrist[0], wrist[1] - 0.05, wrist[2]), (0.03, 0.055, 0.022)), SKIN),
                ),
            )
        )
        hip = (0.0, leg, side * hip_z)
        ankle = (0.0, 0.09, side * hip_z)
        parts.append(
            Part(
                f"leg_{suffix}",
                hip,
                (
                    Piece(Tube(hip, ankle, 0.075, 0.05), TROUSERS, accent=True),
                    Piece(Ellipsoid((0.06, 0.045, side * hip_z), (0.13, 0.05, 0.055)), DARK),
                ),
            )
        )
    return parts


@dataclass(frozen=True)
class QuadrupedShape:
    """Proportions of a four-legged animal, metres."""

    body: Vec  # body ellipsoid radii
    leg_height: float  # ground to the body's centre line
    leg_radius: float
    neck: tuple[Vec, Vec]  # from the body to the head, (x, y, z) both
    head: Vec  # head ellipsoid radii
    snout: float  # snout length
    head_pitch: float  # radians, negative points the head down
    ear: tuple[float, float, float]  # tip offset forward, tip offset up (negative: floppy), base radius
    tail: tuple[Vec, Vec]
    tail_radius: float


DOG = QuadrupedShape(
    body=(0.28, 0.12, 0.12),
    leg_height=0.34,
    leg_radius=0.04,
    neck=((0.22, 0.38, 0.0), (0.3, 0.47, 0.0)),
    head=(0.1, 0.085, 0.08),
    snout=0.1,
    head_pitch=-0.15,
    ear=(-0.01, -0.08, 0.035),
    tail=((-0.27, 0.4, 0.0), (-0.45, 0.52, 0.0)),
    tail_radius=0.025,
)
CAT = QuadrupedShape(
    body=(0.16, 0.07, 0.07),
    leg_height=0.16,
    leg_radius=0.02,
    neck=((0.13, 0.19, 0.0), (0.17, 0.23, 0.0)),
    head=(0.06, 0.055, 0.058),
    snout=0.025,
    head_pitch=0.0,
    ear=(-0.005, 0.05, 0.025),
    tail=((-0.15, 0.19, 0.0), (-0.26, 0.31, 0.0)),
    tail_radius=0.014,
)
HORSE = QuadrupedShape(
    body=(0.68, 0.3, 0.27),
    leg_height=1.08,
    leg_radius=0.085,
    neck=((0.5, 1.18, 0.0), (0.82, 1.55, 0.0)),
    head=(0.16, 0.13, 0.11),
    snout=0.32,
    head_pitch=-0.9,
    ear=(0.0, 0.12, 0.04),
    tail=((-0.68, 1.25, 0.0), (-0.9, 0.75, 0.0)),
    tail_radius=0.07,
)


def _quadruped(shape: QuadrupedShape, mane: Vec | None) -> Callable[[Vary, list[str]], list[Part]]:
    """A builder for dog, cat and horse: ellipsoid body, tube legs, neck, head with snout and ears, tail."""

    def build(vary: Vary, attributes: list[str]) -> list[Part]:
        rx, ry, rz = shape.body
        body_y = shape.leg_height * vary()
        leg_top = body_y - 0.3 * ry
        neck_start, neck_end = shape.neck
        hx, hy, hz = shape.head
        head_c = (neck_end[0] + 0.4 * hx, neck_end[1] + 0.5 * hy, 0.0)
        aim = (math.cos(shape.head_pitch), math.sin(shape.head_pitch))
        snout_c = (
            head_c[0] + aim[0] * (hx + 0.3 * shape.snout),
            head_c[1] + aim[1] * (hx + 0.3 * shape.snout),
            0.0,
        )
        nose_c = (snout_c[0] + aim[0] * 0.55 * shape.snout, snout_c[1] + aim[1] * 0.55 * shape.snout, 0.0)
        eye_r = 0.12 * hy
        head = [
            Piece(Ellipsoid(head_c, (hx, hy, hz), pitch=shape.head_pitch)),
            Piece(
                Ellipsoid(snout_c, (0.6 * shape.snout + 0.02, 0.55 * hy, 0.6 * hz), pitch=shape.head_pitch)
            ),
            Piece(Ellipsoid(nose_c, (0.25 * hz, 0.2 * hy, 0.3 * hz)), DARK),
        ]
        for side in (-1, 1):
            eye = (head_c[0] + 0.55 * hx * aim[0], head_c[1] + 0.3 * hy, side * 0.62 * hz)
            head.append(Piece(Ellipsoid(eye, (eye_r, eye_r, eye_r)), DARK))
            forward, up, radius = shape.ear
            ear_base = (head_c[0] - 0.3 * hx, head_c[1] + 0.75 * hy, side * 0.5 * hz)
            outward = 0.3 * radius if up > 0 else 1.6 * radius  # floppy ears hang beside the head
            ear_tip = (ear_base[0] + forward, ear_base[1] + up, ear_base[2] + side * outward)
            head.append(Piece(Tube(ear_base, ear_tip, radius, 0.3 * radius if up < 0 else 0.002)))
        body = [
            Piece(Ellipsoid((0.0, body_y, 0.0), (rx, ry, rz))),
            Piece(Tube(neck_start, neck_end, 0.6 * rz, 0.5 * rz, caps=False)),
        ]
        if mane is not None:
            top = (0.0, 0.45 * rz * 1.2, 0.0)
            body.append(
                Piece(
                    Tube(
                        vec3(a + b for a, b in zip(neck_start, top, strict=True)),
                        vec3(a + b for a, b in zip(neck_end, top, strict=True)),
                        0.2 * rz,
                        0.15 * rz,
                    ),
                    mane,
                )
            )
        parts = [
            Part("body", (0.0, body_y, 0.0), tuple(body)),
            Part("head", neck_end, tuple(head)),
            Part(
                "tail",
                shape.tail[0],
                (
                    Piece(
                        Tube(shape.tail[0], shape.tail[1], shape.tail_radius, 0.6 * shape.tail_radius), mane
                    ),
                ),
            ),
        ]
        r = shape.leg_radius
        for name, x, side in (
            ("leg_fl", 0.7, -1),
            ("leg_fr", 0.7, 1),
            ("leg_bl", -0.7, -1),
            ("leg_br", -0.7, 1),
        ):
            top = (x * rx, leg_top, side * 0.55 * rz)
            foot = (x * rx + 0.02 * rx, 0.5 * r, side * 0.55 * rz)
            parts.append(
                Part(
                    name,
                    top,
                    (
                        Piece(Tube(top, foot, r, 0.8 * r)),
                        Piece(Ellipsoid((foot[0] + 0.4 * r, 0.5 * r, foot[2]), (1.3 * r, 0.5 * r, r))),
                    ),
                )
            )
        return parts

    return build


def _bird(vary: Vary, attributes: list[str]) -> list[Part]:
    body_y = 0.12 * vary()
    head_c = (0.1, body_y + 0.06, 0.0)
    parts = [
        Part(
            "body",
            (0.0, body_y, 0.0),
            (
                Piece(Ellipsoid((0.0, body_y, 0.0), (0.1, 0.065, 0.06), pitch=0.2)),
                *(
                    Piece(
                        Tube((0.0, body_y - 0.04, side * 0.025), (0.005, 0.0, side * 0.025), 0.006, 0.005),
                        DARK,
                    )
                    for side in (-1, 1)
                ),
            ),
        ),
        Part(
            "head",
            (0.07, body_y + 0.04, 0.0),
            (
                Piece(Ellipsoid(head_c, (0.045, 0.043, 0.04))),
                *(
                    Piece(
                        Ellipsoid(
                            (head_c[0] + 0.025, head_c[1] + 0.012, side * 0.032), (0.008, 0.008, 0.008)
                        ),
                        DARK,
                    )
                    for side in (-1, 1)
                ),
            ),
        ),
        Part(
            "beak",
            (head_c[0] + 0.04, head_c[1], 0.0),
            (
                Piece(
                    Tube(
                        (head_c[0] + 0.035, head_c[1] - 0.005, 0.0),
                        (head_c[0] + 0.085, head_c[1] - 0.012, 0.0),
                        0.014,
                        0.002,
                    ),
                    (0.95, 0.6, 0.1),
                ),
            ),
        ),
        Part(
            "tail",
            (-0.09, body_y + 0.005, 0.0),
            (Piece(Ellipsoid((-0.13, body_y + 0.015, 0.0), (0.055, 0.008, 0.03), pitch=0.2), accent=True),),
        ),
    ]
    for side, suffix in ((-1, "l"), (1, "r")):
        root = (0.0, body_y + 0.03, side * 0.045)
        parts.append(
            Part(
                f"wing_{suffix}",
                root,
                (
                    Piece(
                        Ellipsoid((-0.01, body_y + 0.035, side * 0.15), (0.065, 0.01, 0.11), yaw=side * 0.15)
                    ),
                ),
            )
        )
    return parts


def _wheel(name: str, center: Vec, radius: float, tyre: float, hub: float) -> Part:
    """A tyre (torus) around a hub disc, spinning about z at its centre."""
    x, y, z = center
    return Part(
        name,
        center,
        (
            Piece(Torus(center, radius - tyre, tyre), TYRE),
            Piece(Tube((x, y, z - 0.6 * tyre), (x, y, z + 0.6 * tyre), hub, hub), METAL),
        ),
    )


def _car(vary: Vary, attributes: list[str]) -> list[Part]:
    wheel_r, track = 0.34, 0.78
    cabin_h = 0.55 * vary()
    body = (
        Piece(Box((0.0, 0.68, 0.0), (4.3, 0.62, 1.78), top_scale=(0.97, 0.97))),
        Piece(
            Box((-0.25, 0.99 + cabin_h / 2, 0.0), (2.3, cabin_h, 1.6), top_scale=(0.6, 0.82), top_shift=-0.2),
            GLASS,
        ),
        Piece(Box((-0.35, 0.99 + cabin_h + 0.02, 0.0), (1.4, 0.05, 1.34))),
        Piece(Box((2.14, 0.45, 0.0), (0.08, 0.16, 1.8)), (0.15, 0.15, 0.16), accent=True),
        Piece(Box((-2.14, 0.45, 0.0), (0.08, 0.16, 1.8)), (0.15, 0.15, 0.16), accent=True),
        *(Piece(Box((2.15, 0.8, side * 0.62), (0.04, 0.1, 0.3)), (1.0, 0.97, 0.8)) for side in (-1, 1)),
        *(Piece(Box((-2.15, 0.8, side * 0.66), (0.04, 0.1, 0.25)), (0.8, 0.05, 0.05)) for side in (-1, 1)),
    )
    parts = [Part("body", (0.0, 0.0, 0.0), body)]
    for name, x, side in (
        ("wheel_fl", 1.4, -1),
        ("wheel_fr", 1.4, 1),
        ("wheel_bl", -1.35, -1),
        ("wheel_br", -1.35, 1),
    ):
        parts.append(_wheel(name, (x, wheel_r, side * track), wheel_r, 0.11, 0.2))
    return parts


def _bus(vary: Vary, attributes: list[str]) -> list[Part]:
    wheel_r, length, width, floor = 0.5, 11.0, 2.5, 0.6
    height = 2.6 * vary()
    window_low, window_high = floor + 0.4 * height, floor + 0.85 * height
    front, side = length / 2, width / 2
    # Windows are decals on the body's own surface: no coplanar layers to flicker through each other.
    windows = [
        Decal(
            (front - 0.05, window_low - 0.3, -side + 0.15), (front + 0.05, window_high, side - 0.15), GLASS
        ),
        Decal(
            (front - 1.5, floor + 0.1 * height, side - 0.05), (front - 0.5, window_high, side + 0.05), GLASS
        ),
        Decal((-front - 0.05, window_low, -side + 0.3), (-front + 0.05, window_high, side - 0.3), GLASS),
        *(
            Decal((x, window_low, -side - 0.05), (x + 1.3, window_high, side + 0.05), GLASS)
            for x in torch.arange(-front + 0.5, front - 1.7, 1.5).tolist()
        ),
        Decal((-front - 0.1, floor, -side - 0.1), (front + 0.1, floor + 0.25, side + 0.1), (0.2, 0.2, 0.22)),
        *(
            Decal(
                (front - 0.05, floor + 0.35, z - 0.2), (front + 0.05, floor + 0.55, z + 0.2), (1.0, 0.97, 0.8)
            )
            for z in (-0.9, 0.9)
        ),
    ]
    body = Piece(
        Box((0.0, floor + height / 2, 0.0), (length, height, width), open_bottom=True), decals=tuple(windows)
    )
    parts = [Part("body", (0.0, 0.0, 0.0), (body,))]
    for name, x, z in (
        ("wheel_fl", 3.6, -1),
        ("wheel_fr", 3.6, 1),
        ("wheel_bl", -3.4, -1),
        ("wheel_br", -3.4, 1),
    ):
        parts.append(_wheel(name, (x, wheel_r, z * 1.05), wheel_r, 0.18, 0.25))
    return parts


def _bicycle(vary: Vary, attributes: list[str]) -> list[Part]:
    r, tube = 0.35, 0.022
    back, front = (-0.52, r, 0.0), (0.52, r, 0.0)
    crank = (0.0, 0.3, 0.0)
    seat_top = (-0.12, 0.86 * vary(), 0.0)
    head_top, head_low = (0.4, 0.88, 0.0), (0.43, 0.75, 0.0)
    frame = [
        Piece(Tube(crank, seat_top, tube, tube)),  # seat tube
        Piece(Tube(seat_top, head_top, tube, tube)),  # top tube
        Piece(Tube(crank, head_low, tube, tube)),  # down tube
        Piece(Tube(crank, back, tube, tube)),  # chain stay
        Piece(Tube(seat_top, back, tube, tube)),  # seat stay
        Piece(Tube(head_low, front, tube, 0.8 * tube)),  # fork
        Piece(Tube(head_top, (0.38, 0.98, 0.0), tube, tube)),  # stem
        Piece(Tube((0.36, 0.98, -0.25), (0.36, 0.98, 0.25), tube, tube), DARK),  # handlebar
        Piece(Ellipsoid((-0.14, seat_top[1] + 0.04, 0.0), (0.12, 0.03, 0.06)), DARK),  # saddle
        Piece(Tube((crank[0], crank[1], -0.06), (crank[0], crank[1], 0.06), 0.08, 0.08), METAL),  # chain ring
    ]
    parts = [Part("body", (0.0, 0.0, 0.0), tuple(frame))]
    for name, centre in (("wheel_b", back), ("wheel_f", front)):
        wheel = _wheel(name, centre, r, 0.025, 0.035)
        rim = Piece(Torus(centre, r - 0.05, 0.012), METAL)
        spokes = tuple(
            Piece(
                Tube(
                    centre, (centre[0] + 0.3 * math.cos(a), centre[1] + 0.3 * math.sin(a), 0.0), 0.004, 0.004
                ),
                METAL,
            )
            for a in torch.linspace(0, math.tau, 9)[:-1].tolist()
        )
        parts.append(Part(name, centre, (*wheel.pieces, rim, *spokes)))
    return parts


def _boat(vary: Vary, attributes: list[str]) -> list[Part]:
    keel_y, deck_y = 0.5, 0.85
    cabin_h = 0.65 * vary()
    # Rounded bottom (lower half of an ellipsoid) below near-vertical topsides (a thin band of a tall one).
    windows = Decal((-1.3, deck_y + 0.45 * cabin_h, -0.7), (0.5, deck_y + 0.8 * cabin_h, 0.7), GLASS)
    return [
        Part(
            "hull",
            (0.0, 0.0, 0.0),
            (
                Piece(Ellipsoid((0.0, keel_y, 0.0), (2.5, keel_y, 1.0), cut_above=0.0)),
                Piece(
                    Ellipsoid(
                        (0.0, keel_y, 0.0), (2.5, 2.2, 1.0), cut_below=0.0, cut_above=(deck_y - keel_y) / 2.2
                    ),
                ),
                Piece(Ellipsoid((0.0, deck_y, 0.0), (2.48, 0.02, 0.98)), WOOD),  # deck
            ),
        ),
        Part(
            "cabin",
            (0.0, deck_y, 0.0),
            (
                Piece(
                    Box((-0.4, deck_y + cabin_h / 2, 0.0), (1.6, cabin_h, 1.2), top_scale=(0.85, 0.9)),
                    WHITE,
                    accent=True,
                    decals=(windows,),
                ),
                Piece(Box((-0.45, deck_y + cabin_h + 0.03, 0.0), (1.5, 0.06, 1.15))),
                Piece(Tube((-0.5, deck_y + cabin_h, 0.0), (-0.5, 1.6, 0.0), 0.03, 0.02), METAL),  # mast
            ),
        ),
    ]


def _tree(vary: Vary, attributes: list[str]) -> list[Part]:
    conifer = any(word in attributes for word in ("pine", "fir", "spruce", "conifer", "christmas"))
    trunk_h = (1.6 if conifer else 2.2) * vary()
    trunk = Part(
        "trunk", (0.0, 0.0, 0.0), (Piece(Tube((0.0, 0.0, 0.0), (0.0, trunk_h + 0.5, 0.0), 0.2, 0.12), BARK),)
    )
    if conifer:  # stacked cones
        tiers = tuple(
            Piece(
                Tube(
                    (0.0, trunk_h - 0.6 + 1.1 * k, 0.0),
                    (0.0, trunk_h + 1.3 + 1.0 * k, 0.0),
                    1.5 - 0.35 * k,
                    0.02,
                )
            )
            for k in range(3)
        )
        return [trunk, Part("crown", (0.0, trunk_h, 0.0), tiers)]
    lumps = [
        ((0.0, 3.35, 0.0), (1.35, 1.45, 1.35)),
        ((0.6, 3.0, 0.55), (0.85, 0.8, 0.85)),
        ((-0.65, 3.05, 0.3), (0.8, 0.8, 0.8)),
        ((0.1, 3.1, -0.7), (0.8, 0.75, 0.8)),
        ((-0.2, 4.1, -0.1), (0.8, 0.8, 0.8)),
    ]
    crown = tuple(Piece(Ellipsoid(c, vec3(r * vary() for r in radii))) for c, radii in lumps)
    return [trunk, Part("crown", (0.0, trunk_h, 0.0), crown)]


def _house(vary: Vary, attributes: list[str]) -> list[Part]:
    wall_h, width, depth = 3.4 * vary(), 8.0, 7.0
    front, side = width / 2, depth / 2
    openings = (
        Decal((front - 0.05, 0.0, -0.55), (front + 0.05, 2.1, 0.55), (0.4, 0.24, 0.14)),  # door
        *(Decal((front - 0.05, 1.45, z - 0.65), (front + 0.05, 2.55, z + 0.65), GLASS) for z in (-2.4, 2.4)),
        *(Decal((x - 0.65, 1.45, -side - 0.05), (x + 0.65, 2.55, side + 0.05), GLASS) for x in (-2.0, 2.0)),
    )
    return [
        Part(
            "walls",
            (0.0, 0.0, 0.0),
            (Piece(Box((0.0, wall_h / 2, 0.0), (width, wall_h, depth), open_bottom=True), decals=openings),),
        ),
        # Gable roof: a box whose top collapses to a ridge along x, overhanging the walls.
        Part(
            "roof",
            (0.0, wall_h, 0.0),
            (
                Piece(
                    Box((0.0, wall_h + 1.3, 0.0), (width + 0.5, 2.6, depth + 0.6), top_scale=(1.0, 0.02)),
                    (0.55, 0.2, 0.15),
                    accent=True,
                ),
                Piece(Box((-1.8, wall_h + 2.0, -1.2), (0.6, 1.6, 0.6)), (0.5, 0.3, 0.25)),  # chimney
            ),
        ),
    ]


def _table(vary: Vary, attributes: list[str]) -> list[Part]:
    top_y, length, width = 0.72, 1.4, 0.8
    legs = tuple(
        Piece(
            Box(
                (sx * (length / 2 - 0.1), top_y / 2, sz * (width / 2 - 0.08)),
                (0.06, top_y, 0.06),
                open_bottom=True,
            )
        )
        for sx in (-1, 1)
        for sz in (-1, 1)
    )
    return [
        Part("top", (0.0, top_y, 0.0), (Piece(Box((0.0, top_y + 0.015, 0.0), (length, 0.05, width))),)),
        Part("legs", (0.0, 0.0, 0.0), legs),
    ]


def _chair(vary: Vary, attributes: list[str]) -> list[Part]:
    seat_y, side = 0.45, 0.46
    legs = tuple(
        Piece(Box((sx * 0.2, seat_y / 2, sz * 0.2), (0.04, seat_y, 0.04), open_bottom=True))
        for sx in (-1, 1)
        for sz in (-1, 1)
    )
    back = (
        *(Piece(Box((-0.2, seat_y + 0.22, sz * 0.2), (0.04, 0.45, 0.04))) for sz in (-1, 1)),
        Piece(Box((-0.21, 0.76, 0.0), (0.035, 0.26 * vary(), side))),
    )
    return [
        Part("seat", (0.0, seat_y, 0.0), (Piece(Box((0.0, seat_y + 0.02, 0.0), (side, 0.04, side))),)),
        Part("legs", (0.0, 0.0, 0.0), legs),
        Part("back", (-0.2, seat_y, 0.0), back),
    ]


def _ball(vary: Vary, attributes: list[str]) -> list[Part]:
    r = 0.15
    # A seam in a plane through the spin axis (z), so rolling shows.
    return [
        Part(
            "ball",
            (0.0, r, 0.0),
            (
                Piece(Ellipsoid((0.0, r, 0.0), (r, r, r))),
                Piece(Torus((0.0, r, 0.0), r, 0.008, yaw=math.pi / 2), (0.15, 0.15, 0.15), accent=True),
            ),
        )
    ]


def _flower(vary: Vary, attributes: list[str]) -> list[Part]:
    stem_h = 0.33 * vary()
    head_y = stem_h + 0.02
    petals = tuple(
        Piece(
            Ellipsoid(
                (0.045 * math.cos(a), head_y, -0.045 * math.sin(a)), (0.04, 0.006, 0.02), yaw=a, pitch=0.35
            )
        )
        for a in torch.linspace(0, math.tau, 8)[:-1].tolist()
    )
    return [
        Part(
            "stem",
            (0.0, 0.0, 0.0),
            (
                Piece(Tube((0.0, 0.0, 0.0), (0.0, stem_h, 0.0), 0.006, 0.005), LEAF),
                *(
                    Piece(
                        Ellipsoid(
                            (0.0, 0.1 + 0.07 * k, side * 0.035), (0.012, 0.004, 0.035), pitch=0.0, yaw=0.0
                        ),
                        LEAF,
                    )
                    for k, side in ((0, -1), (1, 1))
                ),
            ),
        ),
        Part(
            "blossom",
            (0.0, head_y, 0.0),
            (*petals, Piece(Ellipsoid((0.0, head_y + 0.01, 0.0), (0.02, 0.012, 0.02)), (0.95, 0.8, 0.15))),
        ),
    ]


def _generic(vary: Vary, attributes: list[str]) -> list[Part]:
    return [
        Part(
            "body",
            (0.0, 0.3, 0.0),
            (
                Piece(Box((0.0, 0.3, 0.0), (0.6, 0.6, 0.6))),
                Piece(Box((0.0, 0.45, 0.0), (0.62, 0.06, 0.62)), DARK, accent=True),
            ),
        )
    ]


def _label(text: str) -> Part:
    """The noun in dark letters on a white placard on each side face of the generic cube, so it reads however
    the entity is turned (a still one shows +z to the camera; a mover faces its path). Letters are as large as
    the face allows: readable at 640x360 wherever the cube is a typical entity's size on screen."""
    ink = _ink(text)  # [H, W]
    pitch = min(LABEL_TEXT_M[0] / ink.shape[1], LABEL_TEXT_M[1] / ink.shape[0])
    paper_pitch = LABEL_PAPER_STEP * pitch
    paper = torch.ones(  # [h, w] the text block and its margin, in coarser cells
        *(math.ceil((cells * pitch + 2 * LABEL_MARGIN_M) / paper_pitch) for cells in ink.shape),
        dtype=torch.bool,
    )
    half = 0.3  # half the side of _generic's 0.6 m cube
    centre = torch.tensor([0.0, LABEL_CENTER_Y, 0.0])  # [3] on the cube's vertical axis
    pieces = []
    for yaw in (0.0, 0.5 * math.pi, math.pi, -0.5 * math.pi):  # faces +z, +x, -z, -x
        outward = yaw_matrix(yaw)[:, 2]  # [3] the face's normal
        paper_at = centre + (half + LABEL_PAPER_LIFT_M) * outward  # [3]
        pieces += [
            Piece(Grid(paper, vec3(paper_at), paper_pitch, yaw), WHITE),
            Piece(Grid(ink, vec3(paper_at + LABEL_INK_LIFT_M * outward), pitch, yaw), DARK),
        ]
    return Part("label", (0.0, LABEL_CENTER_Y, 0.0), tuple(pieces))


BUILDERS: dict[str, Callable[[Vary, list[str]], list[Part]]] = {
    "person": _person,
    "dog": _quadruped(DOG, None),
    "cat": _quadruped(CAT, None),
    "horse": _quadruped(HORSE, (0.12, 0.08, 0.05)),
    "bird": _bird,
    "car": _car,
    "bicycle": _bicycle,
    "bus": _bus,
    "boat": _boat,
    "tree": _tree,
    "house": _house,
    "table": _table,
    "chair": _chair,
    "ball": _ball,
    "flower": _flower,
    "generic": _generic,
}

SPLAT_COUNT = {
    "person": 3500,
    "dog": 3000,
    "cat": 2500,
    "bird": 2000,
    "horse": 4000,
    "car": 4500,
    "bicycle": 3000,
    "bus": 7000,
    "boat": 4000,
    "tree": 5000,
    "house": 8000,
    "table": 2500,
    "chair": 2500,
    "ball": 1500,
    "flower": 1500,
    "generic": 3000,
}
"""Target Gaussians per category (small pieces get a minimum on top)."""


def build_asset(
    category: str,
    rgb: Vec | None,
    attributes: list[str],
    seed: int,
    attempt: int = 0,
    label: str | None = None,
) -> Gaussians:
    """A category's Gaussian asset in its own frame, at the catalog size, painted `rgb` on its main parts.

    `attempt >= 1` (the critic could not recognise the colour) paints the accent parts in the named colour
    too and softens the baked shading, so the colour covers more of what is seen. `label`: the noun the
    generic asset stands for, shown on placards (part 'label') so that the viewer can tell what it is.
    """
    if category not in BUILDERS:
        raise ValueError(f"unknown asset category {category!r}; known: {', '.join(sorted(BUILDERS))}")
    if label is not None and (category != "generic" or not label.strip()):
        raise ValueError(
            f"only the generic asset carries a label, and one with text; got {label!r} for {category}"
        )
    gen = torch.Generator().manual_seed(seed)
    prior = CATEGORIES[category]

    def vary() -> float:
        return 1.0 + 0.06 * (float(torch.rand((), generator=gen)) - 0.5)

    main = vec3(min(1.0, c * vary()) for c in (rgb if rgb is not None else prior.default_rgb))

    def paint(piece: Piece) -> Vec:
        if piece.paint is None or (piece.accent and attempt >= 1):
            return main
        return piece.paint

    parts = BUILDERS[category](vary, attributes) + ([_label(label.strip())] if label is not None else [])
    samples = _sample_parts(parts, SPLAT_COUNT[category], paint, gen)
    pivots = torch.tensor([part.pivot for part in parts])  # [P, 3]
    # Fit to the size prior (times a per-seed few %): bottom centre to the origin, extents to size_m.
    low, high = samples.points.min(0).values, samples.points.max(0).values  # [3]
    target = torch.tensor(prior.size_m) * torch.tensor([vary(), vary(), vary()])  # [3]
    stretch = target / (high - low)  # [3]
    base = torch.stack([(low[0] + high[0]) / 2, low[1], (low[2] + high[2]) / 2])  # [3]
    samples.points = (samples.points - base) * stretch
    samples.normals = torch.nn.functional.normalize(samples.normals / stretch, dim=1)
    samples.spacing = samples.spacing * stretch.prod() ** (1 / 3)
    return _to_gaussians(
        samples,
        [part.name for part in parts],
        (pivots - base) * stretch,
        gen,
        shade_depth=0.16 if attempt == 0 else 0.08,
    )


# ---------------------------------------------------------------------------------------------------
# Environments: ground + sky dome (walls for a room) + a few background features far from the centre.
# ---------------------------------------------------------------------------------------------------

GROUND_X = (-30.0, 30.0)
GROUND_Z = (-40.0, 22.0)  # the camera may stand up to z = +20
GROUND_GRID = (72, 80)  # splats along x and z
SKY_RADIUS = 90.0
SKY_SPLATS = 1400
FEATURE_SPLATS = 2600


@dataclass(frozen=True)
class Look:
    """How an environment looks: ground material by position, sky colours, background features."""

    ground: str  # a key of GROUND_MATERIALS, or a pattern handled in _ground_colors
    horizon: Vec
    zenith: Vec
    features: tuple[str, ...] = ()


ENVIRONMENTS: dict[str, Look] = {
    "beach": Look("beach", (0.85, 0.9, 0.95), (0.35, 0.6, 0.9), ("palms",)),
    "park": Look("grass", (0.85, 0.9, 0.95), (0.4, 0.62, 0.9), ("tree_line",)),
    "garden": Look("garden", (0.85, 0.9, 0.95), (0.4, 0.62, 0.9), ("hedge", "tree_line")),
    "street": Look("street", (0.82, 0.85, 0.9), (0.45, 0.6, 0.85), ("buildings",)),
    "room": Look("floor", (0.9, 0.86, 0.78), (0.9, 0.86, 0.78), ("walls",)),
    "snow": Look("snow", (0.85, 0.87, 0.9), (0.6, 0.68, 0.8), ("pines",)),
    "ocean": Look("water", (0.82, 0.88, 0.95), (0.3, 0.55, 0.9)),
    "field": Look("field", (0.9, 0.9, 0.88), (0.4, 0.62, 0.9), ("tree_line",)),
    "forest": Look("forest", (0.75, 0.82, 0.8), (0.4, 0.58, 0.8), ("forest",)),
    "desert": Look("sand", (0.95, 0.88, 0.75), (0.45, 0.65, 0.92), ("dunes",)),
    "city": Look("plaza", (0.8, 0.83, 0.88), (0.45, 0.58, 0.82), ("city",)),
    "lake": Look("lake", (0.85, 0.9, 0.95), (0.4, 0.62, 0.9), ("tree_line",)),
}

GROUND_MATERIALS: dict[str, Vec] = {
    "sand": (0.86, 0.76, 0.55),
    "grass": (0.3, 0.55, 0.2),
    "soil": (0.3, 0.36, 0.16),
    "asphalt": (0.25, 0.25, 0.27),
    "pavement": (0.6, 0.58, 0.55),
    "wood": (0.76, 0.62, 0.45),  # light oak, so wooden furniture stands out from the floor
    "snow": (0.93, 0.95, 0.98),
    "water": (0.12, 0.35, 0.55),
    "field": (0.55, 0.6, 0.25),
}


def _ground_colors(pattern: str, x: Tensor, z: Tensor, gen: torch.Generator) -> Tensor:
    """Base colour [N, 3] of ground splats at x [N], z [N] for a ground pattern."""
    m = {name: torch.tensor(rgb).expand(len(x), 3) for name, rgb in GROUND_MATERIALS.items()}
    waves = (0.9 + 0.1 * torch.sin(1.3 * z + 0.4 * torch.sin(0.5 * x)))[:, None]  # [N, 1] water streaks
    water = m["water"] * waves
    white = torch.tensor(WHITE).expand(len(x), 3)
    if pattern == "beach":  # sand, a foam line, then the sea behind
        rgb = torch.where((z < -9.0)[:, None], water, m["sand"])
        return torch.where(((z < -8.6) & (z > -9.4))[:, None], white, rgb)
    if pattern == "water":
        return water
    if pattern == "lake":  # a lake in the middle distance, grass shores
        inside = ((x / 26.0) ** 2 + ((z + 14.0) / 12.0) ** 2) < 1
        return torch.where(inside[:, None], water, m["grass"])
    if pattern == "garden":  # lawn dotted with flowers
        flowers = torch.rand(len(x), generator=gen) < 0.04
        petal = torch.tensor([(0.9, 0.2, 0.3), (0.95, 0.85, 0.2), (0.95, 0.95, 0.95)])
        pick = petal[torch.randint(0, 3, (len(x),), generator=gen)]
        return torch.where(flowers[:, None], pick, m["grass"])
    if pattern == "street":  # road along x, dashed centre line, pavements either side
        rgb = torch.where((z.abs() < 4.5)[:, None], m["asphalt"], m["pavement"])
        dashes = (z.abs() < 0.12) & (torch.remainder(x, 6.0) < 3.0)
        edges = (z.abs() > 4.2) & (z.abs() < 4.4)
        return torch.where((dashes | edges)[:, None], white, rgb)
    if pattern == "plaza":  # paving slabs
        slab = (torch.remainder(x, 2.0) < 0.1) | (torch.remainder(z, 2.0) < 0.1)
        return torch.where(slab[:, None], m["pavement"] * 0.8, m["pavement"])
    if pattern == "floor":  # planks along x, each its own shade
        plank = torch.floor(z / 0.5)
        shade = 0.85 + 0.15 * torch.sin(plank * 12.9898).abs()
        return m["wood"] * shade[:, None]
    if pattern == "field":  # crop rows
        return m["field"] * (0.85 + 0.15 * torch.sin(z * 3.0)).abs()[:, None]
    if pattern == "forest":
        return torch.where((torch.rand(len(x), generator=gen) < 0.3)[:, None], m["soil"], m["grass"] * 0.8)
    return m[pattern]


def _ground(pattern: str, gen: torch.Generator) -> Samples:
    """Flat splats on y = 0, dense near the origin and coarser far away."""
    nx, nz = GROUND_GRID

    # A cubic warp of a uniform grid: spacing grows from ~0.2 m near the origin to a few metres at the edges.
    def warp(u: Tensor, extent: float) -> tuple[Tensor, Tensor]:
        return extent * (0.25 * u + 0.75 * u**3), extent * (0.25 + 2.25 * u**2)  # position, d position / du

    u = torch.linspace(-1, 1, nx)
    v_near = 0.78  # warp(v_near, 40) ~ 22: the near edge
    v = torch.linspace(-1, v_near, nz)
    uu, vv = torch.meshgrid(u, v, indexing="ij")
    uu = uu + (torch.rand(uu.shape, generator=gen) - 0.5) * (2 / nx)
    vv = vv + (torch.rand(vv.shape, generator=gen) - 0.5) * ((1 + v_near) / nz)
    x, dx = warp(uu.reshape(-1), -GROUND_X[0])
    z, dz = warp(vv.reshape(-1), -GROUND_Z[0])
    spacing = torch.stack([dx * 2 / nx, dz * (1 + v_near) / nz], dim=1)  # [N, 2]
    n = len(x)
    points = torch.stack([x, torch.full_like(x, -0.005), z], dim=1)
    samples = Samples(
        points,
        torch.tensor([[0.0, 1.0, 0.0]]).expand(n, 3),
        spacing.prod(1).sqrt(),
        _ground_colors(pattern, x, z, gen),
        torch.zeros(n, dtype=torch.int64),
    )
    return samples


def _sky(horizon: Vec, zenith: Vec, gen: torch.Generator) -> Samples:
    """Large splats on a dome from a little below the horizon up, horizon colour blending to zenith colour."""
    uv = _stratified(SKY_SPLATS, gen)
    low = -0.1  # sin of the lowest elevation, hides the gap beyond the ground's far edge
    up = low + (1 - low) * uv[:, 0]  # equal-area in elevation
    phi = math.tau * uv[:, 1]
    ring = (1 - up * up).sqrt()
    normals = -torch.stack([ring * torch.cos(phi), up, ring * torch.sin(phi)], dim=1)  # facing the centre
    blend = up.clamp_min(0).pow(0.6)[:, None]
    rgb = (1 - blend) * torch.tensor(horizon) + blend * torch.tensor(zenith)
    spacing = torch.full((SKY_SPLATS,), SKY_RADIUS * math.sqrt(math.tau * (1 - low) / SKY_SPLATS))
    return Samples(-normals * SKY_RADIUS, normals, spacing, rgb, torch.zeros(SKY_SPLATS, dtype=torch.int64))


def _tree_feature(x: float, z: float, height: float, conifer: bool, snowy: bool = False) -> list[Piece]:
    """A cheap background tree of the given height standing at (x, z)."""
    k = height / 5.0
    crown = (0.12, 0.3, 0.12) if conifer else (0.2, 0.45, 0.17)
    trunk = Piece(Tube((x, 0.0, z), (x, 2.0 * k, z), 0.25 * k, 0.15 * k), BARK)
    if conifer:
        top = Piece(
            Tube((x, 1.2 * k, z), (x, height, z), 1.4 * k, 0.05 * k, caps=False), WHITE if snowy else crown
        )
        return [trunk, top]
    return [trunk, Piece(Ellipsoid((x, 3.2 * k, z), (1.5 * k, 1.6 * k, 1.5 * k)), crown)]


def _feature_pieces(feature: str, gen: torch.Generator) -> list[Piece]:
    """Background features, all outside the central area (|x| > 8 or z < -15)."""

    def uniform(low: float, high: float) -> float:
        return low + (high - low) * float(torch.rand((), generator=gen))

    pieces: list[Piece] = []
    if feature in ("tree_line", "pines", "forest"):
        rows = [(-26.0, 24)] if feature != "forest" else [(-21.0, 16), (-29.0, 20)]
        for z0, count in rows:
            for k in range(count):
                x = -32 + 64 * (k + uniform(0.2, 0.8)) / count
                pieces += _tree_feature(
                    x,
                    z0 + uniform(-2, 2),
                    uniform(5, 9),
                    conifer=feature != "tree_line",
                    snowy=feature == "pines" and k % 2 == 0,
                )
        if feature == "forest":  # trees down both sides too
            for side in (-1, 1):
                for k in range(5):
                    pieces += _tree_feature(
                        side * uniform(11, 16), 8 - 5 * k + uniform(-1, 1), uniform(5, 8), True
                    )
    elif feature == "palms":
        for x in (-16.0, -11.0, 12.0, 18.0):
            z = uniform(-6, 2)
            pieces += [
                Piece(Tube((x, 0.0, z), (x + 0.6, 6.0, z), 0.25, 0.18), BARK),
                Piece(Ellipsoid((x + 0.6, 6.1, z), (2.0, 0.5, 2.0)), (0.2, 0.5, 0.15)),
            ]
    elif feature == "hedge":
        pieces.append(Piece(Box((0.0, 0.9, -16.0), (44.0, 1.8, 1.5), open_bottom=True), (0.16, 0.38, 0.14)))
    elif feature == "dunes":
        for k in range(6):
            pieces.append(
                Piece(
                    Ellipsoid(
                        (-30 + 12 * k + uniform(-3, 3), 0.0, uniform(-36, -26)),
                        (uniform(6, 10), uniform(2, 4), 5.0),
                        cut_below=0.0,
                    ),
                    GROUND_MATERIALS["sand"],
                )
            )
    elif feature in ("buildings", "city"):
        tall = (12.0, 30.0) if feature == "city" else (7.0, 14.0)
        palette = [(0.75, 0.68, 0.6), (0.6, 0.62, 0.66), (0.7, 0.55, 0.45), (0.82, 0.8, 0.74)]
        spots = [(float(x), -20.0) for x in range(-30, 31, 10)]
        if feature == "city":
            spots += [(side * 20.0, -11.0) for side in (-1, 1)]
        for k, (x, z) in enumerate(spots):
            h = uniform(*tall)
            pieces.append(
                Piece(
                    Box((x, h / 2, z), (8.5, h, 8.0), open_bottom=True),
                    palette[k % len(palette)],
                    decals=_window_grid(x, z, h),
                )
            )
    elif feature == "walls":
        wall = (0.88, 0.84, 0.76)
        pieces += [
            Piece(
                Box((0.0, 6.0, -16.0), (40.0, 12.0, 0.2)),
                wall,
                decals=(Decal((-4.0, 2.0, -16.2), (4.0, 6.0, -15.8), (0.7, 0.85, 0.95)),),
            ),
            *(Piece(Box((side * 14.0, 6.0, -2.0), (0.2, 12.0, 28.0)), wall) for side in (-1, 1)),
        ]
    return pieces


def _window_grid(x: float, z: float, height: float) -> tuple[Decal, ...]:
    """Rows of dark windows on the front (+z) face of a building centred at (x, z)."""
    return tuple(
        Decal((x + wx - 0.7, wy, z + 3.9), (x + wx + 0.7, wy + 1.4, z + 4.1), GLASS)
        for wy in torch.arange(2.0, height - 1.5, 3.0).tolist()
        for wx in (-2.8, 0.0, 2.8)
    )


def build_environment(environment: str, seed: int) -> Gaussians:
    """Ground, sky (walls for a room) and background features of a named environment, in world space."""
    if environment not in ENVIRONMENTS:
        raise ValueError(f"unknown environment {environment!r}; known: {', '.join(sorted(ENVIRONMENTS))}")
    gen = torch.Generator().manual_seed(seed)
    look = ENVIRONMENTS[environment]
    layers = [_ground(look.ground, gen), _sky(look.horizon, look.zenith, gen)]
    parts = ["ground", "sky"]
    pieces = [piece for feature in look.features for piece in _feature_pieces(feature, gen)]
    if pieces:
        features = _sample_parts(
            [Part("features", (0.0, 0.0, 0.0), tuple(pieces))],
            FEATURE_SPLATS,
            lambda piece: piece.paint or WHITE,
            gen,
        )
        layers.append(features)
        parts.append("features")
    for k, layer in enumerate(layers):
        layer.part_ids = torch.full_like(layer.part_ids, k)
    samples = Samples(
        *(
            torch.cat([getattr(layer, f) for layer in layers])
            for f in ("points", "normals", "spacing", "rgb", "part_ids")
        )
    )
    return _to_gaussians(samples, parts, torch.zeros(len(parts), 3), gen, shade_depth=0.1)
