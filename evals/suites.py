"""Eval suites: prompt files read into EvalItems with their expectations.

Four forms: generic items (`expect`); T2V-CompBench's meta_data items, whose fields name objects, relations,
directions, counts and attribute phrases in words; VBench-2.0's meta_info items (`prompt_en`, `dimension`,
`auxiliary_info`: a camera motion, or the yes/no questions about a relation before and after a change);
and prompt lists, one prompt a line (VBench's .txt files). This module turns fields into `Expectations`
without reading the prompt itself, so a director that misreads the prompt cannot also rewrite what is
checked. A prompt list has no fields: its items expect every noun the run's plan reads as a thing to be
seen (`named_things`), which the metrics decide from scene.json. What no metric can judge (a state change, an
interaction, a dimension without a rule here) is recorded as `unmeasured` and reported as not measured.
Attribute phrases are split into the head noun and its modifier words with the lexicon's word classes
(tools/language/lexicon.py), the same classes the offline director uses, but by rules of their own: a suite
phrase is a noun phrase, not a sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError

from scenewright.evals.schema import (
    CATEGORIES,
    MAX_ITEM_ID_CHARS,
    ActionExpectation,
    AttributeExpectation,
    CameraExpectation,
    CameraMotionName,
    CountExpectation,
    EvalItem,
    Expectations,
    MotionExpectation,
    SpatialExpectation,
    Unmeasured,
)
from scenewright.tools.files import MIB, FileKind, read_text
from scenewright.tools.language import lexicon as lx

SUITE_SUFFIXES = (".json", ".jsonl", ".yaml", ".yml", ".txt")
MAX_SUITE_BYTES = 64 * MIB
"""The largest suite file read: T2V-CompBench's 1400 prompts take under 1 MB."""
PROMPT_COLOR_REACH = 3
"""How many words before a noun the prompt's colour for it may stand ('a shiny white refrigerator')."""
GENERIC_FIELDS = frozenset({"prompt", "category", "id", "expect"})
BENCHMARK_KINDS: dict[str, str] = {
    "spatial": "spatial",
    "d_1": "motion",
    "numbers": "numeracy",
    "phrases": "attribute",
    "phrase_0": "action",
    "state 0": "dynamic",
}
"""The T2V-CompBench field that marks each kind of item (object interactions have only a prompt)."""
BENCHMARK_FIELDS = frozenset(
    {*BENCHMARK_KINDS, "object_1", "object_2", "d_2", "objects", "phrase_1", "state 1", "tag"}
)
VBENCH2_FIELDS = frozenset({"prompt_en", "dimension", "auxiliary_info"})
"""A VBench-2.0 meta_info item: its prompt, its dimension and what that dimension asks of the video."""
CONTENT_UNMEASURED: dict[str, Unmeasured] = {
    "object_interactions": Unmeasured(
        metric="interaction", what="the interaction the prompt describes (contact, cause and effect)"
    ),
}
"""What an item that expects nothing leaves unmeasured, by category; other categories: CONTENT_DEFAULT."""
CONTENT_DEFAULT = Unmeasured(metric="content", what="what the prompt describes: the item expects nothing")

RELATIONS: dict[str, str] = {
    "left": "left_of",
    "right": "right_of",
    "behind": "behind",
    "in front of": "in_front_of",
    "on": "on",
    "under": "under",
    "above": "above",
    "below": "below",
}
"""T2V-CompBench `spatial` values -> SpatialExpectation.relation."""
DIRECTIONS: dict[str, str] = {
    "left": "left",
    "right": "right",
    "up": "up",
    "down": "down",
    "towards": "toward",
    "toward": "toward",
    "away": "away",
}
"""T2V-CompBench `d_1`/`d_2` values -> MotionExpectation.direction."""
CAMERA_MOTIONS = frozenset(get_args(CameraMotionName))
QUESTION_RELATIONS: dict[str, str] = {
    "on the left of": "left_of",
    "to the left of": "left_of",
    "on the right of": "right_of",
    "to the right of": "right_of",
    "in front of": "in_front_of",
    "in the front of": "in_front_of",
    "on the front of": "in_front_of",
    "behind": "behind",
    "on the back of": "behind",
    "at the back of": "behind",
    "above": "above",
    "below": "below",
    "under": "under",
    "beneath": "under",
    "on the bottom of": "under",
    "at the bottom of": "under",
    "on top of": "on",
    "on": "on",
}
"""VBench-2.0's relation questions ('Is the cat on the bottom of the table?') -> a SpatialRelation."""
QUESTION = re.compile(
    r"is (?P<subject>.+?) (?P<relation>"
    + "|".join(map(re.escape, sorted(QUESTION_RELATIONS, key=len, reverse=True)))
    + r") (?P<object>.+)"
)

ARTICLES = frozenset({"a", "an", "the"})
QUANTITY_WORDS: frozenset[str] = frozenset(
    word for phrase in lx.QUANTITY_PHRASES for word in phrase.split() if word not in ARTICLES | {"of"}
)
"""Words of 'a couple of', 'a few', 'lots of' ...: they say how many, not what."""
PHRASE_LINKS = lx.WEARABLE_LINKS | lx.PREPOSITIONS | {"on", "above", "below", "beneath", "underneath"}
"""Words that end the head noun phrase: 'a girl | in a pink sweater', 'a full bottle | of wine'."""
STATE_WORDS = frozenset({"full", "empty", "solid", "clear", "bare", "raw", "whole", "open"})
"""State adjectives of T2V-CompBench's phrases ('a full candle') that the lexicon's ADJECTIVES lacks."""
KNOWN_NOUNS = lx.NOUN_CATEGORIES.keys() | lx.ENVIRONMENT_NOUNS.keys() | lx.SCENERY_NOUNS | lx.WEARABLES
"""Nouns the word-shape rules of `is_attribute_word` must not take for modifiers ('butterfly', 'spring')."""
COORDINATION = re.compile(r",?\s+and\s+(?=(?:a|an|the)\s)")
"""'a green apple and a green banana': two noun phrases ('and' before an article)."""


class SuiteError(ValueError):
    """A suite that cannot be read, explained in one line naming the file and item."""


SUITE_FILES = FileKind("a suite file", MAX_SUITE_BYTES, SuiteError)


class _SuiteLoader(yaml.SafeLoader):
    """YAML without aliases: an alias repeats a node without copying it, so a few lines can stand for
    billions of items (the "billion laughs") that checking the suite would then walk."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not supported", mark)
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class NounPhrase:
    """A suite phrase read as its head noun plus the modifier words said about it."""

    noun: str
    words: list[str]


def load_suites(paths: Iterable[Path]) -> list[EvalItem]:
    """Every item of every suite, in order; raises SuiteError for a bad file, item or a repeated id."""
    items: list[EvalItem] = []
    where_of: dict[str, str] = {}
    for path in paths:
        for item, where in _read_suite(Path(path)):
            if item.id in where_of:
                raise SuiteError(f"item id {item.id!r} appears twice: {where_of[item.id]} and {where}")
            where_of[item.id] = where
            items.append(item)
    return items


def first_per_category(items: list[EvalItem], limit: int) -> list[EvalItem]:
    """The first `limit` items of each category, in the original order (a quick run samples them all)."""
    if limit < 1:
        raise ValueError(f"--limit must be at least 1 (got {limit})")
    taken: dict[str, int] = {}
    kept = []
    for item in items:
        if taken.get(item.category, 0) < limit:
            taken[item.category] = taken.get(item.category, 0) + 1
            kept.append(item)
    return kept


# ----------------------------------------------------------------------------------------- files


def _read_suite(path: Path) -> list[tuple[EvalItem, str]]:
    if path.is_dir():
        return _read_meta_data_folder(path)
    if not path.exists():
        raise SuiteError(f"suite {path} does not exist")
    if path.suffix.lower() not in SUITE_SUFFIXES:
        raise SuiteError(
            f"suite {path}: expected a T2V-CompBench meta_data or VBench-2.0 meta_info folder or a "
            f"{', '.join(SUITE_SUFFIXES)} file"
        )
    return _items(_records(path), path, suite=path.stem, stem=path.stem)


def _read_meta_data_folder(folder: Path) -> list[tuple[EvalItem, str]]:
    """Every `<category>.json` in the folder (T2V-CompBench's meta_data, VBench-2.0's meta_info), the
    T2V-CompBench categories first in its order."""
    files = sorted(folder.glob("*.json"), key=lambda file: (category_rank(file.stem), file.stem))
    if not files:
        raise SuiteError(
            f"suite folder {folder} holds no <category>.json file (T2V-CompBench meta_data, VBench-2.0 "
            "meta_info)"
        )
    return [
        entry for file in files for entry in _items(_records(file), file, suite=folder.name, stem=file.stem)
    ]


def category_rank(category: str) -> int:
    """T2V-CompBench's categories first, in its order, then the others."""
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def _records(path: Path) -> list[Any]:
    """The file's list of raw items: a JSON or YAML list, one JSON object per line, or one prompt per line
    (.txt; blank lines and '#' comments skipped), each an item that expects the plan's things to be seen.
    Only a regular UTF-8 file of at most MAX_SUITE_BYTES is read (tools/files.py); whatever its parser
    refuses is a SuiteError."""
    text = read_text(path, SUITE_FILES)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        lines = (line.strip() for line in text.splitlines())
        return [
            {"prompt": line, "expect": {"named_things": True}} for line in lines if line and line[0] != "#"
        ]
    if suffix == ".jsonl":
        return [_json(line, path, number) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    records = _json(text, path) if suffix == ".json" else _yaml(text, path)
    if not isinstance(records, list):
        raise SuiteError(f"suite {path}: expected a list of items, got {type(records).__name__}")
    return records


def _json(text: str, path: Path, line: int = 1) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        at = line + error.lineno - 1
        raise SuiteError(f"suite {path}: not valid JSON: {error.msg} (line {at})") from None
    except RecursionError:
        raise SuiteError(f"suite {path}: not valid JSON: nested too deep (line {line})") from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise SuiteError(f"suite {path}: not valid JSON: {error} (line {line})") from None


def _yaml(text: str, path: Path) -> Any:
    try:
        return yaml.load(text, Loader=_SuiteLoader)  # a SafeLoader, without aliases
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        reason = (
            getattr(error, "problem", None) or str(error).splitlines()[0]
        )  # a reader's error has no problem
        raise SuiteError(f"suite {path}: not valid YAML: {reason}{line}") from None
    except RecursionError:
        raise SuiteError(f"suite {path}: not valid YAML: nested too deep") from None
    except ValueError as error:  # a scalar its constructor cannot convert (an integer of 5000 digits)
        raise SuiteError(f"suite {path}: not valid YAML: {error}") from None


def _items(records: list[Any], path: Path, *, suite: str, stem: str) -> list[tuple[EvalItem, str]]:
    entries = []
    for index, raw in enumerate(records):
        where = f"{path} item {index}"
        try:
            entries.append((_item(raw, index, suite=suite, stem=stem), where))
        except SuiteError as error:
            raise SuiteError(f"{where}: {error}") from None
        except ValidationError as error:
            raise SuiteError(f"{where}: {_first_error(error)}") from None
    return entries


def _first_error(error: ValidationError, *where: str) -> str:
    """A validation error in one line: the first problem and the field it is in."""
    first = error.errors()[0]
    field = ".".join([*where, *map(str, first["loc"])]) or "item"
    return f"{field}: {first['msg']}"


def _item(raw: Any, index: int, *, suite: str, stem: str) -> EvalItem:
    """One item in the generic form (`expect`), with T2V-CompBench fields or VBench-2.0's; ids default to
    stem-index, categories to the file's stem (VBench-2.0: its dimension)."""
    if not isinstance(raw, dict):
        raise SuiteError(f"expected an object with a 'prompt', got {type(raw).__name__}")
    if "prompt_en" in raw:
        prompt, category, expect = _vbench2_item(raw, stem)
    else:
        unknown = sorted(
            repr(field) for field in set(raw) - GENERIC_FIELDS - BENCHMARK_FIELDS
        )  # YAML keys: any type
        if unknown:
            raise SuiteError(f"unknown field(s) {', '.join(unknown)}")
        if not isinstance(raw.get("prompt"), str) or not raw["prompt"].strip():
            raise SuiteError("missing 'prompt' (a non-empty string)")
        prompt, category = raw["prompt"].strip(), str(raw.get("category", stem))
        expect = _given_expectations(raw) if "expect" in raw else benchmark_expectations(raw)
    item_id = str(raw.get("id", f"{stem}-{index:03d}"))
    if len(item_id) > MAX_ITEM_ID_CHARS:
        raise SuiteError(
            f"id has {len(item_id)} characters; the limit is {MAX_ITEM_ID_CHARS} (it names the run's folder)"
        )
    return EvalItem(
        id=item_id, suite=suite, category=category, prompt=prompt, expect=_completed(expect, category)
    )


def _given_expectations(raw: dict[str, Any]) -> Expectations:
    given = sorted(set(raw) & BENCHMARK_FIELDS)
    if given:
        raise SuiteError(f"has both 'expect' and T2V-CompBench field(s) {', '.join(map(repr, given))}")
    try:
        return Expectations.model_validate(raw["expect"] or {})
    except ValidationError as error:
        raise SuiteError(_first_error(error, "expect")) from None


def _completed(expect: Expectations, category: str) -> Expectations:
    """`objects` completed with every noun the other expectations name, each once, in order; an item that
    expects nothing has its content unmeasured (a prompt alone says nothing a metric could check)."""
    nouns = [
        *expect.objects,
        *(noun for relation in expect.spatial for noun in (relation.subject, relation.object)),
        *(motion.object for motion in expect.motions),
        *(count.object for count in expect.counts),
        *(attribute.object for attribute in expect.attributes),
        *(action.object for action in expect.actions),
    ]
    update: dict[str, Any] = {"objects": list(dict.fromkeys(nouns))}
    if expect == Expectations():
        update["unmeasured"] = [CONTENT_UNMEASURED.get(category, CONTENT_DEFAULT)]
    return expect.model_copy(update=update)


# ------------------------------------------------------------------------------ T2V-CompBench fields


def benchmark_expectations(raw: dict[str, Any]) -> Expectations:
    """What a T2V-CompBench item's fields say the video must show; a prompt alone says nothing."""
    kinds = [kind for field, kind in BENCHMARK_KINDS.items() if field in raw]
    if len(kinds) > 1:
        raise SuiteError(f"mixes the fields of {' and '.join(kinds)} items")
    kind = kinds[0] if kinds else None
    if kind == "spatial":
        return _spatial(raw)
    if kind == "motion":
        return _motions(raw)
    if kind == "numeracy":
        return _numeracy(raw)
    if kind == "attribute":
        return _attributes(_text(raw, "phrases"), _text(raw, "prompt"))
    if kind == "action":
        return Expectations(actions=[_action(raw, "phrase_0"), _action(raw, "phrase_1")])
    if kind == "dynamic":
        before, after = _text(raw, "state 0"), _text(raw, "state 1", required=False)
        change = Unmeasured(metric="dynamic_attribute", what=f"'{before}' becoming '{after}'")
        phrases = COORDINATION.split(before)
        return Expectations(
            objects=[parse_noun_phrase(phrase).noun for phrase in phrases], unmeasured=[change]
        )
    return Expectations()


def _text(raw: dict[str, Any], field: str, *, required: bool = True) -> str:
    value = raw.get(field, "")
    if not isinstance(value, str):
        raise SuiteError(f"field {field!r} must be a string, got {type(value).__name__}")
    if required and not value.strip():
        raise SuiteError(f"missing {field!r}")
    return value.strip()


def _spatial(raw: dict[str, Any]) -> Expectations:
    said = " ".join(_text(raw, "spatial").lower().split())
    if said not in RELATIONS:
        raise SuiteError(f"unknown spatial relation {said!r} (known: {', '.join(RELATIONS)})")
    relation = SpatialExpectation.model_validate(
        {
            "subject": noun_as_said(_text(raw, "object_1")),
            "relation": RELATIONS[said],
            "object": noun_as_said(_text(raw, "object_2")),
        }
    )
    return Expectations(spatial=[relation])


def _motions(raw: dict[str, Any]) -> Expectations:
    motions = []
    for object_field, direction_field in (("object_1", "d_1"), ("object_2", "d_2")):
        noun = _text(raw, object_field, required=False)
        said = _text(raw, direction_field, required=False).lower()
        if not noun and not said:
            continue
        if not noun or not said:
            raise SuiteError(f"{object_field!r} and {direction_field!r} must both be given or both empty")
        if said not in DIRECTIONS:
            raise SuiteError(
                f"unknown direction {said!r} in {direction_field!r} (known: {', '.join(DIRECTIONS)})"
            )
        motions.append(
            MotionExpectation.model_validate({"object": noun_as_said(noun), "direction": DIRECTIONS[said]})
        )
    if not motions:
        raise SuiteError("a motion item needs 'object_1' and 'd_1'")
    return Expectations(motions=motions)


def _numeracy(raw: dict[str, Any]) -> Expectations:
    """'dog,red ball' x '3,1': counts of the head nouns, and 'red' as an attribute of the ball."""
    phrases = _text(raw, "objects").split(",")
    numbers = _text(raw, "numbers").split(",")
    if len(phrases) != len(numbers):
        raise SuiteError(
            f"'objects' names {len(phrases)} noun(s) but 'numbers' gives {len(numbers)} count(s)"
        )
    counts, attributes = [], []
    for phrase, number in zip(phrases, numbers, strict=True):
        if not number.strip().isdigit() or int(number) < 1:
            raise SuiteError(f"count {number.strip()!r} of {phrase.strip()!r} is not a positive whole number")
        parsed = parse_noun_phrase(phrase)
        counts.append(CountExpectation(object=parsed.noun, count=int(number)))
        if parsed.words:
            attributes.append(
                AttributeExpectation(object=parsed.noun, words=parsed.words, phrase=phrase.strip())
            )
    return Expectations(counts=counts, attributes=attributes)


def _attributes(phrases: str, prompt: str) -> Expectations:
    """'a blue car; a white picket fence': each phrase's head noun, with its modifier words if any.

    Where a phrase's colour contradicts the colour the prompt itself gives that noun (a phrase 'a gray
    refrigerator' for the prompt's 'white refrigerator'), the prompt wins: it is what the video was asked
    for. The phrase shown in the report says so.
    """
    objects, attributes = [], []
    for phrase in filter(None, (part.strip() for part in phrases.split(";"))):
        parsed = parse_noun_phrase(phrase)
        objects.append(parsed.noun)
        words = _prompt_colors(parsed, prompt)
        if words:
            said = phrase if words == parsed.words else f"{phrase} (the prompt says {' '.join(words)})"
            attributes.append(AttributeExpectation(object=parsed.noun, words=words, phrase=said))
    return Expectations(objects=objects, attributes=attributes)


def _prompt_colors(parsed: NounPhrase, prompt: str) -> list[str]:
    """The phrase's words with each colour the prompt does not say replaced by the prompt's colour for the
    same noun, when the prompt names exactly one right before it ('... a white refrigerator')."""
    said = _words(prompt)
    if all(word in said for word in parsed.words if word in lx.COLOR_SYNONYMS):
        return parsed.words
    head = parsed.noun.split()
    stated = [
        word
        for at in range(len(said))
        if said[at : at + len(head)] in (head, [*head[:-1], head[-1] + "s"], [*head[:-1], head[-1] + "es"])
        for word in said[max(0, at - PROMPT_COLOR_REACH) : at]
        if word in lx.COLOR_SYNONYMS
    ]
    if len(set(stated)) != 1:
        return parsed.words
    return [stated[0] if word in lx.COLOR_SYNONYMS and word not in said else word for word in parsed.words]


def _action(raw: dict[str, Any], field: str) -> ActionExpectation:
    """['a dog?', 'a dog runs through a field?'] -> dog, 'runs through a field'."""
    pair = raw.get(field)
    if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(part, str) for part in pair):
        raise SuiteError(f"field {field!r} must be a list of two strings: ['a dog?', 'a dog runs?']")
    noun = noun_as_said(pair[0])
    sentence = " ".join(pair[1].strip().rstrip("?.!").split())
    match = re.fullmatch(rf"(?:(?:a|an|the)\s+)?{re.escape(noun)}\s+(.+)", sentence, flags=re.IGNORECASE)
    if not noun or match is None:
        raise SuiteError(f"{field!r}: {pair[1]!r} does not start with its object {pair[0]!r}")
    words = match.group(1).split()
    while len(words) > 1 and _precedes_verb(words[0].lower()):  # 'a cow is chewing grass': verb first
        words.pop(0)
    return ActionExpectation(object=noun, action=" ".join(words))


def _precedes_verb(word: str) -> bool:
    """An auxiliary or adverb before the verb: 'is (chewing)', 'slowly (rotates)'."""
    adverb = word in lx.ADVERBS or (len(word) > 4 and word.endswith("ly") and word not in lx.NON_ADVERBS_LY)
    return adverb or word in lx.AUXILIARIES


# -------------------------------------------------------------------------------- VBench-2.0 fields


def _vbench2_item(raw: dict[str, Any], stem: str) -> tuple[str, str, Expectations]:
    """(prompt, category, expectations) of a VBench-2.0 meta_info item; the category is its dimension.

    Camera_Motion asks for a camera motion; Dynamic_Spatial_Relationship asks two yes/no questions, the
    relation before the change and after it. Other dimensions have no rule here: not measured."""
    unknown = sorted(repr(field) for field in set(raw) - VBENCH2_FIELDS)
    if unknown:
        raise SuiteError(f"unknown field(s) {', '.join(unknown)} of a VBench-2.0 item")
    prompt = _text(raw, "prompt_en")
    dimension = _text(raw, "dimension", required=False) or stem
    info = raw.get("auxiliary_info")
    if dimension.lower() == "camera_motion":
        return prompt, dimension, _camera(info)
    if dimension.lower() == "dynamic_spatial_relationship":
        return prompt, dimension, _dynamic_spatial(info)
    unmeasured = Unmeasured(metric=dimension.lower(), what=f"VBench-2.0's {dimension}")
    return prompt, dimension, Expectations(unmeasured=[unmeasured])


def _camera(info: Any) -> Expectations:
    if not isinstance(info, str):
        raise SuiteError(f"'auxiliary_info' of a Camera_Motion item must be a motion name, got {info!r}")
    name = info.strip().lower()
    if name not in CAMERA_MOTIONS:
        return Expectations(unmeasured=[Unmeasured(metric="camera", what=f"the camera motion {info!r}")])
    return Expectations(camera=CameraExpectation.model_validate({"motion": name}))


def _dynamic_spatial(info: Any) -> Expectations:
    """The relation asked before the change holds at the clip's start, the one asked after at its end."""
    if not isinstance(info, list) or len(info) != 2 or not all(isinstance(q, str) for q in info):
        raise SuiteError(
            "'auxiliary_info' of a Dynamic_Spatial_Relationship item must be two questions, the relation "
            f"before and after, got {info!r}"
        )
    relations, unread = [], []
    for question, during in zip(info, ("start", "end"), strict=True):
        asked = read_question(question)
        if asked is None:
            unread.append(Unmeasured(metric="spatial", what=f"{question!r}: a question not read here"))
        else:
            relations.append(asked.model_copy(update={"during": during}))
    return Expectations(spatial=relations, unmeasured=unread)


def read_question(question: str) -> SpatialExpectation | None:
    """'Is the kangaroo on the left of the small box? (yes or no)' -> kangaroo left_of box; None when the
    question is not 'Is <noun> <relation> <noun>?'."""
    match = QUESTION.fullmatch(" ".join(_words(question.partition("?")[0])))
    if match is None:
        return None
    relation = QUESTION_RELATIONS[match["relation"]]
    subject, obj = parse_noun_phrase(match["subject"]).noun, parse_noun_phrase(match["object"]).noun
    return SpatialExpectation.model_validate({"subject": subject, "relation": relation, "object": obj})


# ------------------------------------------------------------------------------------- noun phrases


def _words(text: str) -> list[str]:
    """Lowercase words, punctuation other than inner hyphens and apostrophes dropped."""
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text.lower())


def noun_as_said(text: str) -> str:
    """A suite noun as written, lowercased, the article dropped: 'A Hot Air Balloon?' -> 'hot air balloon'."""
    words = _words(text)
    while words and words[0] in ARTICLES:
        words.pop(0)
    return " ".join(words)


def is_attribute_word(word: str) -> bool:
    """A word that describes a noun (colour, size, shape, material, texture, state), by the lexicon's classes.

    Beyond the lexicon: hyphenated compounds ('l-shaped', 'rainbow-hued'), '-y' adjectives ('murky') and
    '-ed' participles ('melted'), unless the word is a known noun.
    """
    if word in lx.NUMBER_WORDS:
        return False
    if word in lx.COLOR_SYNONYMS or word in lx.SIZE_WORDS or word in lx.ADJECTIVES or word in STATE_WORDS:
        return True
    return word not in KNOWN_NOUNS and (
        word in lx.ENVIRONMENT_ADJECTIVES
        or any(word.endswith(suffix) and len(word) > len(suffix) + 2 for suffix in lx.ADJECTIVE_SUFFIXES)
        or "-" in word
        or (len(word) > 3 and word.endswith("y"))
        or (len(word) > 4 and word.endswith("ed"))
    )


def parse_noun_phrase(text: str) -> NounPhrase:
    """'a girl in a pink sweater' -> girl ['pink']; 'a load of orange pumpkins' -> pumpkins ['orange'].

    The head is the noun before a link word ('in', 'with', 'wearing', 'of' ...): its last word plus the
    words before it that are not modifiers ('picket fence'), or a known compound ('grand piano'). The
    attribute words are the modifiers of the head phrase and, after a wearable link, of what it wears.
    """
    words = [word for word in _words(text) if word not in ARTICLES]
    while len(words) > 1 and (
        words[0] in QUANTITY_WORDS or words[0] in lx.NUMBER_WORDS or words[0].isdigit() or words[0] == "of"
    ):
        words.pop(0)  # 'a pair of jeans', 'three red balls': the count is not a modifier
    of = words.index("of") if "of" in words[1:-1] else 0
    if of and (words[of - 1] in lx.COLLECTIVES or words[of - 1] in lx.PORTIONS):
        words = words[of + 1 :]  # 'a load of pumpkins', 'a plain piece of wood': the noun after 'of'
    cut = next((at for at, word in enumerate(words) if at > 0 and word in PHRASE_LINKS), len(words))
    head_words, rest = words[:cut], words[cut + 1 :]
    if not head_words:
        raise SuiteError(f"no noun in {text!r}")
    noun = _head(head_words)
    described = head_words[: len(head_words) - len(noun.split())]
    if cut < len(words) and words[cut] in lx.WEARABLE_LINKS and any(word in lx.WEARABLES for word in rest):
        described += rest  # 'a girl in a pink sweater': the sweater's colour is said of the girl
    return NounPhrase(noun, [word for word in described if is_attribute_word(word)])


def _head(words: list[str]) -> str:
    for size in (3, 2):  # kept whole even where a word looks like a modifier ('black grand piano')
        tail = " ".join(words[-size:])
        if len(words) >= size and (tail in lx.COMPOUND_NOUNS or tail in lx.NOUN_CATEGORIES):
            return tail
    head = [words[-1]]
    for word in reversed(words[:-1]):
        if is_attribute_word(word) or word in lx.NUMBER_WORDS or word in lx.POSSESSIVES:
            break
        head.insert(0, word)
    return " ".join(head)
