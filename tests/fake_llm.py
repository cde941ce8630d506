"""A fake OpenAI / Anthropic service for tests: the real client libraries talk to it over HTTP.

`FakeProvider` serves OpenAI's chat completions (`POST /v1/chat/completions`, `GET /v1/models`) and
Anthropic's messages (`POST /v1/messages`), as JSON or as SSE streams, with errors shaped as each provider
shapes them. Each request that passes the key and model checks takes the next scripted `Reply` (else asks
the `responder`), which is an answer or a fault a real service shows: 429 with Retry-After, 5xx, a dropped
connection, a stream cut or stalled half-way, a slow first byte, a body trickled a byte at a time, a stream
nobody asked for, a redirect, or any raw body (HTML, empty, JSON that is not a chat completion). Every
request is recorded, so tests can assert what the client sent.
"""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Fault = Literal["drop", "drop_mid_stream", "stall", "slow", "trickle", "stream"]


@dataclass(frozen=True)
class Reply:
    """What the server does with one request: answer `text` (with its token usage), or inject a fault."""

    text: str = ""
    tokens_in: int = 40
    tokens_out: int = 10
    status: int = 200
    retry_after: float | None = None
    message: str | None = None
    """The error message of a failed status (a default one when None)."""
    fault: Fault | None = None
    seconds: float = 0.0
    """How long a 'stall' or 'slow' fault sleeps, or the pause between a 'trickle' fault's bytes."""
    body: bytes | None = None
    """Sent as it is, with `status`, `content_type` and `headers`, instead of a well-formed response."""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def answer(text: str, tokens_in: int = 40, tokens_out: int = 10) -> Reply:
    return Reply(text, tokens_in, tokens_out)


def status(code: int, retry_after: float | None = None, message: str | None = None) -> Reply:
    """An error response, with a Retry-After header when `retry_after` is given."""
    return Reply(status=code, retry_after=retry_after, message=message)


def drop() -> Reply:
    """Close the connection without sending any response."""
    return Reply(fault="drop")


PARTIAL = '{"answer": "this reply never arrives in full"}'
"""What a cut or stalled reply starts to send (the client never sees it whole)."""


def drop_mid_stream(text: str = PARTIAL) -> Reply:
    """Send the first half of the answer, then close the connection before the body is complete."""
    return Reply(text, fault="drop_mid_stream")


def stall(seconds: float, text: str = PARTIAL) -> Reply:
    """Send the first half of the answer, then go quiet for `seconds` (longer than the client waits)."""
    return Reply(text, fault="stall", seconds=seconds)


def slow(seconds: float, text: str = "") -> Reply:
    """Sleep `seconds` before the status line, then answer `text`."""
    return Reply(text, fault="slow", seconds=seconds)


def trickle(text: str, every_s: float) -> Reply:
    """Answer `text`, sending the body one byte every `every_s` seconds (each read gets a byte in time)."""
    return Reply(text, fault="trickle", seconds=every_s)


def unrequested_stream(text: str) -> Reply:
    """Answer `text` as an SSE stream although the request did not ask for one."""
    return Reply(text, fault="stream")


def raw(
    body: bytes | str, status: int = 200, content_type: str = "application/json", **headers: str
) -> Reply:
    """Send `body` as it is (HTML, nothing, JSON that is not a chat completion) with the given status."""
    data = body.encode() if isinstance(body, str) else body
    return Reply(status=status, body=data, content_type=content_type, headers=tuple(headers.items()))


def redirect_loop() -> Reply:
    """A redirect back to the same URL, forever (a client that follows it never gets an answer)."""
    return raw(b"", status=307, location="/v1/chat/completions")


@dataclass(frozen=True)
class Request:
    """One request as the server received it; `headers` have lower-case names."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    received_at: float
    """time.monotonic() when the body had been read."""

    @property
    def system(self) -> str:
        """The system prompt: Anthropic's `system` field, or OpenAI's system / developer messages."""
        if "system" in self.body:
            system = self.body["system"]
            return system if isinstance(system, str) else "\n".join(_texts(system))
        messages = self.body.get("messages", [])
        return "\n".join(
            text for m in messages if m["role"] in ("system", "developer") for text in _texts(m["content"])
        )

    @property
    def last_text(self) -> str:
        """The text of the last message (the user's question, or the repair request)."""
        return "\n".join(_texts(self.body["messages"][-1]["content"]))

    @property
    def schema_name(self) -> str | None:
        """The name of the JSON schema asked for through OpenAI's response_format, if any."""
        response_format = self.body.get("response_format") or {}
        return response_format.get("json_schema", {}).get("name")

    def images(self) -> list[bytes]:
        """Every image sent, decoded: OpenAI image_url data URLs and Anthropic base64 image blocks."""
        found = []
        for message in self.body.get("messages", []):
            content = message["content"]
            for part in content if isinstance(content, list) else []:
                if part.get("type") == "image_url":
                    found.append(base64.b64decode(part["image_url"]["url"].partition("base64,")[2]))
                elif part.get("type") == "image" and part["source"]["type"] == "base64":
                    found.append(base64.b64decode(part["source"]["data"]))
        return found


def _texts(content: str | list[dict[str, Any]]) -> list[str]:
    if isinstance(content, str):
        return [content]
    return [part["text"] for part in content if part.get("type") == "text"]


Responder = Callable[[Request], Reply | str]

OPENAI_ERRORS = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
}
ANTHROPIC_ERRORS = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    429: "rate_limit_error",
    529: "overloaded_error",
}


class FakeProvider:
    """The server, as a context manager: `with FakeProvider(api_key=..., replies=[...]) as fake:`.

    Replies come from the `replies` queue (strings are answers), then from `responder(request)`; a request
    with nothing scripted gets a 400, which the client does not retry.
    """

    def __init__(
        self,
        *,
        api_key: str = "sk-test",
        models: Iterable[str] = ("test-model",),
        replies: Iterable[Reply | str] = (),
        responder: Responder | None = None,
    ) -> None:
        self.api_key = api_key
        self.models = set(models)
        self.responder = responder
        self.requests: list[Request] = []
        self.connections: set[socket.socket] = set()
        """Open client connections, closed on exit as a stopped server closes them."""
        self._replies: deque[Reply | str] = deque(replies)
        self._lock = threading.Lock()
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        """Where the Anthropic client points (it appends /v1/messages)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def openai_url(self) -> str:
        """An OpenAI-compatible base URL (the client appends /chat/completions)."""
        return self.url + "/v1"

    def push(self, *replies: Reply | str) -> None:
        with self._lock:
            self._replies.extend(replies)

    def completions(self) -> list[Request]:
        """The chat requests received (OpenAI or Anthropic), rejected ones included, in order."""
        return [r for r in self.requests if r.method == "POST"]

    def __enter__(self) -> FakeProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):  # already closed by the client
                    connection.shutdown(socket.SHUT_RDWR)

    def track(self, connection: socket.socket, *, is_open: bool) -> None:
        with self._lock:
            (self.connections.add if is_open else self.connections.discard)(connection)

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def next_reply(self, request: Request) -> Reply | None:
        with self._lock:
            scripted = self._replies.popleft() if self._replies else None
        if scripted is None and self.responder is not None:
            scripted = self.responder(request)
        return answer(scripted) if isinstance(scripted, str) else scripted


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeProvider) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


class _Handler(BaseHTTPRequestHandler):
    """One connection; HTTP/1.1 so that streams are chunked and a cut stream is an incomplete body."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in separate writes: no delayed-ACK wait between
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.fake.track(self.connection, is_open=True)

    def finish(self) -> None:
        self.server.fake.track(self.connection, is_open=False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    # ------------------------------------------------------------------------------------- routing

    def _handle(self) -> None:
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        request = Request(
            method=self.command,
            path=self.path.partition("?")[0],
            headers={name.lower(): value for name, value in self.headers.items()},
            body=json.loads(raw) if raw else {},
            received_at=time.monotonic(),
        )
        fake.record(request)
        protocol = "anthropic" if request.path == "/v1/messages" else "openai"
        route = (request.method, request.path)
        if route not in {("GET", "/v1/models"), ("POST", "/v1/chat/completions"), ("POST", "/v1/messages")}:
            return self._error(protocol, 404, f"Unknown request URL: {request.method} {request.path}")
        anthropic = protocol == "anthropic"
        if not self._authorised(protocol, request.headers, fake.api_key):
            refused = "invalid x-api-key" if anthropic else "Incorrect API key provided."
            return self._error(protocol, 401, refused)
        if request.method == "GET":
            models = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in fake.models]
            return self._json(200, {"object": "list", "data": models})
        model = request.body.get("model")
        if model not in fake.models:
            unknown = f"The model `{model}` does not exist or you do not have access to it."
            return self._error(protocol, 404, f"model: {model}" if anthropic else unknown)
        reply = fake.next_reply(request)
        if reply is None:
            return self._error(protocol, 400, "the fake server has no reply scripted for this request")
        self._reply(protocol, request, reply)

    @staticmethod
    def _authorised(protocol: str, headers: dict[str, str], api_key: str) -> bool:
        bearer = headers.get("authorization") == f"Bearer {api_key}"
        if protocol == "anthropic":  # the anthropic client sends the key either way, by version
            return bearer or headers.get("x-api-key") == api_key
        return bearer

    def _reply(self, protocol: str, request: Request, reply: Reply) -> None:
        if reply.fault == "slow":
            time.sleep(reply.seconds)
        if reply.fault == "drop":
            self.close_connection = True  # nothing written: the client sees the socket close
            return
        if reply.body is not None:
            return self._raw(reply)
        if reply.status >= 400:
            return self._error(protocol, reply.status, reply.message or "scripted failure", reply.retry_after)
        model = request.body["model"]
        if not request.body.get("stream") and reply.fault != "stream":
            body = (openai_completion if protocol == "openai" else anthropic_message)(model, reply)
            data = json.dumps(body).encode()
            halves = [data[: len(data) // 2], data[len(data) // 2 :]]
            return self._send("application/json", halves, reply, chunked=False)
        if protocol == "openai":
            usage = bool((request.body.get("stream_options") or {}).get("include_usage"))
            events = [f"data: {json.dumps(chunk)}\n\n" for chunk in openai_chunks(model, reply, usage)]
            events.append("data: [DONE]\n\n")
        else:
            events = [
                f"event: {event['type']}\ndata: {json.dumps(event)}\n\n"
                for event in anthropic_events(model, reply)
            ]
        self._send("text/event-stream", [event.encode() for event in events], reply, chunked=True)

    # ------------------------------------------------------------------------------------- writing

    def _error(self, protocol: str, code: int, message: str, retry_after: float | None = None) -> None:
        if protocol == "anthropic":
            kind = ANTHROPIC_ERRORS.get(code, "api_error")
            body: dict[str, Any] = {"type": "error", "error": {"type": kind, "message": message}}
        else:
            kind, error_code = OPENAI_ERRORS.get(code, ("server_error", None))
            body = {"error": {"message": message, "type": kind, "param": None, "code": error_code}}
        headers = {} if retry_after is None else {"retry-after": f"{retry_after:g}"}
        self._json(code, body, headers)

    def _json(self, code: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        for name, value in {"content-type": "application/json", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _raw(self, reply: Reply) -> None:
        self.send_response(reply.status)
        for name, value in [("content-type", reply.content_type), *reply.headers]:
            self.send_header(name, value)
        self.send_header("content-length", str(len(reply.body or b"")))
        self.end_headers()
        self.wfile.write(reply.body or b"")

    def _send(self, content_type: str, parts: list[bytes], reply: Reply, *, chunked: bool) -> None:
        """Write `parts` (chunked, or as one body of known length); a cut or stalled reply stops after the
        first half of them, so the client sees an incomplete body or no more bytes."""
        if reply.fault == "trickle":  # one byte a part, each after a pause
            parts = [bytes([byte]) for part in parts for byte in part]
        cut = len(parts) // 2 if reply.fault in ("drop_mid_stream", "stall") else len(parts)
        try:
            self.send_response(200)
            self.send_header("content-type", content_type)
            if chunked:
                self.send_header("transfer-encoding", "chunked")
            else:
                self.send_header("content-length", str(sum(len(part) for part in parts)))
            self.end_headers()
            for part in parts[:cut]:
                self.wfile.write(b"%X\r\n%s\r\n" % (len(part), part) if chunked else part)
                self.wfile.flush()
                if reply.fault == "trickle":
                    time.sleep(reply.seconds)
            if cut < len(parts):  # the rest never comes
                time.sleep(reply.seconds)
                self.close_connection = True
            elif chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first
            self.close_connection = True


# ---------------------------------------------------------------------------------- response bodies


def _pieces(text: str, size: int = 12) -> list[str]:
    """The answer as the deltas a server streams."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def openai_completion(model: str, reply: Reply) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": _openai_usage(reply),
    }


def openai_chunks(model: str, reply: Reply, include_usage: bool) -> list[dict[str, Any]]:
    """chat.completion.chunk objects: the role, the content deltas, the finish reason, then the usage."""

    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        return {**header, "choices": [choice]}

    header = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
              "model": model, "system_fingerprint": None}  # fmt: skip
    chunks = [chunk({"role": "assistant", "content": ""})]
    chunks += [chunk({"content": piece}) for piece in _pieces(reply.text)]
    chunks.append(chunk({}, "stop"))
    if include_usage:
        chunks.append({**header, "choices": [], "usage": _openai_usage(reply)})
    return chunks


def _openai_usage(reply: Reply) -> dict[str, int]:
    return {
        "prompt_tokens": reply.tokens_in,
        "completion_tokens": reply.tokens_out,
        "total_tokens": reply.tokens_in + reply.tokens_out,
    }


def anthropic_message(model: str, reply: Reply) -> dict[str, Any]:
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": reply.text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": reply.tokens_in, "output_tokens": reply.tokens_out},
    }


def anthropic_events(model: str, reply: Reply) -> list[dict[str, Any]]:
    """The event sequence of a streamed message; the final usage comes with message_delta."""
    start = anthropic_message(model, reply) | {"content": [], "stop_reason": None}
    start["usage"] = {"input_tokens": reply.tokens_in, "output_tokens": 1}
    return [
        {"type": "message_start", "message": start},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "ping"},
        *(
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}
            for piece in _pieces(reply.text)
        ),
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"input_tokens": reply.tokens_in, "output_tokens": reply.tokens_out},
        },
        {"type": "message_stop"},
    ]
