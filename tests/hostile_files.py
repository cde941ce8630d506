"""What a hostile but fair user puts where a file is expected: FIFOs and devices, and valid files mutated.

`mutations(seed, data)` derives mutated variants of a valid file by seeded random edits (truncation, byte
flips, inserted garbage, huge numbers, NaN, deep nesting, other encodings, emptiness), the same variants for
the same seed on every machine. `deadline` turns a hang into a failure: a loader that blocks on a FIFO or
reads without end is interrupted by SIGALRM.
"""

from __future__ import annotations

import contextlib
import random
import re
import signal
from collections.abc import Callable, Iterator
from types import FrameType

GARBAGE = (b"\0", b"\xff\xfe", b"{", b"}", b"[", b"]", b"\n", b"\r\n", b":", b"-", b",", b'"', b"\t", b"\x80")
"""Bytes that break parsers: NUL, a UTF-16 BOM, brackets, separators, a lone continuation byte."""
NUMBERS = (b"nan", b"NaN", b"inf", b"-inf", b"1e999", b"-1e308", b"0", b"-0", b"1e-320", b"9" * 400)
"""What a number in a file may be replaced by: NaN, infinities, overflow, denormals, too many digits."""
NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip(rng: random.Random, data: bytes) -> bytes:
    edited = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if edited:
            edited[rng.randrange(len(edited))] = rng.randrange(256)
    return bytes(edited)


def _insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = b"".join(rng.choices(GARBAGE, k=rng.randint(1, 6))) if rng.random() < 0.7 else rng.randbytes(16)
    return data[:at] + junk + data[at:]


def _number(rng: random.Random, data: bytes) -> bytes:
    found = list(NUMBER.finditer(data))
    if not found:
        return _insert(rng, data)
    match = rng.choice(found)
    return data[: match.start()] + rng.choice(NUMBERS) + data[match.end() :]


def _nest(rng: random.Random, data: bytes) -> bytes:
    """Deep nesting in the file's own brackets (JSON, YAML flow, BVH joints) at a random place."""
    depth = rng.choice([200, 5_000, 100_000])
    opener, closer = rng.choice(
        [(b"[", b"]"), (b"{", b"}"), (b"JOINT J\n{\nOFFSET 0 1 0\nCHANNELS 0\n", b"}\n")]
    )
    at = rng.randrange(len(data) + 1)
    return data[:at] + opener * depth + closer * rng.choice([0, depth]) + data[at:]


def _encode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    return text.encode(rng.choice(["utf-16", "utf-32", "latin-1", "cp1252"]), errors="replace")


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    end = rng.randrange(start, len(data) + 1)
    return data[:end] + data[start:end] * rng.randint(1, 4) + data[end:]


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "truncate": _truncate,
    "flip": _flip,
    "insert": _insert,
    "number": _number,
    "nest": _nest,
    "encode": _encode,
    "duplicate": _duplicate,
    "empty": lambda rng, data: b"",
}


def mutate(seed: int, data: bytes) -> tuple[str, bytes]:
    """One to three seeded mutations of `data`: (their names joined by '+', the mutated bytes)."""
    rng = random.Random(seed)
    names = rng.choices(list(MUTATIONS), weights=[3, 4, 3, 3, 1, 1, 2, 0.3], k=rng.randint(1, 3))
    for name in names:
        data = MUTATIONS[name](rng, data)
    return "+".join(names), data


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds` of wall time (main thread only): a hang fails."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
