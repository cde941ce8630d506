"""The one judge: the thresholds and predicates that the critic, layout refinement and the eval metrics share.

Three readers judge a scene the same way: the critic (agents/critic.py) sends a run back to the agent that can
fix it, layout refinement (tools/refine/render_compare.py) moves a layout until the critic's relations hold
with room to spare, and the eval metrics (evals/metrics.py) judge the finished video against what a suite says
it must show. Each shared number and predicate lives here once, with what it means and why it has that value.

The critic judges what the metrics judge, with the same numbers and predicates on the same evidence (what a
frame shows of each instance, where it stands in the world): its verdict after a round predicts the metrics'
verdict on that round's video (benchmarks/critic_agreement.py measures how well). A stricter critic would
only send back videos that a viewer, and the metrics, accept. Thresholds that only one of them uses (checks
the metrics have no counterpart for, such as the critic's 'next_to') stay in its own module.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from scenewright.schema import Layout, Plan, Vec3
from scenewright.tools.language import lexicon as lx
from scenewright.tools.render.analysis import ACHROMATIC_NAMES
from scenewright.tools.scene.catalog import CATEGORIES

Box = tuple[int, int, int, int]
"""x0, y0, x1, y1 of an instance's visible pixels (x1, y1 exclusive)."""

# ---------------------------------------------------------------------------------------- on screen

MIN_SCREEN_PX = 16
"""Least on-screen size that counts, as the area of the instance's box: about a 4 x 4 blob."""
MIN_SCREEN_IMAGE_FRACTION = 0.0005
"""... or 0.05% of the image where that is more (116 px at 640 x 360): a dot is not a thing one sees."""
MIN_VISIBLE_FRACTION = 0.3
"""Seen from 30% of it showing: a sliver behind another is not recognisable."""
VISIBLE_FRAMES = 0.5
"""A thing (any of its instances) is in the video when seen in half the frames: one that enters, leaves or
is briefly framed out is still in it."""


def min_screen_pixels(width: int, height: int) -> int:
    """The smallest box area in a width x height image that counts as on screen."""
    return max(MIN_SCREEN_PX, math.ceil(MIN_SCREEN_IMAGE_FRACTION * width * height))


def seen(bbox: Box | None, visible_fraction: float, min_area: int) -> bool:
    """Recognisably on screen in a frame: a box of at least `min_area` (min_screen_pixels) px with at least
    MIN_VISIBLE_FRACTION of the instance showing."""
    if bbox is None:
        return False
    x0, y0, x1, y1 = bbox
    return visible_fraction >= MIN_VISIBLE_FRACTION and (x1 - x0) * (y1 - y0) >= min_area


def shown_count(counts: Sequence[int]) -> float:
    """How many a viewer counts from the number seen in each frame [F]: the median over the frames."""
    return statistics.median(counts)


# --------------------------------------------------------------------------------- interpenetration

PENETRATION_TOLERANCE_M = 0.05
"""Boxes may overlap 5 cm: boxes bound the shapes, so touching boxes hold shapes a little apart ..."""
PENETRATION_TOLERANCE_FRACTION = 0.1
"""... or this fraction of the pair's narrowest footprint side, whichever is larger (a bus vs a ball)."""


def penetration_tolerance(extents: np.ndarray) -> float:
    """How far (m) two boxes of extents [2, 3] (x facing, y up, z sideways) may overlap."""
    return float(max(PENETRATION_TOLERANCE_M, PENETRATION_TOLERANCE_FRACTION * extents[:, [0, 2]].min()))


def resting_pairs(plan: Plan, layout: Layout, ids: Sequence[str]) -> set[tuple[str, str]]:
    """Both orders of every pair of `ids` where one rests on the other, exempt from interpenetration.

    Placement.support (an instance or a whole group) and plan relations 'on' / 'under' between the two
    groups: a box cannot say whether a table, bench or tree is open beneath. An instance the plan does not
    group is its own group.
    """
    group = {instance: entity.id for instance, entity in plan.group_of().items()}
    related = {(r.subject, r.object) for r in plan.relations if r.predicate in ("on", "under")}
    pairs = set()
    for p in layout.placements:
        if p.support is not None:
            pairs |= {(p.entity, i) for i in ids if p.support in (i, group.get(i, i))}
    pairs |= {(a, b) for a in ids for b in ids if (group.get(a, a), group.get(b, b)) in related}
    return pairs | {(b, a) for a, b in pairs}


# ---------------------------------------------------------------------------------------- relations

RELATION_MIN_FRAME_FRACTION = 0.8
"""A relation holds in 80% of the frames where both are seen: motion may cross it briefly."""
RELATION_MAX_TURN_DEG = 45.0
"""Layout refinement fits relations in the frames within 45° of the base view's direction (behind the scene,
left and right swap); the critic and the metrics judge every frame, as a viewer sees it."""
SCREEN_MARGIN_FRACTION = 0.02
"""Screen orderings need this fraction of the image side between centres, so that a tie is not an order."""
OCCLUSION_MARGIN = 0.1
"""One is in front of the other when it hides at least this much more of the other than it loses itself."""
ON_GAP_FRACTION = 0.25
"""'on': the bottom within 25% of its own height of the object's top surface (in the world)."""
VERTICAL_TOLERANCE_FRACTION = 0.1
"""above / below: the gap between bottom and top may close by 10% of the smaller height."""
DEPTH_MARGIN_FRACTION = 0.03
"""in front of / behind: depths 3% of their mean apart (12 cm at 4 m) order them, else occlusion decides."""
NEXT_TO_SIZE_FACTOR = 1.0
"""'next_to': the gap (across and in depth) is at most the larger one's width."""
NEAR_SIZE_FACTOR = 2.5
"""'near': a looser 'next_to'."""

CRITIC_DEPTH_MARGIN_M = 0.15
"""15 cm between two depths: how far beyond the other layout refinement aims an instance in front of or
behind it (times its MARGIN_FACTOR), and how far in depth the critic's 'around' asks the subject to get in
front of and behind its target. Relations themselves are ordered by DEPTH_MARGIN_FRACTION."""


SCREEN_RELATIONS = frozenset(
    {"left_of", "right_of", "in_front_of", "behind", "on", "under", "above", "below"}
)
"""The relations `relation_holds` judges (the metrics' spatial relations); 'next_to' and 'near' are the
critic's own."""
ANY_OBJECT_RELATIONS = frozenset({"on", "under"})
"""Relations a subject instance needs with at least one seen object instance; the others need every one."""


def faces_base(viewmat: torch.Tensor, base_viewmat: torch.Tensor) -> bool:
    """Whether a camera [4, 4] looks within RELATION_MAX_TURN_DEG of the base camera, horizontally."""
    forward, base = viewmat[2, [0, 2]], base_viewmat[2, [0, 2]]  # [2] optical axes in the ground plane
    cosine = float(forward @ base) / max(float(forward.norm() * base.norm()), 1e-9)
    return cosine >= math.cos(math.radians(RELATION_MAX_TURN_DEG))


@dataclass(frozen=True)
class Sighting:
    """One instance in one frame where it is seen: what the frame shows of it and where it stands."""

    bbox: Box
    visible_fraction: float
    depth_m: float  # median camera depth over its visible pixels
    position: Vec3  # world root (bottom centre) at the frame's time
    yaw: float  # its heading at the frame's time (facing (cos, -sin) in x, z)
    size_m: Vec3  # x facing, y up, z sideways
    surface_m: float  # height above its bottom that things rest on (surface_height)


def surface_height(category: str, height_m: float) -> float:
    """Height above its bottom that things rest on: a seat or table top (catalog), else its top."""
    spec = CATEGORIES.get(category)
    if spec is None or spec.surface_height_m is None:
        return height_m
    return spec.surface_height_m * height_m / spec.size_m[1]


def relation_holds(relation: str, s: Sighting, o: Sighting, width: int, height: int) -> bool:
    """Whether `s relation o` (one of SCREEN_RELATIONS) holds in a frame of width x height px where both are
    seen. Left/right and front/behind are what the frame shows; on, under, above and below also ask the
    world (the screen alone cannot tell 'on the table' from 'behind it, higher in the picture')."""
    (sx0, sy0, sx1, sy1), (ox0, oy0, ox1, oy1) = s.bbox, o.bbox
    dx = (sx0 + sx1 - ox0 - ox1) / 2  # subject centre - object centre, px; screen y grows down
    dy = (sy0 + sy1 - oy0 - oy1) / 2
    margin_x, margin_y = SCREEN_MARGIN_FRACTION * width, SCREEN_MARGIN_FRACTION * height
    if relation in ("left_of", "right_of"):
        return dx < -margin_x if relation == "left_of" else dx > margin_x
    if relation in ("in_front_of", "behind"):
        front, back = (s, o) if relation == "in_front_of" else (o, s)
        boxes_overlap = min(sx1, ox1) > max(sx0, ox0) and min(sy1, oy1) > max(sy0, oy0)
        return in_front(front, back, boxes_overlap)
    s_bottom, o_bottom = s.position[1], o.position[1]
    s_top, o_top = s_bottom + s.size_m[1], o_bottom + o.size_m[1]
    if relation in ("above", "below"):
        tolerance = VERTICAL_TOLERANCE_FRACTION * min(s.size_m[1], o.size_m[1])
        if relation == "above":
            return s_bottom >= o_top - tolerance and dy < -margin_y
        return s_top <= o_bottom + tolerance and dy > margin_y
    inside = inside_footprint(s, o)
    if relation == "on":
        contact = abs(s_bottom - (o_bottom + o.surface_m)) <= ON_GAP_FRACTION * s.size_m[1]
        return contact and inside and dy < 0
    if relation != "under":
        raise ValueError(f"relation_holds judges {', '.join(sorted(SCREEN_RELATIONS))}, not {relation!r}")
    # under: inside its footprint, lower (centre below centre, top not above its top), lower on screen
    lower = s_bottom + s.size_m[1] / 2 < o_bottom + o.size_m[1] / 2 and s_top <= o_top
    return inside and lower and dy > 0


def in_front(front: Sighting, back: Sighting, boxes_overlap: bool) -> bool:
    """Nearer by depth; where the boxes overlap, the front one must not be hidden more than the back one."""
    margin = DEPTH_MARGIN_FRACTION * (front.depth_m + back.depth_m) / 2
    hides_more = (1 - back.visible_fraction) - (1 - front.visible_fraction)  # how much more of back is hidden
    if abs(front.depth_m - back.depth_m) <= margin:
        return boxes_overlap and hides_more >= OCCLUSION_MARGIN
    return front.depth_m < back.depth_m and (not boxes_overlap or hides_more > -OCCLUSION_MARGIN)


def inside_footprint(s: Sighting, o: Sighting) -> bool:
    """The subject's ground centre lies inside the object's yaw-rotated footprint."""
    dx, dz = s.position[0] - o.position[0], s.position[2] - o.position[2]
    along = dx * math.cos(o.yaw) - dz * math.sin(o.yaw)  # on the facing axis (cos, -sin)
    across = dx * math.sin(o.yaw) + dz * math.cos(o.yaw)  # on the sideways axis (sin, cos)
    return abs(along) <= o.size_m[0] / 2 and abs(across) <= o.size_m[2] / 2


# ------------------------------------------------------------------------------------------- motion

MOTION_MIN_SHIFT_FRACTION = 0.05
"""left/right/up/down: the fitted centre moves 5% of the image side over the clip; a leg swing moves less."""
MOTION_MIN_DEPTH_FRACTION = 0.1
"""toward/away: the fitted depth changes by 10% of its mean the named way."""
MOTION_MIN_FRAMES = 3
"""A fitted line through fewer visible frames says nothing about a direction."""


def fitted_change(t: np.ndarray, values: np.ndarray) -> float:
    """Change of the least-squares line through (t, values) [F] from the first to the last time."""
    if t[-1] == t[0]:
        return 0.0
    return float(np.polyfit(t, values, 1)[0] * (t[-1] - t[0]))


def direction_score(
    direction: str, t: np.ndarray, base_view: np.ndarray, width: int, height: int
) -> tuple[float, float, float]:
    """(score, fitted change, needed change) of a move left/right/up/down (box centre, px) or toward/away
    (depth, m) over seen frames at times t [F], from the box centre x, y and depth [F, 3] as the mid-clip
    camera sees them (the camera's own motion removed); the score is change / needed clipped to 0..1."""
    x, y, depth = base_view.T  # [F] each
    if direction in ("left", "right", "up", "down"):
        values, side = (x, width) if direction in ("left", "right") else (y, height)
        needed = MOTION_MIN_SHIFT_FRACTION * side * (-1.0 if direction in ("left", "up") else 1.0)
    elif direction in ("toward", "away"):
        values = depth
        needed = MOTION_MIN_DEPTH_FRACTION * float(depth.mean()) * (-1.0 if direction == "toward" else 1.0)
    else:
        raise ValueError(f"direction_score judges left, right, up, down, toward and away, not {direction!r}")
    change = fitted_change(t, values)
    return float(np.clip(change / needed, 0.0, 1.0)), change, needed


# ------------------------------------------------------------------------------------------- action

TRAVEL_MIN_LENGTHS = 0.5
"""action: a travelling clip moves the root at least half the entity's length from where it started."""
STILL_MAX_LENGTHS = 0.1
"""action: a still clip (idle, sit) moves it at most a tenth of its length."""
AIRBORNE_MIN_FRACTION = 0.5
"""action fly: off the ground in at least half the frames (take-off and landing are fine)."""
AIRBORNE_MIN_HEIGHT_FRACTION = 0.1
"""Off the ground: the bottom is higher than 10% of the entity's height."""
HOP_MIN_HEIGHT_FRACTION = 0.1
"""action jump: the root rises 10% of its height above its lowest point (or it travels)."""
SPIN_MIN_TURNS = 0.5
"""action spin: the body turns at least half a turn about its vertical axis over the clip."""


def clip_agrees(clip: str, positions: np.ndarray, yaws: Sequence[float], size_m: Vec3) -> tuple[bool, str]:
    """Whether an instance's world motion agrees with the clip it plays, and what was measured.

    positions [T, 3] are its roots (bottom centre) and yaws [T] its headings at the frame times; a
    travelling clip must move it, a still one keep it in place, spin turn it, jump lift or move it, fly keep
    it off the ground."""
    moved = float(np.linalg.norm(positions - positions[0], axis=1).max())
    length, height = max(size_m[0], size_m[2]), size_m[1]
    motion = f"moves {moved:.2f} m (length {length:.2f} m)"
    if clip in lx.STILL_CLIPS:
        agrees = moved <= STILL_MAX_LENGTHS * length
        line = f"plays {clip}, {motion}, needs <= {STILL_MAX_LENGTHS:g} lengths"
    elif clip == "spin":
        turns = sum(abs(math.remainder(b - a, math.tau)) for a, b in itertools.pairwise(yaws)) / math.tau
        agrees = turns >= SPIN_MIN_TURNS
        line = f"plays spin, turns {turns:.2f} times (needs >= {SPIN_MIN_TURNS:g}) and {motion}"
    elif clip in ("jump", "hop"):
        rise = float(positions[:, 1].max() - positions[:, 1].min())
        agrees = rise >= HOP_MIN_HEIGHT_FRACTION * height or moved >= TRAVEL_MIN_LENGTHS * length
        line = f"plays {clip}, rises {rise:.2f} m and {motion}"
    else:
        agrees = moved >= TRAVEL_MIN_LENGTHS * length
        line = f"plays {clip}, {motion}, needs >= {TRAVEL_MIN_LENGTHS:g} lengths"
    if clip == "fly":
        airborne = float(np.mean(positions[:, 1] > AIRBORNE_MIN_HEIGHT_FRACTION * height))
        line += f"; off the ground in {airborne:.0%} of frames (needs >= {AIRBORNE_MIN_FRACTION:.0%})"
        agrees = agrees and airborne >= AIRBORNE_MIN_FRACTION
    return agrees, line


# ------------------------------------------------------------------------------------------- colour

COLOR_SHARE = 0.25
"""The named colour covers a quarter of the instance's pixels: between what a named garment covers of a
person on the dev split (36-56%) and the pink that skin reads as (up to ~20%, docs/evals.md) ..."""
COLOR_MIN_DOMINANT_SHARE = 0.1
"""... or it is the largest hue (largest share for black/white/gray) with 10%: a red car has black tyres."""


def pooled_colors(seen_frames: Iterable[tuple[Mapping[str, float], Box]]) -> dict[str, float]:
    """Colour shares of an instance over the frames where it is seen, each frame's (colour shares, box)
    weighted by its box area (the one pixel-count proxy scene.json keeps); largest first, {} for none."""
    pixels: Counter[str] = Counter()
    for shares, (x0, y0, x1, y1) in seen_frames:
        pixels.update({c: share * (x1 - x0) * (y1 - y0) for c, share in shares.items()})
    total = sum(pixels.values())
    return {c: n / total for c, n in pixels.most_common()} if total else {}


def shows_color(shares: Mapping[str, float], color: str) -> bool:
    """Whether colour shares (palette name -> share, largest first) show `color`: at least COLOR_SHARE, or
    the largest hue (largest share for an achromatic colour) with COLOR_MIN_DOMINANT_SHARE."""
    achromatic = color in ACHROMATIC_NAMES
    candidates = list(shares) if achromatic else [c for c in shares if c not in ACHROMATIC_NAMES]
    share = shares.get(color, 0.0)
    return share >= COLOR_SHARE or (candidates[:1] == [color] and share >= COLOR_MIN_DOMINANT_SHARE)
