"""The offline critic: checks the rendered frames and the scene graph, and routes every failure.

Every check reads what the frames show (tools.analysis per-entity masks, boxes and depth) or what the scene
graph says (layout boxes along the motion tracks), and says what it saw with numbers, so that the agent it is
routed to (and a person reading report.md) can act on it. One Check per (check, instance / group / relation):

- visible             every instance is on screen in most frames                               -> layout
- in_frame            no instance is cut off by the frame edge                                 -> layout
- no_interpenetration no two instances' 3D boxes overlap along the tracks (one check per pair
                      that does; one passing check when none does)                             -> layout
- relation:<p>        every plan relation holds on screen                                      -> layout
- motion:<d>          every directed action moves its instances that way on screen             -> motion
- count               each group shows its planned number of instances in the key frames       -> layout
- color               each coloured instance shows its colour                                  -> assets
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from scenewright.schema import (
    Action,
    AssetInfo,
    Check,
    CritiqueRound,
    EntitySpec,
    Layout,
    Motion,
    Plan,
    Relation,
)
from scenewright.settings import RunSettings
from scenewright.tools.analysis import ACHROMATIC_NAMES, PALETTE_NAMES, EntityFrameStats, FrameAnalysis
from scenewright.tools.camera import intrinsics
from scenewright.tools.compose import root_pose_at
from scenewright.tools.contact_sheet import key_frame_indices

VISIBLE_MIN_PIXELS = 16
"""Floor of the visibility threshold: a 4 x 4 blob is about the least a viewer can make out."""
VISIBLE_MIN_IMAGE_FRACTION = 0.0005
"""An instance counts as visible from 0.05% of the image (115 px at 640 x 360)."""
VISIBLE_MIN_FRAME_FRACTION = 0.8
"""Visible in most frames: brief occlusions (walking behind a tree) are fine, absences are not."""
IN_FRAME_MAX_CUT_FRACTION = 0.05
"""Touching the frame edge in a frame or two (entering, a jump's peak) is tolerated, more is a bad framing."""
PENETRATION_TOLERANCE_M = 0.05
"""Boxes may overlap this much: layout boxes are bounding boxes, looser than the shapes inside them."""
PENETRATION_TOLERANCE_FRACTION = 0.1
"""... or this fraction of the thinner box's narrowest side, whichever is larger (a bus vs a ball)."""
RELATION_MIN_FRAME_FRACTION = 0.8
"""A relation must hold in most frames where both are visible; motion may cross it briefly."""
SCREEN_MARGIN_FRACTION = 0.02
"""Screen orderings need this fraction of the image size between centres, so that a tie does not pass."""
DEPTH_MARGIN_M = 0.15
"""Depth orderings need this gap between median depths; closer than that, occlusion decides."""
OCCLUSION_MARGIN = 0.1
"""One is in front of the other when it hides at least this much more of the other than it loses itself."""
ON_GAP_FRACTION = 0.25
"""'on': the subject's bottom may float or sink this fraction of its own height around the object's top."""
NEXT_TO_SIZE_FACTOR = 1.0
"""'next_to': the gap (across and in depth) is at most the larger one's width."""
NEAR_SIZE_FACTOR = 2.5
"""'near': a looser 'next_to'."""
MOTION_MIN_SHIFT_FRACTION = 0.05
"""left/right/up/down: the fitted centroid moves at least 5% of the image width/height over the clip."""
MOTION_MIN_DEPTH_FRACTION = 0.1
"""toward/away: the fitted depth changes by at least 10% of its mean."""
MOTION_MIN_FRAMES = 3
"""A slope needs at least three visible frames to mean anything."""
AROUND_MIN_SWEEP_DEG = 200.0
"""'around': more than half a circle, which no straight pass can sweep."""
COUNT_MIN_VISIBLE_FRACTION = 0.3
"""An instance is countable when at least 30% of it shows; a sliver behind another one is not."""
COUNT_MIN_KEY_FRAME_FRACTION = 0.8
"""The count must be right in most key frames of the contact sheet."""
COLOR_MIN_SHARE = 0.3
"""The asked colour covers at least this share of the instance's visible pixels ..."""
COLOR_MIN_DOMINANT_SHARE = 0.1
"""... or it is the largest hue and covers this much (a red car is also black tyres and grey windows)."""

ORDERING_PREDICATES = frozenset({"left_of", "right_of", "in_front_of", "behind", "under", "above", "below"})
"""Checked against every object instance; the others (on, next_to, near) against at least one."""

_NOT_SEEN = EntityFrameStats(
    visible_pixels=0,
    unoccluded_pixels=0,
    bbox=None,
    centroid=None,
    depth_m=None,
    touches_border=False,
    colors={},
)


@dataclass(frozen=True)
class _Screen:
    """The frames and the image geometry every check reads."""

    frames: list[FrameAnalysis]
    width: int
    height: int
    focal_px: float  # pixels per metre at 1 m depth
    min_pixels: int

    def stats(self, frame: FrameAnalysis, instance: str) -> EntityFrameStats:
        return frame.entities.get(instance, _NOT_SEEN)

    def visible(self, frame: FrameAnalysis, instance: str) -> bool:
        return self.stats(frame, instance).visible_pixels >= self.min_pixels

    def metres(self, pixels: float, depth_m: float) -> float:
        """A screen length at a depth -> metres."""
        return pixels * depth_m / self.focal_px


def critique_offline(
    plan: Plan,
    layout: Layout,
    motion: Motion,
    assets: dict[str, AssetInfo],
    frames: list[FrameAnalysis],
    settings: RunSettings,
    round: int,
) -> CritiqueRound:
    """Run every check on one round's frames and scene graph.

    `assets` is part of every agent's signature; the offline checks take sizes from the layout's placements,
    which already carry the scaled asset extents.
    """
    if not frames:
        raise ValueError("the critic needs the analysis of at least one frame")
    screen = _Screen(
        frames=frames,
        width=settings.width,
        height=settings.height,
        focal_px=float(intrinsics(layout.camera.fov_deg, settings.width, settings.height)[1, 1]),
        min_pixels=max(VISIBLE_MIN_PIXELS, round_half(VISIBLE_MIN_IMAGE_FRACTION * settings.width * settings.height)),
    )
    groups = plan.group_of()
    checks = [
        *(_visible_check(screen, instance) for instance in groups),
        *(_in_frame_check(screen, instance) for instance in groups),
        *_interpenetration_checks(plan, layout, motion, settings),
        *(_relation_check(plan, screen, relation) for relation in plan.relations),
        *(
            _motion_check(plan, screen, action, instance)
            for action in plan.actions
            if action.direction is not None
            for instance in plan.instance_ids(groups[_first_instance(plan, action.entity)])
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
