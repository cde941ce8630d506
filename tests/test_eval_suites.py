"""Suites load from T2V-CompBench meta_data folders, VBench-2.0 meta_info files, VBench prompt lists and
generic prompt files into the expectations that the metrics check; what no metric can judge is marked
unmeasured; a bad suite stops with one line that names the file and the item."""

import json
import os

import pytest
from hostile_files import deadline

from scenewright.evals.schema import (
    ActionExpectation,
    AttributeExpectation,
    CameraExpectation,
    CountExpectation,
    Expectations,
    MotionExpectation,
    SpatialExpectation,
    Unmeasured,
)
from scenewright.evals.suites import (
    SuiteError,
    first_per_category,
    load_suites,
    parse_noun_phrase,
    read_question,
)

META_DATA = {
    "spatial_relationships": [
        {
            "prompt": "A bird on the left of a hot air balloon",
            "spatial": "left",
            "object_1": "bird",
            "object_2": "hot air balloon",
        },
        {
            "prompt": "A dog in front of a shop",
            "spatial": "in front of",
            "object_1": "Dog",
            "object_2": "a shop",
        },
    ],
    "motion_binding": [
        {
            "prompt": "A ball rolls left while a puppy dashes right",
            "object_1": "ball",
            "d_1": "left",
            "object_2": "puppy",
            "d_2": "right",
        },
        {"prompt": "A red balloon rises", "object_1": "red balloon", "d_1": "up", "object_2": "", "d_2": ""},
    ],
    "generative_numeracy": [
        {"prompt": "three dogs chase a red ball", "objects": "dog,red ball", "numbers": "3,1"},
    ],
    "consistent_attribute_binding": [
        {
            "prompt": "A girl in a pink sweater and a truck of pumpkins",
            "phrases": "a girl in a pink sweater; a load of orange pumpkins",
        },
        {
            "prompt": "A boy with a cap by a black grand piano",
            "phrases": "boy with a cap; a black grand piano",
        },
        {
            "prompt": "A man in a white vest and a girl wearing a red shirt",
            "phrases": "man in a white vest; a girl wearing a red shirt",
        },
    ],
    "dynamic_attribute_binding": [
        {
            "prompt": "Green apple ripens to red beside a banana",
            "state 0": "A green apple and a green banana",
            "state 1": "A red apple and a yellow banana",
            "tag": "attribute change",
        },
    ],
    "action_binding": [
        {
            "prompt": "A dog runs through a field while a cow is chewing grass",
            "phrase_0": ["a dog?", "a dog runs through a field?"],
            "phrase_1": ["a cow?", "a cow is chewing grass?"],
        },
    ],
    "object_interactions": [{"prompt": "Two cars collide at an intersection"}],
}


@pytest.fixture
def meta_data(tmp_path):
    folder = tmp_path / "t2v-compbench"
    folder.mkdir()
    for category, records in META_DATA.items():
        (folder / f"{category}.json").write_text(json.dumps(records))
    (folder / "SOURCE.md").write_text("# not a suite")
    return folder


def by_id(items):
    return {item.id: item for item in items}


def test_a_meta_data_folder_gives_every_category_in_the_benchmarks_order(meta_data):
    items = load_suites([meta_data])
    assert len(items) == sum(len(records) for records in META_DATA.values())
    assert list(dict.fromkeys(item.category for item in items)) == list(META_DATA)
    assert {item.suite for item in items} == {"t2v-compbench"}
    assert [item.id for item in items][:3] == [
        "spatial_relationships-000",
        "spatial_relationships-001",
        "motion_binding-000",
    ]


def test_spatial_fields_become_relations_with_nouns_as_written(meta_data):
    items = by_id(load_suites([meta_data]))
    balloon = items["spatial_relationships-000"].expect
    assert balloon.spatial == [
        SpatialExpectation(subject="bird", relation="left_of", object="hot air balloon")
    ]
    assert balloon.objects == ["bird", "hot air balloon"]
    shop = items["spatial_relationships-001"].expect
    assert shop.spatial == [SpatialExpectation(subject="dog", relation="in_front_of", object="shop")]


def test_motion_fields_skip_the_empty_second_object(meta_data):
    items = by_id(load_suites([meta_data]))
    assert items["motion_binding-000"].expect.motions == [
        MotionExpectation(object="ball", direction="left"),
        MotionExpectation(object="puppy", direction="right"),
    ]
    single = items["motion_binding-001"].expect
    assert single.motions == [MotionExpectation(object="red balloon", direction="up")]
    assert single.objects == ["red balloon"]


def test_numeracy_counts_head_nouns_and_keeps_the_attribute_of_a_counted_phrase(meta_data):
    expect = by_id(load_suites([meta_data]))["generative_numeracy-000"].expect
    assert expect.counts == [
        CountExpectation(object="dog", count=3),
        CountExpectation(object="ball", count=1),
    ]
    assert expect.attributes == [AttributeExpectation(object="ball", words=["red"], phrase="red ball")]
    assert expect.objects == ["dog", "ball"]


def test_attribute_phrases_give_the_head_noun_and_its_modifier_words(meta_data):
    items = by_id(load_suites([meta_data]))
    sweater = items["consistent_attribute_binding-000"].expect
    assert [(a.object, a.words) for a in sweater.attributes] == [("girl", ["pink"]), ("pumpkins", ["orange"])]
    assert sweater.attributes[0].phrase == "a girl in a pink sweater"
    cap = items["consistent_attribute_binding-001"].expect
    assert cap.objects == ["boy", "grand piano"]  # the boy has no modifier word: an object, no attribute
    assert [(a.object, a.words) for a in cap.attributes] == [("grand piano", ["black"])]
    clothes = items["consistent_attribute_binding-002"].expect
    assert [(a.object, a.words) for a in clothes.attributes] == [("man", ["white"]), ("girl", ["red"])]


@pytest.mark.parametrize(
    ("phrase", "noun", "words"),
    [
        ("a blue car", "car", ["blue"]),
        ("a white picket fence", "picket fence", ["white"]),
        ("yellow rubber duck", "duck", ["yellow", "rubber"]),
        ("L-shaped sofa", "sofa", ["l-shaped"]),
        ("chef in white apron", "chef", ["white"]),
        ("girl with braids", "girl", []),
        ("a plain piece of wood", "wood", []),
        ("hot air balloon", "hot air balloon", []),
    ],
)
def test_noun_phrases_split_into_head_and_modifiers(phrase, noun, words):
    parsed = parse_noun_phrase(phrase)
    assert (parsed.noun, parsed.words) == (noun, words)


def test_a_dynamic_state_names_its_objects_and_leaves_the_change_unmeasured(meta_data):
    expect = by_id(load_suites([meta_data]))["dynamic_attribute_binding-000"].expect
    change = "'A green apple and a green banana' becoming 'A red apple and a yellow banana'"
    assert expect == Expectations(
        objects=["apple", "banana"], unmeasured=[Unmeasured(metric="dynamic_attribute", what=change)]
    )


def test_action_phrases_give_the_object_and_its_action_verb_first(meta_data):
    expect = by_id(load_suites([meta_data]))["action_binding-000"].expect
    assert expect.actions == [
        ActionExpectation(object="dog", action="runs through a field"),
        ActionExpectation(object="cow", action="chewing grass"),
    ]
    assert expect.objects == ["dog", "cow"]


def test_an_item_that_expects_nothing_leaves_its_content_unmeasured(meta_data, tmp_path):
    interaction = by_id(load_suites([meta_data]))["object_interactions-000"].expect
    assert interaction == Expectations(
        unmeasured=[
            Unmeasured(
                metric="interaction", what="the interaction the prompt describes (contact, cause and effect)"
            )
        ]
    )
    (tmp_path / "mine.yaml").write_text("- {prompt: a dog}\n- {prompt: a cat, expect: {}}")
    for item in load_suites([tmp_path / "mine.yaml"]):
        assert [u.metric for u in item.expect.unmeasured] == ["content"]


GENERIC = [
    {
        "prompt": "a corgi left of a red ball",
        "category": "spatial_relationships",
        "expect": {"spatial": [{"subject": "corgi", "relation": "left_of", "object": "ball"}]},
    },
    {"prompt": "two cats", "id": "cats", "objects": "cat", "numbers": "2"},
]


def write_suite(path, records):
    if path.suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(record) for record in records) + "\n")
    elif path.suffix == ".json":
        path.write_text(json.dumps(records))
    else:  # YAML is a superset of JSON: flow style keeps the fixture readable
        path.write_text("\n".join(f"- {json.dumps(record)}" for record in records))


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".yaml", ".yml"])
def test_generic_files_read_the_same_in_every_format(tmp_path, suffix):
    path = tmp_path / f"mine{suffix}"
    write_suite(path, GENERIC)
    first, second = load_suites([path])
    assert (first.id, first.suite, first.category) == ("mine-000", "mine", "spatial_relationships")
    assert first.expect.objects == ["corgi", "ball"]  # completed from the relation
    assert (second.id, second.category) == ("cats", "mine")  # benchmark fields; category from the stem
    assert second.expect.counts == [CountExpectation(object="cat", count=2)]


def test_first_per_category_samples_every_category(meta_data):
    items = first_per_category(load_suites([meta_data]), 1)
    assert [item.category for item in items] == list(META_DATA)
    assert items[0].id == "spatial_relationships-000"


def suite_error(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(SuiteError) as raised:
        load_suites([path])
    message = str(raised.value)
    assert len(message.splitlines()) == 1
    return message


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        (
            "bad.json",
            '[{"prompt": "a dog"},\n {"prompt": }]',
            "bad.json: not valid JSON: Expecting value (line 2)",
        ),
        ("bad.jsonl", '{"prompt": "a dog"}\n{"prompt"\n', "not valid JSON: Expecting ':' delimiter (line 2)"),
        ("bad.yaml", "- prompt: [unclosed", "not valid YAML"),
        ("deep.json", "[" * 100_000, "deep.json: not valid JSON: nested too deep"),
        ("deep.yaml", "- " + "[" * 100_000, "deep.yaml: not valid YAML: nested too deep"),
        ("huge.json", "[" + "9" * 5000 + "]", "huge.json: not valid JSON: Exceeds the limit"),
        ("huge.yaml", "- " + "9" * 5000, "huge.yaml: not valid YAML: Exceeds the limit"),
        ("nul.yaml", "- prompt: a\0dog", "nul.yaml: not valid YAML: unacceptable character #x0000"),
        (
            "alias.yaml",
            "- &dog {prompt: a dog}\n- *dog\n",
            "alias.yaml: not valid YAML: aliases (*name) are not",
        ),
        ("keys.yaml", "- {prompt: a dog, 1: x}", "keys.yaml item 0: unknown field(s) 1"),
        ("dict.json", '{"prompt": "a dog"}', "expected a list of items, got dict"),
        (
            "noprompt.json",
            '[{"prompt": "a dog"}, {"category": "x"}]',
            "noprompt.json item 1: missing 'prompt'",
        ),
        ("typo.json", '[{"promt": "a dog"}]', "unknown field(s) 'promt'"),
        (
            "both.json",
            '[{"prompt": "a", "expect": {}, "spatial": "left"}]',
            "both 'expect' and T2V-CompBench",
        ),
        (
            "rel.json",
            '[{"prompt": "a", "spatial": "near", "object_1": "a", "object_2": "b"}]',
            "unknown spatial",
        ),
        ("dir.json", '[{"prompt": "a", "object_1": "a", "d_1": "sideways"}]', "unknown direction 'sideways'"),
        ("num.json", '[{"prompt": "a", "objects": "dog,cat", "numbers": "2"}]', "names 2 noun(s) but"),
        (
            "act.json",
            '[{"prompt": "a", "phrase_0": ["a dog?", "a cat runs?"], "phrase_1": ["a", "a b"]}]',
            "does not start with its object",
        ),
        (
            "exp.json",
            '[{"prompt": "a", "expect": {"counts": [{"object": "dog", "count": 0}]}}]',
            "exp.json item 0: expect.counts.0.count",
        ),
        ("id.json", '[{"prompt": "a", "id": "has space"}]', "id: String should match pattern"),
        (
            "long.json",
            json.dumps([{"prompt": "a"}, {"prompt": "a", "id": "x" * 5000}]),
            "long.json item 1: id has 5000 characters; the limit is 200 (it names the run's folder)",
        ),
        ("notes.md", "a dog", "expected a T2V-CompBench meta_data or VBench-2.0 meta_info folder or a .json"),
        ("v2.json", '[{"prompt_en": "a", "prompt": "b"}]', "unknown field(s) 'prompt' of a VBench-2.0 item"),
        (
            "Camera_Motion.json",
            '[{"prompt_en": "Garden.", "auxiliary_info": ["zoom_in"]}]',
            "'auxiliary_info' of a Camera_Motion item must be a motion name",
        ),
        (
            "Dynamic_Spatial_Relationship.json",
            '[{"prompt_en": "a", "auxiliary_info": "Is the dog left of the cat?"}]',
            "must be two questions, the relation before and after",
        ),
    ],
)
def test_a_bad_suite_is_refused_with_one_line_naming_the_file(tmp_path, name, text, reason):
    assert reason in suite_error(tmp_path, name, text)


def test_a_suite_that_is_not_a_regular_utf8_file_is_refused_unread(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")  # read the usual way, it would wait for a writer forever
    with deadline(10), pytest.raises(SuiteError, match=r"pipe\.json: a suite file must be a regular file"):
        load_suites([tmp_path / "pipe.json"])
    (tmp_path / "latin.yaml").write_bytes("- prompt: un café".encode("latin-1"))
    with pytest.raises(SuiteError, match=r"latin\.yaml: not UTF-8 text \(byte 16 is 0xe9\)"):
        load_suites([tmp_path / "latin.yaml"])


def test_duplicate_ids_across_suites_name_both_places(tmp_path):
    (tmp_path / "a.json").write_text('[{"prompt": "a dog", "id": "same"}]')
    (tmp_path / "b.yaml").write_text("- {prompt: a cat, id: same}")
    with pytest.raises(SuiteError, match=r"'same' appears twice: .*a\.json item 0 and .*b\.yaml item 0"):
        load_suites([tmp_path / "a.json", tmp_path / "b.yaml"])


def test_a_missing_suite_or_a_folder_without_category_files_is_refused(tmp_path):
    with pytest.raises(SuiteError, match="does not exist"):
        load_suites([tmp_path / "nowhere.json"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(SuiteError, match=r"holds no <category>\.json file"):
        load_suites([tmp_path / "empty"])


def test_a_phrase_colour_that_contradicts_the_prompt_gives_way_to_the_prompt(tmp_path):
    items = [
        {
            "prompt": "Red toaster toasting bread beside a white refrigerator",
            "phrases": "red toaster; a gray refrigerator",
        },
        {
            "prompt": "A red car beside a blue car",
            "phrases": "a green car",
        },  # two colours said: keep the phrase
    ]
    (tmp_path / "consistent_attribute_binding.json").write_text(json.dumps(items))
    first, second = load_suites([tmp_path])
    toaster, refrigerator = first.expect.attributes
    assert (toaster.object, toaster.words) == ("toaster", ["red"])
    assert (refrigerator.object, refrigerator.words) == ("refrigerator", ["white"])
    assert refrigerator.phrase == "a gray refrigerator (the prompt says white)"
    assert second.expect.attributes[0].words == ["green"]


def test_a_prompt_list_is_one_item_a_line_each_expecting_the_things_its_plan_reads(tmp_path):
    (tmp_path / "all_dimension.txt").write_text(
        "In a still frame, a stop sign\n\n# a comment\n  a cute happy Corgi playing in park, sunset  \n"
    )
    items = load_suites([tmp_path / "all_dimension.txt"])
    assert [(i.id, i.category, i.prompt) for i in items] == [
        ("all_dimension-000", "all_dimension", "In a still frame, a stop sign"),
        ("all_dimension-001", "all_dimension", "a cute happy Corgi playing in park, sunset"),
    ]
    assert all(item.expect == Expectations(named_things=True) for item in items)


CAMERA_MOTION = [
    {"prompt_en": "Garden, zoom in.", "dimension": "Camera_Motion", "auxiliary_info": "zoom_in"},
    {
        "prompt_en": "The camera orbits around in a clockwise direction. Pyramid.",
        "dimension": "Camera_Motion",
        "auxiliary_info": "orbits",
    },
    {"prompt_en": "Vase, dutch angle.", "dimension": "Camera_Motion", "auxiliary_info": "dutch_angle"},
]
DYNAMIC_SPATIAL = [
    {
        "prompt_en": "A kangaroo is on the left of a small box, then it jumps to the right of the box.",
        "dimension": "Dynamic_Spatial_Relationship",
        "auxiliary_info": [
            "Is the kangaroo on the left of the small box? (yes or no)",
            "Is the kangaroo on the right of the box? (yes or no)",
        ],
    },
    {
        "prompt_en": "A cat is on the table, then the cat runs to the bottom of the table.",
        "dimension": "Dynamic_Spatial_Relationship",
        "auxiliary_info": ["Is the cat on the table? (yes or no)", "Does the cat look happy? (yes or no)"],
    },
]


def test_vbench2_meta_info_reads_camera_motions_and_relations_before_and_after(tmp_path):
    folder = tmp_path / "meta_info"
    folder.mkdir()
    (folder / "Camera_Motion.json").write_text(json.dumps(CAMERA_MOTION))
    (folder / "Dynamic_Spatial_Relationship.json").write_text(json.dumps(DYNAMIC_SPATIAL))
    (folder / "Human_Anatomy.json").write_text(
        json.dumps([{"prompt_en": "A man waves.", "auxiliary_info": ""}])
    )
    items = by_id(load_suites([folder]))
    zoom, orbit, dutch = (items[f"Camera_Motion-00{k}"] for k in range(3))
    assert (zoom.category, zoom.prompt) == ("Camera_Motion", "Garden, zoom in.")
    assert zoom.expect == Expectations(camera=CameraExpectation(motion="zoom_in"))
    assert orbit.expect.camera == CameraExpectation(motion="orbits")
    assert dutch.expect.unmeasured == [Unmeasured(metric="camera", what="the camera motion 'dutch_angle'")]

    kangaroo = items["Dynamic_Spatial_Relationship-000"].expect
    assert kangaroo.spatial == [
        SpatialExpectation(subject="kangaroo", relation="left_of", object="box", during="start"),
        SpatialExpectation(subject="kangaroo", relation="right_of", object="box", during="end"),
    ]
    assert kangaroo.objects == ["kangaroo", "box"]
    cat = items["Dynamic_Spatial_Relationship-001"].expect  # a question not about a relation: unmeasured
    assert cat.spatial == [SpatialExpectation(subject="cat", relation="on", object="table", during="start")]
    assert [u.metric for u in cat.unmeasured] == ["spatial"] and "Does the cat look happy?" in cat.unmeasured[
        0
    ].what
    # a dimension without a rule here (its category is the file's stem when the item names none)
    assert items["Human_Anatomy-000"].expect.unmeasured == [
        Unmeasured(metric="human_anatomy", what="VBench-2.0's Human_Anatomy")
    ]


@pytest.mark.parametrize(
    ("question", "relation"),
    [
        ("Is the dog on the front of the table? (yes or no)", ("dog", "in_front_of", "table")),
        ("Is the monkey in front of the apple?", ("monkey", "in_front_of", "apple")),
        ("Is the elephant on the back of the car? (yes or no)", ("elephant", "behind", "car")),
        ("Is the cat on the bottom of the table? (yes or no)", ("cat", "under", "table")),
        ("Is the bird above the tree? (yes or no)", ("bird", "above", "tree")),
        ("Is the hot air balloon to the right of the red barn?", ("hot air balloon", "right_of", "barn")),
        ("Is it raining?", None),
    ],
)
def test_relation_questions_read_as_subject_relation_object(question, relation):
    asked = read_question(question)
    assert (asked and (asked.subject, asked.relation, asked.object)) == relation
