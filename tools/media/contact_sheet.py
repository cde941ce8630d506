"""Contact sheet: a grid of key frames with each entity's box and label, for people and the critic."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

LABEL_COLORS = [(255, 220, 0), (0, 220, 255), (255, 90, 200), (120, 255, 90), (255, 140, 40), (170, 140, 255)]


@dataclass
class KeyFrame:
    t: float
    image: np.ndarray  # [H, W, 3] uint8
    boxes: dict[str, tuple[int, int, int, int] | None]  # label -> x0, y0, x1, y1 in image pixels


def key_frame_indices(num_frames: int, count: int = 6) -> list[int]:
    """`count` frame indices spread evenly from the first to the last frame."""
    if num_frames <= count:
        return list(range(num_frames))
    return [round(k * (num_frames - 1) / (count - 1)) for k in range(count)]


def contact_sheet(frames: list[KeyFrame], columns: int = 3, thumb_width: int = 480) -> Image.Image:
    """Lay key frames out in a grid, drawing every labelled box and the frame time."""
    if not frames:
        raise ValueError("a contact sheet needs at least one frame")
    height, width = frames[0].image.shape[:2]
    scale = min(1.0, thumb_width / width)
    thumb_w, thumb_h = round(width * scale), round(height * scale)
    columns = min(columns, len(frames))
    rows = -(-len(frames) // columns)
    gap = 4
    sheet = Image.new("RGB", (columns * (thumb_w + gap) + gap, rows * (thumb_h + gap) + gap), (24, 24, 24))
    font = ImageFont.load_default(size=max(10, thumb_h // 22))
    labels = sorted({label for frame in frames for label in frame.boxes})
    for k, frame in enumerate(frames):
        thumb = Image.fromarray(frame.image).resize((thumb_w, thumb_h), Image.Resampling.LANCZOS)
        draw = ImageDraw.Draw(thumb)
        for label, box in frame.boxes.items():
            if box is None:
                continue
            color = LABEL_COLORS[labels.index(label) % len(LABEL_COLORS)]
            x0, y0, x1, y1 = (round(v * scale) for v in box)
            draw.rectangle((x0, y0, max(x0, x1 - 1), max(y0, y1 - 1)), outline=color, width=2)
            text_box = draw.textbbox((x0 + 2, y0 + 1), label, font=font)
            text_y = y0 - (text_box[3] - text_box[1]) - 4 if y0 > text_box[3] - text_box[1] + 4 else y0 + 1
            draw.rectangle(draw.textbbox((x0 + 2, text_y), label, font=font), fill=(0, 0, 0))
            draw.text((x0 + 2, text_y), label, fill=color, font=font)
        stamp = f"t={frame.t:.2f}s"
        draw.rectangle(draw.textbbox((4, thumb_h - 4), stamp, font=font, anchor="lb"), fill=(0, 0, 0))
        draw.text((4, thumb_h - 4), stamp, fill=(255, 255, 255), font=font, anchor="lb")
        row, column = divmod(k, columns)
        sheet.paste(thumb, (gap + column * (thumb_w + gap), gap + row * (thumb_h + gap)))
    return sheet
