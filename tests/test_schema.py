"""The scene schema rejects impossible values with messages that name the problem."""

import math

import pytest
from pydantic import ValidationError

from scenewright.schema import (
    Action,
    CameraPose,
    CameraSpec,
    EntitySpec,
    Keyframe,
    Placement,
    Plan,
    Relation,
    Track,
)
from scenewright.settings import RunSettings


def plan(**overrides):
    fields = dict(
        prompt="a dog left of a ball",
        environment="beach",
        entities=[
            EntitySpec(id="dog", name="dog", category="dog"),
            EntitySpec(id="ball", name="ball", category="ball"),
        ],
        relations=[Relation(subject="dog", predicate="left_of", object="ball")],
        actions=[Action(entity="dog", verb="runs", clip="run", direction="left")],
    )
    fields.update(overrides)
    return Plan(**fields)


def test_valid_plan_round_trips_through_json():
    original = plan()
    assert Plan.model_validate_json(original.model_dump_json()) == original


def test_instance_ids_number_several_instances():
    p = plan(entities=[EntitySpec(id="dog", name="dog", category="dog", count=3)], relations=[], actions=[])
    assert list(p.group_of()) == ["dog_1", "dog_2", "dog_3"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: plan(relations=[Relation(subject="dog", predicate="left_of", object="cat")]),
            "unknown entity 'cat'",
        ),
        (lambda: plan(actions=[Action(entity="cat", verb="runs", clip="run")]), "unknown entity 'cat'"),
        (
            lambda: plan(
                entities=[EntitySpec(id="dog", name="dog", category="dog")] * 2, relations=[], actions=[]
            ),
            "unique",
        ),
        (lambda: plan(entities=[]), "at least 1"),
        (lambda: EntitySpec(id="dog", name="dog", category="dog", size_scale=-1), "greater than 0"),
        (lambda: EntitySpec(id="dog", name="dog", category="dog", count=0), "greater than or equal to 1"),
        (lambda: EntitySpec(id="Dog!", name="dog", category="dog"), "pattern"),
        (lambda: Relation(subject="dog", predicate="left_of", object="dog"), "itself"),
        (lambda: Relation(subject="dog", predicate="inside", object="ball"), "left_of"),
        (lambda: Action(entity="dog", verb="runs", clip="run", direction="around"), "around"),
        (lambda: Placement(entity="dog", position=(0, math.nan, 0), yaw=0, extent_m=(1, 1, 1)), "finite"),
        (lambda: Placement(entity="dog", position=(0, 0, 0), yaw=0, extent_m=(1, -1, 1)), "greater than 0"),
        (lambda: CameraPose(position=(0, 1, 5), look_at=(0, 1, 5), fov_deg=50), "coincide"),
        (lambda: CameraPose(position=(0, 1, 5), look_at=(0, 0, 0), fov_deg=math.nan), "finite"),
        (lambda: plan(camera=CameraSpec(motion="track", target="cat")), "tracks unknown entity 'cat'"),
        (lambda: CameraSpec(motion="track"), "'target' entity exactly when"),
        (lambda: CameraSpec(motion="zoom"), "orbit"),
        (lambda: CameraSpec(motion="pan_left", pan_deg=90), "less than or equal to 60"),
        (lambda: CameraSpec(motion="dolly_in", dolly_fraction=1.5), "less than or equal to 1"),
        (
            lambda: Track(
                entity="dog",
                clip="run",
                keyframes=[
                    Keyframe(t=1, position=(0, 0, 0), yaw=0),
                    Keyframe(t=1, position=(1, 0, 0), yaw=0),
                ],
            ),
            "strictly increase",
        ),
        (lambda: Keyframe(t=-1, position=(0, 0, 0), yaw=0), "greater than or equal to 0"),
    ],
)
def test_impossible_values_are_rejected_with_a_clear_message(make, message):
    with pytest.raises(ValidationError, match=message):
        make()


def test_plans_without_a_camera_motion_stay_valid_and_static():
    old = plan().model_dump()
    old["camera"] = {"motion": "static", "fov_deg": 50.0, "elevation_deg": 12.0}  # a walking-skeleton plan
    assert Plan.model_validate(old).camera == CameraSpec()
    tracking = plan(camera=CameraSpec(motion="track", target="dog"))
    assert Plan.model_validate_json(tracking.model_dump_json()) == tracking


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError, match="Extra inputs"):
        EntitySpec(id="dog", name="dog", category="dog", colour="red")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (RunSettings(duration_s=-1), "--duration"),
        (RunSettings(duration_s=0), "--duration"),
        (RunSettings(duration_s=math.nan), "--duration"),
        (RunSettings(fps=0), "--fps"),
        (RunSettings(width=0, height=0), "--size width"),
        (RunSettings(width=641), "even"),
        (RunSettings(max_rounds=0), "--max-rounds"),
        (RunSettings(seed=-3), "--seed"),
    ],
)
def test_run_settings_reject_impossible_values(settings, message):
    with pytest.raises(ValueError, match=message):
        settings.validate()


def test_default_settings_are_valid():
    settings = RunSettings().validate()
    assert settings.num_frames == len(settings.frame_times()) == round(settings.duration_s * settings.fps)
