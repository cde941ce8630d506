"""Layout refinement by render-and-compare: C3V's stage 3 (Zhu et al. 2024) without a diffusion prior.

C3V refines its coarse layout by score distillation from a 2D diffusion prior: each entity's scale, bounded as
S + sigmoid(s)·τ − τ/2, and a bounded offset per trajectory point; rotation is not optimised but set so the
entity faces its next position. Where no prior is at hand the same parameters can be fitted against what the
critic judges: a few key frames of the composed scene are rendered through the differentiable torch rasterizer
(tools.render.rasterize.rasterize_torch) at low resolution, and Adam minimises, for a fixed number of steps,

- box:         each instance's soft box (the alpha-weighted moments of its alone-alpha: the uniform patch with
               those moments) against its target: a box a layout model drew (`CoarseBox`) or, for a relation
               the critic failed, its box (or expected depth) moved to where the relation holds with a margin;
- relation:    every plan relation with a margin: screen order (left_of, right_of, above, below, under),
               expected depth (in_front_of, behind), the footprint gap (next_to, near); 'on' is contact;
- contact:     what stands on a support stays over it, fliers stay above the ground; walkers have no vertical
               offset and every instance is scaled about its bottom, so contact with the ground holds by
               construction, and a supported instance rides on its support's offset and height;
- penetration: no two footprint boxes overlap along the tracks (pairs resting on each other are exempt);
- frame:       every soft box stays inside the frame, so no relation is fixed by pushing something off screen;
- occlusion:   no instance's box lies mostly under a nearer one's, so no overlap is fixed by hiding one;
- stay, smooth: weak pulls towards the coarse layout, and towards moving a path as a whole.

Screen terms are fractions of the frame; metric ones are metres over the half height of the view at the
look-at distance, so the weights mean the same in every scene. The margins are the critic's (tools.judge)
times MARGIN_FACTOR, so a refined layout passes with room to spare.

Parameters per instance: a scale factor 1 + sigmoid(s)·SCALE_SPAN − SCALE_SPAN/2 on its placed size (C3V's
form with S = 1), and an offset (dx, dz; dy for fliers) per keyframe of a path that travels, one offset for
all keyframes of a still track (it must not slide), each component C3V-bounded to ±(its bound).

Speed: each step renders a seeded few Gaussians per instance, each instance on its own; every few steps that
cheap render is calibrated against a render of the whole assets (tools.render.rasterize_cpu), whose measure
also
gives the losses reported before and after. A result that measure finds no better is not used. Its many small
ops are fastest on one torch thread, which is what the process's entry sets (scenewright/runtime.py); the
result does not depend on the thread count.

With a Stable Diffusion prior at hand, tools.refine.sds optimises the same parameters by score distillation
(C3V's
own stage 3) and keeps these terms as its constraints: it shares `prepare`, `decode`, `displacements`,
`measure`, `Adam` and `apply_refinement` with refine_layout.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import Tensor

from scenewright.schema import (
    CameraPose,
    Check,
    Keyframe,
    Layout,
    Motion,
    Placement,
    Plan,
    RelationPredicate,
    Track,
    vec3,
)
from scenewright.settings import RefineSettings, RunSettings
from scenewright.tools.judge import (
    CRITIC_DEPTH_MARGIN_M,
    NEAR_SIZE_FACTOR,
    NEXT_TO_SIZE_FACTOR,
    SCREEN_MARGIN_FRACTION,
    faces_base,
    resting_pairs,
)
from scenewright.tools.media.contact_sheet import key_frame_indices
from scenewright.tools.render.rasterize import rasterize_torch
from scenewright.tools.render.rasterize_cpu import rasterize_cpu
from scenewright.tools.scene.camera import camera_at, camera_matrices
from scenewright.tools.scene.catalog import CATEGORIES
from scenewright.tools.scene.compose import compose_scene, root_pose_at
from scenewright.tools.scene.gaussians import Gaussians
from scenewright.tools.scene.geometry import footprint_half_extents, heading_yaw

SCALE_SPAN = 0.2
"""τ: the scale factor stays within 1 ± 0.1. C3V's τ = 0.1 corrects a scale its LLM's box already set; ours
starts from catalogue sizes (typical, not measured), so a little more room, but a dog stays dog-sized."""
OFFSET_BODY_LENGTHS = 2.0
OFFSET_MIN_M = 1.0
"""A keyframe moves at most this many body lengths (at least OFFSET_MIN_M): enough to bring an instance that
the coarse layout put on the wrong side of a neighbour round to the right side, and no farther."""
MARGIN_FACTOR = 1.5
"""Refinement aims this far beyond the critic's margins (screen order, depth gap, proximity)."""
FRAME_BORDER = 0.02
"""Fraction of the frame every soft box keeps clear at each edge."""
CLEARANCE_M = 0.05
"""Footprints are pushed this far apart: the critic tolerates some overlap, refinement aims for none."""
PAD_FRACTION = 0.25
"""Each render extends the frame by this fraction of its size on every side, so that the soft box of an
instance the frame cuts off is still its whole box (and the frame term sees how far out it is)."""
RECALIBRATE_EVERY = 5
"""Steps between calibrations of the subset against the whole assets (tools.render.rasterize_cpu, a few ms
each)."""
GOOD_ENOUGH = 1e-3
"""A loss under this is not optimised: every term then holds to within about a hundredth of the frame, which
neither the critic nor a viewer can tell, and Adam would take full steps on such vanishing gradients."""
MAX_HIDDEN_FRACTION = 0.5
"""At most this share of an instance's box may lie under a nearer instance's box (the critic counts an
instance from 30% showing): separating two instances in depth must not hide one behind the other."""
MIN_MASS_PX = 1.0
"""An instance whose alpha sums to less than this in a key frame is not compared there."""
WEIGHTS = {
    "box": 1.0,
    "relation": 10.0,
    "contact": 10.0,
    "penetration": 10.0,
    "frame": 10.0,
    "occlusion": 10.0,
    "stay": 0.01,
    "smooth": 0.1,
}
"""Constraints outweigh the box fit; the regularisers only decide among equally good layouts."""
FLYING_CLIPS = frozenset({"fly"})
"""Clips whose instance may get a vertical offset too (as may any instance of a flying category)."""


@dataclass(frozen=True)
class CoarseBox:
    """A box a layout model drew: where `instance` should show at time t in `camera`'s view, as fractions of
    the frame's width and height (x0, y0, x1, y1), so that it compares with a render of any size."""

    instance: str
    t: float
    camera: CameraPose
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Refinement:
    """The refined layout and motion, and what refinement did (for report.md)."""

    layout: Layout
    motion: Motion
    scale: dict[str, float]
    """Instance -> factor applied to its placed size."""
    shift_m: dict[str, float]
    """Instance -> the largest ground distance any of its keyframes moved."""
    loss_before: float
    loss_after: float
    terms_before: dict[str, float]
    """Weighted terms: they sum to the loss."""
    terms_after: dict[str, float]
    seconds: float
    summary: str
    """What refinement did in one line: 'scale dog ×0.96, moved dog by up to 0.30 m; loss 1.2 -> 0.1 (...)'.
    The refined layout's notes end with it as 'refine: <summary>' (report.md's layout notes)."""


def bounded(raw: Tensor, centre: float | Tensor, span: float | Tensor) -> Tensor:
    """C3V's bounded parameter: centre + sigmoid(raw)·span − span/2, inside (centre − span/2, centre + span/2)
    for every raw value and equal to `centre` at raw = 0."""
    return centre + torch.sigmoid(raw) * span - 0.5 * span


# ------------------------------------------------------------------------------------------- problem


@dataclass(frozen=True)
class Screen:
    """What one view shows of every instance."""

    boxes: Tensor  # [E, 4] soft boxes x0, y0, x1, y1 as fractions of the width and height
    depths: Tensor  # [E] alpha-weighted expected depth, metres
    masses: Tensor  # [E] alpha summed over the pixels


@dataclass(frozen=True)
class _Canvas:
    """The frame at render resolution and the margin rendered around it on every side (PAD_FRACTION)."""

    width: int
    height: int
    pad_x: int
    pad_y: int

    @property
    def size(self) -> tuple[int, int]:
        return self.width + 2 * self.pad_x, self.height + 2 * self.pad_y


def measure(canvas: _Canvas, alphas: Tensor, depths: Tensor) -> Screen:
    """Each instance's soft box, expected depth and alpha mass from its alone-alphas and depths [H, W, E]
    on the padded canvas; box coordinates are fractions of the frame (0..1 inside it)."""
    masses = alphas.sum((0, 1))  # [E]
    weights = alphas / masses.clamp_min(1e-6)  # [H, W, E]
    width, height = canvas.size
    xs = (torch.arange(width) + 0.5 - canvas.pad_x) / canvas.width  # [W]
    ys = (torch.arange(height) + 0.5 - canvas.pad_y) / canvas.height  # [H]
    cx = torch.einsum("hwe,w->e", weights, xs)  # [E]
    cy = torch.einsum("hwe,h->e", weights, ys)  # [E]
    # A uniform patch of half width a has variance a²/3: the soft box is the patch with the same moments.
    half_x = (3.0 * torch.einsum("hwe,hwe->e", weights, (xs[None, :, None] - cx) ** 2) + 1e-8).sqrt()
    half_y = (3.0 * torch.einsum("hwe,hwe->e", weights, (ys[:, None, None] - cy) ** 2) + 1e-8).sqrt()
    boxes = torch.stack([cx - half_x, cy - half_y, cx + half_x, cy + half_y], -1)  # [E, 4]
    return Screen(boxes, torch.einsum("hwe,hwe->e", weights, depths), masses)


@dataclass(frozen=True)
class _Splats:
    """Posed Gaussians of the instances (activated), each tagged with its instance."""

    means: Tensor  # [N, 3]
    quats: Tensor  # [N, 4]
    scales: Tensor  # [N, 3]
    opacities: Tensor  # [N]
    colors: Tensor  # [N, 3]
    owner: Tensor  # [N] int64 instance index

    def refined(self, roots: Tensor, scale: Tensor, displacement: Tensor) -> tuple[Tensor, Tensor]:
        """Means [N, 3] and scales [N, 3] with each instance scaled about its root [E, 3] by scale [E] and
        moved by displacement [E, 3]: what compose_scene gives for the refined placement and track."""
        factor = scale[self.owner][:, None]  # [N, 1]
        root = roots[self.owner]  # [N, 3]
        return root + factor * (self.means - root) + displacement[self.owner], self.scales * factor


@dataclass(frozen=True)
class _View:
    """One key frame as refinement renders it: the instances posed at t by the unrefined tracks."""

    t: float
    camera: CameraPose
    viewmat: Tensor  # [4, 4]
    K: Tensor  # [3, 3]
    whole: _Splats
    """Every Gaussian: rendered (tools.render.rasterize_cpu, no gradients) to calibrate the subset and to
    judge."""
    subset: _Splats
    """A seeded few per instance: rendered differentiably at every step."""
    roots: Tensor  # [E, 3] root (bottom centre) of each instance at t
    weights: Tensor  # [E, K] keyframe offsets -> each instance's offset at t
    judged: bool
    """Whether the camera looks the way the base camera does: relations are judged only there, as the critic
    judges them."""


@dataclass(frozen=True)
class Problem:
    """Everything the objective needs that does not change while optimising."""

    ids: list[str]
    tracks: list[Track]
    canvas: _Canvas
    heights: Tensor  # [E] placed heights
    reach: Tensor  # [E] placed footprint length or width, whichever is larger
    half_footprints: Tensor  # [T, E, 2] half sizes in world x and z at each frame time, unscaled
    roots: Tensor  # [T, E, 3] unrefined root positions at the frame times
    weights: Tensor  # [T, E, K] keyframe offsets -> each instance's offset at each frame time
    key_param: Tensor  # [K] int64 offset parameter of each keyframe
    bounds: Tensor  # [P, 3] half range of each offset component (0 where it may not move)
    consecutive: Tensor  # [S, 2] int64 parameter pairs of consecutive keyframes of one path
    supports: list[tuple[int, int, float]]
    """(instance, its support, its bottom's height above the support's bottom), supports first."""
    fliers: Tensor  # [E] bool
    movable_pairs: Tensor  # [E, E] bool: pairs i < j that must not penetrate (not resting on each other)
    must_not_hide: Tensor
    """[E, E] bool: i, nearer, must not hide j: any pair but an instance and its support (or its 'on'
    object), and an 'under' object in front of its subject, which is meant to be partly beneath it."""
    relations: list[tuple[RelationPredicate, int, int]]
    """(predicate, subject instance, object instance) of every plan relation."""
    views: list[_View]
    unit_m: float
    """Metres per unit of the metric terms: half the view's height at the base camera's look-at distance."""


def _key_weights(tracks: list[Track], t: float) -> Tensor:
    """[E, K]: row e weighs instance e's keyframes (K counts every track's) into its position at t, linear
    between keyframes and held at both ends, as tools.scene.compose.root_pose_at."""
    rows = []
    for track in tracks:
        times = [k.t for k in track.keyframes]
        row = [0.0] * len(times)
        if t <= times[0]:
            row[0] = 1.0
        elif t >= times[-1]:
            row[-1] = 1.0
        else:
            upper = next(i for i, key_t in enumerate(times) if key_t > t)
            w = (t - times[upper - 1]) / (times[upper] - times[upper - 1])
            row[upper - 1], row[upper] = 1.0 - w, w
        rows.append(torch.tensor(row))
    return torch.block_diag(*rows)


def _travels(track: Track) -> bool:
    """Whether the root moves over the ground (a hop in place does not)."""
    first = track.keyframes[0].position
    return any(math.dist(k.position[::2], first[::2]) > 1e-6 for k in track.keyframes)


def _flies(plan: Plan, track: Track) -> bool:
    category = CATEGORIES.get(plan.group_of()[track.entity].category, CATEGORIES["generic"])
    return category.flies or track.clip in FLYING_CLIPS


def _offset_parameters(
    plan: Plan, tracks: list[Track], placements: dict[str, Placement]
) -> tuple[list[int], list[list[float]], list[list[int]]]:
    """Each keyframe's offset parameter [K], each parameter's bounds [P][3], consecutive pairs [S][2].

    A path that travels gets a parameter per keyframe; a still track one for all (it must not slide).
    """
    key_param: list[int] = []
    bounds: list[list[float]] = []
    consecutive: list[list[int]] = []
    for track in tracks:
        extent = placements[track.entity].extent_m
        bound = max(OFFSET_MIN_M, OFFSET_BODY_LENGTHS * max(extent[0], extent[2]))
        count = len(track.keyframes) if _travels(track) else 1
        first = len(bounds)
        bounds += [[bound, bound if _flies(plan, track) else 0.0, bound]] * count
        consecutive += [[first + k, first + k + 1] for k in range(count - 1)]
        key_param += [first + min(k, count - 1) for k in range(len(track.keyframes))]
    return key_param, bounds, consecutive


def _support_order(placements: dict[str, Placement]) -> list[tuple[Placement, Placement]]:
    """(placement, its support) of every placement that stands on another one, each after its support."""
    waiting = [(p, placements[p.support]) for p in placements.values() if p.support is not None]
    ordered: list[tuple[Placement, Placement]] = []
    while waiting:
        done = {child.entity for child, _ in ordered}
        ready = [(c, s) for c, s in waiting if s.support is None or s.entity in done]
        if not ready:
            raise ValueError(f"placements stand on each other in a cycle: {[c.entity for c, _ in waiting]}")
        ordered += ready
        waiting = [pair for pair in waiting if pair not in ready]
    return ordered


def _views(
    layout: Layout,
    tracks: list[Track],
    assets: dict[str, Gaussians],
    settings: RunSettings,
    cameras: list[tuple[float, CameraPose]],
    config: RefineSettings,
    canvas: _Canvas,
) -> list[_View]:
    """Each (time, camera) with the instances posed at that time, whole and as a seeded subset."""
    ids = [track.entity for track in tracks]
    by_id = {track.entity: track for track in tracks}
    placements = {p.entity: p for p in layout.placements}
    generator = torch.Generator().manual_seed(settings.seed)
    counts = [len(assets[i]) for i in ids]
    starts = [sum(counts[:e]) for e in range(len(ids))]
    keep = torch.cat(
        [
            start + torch.randperm(count, generator=generator)[: config.gaussians_per_instance].sort().values
            for start, count in zip(starts, counts, strict=True)
        ]
    )  # [N] compose_scene lays instances out in `ids` order, each a contiguous run
    nothing = Gaussians(
        means=torch.zeros(0, 3), quats=torch.zeros(0, 4), log_scales=torch.zeros(0, 3),
        logit_opacities=torch.zeros(0), sh0=torch.zeros(0, 3), part_ids=torch.zeros(0, dtype=torch.int64),
    )  # fmt: skip  # no environment: the instances' alone-alphas do not depend on it
    base_viewmat, _ = camera_matrices(layout.camera, canvas.width, canvas.height)
    views = []
    for t, camera in cameras:
        scene = compose_scene(nothing, {i: assets[i] for i in ids}, placements, by_id, t)
        g = scene.gaussians
        whole = _Splats(g.means, g.quats, g.scales, g.opacities, g.colors, scene.entity_index)
        viewmat, K = camera_matrices(camera, canvas.width, canvas.height)
        K[:2, 2] += torch.tensor([canvas.pad_x, canvas.pad_y])  # the frame in the middle of the canvas
        views.append(
            _View(
                t=t,
                camera=camera,
                viewmat=viewmat,
                K=K,
                whole=whole,
                subset=_Splats(*(field[keep] for field in dataclasses.astuple(whole))),
                roots=torch.tensor([root_pose_at(by_id[i], t)[0] for i in ids]),
                weights=_key_weights(tracks, t),
                judged=faces_base(viewmat, base_viewmat),
            )
        )
    return views


def _pair_masks(
    plan: Plan,
    layout: Layout,
    ids: list[str],
    relations: list[tuple[RelationPredicate, int, int]],
    supports: list[tuple[int, int, float]],
) -> tuple[Tensor, Tensor]:
    """(pairs i < j that must not penetrate [E, E], pairs where i must not hide j [E, E]).

    Penetration exempts what the critic exempts (tools.judge.resting_pairs: supports, 'on' and 'under'
    pairs). Hiding exempts an instance and its support or 'on' object, and an 'under' object in front of its
    subject.
    """
    count = len(ids)
    resting = resting_pairs(plan, layout, ids)
    movable = torch.tensor(
        [[a < b and (ids[a], ids[b]) not in resting for b in range(count)] for a in range(count)]
    )
    carried = {(s, o) for p, s, o in relations if p == "on"} | {(c, s) for c, s, _ in supports}
    beneath = {(o, s) for p, s, o in relations if p == "under"}  # the object in front of its subject
    hiding = torch.tensor(
        [
            [
                a != b and (a, b) not in carried and (b, a) not in carried and (a, b) not in beneath
                for b in range(count)
            ]
            for a in range(count)
        ]
    )
    return movable, hiding


def _problem(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    assets: dict[str, Gaussians],
    settings: RunSettings,
    coarse: Sequence[CoarseBox],
    config: RefineSettings,
) -> Problem:
    placements = {p.entity: p for p in layout.placements}
    by_id = {t.entity: t for t in motion.tracks}
    ids = list(placements)
    missing = sorted((set(ids) - set(by_id)) | (set(ids) - set(assets)))
    if missing:
        raise ValueError(f"refinement needs a track and an asset for every placement; missing {missing}")
    unknown = sorted({box.instance for box in coarse} - set(ids))
    if unknown:
        raise ValueError(f"coarse boxes name instances the layout does not place: {unknown}")
    tracks = [by_id[i] for i in ids]
    index = {iid: e for e, iid in enumerate(ids)}
    key_param, bounds, consecutive = _offset_parameters(plan, tracks, placements)
    width = config.width_px
    height = max(2, round(width * settings.height / settings.width))
    canvas = _Canvas(width, height, round(PAD_FRACTION * width), round(PAD_FRACTION * height))
    times = settings.frame_times()
    cameras = [
        (times[k], camera_at(layout.camera, layout.camera_motion, times[k], settings.duration_s, by_id))
        for k in key_frame_indices(len(times), config.key_frames)
    ]
    cameras += list(
        dict.fromkeys((box.t, box.camera) for box in coarse if (box.t, box.camera) not in cameras)
    )
    poses = [[root_pose_at(track, t) for track in tracks] for t in times]
    groups = {g.id: g for g in plan.entities}
    distance = math.dist(layout.camera.position, layout.camera.look_at)
    relations = [
        (r.predicate, index[s], index[o])
        for r in plan.relations
        for s in plan.instance_ids(groups[r.subject])
        for o in plan.instance_ids(groups[r.object])
        if s in index and o in index
    ]
    supports = [
        (index[child.entity], index[support.entity], child.position[1] - support.position[1])
        for child, support in _support_order(placements)
    ]
    movable_pairs, must_not_hide = _pair_masks(plan, layout, ids, relations, supports)
    return Problem(
        ids=ids,
        tracks=tracks,
        canvas=canvas,
        heights=torch.tensor([placements[i].extent_m[1] for i in ids]),
        reach=torch.tensor([max(placements[i].extent_m[0], placements[i].extent_m[2]) for i in ids]),
        half_footprints=torch.tensor(
            [
                [
                    footprint_half_extents(placements[i].extent_m, yaw)
                    for i, (_, yaw) in zip(ids, row, strict=True)
                ]
                for row in poses
            ]
        ),
        roots=torch.tensor([[position for position, _ in row] for row in poses]),
        weights=torch.stack([_key_weights(tracks, t) for t in times]),
        key_param=torch.tensor(key_param),
        bounds=torch.tensor(bounds),
        consecutive=torch.tensor(consecutive, dtype=torch.int64).reshape(-1, 2),
        supports=supports,
        fliers=torch.tensor([_flies(plan, track) for track in tracks]),
        movable_pairs=movable_pairs,
        relations=relations,
        must_not_hide=must_not_hide,
        views=_views(layout, tracks, assets, settings, cameras, config, canvas),
        unit_m=distance * math.tan(math.radians(layout.camera.fov_deg) / 2),
    )


# ----------------------------------------------------------------------------------------- objective


@dataclass(frozen=True)
class _Targets:
    """What the box and relation terms compare against, fixed from the unrefined render."""

    boxes: list[tuple[int, int, Tensor]]  # (view, instance, box [4] as fractions)
    depths: list[tuple[int, int, float]]  # (view, instance, expected depth in metres)
    visible: Tensor  # [V, E] bool: the instance shows in the view


def _offsets(problem: Problem, raw_offsets: Tensor) -> Tensor:
    """Offset parameters u [P, 3] -> offsets [P, 3] in metres, C3V-bounded to ±bound with the raw value
    2·u·unit / bound: near the coarse layout u is the offset in units of the view (unit_m), so a step is
    the same share of the picture in every scene, and every instance moves by its gradient whatever its
    bound (a car's 9 m bound does not let it outrun a cat's 1 m)."""
    raw = 2.0 * problem.unit_m * raw_offsets / problem.bounds.clamp_min(1e-9)  # [P, 3]
    return bounded(raw, 0.0, 2.0 * problem.bounds)


def decode(problem: Problem, raw_scale: Tensor, raw_offsets: Tensor) -> tuple[Tensor, Tensor]:
    """Raw parameters -> (scale factors [E], keyframe offsets [K, 3]), both C3V-bounded."""
    return bounded(raw_scale, 1.0, SCALE_SPAN), _offsets(problem, raw_offsets)[problem.key_param]


def displacements(problem: Problem, weights: Tensor, keys: Tensor, scale: Tensor) -> Tensor:
    """Each instance's displacement [..., E, 3] from keyframe weights [..., E, K] and offsets [K, 3]: its own
    offset plus, when it stands on a support, the support's displacement and the rise of its scaled top."""
    rows = list((weights @ keys).unbind(-2))  # E x [..., 3]
    zero = scale.new_zeros(())
    for child, support, height in problem.supports:
        rise = torch.stack([zero, (scale[support] - 1.0) * height, zero])  # [3]
        rows[child] = rows[child] + rows[support] + rise
    return torch.stack(rows, dim=-2)


@dataclass(frozen=True)
class _Calibration:
    """Per view, what the whole assets show minus what the subset shows, at the parameters of the last
    calibration. Added to every render of the subset, it keeps the cheap render honest: a sparse subset
    sees into an asset (its depth lies behind the front the whole shows) and covers less of it."""

    boxes: list[Tensor]  # V x [E, 4]
    depths: list[Tensor]  # V x [E]
    whole: list[Screen]
    """What the whole assets showed."""


def _calibrate(problem: Problem, scale: Tensor, keys: Tensor) -> _Calibration:
    """Render every view whole (tools.render.rasterize_cpu) and as the subset at these parameters, and
    compare."""
    boxes, depths, wholes = [], [], []
    for view in problem.views:
        displacement = displacements(problem, view.weights, keys, scale)  # [E, 3]
        means, scales = view.whole.refined(view.roots, scale, displacement)
        w = view.whole
        out = rasterize_cpu(
            means, w.quats, scales, w.opacities, w.colors, view.viewmat[None], view.K[None],
            *problem.canvas.size, entity_ids=w.owner, num_entities=len(problem.ids),
        )  # fmt: skip
        whole = measure(problem.canvas, out.entity_alphas[0], out.entity_depths[0])
        subset = _render(problem, view, scale, displacement)
        shows = subset.masses >= MIN_MASS_PX  # [E] a subset that shows nothing has nothing to correct
        boxes.append(torch.where(shows[:, None], whole.boxes - subset.boxes, 0.0))
        depths.append(torch.where(shows, whole.depths - subset.depths, 0.0))
        wholes.append(whole)
    return _Calibration(boxes, depths, wholes)


def _render(problem: Problem, view: _View, scale: Tensor, displacement: Tensor) -> Screen:
    """The view's subset refined (scale [E], displacement [E, 3]) and rendered differentiably
    (tools.render.rasterize.rasterize_torch), uncalibrated. Each instance is rendered on its own, which gives
    exactly its alone-alpha and depth: one render of all would blend every tile once per instance, a cost
    that grows with the square of their number."""
    subset = view.subset
    means, scales = subset.refined(view.roots, scale, displacement)
    alphas, depths = [], []
    for instance in range(len(problem.ids)):
        mine = subset.owner == instance  # [N]
        out = rasterize_torch(
            means[mine], subset.quats[mine], scales[mine], subset.opacities[mine], subset.colors[mine],
            view.viewmat[None], view.K[None], *problem.canvas.size,
            entity_ids=torch.zeros(int(mine.sum()), dtype=torch.int64), num_entities=1,
        )  # fmt: skip
        alphas.append(out.entity_alphas[0, ..., 0])  # [H, W]
        depths.append(out.entity_depths[0, ..., 0])  # [H, W]
    return measure(problem.canvas, torch.stack(alphas, -1), torch.stack(depths, -1))


def _screen_order(predicate: str, screen: Screen, s: int, o: int, unit_m: float) -> Tensor:
    """Squared shortfall of `s predicate o` in one view (0 when it holds with the margin)."""
    margin = MARGIN_FACTOR * SCREEN_MARGIN_FRACTION
    (sx0, sy0, sx1, sy1), (ox0, oy0, ox1, oy1) = screen.boxes[s], screen.boxes[o]
    scx, scy, ocx, ocy = (sx0 + sx1) / 2, (sy0 + sy1) / 2, (ox0 + ox1) / 2, (oy0 + oy1) / 2
    depth_margin = MARGIN_FACTOR * CRITIC_DEPTH_MARGIN_M / unit_m
    slack = {
        "left_of": [ocx - scx - margin],
        "right_of": [scx - ocx - margin],
        "above": [ocy - scy - margin],
        "below": [scy - ocy - margin],
        "under": [scy - ocy - margin, torch.minimum(sx1, ox1) - torch.maximum(sx0, ox0)],
        "in_front_of": [(screen.depths[o] - screen.depths[s]) / unit_m - depth_margin],
        "behind": [(screen.depths[s] - screen.depths[o]) / unit_m - depth_margin],
    }[predicate]
    return sum((torch.relu(-value) ** 2 for value in slack), torch.zeros(()))


@dataclass(frozen=True)
class _World:
    """The refined instances at every frame time, as the metric terms read them."""

    bottoms: Tensor  # [T, E] height of each root
    centres: Tensor  # [T, E, 2] ground x, z of each root
    halves: Tensor  # [T, E, 2] footprint half sizes in x, z
    overlap: Tensor  # [T, E, E] footprint overlap along the better separating axis (negative: the gap)
    penetration: Tensor  # [T, E, E] how far each pair's boxes interpenetrate (plus the clearance), metres


def _world(problem: Problem, scale: Tensor, keys: Tensor) -> _World:
    """Every instance at every frame time with this scale [E] and these keyframe offsets [K, 3]."""
    positions = problem.roots + displacements(problem, problem.weights, keys, scale)  # [T, E, 3]
    halves = problem.half_footprints * scale[None, :, None]  # [T, E, 2]
    centres = positions[..., [0, 2]]  # [T, E, 2]
    apart = centres[:, None] - centres[:, :, None]  # [T, E, E, 2] centre of j minus centre of i
    # |apart|, but at 0 (instances in one row) its gradient still pushes j to + and i to - (i < j).
    distance = torch.where(apart >= 0, apart, -apart)
    overlap = (halves[:, :, None] + halves[:, None] - distance).amin(-1)  # [T, E, E]
    bottoms = positions[..., 1]  # [T, E]
    tops = bottoms + problem.heights * scale  # [T, E]
    shared = torch.minimum(tops[:, :, None], tops[:, None]) - torch.maximum(
        bottoms[:, :, None], bottoms[:, None]
    )  # [T, E, E] height two boxes share
    # Boxes sharing some height separate sideways unless one of them flies: walkers cannot climb apart.
    climbs = problem.fliers[:, None] | problem.fliers[None]  # [E, E]
    shared = torch.where((shared > 0) & ~climbs, torch.inf, shared)
    penetration = torch.relu(torch.minimum(overlap, shared) + CLEARANCE_M)  # [T, E, E]
    return _World(bottoms, centres, halves, overlap, penetration)


def _world_terms(problem: Problem, world: _World, scale: Tensor) -> dict[str, Tensor]:
    """Contact, penetration and the proximity relations (next_to, near: the footprint gap) over the clip."""
    unit = problem.unit_m
    contact = [(torch.relu(-world.bottoms[:, problem.fliers]) / unit).square().sum(-1).mean()]
    for child, support, _ in problem.supports:
        offset = (world.centres[:, child] - world.centres[:, support]).abs()  # [T, 2]
        room = world.halves[:, support] - world.halves[:, child]  # [T, 2]
        contact.append((torch.relu(offset - room) / unit).square().sum(-1).mean())
    proximity = []
    for predicate, s, o in problem.relations:
        if predicate in ("next_to", "near"):
            factor = NEXT_TO_SIZE_FACTOR if predicate == "next_to" else NEAR_SIZE_FACTOR
            limit = factor * torch.maximum(problem.reach[s] * scale[s], problem.reach[o] * scale[o])
            gap = -world.overlap[:, s, o]  # [T]
            proximity.append((torch.relu(gap - limit / MARGIN_FACTOR) / unit).square().mean())
    penetration = (world.penetration / unit).square() * problem.movable_pairs  # [T, E, E]
    return {
        "relation": sum(proximity, torch.zeros(())),
        "contact": sum(contact, torch.zeros(())),
        "penetration": penetration.sum((1, 2)).mean(),
    }


def _hidden(problem: Problem, screen: Screen, visible: Tensor) -> Tensor:
    """How far (squared, in frame heights) each instance's box must still move, along the cheaper screen
    axis, until at most MAX_HIDDEN_FRACTION of its width or height lies under a nearer instance's box;
    summed over the pairs that may not hide (visible [E] in this view). A shift, not a covered area: an
    instance wholly inside a nearer one's box still learns which way is out."""
    aspect = problem.canvas.width / problem.canvas.height
    boxes = screen.boxes * torch.tensor([aspect, 1.0, aspect, 1.0])  # [E, 4] in frame heights
    front, back = boxes[:, None], boxes[None, :]  # [E, 1, 4] nearer i, [1, E, 4] farther j
    sizes = torch.stack([boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]], -1)  # [E, 2]
    clear = torch.stack(
        [
            torch.minimum(front[..., 2] - back[..., 0], back[..., 2] - front[..., 0]),
            torch.minimum(front[..., 3] - back[..., 1], back[..., 3] - front[..., 1]),
        ],
        -1,
    )  # [E, E, 2] shift that takes j's box clear of i's, across and down
    excess = (clear - (1.0 - MAX_HIDDEN_FRACTION) * sizes[None]).amin(-1)  # [E, E]
    nearer = screen.depths.detach()[:, None] < screen.depths.detach()[None, :]  # [E, E] i in front of j
    pairs = problem.must_not_hide & visible[:, None] & visible[None, :]
    return (torch.relu(excess).square() * (nearer & pairs)).sum()


def _screen_terms(problem: Problem, screens: list[Screen], targets: _Targets) -> dict[str, Tensor]:
    """Box targets, screen and depth order, the frame and occlusion, averaged over the key frames."""
    unit, zero = problem.unit_m, torch.zeros(())
    box = [(screens[v].boxes[e] - target).square().sum() for v, e, target in targets.boxes]
    box += [((screens[v].depths[e] - target) / unit).square() for v, e, target in targets.depths]
    order = []
    for predicate, s, o in problem.relations:
        if predicate in ("on", "next_to", "near"):  # contact and the footprint gap judge those
            continue
        seen = [
            _screen_order(predicate, screen, s, o, unit)
            for v, screen in enumerate(screens)
            if problem.views[v].judged and targets.visible[v, s] and targets.visible[v, o]
        ]
        if seen:
            order.append(torch.stack(seen).mean())
    frame = [
        (
            torch.relu(FRAME_BORDER - screen.boxes[:, :2])
            + torch.relu(screen.boxes[:, 2:] - 1.0 + FRAME_BORDER)
        )
        .square()
        .sum(-1)[targets.visible[v]]
        .sum()
        for v, screen in enumerate(screens)
    ]
    hidden = [_hidden(problem, screen, targets.visible[v]) for v, screen in enumerate(screens)]
    views = len(screens)
    return {
        "box": sum(box, zero) / views,
        "relation": sum(order, zero),
        "frame": sum(frame, zero) / views,
        "occlusion": sum(hidden, zero) / views,
    }


def _regularisers(problem: Problem, scale: Tensor, offsets: Tensor) -> dict[str, Tensor]:
    """Stay: scale factors (in their band) and offsets (in view units) near the coarse layout. Smooth: a
    path's consecutive keyframes move alike, so it is moved rather than bent."""
    relative = offsets / problem.unit_m  # [P, 3]
    steps = relative[problem.consecutive[:, 1]] - relative[problem.consecutive[:, 0]]  # [S, 3]
    return {
        "stay": ((scale - 1.0) / (SCALE_SPAN / 2)).square().mean() + relative.square().sum(-1).mean(),
        "smooth": steps.square().sum() / max(1, len(steps)),
    }


def _calibrated(
    problem: Problem, raw_scale: Tensor, raw_offsets: Tensor, calibration: _Calibration
) -> list[Screen]:
    """What every view shows at these parameters: the subset rendered differentiably, plus the calibration."""
    scale, keys = decode(problem, raw_scale, raw_offsets)
    screens = []
    for v, view in enumerate(problem.views):
        proxy = _render(problem, view, scale, displacements(problem, view.weights, keys, scale))
        screens.append(
            Screen(proxy.boxes + calibration.boxes[v], proxy.depths + calibration.depths[v], proxy.masses)
        )
    return screens


def _terms(
    problem: Problem, raw_scale: Tensor, raw_offsets: Tensor, targets: _Targets, screens: list[Screen]
) -> dict[str, Tensor]:
    """Every unweighted term of the objective at these parameters, given what the views show there."""
    scale, keys = decode(problem, raw_scale, raw_offsets)
    on_screen = _screen_terms(problem, screens, targets)
    in_world = _world_terms(problem, _world(problem, scale, keys), scale)
    terms = on_screen | in_world | _regularisers(problem, scale, _offsets(problem, raw_offsets))
    terms["relation"] = on_screen["relation"] + in_world["relation"]
    return {name: terms[name] for name in WEIGHTS}


def _loss(terms: dict[str, Tensor], progress: float = 1.0) -> Tensor:
    """The weighted sum. Penetration is phased in with the square of the optimisation's progress (0 to 1):
    an instance the coarse layout put on the wrong side of a neighbour then passes it, instead of walking
    round it and ending up in front of or behind it."""
    weights = WEIGHTS | {"penetration": WEIGHTS["penetration"] * progress**2}
    return sum((weights[name] * value for name, value in terms.items()), torch.zeros(()))


# ----------------------------------------------------------------------------------------- targets


def _failed_relations(problem: Problem, failed: Sequence[Check]) -> list[tuple[str, int, int]]:
    """The (predicate, subject, object) instance pairs of the relation checks that failed: a failed
    `relation:<p>` check names its failing subject instances and the object's instances."""
    pairs = []
    for check in failed:
        if not check.name.startswith("relation:") or check.passed:
            continue
        named = set(check.entities)
        predicate = check.name.removeprefix("relation:")
        pairs += [
            (p, s, o)
            for p, s, o in problem.relations
            if p == predicate and problem.ids[s] in named and problem.ids[o] in named
        ]
    return list(dict.fromkeys(pairs))


def _targets(
    problem: Problem, screens: list[Screen], failed: Sequence[Check], coarse: Sequence[CoarseBox]
) -> _Targets:
    """Coarse boxes where given. For every failed order relation, in every key frame where both show, the
    gap still missing between subject and object is closed half by the subject and half by the object,
    so the pair stays where the layout framed it: on screen (left_of ... below) the subject's box clear of
    the object's on the named side by the margin, both keeping their depth, which screen order could
    otherwise buy through perspective (receding towards the middle of the frame); in depth (in_front_of,
    behind) their expected depths apart by the margin."""
    visible = torch.stack([screen.masses for screen in screens]) >= MIN_MASS_PX  # [V, E]
    index = {iid: e for e, iid in enumerate(problem.ids)}
    boxes: dict[tuple[int, int], Tensor] = {}
    depths: dict[tuple[int, int], float] = {}
    for drawn in coarse:
        view = next(
            v for v, view in enumerate(problem.views) if (view.t, view.camera) == (drawn.t, drawn.camera)
        )
        boxes[(view, index[drawn.instance])] = torch.tensor(drawn.box)
    margin = MARGIN_FACTOR * SCREEN_MARGIN_FRACTION
    depth_margin = MARGIN_FACTOR * CRITIC_DEPTH_MARGIN_M
    for predicate, s, o in _failed_relations(problem, failed):
        for v, screen in enumerate(screens):
            if not (problem.views[v].judged and visible[v, s] and visible[v, o]):
                continue
            subject, obj = (boxes.get((v, e), screen.boxes[e]) for e in (s, o))  # [4] each
            depth_s, depth_o = (depths.get((v, e), float(screen.depths[e])) for e in (s, o))
            nearer = {  # how much nearer than now (negative: farther) the subject must be than the object
                "in_front_of": max(0.0, depth_s - depth_o + depth_margin),
                "behind": min(0.0, depth_s - depth_o - depth_margin),
            }.get(predicate)
            if nearer is not None:
                depths[(v, s)], depths[(v, o)] = depth_s - nearer / 2, depth_o + nearer / 2
                continue
            missing = {
                "left_of": (min(0.0, float(obj[0] - margin - subject[2])), 0.0),
                "right_of": (max(0.0, float(obj[2] + margin - subject[0])), 0.0),
                "above": (0.0, min(0.0, float(obj[1] - margin - subject[3]))),
                "below": (0.0, max(0.0, float(obj[3] + margin - subject[1]))),
            }.get(predicate)
            if missing is not None:
                half = 0.5 * torch.tensor([*missing, *missing])  # [4]
                boxes[(v, s)], boxes[(v, o)] = subject + half, obj - half
                for e in (s, o):
                    depths.setdefault((v, e), float(screen.depths[e]))
    return _Targets(
        [(v, e, box) for (v, e), box in boxes.items()], [(v, e, d) for (v, e), d in depths.items()], visible
    )


# -------------------------------------------------------------------------------------------- refine


class Adam:
    """Adam (Kingma & Ba) with one second moment per parameter tensor instead of one per coordinate, so
    every offset moves along its gradient and in proportion to it. Per-coordinate Adam steps every
    component by about the learning rate however small its gradient: it sent instances diagonally (as far
    back as sideways) to gain a little perspective, and moved an instance nobody needed to move as fast as
    the one at fault. The moments' memories are short (betas 0.7, 0.9) because the run is: with the usual
    (0.9, 0.999) the first, large relation gradients damp every later step and momentum carries instances
    past their targets. Written here because torch.optim imports torch._dynamo on first use (5 s here,
    more than a whole refinement)."""

    def __init__(self, params: list[Tensor], betas: tuple[float, float] = (0.7, 0.9)):
        self.params, self.betas = params, betas
        self.first = [torch.zeros_like(p) for p in params]
        self.second = [torch.zeros(()) for _ in params]
        self.steps = 0

    @torch.no_grad()
    def step(self, learning_rate: float) -> None:
        self.steps += 1
        beta1, beta2 = self.betas
        for param, first, second in zip(self.params, self.first, self.second, strict=True):
            grad = torch.zeros_like(param) if param.grad is None else param.grad
            first.mul_(beta1).add_(grad, alpha=1.0 - beta1)
            second.mul_(beta2).add_(grad.square().mean(), alpha=1.0 - beta2)
            unbiased = first / (1.0 - beta1**self.steps)  # bias-corrected moments
            spread = (second / (1.0 - beta2**self.steps)).sqrt() + 1e-8
            param.sub_(learning_rate * unbiased / spread)
            param.grad = None


@dataclass(frozen=True)
class Prepared:
    """What a refinement of a layout starts from (refine_layout here; score distillation in
    tools.refine.sds): the
    problem, the unrefined layout as the whole assets show it, and the targets of the failed checks."""

    problem: Problem
    unrefined: _Calibration
    targets: _Targets

    def loss(
        self, raw_scale: Tensor, raw_offsets: Tensor, screens: list[Screen], progress: float = 1.0
    ) -> tuple[Tensor, dict[str, Tensor]]:
        """(the weighted loss, every unweighted term) at these parameters, given what the views show there;
        `progress` (0 to 1) phases the penetration term in (see _loss)."""
        terms = _terms(self.problem, raw_scale, raw_offsets, self.targets, screens)
        return _loss(terms, progress), terms


def prepare(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    assets: dict[str, Gaussians],
    settings: RunSettings,
    failed: Sequence[Check],
    coarse: Sequence[CoarseBox] = (),
    config: RefineSettings | None = None,
) -> Prepared:
    """The problem of refining this layout, its unrefined render and the targets of `failed` and `coarse`;
    `config` is `settings.refine` unless given."""
    config = settings.refine if config is None else config
    problem = _problem(plan, layout, motion, assets, settings, coarse, config)
    unrefined = _calibrate(problem, torch.ones(len(problem.ids)), torch.zeros(len(problem.key_param), 3))
    return Prepared(problem, unrefined, _targets(problem, unrefined.whole, failed, coarse))


def _optimise(
    prepared: Prepared, config: RefineSettings
) -> tuple[dict[str, Tensor], dict[str, Tensor], Tensor, Tensor]:
    """(terms before, terms after, raw scale [E], raw offsets [P, 3]) of `config.steps` Adam steps from the
    coarse layout (none when its loss is under GOOD_ENOUGH).

    The learning rate falls linearly to 0, so a fixed budget settles. The subset is recalibrated against
    the whole assets every RECALIBRATE_EVERY steps, and before and after are measured on the whole
    assets; a result that this measure finds no better than the coarse layout is not used.
    """
    problem = prepared.problem
    raw_scale = torch.zeros(len(problem.ids), requires_grad=True)  # [E]
    raw_offsets = torch.zeros(len(problem.bounds), 3, requires_grad=True)  # [P, 3]
    with torch.no_grad():
        loss_before, before = prepared.loss(raw_scale, raw_offsets, prepared.unrefined.whole)
    unchanged = (before, before, raw_scale.detach(), raw_offsets.detach())
    if float(loss_before) < GOOD_ENOUGH:
        return unchanged
    optimiser = Adam([raw_scale, raw_offsets])
    calibration = prepared.unrefined
    for step in range(config.steps):
        if step and step % RECALIBRATE_EVERY == 0:
            with torch.no_grad():
                calibration = _calibrate(problem, *decode(problem, raw_scale, raw_offsets))
        screens = _calibrated(problem, raw_scale, raw_offsets, calibration)
        prepared.loss(raw_scale, raw_offsets, screens, (step + 1) / config.steps)[0].backward()
        optimiser.step(config.learning_rate * (1.0 - step / config.steps))
    with torch.no_grad():
        whole = _calibrate(problem, *decode(problem, raw_scale, raw_offsets)).whole
        loss_after, after = prepared.loss(raw_scale, raw_offsets, whole)
    if float(loss_after) >= float(loss_before):
        return unchanged
    return before, after, raw_scale.detach(), raw_offsets.detach()


def refine_layout(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    assets: dict[str, Gaussians],
    settings: RunSettings,
    failed: Sequence[Check],
    coarse: Sequence[CoarseBox] = (),
    config: RefineSettings | None = None,
) -> Refinement:
    """Refine every instance's scale and keyframes against `failed` (the critic's failed checks routed to
    layout) and `coarse` (a layout model's boxes), by render-and-compare; see the module docstring.

    `assets` holds each placed instance's Gaussians; `config` is `settings.refine` unless given.
    Deterministic for a given `settings.seed`.
    """
    config = settings.refine if config is None else config
    start = time.perf_counter()
    prepared = prepare(plan, layout, motion, assets, settings, failed, coarse, config)
    problem = prepared.problem
    before, after, raw_scale, raw_offsets = _optimise(prepared, config)
    with torch.no_grad():
        scale, keys = decode(problem, raw_scale, raw_offsets)
        refined_layout, refined_motion, shifts = apply_refinement(
            problem, layout, motion, scale, keys, settings
        )
    seconds = time.perf_counter() - start
    scales = dict(zip(problem.ids, scale.tolist(), strict=True))
    weighted_before = {name: WEIGHTS[name] * float(value) for name, value in before.items()}
    weighted_after = {name: WEIGHTS[name] * float(value) for name, value in after.items()}
    summary = _summary(problem, config, scales, shifts, weighted_before, weighted_after)
    return Refinement(
        layout=refined_layout.model_copy(update={"notes": [*layout.notes, f"refine: {summary}"]}),
        motion=refined_motion,
        scale=scales,
        shift_m=shifts,
        loss_before=sum(weighted_before.values()),
        loss_after=sum(weighted_after.values()),
        terms_before=weighted_before,
        terms_after=weighted_after,
        seconds=seconds,
        summary=summary,
    )


def apply_refinement(
    problem: Problem, layout: Layout, motion: Motion, scale: Tensor, keys: Tensor, settings: RunSettings
) -> tuple[Layout, Motion, dict[str, float]]:
    """The refined placements (scaled, moved with their mid-clip keyframe) and tracks (every keyframe moved,
    and turned as much as its path turned, so it keeps facing its next position), and each instance's
    largest ground shift."""
    index = {iid: e for e, iid in enumerate(problem.ids)}
    tracks, shifts = [], {}
    for track in motion.tracks:
        e = index[track.entity]
        moved = [
            displacements(problem, _key_weights(problem.tracks, key.t), keys, scale)[e]
            for key in track.keyframes
        ]  # K x [3]
        shifts[track.entity] = max(float(d[[0, 2]].norm()) for d in moved)
        positions = [
            vec3(torch.tensor(k.position, dtype=torch.float64) + d)
            for k, d in zip(track.keyframes, moved, strict=True)
        ]
        keyframes = [
            Keyframe(t=key.t, position=position, yaw=key.yaw + _turn(track.keyframes, positions, k))
            for k, (key, position) in enumerate(zip(track.keyframes, positions, strict=True))
        ]
        tracks.append(track.model_copy(update={"keyframes": keyframes}))
    middle = displacements(problem, _key_weights(problem.tracks, 0.5 * settings.duration_s), keys, scale)
    placements = [
        p.model_copy(
            update={
                "position": vec3(torch.tensor(p.position, dtype=torch.float64) + middle[index[p.entity]]),
                "extent_m": vec3(side * float(scale[index[p.entity]]) for side in p.extent_m),
            }
        )
        for p in layout.placements
    ]
    return layout.model_copy(update={"placements": placements}), Motion(tracks=tracks), shifts


def _turn(keyframes: list[Keyframe], positions: list[tuple[float, float, float]], k: int) -> float:
    """How far the ground heading of keyframe k's segment (to the next key; the last key's from the one
    before) turned when its keys moved; 0 where either segment is too short to have a heading."""
    a, b = (k, k + 1) if k + 1 < len(keyframes) else (k - 1, k)
    if a < 0:
        return 0.0
    old = [keyframes[b].position[i] - keyframes[a].position[i] for i in (0, 2)]
    new = [positions[b][i] - positions[a][i] for i in (0, 2)]
    if math.hypot(*old) < 1e-6 or math.hypot(*new) < 1e-6:
        return 0.0
    return math.remainder(heading_yaw(*new) - heading_yaw(*old), math.tau)


def _summary(
    problem: Problem,
    config: RefineSettings,
    scales: dict[str, float],
    shifts: dict[str, float],
    before: dict[str, float],
    after: dict[str, float],
) -> str:
    """One line for report.md: what moved and how much the loss fell, term by term. No wall-clock time:
    the line lands in scene.json's layout notes, which the same prompt, seed and settings must reproduce."""
    total_before, total_after = sum(before.values()), sum(after.values())
    if total_before < GOOD_ENOUGH:
        return f"nothing to improve (loss {total_before:.2g} on {len(problem.views)} key frames)"
    return (
        f"{describe_changes(scales, shifts)}; "
        f"loss {total_before:.3g} -> {total_after:.3g} ({describe_terms(before, after)}); "
        f"{config.steps} Adam steps on {len(problem.views)} key frames at "
        f"{problem.canvas.width}x{problem.canvas.height}"
    )


def describe_changes(scales: dict[str, float], shifts: dict[str, float]) -> str:
    """'scale dog ×0.96, moved dog by up to 0.30 m', or 'no change' when nothing changed visibly."""
    changes = [f"scale {iid} ×{factor:.2f}" for iid, factor in scales.items() if abs(factor - 1.0) >= 0.005]
    changes += [f"moved {iid} by up to {shift:.2f} m" for iid, shift in shifts.items() if shift >= 0.01]
    return ", ".join(changes) or "no change"


def describe_terms(before: dict[str, float], after: dict[str, float]) -> str:
    """'relation 0.9 -> 0, ...': each weighted term that mattered before or after."""
    return ", ".join(
        f"{name} {before[name]:.3g} -> {after[name]:.3g}"
        for name in WEIGHTS
        if max(before[name], after[name]) >= 1e-4
    )
