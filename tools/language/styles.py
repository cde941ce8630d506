"""Style phrases: how the whole video should look ('Van Gogh style', ', pixel art', 'by Hokusai').

A style phrase names no thing, so it is taken out of the text before the noun phrases are read, the way
camera phrases are (phrases.read_camera). A clause that is only a style ('..., watercolor painting'), an
'X style' / 'in the style of X' phrase, or a trailing 'by NAME' is a style when STYLE_WORDS names it, or, for
the explicit forms ('X style', 'in the style of X', 'by NAME'), when its words are near a style's description
by meaning (STYLE_MIN_SIMILARITY). 'In a still frame' and 'frozen in time' ask that nothing moves.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from scenewright.tools.language import lexicon as lx
from scenewright.tools.language.words import BREAK

STYLE_MIN_SIMILARITY = 0.52
"""An explicit style phrase whose words are at least this near a style's description (cosine) takes it."""

_PREFIX = re.compile(
    r"^(?:in the style of|in the style|in style of|in|as an?|as|by|with|done in|rendered in)\s+"
)
_SUFFIX = re.compile(r"\s+(?:style|painting|art|look|aesthetic|filter|render|rendering|version)$")
_INLINE = re.compile(r"((?:[a-z0-9-]+ ){1,3})style\b")
_LEAD = re.compile(r"(?:\b(?:in the style of|in the|in an?|in|as an?|with an?) )$")
_STYLE_OF = re.compile(r"\bin the style of ([a-z0-9][a-z0-9 -]{1,40})$")
_BY = re.compile(r"\bby ((?!the |an? |his |her |their )[a-z][a-z-]+(?: [a-z][a-z-]+)?)$")
_STILL = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in lx.STILL_PHRASES) + r")\b")


@dataclass
class StyleReading:
    """What the style phrases of a text say, and the text without them."""

    text: str
    style: str | None = None
    still: bool = False
    said: list[tuple[str, str]] = field(default_factory=list)  # (phrase as said, style or 'still')


def read_style(text: str) -> StyleReading:
    """Style and still phrases of a normalised text -> a StyleReading; the first style named wins."""
    reading = StyleReading(text)
    if _STILL.search(reading.text):
        reading.still = True
        reading.said += [(match.group(0), "still") for match in _STILL.finditer(reading.text)]
        reading.text = _STILL.sub(" ", reading.text)
    clauses = [clause.strip() for clause in reading.text.split(f" {BREAK} ")]
    kept = [_read_clause(clause, reading) for clause in clauses]
    reading.text = f" {BREAK} ".join(clause for clause in kept if clause)
    return reading


def _read_clause(clause: str, reading: StyleReading) -> str:
    """The clause without its style phrase; the style recorded on `reading`."""
    whole = _style_of_words(clause, explicit=False)
    if whole is not None:
        _take(reading, clause, whole)
        return ""
    for pattern in (_STYLE_OF, _BY):
        match = pattern.search(clause)
        style = None if match is None else _style_of_words(match.group(1), explicit=True)
        if match is not None and style is not None:
            _take(reading, match.group(0), style)
            return (clause[: match.start()] + clause[match.end() :]).strip()
    return _inline(clause, reading)


def _inline(clause: str, reading: StyleReading) -> str:
    """'a cat in anime style', 'Van Gogh style': the one to three words before 'style', fewest first."""
    match = _INLINE.search(clause)
    if match is None:
        return clause
    words = match.group(1).split()
    for explicit in (False, True):
        for k in range(1, len(words) + 1):
            style = _style_of_words(" ".join(words[-k:]), explicit=explicit)
            if style is None:
                continue
            start = match.start() + len(" ".join(words[:-k])) + (1 if k < len(words) else 0)
            lead = _LEAD.search(clause[:start])
            start = lead.start() if lead is not None else start
            _take(reading, clause[start : match.end()], style)
            return (clause[:start] + clause[match.end() :]).strip()
    return clause


def _take(reading: StyleReading, said: str, style: str) -> None:
    reading.style = reading.style or style
    reading.said.append((said.strip(), style))


def _style_of_words(words: str, *, explicit: bool) -> str | None:
    """The style the words name: STYLE_WORDS, with and without a leading 'in'/'as a' and a trailing
    'style'/'painting'; after a lead ('as a charcoal sketch') also the words' endings, longest first; for an
    explicit style phrase also the nearest description by meaning."""
    words = words.strip()
    core = _SUFFIX.sub("", _PREFIX.sub("", words))
    endings = core.split()
    led = [" ".join(endings[k:]) for k in range(1, len(endings))] if _PREFIX.match(words) else []
    for candidate in (words, _PREFIX.sub("", words), core, *led):
        if candidate in lx.STYLE_WORDS:
            return lx.STYLE_WORDS[candidate]
    if not explicit or not core:
        return None
    return _nearest_style(core)


@functools.lru_cache(maxsize=512)
def _nearest_style(words: str) -> str | None:
    from scenewright.tools.embedding import embed_texts

    names = list(lx.STYLE_DESCRIPTIONS)
    similarity = _style_vectors() @ embed_texts([f"{words} style"])[0]  # [S]
    best = int(similarity.argmax())
    return names[best] if float(similarity[best]) >= STYLE_MIN_SIMILARITY else None


@functools.lru_cache(maxsize=1)
def _style_vectors() -> Any:
    """The styles' descriptions embedded once per process [S, 384], in STYLE_DESCRIPTIONS' order."""
    from scenewright.tools.embedding import embed_texts

    return embed_texts(list(lx.STYLE_DESCRIPTIONS.values()))
