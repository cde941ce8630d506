"""LLM provider settings: which model each agent uses, where it is served, and how hard to try.

Precedence, highest first: command-line flags, environment variables (SCENEWRIGHT_LLM,
SCENEWRIGHT_DIRECTOR_LLM, SCENEWRIGHT_BASE_URL, ...), the TOML config file (--config FILE, else
SCENEWRIGHT_CONFIG, else ./scenewright.toml when it exists), the defaults. API keys come from the
provider's usual variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...) or `api_key`; they are held as secrets
and never printed, logged or written to an output.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

AgentName = Literal["director", "layout", "motion", "critic"]
AGENTS: tuple[AgentName, ...] = ("director", "layout", "motion", "critic")

OFFLINE = "offline"

OPENAI_COMPATIBLE: dict[str, str] = {
    "ollama": "http://localhost:11434/v1",
    "vllm": "http://localhost:8000/v1",
    "llamacpp": "http://localhost:8080/v1",
    "lmstudio": "http://localhost:1234/v1",
}
"""Local servers that speak OpenAI's chat-completions protocol, with their usual base URLs."""

KEY_VARIABLES: dict[str, str] = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "google_genai": "GOOGLE_API_KEY",
    "mistralai": "MISTRAL_API_KEY",
    "groq": "GROQ_API_KEY",
}
"""Where each hosted provider's key is read from when `api_key` is not set."""

CONFIG_FILE_VARIABLE = "SCENEWRIGHT_CONFIG"
DEFAULT_CONFIG_FILE = "scenewright.toml"


class ProviderError(ValueError):
    """A provider setting that cannot work (bad key, unknown model, unreachable URL), in one line that
    names the setting to fix. It stops the run: retrying cannot help."""


@dataclass(frozen=True)
class ProviderSpec:
    """One agent's model: `provider:model`, plus the OpenAI-compatible base URL when there is one."""

    provider: str
    model: str
    base_url: str | None = None

    @property
    def offline(self) -> bool:
        return self.provider == OFFLINE

    @property
    def protocol_name(self) -> str:
        """'llamacpp' for llama.cpp servers, else `protocol` (they differ in the JSON modes they take)."""
        return "llamacpp" if self.provider == "llamacpp" else self.protocol

    @property
    def protocol(self) -> str:
        """The init_chat_model provider that talks to it: OpenAI-compatible servers speak 'openai'."""
        return "openai" if self.provider in OPENAI_COMPATIBLE else self.provider

    def __str__(self) -> str:
        return OFFLINE if self.offline else f"{self.provider}:{self.model}"


def parse_provider(text: str, setting: str = "--llm") -> tuple[str, str]:
    """'PROVIDER:MODEL' (the model may contain colons, as in 'ollama:qwen2.5:7b') or 'offline'."""
    text = text.strip()
    if text == OFFLINE:
        return OFFLINE, "builtin"
    provider, sep, model = text.partition(":")
    if not sep or not provider or not model:
        raise ProviderError(
            f"{setting} must be PROVIDER:MODEL (e.g. openai:gpt-4o-mini, anthropic:claude-sonnet-4-5, "
            f"ollama:qwen2.5:7b) or 'offline' (got {text!r})"
        )
    return provider.lower(), model


class LLMSettings(BaseSettings):
    """Every provider setting; `spec(agent)` resolves one agent's model."""

    model_config = SettingsConfigDict(env_prefix="SCENEWRIGHT_", extra="forbid", frozen=True)
    config_file: ClassVar[Path | None] = None

    llm: str = Field(default=OFFLINE, description="PROVIDER:MODEL for every agent, or 'offline'.")
    director_llm: str | None = Field(default=None, description="Override for the director.")
    layout_llm: str | None = Field(default=None, description="Override for the layout agent.")
    motion_llm: str | None = Field(default=None, description="Override for the motion agent.")
    critic_llm: str | None = Field(default=None, description="Override for the critic.")
    base_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible server (Ollama, vLLM, llama.cpp ...)."
    )
    api_key: SecretStr | None = Field(
        default=None, description="Key for the provider; else its usual environment variable."
    )
    timeout_s: float = Field(default=120.0, gt=0, description="Longest wait for any one response chunk.")
    budget_s: float = Field(
        default=600.0, gt=0, description="Total seconds one agent call may spend, retries included."
    )
    max_repairs: int = Field(default=2, ge=0, le=10, description="Validation errors sent back per call.")
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int = Field(default=2048, ge=16, le=65536, description="Most tokens per answer.")
    json_mode: Literal["auto", "schema", "object", "prompt"] = Field(
        default="auto",
        description="How JSON is asked for: 'schema' sends response_format json_schema (OpenAI, vLLM, "
        "Ollama, llama-server), 'object' sends json_object, with the schema attached for a server at a "
        "base URL (llama-cpp-python's form), 'prompt' only shows the schema in the prompt; 'auto' is "
        "'object' for llamacpp, 'schema' for other OpenAI-compatible providers, 'prompt' for the rest.",
    )
    critic_images: bool = Field(
        default=True, description="Send key frames to the critic as images (needs a vision model)."
    )
    prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Extra USD prices per million tokens (in, out) by 'provider:model' or model name.",
    )

    @field_validator("llm", "director_llm", "layout_llm", "motion_llm", "critic_llm")
    @classmethod
    def _provider_syntax(cls, value: str | None) -> str | None:
        if value is not None:
            parse_provider(value)
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls.config_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls.config_file))
        return tuple(sources)

    @property
    def offline(self) -> bool:
        return all(self.spec(agent).offline for agent in AGENTS)

    def spec(self, agent: AgentName) -> ProviderSpec:
        text = getattr(self, f"{agent}_llm") or self.llm
        provider, model = parse_provider(text, f"--{agent}-llm" if getattr(self, f"{agent}_llm") else "--llm")
        if provider == OFFLINE:
            return ProviderSpec(OFFLINE, "builtin")
        base_url = self.base_url if provider == "openai" else None
        if provider in OPENAI_COMPATIBLE:
            base_url = self.base_url or OPENAI_COMPATIBLE[provider]
        return ProviderSpec(provider, model, base_url.rstrip("/") if base_url else None)

    def key_for(self, spec: ProviderSpec) -> str | None:
        """The API key for `spec`: `api_key`, else the provider's environment variable, else None."""
        if self.api_key is not None:
            return self.api_key.get_secret_value()
        variable = KEY_VARIABLES.get(spec.protocol)
        return os.environ.get(variable) if variable else None

    def public(self) -> dict[str, Any]:
        """The settings as they may be shown: each agent's model, no key."""
        return {agent: str(self.spec(agent)) for agent in AGENTS}


def config_file_path(explicit: str | Path | None) -> Path | None:
    """--config FILE, else $SCENEWRIGHT_CONFIG, else ./scenewright.toml when it exists."""
    chosen = explicit or os.environ.get(CONFIG_FILE_VARIABLE)
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise ProviderError(f"config file {path} does not exist")
        return path
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.is_file() else None


def load_llm_settings(config_file: str | Path | None = None, **overrides: Any) -> LLMSettings:
    """Settings from flags (`overrides`, None values ignored), environment, config file and defaults."""
    path = config_file_path(config_file)
    given = {key: value for key, value in overrides.items() if value is not None}
    source = type("LLMSettingsWithFile", (LLMSettings,), {"config_file": path}) if path else LLMSettings
    try:
        return source(**given)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        origin = f" (config file {path})" if path else ""
        message = first["msg"].removeprefix("Value error, ")
        raise ProviderError(f"provider setting {where}: {message}{origin}") from None
