"""Rigs: the joints each kind of body drives, how every clip moves them, and the posing that chains them.

An asset carries its rig's name (`Gaussians.rig`) and its parts' hierarchy (`Gaussians.part_parents`). A clip
is a function of the `ClipState` (time, ground covered, the root's height within a hop, whether the body sits
on something) that sets each part's local transform by name: a rotation about the part's own pivot, then a
translation, both in its parent's posed frame. `forward_kinematics` chains them root to leaf. A clip also
names the parts that carry the body (the planted feet, the seat); `pose_at` lifts or lowers the whole body so
that their lowest point rests where it rests standing (the seat: at the root, a chair's top when the layout
set the body on one), which is what lowers the hips when the knees bend.

Legged gaits are paced by the ground covered, not by time: a planted foot moves backwards under the hips at
exactly the root's speed, so it stays put in the world at any speed, and the legs rest while the root holds
still. Travelling clips cross-fade to idle (rotations by quaternion slerp) over `BLEND_S` when the root stops
and back when it starts.

Frame and signs (the asset frame, in the asset's own units): facing +x, y up, left side -z. A positive turn
about +z swings a limb forward; a negative one leans the body forward.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import Tensor

from scenewright.schema import Clip
from scenewright.tools.scene.gaussians import (
    Gaussians,
    axis_angle_matrix,
    quat_multiply,
    quat_to_rotmat,
    rotmat_to_quat,
)
from scenewright.tools.scene.parts import Rig

Axis = tuple[float, float, float]
SIDEWAYS: Axis = (0.0, 0.0, 1.0)  # legs swing, bodies pitch and wheels spin about z
FACING: Axis = (1.0, 0.0, 0.0)  # arms and wings raise about x
UP: Axis = (0.0, 1.0, 0.0)  # heads and tails turn about y


BLEND_S = 0.3
"""Seconds a travelling clip takes to fade into idle when the root stops, and back when it starts."""

TRAVELLING: frozenset[Clip] = frozenset({"walk", "run", "swim", "climb", "jump", "hop", "roll"})
"""Clips that play only while the root moves: with the root still, the body stands idle. (fly hovers, drive
and roll spin their wheels by the ground covered, so they stop by themselves; sit, wave, idle and spin play in
place.)"""

HEADROOM: dict[Clip, float] = {"wave": 1.15, "climb": 1.6, "sit": 1.05, "drive": 1.05, "fly": 1.2}
"""How high a clip's pose reaches, as a share of the standing height, where it reaches higher: a waving hand
above the head (a person's reaches 1.13), a climbing animal reared up (a dog's 1.58), a sitting dog's raised
head (1.04), a bird's wings at the top of a beat (1.19). The layout frames that height (tests/test_rigs.py
checks every rig stays under it; a bird giving a wave raises one wing to 1.44, which is not framed)."""


# -------------------------------------------------------------------------------------- the rigs as data


@dataclass(frozen=True)
class RigSpec:
    """The joints a rig drives. `root` turns the whole body; each of `legs` (an upper part, and a lower one
    where the asset has it, e.g. a biped's shin) carries the body; `lower` names the part below a joint."""

    root: str | None
    legs: tuple[str, ...] = ()
    lower: tuple[tuple[str, str], ...] = ()


RIGS: dict[Rig, RigSpec] = {
    "biped": RigSpec(
        "torso",
        ("leg_l", "leg_r"),
        (("leg_l", "shin_l"), ("leg_r", "shin_r"), ("arm_l", "forearm_l"), ("arm_r", "forearm_r")),
    ),
    "quadruped": RigSpec("body", ("leg_fl", "leg_fr", "leg_bl", "leg_br")),
    "bird": RigSpec("body"),
    "fish": RigSpec("body"),
    "wheeled": RigSpec("body"),
    "ball": RigSpec("ball"),
    "static": RigSpec(None),
}


@dataclass(frozen=True)
class Gait:
    """A legged gait. Each foot is planted for `duty` of the cycle, moving back under the hips by
    duty x stride (so it keeps still in the world), then swings forward, raised by `lift`."""

    stride: float  # root travel per cycle, in leg lengths
    duty: float  # share of the cycle a foot is planted
    lift: float  # swing foot clearance, leg lengths
    lean: float  # turn of the root about +z, radians (negative leans forward)
    arm_swing: float  # biped upper arms, radians either way
    elbow: float  # biped forearm bend, radians
    starts: tuple[tuple[str, float], ...]  # where in the cycle each leg's stance begins


BIPED_STEPS = (("leg_l", 0.0), ("leg_r", 0.5))
LATERAL_WALK = (("leg_bl", 0.0), ("leg_fl", 0.25), ("leg_br", 0.5), ("leg_fr", 0.75))
"""A four-beat walk: hind left, fore left, hind right, fore right."""
TROT = (("leg_fl", 0.0), ("leg_br", 0.0), ("leg_fr", 0.5), ("leg_bl", 0.5))
"""Diagonal pairs together."""

GAITS: dict[tuple[Rig, Clip], Gait] = {
    ("biped", "walk"): Gait(
        stride=1.2, duty=0.6, lift=0.14, lean=-0.04, arm_swing=0.3, elbow=0.25, starts=BIPED_STEPS
    ),
    ("biped", "run"): Gait(
        stride=2.0, duty=0.5, lift=0.2, lean=-0.2, arm_swing=0.6, elbow=1.4, starts=BIPED_STEPS
    ),
    ("quadruped", "walk"): Gait(
        stride=1.3, duty=0.65, lift=0.08, lean=0.0, arm_swing=0.0, elbow=0.0, starts=LATERAL_WALK
    ),
    ("quadruped", "run"): Gait(
        stride=2.2, duty=0.5, lift=0.14, lean=0.0, arm_swing=0.0, elbow=0.0, starts=TROT
    ),
}


# ------------------------------------------------------------------------------------------ the skeleton


@dataclass(frozen=True)
class Leg:
    """A leg in the asset's side (x, y) plane at rest: the hip, the knee (None for a leg in one piece), the
    sole, the point under the foot that plants (its x the mean of the foot's lowest splats), and the outline
    of the part that holds the foot, whose lowest point a swinging leg keeps off the ground (a long foot
    without an ankle tips its toe down as the knee bends)."""

    upper: str
    lower: str | None
    hip: tuple[float, float]
    knee: tuple[float, float] | None
    sole: tuple[float, float]
    outline: Tensor  # [n, 2] (x, y) at rest of the splats of the part that holds the foot

    @property
    def length(self) -> float:
        return self.hip[1] - self.sole[1]


@dataclass(frozen=True)
class Skeleton:
    """What the clips read from an asset: part indices, pivots, legs, each part's lowest point at rest."""

    rig: Rig
    spec: RigSpec
    index: dict[str, int]
    pivots: Tensor  # [P, 3]
    lowest: Tensor  # [P] each part's lowest y at rest
    legs: tuple[Leg, ...]
    length: float  # of the asset at rest, along x (the way it faces)
    height: float  # along y

    @property
    def leg_length(self) -> float:
        return min(leg.length for leg in self.legs)


def skeleton(asset: Gaussians) -> Skeleton:
    """The asset's rig read from its parts; a clear error when it lacks a joint its rig drives."""
    if asset.rig not in RIGS:
        raise ValueError(f"unknown rig {asset.rig!r}; known: {', '.join(RIGS)}")
    rig = next(name for name in RIGS if name == asset.rig)
    spec = RIGS[rig]
    index = {name: k for k, name in enumerate(asset.parts)}
    missing = [name for name in (spec.root, *spec.legs) if name is not None and name not in index]
    if missing:
        raise ValueError(f"a {rig} asset needs parts {missing}; it has {asset.parts}")
    lowest = torch.full((len(asset.parts),), math.inf).scatter_reduce(
        0, asset.part_ids, asset.means[:, 1], reduce="amin"
    )  # [P]
    lower = dict(spec.lower)
    legs = []
    for name in spec.legs:
        below = lower.get(name)
        below = below if below in index and asset.part_parents[index[below]] == index[name] else None
        foot = asset.means[asset.part_ids == index[below or name]]  # [n, 3]
        hip = asset.pivots[index[name]]
        sole_y = float(foot[:, 1].min())
        reach = float(hip[1]) - sole_y
        sole_x = float(foot[foot[:, 1] < sole_y + 0.03 * reach, 0].mean())
        knee = None if below is None else asset.pivots[index[below]]
        legs.append(
            Leg(
                name,
                below,
                (float(hip[0]), float(hip[1])),
                None if knee is None else (float(knee[0]), float(knee[1])),
                (sole_x, sole_y),
                foot[:, :2],
            )
        )
    length, height, _ = asset.extent()
    return Skeleton(rig, spec, index, asset.pivots, lowest, tuple(legs), length, height)


# ------------------------------------------------------------------------------------------------- poses


@dataclass(frozen=True)
class ClipState:
    """Where a clip is: the inputs every clip function reads."""

    t: float  # seconds into the track
    travelled: float  # ground the root has covered so far, in the asset's units
    airborne: float = 0.0  # 0 on the ground .. 1 at the top of the track's hops (jump, hop)
    seated: bool = False  # on something (a chair, a horse): the legs hang from the seat


@dataclass
class Joints:
    """Local transforms of every part, set by name while a clip is built: a rotation about the part's pivot
    and a translation after it, both in its parent's posed frame. Parts the asset lacks are skipped (a
    kangaroo has no shins), so one clip serves every asset of its rig."""

    index: dict[str, int]
    rotations: Tensor  # [P, 3, 3]
    offsets: Tensor  # [P, 3]

    @staticmethod
    def rest(index: dict[str, int]) -> Joints:
        return Joints(index, torch.eye(3).repeat(len(index), 1, 1), torch.zeros(len(index), 3))

    def turn(self, part: str, angle: float, axis: Axis = SIDEWAYS) -> None:
        """Turn the part by `angle` about `axis` after any turn it already has."""
        if part in self.index:
            k = self.index[part]
            self.rotations[k] = axis_angle_matrix(axis, angle) @ self.rotations[k]

    def shift(self, part: str, dx: float = 0.0, dy: float = 0.0, dz: float = 0.0) -> None:
        if part in self.index:
            self.offsets[self.index[part]] += torch.tensor([dx, dy, dz])


@dataclass(frozen=True)
class Contact:
    """The parts that carry the body and where their lowest point rests: `at` in the asset frame, or None
    for where it rests standing. No parts: the root's height alone places the body (flying, swimming fish)."""

    parts: tuple[str, ...] = ()
    at: float | None = None


@dataclass
class Pose:
    """A posed asset: every part's local rotation [P, 3, 3] about its pivot and translation [P, 3], and
    `lift`, how far the whole body moves up (asset units) so that what carries it rests where it should."""

    rotations: Tensor  # [P, 3, 3]
    offsets: Tensor  # [P, 3]
    lift: float


ClipFn = Callable[[Skeleton, Joints, ClipState], Contact]
"""Sets a clip's joints for a state and says what carries the body."""


def forward_kinematics(
    rotations: Tensor, offsets: Tensor, pivots: Tensor, parents: list[int]
) -> tuple[Tensor, Tensor]:
    """World rotations [P, 3, 3] and translations [P, 3] that take each part from rest to its pose, x ->
    R x + t: a part turns about its own pivot by its local rotation, moves by its offset, then goes wherever
    its parent's transform takes it (its pivot is carried along). Parents come before children."""
    world_r: list[Tensor] = []
    world_t: list[Tensor] = []
    for k, parent in enumerate(parents):
        local_t = pivots[k] - rotations[k] @ pivots[k] + offsets[k]  # [3]
        if parent < 0:
            world_r.append(rotations[k])
            world_t.append(local_t)
        else:
            world_r.append(world_r[parent] @ rotations[k])
            world_t.append(world_r[parent] @ local_t + world_t[parent])
    if not parents:
        return torch.zeros(0, 3, 3), torch.zeros(0, 3)
    return torch.stack(world_r), torch.stack(world_t)


def articulate_reference(asset: Gaussians, rotations: Tensor, offsets: Tensor) -> tuple[Tensor, Tensor]:
    """Posed means [N, 3] and quaternions [N, 4], the slow obvious way: the tests' oracle for
    `tools.scene.compose.pose_asset` (unscaled, unturned). Part by part, its splats move by its own local
    transform, then by its parent's, and so on up to the root, each about that part's rest pivot."""
    means, quats = asset.means.clone(), asset.quats.clone()
    for k in range(len(asset.parts)):
        mask = asset.part_ids == k
        chain, part = [], k
        while part >= 0:
            chain.append(part)
            part = asset.part_parents[part]
        for j in chain:
            pivot = asset.pivots[j]
            means[mask] = (means[mask] - pivot) @ rotations[j].T + pivot + offsets[j]
            quats[mask] = quat_multiply(rotmat_to_quat(rotations[j]).expand(int(mask.sum()), 4), quats[mask])
    return means, quats


def slerp(a: Tensor, b: Tensor, w: float) -> Tensor:
    """Spherical interpolation of rotation matrices [P, 3, 3] from a (w = 0) to b (w = 1), the short way."""
    qa, qb = rotmat_to_quat(a), rotmat_to_quat(b)  # [P, 4]
    dot = (qa * qb).sum(-1, keepdim=True)  # [P, 1]
    qb = torch.where(dot < 0, -qb, qb)
    angle = torch.acos(dot.abs().clamp(max=1.0))  # [P, 1]
    sin = torch.sin(angle)
    near = sin < 1e-4  # nearly equal: the chord is the arc
    safe = torch.where(near, torch.ones_like(sin), sin)
    wa = torch.where(near, torch.full_like(sin, 1 - w), torch.sin((1 - w) * angle) / safe)
    wb = torch.where(near, torch.full_like(sin, w), torch.sin(w * angle) / safe)
    return quat_to_rotmat(wa * qa + wb * qb)


def pose_at(asset: Gaussians, clip: Clip, state: ClipState, weight: float = 1.0) -> Pose:
    """The asset's pose for `clip` at `state`, cross-faded with idle by `weight` (1: the clip alone)."""
    sk = skeleton(asset)
    joints, contact = _joints(sk, clip if weight > 0.0 else "idle", state)
    lift = _lift(asset, sk, joints, contact)
    if weight <= 0.0 or weight >= 1.0:
        return Pose(joints.rotations, joints.offsets, lift)
    still, still_contact = _joints(sk, "idle", state)
    still_lift = _lift(asset, sk, still, still_contact)
    return Pose(
        slerp(still.rotations, joints.rotations, weight),
        torch.lerp(still.offsets, joints.offsets, weight),
        still_lift + weight * (lift - still_lift),
    )


def _joints(sk: Skeleton, clip: Clip, state: ClipState) -> tuple[Joints, Contact]:
    joints = Joints.rest(sk.index)
    clips = CLIPS[sk.rig]
    contact = clips.get(clip, clips["idle"])(sk, joints, state)
    return joints, contact


def _lift(asset: Gaussians, sk: Skeleton, joints: Joints, contact: Contact) -> float:
    """How far to move the posed body up so the lowest point of the contact parts rests where it should."""
    if not contact.parts:
        return 0.0
    ids = torch.tensor([sk.index[name] for name in contact.parts if name in sk.index])
    if len(ids) == 0:
        return 0.0
    world_r, world_t = forward_kinematics(joints.rotations, joints.offsets, asset.pivots, asset.part_parents)
    mask = torch.isin(asset.part_ids, ids)
    part = asset.part_ids[mask]
    y = (world_r[part, 1] * asset.means[mask]).sum(-1) + world_t[part, 1]  # [n] posed heights
    rest = float(sk.lowest[ids].min()) if contact.at is None else contact.at
    return rest - float(y.min())


# ------------------------------------------------------------------------------------------ leg solvers


def _angle(dx: float, dy: float) -> float:
    """Angle of the direction (dx, dy) from straight down, positive forward: a turn about +z by it points
    a hanging limb that way."""
    return math.atan2(dx, -dy)


def _reach(leg: Leg, hip: tuple[float, float], target: tuple[float, float]) -> tuple[float, float]:
    """Turns from rest (about +z, in the asset frame) of the upper and lower bone that bring the sole to
    `target` with the hip at `hip`, knee forward; out of reach, the leg points at it as far as it goes. A
    leg in one piece (its only turn, twice) brings the sole above or below the target."""
    dx, dy = target[0] - hip[0], target[1] - hip[1]
    if leg.knee is None:  # only the sole's x can be aimed: it swings on a circle about the hip
        fx, fy = leg.sole[0] - leg.hip[0], leg.sole[1] - leg.hip[1]
        turn = math.asin(min(max(dx / math.hypot(fx, fy), -0.99), 0.99)) - _angle(fx, fy)
        return turn, turn
    (kx, ky), (sx, sy), (hx, hy) = leg.knee, leg.sole, leg.hip
    thigh, shin = math.hypot(kx - hx, ky - hy), math.hypot(sx - kx, sy - ky)
    span = min(max(math.hypot(dx, dy), abs(thigh - shin) + 1e-6), (thigh + shin) * (1 - 1e-6))
    spread = math.acos((thigh**2 + span**2 - shin**2) / (2 * thigh * span))  # at the hip
    upper = _angle(dx, dy) + spread
    knee = (hip[0] + thigh * math.sin(upper), hip[1] - thigh * math.cos(upper))
    aim = _angle(dx, dy)
    foot = (hip[0] + span * math.sin(aim), hip[1] - span * math.cos(aim))
    lower = _angle(foot[0] - knee[0], foot[1] - knee[1])
    return upper - _angle(kx - hx, ky - hy), lower - _angle(sx - kx, sy - ky)


def _turned(point: tuple[float, float], pivot: Tensor, angle: float) -> tuple[float, float]:
    """A point of the root (x, y) after the root turns about +z by `angle` about its pivot."""
    px, py = float(pivot[0]), float(pivot[1])
    c, s = math.cos(angle), math.sin(angle)
    x, y = point[0] - px, point[1] - py
    return px + c * x - s * y, py + s * x + c * y


def _place_leg(
    joints: Joints, leg: Leg, turns: tuple[float, float], root_turn: float, raise_by: float
) -> None:
    """Set a leg's joints from its bones' turns in the asset frame under a root turned by `root_turn`, and
    draw the foot's part up by `raise_by` (see `_gait`)."""
    upper, lower = turns
    joints.turn(leg.upper, upper - root_turn)
    if leg.lower is not None:
        joints.turn(leg.lower, lower - upper)
    if raise_by:
        joints.shift(leg.lower or leg.upper, dy=raise_by)


def _gait(sk: Skeleton, joints: Joints, gait: Gait, travelled: float, root_turn: float = 0.0) -> Contact:
    """Legs on their footfall pattern for `travelled` units of ground, the root turned by `root_turn` plus the
    gait's lean. A planted leg is straight and turns about the hip so that its sole moves back under the hip
    by exactly the ground covered: the foot keeps still in the world and the hips ride over it (the body
    rises and falls like an inverted pendulum). A swinging leg comes forward with its sole lifted, bending
    the knee where it has one; it straightens into and out of the swing. The feet carry the body: the lowest
    rests on the ground."""
    if sk.spec.root is None:
        raise ValueError(f"a {sk.rig} rig has no root to carry legs")
    size = sk.leg_length
    stride = gait.stride * size
    planted_span = gait.duty * stride  # how far a planted foot moves back under the hip
    lean = gait.lean + root_turn
    pivot = sk.pivots[sk.index[sk.spec.root]]
    cycle = travelled / stride
    starts = dict(gait.starts)
    swinging = []  # (leg, its hip under the leaning root, sole ahead of the hip, lift, share of the swing)
    drops = []  # how far each planted leg lets the hips down: the most upright one stands on the ground
    for leg in sk.legs:
        hip = _turned(leg.hip, pivot, lean)
        c = (cycle - starts[leg.upper]) % 1.0
        if c < gait.duty:  # planted: from the front to the back at the ground's speed
            forward = planted_span * (0.5 - c / gait.duty)
            turn = _straight(leg, forward)
            _place_leg(joints, leg, (turn, turn), lean, 0.0)
            drops.append(math.dist(leg.hip, leg.sole) * (1 - math.cos(turn + _rest_angle(leg))))
        else:  # swinging: back to the front, its speed under the hip continuous at both ends
            s = (c - gait.duty) / (1 - gait.duty)
            g = s - math.sin(math.tau * s) / (math.tau * gait.duty)
            swinging.append((leg, hip, planted_span * (g - 0.5), gait.lift * size * math.sin(math.pi * s), s))
    drop = min(drops, default=0.0)
    for leg, hip, forward, lift, s in swinging:
        straight = _straight(leg, forward)
        ease = math.sin(math.pi * s) ** 2  # 0, and still, at lift-off and touch-down: the leg is straight
        # The lowest the swinging foot may come: `lift` above the ground, from where the straight leg holds
        # it at lift-off and touch-down (a tipped toe or heel below the sole) so that nothing jumps there.
        ground = leg.sole[1] + drop
        tipped = max(0.0, ground - _lowest(leg, hip, (straight, straight)))
        clear = ground + lift - (1.0 - ease) * tipped
        raised = 0.0  # how far above `clear` the sole is aimed, so that a tipped toe clears it too
        for _ in range(SWING_ITERATIONS):
            bent = _reach(leg, hip, (hip[0] + forward, clear + raised))
            turns = (straight + ease * (bent[0] - straight), straight + ease * (bent[1] - straight))
            gap = clear - _lowest(leg, hip, turns)
            if gap <= 0.0 or leg.knee is None:
                break
            raised += gap
        _place_leg(joints, leg, turns, lean, max(gap, 0.0))
    joints.turn(sk.spec.root, lean)
    return Contact(_feet(sk))


SWING_ITERATIONS = 4
"""Times a swinging leg re-aims its sole higher by what its lowest point still lacks (each pass closes most
of the gap: the gap comes from the foot's tilt, which hardly changes with the aim)."""


def _lowest(leg: Leg, hip: tuple[float, float], turns: tuple[float, float]) -> float:
    """The lowest y of the foot's part with the leg's bones turned from rest by `turns` (asset frame) and the
    hip at `hip`."""
    upper, lower = turns
    if leg.knee is None:
        origin, pivot, angle = hip, leg.hip, upper
    else:
        kx, ky = leg.knee[0] - leg.hip[0], leg.knee[1] - leg.hip[1]
        origin = (
            hip[0] + kx * math.cos(upper) - ky * math.sin(upper),
            hip[1] + kx * math.sin(upper) + ky * math.cos(upper),
        )
        pivot, angle = leg.knee, lower
    x = leg.outline[:, 0] - pivot[0]  # [n]
    y = leg.outline[:, 1] - pivot[1]  # [n]
    return origin[1] + float((math.sin(angle) * x + math.cos(angle) * y).min())


def _rest_angle(leg: Leg) -> float:
    """The angle of the hip-to-sole line at rest, from straight down (positive: the sole is ahead)."""
    return _angle(leg.sole[0] - leg.hip[0], leg.sole[1] - leg.hip[1])


def _straight(leg: Leg, forward: float) -> float:
    """The turn from rest of a leg held as at rest that puts its sole `forward` ahead of the hip."""
    reach = math.dist(leg.hip, leg.sole)
    return math.asin(min(max(forward / reach, -0.99), 0.99)) - _rest_angle(leg)


def _swing_of(sk: Skeleton, gait: Gait, travelled: float, leg_name: str) -> float:
    """Where a leg's sole is in its stride, -1 (back) .. 1 (front): what the opposite arm follows."""
    c = (travelled / (gait.stride * sk.leg_length) - dict(gait.starts)[leg_name]) % 1.0
    return (
        math.cos(math.pi * c / gait.duty)
        if c < gait.duty
        else -math.cos(math.pi * (c - gait.duty) / (1 - gait.duty))
    )


def _feet(sk: Skeleton) -> tuple[str, ...]:
    return tuple(leg.lower or leg.upper for leg in sk.legs)


def _hop_shape(airborne: float) -> tuple[float, float]:
    """(crouch, tuck) for a body at `airborne` (0 on the ground .. 1 at the top): crouched on the ground
    before take-off and on landing, tucked at the top of the hop."""
    crouch = max(0.0, 1.0 - airborne / 0.35) ** 2
    return crouch, math.sin(0.5 * math.pi * airborne) ** 2


# ------------------------------------------------------------------------------------------------ biped


def _biped_arms(joints: Joints, left: float, right: float, elbow: float, axis: Axis = SIDEWAYS) -> None:
    joints.turn("arm_l", left, axis)
    joints.turn("arm_r", right, axis)
    joints.turn("forearm_l", elbow)
    joints.turn("forearm_r", elbow)


def _biped_idle(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Standing: breathing, a slow sway of the arms and a look about."""
    breath = math.sin(math.tau * 0.3 * state.t)
    joints.turn("torso", 0.015 * breath)
    joints.turn("head", 0.25 * math.sin(math.tau * 0.09 * state.t), UP)
    _biped_arms(joints, 0.04 * breath, -0.04 * breath, 0.12)
    return Contact(_feet(sk))


def _biped_gait(clip: Clip) -> ClipFn:
    def play(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
        gait = GAITS[("biped", clip)]
        contact = _gait(sk, joints, gait, state.travelled)
        # Each arm swings with the opposite leg; the head keeps level.
        left, right = (
            gait.arm_swing * _swing_of(sk, gait, state.travelled, leg) for leg in ("leg_r", "leg_l")
        )
        _biped_arms(joints, left, right, gait.elbow)
        joints.turn("head", -gait.lean)
        return contact

    return play


def _biped_sit(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """On a seat: thighs forward, shins down, hands on the thighs, the seat resting on the root (a chair's
    top). On the ground: knees up, feet flat in front, leaning back a little."""
    if state.seated:
        thigh, shin, lean, arms, elbow = 0.5 * math.pi, 0.0, 0.0, 0.35, 0.75
    else:
        thigh, shin, lean, arms, elbow = 2.0, 0.35, 0.2, 0.95, 0.5
    joints.turn("torso", lean)
    for side in "lr":
        joints.turn(f"leg_{side}", thigh - lean)
        joints.turn(f"shin_{side}", shin - thigh)
    _biped_arms(joints, arms - lean, arms - lean, elbow)
    joints.turn("head", -lean)
    return Contact(("torso", *(() if state.seated else _feet(sk))), at=0.0)


def _biped_wave(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Standing, the right arm raised beside the head, the forearm waving side to side."""
    contact = _biped_idle(sk, joints, state)
    joints.turn("arm_r", -2.75, FACING)
    joints.turn("forearm_r", -0.4 + 0.4 * math.sin(math.tau * 1.6 * state.t), FACING)
    return contact


def _biped_climb(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Hand over hand up a wall or ladder: one arm reaches up while the other pulls down, the opposite knee
    lifts; a cycle per 0.7 leg lengths climbed."""
    phase = math.tau * state.travelled / (0.7 * sk.leg_length)
    joints.turn("torso", -0.1)
    for side, shift in (("l", 0.0), ("r", math.pi)):
        reach = 0.5 + 0.5 * math.sin(phase + shift)  # 1: this arm at full stretch, the same-side knee down
        joints.turn(f"arm_{side}", 2.0 + 0.8 * reach)
        joints.turn(f"forearm_{side}", 0.9 * (1 - reach))
        knee = 1 - reach
        joints.turn(f"leg_{side}", 0.1 + 1.3 * knee)
        joints.turn(f"shin_{side}", -0.2 - 1.9 * knee)
    return Contact(_feet(sk))


def _biped_hop(depth: float) -> ClipFn:
    """Jump (depth 1) and hop (smaller): crouch on the ground, arms back; tuck in the air, arms up."""

    def play(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
        crouch, tuck = _hop_shape(state.airborne)
        lean = -depth * (0.45 * crouch + 0.1 * tuck)
        thigh = depth * (1.0 * crouch + 0.9 * tuck)
        shin = -depth * (1.1 * crouch + 1.0 * tuck)  # in the asset frame: back and down
        joints.turn("torso", lean)
        for side in "lr":
            joints.turn(f"leg_{side}", thigh - lean)
            joints.turn(f"shin_{side}", shin - thigh)
        arms = depth * (-0.7 * crouch + 2.2 * tuck)
        _biped_arms(joints, arms, arms, 0.3)
        joints.turn("head", -lean)
        return Contact(_feet(sk))

    return play


def _biped_fly(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Flying like a hero: body level, arms ahead, legs trailing with a slow kick."""
    joints.turn("torso", -1.25)
    joints.turn("head", 0.9)
    _biped_arms(joints, 2.9, 2.9, 0.0)
    kick = 0.12 * math.sin(math.tau * 1.5 * state.t)
    joints.turn("leg_l", 0.1 + kick)
    joints.turn("leg_r", 0.1 - kick)
    return Contact()


def _biped_swim(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Front crawl, face down at the surface: arms turning over half a cycle apart, a flutter kick; a
    cycle per leg length swum. The chest rests at the root (the water's surface)."""
    phase = math.tau * state.travelled / sk.leg_length
    joints.turn("torso", -0.5 * math.pi + 0.1)
    joints.turn("head", 0.8)
    _biped_arms(joints, -phase, -phase - math.pi, 0.3)
    for side, shift in (("l", 0.0), ("r", math.pi)):
        joints.turn(f"leg_{side}", 0.25 * math.sin(2 * phase + shift))
        joints.turn(f"shin_{side}", -0.2)
    return Contact(("torso",), at=0.0)


def _tumble(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Rolling forward over and over, curled up: the root turns by the ground covered over the curled
    body's radius (a third of its height); the whole body rests on the ground."""
    if sk.spec.root is not None:
        joints.turn(sk.spec.root, -state.travelled / (sk.height / 3))
    for leg in sk.legs:
        joints.turn(leg.upper, 1.3)
        if leg.lower:
            joints.turn(leg.lower, -2.2)
    _biped_arms(joints, 1.2, 1.2, 1.2)
    return Contact(tuple(sk.index), at=0.0)


def _biped_spin(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Turning on the spot (the track turns the root) with the arms out."""
    joints.turn("arm_l", 1.3, FACING)
    joints.turn("arm_r", -1.3, FACING)
    joints.turn("forearm_l", 0.2)
    joints.turn("forearm_r", 0.2)
    return Contact(_feet(sk))


# ---------------------------------------------------------------------------------------------- quadruped


def _tail_and_head(joints: Joints, wag: float, nod: float, look: float = 0.0) -> None:
    joints.turn("tail", wag, UP)
    joints.turn("head", nod)
    joints.turn("head", look, UP)


def _quadruped_idle(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Standing: breathing, a wagging tail, a look about."""
    joints.turn("body", 0.01 * math.sin(math.tau * 0.4 * state.t))
    _tail_and_head(
        joints, 0.3 * math.sin(math.tau * 0.8 * state.t), 0.0, 0.25 * math.sin(math.tau * 0.1 * state.t)
    )
    return Contact(_feet(sk))


def _quadruped_gait(clip: Clip) -> ClipFn:
    def play(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
        gait = GAITS[("quadruped", clip)]
        cycle = math.tau * state.travelled / (gait.stride * sk.leg_length)
        # A running body rocks twice a cycle (once per diagonal pair); a walking one hardly.
        rock = (0.04 if clip == "run" else 0.01) * math.sin(2 * cycle)
        contact = _gait(sk, joints, gait, state.travelled, rock)
        _tail_and_head(joints, 0.25 * math.sin(cycle), -rock + 0.04 * math.sin(2 * cycle))
        return contact

    return play


def _quadruped_sit(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Sitting like a dog: chest up, front legs straight down, hind legs folded forward under the rump."""
    pitch = 0.4
    joints.turn("body", pitch)
    for name in ("leg_fl", "leg_fr"):
        joints.turn(name, -pitch)
    for name in ("leg_bl", "leg_br"):
        joints.turn(name, 1.0)
    _tail_and_head(joints, 0.2 * math.sin(math.tau * 0.8 * state.t), -pitch)
    return Contact(("body", "leg_fl", "leg_fr"), at=0.0)


def _quadruped_hop(depth: float) -> ClipFn:
    """Jump and hop: bunched up on the ground, stretched out in the air (forelegs ahead, hind legs back)."""

    def play(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
        crouch, tuck = _hop_shape(state.airborne)
        # Legs in one piece cannot fold: the body sinks onto them, their tops hidden in it.
        sink = 0.15 * depth * crouch * sk.leg_length
        joints.shift("body", dy=-sink)
        for leg in sk.legs:
            joints.shift(leg.upper, dy=sink)
        joints.turn("body", depth * (0.15 * tuck - 0.05 * crouch))
        for name in ("leg_fl", "leg_fr"):
            joints.turn(name, depth * (-0.35 * crouch + 0.8 * tuck))
        for name in ("leg_bl", "leg_br"):
            joints.turn(name, depth * (0.45 * crouch - 0.8 * tuck))
        joints.turn("tail", depth * 0.5 * tuck)
        return Contact(_feet(sk))

    return play


def _quadruped_swim(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Paddling at the surface, head up: the legs stroke in diagonal pairs under the water, a cycle per
    leg length swum. The belly rests at the root (the water's surface)."""
    phase = math.tau * state.travelled / sk.leg_length
    joints.turn("body", 0.12)
    for name, shift in (("leg_fl", 0.0), ("leg_br", 0.0), ("leg_fr", math.pi), ("leg_bl", math.pi)):
        joints.turn(name, 0.6 * math.sin(phase + shift))
    _tail_and_head(joints, 0.3 * math.sin(phase), -0.12)
    return Contact(("body",), at=0.0)


def _quadruped_fly(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Airborne: forelegs tucked forward, hind legs trailing."""
    for name in ("leg_fl", "leg_fr"):
        joints.turn(name, 0.9)
    for name in ("leg_bl", "leg_br"):
        joints.turn(name, -0.9)
    joints.turn("tail", 0.3)
    return Contact()


def _quadruped_wave(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Giving a paw: the right foreleg raised ahead and waving; the other three stand."""
    _quadruped_idle(sk, joints, state)
    joints.turn("leg_fr", 1.2 + 0.3 * math.sin(math.tau * 1.5 * state.t))
    return Contact(("leg_fl", "leg_bl", "leg_br"))


def _quadruped_climb(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Climbing: body tilted up, legs reaching in diagonal pairs, a cycle per leg length climbed."""
    phase = math.tau * state.travelled / sk.leg_length
    joints.turn("body", 0.9)
    for name, shift in (("leg_fl", 0.0), ("leg_br", 0.0), ("leg_fr", math.pi), ("leg_bl", math.pi)):
        joints.turn(name, -0.9 + 0.5 * math.sin(phase + shift))
    return Contact(_feet(sk))


# --------------------------------------------------------------------------------------------------- bird


def _flap(joints: Joints, angle: float) -> None:
    """Both wings up by `angle` (the left wing lies on -z, so it rises turning +x-wards the other way)."""
    joints.turn("wing_l", angle, FACING)
    joints.turn("wing_r", -angle, FACING)


def _bird_idle(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Perched: glances about in steps, a flick of the tail, wings settling."""
    joints.turn("head", 0.5 * math.sin(math.tau * 0.15 * state.t) ** 3, UP)
    joints.turn("tail", 0.08 * math.sin(math.tau * 0.7 * state.t))
    _flap(joints, 0.04 * math.sin(math.tau * 0.5 * state.t))
    return Contact(tuple(sk.index))


def _bird_fly(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Wing beats at 4 per second; the body pitches with each beat."""
    beat = math.sin(math.tau * 4.0 * state.t)
    _flap(joints, 0.7 * beat)
    joints.turn("body", 0.05 * beat)
    joints.turn("tail", -0.05 * beat)
    return Contact()


def _bird_step(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """On foot (walk, run, hop, jump): the head bobs and the body rocks with each step, a step per fifth of
    its height covered."""
    phase = math.tau * state.travelled / (0.2 * sk.height)
    joints.turn("body", 0.06 * math.sin(phase))
    joints.shift("head", dx=0.02 * sk.height * math.sin(phase))
    return Contact(tuple(sk.index))


def _bird_wave(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    contact = _bird_idle(sk, joints, state)
    joints.turn("wing_r", -0.9 - 0.35 * math.sin(math.tau * 1.5 * state.t), FACING)
    return contact


def _bird_swim(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Floating: the idle bird with its belly at the root (the water's surface)."""
    _bird_idle(sk, joints, state)
    return Contact(("body",), at=0.0)


# --------------------------------------------------------------------------------------------------- fish


def _fish_swim(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """The tail sweeps side to side and the body bends against it a little later (a travelling wave): a
    beat per 0.8 body lengths swum, plus a slow beat that keeps a still fish hovering."""
    phase = math.tau * (state.travelled / (0.8 * sk.length) + 0.7 * state.t)
    joints.turn("body", -0.12 * math.sin(phase), UP)
    joints.turn("tail", 0.5 * math.sin(phase - 0.8) + 0.12 * math.sin(phase), UP)
    joints.turn("fins", 0.15 * math.sin(2 * phase), FACING)
    return Contact()


# ---------------------------------------------------------------------------------------- wheels and balls


def _spin_wheels(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    """Wheels (and a ball) turn by the ground covered over their radius, their pivot's height: rolling
    without slipping."""
    for name, k in sk.index.items():
        if name.startswith("wheel") or name == "ball":
            joints.turn(name, -state.travelled / max(float(sk.pivots[k, 1]), 1e-3))
    return Contact()


def _rest(sk: Skeleton, joints: Joints, state: ClipState) -> Contact:
    return Contact()


CLIPS: dict[Rig, dict[Clip, ClipFn]] = {
    "biped": {
        "idle": _biped_idle,
        "walk": _biped_gait("walk"),
        "run": _biped_gait("run"),
        "jump": _biped_hop(1.0),
        "hop": _biped_hop(0.6),
        "fly": _biped_fly,
        "swim": _biped_swim,
        "sit": _biped_sit,
        "drive": _biped_sit,
        "wave": _biped_wave,
        "climb": _biped_climb,
        "roll": _tumble,
        "spin": _biped_spin,
    },
    "quadruped": {
        "idle": _quadruped_idle,
        "walk": _quadruped_gait("walk"),
        "run": _quadruped_gait("run"),
        "jump": _quadruped_hop(1.0),
        "hop": _quadruped_hop(0.6),
        "fly": _quadruped_fly,
        "swim": _quadruped_swim,
        "sit": _quadruped_sit,
        "drive": _quadruped_sit,
        "wave": _quadruped_wave,
        "climb": _quadruped_climb,
        "roll": _tumble,
    },
    "bird": {
        "idle": _bird_idle,
        "walk": _bird_step,
        "run": _bird_step,
        "jump": _bird_step,
        "hop": _bird_step,
        "fly": _bird_fly,
        "climb": _bird_fly,
        "swim": _bird_swim,
        "wave": _bird_wave,
        "roll": _tumble,
    },
    "fish": {"idle": _fish_swim},
    "wheeled": {"idle": _spin_wheels},
    "ball": {"idle": _spin_wheels},
    "static": {"idle": _rest},
}
"""Each rig's clips; a clip a rig does not list plays the rig's idle (a fish does everything by swimming, a
car by turning its wheels)."""
