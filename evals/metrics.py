"""The eval metrics: does the run's scene.json show what the suite's expectations say?

Every metric reads what was rendered (per-frame boxes, visible fractions, depths, colour shares) or where
things were in the world (per-frame root positions, track yaws, sizes), never the director's plan as ground
truth: suite nouns are found among the built entities by name and category, and a misread prompt fails here
even where the run's own critic is satisfied. The plan is read only for structure (which instances form one
group) and, for attribute words no pixel can show (shape, material, size), for what was asked of the
generator; those results say measured=False. Two more readings of the plan: a prompt list's items
(`named_things`) take the nouns the plan reads as things (plan.nouns) as what must be seen, and a placard
(the generic asset with a word printed on it: category 'generic', or a noun read with basis 'placard')
never counts as showing a noun. What no metric can judge (Expectations.unmeasured, VBench-2.0's 'oblique'
camera) is a result with judged=False: not measured, neither a pass nor a fail. docs/evals.md gives every
definition, threshold and why.

Binding rule: a suite noun matches entity *groups* (the instances of one plan entity); an expectation about a
noun holds when some matched group satisfies it in each of its instances ('a red car and a blue car': one car
group is red, the other blue). Counting is the exception: every matched instance counts.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch

from scenewright.evals.schema import (
    ActionExpectation,
    AttributeExpectation,
    CameraExpectation,
    ClipPhase,
    CountExpectation,
    EvalItem,
    Expectations,
    MetricResult,
    MotionExpectation,
    NounMapping,
    SpatialExpectation,
    Unmeasured,
)
from scenewright.schema import EntityRecord, FrameRecord, NounReading, SceneDocument
from scenewright.tools.judge import (
    ANY_OBJECT_RELATIONS,
    COLOR_MIN_DOMINANT_SHARE,
    COLOR_SHARE,
    MOTION_MIN_FRAMES,
    RELATION_MIN_FRAME_FRACTION,
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
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language.words import VERB_FORMS, is_adverb, singular
from scenewright.tools.render.analysis import ACHROMATIC_NAMES
from scenewright.tools.scene.camera import camera_matrices, project_points, unproject_points
from scenewright.tools.scene.catalog import CATEGORIES, Category
from scenewright.tools.scene.compose import root_pose_at
from scenewright.tools.scene.geometry import box_penetration

# The thresholds and predicates the metrics share with the critic and layout refinement are tools.judge's;
# these are the metrics' own.
PHASE_FRACTION = 0.25
"""spatial 'start' / 'end' (a relation before / after a change): the first / last quarter of the frames."""

ZOOM_MIN_RATIO = 1.15
"""camera zoom: the magnification (1 / (distance to the look-at point x tan(fov / 2))) grows (zoom in) or
shrinks (zoom out) by 15% over the clip, by a dolly or the lens."""
PAN_MIN_DEG = 10.0
"""camera pan: the view turns at least 10 degrees about the vertical, the named way."""
TILT_MIN_DEG = 5.0
"""camera tilt: the view's pitch changes at least 5 degrees, the named way."""
IN_PLACE_MAX_FRACTION = 0.1
"""pan / tilt: the camera turns where it stands, moving at most 10% of its distance to the look-at point."""
ORBIT_MIN_DEG = 30.0
"""camera orbits: the camera sweeps at least 30 degrees about the centre of what it looks at..."""
ORBIT_MAX_OFF_DEG = 10.0
"""...and keeps facing that centre within 10 degrees in every frame."""
STILL_MAX_FRACTION = 0.02
STILL_MAX_DEG = 1.0
"""camera static: moves at most 2% of its distance, turns and tilts at most 1 degree, magnification within
2%."""

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
    placards: frozenset[str]  # group ids built as a placard: never shows a noun

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
        placards = {gid for gid, ids in groups.items() if records[ids[0]].category == "generic"}
        placards |= {
            group_of.get(reading.stands_for, reading.stands_for)
            for reading in scene.plan.nouns
            if reading.basis == "placard"
        }
        return cls(
            scene=scene,
            records=records,
            groups=groups,
            yaws=yaws,
            min_box_area=area,
            placards=frozenset(placards),
        )

    def group(self, name: str) -> tuple[str, list[str]]:
        """(group id, its instances) of a group id or of one of its instances; ('', []) for neither."""
        return next(((gid, ids) for gid, ids in self.groups.items() if name == gid or name in ids), ("", []))

    def seen(self, frame: FrameRecord, instance: str) -> bool:
        """Recognisably on screen: a box of at least min_box_area and MIN_VISIBLE_FRACTION showing."""
        state = frame.entities.get(instance)
        return state is not None and seen(state.bbox, state.visible_fraction, self.min_box_area)

    def height(self, instance: str) -> float:
        return self.records[instance].size_m[1]

    def length(self, instance: str) -> float:
        """Its longer footprint side, metres: how far counts as 'it moved'."""
        size = self.records[instance].size_m
        return max(size[0], size[2])

    def surface(self, instance: str) -> float:
        """Height above its bottom that things rest on: a seat or table top (catalog), else its top."""
        return surface_height(self.records[instance].category, self.height(instance))

    def sighting(self, k: int, instance: str) -> Sighting:
        """A seen instance in frame k, as tools.judge's relations read it."""
        state = self.scene.frames[k].entities[instance]
        assert state.bbox is not None and state.depth_m is not None
        return Sighting(
            bbox=state.bbox,
            visible_fraction=state.visible_fraction,
            depth_m=state.depth_m,
            position=state.position,
            yaw=self.yaws[instance][k],
            size_m=self.records[instance].size_m,
            surface_m=self.surface(instance),
        )


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
    """The entity groups a suite noun matched, and how; a noun that only placards matched binds none."""

    noun: str
    groups: list[list[str]]  # instance ids of each matched group
    level: str  # 'name', 'head noun', 'category', or '' when nothing matched
    mapping: NounMapping
    placards: list[str]  # the placards that matched it instead, which never show a noun

    @property
    def instances(self) -> list[str]:
        return [instance for group in self.groups for instance in group]

    def says(self) -> str:
        """'dog -> puppy (category)', 'cat -> cat_1..cat_3 (name)' for a detail line."""
        if self.placards:
            return f"{self.noun} -> only a placard ({', '.join(self.placards)}), which never shows it"
        if not self.groups:
            return f"{self.noun} -> no entity"
        names = [g[0] if len(g) == 1 else f"{g[0]}..{g[-1]}" for g in self.groups]
        return f"{self.noun} -> {', '.join(names)} ({self.level})"


def bind(noun: str, run: Run) -> Binding:
    """Match a suite noun to entity groups: by whole name, else head noun, else lexicon category. Placards
    are matched last and bind nothing: the noun is reported as built 'generic' and every metric naming it
    fails."""
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
    for placards in (False, True):
        candidates = [gid for gid in run.groups if (gid in run.placards) == placards]
        for level, matches in levels:
            matched = [gid for gid in candidates if matches(gid)]
            if not matched:
                continue
            category = run.records[run.groups[matched[0]][0]].category
            kind = "generic" if placards else lx.noun_kind(" ".join(words), category)
            return Binding(
                noun=noun,
                groups=[] if placards else [run.groups[gid] for gid in matched],
                level=level,
                mapping=NounMapping(noun=noun, category=category, kind=kind),
                placards=matched if placards else [],
            )
    mapping = NounMapping(noun=noun, category=None, kind="missing")
    return Binding(noun=noun, groups=[], level="", mapping=mapping, placards=[])


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
    """Every metric of one item: visibility (of the suite's nouns, else of the plan's things for
    `named_things`) and interpenetration always, then one per expectation, then one not-measured result per
    unmeasured expectation.

    `run_dir` is the run's output folder; every measurement here comes from scene.json, so it is unused.
    """
    del run_dir  # the contract passes it for metrics that read the frames; these read scene.json only
    run = Run.of(scene)
    expect = item.expect
    nouns = suite_nouns(expect)
    bindings = {noun: bind(noun, run) for noun in nouns}
    seen, things = (
        named_things(run)
        if expect.named_things
        else (visibility(run, [bindings[noun] for noun in expect.objects]), [])
    )
    results = [
        *seen,
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
        *([] if expect.camera is None else [camera(run, expect.camera)]),
        *(not_measured(u) for u in expect.unmeasured),
    ]
    return results, [*(bindings[noun].mapping for noun in nouns), *things]


def not_measured(unmeasured: Unmeasured) -> MetricResult:
    return MetricResult(
        name=unmeasured.metric,
        passed=False,
        judged=False,
        score=0.0,
        detail=f"{unmeasured.what}: not measured (no metric here judges it)",
    )


# ---------------------------------------------------------------------------------------- visibility


def visibility(run: Run, bindings: list[Binding]) -> list[MetricResult]:
    """Each suite noun seen in VISIBLE_FRAMES of the frames; without suite nouns, each group."""
    if bindings:
        subjects = [(b.says(), b.instances) for b in bindings]
    else:
        subjects = [
            (f"{run.records[ids[0]].name} (built; the suite names no objects)", ids)
            for ids in run.groups.values()
        ]
    return [_seen_result(run, label, instances) for label, instances in subjects]


def _seen_result(run: Run, label: str, instances: list[str]) -> MetricResult:
    """Any of the instances seen in VISIBLE_FRAMES of the frames."""
    frames = run.scene.frames
    seen = sum(any(run.seen(frame, i) for i in instances) for frame in frames)
    fraction = seen / len(frames) if frames else 0.0
    return MetricResult(
        name="visibility",
        passed=fraction >= VISIBLE_FRAMES,
        score=fraction,
        detail=f"{label}: seen in {seen}/{len(frames)} frames (needs >= {VISIBLE_FRAMES:.0%})",
    )


def named_things(run: Run) -> tuple[list[MetricResult], list[NounMapping]]:
    """Each noun the plan reads as a thing is seen as the entity that stands for it (visibility's rule),
    and that entity is not a placard. Which nouns are things is the plan's reading (a prompt list names no
    nouns of its own); a plan without noun readings (scene.json before 1.6) leaves it not measured."""
    if not run.scene.plan.nouns:
        unread = "which nouns the prompt names: the plan records no noun readings (scene.json before 1.6)"
        return [not_measured(Unmeasured(metric="visibility", what=unread))], []
    results, mappings = [], []
    for reading in run.scene.plan.nouns:
        if reading.noun_class == "thing":
            result, mapping = _thing_seen(run, reading)
            results.append(result)
            mappings.append(mapping)
    return results, mappings


def _thing_seen(run: Run, reading: NounReading) -> tuple[MetricResult, NounMapping]:
    group, instances = run.group(reading.stands_for)
    read = f"{reading.noun} ({reading.basis}" + (f" '{reading.read_as}'" if reading.read_as else "") + ")"
    category = run.records[instances[0]].category if instances else reading.category
    if not instances or group in run.placards:
        why = f"{group} is a placard, which never shows the noun" if instances else "nothing stands for it"
        kind: Literal["known", "nearest", "generic", "missing"] = "missing" if not instances else "generic"
        result = MetricResult(name="visibility", passed=False, score=0.0, detail=f"{read}: {why}")
        return result, NounMapping(noun=reading.noun, category=category, kind=kind)
    kind = "nearest" if reading.basis == "nearest" else "known"
    label = f"{read} -> {group} ({category})"
    return _seen_result(run, label, instances), NounMapping(noun=reading.noun, category=category, kind=kind)


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
    """The relation in each frame of its phase (the clip, its first or its last PHASE_FRACTION) where both
    are seen; the best (subject group, object group) pair counts.

    Per frame every seen subject instance must relate to every seen object instance (on / under: to at
    least one). The groups must differ, so 'a tall woman beside a short woman' compares two women.
    """
    phrase = f"{expected.subject} {SPATIAL_PHRASES[expected.relation]} {expected.object}"
    frames = phase_frames(len(run.scene.frames), expected.during)
    if expected.during != "clip":
        phrase += f" in the {len(frames)} {expected.during} frame(s)"
    best = (0.0, f"{phrase}: {subject.says()}; {obj.says()}; never seen together")
    for subjects in subject.groups:
        for objects in obj.groups:
            if subjects == objects:
                continue
            held, together = 0, 0
            for k in frames:
                frame = run.scene.frames[k]
                seen_s = [i for i in subjects if run.seen(frame, i)]
                seen_o = [i for i in objects if run.seen(frame, i)]
                if not seen_s or not seen_o:
                    continue
                together += 1
                quantifier = any if expected.relation in ANY_OBJECT_RELATIONS else all
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


def phase_frames(count: int, during: ClipPhase) -> range:
    """Indices of the frames of a phase: all, the first or the last PHASE_FRACTION (at least one)."""
    span = max(1, round(PHASE_FRACTION * count))
    return {
        "clip": range(count),
        "start": range(min(span, count)),
        "end": range(max(0, count - span), count),
    }[during]


def _relation(run: Run, relation: str, k: int, subject: str, obj: str) -> bool:
    """Whether `subject relation obj` holds in frame k, where both are seen (tools.judge.relation_holds)."""
    return relation_holds(
        relation, run.sighting(k, subject), run.sighting(k, obj), run.scene.width, run.scene.height
    )


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
    score, change, needed = direction_score(
        direction, t, _in_base_view(run, frames, instance), run.scene.width, run.scene.height
    )
    if direction in ("toward", "away"):
        line = f"{instance} depth {change:+.2f} m over {len(frames)} seen frames (needs {needed:+.2f} m)"
    else:
        axis = "x" if direction in ("left", "right") else "y"
        line = f"{instance} centre {axis} {change:+.0f} px over {len(frames)} seen frames "
        line += f"(needs {needed:+.0f} px)"
    return score, line


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
    median = shown_count(counts)
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
    """Colour shares of the instance over its seen frames, weighted by box area (tools.judge)."""
    return pooled_colors(
        (state.colors, state.bbox)
        for frame in run.scene.frames
        if run.seen(frame, instance) and (state := frame.entities[instance]).bbox is not None
    )


def _colour_score(instance: str, color: str, shares: dict[str, float]) -> tuple[float, str]:
    """(1 when the colour passes, else share / COLOR_SHARE; what was seen) for one instance."""
    if not shares:
        return 0.0, f"{instance} is never seen (or scene.json has no colours: schema < 1.3)"
    achromatic = color in ACHROMATIC_NAMES
    share = shares.get(color, 0.0)
    passed = shows_color(shares, color)
    top = ", ".join(f"{s:.0%} {c}" for c, s in list(shares.items())[:4])
    line = f"{instance} {color} {share:.0%} (needs >= {COLOR_SHARE:.0%}, or the largest "
    line += f"{'share' if achromatic else 'hue'} with >= {COLOR_MIN_DOMINANT_SHARE:.0%}); shows {top}"
    return (1.0 if passed else share / COLOR_SHARE), line


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


def _performs(run: Run, instance: str, wanted: str, clip: str) -> tuple[float, str]:
    """(1 when the clip is the wanted one and the world positions agree with it (tools.judge.clip_agrees),
    else partial; detail)."""
    positions = np.array([frame.entities[instance].position for frame in run.scene.frames])  # [T, 3]
    if clip != wanted:
        moved = float(np.linalg.norm(positions - positions[0], axis=1).max())
        length = run.length(instance)
        return 0.0, f"{instance} plays {clip}, not {wanted}; moves {moved:.2f} m (length {length:.2f} m)"
    agrees, line = clip_agrees(clip, positions, run.yaws[instance], run.records[instance].size_m)
    return (1.0 if agrees else 0.5), f"{instance} {line}"


# -------------------------------------------------------------------------------------------- camera


@dataclass(frozen=True)
class CameraPath:
    """How the camera moved from the first frame to the last, as a viewer would describe it."""

    travel: float  # farthest the camera got from where it started / its mean distance to the look-at point
    turn_deg: float  # the view's turn about the vertical, summed frame to frame; + is to the left
    tilt_deg: float  # the view's pitch at the end minus at the start; + is up
    zoom: float  # magnification at the end / at the start
    sweep_deg: float  # the camera's turn about the mean look-at point, summed frame to frame
    off_deg: float  # the most the view pointed away from the mean look-at point

    @classmethod
    def of(cls, frames: list[FrameRecord]) -> CameraPath:
        eye = np.array([frame.camera.position for frame in frames])  # [T, 3]
        target = np.array([frame.camera.look_at for frame in frames])  # [T, 3]
        fov = np.radians([frame.camera.fov_deg for frame in frames])  # [T]
        distance = np.linalg.norm(target - eye, axis=1)  # [T]
        view = (target - eye) / distance[:, None]  # [T, 3] unit
        heading = np.arctan2(-view[:, 0], -view[:, 2])  # [T] 0 looks down -z, + turned left
        pitch = np.degrees(np.arcsin(np.clip(view[:, 1], -1.0, 1.0)))  # [T]
        magnification = 1.0 / (distance * np.tan(fov / 2))  # [T]
        centre = target.mean(axis=0)  # [3]
        around = np.arctan2(eye[:, 0] - centre[0], eye[:, 2] - centre[2])  # [T]
        to_centre = (centre - eye) / np.linalg.norm(centre - eye, axis=1, keepdims=True).clip(1e-9)  # [T, 3]
        off = np.degrees(np.arccos(np.clip((view * to_centre).sum(axis=1), -1.0, 1.0)))  # [T]
        return cls(
            travel=float(np.linalg.norm(eye - eye[0], axis=1).max() / distance.mean()),
            turn_deg=_summed_turn(heading),
            tilt_deg=float(pitch[-1] - pitch[0]),
            zoom=float(magnification[-1] / magnification[0]),
            sweep_deg=_summed_turn(around),
            off_deg=float(off.max()),
        )

    def says(self) -> str:
        return (
            f"moves {self.travel:.0%} of its distance, turns {self.turn_deg:+.1f}° (+ left), tilts "
            f"{self.tilt_deg:+.1f}° (+ up), magnification x{self.zoom:.2f}, sweeps {self.sweep_deg:+.0f}° "
            f"about what it looks at (facing it within {self.off_deg:.0f}°)"
        )


def _summed_turn(angles: np.ndarray) -> float:
    """Degrees turned over a sequence of angles [T] (radians), each step the short way round."""
    return math.degrees(sum(math.remainder(float(b - a), math.tau) for a, b in itertools.pairwise(angles)))


def camera(run: Run, expected: CameraExpectation) -> MetricResult:
    """The camera motion from the frames' camera poses (what the renderer used), whatever the plan asked.

    Zoom: the magnification changes by ZOOM_MIN_RATIO with the view direction held; pan / tilt: the view
    turns PAN_MIN_DEG / TILT_MIN_DEG the named way, more than about the other axis, with the camera in
    place; orbits: it sweeps ORBIT_MIN_DEG about the centre of what it looks at, facing it; static: nothing
    moves beyond the STILL_MAX_* slack. 'oblique' (VBench-2.0: a first-person, airborne, oblique dolly) names
    no one pose change: not measured."""
    motion = expected.motion
    frames = run.scene.frames
    if motion == "oblique" or len(frames) < 2:
        why = "fewer than two frames" if len(frames) < 2 else "an oblique airborne dolly names no pose rule"
        return not_measured(Unmeasured(metric="camera", what=f"camera {motion} ({why})"))
    path = CameraPath.of(frames)
    turn, tilt = abs(path.turn_deg), abs(path.tilt_deg)
    held = turn < PAN_MIN_DEG and tilt < TILT_MIN_DEG  # a zoom keeps its view
    panning = path.travel <= IN_PLACE_MAX_FRACTION and turn > tilt
    tilting = path.travel <= IN_PLACE_MAX_FRACTION and tilt > turn
    still = path.travel <= STILL_MAX_FRACTION and max(turn, tilt) <= STILL_MAX_DEG
    zoom = math.log(path.zoom) / math.log(ZOOM_MIN_RATIO)  # +1 at the ratio, -1 at its inverse
    progress, holds, needs = {  # (share of the motion made, its other conditions, what it needs)
        "zoom_in": (zoom, held, f"magnification x{ZOOM_MIN_RATIO:g}, the view held"),
        "zoom_out": (-zoom, held, f"magnification x{1 / ZOOM_MIN_RATIO:.2f}, the view held"),
        "pan_left": (path.turn_deg / PAN_MIN_DEG, panning, f"a {PAN_MIN_DEG:g}° turn left in place"),
        "pan_right": (-path.turn_deg / PAN_MIN_DEG, panning, f"a {PAN_MIN_DEG:g}° turn right in place"),
        "tilt_up": (path.tilt_deg / TILT_MIN_DEG, tilting, f"a {TILT_MIN_DEG:g}° tilt up in place"),
        "tilt_down": (-path.tilt_deg / TILT_MIN_DEG, tilting, f"a {TILT_MIN_DEG:g}° tilt down in place"),
        "orbits": (
            abs(path.sweep_deg) / ORBIT_MIN_DEG,
            path.off_deg <= ORBIT_MAX_OFF_DEG,
            f"a {ORBIT_MIN_DEG:g}° sweep facing within {ORBIT_MAX_OFF_DEG:g}°",
        ),
        "static": (
            1.0,
            still and abs(path.zoom - 1.0) <= STILL_MAX_FRACTION,
            f"moves <= {STILL_MAX_FRACTION:.0%}, turns and tilts <= {STILL_MAX_DEG:g}°, zoom within "
            f"{STILL_MAX_FRACTION:.0%}",
        ),
    }[motion]
    score = float(np.clip(progress, 0.0, 1.0)) if holds else 0.0
    return MetricResult(
        name="camera",
        passed=score >= 1.0,
        score=score,
        detail=f"camera {motion.replace('_', ' ')}: {path.says()} (needs {needs})",
    )
