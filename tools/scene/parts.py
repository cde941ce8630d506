"""The kit procedural assets are built from: surface shapes, painted pieces, named parts, and categories.

Every asset is a list of named parts (torso, leg_l, wheel_fl ...), each made of surface pieces (ellipsoids,
boxes, tubes, tori, grids). A part has a pivot, the point motion turns it about, and the part it hangs from,
so the hierarchy can be listed and animated. Builders lay parts out in the asset frame: metres, bottom centre
at the origin, facing +x, y up, left side -z; `build_asset` then fits the points to the category's size prior.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import torch
from torch import Tensor

from scenewright.tools.scene.gaussians import yaw_matrix

Vec = tuple[float, float, float]

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

X_AXIS: Vec = (1.0, 0.0, 0.0)
Y_AXIS: Vec = (0.0, 1.0, 0.0)
Z_AXIS: Vec = (0.0, 0.0, 1.0)


def ellipse_points(
    center: Vec, radii: tuple[float, float], u: Vec, v: Vec, angles: tuple[float, float], n: int
) -> list[Vec]:
    """n + 1 points on the ellipse `center + a cos t u + b sin t v`, t from angles[0] to angles[1]: the path
    of rims, handles, bent pipes and arcs."""
    t0, t1 = angles
    return [
        (
            center[0] + radii[0] * math.cos(t) * u[0] + radii[1] * math.sin(t) * v[0],
            center[1] + radii[0] * math.cos(t) * u[1] + radii[1] * math.sin(t) * v[1],
            center[2] + radii[0] * math.cos(t) * u[2] + radii[1] * math.sin(t) * v[2],
        )
        for t in (t0 + (t1 - t0) * k / n for k in range(n + 1))
    ]


# ---------------------------------------------------------------------------------------------------
# Surface shapes: each knows its area and draws points [n, 3] with outward unit normals [n, 3].
# ---------------------------------------------------------------------------------------------------


def _rotation(yaw: float, pitch: float) -> Tensor:
    """Yaw about +y after pitch about +z (nose up for positive pitch): [3, 3]."""
    c, s = math.cos(pitch), math.sin(pitch)
    pitch_m = torch.tensor([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    return yaw_matrix(yaw) @ pitch_m


def stratified(n: int, gen: torch.Generator) -> Tensor:
    """n points [n, 2] spread evenly over the unit square, so splats tile without gaps.

    The R2 low-discrepancy sequence (from the plastic number) with a random toroidal shift per call.
    """
    plastic = 1.324717957244746
    steps = torch.tensor([1 / plastic, 1 / plastic**2], dtype=torch.float64)  # [2]
    shift = torch.rand(2, generator=gen, dtype=torch.float64)  # [2]
    index = torch.arange(n, dtype=torch.float64)[:, None]  # [n, 1]
    return torch.remainder(shift + index * steps, 1.0).float()


def _split(n: int, areas: list[float]) -> list[int]:
    """Share exactly n points between sub-surfaces: 4 to every non-empty one, the rest in proportion to
    their areas (largest remainders), so a shape's `sample(n)` gives n points and an asset's Gaussian count
    is known before it is sampled (assets.asset_splats)."""
    spare = n - 4 * sum(a > 0 for a in areas)
    if spare < 0:
        raise ValueError(f"{n} points cannot give 4 to each of {sum(a > 0 for a in areas)} faces")
    shares = [spare * a / sum(areas) for a in areas]
    counts = [(4 if a > 0 else 0) + math.floor(share) for a, share in zip(areas, shares, strict=True)]
    by_remainder = sorted(range(len(areas)), key=lambda k: shares[k] - math.floor(shares[k]), reverse=True)
    for k in by_remainder[: n - sum(counts)]:
        counts[k] += 1
    return counts


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
        uv = stratified(n, gen)  # [n, 2]
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

    @functools.cached_property  # a box's area is asked for at every sampling and count of its asset
    def _face_areas(self) -> list[float]:
        grid = torch.stack(
            torch.meshgrid(torch.linspace(0.05, 0.95, 8), torch.linspace(0.05, 0.95, 8), indexing="ij"), -1
        ).reshape(-1, 2)  # [64, 2]
        return [float(self._patch(face, grid)[1].norm(dim=1).mean()) for face in self._faces()]

    @property
    def area(self) -> float:
        return sum(self._face_areas)

    def sample(self, n: int, gen: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        points, normals, elements = [], [], []
        for face, count in zip(self._faces(), _split(n, self._face_areas), strict=True):
            if count == 0:
                continue
            face_points, cross = self._patch(face, stratified(count, gen))
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
        uv = stratified(n_side, gen)
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
            uv = stratified(count, gen)
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
        uv = stratified(n, gen)
        theta, phi = math.tau * uv[:, 0], math.tau * uv[:, 1]  # around the ring, around the tube
        normals = torch.stack(
            [torch.cos(phi) * torch.cos(theta), torch.cos(phi) * torch.sin(theta), torch.sin(phi)], 1
        )
        ring = torch.stack([torch.cos(theta), torch.sin(theta), torch.zeros_like(theta)], 1)  # [n, 3]
        element = 4 * math.pi**2 * self.minor * (self.major + self.minor * torch.cos(phi)) / n  # [n]
        rotation = yaw_matrix(self.yaw)
        points = (self.major * ring + self.minor * normals) @ rotation.T + torch.tensor(self.center)
        return points, normals @ rotation.T, element


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
    """A named, rigid group of pieces that motion turns about `pivot` (asset frame, metres)."""

    name: str
    pivot: Vec
    pieces: tuple[Piece, ...]
    parent: str | None = None  # the part it hangs from (a leg from the body); None for the root


# ---------------------------------------------------------------------------------------------------
# Categories: what a builder makes, its real-world size, how it moves.
# ---------------------------------------------------------------------------------------------------

Vary = Callable[[], float]
"""A per-seed factor within a few % of 1: builders multiply proportions by it so instances differ."""

Builder = Callable[[Vary, list[str]], list[Part]]
"""Lays out a category's parts at roughly its size prior; reads attribute words (wooden, pine, ...)."""

Rig = Literal["biped", "quadruped", "bird", "fish", "wheeled", "ball", "static"]


@dataclass(frozen=True)
class Category:
    """One kind of thing the procedural generator builds.

    Sizes are the extent of an adult/typical instance in the asset frame, metres: x is the way it faces,
    y is up, z is sideways. The layout agent scales assets to these priors (times the size words).
    """

    name: str
    size_m: Vec  # x (facing), y (up), z (sideways)
    rig: Rig
    default_rgb: Vec
    build: Builder = field(compare=False, repr=False)
    splats: int  # target Gaussians without a detail level (small pieces get a minimum on top)
    surface_height_m: float | None = None  # things can stand on it at this height (tables, chairs)
    flies: bool = False
    floats: bool = False  # lives on water (boats)
    nouns: tuple[str, ...] = ()  # other nouns built as this category ("kitten" for cat), singular
