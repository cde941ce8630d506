"""The scene schema: every agent's output and the scene.json document, as pydantic v2 models.

Conventions (docs/architecture.md): right-handed world, y up, ground at y = 0, metres and seconds. The default
camera looks down -z, so screen-left is world -x and "in front of" is +z (towards the camera).

Every model forbids unknown fields and rejects NaN/infinity, so a malformed plan from any agent (offline or
LLM) fails here with a message that names the field, instead of producing a broken video later.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.6"

Agent = Literal["director", "assets", "layout", "motion"]
"""Who can fix a failed check: the graph routes back to this node."""

Environment = Literal[
    "beach", "park", "garden", "street", "room", "snow", "ocean", "field", "forest", "desert", "city", "lake"
]

RelationPredicate = Literal[
    "left_of", "right_of", "in_front_of", "behind", "on", "under", "above", "below", "next_to", "near"
]

Direction = Literal["left", "right", "toward", "away", "up", "down", "around"]

Speed = Literal["slow", "normal", "fast"]
PACE: dict[Speed, float] = {"slow": 0.6, "normal": 1.0, "fast": 1.5}
"""Multiple of a clip's typical speed while the entity acts (the reserved room still caps the travel)."""

Clip = Literal[
    "idle", "walk", "run", "jump", "hop", "fly", "swim", "climb", "roll", "drive", "sit", "wave", "spin"
]
"""Motion clips the skeleton knows; locomotion clips move the root (climb moves it up, jump and hop bounce
it), the others animate in place (spin turns the whole body about its vertical axis, wave raises a hand)."""

CameraMotion = Literal[
    "static", "orbit", "dolly_in", "dolly_out", "pan_left", "pan_right", "tilt_up", "tilt_down", "track"
]
"""How the camera moves about its mid-clip pose (Layout.camera); tools.scene.camera.camera_at poses every
frame."""

NounClass = Literal["thing", "setting", "effect", "style", "material", "part", "none"]
"""What a noun phrase of the prompt is: a thing to build; part of the setting (ground, sky, water, a place or
a landmark as scenery); a weather or light effect of the setting (rain, fog, sunset, night); a style of the
whole video; a material or texture of a thing; a part of a thing built (a tail, a beard, a coat: built with
it, not as a thing of its own); or a word that is no thing ('tableau', 'kind')."""

NounBasis = Literal[
    "own", "nearest", "typo", "placard", "setting", "effect", "style", "material", "part", "none"
]
"""How a noun was read: its own category; the nearest category by meaning; a typo of a known word; a placard
(nothing near it: the noun printed on a generic asset); or the class it belongs to."""

VideoStyle = Literal[
    "oil_painting",
    "watercolor",
    "pencil_sketch",
    "pixel_art",
    "black_and_white",
    "vintage",
    "cartoon",
    "cyberpunk",
    "ukiyo_e",
    "surreal",
    "van_gogh",
]
"""A look for the whole video, applied to the rendered frames after the critic's analysis has read them."""

Effect = Literal["rain", "snow", "fog", "sunset", "night"]
"""Weather and light of the setting, drawn over the rendered frames (dawn and dusk read as sunset)."""


Finite = float  # NaN and infinity are refused for every float by the models' config
Positive = Annotated[float, Field(gt=0)]
Unit = Annotated[float, Field(ge=0, le=1)]
NonNegative = Annotated[float, Field(ge=0)]
Vec3 = tuple[Finite, Finite, Finite]
RGB = tuple[Unit, Unit, Unit]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")]


def vec3(values: Iterable[float]) -> tuple[float, float, float]:
    """Three numbers as a typed 3-tuple; a clear error for any other count."""
    x, y, z = (float(v) for v in values)
    return (x, y, z)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --------------------------------------------------------------------------------------------- plan


class Color(Model):
    """A named colour and the RGB (0..1) the assets are painted with."""

    name: str = Field(min_length=1)
    rgb: RGB


class EntitySpec(Model):
    """One noun phrase of the prompt: `count` instances of one kind of thing."""

    id: Identifier = Field(description="Group id, unique in the plan, e.g. 'dog' or 'ball_2'.")
    name: str = Field(min_length=1, description="The noun as the prompt says it, e.g. 'corgi'.")
    category: str = Field(min_length=1, description="Asset category, e.g. 'dog'; 'generic' when unknown.")
    count: int = Field(default=1, ge=1, le=12)
    color: Color | None = None
    size_scale: Positive = Field(
        default=1.0,
        le=40.0,
        description="Times the category's size: size words (big 1.5, small 0.6), a real height, legibility.",
    )
    attributes: list[str] = Field(default_factory=list, description="Other modifiers, e.g. 'old'.")
    description: str = Field(
        default="", max_length=200, description="Sub-prompt for the entity's generator: 'a small red ball'."
    )
    height_m: Positive | None = Field(
        default=None,
        le=100.0,
        description="Real-world height the director gave, metres; size_scale scales the asset to it.",
    )


class Relation(Model):
    """A spatial relation between two entity groups, as seen from the camera."""

    subject: Identifier
    predicate: RelationPredicate
    object: Identifier

    @model_validator(mode="after")
    def _distinct(self) -> Relation:
        if self.subject == self.object:
            raise ValueError(f"relation '{self.predicate}' relates entity '{self.subject}' to itself")
        return self


class Action(Model):
    """What one entity group does over the clip."""

    entity: Identifier
    verb: str = Field(min_length=1, description="The verb as the prompt says it, e.g. 'runs'.")
    clip: Clip
    direction: Direction | None = None
    around: Identifier | None = Field(default=None, description="Entity circled when direction='around'.")
    description: str = Field(default="", max_length=200, description="Motion sub-prompt: 'runs to the left'.")
    speed: Speed = Field(default="normal", description="How fast it moves while it acts: 'strolls' is slow.")

    @model_validator(mode="after")
    def _around_target(self) -> Action:
        if (self.direction == "around") != (self.around is not None):
            raise ValueError("'around' names an entity exactly when direction is 'around'")
        return self


class CameraSpec(Model):
    """A pinhole camera's field of view, elevation and motion, as the prompt asks for them.

    Every motion is centred on mid-clip: the camera is at its base pose (Layout.camera) at t = duration/2
    and moves through it with ease-in/out, so the base pose is the one the layout arranges the scene for.
    """

    motion: CameraMotion = "static"
    fov_deg: Positive = Field(default=50.0, le=120.0, description="Vertical field of view.")
    elevation_deg: Finite = Field(default=12.0, ge=-10.0, le=80.0, description="Look-down angle.")
    orbit_deg: Finite = Field(
        default=360.0,
        ge=-720.0,
        le=720.0,
        description="orbit: sweep about the look-at point; positive is counter-clockwise seen from above "
        "(the camera first moves to its right).",
    )
    dolly_fraction: Positive = Field(
        default=0.4, le=1.0, description="dolly_in/out: distance travelled / the mid-clip distance."
    )
    pan_deg: Positive = Field(default=30.0, le=60.0, description="pan_left/right: total turn of the view.")
    tilt_deg: Positive = Field(default=16.0, le=30.0, description="tilt_up/down: total turn of the view.")
    target: Identifier | None = Field(
        default=None, description="track: the entity group the camera follows (their mean ground position)."
    )

    @model_validator(mode="after")
    def _target(self) -> CameraSpec:
        if (self.motion == "track") != (self.target is not None):
            raise ValueError("the camera names a 'target' entity exactly when its motion is 'track'")
        return self


class NounReading(Model):
    """One noun phrase of the prompt, its class and what stands for it in the video."""

    noun: str = Field(min_length=1, description="The noun phrase's name as said, e.g. 'goldfish bowl'.")
    noun_class: NounClass
    basis: NounBasis = Field(
        description="How it was read: own category, nearest by meaning, typo, placard..."
    )
    stands_for: str = Field(
        default="",
        description="Entity id (thing), environment (setting), effect, style or entity described; or ''.",
    )
    category: str | None = Field(default=None, description="The asset category a thing is built as.")
    read_as: str | None = Field(
        default=None, description="The known word it was read as: 'balloon' for 'ballon'."
    )
    similarity: Unit | None = Field(default=None, description="Cosine similarity of a reading by meaning.")
    alternatives: list[str] = Field(
        default_factory=list, description="Next-nearest categories, best first, for the critic's next round."
    )


class Plan(Model):
    """The director's structured plan."""

    prompt: str
    environment: Environment
    scene_description: str = Field(
        default="", max_length=300, description="The scene's sub-prompt, e.g. 'a sand beach by the sea'."
    )
    entities: list[EntitySpec] = Field(min_length=1)
    relations: list[Relation] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    camera: CameraSpec = Field(default_factory=CameraSpec)
    unknown_nouns: list[str] = Field(
        default_factory=list, description="Nouns without a procedural asset; built as generic assets."
    )
    nouns: list[NounReading] = Field(
        default_factory=list, description="Every noun phrase of the prompt, its class and what stands for it."
    )
    style: VideoStyle | None = Field(
        default=None, description="The look of the whole video, if the prompt names one."
    )
    effects: list[Effect] = Field(default_factory=list, description="Weather and light of the setting.")

    @model_validator(mode="after")
    def _references(self) -> Plan:
        ids = [entity.id for entity in self.entities]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"entity ids must be unique; repeated: {', '.join(duplicates)}")
        known = set(ids)
        for relation in self.relations:
            for ref in (relation.subject, relation.object):
                if ref not in known:
                    raise ValueError(f"relation '{relation.predicate}' refers to unknown entity '{ref}'")
        for action in self.actions:
            for target in (action.entity, action.around):
                if target is not None and target not in known:
                    raise ValueError(f"action '{action.verb}' refers to unknown entity '{target}'")
        if self.camera.target is not None and self.camera.target not in known:
            raise ValueError(f"the camera tracks unknown entity '{self.camera.target}'")
        return self

    def instance_ids(self, entity: EntitySpec) -> list[str]:
        """Instance ids of a group: the group id alone, or id_1..id_n when there are several."""
        if entity.count == 1:
            return [entity.id]
        return [f"{entity.id}_{k + 1}" for k in range(entity.count)]

    def group_of(self) -> dict[str, EntitySpec]:
        """Map every instance id to its group."""
        return {iid: entity for entity in self.entities for iid in self.instance_ids(entity)}


# ------------------------------------------------------------------------------------ assets, layout


class AssetInfo(Model):
    """What the assets tool built for one instance; the Gaussians live in the asset cache."""

    backend: Literal["procedural", "folder", "file", "shap-e"] = Field(
        default="procedural",
        description="Who built it: the procedural generator, a file matched in the asset folder, a file "
        "given for this entity, or Shap-E.",
    )
    source: str | None = Field(default=None, description="The file, or the Shap-E model folder.")
    category: str
    content_hash: str = Field(min_length=8)
    num_gaussians: int = Field(ge=1)
    parts: list[str]
    extent_m: tuple[Positive, Positive, Positive] = Field(
        description="Extent in the asset frame: x (the way it faces), y (up), z (sideways), metres."
    )


class CameraPose(Model):
    """A pinhole camera: where it is, what it looks at, its vertical field of view."""

    position: Vec3
    look_at: Vec3
    fov_deg: Positive = Field(le=120.0)

    @model_validator(mode="after")
    def _not_degenerate(self) -> CameraPose:
        if math.dist(self.position, self.look_at) < 1e-6:
            raise ValueError("camera position and look_at coincide")
        return self


class Placement(Model):
    """Where one instance stands at the middle of the clip, how it is turned, and how big it is."""

    entity: Identifier
    position: Vec3 = Field(description="Bottom centre of the instance, metres.")
    yaw: Finite = Field(
        description="Rotation about +y, radians; it faces (cos yaw, 0, -sin yaw): 0 is +x, screen right."
    )
    extent_m: tuple[Positive, Positive, Positive] = Field(description="Scaled asset extent (x, y, z).")
    support: Identifier | None = Field(default=None, description="What it stands on; None for the ground.")


class Layout(Model):
    placements: list[Placement] = Field(min_length=1)
    camera: CameraPose = Field(description="The camera at mid-clip (t = duration/2): the base pose.")
    camera_motion: CameraSpec = Field(
        default_factory=CameraSpec,
        description="How the camera moves about the base pose (the plan's camera, as framed).",
    )
    notes: list[str] = Field(default_factory=list, description="Why the solver did what it did.")
    paths: dict[Identifier, list[Vec3]] = Field(
        default_factory=dict,
        description="Ground paths (world metres, in time order) the layout model proposed for moving "
        "instances; the motion agent follows one where it agrees with the action.",
    )


# ------------------------------------------------------------------------------------------- motion


class Keyframe(Model):
    t: NonNegative
    position: Vec3
    yaw: Finite


class Track(Model):
    """One instance's root trajectory and clip; positions between keyframes are linear."""

    entity: Identifier
    clip: Clip
    keyframes: list[Keyframe] = Field(min_length=1)
    mocap: str | None = Field(
        default=None,
        description="A motion-capture clip (its file name in the run's mocap folder) whose joint rotations "
        "pose the body instead of the clip's; the keyframes then follow the capture's root.",
    )
    mocap_start_s: NonNegative = Field(default=0.0, description="Where in the capture the track's t = 0 is.")

    @model_validator(mode="after")
    def _ordered(self) -> Track:
        times = [k.t for k in self.keyframes]
        if any(b <= a for a, b in pairwise(times)):
            raise ValueError(f"keyframe times of '{self.entity}' must strictly increase")
        return self


class Motion(Model):
    tracks: list[Track]


# ----------------------------------------------------------------------------------------- critique


class Check(Model):
    name: str = Field(description="e.g. 'visible', 'relation:left_of', 'motion:left', 'count', 'color'.")
    passed: bool
    score: Unit
    entities: list[str] = Field(default_factory=list)
    message: str
    route: Agent | None = Field(default=None, description="The agent that can fix a failure.")


class CritiqueRound(Model):
    round: int = Field(ge=1)
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)


# -------------------------------------------------------------------------------------- scene.json


class EntityRecord(Model):
    id: str
    name: str
    category: str
    color: Color | None
    asset: AssetInfo
    size_m: tuple[Positive, Positive, Positive]


class EntityFrame(Model):
    bbox: tuple[int, int, int, int] | None = Field(description="x0, y0, x1, y1 of visible pixels.")
    visible_fraction: Unit
    depth_m: Finite | None
    position: Vec3
    colors: dict[str, Unit] = Field(
        default_factory=dict,
        description="Palette colour -> share of its visible pixels in this frame (non-zero shares only), so "
        "a reader can check a named colour without the video.",
    )


class FrameRecord(Model):
    t: NonNegative
    camera: CameraPose = Field(description="The camera this frame was rendered with.")
    entities: dict[str, EntityFrame]


class AgentUsage(Model):
    """One agent's use of its model over the run (for the offline agents: calls and seconds)."""

    provider: str = "offline"
    model: str = "builtin"
    calls: int = Field(default=0, ge=0, description="Model requests, retries and repairs included.")
    tokens_in: int = Field(default=0, ge=0)
    tokens_out: int = Field(default=0, ge=0)
    seconds: NonNegative = 0.0
    valid_at_once: int = Field(default=0, ge=0, description="Questions whose first answer was usable.")
    valid_after_repair: int = Field(default=0, ge=0, description="Questions answered after repairs.")
    repairs: int = Field(default=0, ge=0, description="Answers sent back with their validation errors.")
    fallbacks: int = Field(
        default=0,
        ge=0,
        description="Times the offline path stood in for the model: no usable answer, its server down for "
        "the run, or the run's model time spent.",
    )
    retries: int = Field(
        default=0,
        ge=0,
        description="Requests repeated after a time-out, 429, 5xx, dropped connection or a response that was "
        "not a chat completion.",
    )
    cost_usd: NonNegative | None = Field(default=None, description="None where no price is known.")
    log: list[str] = Field(default_factory=list, description="Each repair, retry and fallback, and why.")


class CacheUsage(Model):
    hits: int = 0
    misses: int = 0


class Usage(Model):
    agents: dict[str, AgentUsage] = Field(default_factory=dict)
    tools: dict[str, CacheUsage] = Field(default_factory=dict)


class SceneDocument(Model):
    """scene.json."""

    schema_version: str = SCHEMA_VERSION
    prompt: str
    seed: int
    fps: int = Field(gt=0)
    duration_s: Positive
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    rounds: int = Field(ge=1)
    passed: bool
    plan: Plan
    entities: list[EntityRecord]
    layout: Layout
    motion: Motion
    frames: list[FrameRecord]
    critique: list[CritiqueRound]
    usage: Usage
