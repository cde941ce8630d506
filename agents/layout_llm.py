"""The layout agent's LLM path: C3V's coarse layout in the image plane, made safe by the offline solver.

The model draws in the view the video will roughly have, the base camera of the offline layout: it is told the
picture size, the horizon row, how many pixels a metre is at a few rows and every instance's real size. As in
C3V it answers step by step (a trajectory asked in one go fails): a box per instance at the start of the clip
and an end point per mover, then for each mover the points in between.

Lifting: a box's bottom-centre pixel is cast as a ray through the camera onto the plane the instance stands on
in the offline layout (the ground y = 0, a table top, a flier's height); where the ray meets it is the
instance's place, and the camera depth z there turns the box's pixel height h into the metres the model meant,
h z / f, hence a size relative to the real one. The places (a mover's at mid-clip), the bounded sizes and the
paths become `Hints`: the solver starts from them and still enforces every relation, separation, support, path
room and the framing, so nothing the model gets wrong reaches the video. The paths go to `Layout.paths`, moved
along with their instance.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Annotated

import torch
from pydantic import BaseModel, Field

from scenewright.agents.layout import SCALE_BAND, Hints, layout_offline
from scenewright.agents.llm import AgentLLM
from scenewright.agents.motion import (
    SCREEN_DIRECTIONS,
    action_of,
    planned_path,
    travel_direction,
    travel_distance,
)
from scenewright.schema import AssetInfo, CameraPose, Check, Direction, EntitySpec, Layout, Plan, vec3
from scenewright.settings import RunSettings
from scenewright.tools.scene.camera import camera_matrices, project_points, unproject_points
from scenewright.tools.scene.geometry import footprint_half_extents

DRAWN_SCALE = (0.5, 2.0)
"""How far a box's implied size may be from the real size before the model must redraw it."""
TRAVEL_RANGE = (0.3, 2.0)
"""How much of the distance its clip travels (motion.travel_distance) a drawn mover may cover."""
FAR_FACTOR = 3.0
"""Bottoms farther than this times the reference camera's distance to its target are refused."""
NEAR_M = 0.3
PATH_POINTS = 6
"""Points asked between start and end (C3V asks about 20; a small model is faster and steadier with few)."""
MAX_PATH_POINTS = 20
STRAY_FRACTION = 0.5
"""Path points stay this fraction of the start-to-end distance (at least a body length) from that line."""
GUIDE_FRACTIONS = (0.25, 0.6, 0.95)
"""Rows of the size guide: fractions of the way from the far row to the bottom edge."""
PATH_DIRECTIONS: dict[Direction, str] = {
    "left": "left",
    "right": "right",
    "toward": "toward the camera",
    "away": "away from the camera",
}
"""Travel directions the model draws a ground path for; around, up and down keep the planned path."""
END_SIDE: dict[Direction, tuple[str, str]] = {
    "left": ("left of", "smaller x"),
    "right": ("right of", "larger x"),
    "toward": ("nearer than", "lower in the picture: larger y"),
    "away": ("farther than", "higher in the picture: smaller y, still below the horizon"),
}
"""Where a mover's end lies from its start, in words and in pixels."""

Pixel = Annotated[list[float], Field(min_length=2, max_length=2)]


class BoxAnswer(BaseModel):
    id: str = Field(description="An id from the list of things.")
    box: list[float] = Field(
        min_length=4,
        max_length=4,
        description="[x0, y0, x1, y1] in pixels where the thing is at the start of the video; y grows down.",
    )
    end: Pixel | None = Field(
        default=None, description="Moving things only: [x, y] of the box's bottom centre at the end."
    )


class BoxesAnswer(BaseModel):
    boxes: list[BoxAnswer] = Field(min_length=1, max_length=64, description="One box for every id.")


class TrajectoryAnswer(BaseModel):
    points: list[Pixel] = Field(
        min_length=2,
        max_length=MAX_PATH_POINTS,
        description="[x, y] of the bottom centre between start and end (not them), in time order.",
    )


# ---------------------------------------------------------------------------------------------- view


@dataclass(frozen=True)
class View:
    """The reference camera the model draws in; pixels as tools.scene.camera has them (x right, y down)."""

    viewmat: torch.Tensor  # [4, 4] world to camera
    K: torch.Tensor  # [3, 3]
    width: int
    height: int
    far_m: float

    @classmethod
    def of(cls, camera: CameraPose, settings: RunSettings) -> View:
        viewmat, K = camera_matrices(camera, settings.width, settings.height)
        far = FAR_FACTOR * math.dist(camera.position, camera.look_at)
        return cls(viewmat, K, settings.width, settings.height, far)

    @property
    def focal(self) -> float:
        return float(self.K[1, 1])

    def ray(self, u: float, v: float) -> tuple[torch.Tensor, torch.Tensor]:
        """The eye [3] and the direction [3] of pixel (u, v)'s ray in the world, per unit of camera depth."""
        pixel = torch.tensor([[u, v], [u, v]])  # [2, 2]
        eye, ahead = unproject_points(pixel, torch.tensor([0.0, 1.0]), self.viewmat, self.K)  # [3] each
        return eye, ahead - eye

    def lift(self, u: float, v: float, height: float) -> tuple[float, float, float] | None:
        """World (x, z) where pixel (u, v)'s ray meets the plane y = height, and the camera depth there;
        None when it never meets the plane in front of the camera."""
        eye, direction = self.ray(u, v)
        climb = float(direction[1])
        depth = (height - float(eye[1])) / climb if abs(climb) > 1e-9 else -1.0
        if depth < NEAR_M:
            return None
        x, _, z = (eye + depth * direction).tolist()
        return x, z, depth

    def row_at(self, depth: float, height: float = 0.0) -> float:
        """The row (at the centre column) where the plane y = height is `depth` from the camera; an infinite
        depth gives the horizon. A ray's climb per unit depth is linear in the row."""
        centre = self.width / 2
        eye, top = self.ray(centre, 0.0)
        _, bottom = self.ray(centre, float(self.height))
        per_row = float(bottom[1] - top[1]) / self.height
        wanted = 0.0 if math.isinf(depth) else (height - float(eye[1])) / depth
        return (wanted - float(top[1])) / per_row

    @property
    def horizon(self) -> float:
        return self.row_at(math.inf)

    def rows_for(self, height: float) -> tuple[float, float]:
        """The rows (top, bottom) of the picture where the plane y = height is near enough to stand on."""
        ends = sorted((self.row_at(self.far_m, height), self.row_at(NEAR_M, height)))
        return max(0.0, ends[0]), min(float(self.height), ends[1])

    def metre_px(self, row: float) -> float:
        """Pixels a metre of height takes up for a thing standing on the ground at `row`."""
        lifted = self.lift(self.width / 2, row, 0.0)
        if lifted is None:
            raise ValueError(f"row {row:.0f} does not show the ground")
        return self.focal / lifted[2]


# ------------------------------------------------------------------------------------------ subjects


@dataclass(frozen=True)
class Subject:
    """One instance as the model is told about it, and what its answer is checked against."""

    iid: str
    name: str
    height_m: float
    width_m: float
    """Its width across the screen as the offline layout turns it."""
    body_m: float
    start_y: float
    """Height of what its bottom stands on at the start of the clip (0 for the ground); end_y at the end."""
    end_y: float
    base_y: float
    """Height it stands at mid-clip: the plane its path points lie on."""
    support: str | None
    direction: Direction | None
    """The way it travels when the model draws its path, else None."""
    action: str
    travel_m: float
    circles: bool
    reference_row: float
    """The row its bottom is at in the offline layout, and the pixels a metre takes up there."""
    reference_metre_px: float


def subjects_of(plan: Plan, reference: Layout, settings: RunSettings) -> dict[str, Subject]:
    """Every instance of the plan as it stands in the offline (reference) layout."""
    placements = {p.entity: p for p in reference.placements}
    viewmat, K = camera_matrices(reference.camera, settings.width, settings.height)
    subjects = {}
    for iid, group in plan.group_of().items():
        placement = placements[iid]
        path = planned_path(plan, placement, placements, settings.duration_s, 1.0)
        action = action_of(plan, group.id)
        direction = travel_direction(plan, group.id)
        drawn = direction if direction in PATH_DIRECTIONS and placement.support is None else None
        uv, depth = project_points(torch.tensor([placement.position]), viewmat, K)  # [1, 2], [1]
        subjects[iid] = Subject(
            iid=iid,
            name=group.name,
            height_m=placement.extent_m[1],
            width_m=2 * footprint_half_extents(placement.extent_m, placement.yaw)[0],
            body_m=max(placement.extent_m),
            start_y=placement.position[1] + path[0].position[1],
            end_y=placement.position[1] + path[-1].position[1],
            base_y=placement.position[1],
            support=placement.support,
            direction=drawn,
            action=f"{action.verb} {PATH_DIRECTIONS[drawn]}" if action and drawn else "",
            travel_m=travel_distance(action.clip, placement.extent_m, settings.duration_s, 1.0)
            if action
            else 0.0,
            circles=direction == "around",
            reference_row=float(uv[0, 1]),
            reference_metre_px=float(K[1, 1] / depth[0]),
        )
    return subjects


# --------------------------------------------------------------------------------------------- lift


@dataclass(frozen=True)
class Drawn:
    """One instance's box lifted to the world: ground (x, z) at the start and the end of the clip, and the
    size the box implies as a factor on the real size."""

    start: tuple[float, float]
    end: tuple[float, float] | None
    scale: float
    start_px: tuple[float, float]
    end_px: tuple[float, float] | None


def lift_boxes(answer: BoxesAnswer, view: View, subjects: dict[str, Subject]) -> dict[str, Drawn]:
    """The boxes answer lifted to the world; a ValueError lists every problem, by field, for repair."""
    problems: list[str] = []
    drawn: dict[str, Drawn] = {}
    for k, box in enumerate(answer.boxes):
        where = f"boxes[{k}]"
        if box.id not in subjects:
            problems.append(f"{where}.id: unknown id '{box.id}'; the ids are {', '.join(subjects)}")
        elif box.id in drawn:
            problems.append(f"{where}.id: a second box for '{box.id}'; give one box per id")
        else:
            try:
                drawn[box.id] = _lift_box(box, view, subjects[box.id])
            except ValueError as error:
                problems.append(f"{where} ({box.id}): {error}")
    missing = [iid for iid in subjects if iid not in drawn and all(b.id != iid for b in answer.boxes)]
    if missing:
        problems.append(f"boxes: no box for {', '.join(missing)}; give one box for every id")
    if problems:
        raise ValueError("; ".join(problems))
    return drawn


def _lift_box(box: BoxAnswer, view: View, subject: Subject) -> Drawn:
    x0, y0, x1, y1 = box.box
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"box {_px(box.box)} needs x0 < x1 and y0 < y1")
    if x0 < 0 or y0 < 0 or x1 > view.width or y1 > view.height:
        raise ValueError(f"box {_px(box.box)} leaves the picture (x 0 to {view.width}, y 0 to {view.height})")
    bottom = (0.5 * (x0 + x1), y1)
    x, z, depth = _lift(view, bottom, subject.start_y, "the bottom of the box")
    expected = subject.height_m * view.focal / depth  # pixels, for the real size at that depth
    low, high = DRAWN_SCALE
    if not low * expected <= y1 - y0 <= high * expected:
        raise ValueError(
            f"box is {y1 - y0:.0f} px tall, but a {subject.height_m:.2f} m tall {subject.name} with its "
            f"bottom at row {y1:.0f} is about {expected:.0f} px tall (allowed {low * expected:.0f} to "
            f"{high * expected:.0f} px)"
        )
    scale = (y1 - y0) * depth / view.focal / subject.height_m
    if subject.direction is None:
        if box.end is not None:
            raise ValueError(f"leave out 'end' for {subject.iid}: only the moving things listed get one")
        return Drawn((x, z), None, scale, bottom, None)
    if box.end is None:
        raise ValueError(
            f"{subject.iid} {subject.action}: give 'end', the [x, y] of its bottom centre at the end"
        )
    end_px = (box.end[0], box.end[1])
    end_x, end_z, _ = _lift(view, end_px, subject.end_y, "'end'")
    _check_travel(subject, (x, z), (end_x, end_z), bottom, end_px)
    return Drawn((x, z), (end_x, end_z), scale, bottom, end_px)


def _lift(view: View, pixel: tuple[float, float], height: float, what: str) -> tuple[float, float, float]:
    """World (x, z) and depth of a pixel on the plane y = height, or a ValueError saying where it may go."""
    u, v = pixel
    if not (0 <= u <= view.width and 0 <= v <= view.height):
        raise ValueError(
            f"{what} {_px(pixel)} is outside the picture (x 0 to {view.width}, y 0 to {view.height})"
        )
    lifted = view.lift(u, v, height)
    if lifted is None or lifted[2] > view.far_m:
        top, bottom = view.rows_for(height)
        plane = "the ground" if height == 0.0 else f"something {height:.2f} m up"
        raise ValueError(
            f"{what} {_px(pixel)} is above the horizon or too far away to stand on {plane}: its row must lie "
            f"between {top:.0f} and {bottom:.0f}"
        )
    return lifted


def _check_travel(
    subject: Subject,
    start: tuple[float, float],
    end: tuple[float, float],
    start_px: tuple[float, float],
    end_px: tuple[float, float],
) -> None:
    """The end lies the way the action goes (mostly along it) and about as far as the clip travels."""
    assert subject.direction is not None  # only movers that draw a path get here
    ux, _, uz = SCREEN_DIRECTIONS[subject.direction]
    dx, dz = end[0] - start[0], end[1] - start[1]
    along, across = dx * ux + dz * uz, abs(dx * uz - dz * ux)
    if along <= 0.0 or along < across:
        side, pixels = END_SIDE[subject.direction]
        raise ValueError(
            f"{subject.iid} {subject.action}: its end {_px(end_px)} must lie mostly {side} its start "
            f"{_px(start_px)} ({pixels})"
        )
    low, high = (f * subject.travel_m for f in TRAVEL_RANGE)
    if not low <= along <= high:
        closer = "farther from" if along < low else "closer to"
        raise ValueError(
            f"{subject.iid} goes {along:.1f} m from start to end, but it {subject.action} about "
            f"{subject.travel_m:.1f} m in the video (allowed {low:.1f} to {high:.1f} m): put 'end' {closer} "
            "its start"
        )


def lift_path(
    answer: TrajectoryAnswer, view: View, subject: Subject, drawn: Drawn
) -> list[tuple[float, float]]:
    """The mover's ground path in the world, start and end included, evenly spaced in time."""
    assert drawn.end is not None and drawn.end_px is not None and subject.direction is not None
    problems: list[str] = []
    points: list[tuple[float, float]] = []
    reach = max(STRAY_FRACTION * math.dist(drawn.start, drawn.end), subject.body_m)
    for k, (u, v) in enumerate(answer.points):
        try:
            x, z, _ = _lift(view, (u, v), subject.base_y, f"points[{k}]")
        except ValueError as error:
            problems.append(str(error))
            continue
        if _off_line((x, z), drawn.start, drawn.end) > reach:
            problems.append(
                f"points[{k}] {_px((u, v))} strays too far from the line from the start "
                f"{_px(drawn.start_px)} to the end {_px(drawn.end_px)}"
            )
        points.append((x, z))
    if problems:
        raise ValueError("; ".join(problems))
    ux, _, uz = SCREEN_DIRECTIONS[subject.direction]
    if (points[-1][0] - points[0][0]) * ux + (points[-1][1] - points[0][1]) * uz <= 0.0:
        raise ValueError(
            f"points: {subject.iid} {subject.action}, but the points go the other way; list them in time "
            f"order from the start {_px(drawn.start_px)} to the end {_px(drawn.end_px)}"
        )
    return [drawn.start, *points, drawn.end]


def _off_line(point: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance from a point to the segment a-b (all on the ground)."""
    (px, pz), (ax, az), (bx, bz) = point, a, b
    length2 = (bx - ax) ** 2 + (bz - az) ** 2
    w = (
        0.0
        if length2 == 0.0
        else min(1.0, max(0.0, ((px - ax) * (bx - ax) + (pz - az) * (bz - az)) / length2))
    )
    return math.dist(point, (ax + w * (bx - ax), az + w * (bz - az)))


# ---------------------------------------------------------------------------------------------- solve


def hints_from(
    subjects: dict[str, Subject], drawn: dict[str, Drawn], paths: dict[str, list[tuple[float, float]]]
) -> Hints:
    """Where the solver starts: each instance at mid-clip (a mover halfway along its path in time; a circler
    takes the place its circle gives it), its size within SCALE_BAND, each path as offsets from mid-clip."""
    low, high = SCALE_BAND
    ground: dict[str, tuple[float, float]] = {}
    offsets: dict[str, tuple[tuple[float, float], ...]] = {}
    for iid, thing in drawn.items():
        if iid in paths:
            middle = _middle(paths[iid])
            offsets[iid] = tuple((x - middle[0], z - middle[1]) for x, z in paths[iid])
            ground[iid] = middle
        elif thing.end is not None:
            ground[iid] = _middle([thing.start, thing.end])
        elif not subjects[iid].circles:
            ground[iid] = thing.start
    scale = {iid: min(max(thing.scale, low), high) for iid, thing in drawn.items()}
    return Hints(ground=ground, scale=scale, paths=offsets)


def _middle(path: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The point of a path evenly spaced in time at the middle of the clip."""
    position = 0.5 * (len(path) - 1)
    k = min(int(position), len(path) - 2)
    w = position - k
    (ax, az), (bx, bz) = path[k], path[k + 1]
    return ax + w * (bx - ax), az + w * (bz - az)


def layout_llm(
    plan: Plan, assets: dict[str, AssetInfo], settings: RunSettings, feedback: list[Check], attempt: int,
    llm: AgentLLM,
) -> Layout | None:  # fmt: skip
    """Boxes and end points, then a path per mover, lifted and solved; None when the boxes never validate."""
    reference = layout_offline(plan, assets, settings, feedback, attempt)
    view = View.of(reference.camera, settings)
    subjects = subjects_of(plan, reference, settings)
    drawn = llm.ask(
        BoxesAnswer,
        convert=partial(lift_boxes, view=view, subjects=subjects),
        section="boxes",
        variables=boxes_variables(plan, view, subjects, feedback),
    )
    if drawn is None:
        return None
    paths: dict[str, list[tuple[float, float]]] = {}
    for iid, thing in drawn.items():
        if thing.end is None:
            continue
        path = llm.ask(
            TrajectoryAnswer,
            convert=partial(lift_path, view=view, subject=subjects[iid], drawn=thing),
            section="trajectory",
            variables=trajectory_variables(plan, view, subjects[iid], thing),
        )
        if path is not None:
            paths[iid] = path
    hints = hints_from(subjects, drawn, paths)
    layout = layout_offline(plan, assets, settings, feedback, attempt, hints)
    return _with_paths(layout, hints, view, drawn)


def _with_paths(layout: Layout, hints: Hints, view: View, drawn: dict[str, Drawn]) -> Layout:
    """The solved layout with the model's paths moved to where their instances ended, and what was used."""
    placements = {p.entity: p for p in layout.placements}
    paths = {}
    for iid, offsets in hints.paths.items():
        x, y, z = placements[iid].position
        paths[iid] = [vec3((x + dx, y, z + dz)) for dx, dz in offsets]
    sizes = ", ".join(f"{iid} {factor:.2f}×" for iid, factor in hints.scale.items())
    low, high = SCALE_BAND
    notes = [
        f"Started from the layout model's boxes in the {view.width}×{view.height} view of the offline "
        f"layout's camera (horizon at row {view.horizon:.0f}); sizes from the boxes, within {low:g}× to "
        f"{high:g}× the real size: {sizes}.",
        *(
            f"{iid}: the model's path of {len(paths[iid])} points"
            if iid in paths
            else f"{iid}: no path from the model; it keeps its planned path"
            for iid, thing in drawn.items()
            if thing.end is not None
        ),
        *layout.notes,
    ]
    return layout.model_copy(update={"paths": paths, "notes": notes})


# ------------------------------------------------------------------------------------------- prompts


def boxes_variables(
    plan: Plan, view: View, subjects: dict[str, Subject], feedback: list[Check]
) -> dict[str, str]:
    """The boxes step: the picture, a size guide, each group's box size at a few rows, the relations, the
    movers and the failed checks routed to layout."""
    top = max(0.0, view.row_at(view.far_m))
    rows = [round(top + f * (view.height - top)) for f in GUIDE_FRACTIONS]
    movers = [
        f"- {s.iid}: {s.action}, about {s.travel_m:.1f} m in the video (about "
        f'{s.travel_m * s.reference_metre_px:.0f} px near row {s.reference_row:.0f}): give "end"'
        for s in subjects.values()
        if s.direction is not None
    ]
    return {
        "prompt": plan.prompt,
        **_picture(view),
        "guide": "; ".join(f"row {row}: {view.metre_px(row):.0f} px" for row in rows),
        "entities": "\n".join(_entity_line(plan, group, subjects, view, rows) for group in plan.entities),
        "relations": "; ".join(
            f"{r.subject} {r.predicate.replace('_', ' ')} {r.object}" for r in plan.relations
        )
        or "none",
        "movers": ("\n" + "\n".join(movers)) if movers else 'none; no box has an "end"',
        "feedback": "".join(f"\n- {check.name}: {check.message}" for check in feedback) or "none",
    }


def _entity_line(
    plan: Plan, group: EntitySpec, subjects: dict[str, Subject], view: View, rows: list[int]
) -> str:
    first = subjects[plan.instance_ids(group)[0]]
    sizes = ", ".join(
        f"{first.width_m * view.metre_px(row):.0f}x{first.height_m * view.metre_px(row):.0f} px at row {row}"
        for row in rows
    )
    where = ""
    if first.support is not None:
        where = f"; it stands on {first.support}, {first.start_y:.2f} m up"
    elif first.start_y > 0.0:
        where = f"; it is in the air, {first.start_y:.2f} m up"
    ids = ", ".join(plan.instance_ids(group))
    return f"- {ids}: {group.name}, {first.height_m:.2f} m tall; box about {sizes}{where}"


def trajectory_variables(plan: Plan, view: View, subject: Subject, drawn: Drawn) -> dict[str, str]:
    """The trajectory step for one mover: its start and end as drawn, and the way it goes."""
    assert subject.direction is not None and drawn.end_px is not None
    return {
        "prompt": plan.prompt,
        **_picture(view),
        "id": subject.iid,
        "action": subject.action,
        "start": _px(drawn.start_px),
        "end": _px(drawn.end_px),
        "count": str(PATH_POINTS),
        "direction": PATH_DIRECTIONS[subject.direction],
    }


EXAMPLE_VIEW = (640, 360)
"""The worked examples are drawn for a 640x360 view with its horizon at row 98 and 1 m = 126 px at row 240;
they are scaled to the picture asked about, because small models copy an example's numbers."""


def _examples(view: View) -> dict[str, str]:
    sx, sy = view.width / EXAMPLE_VIEW[0], view.height / EXAMPLE_VIEW[1]

    def scaled(*xy: float) -> list[int]:
        return [round(v * (sx if k % 2 == 0 else sy)) for k, v in enumerate(xy)]

    points = [(359, 242), (332, 245), (305, 247), (278, 247), (251, 246), (223, 245)]
    boxes = {"boxes": [
        {"id": "dog", "box": scaled(330, 164, 443, 240), "end": scaled(196, 244)},
        {"id": "ball", "box": scaled(480, 202, 518, 240)},
    ]}  # fmt: skip
    return {
        "example_view": f"{view.width} x {view.height} picture, horizon row {round(98 * sy)}, 1 m = "
        f"{round(126 * sy)} px at row {round(240 * sy)}",
        "example_boxes": json.dumps(boxes),
        "example_start": str(scaled(386, 240)),
        "example_end": str(scaled(196, 244)),
        "example_points": json.dumps({"points": [scaled(*p) for p in points]}),
    }


def _picture(view: View) -> dict[str, str]:
    horizon = view.horizon
    return {
        "width": str(view.width),
        "height": str(view.height),
        "horizon": f"{horizon:.0f}" + (" (above the top edge)" if horizon < 0 else ""),
        "far_row": f"{max(0.0, view.row_at(view.far_m)):.0f}",
        **_examples(view),
    }


def _px(values: Sequence[float]) -> str:
    return "[" + ", ".join(f"{v:.0f}" for v in values) + "]"
