"""Opt-in: the graph with a real model behind an OpenAI-compatible server (not run in CI).

    SCENEWRIGHT_TEST_LLM=llamacpp:qwen2.5-coder-1.5b SCENEWRIGHT_TEST_BASE_URL=http://localhost:8080/v1 \\
        .venv/bin/pytest -m real_llm tests/test_real_llm.py

benchmarks/llm_agents.py measures the same thing on a whole suite.
"""

import os

import pytest

from scenewright import RunSettings, generate
from scenewright.config import AGENTS, LLMSettings

MODEL = os.environ.get("SCENEWRIGHT_TEST_LLM")
BASE_URL = os.environ.get("SCENEWRIGHT_TEST_BASE_URL")

pytestmark = [
    pytest.mark.real_llm,
    pytest.mark.skipif(not MODEL, reason="set SCENEWRIGHT_TEST_LLM (and SCENEWRIGHT_TEST_BASE_URL) to run"),
]


@pytest.mark.parametrize(
    "prompt", ["a dog runs to the left of a red ball on a beach", "two cats sit next to a blue car"]
)
def test_a_real_model_drives_every_agent(prompt, tmp_path):
    llm = LLMSettings(llm=MODEL, base_url=BASE_URL, timeout_s=300, critic_images=False)
    settings = RunSettings(width=320, height=180, fps=6, duration_s=2.0, max_rounds=2)
    result = generate(prompt, tmp_path, settings, llm=llm)
    assert (tmp_path / "video.mp4").stat().st_size > 0
    for agent in AGENTS:
        usage = result.scene.usage.agents[agent]
        assert usage.provider == MODEL.split(":", 1)[0]
        assert usage.calls >= 1 and usage.tokens_in > 0
        assert usage.valid_at_once + usage.valid_after_repair + usage.fallbacks >= 1
