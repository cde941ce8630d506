"""The settings a user configures: LLM providers (which model each agent uses, where it is served, how hard
to try) and the run settings (scenewright/settings.py), both from flags, environment and the config file.

Precedence, highest first: command-line flags, environment variables (SCENEWRIGHT_LLM,
SCENEWRIGHT_DIRECTOR_LLM, SCENEWRIGHT_BASE_URL, ...; the run settings have none), the TOML config file
(--config FILE, else SCENEWRIGHT_CONFIG, else ./scenewright.toml when it exists), the defaults. API keys come
from the provider's usual variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...) or `api_key`; they are held as
secrets, and `LLMSettings.redact` masks them (and a password or query in the base URL) in any text that
leaves the process.

The config file holds the provider settings at its top level and the run settings in three tables:

    llm = "ollama:qwen2.5:7b"     # provider settings: LLMSettings' fields
    [run]                         # RunSettings' fields: seed, fps, duration_s, width, height, max_rounds,
    fps = 24                      # renderer, assets_backend, asset_folder, shap_e_model, mesh_splats,
    asset_overrides = { dog = "corgi.ply" }   # sd_model, mocap_folder; asset_overrides as NAME = SPEC
    [refine]                      # RefineSettings' fields (render-and-compare refinement)
    steps = 40
    [sds]                         # SdsSettings' fields (score distillation, with sd_model)
    guidance_scale = 50.0

`load_run_settings` builds a run's settings from them; an unknown key or a value of the wrong type is a
ConfigError that names the key, its table and the file.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from pydantic import Field, SecretStr, TypeAdapter, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from scenewright.settings import RefineSettings, RunSettings, SdsSettings

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


MIN_SECRET_CHARS = 8
"""Shorter keys are not masked: a local server's placeholder ('ollama', 'none') is no secret, and masking a
short word wherever it stands would mangle every message that contains it."""

RUN_TABLES = ("run", "refine", "sds")
"""The config file's tables of run settings; every other top-level key is a provider setting."""


class ConfigError(ValueError):
    """A run setting of the config file (or of a context given as JSON) that cannot be read, in one line
    that names the key, its table and the file."""


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

    model_config = SettingsConfigDict(
        env_prefix="SCENEWRIGHT_", extra="forbid", frozen=True, hide_input_in_errors=True
    )  # a refused base URL or key is never echoed
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
    timeout_s: float = Field(
        default=120.0, gt=0, description="Longest one request may take, from sending it to its last byte."
    )
    budget_s: float = Field(
        default=600.0, gt=0, description="Total seconds one question may spend, retries included."
    )
    run_budget_s: float = Field(
        default=1800.0,
        gt=0,
        description="Total seconds all agents of one run may spend on their models, retries included; "
        "once spent, the run's remaining questions go to the offline agents.",
    )
    breaker_failures: int = Field(
        default=3,
        ge=1,
        le=100,
        description="Failed requests in a row (time-outs, 429, 5xx, dropped connections, responses that are "
        "not an answer) after which a server counts as down: the run's later questions to it go offline.",
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

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None:
            check_base_url(value)
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
            sources.append(_ProviderTomlSource(settings_cls, toml_file=cls.config_file))
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

    def secrets(self) -> tuple[str, ...]:
        """Every secret these settings send: the keys of the agents' providers and what the base URL
        carries (a password, query values), long enough to be masked (MIN_SECRET_CHARS)."""
        keys = [self.key_for(self.spec(agent)) for agent in AGENTS if not self.spec(agent).offline]
        found = [*keys, *url_secrets(self.base_url or "")]
        return tuple(sorted({s for s in found if s and len(s) >= MIN_SECRET_CHARS}, key=len, reverse=True))

    def redact(self, text: str) -> str:
        """`text` with every secret of these settings masked (`redact`)."""
        return redact(text, self.secrets())


def check_base_url(url: str) -> None:
    """Refuse what is not an http(s) URL with a host, in one line that does not echo a password or query."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or url != url.strip():
        raise ValueError(
            "must be an http:// or https:// URL with a host, e.g. http://localhost:11434/v1 "
            f"(got {shown_url(url)!r})"
        )


def url_secrets(url: str) -> list[str]:
    """The user name, password and query values in a URL (a key may stand in any), as written and decoded."""
    try:
        parts = urlsplit(url)
        found = [parts.username, parts.password, *(value for _, value in parse_qsl(parts.query))]
    except ValueError:
        return []
    return [form for value in found if value for form in {value, unquote(value)}]


def shown_url(url: str) -> str:
    """The URL as it may be printed: its user name and password, and its query, masked."""
    text, query, _ = url.partition("?")
    scheme, sep, rest = text.partition("://")
    host, slash, path = rest.partition("/")
    if sep and "@" in host:
        text = f"{scheme}://***@{host.rpartition('@')[2]}{slash}{path}"
    return text + ("?***" if query else "")


def redact(text: str, secrets: Iterable[str]) -> str:
    """`text` with each secret (and its JSON-escaped form) masked as *** where it stands as a whole token,
    not inside a longer run of letters and digits; secrets shorter than MIN_SECRET_CHARS are left alone."""
    for secret in secrets:
        if len(secret) < MIN_SECRET_CHARS:
            continue
        for form in {secret, json.dumps(secret)[1:-1]}:
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", "***", text)
    return text


class _ProviderTomlSource(TomlConfigSettingsSource):
    """The config file without its run-settings tables (`load_run_settings` reads those)."""

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        return {key: value for key, value in _read_config(Path(file_path)).items() if key not in RUN_TABLES}


def config_file_path(explicit: str | Path | None) -> Path | None:
    """--config FILE, else $SCENEWRIGHT_CONFIG, else ./scenewright.toml when it exists."""
    chosen = explicit or os.environ.get(CONFIG_FILE_VARIABLE)
    if chosen:
        path = Path(chosen)
        if not path.is_file():  # never opened unless regular: a FIFO would block the reader forever
            problem = "is not a regular file" if path.exists() else "does not exist"
            raise ProviderError(f"config file {path} {problem}")
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


RUN_FIELDS = tuple(f.name for f in fields(RunSettings) if f.name not in ("refine", "sds"))
"""The keys of the config file's [run] table."""
_RUN_SETTINGS = TypeAdapter(RunSettings)


def load_run_settings(config_file: str | Path | None = None, **flags: Any) -> RunSettings:
    """A run's settings from flags (`flags`: RunSettings' field names, None values ignored; `asset_overrides`
    adds to the file's, a flag winning for the same name), the config file's [run], [refine] and [sds]
    tables (--config FILE, else $SCENEWRIGHT_CONFIG, else ./scenewright.toml) and the defaults. The values
    are typed, not validated: `RunSettings.validate` and the preflight (`check_run_settings`) do that."""
    unknown = sorted(set(flags) - set(RUN_FIELDS))
    if unknown:
        raise TypeError(f"load_run_settings() got unknown run settings: {', '.join(unknown)}")
    path = config_file_path(config_file)
    tables = _run_tables(path) if path else {}
    run = dict(tables.get("run", {}))
    given = {key: value for key, value in flags.items() if value is not None}
    if "asset_overrides" in given and "asset_overrides" in run:
        from_file = run["asset_overrides"]
        from_file = from_file.items() if isinstance(from_file, Mapping) else from_file
        given["asset_overrides"] = tuple((dict(from_file) | dict(given["asset_overrides"])).items())
    return run_settings_from_tables(
        run | given,
        tables.get("refine", {}),
        tables.get("sds", {}),
        origin=f"config file {path}" if path else "run settings",
    )


def run_settings_from_tables(
    run: Mapping[str, Any],
    refine: Mapping[str, Any],
    sds: Mapping[str, Any],
    *,
    origin: str,
    labels: tuple[str, str, str] = ("[run]", "[refine]", "[sds]"),
) -> RunSettings:
    """RunSettings from plain values (TOML, JSON): `run` holds RunSettings' fields but refine and sds, which
    come as their own mappings; `asset_overrides` may be a mapping NAME -> SPEC. An unknown key or a bad value
    raises ConfigError naming the key, its table (`labels`) and `origin` (the file)."""
    sections = {
        "run": (run, RUN_FIELDS),
        "refine": (refine, _names(RefineSettings)),
        "sds": (sds, _names(SdsSettings)),
    }
    label = dict(zip(sections, labels, strict=True))
    for table, (values, known) in sections.items():
        if not isinstance(values, Mapping):
            raise ConfigError(f"{origin}: {label[table]} must be a mapping of settings (got {values!r})")
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"{origin}: unknown key {key!r} in {label[table]} (known: {', '.join(known)})"
                )
    values = dict(run)
    if isinstance(values.get("asset_overrides"), Mapping):
        values["asset_overrides"] = tuple(values["asset_overrides"].items())
    try:
        return _RUN_SETTINGS.validate_python({**values, "refine": dict(refine), "sds": dict(sds)})
    except ValidationError as error:
        first = error.errors()[0]
        loc = [str(part) for part in first["loc"]]
        table = loc.pop(0) if loc and loc[0] in ("refine", "sds") else "run"
        key = f" {'.'.join(loc)}" if loc else ""
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{origin}: {label[table]}{key}: {message}") from None


def _names(settings: type[RefineSettings] | type[SdsSettings]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(settings))


def _read_config(path: Path) -> dict[str, Any]:
    """The config file's TOML document; ConfigError naming the file when it cannot be read or parsed (both
    readers, of the provider and of the run settings, come here)."""
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"config file {path} is not valid TOML: nested too deep") from None
    except OSError as error:
        raise ConfigError(f"cannot read config file {path}: {error.strerror or error}") from None


def _run_tables(path: Path) -> dict[str, Any]:
    """The config file's run-settings tables (those it has)."""
    document = _read_config(path)
    tables = {table: document[table] for table in RUN_TABLES if table in document}
    for table, values in tables.items():
        if not isinstance(values, dict):
            raise ConfigError(f"config file {path}: {table} must be a table, [{table}] (got {values!r})")
    return tables
