"""Multi-word phrases: finding them in a normalised text and replacing them by one marker token each.

A relation ('to the left of'), a direction ('from left to right'), a quantity ('a pair of') or a camera
move ('the camera slowly pans left') spans several words; the parsers that read a prompt or a chat edit
want to see it as one. `tokens` replaces each by a marker token such as `§rel:left_of` or `§dir:right`
(words.MARK) and splits the text into words; `read_camera` first takes the camera phrases out (framing
phrases become CameraSpec fields, a camera move a `§cam:<motion>` marker). `phrase_pattern` is the regex
both build on, for any list of phrases. The phrases themselves are the lexicon's (lexicon.py).
"""

from __future__ import annotations

import re

from scenewright.schema import CameraSpec
from scenewright.tools.language import lexicon as lx
from scenewright.tools.language.words import MARK, inflections


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One regex that matches any of the phrases as whole words, longest first."""
    alternatives = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w§:-])(?:" + "|".join(re.escape(p) for p in alternatives) + r")(?![\w-])")


# ------------------------------------------------------------------------------------ markers

SIDE_WORDS = "|".join(lx.SIDE_DIRECTIONS)
_SCREEN = r"(?: of (?:the )?(?:screen|frame|scene|picture|image|video|view))?"
_SIDE = rf"(?:the )?({SIDE_WORDS})(?: (?:side|end|edge|corner))?{_SCREEN}"
FROM_TO = re.compile(rf"\b(?:from )?{_SIDE} to {_SIDE}")
FROM_SIDE = re.compile(r"\bfrom (?:the )?(left|right)(?: side)?\b(?! of| to)")
OPPOSITE = {"left": "right", "right": "left"}


def _marker_table() -> dict[str, str]:
    """Phrase -> marker token. 'to/toward the left of' may also be a motion ('... of the room')."""
    table = {phrase: f"{MARK}num:{n}" for phrase, n in lx.QUANTITY_PHRASES.items()}
    table |= {phrase: f"{MARK}dir:{d}" for phrase, d in lx.DIRECTION_PHRASES.items()}
    table |= {phrase: f"{MARK}side:{s}" for phrase, s in lx.SIDE_PHRASES.items()}
    for phrase, predicate in lx.RELATION_PHRASES.items():
        kind = "relto" if phrase.startswith(("to ", "toward")) else "rel"
        table[phrase] = f"{MARK}{kind}:{predicate}"
    return table


MARKERS = _marker_table()
MARKER_PATTERN = phrase_pattern(list(MARKERS))


def _split_hyphens(text: str) -> str:
    """'hot-air' -> 'hot air'; hyphenated adjectives ('star-shaped') and known words stay whole."""

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        keep = word.endswith(lx.ADJECTIVE_SUFFIXES) or word in lx.WEARABLES or word in lx.COLOR_SYNONYMS
        return word if keep else word.replace("-", " ")

    return re.sub(r"[a-z0-9]+(?:-[a-z0-9]+)+", split, text)


def _mark_from_to(text: str) -> str:
    """'from the left side to the right' -> right; 'enters from the right' -> left."""
    text = FROM_TO.sub(lambda m: f" {MARK}dir:{lx.SIDE_DIRECTIONS[m.group(2)]} ", text)
    return FROM_SIDE.sub(lambda m: f" {MARK}dir:{OPPOSITE[m.group(1)]} ", text)


def tokens(text: str) -> list[str]:
    """A normalised text's words, each relation, direction, side and quantity phrase one marker token."""
    text = _mark_from_to(_split_hyphens(text))
    return MARKER_PATTERN.sub(lambda m: f" {MARKERS[m.group(0)]} ", text).split()


# ------------------------------------------------------------------------------------ camera

CAMERA_TAIL = rf"(?: (?:{'|'.join(lx.CAMERA_TAILS)}))*"
"""Words after a camera phrase that belong to it: '(tilt down) shot of', '(pulls back) to reveal'."""


def _camera_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Any of the phrases (group 1), longest first, with the words that may follow it."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w§:-])({alternatives}){CAMERA_TAIL}(?![\w-])")


CAMERA_PATTERN = _camera_pattern(list(lx.CAMERA_PHRASES))
CAMERA_MOVE_PATTERN = _camera_pattern(list(lx.CAMERA_MOVES))
ANGLE_LIMITS: dict[str, float] = {
    name: float(CameraSpec.model_json_schema()["properties"][name]["maximum"])
    for name in set(lx.CAMERA_ANGLE_FIELDS.values())
}
"""The schema's largest orbit, pan and tilt angles: 'pan 500 degrees' pans as far as allowed."""
DEGREES = re.compile(r"(?<![\w§:-])(\d{1,3})(?: |-)?(?:degrees?|deg)(?![\w-])")


def _camera_verb_forms() -> dict[str, str]:
    """Every inflection of every camera verb phrase -> its motion: 'pans to the left' -> pan_left."""
    forms: dict[str, str] = {}
    for phrase, motion in lx.CAMERA_VERB_MOVES.items():
        verb, _, rest = phrase.partition(" ")
        forms |= {f"{form} {rest}".strip(): motion for form in inflections(verb)}
    return forms


CAMERA_VERB_FORMS = _camera_verb_forms()
CAMERA_VERB_PATTERN = re.compile(
    rf"(?<![\w§:-])(?:the |a )?(?:{'|'.join(lx.CAMERA_NOUNS)}) (?:(?:{'|'.join(lx.CAMERA_ADVERBS)}) )*"
    rf"({'|'.join(re.escape(f) for f in sorted(CAMERA_VERB_FORMS, key=len, reverse=True))}){CAMERA_TAIL}"
    r"(?![\w-])"
)
"""'the camera (then slowly) pans left': the camera noun, optional adverbs, a camera verb phrase."""


def read_camera(text: str) -> tuple[dict[str, float | str], str]:
    """Camera phrases -> CameraSpec fields (all but the track target), and the text that is left.

    Framing phrases ('close-up', 'from above') are removed. A camera move ('the camera follows', 'pan
    left', '360 shot') becomes a `§cam:<motion>` marker, so that the noun phrase after it stays in the
    prompt ('the camera follows | the dog') and can name what a tracking camera follows. The first move
    wins; 'N degrees' sets its angle, within the schema's bounds.
    """
    fields: dict[str, float | str] = {}
    for match in CAMERA_PATTERN.finditer(text):
        fields |= lx.CAMERA_PHRASES[match.group(1)]
    text = CAMERA_PATTERN.sub(" ", text)
    text = CAMERA_VERB_PATTERN.sub(lambda m: f" {MARK}cam:{CAMERA_VERB_FORMS[m.group(1)]} ", text)
    text = CAMERA_MOVE_PATTERN.sub(lambda m: f" {MARK}cam:{lx.CAMERA_MOVES[m.group(1)]} ", text)
    moves = re.findall(rf"{MARK}cam:(\w+)", text)
    if moves:
        fields["motion"] = moves[0]
        angle = DEGREES.search(text)
        field_name = lx.CAMERA_ANGLE_FIELDS.get(moves[0])
        if angle is not None and field_name is not None:
            fields[field_name] = min(float(angle.group(1)), ANGLE_LIMITS[field_name])
        text = DEGREES.sub(" ", text)
    return fields, text
