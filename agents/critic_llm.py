"""The critic's LLM path: a model looks at the key frames and the scene graph and adds checks of its own.

The built-in checks (agents.critic) measure what the frames show; the model adds what measurements miss: an
entity that does not read as what it is, a colour that looks wrong, an implausible pose, a relation the
measurements misjudged. It sees the contact sheet (when `critic_images` is on) and the scene graph as text:
the plan with how each noun of the prompt was read (its class, and the category a thing is built as: its own,
the nearest by meaning, or a placard), each instance's box, visible share and depth in the key frames, and the
built-in results, the noun checks' findings among them. A thing built as the nearest category that does not
read as its noun is the model's to say (routed to the director, which tries another reading).

Merge rules: the round keeps every built-in check unchanged (they are measured and stand) and appends the
model's checks, at most MAX_MODEL_CHECKS, named `llm:<name>`. A failed model check routes the graph like any
other; one without a route cannot start a retry, and a passed one never carries a route. The layout and motion
are not sent: the frames show their result.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from pydantic import BaseModel, Field

from scenewright.agents.llm import AgentLLM
from scenewright.schema import Agent, Check, CritiqueRound, Layout, Motion, NounReading, Plan
from scenewright.settings import RunSettings
from scenewright.tools.media.contact_sheet import key_frame_indices
from scenewright.tools.render.analysis import FrameAnalysis

MAX_MODEL_CHECKS = 8
"""The model adds a few judgements, not a second critic: more would drown the measured checks."""
MAX_IMAGE_SIDE_PX = 1024
"""The contact sheet (3 x 480 px thumbnails, 1456 px wide) is sent at most this wide and high: each entity
stays recognisable and the image's token cost stays bounded whatever the video size."""
LLM_PREFIX = "llm:"
NAME = re.compile(r"[a-z][a-z0-9_]*")


class ModelCheck(BaseModel):
    """One judgement of the model (the LLM-facing form of schema.Check)."""

    name: str = Field(
        min_length=1,
        max_length=40,
        description="Your own snake_case name, e.g. 'looks_like', 'pose'; never a built-in check's name.",
    )
    passed: bool
    score: float = Field(ge=0, le=1, description="1 clearly right, 0 clearly wrong.")
    entities: list[str] = Field(
        default_factory=list, description="Instance ids it is about, e.g. ['dog', 'cat_2'], or group ids."
    )
    message: str = Field(
        default="", max_length=300, description="What you see; required when passed is false."
    )
    route: Agent | None = Field(
        default=None, description="Who can fix a failure; null when nobody can or when it passed."
    )


class CritiqueAnswer(BaseModel):
    checks: list[ModelCheck] = Field(
        max_length=MAX_MODEL_CHECKS,
        description="Your checks; an empty list when the built-in checks miss nothing.",
    )


def critique_llm(
    plan: Plan, layout: Layout, motion: Motion, frames: list[FrameAnalysis], settings: RunSettings,
    builtin: CritiqueRound, contact_sheet: Path, llm: AgentLLM,
) -> CritiqueRound | None:  # fmt: skip
    """The built-in round plus the model's checks; None when the model gave no usable answer."""
    images = [sheet_png(contact_sheet)] if llm.settings.critic_images else []
    variables = {
        "prompt": plan.prompt,
        "plan": describe_plan(plan),
        "frame_size": f"{settings.width} x {settings.height}",
        "key_frames": describe_key_frames(plan, frames),
        "builtin": describe_builtin(builtin),
        "reserved": ", ".join(sorted(reserved_names(builtin))),
        "ids": ", ".join(plan.group_of()),
        "max_checks": MAX_MODEL_CHECKS,
        "images": (
            "The attached image is the contact sheet: the key frames in time order, each instance boxed and "
            "labelled with its id."
            if images
            else "No image is attached: judge from the numbers above."
        ),
    }
    checks = llm.ask(
        CritiqueAnswer,
        convert=lambda answer: model_checks(answer, plan, builtin),
        variables=variables,
        images=images,
    )
    if checks is None:
        return None
    return CritiqueRound(round=builtin.round, checks=[*builtin.checks, *checks])


def reserved_names(builtin: CritiqueRound) -> set[str]:
    """Built-in check names and their families ('relation' for 'relation:left_of'): not the model's to use."""
    return {check.name for check in builtin.checks} | {
        check.name.partition(":")[0] for check in builtin.checks
    }


def model_checks(answer: CritiqueAnswer, plan: Plan, builtin: CritiqueRound) -> list[Check]:
    """The answer as `llm:` checks; ValueError (sent back for repair) names what cannot be used."""
    reserved = reserved_names(builtin)
    checks = []
    for k, check in enumerate(answer.checks):
        where = f"checks[{k}]"
        if not check.passed and not check.message.strip():
            raise ValueError(f"{where}.message: a failed check needs a message that says what looks wrong")
        checks.append(
            Check(
                name=LLM_PREFIX + own_name(f"{where}.name", check.name, reserved),
                passed=check.passed,
                score=check.score,
                entities=instances_named(f"{where}.entities", check.entities, plan),
                message=check.message.strip(),
                route=None if check.passed else check.route,
            )
        )
    return checks


def own_name(where: str, name: str, reserved: set[str]) -> str:
    """The model's check name, refused when it is a built-in one (those stand) or not snake_case."""
    family = name.partition(":")[0]
    if family in reserved:
        raise ValueError(
            f"{where}: '{name}' is a built-in check; it was measured and stands, so do not repeat or "
            f"overturn it. Give your check its own name, e.g. '{family}_looks' (built-in names: "
            f"{', '.join(sorted(reserved))})"
        )
    if not NAME.fullmatch(name):
        raise ValueError(
            f"{where}: '{name}' must be snake_case (lower-case letters, digits, '_'; no ':'), "
            "e.g. 'looks_like'"
        )
    return name


def instances_named(where: str, refs: list[str], plan: Plan) -> list[str]:
    """Instance ids for the model's ids: an instance id stands for itself, a group id for its instances."""
    instances = plan.group_of()
    groups = {entity.id: plan.instance_ids(entity) for entity in plan.entities if entity.count > 1}
    ids: list[str] = []
    for ref in refs:
        if ref not in instances and ref not in groups:
            known = f"instance ids ({', '.join(instances)})"
            known += f" or group ids ({', '.join(groups)})" if groups else ""
            raise ValueError(f"{where}: unknown id '{ref}'; use {known}")
        ids += groups.get(ref, [ref])
    return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------------- what the model sees


def sheet_png(path: Path) -> bytes:
    """The contact sheet as PNG bytes, shrunk to fit MAX_IMAGE_SIDE_PX (aspect kept)."""
    with Image.open(path) as sheet:
        image = sheet.convert("RGB")
    image.thumbnail((MAX_IMAGE_SIDE_PX, MAX_IMAGE_SIDE_PX), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def describe_plan(plan: Plan) -> str:
    """The plan, one line per environment, entity group, relation, action and camera."""
    scene = f" ({plan.scene_description})" if plan.scene_description else ""
    lines = [f"environment: {plan.environment}{scene}"]
    for entity in plan.entities:
        looks = [entity.color.name] if entity.color else []
        looks += entity.attributes
        details = f"category {entity.category}" + "".join(f", {word}" for word in looks)
        ids = ", ".join(plan.instance_ids(entity))
        lines.append(f"entity {entity.id}: {entity.count} x {entity.name} ({details}); instance ids: {ids}")
    lines += [f"relation: {r.subject} {r.predicate} {r.object}" for r in plan.relations]
    for action in plan.actions:
        direction = f", direction {action.direction}" if action.direction else ""
        around = f" {action.around}" if action.around else ""
        lines.append(f"action: {action.entity} {action.verb} (clip {action.clip}{direction}{around})")
    target = f" following {plan.camera.target}" if plan.camera.target else ""
    lines.append(f"camera: {plan.camera.motion}{target}")
    lines += [f"style: {plan.style}"] if plan.style else []
    lines += [f"effects: {', '.join(plan.effects)}"] if plan.effects else []
    lines += [describe_noun(reading) for reading in plan.nouns]
    return "\n".join(lines)


def describe_noun(reading: NounReading) -> str:
    """One noun of the prompt as the director read it: 'noun "goldfish bowl": thing, the nearest category by
    meaning (similarity 0.64) -> goldfish_bowl (fish); next-nearest: bowl, vase'."""
    how = {
        "own": ", its own category",
        "nearest": f", the nearest category by meaning (similarity {reading.similarity or 0:.2f})",
        "typo": f", a typo of '{reading.read_as}'",
        "placard": ", a placard (nothing near was found: the word printed on a generic asset)",
    }.get(reading.basis, "")
    built = f" ({reading.category})" if reading.category else ""
    stands = f" -> {reading.stands_for}{built}" if reading.stands_for else " -> nothing"
    others = f"; next-nearest: {', '.join(reading.alternatives)}" if reading.alternatives else ""
    return f'noun "{reading.noun}": {reading.noun_class}{how}{stands}{others}'


def describe_key_frames(plan: Plan, frames: list[FrameAnalysis]) -> str:
    """One line per key frame (the contact sheet's): each instance's box, visible share and depth."""
    lines = []
    for index in key_frame_indices(len(frames)):
        frame = frames[index]
        seen = []
        for instance in plan.group_of():
            stats = frame.entities.get(instance)
            if stats is None or stats.bbox is None or stats.depth_m is None:
                seen.append(f"{instance} not visible")
                continue
            box = ",".join(str(v) for v in stats.bbox)
            seen.append(f"{instance} box {box} shown {stats.visible_fraction:.0%} depth {stats.depth_m:.1f}")
        lines.append(f"t={frame.t:.2f} s: " + "; ".join(seen))
    return "\n".join(lines)


def describe_builtin(builtin: CritiqueRound) -> str:
    """Passed checks by name with their entities; each failed check with its route and message."""
    passed: dict[str, list[str]] = {}
    for check in builtin.checks:
        if check.passed:
            passed.setdefault(check.name, []).extend(check.entities)
    lines = [
        "passed: " + "; ".join(f"{name} ({', '.join(dict.fromkeys(ids))})" for name, ids in passed.items())
        or "none"
    ]
    lines += [
        f"FAILED {check.name} ({', '.join(check.entities)}) -> {check.route or 'nobody'}: {check.message}"
        for check in builtin.checks
        if not check.passed
    ]
    return "\n".join(lines)
