"""The shared LLM path (agents/llm.py) through the real clients against tests/fake_llm.py.

langchain-openai + openai talk to the fake server as an OpenAI-compatible base URL; langchain-anthropic +
anthropic reach it through ANTHROPIC_BASE_URL. The agent is the 'director' with a tiny test template
(tests/templates/director.md) and a small answer schema, `Pick`.
"""

import io
import json
import logging
import socket
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

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
    slow,
    stall,
    status,
    trickle,
    unrequested_stream,
)
from PIL import Image
from pydantic import BaseModel, Field

from scenewright.agents import llm as llm_module
from scenewright.agents.llm import AgentLLM, RunBudget, load_template
from scenewright.config import LLMSettings, ProviderError
from scenewright.schema import AgentUsage

KEY = "sk-test-5c1e9a7f-do-not-print"
MODEL = "test-model"
CLAUDE = "claude-haiku-4-5"
TEMPLATES = Path(__file__).parent / "templates"


class Pick(BaseModel):
    """The test answer schema: an entity id, a bounded number and an enum."""

    entity: str = Field(description="Id of an entity in the scene.")
    count: int = Field(ge=1, le=5)
    color: Literal["red", "blue"]


ENTITIES = ("dog", "ball")
VALID = '{"entity": "dog", "count": 2, "color": "red"}'
EXPECTED = Pick(entity="dog", count=2, color="red")


def known_entity(pick: Pick) -> Pick:
    """The `convert` step: an answer that parses but names an entity not in the scene is refused."""
    if pick.entity not in ENTITIES:
        raise ValueError(f"entity: '{pick.entity}' is not in the scene; use one of {', '.join(ENTITIES)}")
    return pick


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 2), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def probe_template(monkeypatch):
    """The director's template is read from tests/templates/ (through the real section parser)."""
    monkeypatch.setattr(llm_module, "resources", SimpleNamespace(files=lambda package: TEMPLATES))
    load_template.cache_clear()
    yield
    load_template.cache_clear()


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    """Backoff without a Retry-After starts at 10 ms, so retries do not slow the tests down."""
    monkeypatch.setattr(llm_module, "BACKOFF_FIRST_S", 0.01)


@pytest.fixture
def fake():
    with FakeProvider(api_key=KEY, models=[MODEL, "gpt-4o-mini", CLAUDE]) as server:
        yield server


@pytest.fixture
def anthropic_at(monkeypatch, fake):
    """The anthropic client pointed at the fake server, as a user points it at a proxy."""
    monkeypatch.delenv("ANTHROPIC_API_URL", raising=False)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
    return fake


def settings_for(fake: FakeProvider, **overrides) -> LLMSettings:
    values = {"llm": f"openai:{MODEL}", "base_url": fake.openai_url, "api_key": KEY, "timeout_s": 5.0,
              "budget_s": 20.0} | overrides  # fmt: skip
    return LLMSettings(**values)


def ask(llm: AgentLLM, **kwargs) -> Pick | None:
    variables = {"entities": ", ".join(ENTITIES), "question": "Pick one."}
    return llm.ask(Pick, convert=known_entity, variables=variables, **kwargs)


# ------------------------------------------------------------------------------------------ answers


def test_a_valid_answer_comes_back_with_its_usage(fake):
    fake.push(answer(VALID, tokens_in=120, tokens_out=30))
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    usage = llm.usage
    assert (usage.provider, usage.model, usage.calls, usage.tokens_in, usage.tokens_out) == (
        "openai", MODEL, 1, 120, 30
    )  # fmt: skip
    assert (usage.valid_at_once, usage.valid_after_repair) == (1, 0)
    assert (usage.repairs, usage.retries, usage.fallbacks, usage.log) == (0, 0, 0, [])
    assert usage.seconds > 0
    [request] = fake.completions()
    assert request.path == "/v1/chat/completions" and request.body["model"] == MODEL
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert "The entities are: dog, ball." in request.system
    assert '"maximum":5' in request.system  # $schema filled with the answer's JSON schema
    assert request.last_text == "Which entity costs $5? Pick one."


@pytest.mark.parametrize(
    "text",
    [
        f"```json\n{VALID}\n```",
        f"Sure! Here is my answer: {VALID} Hope this helps.",
        '<think>Maybe {"entity": "ball", "count": 9}? No, the dog.</think>\n' + VALID,
    ],
    ids=["code-fence", "after-prose", "think-block"],
)
def test_json_is_found_in_fences_prose_and_after_reasoning(fake, text):
    fake.push(text)
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    assert (llm.usage.calls, llm.usage.repairs, llm.usage.fallbacks) == (1, 0, 0)


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ("The dog, twice, in red.", "not JSON"),
        ("", "empty"),
        ('{"entity": "dog", "color": "red"}', "count"),
        ('{"entity": "dog", "count": 9, "color": "red"}', "count"),
        ('{"entity": "dog", "count": 2, "color": "green"}', "color"),
        ('{"entity": "cat", "count": 2, "color": "red"}', "entity: 'cat' is not in the scene"),
    ],
    ids=["prose", "empty", "missing-field", "out-of-range", "bad-enum", "invented-id"],
)
def test_an_unusable_answer_is_sent_back_and_repaired(fake, bad, named):
    fake.push(answer(bad, tokens_in=100, tokens_out=20), answer(VALID, tokens_in=150, tokens_out=10))
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    usage = llm.usage
    assert (usage.calls, usage.repairs, usage.fallbacks, usage.retries) == (2, 1, 0, 0)
    assert (usage.valid_at_once, usage.valid_after_repair) == (0, 1)
    assert (usage.tokens_in, usage.tokens_out) == (250, 30)
    [line] = usage.log
    assert line.startswith("repair 1:") and named in line
    first, second = fake.completions()
    assert second.body["messages"][:2] == first.body["messages"]  # the same question ...
    assert second.body["messages"][2] == {"role": "assistant", "content": bad}  # ... the answer ...
    assert "could not be used" in second.last_text and named in second.last_text  # ... and what was wrong


def test_an_answer_that_trips_a_bug_in_a_check_is_repaired_not_a_crash(fake):
    def buggy(pick: Pick) -> Pick:
        return {"dog": pick}[pick.entity]  # a KeyError for any other entity, not the ValueError that names it

    fake.push('{"entity": "ball", "count": 2, "color": "red"}', VALID)
    llm = AgentLLM("director", settings_for(fake))
    assert llm.ask(Pick, convert=buggy, variables={"entities": "dog", "question": "?"}) == EXPECTED
    assert llm.usage.repairs == 1
    assert llm.usage.log == ["repair 1: the answer broke the agent's checks (KeyError: 'ball')"]


def test_persistent_garbage_falls_back_after_max_repairs(fake):
    fake.responder = lambda request: "I would rather not say."
    llm = AgentLLM("director", settings_for(fake, max_repairs=2))
    assert ask(llm) is None
    usage = llm.usage
    assert (usage.calls, usage.repairs, usage.fallbacks) == (3, 2, 1)
    assert (usage.valid_at_once, usage.valid_after_repair) == (0, 0)
    steps = [line.split(":")[0] for line in usage.log]
    assert steps == ["repair 1", "repair 2", "fell back to the offline director"]
    assert "no valid answer after 2 repair(s)" in usage.log[-1] and "not JSON" in usage.log[-1]
    assert len(fake.completions()) == 3


# ------------------------------------------------------------------------------------ service faults


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (status(500), "500 server error"),
        (status(502), "502 server error"),
        (status(503), "503 server error"),
        (drop(), "connection dropped"),
        (drop_mid_stream(), "connection dropped"),
        (stall(3.0), "no answer within 0.5 s"),
        (slow(3.0, VALID), "no answer within 0.5 s"),
    ],
    ids=["500", "502", "503", "drop", "drop-mid-body", "stall", "slow"],
)
def test_a_transient_fault_is_retried_then_answered(fake, fault: Reply, reason):
    fake.push(fault, answer(VALID, tokens_in=70, tokens_out=15))
    events: list[str] = []
    llm = AgentLLM("director", settings_for(fake, timeout_s=0.5))
    llm.on_event = events.append
    assert ask(llm) == EXPECTED
    usage = llm.usage
    assert (usage.calls, usage.retries, usage.repairs, usage.fallbacks) == (2, 1, 0, 0)
    assert (usage.tokens_in, usage.tokens_out) == (70, 15)  # the failed request reported none
    [line] = usage.log
    assert line.startswith("retry in") and reason in line
    assert line in events
    assert len(fake.completions()) == 2


def test_429_waits_as_long_as_retry_after_says(fake):
    fake.push(status(429, retry_after=0.3), VALID)
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    assert (llm.usage.retries, llm.usage.calls) == (1, 2)
    assert llm.usage.log == ["retry in 0.3 s after 429 rate limited: scripted failure"]
    first, second = fake.completions()
    assert second.received_at - first.received_at >= 0.3


def test_faults_that_outlast_the_budget_fall_back(fake):
    fake.responder = lambda request: status(503, retry_after=0.2)
    llm = AgentLLM("director", settings_for(fake, budget_s=1.0, breaker_failures=100))
    assert ask(llm) is None
    usage = llm.usage
    assert usage.fallbacks == 1 and usage.retries >= 1 and usage.calls == usage.retries + 1
    assert "kept failing within 1 s: 503 server error" in usage.log[-1]
    assert len(fake.completions()) == usage.calls


# ------------------------------------------------------------------------- bodies that are no answer


def completion(**changes) -> str:
    """A chat completion of VALID as the fake server sends it, with `changes` to its top-level fields."""
    return json.dumps(openai_completion(MODEL, answer(VALID)) | changes)


NOT_A_COMPLETION = {
    "html": raw("<html><body><h1>Welcome to nginx!</h1></body></html>", content_type="text/html"),
    "empty": raw(b""),
    "empty-object": raw("{}"),
    "choices-null": raw(completion(choices=None)),
    "choices-empty": raw(completion(choices=[])),
    "no-message": raw(completion(choices=[{"index": 0, "finish_reason": "stop"}])),
    "content-not-text": raw(
        completion(choices=[{"index": 0, "message": {"role": "assistant", "content": 5}}])
    ),
    "json-array": raw("[1, 2, 3]"),
    "nested-3000-deep": raw('{"a": ' * 3000 + "1" + "}" * 3000),
    "unrequested-stream": unrequested_stream(VALID),
}


@pytest.mark.parametrize("body", NOT_A_COMPLETION.values(), ids=NOT_A_COMPLETION.keys())
def test_a_200_that_is_not_a_chat_completion_is_retried_then_answered(fake, body):
    fake.push(body, VALID)
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    assert (llm.usage.calls, llm.usage.retries, llm.usage.fallbacks) == (2, 1, 0)
    [line] = llm.usage.log
    assert line.startswith("retry in") and "the response is not a chat completion" in line


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_server_that_only_sends_html_is_down_for_the_rest_of_the_run(anthropic_at, provider):
    anthropic_at.responder = lambda request: NOT_A_COMPLETION["html"]
    model, base_url = (MODEL, anthropic_at.openai_url) if provider == "openai" else (CLAUDE, None)
    settings = settings_for(anthropic_at, llm=f"{provider}:{model}", base_url=base_url)
    budget = RunBudget()
    director = AgentLLM("director", settings, budget=budget)
    assert ask(director) is None
    assert (director.usage.calls, director.usage.retries, director.usage.fallbacks) == (3, 2, 1)
    assert "is down for this run (3 failed request(s) in a row" in director.usage.log[-1]
    layout = AgentLLM("layout", settings, "director", budget)  # the next agent of the same run
    assert ask(layout) is None
    assert (layout.usage.calls, layout.usage.fallbacks) == (0, 1)
    assert layout.usage.log[0].startswith("fell back to the offline layout: not asked:")
    assert len(anthropic_at.completions()) == 3


def test_a_redirect_is_not_followed_and_the_server_is_down_at_once(fake):
    fake.responder = lambda request: redirect_loop()
    budget = RunBudget()
    llm = AgentLLM("director", settings_for(fake), budget=budget)
    assert ask(llm) is None
    assert (llm.usage.calls, llm.usage.fallbacks) == (1, 1)
    assert "307 redirect to /v1/chat/completions, not followed: fix --base-url" in llm.usage.log[-1]
    assert len(fake.completions()) == 1


@pytest.mark.parametrize(
    "usage",
    [
        {"prompt_tokens": -40, "completion_tokens": -10, "total_tokens": -50},
        {"prompt_tokens": "40", "completion_tokens": "ten", "total_tokens": "50"},
        {"prompt_tokens": 4.5, "completion_tokens": None, "total_tokens": True},
        "lots",
    ],
    ids=["negative", "strings", "floats-and-null", "not-an-object"],
)
def test_token_counts_that_are_not_counts_never_reach_the_usage(fake, usage):
    fake.push(raw(completion(usage=usage)), VALID)
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    assert llm.usage.tokens_in >= 0 and llm.usage.tokens_out >= 0
    assert AgentUsage.model_validate_json(llm.usage.model_dump_json()) == llm.usage  # scene.json reads back


def test_negative_token_counts_are_not_counted_and_the_log_says_so(fake):
    fake.push(answer(VALID, tokens_in=-400, tokens_out=30))
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    assert (llm.usage.tokens_in, llm.usage.tokens_out, llm.usage.calls) == (0, 0, 1)
    assert llm.usage.log == ["the server reported token counts that are not counts ((-400, 30)): not counted"]


@pytest.mark.parametrize("depth", [40, 3000])
def test_an_answer_nested_too_deep_is_sent_back_for_repair(fake, depth):
    fake.push('{"entity": ' + "[" * depth + "]" * depth + "}", VALID)
    llm = AgentLLM("director", settings_for(fake))
    assert ask(llm) == EXPECTED
    assert llm.usage.repairs == 1 and "nested more than 32 levels deep" in llm.usage.log[0]


# ----------------------------------------------------------------------- time, backoff and the breaker


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_a_body_trickled_a_byte_at_a_time_ends_at_the_time_out(anthropic_at, provider):
    anthropic_at.push(trickle(VALID, every_s=0.05), VALID)  # whole, the trickle would take 10 s or more
    model, base_url = (MODEL, anthropic_at.openai_url) if provider == "openai" else (CLAUDE, None)
    settings = settings_for(anthropic_at, llm=f"{provider}:{model}", base_url=base_url, timeout_s=0.5)
    llm = AgentLLM("director", settings)
    assert ask(llm) == EXPECTED
    assert llm.usage.retries == 1 and "no answer within 0.5 s" in llm.usage.log[0]


def test_retry_after_zero_still_waits_the_backoff(fake, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(llm_module.time, "sleep", waits.append)
    fake.responder = lambda request: status(429, retry_after=0)
    llm = AgentLLM("director", settings_for(fake, breaker_failures=5))
    assert ask(llm) is None
    assert len(fake.completions()) == 5  # the breaker ends the storm
    floors = [0.75 * llm_module.BACKOFF_FIRST_S * 2**attempt for attempt in range(4)]
    assert all(wait >= floor for wait, floor in zip(waits, floors, strict=True))


def test_a_longer_retry_after_wins_over_the_backoff(fake, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(llm_module.time, "sleep", waits.append)
    fake.push(status(503, retry_after=7), VALID)
    assert ask(AgentLLM("director", settings_for(fake))) == EXPECTED
    assert waits == [7.0]


def test_failures_in_a_row_are_what_trips_the_breaker(fake):
    fake.push(status(503), VALID, status(503), VALID, status(503), VALID)
    llm = AgentLLM("director", settings_for(fake, breaker_failures=2))
    assert ask(llm) == ask(llm) == ask(llm) == EXPECTED  # each success starts the count again
    assert (llm.usage.retries, llm.usage.fallbacks) == (3, 0)


def test_a_server_down_for_one_agent_is_down_for_the_next_but_another_server_is_not(fake):
    fake.responder = lambda request: status(503)
    budget = RunBudget()
    director = AgentLLM("director", settings_for(fake), budget=budget)
    assert ask(director) is None and director.usage.calls == 3
    with FakeProvider(api_key=KEY, models=[MODEL], replies=[VALID]) as other:
        critic = AgentLLM("critic", settings_for(other), "director", budget)
        assert ask(critic) == EXPECTED
    motion = AgentLLM("motion", settings_for(fake), "director", budget)
    assert ask(motion) is None and motion.usage.calls == 0
    assert "503 server error" in motion.usage.log[0]  # the reason the server was judged down


def test_once_the_run_budget_is_spent_no_question_is_sent(fake):
    budget = RunBudget()
    budget.spend(30.0)
    llm = AgentLLM("director", settings_for(fake, run_budget_s=30.0), budget=budget)
    assert ask(llm) is None
    assert llm.usage.log == [
        "fell back to the offline director: not asked: the run's 30 s for model requests are spent"
    ]
    assert fake.completions() == []


def test_a_question_gets_no_more_time_than_the_run_has_left(fake):
    fake.responder = lambda request: status(503, retry_after=0.2)
    budget = RunBudget()
    budget.spend(9.0)
    llm = AgentLLM("director", settings_for(fake, run_budget_s=10.0, breaker_failures=100), budget=budget)
    assert ask(llm) is None
    assert "kept failing within 1 s: 503 server error" in llm.usage.log[-1]


# ------------------------------------------------------------------------------- settings that fail


def test_a_refused_key_stops_at_once_naming_the_variable(fake):
    llm = AgentLLM("director", settings_for(fake, api_key="sk-wrong-key"))
    with pytest.raises(ProviderError, match="OPENAI_API_KEY") as error:
        ask(llm)
    assert "\n" not in str(error.value) and "sk-wrong-key" not in str(error.value)
    assert len(fake.completions()) == 1  # not retried


def test_an_unknown_model_stops_at_once_naming_the_flag(fake):
    llm = AgentLLM("director", settings_for(fake, director_llm="openai:no-such-model"))
    with pytest.raises(ProviderError, match="--director-llm") as error:
        ask(llm)
    assert "no-such-model" in str(error.value) and "404" in str(error.value)
    assert len(fake.completions()) == 1


def closed_port_url() -> str:
    with socket.socket() as probe:  # bound, then closed: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def test_an_unreachable_base_url_stops_at_once_naming_the_flag(fake):
    llm = AgentLLM("director", settings_for(fake, base_url=closed_port_url(), budget_s=3.0))
    with pytest.raises(ProviderError, match="--base-url"):
        ask(llm)
    assert llm.usage.retries == 0


def test_a_server_that_answered_then_went_away_is_retried_not_fatal():
    with FakeProvider(api_key=KEY, replies=[VALID]) as fake:
        llm = AgentLLM("director", settings_for(fake, budget_s=0.5))
        assert ask(llm) == EXPECTED
    assert ask(llm) is None  # refused connections now: transient, until the breaker judges the server down
    usage = llm.usage
    assert usage.fallbacks == 1 and usage.retries == 2
    assert "connection dropped" in usage.log[0] and "is down for this run (3 failed" in usage.log[-1]


@pytest.mark.parametrize(
    ("model", "variable"),
    [("openai:gpt-4o-mini", "OPENAI_API_KEY"), (f"anthropic:{CLAUDE}", "ANTHROPIC_API_KEY")],
)
def test_a_missing_key_for_a_hosted_provider_stops_before_any_request(monkeypatch, model, variable):
    monkeypatch.delenv(variable, raising=False)
    with pytest.raises(ProviderError, match=variable):
        AgentLLM("director", LLMSettings(llm=model))


@pytest.mark.parametrize(
    ("fault", "fatal"),
    [
        (status(500, message=f"upstream refused the key {KEY}"), False),
        (status(401, message=f"Incorrect API key provided: {KEY}"), True),
        (status(404, message=f"no such model for key {KEY}"), True),
    ],
    ids=["500", "401", "404"],
)
def test_the_key_is_never_shown_even_when_the_server_echoes_it(fake, capsys, caplog, fault, fatal):
    caplog.set_level(logging.DEBUG)
    fake.push(fault, VALID)
    events: list[str] = []
    llm = AgentLLM("director", settings_for(fake))
    llm.on_event = events.append
    if fatal:
        with pytest.raises(ProviderError) as error:
            ask(llm)
        assert KEY not in str(error.value)
    else:
        assert ask(llm) == EXPECTED
    assert fake.completions()[0].headers["authorization"] == f"Bearer {KEY}"  # it was sent ...
    captured = capsys.readouterr()
    shown = [llm.usage.model_dump_json(), *events, captured.out, captured.err, caplog.text]
    assert not [text for text in shown if KEY in text]  # ... and never shown


def test_a_key_the_server_reflects_into_its_answer_is_masked_before_anything_reads_it(fake, capsys):
    def reflect(request):
        echoed = json.dumps(f"dog {request.headers['authorization']}")
        return f'{{"entity": {echoed}, "count": 2, "color": "red"}}'

    fake.responder = reflect
    events: list[str] = []
    llm = AgentLLM("director", settings_for(fake, max_repairs=1))
    llm.on_event = events.append
    assert ask(llm) is None
    assert "entity: 'dog Bearer ***' is not in the scene" in llm.usage.log[0]
    sent_back = fake.completions()[1].body["messages"][2]["content"]
    assert "Bearer ***" in sent_back  # the answer as the model's turn of the repair: masked too
    captured = capsys.readouterr()
    assert not [
        text for text in [llm.usage.model_dump_json(), *events, captured.out, captured.err] if KEY in text
    ]


def test_a_password_in_the_base_url_never_shows(fake):
    url = closed_port_url().replace("http://", f"http://me:{KEY}@")
    llm = AgentLLM("director", settings_for(fake, base_url=url))
    with pytest.raises(ProviderError, match=r"cannot reach http://\*\*\*@127\.0\.0\.1") as error:
        ask(llm)
    assert KEY not in str(error.value)


def test_a_short_key_does_not_mangle_the_messages():
    with FakeProvider(api_key="abc", models=[MODEL]) as fake:
        fake.push(status(500, message="abc: a bad gateway at abc.example"), VALID)
        llm = AgentLLM("director", settings_for(fake, api_key="abc"))
        assert ask(llm) == EXPECTED
    assert "500 server error: abc: a bad gateway at abc.example" in llm.usage.log[0]


# --------------------------------------------------------------------------------------- anthropic


def test_anthropic_answers_through_its_own_protocol(anthropic_at):
    anthropic_at.push(answer(VALID, tokens_in=100, tokens_out=20))
    llm = AgentLLM("director", settings_for(anthropic_at, llm=f"anthropic:{CLAUDE}", base_url=None))
    assert ask(llm) == EXPECTED
    usage = llm.usage
    assert (usage.provider, usage.model, usage.calls, usage.tokens_in, usage.tokens_out) == (
        "anthropic", CLAUDE, 1, 100, 20
    )  # fmt: skip
    assert usage.cost_usd == pytest.approx((100 * 1.00 + 20 * 5.00) / 1e6)  # the price table's haiku 4.5
    [request] = anthropic_at.completions()
    assert request.path == "/v1/messages" and request.body["model"] == CLAUDE
    assert "The entities are: dog, ball." in request.system and "response_format" not in request.body
    assert [m["role"] for m in request.body["messages"]] == ["user"]


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (status(429, retry_after=0.2), "429 rate limited"),
        (status(529), "529 server error"),
        (drop_mid_stream(), "connection dropped"),
    ],
    ids=["429", "529-overloaded", "drop-mid-body"],
)
def test_anthropic_faults_are_retried(anthropic_at, fault, reason):
    anthropic_at.push(fault, VALID)
    llm = AgentLLM("director", settings_for(anthropic_at, llm=f"anthropic:{CLAUDE}", base_url=None))
    assert ask(llm) == EXPECTED
    assert (llm.usage.retries, llm.usage.calls, llm.usage.fallbacks) == (1, 2, 0)
    assert reason in llm.usage.log[0]


def test_anthropic_repairs_send_the_answer_back(anthropic_at):
    anthropic_at.push('{"entity": "cat", "count": 2, "color": "red"}', VALID)
    llm = AgentLLM("director", settings_for(anthropic_at, llm=f"anthropic:{CLAUDE}", base_url=None))
    assert ask(llm) == EXPECTED
    assert llm.usage.repairs == 1
    second = anthropic_at.completions()[1]
    assert [m["role"] for m in second.body["messages"]] == ["user", "assistant", "user"]
    assert "entity: 'cat' is not in the scene" in second.last_text


# ------------------------------------------------------------------------------ request and pricing


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_images_travel_as_image_parts(anthropic_at, provider):
    model = MODEL if provider == "openai" else CLAUDE
    base_url = anthropic_at.openai_url if provider == "openai" else None
    anthropic_at.push(VALID)
    llm = AgentLLM("director", settings_for(anthropic_at, llm=f"{provider}:{model}", base_url=base_url))
    image = png()
    assert ask(llm, images=[image]) == EXPECTED
    [request] = anthropic_at.completions()
    assert request.images() == [image]
    assert request.last_text == "Which entity costs $5? Pick one."


@pytest.mark.parametrize(
    ("json_mode", "expected"),
    [
        ("schema", {"type": "json_schema", "json_schema": {"name": "Pick", "schema": Pick.model_json_schema(),
                                                            "strict": False}}),
        ("auto", {"type": "json_schema", "json_schema": {"name": "Pick", "schema": Pick.model_json_schema(),
                                                          "strict": False}}),
        ("object", {"type": "json_object", "schema": Pick.model_json_schema()}),
        ("prompt", None),
    ],
)  # fmt: skip
def test_json_mode_decides_the_response_format_sent(fake, json_mode, expected):
    fake.push(VALID)
    llm = AgentLLM("director", settings_for(fake, json_mode=json_mode))
    assert ask(llm) == EXPECTED
    [request] = fake.completions()
    assert request.body.get("response_format") == expected


@pytest.mark.parametrize(
    ("model", "prices", "cost"),
    [
        ("gpt-4o-mini", {}, (1000 * 0.15 + 500 * 0.60) / 1e6),
        (MODEL, {f"openai:{MODEL}": (1.0, 2.0)}, (1000 * 1.0 + 500 * 2.0) / 1e6),
        (MODEL, {MODEL: (3.0, 4.0)}, (1000 * 3.0 + 500 * 4.0) / 1e6),
        (MODEL, {}, None),
    ],
    ids=["price-table", "prices-by-provider-model", "prices-by-model", "unknown"],
)
def test_cost_comes_from_the_price_table_or_the_prices_setting(fake, model, prices, cost):
    fake.push(answer(VALID, tokens_in=1000, tokens_out=500), answer(VALID, tokens_in=1000, tokens_out=500))
    llm = AgentLLM("director", settings_for(fake, llm=f"openai:{model}", prices=prices))
    assert ask(llm) == ask(llm) == EXPECTED
    expected = None if cost is None else pytest.approx(2 * cost)
    assert llm.usage.cost_usd == expected
