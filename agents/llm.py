"""The LLM path shared by every agent: render the agent's template, ask for JSON, validate, repair, retry.

`AgentLLM.ask` returns the converted answer, or None when the agent must fall back to its offline path
(after `max_repairs` repairs, or when transient failures outlast the time budget); every call, repair,
retry and fallback lands in `AgentLLM.usage`. Settings that cannot work (a refused key, an unknown model,
an unreachable base URL, a missing integration package) raise `ProviderError` at once.

Templates live in prompts/<agent>.md: sections headed `=== name ===` with `$variables`
(string.Template); `system` is always sent first, `$schema` is the answer's JSON schema.
"""

from __future__ import annotations

import base64
import json
import random
import re
import socket
import string
import time
from collections.abc import Callable, Mapping, Sequence
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import httpx
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from scenewright.config import OPENAI_COMPATIBLE, AgentName, LLMSettings, ProviderError, ProviderSpec
from scenewright.schema import AgentUsage

Answer = TypeVar("Answer", bound=BaseModel)
Result = TypeVar("Result")

SECTION = re.compile(r"^=== ([a-z_]+) ===[ \t]*$", re.MULTILINE)

PRICES_USD_PER_MTOK: dict[str, tuple[float, float]] = {
    "openai:gpt-4o": (2.50, 10.00),
    "openai:gpt-4o-mini": (0.15, 0.60),
    "openai:gpt-4.1": (2.00, 8.00),
    "openai:gpt-4.1-mini": (0.40, 1.60),
    "openai:gpt-4.1-nano": (0.10, 0.40),
    "anthropic:claude-sonnet-4-5": (3.00, 15.00),
    "anthropic:claude-haiku-4-5": (1.00, 5.00),
    "anthropic:claude-opus-4-1": (15.00, 75.00),
}
"""List prices (USD per million tokens in, out) as the providers published them when this was written;
`prices` in the settings corrects or extends them. Models not listed get no cost."""

BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 30.0

UNREACHABLE = (ConnectionRefusedError, socket.gaierror, httpx.ConnectError)
"""What a connection that never opened raises at its root, whichever HTTP library the client uses (openai
and anthropic moved from httpx to httpx2, whose errors are not httpx's; both chain the OS error)."""

TRANSPORT_ERRORS = frozenset(
    {"APIConnectionError", "RemoteProtocolError", "ReadError", "WriteError", "NetworkError", "ConnectError"}
)
"""Class names of a dropped or broken connection in the clients and their HTTP libraries (httpx, httpx2):
matched by name because the libraries do not share exception classes."""

_REACHED: set[str] = set()
"""Endpoints that have answered in this process: a refused connection there is transient, not fatal."""


@cache
def load_template(agent: str) -> dict[str, string.Template]:
    """prompts/<agent>.md split into its `=== name ===` sections."""
    text = resources.files("scenewright.prompts").joinpath(f"{agent}.md").read_text(encoding="utf-8")
    parts = SECTION.split(text)
    sections = {
        name: string.Template(body.strip()) for name, body in zip(parts[1::2], parts[2::2], strict=True)
    }
    if "system" not in sections:
        raise ValueError(f"prompts/{agent}.md has no '=== system ===' section")
    return sections


def price_of(spec: ProviderSpec, settings: LLMSettings) -> tuple[float, float] | None:
    for key in (str(spec), spec.model):
        if key in settings.prices:
            return settings.prices[key]
    return PRICES_USD_PER_MTOK.get(str(spec))


class _Transient(Exception):
    """A failure worth retrying; `wait_s` is the server's Retry-After when it sent one."""

    def __init__(self, reason: str, wait_s: float | None = None) -> None:
        super().__init__(reason)
        self.wait_s = wait_s


class _Unusable(Exception):
    """A request the server refused for its content (400, 422): retrying the same request cannot help."""


class AgentLLM:
    """One agent's chat model and its usage over the run."""

    def __init__(self, agent: AgentName, settings: LLMSettings, template: str | None = None) -> None:
        self.agent = agent
        self.template = template or agent
        """prompts/<template>.md: the agent's own, or another task for its model (chat edits: "editor")."""
        self.settings = settings
        self.spec = settings.spec(agent)
        if self.spec.offline:
            raise ValueError(f"{agent} is offline: no LLM to build")
        self._key = settings.key_for(self.spec)
        self.model = self._build_model()
        self.usage = AgentUsage(provider=self.spec.provider, model=self.spec.model)
        self.on_event: Callable[[str], None] = lambda message: None
        """Receives a line for each request, repair, retry and fallback (the graph streams them)."""

    # ------------------------------------------------------------------------------------------ setup

    def _build_model(self) -> BaseChatModel:
        from langchain.chat_models import init_chat_model

        spec, settings = self.spec, self.settings
        kwargs: dict[str, Any] = {"temperature": settings.temperature, "max_tokens": settings.max_tokens}
        key = self._key
        if spec.protocol in ("openai", "anthropic"):
            kwargs |= {"timeout": settings.timeout_s, "max_retries": 0}
            if spec.base_url:
                kwargs["base_url"] = spec.base_url
            if key is None and spec.base_url and (spec.provider in OPENAI_COMPATIBLE or settings.base_url):
                key = "not-needed"  # local servers ignore the key, the client insists on one
            if key is None:
                variable = "OPENAI_API_KEY" if spec.protocol == "openai" else "ANTHROPIC_API_KEY"
                raise ProviderError(
                    f"no API key for {spec.provider} ({self.agent} uses {spec}): set {variable} or api_key "
                    "in the config file"
                )
        if key is not None:
            kwargs["api_key"] = key
        try:
            return init_chat_model(spec.model, model_provider=spec.protocol, **kwargs)
        except ImportError as error:
            raise ProviderError(
                f"provider '{spec.provider}' needs its LangChain integration: {self._redact(str(error))}"
            ) from None
        except Exception as error:  # unknown provider names and rejected options end here
            raise ProviderError(
                f"cannot use {spec} for the {self.agent}: {self._redact(str(error))} (fix --{self.agent}-llm "
                "or --llm)"
            ) from None

    def _redact(self, text: str) -> str:
        """One line, with the key (if the text holds it) masked."""
        text = " ".join(text.split())
        return text.replace(self._key, "***") if self._key else text

    # -------------------------------------------------------------------------------------------- ask

    def ask(
        self,
        schema: type[Answer],
        *,
        convert: Callable[[Answer], Result] | None = None,
        section: str = "user",
        variables: Mapping[str, object] | None = None,
        images: Sequence[bytes] = (),
    ) -> Result | None:
        """Ask for one `schema` answer; `convert` turns it into the agent's result and raises ValueError
        (or ValidationError) for answers that parse but cannot be used, which are sent back for repair.

        Returns None after recording a fallback; raises ProviderError for settings that cannot work.
        """
        templates = load_template(self.template)
        if section not in templates:
            raise ValueError(f"prompts/{self.template}.md has no '=== {section} ===' section")
        values = {"schema": json.dumps(schema.model_json_schema(), separators=(",", ":"))}
        values |= {key: str(value) for key, value in (variables or {}).items()}
        messages: list[BaseMessage] = [
            SystemMessage(templates["system"].substitute(values)),
            HumanMessage(_with_images(templates[section].substitute(values), images)),
        ]
        deadline = time.monotonic() + self.settings.budget_s
        problems: list[str] = []
        for repair in range(self.settings.max_repairs + 1):
            try:
                text = self._complete(messages, schema, deadline)
            except _Transient as error:
                self._fall_back(f"{self.spec} kept failing within {self.settings.budget_s:g} s: {error}")
                return None
            except _Unusable as error:
                self._fall_back(f"{self.spec} refused the request: {error}")
                return None
            try:
                answer = schema.model_validate(extract_json(text))
                result = convert(answer) if convert else answer
            except (ValueError, ValidationError) as error:
                problems = describe_errors(error)
            else:
                counter = "valid_after_repair" if repair else "valid_at_once"
                self.usage = self.usage.model_copy(update={counter: getattr(self.usage, counter) + 1})
                return result  # type: ignore[return-value]
            if repair == self.settings.max_repairs:
                break
            self._record(repairs=1, log=f"repair {repair + 1}: {'; '.join(problems)}")
            messages += [
                AIMessage(text),
                HumanMessage(
                    "Your answer could not be used:\n"
                    + "\n".join(f"- {problem}" for problem in problems)
                    + "\nReply with the corrected JSON object only, nothing else."
                ),
            ]
        self._fall_back(f"no valid answer after {self.settings.max_repairs} repair(s): {'; '.join(problems)}")
        return None

    def _fall_back(self, reason: str) -> None:
        self._record(fallbacks=1, log=f"fell back to the offline {self.agent}: {reason}")

    def _record(self, *, log: str, **counts: int) -> None:
        log = self._redact(log)
        update: dict[str, Any] = {name: getattr(self.usage, name) + value for name, value in counts.items()}
        self.usage = self.usage.model_copy(update=update | {"log": [*self.usage.log, log]})
        self.on_event(log)

    def _request_options(self, schema: type[BaseModel]) -> dict[str, Any]:
        mode: str = self.settings.json_mode
        if mode == "auto":  # llama-cpp-python's server takes a schema only inside json_object
            mode = {"openai": "schema", "llamacpp": "object"}.get(self.spec.protocol_name, "prompt")
        if mode == "prompt" or self.spec.protocol != "openai":
            return {}
        if mode == "object":
            response_format: dict[str, Any] = {"type": "json_object"}
            if self.spec.base_url:  # the extension llama.cpp servers read; OpenAI itself would refuse it
                response_format["schema"] = schema.model_json_schema()
        else:
            json_schema = {"name": schema.__name__, "schema": schema.model_json_schema(), "strict": False}
            response_format = {"type": "json_schema", "json_schema": json_schema}
        # through extra_body, so the client sends it as it is and streams as usual
        return {"extra_body": {"response_format": response_format}}

    def _complete(self, messages: list[BaseMessage], schema: type[BaseModel], deadline: float) -> str:
        """One answer's text, retrying transient failures with backoff until `deadline`."""
        options = self._request_options(schema)
        for attempt in range(1_000):
            self.on_event(f"asking {self.spec}" + (f" (retry {attempt})" if attempt else ""))
            start = time.perf_counter()
            try:
                return self._invoke_once(messages, options)
            except Exception as error:
                self._record_seconds(time.perf_counter() - start)
                reason, wait_s = self._classify(error)
                backoff = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2**attempt) * random.uniform(0.75, 1.25)
                wait = backoff if wait_s is None else wait_s
                if time.monotonic() + wait >= deadline:
                    raise _Transient(reason) from None
                self._record(retries=1, log=f"retry in {wait:.1f} s after {reason}")
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _invoke_once(self, messages: list[BaseMessage], options: dict[str, Any]) -> str:
        """One request, not streamed: every server reports token usage for a whole response, and a stalled
        body still ends in the client's read time-out."""
        start = time.perf_counter()
        answer = self.model.invoke(messages, **options)
        seconds = time.perf_counter() - start
        if self.spec.base_url:
            _REACHED.add(self.spec.base_url)
        usage = answer.usage_metadata if isinstance(answer, AIMessage) else None
        tokens_in = usage["input_tokens"] if usage else 0
        tokens_out = usage["output_tokens"] if usage else 0
        price = price_of(self.spec, self.settings)
        cost = None if price is None else (tokens_in * price[0] + tokens_out * price[1]) / 1e6
        self.usage = self.usage.model_copy(
            update={
                "calls": self.usage.calls + 1,
                "tokens_in": self.usage.tokens_in + tokens_in,
                "tokens_out": self.usage.tokens_out + tokens_out,
                "seconds": self.usage.seconds + seconds,
                "cost_usd": None if cost is None else (self.usage.cost_usd or 0.0) + cost,
            }
        )
        return answer.text

    def _record_seconds(self, seconds: float) -> None:
        self.usage = self.usage.model_copy(
            update={"calls": self.usage.calls + 1, "seconds": self.usage.seconds + seconds}
        )

    def _classify(self, error: Exception) -> tuple[str, float | None]:
        """(reason, Retry-After seconds) for a transient failure; raises for everything else."""
        spec, flag = self.spec, f"--{self.agent}-llm or --llm"
        status = getattr(error, "status_code", None)
        detail = self._redact(_server_message(error))
        if status in (401, 403):
            variable = "OPENAI_API_KEY" if spec.protocol == "openai" else "ANTHROPIC_API_KEY"
            raise ProviderError(
                f"{spec.provider} refused the API key ({status}): set {variable} or api_key in the config "
                "file"
            ) from None
        if status == 404:
            raise ProviderError(
                f"{spec.provider} does not know the model '{spec.model}' (404: {detail}): fix {flag}"
            ) from None
        if status == 429:
            return f"429 rate limited: {detail}", _retry_after(error)
        if status is not None and status >= 500:
            return f"{status} server error: {detail}", _retry_after(error)
        if status is not None:
            raise _Unusable(f"{status}: {detail}")
        if _caused_by(error, UNREACHABLE) and (spec.base_url or "") not in _REACHED:
            where = spec.base_url or f"the {spec.provider} API"
            raise ProviderError(
                f"cannot reach {where} for the {self.agent} ({detail}): fix --base-url or start the server"
            ) from None
        names = _chain_names(error)
        if _caused_by(error, TimeoutError) or any("Timeout" in name for name in names):
            return f"no answer within {self.settings.timeout_s:g} s (time-out or stalled stream)", None
        if _caused_by(error, ConnectionError) or names & TRANSPORT_ERRORS:
            return f"connection dropped: {detail}", None
        raise error


def _with_images(text: str, images: Sequence[bytes]) -> str | list[str | dict[str, Any]]:
    if not images:
        return text
    blocks: list[str | dict[str, Any]] = [{"type": "text", "text": text}]
    for png in images:
        url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        blocks.append({"type": "image_url", "image_url": {"url": url}})
    return blocks


def _chain_names(error: BaseException) -> set[str]:
    """Class names of the error and everything it was raised from."""
    names: set[str] = set()
    seen: BaseException | None = error
    while seen is not None:
        names.add(type(seen).__name__)
        seen = seen.__cause__ or seen.__context__
    return names


def _caused_by(error: BaseException, kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _server_message(error: Exception) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else None
        if message:
            return str(message)
    return str(error) or type(error).__name__


def _retry_after(error: Exception) -> float | None:
    """Seconds from a Retry-After (or retry-after-ms) header: a number or an HTTP date."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    if milliseconds := headers.get("retry-after-ms"):
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)


def extract_json(text: str) -> Any:
    """The first JSON object in a model's answer, tolerating code fences, reasoning blocks and prose."""
    text = THINKING.sub("", text).strip()
    if not text:
        raise ValueError("the answer was empty: reply with one JSON object that matches the schema")
    start = text.find("{")
    if start < 0:
        raise ValueError("the answer is not JSON: reply with one JSON object that matches the schema")
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
    except json.JSONDecodeError as error:
        raise ValueError(f"the JSON is malformed: {error.msg} at character {error.pos}") from None
    return value


def describe_errors(error: ValueError | ValidationError) -> list[str]:
    """One line per problem, naming the field, for the repair message and the log."""
    if isinstance(error, ValidationError):
        lines = []
        for item in error.errors()[:8]:
            where = ".".join(str(part) for part in item["loc"]) or "the answer"
            got = json.dumps(item.get("input"), default=str)[:80]
            lines.append(f"{where}: {item['msg']} (got {got})")
        return lines
    return str(error).splitlines() or [type(error).__name__]
