"""What a run makes does not change when code moves: scene.json and every final frame of varied prompts
equal the recorded outputs (tests/golden_outputs.py says how to record them again)."""

import json

import pytest
from golden_outputs import CASES, case_file, run_case


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(CASES)))
def test_outputs_equal_the_recorded_ones(tmp_path, index):
    prompt, seed = CASES[index]
    recorded = json.loads(case_file(index).read_text())
    outputs = json.loads(json.dumps(run_case(prompt, seed, tmp_path / "out")))
    assert outputs["scene"] == recorded["scene"]
    assert outputs["frames"] == recorded["frames"]
    assert outputs["ply"] == recorded["ply"]
