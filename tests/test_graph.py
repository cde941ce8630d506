"""Routing and the asset stage of the generate graph, node by node."""

from langgraph.runtime import Runtime

from scenewright.agents.director import direct_offline
from scenewright.config import LLMSettings
from scenewright.graphs.context import GenerateContext
from scenewright.graphs.generate import actionable, assets, retry_target
from scenewright.schema import Check
from scenewright.settings import RunSettings


def failed(name: str, route: str, entities: list[str]) -> Check:
    return Check(name=name, passed=False, score=0.0, entities=entities, message=name, route=route)


def test_the_earliest_stage_a_failed_check_names_is_retried():
    assert (
        retry_target([failed("motion:left", "motion", ["dog"]), failed("visible", "layout", ["ball"])])
        == "layout"
    )
    assert (
        retry_target([failed("color", "assets", ["ball"]), failed("visible", "layout", ["ball"])]) == "assets"
    )
    assert retry_target([]) is None


def test_a_model_check_sends_the_graph_back_only_to_an_agent_that_can_read_it():
    def failed(name: str, route: str) -> Check:
        return Check(name=name, passed=False, score=0.0, message="the dog looks like a cat", route=route)

    checks = [
        failed("llm:looks_like", "layout"),
        failed("llm:colour_looks", "assets"),
        failed("visible", "motion"),
    ]
    offline = actionable(checks, LLMSettings())
    assert [c.name for c in offline] == ["llm:colour_looks", "visible"]
    with_llm_layout = actionable(checks, LLMSettings(layout_llm="openai:gpt-4o-mini"))
    assert retry_target(with_llm_layout) == "assets" and len(with_llm_layout) == 3


def test_a_colour_a_users_asset_does_not_show_sends_nothing_back():
    """A drum from the user's file keeps its colours: rebuilding it could not make it red."""

    def color(instance: str) -> Check:
        return Check(name="color", passed=False, score=0.0, entities=[instance], message="", route="assets")

    checks = [color("drum"), color("ball")]
    assert actionable(checks, LLMSettings(), frozenset({"drum"})) == [checks[1]]
    assert retry_target(actionable(checks[:1], LLMSettings(), frozenset({"drum"}))) is None


def test_a_colour_retry_rebuilds_only_the_named_instance_and_keeps_earlier_fixes():
    runtime = Runtime(context=GenerateContext(settings=RunSettings(seed=1)), stream_writer=lambda event: None)
    plan = direct_offline("a red ball next to a blue car")
    first = assets({"plan": plan}, runtime=runtime)
    assert first["asset_cache"]["hits"] + first["asset_cache"]["misses"] == 3  # ball, car, environment
    state = {"plan": plan, "recipes": first["recipes"], "attempts": {"assets": 1},
             "feedback": [failed("color", "assets", ["ball"])]}  # fmt: skip
    second = assets(state, runtime=runtime)
    assert second["recipes"]["ball"].attempt == 1 and second["recipes"]["car"].attempt == 0
    assert second["assets"]["ball"].content_hash != first["assets"]["ball"].content_hash
    assert second["asset_cache"] == {"hits": 2, "misses": 1}  # car and environment come from the cache
    state = {"plan": plan, "recipes": second["recipes"], "attempts": {"assets": 2},
             "feedback": [failed("color", "assets", ["car"])]}  # fmt: skip
    third = assets(state, runtime=runtime)
    assert third["recipes"]["ball"].attempt == 1 and third["recipes"]["car"].attempt == 2
