"""The offline director: a deterministic phrase parser that turns a prompt into a Plan.

It works in three passes, each readable on its own:
1. `tools.language.phrases.tokens` (after `words.normalize` and `phrases.read_camera`): normalise the text
   and replace multi-word phrases (relations, directions, quantities, 'from left to right') by marker
   tokens such as `§rel:left_of`, so later passes see one token each.
2. `_chunk`: group the tokens into items: noun phrases (determiner/number + modifiers + head noun,
   found by structure, so unknown nouns are found too), verbs, relations, directions, clause breaks.
3. `_Builder`: read the items clause by clause into entities, the environment, relations and actions.
The plan also carries C3V's sub-prompts, quoted from the prompt where it can: the scene ('a sandy
beach'), each entity ('a small red ball') and each motion ('rolls to the left').

Nothing here raises for a non-empty prompt: a prompt with no recognisable noun still yields one
generic entity, so the graph always has something to build.

How words are read (plurals, verb forms, word classes, phrases) is `scenewright.tools.language`'s, shared
with the chat editor and the eval metrics. What the editor needs of the director itself is public here:
`direct_offline`, `choose_clip`, `bounded_scale`, `Motion` and the sub-prompt limits (`MAX_CHARS`,
`DIRECTION_WORDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scenewright.schema import Action, EntitySpec, NounReading, Plan
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language import nouns as nn
from scenewright.tools.language import phrases as ph
from scenewright.tools.language import styles as st
from scenewright.tools.language import words as wd
from scenewright.tools.scene.catalog import CATEGORIES, LIVING, NOUN_HEIGHTS_M

DIRECTION_WORDS = {
    "left": "to the left",
    "right": "to the right",
    "toward": "toward the camera",
    "away": "away from the camera",
    "up": "upward",
    "down": "downward",
}
"""Direction -> how a motion sub-prompt says it ('runs to the left')."""
SCENES = {
    "beach": "a sandy beach by the sea",
    "park": "a green park",
    "garden": "a garden",
    "street": "a street",
    "room": "a room",
    "snow": "a snowy landscape",
    "ocean": "the open ocean",
    "field": "a grassy field",
    "forest": "a forest",
    "desert": "a sandy desert",
    "city": "a city",
    "lake": "a lake shore",
}
"""Environment -> scene sub-prompt, when the prompt names no place to quote."""
MAX_CHARS: dict[str, int] = {
    "entity": EntitySpec.model_json_schema()["properties"]["description"]["maxLength"],
    "action": Action.model_json_schema()["properties"]["description"]["maxLength"],
    "scene": Plan.model_json_schema()["properties"]["scene_description"]["maxLength"],
}
"""The schema's length limits of the sub-prompts."""
PLACE_KINDS = ("prep", "rel", "relto", "around", "side")
"""Items that introduce a prepositional noun phrase."""
SIZE_SCALE_RANGE = (0.05, EntitySpec.model_json_schema()["properties"]["size_scale"]["maximum"])
"""Size scales a plan may give: size words, and a stand-in's real height against its category's."""
STAND_IN_MAX_SCALE = 2.0
"""A stand-in is drawn at most this many times its asset's size: beyond, a horse no longer reads as a giraffe,
and a few of them crowd the frame."""
LEGIBLE_SIZE_M = 0.3
LEGIBLE_FRACTION = 0.05
"""Every entity's largest side is at least LEGIBLE_SIZE_M and this fraction of the tallest entity: smaller,
the camera that frames the scene (metres across once anything travels) shows it as a few pixels at 640x360,
too few to be seen, counted or coloured (measured on the development split)."""
LOAD_FRACTION, ON_TOP_FRACTION = 0.1, 0.7
"""A thing resting on another is enlarged to this fraction of the longer side of the top it rests on (a load
of pumpkins on an 8 m truck, framed with the truck's 20 m drive, are otherwise a few pixels), and enlarged
only within this fraction of its narrower side, so the top shows round it (sushi on a plate, a pencil on a
notebook). It never shrinks below its real size for either."""
MAX_COUNT = EntitySpec.model_json_schema()["properties"]["count"]["maximum"]
NAME_PREFIXES = {
    " ".join(name.split()[:n]) for name in lx.KNOWN_NAMES for n in range(2, len(name.split()) + 1)
}
"""Beginnings of the known multi-word nouns: a phrase never ends inside one."""


# ------------------------------------------------------------------------------------ pass 2: chunks


@dataclass
class NounPhrase:
    """Modifiers and head noun as said (head last), with the count the prompt gives, if any."""

    words: list[str]
    count: int | None = None
    determiner: str = ""
    coordinated: bool = False
    portion: bool = False  # 'a piece of wood': a thing made of the noun, never the setting


@dataclass
class Item:
    """One unit of the chunked prompt.

    kind: np, verb, aux, rel, relto, side, dir, around, prep, and, break, relative, pronoun, color.
    value: the lemma, predicate, direction or colour; word: the text as said.
    """

    kind: str
    value: str = ""
    word: str = ""
    phrase: NounPhrase | None = None
    passive: bool = False
    ref: int | None = None  # for np items: the entity group it names, once resolved


def _chunk(tokens: list[str]) -> list[Item]:
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        item, i = _next_item(tokens, i, items[-1] if items else None)
        if item is not None:
            items.append(item)
    return items


def _next_item(tokens: list[str], i: int, prev: Item | None) -> tuple[Item | None, int]:
    """Read the item that starts at tokens[i]; returns it (None for a skipped word) and the next index."""
    word = tokens[i]
    following = tokens[i + 1] if i + 1 < len(tokens) else ""
    if word.startswith(f"{wd.MARK}num:"):
        return _read_phrase(tokens, i)
    if word.startswith(wd.MARK):
        kind, value = word[1:].split(":")
        return Item(kind, value, word), i + 1
    if word == wd.BREAK or word in lx.CLAUSE_CONJUNCTIONS:
        return Item("break", word=word), i + 1
    if word in ("and", "or"):
        return Item("and", word=word), i + 1
    if word in lx.RELATIVE_PRONOUNS and prev is not None and prev.kind == "np":
        return Item("relative", word=word), i + 1
    if word in lx.PRONOUNS:
        return Item("pronoun", word=word), i + 1
    if word in lx.AUXILIARIES:
        return Item("aux", word=word), i + 1
    if prev is not None and prev.kind == "aux" and word in lx.COLOR_SYNONYMS and not wd.is_open(following):
        return Item("color", lx.COLOR_SYNONYMS[word], word), i + 1
    if word == "around":
        return Item("around", word=word), i + 1
    if word in ("left", "right"):
        after_verb = prev is not None and prev.kind == "verb"
        return (Item("dir", word, word) if after_verb else None), i + 1
    if word in lx.PREPOSITIONS:
        return Item("prep", word, word), i + 1
    if not wd.is_open(word) and word not in wd.DETERMINERS:
        return None, i + 1
    if _starts_verb(word, following, prev):
        return _verb_item(word, prev), i + 1
    return _read_phrase(tokens, i, coordinated=prev is not None and prev.kind == "and")


def _starts_verb(word: str, following: str, prev: Item | None) -> bool:
    """Whether an open word is a verb, decided by what comes before it."""
    if not wd.is_open(word) or wd.is_modifier(word) or word in lx.NOUN_CATEGORIES:
        return False
    if prev is None:  # 'Runs, jumps': verbs; 'Watch, zoom out.': a title, a noun
        return word in wd.VERB_FORMS and not wd.is_open(following) and following != wd.BREAK
    if prev.kind in ("np", "pronoun", "aux", "relative"):
        return True
    if prev.kind in ("break", "and"):
        return word in wd.VERB_FORMS or wd.is_participle(word)
    if prev.kind == "prep" and prev.word == "to" and word not in lx.KNOWN_NAMES:
        return word in wd.VERB_FORMS or nn.is_base_verb(word)  # 'running to join a herd', 'to gain speed'
    return wd.is_participle(word) and not wd.is_open(following)


def _verb_item(word: str, prev: Item | None) -> Item:
    lemma = wd.VERB_FORMS.get(word) or re.sub(r"(ing|ed|es|s)$", "", word) or word
    participle = not word.endswith("ing") and word not in (lemma, lemma + "s")
    return Item("verb", lemma, word, passive=prev is not None and prev.kind == "aux" and participle)


def _read_phrase(tokens: list[str], i: int, coordinated: bool = False) -> tuple[Item | None, int]:
    """Determiner/number + modifiers + head noun; the phrase ends at a closed word, a plural or a verb.

    `coordinated`: the phrase follows 'and', so its verb takes the plural form ('a bus and a taxi drive')."""
    start, phrase = i, NounPhrase(words=[], coordinated=coordinated)
    while i < len(tokens) and _reads_determiner(tokens[i], phrase):
        i += 1
    while i < len(tokens) and wd.is_open(tokens[i]):
        word = tokens[i]
        if phrase.words and _ends_phrase(phrase, word, tokens[i + 1] if i + 1 < len(tokens) else ""):
            break
        phrase.words.append(word)
        i += 1
        if wd.is_plural(word):
            break
    if _is_collective(phrase, tokens, i):
        inner, end = _read_phrase(tokens, i + 1)
        if inner is not None and inner.phrase is not None:
            collective = phrase.words[-1]
            inner_category = lx.category_of(wd.singular(inner.phrase.words[-1]))
            one_set = collective in lx.SET_NOUNS.get(inner_category, frozenset())  # a bunch of grapes
            inner.phrase.count = inner.phrase.count or (1 if one_set else _collective_count(collective))
            inner.phrase.portion = phrase.words[-1] in lx.PORTIONS
            return inner, end
    predicate = (
        not phrase.determiner and phrase.count is None and all(wd.is_modifier(w) for w in phrase.words)
    )
    if not phrase.words or predicate:  # 'turning red', 'from green to bright red'
        return None, max(i, start + 1)
    return Item("np", phrase=phrase), i


def _reads_determiner(word: str, phrase: NounPhrase) -> bool:
    """Consume a determiner, number or quantity marker into the phrase; False at the first other word."""
    if word.startswith(f"{wd.MARK}num:"):
        phrase.count = int(word.split(":")[1])
    elif wd.is_number(word) and not phrase.words:
        phrase.count = wd.number(word)
    elif word in lx.SINGULAR_DETERMINERS | lx.PLURAL_DETERMINERS | lx.POSSESSIVES:
        phrase.determiner = phrase.determiner or word
    else:
        return False
    return True


def _ends_phrase(phrase: NounPhrase, word: str, following: str) -> bool:
    """After at least one noun, a verb form ends the phrase ('a dog | runs', 'a toy | lying under')."""
    if any(" ".join([*phrase.words[-k:], word]) in NAME_PREFIXES for k in range(1, len(phrase.words) + 1)):
        return False  # 'traffic light', 'hot air balloon'
    if wd.is_participle(word) and not wd.is_open(following) and any(map(wd.can_be_head, phrase.words)):
        return True  # 'a toy | lying under ...', but 'a yellow building in ...'
    if all(wd.is_modifier(w) or wd.is_participle(w) for w in phrase.words):
        # describing words so far, unless a known noun that looks like one is followed by a verb: 'a building
        # stands', 'an orange rolls' (but 'an orange cat', 'an adult male lion')
        return phrase.words[-1] in lx.NOUNS and word in wd.VERB_FORMS and not wd.is_modifier(word)
    if wd.is_modifier(word):  # 'a vase glossy and new': the adjective comes after its noun
        return True
    lemma = wd.VERB_FORMS.get(word)
    if lemma == word:  # a base form after a singular noun is a compound ('tree swing') unless counted
        return (phrase.count or 1) > 1 or phrase.coordinated or following in wd.DETERMINERS
    if lemma is not None or wd.is_participle(word):
        return True
    singular_subject = phrase.determiner in lx.SINGULAR_DETERMINERS - {"the"}
    return (singular_subject or following in wd.DETERMINERS) and wd.is_plural(word)


def _is_collective(phrase: NounPhrase, tokens: list[str], i: int) -> bool:
    """'a herd of cows', 'a pair of shoes', 'a piece of bread'."""
    head = phrase.words[-1] if phrase.words else ""
    counted = lx.COLLECTIVES | lx.PORTIONS | {"pair", "couple", "dozen"}
    return head in counted and i < len(tokens) and tokens[i] == "of"


def _collective_count(word: str) -> int:
    if word in lx.PORTIONS:
        return 1
    return {"pair": 2, "couple": 2, "dozen": 12}.get(word, lx.COLLECTIVE_COUNT)


# ------------------------------------------------------------------------------------ pass 3: plan


@dataclass
class Group:
    """An entity group while it is being built."""

    name: str
    category: str
    count: int
    color: str | None = None
    size_scale: float = 1.0
    height_m: float | None = None  # the height it is drawn at when not its category's, size words included
    attributes: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)  # the modifiers as the prompt says them
    worn: list[str] = field(default_factory=list)  # clothes and body parts as said: 'in a pink sweater'
    read_as: str | None = None  # the known word a typo or an unknown noun was read as


@dataclass
class Noun:
    """A noun phrase's reading while the plan is built: its class, and the group or value it stands for."""

    name: str
    noun_class: str
    value: str = ""  # environment, effect or material word for the classes that are not things
    group: int | None = None  # the entity group a thing, a part or a material belongs to
    reading: nn.Reading | None = None  # how an unknown noun was read (None: the lexicon knows it)


@dataclass
class Motion:
    verb: str
    lemma: str
    clip: str
    direction: str | None = None
    around: int | None = None


@dataclass
class Words:
    """A noun phrase split into what it names and how it describes it."""

    name: str
    head: str
    color: str | None
    size_scale: float
    attributes: list[str]
    environment_hints: list[str]
    said: list[str]


def _split_words(phrase: NounPhrase) -> Words:
    """Name = the longest known noun ending at the head, plus noun modifiers; the rest describes it."""
    words = [*phrase.words[:-1], wd.singular(phrase.words[-1])]
    start = len(words) - 1
    for k in range(len(words) - 1):
        candidate = " ".join(words[k:])
        if candidate in lx.KNOWN_NAMES:
            start = k
            break
    while start > 0 and not wd.is_modifier(words[start - 1]) and not wd.is_participle(words[start - 1]):
        start -= 1
    color, scale, attributes = None, 1.0, []
    hints = [lx.ENVIRONMENT_NOUNS[word] for word in words[:-1] if word in lx.ENVIRONMENT_NOUNS]
    for word in words[:start]:
        if word in lx.COLOR_SYNONYMS and color is None:
            color = lx.COLOR_SYNONYMS[word]
        elif word in lx.SIZE_WORDS:
            scale *= lx.SIZE_WORDS[word]
        elif not wd.is_number(word):
            attributes.append(word)
        hints += [lx.ENVIRONMENT_ADJECTIVES[word]] if word in lx.ENVIRONMENT_ADJECTIVES else []
    scale = bounded_scale(scale)
    said = [word for word in words[:start] if not wd.is_number(word)]
    return Words(" ".join(words[start:]), words[-1], color, scale, attributes, hints, said)


def _model_scale(words: Words, category: str, reading: nn.Reading | None) -> float:
    """How much smaller than life a thing is drawn for being a model of it: a sandcastle (the reading says),
    a paper airplane or a lego house (a MODEL_MATERIALS word before a large lifeless thing)."""
    if reading is not None:
        return reading.scale
    large = max(CATEGORIES[category].size_m) >= lx.MODEL_MIN_SIZE_M and category not in LIVING
    return lx.SIZE_WORDS["toy"] if large and any(word in lx.MODEL_MATERIALS for word in words.said) else 1.0


def _landmark(noun: Noun) -> Noun:
    """A place noun that the only entity stands for: still the setting, and shown by that entity (group 0)."""
    return Noun(noun.name, noun.noun_class, noun.value, 0, noun.reading)


def replace_name(words: Words, name: str) -> Words:
    """The same words naming another noun: a typo read as the word it misspells."""
    return Words(name, name.split()[-1], words.color, words.size_scale, words.attributes,
                 words.environment_hints, words.said)  # fmt: skip


def _prior(group: Group) -> float:
    """The catalog's typical height of the group's category, metres."""
    return CATEGORIES[group.category].size_m[1]


def bounded_scale(scale: float) -> float:
    """The scale within SIZE_SCALE_RANGE: a plan never fails for a very large or small thing."""
    low, high = SIZE_SCALE_RANGE
    return min(max(scale, low), high)


def _count(phrase: NounPhrase, plural: bool) -> int:
    if phrase.count is not None:
        return phrase.count
    if phrase.determiner in lx.PLURAL_DETERMINERS or plural:
        return 2
    return 1


class _Builder:
    """Reads chunked items into entity groups, the environment, relations and actions."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.groups: list[Group] = []
        self.environments: list[tuple[int, int, str]] = []  # (priority, position, environment)
        self.relations: list[tuple[int, str, int]] = []
        self.motions: dict[int, Motion] = {}
        self.sides: dict[str, list[int]] = {"left": [], "right": []}
        self.unbuilt: list[tuple[bool, int, str]] = []  # (is a setting, position, name) of phrases not built
        self.settings: dict[int, str] = {}  # position -> the place noun phrase as said: 'a sandy beach'
        self.camera_objects: list[int] = []  # entities named right after a camera move ('follows the dog')
        self.nouns: list[tuple[int, Noun]] = []  # (position, reading) of every noun phrase, in prompt order
        self.effects: list[str] = []
        self.proper: frozenset[str] = frozenset()  # words the prompt capitalises mid-sentence: names
        self.rereads: dict[str, NounReading] = {}  # readings the critic rejected: try the next-nearest

    # ---- entities

    def resolve(self) -> None:
        """Give every noun phrase item its entity group (or none: setting, time, clothing)."""
        for position, item in enumerate(self.items):
            if item.kind == "np" and item.phrase is not None:
                item.ref = self._resolve(item.phrase, position)

    def _resolve(self, phrase: NounPhrase, position: int) -> int | None:
        words = _split_words(phrase)
        self.environments += [(2, position, hint) for hint in words.environment_hints]
        environment = lx.ENVIRONMENT_NOUNS.get(words.name) or lx.ENVIRONMENT_NOUNS.get(words.head)
        introduced = position > 0 and self.items[position - 1].kind in ("prep", "rel", "relto")
        # A place or scenery noun with an asset of its own ('a river', 'water', 'sunlight') is a thing in the
        # scene when described ('murky water', 'a rainbow river') or the subject of a clause; the setting
        # when only a preposition introduces it ('a duck swims in the river').
        noun = lx.category_noun(words.name)
        place_name = words.name in lx.ENVIRONMENT_NOUNS and words.name != noun  # 'a flower bed' is no bed
        built = (
            noun in lx.NOUN_CATEGORIES
            and not place_name
            and (words.color is not None or bool(words.attributes) or words.name != noun or not introduced)
        )
        if phrase.portion and noun is None:  # 'a piece of wood', 'a sheet of paper': a block of the stuff
            reading = nn.Reading("thing", "nearest", lx.PORTION_CATEGORY, read_as=lx.PORTION_CATEGORY)
            return self._group(words, phrase, position, reading)
        if environment is not None and not built:
            self._setting(phrase, position, words.name, environment, priority=0)
            return None
        scenery = words.name in lx.SCENERY_NOUNS or (
            words.head in lx.SCENERY_NOUNS and words.name not in lx.COMPOUND_NOUNS
        )
        celestial = words.head in lx.CELESTIAL_NOUNS and introduced
        if (scenery and not built) or celestial:
            effect = lx.EFFECT_NOUNS.get(words.name) or lx.EFFECT_NOUNS.get(words.head)
            self.unbuilt.append((False, position, words.name))
            self.nouns.append(
                (position, Noun(words.name, "effect" if effect else "setting", value=effect or ""))
            )
            return None
        worn = words.head in lx.WEARABLES or phrase.words[-1] in lx.WEARABLES  # 'sunglasses' as said
        if worn and self.groups and self._describes_previous(phrase, position):
            self._wear(self.groups[-1], words, self._worn_phrase(phrase, position))
            self.nouns.append((position, Noun(words.name, "part", group=len(self.groups) - 1)))
            return None
        if noun is None and words.head not in lx.PEOPLE_GROUPS and words.name not in lx.COMPOUND_NOUNS:
            return self._unknown(phrase, position, words)
        return self._group(words, phrase, position)

    def _unknown(self, phrase: NounPhrase, position: int, words: Words) -> int | None:
        """A noun the lexicon has no entry for, read by nouns.read_unknown: built as the nearest thing or a
        placard, or taken as the setting, an effect, a part of the thing before it, or no thing."""
        proper = words.head in self.proper or phrase.words[-1] in self.proper
        previous = self.items[position - 1] if position > 0 else None
        played = previous is not None and previous.kind == "verb" and previous.value in lx.GAME_VERBS
        if played and nn.names_an_activity(words.name):  # 'children playing tag': a game, no thing
            self.nouns.append((position, Noun(words.name, "none")))
            return None
        following = self.items[position + 1] if position + 1 < len(self.items) else None
        if (
            len(phrase.words) == 1
            and nn.can_be_adjective(words.head)
            and (following is None or following.kind == "break")
        ):
            self.nouns.append((position, Noun(words.name, "none")))  # 'a clear, calm pool': no thing
            return None
        reading = nn.read_unknown(words.name, words.head, proper=proper)
        if reading.noun_class == "thing":
            rejected = self.rereads.get(words.name)
            if rejected is not None and rejected.alternatives:
                alternatives = rejected.alternatives
                reading = nn.Reading(
                    "thing", "nearest", alternatives[0], reading.read_as, None, alternatives[1:]
                )
            name = reading.read_as if reading.basis == "typo" and reading.read_as else words.name
            return self._group(replace_name(words, name), phrase, position, reading)
        if reading.noun_class == "setting":
            self._setting(phrase, position, words.name, reading.value, priority=1, reading=reading)
            return None
        if reading.noun_class == "effect":
            self.effects += [reading.value] if reading.value not in self.effects else []
        elif (
            reading.noun_class == "part"
            and self.groups
            and (proper or self._describes_previous(phrase, position))
        ):
            self._wear(self.groups[-1], words, self._worn_phrase(phrase, position))
            self.nouns.append(
                (position, Noun(words.name, "part", reading=reading, group=len(self.groups) - 1))
            )
            return None
        if reading.noun_class == "part" and not self.groups:  # 'a feather glides down': no one to wear it
            kind = nn.read_by_kind(words.name, words.head)
            thing = (
                kind
                if kind is not None and kind.noun_class == "thing"
                else nn.Reading("thing", "placard", "generic")
            )
            return self._group(words, phrase, position, thing)
        self.nouns.append(
            (position, Noun(words.name, reading.noun_class, value=reading.value, reading=reading))
        )
        return None

    def _setting(
        self, phrase: NounPhrase, position: int, name: str, environment: str, priority: int,
        reading: nn.Reading | None = None,
    ) -> None:  # fmt: skip
        """A place noun: the environment it sets, and the phrase as said for the scene's sub-prompt."""
        self.environments.append((priority, position, environment))
        self.unbuilt.append((True, position, name))
        self.settings[position] = _as_said(phrase)
        effect = lx.EFFECT_NOUNS.get(name)
        noun_class = "effect" if effect else "setting"
        self.nouns.append((position, Noun(name, noun_class, value=effect or environment, reading=reading)))

    def _describes_previous(self, phrase: NounPhrase, position: int) -> bool:
        previous = self.items[position - 1] if position > 0 else None
        linked = previous is not None and previous.word in lx.WEARABLE_LINKS
        return linked or phrase.determiner in lx.POSSESSIVES

    def _worn_phrase(self, phrase: NounPhrase, position: int) -> str:
        """'in a pink sweater', 'with long ears': the link word as said, else 'with'."""
        previous = self.items[position - 1].word if position > 0 else ""
        return f"{previous if previous in lx.WEARABLE_LINKS else 'with'} {_as_said(phrase)}"

    def _wear(self, group: Group, words: Words, worn: str) -> None:
        """'a girl in a pink sweater': the sweater is an attribute and its colour dresses the girl."""
        color = [words.color] if words.color else []
        group.attributes.append(" ".join([*color, *words.attributes, words.name]))
        group.color = group.color or words.color
        group.worn.append(worn)

    def _group(
        self, words: Words, phrase: NounPhrase, position: int, reading: nn.Reading | None = None
    ) -> int:
        """A new entity group, or the earlier one 'the X' refers back to; its noun reading recorded."""
        if phrase.determiner == "the":
            for index, group in enumerate(self.groups):
                if group.name == words.name:
                    self.nouns.append((position, Noun(words.name, "thing", group=index, reading=reading)))
                    return index
        plural = wd.is_plural(phrase.words[-1]) or phrase.words[-1] in lx.IRREGULAR_PLURALS
        people = lx.PEOPLE_GROUPS.get(words.head)
        category = (
            reading.value if reading is not None else "person" if people else lx.category_of(words.name)
        )
        count = _count(phrase, plural) * (people or 1)
        group = Group(
            name=words.name,
            category=category,
            count=min(count, MAX_COUNT),
            color=words.color,
            size_scale=bounded_scale(words.size_scale * _model_scale(words, category, reading)),
            attributes=words.attributes,
            said=words.said,
            read_as=reading.read_as if reading is not None else None,
        )
        self.groups.append(group)
        index = len(self.groups) - 1
        self.nouns.append((position, Noun(words.name, "thing", group=index, reading=reading)))
        self.nouns += [(position, Noun(w, "material", group=index)) for w in words.said if w in lx.MATERIALS]
        return index

    # ---- clauses

    def read_clauses(self) -> None:
        subjects: list[int] = []
        last_entity: int | None = None
        for clause, opener in self._clauses():
            inherited = [last_entity] if opener == "relative" and last_entity is not None else subjects
            subjects = self._subjects(clause) or inherited
            self._read_clause(clause, subjects)
            refs = [item.ref for item in clause if item.ref is not None]
            last_entity = refs[-1] if refs else last_entity

    def _clauses(self) -> list[tuple[list[Item], str]]:
        """Split at breaks, relative pronouns, and 'and' that starts a new subject after a verb."""
        clauses: list[tuple[list[Item], str]] = [([], "")]
        for position, item in enumerate(self.items):
            current = clauses[-1][0]
            has_verb = any(i.kind == "verb" for i in current)
            following = self.items[position + 1] if position + 1 < len(self.items) else None
            new_subject = (
                item.kind == "and" and has_verb and following is not None and following.ref is not None
            )
            fronted = item.word == wd.BREAK and bool(current) and current[0].kind in PLACE_KINDS
            if (item.kind in ("break", "relative") and not fronted) or new_subject:
                clauses.append(([], item.kind))
            else:
                current.append(item)
        return [(clause, opener) for clause, opener in clauses if clause]

    def _subjects(self, clause: list[Item]) -> list[int]:
        """The entities before the clause's first verb that no preposition introduces."""
        subjects: list[int] = []
        for position, item in enumerate(clause):
            if item.kind in ("verb", "aux", "pronoun"):
                break
            if item.ref is not None and not _is_prepositional(clause, position) and item.ref not in subjects:
                subjects.append(item.ref)
        return subjects

    def _read_clause(self, clause: list[Item], subjects: list[int]) -> None:
        actors = subjects
        for position, item in enumerate(clause):
            if item.kind == "verb":
                actors = self._verb(clause, position, subjects)
            elif item.kind == "dir":
                self._direct(actors or subjects, item.value, None)
            elif item.kind == "around":
                target = self._object(clause, position)
                if target is not None:
                    self._direct(actors or subjects, "around", target)
            elif item.kind in ("rel", "relto"):
                self._relation(clause, position, subjects, item)
            elif item.kind == "side":
                nearest = self._relation_subject(clause, position, [])
                self.sides[item.value] += [nearest] if nearest is not None else subjects[:1]
            elif item.kind == "color":
                for index in subjects:
                    self.groups[index].color = item.value
            elif item.kind == "cam":
                target = self._object(clause, position)
                self.camera_objects += [target] if target is not None else []

    def _verb(self, clause: list[Item], position: int, subjects: list[int]) -> list[int]:
        """Record the verb's action; returns who acts (the object for 'kicks a ball')."""
        item = clause[position]
        target = self._object(clause, position)
        actors = subjects
        before = clause[position - 1].ref if position > 0 else None
        if before is not None and before not in subjects and wd.is_participle(item.word):
            actors = [before]  # 'with a car driving left', 'chases a balloon drifting in the wind'
        elif target is not None and (not subjects or (item.value in lx.CAUSATIVE_VERBS and not item.passive)):
            actors = [target]  # 'a boy kicks a ball', or no subject at all: 'wind lifts a kite'
        clip = lx.VERB_CLIPS.get(item.value, "idle")
        if item.passive:  # 'a ball is kicked' moves; 'apples are placed / left on a table' stay
            clip = "idle" if clip == "idle" or item.value in lx.STILL_PASSIVES else lx.MOVE
        around = target if lx.VERB_DIRECTIONS.get(item.value) == "around" else None
        for index in actors:
            self._act(index, Motion(item.word, item.value, clip, around=around))
        if item.value in lx.LOAD_VERBS and target is not None and not item.passive:
            rigs = {index: CATEGORIES[self.groups[index].category].rig for index in subjects}
            self.relations += [
                (target, "on", carrier)
                for carrier in subjects
                if carrier != target and rigs[carrier] not in lx.HAND_CARRIER_RIGS
            ]
        return actors

    def _act(self, index: int, motion: Motion) -> None:
        """Keep one action per entity: the first verb, upgraded by a later moving verb."""
        current = self.motions.get(index)
        if current is None:
            self.motions[index] = motion
        elif current.clip in lx.STILL_CLIPS and motion.clip not in lx.STILL_CLIPS:
            motion.direction, motion.around = current.direction, current.around
            self.motions[index] = motion

    def _direct(self, actors: list[int], direction: str, around: int | None) -> None:
        for index in actors:
            if index == around:
                continue
            motion = self.motions.setdefault(index, Motion("moves", "move", lx.MOVE))
            if motion.direction is None:
                motion.direction, motion.around = direction, around

    def _relation(self, clause: list[Item], position: int, subjects: list[int], item: Item) -> None:
        """'A on the left of B': subject before the phrase, object the next noun phrase."""
        target_position = self._next_np(clause, position)
        target = clause[target_position].ref if target_position is not None else None
        subject = self._relation_subject(clause, position, subjects)
        if target is None:
            if item.kind == "relto" and item.value in ("left_of", "right_of"):
                self._direct(subjects, item.value.removesuffix("_of"), None)
            return
        if subject is None:  # fronted: 'on the table sits a cat'
            subject = next((c.ref for c in clause[(target_position or 0) + 1 :] if c.ref is not None), None)
        grouped = subjects if subject in subjects else [subject]
        for index in grouped:
            if index is not None and index != target:
                self.relations.append((index, item.value, target))

    def _relation_subject(self, clause: list[Item], position: int, subjects: list[int]) -> int | None:
        """The clause's subject; else the nearest earlier entity that is not a prepositional object."""
        if subjects:
            return subjects[0]
        for back in range(position - 1, -1, -1):
            if clause[back].ref is not None and not _is_prepositional(clause, back):
                return clause[back].ref
        return None

    def _next_np(self, clause: list[Item], position: int) -> int | None:
        """Position of the next noun phrase before another relation or verb, if any."""
        for ahead in range(position + 1, len(clause)):
            if clause[ahead].kind == "np":
                return ahead
            if clause[ahead].kind in ("rel", "relto", "verb", "and"):
                return None
        return None

    def _object(self, clause: list[Item], position: int) -> int | None:
        ahead = self._next_np(clause, position)
        return clause[ahead].ref if ahead is not None else None

    # ---- plan

    def environment(self) -> str:
        return min(self.environments)[2] if self.environments else lx.DEFAULT_ENVIRONMENT

    def scene_description(self) -> str:
        """The place noun phrase that set the environment, as said; else the environment's default."""
        if self.environments:
            priority, position, environment = min(self.environments)
            return self.settings[position] if priority == 0 else SCENES[environment]
        return SCENES[lx.DEFAULT_ENVIRONMENT]

    def ensure_entity(self) -> None:
        """A prompt that names nothing buildable still gets one entity: a prompt that names only a place
        ('Blue Lagoon', 'a canyon') gets the thing that makes its environment read as that place
        (ENVIRONMENT_LANDMARKS), named after it, as does one that names only scenery ('sunrise'); a prompt
        that names nothing, a labelled 'object'."""
        if self.groups:
            return
        if self.unbuilt:  # the last place noun, else the last scenery noun ('sunrise', 'sky')
            position, name = max(self.unbuilt, key=lambda u: (u[0], u[1]))[1:]
            self.groups.append(
                Group(name=name, category=lx.ENVIRONMENT_LANDMARKS[self.environment()], count=1)
            )
            self.nouns = [(p, n) if p != position else (p, _landmark(n)) for p, n in self.nouns]
            return
        self.groups.append(Group(name="object", category="generic", count=1))

    def sizes(self) -> None:
        """Real sizes, as far as the frame can show them. A noun whose real height is not its category's
        (NOUN_HEIGHTS_M: a calf, a gorilla, or an elephant built as a horse) is drawn at that height, a
        stand-in at most STAND_IN_MAX_SCALE times its borrowed asset; where the prompt names no colour, the
        noun's natural one (NATURAL_COLORS: a polar bear is white). Then anything whose largest side is under
        LEGIBLE_SIZE_M, or LEGIBLE_FRACTION of the tallest entity, is enlarged to it: a pencil on a desk, or a
        bee beside a chicken, is larger than life, not a speck. A thing resting on another is sized against
        its top (LOAD_FRACTION, ON_TOP_FRACTION)."""
        for group in self.groups:
            noun = lx.category_noun(group.name) or lx.category_noun(group.read_as or "")
            if noun is None:
                continue
            group.color = group.color or lx.NATURAL_COLORS.get(noun)
            if noun in NOUN_HEIGHTS_M:
                real = NOUN_HEIGHTS_M[noun] / _prior(group)
                if lx.noun_kind(noun, group.category) == "nearest":
                    real = min(real, STAND_IN_MAX_SCALE)
                group.size_scale = bounded_scale(group.size_scale * real)
                group.height_m = group.size_scale * _prior(group)
        tallest = max(group.size_scale * _prior(group) for group in self.groups)
        legible = max(LEGIBLE_SIZE_M, LEGIBLE_FRACTION * tallest)
        real_scales = [group.size_scale for group in self.groups]
        for group in self.groups:
            largest = group.size_scale * max(CATEGORIES[group.category].size_m)
            if largest < legible:
                group.size_scale = bounded_scale(group.size_scale * legible / largest)
        resting_on = {subject: support for subject, predicate, support in self.relations if predicate == "on"}
        for subject, support in resting_on.items():
            group, top = self.groups[subject], self.groups[support]
            length, _, width = CATEGORIES[top.category].size_m
            per_metre = top.size_scale / max(CATEGORIES[group.category].size_m)  # its scale per metre of top
            seen = max(group.size_scale, LOAD_FRACTION * max(length, width) * per_metre)
            within = ON_TOP_FRACTION * min(length, width) * per_metre
            group.size_scale = bounded_scale(max(real_scales[subject], min(seen, within)))
        for group, real in zip(self.groups, real_scales, strict=True):
            if group.size_scale != real:
                group.height_m = group.size_scale * _prior(group)

    def camera_target(self) -> int:
        """What a tracking camera follows: the entity named after the move, else the first that travels."""
        if self.camera_objects:
            return self.camera_objects[0]
        movers = [i for i, m in sorted(self.motions.items()) if m.clip not in lx.STILL_CLIPS or m.direction]
        return movers[0] if movers else 0

    def side_relations(self) -> None:
        """'a dog on the left and a cat on the right' -> dog left_of cat."""
        lefts, rights = self.sides["left"], self.sides["right"]
        if lefts and rights and lefts[0] != rights[0]:
            self.relations.append((lefts[0], "left_of", rights[0]))


def _is_prepositional(clause: list[Item], position: int) -> bool:
    """A noun phrase introduced by a preposition or relation ('in a tree') is not a subject.

    'of' after a phrase that names no entity is transparent: 'a timelapse of a leaf'."""
    if position == 0 or clause[position - 1].kind not in PLACE_KINDS:
        return False
    transparent = clause[position - 1].word == "of" and position > 1 and clause[position - 2].kind == "np"
    return not (transparent and clause[position - 2].ref is None)


def _identifiers(groups: list[Group]) -> list[str]:
    """Lowercase ids from the names, unique: ball, ball_2 ... never equal to another group's instance id."""
    taken: set[str] = set()
    ids = []
    for group in groups:
        base = re.sub(r"[^a-z0-9]+", "_", group.name.lower()).strip("_")[:56] or "object"
        candidate, k = base, 1
        while candidate in taken:
            k += 1
            candidate = f"{base}_{k}"
        instances = {candidate} if group.count == 1 else {f"{candidate}_{n + 1}" for n in range(group.count)}
        taken |= {candidate} | instances
        ids.append(candidate)
    return ids


def choose_clip(motion: Motion, category: str) -> tuple[str, str | None]:
    """The clip the category can play for this verb, and the direction it moves in."""
    spec = CATEGORIES[category]
    natural = lx.FLOATING_CLIP if spec.floats else lx.NATURAL_CLIPS[spec.rig]
    clip = natural if motion.clip == lx.MOVE else motion.clip
    direction = motion.direction or lx.VERB_DIRECTIONS.get(motion.lemma)
    if direction == "around" and motion.around is None:
        direction = None
    if clip in lx.STILL_CLIPS and direction is not None:
        # 'sits down', 'sets up a telescope', 'looks up': a particle, not a climb or a fall
        clip, direction = (clip, None) if direction in ("up", "down") else (natural, direction)
    if motion.clip == lx.MOVE and spec.rig == "static" and direction in ("up", "down"):
        clip = "fly"  # a balloon rises, leaves fall: airborne, not walking
    if spec.floats and clip in ("walk", "run", "drive", "fly"):
        clip = lx.FLOATING_CLIP
    return lx.RIG_CLIP_FIXES.get(spec.rig, {}).get(clip, clip), direction


def _attribute_motions(groups: list[Group]) -> dict[int, Motion]:
    """'a speeding boat', 'a moving bus': a travelling verb's -ing form before the noun makes it travel."""
    motions = {}
    for index, group in enumerate(groups):
        for word in group.attributes:
            lemma = wd.VERB_FORMS.get(word)
            clip = lx.VERB_CLIPS.get(lemma or "")
            if word.endswith("ing") and clip is not None and clip not in lx.STILL_CLIPS:
                motions[index] = Motion(word, lemma or word, clip)
                break
    return motions


def _noun_readings(builder: _Builder, ids: list[str], style: st.StyleReading) -> list[dict[str, object]]:
    """Every noun phrase's reading for Plan.nouns, in prompt order, style phrases first."""
    readings: list[dict[str, object]] = [
        {"noun": said, "noun_class": "style", "basis": "style", "stands_for": value}
        for said, value in style.said
    ]
    for _, noun in sorted(builder.nouns, key=lambda pair: pair[0]):
        reading = noun.reading
        group = builder.groups[noun.group] if noun.group is not None else None
        basis = reading.basis if reading is not None else _known_basis(noun, group)
        entry: dict[str, object] = {"noun": noun.name, "noun_class": noun.noun_class, "basis": basis}
        entry["stands_for"] = ids[noun.group] if noun.group is not None else noun.value
        if noun.noun_class == "thing" and group is not None:
            entry["category"] = group.category
        if reading is not None:
            entry |= {"read_as": reading.read_as, "similarity": reading.similarity}
            entry["alternatives"] = list(reading.alternatives)
        readings.append(entry)
    return readings


def _known_basis(noun: Noun, group: Group | None) -> str:
    """How a noun the lexicon knows was read: a thing by its own or a stand-in category, else its class."""
    if noun.noun_class != "thing" or group is None:
        return noun.noun_class
    if group.name.split()[-1] in lx.PEOPLE_GROUPS:
        return "own"
    kind = lx.noun_kind(group.name, group.category)
    return {"known": "own", "nearest": "nearest", "generic": "placard"}[kind]


def _plan(prompt: str, builder: _Builder, camera: dict[str, float | str], style: st.StyleReading) -> Plan:
    """Assemble the groups, relations, motions and camera into a validated Plan."""
    ids = _identifiers(builder.groups)
    if camera.get("motion") == "track":
        camera = {**camera, "target": ids[builder.camera_target()]}
    entities = [
        {
            "id": ids[index],
            "name": group.name,
            "category": group.category,
            "count": group.count,
            "color": {"name": group.color, "rgb": lx.COLORS[group.color]} if group.color else None,
            "size_scale": group.size_scale,
            "height_m": group.height_m,
            "attributes": group.attributes,
            "description": _entity_description(group),
        }
        for index, group in enumerate(builder.groups)
    ]
    relations = dict.fromkeys((ids[s], p, ids[o]) for s, p, o in builder.relations)
    actions = []
    motions = {} if style.still else {**_attribute_motions(builder.groups), **builder.motions}
    for index, motion in sorted(motions.items()):
        clip, direction = choose_clip(motion, builder.groups[index].category)
        around = motion.around if direction == "around" else None
        words = [motion.verb, *([DIRECTION_WORDS[direction]] if direction in DIRECTION_WORDS else [])]
        words += [f"around the {builder.groups[around].name}"] if around is not None else []
        actions.append(
            {
                "entity": ids[index],
                "verb": motion.verb,
                "clip": clip,
                "direction": direction,
                "around": None if around is None else ids[around],
                "description": wd.fit(" ".join(words), MAX_CHARS["action"]),
            }
        )
    unknown = dict.fromkeys(g.name for g in builder.groups if g.category == "generic")
    return Plan.model_validate(
        {
            "prompt": prompt,
            "environment": builder.environment(),
            "scene_description": wd.fit(builder.scene_description(), MAX_CHARS["scene"]),
            "entities": entities,
            "relations": [{"subject": s, "predicate": p, "object": o} for s, p, o in relations],
            "actions": actions,
            "camera": camera,
            "unknown_nouns": list(unknown),
            "nouns": _noun_readings(builder, ids, style),
            "style": style.style,
            "effects": builder.effects,
        }
    )


def _as_said(phrase: NounPhrase) -> str:
    """The noun phrase as the prompt says it, with its determiner: 'a sandy beach', 'long ears'.

    A possessive names no one in a sub-prompt: 'their backyard' -> 'a backyard'."""
    text = " ".join(phrase.words)
    if phrase.determiner not in lx.POSSESSIVES:
        return f"{phrase.determiner} {text}".strip()
    return text if wd.is_plural(phrase.words[-1]) else wd.with_article(text)


def _entity_description(group: Group) -> str:
    """One instance as its generator's sub-prompt: 'a small red ball', 'a girl in a pink sweater'.

    The colour is named once: as said, else the colour the prompt gave it elsewhere ('the car is blue')."""
    said = [*group.said, group.name, *group.worn]
    named = any(lx.COLOR_SYNONYMS.get(word) == group.color for text in said for word in text.split())
    color = [group.color] if group.color and not named else []
    return wd.fit(wd.with_article(" ".join([*color, *said])), MAX_CHARS["entity"])


def proper_words(prompt: str) -> frozenset[str]:
    """Words the prompt capitalises where a sentence does not start: names ('Blue Lagoon', 'Gwen Stacy')."""
    names = re.findall(r"(?<![.!?:]\s)(?<!^)(?<=\s)([A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)", prompt.strip())
    return frozenset(name.lower() for name in names)


def direct_offline(prompt: str, rereads: dict[str, NounReading] | None = None) -> Plan:
    """Parse a prompt into a Plan without a model: entities, environment, relations, actions, camera, the
    reading of every noun, the style and the effects.

    `rereads`: noun readings the critic rejected (a stand-in that does not read as its noun); each is built as
    its next-nearest alternative."""
    camera, text = ph.read_camera(wd.normalize(prompt))
    style = st.read_style(text)
    builder = _Builder(_chunk(ph.tokens(style.text)))
    builder.proper = proper_words(prompt) - lx.KNOWN_NAMES
    builder.rereads = dict(rereads or {})
    builder.effects = nn.effects_in(style.text)
    builder.resolve()
    builder.read_clauses()
    builder.side_relations()
    builder.ensure_entity()
    builder.sizes()
    if style.still:  # 'in a still frame', 'frozen in time': nothing moves (_plan), the camera included
        camera = {key: value for key, value in camera.items() if key != "motion"}
    return _plan(prompt, builder, camera, style)
