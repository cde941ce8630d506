"""The LLM path shared by every agent: render the agent's template, ask for JSON, validate, repair, retry.

`AgentLLM.ask` returns the converted answer, or None when the agent must fall back to its offline path
(after `max_repairs` repairs, when transient failures outlast the time budget, or when the run's `RunBudget`
says its server is down or its model time is spent); every call, repair, retry and fallback lands in
`AgentLLM.usage`. Settings that cannot work (a refused key, an unknown model, an unreachable base URL, a
missing integration package) raise `ProviderError` at once. Whatever a server sends back (any body, any
status, any answer text) ends as an answer, a repair or a recorded fallback, never as another exception,
and every secret of the settings is masked in it before anything reads it.

Templates live in prompts/<agent>.md: sections headed `=== name ===` with `$variables`
(string.Template); `system` is always sent first, `$schema` is the answer's JSON schema.
"""

from __future__ import annotations

import base64
import functools
import itertools
import json
import math
import random
import re
import socket
import string
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import resources
from typing import Any, TypeVar

import httpx
import httpx2
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from scenewright.config import (
    OPENAI_COMPATIBLE,
    AgentName,
    LLMSettings,
    ProviderError,
    ProviderSpec,
    redact,
    shown_url,
)
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
"""The first retry's wait; each later one doubles (jittered), up to BACKOFF_MAX_S. It is also the floor
under a server's Retry-After: a 'Retry-After: 0' does not make a retry loop spin."""
BACKOFF_MAX_S = 30.0
CONNECT_TIMEOUT_S = 10.0
"""Longest wait for a connection to open (within the request's own time-out)."""
MIN_REQUEST_S = 0.05
"""A request is not sent with less time left than this."""
MAX_ANSWER_DEPTH = 32
"""Deepest nesting of arrays and objects taken from an answer; a deeper one is sent back for repair."""

BROKE = "the answer broke the agent's checks"
"""Where a check of an answer raised something other than the ValueError that names what is wrong: a bug
(the fuzz tests look for it), which the run survives as a repair."""

UNREACHABLE = (ConnectionRefusedError, socket.gaierror, httpx.ConnectError, httpx2.ConnectError)
"""What a connection that never opened raises at its root, whichever HTTP library the client uses (openai
and anthropic use httpx2, other integrations httpx; both chain the OS error)."""
TIMEOUTS = (TimeoutError, httpx.TimeoutException, httpx2.TimeoutException)
"""What a request that ran out of time raises at its root (the SDKs raise their APITimeoutError from it)."""
DROPPED = (ConnectionError, httpx.TransportError, httpx2.TransportError)
"""What a dropped or broken connection raises at its root (the SDKs raise APIConnectionError from it)."""

_REACHED: set[str] = set()
"""Endpoints that have answered in this process: a refused connection there is transient, not fatal."""


@functools.cache
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


@dataclass(frozen=True)
class Failure:
    """A failed request that may pass on a retry: why, the server's Retry-After, and whether it already shows
    the server down for the run (a redirect: every later request would get it too)."""

    reason: str
    wait_s: float | None = None
    down: bool = False


class _GaveUp(Exception):
    """The question's transient failures outlasted its time, or its server is down: the offline path."""


class _Unusable(Exception):
    """A request the server refused for its content (400, 422): retrying the same request cannot help."""


class RunBudget:
    """What the agents of one run share about their models (one object per run: the generate graph's
    context holds it): the seconds they have spent, and a circuit breaker per server. A server that failed
    `breaker_failures` requests in a row is down for the rest of the run, so each later question goes
    straight to the offline path instead of waiting the same dead server out again; once the run has
    spent `run_budget_s`, every question does. The limits are the settings' (all agents of a run share
    them); agents may ask from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spent_s = 0.0
        self._failures: dict[str, int] = {}
        self._down: dict[str, str] = {}

    def spend(self, seconds: float) -> None:
        with self._lock:
            self._spent_s += seconds

    def remaining(self, settings: LLMSettings) -> float:
        with self._lock:
            return settings.run_budget_s - self._spent_s

    def refusal(self, server: str, settings: LLMSettings) -> str | None:
        """Why a question to `server` is not sent at all, or None."""
        with self._lock:
            if server in self._down:
                return self._down[server]
        if self.remaining(settings) < MIN_REQUEST_S:
            return f"the run's {settings.run_budget_s:g} s for model requests are spent"
        return None

    def failed(self, server: str, failure: Failure, settings: LLMSettings) -> str | None:
        """Count a failed request; the reason the server is now down for the run, or None."""
        with self._lock:
            count = self._failures.get(server, 0) + 1
            self._failures[server] = count
            if failure.down or count >= settings.breaker_failures:
                in_a_row = f"{count} failed request(s) in a row, the last: {failure.reason}"
                self._down[server] = f"{server} is down for this run ({in_a_row})"
            return self._down.get(server)

    def succeeded(self, server: str) -> None:
        with self._lock:
            self._failures[server] = 0


class AgentLLM:
    """One agent's chat model and its usage over the run."""

    def __init__(
        self,
        agent: AgentName,
        settings: LLMSettings,
        template: str | None = None,
        budget: RunBudget | None = None,
    ) -> None:
        self.agent = agent
        self.template = template or agent
        """prompts/<template>.md: the agent's own, or another task for its model (chat edits: "editor")."""
        self.settings = settings
        self.spec = settings.spec(agent)
        if self.spec.offline:
            raise ValueError(f"{agent} is offline: no LLM to build")
        self.budget = budget or RunBudget()
        """The run's shared budget and breaker; without one, this agent's questions share one of their own."""
        self.server = shown_url(self.spec.base_url) if self.spec.base_url else f"the {self.spec.provider} API"
        self._key = settings.key_for(self.spec)
        self._secrets = settings.secrets()
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
            # The SDKs' own retries stay off: `_complete` retries, because each retry must draw on the run's
            # shared budget and breaker, be capped by the time left and be recorded, which they cannot do.
            kwargs |= {"timeout": settings.timeout_s, "max_retries": 0, "http_client": deadline_client()}
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
            if spec.protocol == "anthropic":
                return anthropic_chat_model()(model=spec.model, **kwargs)
            return init_chat_model(spec.model, model_provider=spec.protocol, **kwargs)
        except ImportError as error:
            raise ProviderError(
                f"provider '{spec.provider}' needs its LangChain integration: {self._one_line(str(error))}"
            ) from None
        except Exception as error:  # unknown provider names and rejected options end here
            raise ProviderError(
                f"cannot use {spec} for the {self.agent}: {self._one_line(str(error))} (fix "
                f"--{self.agent}-llm or --llm)"
            ) from None

    def _one_line(self, text: str) -> str:
        """One line, with every secret of the settings masked."""
        return redact(" ".join(text.split()), self._secrets)

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
        refusal = self.budget.refusal(self.server, self.settings)
        if refusal is not None:
            self._fall_back(f"not asked: {refusal}")
            return None
        seconds = min(self.settings.budget_s, self.budget.remaining(self.settings))
        deadline = time.monotonic() + seconds
        problems: list[str] = []
        for repair in range(self.settings.max_repairs + 1):
            try:
                text = self._complete(messages, schema, deadline, seconds)
            except _GaveUp as error:
                self._fall_back(str(error))
                return None
            except _Unusable as error:
                self._fall_back(f"{self.spec} refused the request: {error}")
                return None
            try:
                answer = schema.model_validate(extract_json(text))
                result = convert(answer) if convert else answer
            except (ValueError, ValidationError) as error:
                problems = describe_errors(error)
            except Exception as error:  # an answer that trips a bug in the checks: repaired, not a crash
                problems = [f"{BROKE} ({type(error).__name__}: {error})"]
            else:
                self._count({"valid_after_repair" if repair else "valid_at_once": 1})
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
        log = self._one_line(log)
        self._count(counts, log)
        self.on_event(log)

    def _count(self, amounts: Mapping[str, float], log: str | None = None) -> None:
        """Add to the usage's counters (a cost to a None one starts it) and a line to its log, validated: a
        usage that scene.json could not read back fails here, not when it is read."""
        values = self.usage.model_dump()
        values |= {name: (values[name] or 0) + amount for name, amount in amounts.items()}
        self.usage = AgentUsage.model_validate(values | ({"log": [*values["log"], log]} if log else {}))

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

    def _complete(
        self, messages: list[BaseMessage], schema: type[BaseModel], deadline: float, seconds: float
    ) -> str:
        """One answer's text, retrying transient failures with backoff until `deadline` (`seconds` after the
        question began) or until the run's breaker judges the server down."""
        options = self._request_options(schema)
        for attempt in itertools.count():
            left = deadline - time.monotonic()
            if left < MIN_REQUEST_S:
                raise _GaveUp(f"{self.spec} kept failing within {seconds:g} s")
            self.on_event(f"asking {self.spec}" + (f" (retry {attempt})" if attempt else ""))
            start, timeout_s = time.monotonic(), min(self.settings.timeout_s, left)
            try:
                text = self._invoke_once(messages, options, timeout_s)
            except Exception as error:  # every failure is classified: see _classify
                self._count({"calls": 1, "seconds": self._spent_since(start)})
                failure = self._classify(error, timeout_s)
            else:
                self._spent_since(start)
                self.budget.succeeded(self.server)
                return text
            down = self.budget.failed(self.server, failure, self.settings)
            if down is not None:
                raise _GaveUp(down)
            backoff = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2**attempt) * random.uniform(0.75, 1.25)
            wait = max(backoff, failure.wait_s or 0.0)
            if time.monotonic() + wait >= deadline:
                raise _GaveUp(f"{self.spec} kept failing within {seconds:g} s: {failure.reason}")
            self._record(retries=1, log=f"retry in {wait:.1f} s after {failure.reason}")
            time.sleep(wait)
            self.budget.spend(wait)
        raise AssertionError("unreachable")

    def _spent_since(self, start: float) -> float:
        """Seconds since `start`, drawn from the run's budget."""
        seconds = time.monotonic() - start
        self.budget.spend(seconds)
        return seconds

    def _invoke_once(self, messages: list[BaseMessage], options: dict[str, Any], timeout_s: float) -> str:
        """One request of at most `timeout_s`, first byte to last; the answer's text with every secret
        masked (a server that reflects the key into its answer must not get it into a scene or a report).
        Not streamed: every server reports token usage for a whole response."""
        start = time.perf_counter()
        timeout = httpx2.Timeout(timeout_s, connect=min(CONNECT_TIMEOUT_S, timeout_s))
        answer = self.model.invoke(messages, timeout=timeout, **options)
        seconds = time.perf_counter() - start
        if self.spec.base_url:
            _REACHED.add(self.spec.base_url)
        if not isinstance(answer, AIMessage):
            raise TypeError(f"the client returned a {type(answer).__name__}, not an AIMessage")
        tokens_in, tokens_out = self._token_counts(answer)
        price = price_of(self.spec, self.settings)
        cost = None if price is None else (tokens_in * price[0] + tokens_out * price[1]) / 1e6
        counts = {"calls": 1, "tokens_in": tokens_in, "tokens_out": tokens_out, "seconds": seconds}
        self._count(counts | ({} if cost is None else {"cost_usd": cost}))
        return redact(answer.text, self._secrets)

    def _token_counts(self, answer: AIMessage) -> tuple[int, int]:
        """(in, out) tokens as the server reported them; counts that are not whole numbers >= 0 are not
        counted, and the log says so (a scene.json with a negative count would not read back)."""
        usage: Mapping[str, object] = answer.usage_metadata or {}
        reported = (usage.get("input_tokens", 0), usage.get("output_tokens", 0))
        tokens_in, tokens_out = reported
        if _is_count(tokens_in) and _is_count(tokens_out):
            return tokens_in, tokens_out  # type: ignore[return-value]
        self._record(log=f"the server reported token counts that are not counts ({reported}): not counted")
        return 0, 0

    def _classify(self, error: Exception, timeout_s: float) -> Failure:
        """The failure of one request, if a retry may pass; raises ProviderError for settings that cannot
        work and _Unusable for a request the server refused. The causes are the HTTP libraries' exception
        classes (the SDKs raise their APITimeoutError and APIConnectionError from them, LangChain wraps
        those); anything else the client raised means the response was not a chat completion (HTML, an
        empty body, `choices: null`, JSON nested too deep for the parser ...), which a retry may mend."""
        spec, flag = self.spec, f"--{self.agent}-llm or --llm"
        status = _status_of(error)
        detail = self._one_line(_server_message(error))
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
            return Failure(f"429 rate limited: {detail}", _retry_after(error))
        if status is not None and status >= 500:
            return Failure(f"{status} server error: {detail}", _retry_after(error))
        if status is not None and status < 400:
            location = self._one_line(shown_url(_header(error, "location") or "nowhere"))
            return Failure(f"{status} redirect to {location}, not followed: fix --base-url", down=True)
        if status is not None:
            raise _Unusable(f"{status}: {detail}")
        if _caused_by(error, UNREACHABLE) and (spec.base_url or "") not in _REACHED:
            raise ProviderError(
                f"cannot reach {self.server} for the {self.agent} ({detail}): fix --base-url or start the "
                "server"
            ) from None
        if _caused_by(error, TIMEOUTS):
            return Failure(f"no answer within {timeout_s:.3g} s (time-out, stalled or trickled body)")
        if _caused_by(error, DROPPED):
            return Failure(f"connection dropped: {detail}")
        return Failure(f"the response is not a chat completion ({type(error).__name__}: {detail[:200]})")


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@functools.cache
def deadline_client() -> httpx2.Client:
    """The HTTP client of the openai and anthropic SDKs (one per process, its connections pooled): every
    response ends by its request's read time-out counted from when the request was sent, and redirects are
    not followed (an API does not redirect; following one would send the key where it points). The HTTP
    library's read time-out bounds each read, so a body trickled a byte at a time would otherwise never end.
    Event hooks, not a transport of its own: the client's default transport keeps the proxy variables."""
    hooks: dict[str, list[Callable[..., None]]] = {"request": [_start_clock], "response": [_end_by_deadline]}
    return httpx2.Client(follow_redirects=False, event_hooks=hooks)


SENT_AT = "scenewright.sent_at"
"""The request extension that holds when the request was sent (time.monotonic())."""


def _start_clock(request: httpx2.Request) -> None:
    request.extensions[SENT_AT] = time.monotonic()


def _end_by_deadline(response: httpx2.Response) -> None:
    """Make the response's body raise ReadTimeout (which the SDKs turn into their time-out error) once its
    request's read time-out has passed since it was sent; the headers too may have come too late."""
    request = response.request
    limit = (request.extensions.get("timeout") or {}).get("read")
    if limit is None:
        return
    deadline = request.extensions[SENT_AT] + limit
    if time.monotonic() > deadline:
        response.close()
        raise httpx2.ReadTimeout("the response did not arrive whole in time", request=request)
    response.stream = _DeadlineStream(response.stream, request, deadline)  # type: ignore[arg-type]


class _DeadlineStream(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, request: httpx2.Request, deadline: float) -> None:
        self.inner, self.request, self.deadline = inner, request, deadline

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.inner:
            if time.monotonic() > self.deadline:
                raise httpx2.ReadTimeout("the response did not arrive whole in time", request=self.request)
            yield chunk

    def close(self) -> None:
        self.inner.close()


@functools.cache
def anthropic_chat_model() -> Callable[..., BaseChatModel]:
    """ChatAnthropic on a given HTTP client, as ChatOpenAI's `http_client` allows: ChatAnthropic has no such
    field yet (langchain-ai/langchain#36056), the Anthropic SDK's client takes one. Built on first use:
    importing langchain_anthropic takes seconds."""
    from anthropic import Client
    from langchain_anthropic import ChatAnthropic
    from pydantic import Field

    class ChatAnthropicOverClient(ChatAnthropic):
        http_client: Any = Field(default=None, exclude=True)

        @functools.cached_property
        def _client(self) -> Client:
            return Client(**self._client_params, http_client=self.http_client)

    return ChatAnthropicOverClient


def _with_images(text: str, images: Sequence[bytes]) -> str | list[str | dict[str, Any]]:
    if not images:
        return text
    blocks: list[str | dict[str, Any]] = [{"type": "text", "text": text}]
    for png in images:
        url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        blocks.append({"type": "image_url", "image_url": {"url": url}})
    return blocks


def _caused_by(error: BaseException, kind: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(cause, kind) for cause in _chain(error))


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and everything it was raised from."""
    seen: BaseException | None = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _status_of(error: BaseException) -> int | None:
    """The HTTP status of a response the server did send: the SDKs' APIStatusError and LangChain's
    wrappers of it carry it as `status_code` (a 200 whose body failed to parse is no status failure)."""
    for cause in _chain(error):
        status = getattr(cause, "status_code", None)
        if isinstance(status, int) and status >= 300:
            return status
    return None


def _header(error: BaseException, name: str) -> str | None:
    """A header of the failed response (the SDKs keep it as `response`), or None."""
    for cause in _chain(error):
        headers = getattr(getattr(cause, "response", None), "headers", None)
        if headers is not None:
            value = headers.get(name)
            return value if isinstance(value, str) else None
    return None


def _server_message(error: Exception) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else None
        if message:
            return str(message)
    return str(error) or type(error).__name__


def _retry_after(error: Exception) -> float | None:
    """Seconds from a Retry-After (or retry-after-ms) header: a number or an HTTP date; None for none or
    for a value that is not a time (a negative or NaN one)."""
    milliseconds = _header(error, "retry-after-ms")
    value = _header(error, "retry-after")
    try:
        seconds = float(milliseconds) / 1000 if milliseconds else float(value) if value else None
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value or "").timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return seconds if seconds is not None and not math.isnan(seconds) and seconds >= 0 else None


THINKING = re.compile(r"<think>.*?</think>", re.DOTALL)


def extract_json(text: str) -> Any:
    """The first JSON object in a model's answer, tolerating code fences, reasoning blocks and prose."""
    text = THINKING.sub("", text).strip()
    if not text:
        raise ValueError("the answer was empty: reply with one JSON object that matches the schema")
    start = text.find("{")
    if start < 0:
        raise ValueError("the answer is not JSON: reply with one JSON object that matches the schema")
    too_deep = f"the JSON is nested more than {MAX_ANSWER_DEPTH} levels deep: reply with the schema's shape"
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
    except json.JSONDecodeError as error:
        raise ValueError(f"the JSON is malformed: {error.msg} at character {error.pos}") from None
    except RecursionError:  # the parser's own limit, far deeper than MAX_ANSWER_DEPTH
        raise ValueError(too_deep) from None
    if _depth(value) > MAX_ANSWER_DEPTH:
        raise ValueError(too_deep)
    return value


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (without recursion)."""
    deepest, level = 0, [(value, 1)]
    while level:
        item, depth = level.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            level.extend((child, depth + 1) for child in children)
    return deepest


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
