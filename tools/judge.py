"""The one judge: the thresholds and predicates that the critic, layout refinement and the eval metrics share.

Three readers judge a scene the same way: the critic (agents/critic.py) sends a run back to the agent that can
fix it, layout refinement (tools/refine/render_compare.py) moves a layout until the critic's relations hold
with room to spare, and the eval metrics (evals/metrics.py) judge the finished video against what a suite says
it must show. Each shared number lives here once, with what it means and why it has that value.

Where the critic is deliberately stricter than a metric, the two numbers stand side by side as CRITIC_* and
METRIC_*: the critic sends a run back before a viewer could notice a problem, the metric judges what a viewer
of the finished video sees (docs/evals.md). Thresholds that only one of them uses stay in its own module.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import torch

from scenewright.schema import Layout, Plan
from scenewright.tools.render.analysis import ACHROMATIC_NAMES

# ---------------------------------------------------------------------------------------- on screen

MIN_SCREEN_PX = 16
"""Least on-screen size that counts (critic: visible pixels; metrics: box area): about a 4 x 4 blob."""
MIN_SCREEN_IMAGE_FRACTION = 0.0005
"""... or 0.05% of the image where that is more (116 px at 640 x 360): a dot is not a thing one sees."""
MIN_VISIBLE_FRACTION = 0.3
"""Counted (critic) or seen (metrics) from 30% of it showing: a sliver behind another is not recognisable."""

# Visible frames, deliberately different: the critic asks each instance for most frames, so that an absence
# goes back to layout while it is still short of what a viewer would call missing; the metric asks each suite
# noun for half the frames, since one that enters, leaves or is briefly framed out is still in the video.
CRITIC_VISIBLE_FRAMES = 0.8
"""Critic: each instance on screen in 80% of its frames, deliberately stricter than METRIC_VISIBLE_FRAMES."""
METRIC_VISIBLE_FRAMES = 0.5
"""Metric: each suite noun seen in half the frames; entering, leaving or briefly framed out is still seen."""


def min_screen_pixels(width: int, height: int) -> int:
    """The smallest pixel count (or box area) in a width x height image that counts as on screen."""
    return max(MIN_SCREEN_PX, math.ceil(MIN_SCREEN_IMAGE_FRACTION * width * height))


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
"""A relation holds in 80% of the frames where both are visible (seen): motion may cross it briefly."""
RELATION_MAX_TURN_DEG = 45.0
"""Relations are judged (and refined) within 45° of the base view's direction: behind, left and right swap."""
SCREEN_MARGIN_FRACTION = 0.02
"""Screen orderings need this fraction of the image side between centres, so that a tie is not an order."""
OCCLUSION_MARGIN = 0.1
"""One is in front of the other when it hides at least this much more of the other than it loses itself."""
ON_GAP_FRACTION = 0.25
"""'on': the bottom within 25% of its own height of the object's top (critic: on screen; metrics: world)."""
NEXT_TO_SIZE_FACTOR = 1.0
"""'next_to': the gap (across and in depth) is at most the larger one's width."""
NEAR_SIZE_FACTOR = 2.5
"""'near': a looser 'next_to'."""

# Depth margins, kept apart: the critic's is a length, which refinement aims MARGIN_FACTOR beyond in metres
# and the critic's 'around' uses to call front and behind; the metric's is a share of the distance. They
# agree at 5 m; nearer, where most scenes stand, the critic asks the wider gap before depth alone decides.
# No reason for the two forms is written down, and merging them would change verdicts.
CRITIC_DEPTH_MARGIN_M = 0.15
"""Critic: 15 cm between median depths orders them, else occlusion decides (see the comment above)."""
METRIC_DEPTH_MARGIN_FRACTION = 0.03
"""Metric: depths 3% of their mean apart (12 cm at 4 m) order them, else occlusion decides."""


def faces_base(viewmat: torch.Tensor, base_viewmat: torch.Tensor) -> bool:
    """Whether a camera [4, 4] looks within RELATION_MAX_TURN_DEG of the base camera, horizontally."""
    forward, base = viewmat[2, [0, 2]], base_viewmat[2, [0, 2]]  # [2] optical axes in the ground plane
    cosine = float(forward @ base) / max(float(forward.norm() * base.norm()), 1e-9)
    return cosine >= math.cos(math.radians(RELATION_MAX_TURN_DEG))


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


# ------------------------------------------------------------------------------------------- colour

# Colour shares, deliberately different: the metric's quarter sits between what a named garment covers of a
# person on the dev split (36-56%) and the pink that skin reads as (up to ~20%, docs/evals.md); the critic
# asks more, so that an asset whose colour barely shows goes back for a rebuild before a viewer doubts it.
CRITIC_COLOR_SHARE = 0.3
"""Critic: the asked colour covers 30% of the instance's pixels, deliberately above METRIC_COLOR_SHARE."""
METRIC_COLOR_SHARE = 0.25
"""Metric: the named colour covers a quarter of the entity's pixels: above skin's pink, below a shirt."""
COLOR_MIN_DOMINANT_SHARE = 0.1
"""... or it is the largest hue (largest share for black/white/gray) with 10%: a red car has black tyres."""


def shows_color(shares: Mapping[str, float], color: str, min_share: float) -> bool:
    """Whether colour shares (palette name -> share, largest first) show `color`: at least `min_share`
    (CRITIC_COLOR_SHARE or METRIC_COLOR_SHARE), or the largest hue with COLOR_MIN_DOMINANT_SHARE."""
    achromatic = color in ACHROMATIC_NAMES
    candidates = list(shares) if achromatic else [c for c in shares if c not in ACHROMATIC_NAMES]
    share = shares.get(color, 0.0)
    return share >= min_share or (candidates[:1] == [color] and share >= COLOR_MIN_DOMINANT_SHARE)
