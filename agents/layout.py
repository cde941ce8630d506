"""The offline layout agent: a deterministic constraint solver for sizes, places, yaws and the camera.

Relations that fix one group to another (on, under a table, above for fliers, circling) make rigid
clusters. Each cluster reserves the box its members sweep over the clip (`agents.motion.planned_path`, the
same paths the motion agent animates), so trajectories cannot collide either. Left/right/next-to become
difference constraints on cluster x, in front/behind on cluster z, solved as longest paths; clusters that
still overlap are pushed apart along x until none does. Finally the camera (its pose at mid-clip, moved by
the plan's camera motion through tools.scene.camera.camera_at) backs off along its viewing direction until
every
box corner, at every sampled time of every path, projects inside the frame of the camera at that time.

A layout model (agents.layout_llm) can pass `Hints`: a preferred spot, a bounded size factor and a ground
path per instance. Clusters then start where the hints put them instead of at zero and move only as far as a
relation, a separation or the room of a path pushes them; every other rule holds as without hints, and each
hinted instance moved by more than HINT_TOLERANCE_M is noted with the constraint that moved it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

import torch

from scenewright.agents.motion import (
    MAX_GAIN,
    around_radius,
    planned_path,
    travel_direction,
)
from scenewright.schema import (
    AssetInfo,
    CameraPose,
    CameraSpec,
    Check,
    EntitySpec,
    Keyframe,
    Layout,
    Placement,
    Plan,
    RelationPredicate,
    Track,
    vec3,
)
from scenewright.settings import RunSettings
from scenewright.tools.scene.camera import (
    camera_at,
    camera_matrices,
    describe_motion,
    intrinsics,
    project_points,
)
from scenewright.tools.scene.catalog import CATEGORIES, FACING_VIEWER, Category
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import box_corners, footprint_half_extents, heading_yaw
from scenewright.tools.scene.rigs import HEADROOM

SEPARATION_M = 0.3
"""Clear space between the swept footprints of things no relation ties together."""
GAP_M: dict[RelationPredicate, float] = {
    "left_of": 0.4,
    "right_of": 0.4,
    "in_front_of": 0.4,
    "behind": 0.4,
    "next_to": 0.15,
    "near": 0.3,
    "above": 0.4,
    "below": 0.15,
    "under": 0.15,
    "on": 0.15,
}
"""The clear gap each relation leaves: sideways, in depth, or vertically for hovering above."""

DEPTH_GAP_WIDTH_FRACTION = 0.1
"""In front / behind also leaves a tenth of the wider one's swept width: a wide scene puts the camera far
away, where a fixed gap no longer shows as a difference in depth."""
FRONT_OFFSET = 0.5
"""A front/back pair is offset in x by this fraction of their mean width so neither hides the other."""
ROW_MAX = 5
MIN_FIT_SCALE, FIT_MARGIN = 0.3, 0.98  # things sharing a support shrink at most to 30% to fit its top
SUPPORT_GAP_FRACTION = 0.25
CRUISE_ALTITUDE_M = 1.5
FRAME_MARGIN = 0.08
"""Fraction of the half frame kept clear at each border."""
NEAR_M = 0.3
PERSON_TURN_RAD = 0.35
TRACK_MAX_BACKOFF = 1.25
"""A tracking camera backs off at most this much farther to keep the others in frame (see frame_camera)."""
ELEVATION_STEP_DEG = 8.0
MAX_ELEVATION_DEG = 60.0
TOP_VIEW_ELEVATION_DEG = 40.0
"""Things resting on another are seen from at least this elevation: at the default 12° the camera's eye is
below a dinner table's top, and a plate or a notebook under what rests on it shows as a sliver."""
HINT_TOLERANCE_M = 0.1
"""A hinted instance placed farther than this from its hint gets a note saying why."""
SCALE_BAND = (0.8, 1.25)
"""The factor a hint may put on an instance's real-world size (the director's sizes stay the reference)."""

AttachKind = Literal["on", "beneath", "above", "around"]


@dataclass(frozen=True)
class Knobs:
    """How hard the solver separates and frames; the critic's feedback raises them."""

    separation_m: float
    gap_m: dict[RelationPredicate, float]
    front_offset: float
    frame_margin: float
    elevation_deg: float


@dataclass(frozen=True)
class Attachment:
    kind: AttachKind
    parent: str


@dataclass(frozen=True)
class Order:
    """Group `high` lies at larger x (or z) than group `low` with a clear gap; `flexible` allows swapping."""

    axis: Literal["x", "z"]
    low: str
    high: str
    gap: float
    flexible: bool = False


@dataclass
class Box:
    """An axis-aligned box [3] + [3] in some frame."""

    lo: list[float]
    hi: list[float]

    def shifted(self, x: float, z: float) -> Box:
        return Box([self.lo[0] + x, self.lo[1], self.lo[2] + z], [self.hi[0] + x, self.hi[1], self.hi[2] + z])

    def union(self, other: Box) -> Box:
        lo = [min(a, b) for a, b in zip(self.lo, other.lo, strict=True)]
        return Box(lo, [max(a, b) for a, b in zip(self.hi, other.hi, strict=True)])

    def centre(self, axis: int) -> float:
        return 0.5 * (self.lo[axis] + self.hi[axis])


class Edge(NamedTuple):
    """A difference constraint p[high] - p[low] >= gap, and the rule it enforces (for notes)."""

    low: int
    high: int
    gap: float
    why: str


@dataclass(frozen=True)
class Hints:
    """Where a layout model wants each instance (instance id -> value); anything left out is the solver's."""

    ground: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Preferred world (x, z) at mid-clip."""
    scale: dict[str, float] = field(default_factory=dict)
    """Factor on the real-world size, within SCALE_BAND."""
    paths: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    """A mover's ground path: (dx, dz) offsets from its mid-clip position, evenly spaced in time from the
    start to the end of the clip (`model_path_keys`). The solver reserves room for it and for the planned
    path alike, so the motion agent may follow either."""

    def __post_init__(self) -> None:
        low, high = SCALE_BAND
        for iid, factor in self.scale.items():
            if not low <= factor <= high:
                raise ValueError(f"size hint for {iid} is {factor:g}×; allowed {low:g}× to {high:g}×")
        for iid, offsets in self.paths.items():
            if len(offsets) < 2:
                raise ValueError(f"path hint for {iid} has {len(offsets)} point(s); it needs at least 2")

    def check(self, plan: Plan) -> None:
        unknown = sorted(({*self.ground} | {*self.scale} | {*self.paths}) - set(plan.group_of()))
        if unknown:
            raise ValueError(f"hints name instance(s) the plan does not have: {', '.join(unknown)}")


def model_path_keys(offsets: Sequence[tuple[float, float]], duration: float) -> list[Keyframe]:
    """A hinted ground path as keyframes, evenly spaced in time over the clip, each facing its segment."""
    last = len(offsets) - 1
    keys = []
    for k, (dx, dz) in enumerate(offsets):
        (ax, az), (bx, bz) = offsets[min(k, last - 1)], offsets[min(k, last - 1) + 1]
        keys.append(
            Keyframe(t=duration * k / last, position=(dx, 0.0, dz), yaw=heading_yaw(bx - ax, bz - az))
        )
    return keys


def layout_offline(
    plan: Plan,
    assets: dict[str, AssetInfo],
    settings: RunSettings,
    feedback: list[Check],
    attempt: int,
    hints: Hints | None = None,
) -> Layout:
    """Place every instance at real size, make every relation true, and frame the whole clip.

    With `hints` (a layout model's proposal) the solver starts from them; see the module docstring.
    """
    if hints is not None:
        hints.check(plan)
    knobs = _knobs(plan, feedback, attempt)
    notes = _feedback_notes(feedback, knobs)
    extents = _extents(plan, assets, hints, notes)
    attachments, orders = _rules(plan, knobs, notes)
    knobs = _top_view(plan, attachments, knobs, notes)
    local = _arrange(plan, attachments, orders, extents, knobs, settings.duration_s, hints, notes)
    roots = {g.id: _root(g.id, attachments) for g in plan.entities}
    offsets = _solve(plan, local, roots, orders, knobs, settings.duration_s, hints, notes)
    placements = _finalise(plan, local, roots, offsets, settings.duration_s)
    camera = frame_camera(plan, placements, settings, knobs, notes, hints)
    distance = math.dist(camera.position, camera.look_at)
    looks_at = f"{plan.camera.target}" if plan.camera.motion == "track" else "the scene centre"
    notes.append(
        f"Camera {distance:.1f} m from {looks_at} at mid-clip, {knobs.elevation_deg:.0f}° elevation, "
        f"{describe_motion(plan.camera)}: frames every entity over the whole clip under the camera motion "
        f"with a border of {knobs.frame_margin:.0%} of the frame."
    )
    return Layout(placements=placements, camera=camera, camera_motion=plan.camera, notes=notes)


# -------------------------------------------------------------------------------------- knobs, sizes


def _knobs(plan: Plan, feedback: list[Check], attempt: int) -> Knobs:
    """Base knobs, each raised with the attempt number when a check it can fix failed last round."""
    level = max(1, attempt)
    failed = {check.name for check in feedback}
    crowded = 1.0 + 0.5 * level if failed & {"visible", "count"} else 1.0
    touching = 1.0 + level if "no_interpenetration" in failed else 1.0
    gaps = {p: g * crowded * (1.0 + level if f"relation:{p}" in failed else 1.0) for p, g in GAP_M.items()}
    depth_failed = failed & {"relation:in_front_of", "relation:behind"}
    return Knobs(
        separation_m=SEPARATION_M * crowded * touching,
        gap_m=gaps,
        front_offset=FRONT_OFFSET * crowded * (1.0 + 0.5 * level if depth_failed else 1.0),
        frame_margin=FRAME_MARGIN + (0.06 * level if "in_frame" in failed else 0.0),
        elevation_deg=min(
            MAX_ELEVATION_DEG,
            plan.camera.elevation_deg + (ELEVATION_STEP_DEG * level if crowded > 1.0 else 0.0),
        ),
    )


def _top_view(plan: Plan, attachments: dict[str, Attachment], knobs: Knobs, notes: list[str]) -> Knobs:
    """Raise the camera to TOP_VIEW_ELEVATION_DEG when something rests on another thing, unless the prompt
    asked for a view lower than the default (a low angle, eye level), which is kept."""
    asked_low = plan.camera.elevation_deg < CameraSpec.model_fields["elevation_deg"].default
    supports = sorted({a.parent for a in attachments.values() if a.kind == "on"})
    if not supports or asked_low or knobs.elevation_deg >= TOP_VIEW_ELEVATION_DEG:
        return knobs
    notes.append(
        f"Camera raised to {TOP_VIEW_ELEVATION_DEG:.0f}° elevation so the top of {', '.join(supports)} and "
        "what rests on it show."
    )
    return replace(knobs, elevation_deg=TOP_VIEW_ELEVATION_DEG)


def _feedback_notes(feedback: list[Check], knobs: Knobs) -> list[str]:
    if not feedback:
        return []
    names = ", ".join(sorted({check.name for check in feedback}))
    return [
        f"Reacting to failed checks ({names}): separation {knobs.separation_m:.2f} m, frame border "
        f"{knobs.frame_margin:.0%}, camera elevation {knobs.elevation_deg:.0f}°."
    ]


def _extents(
    plan: Plan, assets: dict[str, AssetInfo], hints: Hints | None, notes: list[str]
) -> dict[str, tuple[float, float, float]]:
    """Real-world extent of every instance: the built asset (at its catalog prior) times the size words
    (and the hinted size factor)."""
    groups = plan.group_of()
    missing = sorted(set(groups) - set(assets))
    if missing:
        raise ValueError(f"no asset for instance(s) {', '.join(missing)}")
    factors = {} if hints is None else hints.scale
    extents = {}
    for iid, group in groups.items():
        x, y, z = (side * group.size_scale * factors.get(iid, 1.0) for side in assets[iid].extent_m)
        extents[iid] = (x, y, z)
    for group in plan.entities:
        x, y, z = extents[plan.instance_ids(group)[0]]
        notes.append(f"{group.id}: {x:.2f} × {y:.2f} × {z:.2f} m (length × height × width).")
    return extents


def _category(group: EntitySpec) -> Category:
    return CATEGORIES.get(group.category, CATEGORIES["generic"])


def _flies(plan: Plan, group: EntitySpec) -> bool:
    return _category(group).flies or any(a.entity == group.id and a.clip == "fly" for a in plan.actions)


# --------------------------------------------------------------------------------------------- rules


def _rules(plan: Plan, knobs: Knobs, notes: list[str]) -> tuple[dict[str, Attachment], list[Order]]:
    """Relations and circling actions as attachments (rigid) and orders (along x or z)."""
    groups = {g.id: g for g in plan.entities}
    attachments: dict[str, Attachment] = {}
    orders: list[Order] = []

    def attach(child: str, kind: AttachKind, parent: str, said: str) -> None:
        if child in attachments or _root(parent, attachments) == child:
            notes.append(f"Ignored '{said}': {child} is already placed relative to another entity.")
            return
        attachments[child] = Attachment(kind, parent)

    for action in plan.actions:
        if action.around is not None:
            attach(
                action.entity,
                "around",
                action.around,
                f"{action.entity} {action.verb} around {action.around}",
            )
    for relation in plan.relations:
        s, p, o = relation.subject, relation.predicate, relation.object
        said, gap = f"{s} {p} {o}", knobs.gap_m[p]
        if p in ("left_of", "right_of"):
            orders.append(Order("x", s, o, gap) if p == "left_of" else Order("x", o, s, gap))
        elif p in ("in_front_of", "behind"):
            orders.append(Order("z", o, s, gap) if p == "in_front_of" else Order("z", s, o, gap))
        elif p in ("next_to", "near"):
            orders.append(Order("x", o, s, gap, flexible=True))
        elif p == "on" or (p == "above" and not _flies(plan, groups[s])):
            attach(s, "on", o, said)
        elif p == "above":
            attach(s, "above", o, said)
        elif _category(groups[o]).surface_height_m is not None:
            attach(s, "beneath", o, said)
        elif _flies(plan, groups[o]):
            attach(o, "above", s, said)
        else:  # nothing to creep beneath and nothing airborne: raise the object over the subject
            attach(o, "above", s, said)
            notes.append(f"Raised {o} above {s} for '{said}': {o} has no underside to fit beneath.")
    return attachments, orders


def _root(group_id: str, attachments: dict[str, Attachment]) -> str:
    while group_id in attachments:
        group_id = attachments[group_id].parent
    return group_id


# ------------------------------------------------------------------------------------------ arrange


def _arrange(
    plan: Plan,
    attachments: dict[str, Attachment],
    orders: list[Order],
    extents: dict[str, tuple[float, float, float]],
    knobs: Knobs,
    duration: float,
    hints: Hints | None,
    notes: list[str],
) -> dict[str, Placement]:
    """Placements relative to each cluster's root (root group centred at the origin), parents first."""
    groups = {g.id: g for g in plan.entities}
    slots = _slots(plan, attachments, orders, hints)
    _fit_on_supports(slots, extents, knobs.gap_m["next_to"], notes)
    cruise = max(
        [CRUISE_ALTITUDE_M]
        + [0.6 * extents[plan.instance_ids(g)[0]][1] for g in plan.entities if not _flies(plan, g)]
    )
    local: dict[str, Placement] = {}
    for group_id in _parents_first(plan, attachments):
        group = groups[group_id]
        attachment = attachments.get(group_id)
        for iid in plan.instance_ids(group):
            x, z, base, support = _spot(plan, iid, attachment, slots, local, extents, knobs, cruise)
            draft = Placement(
                entity=iid,
                position=(x, 0.0, z),
                yaw=_rest_yaw(group, 0.0),
                extent_m=extents[iid],
                support=support,
            )
            path = planned_path(plan, draft, local, duration, MAX_GAIN)
            lowest = min(k.position[1] for k in path)
            local[iid] = draft.model_copy(update={"position": (x, base - lowest, z)})
        notes.append(_arrangement_note(group, attachment, local[plan.instance_ids(group)[0]], plan, duration))
    return local


def _parents_first(plan: Plan, attachments: dict[str, Attachment]) -> list[str]:
    order: list[str] = []
    while len(order) < len(plan.entities):
        order += [
            g.id
            for g in plan.entities
            if g.id not in order and (g.id not in attachments or attachments[g.id].parent in order)
        ]
    return order


def _slots(
    plan: Plan, attachments: dict[str, Attachment], orders: list[Order], hints: Hints | None
) -> dict[tuple[str, str], list[str]]:
    """Instances sharing a parent instance and a kind (or the ground rows of a root group), left to right.

    A child group's instances are dealt round its parent's instances ("two cats on two chairs": one each;
    "five kittens on three chairs": two, two and one). Siblings keep their left/right relations by x rank.
    A root group's row follows its hints left to right.
    """
    rank = _x_rank(plan, orders)
    groups = {g.id: g for g in plan.entities}
    slots: dict[tuple[str, str], list[str]] = {}
    for group in sorted(plan.entities, key=lambda g: rank[g.id]):
        attachment = attachments.get(group.id)
        if attachment is None:
            row = plan.instance_ids(group)
            if hints is not None:
                row.sort(key=lambda iid: hints.ground.get(iid, (0.0, 0.0))[0])
            slots[(group.id, "ground")] = row
            continue
        parents = plan.instance_ids(groups[attachment.parent])
        for k, iid in enumerate(plan.instance_ids(group)):
            slots.setdefault((parents[k % len(parents)], attachment.kind), []).append(iid)
    return slots


def _fit_on_supports(
    slots: dict[tuple[str, str], list[str]],
    extents: dict[str, tuple[float, float, float]],
    gap: float,
    notes: list[str],
) -> None:
    """Several things on one support shrink together, down to MIN_FIT_SCALE, until their grid fits its top:
    nine fruit on a dinner table, not a heap over its edges whose back rows nobody sees. One thing on a
    support keeps its size (a cat on a chair may overhang it)."""
    for (parent, kind), members in slots.items():
        if kind != "on" or len(members) < 2:
            continue
        length, _, depth = extents[parent]
        diagonal = max(math.hypot(extents[m][0], extents[m][2]) for m in members)
        spacing = _support_gap(members, extents, gap)
        cell = max(  # the widest grid cell that fits, over the number of rows (odd rows shift half a cell)
            min(
                (length + spacing) / (math.ceil(len(members) / rows) + (0.5 if rows > 1 else 0.0)),
                (depth + spacing) / rows,
            )
            for rows in range(1, len(members) + 1)
        )
        scale = max(MIN_FIT_SCALE, FIT_MARGIN * (cell - spacing) / diagonal)
        if scale < 1.0:
            for member in members:
                extents[member] = (
                    extents[member][0] * scale,
                    extents[member][1] * scale,
                    extents[member][2] * scale,
                )
            notes.append(f"Shrank {', '.join(members)} ×{scale:.2f} to fit side by side on {parent}.")


def _support_gap(members: list[str], extents: dict[str, tuple[float, float, float]], gap: float) -> float:
    """The gap between things side by side on a support: the relation's, or less for small things (apples
    on a table stand a few centimetres apart, not fifteen)."""
    return min(gap, SUPPORT_GAP_FRACTION * max(math.hypot(extents[m][0], extents[m][2]) for m in members))


def _x_rank(plan: Plan, orders: list[Order]) -> dict[str, int]:
    """Each group's position in a left-to-right order consistent with the (acyclic part of the) x orders."""
    rank = {g.id: 0 for g in plan.entities}
    for _ in plan.entities:
        for order in orders:
            if order.axis == "x" and not order.flexible:
                rank[order.high] = min(len(rank), max(rank[order.high], rank[order.low] + 1))
    return rank


def _spot(
    plan: Plan,
    iid: str,
    attachment: Attachment | None,
    slots: dict[tuple[str, str], list[str]],
    local: dict[str, Placement],
    extents: dict[str, tuple[float, float, float]],
    knobs: Knobs,
    cruise: float,
) -> tuple[float, float, float, str | None]:
    """Cluster-local (x, z), the height the path's lowest point rests at, and the support instance."""
    group = plan.group_of()[iid]
    flying = _flies(plan, group) and travel_direction(plan, group.id) not in ("up", "down")
    if attachment is None:
        members = slots[(group.id, "ground")]
        x, z = _grid_offset(members, iid, extents, knobs.separation_m, None)
        return x, z, cruise if flying else 0.0, None
    parent_group = next(g for g in plan.entities if g.id == attachment.parent)
    parent_iid = next(p for (p, kind), ids in slots.items() if kind == attachment.kind and iid in ids)
    parent = local[parent_iid]
    top = parent.position[1] + _surface(parent_group, parent.extent_m[1])
    if attachment.kind == "around":
        members = slots[(parent_iid, "around")]
        radius = _circle_radius(members, extents, parent.extent_m, knobs.separation_m)
        angle = math.tau * members.index(iid) / len(members)
        x, z = parent.position[0] + radius * math.sin(angle), parent.position[2] + radius * math.cos(angle)
        return x, z, cruise if flying else parent.position[1], None
    members = slots[(parent_iid, attachment.kind)]
    width = None if attachment.kind == "above" else 2 * footprint_half_extents(parent.extent_m, parent.yaw)[0]
    gap = (
        knobs.gap_m["next_to"]
        if attachment.kind == "above"
        else _support_gap(members, extents, knobs.gap_m["next_to"])
    )
    dx, dz = _grid_offset(members, iid, extents, gap, width)
    x, z = parent.position[0] + dx, parent.position[2] + dz
    if attachment.kind == "on":
        return x, z, top, parent_iid
    if attachment.kind == "beneath":
        return x, z, parent.position[1], None
    return x, z, parent.position[1] + parent.extent_m[1] + knobs.gap_m["above"], None


def _circle_radius(
    members: list[str],
    extents: dict[str, tuple[float, float, float]],
    target_extent: tuple[float, float, float],
    separation: float,
) -> float:
    """One radius for everything circling a target: clear of the target for the widest member, and wide
    enough that neighbours spaced evenly round it (a chord of 2·r·sin(π/n)) do not touch however turned."""
    clear = max(around_radius(extents[m], target_extent) for m in members) + separation
    if len(members) < 2:
        return clear
    cell = max(math.hypot(extents[m][0], extents[m][2]) for m in members) + separation
    return max(clear, cell / (2 * math.sin(math.pi / len(members))))


def _surface(group: EntitySpec, height: float) -> float:
    """Height of the top things stand on, above the base: a seat or table top, else the full `height`."""
    surface = _category(group).surface_height_m
    return height if surface is None else surface * group.size_scale


def _grid_offset(
    members: list[str],
    iid: str,
    extents: dict[str, tuple[float, float, float]],
    gap: float,
    width: float | None,
) -> tuple[float, float]:
    """Offset of one member in a centred grid of rows along x, extra rows behind (staggered by half a cell).

    Cells fit any yaw (the footprint diagonal). Rows hold up to ROW_MAX members, or as many as `width` fits.
    """
    cell = max(math.hypot(extents[m][0], extents[m][2]) for m in members) + gap
    fits = ROW_MAX if width is None else max(1, int((width + gap) // cell))
    rows = math.ceil(len(members) / fits)
    per_row = math.ceil(len(members) / rows)
    row, column = divmod(members.index(iid), per_row)
    in_row = min(per_row, len(members) - row * per_row)
    stagger = 0.5 * cell if row % 2 else 0.0
    return (column - 0.5 * (in_row - 1)) * cell + stagger, (0.5 * (rows - 1) - row) * cell


def _rest_yaw(group: EntitySpec, x: float) -> float:
    """Yaw of a still entity: animals and vehicles in profile facing the scene centre, people turned to us,
    things known by their front (FACING_VIEWER) facing us."""
    rig = _category(group).rig
    faces_right = x <= 0.0
    if rig == "biped":
        return -0.5 * math.pi + (PERSON_TURN_RAD if faces_right else -PERSON_TURN_RAD)
    if rig in ("quadruped", "bird", "wheeled"):
        return 0.0 if faces_right else math.pi
    if group.category in FACING_VIEWER:
        return -0.5 * math.pi  # its front (+x) to the camera (+z)
    return 0.0


def _arrangement_note(
    group: EntitySpec, attachment: Attachment | None, first: Placement, plan: Plan, duration: float
) -> str:
    height = first.position[1]
    if attachment is None:
        where = "on the ground" if height == 0.0 else f"{height:.2f} m up"
    else:
        where = {
            "on": f"on {attachment.parent} at {height:.2f} m",
            "beneath": f"beneath {attachment.parent}",
            "above": f"{height:.2f} m up, above {attachment.parent}",
            "around": f"on a circle around {attachment.parent}",
        }[attachment.kind]
    count = f"{group.count} × " if group.count > 1 else ""
    direction = travel_direction(plan, group.id)
    travel = f", reserving room for its path ({direction}, {duration:g} s)" if direction else ""
    return f"Put {count}{group.id} {where}{travel}."


# --------------------------------------------------------------------------------------------- solve


def swept_box(placement: Placement, path: list[Keyframe]) -> Box:
    """The box a placement's footprint (turned by each key's yaw) and height sweep along its path."""
    boxes = []
    for key in path:
        half_x, half_z = footprint_half_extents(placement.extent_m, key.yaw)
        x, y, z = (p + o for p, o in zip(placement.position, key.position, strict=True))
        boxes.append(Box([x - half_x, y, z - half_z], [x + half_x, y + placement.extent_m[1], z + half_z]))
    return _union(boxes)


def _solve(
    plan: Plan,
    local: dict[str, Placement],
    roots: dict[str, str],
    orders: list[Order],
    knobs: Knobs,
    duration: float,
    hints: Hints | None,
    notes: list[str],
) -> dict[str, tuple[float, float]]:
    """World (x, z) of every cluster root: relations first, then overlaps pushed apart along x.

    Without hints each group of related clusters is solved from zero and the groups are lined up; with
    hints every cluster starts where its hints put it and a choice of side follows the hints.
    """
    clusters = list(dict.fromkeys(roots[g.id] for g in plan.entities))
    index = {root: i for i, root in enumerate(clusters)}
    groups = plan.group_of()
    swept: dict[int, list[Box]] = {i: [] for i in range(len(clusters))}
    for iid, placement in local.items():
        boxes = swept[index[roots[groups[iid].id]]]
        boxes.append(swept_box(placement, planned_path(plan, placement, local, duration, MAX_GAIN)))
        if hints is not None and iid in hints.paths:
            boxes.append(swept_box(placement, model_path_keys(hints.paths[iid], duration)))
    cluster_boxes = [_union(swept[i]) for i in range(len(clusters))]
    start = None if hints is None else _starts(plan, clusters, local, roots, hints)
    edges_x: list[Edge] = []
    edges_z: list[Edge] = []
    gaps: dict[tuple[int, int], float] = {}
    for order in orders:
        a, b = index[roots[order.low]], index[roots[order.high]]
        said = f"{order.low} {'left of' if order.axis == 'x' else 'behind'} {order.high}"
        if a == b:
            notes.append(f"'{said}' is settled inside one rigid group; kept the group's own arrangement.")
            continue
        gaps[(min(a, b), max(a, b))] = min(order.gap, gaps.get((min(a, b), max(a, b)), order.gap))
        if order.axis == "z":
            _depth_order(a, b, order.gap, cluster_boxes, edges_x, edges_z, knobs, notes, said, start)
            continue
        if order.flexible and start is not None and start[b][0] < start[a][0]:
            a, b = b, a  # the side the hints chose
        if not _add_side(edges_x, a, b, order.gap, cluster_boxes, order.flexible, f"'{said}'"):
            notes.append(f"Ignored '{said}': it contradicts the other relations.")
    if start is None:
        solved = _components(
            len(clusters), edges_x, edges_z, gaps, cluster_boxes, knobs.separation_m, clusters
        )
        return {root: solved[index[root]] for root in clusters}
    assert hints is not None  # start comes from the hints
    xs, zs = [s[0] for s in start], [s[1] for s in start]
    z = _longest(len(clusters), edges_z, zs)
    x = _separate(range(len(clusters)), edges_x, z, gaps, cluster_boxes, knobs.separation_m, clusters, xs)
    positions = {root: (x[i], z[i]) for i, root in enumerate(clusters)}
    pushed = {
        root: _why_moved(edges_x, x, xs, i) + _why_moved(edges_z, z, zs, i) for i, root in enumerate(clusters)
    }
    starts = dict(zip(clusters, start, strict=True))
    notes += _hint_notes(plan, hints, local, roots, starts, positions, pushed)
    return positions


def _starts(
    plan: Plan, clusters: list[str], local: dict[str, Placement], roots: dict[str, str], hints: Hints
) -> list[tuple[float, float]]:
    """Each cluster's (x, z) offset that puts its hinted instances nearest their hints (the mean offset);
    a cluster without hints starts at the origin."""
    groups = plan.group_of()
    wanted: dict[str, list[tuple[float, float]]] = {root: [] for root in clusters}
    for iid, (x, z) in hints.ground.items():
        wanted[roots[groups[iid].id]].append((x - local[iid].position[0], z - local[iid].position[2]))
    return [
        (sum(o[0] for o in offsets) / len(offsets), sum(o[1] for o in offsets) / len(offsets))
        if offsets
        else (0.0, 0.0)
        for offsets in (wanted[root] for root in clusters)
    ]


def _why_moved(edges: list[Edge], positions: list[float], start: list[float], node: int) -> list[str]:
    """The rule that holds a node beyond its start: a tight constraint into it ([] if it did not move)."""
    if positions[node] - start[node] < 1e-6:
        return []
    tight = (
        e.why for e in edges if e.high == node and abs(positions[e.low] + e.gap - positions[node]) < 1e-6
    )
    return [next(tight)]


def _hint_notes(
    plan: Plan,
    hints: Hints,
    local: dict[str, Placement],
    roots: dict[str, str],
    start: dict[str, tuple[float, float]],
    positions: dict[str, tuple[float, float]],
    pushed: dict[str, list[str]],
) -> list[str]:
    """A note for every hinted instance that ended more than HINT_TOLERANCE_M from its hint, and why."""
    groups = plan.group_of()
    notes = []
    for iid, hint in hints.ground.items():
        group, root = groups[iid], roots[groups[iid].id]
        x, _, z = local[iid].position
        placed = (x + positions[root][0], z + positions[root][1])
        distance = math.dist(placed, hint)
        if distance <= HINT_TOLERANCE_M:
            continue
        reasons = list(pushed[root])
        if math.dist((x + start[root][0], z + start[root][1]), hint) > 1e-6:
            kept = (
                f"its place relative to {root}" if root != group.id else f"its place in the row of {group.id}"
            )
            reasons.append(f"keeping {kept}")
        notes.append(
            f"Moved {iid} {distance:.2f} m from where the layout model put it, for {'; '.join(reasons)}."
        )
    return notes


def _add_side(
    edges: list[Edge], a: int, b: int, gap: float, boxes: list[Box], flexible: bool, why: str
) -> bool:
    """Cluster b's box right of a's by `gap` (or, when flexible and that contradicts, a right of b)."""
    if _add(edges, a, b, boxes[a].hi[0] - boxes[b].lo[0] + gap, why):
        return True
    return flexible and _add(edges, b, a, boxes[b].hi[0] - boxes[a].lo[0] + gap, why)


def _depth_order(
    a: int,
    b: int,
    gap: float,
    boxes: list[Box],
    edges_x: list[Edge],
    edges_z: list[Edge],
    knobs: Knobs,
    notes: list[str],
    said: str,
    start: list[tuple[float, float]] | None,
) -> None:
    """b in front of a (larger z) with a clear gap, and offset sideways so neither hides the other (b to the
    right unless the hints put it left)."""
    widest = max(boxes[i].hi[0] - boxes[i].lo[0] for i in (a, b))
    gap = max(gap, DEPTH_GAP_WIDTH_FRACTION * widest)
    if not _add(edges_z, a, b, boxes[a].hi[2] - boxes[b].lo[2] + gap, f"'{said}'"):
        notes.append(f"Ignored '{said}': it contradicts the other relations.")
        return
    offset = knobs.front_offset * 0.5 * (boxes[a].hi[0] - boxes[a].lo[0] + boxes[b].hi[0] - boxes[b].lo[0])
    sides = [(a, b), (b, a)]
    if start is not None and start[b][0] < start[a][0]:
        sides.reverse()
    why = f"the sideways offset of '{said}'"
    if not any(_add(edges_x, i, j, offset + boxes[i].centre(0) - boxes[j].centre(0), why) for i, j in sides):
        notes.append(f"'{said}': no room for a sideways offset; the front one may hide the back one.")


def _add(edges: list[Edge], i: int, j: int, d: float, why: str) -> bool:
    """Add p[j] - p[i] >= d unless it closes a cycle (a contradiction); say whether it was added."""
    if _reaches(edges, j, i):
        return False
    edges.append(Edge(i, j, d, why))
    return True


def _reaches(edges: list[Edge], start: int, goal: int) -> bool:
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for edge in edges:
            if edge.low == node and edge.high not in seen:
                seen.add(edge.high)
                todo.append(edge.high)
    return False


def _longest(count: int, edges: list[Edge], start: list[float] | None = None) -> list[float]:
    """The smallest positions at or above `start` (zero by default) that satisfy an acyclic set of
    difference constraints."""
    positions = [0.0] * count if start is None else list(start)
    for _ in range(count):
        for i, j, d, _why in edges:
            positions[j] = max(positions[j], positions[i] + d)
    return positions


def _components(
    count: int,
    edges_x: list[Edge],
    edges_z: list[Edge],
    gaps: dict[tuple[int, int], float],
    boxes: list[Box],
    separation: float,
    names: list[str],
) -> list[tuple[float, float]]:
    """Solve each group of related clusters, then line the groups up left to right, centred on the origin."""
    component = list(range(count))
    for i, j, _, _ in edges_x + edges_z:
        old, new = component[j], component[i]
        component = [new if c == old else c for c in component]
    z = _longest(count, edges_z)
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * count
    cursor = 0.0
    for label in dict.fromkeys(component):
        members = [i for i in range(count) if component[i] == label]
        x = _separate(members, edges_x, z, gaps, boxes, separation, names)
        extent = _union([boxes[i].shifted(x[i], z[i]) for i in members])
        shift_x, shift_z = cursor - extent.lo[0], -extent.centre(2)
        for i in members:
            placed[i] = (x[i] + shift_x, z[i] + shift_z)
        cursor += extent.hi[0] - extent.lo[0] + separation
    whole = _union([boxes[i].shifted(*placed[i]) for i in range(count)])
    return [(px - whole.centre(0), pz - whole.centre(2)) for px, pz in placed]


def _separate(
    members: Sequence[int],
    edges_x: list[Edge],
    z: list[float],
    gaps: dict[tuple[int, int], float],
    boxes: list[Box],
    separation: float,
    names: list[str],
    start: list[float] | None = None,
) -> list[float]:
    """x positions (from `start`, zero by default) after pushing every overlapping pair of members apart
    (the left one stays left).

    Each pair gets at most one new constraint and constraints only push right, so this ends.
    """
    count = len(boxes)
    while True:
        x = _longest(count, edges_x, start)
        world = [boxes[i].shifted(x[i], z[i]) for i in range(count)]
        pair = next(
            (
                (i, j)
                for n, i in enumerate(members)
                for j in members[n + 1 :]
                if _overlap(world[i], world[j], gaps.get((i, j), separation))
            ),
            None,
        )
        if pair is None:
            return x
        a, b = sorted(pair, key=lambda i: (world[i].centre(0), i))
        gap = gaps.get(pair, separation)
        why = f"keeping {names[a]} and {names[b]} apart"
        if not (
            _add(edges_x, a, b, boxes[a].hi[0] - boxes[b].lo[0] + gap, why)
            or _add(edges_x, b, a, boxes[b].hi[0] - boxes[a].lo[0] + gap, why)
        ):
            raise ValueError("layout constraints leave two entities overlapping with no way to separate them")


def _overlap(a: Box, b: Box, margin: float) -> bool:
    """Whether two boxes come closer than `margin` in x and z while sharing some height."""
    eps = 1e-6
    return (
        a.lo[0] < b.hi[0] + margin - eps
        and b.lo[0] < a.hi[0] + margin - eps
        and a.lo[2] < b.hi[2] + margin - eps
        and b.lo[2] < a.hi[2] + margin - eps
        and a.lo[1] < b.hi[1]
        and b.lo[1] < a.hi[1]
    )


def _union(boxes: list[Box]) -> Box:
    whole = boxes[0]
    for box in boxes[1:]:
        whole = whole.union(box)
    return whole


def _finalise(
    plan: Plan,
    local: dict[str, Placement],
    roots: dict[str, str],
    offsets: dict[str, tuple[float, float]],
    duration: float,
) -> list[Placement]:
    """World placements; still entities get their rest yaw, movers the yaw of their path at mid-clip."""
    groups = plan.group_of()
    moved = {}
    for iid, placement in local.items():
        ox, oz = offsets[roots[groups[iid].id]]
        x, y, z = placement.position
        moved[iid] = placement.model_copy(update={"position": (x + ox, y, z + oz)})
    placements = []
    for iid, group in groups.items():
        placement = moved[iid]
        if travel_direction(plan, group.id) in (None, "up", "down"):
            yaw = _rest_yaw(group, placement.position[0])
        else:
            path = planned_path(plan, placement, moved, duration, 1.0)
            yaw = path[len(path) // 2].yaw
        placements.append(placement.model_copy(update={"yaw": yaw}))
    return placements


# -------------------------------------------------------------------------------------------- camera


def frame_camera(
    plan: Plan,
    placements: list[Placement],
    settings: RunSettings,
    knobs: Knobs,
    notes: list[str],
    hints: Hints | None = None,
) -> CameraPose:
    """The base camera (the camera at mid-clip) at +z, pitched down by the elevation, backed off until every
    box stays in frame over the whole clip under the plan's camera motion.

    Boxes and cameras are sampled together (`_samples`): each box at a time is projected with the camera
    of that time (tools.scene.camera.camera_at), so an orbit frames the union from every angle, a dolly in
    fits
    at its closest, a pan or tilt at both ends. The look-at point is moved (three rounds) so the projected
    content is centred in the base view; a tracking camera keeps its target's centre in the middle of the
    screen across and only centres the content up and down (a tall tree beside a small dog would
    otherwise push the camera far back). The distance is then bisected exactly: backing off shrinks every
    projection. A tracking camera that would need more than TRACK_MAX_BACKOFF times the distance that
    frames its target over the clip and the others at mid-clip takes that distance instead: the others
    may then leave the frame as the target moves away from them, and a note says so. A hinted path is
    framed along with the planned one.
    """
    spec = plan.camera
    placements = [_with_headroom(plan, p) for p in placements]
    by_id = {p.entity: p for p in placements}
    paths = {
        p.entity: Track(
            entity=p.entity,
            clip="idle",
            keyframes=planned_path(plan, p, by_id, settings.duration_s, MAX_GAIN),
        )
        for p in placements
    }  # offsets from the placements: camera_at only reads a track's displacement
    sweeps = [(p, paths[p.entity]) for p in placements]
    for iid, offsets in ({} if hints is None else hints.paths).items():
        keys = model_path_keys(offsets, settings.duration_s)
        sweeps.append((by_id[iid], Track(entity=iid, clip="idle", keyframes=keys)))
    samples = _samples(sweeps, spec, settings)
    elevation = math.radians(knobs.elevation_deg)
    back = torch.tensor([0.0, math.sin(elevation), math.cos(elevation)])  # [3] from target to camera

    def fit(target: torch.Tensor, samples: Samples) -> CameraPose:
        return _pose(
            target, back, _fit_distance(samples, paths, target, back, spec, settings, knobs), spec.fov_deg
        )

    corners = torch.cat([group.flatten(0, 1) for _, group in samples])  # [S * N, 3]
    target = 0.5 * (corners.min(0).values + corners.max(0).values)  # [3]
    across = 1.0  # how much of the screen-x offset the centring removes
    followed: list[str] = []
    if spec.motion == "track":
        assert spec.target is not None  # CameraSpec guarantees it
        followed = plan.instance_ids(next(g for g in plan.entities if g.id == spec.target))
        middle = 0.5 * settings.duration_s
        centres = [box_corners(by_id[i], _key_at(paths[i], middle)).mean(0) for i in followed]  # [3] each
        target, across = torch.stack(centres).mean(0), 0.0  # [3]; centred across, free up and down
    for _ in range(3):
        pose = fit(target, samples)
        viewmat, K = camera_matrices(pose, settings.width, settings.height)
        uv, _ = project_points(corners, viewmat, K)  # [N, 2]
        shift = 0.5 * (uv.min(0).values + uv.max(0).values) - K[:2, 2]  # [2] pixels off centre
        depth = math.dist(pose.position, pose.look_at)
        target = target + depth / K[0, 0] * (across * shift[0] * viewmat[0, :3] + shift[1] * viewmat[1, :3])
    pose = fit(target, samples)
    if not followed:
        return pose
    others = [p.entity for p in placements if p.entity not in followed]
    middle_corners = torch.cat(
        [box_corners(p, _key_at(paths[p.entity], middle)) for p in placements]
    )  # [N, 3]
    target_over_clip = _samples([s for s in sweeps if s[0].entity in followed], spec, settings)
    close = fit(target, [*target_over_clip, ([middle], middle_corners[None])])
    backoff = math.dist(pose.position, pose.look_at) / math.dist(close.position, close.look_at)
    if backoff <= TRACK_MAX_BACKOFF:
        return pose
    notes.append(
        f"The tracking camera keeps {spec.target} centred; {', '.join(others)} may leave the frame as "
        f"{spec.target} moves away (keeping them in frame would put the camera {backoff:.1f}× farther back)."
    )
    return close


def _with_headroom(plan: Plan, placement: Placement) -> Placement:
    """The placement as the camera frames it: as tall as its clip's pose reaches
    (`tools.scene.rigs.HEADROOM`, a
    waving hand above the head), where that is above its standing height."""
    group = plan.group_of()[placement.entity].id
    factor = max((HEADROOM.get(a.clip, 1.0) for a in plan.actions if a.entity == group), default=1.0)
    if factor <= 1.0:
        return placement
    length, height, width = placement.extent_m
    return placement.model_copy(update={"extent_m": (length, factor * height, width)})


Samples = list[tuple[list[float], torch.Tensor]]
"""Groups of (sample times [S], world box corners [S, N, 3] at each time) that must all be in frame."""


def _samples(sweeps: list[tuple[Placement, Track]], spec: CameraSpec, settings: RunSettings) -> Samples:
    """Every box moved along its path at every frame and path key time (one group).

    A static camera sees every time at once: one sample (at mid-clip) with every key's box.
    """
    if spec.motion == "static":
        corners = [box_corners(p, key) for p, path in sweeps for key in path.keyframes]
        return [([0.5 * settings.duration_s], torch.cat(corners)[None])]
    times = sorted({*settings.frame_times(), *(k.t for _, path in sweeps for k in path.keyframes)})
    corners = [torch.cat([box_corners(p, _key_at(path, t)) for p, path in sweeps]) for t in times]
    return [(times, torch.stack(corners))]


def _key_at(path: Track, t: float) -> Keyframe:
    position, yaw = root_pose_at(path, t)
    return Keyframe(t=t, position=position, yaw=yaw)


def _pose(target: torch.Tensor, back: torch.Tensor, distance: float, fov: float) -> CameraPose:
    position = target + distance * back
    return CameraPose(position=vec3(position.tolist()), look_at=vec3(target.tolist()), fov_deg=fov)


def _fit_distance(
    samples: Samples,
    paths: dict[str, Track],
    target: torch.Tensor,
    back: torch.Tensor,
    spec: CameraSpec,
    settings: RunSettings,
    knobs: Knobs,
) -> float:
    """The smallest base distance (to 1 mm) at which, at every sampled time, every corner is inside the
    bordered frame of the camera at that time.

    camera_at moves the camera affinely in the base distance d and turns it independently of d (an orbit
    or dolly scales the offset, a pan or tilt turns about the eye, a track adds a shift), so two distances
    give every sample's rotation and eye(d) = eye(1) + (d - 1) (eye(2) - eye(1)); the search is then
    plain tensor arithmetic.
    """
    K = intrinsics(spec.fov_deg, settings.width, settings.height)  # [3, 3]
    half = (1.0 - knobs.frame_margin) * K[:2, 2]  # [2]
    groups = []
    for times, corners in samples:
        poses = [
            [
                camera_at(_pose(target, back, d, spec.fov_deg), spec, t, settings.duration_s, paths)
                for t in times
            ]
            for d in (1.0, 2.0)
        ]
        viewmats = torch.stack(
            [camera_matrices(pose, settings.width, settings.height)[0] for pose in poses[0]]
        )
        eye_1, eye_2 = (torch.tensor([pose.position for pose in row]) for row in poses)  # [S, 3] each
        groups.append(
            (viewmats[:, :3, :3], eye_1, eye_2 - eye_1, corners)
        )  # [S, 3, 3], [S, 3], [S, 3], [S, N, 3]

    def fits(distance: float) -> bool:
        for rotations, eye_1, step, corners in groups:
            eye = eye_1 + (distance - 1.0) * step  # [S, 3]
            cam = torch.einsum("sij,snj->sni", rotations, corners - eye[:, None])  # [S, N, 3]
            depth = cam[..., 2]  # [S, N]
            uv = cam[..., :2] / depth.clamp_min(1e-6)[..., None] * K[[0, 1], [0, 1]]  # [S, N, 2] from centre
            if not (depth.min() > NEAR_M and (uv.abs() <= half).all()):
                return False
        return True

    low, high = 0.0, 1.0
    while not fits(high):
        low, high = high, 2.0 * high
        if high > 1e5:
            raise ValueError("cannot frame the scene: it is too large for the field of view")
    while high - low > 1e-3:
        middle = 0.5 * (low + high)
        low, high = (low, middle) if fits(middle) else (middle, high)
    return high
