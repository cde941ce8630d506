"""Run settings shared by every stage: what the user asked for on the command line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Renderer = Literal["auto", "cpu", "gsplat"]
RENDERERS: tuple[Renderer, ...] = ("auto", "cpu", "gsplat")

MAX_PROMPT_CHARS = 2000
MAX_SIDE_PX = 4096
MAX_DURATION_S = 60.0
MAX_FPS = 60


@dataclass(frozen=True)
class RunSettings:
    """The knobs of one generate run. `validate()` raises ValueError with a one-line reason."""

    seed: int = 0
    fps: int = 12
    duration_s: float = 4.0
    width: int = 640
    height: int = 360
    max_rounds: int = 3
    renderer: Renderer = "auto"

    @property
    def num_frames(self) -> int:
        return round(self.duration_s * self.fps)

    def frame_times(self) -> list[float]:
        return [k / self.fps for k in range(self.num_frames)]

    def validate(self) -> RunSettings:
        if not self.fps > 0 or self.fps > MAX_FPS:
            raise ValueError(f"--fps must be between 1 and {MAX_FPS} (got {self.fps})")
        if not self.duration_s > 0 or self.duration_s > MAX_DURATION_S:
            raise ValueError(
                f"--duration must be > 0 and <= {MAX_DURATION_S:g} seconds (got {self.duration_s:g})"
            )
        if self.num_frames < 1:
            raise ValueError(f"--duration {self.duration_s:g} at --fps {self.fps} gives no frame")
        for name, side in (("width", self.width), ("height", self.height)):
            if not 16 <= side <= MAX_SIDE_PX:
                raise ValueError(f"--size {name} must be between 16 and {MAX_SIDE_PX} pixels (got {side})")
            if side % 2:
                raise ValueError(f"--size {name} must be even for H.264 yuv420p video (got {side})")
        if self.max_rounds < 1:
            raise ValueError(f"--max-rounds must be at least 1 (got {self.max_rounds})")
        if self.renderer not in RENDERERS:
            raise ValueError(f"--renderer must be one of {', '.join(RENDERERS)} (got {self.renderer!r})")
        if not 0 <= self.seed < 2**63:
            raise ValueError(f"--seed must be a non-negative integer (got {self.seed})")
        return self
