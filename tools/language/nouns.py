"""What a noun the lexicon has no entry for stands for: a thing, the setting, an effect, a part, or no thing.

The lexicon (lexicon.py) knows a few thousand nouns by name. People write any noun, so a noun it does not know
is read, in order, as:
1. the class the lexicon files the word under, when it does ('tableau' is no thing, 'tongue' a part);
2. a typo of a known noun, when no dictionary knows the word and it is within one edit of that noun (two from
   TYPO_LONG_WORD letters): 'ballon' -> balloon, 'elefant' -> elephant, 'bycicle' -> bicycle;
3. no thing, when lemminflect's English lexicon knows the word but not as a noun ('formal', 'intense');
4. its kind in WordNet (wordnet.py), where the system has WordNet: the lexicographer file of its first
   concrete sense gives the class, and the nearest kind in its hypernym chain that the lexicon or
   KIND_CATEGORIES names gives the category (a tapir is an odd-toed ungulate: a horse; a mandolin a
   stringed instrument: a guitar); places, weather and light likewise (KIND_ENVIRONMENTS, KIND_EFFECTS);
5. no thing, when no dictionary knows it and its form says so: an abstract noun's suffix ('loneliness'), an
   adjective's ('iconic');
6. the nearest known word by meaning: all-MiniLM-L6-v2 embeddings (tools/embedding.py) of the noun against
   every word the lexicon files under a class, when the cosine similarity is at least NEAREST_MIN_SIMILARITY
   (benchmarks/noun_reading.py measures readings against labelled nouns; single-word embeddings confuse
   spelling with meaning, hence last);
7. a capitalised name: a person when it is nearer 'a person' than 'a place', else a place in the city;
8. else a placard: a generic asset with the noun printed on it, the only reading left for a real noun that
   nothing known is near.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

import lemminflect

from scenewright.schema import NounBasis, NounClass
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language.wordnet import Synset, wordnet
from scenewright.tools.scene.catalog import LIVING

NEAREST_MIN_SIMILARITY = 0.6
"""Below this cosine similarity to its nearest known word, an unknown noun is not read as that word
(benchmarks/noun_reading.py measures accuracy against it on held-out nouns)."""
TYPO_MIN_LENGTH = 4
TYPO_LONG_WORD = 7
"""A word no dictionary knows is read as a known noun it misspells by one edit (two from TYPO_LONG_WORD
letters): a letter added, dropped, changed, or two neighbours swapped ('bycicle', 'elefant', 'ballon')."""
ALTERNATIVES = 3
"""Next-nearest categories a thing's reading keeps, for the critic's next round."""

Anchor = tuple[NounClass, str]
"""A known word's class and what it stands for: ('thing', category), ('setting', environment), ..."""


@dataclass(frozen=True)
class Reading:
    """How an unknown noun is read."""

    noun_class: NounClass
    basis: NounBasis
    value: str = ""  # the category, environment, effect or part word it stands for; '' for no thing
    read_as: str | None = None  # the known word it was read as
    similarity: float | None = None
    alternatives: tuple[str, ...] = ()
    scale: float = 1.0  # times the category's size: a sandcastle is a castle of sand, a model of one


def word_classes(word: str) -> frozenset[str]:
    """The parts of speech lemminflect's English lexicon gives the word (NOUN, VERB, ADJ, ADV), or none."""
    return frozenset(lemminflect.getAllLemmas(word))


def is_dictionary_word(word: str) -> bool:
    """Whether any English lexicon this project has knows the word: its own, lemminflect's, WordNet's."""
    return bool(word_classes(word)) or word in lx.KNOWN_NAMES or _in_wordnet(word)


def is_base_verb(word: str) -> bool:
    """Whether the word is a verb's base form in the dictionary ('join', 'gain', 'stop')."""
    return lemminflect.getAllLemmas(word, upos="VERB").get("VERB", ("",))[0] == word


def can_be_adjective(word: str) -> bool:
    """Whether the dictionary knows the word as an adjective ('clear', 'antique')."""
    return "ADJ" in word_classes(word) and word not in lx.KNOWN_NAMES


def is_no_noun(word: str) -> bool:
    """A word lemminflect's lexicon knows, but not as a noun ('formal', 'intense', 'gain')."""
    classes = word_classes(word)
    return bool(classes) and "NOUN" not in classes and word not in lx.KNOWN_NAMES


def is_no_thing_by_form(word: str) -> bool:
    """A word no dictionary reads that names no thing by its form: an abstract noun's suffix ('loneliness'),
    or an adjective's ('iconic')."""
    if word in lx.KNOWN_NAMES or word_classes(word):
        return False
    abstract = word.endswith(lx.ABSTRACT_SUFFIXES) and len(word) > 6
    return abstract or word.endswith(lx.UNKNOWN_ADJECTIVE_SUFFIXES)


def typo_of(word: str) -> str | None:
    """The noun a misspelt word nearly spells, or None: only for words no dictionary knows. A noun the lexicon
    knows wins over one only WordNet knows ('accordian' -> accordion), the fewest edits first."""
    if len(word) < TYPO_MIN_LENGTH or is_dictionary_word(word):
        return None
    limit = 2 if len(word) >= TYPO_LONG_WORD else 1
    # WordNet's rarer words only for long ones: a short made-up word has too many neighbours there
    rare = _wordnet_words(word[0]) if len(word) >= TYPO_LONG_WORD else ()
    for vocabulary in (_single_words(), rare):
        close = [
            (distance, known)
            for known in vocabulary
            if abs(len(known) - len(word)) <= limit and (distance := edit_distance(word, known)) <= limit
        ]
        if close:
            return min(close)[1]
    return None


@functools.lru_cache(maxsize=32)
def _wordnet_words(initial: str) -> tuple[str, ...]:
    """WordNet's one-word nouns that start with `initial`, for typos of words the lexicon does not know."""
    database = wordnet()
    if database is None:
        return ()
    return tuple(sorted(key for key in database.index if key.startswith(initial) and key.isalpha()))


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b: optimal string alignment."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


@functools.lru_cache(maxsize=1)
def _single_words() -> list[str]:
    return sorted(word for word in _anchors() if " " not in word)


@functools.lru_cache(maxsize=1)
def _anchors() -> dict[str, Anchor]:
    """Every word the lexicon files under a class, with what it stands for; the first claim wins."""
    anchors: dict[str, Anchor] = {}
    for noun in sorted(lx.NOUN_CATEGORIES):
        anchors.setdefault(noun, ("thing", lx.NOUN_CATEGORIES[noun]))
    for noun in sorted(lx.NEAREST_CATEGORIES):
        anchors.setdefault(noun, ("thing", lx.NEAREST_CATEGORIES[noun]))
    for noun, environment in sorted(lx.ENVIRONMENT_NOUNS.items()):
        anchors.setdefault(noun, ("setting", environment))
    for noun, effect in sorted(lx.EFFECT_NOUNS.items()):
        anchors.setdefault(noun, ("effect", effect))
    for noun in sorted(lx.WEARABLES | lx.PART_NOUNS):
        anchors.setdefault(noun, ("part", noun))
    for noun in sorted(lx.NO_THING_NOUNS | lx.SCENERY_NOUNS):
        anchors.setdefault(noun, ("none", ""))
    for noun in sorted(lx.MATERIALS):
        anchors.setdefault(noun, ("material", noun))
    return anchors


class _Vocabulary:
    """The anchors' words and their embeddings [A, 384], computed once and kept on disk by content.

    torch, the model and the asset cache's folder are imported here, not at the top: a prompt of known words
    (and `scenewright plan` over one) never pays for them."""

    def __init__(self) -> None:
        from scenewright.tools.scene.asset_cache import cache_folder

        anchors = _anchors()
        self.words = tuple(anchors)
        self.anchors = [anchors[word] for word in self.words]
        from scenewright.tools.embedding import embed_vocabulary

        self.vectors = embed_vocabulary(self.words, cache_folder())  # [A, 384]

    def ranked(self, text: str) -> list[tuple[str, Anchor, float]]:
        """Every anchor by cosine similarity to `text`, best first."""
        from scenewright.tools.embedding import embed_texts

        similarity = self.vectors @ embed_texts([text])[0]  # [A]
        order = similarity.argsort(descending=True).tolist()
        return [(self.words[i], self.anchors[i], float(similarity[i])) for i in order]


@functools.lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


@functools.lru_cache(maxsize=4096)
def nearest_by_meaning(text: str) -> Reading | None:
    """The class and value of the known word nearest `text` by meaning, or None when none is near enough.

    A thing keeps its next-nearest other categories as alternatives."""
    ranked = _vocabulary().ranked(text)
    word, (noun_class, value), similarity = ranked[0]
    if similarity < NEAREST_MIN_SIMILARITY:
        return None
    basis: NounBasis = "nearest" if noun_class == "thing" else _basis_of(noun_class)
    alternatives: list[str] = []
    if noun_class == "thing":
        for _, (other_class, other), _ in ranked[1:]:
            if other_class == "thing" and other != value and other not in alternatives:
                alternatives.append(other)
            if len(alternatives) == ALTERNATIVES:
                break
    return Reading(noun_class, basis, value, word, round(similarity, 3), tuple(alternatives))


PERSON_NAME_MIN_SIMILARITY, PERSON_NAME_MARGIN = 0.33, 0.05
"""A name reads as a person's when it is at least this near 'a person' (cosine) and nearer, by the margin,
than to 'a place': 'Gwen Stacy' (0.40 against 0.18), not 'Big Ben' (0.27 against 0.21)."""
PERSON_WORDS = ("a person", "a man", "a woman", "a famous person", "a character")
PLACE_WORDS = ("a place", "a city", "a famous landmark", "a country", "a town", "a building")


def person_name_similarity(name: str) -> float | None:
    """How near a proper name is to a person, when it reads as a person's name rather than a place's."""
    from scenewright.tools.embedding import embed_texts

    vector = embed_texts([name])[0]  # [384]
    person = float((_name_anchors()[0] @ vector).max())
    place = float((_name_anchors()[1] @ vector).max())
    return person if person >= PERSON_NAME_MIN_SIMILARITY and person >= place + PERSON_NAME_MARGIN else None


@functools.lru_cache(maxsize=1)
def _name_anchors() -> tuple[Any, Any]:
    from scenewright.tools.embedding import embed_texts

    return embed_texts(list(PERSON_WORDS)), embed_texts(list(PLACE_WORDS))  # [P, 384], [L, 384]


def _basis_of(noun_class: NounClass) -> NounBasis:
    bases: dict[NounClass, NounBasis] = {
        "thing": "own",
        "setting": "setting",
        "effect": "effect",
        "style": "style",
        "material": "material",
        "part": "part",
        "none": "none",
    }
    return bases[noun_class]


CONCRETE_SENSES = 3
"""WordNet's senses of a noun looked at for a concrete one (a thing, place, weather, body part, material),
most frequent first: a wrench is first an injury, then a tool; a pharmacy first a science, then a shop."""
CONCRETE_LEXNAMES = lx.THING_LEXNAMES | {"noun.location", "noun.phenomenon", "noun.body", "noun.substance"}
LATER_SENSES = frozenset(["noun.location", "noun.object", "noun.phenomenon", "noun.substance", "noun.body"])
"""Concrete senses a prompt means only when it names no made or living thing by the word: a hammock is a bed
before a hillock, a chest a box before a thorax (otherwise WordNet's order, most frequent first)."""


def read_by_kind(name: str, head: str) -> Reading | None:
    """The reading WordNet's hypernym chain gives (tools/language/wordnet.py), or None where WordNet is not
    installed or does not know the noun.

    Its first concrete sense among the first CONCRETE_SENSES (else its first) picks the class by WordNet's
    lexicographer file; a thing is built as the category of the nearest kind in its chain that the lexicon
    or KIND_CATEGORIES names (a tapir: odd-toed ungulate -> horse), the next kinds' categories its
    alternatives; a place's environment and a weather's effect likewise."""
    database = wordnet()
    if database is None:
        return None
    senses = database.senses(name) or (database.senses(head) if head != name else [])
    if not senses:
        return None
    concrete = [s for s in senses[:CONCRETE_SENSES] if s.lexname in CONCRETE_LEXNAMES]
    concrete.sort(key=lambda s: s.lexname in LATER_SENSES)  # a hammock is a bed before it is a hillock
    sense = concrete[0] if concrete else senses[0]
    kinds = [synset.words for _, synset in database.kinds(sense)]
    if sense.lexname in lx.THING_LEXNAMES and not _place_first(kinds):
        # the first sense of its kind whose chain names a category: a well is an excavation, then a vessel
        living = _is_living(sense)
        for thing in [s for s in concrete if s.lexname in lx.THING_LEXNAMES and _is_living(s) == living]:
            chain = [synset.words for _, synset in database.kinds(thing)]
            categories = [
                c for c in _names(chain, lx.KIND_CATEGORIES, _category_of) if (c in LIVING) == living
            ]
            if categories:
                return Reading("thing", "nearest", categories[0], read_as=_kind_word(chain, categories[0]),
                               alternatives=tuple(categories[1 : 1 + ALTERNATIVES]))  # fmt: skip
        return Reading("thing", "placard", "generic")
    if sense.lexname in lx.THING_LEXNAMES or sense.lexname == "noun.location":
        environments = _names(kinds, lx.KIND_ENVIRONMENTS, _environment_of)
        return Reading("setting", "setting", environments[0] if environments else lx.NAMED_PLACE_ENVIRONMENT)
    if sense.lexname == "noun.shape":  # 'a red cube' is a thing of that shape; 'in a line' is no thing
        shapes = _names(kinds, lx.KIND_CATEGORIES, _category_of)
        return (
            Reading("thing", "nearest", shapes[0], read_as=sense.words[0])
            if shapes
            else Reading("none", "none")
        )
    if sense.lexname == "noun.phenomenon":
        effects = _names(kinds, lx.KIND_EFFECTS, lambda word: lx.EFFECT_NOUNS.get(word))
        return Reading("effect", "effect", effects[0]) if effects else Reading("none", "none")
    if sense.lexname == "noun.body":
        return Reading("part", "part", head)
    if sense.lexname == "noun.substance":
        return Reading("material", "material", head)
    return Reading("none", "none")


def _is_living(sense: Synset) -> bool:
    """A sense that is an animal or a person: read as a living category, never a made thing (or back)."""
    return sense.lexname in ("noun.animal", "noun.person")


def _place_first(kinds: list[tuple[str, ...]]) -> bool:
    """Whether the chain names a kind of place before any kind of thing: a canal is a watercourse (a place),
    a drugstore a shop (a thing, built as a house)."""
    for words in kinds:
        if any(_category_of(word) or word in lx.KIND_CATEGORIES for word in words):
            return False
        if any(_environment_of(word) or word in lx.KIND_ENVIRONMENTS for word in words):
            return True
    return False


def _category_of(word: str) -> str | None:
    """The category the lexicon builds a word as, its own or a stand-in's (not for KIND_EXCLUDED words)."""
    if word in lx.KIND_EXCLUDED:
        return None
    noun = lx.category_noun(word)
    return None if noun is None or noun != word else lx.category_of(word)


def _environment_of(word: str) -> str | None:
    return lx.ENVIRONMENT_NOUNS.get(word)


def _names(kinds: list[tuple[str, ...]], table: dict[str, str], own: Any) -> list[str]:
    """The values the kinds name, nearest kind first, each once: the lexicon's own word for a kind before the
    table's ('pot' is a category; 'kitchen utensil' a KIND_CATEGORIES entry)."""
    found: list[str] = []
    for words in kinds:
        for word in words:
            value = own(word) or table.get(word)
            if value is not None and value not in found:
                found.append(value)
    return found


def _kind_word(kinds: list[tuple[str, ...]], category: str) -> str | None:
    """The first kind in the chain that is built as `category`: what the noun was read as ('pot')."""
    for words in kinds[1:]:
        for word in words:
            if (_category_of(word) or lx.KIND_CATEGORIES.get(word)) == category:
                return word
    return None


COMPOUND_MIN_PART = 3


def compound_head(word: str) -> str | None:
    """The longest known noun a closed compound ends with, after a dictionary word: 'nightstand' -> 'stand',
    'teahouse' -> 'house'; None for a word that is no such compound."""
    for split in range(COMPOUND_MIN_PART, len(word) - COMPOUND_MIN_PART + 1):
        prefix, ending = word[:split], word[split:]
        known_ending = ending in _anchors() or _in_wordnet(ending)
        if known_ending and (word_classes(prefix) or _in_wordnet(prefix)):
            return ending
    return None


def _in_wordnet(word: str) -> bool:
    database = wordnet()
    return database is not None and bool(database.senses(word))


def _known_thing(noun: str) -> Reading:
    """A noun the lexicon builds, as a reading: its category, its own or a stand-in's."""
    return Reading("thing", "nearest", lx.category_of(noun), read_as=noun)


def names_an_activity(noun: str) -> bool:
    """Whether any of the noun's senses in WordNet is an act ('tag', 'hide-and-seek'): after 'play', the game
    is meant, not the label."""
    database = wordnet()
    senses = database.senses(noun) if database is not None else []
    return any(sense.lexname == "noun.act" for sense in senses)


def read_unknown(name: str, head: str, *, proper: bool = False) -> Reading:
    """How a noun phrase whose name the lexicon does not know is read (module docstring).

    `name` is the phrase's name (singular, lowercase: 'hair drier'), `head` its last word; `proper` when the
    prompt capitalises it mid-sentence ('Blue Lagoon', 'Gwen Stacy'): a name, never a typo or a form."""
    # a word the lexicon files under a class ('tableau', 'tongue'); of a longer name only its head's 'no
    # thing' ('tranquil tableau'), since a part word may end a thing's name ('treasure chest')
    head_class = _anchors().get(head) if head == name or head in lx.NO_THING_NOUNS else None
    known = _anchors().get(name) or head_class
    if known is not None and known[0] != "thing":
        return Reading(known[0], _basis_of(known[0]), known[1])
    if not proper:
        typo = typo_of(head)
        if typo is not None:
            anchor = _anchors().get(typo)
            if anchor is None:  # a word only WordNet knows: read as that word is read
                meant = read_unknown(typo, typo)
                basis: NounBasis = "typo" if meant.noun_class == "thing" else meant.basis
                return Reading(meant.noun_class, basis, meant.value, typo, alternatives=meant.alternatives)
            basis = "typo" if anchor[0] == "thing" else _basis_of(anchor[0])
            return Reading(anchor[0], basis, anchor[1], typo)
        if is_no_noun(head):
            return Reading("none", "none")
    by_kind = read_by_kind(name, head)
    if by_kind is not None and not (proper and by_kind.basis in ("none", "placard")):
        return by_kind
    if not proper and is_no_thing_by_form(head):
        return Reading("none", "none")
    ending = None if proper else compound_head(head)
    if ending is not None:  # 'nightstand' is a stand, 'teahouse' a house, 'hairbrush' a brush
        inner = read_unknown(ending, ending) if lx.category_noun(ending) is None else _known_thing(ending)
        made_of = head[: -len(ending)] in lx.MODEL_MATERIALS  # 'sandcastle', 'snowhouse': a model of one
        return replace(inner, scale=lx.SIZE_WORDS["toy"]) if made_of else inner
    reading = nearest_by_meaning(name)
    if reading is None and name != head and not proper:
        reading = nearest_by_meaning(head)
    if reading is not None:
        return reading
    if proper:  # a name nothing is near: a person ('Gwen Stacy'), else a place ('the Bund Shanghai')
        similarity = person_name_similarity(name)
        if similarity is not None:
            return Reading("thing", "nearest", "person", "person", round(similarity, 3))
        return Reading("setting", "setting", lx.NAMED_PLACE_ENVIRONMENT)
    if "NOUN" not in word_classes(head) and not _looks_like_noun(head):
        return Reading("none", "none")
    return Reading("thing", "placard", "generic")


def _looks_like_noun(word: str) -> bool:
    """An unknown word that may still be a thing: letters only, not an abbreviation."""
    return bool(re.fullmatch(r"[a-z][a-z-]{2,}", word))


def effects_in(text: str) -> list[str]:
    """The weather and light effects a normalised text names, in order: nouns ('a downpour', 'at sunset') and
    other words ('rainy', 'foggy', 'it is snowing')."""
    words = text.split()
    found: list[str] = []
    for start in range(len(words)):
        for length in (2, 1):
            said = " ".join(words[start : start + length])
            effect = lx.EFFECT_NOUNS.get(said) or lx.EFFECT_ADJECTIVES.get(said)
            if effect is not None and effect not in found:
                found.append(effect)
    return found
