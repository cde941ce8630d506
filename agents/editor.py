"""The offline chat editor: one chat message -> typed edit operations on the current Plan.

A user refines one video over many turns ('make the dog red', 'add another ball', 'lower the camera'). The
chat graph (graphs/chat.py) asks `read_edit` what a message means and `apply_edits` for the edited plan.

`read_edit` reads the message against the plan it edits, so 'the puppy' finds the dog group and 'another
ball' knows how many balls there are. The message is split into clauses at commas and 'and'; each clause is
tried against a few shapes in turn (camera, duration, speed, remove, add, count, size, then '<entity> <what
it does or is>') and its edits are applied to a working copy at once, so a later clause sees what an earlier
one did ('add a ball and make it red'). Words are read as the director reads them (tools/language); a thing
to add goes through the director, so 'a red cube next to the dog' is sized, coloured and described as in a
first prompt. A clause that fits no shape raises EditError with the kinds of edit understood: a message is
never silently ignored.

`apply_edits` is pure and keeps untouched entity groups in place with their ids, so their assets stay
cache hits when the scene is rebuilt.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, cast

from pydantic import Field, ValidationError, model_validator

from scenewright.agents import director as dr
from scenewright.schema import (
    Action,
    CameraMotion,
    CameraSpec,
    Clip,
    Color,
    Direction,
    EntitySpec,
    Identifier,
    Model,
    Plan,
    Relation,
    RelationPredicate,
    Speed,
)
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language import phrases as ph
from scenewright.tools.language import words as wd

EditOp = Literal[
    "add_entity",
    "remove_entity",
    "set_color",
    "set_size",
    "set_count",
    "set_relation",
    "set_action",
    "set_speed",
    "set_camera",
    "set_duration",
]

HELP = (
    "I can change colours ('make the dog red'), sizes ('make the ball bigger'), counts ('three cats', "
    "'add another ball'), add or remove things ('add a red cube next to the dog', 'remove the ball'), place "
    "them ('move the cat behind the tree'), make them move ('the dog runs to the left', 'the dog stops', "
    "'slower'), move the camera ('lower the camera', 'from above', 'orbit around the scene', 'zoom in') and "
    "set the length ('make it 6 seconds long', 'longer'); or say 'undo', 'redo', or 'new scene: ...'."
)
MAX_COUNT: int = EntitySpec.model_json_schema()["properties"]["count"]["maximum"]
MAX_FOV: float = CameraSpec.model_json_schema()["properties"]["fov_deg"]["maximum"]
DURATION_RANGE = (1.0, 20.0)
"""Clip lengths an edit may set, seconds: 'longer' stops at the top, '30 seconds' is refused."""
ELEVATION_STEPS = {"lower": (-10.0, 2.0), "raise": (15.0, 70.0)}
"""'lower/raise the camera': degrees per step, and the elevation the steps stop at."""
ZOOM_FACTORS = {"in": 0.7, "out": 1.4}
"""'zoom in/out': the field of view's multiplier."""
DURATION_FACTORS = {"longer": 1.5, "shorter": 0.67}
PROMPT_CHARS = 1000
"""The plan's prompt keeps the first prompt and the latest edits within this length (report.md shows it)."""

COMPARATIVES = {"bigger": "big", "larger": "large", "smaller": "small", "taller": "tall", "shorter": "short"}
SIZE_CHANGES: dict[str, float] = lx.SIZE_WORDS | {
    word: lx.SIZE_WORDS[base] for word, base in COMPARATIVES.items()
}
"""Size words and comparatives -> the factor on size_scale ('bigger' is 'big': 1.5)."""
SPEED_PHRASES = {
    "slow down": "slower",
    "slow motion": "slower",
    "more slowly": "slower",
    "speed up": "faster",
    "more quickly": "faster",
    "normal speed": "normal",
    "usual speed": "normal",
    "regular speed": "normal",
}
"""Speed phrases, rewritten to one word before a clause is read ('slow down' would read as a direction)."""
SPEED_PATTERN = ph.phrase_pattern(list(SPEED_PHRASES))
SPEED_WORDS: dict[str, Speed] = {
    **dict.fromkeys(["slower", "slowly", "slow"], "slow"),
    **dict.fromkeys(["faster", "quicker", "quickly", "quick", "fast"], "fast"),
    "normal": "normal",
}

DEFINITE = frozenset(lx.word_list("the this that these those all both each every")) | lx.POSSESSIVES
INDEFINITE = frozenset(["a", "an", "some", "another"])
PRONOUNS = frozenset(["it", "them", "they", "him", "her", "itself"])
PLACING_VERBS = frozenset(["put", "place", "position", "set", "keep", "move"])
"""'put the dog left of the ball': the relation changes, the dog does not start to move."""
LEAD_VERBS = PLACING_VERBS | {"make", "let", "have", "get", "paint", "color", "colour", "turn", "dye"}
"""Words before the entity of '<verb> the dog <change>': 'make the dog red', 'let the cat sit'."""
CLAUSE_BREAKS = frozenset([wd.BREAK, "and", "then", "plus"])
EDGE_FILLERS = frozenset(lx.word_list("please now ok okay also then instead too again"))
"""Words that may open or close any clause without changing it."""
TAIL_FILLERS = lx.AUXILIARIES | set(
    lx.word_list(
        "to now still again instead also too a bit little much lot even more please going just very way of"
    )
)
"""Words between an entity and its change that say nothing: 'the dog should be a bit bigger'."""
SCENE_WORDS = frozenset(lx.word_list("it the video clip scene animation movie film everything"))
DURATION_FILLERS = SCENE_WORDS | set(
    lx.word_list("make long last lasts should be is set length duration to a an")
)
SPEED_FILLERS = SCENE_WORDS | set(
    lx.word_list(
        "make all motion movement action actions a bit little much lot move go play should be at in them"
    )
)
"""Words that may come with a duration or speed said of the whole clip: 'make the video a bit slower'."""
CAMERA_FILLERS = lx.CAMERA_NOUNS | set(
    lx.word_list(
        "the a an it make use show switch to with from angle should be go let scene shoot film please"
    )
)
"""Words that may come with a camera phrase: 'make it a close-up', 'switch to a low angle'."""
CAMERA_STILL = re.compile(
    r"\b(?:static|still|fixed|steady|stationary|locked|stops?|no (?:motion|movement))\b"
)
ZOOM = re.compile(r"\bzoom(?:s|ed|ing)? (in|out)\b")
CAMERA_LOWER = frozenset(["lower", "drop", "down", "descend"])
CAMERA_RAISE = frozenset(["raise", "higher", "lift", "up", "elevate"])

NUMBER = r"\d+|" + "|".join(lx.NUMBER_WORDS) + rf"|{wd.MARK}num:\d+"
COUNT_STEP = re.compile(
    r"^(?:(?:add|put|place|include|insert) )?(?:another|an? extra|extra|an? (?:second|third|fourth|fifth)"
    rf"|(?P<n>{NUMBER}) (?P<sign>more|less|fewer)) (?P<rest>.+)$"
)
"""'add another ball', 'one more ball', 'two fewer cats': a count relative to the group's."""
COUNT = re.compile(
    r"^(?:(?:make it|make them|make that|only|just|there should be|there are|there must be|i want|we need"
    rf"|have|keep) )*(?P<n>{NUMBER}) (?P<rest>.+)$"
)
"""'three cats', 'make it five apples', 'only two dogs'."""
ADD = re.compile(r"^(?P<verb>add|put|place|include|insert|bring in|throw in) (?P<rest>.+)$")
REMOVE = re.compile(
    r"^(?:remove|delete|erase|drop|get rid of|take away|take out|lose|no more|no|without|eliminate) "
    r"(?P<rest>.+)$"
)
DURATION = re.compile(rf"\b(?P<n>\d+(?: point \d+)?|{'|'.join(lx.NUMBER_WORDS)}) ?(?:s|secs?|seconds?)\b")
UNDO = re.compile(r"undo(?: that| it| the last (?:change|edit))?|go back|revert|step back|take that back")
REDO = re.compile(r"redo(?: that| it)?")
NEW_SCENE = re.compile(
    r"^\s*(?:start over|start again|start afresh|new scene|new video|from scratch)\b\s*[:,.!;-]?\s*", re.I
)


class EditError(ValueError):
    """A message the editor cannot read, or an edit that cannot apply; the text says why, for the chat."""


class Edit(Model):
    """One typed change to a Plan. Values are what the change sets, resolved against the plan it was read
    for ('another ball' is a count of 2), except `scale`: a factor, since 'longer' needs the clip length."""

    op: EditOp
    entity: Identifier | None = Field(
        default=None, description="The target group's id; for add_entity the new group's id. None: the scene."
    )
    entity_spec: EntitySpec | None = Field(default=None, description="add_entity: the group to add.")
    color: str | None = Field(default=None, description="set_color: a lexicon.COLORS name.")
    count: int | None = Field(default=None, description="set_count: the group's new count.")
    scale: float | None = Field(
        default=None, gt=0, description="Factor on size_scale (set_size) or on the duration (set_duration)."
    )
    predicate: RelationPredicate | None = Field(
        default=None, description="set_relation, add_entity: how `entity` stands to `object`."
    )
    object: Identifier | None = Field(default=None, description="The relation's other group.")
    verb: str | None = Field(default=None, description="set_action: the verb as the plan says it, 'runs'.")
    clip: Clip | None = Field(default=None, description="set_action: the motion clip.")
    direction: Direction | None = Field(default=None, description="set_action: where it moves, if anywhere.")
    around: Identifier | None = Field(default=None, description="set_action: the group circled ('around').")
    speed: Speed | None = Field(default=None, description="set_speed: for `entity`'s action, or all actions.")
    motion: CameraMotion | None = Field(default=None, description="set_camera: the camera's move.")
    target: Identifier | None = Field(default=None, description="set_camera: the group a 'track' follows.")
    fov_deg: float | None = Field(default=None, description="set_camera: the vertical field of view.")
    elevation_deg: float | None = Field(default=None, description="set_camera: the look-down angle.")
    angle_deg: float | None = Field(
        default=None, description="set_camera: the move's sweep ('pan left 20 degrees'), in its angle field."
    )
    duration_s: float | None = Field(default=None, description="set_duration: the clip's length, seconds.")

    @model_validator(mode="after")
    def _complete(self) -> Edit:
        """Each op carries the fields it needs, so a malformed edit fails here, not half-applied."""
        missing = [name for name in REQUIRED_FIELDS[self.op] if getattr(self, name) is None]
        if missing:
            raise ValueError(f"{self.op} needs {', '.join(missing)}")
        if self.color is not None and self.color not in lx.COLORS:
            raise ValueError(f"unknown colour '{self.color}'; colours: {', '.join(lx.COLORS)}")
        camera = (self.motion, self.fov_deg, self.elevation_deg, self.angle_deg)
        if self.op == "set_camera" and all(value is None for value in camera):
            raise ValueError("set_camera changes at least one of motion, fov_deg, elevation_deg, angle_deg")
        if self.op == "set_duration" and (self.duration_s is None) == (self.scale is None):
            raise ValueError("set_duration gives either duration_s or scale")
        return self

    def describe(self) -> str:
        """One line for the chat reply: 'the dog is now red', 'added a red cube next to the dog'."""
        return DESCRIBE[self.op](self)


REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "add_entity": ("entity", "entity_spec"),
    "remove_entity": ("entity",),
    "set_color": ("entity", "color"),
    "set_size": ("entity", "scale"),
    "set_count": ("entity", "count"),
    "set_relation": ("entity", "predicate", "object"),
    "set_action": ("entity", "verb", "clip"),
    "set_speed": ("speed",),
    "set_camera": (),
    "set_duration": (),
}


@dataclass(frozen=True)
class EditRequest:
    """What a message asks the chat to do."""

    command: Literal["edit", "undo", "redo", "new"]
    edits: list[Edit]
    """The operations of an 'edit', in order; empty for undo, redo and new."""
    text: str
    """For 'new': the scene prompt to direct; otherwise the message as written."""


# ------------------------------------------------------------------------------------ describe


def _the(entity_id: str | None) -> str:
    return f"the {(entity_id or 'scene').replace('_', ' ')}"


def _plural(noun: str) -> str:
    """'ball' -> 'balls', 'puppy' -> 'puppies', 'mouse' -> 'mice': for 'there are now 3 ...'."""
    irregular = {singular: plural for plural, singular in lx.IRREGULAR_PLURALS.items()}
    if noun in irregular or noun in lx.INVARIANT_NOUNS:
        return irregular.get(noun, noun)
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def _describe_add(edit: Edit) -> str:
    spec = edit.entity_spec
    what = (spec.description if spec is not None else "") or _the(edit.entity)
    if spec is not None and spec.count > 1:  # 'a red cube' -> '3 red cubes'
        what = f"{spec.count} {what.partition(' ')[2].replace(spec.name, _plural(spec.name), 1)}"
    where = f" {edit.predicate.replace('_', ' ')} {_the(edit.object)}" if edit.predicate else ""
    return f"added {what}{where}"


def _describe_count(edit: Edit) -> str:
    name = (edit.entity or "").replace("_", " ")
    return f"there is now 1 {name}" if edit.count == 1 else f"there are now {edit.count} {_plural(name)}"


def _describe_size(edit: Edit) -> str:
    scale = edit.scale or 1.0
    return f"{_the(edit.entity)} is now {'bigger' if scale > 1 else 'smaller'} (×{scale:g})"


def _describe_speed(edit: Edit) -> str:
    who = f"{_the(edit.entity)} now moves" if edit.entity else "everything now moves"
    return f"{who} at {edit.speed} speed"


CAMERA_MOTION_WORDS: dict[str, str] = {
    "static": "stays still",
    "orbit": "orbits the scene",
    "dolly_in": "moves in",
    "dolly_out": "pulls back",
    "pan_left": "pans left",
    "pan_right": "pans right",
    "tilt_up": "tilts up",
    "tilt_down": "tilts down",
    "track": "follows",
}


def _describe_camera(edit: Edit) -> str:
    move = [CAMERA_MOTION_WORDS[edit.motion]] if edit.motion is not None else []
    move += [_the(edit.target)] if edit.target is not None else []
    move += [f"sweeping {edit.angle_deg:g}°"] if edit.angle_deg is not None else []
    parts = [" ".join(move)] if move else []
    parts += [f"looks down at {edit.elevation_deg:g}°"] if edit.elevation_deg is not None else []
    parts += [f"has a {edit.fov_deg:g}° field of view"] if edit.fov_deg is not None else []
    return "the camera now " + " and ".join(parts)


def _describe_duration(edit: Edit) -> str:
    if edit.duration_s is not None:
        return f"the clip is now {edit.duration_s:g} s long"
    return f"the clip is now {'longer' if (edit.scale or 1) > 1 else 'shorter'} (×{edit.scale:g})"


DESCRIBE: dict[str, Callable[[Edit], str]] = {
    "add_entity": _describe_add,
    "remove_entity": lambda e: f"removed {_the(e.entity)}",
    "set_color": lambda e: f"{_the(e.entity)} is now {e.color}",
    "set_size": _describe_size,
    "set_count": _describe_count,
    "set_relation": lambda e: (
        f"{_the(e.entity)} is now {(e.predicate or '').replace('_', ' ')} {_the(e.object)}"
    ),
    "set_action": lambda e: f"{_the(e.entity)} now {_motion_words(e.verb or '', e.direction, e.around)}",
    "set_speed": _describe_speed,
    "set_camera": _describe_camera,
    "set_duration": _describe_duration,
}


def _motion_words(verb: str, direction: str | None, around: str | None) -> str:
    """'runs to the left', 'walks around the tree': an action's sub-prompt, worded as the director's."""
    words = [verb, *([dr.DIRECTION_WORDS[direction]] if direction in dr.DIRECTION_WORDS else [])]
    words += [f"around {_the(around)}"] if around is not None else []
    return wd.fit(" ".join(words), dr.MAX_CHARS["action"])


# ------------------------------------------------------------------------------------ read


def read_edit(plan: Plan | None, message: str) -> EditRequest:
    """Offline: the message as edit operations on `plan` (None before the first turn: command new)."""
    text = message.strip()
    if not text:
        raise EditError(f"the message is empty. {HELP}")
    normalized = wd.normalize(re.sub(r"(\d)\.(\d)", r"\1 point \2", text)).strip(f" {wd.BREAK}")
    if UNDO.fullmatch(normalized):
        return EditRequest("undo", [], text)
    if REDO.fullmatch(normalized):
        return EditRequest("redo", [], text)
    new_scene = NEW_SCENE.match(text)
    if plan is None or new_scene:
        scene = text[new_scene.end() :].strip() if new_scene else text
        if not scene:
            raise EditError("say what the new scene shows, e.g. 'new scene: a corgi runs on a beach'")
        return EditRequest("new", [], scene)
    return EditRequest("edit", _Reader(plan).read(normalized), text)


def _clauses(text: str) -> list[list[str]]:
    """The words of each clause: split at commas and 'and', filler words at either end dropped."""
    clauses = []
    for is_break, group in itertools.groupby(text.split(), key=lambda word: word in CLAUSE_BREAKS):
        words = list(group)
        while words and words[0] in EDGE_FILLERS:
            words.pop(0)
        while words and words[-1] in EDGE_FILLERS:
            words.pop()
        if not is_break and words:
            clauses.append(words)
    return clauses


def _only(words: Iterable[str], allowed: frozenset[str] | set[str]) -> bool:
    return all(word in allowed for word in words)


def _number(word: str) -> int | None:
    """A count as said: '3', 'three', or a quantity marker ('a few' -> 3); None for any other word."""
    if word.isdigit():
        return int(word)
    if word.startswith(f"{wd.MARK}num:"):
        return int(word.split(":")[1])
    return lx.NUMBER_WORDS.get(word)


class _Reader:
    """Reads clauses into edits against a working copy of the plan that each clause's edits update."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.last: str | None = None  # the id of the group named or added last: what 'it' means

    def read(self, text: str) -> list[Edit]:
        edits: list[Edit] = []
        previous: list[str] = []
        for words in _clauses(text):
            clause_edits = self._clause(words, previous)
            for edit in clause_edits:
                if edit.op != "set_duration":
                    self.plan = _apply(self.plan, edit)
                if edit.op == "add_entity":
                    self.last = edit.entity
            edits += clause_edits
            previous = words
        if not edits:
            raise EditError(f"I found no change in that message. {HELP}")
        return edits

    def _clause(self, words: list[str], previous: list[str]) -> list[Edit]:
        """The clause as said, else with the previous clause's verb ('add a dog and | a cat'), else about
        'it' ('make the dog red and | bigger')."""
        attempts = [words]
        if previous and previous[0] in LEAD_VERBS | {"add", "remove", "delete"}:
            attempts.append([previous[0], *words])
        if self.last is not None:
            attempts.append(["it", *words])
        for attempt in attempts:
            edits = self._shapes(" ".join(attempt))
            if edits is not None:
                return edits
        raise EditError(f"I did not understand '{' '.join(words)}'. {HELP}")

    def _shapes(self, text: str) -> list[Edit] | None:
        """The edits of the first shape the clause fits, or None."""
        text = SPEED_PATTERN.sub(lambda m: SPEED_PHRASES[m.group(0)], text)
        readers = (
            self._camera,
            self._duration,
            self._speed,
            self._remove,
            self._add,
            self._count,
            self._size,
        )
        for reader in (*readers, self._change):
            found = reader(text)
            if found is not None:
                return found
        return None

    # ---- references

    def _take(self, words: list[str], start: int = 0) -> tuple[EntitySpec, int] | None:
        """The group named at words[start:] (determiner, modifiers, name; longest name first) and the index
        after it; None when no group is named there."""
        i = start
        while i < len(words) and (words[i] in DEFINITE or words[i] in INDEFINITE):
            i += 1
        if i < len(words) and words[i] in PRONOUNS:
            return self._pronoun(words[i]), i + 1
        for end in range(len(words), i, -1):
            span = words[i:end]
            if any(word.startswith(wd.MARK) for word in span):
                continue
            found = self._named(span)
            if len(found) > 1:
                raise EditError(f"which {' '.join(span)} do you mean: {', '.join(e.id for e in found)}?")
            if found:
                self.last = found[0].id
                return found[0], end
        return None

    def _named(self, span: list[str]) -> list[EntitySpec]:
        """Groups the words name: by id, else by name, else by the category of a noun the lexicon knows whole
        ('the puppy' is the dog; 'dog runs around the tree' is no tree); a colour said picks among several."""
        noun = span
        while len(noun) > 1 and (noun[0] in lx.COLOR_SYNONYMS or noun[0] in SIZE_CHANGES):
            noun = noun[1:]
        singular = " ".join([*noun[:-1], wd.singular(noun[-1])])
        names = {" ".join(span), " ".join(noun), singular}
        ids = {name.replace(" ", "_") for name in names}
        category = (
            lx.category_of(singular, stand_in=False) if lx.category_noun(singular) == singular else None
        )
        tiers = (
            [e for e in self.plan.entities if e.id in ids],
            [e for e in self.plan.entities if e.name in names],
            [e for e in self.plan.entities if category not in (None, "generic") and e.category == category],
        )
        found = next((tier for tier in tiers if tier), [])
        colors = {lx.COLOR_SYNONYMS[word] for word in span if word in lx.COLOR_SYNONYMS}
        if len(found) > 1 and colors:
            found = [e for e in found if e.color is not None and e.color.name in colors] or found
        return found

    def _pronoun(self, word: str) -> EntitySpec:
        """'it': the group named last in the message, else the scene's only group."""
        if self.last is not None:
            return _entity(self.plan, self.last)
        if len(self.plan.entities) == 1:
            return self.plan.entities[0]
        raise EditError(f"which thing is '{word}'? The scene has {self._names()}")

    def _names(self) -> str:
        return ", ".join(e.id.replace("_", " ") for e in self.plan.entities)

    def _unknown(self, words: list[str]) -> EditError:
        """The error for a noun phrase that names no group: 'there is no tree in the scene'."""
        i = 0
        while i < len(words) and (words[i] in DEFINITE | INDEFINITE or _number(words[i]) is not None):
            i += 1
        noun = list(itertools.takewhile(_is_noun_word, words[i:])) or words[i : i + 1] or ["such thing"]
        noun[-1] = wd.singular(noun[-1])
        return EditError(f"there is no {' '.join(noun)} in the scene (it has: {self._names()})")

    def _whole(self, words: list[str], start: int = 0) -> EntitySpec | None:
        """The group words[start:] name, all of them; EditError where they are a noun phrase naming none
        ('the sofa', 'cats'); None where they are something else."""
        taken = self._take(words, start)
        if taken is not None:
            return taken[0] if taken[1] == len(words) else None
        rest = words[start:]
        if rest and (rest[0] in DEFINITE or (_is_known_noun(rest[-1]) and _only(rest[:-1], INDEFINITE))):
            raise self._unknown(rest)
        return None

    # ---- shapes of clause

    def _camera(self, text: str) -> list[Edit] | None:
        """'lower the camera', 'zoom in', 'from above', 'orbit around the scene', 'follow the dog'. A clause
        that names the camera and fits none of these is an error, not someone else's clause."""
        words = text.split()
        named = any(word in lx.CAMERA_NOUNS for word in words)
        camera = self.plan.camera
        zoom = ZOOM.search(text)
        if zoom is not None:
            fov = round(min(camera.fov_deg * ZOOM_FACTORS[zoom.group(1)], MAX_FOV), 1)
            if fov == camera.fov_deg:
                raise EditError(f"the camera is already as wide as it goes ({MAX_FOV:g}°)")
            return [Edit(op="set_camera", fov_deg=fov)]
        if named and CAMERA_STILL.search(text):
            return [Edit(op="set_camera", motion="static")]
        fields, rest = ph.read_camera(text if named else f"the camera {text}")
        if fields:
            return self._camera_fields(fields, rest)
        step = "lower" if CAMERA_LOWER & set(words) else "raise" if CAMERA_RAISE & set(words) else None
        if named and step is not None:
            change, limit = ELEVATION_STEPS[step]
            now = camera.elevation_deg
            elevation = (
                max(now + change, min(now, limit)) if change < 0 else min(now + change, max(now, limit))
            )
            if elevation == now:
                raise EditError(f"the camera is already as {'low' if change < 0 else 'high'} as it goes")
            return [Edit(op="set_camera", elevation_deg=elevation)]
        if named:
            raise EditError(
                f"I did not understand '{text}' for the camera. It can: 'lower/raise the camera', "
                "'zoom in/out', 'from above', 'low angle', 'close-up', 'orbit around the scene', 'pan left', "
                "'follow the dog', 'static camera'."
            )
        return None

    def _camera_fields(self, fields: dict[str, float | str], rest: str) -> list[Edit] | None:
        """The director's camera fields as an edit, if only filler words are left ('track': its target)."""
        words = [word for word in rest.split() if not word.startswith(wd.MARK)]
        target = None
        if fields.get("motion") == "track":
            target = self._whole(words)
            if target is None:
                raise EditError("which thing should the camera follow? Say e.g. 'follow the dog'")
        elif not _only(words, CAMERA_FILLERS):
            return None
        angles = [fields.pop(name) for name in set(lx.CAMERA_ANGLE_FIELDS.values()) if name in fields]
        angle = {"angle_deg": angles[0]} if angles else {}
        return [Edit.model_validate({"op": "set_camera", **fields, **angle, "target": target and target.id})]

    def _duration(self, text: str) -> list[Edit] | None:
        """'make it 6 seconds long', 'longer', 'shorter'."""
        said = DURATION.search(text)
        if said is not None and _only(DURATION.sub(" ", text).split(), DURATION_FILLERS):
            value = said.group("n")
            seconds = float(value.replace(" point ", ".")) if value[0].isdigit() else lx.NUMBER_WORDS[value]
            return [Edit(op="set_duration", duration_s=seconds)]
        words = text.split()
        factors = [DURATION_FACTORS[word] for word in words if word in DURATION_FACTORS]
        if len(factors) == 1 and _only(words, DURATION_FILLERS | set(DURATION_FACTORS)):
            return [Edit(op="set_duration", scale=factors[0])]
        return None

    def _speed(self, text: str) -> list[Edit] | None:
        """'slower', 'make it faster', 'normal speed': every action's speed."""
        words = text.split()
        speeds = [SPEED_WORDS[word] for word in words if word in SPEED_WORDS]
        if len(speeds) == 1 and _only(words, SPEED_FILLERS | set(SPEED_WORDS)):
            return [Edit(op="set_speed", speed=speeds[0])]
        return None

    def _remove(self, text: str) -> list[Edit] | None:
        """'remove the ball', 'no ball', 'get rid of the cat'; 'remove a ball' or 'remove two balls' of a
        larger group lowers its count."""
        said = REMOVE.match(text)
        if said is None:
            return None
        words = ph.tokens(said.group("rest"))
        entity = self._whole(words)
        if entity is None:
            return None
        fewer = 1 if words[0] in ("a", "an") else _number(words[0])
        if fewer is not None and fewer < entity.count:
            return [Edit(op="set_count", entity=entity.id, count=entity.count - fewer)]
        return [Edit(op="remove_entity", entity=entity.id)]

    def _add(self, text: str) -> list[Edit] | None:
        """'add another ball', 'one more ball', 'two fewer cats' (counts); 'add a red cube next to the dog',
        'put a cat on the table' (new groups)."""
        step = COUNT_STEP.match(text)
        if step is not None:
            n = _number(step.group("n") or "1") or 1
            rest = step.group("rest")
            if step.group("sign") in ("less", "fewer"):
                entity = self._whole(ph.tokens(rest))
                return (
                    None
                    if entity is None
                    else [Edit(op="set_count", entity=entity.id, count=entity.count - n)]
                )
            entity = self._whole(ph.tokens(rest)) if step.group("n") else self._take_all(rest)
            if entity is not None:
                return [Edit(op="set_count", entity=entity.id, count=entity.count + n)]
            return self._new_entity(f"{n} {rest}" if n > 1 else f"a {rest}")
        said = ADD.match(text)
        if said is None:
            return None
        first = said.group("rest").split()[0]
        if said.group("verb") != "add" and first not in INDEFINITE and _number(first) is None:
            return None  # 'put the dog left of the ball': a relation (see _change)
        return self._new_entity(said.group("rest"))

    def _take_all(self, text: str) -> EntitySpec | None:
        """The group all the words name, or None without an error: 'another cat' with no cat adds one."""
        words = ph.tokens(text)
        taken = self._take(words)
        return taken[0] if taken is not None and taken[1] == len(words) else None

    def _new_entity(self, phrase: str) -> list[Edit]:
        """A thing to add, read by the director ('a red cube next to the dog'); the other things it names
        must be in the scene. A thing described only as a group is ('a ball') adds to that group's count."""
        directed = dr.direct_offline(phrase)
        spec, *others = directed.entities
        ids = {}
        for other in others:
            found = self._named(other.name.split())
            if len(found) != 1:
                raise self._unknown(other.name.split()) if not found else EditError(f"which {other.name}?")
            ids[other.id] = found[0].id
        plain = spec.description in (
            wd.with_article(spec.name),
            *(e.description for e in self.plan.entities),
        )
        same = [e for e in self.plan.entities if e.name == spec.name and spec.color in (None, e.color)]
        if same and plain and not directed.relations and not directed.actions:
            return [Edit(op="set_count", entity=same[0].id, count=same[0].count + spec.count)]
        ids[spec.id] = _new_id(self.plan, spec)
        relations = [(ids[r.subject], r.predicate, ids[r.object]) for r in directed.relations]
        own = next((relation for relation in relations if relation[0] == ids[spec.id]), None)
        edits = [
            Edit(
                op="add_entity",
                entity=ids[spec.id],
                entity_spec=spec.model_copy(update={"id": ids[spec.id]}),
                predicate=own[1] if own else None,
                object=own[2] if own else None,
            )
        ]
        edits += [
            Edit(op="set_relation", entity=s, predicate=p, object=o)
            for s, p, o in relations
            if own != (s, p, o)
        ]
        edits += [
            Edit(
                op="set_action",
                entity=ids[spec.id],
                verb=action.verb,
                clip=action.clip,
                direction=action.direction,
                around=action.around and ids[action.around],
            )
            for action in directed.actions
            if action.entity == spec.id
        ]
        return edits

    def _count(self, text: str) -> list[Edit] | None:
        """'three cats', 'make it five apples', 'only two dogs'."""
        said = COUNT.match(" ".join(ph.tokens(text)))
        if said is None:
            return None
        entity = self._whole(said.group("rest").split())
        return (
            None
            if entity is None
            else [Edit(op="set_count", entity=entity.id, count=_number(said.group("n")))]
        )

    def _size(self, text: str) -> list[Edit] | None:
        """'a smaller ball', 'a huge tree': the size word before the group's name."""
        words = ph.tokens(text)
        i = 1 if words[0] in ("a", "an", "the") else 0
        if i >= len(words) or words[i] not in SIZE_CHANGES:
            return None
        entity = self._whole(words, i + 1)
        return (
            None if entity is None else [Edit(op="set_size", entity=entity.id, scale=SIZE_CHANGES[words[i]])]
        )

    def _change(self, text: str) -> list[Edit] | None:
        """'[make] the dog red', 'the dog should walk behind the tree', 'put the dog left of the ball'."""
        words = ph.tokens(text)
        lead = words[0] if words[0] in LEAD_VERBS else None
        rest = words[1:] if lead else words
        if not rest or rest[0] in INDEFINITE or _number(rest[0]) is not None:
            return None  # 'a corgi runs on a beach' is a new thing, not a change
        taken = self._take(rest)
        if taken is None:
            if rest[0] in DEFINITE or _is_known_noun(rest[0]):
                raise self._unknown(rest)
            return None
        entity, end = taken
        return self._tail(entity, rest[end:], lead)

    def _tail(self, entity: EntitySpec, words: list[str], lead: str | None) -> list[Edit] | None:
        """What is said of an entity: a colour, a size, a verb, a direction, a relation, a speed."""
        color = lemma = direction = speed = None
        around: EntitySpec | None = None
        relation: tuple[RelationPredicate, EntitySpec] | None = None
        scale, i = 1.0, 0
        while i < len(words):
            word = words[i]
            kind, _, value = word[1:].partition(":") if word.startswith(wd.MARK) else ("", "", "")
            i += 1
            if kind == "relto" and value in ("left_of", "right_of") and _only(words[i:], SCREEN_WORDS):
                direction, i = value.removesuffix("_of"), len(words)  # 'runs to the left of the screen'
            elif kind in ("rel", "relto") or word == "around":
                taken = self._take(words, i)
                if taken is None:
                    raise self._unknown(words[i:])
                if word == "around":
                    direction, around = "around", taken[0]
                else:
                    relation = (cast(RelationPredicate, value), taken[0])
                i = taken[1]
            elif kind == "dir" or word in ("left", "right"):
                direction = value or word
            elif word in lx.COLOR_SYNONYMS and lemma is None:
                color = lx.COLOR_SYNONYMS[word]
            elif word in SIZE_CHANGES:
                scale *= SIZE_CHANGES[word]
            elif word in SPEED_WORDS:
                speed = SPEED_WORDS[word]
            elif word in wd.VERB_FORMS and lemma is None and word not in TAIL_FILLERS:
                lemma = wd.VERB_FORMS[word]
            elif word not in TAIL_FILLERS:
                return None
        if lead == "move" and lemma is None and relation is None:
            lemma = "move"  # 'move the dog to the left' moves it; 'move the dog behind the tree' places it
        edits = [Edit(op="set_color", entity=entity.id, color=color)] if color else []
        edits += [Edit(op="set_size", entity=entity.id, scale=round(scale, 4))] if scale != 1.0 else []
        if lemma is not None or direction is not None:
            action = self._action(entity, lemma, direction, around)
            edits += [] if (speed or relation) and _same_action(self.plan, action) else [action]
        if relation is not None:
            edits.append(
                Edit(op="set_relation", entity=entity.id, predicate=relation[0], object=relation[1].id)
            )
        edits += [Edit(op="set_speed", entity=entity.id, speed=speed)] if speed else []
        return edits or None

    def _action(
        self, entity: EntitySpec, lemma: str | None, direction: str | None, around: EntitySpec | None
    ) -> Edit:
        """The action a verb and direction give the entity, played by its category as the director would.
        What is not said stays: 'the dog walks' keeps it going left, 'the dog goes left' keeps its verb."""
        current = next((a for a in self.plan.actions if a.entity == entity.id), None)
        if lemma is None:
            lemma = wd.VERB_FORMS.get(current.verb, lx.MOVE) if current else lx.MOVE
        clip = lx.VERB_CLIPS.get(lemma, "idle")
        if direction is None and current is not None and clip not in lx.STILL_CLIPS:
            direction = current.direction
            around = _entity(self.plan, current.around) if current.around else None
        index = self.plan.entities.index(around) if around is not None else None
        clip, direction = dr.choose_clip(dr.Motion(lemma, lemma, clip, direction, index), entity.category)
        fields = {"verb": wd.inflections(lemma)[1], "clip": clip, "direction": direction}
        around_id = around.id if around is not None and direction == "around" else None
        return Edit.model_validate({"op": "set_action", "entity": entity.id, "around": around_id, **fields})


SCREEN_WORDS = frozenset(["the", "screen", "frame", "scene", "picture", "image", "video", "view"])
"""'to the left of the screen' is a direction, not a relation to an entity."""


def _is_noun_word(word: str) -> bool:
    """An open word that is not a colour, size, speed or verb: part of a noun phrase."""
    return (
        wd.is_open(word)
        and word not in lx.COLOR_SYNONYMS
        and word not in SIZE_CHANGES
        and word not in SPEED_WORDS
        and word not in wd.VERB_FORMS
    )


def _is_known_noun(word: str) -> bool:
    """A noun the lexicon knows ('cats', 'puppy'): even without 'the' it names a thing the scene must have."""
    singular = wd.singular(word)
    return _is_noun_word(word) and (singular in lx.KNOWN_NAMES or lx.category_noun(singular) is not None)


def _same_action(plan: Plan, edit: Edit) -> bool:
    """Whether a set_action edit would leave the group's action as it is ('the dog runs slower')."""
    current = next((a for a in plan.actions if a.entity == edit.entity), None)
    said = (edit.clip, edit.direction, edit.around)
    return current is not None and (current.clip, current.direction, current.around) == said


def _new_id(plan: Plan, spec: EntitySpec) -> str:
    """An id no group has and no count edit can give an instance: 'cube', else 'red_ball', else 'ball_13'."""
    taken = {e.id for e in plan.entities} | set(plan.group_of())
    taken |= {f"{e.id}_{k}" for e in plan.entities for k in range(1, MAX_COUNT + 1)}
    colored = [f"{spec.color.name}_{spec.id}"] if spec.color else []
    numbered = (f"{spec.id}_{k}" for k in itertools.count(2))
    for candidate in itertools.chain([spec.id, *colored], numbered):
        instances = {candidate} | {f"{candidate}_{k + 1}" for k in range(spec.count)}
        if not instances & taken and len(candidate) <= 64:
            return candidate
    raise AssertionError("unreachable: the numbered ids never run out")


# ------------------------------------------------------------------------------------ apply


def apply_edits(plan: Plan, edits: list[Edit], duration_s: float) -> tuple[Plan, float]:
    """The edited plan and clip duration; raises EditError for an edit that cannot apply (unknown entity,
    a relation to itself, a count out of 1..12). Pure: same inputs, same outputs."""
    for edit in edits:
        if edit.op == "set_duration":
            duration_s = _duration(duration_s, edit)
        else:
            plan = _apply(plan, edit)
    if edits:
        plan = plan.model_copy(update={"prompt": _history(plan.prompt, [edit.describe() for edit in edits])})
    return plan, duration_s


def _history(prompt: str, changes: list[str]) -> str:
    """'a dog runs; the dog is now red; ...': the first prompt and as many of the latest changes as fit."""
    text = "; ".join([prompt, *changes])
    if len(text) <= PROMPT_CHARS:
        return text
    first, *rest = (part for part in text.split("; ") if part != "…")
    while rest and len("; ".join([first, "…", *rest])) > PROMPT_CHARS:
        rest.pop(0)
    return "; ".join([first, "…", *rest])


def _duration(duration_s: float, edit: Edit) -> float:
    low, high = DURATION_RANGE
    if edit.duration_s is not None:
        if not low <= edit.duration_s <= high:
            raise EditError(f"a clip lasts {low:g} to {high:g} seconds, not {edit.duration_s:g}")
        return edit.duration_s
    seconds = round(min(max(duration_s * (edit.scale or 1.0), low), high), 2)
    if seconds == duration_s:
        raise EditError(f"the clip is already as {'long' if (edit.scale or 1) > 1 else 'short'} as it goes")
    return seconds


def _apply(plan: Plan, edit: Edit) -> Plan:
    """The plan with one edit applied, validated by the schema (model_copy alone validates nothing)."""
    changes = APPLY[edit.op](plan, edit)
    try:
        return Plan.model_validate(plan.model_copy(update=changes).model_dump())
    except ValidationError as error:
        reason = "; ".join(str(e["msg"]) for e in error.errors())
        raise EditError(f"cannot apply '{edit.describe()}': {reason}") from error


def _entity(plan: Plan, entity_id: str | None) -> EntitySpec:
    found = next((e for e in plan.entities if e.id == entity_id), None)
    if found is None:
        raise EditError(
            f"there is no '{entity_id}' in the scene (it has: {', '.join(e.id for e in plan.entities)})"
        )
    return found


def _replaced(plan: Plan, entity_id: str | None, **fields: object) -> dict[str, object]:
    """Plan fields with one group's fields changed, the others untouched and in place."""
    target = _entity(plan, entity_id)
    entities = [e.model_copy(update=fields) if e is target else e for e in plan.entities]
    return {"entities": entities}


def _add_entity(plan: Plan, edit: Edit) -> dict[str, object]:
    assert edit.entity_spec is not None and edit.entity is not None
    if edit.entity in plan.group_of() or any(e.id == edit.entity for e in plan.entities):
        raise EditError(f"the id '{edit.entity}' is already taken in the scene")
    entities = [*plan.entities, edit.entity_spec.model_copy(update={"id": edit.entity})]
    relations = plan.relations
    if edit.predicate is not None and edit.object is not None:
        relations = _related(plan, edit.entity, edit.predicate, edit.object)
    return {"entities": entities, "relations": relations, "unknown_nouns": _unknown_nouns(entities)}


def _remove_entity(plan: Plan, edit: Edit) -> dict[str, object]:
    """Drop the group with its relations and actions; what circled it stops circling, a camera that
    followed it stands still."""
    gone = _entity(plan, edit.entity).id
    if len(plan.entities) == 1:
        raise EditError(f"{_the(gone)} is all the scene has; say 'new scene: ...' to start another")
    entities = [e for e in plan.entities if e.id != gone]
    actions = []
    for action in plan.actions:
        if action.entity != gone and action.around == gone:
            words = _motion_words(action.verb, None, None)
            action = action.model_copy(update={"direction": None, "around": None, "description": words})
        if action.entity != gone:
            actions.append(action)
    camera = plan.camera.model_copy(update={"motion": "static", "target": None})
    return {
        "entities": entities,
        "relations": [r for r in plan.relations if gone not in (r.subject, r.object)],
        "actions": actions,
        "camera": camera if plan.camera.target == gone else plan.camera,
        "unknown_nouns": _unknown_nouns(entities),
    }


def _unknown_nouns(entities: list[EntitySpec]) -> list[str]:
    """The generic groups' names, as the director lists them."""
    return list(dict.fromkeys(e.name for e in entities if e.category == "generic"))


def _set_color(plan: Plan, edit: Edit) -> dict[str, object]:
    assert edit.color is not None
    entity = _entity(plan, edit.entity)
    color = Color(name=edit.color, rgb=lx.COLORS[edit.color])
    return _replaced(plan, entity.id, color=color, description=_recolored(entity, edit.color))


def _recolored(entity: EntitySpec, color: str) -> str:
    """The sub-prompt in the new colour: 'a brown dog' -> 'a red dog', 'an orange ball' -> 'a blue ball'."""
    words = (entity.description or wd.with_article(entity.name)).split()
    said = next((i for i, word in enumerate(words) if word in lx.COLOR_SYNONYMS), None)
    if said is not None:
        words[said] = color
    else:
        name = entity.name.split()[0]
        words.insert(words.index(name) if name in words else min(1, len(words)), color)
    if words[0] in ("a", "an"):
        return wd.with_article(" ".join(words[1:]))
    return " ".join(words)


def _set_size(plan: Plan, edit: Edit) -> dict[str, object]:
    """Scale the group (its real height with it), within the director's range of size scales."""
    entity = _entity(plan, edit.entity)
    scale = dr.bounded_scale(entity.size_scale * (edit.scale or 1.0))
    if scale == entity.size_scale:
        limit = "big" if (edit.scale or 1.0) > 1 else "small"
        raise EditError(f"{_the(entity.id)} is already as {limit} as it can be")
    height = None if entity.height_m is None else min(entity.height_m * scale / entity.size_scale, 100.0)
    return _replaced(plan, entity.id, size_scale=scale, height_m=height)


def _set_count(plan: Plan, edit: Edit) -> dict[str, object]:
    entity = _entity(plan, edit.entity)
    count = edit.count or 0
    if not 1 <= count <= MAX_COUNT:
        raise EditError(f"a group holds 1 to {MAX_COUNT} things; {_the(entity.id)} cannot be {count}")
    instances = {entity.id} if count == 1 else {f"{entity.id}_{k + 1}" for k in range(count)}
    clash = sorted(
        instances & {iid for e in plan.entities if e is not entity for iid in [e.id, *plan.instance_ids(e)]}
    )
    if clash:
        raise EditError(f"cannot make {count} of {_the(entity.id)}: the id {clash[0]} names another group")
    return _replaced(plan, entity.id, count=count)


def _related(plan: Plan, subject: str, predicate: RelationPredicate, obj: str) -> list[Relation]:
    """The relations with the pair's old one (either way round) replaced."""
    if subject == obj:
        raise EditError(f"{_the(subject)} cannot be {predicate.replace('_', ' ')} itself")
    kept = [r for r in plan.relations if {r.subject, r.object} != {subject, obj}]
    return [*kept, Relation(subject=subject, predicate=predicate, object=obj)]


def _set_relation(plan: Plan, edit: Edit) -> dict[str, object]:
    assert edit.predicate is not None and edit.object is not None
    subject, obj = _entity(plan, edit.entity).id, _entity(plan, edit.object).id
    return {"relations": _related(plan, subject, edit.predicate, obj)}


def _set_action(plan: Plan, edit: Edit) -> dict[str, object]:
    """Replace the group's action in place (keeping its speed), or add one."""
    assert edit.verb is not None and edit.clip is not None
    entity = _entity(plan, edit.entity)
    if edit.around is not None:
        _entity(plan, edit.around)
    current = next((a for a in plan.actions if a.entity == entity.id), None)
    action = Action(
        entity=entity.id,
        verb=edit.verb,
        clip=edit.clip,
        direction=edit.direction,
        around=edit.around,
        description=_motion_words(edit.verb, edit.direction, edit.around),
        speed=current.speed if current is not None else "normal",
    )
    if current is None:
        return {"actions": [*plan.actions, action]}
    return {"actions": [action if a is current else a for a in plan.actions]}


def _set_speed(plan: Plan, edit: Edit) -> dict[str, object]:
    if edit.entity is not None:
        _entity(plan, edit.entity)
    targets = [a for a in plan.actions if edit.entity in (None, a.entity)]
    if not targets:
        what = _the(edit.entity) if edit.entity else "nothing in the scene"
        raise EditError(f"{what} does not move yet; say what it does first, e.g. 'the dog runs'")
    return {
        "actions": [a.model_copy(update={"speed": edit.speed}) if a in targets else a for a in plan.actions]
    }


def _set_camera(plan: Plan, edit: Edit) -> dict[str, object]:
    fields: dict[str, object] = {}
    if edit.motion is not None:
        fields |= {"motion": edit.motion, "target": edit.target}
        if edit.target is not None:
            _entity(plan, edit.target)
    motion = edit.motion or plan.camera.motion
    if edit.angle_deg is not None:
        if motion not in lx.CAMERA_ANGLE_FIELDS:
            raise EditError(f"a {motion.replace('_', ' ')} camera has no angle to set")
        fields[lx.CAMERA_ANGLE_FIELDS[motion]] = edit.angle_deg
    fields |= {"fov_deg": edit.fov_deg} if edit.fov_deg is not None else {}
    fields |= {"elevation_deg": edit.elevation_deg} if edit.elevation_deg is not None else {}
    return {"camera": plan.camera.model_copy(update=fields)}


APPLY: dict[str, Callable[[Plan, Edit], dict[str, object]]] = {
    "add_entity": _add_entity,
    "remove_entity": _remove_entity,
    "set_color": _set_color,
    "set_size": _set_size,
    "set_count": _set_count,
    "set_relation": _set_relation,
    "set_action": _set_action,
    "set_speed": _set_speed,
    "set_camera": _set_camera,
}
"""Each plan op -> the plan fields it changes (set_duration changes the clip, not the plan)."""
