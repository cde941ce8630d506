"""The metrics VBench's suites need, on scene.json documents built here (no render): the things a plan reads
in a prompt list must be seen and never as a placard, the camera motion is judged from the frames' camera
poses, a relation is judged before and after a change, and what no metric can judge is not measured."""

from pathlib import Path

import pytest

from scenewright.evals.metrics import score_item
from scenewright.evals.schema import (
    CameraExpectation,
    EvalItem,
    Expectations,
    MetricResult,
    NounMapping,
    SpatialExpectation,
    Unmeasured,
    item_verdict,
)
from scenewright.schema import (
    AssetInfo,
    CameraPose,
    CameraSpec,
    CritiqueRound,
    EntityFrame,
    EntityRecord,
    EntitySpec,
    FrameRecord,
    Layout,
    Motion,
    NounReading,
    Placement,
    Plan,
    SceneDocument,
    Usage,
)
from scenewright.tools.scene.camera import camera_at

WIDTH, HEIGHT, FRAMES, FPS = 160, 90, 16, 4
BASE = CameraPose(position=(0.0, 1.5, 6.0), look_at=(0.0, 0.5, 0.0), fov_deg=50.0)


def scene(
    entities: dict[str, str],
    *,
    nouns: list[NounReading] | None = None,
    boxes: dict[str, list[tuple[int, int, int, int] | None]] | None = None,
    camera: CameraSpec | None = None,
) -> SceneDocument:
    """A scene of `entities` (id -> category, named as their id) standing 2 m apart, each box 20 px wide
    at its own place in every frame unless `boxes` gives one per frame (None: not seen)."""
    ids = list(entities)
    records = [
        EntityRecord(
            id=i,
            name=i,
            category=category,
            color=None,
            asset=AssetInfo(
                category=category, content_hash="0" * 8, num_gaussians=1, parts=[], extent_m=(1.0, 1.0, 1.0)
            ),
            size_m=(1.0, 1.0, 1.0),
        )
        for i, category in entities.items()
    ]
    positions = {i: (2.0 * k, 0.0, 0.0) for k, i in enumerate(ids)}
    placed = {i: [(10 + 30 * k, 30, 30 + 30 * k, 50)] * FRAMES for k, i in enumerate(ids)}
    placed |= boxes or {}
    duration = FRAMES / FPS
    frames = [
        FrameRecord(
            t=k / FPS,
            camera=camera_at(BASE, camera or CameraSpec(), k / FPS, duration, {}),
            entities={
                i: EntityFrame(
                    bbox=placed[i][k],
                    visible_fraction=1.0 if placed[i][k] else 0.0,
                    depth_m=6.0,
                    position=positions[i],
                )
                for i in ids
            },
        )
        for k in range(FRAMES)
    ]
    plan = Plan(
        prompt="p",
        environment="park",
        entities=[EntitySpec(id=i, name=i, category=c) for i, c in entities.items()],
        camera=camera or CameraSpec(),
        nouns=nouns or [],
    )
    return SceneDocument(
        prompt="p",
        seed=0,
        fps=FPS,
        duration_s=duration,
        width=WIDTH,
        height=HEIGHT,
        rounds=1,
        passed=True,
        plan=plan,
        entities=records,
        layout=Layout(
            placements=[
                Placement(entity=i, position=positions[i], yaw=0.0, extent_m=(1.0, 1.0, 1.0)) for i in ids
            ],
            camera=BASE,
        ),
        motion=Motion(tracks=[]),
        frames=frames,
        critique=[CritiqueRound(round=1, checks=[])],
        usage=Usage(),
    )


def score(doc: SceneDocument, **expect: object) -> tuple[list[MetricResult], list[NounMapping]]:
    item = EvalItem(id="t", suite="test", category="test", prompt="p", expect=Expectations(**expect))
    return score_item(item, doc, Path("unused"))


def named(results: list[MetricResult], name: str) -> list[MetricResult]:
    return [r for r in results if r.name == name]


def thing(noun: str, stands_for: str, basis: str = "own", category: str | None = None) -> NounReading:
    return NounReading.model_validate(
        {"noun": noun, "noun_class": "thing", "basis": basis, "stands_for": stands_for, "category": category}
    )


READINGS = [
    thing("corgi", "corgi", category="dog"),
    thing("lantern", "lamp", basis="nearest", category="lamp"),
    thing("zorblax", "zorblax", basis="placard", category="generic"),
    thing("kite", ""),
    NounReading(noun="park", noun_class="setting", basis="setting", stands_for="park"),
    NounReading(noun="sunset", noun_class="effect", basis="effect", stands_for="sunset"),
    NounReading(noun="tableau", noun_class="none", basis="none"),
]


def test_every_thing_the_plan_reads_must_be_seen_as_itself_and_not_as_a_placard():
    hidden = [None] * FRAMES
    doc = scene(
        {"corgi": "dog", "lamp": "lamp", "zorblax": "generic"}, nouns=READINGS, boxes={"lamp": hidden}
    )
    results, nouns = score(doc, named_things=True)
    seen = named(results, "visibility")
    assert [r.passed for r in seen] == [True, False, False, False]  # settings, effects, words: not things
    assert "corgi (own) -> corgi (dog): seen in 16/16 frames" in seen[0].detail
    assert "seen in 0/16 frames" in seen[1].detail
    assert "zorblax is a placard, which never shows the noun" in seen[2].detail
    assert "kite (own): nothing stands for it" in seen[3].detail
    assert nouns == [
        NounMapping(noun="corgi", category="dog", kind="known"),
        NounMapping(noun="lantern", category="lamp", kind="nearest"),
        NounMapping(noun="zorblax", category="generic", kind="generic"),
        NounMapping(noun="kite", category=None, kind="missing"),
    ]
    assert item_verdict(results) == (False, True)


def test_a_plan_without_noun_readings_leaves_the_named_things_not_measured():
    results, nouns = score(scene({"dog": "dog"}), named_things=True)
    (visibility,) = named(results, "visibility")
    assert not visibility.judged and "records no noun readings" in visibility.detail and nouns == []
    assert item_verdict(results) == (False, False)  # not measured: neither passed nor failed


def test_a_placard_never_counts_as_showing_a_suite_noun():
    # a generic entity, and one the plan says is a placard whatever its category
    placard = [thing("lantern", "lantern", basis="placard", category="lamp")]
    doc = scene({"zorblax": "generic", "lantern": "lamp", "dog": "dog"}, nouns=placard)
    results, nouns = score(doc, objects=["zorblax", "lantern", "dog"])
    assert [r.passed for r in named(results, "visibility")] == [False, False, True]
    assert "zorblax -> only a placard (zorblax), which never shows it" in results[0].detail
    assert [n.kind for n in nouns] == ["generic", "generic", "known"]


@pytest.mark.parametrize(
    ("spec", "shows"),
    [
        (CameraSpec(motion="static"), "static"),
        (CameraSpec(motion="dolly_in"), "zoom_in"),
        (CameraSpec(motion="dolly_out"), "zoom_out"),
        (CameraSpec(motion="pan_left"), "pan_left"),
        (CameraSpec(motion="pan_right"), "pan_right"),
        (CameraSpec(motion="tilt_up"), "tilt_up"),
        (CameraSpec(motion="tilt_down"), "tilt_down"),
        (CameraSpec(motion="orbit"), "orbits"),
        (CameraSpec(motion="orbit", orbit_deg=-90.0), "orbits"),  # clockwise, a quarter turn
        (CameraSpec(motion="pan_left", pan_deg=5.0), None),  # too little to see
        (CameraSpec(motion="dolly_in", dolly_fraction=0.1), None),
    ],
)
def test_the_camera_motion_is_judged_from_the_frames_camera_poses(spec, shows):
    doc = scene({"vase": "vase"}, camera=spec)
    judged = ["zoom_in", "zoom_out", "pan_left", "pan_right", "tilt_up", "tilt_down", "orbits", "static"]
    verdicts = {}
    for motion in judged:
        (result,) = named(score(doc, camera=CameraExpectation(motion=motion))[0], "camera")
        verdicts[motion] = result.passed
    assert [motion for motion, passed in verdicts.items() if passed] == ([shows] if shows else [])


def test_an_oblique_camera_is_not_measured():
    results, _ = score(scene({"vase": "vase"}), camera=CameraExpectation(motion="oblique"))
    (camera,) = named(results, "camera")
    assert not camera.judged and not camera.passed and "not measured" in camera.detail


def test_a_relation_before_and_after_a_change_is_judged_in_the_first_and_last_frames():
    # the dog starts left of the table and ends right of it (the table's box is at x 40..60)
    boxes = [(0, 30, 20, 50)] * 8 + [(80, 30, 100, 50)] * 8
    doc = scene({"table": "table", "dog": "dog"}, boxes={"dog": boxes})

    def holds(relation: str, during: str) -> bool:
        expected = SpatialExpectation.model_validate(
            {"subject": "dog", "relation": relation, "object": "table", "during": during}
        )
        (result,) = named(score(doc, spatial=[expected])[0], "spatial")
        return result.passed

    assert holds("left_of", "start") and holds("right_of", "end")
    assert not holds("left_of", "end") and not holds("right_of", "start")
    assert not holds("left_of", "clip") and not holds("right_of", "clip")


def test_what_no_metric_judges_leaves_an_item_not_measured_unless_a_judged_metric_fails():
    change = Unmeasured(metric="dynamic_attribute", what="'a green leaf' becoming 'a red leaf'")
    doc = scene({"leaf": "leaf"}, boxes={"leaf": [None] * FRAMES})
    seen, _ = score(scene({"leaf": "leaf"}), objects=["leaf"], unmeasured=[change])
    assert named(seen, "dynamic_attribute")[0].judged is False
    assert item_verdict(seen) == (False, False)
    unseen, _ = score(doc, objects=["leaf"], unmeasured=[change])
    assert item_verdict(unseen) == (False, True)  # the leaf is not there: a failure, whatever else
