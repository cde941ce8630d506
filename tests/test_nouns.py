"""Every noun phrase of a prompt is accounted for: a thing built, the setting, an effect, a style, a material,
a part of a thing, or no thing (tools/language/nouns.py, styles.py and the director's Plan.nouns)."""

from __future__ import annotations

import pytest

from scenewright.agents.director import direct_offline
from scenewright.schema import NounReading, Plan
from scenewright.tools.language import nouns
from scenewright.tools.language.styles import read_style
from scenewright.tools.language.wordnet import wordnet
from scenewright.tools.language.words import normalize


def reading(plan: Plan, noun: str) -> NounReading:
    found = [n for n in plan.nouns if n.noun == noun]
    assert found, f"{noun!r} not among {[n.noun for n in plan.nouns]}"
    return found[0]


@pytest.mark.parametrize(
    ("prompt", "noun", "category"),
    [
        ("a red ballon floating near a yellow car", "balloon", "balloon"),
        ("an elefant walks to the left", "elephant", "elephant"),
        ("a bycicle leaning on a fence", "bicycle", "bicycle"),
    ],
)
def test_a_typo_is_read_as_the_word_it_misspells(prompt: str, noun: str, category: str) -> None:
    plan = direct_offline(prompt)
    found = reading(plan, noun)
    assert (found.noun_class, found.basis, found.category) == ("thing", "typo", category)
    assert any(e.name == noun and e.category == category for e in plan.entities)


def test_words_in_a_dictionary_are_never_typos() -> None:
    assert nouns.typo_of("bar") is None and nouns.typo_of("carton") is None
    assert nouns.typo_of("umbrela") == "umbrella"


@pytest.mark.parametrize("word", ["formal", "intense", "tranquility", "sadness", "iconic"])
def test_words_whose_form_names_no_thing(word: str) -> None:
    assert nouns.read_unknown(word, word) == nouns.Reading("none", "none")


needs_wordnet = pytest.mark.skipif(wordnet() is None, reason="WordNet's database: apt install wordnet-base")


@needs_wordnet
@pytest.mark.parametrize(
    ("noun", "noun_class", "value"),
    [
        ("tapir", "thing", "horse"),  # an odd-toed ungulate
        ("mandolin", "thing", "guitar"),  # a stringed instrument
        ("kettle", "thing", "pot"),
        ("pharmacy", "thing", "house"),  # first a science, then a drugstore: a shop
        ("fjord", "setting", "ocean"),
        ("sleet", "effect", "rain"),
        ("tongue", "part", "tongue"),
        ("nostalgia", "none", ""),
        ("raceway", "setting", "lake"),  # a canal: a watercourse
    ],
)
def test_an_unknown_noun_is_read_by_its_kind_in_wordnet(noun: str, noun_class: str, value: str) -> None:
    found = nouns.read_unknown(noun, noun)
    assert (found.noun_class, found.value) == (noun_class, value)


@needs_wordnet
def test_a_thing_read_by_its_kind_keeps_the_next_kinds_as_alternatives() -> None:
    found = nouns.read_unknown("kettle", "kettle")
    assert (found.basis, found.read_as) == ("nearest", "pot")
    assert found.alternatives and found.value not in found.alternatives


def test_an_unknown_noun_is_read_by_meaning_where_no_kind_is_known() -> None:
    found = nouns.nearest_by_meaning("puppy dog")
    assert found is not None and (found.noun_class, found.value) == ("thing", "dog")
    assert found.similarity is not None and found.similarity >= nouns.NEAREST_MIN_SIMILARITY


def test_a_made_up_noun_is_a_placard_and_the_plan_says_so() -> None:
    plan = direct_offline("a shiny blorptang near a tree")
    found = reading(plan, "shiny blorptang") if any(n.noun == "shiny blorptang" for n in plan.nouns) else None
    found = found or reading(plan, "blorptang")
    assert (found.noun_class, found.basis, found.category) == ("thing", "placard", "generic")


def test_a_name_is_a_person_or_a_place() -> None:
    assert nouns.read_unknown("gwen stacy", "stacy", proper=True).value == "person"
    place = nouns.read_unknown("bund shanghai", "shanghai", proper=True)
    assert (place.noun_class, place.value) == ("setting", "city")


@pytest.mark.parametrize(
    ("prompt", "style"),
    [
        ("The bund Shanghai, Van Gogh style", "van_gogh"),
        ("a panda in a cafe by Hokusai, in the style of Ukiyo", "ukiyo_e"),
        ("a corgi playing in a park, pixel art", "pixel_art"),
        ("a shark swimming in the ocean, watercolor painting", "watercolor"),
        ("a cat in anime style", "cartoon"),
        ("a man reading a book, as a pencil sketch", "pencil_sketch"),
        ("two whales swim past a lighthouse, as a charcoal sketch", "pencil_sketch"),
    ],
)
def test_a_style_phrase_styles_the_video_and_builds_nothing(prompt: str, style: str) -> None:
    plan = direct_offline(prompt)
    assert plan.style == style
    styled = [n for n in plan.nouns if n.noun_class == "style"]
    assert styled and all(n.stands_for == style for n in styled)
    said = {word for n in styled for word in n.noun.split()}
    assert not any(word in said for e in plan.entities for word in e.name.split())


def test_by_a_place_is_not_a_style() -> None:
    assert read_style(normalize("a dog sitting by the lake")).style is None
    assert read_style(normalize("a painting of a cat")).style is None


def test_in_a_still_frame_nothing_moves() -> None:
    plan = direct_offline("In a still frame, a dog runs across a park")
    assert plan.actions == [] and plan.camera.motion == "static"
    assert reading(plan, "in a still frame").stands_for == "still"


@pytest.mark.parametrize(
    ("prompt", "effects"),
    [
        ("a couple walking home in a heavy downpour with umbrellas", ["rain"]),
        ("a foggy lake at sunset", ["fog", "sunset"]),
        ("a lantern rises into the night sky", ["night"]),
        ("a dog runs in a park", []),
    ],
)
def test_weather_and_light_are_effects(prompt: str, effects: list[str]) -> None:
    assert direct_offline(prompt).effects == effects


def test_every_noun_phrase_is_accounted_for() -> None:
    plan = direct_offline(
        "A couple in formal evening wear walk past a leather handbag on a marble floor of a hotel lobby at "
        "night"
    )
    classes = {n.noun: n.noun_class for n in plan.nouns}
    assert classes["couple"] == "thing" and classes["night"] == "effect"
    assert classes["leather"] == "material" and "floor" not in [e.name for e in plan.entities]
    couple = next(e for e in plan.entities if e.name == "couple")
    assert (couple.category, couple.count) == ("person", 2)
    ids = {e.id for e in plan.entities}
    assert all(n.stands_for in ids for n in plan.nouns if n.noun_class == "thing")
    assert not [e for e in plan.entities if e.category == "generic"]


def test_a_rejected_stand_in_is_rebuilt_as_the_next_nearest() -> None:
    first = direct_offline("a kettle sits on a table")
    kettle = reading(first, "kettle")
    second = direct_offline("a kettle sits on a table", rereads={"kettle": kettle})
    again = reading(second, "kettle")
    assert again.category == kettle.alternatives[0] and again.alternatives == kettle.alternatives[1:]


def test_edit_distance_counts_a_swap_as_one_edit() -> None:
    assert nouns.edit_distance("bycicle", "bicycle") == 2
    assert nouns.edit_distance("elefant", "elephant") == 2
    assert nouns.edit_distance("umbrela", "umbrella") == 1 and nouns.edit_distance("ab", "ba") == 1


COCO_CLASSES = [
    *["person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat"],
    *["traffic light", "fire hydrant", "stop sign", "parking meter"],
    *[
        "bench",
        "bird",
        "cat",
        "dog",
        "horse",
        "sheep",
        "cow",
        "elephant",
        "bear",
        "zebra",
        "giraffe",
        "backpack",
        "umbrella",
        "handbag",
        "tie",
    ],
    *[
        "suitcase",
        "frisbee",
        "skis",
        "snowboard",
        "kite",
        "skateboard",
        "surfboard",
        "bottle",
        "cup",
        "fork",
        "knife",
        "spoon",
        "bowl",
    ],
    *["sports ball", "baseball bat", "baseball glove", "tennis racket", "wine glass", "hot dog"],
    *[
        "banana",
        "apple",
        "sandwich",
        "orange",
        "broccoli",
        "carrot",
        "pizza",
        "donut",
        "cake",
        "chair",
        "couch",
        "bed",
        "toilet",
        "tv",
    ],
    *["potted plant", "dining table", "cell phone", "teddy bear", "hair drier"],
    *[
        "laptop",
        "mouse",
        "remote",
        "keyboard",
        "microwave",
        "oven",
        "toaster",
        "sink",
        "refrigerator",
        "book",
        "clock",
        "vase",
    ],
    *["scissors", "toothbrush"],
]
"""COCO's 80 object classes, as VBench's object prompts name them ('a hair drier', 'a sports ball')."""


def test_the_coco_list_is_whole() -> None:
    assert len(set(COCO_CLASSES)) == 80


@pytest.mark.parametrize("noun", COCO_CLASSES)
def test_every_coco_class_is_built_as_a_category_of_its_own(noun: str) -> None:
    plan = direct_offline(f"a {noun}")
    (entity,) = plan.entities
    assert entity.category != "generic" and reading(plan, entity.name).basis == "own"
