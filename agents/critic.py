"""The offline critic: checks the prompt's nouns, the frames and the scene graph, and routes every failure.

The critic judges what the eval metrics judge (evals/metrics.py, docs/evals.md), from the same evidence (what
each frame shows of each instance, where it stands in the world) with the same thresholds and predicates
(tools.judge), so that its verdict after a round predicts the metrics' verdict on that round's video
(benchmarks/critic_agreement.py measures how well). It sees the prompt, the plan and the frames, never a
suite's expectations: it judges every entity, relation and action of the plan, where the metrics judge those
a suite names. Each check says what it saw with numbers, so that the agent it is routed to (and a person
reading report.md) can act on it. One Check per (check, noun / group / instance / relation):

- noun:<noun>          each noun of the prompt (Plan.nouns) is accounted for: a thing stands for it and is
                       no placard; the environment, effect, style or the thing a material or a part
                       belongs to is in the plan (a setting that names none is the scene's); no placard
                       stands for a word no noun read as a thing names                          -> director
- visible              each group is seen (any of its instances) in half the frames             -> layout
- in_frame             no instance is mostly cut off by the frame edge                          -> layout
- no_interpenetration  no two instances' 3D boxes overlap along the tracks (one check per pair
                       that does; one passing check when none does)                             -> layout
- relation:<p>         every plan relation holds in the frames where both are seen              -> layout
- motion:<d>           every directed action moves its instances that way on screen            -> motion
- action:<clip>        every acting instance plays its clip and moves in the world as it says   -> motion
- count                each group shows its planned number of instances (median over frames)    -> layout
- color                each coloured instance shows its colour                                  -> assets

'next_to', 'near' and 'around', which no metric judges, are the critic's own predicates; everything else is
tools.judge's. in_frame has no metric either: it fails only where an instance is mostly cut off, which a
viewer sees although the metrics' 'seen' (a box of enough pixels) still counts it.

A moving camera (Layout.camera_motion; every frame's camera from tools.scene.camera.camera_at):
- Motion is judged in the base camera (Layout.camera, the camera at mid-clip), so the camera's own motion
  does not count: each frame's box centre at its median depth is unprojected with that frame's camera and
  projected with the base camera. An entity that a tracking camera keeps centred while it runs left in the
  world moves left in the base view. A static camera is unchanged.
- Relations are what a viewer sees in every frame, as for the metrics: a camera that orbits behind the scene
  swaps left and right.
- A tracking camera may let the others (not its target) leave the frame when keeping them would put it far
  back (agents.layout.frame_camera): in_frame judges an instance other than the target only in the frames
  where its layout box, at its track pose, projects fully inside the frame of that frame's camera.
"""

from __future__ import annotations

import math
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
    NounReading,
    Placement,
    Plan,
    Relation,
    Track,
    Vec3,
    vec3,
)
from scenewright.settings import RunSettings
from scenewright.tools.judge import (
    ANY_OBJECT_RELATIONS,
    COLOR_MIN_DOMINANT_SHARE,
    COLOR_SHARE,
    CRITIC_DEPTH_MARGIN_M,
    MOTION_MIN_FRAMES,
    NEAR_SIZE_FACTOR,
    NEXT_TO_SIZE_FACTOR,
    RELATION_MIN_FRAME_FRACTION,
    SCREEN_MARGIN_FRACTION,
    SCREEN_RELATIONS,
    VISIBLE_FRAMES,
    Sighting,
    clip_agrees,
    direction_score,
    min_screen_pixels,
    penetration_tolerance,
    pooled_colors,
    relation_holds,
    resting_pairs,
    seen,
    shown_count,
    shows_color,
    surface_height,
)
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
# the critic's own, for what no metric judges.
IN_FRAME_MIN_SHARE = 0.5
"""An instance is cut off in a frame when less than half of its (projected layout) box lies inside it;
touching the edge, or a foot or an ear past it, is not."""
AROUND_MIN_SWEEP_DEG = 200.0
"""'around': more than half a circle, which no straight pass can sweep."""
GENERIC = "generic"
"""The category of a placard: the generic asset with its noun printed on it."""


@dataclass(frozen=True)
class _Screen:
    """The frames, the image geometry and the world poses every check reads."""

    frames: list[FrameAnalysis]
    width: int
    height: int
    focal_px: float  # pixels per metre at 1 m depth
    min_area: int  # the least box area (px) that counts as seen
    K: torch.Tensor  # [3, 3]
    base_viewmat: torch.Tensor  # [4, 4] the camera at mid-clip (Layout.camera)
    viewmats: dict[float, torch.Tensor]  # frame time -> [4, 4] the camera of that frame
    camera_moves: bool
    out_of_view: frozenset[tuple[float, str]]  # (frame time, instance) a tracking camera lets leave
    poses: dict[tuple[float, str], tuple[Vec3, float]]  # (frame time, instance) -> world root and yaw
    sizes: dict[str, Vec3]  # instance -> its box extent (x facing, y up, z sideways)
    surfaces: dict[str, float]  # instance -> height above its bottom that things rest on

    def stats(self, frame: FrameAnalysis, instance: str) -> EntityFrameStats:
        return frame.entities.get(instance, NO_PIXELS)

    def seen(self, frame: FrameAnalysis, instance: str) -> bool:
        stats = self.stats(frame, instance)
        return seen(stats.bbox, stats.visible_fraction, self.min_area)

    def sighting(self, frame: FrameAnalysis, instance: str) -> Sighting:
        """A seen instance in a frame, as tools.judge's relations read it."""
        stats = self.stats(frame, instance)
        assert stats.bbox is not None and stats.depth_m is not None
        position, yaw = self.poses[frame.t, instance]
        return Sighting(
            bbox=stats.bbox,
            visible_fraction=stats.visible_fraction,
            depth_m=stats.depth_m,
            position=position,
            yaw=yaw,
            size_m=self.sizes[instance],
            surface_m=self.surfaces[instance],
        )

    def in_base_view(self, frames: list[FrameAnalysis], instance: str) -> np.ndarray:
        """Box centre x, y (px) and depth (m) [F, 3] of a seen instance, as the base camera sees them."""
        stats = [self.stats(f, instance) for f in frames]
        boxes = torch.tensor([s.bbox for s in stats], dtype=torch.float32)  # [F, 4]
        uv = (boxes[:, :2] + boxes[:, 2:]) / 2  # [F, 2]
        depth = torch.tensor([s.depth_m for s in stats], dtype=torch.float32)  # [F]
        world = torch.cat(
            [
                unproject_points(uv[k : k + 1], depth[k : k + 1], self.viewmats[f.t], self.K)
                for k, f in enumerate(frames)
            ]
        )  # [F, 3]
        base_uv, base_depth = project_points(world, self.base_viewmat, self.K)  # [F, 2], [F]
        return torch.cat([base_uv, base_depth[:, None]], dim=-1).double().numpy()

    def expected(self, frame: FrameAnalysis, instance: str) -> bool:
        """Whether the instance should be fully in this frame (see the module docstring)."""
        return (frame.t, instance) not in self.out_of_view

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
    placements = {p.entity: p for p in layout.placements}
    base_viewmat, K = camera_matrices(layout.camera, settings.width, settings.height)
    viewmats = {
        f.t: camera_matrices(
            camera_at(layout.camera, layout.camera_motion, f.t, settings.duration_s, tracks),
            settings.width,
            settings.height,
        )[0]
        for f in frames
    }
    groups = plan.group_of()
    screen = _Screen(
        frames=frames,
        width=settings.width,
        height=settings.height,
        focal_px=float(K[1, 1]),
        min_area=min_screen_pixels(settings.width, settings.height),
        K=K,
        base_viewmat=base_viewmat,
        viewmats=viewmats,
        camera_moves=layout.camera_motion.motion != "static",
        out_of_view=_left_behind(plan, layout, tracks, viewmats, K, settings),
        poses={
            (f.t, p.entity): _pose(p, tracks.get(p.entity), f.t) for f in frames for p in layout.placements
        },
        sizes={i: p.extent_m for i, p in placements.items()},
        surfaces={
            i: surface_height(groups[i].category, p.extent_m[1]) for i, p in placements.items() if i in groups
        },
    )
    entity_by_id = {entity.id: entity for entity in plan.entities}
    checks = [
        *_noun_checks(plan),
        *(_visible_check(plan, screen, entity) for entity in plan.entities),
        *(_in_frame_check(screen, placements[i], tracks.get(i), settings) for i in groups if i in placements),
        *_interpenetration_checks(plan, layout, motion, settings),
        *(_relation_check(plan, screen, relation) for relation in plan.relations),
        *(
            _motion_check(plan, screen, action, instance)
            for action in plan.actions
            if action.direction is not None
            for instance in plan.instance_ids(entity_by_id[action.entity])
        ),
        *(
            _action_check(screen, action, instance, tracks.get(instance))
            for action in plan.actions
            for instance in plan.instance_ids(entity_by_id[action.entity])
            if instance in placements
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


def _pose(placement: Placement, track: Track | None, t: float) -> tuple[Vec3, float]:
    """World root and yaw of an instance at time t: its track's, else where the layout put it."""
    return root_pose_at(track, t) if track is not None else (placement.position, placement.yaw)


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
        for t, viewmat in viewmats.items():
            if _share_in_frame(placement, tracks.get(placement.entity), t, viewmat, K, settings) < 1.0:
                leaving.add((t, placement.entity))
    return frozenset(leaving)


def _share_in_frame(
    placement: Placement,
    track: Track | None,
    t: float,
    viewmat: torch.Tensor,
    K: torch.Tensor,
    settings: RunSettings,
) -> float:
    """How much of the instance's box, posed at time t and projected, lies inside the frame: the area of
    its screen rectangle inside the image over its whole area (0 when part of it is behind the camera)."""
    position, yaw = _pose(placement, track, t)
    offset = vec3(np.subtract(position, placement.position))
    uv, depth = project_points(box_corners(placement, Keyframe(t=t, position=offset, yaw=yaw)), viewmat, K)
    if not bool((depth > 0).all()):
        return 0.0
    (x0, y0), (x1, y1) = uv.min(0).values.tolist(), uv.max(0).values.tolist()
    area = (x1 - x0) * (y1 - y0)
    inside = max(0.0, min(x1, settings.width) - max(x0, 0.0)) * max(
        0.0, min(y1, settings.height) - max(y0, 0.0)
    )
    return inside / area if area > 0 else 1.0


# ------------------------------------------------------------------------------------------------ nouns


def _noun_checks(plan: Plan) -> list[Check]:
    """One check per noun reading of the prompt (Plan.nouns), then one per placard that no noun read as a
    thing stands for. A plan without readings (scene.json before 1.6, a model's plan) has none."""
    if not plan.nouns:
        return []
    groups = plan.group_of()
    by_id = {entity.id: entity for entity in plan.entities}

    def entity_of(ref: str) -> EntitySpec | None:
        return by_id.get(ref) or groups.get(ref)

    checks = [_noun_check(plan, reading, entity_of(reading.stands_for)) for reading in plan.nouns]
    things = {
        entity.id
        for reading in plan.nouns
        if reading.noun_class == "thing" and (entity := entity_of(reading.stands_for)) is not None
    }
    for entity in plan.entities:
        if entity.category == GENERIC and entity.id not in things:
            message = (
                f"'{entity.name}' is shown as a placard (the generic asset with the word printed on it), but "
                "no noun of the prompt is read as that thing: a word the director could not read"
            )
            checks.append(_noun_failure(entity.name, plan.instance_ids(entity), message))
    return checks


def _noun_check(plan: Plan, reading: NounReading, entity: EntitySpec | None) -> Check:
    """Whether what the reading says stands for the noun is in the plan, and is not a placard."""
    noun, kind, stands = reading.noun, reading.noun_class, reading.stands_for
    ids = plan.instance_ids(entity) if entity is not None else []
    if kind == "none":
        return _noun_pass(noun, [], f"'{noun}' is no thing: nothing is built for it")
    if kind in ("thing", "material", "part") and entity is None:
        return _noun_failure(noun, [], f"'{noun}' is a {kind}, but nothing in the scene stands for it")
    if kind in ("material", "part"):
        return _noun_pass(noun, ids, f"'{noun}' is a {kind} of {stands}")
    if kind == "thing":
        assert entity is not None
        if reading.basis == "placard" or entity.category == GENERIC:
            others = ", ".join(reading.alternatives)
            message = f"'{noun}' is shown as a placard ({entity.id}): no category near it was found; " + (
                f"next-nearest readings: {others}" if others else "no other reading is near"
            )
            return _noun_failure(noun, ids, message)
        how = {
            "nearest": f"the nearest category by meaning, similarity {reading.similarity or 0:.2f}",
            "typo": f"read as '{reading.read_as}'",
        }.get(reading.basis, "its own category")
        return _noun_pass(noun, ids, f"'{noun}' is built as {entity.id} ({entity.category}: {how})")
    if kind == "setting":  # a setting read as no environment of its own ('a windy day') is the scene's
        present = stands in ("", plan.environment) or entity is not None
    else:
        present = stands in plan.effects if kind == "effect" else stands == plan.style
    if not present:
        scene = (
            f"environment {plan.environment}, effects {', '.join(plan.effects) or 'none'}, style {plan.style}"
        )
        said = f"'{stands}'" if stands else "nothing"
        message = f"'{noun}' is read as a {kind} that stands for {said}, which the scene lacks ({scene})"
        return _noun_failure(noun, ids, message)
    return _noun_pass(noun, ids, f"'{noun}' is a {kind}: {stands or plan.environment}")


def _noun_pass(noun: str, ids: list[str], message: str) -> Check:
    return Check(name=f"noun:{noun}", passed=True, score=1.0, entities=ids, message=message)


def _noun_failure(noun: str, ids: list[str], message: str) -> Check:
    return Check(
        name=f"noun:{noun}", passed=False, score=0.0, entities=ids, message=message, route="director"
    )


# ------------------------------------------------------------------------------------ visible, in_frame


def _visible_check(plan: Plan, screen: _Screen, entity: EntitySpec) -> Check:
    """The group is seen (any of its instances) in VISIBLE_FRAMES of the frames."""
    instances = plan.instance_ids(entity)
    frames = screen.frames
    fraction = sum(any(screen.seen(f, i) for i in instances) for f in frames) / len(frames)
    passed = fraction >= VISIBLE_FRAMES
    lines = []
    for instance in instances:
        hidden = [f for f in frames if not screen.seen(f, instance)]
        line = f"{instance} {len(frames) - len(hidden)}/{len(frames)}"
        # Off screen / too small and hidden behind something need different fixes: say which it was.
        if hidden:
            alone = int(np.median([screen.stats(f, instance).unoccluded_pixels for f in hidden]))
            line += f" (when not seen, it would cover a median {alone} px unoccluded)"
        lines.append(line)
    missing = [i for i in instances if sum(screen.seen(f, i) for f in frames) < VISIBLE_FRAMES * len(frames)]
    return Check(
        name="visible",
        passed=passed,
        score=fraction,
        entities=instances if passed else missing,
        message=f"{entity.id} is seen (a box of >= {screen.min_area} px, >= 30% of it showing) in "
        f"{fraction:.0%} of the frames (needs >= {VISIBLE_FRAMES:.0%}); frames seen: {', '.join(lines)}",
        route=None if passed else "layout",
    )


def _in_frame_check(
    screen: _Screen, placement: Placement, track: Track | None, settings: RunSettings
) -> Check:
    """The share of the instance's box inside each frame it should be fully in (see the module docstring)."""
    instance = placement.entity
    frames = [f for f in screen.frames if screen.expected(f, instance)]
    shares = [
        _share_in_frame(placement, track, f.t, screen.viewmats[f.t], screen.K, settings) for f in frames
    ]
    cut = [f.t for f, share in zip(frames, shares, strict=True) if share < IN_FRAME_MIN_SHARE]
    fraction = len(cut) / max(1, len(frames))
    passed = fraction <= 1 - VISIBLE_FRAMES
    least = f", least {min(shares):.0%} inside" if shares else ""
    first_cut = f", first at t={cut[0]:.2f} s" if cut else ""
    return Check(
        name="in_frame",
        passed=passed,
        score=1.0 - fraction,
        entities=[instance],
        message=f"{instance} is cut off (under {IN_FRAME_MIN_SHARE:.0%} of its box inside the frame) in "
        f"{len(cut)}/{len(frames)} frames (allowed <= {1 - VISIBLE_FRAMES:.0%}){least}{first_cut}",
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
    poses = [[_pose(placements[i], tracks.get(i), t) for i in ids] for t in times]
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
    """The relation in each frame where some subject and some object instance are seen, as the metrics
    judge it: every seen subject instance relates to every seen object instance (on, under, next_to, near:
    to at least one), in RELATION_MIN_FRAME_FRACTION of those frames."""
    entity_by_id = {entity.id: entity for entity in plan.entities}
    subjects = plan.instance_ids(entity_by_id[relation.subject])
    objects = plan.instance_ids(entity_by_id[relation.object])
    predicate = relation.predicate
    quantifier = any if predicate in ANY_OBJECT_RELATIONS | {"next_to", "near"} else all
    held, together, failing, example = 0, 0, [], ""
    for frame in screen.frames:
        seen_s = [i for i in subjects if screen.seen(frame, i)]
        seen_o = [i for i in objects if screen.seen(frame, i)]
        if not seen_s or not seen_o:
            continue
        together += 1
        wrong = []
        for subject in seen_s:
            results = [_relation_holds(predicate, screen, frame, subject, o) for o in seen_o]
            if not quantifier(ok for ok, _ in results):
                wrong.append(subject)
                example = example or f"; e.g. at t={frame.t:.2f} s " + next(d for ok, d in results if not ok)
        held += not wrong
        failing += [i for i in wrong if i not in failing]
    fraction = held / together if together else 0.0
    passed = together > 0 and fraction >= RELATION_MIN_FRAME_FRACTION
    against = "at least one" if quantifier is any else "every"
    seen_together = (
        f"holds in {held}/{together} frames where both are seen" if together else "never seen together"
    )
    return Check(
        name=f"relation:{predicate}",
        passed=passed,
        score=fraction,
        entities=subjects + objects if passed or not failing else failing + objects,
        message=f"{relation.subject} {predicate} {relation.object} (each seen {relation.subject} instance "
        f"against {against} seen {relation.object} instance, needs >= {RELATION_MIN_FRAME_FRACTION:.0%} of "
        f"the frames where both are seen): {seen_together}{example}",
        route=None if passed else "layout",
    )


def _relation_holds(
    predicate: str, screen: _Screen, frame: FrameAnalysis, subject: str, obj: str
) -> tuple[bool, str]:
    """Whether `subject predicate obj` holds in one frame where both are seen, and what was measured."""
    s, o = screen.sighting(frame, subject), screen.sighting(frame, obj)
    if predicate in SCREEN_RELATIONS:
        holds = relation_holds(predicate, s, o, screen.width, screen.height)
        detail = (
            f"{subject} box {s.bbox} at {s.depth_m:.2f} m ({1 - s.visible_fraction:.0%} hidden), bottom at "
            f"y={s.position[1]:.2f} m; {obj} box {o.bbox} at {o.depth_m:.2f} m ({1 - o.visible_fraction:.0%} "
            f"hidden), bottom at y={o.position[1]:.2f} m, top surface {o.position[1] + o.surface_m:.2f} m"
        )
        return holds, detail
    # next_to / near: the gap across and in depth, in metres, against the larger one's width.
    (sx0, _, sx1, _), (ox0, _, ox1, _) = s.bbox, o.bbox
    depth = (s.depth_m + o.depth_m) / 2
    gap_across = screen.metres(max(0, max(sx0, ox0) - min(sx1, ox1)), depth)
    gap_depth = abs(s.depth_m - o.depth_m)
    size = max(screen.metres(sx1 - sx0, s.depth_m), screen.metres(ox1 - ox0, o.depth_m))
    limit = (NEXT_TO_SIZE_FACTOR if predicate == "next_to" else NEAR_SIZE_FACTOR) * size
    detail = f"gap {gap_across:.2f} m across, {gap_depth:.2f} m in depth (limit {limit:.2f} m)"
    return max(gap_across, gap_depth) <= limit, detail


# -------------------------------------------------------------------------------------------- motion


def _motion_check(plan: Plan, screen: _Screen, action: Action, instance: str) -> Check:
    """The direction from a least-squares line through the seen box centres (or depths) over time."""
    assert action.direction is not None
    name = f"motion:{action.direction}"
    if action.direction == "around":
        return _around_check(plan, screen, action, instance)
    frames = [f for f in screen.frames if screen.seen(f, instance)]
    if len(frames) < MOTION_MIN_FRAMES:
        message = f"{instance} is seen in {len(frames)} frames; its motion cannot be measured"
        return Check(name=name, passed=False, score=0.0, entities=[instance], message=message, route="motion")
    t = np.array([f.t for f in frames])  # [F]
    score, change, needed = direction_score(
        action.direction, t, screen.in_base_view(frames, instance), screen.width, screen.height
    )
    if action.direction in ("toward", "away"):
        measured = f"depth changes {change:+.2f} m (needs {needed:+.2f} m, 10% of its mean depth)"
    else:
        axis = "x" if action.direction in ("left", "right") else "y"
        measured = f"box centre {axis} moves {change:+.0f} px (needs {needed:+.0f} px, 5% of the image)"
    message = f"{instance} {measured} over {len(frames)} seen frames"
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
        seen_targets = [i for i in targets if screen.seen(frame, i)]
        if not seen_targets or not screen.seen(frame, instance):
            continue
        subject_x, _, subject_depth = screen.in_base_view([frame], instance)[0]
        target_x, _, target_depth = np.mean(
            [screen.in_base_view([frame], i)[0] for i in seen_targets], axis=0
        )
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
        f"both are seen (needs >= {AROUND_MIN_SWEEP_DEG:.0f} deg, or seen on both sides and both in front "
        f"and behind: sides {_yes(both_sides)}, front and behind {_yes(front_and_back)})",
        route=None if passed else "motion",
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _action_check(screen: _Screen, action: Action, instance: str, track: Track | None) -> Check:
    """The instance plays the action's clip, and its world positions agree with it (tools.judge)."""
    name = f"action:{action.clip}"
    clip = track.clip if track is not None else "idle"
    times = [f.t for f in screen.frames]
    positions = np.array([screen.poses[t, instance][0] for t in times])  # [T, 3]
    agrees, line = clip_agrees(
        clip, positions, [screen.poses[t, instance][1] for t in times], screen.sizes[instance]
    )
    passed = clip == action.clip and agrees
    plays = "" if clip == action.clip else f" (the plan says {action.clip})"
    return Check(
        name=name,
        passed=passed,
        score=1.0 if passed else 0.5 if clip == action.clip else 0.0,
        entities=[instance],
        message=f"{instance} {action.verb}: {line}{plays}",
        route=None if passed else "motion",
    )


# ------------------------------------------------------------------------------------- count, color


def _count_check(plan: Plan, screen: _Screen, entity: EntitySpec) -> Check:
    """The number of the group's instances a viewer counts: the median over the frames of those seen."""
    instances = plan.instance_ids(entity)
    counts = [sum(screen.seen(f, i) for i in instances) for f in screen.frames]
    shown = shown_count(counts)
    passed = shown == entity.count
    spread = ", ".join(f"{n} in {counts.count(n)}" for n in sorted(set(counts)))
    frames = len(screen.frames)
    missing = [
        i for i in instances if sum(screen.seen(f, i) for f in screen.frames) < VISIBLE_FRAMES * frames
    ]
    message = (
        f"{entity.id}: the plan has {entity.count}; a median of {shown:g} seen per frame (counts: {spread})"
    )
    if missing:
        message += f"; seen in under {VISIBLE_FRAMES:.0%} of the frames: {', '.join(missing)}"
    return Check(
        name="count",
        passed=passed,
        score=1.0 if passed else max(0.0, 1.0 - abs(shown - entity.count) / entity.count),
        entities=instances if passed or not missing else missing,
        message=message,
        route=None if passed else "layout",
    )


def _color_check(screen: _Screen, entity: EntitySpec, instance: str) -> Check:
    """Palette colour shares over the frames where the instance is seen, weighted by its box area."""
    assert entity.color is not None
    # A colour word outside the palette (an LLM director's "teal") is judged as its nearest palette colour.
    nearest = PALETTE_NAMES[int(classify_colors(torch.tensor([entity.color.rgb]))[0])]
    wanted = entity.color.name if entity.color.name in PALETTE_NAMES else nearest
    shares = pooled_colors(
        (stats.colors, stats.bbox)
        for frame in screen.frames
        if screen.seen(frame, instance) and (stats := screen.stats(frame, instance)).bbox is not None
    )
    if not shares:
        message = f"{instance} is never seen, so its colour ({wanted}) cannot be seen"
        return Check(
            name="color", passed=False, score=0.0, entities=[instance], message=message, route="layout"
        )
    share = shares.get(wanted, 0.0)
    passed = shows_color(shares, wanted)
    shown = ", ".join(f"{fraction:.0%} {name}" for name, fraction in list(shares.items())[:4])
    largest = "share" if wanted in ACHROMATIC_NAMES else "hue"
    return Check(
        name="color",
        passed=passed,
        score=min(1.0, share / COLOR_SHARE),
        entities=[instance],
        message=f"{instance} should be {entity.color.name} ({wanted}: {share:.0%} of its pixels, needs "
        f">= {COLOR_SHARE:.0%} or the largest {largest} with >= {COLOR_MIN_DOMINANT_SHARE:.0%}); it shows "
        f"{shown}",
        route=None if passed else "assets",
    )
