"""The eval metrics: does the run's scene.json show what the suite's expectations say?

Every metric reads what was rendered (per-frame boxes, visible fractions, depths, colour shares) or where
things were in the world (per-frame root positions, track yaws, sizes), never the director's plan as ground
truth: suite nouns are found among the built entities by name and category, and a misread prompt fails here
even where the run's own critic is satisfied. The plan is read only for structure (which instances form one
group) and, for attribute words no pixel can show (shape, material, size), for what was asked of the
generator; those results say measured=False. docs/evals.md gives every definition, threshold and why.

Binding rule: a suite noun matches entity *groups* (the instances of one plan entity); an expectation about a
noun holds when some matched group satisfies it in each of its instances ('a red car and a blue car': one car
group is red, the other blue). Counting is the exception: every matched instance counts.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from scenewright.evals.schema import (
    ActionExpectation,
    AttributeExpectation,
    CountExpectation,
    EvalItem,
    Expectations,
    MetricResult,
    MotionExpectation,
    NounMapping,
    SpatialExpectation,
)
from scenewright.schema import EntityFrame, EntityRecord, FrameRecord, SceneDocument
from scenewright.tools.judge import (
    COLOR_MIN_DOMINANT_SHARE,
    METRIC_COLOR_SHARE,
    METRIC_DEPTH_MARGIN_FRACTION,
    METRIC_VISIBLE_FRAMES,
    MIN_VISIBLE_FRACTION,
    MOTION_MIN_DEPTH_FRACTION,
    MOTION_MIN_FRAMES,
    MOTION_MIN_SHIFT_FRACTION,
    OCCLUSION_MARGIN,
    ON_GAP_FRACTION,
    RELATION_MIN_FRAME_FRACTION,
    SCREEN_MARGIN_FRACTION,
    fitted_change,
    min_screen_pixels,
    penetration_tolerance,
    resting_pairs,
    shows_color,
)
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language.words import VERB_FORMS, is_adverb, singular
from scenewright.tools.render.analysis import ACHROMATIC_NAMES
from scenewright.tools.scene.camera import camera_matrices, project_points, unproject_points
from scenewright.tools.scene.catalog import CATEGORIES, Category
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import box_penetration

# The thresholds the metrics share with the critic and layout refinement are tools.judge's (METRIC_* where the
# critic is deliberately stricter); these are the metrics' own.
VERTICAL_TOLERANCE_FRACTION = 0.1
"""above / below: the gap between bottom and top may close by 10% of the smaller height."""

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

SPATIAL_PHRASES = {
    "left_of": "left of",
    "right_of": "right of",
    "in_front_of": "in front of",
    "behind": "behind",
    "on": "on",
    "under": "under",
    "above": "above",
    "below": "below",
}
ARTICLES = frozenset({"a", "an", "the"})


# ------------------------------------------------------------------------------------------ the run


@dataclass(frozen=True)
class Run:
    """A scene.json with the lookups every metric needs."""

    scene: SceneDocument
    records: dict[str, EntityRecord]
    groups: dict[str, list[str]]  # plan group id -> its instance ids, in order
    yaws: dict[str, list[float]]  # instance -> yaw per frame (its track, else its placement)
    min_box_area: int

    @classmethod
    def of(cls, scene: SceneDocument) -> Run:
        records = {record.id: record for record in scene.entities}
        group_of = {instance: spec.id for instance, spec in scene.plan.group_of().items()}
        groups: dict[str, list[str]] = {}
        for instance in records:
            groups.setdefault(group_of.get(instance, instance), []).append(instance)
        tracks = {track.entity: track for track in scene.motion.tracks}
        placements = {placement.entity: placement for placement in scene.layout.placements}
        yaws = {
            instance: [
                root_pose_at(tracks[instance], frame.t)[1] if instance in tracks else placements[instance].yaw
                for frame in scene.frames
            ]
            for instance in records
            if instance in tracks or instance in placements
        }
        area = min_screen_pixels(scene.width, scene.height)
        return cls(scene=scene, records=records, groups=groups, yaws=yaws, min_box_area=area)

    def seen(self, frame: FrameRecord, instance: str) -> bool:
        """Recognisably on screen: a box of at least min_box_area and MIN_VISIBLE_FRACTION showing."""
        state = frame.entities.get(instance)
        if state is None or state.bbox is None:
            return False
        x0, y0, x1, y1 = state.bbox
        return state.visible_fraction >= MIN_VISIBLE_FRACTION and (x1 - x0) * (y1 - y0) >= self.min_box_area

    def height(self, instance: str) -> float:
        return self.records[instance].size_m[1]

    def length(self, instance: str) -> float:
        """Its longer footprint side, metres: how far counts as 'it moved'."""
        size = self.records[instance].size_m
        return max(size[0], size[2])

    def surface(self, instance: str) -> float:
        """Height above its bottom that things rest on: a seat or table top (catalog), else its top."""
        category = CATEGORIES.get(self.records[instance].category)
        height = self.height(instance)
        if category is None or category.surface_height_m is None:
            return height
        return category.surface_height_m * height / category.size_m[1]


# ------------------------------------------------------------------------------------- noun matching


def words_of(phrase: str) -> list[str]:
    """Lowercase words, no articles or punctuation, each singular: 'the Red Balls?' -> ['red', 'ball']."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", phrase.lower())
    return [singular(word) for word in words if word not in ARTICLES]


def noun_category(phrase: str) -> str | None:
    """The lexicon's own category of a noun phrase (its longest known ending: 'cafe table' -> table), or None.

    Only NOUN_CATEGORIES counts (a puppy is a dog), not a stand-in (a squirrel is built as a cat, but a
    suite's squirrel is not a lion that was built as a cat)."""
    noun = lx.category_noun(" ".join(words_of(phrase)))
    return None if noun is None else lx.NOUN_CATEGORIES.get(noun)


def own_category(record: EntityRecord) -> str | None:
    """The category an entity is, not one it borrows: its name's own category where the lexicon knows the
    name (a squirrel built as a cat has none), else the category it was built as; None for generic."""
    noun = lx.category_noun(" ".join(words_of(record.name)))
    category = record.category if noun is None else lx.NOUN_CATEGORIES.get(noun)
    return None if category == "generic" else category


@dataclass(frozen=True)
class Binding:
    """The entity groups a suite noun matched, and how."""

    noun: str
    groups: list[list[str]]  # instance ids of each matched group
    level: str  # 'name', 'head noun', 'category', or '' when nothing matched
    mapping: NounMapping

    @property
    def instances(self) -> list[str]:
        return [instance for group in self.groups for instance in group]

    def says(self) -> str:
        """'dog -> puppy (category)', 'cat -> cat_1..cat_3 (name)' for a detail line."""
        if not self.groups:
            return f"{self.noun} -> no entity"
        names = [g[0] if len(g) == 1 else f"{g[0]}..{g[-1]}" for g in self.groups]
        return f"{self.noun} -> {', '.join(names)} ({self.level})"


def bind(noun: str, run: Run) -> Binding:
    """Match a suite noun to entity groups: by whole name, else head noun, else lexicon category."""
    words = words_of(noun)
    wanted = noun_category(noun)
    names = {gid: words_of(run.records[ids[0]].name) for gid, ids in run.groups.items()}
    levels: list[tuple[str, Callable[[str], bool]]] = [
        ("name", lambda gid: names[gid] == words),
        ("head noun", lambda gid: bool(words) and names[gid][-1:] == words[-1:]),
        (
            "category",
            lambda gid: wanted is not None and own_category(run.records[run.groups[gid][0]]) == wanted,
        ),
    ]
    for level, matches in levels:
        groups = [ids for gid, ids in run.groups.items() if matches(gid)]
        if groups:
            category = run.records[groups[0][0]].category
            mapping = NounMapping(noun=noun, category=category, kind=lx.noun_kind(" ".join(words), category))
            return Binding(noun=noun, groups=groups, level=level, mapping=mapping)
    return Binding(
        noun=noun, groups=[], level="", mapping=NounMapping(noun=noun, category=None, kind="missing")
    )


# ------------------------------------------------------------------------------------------- scoring


def suite_nouns(expect: Expectations) -> list[str]:
    """Every noun the expectations name, `objects` first, each once."""
    named = [
        *expect.objects,
        *(noun for s in expect.spatial for noun in (s.subject, s.object)),
        *(m.object for m in expect.motions),
        *(c.object for c in expect.counts),
        *(a.object for a in expect.attributes),
        *(a.object for a in expect.actions),
    ]
    return list(dict.fromkeys(named))


def score_item(
    item: EvalItem, scene: SceneDocument, run_dir: Path
) -> tuple[list[MetricResult], list[NounMapping]]:
    """Every metric of one item: visibility and interpenetration always, then one per expectation.

    `run_dir` is the run's output folder; every measurement here comes from scene.json, so it is unused.
    """
    del run_dir  # the contract passes it for metrics that read the frames; these read scene.json only
    run = Run.of(scene)
    expect = item.expect
    nouns = suite_nouns(expect)
    bindings = {noun: bind(noun, run) for noun in nouns}
    results = [
        *visibility(run, [bindings[noun] for noun in expect.objects]),
        interpenetration(
            run,
            [
                (bindings[s.subject], bindings[s.object])
                for s in expect.spatial
                if s.relation in ("on", "under")
            ],
        ),
        *(spatial(run, s, bindings[s.subject], bindings[s.object]) for s in expect.spatial),
        *(motion(run, m, bindings[m.object]) for m in expect.motions),
        *(numeracy(run, c, bindings[c.object]) for c in expect.counts),
        *(r for a in expect.attributes for r in attribute(run, a, bindings[a.object])),
        *(action(run, a, bindings[a.object]) for a in expect.actions),
    ]
    return results, [bindings[noun].mapping for noun in nouns]


# ---------------------------------------------------------------------------------------- visibility


def visibility(run: Run, bindings: list[Binding]) -> list[MetricResult]:
    """Each suite noun seen in METRIC_VISIBLE_FRAMES of the frames; without suite nouns, each group."""
    if bindings:
        subjects = [(b.says(), b.instances) for b in bindings]
    else:
        subjects = [
            (f"{run.records[ids[0]].name} (built; the suite names no objects)", ids)
            for ids in run.groups.values()
        ]
    results = []
    for label, instances in subjects:
        frames = run.scene.frames
        seen = sum(any(run.seen(frame, i) for i in instances) for frame in frames)
        fraction = seen / len(frames) if frames else 0.0
        results.append(
            MetricResult(
                name="visibility",
                passed=fraction >= METRIC_VISIBLE_FRAMES,
                score=fraction,
                detail=f"{label}: seen in {seen}/{len(frames)} frames (needs >= {METRIC_VISIBLE_FRAMES:.0%})",
            )
        )
    return results


# ---------------------------------------------------------------------------------- interpenetration


def interpenetration(run: Run, contacts: list[tuple[Binding, Binding]]) -> MetricResult:
    """Posed boxes (frame positions, track yaws, entity sizes) must not overlap beyond the tolerance.

    Exempt: a pair where one rests on the other (Placement.support) and a pair the suite or the plan puts
    'on' / 'under' each other: boxes cannot say whether a table, bench or tree is open beneath.
    """
    ids = [instance for instance in run.records if instance in run.yaws]
    if len(ids) < 2:
        return MetricResult(name="interpenetration", passed=True, score=1.0, detail="fewer than two entities")
    position = np.array(
        [[frame.entities[i].position for i in ids] for frame in run.scene.frames]
    )  # [T, E, 3]
    yaw = np.array([run.yaws[i] for i in ids]).T  # [T, E]
    extent = np.array([run.records[i].size_m for i in ids])  # [E, 3]
    depth = box_penetration(position, yaw, extent).max(0)  # [E, E] worst over the clip
    exempt = _exempt_pairs(run, contacts)
    worst: tuple[float, str] = (1.0, "")  # (tolerance / depth of the worst pair, what it was)
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            tolerance = penetration_tolerance(extent[[a, b]])
            if frozenset((ids[a], ids[b])) in exempt or depth[a, b] <= tolerance:
                continue
            if tolerance / depth[a, b] < worst[0]:
                overlap = f"{ids[a]} and {ids[b]} overlap by {depth[a, b]:.2f} m (allowed {tolerance:.2f} m)"
                worst = (float(tolerance / depth[a, b]), overlap)
    score, overlap = worst
    exempted = f"; {len(exempt)} on/under pair(s) exempt" if exempt else ""
    if not overlap:
        overlap = f"no two of {len(ids)} entities overlap beyond tolerance in {len(run.scene.frames)} frames"
    return MetricResult(name="interpenetration", passed=score >= 1.0, score=score, detail=overlap + exempted)


def _exempt_pairs(run: Run, contacts: list[tuple[Binding, Binding]]) -> set[frozenset[str]]:
    """Instance pairs excused from interpenetration (see `interpenetration`): the critic's resting pairs
    (tools.judge.resting_pairs) and the suite's on / under pairs."""
    resting = resting_pairs(run.scene.plan, run.scene.layout, list(run.records))
    pairs = {frozenset(pair) for pair in resting}
    for subject, obj in contacts:
        pairs |= {frozenset((s, o)) for s in subject.instances for o in obj.instances if s != o}
    return pairs


# ------------------------------------------------------------------------------------------- spatial


def spatial(run: Run, expected: SpatialExpectation, subject: Binding, obj: Binding) -> MetricResult:
    """The relation in each frame where both are seen; the best (subject group, object group) pair counts.

    Per frame every seen subject instance must relate to every seen object instance (on / under: to at
    least one). The groups must differ, so 'a tall woman beside a short woman' compares two women.
    """
    phrase = f"{expected.subject} {SPATIAL_PHRASES[expected.relation]} {expected.object}"
    best = (0.0, f"{phrase}: {subject.says()}; {obj.says()}; never seen together")
    for subjects in subject.groups:
        for objects in obj.groups:
            if subjects == objects:
                continue
            held, together = 0, 0
            for k, frame in enumerate(run.scene.frames):
                seen_s = [i for i in subjects if run.seen(frame, i)]
                seen_o = [i for i in objects if run.seen(frame, i)]
                if not seen_s or not seen_o:
                    continue
                together += 1
                quantifier = any if expected.relation in ("on", "under") else all
                held += all(
                    quantifier(_relation(run, expected.relation, k, s, o) for o in seen_o) for s in seen_s
                )
            if together and held / together >= best[0]:
                best = (
                    held / together,
                    f"{phrase}: {subjects[0]} vs {objects[0]} holds in {held}/{together} frames where both "
                    f"are seen (needs >= {RELATION_MIN_FRAME_FRACTION:.0%})",
                )
    fraction, detail = best
    return MetricResult(
        name="spatial", passed=fraction >= RELATION_MIN_FRAME_FRACTION, score=fraction, detail=detail
    )


def _relation(run: Run, relation: str, k: int, subject: str, obj: str) -> bool:
    """Whether `subject relation obj` holds in frame k, where both are seen."""
    frame = run.scene.frames[k]
    s, o = frame.entities[subject], frame.entities[obj]
    assert s.bbox is not None and o.bbox is not None
    (sx0, sy0, sx1, sy1), (ox0, oy0, ox1, oy1) = s.bbox, o.bbox
    dx = (sx0 + sx1 - ox0 - ox1) / 2  # subject centre - object centre, px; screen y grows down
    dy = (sy0 + sy1 - oy0 - oy1) / 2
    margin_x, margin_y = SCREEN_MARGIN_FRACTION * run.scene.width, SCREEN_MARGIN_FRACTION * run.scene.height
    if relation in ("left_of", "right_of"):
        return dx < -margin_x if relation == "left_of" else dx > margin_x
    if relation in ("in_front_of", "behind"):
        front, back = (s, o) if relation == "in_front_of" else (o, s)
        boxes_overlap = min(sx1, ox1) > max(sx0, ox0) and min(sy1, oy1) > max(sy0, oy0)
        return _in_front(front, back, boxes_overlap)
    s_bottom, o_bottom = s.position[1], o.position[1]
    s_top, o_top = s_bottom + run.height(subject), o_bottom + run.height(obj)
    if relation in ("above", "below"):
        tolerance = VERTICAL_TOLERANCE_FRACTION * min(run.height(subject), run.height(obj))
        if relation == "above":
            return s_bottom >= o_top - tolerance and dy < -margin_y
        return s_top <= o_bottom + tolerance and dy > margin_y
    inside = _inside_footprint(run, k, subject, obj)
    if relation == "on":
        contact = abs(s_bottom - (o_bottom + run.surface(obj))) <= ON_GAP_FRACTION * run.height(subject)
        return contact and inside and dy < 0
    # under: inside its footprint, lower (centre below centre, top not above its top), lower on screen
    lower = s_bottom + run.height(subject) / 2 < o_bottom + run.height(obj) / 2 and s_top <= o_top
    return inside and lower and dy > 0


def _in_front(front: EntityFrame, back: EntityFrame, boxes_overlap: bool) -> bool:
    """Nearer by depth; where the boxes overlap, the front one must not be hidden more than the back one."""
    assert front.depth_m is not None and back.depth_m is not None
    margin = METRIC_DEPTH_MARGIN_FRACTION * (front.depth_m + back.depth_m) / 2
    hides_more = (1 - back.visible_fraction) - (1 - front.visible_fraction)  # how much more of back is hidden
    if abs(front.depth_m - back.depth_m) <= margin:
        return boxes_overlap and hides_more >= OCCLUSION_MARGIN
    return front.depth_m < back.depth_m and (not boxes_overlap or hides_more > -OCCLUSION_MARGIN)


def _inside_footprint(run: Run, k: int, subject: str, obj: str) -> bool:
    """The subject's ground centre lies inside the object's yaw-rotated footprint in frame k."""
    frame = run.scene.frames[k]
    s, o = frame.entities[subject].position, frame.entities[obj].position
    yaw = run.yaws[obj][k]
    dx, dz = s[0] - o[0], s[2] - o[2]
    along = dx * math.cos(yaw) - dz * math.sin(yaw)  # on the facing axis (cos, -sin)
    across = dx * math.sin(yaw) + dz * math.cos(yaw)  # on the sideways axis (sin, cos)
    size = run.records[obj].size_m
    return abs(along) <= size[0] / 2 and abs(across) <= size[2] / 2


# -------------------------------------------------------------------------------------------- motion


def motion(run: Run, expected: MotionExpectation, binding: Binding) -> MetricResult:
    """A least-squares line through the seen frames' box centres (or depths) in the mid-clip camera's view.

    The camera's own motion is removed: each frame's box centre at its depth is unprojected with that
    frame's camera and projected with the mid-clip camera (Layout.camera). Some matched group must move
    the named way in each of its instances.
    """
    label = f"{expected.object} moves {expected.direction}"
    return _best_group(
        "motion",
        label,
        f"{label}: {binding.says()}",
        binding,
        lambda instance: [_direction_score(run, instance, expected.direction)],
    )


def _best_group(
    name: str,
    label: str,
    unmatched: str,
    binding: Binding,
    score: Callable[[str], list[tuple[float, str]]],
) -> MetricResult:
    """The matched group whose weakest instance scores best: some group must satisfy it in every instance.
    `unmatched` is the detail when no group matched."""
    best = (0.0, unmatched)
    for group in binding.groups:
        scored = [item for instance in group for item in score(instance)]
        weakest = min(value for value, _ in scored)
        if weakest >= best[0]:
            best = (weakest, f"{label}: " + "; ".join(line for _, line in scored))
    value, detail = best
    return MetricResult(name=name, passed=value >= 1.0, score=value, detail=detail)


def _direction_score(run: Run, instance: str, direction: str) -> tuple[float, str]:
    """(fitted change / needed change, clipped to 0..1; what was measured) for one instance."""
    frames = [frame for frame in run.scene.frames if run.seen(frame, instance)]
    if len(frames) < MOTION_MIN_FRAMES:
        return 0.0, f"{instance} seen in {len(frames)} frames, too few to fit a direction"
    t = np.array([frame.t for frame in frames])  # [F]
    x, y, depth = _in_base_view(run, frames, instance).T  # [F] each
    if direction in ("left", "right", "up", "down"):
        horizontal = direction in ("left", "right")
        values, side, axis = (x, run.scene.width, "x") if horizontal else (y, run.scene.height, "y")
        needed = MOTION_MIN_SHIFT_FRACTION * side * (-1.0 if direction in ("left", "up") else 1.0)
        change = fitted_change(t, values)
        line = f"{instance} centre {axis} {change:+.0f} px over {len(frames)} seen frames "
        line += f"(needs {needed:+.0f} px)"
    else:
        needed = MOTION_MIN_DEPTH_FRACTION * float(depth.mean()) * (-1.0 if direction == "toward" else 1.0)
        change = fitted_change(t, depth)
        line = f"{instance} depth {change:+.2f} m over {len(frames)} seen frames (needs {needed:+.2f} m)"
    return float(np.clip(change / needed, 0.0, 1.0)), line


def _in_base_view(run: Run, frames: list[FrameRecord], instance: str) -> np.ndarray:
    """Box centre x, y (px) and depth (m) [F, 3] of an instance, as the mid-clip camera would see them."""
    width, height = run.scene.width, run.scene.height
    base_viewmat, K = camera_matrices(run.scene.layout.camera, width, height)
    rows = []
    for frame in frames:
        state = frame.entities[instance]
        assert state.bbox is not None and state.depth_m is not None
        x0, y0, x1, y1 = state.bbox
        uv = torch.tensor([[(x0 + x1) / 2, (y0 + y1) / 2]], dtype=torch.float32)  # [1, 2]
        depth = torch.tensor([state.depth_m], dtype=torch.float32)  # [1]
        if frame.camera != run.scene.layout.camera:
            viewmat, _ = camera_matrices(frame.camera, width, height)
            uv, depth = project_points(unproject_points(uv, depth, viewmat, K), base_viewmat, K)
        rows.append([float(uv[0, 0]), float(uv[0, 1]), float(depth[0])])
    return np.array(rows)


# ------------------------------------------------------------------------------------------ numeracy


def numeracy(run: Run, expected: CountExpectation, binding: Binding) -> MetricResult:
    """The median over frames of the number of seen instances the noun matched equals the count."""
    counts = [sum(run.seen(frame, i) for i in binding.instances) for frame in run.scene.frames]
    median = statistics.median(counts)
    spread = ", ".join(f"{n} in {k}" for n, k in sorted(Counter(counts).items()))
    return MetricResult(
        name="numeracy",
        passed=median == expected.count,
        score=1.0
        if median == expected.count
        else max(0.0, 1.0 - abs(median - expected.count) / expected.count),
        detail=f"{expected.count} {expected.object}: median {median:g} seen per frame ({binding.says()}; "
        f"counts: {spread})",
    )


# ----------------------------------------------------------------------------------------- attribute


def attribute(run: Run, expected: AttributeExpectation, binding: Binding) -> list[MetricResult]:
    """Colour words from the entity's own pixels; other words (shape, material, size) from the plan."""
    words = [word.lower() for word in expected.words]
    colors = list(dict.fromkeys(lx.COLOR_SYNONYMS[w] for w in words if w in lx.COLOR_SYNONYMS))
    others = [w for w in words if w not in lx.COLOR_SYNONYMS]
    label = expected.phrase or f"{' '.join(expected.words)} {expected.object}"
    results = []
    if colors:
        results.append(_colour_result(run, label, colors, binding))
    if others:
        results.append(_carried_result(run, label, others, binding))
    return results


def _colour_result(run: Run, label: str, colors: list[str], binding: Binding) -> MetricResult:
    def score(instance: str) -> list[tuple[float, str]]:
        shares = _pooled_colors(run, instance)
        return [_colour_score(instance, color, shares) for color in colors]

    return _best_group("attribute", label, f"{label}: {binding.says()}, never seen", binding, score)


def _pooled_colors(run: Run, instance: str) -> dict[str, float]:
    """Colour shares of the instance over its seen frames, weighted by box area (a pixel-count proxy)."""
    pixels: Counter[str] = Counter()
    for frame in run.scene.frames:
        if run.seen(frame, instance):
            state = frame.entities[instance]
            assert state.bbox is not None
            x0, y0, x1, y1 = state.bbox
            pixels.update({c: share * (x1 - x0) * (y1 - y0) for c, share in state.colors.items()})
    total = sum(pixels.values())
    return {c: n / total for c, n in pixels.most_common()} if total else {}


def _colour_score(instance: str, color: str, shares: dict[str, float]) -> tuple[float, str]:
    """(1 when the colour passes, else share / METRIC_COLOR_SHARE; what was seen) for one instance."""
    if not shares:
        return 0.0, f"{instance} is never seen (or scene.json has no colours: schema < 1.3)"
    achromatic = color in ACHROMATIC_NAMES
    share = shares.get(color, 0.0)
    passed = shows_color(shares, color, METRIC_COLOR_SHARE)
    top = ", ".join(f"{s:.0%} {c}" for c, s in list(shares.items())[:4])
    line = f"{instance} {color} {share:.0%} (needs >= {METRIC_COLOR_SHARE:.0%}, or the largest "
    line += f"{'share' if achromatic else 'hue'} with >= {COLOR_MIN_DOMINANT_SHARE:.0%}); shows {top}"
    return (1.0 if passed else share / METRIC_COLOR_SHARE), line


def _carried_result(run: Run, label: str, words: list[str], binding: Binding) -> MetricResult:
    """Words pixels cannot show: carried when the group's plan entry names them (or scales for size)."""
    specs = {spec.id: spec for spec in run.scene.plan.entities}
    best: tuple[list[str], str] = (words, "")
    for gid, group in run.groups.items():
        if group not in binding.groups or gid not in specs:
            continue
        spec = specs[gid]
        said = set(words_of(" ".join([spec.name, spec.description, *spec.attributes])))
        missing = [w for w in words if not _carries(w, said, spec.size_scale)]
        if len(missing) < len(best[0]) or not best[1]:
            best = (missing, gid)
    missing, gid = best
    found = [w for w in words if w not in missing]
    detail = f"{label}: not measurable in pixels; {binding.says()}"
    if gid:
        detail += f"; the plan's {gid} carries {found or 'none'}" + (f", lacks {missing}" if missing else "")
    return MetricResult(
        name="attribute",
        passed=bool(gid) and not missing,
        score=len(found) / len(words),
        detail=detail,
        measured=False,
    )


def _carries(word: str, said: set[str], size_scale: float) -> bool:
    """The word is among the plan's words, or a size word and the plan scales the same way ('tall': > 1)."""
    if word in lx.SIZE_WORDS and (lx.SIZE_WORDS[word] - 1) * (size_scale - 1) > 0:
        return True
    return all(part in said for part in words_of(word))


# -------------------------------------------------------------------------------------------- action


def verb_lemma(action: str) -> tuple[str, bool]:
    """(lemma, known) of the action's verb: its first word past auxiliaries and adverbs."""
    words = re.findall(r"[a-z'-]+", action.lower())
    verb = next((w for w in words if w not in lx.AUXILIARIES and not is_adverb(w)), action)
    return VERB_FORMS.get(verb, verb), verb in VERB_FORMS


def expected_clip(lemma: str, category: str) -> str:
    """The clip the lexicon gives a verb, played by this category's rig (a car 'races': drive)."""
    if lemma in lx.CAUSATIVE_VERBS:
        return "idle"  # 'a kid throws stones': the stones move, the kid acts in place
    spec: Category = CATEGORIES.get(category, CATEGORIES["generic"])
    natural = lx.FLOATING_CLIP if spec.floats else lx.NATURAL_CLIPS[spec.rig]
    clip = lx.VERB_CLIPS.get(lemma, "idle")
    clip = natural if clip == lx.MOVE else clip
    if spec.floats and clip in ("walk", "run", "drive", "fly"):
        clip = lx.FLOATING_CLIP
    return lx.RIG_CLIP_FIXES.get(spec.rig, {}).get(clip, clip)


def action(run: Run, expected: ActionExpectation, binding: Binding) -> MetricResult:
    """The matched group plays the verb's clip in each instance, and its world positions agree with it."""
    lemma, known = verb_lemma(expected.action)
    flag = "" if known else f" (unknown verb '{lemma}': expects idle)"
    clips = {track.entity: track.clip for track in run.scene.motion.tracks}
    best = (0.0, f"{expected.object} {expected.action}{flag}: {binding.says()}")
    for group in binding.groups:
        wanted = expected_clip(lemma, run.records[group[0]].category)
        checks = [_performs(run, instance, wanted, clips.get(instance, "idle")) for instance in group]
        score = min(score for score, _ in checks)
        if score >= best[0]:
            lines = "; ".join(line for _, line in checks)
            best = (score, f"{expected.object} {expected.action}{flag}: {lemma} -> {wanted}; {lines}")
    score, detail = best
    if score < 1.0:
        # 'Another entity doing that action instead does not pass': say so, it is the usual binding error.
        others = [
            i
            for i, clip in clips.items()
            if i not in binding.instances
            and i in run.records
            and clip not in lx.STILL_CLIPS
            and clip == expected_clip(lemma, run.records[i].category)
        ]
        detail += f" (played by {', '.join(others)} instead)" if others else ""
    return MetricResult(name="action", passed=score >= 1.0, score=score, detail=detail)


def _turns(run: Run, instance: str) -> float:
    """Whole turns the instance's body makes about its vertical axis over the frames, either way round."""
    track = next(t for t in run.scene.motion.tracks if t.entity == instance)
    yaws = [root_pose_at(track, frame.t)[1] for frame in run.scene.frames]
    return sum(abs(math.remainder(b - a, math.tau)) for a, b in itertools.pairwise(yaws)) / math.tau


def _performs(run: Run, instance: str, wanted: str, clip: str) -> tuple[float, str]:
    """(1 when the clip is the wanted one and the world positions agree with it, else partial; detail)."""
    positions = np.array([frame.entities[instance].position for frame in run.scene.frames])  # [T, 3]
    moved = float(np.linalg.norm(positions - positions[0], axis=1).max())
    length, height = run.length(instance), run.height(instance)
    motion = f"moves {moved:.2f} m (length {length:.2f} m)"
    if clip != wanted:
        return 0.0, f"{instance} plays {clip}, not {wanted}; {motion}"
    if wanted in lx.STILL_CLIPS:
        agrees = moved <= STILL_MAX_LENGTHS * length
        line = f"{instance} plays {clip}, {motion}, needs <= {STILL_MAX_LENGTHS:g} lengths"
    elif wanted == "spin":
        turns = _turns(run, instance)
        agrees = turns >= SPIN_MIN_TURNS
        line = f"{instance} plays spin, turns {turns:.2f} times (needs >= {SPIN_MIN_TURNS:g}) and {motion}"
    elif wanted in ("jump", "hop"):
        rise = float(positions[:, 1].max() - positions[:, 1].min())
        agrees = rise >= HOP_MIN_HEIGHT_FRACTION * height or moved >= TRAVEL_MIN_LENGTHS * length
        line = f"{instance} plays {wanted}, rises {rise:.2f} m and {motion}"
    else:
        agrees = moved >= TRAVEL_MIN_LENGTHS * length
        line = f"{instance} plays {clip}, {motion}, needs >= {TRAVEL_MIN_LENGTHS:g} lengths"
    if wanted == "fly":
        airborne = float(np.mean(positions[:, 1] > AIRBORNE_MIN_HEIGHT_FRACTION * height))
        line += f"; off the ground in {airborne:.0%} of frames (needs >= {AIRBORNE_MIN_FRACTION:.0%})"
        agrees = agrees and airborne >= AIRBORNE_MIN_FRACTION
    return (1.0 if agrees else 0.5), line
