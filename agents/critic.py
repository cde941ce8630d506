"""The offline critic: checks the rendered frames and the scene graph, and routes every failure.

Every check reads what the frames show (tools.render.analysis per-entity masks, boxes and depth) or what the
scene graph says (layout boxes along the motion tracks), and says what it saw with numbers, so that the agent
it is routed to (and a person reading report.md) can act on it. The thresholds and predicates it shares with
layout refinement and the eval metrics are tools.judge's (CRITIC_* where it is stricter than a metric). One
Check per (check, instance / group / relation):

- visible             every instance is on screen in most frames                               -> layout
- in_frame            no instance is cut off by the frame edge                                 -> layout
- no_interpenetration no two instances' 3D boxes overlap along the tracks (one check per pair
                      that does; one passing check when none does)                             -> layout
- relation:<p>        every plan relation holds on screen                                      -> layout
- motion:<d>          every directed action moves its instances that way on screen             -> motion
- count               each group shows its planned number of instances in the key frames       -> layout
- color               each coloured instance shows its colour                                  -> assets

A moving camera (Layout.camera_motion; every frame's camera from tools.scene.camera.camera_at):
- Motion is judged in the base camera (Layout.camera, the camera at mid-clip), so the camera's own motion
  does not count: each frame's centroid at its median depth is unprojected with that frame's camera and
  projected with the base camera; box heights scale by the depth ratio. An entity that a tracking camera
  keeps centred while it runs left in the world moves left in the base view. A static camera is unchanged.
- Relations are what a viewer of the base view would say, so they are judged in the frames whose camera
  looks within RELATION_MAX_TURN_DEG (tools.judge) of the base camera's horizontal direction: an orbit's
  front arc, every frame of the other motions (a pan turns at most 30 degrees either way). Behind the
  scene, left and right swap and the front entity is the back one, so those frames say nothing about the
  plan's relations.
- visible, in_frame and count hold in every frame: the layout keeps every entity in frame under the camera
  motion, except that a tracking camera may let the others (not its target) leave the frame when keeping
  them would put it far back (agents.layout.frame_camera). So under a tracking camera an instance other
  than the target is judged only in the frames where its layout box, at its track pose, projects fully
  inside the frame of that frame's camera.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import torch

from scenewright.schema import (
    Action,
    Check,
    CritiqueRound,
    EntitySpec,
    Keyframe,
    Layout,
    Motion,
    Plan,
    Relation,
    Track,
    vec3,
)
from scenewright.settings import RunSettings
from scenewright.tools.judge import (
    CRITIC_COLOR_SHARE,
    CRITIC_DEPTH_MARGIN_M,
    CRITIC_VISIBLE_FRAMES,
    MIN_VISIBLE_FRACTION,
    MOTION_MIN_DEPTH_FRACTION,
    MOTION_MIN_FRAMES,
    MOTION_MIN_SHIFT_FRACTION,
    NEAR_SIZE_FACTOR,
    NEXT_TO_SIZE_FACTOR,
    OCCLUSION_MARGIN,
    ON_GAP_FRACTION,
    RELATION_MIN_FRAME_FRACTION,
    SCREEN_MARGIN_FRACTION,
    faces_base,
    fitted_change,
    min_screen_pixels,
    penetration_tolerance,
    resting_pairs,
    shows_color,
)
from scenewright.tools.media.contact_sheet import key_frame_indices
from scenewright.tools.render.analysis import (
    ACHROMATIC_NAMES,
    NO_PIXELS,
    PALETTE_NAMES,
    EntityFrameStats,
    FrameAnalysis,
    classify_colors,
)
from scenewright.tools.scene.camera import camera_at, camera_matrices, project_points, unproject_points
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import box_corners, box_penetration

# The thresholds the critic shares with layout refinement and the eval metrics are tools.judge's; these are
# the critic's own.
IN_FRAME_MAX_CUT_FRACTION = 0.05
"""Touching the frame edge in a frame or two (entering, a jump's peak) is tolerated, more is a bad framing."""
AROUND_MIN_SWEEP_DEG = 200.0
"""'around': more than half a circle, which no straight pass can sweep."""
COUNT_MIN_KEY_FRAME_FRACTION = 0.8
"""The count must be right in most key frames of the contact sheet."""

SEATED_CLIPS = frozenset({"sit", "drive"})
"""Clips that sit a body on its support (a boy on a bench, a rider on a horse): its legs hang below the top,
so 'on' asks that the body's box spans the top edge, not that its bottom rests on it."""

ORDERING_PREDICATES = frozenset({"left_of", "right_of", "in_front_of", "behind", "under", "above", "below"})
"""Checked against every object instance; the others (on, next_to, near) against at least one."""


@dataclass(frozen=True)
class _Screen:
    """The frames and the image geometry every check reads."""

    frames: list[FrameAnalysis]
    width: int
    height: int
    focal_px: float  # pixels per metre at 1 m depth
    min_pixels: int
    K: torch.Tensor  # [3, 3]
    base_viewmat: torch.Tensor  # [4, 4] the camera at mid-clip (Layout.camera)
    viewmats: dict[float, torch.Tensor]  # frame time -> [4, 4] the camera of that frame
    camera_moves: bool
    out_of_view: frozenset[tuple[float, str]]  # (frame time, instance) a tracking camera lets leave
    seated: frozenset[str]  # instances sitting on their support: their legs hang below its top

    def stats(self, frame: FrameAnalysis, instance: str) -> EntityFrameStats:
        return frame.entities.get(instance, NO_PIXELS)

    def in_base_view(self, frames: list[FrameAnalysis], instance: str) -> np.ndarray:
        """Centroid x, y (px) and depth (m) [F, 3] of a visible instance, as the base camera sees them."""
        stats = [self.stats(f, instance) for f in frames]
        uv = torch.tensor([s.centroid for s in stats], dtype=torch.float32)  # [F, 2]
        depth = torch.tensor([s.depth_m for s in stats], dtype=torch.float32)  # [F]
        world = torch.cat(
            [
                unproject_points(uv[k : k + 1], depth[k : k + 1], self.viewmats[f.t], self.K)
                for k, f in enumerate(frames)
            ]
        )  # [F, 3]
        base_uv, base_depth = project_points(world, self.base_viewmat, self.K)  # [F, 2], [F]
        return torch.cat([base_uv, base_depth[:, None]], dim=-1).double().numpy()

    def faces_base(self, frame: FrameAnalysis) -> bool:
        """Whether the frame's camera looks within RELATION_MAX_TURN_DEG of the base camera (horizontally)."""
        return faces_base(self.viewmats[frame.t], self.base_viewmat)

    def expected(self, frame: FrameAnalysis, instance: str) -> bool:
        """Whether the instance should be fully in this frame (see the module docstring)."""
        return (frame.t, instance) not in self.out_of_view

    def visible(self, frame: FrameAnalysis, instance: str) -> bool:
        return self.stats(frame, instance).visible_pixels >= self.min_pixels

    def metres(self, pixels: float, depth_m: float) -> float:
        """A screen length at a depth -> metres."""
        return pixels * depth_m / self.focal_px


def critique_offline(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    frames: list[FrameAnalysis],
    settings: RunSettings,
    round: int,
) -> CritiqueRound:
    """Run every check on one round's frames and scene graph (sizes come from the layout's placements)."""
    if not frames:
        raise ValueError("the critic needs the analysis of at least one frame")
    tracks = {track.entity: track for track in motion.tracks}
    base_viewmat, K = camera_matrices(layout.camera, settings.width, settings.height)
    viewmats = {
        f.t: camera_matrices(
            camera_at(layout.camera, layout.camera_motion, f.t, settings.duration_s, tracks),
            settings.width,
            settings.height,
        )[0]
        for f in frames
    }
    screen = _Screen(
        frames=frames,
        width=settings.width,
        height=settings.height,
        focal_px=float(K[1, 1]),
        min_pixels=min_screen_pixels(settings.width, settings.height),
        K=K,
        base_viewmat=base_viewmat,
        viewmats=viewmats,
        camera_moves=layout.camera_motion.motion != "static",
        out_of_view=_left_behind(plan, layout, tracks, viewmats, K, settings),
        seated=frozenset(
            p.entity
            for p in layout.placements
            if p.support is not None and tracks[p.entity].clip in SEATED_CLIPS
        ),
    )
    instances = list(plan.group_of())
    entity_by_id = {entity.id: entity for entity in plan.entities}
    checks = [
        *(_visible_check(screen, instance) for instance in instances),
        *(_in_frame_check(screen, instance) for instance in instances),
        *_interpenetration_checks(plan, layout, motion, settings),
        *(_relation_check(plan, screen, relation) for relation in plan.relations),
        *(
            _motion_check(plan, screen, action, instance)
            for action in plan.actions
            if action.direction is not None
            for instance in plan.instance_ids(entity_by_id[action.entity])
        ),
        *(_count_check(plan, screen, entity) for entity in plan.entities),
        *(
            _color_check(screen, entity, instance)
            for entity in plan.entities
            if entity.color is not None
            for instance in plan.instance_ids(entity)
        ),
    ]
    return CritiqueRound(round=round, checks=checks)


def _left_behind(
    plan: Plan,
    layout: Layout,
    tracks: dict[str, Track],
    viewmats: dict[float, torch.Tensor],
    K: torch.Tensor,
    settings: RunSettings,
) -> frozenset[tuple[float, str]]:
    """(frame time, instance) pairs where a tracking camera's non-target instance is (partly) out of view."""
    spec = layout.camera_motion
    if spec.motion != "track":
        return frozenset()
    followed = {i for i, group in plan.group_of().items() if group.id == spec.target}
    leaving = set()
    for placement in layout.placements:
        if placement.entity in followed:
            continue
        track = tracks.get(placement.entity)
        for t, viewmat in viewmats.items():
            position, yaw = root_pose_at(track, t) if track else (placement.position, placement.yaw)
            offset = vec3(np.subtract(position, placement.position))
            uv, depth = project_points(
                box_corners(placement, Keyframe(t=t, position=offset, yaw=yaw)), viewmat, K
            )
            inside = (depth > 0).all() and (uv >= 0).all() and (uv[:, 0] <= settings.width).all()
            if not (inside and (uv[:, 1] <= settings.height).all()):
                leaving.add((t, placement.entity))
    return frozenset(leaving)


# ------------------------------------------------------------------------------------ visible, in_frame


def _visible_check(screen: _Screen, instance: str) -> Check:
    frames = [frame for frame in screen.frames if screen.expected(frame, instance)]
    if not frames:
        message = f"{instance} is out of the tracking camera's view in every frame, as the layout allows"
        return Check(name="visible", passed=True, score=1.0, entities=[instance], message=message)
    seen = [screen.visible(frame, instance) for frame in frames]
    fraction = sum(seen) / len(seen)
    pixels = [screen.stats(f, instance).visible_pixels for f, s in zip(frames, seen, strict=True) if s]
    when_seen = f"; when visible, median {int(np.median(pixels))} px" if pixels else ""
    # Off screen / too small and hidden behind something need different fixes: say which it was.
    alone = [screen.stats(f, instance).unoccluded_pixels for f, s in zip(frames, seen, strict=True) if not s]
    if alone:
        when_seen += f"; when not visible, it would cover a median {int(np.median(alone))} px unoccluded"
    passed = fraction >= CRITIC_VISIBLE_FRAMES
    return Check(
        name="visible",
        passed=passed,
        score=fraction,
        entities=[instance],
        message=f"{instance} is visible (>= {screen.min_pixels} px) in {sum(seen)}/{len(seen)} frames "
        f"({fraction:.0%}, needs >= {CRITIC_VISIBLE_FRAMES:.0%}){when_seen}",
        route=None if passed else "layout",
    )


def _in_frame_check(screen: _Screen, instance: str) -> Check:
    frames = [frame for frame in screen.frames if screen.expected(frame, instance)]
    cut_times = [f.t for f in frames if screen.stats(f, instance).touches_border]
    fraction = len(cut_times) / max(1, len(frames))
    passed = fraction <= IN_FRAME_MAX_CUT_FRACTION
    first_cut = f", first at t={cut_times[0]:.2f} s" if cut_times else ""
    return Check(
        name="in_frame",
        passed=passed,
        score=1.0 - fraction,
        entities=[instance],
        message=f"{instance} touches the frame edge in {len(cut_times)}/{len(frames)} frames "
        f"({fraction:.0%}, allowed <= {IN_FRAME_MAX_CUT_FRACTION:.0%}){first_cut}",
        route=None if passed else "layout",
    )


# ---------------------------------------------------------------------------------- no_interpenetration


def _interpenetration_checks(
    plan: Plan, layout: Layout, motion: Motion, settings: RunSettings
) -> list[Check]:
    """Oriented 3D boxes from the layout extents, posed along the tracks at every frame time.

    Two boxes penetrate by the smallest overlap over the separating axes: the vertical axis and the four
    footprint edges (separating axis theorem for yaw-rotated rectangles). A subject resting on its support
    (Placement.support, an 'on' relation) or tucked 'under' its object is exempt.
    """
    placements = {p.entity: p for p in layout.placements}
    ids = [instance for instance in plan.group_of() if instance in placements]
    if len(ids) < 2:
        message = "fewer than two placed instances; nothing can overlap"
        return [Check(name="no_interpenetration", passed=True, score=1.0, entities=ids, message=message)]
    tracks = {track.entity: track for track in motion.tracks}
    times = settings.frame_times()
    poses = [
        [
            root_pose_at(tracks[i], t) if i in tracks else (placements[i].position, placements[i].yaw)
            for i in ids
        ]
        for t in times
    ]
    position = np.array([[pose[0] for pose in row] for row in poses])  # [T, E, 3]
    yaw = np.array([[pose[1] for pose in row] for row in poses])  # [T, E]
    extent = np.array([placements[i].extent_m for i in ids])  # [E, 3]
    penetration = box_penetration(position, yaw, extent)  # [T, E, E]

    exempt = resting_pairs(plan, layout, ids)
    worst_t = penetration.argmax(0)  # [E, E]
    worst = penetration.max(0)  # [E, E]
    checks = []
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            tolerance = penetration_tolerance(extent[[a, b]])
            if (ids[a], ids[b]) in exempt or worst[a, b] <= tolerance:
                continue
            t = worst_t[a, b]
            where = ", ".join(
                f"{ids[k]} at x={position[t, k, 0]:.2f} z={position[t, k, 2]:.2f}" for k in (a, b)
            )
            checks.append(
                Check(
                    name="no_interpenetration",
                    passed=False,
                    score=tolerance / worst[a, b],
                    entities=[ids[a], ids[b]],
                    message=f"the boxes of {ids[a]} and {ids[b]} overlap by {worst[a, b]:.2f} m at "
                    f"t={times[t]:.2f} s (allowed {tolerance:.2f} m): {where}",
                    route="layout",
                )
            )
    if checks:
        return checks
    return [
        Check(
            name="no_interpenetration",
            passed=True,
            score=1.0,
            entities=ids,
            message=f"no two of {len(ids)} instances overlap beyond tolerance over {len(times)} frame times"
            + (f" ({len(exempt) // 2} resting pair(s) exempt)" if exempt else ""),
        )
    ]


# ----------------------------------------------------------------------------------------- relations


def _relation_check(plan: Plan, screen: _Screen, relation: Relation) -> Check:
    """The relation on screen, per subject instance, over the frames where it and an object are visible.

    Ordering predicates must hold against every visible object instance, contact/proximity ones (on,
    next_to, near) against at least one.
    """
    entity_by_id = {entity.id: entity for entity in plan.entities}
    subjects = plan.instance_ids(entity_by_id[relation.subject])
    objects = plan.instance_ids(entity_by_id[relation.object])
    every = relation.predicate in ORDERING_PREDICATES
    quantifier = "every" if every else "at least one"
    lines, scores, failing = [], [], []
    for subject in subjects:
        held, example = 0, ""
        frames = [f for f in screen.frames if screen.faces_base(f) and screen.visible(f, subject)]
        frames = [f for f in frames if any(screen.visible(f, o) for o in objects)]
        for frame in frames:
            results = [
                _relation_holds(relation.predicate, screen, frame, subject, o)
                for o in objects
                if screen.visible(frame, o)
            ]
            holds = all(ok for ok, _ in results) if every else any(ok for ok, _ in results)
            held += holds
            if not holds and not example:
                example = f"; e.g. at t={frame.t:.2f} s " + next(detail for ok, detail in results if not ok)
        fraction = held / len(frames) if frames else 0.0
        scores.append(fraction)
        if fraction < RELATION_MIN_FRAME_FRACTION:
            failing.append(subject)
        seen_together = (
            f"{held}/{len(frames)} frames" if frames else f"never visible with a {relation.object}"
        )
        lines.append(f"{subject}: {seen_together}{example}")
    passed = not failing
    return Check(
        name=f"relation:{relation.predicate}",
        passed=passed,
        score=min(scores),
        entities=subjects + objects if passed else failing + objects,
        message=f"{relation.subject} {relation.predicate} {relation.object} (against {quantifier} "
        f"{relation.object} instance, needs >= {RELATION_MIN_FRAME_FRACTION:.0%} of the frames where both "
        f"are visible): " + "; ".join(lines),
        route=None if passed else "layout",
    )


def _relation_holds(
    predicate: str, screen: _Screen, frame: FrameAnalysis, subject: str, obj: str
) -> tuple[bool, str]:
    """Whether `subject predicate obj` holds in one frame where both are visible, and what was measured."""
    s, o = screen.stats(frame, subject), screen.stats(frame, obj)
    assert s.bbox is not None and o.bbox is not None and s.depth_m is not None and o.depth_m is not None
    (sx0, sy0, sx1, sy1), (ox0, oy0, ox1, oy1) = s.bbox, o.bbox
    scx, scy, ocx, ocy = (sx0 + sx1) / 2, (sy0 + sy1) / 2, (ox0 + ox1) / 2, (oy0 + oy1) / 2
    margin_x, margin_y = SCREEN_MARGIN_FRACTION * screen.width, SCREEN_MARGIN_FRACTION * screen.height
    across = f"{subject} centre x={scx:.0f} px, {obj} x={ocx:.0f} px"
    upright = f"{subject} centre y={scy:.0f} px, {obj} y={ocy:.0f} px"
    x_overlap = min(sx1, ox1) - max(sx0, ox0)
    if predicate == "left_of":
        return scx < ocx - margin_x, across
    if predicate == "right_of":
        return scx > ocx + margin_x, across
    if predicate == "above":
        return scy < ocy - margin_y, upright
    if predicate == "below":
        return scy > ocy + margin_y, upright
    if predicate == "under":  # beneath it: lower, and within its width rather than beside it
        return scy > ocy + margin_y and ox0 <= scx <= ox1, f"{upright}, {obj} spans x {ox0}..{ox1} px"
    if predicate in ("in_front_of", "behind"):
        nearer = _nearer(s, o) if predicate == "in_front_of" else _nearer(o, s)
        hidden_s, hidden_o = 1 - s.visible_fraction, 1 - o.visible_fraction
        depths = f"{subject} at {s.depth_m:.2f} m ({hidden_s:.0%} hidden), {obj} at {o.depth_m:.2f} m "
        return nearer, depths + f"({hidden_o:.0%} hidden)"
    if predicate == "on":
        gap = ON_GAP_FRACTION * (sy1 - sy0)
        if subject in screen.seated:  # the body rises over the top, the legs hang below it
            seated = sy0 < oy0 < sy1
        else:
            seated = oy0 - gap <= sy1 <= oy0 + max(gap, (oy1 - oy0) / 2)
        detail = f"{subject} bottom y={sy1} px, {obj} top y={oy0} px; {subject} centre x={scx:.0f} px, "
        detail += f"{obj} spans x {ox0}..{ox1} px"
        return seated and ox0 <= scx <= ox1, detail
    # next_to / near: the gap across and in depth, in metres, against the larger one's width.
    depth = (s.depth_m + o.depth_m) / 2
    gap_across = screen.metres(max(0, -x_overlap), depth)
    gap_depth = abs(s.depth_m - o.depth_m)
    size = max(screen.metres(sx1 - sx0, s.depth_m), screen.metres(ox1 - ox0, o.depth_m))
    limit = (NEXT_TO_SIZE_FACTOR if predicate == "next_to" else NEAR_SIZE_FACTOR) * size
    detail = f"gap {gap_across:.2f} m across, {gap_depth:.2f} m in depth (limit {limit:.2f} m)"
    return max(gap_across, gap_depth) <= limit, detail


def _nearer(a: EntityFrameStats, b: EntityFrameStats) -> bool:
    """a is in front of b: by median depth, or by occlusion when the depths are too close to tell."""
    assert a.depth_m is not None and b.depth_m is not None
    if abs(a.depth_m - b.depth_m) > CRITIC_DEPTH_MARGIN_M:
        return a.depth_m < b.depth_m
    return (1 - b.visible_fraction) - (1 - a.visible_fraction) >= OCCLUSION_MARGIN


# -------------------------------------------------------------------------------------------- motion


def _motion_check(plan: Plan, screen: _Screen, action: Action, instance: str) -> Check:
    """The direction from a least-squares line through the visible centroids (or depths) over time."""
    assert action.direction is not None
    name = f"motion:{action.direction}"
    if action.direction == "around":
        return _around_check(plan, screen, action, instance)
    frames = [f for f in screen.frames if screen.visible(f, instance)]
    if len(frames) < MOTION_MIN_FRAMES:
        message = f"{instance} is visible in {len(frames)} frames; its motion cannot be measured"
        return Check(name=name, passed=False, score=0.0, entities=[instance], message=message, route="motion")
    stats = [screen.stats(f, instance) for f in frames]
    t = np.array([f.t for f in frames])  # [F]
    x, y, depth = screen.in_base_view(frames, instance).T  # [F] each, in the base camera
    seen_depth = np.array([s.depth_m for s in stats])  # [F] in each frame's own camera
    height = np.array([s.bbox[3] - s.bbox[1] for s in stats]) * seen_depth / depth  # [F] at base depth
    if action.direction in ("left", "right", "up", "down"):
        horizontal = action.direction in ("left", "right")
        values, size, axis = (x, screen.width, "x") if horizontal else (y, screen.height, "y")
        change = fitted_change(t, values)
        sign = -1.0 if action.direction in ("left", "up") else 1.0
        needed = MOTION_MIN_SHIFT_FRACTION * size
        score = float(np.clip(sign * change / needed, 0.0, 1.0))
        message = (
            f"{instance} centroid {axis} moves {change:+.0f} px over {len(frames)} visible frames "
            f"(needs {sign * needed:+.0f} px, {MOTION_MIN_SHIFT_FRACTION:.0%} of the image)"
        )
    else:
        change = fitted_change(t, depth)
        growth = fitted_change(t, height)
        sign = -1.0 if action.direction == "toward" else 1.0
        needed = MOTION_MIN_DEPTH_FRACTION * float(depth.mean())
        score = float(np.clip(sign * change / needed, 0.0, 1.0)) * float(-sign * growth > 0)
        message = (
            f"{instance} depth changes {change:+.2f} m (needs {sign * needed:+.2f} m) and its box "
            f"height {growth:+.0f} px over {len(frames)} visible frames"
        )
    if screen.camera_moves:
        message += " (in the mid-clip camera's view: the camera's own motion removed)"
    passed = score >= 1.0
    return Check(
        name=name,
        passed=passed,
        score=score,
        entities=[instance],
        message=message,
        route=None if passed else "motion",
    )


def _around_check(plan: Plan, screen: _Screen, action: Action, instance: str) -> Check:
    """The angle of the subject around the target in the ground plane, from the base view's x and depth."""
    entity_by_id = {entity.id: entity for entity in plan.entities}
    assert action.around is not None
    targets = plan.instance_ids(entity_by_id[action.around])
    angles, across, along = [], [], []
    for frame in screen.frames:
        seen = [i for i in targets if screen.visible(frame, i)]
        if not seen or not screen.visible(frame, instance):
            continue
        subject_x, _, subject_depth = screen.in_base_view([frame], instance)[0]
        target_x, _, target_depth = np.mean([screen.in_base_view([frame], i)[0] for i in seen], axis=0)
        across.append(subject_x - target_x)
        along.append(subject_depth - target_depth)
        angles.append(math.atan2(along[-1], screen.metres(across[-1], target_depth)))
    sweep = math.degrees(float(np.ptp(np.unwrap(angles)))) if angles else 0.0
    margin = SCREEN_MARGIN_FRACTION * screen.width
    both_sides = any(a < -margin for a in across) and any(a > margin for a in across)
    front_and_back = any(d < -CRITIC_DEPTH_MARGIN_M for d in along) and any(
        d > CRITIC_DEPTH_MARGIN_M for d in along
    )
    passed = sweep >= AROUND_MIN_SWEEP_DEG or (both_sides and front_and_back)
    return Check(
        name="motion:around",
        passed=passed,
        score=1.0 if passed else min(1.0, sweep / AROUND_MIN_SWEEP_DEG),
        entities=[instance, *targets],
        message=f"{instance} sweeps {sweep:.0f} deg around {action.around} over {len(angles)} frames where "
        f"both are visible (needs >= {AROUND_MIN_SWEEP_DEG:.0f} deg, or seen on both sides and both in front "
        f"and behind: sides {_yes(both_sides)}, front and behind {_yes(front_and_back)})",
        route=None if passed else "motion",
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


# ------------------------------------------------------------------------------------- count, color


def _count_check(plan: Plan, screen: _Screen, entity: EntitySpec) -> Check:
    """Countable instances (visible, and at least MIN_VISIBLE_FRACTION of each shows) per key frame."""
    instances = plan.instance_ids(entity)
    key_frames = [screen.frames[k] for k in key_frame_indices(len(screen.frames))]
    expected = [[i for i in instances if screen.expected(f, i)] for f in key_frames]
    counted = [
        [i for i in e if screen.visible(f, i) and screen.stats(f, i).visible_fraction >= MIN_VISIBLE_FRACTION]
        for f, e in zip(key_frames, expected, strict=True)
    ]
    right = sum(len(c) == len(e) for c, e in zip(counted, expected, strict=True))
    fraction = right / len(key_frames)
    passed = fraction >= COUNT_MIN_KEY_FRAME_FRACTION
    message = (
        f"{entity.id}: the plan has {entity.count}; {right}/{len(key_frames)} key frames show that many "
        f"(needs >= {COUNT_MIN_KEY_FRAME_FRACTION:.0%})"
    )
    missing = sorted(
        {i for c, e in zip(counted, expected, strict=True) for i in e if i not in c}, key=instances.index
    )
    if missing:
        per_frame = ", ".join(f"{len(c)} at t={f.t:.2f} s" for c, f in zip(counted, key_frames, strict=True))
        message += f"; counted {per_frame}; off screen or under {MIN_VISIBLE_FRACTION:.0%} showing in "
        message += f"some of them: {', '.join(missing)}"
    return Check(
        name="count",
        passed=passed,
        score=fraction,
        entities=instances if passed else missing,
        message=message,
        route=None if passed else "layout",
    )


def _color_check(screen: _Screen, entity: EntitySpec, instance: str) -> Check:
    """Pixel shares of palette colours over every frame where the instance is visible."""
    assert entity.color is not None
    # A colour word outside the palette (an LLM director's "teal") is judged as its nearest palette colour.
    nearest = PALETTE_NAMES[int(classify_colors(torch.tensor([entity.color.rgb]))[0])]
    wanted = entity.color.name if entity.color.name in PALETTE_NAMES else nearest
    pixels: Counter[str] = Counter()
    for frame in screen.frames:
        if screen.visible(frame, instance):
            stats = screen.stats(frame, instance)
            pixels.update({name: share * stats.visible_pixels for name, share in stats.colors.items()})
    total = sum(pixels.values())
    if total == 0:
        message = f"{instance} is never visible, so its colour ({wanted}) cannot be seen"
        return Check(
            name="color", passed=False, score=0.0, entities=[instance], message=message, route="layout"
        )
    shares = {name: count / total for name, count in pixels.most_common()}
    share = shares.get(wanted, 0.0)
    passed = shows_color(shares, wanted, CRITIC_COLOR_SHARE)
    seen = ", ".join(f"{fraction:.0%} {name}" for name, fraction in list(shares.items())[:4])
    return Check(
        name="color",
        passed=passed,
        score=min(1.0, share / CRITIC_COLOR_SHARE),
        entities=[instance],
        message=f"{instance} should be {entity.color.name} ({wanted}: {share:.0%} of its pixels, needs "
        f">= {CRITIC_COLOR_SHARE:.0%} or the largest {'share' if wanted in ACHROMATIC_NAMES else 'hue'}); "
        f"it shows {seen}",
        route=None if passed else "assets",
    )
