"""The offline motion agent: a small motion library that turns each action into a root trajectory.

Directions are screen directions for the default camera, which looks towards -z: left is -x, right +x,
toward +z, away -z, up +y, down -y. A path is centred on the layout position (the track passes through the
placement at mid-clip), so the layout agent can reserve the space it sweeps before it places anything:
`planned_path` is the one place both agents get a trajectory from.
"""

from __future__ import annotations

import math

from torch import Tensor

from scenewright.schema import (
    PACE,
    Action,
    AssetInfo,
    Check,
    Clip,
    Direction,
    Keyframe,
    Layout,
    Motion,
    Placement,
    Plan,
    Track,
    vec3,
)
from scenewright.settings import RunSettings
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.gaussians import Gaussians, yaw_matrix
from scenewright.tools.scene.geometry import footprint_half_extents, heading_yaw
from scenewright.tools.scene.mocap import ClipPose, MocapClip, MotionLibrary

SPEED_M_S: dict[Clip, float] = {
    "walk": 1.2,
    "run": 3.0,
    "jump": 1.0,
    "hop": 0.8,
    "climb": 0.6,
    "fly": 3.0,
    "swim": 1.0,
    "roll": 1.5,
    "drive": 5.0,
}
"""Typical root speeds of the clips that travel; the other clips animate in place (climb travels up, by
`vertical_travel`)."""

LEGGED: frozenset[Clip] = frozenset({"walk", "run", "jump", "hop"})
"""Clips whose speed grows with the size of the body (a horse outruns a cat)."""

SCREEN_DIRECTIONS: dict[Direction, tuple[float, float, float]] = {
    "left": (-1.0, 0.0, 0.0),
    "right": (1.0, 0.0, 0.0),
    "toward": (0.0, 0.0, 1.0),
    "away": (0.0, 0.0, -1.0),
    "up": (0.0, 1.0, 0.0),
    "down": (0.0, -1.0, 0.0),
}

MAX_GAIN = 1.5
"""The largest travel gain motion feedback can reach; layout reserves room for paths at this gain."""
GAIN_STEP = 0.25
TRAVEL_BODY_LENGTHS = 3.0
"""Travel is capped at this many body lengths (at least MIN_TRAVEL_M) so small things stay large in frame."""
MIN_TRAVEL_M = 2.5
SPIN_TURNS_PER_S = 0.5
"""spin: turns about the vertical axis per second, in place."""
KEY_SPACING_S = 0.5
CIRCLE_STEP_RAD = math.pi / 8
HOP_PERIOD_S = 0.5
HOP_SCALE: dict[Clip, float] = {"jump": 1.0, "hop": 0.5}
"""Clips that bounce the root, one hop per HOP_PERIOD_S: their hop height as a share of `hop_height`."""
MIN_AROUND_SWEEP_RAD = 1.5 * math.pi


def action_of(plan: Plan, group_id: str) -> Action | None:
    """The group's action (the first one if the plan lists several)."""
    return next((a for a in plan.actions if a.entity == group_id), None)


def travel_direction(plan: Plan, group_id: str) -> Direction | None:
    """Where the group travels: the stated direction, else across the screen on its side of a relation.

    A mover that is left of something moves left (and the object of such a relation moves right) so the
    relation stays true the whole clip; one under or below something moves in place so that it stays there;
    jumps and hops without a direction bounce in place, a climb goes up; still clips do not travel.
    """
    action = action_of(plan, group_id)
    if action is None or (action.clip not in SPEED_M_S and action.direction != "around"):
        return None
    if action.direction is not None:
        return action.direction
    if action.clip in HOP_SCALE:
        return None
    if action.clip == "climb":
        return "up"
    if any(
        (r.subject == group_id and r.predicate in ("under", "below"))
        or (r.object == group_id and r.predicate == "above")
        for r in plan.relations
    ):
        return None
    for relation in plan.relations:
        side = {"left_of": "left", "right_of": "right"}.get(relation.predicate)
        if side is None:
            continue
        if relation.subject == group_id:
            return "left" if side == "left" else "right"
        if relation.object == group_id:
            return "right" if side == "left" else "left"
    return "right"


def circled_instance(plan: Plan, group_id: str) -> str:
    """The instance a group circles: the first instance of the group its action names."""
    action = action_of(plan, group_id)
    if action is None or action.around is None:
        raise ValueError(f"'{group_id}' circles nothing")
    target = next(e for e in plan.entities if e.id == action.around)
    return plan.instance_ids(target)[0]


def around_radius(
    subject_extent: tuple[float, float, float], target_extent: tuple[float, float, float]
) -> float:
    """A circling radius that clears both footprints whichever way either is turned."""
    return 0.5 * (
        math.hypot(subject_extent[0], subject_extent[2]) + math.hypot(target_extent[0], target_extent[2])
    )


def clip_speed(clip: Clip, extent: tuple[float, float, float]) -> float:
    """The clip's typical root speed for a body this size, m/s (legged gaits speed up with the body)."""
    speed = SPEED_M_S.get(clip, SPEED_M_S["walk"])
    if clip in LEGGED:
        speed *= math.sqrt(min(max(max(extent), 0.25), 2.25))
    return speed


def travel_distance(
    clip: Clip, extent: tuple[float, float, float], duration: float, gain: float, pace: float = 1.0
) -> float:
    """Metres covered in `duration` seconds at the clip's speed, capped at a few body lengths, times the
    pace ('slower' shows even when the cap binds) and the gain."""
    cap = max(TRAVEL_BODY_LENGTHS * max(extent), MIN_TRAVEL_M)
    return gain * pace * min(clip_speed(clip, extent) * duration, cap)


def vertical_travel(extent: tuple[float, float, float]) -> float:
    """Metres climbed or descended by an up/down mover; fixed so the path keeps its ground contact."""
    return min(4.0, max(1.5, 2.0 * extent[1]))


def hop_height(extent: tuple[float, float, float]) -> float:
    return min(0.8, max(0.15, 0.4 * extent[1]))


def motion_gain(feedback: list[Check], attempt: int) -> float:
    """Travel gain from the critic: failed motion checks stretch the paths, up to MAX_GAIN."""
    if not any(check.name.startswith("motion:") for check in feedback):
        return 1.0
    return min(MAX_GAIN, 1.0 + GAIN_STEP * max(1, attempt))


def _key_count(clip: Clip, duration: float, sweep: float) -> int:
    """Segments of the keyframe grid: a multiple of 4 so t = duration/2 is a key and a hop landing."""
    wanted = max(duration / KEY_SPACING_S, sweep / CIRCLE_STEP_RAD)
    if clip in HOP_SCALE:
        wanted = max(wanted, duration / (HOP_PERIOD_S / 2))
    return 4 * max(1, math.ceil(wanted / 4 - 1e-9))


def _support_room(placement: Placement, support: Placement, axis: int) -> float:
    """The longest travel along world axis 0 (x) or 2 (z), centred on the placement, that stays on top."""
    half_x, half_z = footprint_half_extents(placement.extent_m, placement.yaw)
    support_x, support_z = footprint_half_extents(support.extent_m, support.yaw)
    own, room = (half_x, support_x) if axis == 0 else (half_z, support_z)
    offset = abs(placement.position[axis] - support.position[axis])
    return max(0.0, 2.0 * (room - offset - own))


def _circle(placement: Placement, target: Placement, times: list[float], sweep: float) -> list[Keyframe]:
    """Keys on a circle about the target through the placement at mid-clip; yaw follows the tangent."""
    dx = placement.position[0] - target.position[0]
    dz = placement.position[2] - target.position[2]
    radius = math.hypot(dx, dz)
    phase = math.atan2(dx, dz)  # angle from +z (the camera side), increasing towards +x
    duration = times[-1]
    keys = []
    for t in times:
        angle = phase + sweep * (t / duration - 0.5)
        offset = (radius * math.sin(angle) - dx, 0.0, radius * math.cos(angle) - dz)
        keys.append(Keyframe(t=t, position=offset, yaw=angle))
    return keys


def planned_path(
    plan: Plan, placement: Placement, placements: dict[str, Placement], duration: float, gain: float
) -> list[Keyframe]:
    """One instance's root keyframes as offsets from its placement (zero at t = duration/2).

    `placements` holds at least the instance's support and circling target; only positions relative to
    the placement matter, so the layout agent can call this before it knows where the cluster goes.
    """
    clip = planned_clip(plan, placement.entity)
    distance = travel_distance(clip, placement.extent_m, duration, gain, planned_pace(plan, placement.entity))
    own = path_along(plan, placement, placements, clip, duration, distance)
    if placement.support is None:
        return own
    support = placements[placement.support]
    return ride(placement, support, own, planned_path(plan, support, placements, duration, gain))


def ride(
    placement: Placement, support: Placement, own: list[Keyframe], carried: list[Keyframe]
) -> list[Keyframe]:
    """A thing's own path (offsets from its placement) as it rides on a support that follows `carried`
    (offsets from the support's placement): a load on a truck drives with the truck, a rider on a horse
    circling a tree turns with the horse. At every key time of either path, the thing's rest offset from
    the support turns by the support's turn from its placed yaw, and moves with it."""
    own_track = Track(entity=placement.entity, clip="idle", keyframes=own)
    carried_track = Track(entity=support.entity, clip="idle", keyframes=carried)
    rest_x = placement.position[0] - support.position[0]
    rest_z = placement.position[2] - support.position[2]
    keys = []
    for t in sorted({k.t for k in own} | {k.t for k in carried}):
        (x, y, z), yaw = root_pose_at(own_track, t)
        (carried_x, carried_y, carried_z), support_yaw = root_pose_at(carried_track, t)
        turn = support_yaw - support.yaw
        c, s = math.cos(turn), math.sin(turn)  # about +y, as tools.scene.gaussians.yaw_matrix
        turned_x, turned_z = c * rest_x + s * rest_z, -s * rest_x + c * rest_z
        position = (x + carried_x + turned_x - rest_x, y + carried_y, z + carried_z + turned_z - rest_z)
        keys.append(Keyframe(t=t, position=position, yaw=yaw + turn))
    return keys


def planned_pace(plan: Plan, instance: str) -> float:
    """The speed factor the plan gives an instance's action (1 without one)."""
    action = action_of(plan, plan.group_of()[instance].id)
    return PACE[action.speed] if action is not None else 1.0


def planned_clip(plan: Plan, instance: str) -> Clip:
    """The clip the plan gives an instance's group; 'idle' when it has no action."""
    action = action_of(plan, plan.group_of()[instance].id)
    return action.clip if action is not None else "idle"


def path_along(
    plan: Plan,
    placement: Placement,
    placements: dict[str, Placement],
    clip: Clip,
    duration: float,
    distance: float,
) -> list[Keyframe]:
    """Keys over [0, duration], offsets from the placement, covering `distance` metres along the group's
    travel (a line or circle centred on the placement at mid-time), with hops when the clip jumps or hops.

    A shorter distance gives a centred piece of the same line or circle, so it stays inside the room the
    layout reserved for a longer one.
    """
    group = plan.group_of()[placement.entity]
    direction = travel_direction(plan, group.id)
    if direction == "around":
        target = placements[circled_instance(plan, group.id)]
        radius = math.dist(placement.position[::2], target.position[::2])
        if radius < 1e-6:
            raise ValueError(f"'{placement.entity}' circles '{target.entity}' but stands on its centre")
        sweep = min(math.tau, max(MIN_AROUND_SWEEP_RAD, distance / radius))
        times = _times(clip, duration, sweep)
        keys = _circle(placement, target, times, sweep)
    else:
        spin = math.tau * SPIN_TURNS_PER_S * duration if clip == "spin" else 0.0
        times = _times(clip, duration, spin)
        keys = _line(placement, placements, direction, distance, times)
        keys = [k.model_copy(update={"yaw": k.yaw + spin * k.t / duration}) for k in keys]
    if clip in HOP_SCALE:
        keys = _hops(keys, HOP_SCALE[clip] * hop_height(placement.extent_m))
    return keys


def _times(clip: Clip, duration: float, sweep: float) -> list[float]:
    count = _key_count(clip, duration, sweep)
    return [duration * k / count for k in range(count + 1)]


def _line(
    placement: Placement,
    placements: dict[str, Placement],
    direction: Direction | None,
    distance: float,
    times: list[float],
) -> list[Keyframe]:
    """Keys along a straight screen direction at constant speed; a still entity keeps its layout yaw."""
    if direction is None:
        return [Keyframe(t=t, position=(0.0, 0.0, 0.0), yaw=placement.yaw) for t in times]
    unit = SCREEN_DIRECTIONS[direction]
    if unit[1] != 0.0:
        length, yaw = vertical_travel(placement.extent_m), placement.yaw
    else:
        length, yaw = distance, heading_yaw(unit[0], unit[2])
        if placement.support is not None:
            axis = 0 if unit[0] != 0.0 else 2
            length = min(length, _support_room(placement, placements[placement.support], axis))
    duration = times[-1]
    return [
        Keyframe(t=t, position=vec3(length * (t / duration - 0.5) * u for u in unit), yaw=yaw) for t in times
    ]


def _hops(keys: list[Keyframe], height: float) -> list[Keyframe]:
    """Lift every odd key by the hop height: the grid has one key per half hop, landing on even keys."""
    return [
        k.model_copy(update={"position": (k.position[0], k.position[1] + height * (i % 2), k.position[2])})
        for i, k in enumerate(keys)
    ]


def check_placed(plan: Plan, layout: Layout) -> None:
    """Every instance of the plan needs a placement before it can move."""
    missing = sorted(set(plan.group_of()) - {p.entity for p in layout.placements})
    if missing:
        raise ValueError(f"layout places no {', '.join(missing)}")


def in_world(placement: Placement, path: list[Keyframe], sign: float = 1.0) -> list[Keyframe]:
    """Path keys (offsets from the placement) moved to the placement's position; with sign -1, world keys
    back to offsets."""
    return [
        k.model_copy(
            update={
                "position": vec3(o + sign * p for p, o in zip(placement.position, k.position, strict=True))
            }
        )
        for k in path
    ]


def carry(placements: dict[str, Placement], world: dict[str, list[Keyframe]]) -> dict[str, list[Keyframe]]:
    """World keys of every instance, each thing resting on a support carried along by the support's own
    (carried) keys: `ride` for tracks that were not built by `planned_path`."""
    carried: dict[str, list[Keyframe]] = {}

    def keys_of(entity: str) -> list[Keyframe]:
        if entity not in carried:
            placement = placements[entity]
            keys = world[entity]
            if placement.support is not None:
                support = placements[placement.support]
                own, under = in_world(placement, keys, -1.0), in_world(support, keys_of(support.entity), -1.0)
                keys = in_world(placement, ride(placement, support, own, under))
            carried[entity] = keys
        return carried[entity]

    return {entity: keys_of(entity) for entity in world}


def motion_offline(
    plan: Plan,
    layout: Layout,
    assets: dict[str, AssetInfo],
    settings: RunSettings,
    feedback: list[Check],
    attempt: int,
) -> Motion:
    """One track per placed instance: its clip and its planned path moved to the layout position."""
    check_placed(plan, layout)
    gain = motion_gain(feedback, attempt)
    placements = {p.entity: p for p in layout.placements}
    tracks = []
    for placement in layout.placements:
        path = planned_path(plan, placement, placements, settings.duration_s, gain)
        tracks.append(
            Track(
                entity=placement.entity,
                clip=planned_clip(plan, placement.entity),
                keyframes=in_world(placement, path),
            )
        )
    return Motion(tracks=tracks)


MOCAP_KEYS_PER_S = 12
"""Keys per second of a track that follows a capture's root: a jump's arc needs more than KEY_SPACING_S."""


def mocap_keyframes(
    placement: Placement,
    clip: MocapClip,
    start_s: float,
    scale: float,
    direction: Direction | None,
    duration: float,
) -> list[Keyframe]:
    """The root keyframes of `clip` from `start_s` on, played by an instance `scale` metres per asset unit and
    passing its placement at mid-clip: turned so that its travel over the clip heads `direction` (a screen
    direction) when it has one, else so that it starts facing the placement's yaw."""
    count = max(1, round(duration * MOCAP_KEYS_PER_S))
    times = [duration * k / count for k in range(count + 1)]
    poses = [clip.sample(start_s + t) for t in times]
    start = poses[0]
    back = yaw_matrix(-start.yaw)  # [3, 3] the capture's heading at start_s -> its first frame's

    def moved_by(pose: ClipPose) -> Tensor:  # [3] asset units from the start, in the start's heading
        return back @ (pose.offset - start.offset)

    moved = [moved_by(pose) for pose in poses]
    yaw = placement.yaw
    unit = SCREEN_DIRECTIONS.get(direction) if direction is not None else None
    net = moved[-1]
    if unit is not None and unit[1] == 0.0:
        yaw = heading_yaw(unit[0], unit[2])
        if math.hypot(float(net[0]), float(net[2])) > 1e-3:
            yaw -= heading_yaw(float(net[0]), float(net[2]))
    turn = yaw_matrix(yaw)  # [3, 3]
    middle = turn @ moved_by(clip.sample(start_s + duration / 2)) * scale  # [3] at mid-clip, from the start
    keys = []
    for t, pose, offset in zip(times, poses, moved, strict=True):
        ground = turn @ offset * scale - middle  # [3]
        position = (
            placement.position[0] + float(ground[0]),
            placement.position[1] + scale * float(pose.offset[1]),
            placement.position[2] + float(ground[2]),
        )
        keys.append(Keyframe(t=t, position=position, yaw=yaw + pose.yaw - start.yaw))
    return keys


def with_mocap(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    library: MotionLibrary,
    assets: dict[str, Gaussians],
    duration: float,
) -> tuple[Motion, list[str]]:
    """Tracks of the people whose action a clip of `library` matches (by the action's sub-prompt, as C3V
    retrieves motions), driven by that clip: its joints, and its root turned and placed by
    `mocap_keyframes`; with one note per decision and one per unusable clip the library skipped. People on
    a support, circling, or without an action keep their tracks. `assets` holds each instance's Gaussians
    (the clip is retargeted to its own rig)."""
    placements = {p.entity: p for p in layout.placements}
    groups = plan.group_of()
    tracks, notes = [], []
    for track in motion.tracks:
        group, placement, asset = groups[track.entity], placements[track.entity], assets[track.entity]
        action = action_of(plan, group.id)
        if (
            asset.rig != "biped"
            or action is None
            or placement.support is not None
            or action.direction == "around"
        ):
            tracks.append(track)
            continue
        text = action.description or f"{group.name} {action.verb}"
        retrieved = library.retrieve_clip(text, asset)
        if retrieved is None:
            notes.append(f"{track.entity}: no motion capture matches '{text}'; the {track.clip} clip plays")
            tracks.append(track)
            continue
        found, clip = retrieved
        entry = library.clip(found.name)
        start = clip.busiest_start(duration)
        scale = placement.extent_m[1] / asset.extent()[1]
        direction = travel_direction(plan, group.id) or "right"  # a capture that travels crosses the screen
        keys = mocap_keyframes(placement, clip, start, scale, direction, duration)
        tracks.append(
            track.model_copy(update={"keyframes": keys, "mocap": found.name, "mocap_start_s": start})
        )
        notes.append(
            f"{track.entity}: motion capture {found.name} ('{entry.label}', score {found.score:.2f}) "
            f"from {start:.1f} s"
        )
    return Motion(tracks=tracks), [*notes, *(f"motion capture skipped {line}" for line in library.skipped)]
