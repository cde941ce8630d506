"""MP4 encoding: H.264, yuv420p, +faststart, so the file plays in any browser.

Frames are streamed to an ffmpeg process as they are rendered, so a long video never sits in memory.
The ffmpeg binary comes from the imageio-ffmpeg wheel (it carries libx264); `SCENEWRIGHT_FFMPEG`
points at another one.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import TracebackType

import numpy as np


def ffmpeg_executable() -> str:
    override = os.environ.get("SCENEWRIGHT_FFMPEG")
    if override:
        return override
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def ffmpeg_file(path: Path) -> str:
    """`path` as ffmpeg reads it literally: a relative name starting with '-' would be taken for an option and
    one like 'pipe:1' for a protocol, so the path is made absolute behind the file protocol."""
    return f"file:{path.absolute()}"


class Mp4Writer:
    """Context manager that encodes RGB uint8 frames [H, W, 3] to an MP4 file.

    The file is written to `path` only when every frame was encoded: a partial file is removed.
    """

    def __init__(self, path: Path, width: int, height: int, fps: int, crf: int = 18) -> None:
        if width % 2 or height % 2:
            raise ValueError(f"H.264 yuv420p needs even sides, got {width}x{height}")
        self.path, self.width, self.height = path, width, height
        self.frames_written = 0
        self._partial = path.with_name(path.name + ".part.mp4")
        command = [
            ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}", "-r", str(fps), "-i", "-",
            "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", str(crf), "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", ffmpeg_file(self._partial),
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def write(self, frame: np.ndarray) -> None:
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise ValueError(
                f"frame must be uint8 [{self.height}, {self.width}, 3], got {frame.dtype} {list(frame.shape)}"
            )
        assert self._process.stdin is not None
        self._process.stdin.write(np.ascontiguousarray(frame).tobytes())
        self.frames_written += 1

    def __enter__(self) -> Mp4Writer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._process.stdin is not None and self._process.stderr is not None
        self._process.stdin.close()
        errors = self._process.stderr.read().decode(errors="replace").strip()
        code = self._process.wait()
        if exc_type is not None or code != 0:
            self._partial.unlink(missing_ok=True)
            if exc_type is None:
                raise RuntimeError(
                    f"ffmpeg failed (exit {code}): {errors.splitlines()[-1] if errors else ''}"
                )
            return
        self._partial.replace(self.path)
