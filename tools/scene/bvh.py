"""Biovision hierarchy (BVH) motion capture: a strict parser and forward kinematics.

A BVH file is a joint hierarchy (each joint an OFFSET from its parent and a list of CHANNELS) followed by
one line of channel values per frame. Rotation channels are Euler angles in degrees, composed in the order
the file lists them (`Zrotation Yrotation Xrotation` is Rz @ Ry @ Rx), and a joint's translation in its
parent's frame is its OFFSET plus its position channels, if any (Meredith & Maddock's reading; usually only
the root has them). `End Site` blocks become joints named `<parent>_end` without channels, so the tip of a
head or a toe has a position like any other joint.

Units are whatever the file was written in (centimetres, inches, the CMU "cgspeed" conversion's own unit):
nothing here guesses them. `tools/scene/mocap.py` scales a motion by the ratio of hip heights when
retargeting.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import torch
from torch import Tensor

from scenewright.tools.files import MIB, FileKind, open_file, read_bytes, shown

CHANNEL_NAMES = ("Xposition", "Yposition", "Zposition", "Xrotation", "Yrotation", "Zrotation")
_CANONICAL = {name.lower(): name for name in CHANNEL_NAMES}
CHANNEL_COUNTS = tuple(str(count) for count in range(len(CHANNEL_NAMES) + 1))

MAX_BVH_BYTES = 256 * MIB
"""The largest BVH file read: CMU's longest takes are a few tens of MB; more is not a capture."""
MAX_JOINTS = 1000
"""Most joints (End Sites included) of a hierarchy: a mocap skeleton with fingers has about 150."""
MAX_DEPTH = 100
"""Deepest nesting of joints: a chain from the hips to a fingertip is about 12; deeper is not a skeleton (and
the parser's recursion stays far from Python's limit)."""
MAX_FRAMES_DIGITS = 9
"""`Frames:` holds at most this many digits: a file within MAX_BVH_BYTES holds fewer frame lines."""


class BvhError(ValueError):
    """A malformed or unreadable BVH file, in one line that starts with `file:line:` (`file:` for a file that
    is refused before it is read: not a regular file, or over MAX_BVH_BYTES)."""


class BvhWarning(UserWarning):
    """A BVH file that reads but is not quite well formed (more frame lines than it declares)."""


BVH_FILES = FileKind("a BVH file", MAX_BVH_BYTES, BvhError)


@dataclass
class BvhMotion:
    """One BVH file: the hierarchy (joints in file order, parents before children) and the frames."""

    names: list[str]  # End Sites are named "<parent>_end"
    parents: list[int]  # index of each joint's parent, -1 for the root
    offsets: Tensor  # [J, 3] float64, each joint's rest offset from its parent, file units
    channels: list[tuple[str, ...]]  # per joint, canonical names ("Zrotation", ...); () for End Sites
    frames: Tensor  # [F, C] float64, the channel values of every frame in file order (degrees, file units)
    frame_time: float  # seconds per frame
    source: str  # the file it came from, for messages

    @property
    def fps(self) -> float:
        return 1.0 / self.frame_time

    @property
    def num_frames(self) -> int:
        return self.frames.shape[0]

    @property
    def duration_s(self) -> float:
        """Time from the first to the last frame."""
        return (self.num_frames - 1) * self.frame_time

    def channel_starts(self) -> list[int]:
        """Column of `frames` where each joint's channels begin."""
        starts, column = [], 0
        for channels in self.channels:
            starts.append(column)
            column += len(channels)
        return starts

    def index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(f"{self.source}: no joint {name!r}; joints: {', '.join(self.names)}") from None


@dataclass
class BvhPose:
    """World-space joint positions and rotations of every frame (the file's axes and units)."""

    positions: Tensor  # [F, J, 3] float64
    rotations: Tensor  # [F, J, 3, 3] float64, each joint's frame in the world


class _Tokens:
    """Whitespace-separated words of the HIERARCHY section, each with its line number, for messages."""

    def __init__(self, lines: list[str], source: str) -> None:
        self.words = [(word, number) for number, line in enumerate(lines, 1) for word in line.split()]
        self.position = 0
        self.source = source

    def error(self, message: str, line: int | None = None) -> BvhError:
        if line is None:
            line = self.words[min(self.position, len(self.words) - 1)][1] if self.words else 1
        return BvhError(f"{self.source}:{line}: {message}")

    def next(self, what: str) -> tuple[str, int]:
        if self.position >= len(self.words):
            raise self.error(f"file ends where {what} was expected")
        word = self.words[self.position]
        self.position += 1
        return word

    def expect(self, *expected: str) -> None:
        for keyword in expected:
            word, line = self.next(repr(keyword))
            if word != keyword:
                raise self.error(f"expected {keyword!r}, got {shown(word)}", line)

    def number(self, what: str) -> float:
        word, line = self.next(what)
        try:
            value = float(word)
        except ValueError:
            raise self.error(f"expected {what} (a number), got {shown(word)}", line) from None
        if not math.isfinite(value):
            raise self.error(f"expected {what} (a finite number), got {shown(word)}", line)
        return value

    def peek(self) -> str | None:
        return self.words[self.position][0] if self.position < len(self.words) else None


def read_bvh(path: str | Path) -> BvhMotion:
    """Parse a BVH file: a regular file of at most MAX_BVH_BYTES. Raises `BvhError` naming the file (and the
    line) on anything unreadable or malformed."""
    text = read_bytes(path, BVH_FILES).decode("utf-8", errors="replace")
    return parse_bvh(text, str(path))


def parse_bvh(text: str, source: str = "<bvh>") -> BvhMotion:
    """Parse BVH text; `source` names it in error messages."""
    lines = text.splitlines()
    motion_line = next((k for k, line in enumerate(lines) if line.strip() == "MOTION"), None)
    if motion_line is None:
        raise BvhError(f"{source}:{len(lines)}: no MOTION section")
    hierarchy = _parse_hierarchy(lines[:motion_line], source)
    num_channels = sum(len(channels) for channels in hierarchy.channels)
    frames, frame_time = _parse_motion(lines, motion_line, num_channels, source)
    return BvhMotion(
        names=hierarchy.names,
        parents=hierarchy.parents,
        offsets=torch.tensor(hierarchy.offsets, dtype=torch.float64),
        channels=hierarchy.channels,
        frames=frames,
        frame_time=frame_time,
        source=source,
    )


class _Hierarchy(NamedTuple):
    names: list[str]
    parents: list[int]
    offsets: list[tuple[float, float, float]]
    channels: list[tuple[str, ...]]


def _parse_hierarchy(lines: list[str], source: str) -> _Hierarchy:
    """The HIERARCHY section (the lines before MOTION): joints in file order, parents first."""
    tokens = _Tokens(lines, source)
    tokens.expect("HIERARCHY", "ROOT")
    hierarchy = _Hierarchy([], [], [], [])
    seen: set[str] = set()

    def add(name: str, parent: int, offset: tuple[float, float, float], channels: tuple[str, ...]) -> int:
        if len(hierarchy.names) >= MAX_JOINTS:
            raise tokens.error(f"more than {MAX_JOINTS} joints (End Sites included)")
        seen.add(name)
        hierarchy.names.append(name)
        hierarchy.parents.append(parent)
        hierarchy.offsets.append(offset)
        hierarchy.channels.append(channels)
        return len(hierarchy.names) - 1

    def offset() -> tuple[float, float, float]:
        return (tokens.number("an x offset"), tokens.number("a y offset"), tokens.number("a z offset"))

    def joint(name: str, parent: int, line: int, depth: int) -> None:
        """One JOINT (or ROOT) block, after its name: recursion over its children."""
        if depth > MAX_DEPTH:
            raise tokens.error(f"joints nest more than {MAX_DEPTH} deep", line)
        if name in seen:
            raise tokens.error(f"joint {shown(name)} appears twice", line)
        tokens.expect("{", "OFFSET")
        where = offset()
        tokens.expect("CHANNELS")
        count_word, count_line = tokens.next("a channel count")
        if count_word not in CHANNEL_COUNTS:
            raise tokens.error(f"expected a channel count (0 to 6), got {shown(count_word)}", count_line)
        found = []
        for _ in range(int(count_word)):
            word, word_line = tokens.next("a channel name")
            if word.lower() not in _CANONICAL:
                raise tokens.error(
                    f"unknown channel {shown(word)}; channels are {', '.join(CHANNEL_NAMES)}", word_line
                )
            found.append(_CANONICAL[word.lower()])
        if len(set(found)) != len(found):
            raise tokens.error(f"joint {shown(name)} lists a channel twice: {' '.join(found)}", count_line)
        index = add(name, parent, where, tuple(found))
        while True:
            word, word_line = tokens.next("JOINT, End Site or '}'")
            if word == "}":
                return
            if word == "JOINT":
                child, child_line = tokens.next("a joint name")
                joint(child, index, child_line, depth + 1)
            elif word == "End":
                tokens.expect("Site", "{", "OFFSET")
                end = offset()
                tokens.expect("}")
                if f"{name}_end" in seen:
                    raise tokens.error(f"joint {shown(name)} has two End Sites", word_line)
                add(f"{name}_end", index, end, ())
            else:
                raise tokens.error(
                    f"expected JOINT, End Site or '}}' in joint {shown(name)}, got {shown(word)}", word_line
                )

    root, root_line = tokens.next("the root's name")
    joint(root, -1, root_line, 1)
    if tokens.peek() is not None:
        word, line = tokens.next("the end of the hierarchy")
        raise tokens.error(
            f"expected MOTION after the root joint's block (one ROOT only), got {shown(word)}", line
        )
    return hierarchy


def _motion_header(lines: list[str], motion_line: int, source: str) -> tuple[int, float]:
    """(frame count, frame time) from the `Frames: N` and `Frame Time: T` lines after MOTION (index given)."""

    def value(k: int, label: str) -> str:
        if k >= len(lines) or not lines[k].strip().startswith(label):
            raise BvhError(f"{source}:{k + 1}: expected {label!r} here")
        return lines[k].strip()[len(label) :].strip()

    count_text, time_text = value(motion_line + 1, "Frames:"), value(motion_line + 2, "Frame Time:")
    if not (count_text.isascii() and count_text.isdigit() and len(count_text) <= MAX_FRAMES_DIGITS):
        raise BvhError(f"{source}:{motion_line + 2}: Frames must be a whole number, got {shown(count_text)}")
    if int(count_text) == 0:
        raise BvhError(f"{source}:{motion_line + 2}: the file declares no frames (Frames: 0)")
    try:
        frame_time = float(time_text)
    except ValueError:
        raise BvhError(
            f"{source}:{motion_line + 3}: Frame Time must be a number, got {shown(time_text)}"
        ) from None
    if not (math.isfinite(frame_time) and frame_time > 0):
        raise BvhError(f"{source}:{motion_line + 3}: Frame Time must be positive, got {frame_time}")
    return int(count_text), frame_time


def _parse_motion(lines: list[str], motion_line: int, num_channels: int, source: str) -> tuple[Tensor, float]:
    """The MOTION section: `Frames: N`, `Frame Time: T`, then N lines of `num_channels` numbers."""
    count, frame_time = _motion_header(lines, motion_line, source)
    first = motion_line + 3
    body = lines[first : first + count]
    if len(body) < count:
        raise BvhError(f"{source}:{len(lines)}: the file ends after {len(body)} of {count} frames")
    extra = next((first + count + k for k, line in enumerate(lines[first + count :]) if line.strip()), None)
    if (
        extra is not None
    ):  # an exporter's off-by-one (Boxing_Toes.bvh has one line more): keep what it declares
        warnings.warn(
            f"{source}:{extra + 1}: frame lines after the {count} that Frames declares are ignored",
            BvhWarning,
            stacklevel=3,
        )
    frames = np.empty((count, num_channels), dtype=np.float64)  # [F, C]
    for k, line in enumerate(body):
        values = line.split()
        if len(values) != num_channels:
            raise BvhError(
                f"{source}:{first + k + 1}: frame {k} has {len(values)} values, the hierarchy has "
                f"{num_channels} channels"
            )
        try:
            frames[k] = np.asarray(values, dtype=np.float64)
        except ValueError:
            raise BvhError(
                f"{source}:{first + k + 1}: frame {k} holds a value that is not a number"
            ) from None
    if not np.isfinite(frames).all():
        row = int(np.nonzero(~np.isfinite(frames).all(axis=1))[0][0])
        raise BvhError(f"{source}:{first + row + 1}: frame {row} holds a NaN or infinite value")
    return torch.from_numpy(frames), frame_time


def axis_rotations(axis: str, degrees: Tensor) -> Tensor:
    """Rotations [..., 3, 3] about the x, y or z axis by `degrees` [...] (right-handed)."""
    angle = torch.deg2rad(degrees)
    c, s = torch.cos(angle), torch.sin(angle)
    one, zero = torch.ones_like(c), torch.zeros_like(c)
    rows = {
        "X": (one, zero, zero, zero, c, -s, zero, s, c),
        "Y": (c, zero, s, zero, one, zero, -s, zero, c),
        "Z": (c, -s, zero, s, c, zero, zero, zero, one),
    }[axis]
    return torch.stack(rows, dim=-1).reshape(*degrees.shape, 3, 3)


def local_transforms(motion: BvhMotion) -> tuple[Tensor, Tensor]:
    """Every joint's rotation [F, J, 3, 3] and translation [F, J, 3] relative to its parent, per frame."""
    num_frames, num_joints = motion.num_frames, len(motion.names)
    rotations = torch.eye(3, dtype=torch.float64).repeat(num_frames, num_joints, 1, 1)  # [F, J, 3, 3]
    translations = motion.offsets[None].repeat(num_frames, 1, 1)  # [F, J, 3]
    for j, (channels, start) in enumerate(zip(motion.channels, motion.channel_starts(), strict=True)):
        for k, channel in enumerate(channels):
            values = motion.frames[:, start + k]  # [F]
            axis = "XYZ".index(channel[0])
            if channel.endswith("position"):
                translations[:, j, axis] += values
            else:
                rotations[:, j] = rotations[:, j] @ axis_rotations(channel[0], values)
    return rotations, translations


def forward_kinematics(motion: BvhMotion) -> BvhPose:
    """World positions and rotations of every joint in every frame, in the file's axes and units.

    One pass over the joints in file order (parents come first), each step batched over all frames.
    """
    local_rotations, translations = local_transforms(motion)  # [F, J, 3, 3], [F, J, 3]
    world_rotations = torch.empty_like(local_rotations)  # [F, J, 3, 3]
    positions = torch.empty_like(translations)  # [F, J, 3]
    for j, parent in enumerate(motion.parents):
        if parent < 0:
            world_rotations[:, j] = local_rotations[:, j]
            positions[:, j] = translations[:, j]
        else:
            parent_rotation = world_rotations[:, parent]  # [F, 3, 3]
            world_rotations[:, j] = parent_rotation @ local_rotations[:, j]
            positions[:, j] = positions[:, parent] + torch.einsum(
                "fij,fj->fi", parent_rotation, translations[:, j]
            )
    return BvhPose(positions=positions, rotations=world_rotations)


def rest_positions(motion: BvhMotion) -> Tensor:
    """Joint positions [J, 3] of the rest pose (every channel zero): the offsets summed down the tree."""
    positions = torch.zeros_like(motion.offsets)  # [J, 3]
    for j, parent in enumerate(motion.parents):
        positions[j] = motion.offsets[j] + (positions[parent] if parent >= 0 else 0.0)
    return positions


def read_bvh_header(path: str | Path) -> tuple[int, float]:
    """(frame count, frame time) of a BVH file, its hierarchy checked but its frames not read (for listings).
    Raises `BvhError` naming the file, as `read_bvh` does."""
    lines: list[str] = []
    with open_file(path, BVH_FILES) as file:
        for line in io.TextIOWrapper(file, encoding="utf-8", errors="replace"):
            lines.append(line)
            if len(lines) >= 3 and lines[-3].strip() == "MOTION":
                _parse_hierarchy(lines[:-3], str(path))
                return _motion_header(lines, len(lines) - 3, str(path))
    raise BvhError(f"{path}:{len(lines)}: no MOTION section, or nothing after it")
