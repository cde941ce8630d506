"""The motion agent's LLM path: the model picks each entity's clip and when its action happens.

The paths stay the offline library's (`agents.motion.path_along`): the line or circle the layout reserved
room for, travelled between the model's start and end seconds at the clip's speed (times the model's pace),
never farther than the reserved path, and held still before and after. A ground route the layout model
proposed (`Layout.paths`, world metres in time order; the solver reserves room for it too) replaces a
straight line where it goes the action's way; otherwise the line stays and the usage log says why. An
answer can therefore only choose among safe motions; `convert` refuses clips the entity's rig cannot play
or the prompt contradicts, and action windows outside the clip or too short to be seen.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from scenewright.agents.layout import Box, model_path_keys, swept_box
from scenewright.agents.llm import AgentLLM
from scenewright.agents.motion import (
    MAX_GAIN,
    SCREEN_DIRECTIONS,
    action_of,
    carry,
    check_placed,
    in_world,
    motion_gain,
    path_along,
    planned_clip,
    planned_pace,
    planned_path,
    travel_direction,
    travel_distance,
)
from scenewright.schema import (
    PACE,
    AssetInfo,
    Check,
    Clip,
    Direction,
    EntitySpec,
    Keyframe,
    Layout,
    Motion,
    Placement,
    Plan,
    Speed,
    Track,
    Vec3,
)
from scenewright.settings import RunSettings
from scenewright.tools.scene.catalog import CATEGORIES, Rig
from scenewright.tools.scene.geometry import footprint_half_extents, heading_yaw

MIN_ACTION_S = 1.0
MIN_ACTION_FRACTION = 0.25
"""An action lasts at least MIN_ACTION_S and this fraction of the clip (at most the whole clip): a shorter
one reads as a jump cut."""


RIG_CLIPS: dict[Rig, frozenset[Clip]] = {
    "biped": frozenset({"idle", "sit", "walk", "run", "jump", "hop", "swim", "spin", "wave", "climb"}),
    "quadruped": frozenset({"idle", "sit", "walk", "run", "jump", "hop", "swim", "spin", "wave", "climb"}),
    "bird": frozenset({"idle", "sit", "walk", "jump", "hop", "fly", "swim", "spin", "wave"}),
    "fish": frozenset({"idle", "swim", "spin"}),
    "wheeled": frozenset({"idle", "drive", "spin"}),
    "ball": frozenset({"idle", "roll", "jump", "spin"}),
    "static": frozenset({"idle", "spin"}),
}
"""Clips each rig can play; the plan's own clip is allowed besides (the director chose it: a boat swims)."""

CLIP_FAMILIES: tuple[frozenset[Clip], ...] = (frozenset({"idle", "sit"}), frozenset({"walk", "run"}))
"""Clips that may stand in for each other without contradicting the prompt (one gait for another, one rest
for another); any other clip must be the plan's, whose path the layout reserved room for."""

ROUTE_DIRECTIONS: frozenset[Direction] = frozenset({"left", "right", "toward", "away"})
"""Travel that may follow the layout model's route; vertical and circling paths keep the planned shape."""
ROUTE_MAX_TURN_RAD = math.pi / 4
"""A route's start-to-end heading may differ this much from the action's direction."""
ROUTE_MIN_SHARE = 0.5
"""A route must cover at least this share of the planned travel in the action's direction."""
ROOM_TOLERANCE_M = 0.05
"""How far a followed route's footprint may poke out of its reserved room (a turning body's corners), well
inside the clear space the layout keeps between entities (agents.layout.SEPARATION_M)."""


# ------------------------------------------------------------------------------------------- answer


class ClipChoice(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    entity: str = Field(description="An entity id from the list (all its instances), or one instance id.")
    clip: Clip = Field(description="One of the clips listed for this entity.")
    start_s: float = Field(description="Second the action starts, 0 to the duration; still before it.")
    end_s: float = Field(description="Second the action ends, after start_s; still after it.")
    speed: Speed = Field(default="normal", description="How fast it moves while it acts.")


class MotionAnswer(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    motions: list[ClipChoice] = Field(description="One item for each entity id.")


@dataclass(frozen=True)
class Timing:
    """One instance's clip and action window as the model chose them."""

    clip: Clip
    start: float
    end: float
    pace: float


# ---------------------------------------------------------------------------------------------- agent


def motion_llm(
    plan: Plan, layout: Layout, assets: dict[str, AssetInfo], settings: RunSettings, feedback: list[Check],
    attempt: int, llm: AgentLLM,
) -> Motion | None:  # fmt: skip
    """Ask for clips and timing, then animate them inside the room the layout reserved.

    None when the model gave no usable answer (the graph then runs motion_offline).
    """
    check_placed(plan, layout)
    duration = settings.duration_s
    timings = llm.ask(
        MotionAnswer,
        convert=lambda answer: timings_of(plan, answer, duration),
        variables=prompt_variables(plan, duration, feedback),
    )
    if timings is None:
        return None
    gain = motion_gain(feedback, attempt)
    placements = {p.entity: p for p in layout.placements}
    keys = {
        p.entity: held(
            _window_path(plan, layout, p, placements, timings[p.entity], duration, gain, llm),
            timings[p.entity],
            duration,
        )
        for p in layout.placements
    }
    carried = carry(placements, keys)
    return Motion(tracks=[Track(entity=e, clip=timings[e].clip, keyframes=carried[e]) for e in keys])


def prompt_variables(plan: Plan, duration: float, feedback: list[Check]) -> dict[str, str]:
    return {
        "prompt": plan.prompt,
        "duration": f"{duration:g}",
        "minimum": f"{min_window(duration):g}",
        "entities": "\n".join(_entity_line(plan, group) for group in plan.entities),
        "feedback": "\n".join(f"- {check.name}: {check.message}" for check in feedback) or "none",
    }


def _entity_line(plan: Plan, group: EntitySpec) -> str:
    """'- dog (dog): runs left ("runs to the left"); clips: run, walk'."""
    ids = plan.instance_ids(group)
    instances = f", {len(ids)} instances: {', '.join(ids)}" if len(ids) > 1 else ""
    action = action_of(plan, group.id)
    said = _said(plan, group)
    if action is not None and action.description:
        said += f' ("{action.description}")'
    clips = ", ".join(allowed_clips(plan, group))
    return f"- {group.id} ({group.category}{instances}): {said}; clips: {clips}"


def _said(plan: Plan, group: EntitySpec) -> str:
    action = action_of(plan, group.id)
    if action is None:
        return "no action"
    if action.around is not None:
        return f"{action.verb} around {action.around}"
    return " ".join([action.verb, *([action.direction] if action.direction else [])])


# ------------------------------------------------------------------------------------------ convert


def min_window(duration: float) -> float:
    return min(duration, max(MIN_ACTION_S, MIN_ACTION_FRACTION * duration))


def rig_of(group: EntitySpec) -> Rig:
    return CATEGORIES.get(group.category, CATEGORIES["generic"]).rig


def allowed_clips(plan: Plan, group: EntitySpec) -> list[Clip]:
    """The plan's clip first, then the clips of its family the rig can play."""
    planned = planned_clip(plan, plan.instance_ids(group)[0])
    family = next((f for f in CLIP_FAMILIES if planned in f), frozenset())
    return [planned, *sorted((family & RIG_CLIPS[rig_of(group)]) - {planned})]


def timings_of(plan: Plan, answer: MotionAnswer, duration: float) -> dict[str, Timing]:
    """Every instance's timing: its own item, else its group's. Raises ValueError naming the item at fault."""
    groups = {g.id: g for g in plan.entities}
    instances = plan.group_of()
    names = ", ".join(groups)
    chosen: dict[str, Timing] = {}
    for index, item in enumerate(answer.motions):
        group = groups.get(item.entity) or instances.get(item.entity)
        if group is None:
            raise ValueError(f"motions[{index}].entity: unknown id '{item.entity}'; use one of {names}")
        if item.entity in chosen:
            raise ValueError(
                f"motions[{index}].entity: '{item.entity}' appears twice; give one item per entity"
            )
        chosen[item.entity] = _timing(plan, group, item, f"motions[{index}]", duration)
    missing = [
        g.id
        for g in plan.entities
        if g.id not in chosen and not all(i in chosen for i in plan.instance_ids(g))
    ]
    if missing:
        raise ValueError(f"motions: no item for {', '.join(missing)}; give one item for each of {names}")
    return {iid: chosen.get(iid) or chosen[group.id] for iid, group in instances.items()}


def _timing(plan: Plan, group: EntitySpec, item: ClipChoice, where: str, duration: float) -> Timing:
    allowed = allowed_clips(plan, group)
    if item.clip not in allowed:
        rig, use = rig_of(group), " or ".join(allowed)
        if item.clip not in RIG_CLIPS[rig]:
            raise ValueError(
                f"{where}.clip: {group.id} is a {group.category} ({rig} rig) and cannot {item.clip}; "
                f"use {use}"
            )
        raise ValueError(
            f"{where}.clip: '{item.clip}' contradicts the prompt, where {group.id} {_said(plan, group)}; "
            f"use {use}"
        )
    if not 0.0 <= item.start_s < item.end_s <= duration:
        raise ValueError(
            f"{where}: start_s {item.start_s:g} and end_s {item.end_s:g} must satisfy "
            f"0 <= start_s < end_s <= {duration:g} (the clip's length in seconds)"
        )
    shortest = min_window(duration)
    if item.end_s - item.start_s < shortest - 1e-9:
        raise ValueError(
            f"{where}: {item.entity} acts for {item.end_s - item.start_s:g} s; an action must last at least "
            f"{shortest:g} s to be seen"
        )
    return Timing(item.clip, item.start_s, item.end_s, PACE[item.speed])


# -------------------------------------------------------------------------------------------- paths


def _window_path(
    plan: Plan,
    layout: Layout,
    placement: Placement,
    placements: dict[str, Placement],
    timing: Timing,
    duration: float,
    gain: float,
    llm: AgentLLM,
) -> list[Keyframe]:
    """World keys over [0, end - start]: the reserved line or circle, or the layout model's route on it.

    The travel is the chosen clip's at the chosen pace over the window, capped like the offline path and
    never longer than the path the layout reserved room for (the plan's clip at MAX_GAIN over the clip).
    """
    window = timing.end - timing.start
    clip, pace = planned_clip(plan, placement.entity), planned_pace(plan, placement.entity)
    longest = travel_distance(clip, placement.extent_m, duration, MAX_GAIN, pace)
    distance = min(travel_distance(timing.clip, placement.extent_m, window, gain, timing.pace), longest)
    keys = in_world(placement, path_along(plan, placement, placements, timing.clip, window, distance))
    route = layout.paths.get(placement.entity)
    if route is None:
        return keys
    direction = travel_direction(plan, plan.group_of()[placement.entity].id)
    try:
        moved = follow_route(route, keys, direction)
        check_inside(placement, moved, reserved_room(plan, placement, placements, duration, route))
    except ValueError as reason:
        _note(
            llm, f"{placement.entity}: ignored the layout model's path ({reason}); followed the planned path"
        )
        return keys
    return moved


def follow_route(route: list[Vec3], keys: list[Keyframe], direction: Direction | None) -> list[Keyframe]:
    """The keys moved onto the layout model's ground route: same times and heights, positions at even steps
    of arc length along the route's middle stretch (no longer than the keys' own travel), each facing the
    next (as C3V turns its entities).

    Raises ValueError saying why the route cannot be followed: the travel is not straight along the
    ground, or the route does not go the action's way far enough.
    """
    if direction is None or direction not in ROUTE_DIRECTIONS:
        raise ValueError(
            f"it travels {direction or 'nowhere'}; only travel left, right, toward or away follows one"
        )
    travel = math.dist(keys[0].position[::2], keys[-1].position[::2])
    if travel < 1e-6:
        raise ValueError("the planned path has no room to travel")
    points = [p for k, p in enumerate(route) if k == 0 or math.dist(p[::2], route[k - 1][::2]) > 1e-6]
    if len(points) < 2:
        raise ValueError("it has fewer than two distinct ground points")
    unit = SCREEN_DIRECTIONS[direction]
    net_x, net_z = points[-1][0] - points[0][0], points[-1][2] - points[0][2]
    along = net_x * unit[0] + net_z * unit[2]
    if along < math.cos(ROUTE_MAX_TURN_RAD) * math.hypot(net_x, net_z):
        turn = math.degrees(math.acos(max(-1.0, along / math.hypot(net_x, net_z))))
        raise ValueError(f"it heads {turn:.0f}° away from '{direction}'")
    if along < ROUTE_MIN_SHARE * travel:
        raise ValueError(f"it goes {along:.2f} m {direction}, less than half the planned {travel:.2f} m")
    lengths = [0.0, *itertools.accumulate(math.dist(a[::2], b[::2]) for a, b in itertools.pairwise(points))]
    stretch = min(lengths[-1], travel)
    first, last = 0.5 * (lengths[-1] - stretch), len(keys) - 1
    spots = [_point_at(points, lengths, first + stretch * k / last) for k in range(last + 1)]
    moved = []
    for k, key in enumerate(keys):
        (ax, az), (bx, bz) = spots[min(k, last - 1)], spots[min(k, last - 1) + 1]
        x, z = spots[k]
        moved.append(Keyframe(t=key.t, position=(x, key.position[1], z), yaw=heading_yaw(bx - ax, bz - az)))
    return moved


def reserved_room(
    plan: Plan, placement: Placement, placements: dict[str, Placement], duration: float, route: list[Vec3]
) -> Box:
    """The box the layout kept clear for an instance with a route: the swept boxes of its planned path at
    MAX_GAIN and of the route (the solver reserves both: agents.layout.Hints.paths)."""
    planned = swept_box(placement, planned_path(plan, placement, placements, duration, MAX_GAIN))
    offsets = [(x - placement.position[0], z - placement.position[2]) for x, _, z in route]
    return planned.union(swept_box(placement, model_path_keys(offsets, duration)))


def check_inside(placement: Placement, keys: list[Keyframe], room: Box) -> None:
    """Raise ValueError when the footprint at some key pokes out of the room by more than the tolerance."""
    excess = max(_outside(placement, key, room) for key in keys)
    if excess > ROOM_TOLERANCE_M:
        raise ValueError(f"it leaves the room the layout reserved by {excess:.2f} m")


def _point_at(points: list[Vec3], lengths: list[float], s: float) -> tuple[float, float]:
    """The ground point (x, z) at arc length s along the route."""
    k = min(max(bisect.bisect_right(lengths, s), 1), len(points) - 1)
    a, b = points[k - 1], points[k]
    w = min(1.0, max(0.0, (s - lengths[k - 1]) / (lengths[k] - lengths[k - 1])))
    return a[0] + w * (b[0] - a[0]), a[2] + w * (b[2] - a[2])


def _outside(placement: Placement, key: Keyframe, room: Box) -> float:
    """How far (metres) the footprint at a key pokes out of the room in x or z; <= 0 when inside."""
    half_x, half_z = footprint_half_extents(placement.extent_m, key.yaw)
    x, _, z = key.position
    return max(
        room.lo[0] - (x - half_x), x + half_x - room.hi[0], room.lo[2] - (z - half_z), z + half_z - room.hi[2]
    )


def held(keys: list[Keyframe], timing: Timing, duration: float) -> list[Keyframe]:
    """Evenly spaced keys over the window moved to [start, end], with still keys at 0 and at the duration."""
    last = len(keys) - 1
    timed = [
        key.model_copy(update={"t": timing.start * (1 - k / last) + timing.end * (k / last)})
        for k, key in enumerate(keys)
    ]
    before = [timed[0].model_copy(update={"t": 0.0})] if timing.start > 0.0 else []
    after = [timed[-1].model_copy(update={"t": duration})] if timing.end < duration else []
    return [*before, *timed, *after]


def _note(llm: AgentLLM, line: str) -> None:
    """Record a decision in the agent's usage log, which reaches the run's events and report.md."""
    llm.usage = llm.usage.model_copy(update={"log": [*llm.usage.log, line]})
    llm.on_event(line)
