"""Single words: normalising a text, word classes and morphology (plurals, verb inflections, adverbs).

The offline director's parser, the chat editor, the director's LLM checks and the eval metrics all read
words the same way, so that 'the Red Balls' means the same to each of them. Here: `normalize` (the text as
lowercase words and break tokens), the closed and open word classes (`is_open`, `is_modifier`,
`is_adverb`, `is_participle`, numbers), `singular` and `VERB_FORMS` (every inflection of every known verb
-> its lemma), and two helpers that write words back (`with_article`, `fit`). The word lists themselves
are the lexicon's (lexicon.py); multi-word phrases are phrases.py's.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

import lemminflect

from scenewright.tools.language import lexicon as lx

MARK = "§"
"""The first character of a marker token (`§rel:left_of`, `§num:3`) that stands for a whole phrase."""
BREAK = ","
"""The token that punctuation becomes: a clause break."""


def normalize(prompt: str) -> str:
    """Lowercase words and punctuation breaks, possessives dropped, single spaces."""
    text = unicodedata.normalize("NFKD", prompt.replace("’", "'"))  # 'façade' -> 'facade'
    text = text.encode("ascii", "ignore").decode().lower()
    text = re.sub(r"(\w)'s?\b", r"\1", text)
    text = re.sub(r"[,.;:!?()\[\]\"]+", f" {BREAK} ", text)
    text = re.sub(r"[^a-z0-9,\- ]+", " ", text)
    text = re.sub(r"(?<![a-z0-9])-+|-+(?![a-z0-9])", " ", text)  # dashes that join no words
    return " ".join(text.split())


# ------------------------------------------------------------------------------------ verbs


def inflections(lemma: str) -> list[str]:
    """A verb's base, third-person, -ing, past and past-participle forms, from lemminflect's English lexicon
    (its rules for a verb it does not know): carry, carries, carrying, carried; run, runs, running, ran."""
    forms = [lemma]
    for tag in ("VBZ", "VBG", "VBD", "VBN"):
        forms += [form for form in lemminflect.getInflection(lemma, tag=tag) if form not in forms]
    return forms


def _verb_forms() -> dict[str, str]:
    """Every inflection of every known verb -> its lemma (runs, running, ran -> run)."""
    lemmas = set(lx.VERB_CLIPS) | lx.EXTRA_VERBS | set(lx.IRREGULAR_VERBS.values())
    forms = {form: lemma for lemma in lemmas for form in inflections(lemma)}
    return forms | lx.IRREGULAR_VERBS


VERB_FORMS = _verb_forms()
"""Every inflection of every known verb -> its lemma (runs, running, ran -> run)."""


# ------------------------------------------------------------------------------------ word classes

DETERMINERS = lx.SINGULAR_DETERMINERS | lx.PLURAL_DETERMINERS | lx.POSSESSIVES | set(lx.NUMBER_WORDS)
CLOSED_WORDS = (
    lx.SINGULAR_DETERMINERS
    | lx.PLURAL_DETERMINERS
    | lx.POSSESSIVES
    | lx.PRONOUNS
    | lx.AUXILIARIES
    | lx.CLAUSE_CONJUNCTIONS
    | lx.RELATIVE_PRONOUNS
    | lx.PREPOSITIONS
    | lx.ADVERBS
    | {"and", "or", "left", "right", BREAK}
)
"""Words that are never part of a noun phrase or a verb."""


def is_adverb(word: str) -> bool:
    """A listed adverb, or a longer word ending in -ly that is not one ('slowly', not 'fly' or 'family')."""
    return word in lx.ADVERBS or (len(word) > 4 and word.endswith("ly") and word not in lx.NON_ADVERBS_LY)


def is_open(word: str) -> bool:
    """An open-class word: it can be part of a noun phrase or be a verb."""
    return bool(word) and not word.startswith(MARK) and word not in CLOSED_WORDS and not is_adverb(word)


def is_number(word: str) -> bool:
    """Digits or a number word ('3', 'three')."""
    return word.isdigit() or word in lx.NUMBER_WORDS


def number(word: str) -> int:
    """The count a number says, digits kept within 1..12."""
    return min(max(int(word), 1), 12) if word.isdigit() else lx.NUMBER_WORDS[word]


def is_modifier(word: str) -> bool:
    """A word that describes the head noun rather than being one: colours, sizes, adjectives."""
    return (
        word in lx.COLOR_SYNONYMS
        or word in lx.SIZE_WORDS
        or word in lx.ADJECTIVES
        or word in lx.ENVIRONMENT_ADJECTIVES
        or any(word.endswith(s) and len(word) - len(s) >= 3 for s in lx.ADJECTIVE_SUFFIXES)
        or is_number(word)
    )


def can_be_head(word: str) -> bool:
    """Whether the word can end a noun phrase: not a modifier, or a modifier that is also a noun ('toy')."""
    return not is_modifier(word) or word in lx.SIZE_NOUNS or word in lx.NOUN_CATEGORIES


def is_participle(word: str) -> bool:
    """-ing / -ed forms: adjectives before a noun ('a sleeping dog'), verbs after one."""
    return (len(word) > 4 and word.endswith(("ing", "ed"))) or word in lx.IRREGULAR_VERBS


# ------------------------------------------------------------------------------------ nouns


def singular(word: str) -> str:
    """The singular of a noun: dogs -> dog, puppies -> puppy, buses -> bus, geese -> goose. The lexicon's
    exceptions first, then lemminflect's dictionary, then suffix rules for a word neither knows ('corgis')."""
    if word in lx.IRREGULAR_PLURALS:
        return lx.IRREGULAR_PLURALS[word]
    if word in lx.NOT_PLURAL or word in lx.INVARIANT_NOUNS or len(word) < 3 or word.endswith(("ss", "us")):
        return word
    known = lemminflect.getAllLemmas(word, upos="NOUN").get("NOUN")
    if known:  # the dictionary's own: 'jeans', 'scissors' and 'remains' stay; 'wolves' -> 'wolf'
        return known[0]
    if word.endswith("men") and word not in lx.SINGULAR_MEN:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes", "oes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def is_plural(word: str) -> bool:
    """A plural noun: `singular` changes it and it is not a modifier."""
    return singular(word) != word and not is_modifier(word)


# ------------------------------------------------------------------------------------ writing


def with_article(text: str) -> str:
    """'a' or 'an' before the text: 'an orange cat', 'a dog'."""
    return f"{'an' if text.startswith(tuple('aeiou')) else 'a'} {text}"


def fit(text: str, limit: int) -> str:
    """The text cut at a word to the schema's length limit, so that a long prompt never fails the plan."""
    return textwrap.shorten(text, width=limit, placeholder="")
