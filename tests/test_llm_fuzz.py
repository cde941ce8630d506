"""Property-based: whatever a server sends, an agent's question ends in its schema object or a recorded
fallback, and never raises, never records a count that would not read back, never shows the key.

Each example scripts a few replies to the agent's questions on the fake server (tests/fake_llm.py), through
the real clients: a known-good answer mutated (fields dropped, replaced or added, any JSON in their place),
any JSON, any text, answers wrapped in prose, fences or reasoning, JSON nested thousands deep, bodies that
are no chat completion (HTML, empty, `choices` null or empty, usage that is not counts, random bytes), and
faults (429 with any Retry-After, 5xx, 400, 422, a redirect, dropped connections). A script that runs out
gets 400s. SCENEWRIGHT_FUZZ_EXAMPLES sets the examples per agent (default 110: 550 cases in all).
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_llm import (
    FakeProvider,
    Reply,
    answer,
    drop,
    drop_mid_stream,
    openai_completion,
    raw,
    redirect_loop,
    status,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from test_layout import fake_assets
from test_providers import BOXES, CRITIC, DIRECTOR, MOTION, PROMPT, SMALL, TRAJECTORY

from scenewright.agents import llm as llm_module
from scenewright.agents.critic_llm import critique_llm
from scenewright.agents.director import direct_offline
from scenewright.agents.director_llm import direct_llm
from scenewright.agents.editor_llm import read_edit_llm
from scenewright.agents.layout import layout_offline
from scenewright.agents.layout_llm import layout_llm
from scenewright.agents.llm import AgentLLM, RunBudget
from scenewright.agents.motion import motion_offline
from scenewright.agents.motion_llm import motion_llm
from scenewright.config import AgentName, LLMSettings
from scenewright.schema import AgentUsage, Check, CritiqueRound

KEY = "sk-fuzz-3b9d0c7e1a-never-shown"
MODEL = "test-model"
EXAMPLES = int(os.environ.get("SCENEWRIGHT_FUZZ_EXAMPLES", "110"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

EDIT = {"command": "edit", "text": "make the ball blue",
        "edits": [{"op": "set_color", "entity": "ball", "color": "blue"}]}  # fmt: skip

# ------------------------------------------------------------------------------------------ replies

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(),  # NaN and infinities included: json.dumps writes them as bare words
    st.text(max_size=20),
    st.sampled_from(["dog", "ball", "run", "left", "static", "park", "", " ", "red", "idle", "edit"]),
)
json_values = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def paths_of(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a node of a JSON value (the root's is ())."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        yield from paths_of(child, (*path, key))


def changed(value: Any, path: tuple[Any, ...], new: Any, delete: bool) -> Any:
    """A copy of `value` with the node at `path` replaced by `new`, or deleted."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        if delete and not rest:
            return {key: child for key, child in value.items() if key != head}
        return {**value, head: changed(value[head], rest, new, delete)}
    if delete and not rest:
        return value[:head] + value[head + 1 :]
    return [*value[:head], changed(value[head], rest, new, delete), *value[head + 1 :]]


@st.composite
def mutated(draw: st.DrawFn, valid: dict[str, Any]) -> Any:
    """A known-good answer with up to four nodes replaced, deleted or given a new key."""
    value: Any = valid
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(list(paths_of(value))))
        node = value
        for key in path:
            node = node[key]
        action = draw(
            st.sampled_from(["replace", "delete", "add"] if isinstance(node, dict) else ["replace", "delete"])
        )
        if action == "add":
            value = changed(value, path, {**node, draw(st.text(max_size=8)): draw(json_values)}, delete=False)
        else:
            value = changed(value, path, draw(json_values), delete=action == "delete" and bool(path))
    return value


def wrapped(text: str) -> st.SearchStrategy[str]:
    """The answer as models send it: bare, fenced, after prose, after a reasoning block, cut short."""
    return st.sampled_from(
        [text, f"```json\n{text}\n```", f"Here you go: {text} Anything else?", f"<think>{{hmm</think>{text}",
         text[: len(text) // 2], text + "}"]
    )  # fmt: skip


def deep(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def answer_texts(valid: dict[str, Any]) -> st.SearchStrategy[str]:
    good = json.dumps(valid)
    return st.one_of(
        st.just(good),
        mutated(valid).map(json.dumps).flatmap(wrapped),
        json_values.map(json.dumps),
        st.text(max_size=200),
        st.integers(min_value=20, max_value=5000).map(deep),
        st.just(good).flatmap(wrapped),
    )


def not_a_completion(text: str) -> st.SearchStrategy[Reply]:
    body = openai_completion(MODEL, answer(text))
    return st.one_of(
        st.sampled_from(
            [
                raw("<html><body>502 Bad Gateway</body></html>", content_type="text/html"),
                raw(b""),
                raw("{}"),
                raw(json.dumps(body | {"choices": None})),
                raw(json.dumps(body | {"choices": []})),
                raw(json.dumps(body | {"choices": [{"index": 0}]})),
                raw("[]"),
                raw(deep(3000)),
            ]
        ),
        json_values.map(lambda usage: raw(json.dumps(body | {"usage": usage}))),
        st.binary(max_size=64).map(lambda data: raw(data, content_type="application/octet-stream")),
        json_values.map(lambda value: raw(json.dumps(value))),
    )


faults = st.one_of(
    st.builds(
        lambda code, after: status(code, retry_after=after),
        st.sampled_from([429, 500, 502, 503, 529]),
        st.sampled_from([None, 0.0, 0.001]),
    ),
    st.sampled_from([status(400), status(422), redirect_loop(), drop(), drop_mid_stream()]),
    st.sampled_from(["nan", "-5", "soon", "1e9"]).map(
        lambda after: raw('{"error": {"message": "slow down"}}', status=429, **{"retry-after": after})
    ),
)


def replies_for(valid: dict[str, Any]) -> st.SearchStrategy[list[Reply]]:
    """A script of one to five replies, answers far more often than faults."""
    text_reply = answer_texts(valid).flatmap(
        lambda text: st.one_of(
            st.just(answer(text)),
            st.builds(answer, st.just(text), st.integers(-(10**9), 10**9), st.integers(-(10**9), 10**9)),
        )
    )
    bad_body = answer_texts(valid).flatmap(not_a_completion)
    reply = st.one_of(text_reply, text_reply, text_reply, bad_body, faults)
    return st.lists(reply, min_size=1, max_size=5)


# ------------------------------------------------------------------------------------------- agents


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeProvider]:
    with pytest.MonkeyPatch.context() as patch, FakeProvider(api_key=KEY, models=[MODEL]) as server:
        patch.setattr(llm_module, "BACKOFF_FIRST_S", 0.001)  # retries do not slow the examples down
        yield server


def agent_llm(fake: FakeProvider, agent: AgentName, template: str | None = None) -> AgentLLM:
    settings = LLMSettings(llm=f"openai:{MODEL}", base_url=fake.openai_url, api_key=KEY, timeout_s=5.0,
                           budget_s=5.0, critic_images=False)  # fmt: skip
    return AgentLLM(agent, settings, template)


PLAN = direct_offline(PROMPT)
ASSETS = fake_assets(PLAN)
LAYOUT = layout_offline(PLAN, ASSETS, SMALL, [], 0)
MOTION_OFFLINE = motion_offline(PLAN, LAYOUT, ASSETS, SMALL, [], 0)
BUILTIN = CritiqueRound(
    round=1, checks=[Check(name="visible", passed=True, score=1.0, entities=["dog"], message="")]
)

AGENTS: dict[str, tuple[AgentName, str | None, Callable[[AgentLLM], object], dict[str, Any]]] = {
    "director": ("director", None, lambda llm: direct_llm(PROMPT, llm), DIRECTOR),
    "layout": ("layout", None, lambda llm: layout_llm(PLAN, ASSETS, SMALL, [], 0, llm), BOXES),
    "trajectory": ("layout", None, lambda llm: layout_llm(PLAN, ASSETS, SMALL, [], 0, llm), TRAJECTORY),
    "motion": ("motion", None, lambda llm: motion_llm(PLAN, LAYOUT, ASSETS, SMALL, [], 0, llm), MOTION),
    "critic": (
        "critic",
        None,
        lambda llm: critique_llm(PLAN, LAYOUT, MOTION_OFFLINE, [], SMALL, BUILTIN, Path("none.png"), llm),
        CRITIC,
    ),
    "editor": ("director", "editor", lambda llm: read_edit_llm(PLAN, "make the ball blue", 2.0, llm), EDIT),
}
"""Each agent's question, and the known-good answer its replies are made from (the layout agent's boxes are
answered well for "trajectory", so its second question gets the mutations)."""


def script(fake: FakeProvider, replies: list[Reply], first: Reply | None) -> None:
    """Answer this example's requests from `replies` (after `first`, when given), then with 400s."""
    queue = deque([first, *replies] if first else replies)
    fake.responder = lambda request: queue.popleft() if queue else status(400)


@pytest.mark.parametrize("name", AGENTS)
def test_any_reply_ends_in_the_agents_schema_object_or_a_recorded_fallback(fake, name):
    agent, template, question, valid = AGENTS[name]
    llm = agent_llm(fake, agent, template)
    first = answer(json.dumps(BOXES)) if name == "trajectory" else None

    @FUZZ
    @given(replies=replies_for(valid))
    def check(replies: list[Reply]) -> None:
        script(fake, replies, first)
        llm.budget = RunBudget()  # each example is a run of its own
        before = llm.usage
        result = question(llm)
        usage = llm.usage
        assert AgentUsage.model_validate_json(usage.model_dump_json()) == usage  # scene.json reads it back
        if result is None:
            assert usage.fallbacks > before.fallbacks
            assert usage.log[-1].startswith(f"fell back to the offline {agent}")
        elif isinstance(result, BaseModel):  # the schema object reads back as it was made
            assert type(result).model_validate_json(result.model_dump_json()) == result
        assert KEY not in usage.model_dump_json()
        assert not [line for line in usage.log if llm_module.BROKE in line]  # every refusal names its field

    check()
