"""The director's LLM path (C3V step 1, decomposition): the prompt -> scene, entity and motion sub-prompts.

The model answers in `DirectorAnswer`, a flat schema made for small models. Validation first maps the
synonyms the lexicon knows onto the allowed values ('puppy' -> dog, 'crimson' -> red, 'left of' -> left_of),
so a small model is not asked to repair what has one obvious reading. `to_plan` then checks what a schema
cannot: references to entity ids, heights against the catalog's real-world sizes, and cheap cross-checks
with the prompt (every entity is named there, number words agree with counts, stated colours agree, no
noun with a known asset is left out). Each problem becomes one line that names the field and says what is
allowed; `AgentLLM.ask` sends them back for repair. Whatever passes makes a valid Plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scenewright.agents.director import direct_offline
from scenewright.agents.llm import AgentLLM
from scenewright.schema import (
    Action,
    CameraMotion,
    CameraSpec,
    Clip,
    Color,
    Direction,
    EntitySpec,
    Environment,
    NounReading,
    Plan,
    Relation,
    RelationPredicate,
)
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language.lexicon import category_of, natural_color
from scenewright.tools.language.words import VERB_FORMS, is_modifier, number, singular
from scenewright.tools.scene.catalog import CATEGORIES

MOVING_CLIPS = [clip for clip in get_args(Clip) if clip not in lx.STILL_CLIPS]
HEIGHT_RATIO = (0.1, 4.0)
"""Allowed height / the category's typical height: toys and giants pass, centimetres for metres do not."""
MAX_PROBLEMS = 8
"""Repair messages list at most this many problems: a small model fixes a few at a time."""
NONE_WORDS = frozenset({"", "none", "null", "no", "n/a"})
GENERIC = "generic"
CATEGORY_NAMES = {name: name for name in CATEGORIES}
VERB_CLIP_NAMES = {verb: clip for verb, clip in lx.VERB_CLIPS.items() if clip != lx.MOVE}
"""Verbs that name one clip ('sprint' -> run); 'move' and its kin depend on the category."""
NUMBER = re.compile(r"^\s*(\d+)\s*$")
HEIGHT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:m|meters?|metres?)?\s*$")


def _allowed(literal: Any) -> dict[str, str]:
    """A Literal's values, each standing for itself."""
    return {value: value for value in get_args(literal)}


def _canonical(value: object, table: dict[str, str]) -> object:
    """The allowed value a spelling or synonym stands for ('Left of' -> left_of); else the value unchanged,
    so that validation names the field and lists what is allowed."""
    if not isinstance(value, str):
        return value
    text = " ".join(value.lower().replace("_", " ").split())
    for key in (text, text.replace(" ", "_")):
        if key in table:
            return table[key]
    return value


def _optional(value: object) -> object:
    """'none', 'null' and '' mean no value: small models write them for null."""
    return None if isinstance(value, str) and value.strip().lower() in NONE_WORDS else value


def _color_name(value: object) -> object:
    """A colour word -> its palette name; 'light brown' -> brown when exactly one palette colour is named."""
    value = _canonical(_optional(value), lx.COLOR_SYNONYMS)
    if isinstance(value, str) and value not in lx.COLORS:
        named = {lx.COLOR_SYNONYMS[w] for w in value.lower().split() if w in lx.COLOR_SYNONYMS}
        return named.pop() if len(named) == 1 else value
    return value


def _catalog_category(category: object, name: object) -> object:
    """The catalog category: the one given (or the category its word is a synonym of), else the name's own
    or the one that stands in for it ('squirrel' -> cat)."""
    given = _canonical(category, CATEGORY_NAMES | lx.NOUN_CATEGORIES)
    if isinstance(given, str) and given in CATEGORIES and given != GENERIC:
        return given
    if isinstance(name, str) and _name(name):
        return category_of(_name(name))  # 'generic' when the lexicon does not know the noun either
    return given


def _number_value(value: object, pattern: re.Pattern[str], words: dict[str, int]) -> object:
    """'two' -> 2, '1.7 m' -> '1.7': numbers small models write as words or with their unit."""
    if not isinstance(value, str):
        return value
    match = pattern.match(value.lower())
    return words.get(value.strip().lower(), match.group(1) if match else value)


def _name(text: str) -> str:
    """A noun as a plan names it: lowercase words, the head singular ('Red Balls' -> 'red ball')."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join([*words[:-1], singular(words[-1])]) if words else ""


def _identifier(text: str) -> str:
    """An entity id as the schema allows it: 'Red Ball' -> red_ball."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:64]


# ------------------------------------------------------------------------------------ answer schema


class Answer(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class EntityAnswer(Answer):
    id: str = Field(description="Short unique lowercase id, e.g. 'dog' or 'red_ball'.")
    name: str = Field(min_length=1, description="The noun as the prompt writes it, singular, e.g. 'corgi'.")
    category: str = Field(
        description="Asset category from the list; 'generic' when none fits.",
        json_schema_extra={"enum": list(CATEGORIES)},
    )
    count: int = Field(default=1, ge=1, le=12, description="How many of them the prompt asks for.")
    color: str | None = Field(
        default=None,
        description="Colour from the list, or null when the prompt gives none.",
        json_schema_extra={"anyOf": [{"type": "string", "enum": list(lx.COLORS)}, {"type": "null"}]},
    )
    height_m: float = Field(gt=0, description="Real-world height of one of them in metres (not its length).")
    attributes: list[str] = Field(default_factory=list, description="Other adjectives, e.g. 'old', 'big'.")
    description: str = Field(
        max_length=200, description="Sub-prompt for one of them, e.g. 'a small red ball'."
    )

    @model_validator(mode="before")
    @classmethod
    def _synonyms(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        readers: dict[str, Callable[[Any], object]] = {
            "color": _color_name,
            "count": lambda value: _number_value(value, NUMBER, lx.NUMBER_WORDS),
            "height_m": lambda value: _number_value(value, HEIGHT, {}),
            "attributes": lambda value: value.split(",") if isinstance(value, str) else value,
        }
        read = {key: reader(data[key]) for key, reader in readers.items() if key in data}
        return data | read | {"category": _catalog_category(data.get("category"), data.get("name"))}

    @field_validator("category")
    @classmethod
    def _catalog(cls, category: str) -> str:
        if category not in CATEGORIES:
            raise ValueError(f"unknown category '{category}': use one of {', '.join(CATEGORIES)}")
        return category

    @field_validator("color")
    @classmethod
    def _palette(cls, color: str | None) -> str | None:
        if color is not None and color not in lx.COLORS:
            raise ValueError(f"unknown colour '{color}': use one of {', '.join(lx.COLORS)}, or null")
        return color

    @field_validator("name")
    @classmethod
    def _noun(cls, name: str) -> str:
        if not _name(name):
            raise ValueError(f"'{name}' is no noun: write the noun as the prompt does, e.g. 'dog'")
        return name


class RelationAnswer(Answer):
    subject: str = Field(description="Entity id.")
    predicate: RelationPredicate = Field(description="Where the subject is, seen from the camera.")
    object: str = Field(description="Entity id.")

    @field_validator("predicate", mode="before")
    @classmethod
    def _synonyms(cls, value: Any) -> Any:  # `object` is a field here
        return _canonical(value, _allowed(RelationPredicate) | lx.RELATION_PHRASES)


class ActionAnswer(Answer):
    entity: str = Field(description="Entity id of who moves.")
    verb: str = Field(min_length=1, description="The verb as the prompt writes it, e.g. 'runs'.")
    clip: Clip = Field(description="Motion clip from the list.")
    direction: Direction | None = Field(default=None, description="Screen direction, or null.")
    around: str | None = Field(default=None, description="Entity id circled when direction is 'around'.")
    description: str = Field(max_length=200, description="Motion sub-prompt, e.g. 'runs to the left'.")

    @field_validator("clip", mode="before")
    @classmethod
    def _clip_synonyms(cls, value: object) -> object:
        """'running' -> run: a verb the lexicon knows names its clip."""
        lemma = VERB_FORMS.get(value.strip().lower()) if isinstance(value, str) else None
        return VERB_CLIP_NAMES.get(lemma or "", _canonical(value, _allowed(Clip) | VERB_CLIP_NAMES))

    @field_validator("direction", mode="before")
    @classmethod
    def _direction_synonyms(cls, value: object) -> object:
        return _canonical(_optional(value), _allowed(Direction) | lx.DIRECTION_PHRASES)

    @field_validator("around", mode="before")
    @classmethod
    def _no_target(cls, value: object) -> object:
        return _optional(value)


class DirectorAnswer(Answer):
    """The director's answer: the scene, the things in it, where they are, how they move, the camera."""

    environment: Environment = Field(description="The setting, from the list.")
    scene: str = Field(max_length=300, description="Scene sub-prompt, e.g. 'a sandy beach by the sea'.")
    entities: list[EntityAnswer] = Field(min_length=1)
    relations: list[RelationAnswer] = Field(default_factory=list)
    actions: list[ActionAnswer] = Field(default_factory=list)
    camera: CameraMotion = Field(default="static", description="Camera motion from the list.")
    camera_target: str | None = Field(default=None, description="Entity id the camera follows when 'track'.")

    @field_validator("environment", mode="before")
    @classmethod
    def _place_synonyms(cls, value: object) -> object:
        places = lx.ENVIRONMENT_NOUNS | lx.ENVIRONMENT_ADJECTIVES
        return _canonical(value, _allowed(Environment) | places)

    @field_validator("camera", mode="before")
    @classmethod
    def _camera_synonyms(cls, value: object) -> object:
        moves = lx.CAMERA_MOVES | lx.CAMERA_VERB_MOVES
        return _canonical(_optional(value) or "static", _allowed(CameraMotion) | moves)

    @field_validator("camera_target", mode="before")
    @classmethod
    def _no_target(cls, value: object) -> object:
        return _optional(value)


# ------------------------------------------------------------------------------------ answer -> plan


def template_variables(prompt: str) -> dict[str, str]:
    """The prompt and every allowed value, for prompts/director.md."""
    heights = [f"{name} {spec.size_m[1]:g} m" for name, spec in CATEGORIES.items()]
    return {
        "prompt": prompt,
        "environments": ", ".join(get_args(Environment)),
        "categories": ", ".join(heights),
        "height_low": f"{HEIGHT_RATIO[0]:g}",
        "height_high": f"{HEIGHT_RATIO[1]:g}",
        "colors": ", ".join(lx.COLORS),
        "predicates": ", ".join(get_args(RelationPredicate)),
        "clips": ", ".join(get_args(Clip)),
        "directions": ", ".join(get_args(Direction)),
        "camera_motions": ", ".join(get_args(CameraMotion)),
    }


def direct_llm(prompt: str, llm: AgentLLM) -> Plan | None:
    """The model's plan, or None (the graph then runs the offline director)."""
    reference = direct_offline(prompt)
    return llm.ask(
        DirectorAnswer,
        convert=lambda answer: to_plan(answer, prompt, reference),
        variables=template_variables(prompt),
    )


def to_plan(answer: DirectorAnswer, prompt: str, reference: Plan | None = None) -> Plan:
    """The Plan the answer describes; ValueError with one line per problem when it cannot be used.

    `reference` is the offline director's plan of the same prompt, used only to catch clear contradictions
    and for the camera's framing ('close-up', 'from above'), which the answer does not carry."""
    reference = reference or direct_offline(prompt)
    ids = [_identifier(entity.id) for entity in answer.entities]
    problems = [
        *_id_problems(answer, ids),
        *_entity_problems(answer),
        *_reference_problems(answer, ids),
        *_action_problems(answer, ids),
        *_prompt_problems(answer, prompt, reference),
    ]
    if problems:
        more = len(problems) - MAX_PROBLEMS
        raise ValueError("\n".join(problems[:MAX_PROBLEMS] + ([f"... and {more} more"] if more > 0 else [])))
    entities = [_entity(entity, id_) for entity, id_ in zip(answer.entities, ids, strict=True)]
    return Plan(
        prompt=prompt,
        environment=answer.environment,
        scene_description=answer.scene,
        entities=entities,
        relations=list(dict.fromkeys(_relation(r) for r in answer.relations)),
        actions=[_action(a, entities) for a in answer.actions],
        camera=_camera(answer, reference.camera),
        unknown_nouns=list(dict.fromkeys(e.name for e in entities if e.category == GENERIC)),
        nouns=_readings(reference, entities),
        style=reference.style,
        effects=reference.effects,
    )


def _readings(reference: Plan, entities: list[EntitySpec]) -> list[NounReading]:
    """The offline reading of every noun of the prompt, each thing pointed at the model's entity of the same
    noun (or head noun, or category); a thing the model left out stands for nothing: the critic reports it."""
    readings = []
    for reading in reference.nouns:
        if reading.noun_class != "thing":
            readings.append(reading)
            continue
        head = reading.noun.split()[-1]
        match = next(
            (e for e in entities if e.name == reading.noun),
            next((e for e in entities if e.name.split()[-1] == head), None)
            or next((e for e in entities if e.category == reading.category and e.category != GENERIC), None),
        )
        update = {"stands_for": match.id, "category": match.category} if match else {"stands_for": ""}
        readings.append(reading.model_copy(update=update))
    return readings


def _entity(entity: EntityAnswer, id_: str) -> EntitySpec:
    """The entity; a stand-in without a colour gets its natural one (an elephant built as a horse is gray)."""
    color_name = entity.color or natural_color(_name(entity.name), entity.category)
    color = None if color_name is None else Color(name=color_name, rgb=lx.COLORS[color_name])
    return EntitySpec(
        id=id_,
        name=_name(entity.name),
        category=entity.category,
        count=entity.count,
        color=color,
        size_scale=entity.height_m / _prior_height(entity.category),
        attributes=[a for a in entity.attributes if a],
        description=entity.description,
        height_m=entity.height_m,
    )


def _relation(relation: RelationAnswer) -> Relation:
    subject, object_ = _identifier(relation.subject), _identifier(relation.object)
    return Relation(subject=subject, predicate=relation.predicate, object=object_)


def _action(action: ActionAnswer, entities: list[EntitySpec]) -> Action:
    """The action with the clip the entity's rig plays ('a car runs' drives); 'sits down' only sits."""
    entity_id = _identifier(action.entity)
    category = CATEGORIES[next(e.category for e in entities if e.id == entity_id)]
    clip = action.clip
    if category.floats and clip in ("walk", "run", "drive", "fly"):
        clip = lx.FLOATING_CLIP
    clip = lx.RIG_CLIP_FIXES.get(category.rig, {}).get(clip, clip)
    direction = None if clip in lx.STILL_CLIPS and action.direction == "down" else action.direction
    return Action.model_validate(
        {
            "entity": entity_id,
            "verb": action.verb,
            "clip": clip,
            "direction": direction,
            "around": _identifier(action.around) if direction == "around" and action.around else None,
            "description": action.description,
        }
    )


def _camera(answer: DirectorAnswer, framing: CameraSpec) -> CameraSpec:
    """The answer's motion and target with the prompt's framing; its angles when it asked for that move."""
    keep = {"fov_deg", "elevation_deg"} if framing.motion != answer.camera else None
    fields = framing.model_dump(include=keep, exclude={"motion", "target"})
    target = _identifier(answer.camera_target) if answer.camera == "track" and answer.camera_target else None
    return CameraSpec(**fields, motion=answer.camera, target=target)


def _prior_height(category: str) -> float:
    return CATEGORIES[category].size_m[1]


# ------------------------------------------------------------------------------------ checks


def _id_problems(answer: DirectorAnswer, ids: list[str]) -> list[str]:
    """Ids must be usable, unique, and distinct from every other group's instance ids (ball_1, ball_2)."""
    problems = []
    instances = {
        f"{id_}_{k + 1}": id_
        for id_, e in zip(ids, answer.entities, strict=True)
        if e.count > 1
        for k in range(e.count)
    }
    for index, (entity, id_) in enumerate(zip(answer.entities, ids, strict=True)):
        field = f"entities.{index}.id"
        if not id_:
            problems.append(f"{field}: '{entity.id}' has no letters or digits; use a short id such as 'dog'")
        elif ids.index(id_) != index:
            problems.append(f"{field}: '{id_}' is used twice; give every entity its own id")
        elif id_ in instances:
            problems.append(
                f"{field}: '{id_}' is the id of one of the {instances[id_]} entities; pick another id"
            )
    return problems


def _entity_problems(answer: DirectorAnswer) -> list[str]:
    """Heights near the category's real-world size; the setting is the scene, not an entity."""
    problems = []
    low, high = HEIGHT_RATIO
    for index, entity in enumerate(answer.entities):
        prior = _prior_height(entity.category)
        if not low <= entity.height_m / prior <= high:
            problems.append(
                f"entities.{index}.height_m: {entity.height_m:g} m is not a plausible height for a "
                f"{entity.category} ('{entity.name}'): a typical one is {prior:g} m tall; give its real "
                f"height in metres, between {low * prior:.2g} and {high * prior:.2g}"
            )
        name = _name(entity.name)
        if _is_setting(name) and len(answer.entities) > 1:
            problems.append(
                f"entities.{index}: '{entity.name}' is part of the setting, not a thing to build; describe "
                "it in 'scene' and leave it out of entities, relations and actions"
            )
    return problems


def _is_setting(name: str) -> bool:
    """Place and scenery nouns (beach, grass, sky): the offline director never builds them either."""
    settings = set(lx.ENVIRONMENT_NOUNS) | lx.SCENERY_NOUNS
    return name not in lx.NOUN_CATEGORIES and name not in lx.COMPOUND_NOUNS and name in settings


def _reference_problems(answer: DirectorAnswer, ids: list[str]) -> list[str]:
    """Relations, actions and the camera name entities by the ids the answer gave them."""
    known = ", ".join(dict.fromkeys(ids))

    def unknown(field: str, ref: str) -> list[str]:
        if _identifier(ref) in ids:
            return []
        return [f"{field}: '{ref}' is not an entity id; use one of: {known}"]

    problems = []
    for index, relation in enumerate(answer.relations):
        problems += unknown(f"relations.{index}.subject", relation.subject)
        problems += unknown(f"relations.{index}.object", relation.object)
        if _identifier(relation.subject) == _identifier(relation.object):
            problems.append(f"relations.{index}: '{relation.subject}' cannot be {relation.predicate} itself")
    for index, action in enumerate(answer.actions):
        problems += unknown(f"actions.{index}.entity", action.entity)
        if action.around is not None:
            problems += unknown(f"actions.{index}.around", action.around)
    if answer.camera == "track" and answer.camera_target is None:
        problems.append(f"camera_target: a 'track' camera follows an entity; name its id: one of {known}")
    elif answer.camera != "track" and answer.camera_target is not None:
        problems.append(
            f"camera_target: only a 'track' camera has a target; use null (camera is '{answer.camera}')"
        )
    elif answer.camera_target is not None:
        problems += unknown("camera_target", answer.camera_target)
    return problems


def _action_problems(answer: DirectorAnswer, ids: list[str]) -> list[str]:
    """One action per entity; 'around' names what is circled; clips that stay in place have no direction."""
    problems, known = [], ", ".join(dict.fromkeys(ids))
    acted: set[str] = set()
    for index, action in enumerate(answer.actions):
        field, entity = f"actions.{index}", _identifier(action.entity)
        if entity in acted:
            problems.append(
                f"{field}: '{action.entity}' already has an action; give each entity one (its main one)"
            )
        acted.add(entity)
        if action.direction == "around" and action.around is None:
            problems.append(
                f"{field}.around: direction 'around' needs the id of the entity circled (one of {known})"
            )
        elif action.direction != "around" and action.around is not None:
            problems.append(f"{field}.around: set only when direction is 'around'; use null")
        elif action.around is not None and _identifier(action.around) == entity:
            problems.append(f"{field}.around: '{action.entity}' cannot circle itself")
        if action.clip in lx.STILL_CLIPS and action.direction not in (None, "down"):
            problems.append(
                f"{field}.direction: clip '{action.clip}' stays in place, so it has no direction "
                f"'{action.direction}'; use a clip that moves ({', '.join(MOVING_CLIPS)}) or null"
            )
    return problems


# ------------------------------------------------------------------------------------ prompt cross-checks


def _prompt_problems(answer: DirectorAnswer, prompt: str, reference: Plan) -> list[str]:
    """Contradictions with what the prompt plainly says; anything ambiguous passes."""
    words = [singular(word) for word in re.findall(r"[a-z0-9]+", prompt.lower())]
    problems = []
    for index, entity in enumerate(answer.entities):
        name = _name(entity.name)
        if not _mentions(words, name):
            named = ", ".join(e.name for e in reference.entities)
            problems.append(
                f"entities.{index}.name: the prompt never mentions '{entity.name}'; list only the things it "
                f"names ({named})"
            )
    problems += _count_problems(answer, prompt)
    problems += _color_problems(answer, reference)
    problems += _missing_entities(answer, reference)
    if answer.camera == "static" and reference.camera.motion != "static":
        problems.append(
            f"camera: the prompt asks for a camera move ({reference.camera.motion}), not 'static'"
        )
    return problems


def _mentions(words: list[str], name: str) -> bool:
    """The prompt names the noun's head, or a noun of the same known category ('dog' for a corgi)."""
    head = name.split()[-1]
    if head in words:
        return True
    category = category_of(name, stand_in=False)
    phrases = words + [" ".join(pair) for pair in pairwise(words)]
    return category != GENERIC and any(lx.NOUN_CATEGORIES.get(p) == category for p in phrases)


def _count_problems(answer: DirectorAnswer, prompt: str) -> list[str]:
    """A number word before the noun ('three small dogs') is the count; checked for unambiguous nouns only."""
    tokens = re.findall(r"[a-z0-9]+|[,.;:!?]", prompt.lower())
    heads = [_name(entity.name).split()[-1] for entity in answer.entities]
    problems = []
    for index, (entity, head) in enumerate(zip(answer.entities, heads, strict=True)):
        if heads.count(head) > 1:
            continue
        said = dict(_said_count(tokens, at) for at, token in enumerate(tokens) if singular(token) == head)
        said.pop(None, None)
        if len(said) == 1 and entity.count not in said:
            (count, phrase), *_ = said.items()
            problems.append(
                f"entities.{index}.count: the prompt says '{phrase}' ({count}) but count is {entity.count}"
            )
    return problems


def _said_count(tokens: list[str], head: int) -> tuple[int | None, str]:
    """(The count a number word gives the phrase ending at tokens[head], or None; the phrase as said)."""
    at = head - 1
    while at >= 0 and is_modifier(tokens[at]) and not _is_number_word(tokens[at]):
        at -= 1
    if at >= 0 and _is_number_word(tokens[at]):
        return number(tokens[at]), " ".join(tokens[at : head + 1])
    return None, tokens[head]


def _is_number_word(token: str) -> bool:
    return token.isdigit() or token in lx.NUMBER_WORDS


def _color_problems(answer: DirectorAnswer, reference: Plan) -> list[str]:
    """A colour the answer gives that differs from the one the prompt states for that noun.

    Colours of clothes ('a man in a red shirt') may not be the wearer's, and a stand-in's natural colour (a
    gray elephant) is not stated: those are not compared."""
    stated = {
        e.name: e.color.name
        for e in reference.entities
        if e.color is not None and not _dressed(e) and e.color.name != natural_color(e.name, e.category)
    }
    names = [_name(e.name) for e in answer.entities]
    problems = []
    for index, (entity, name) in enumerate(zip(answer.entities, names, strict=True)):
        said = stated.get(name)
        unique = names.count(name) == 1 and sum(e.name == name for e in reference.entities) == 1
        if unique and said is not None and entity.color is not None and entity.color != said:
            problems.append(
                f"entities.{index}.color: the prompt says the {name} is {said}, not {entity.color}"
            )
    return problems


def _dressed(entity: EntitySpec) -> bool:
    return any(attribute.split()[0] in lx.COLORS for attribute in entity.attributes if " " in attribute)


def _missing_entities(answer: DirectorAnswer, reference: Plan) -> list[str]:
    """Nouns with a known asset that the prompt names and no entity of the answer covers."""
    categories = {e.category for e in answer.entities}
    heads = {_name(e.name).split()[-1] for e in answer.entities}
    return [
        f"entities: the prompt also names '{e.name}' ({e.category}); add it as an entity"
        for e in reference.entities
        if e.category != GENERIC and e.category not in categories and e.name.split()[-1] not in heads
    ]
