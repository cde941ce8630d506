"""The director's LLM path (being written)."""

from __future__ import annotations

from scenewright.agents.llm import AgentLLM
from scenewright.schema import Plan


def direct_llm(prompt: str, llm: AgentLLM) -> Plan | None:
    raise NotImplementedError
