"""The look of a video: a style of the whole picture and effects of the setting, drawn over rendered frames.

The render stage analyses each frame before it is finished here (tools.render.render_video), so the critic and
scene.json read the scene as built, whatever it looks like. Frames are finished one at a time, RGB uint8
[H, W, 3], as they stream into the encoder. Everything is deterministic: textures come from the run's seed
(cached per seed and frame size, so a clip pays for them once) and what moves (rain, snow, fog drifting, film
grain) from the seed and the frame's time, never from global state. Sizes are fractions of the frame's height,
so a 224x128 test frame looks like a 640x360 one, smaller.

The effects change the light first (fog, an overcast or wintry sky, a sunset, the night over all of it), the
style paints the result, and rain and snow fall in front of the painting (`finish`).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from functools import lru_cache

import cv2
import numpy as np

from scenewright.schema import Effect, VideoStyle

REFERENCE_HEIGHT = 360
"""The frame height the pixel sizes below are chosen at; other heights scale them."""
EFFECT_ORDER: tuple[Effect, ...] = ("fog", "rain", "snow", "sunset", "night")
"""Fog lies between the camera and the scene, rain and snow fall in front of it, the light falls on all."""
FOG_DENSITY = 0.3
"""Fog per median scene depth: fog = 1 - exp(-FOG_DENSITY * depth / median depth), so a thing at the frame's
median depth is 26% veiled, the far trees of a park 80% and the sky wholly, at any scene's scale."""
FOG_MAX = 0.92
"""The densest fog still lets the brightest far shapes through."""
FOG_RGB = (0.80, 0.82, 0.84)


def _check(image: np.ndarray) -> None:
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError(f"a frame must be uint8 [H, W, 3], got {image.dtype} {list(image.shape)}")


def _frozen(array: np.ndarray) -> np.ndarray:
    """A cached texture, read-only: every frame of every clip at this seed and size shares it."""
    array.setflags(write=False)
    return array


def _rng(seed: int, purpose: str, *more: int) -> np.random.Generator:
    """A generator of its own for each purpose (and frame), so one texture never shifts another's draws."""
    return np.random.default_rng([seed, zlib.crc32(purpose.encode()), *more])


def _frame_key(t: float) -> int:
    """The frame's time in whole milliseconds: its seed for what changes every frame."""
    return round(t * 1000)


def _px(height: int, pixels: float) -> float:
    """`pixels` at REFERENCE_HEIGHT, at this frame height."""
    return pixels * height / REFERENCE_HEIGHT


def _unit(image: np.ndarray) -> np.ndarray:
    return image.astype(np.float32) * np.float32(1 / 255)


def _uint8(image: np.ndarray) -> np.ndarray:
    return np.clip(image * 255.0 + 0.5, 0, 255).astype(np.uint8)


def _luma(image: np.ndarray) -> np.ndarray:
    """[H, W, 3] float 0..1 -> [H, W] Rec. 601 luma."""
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def _mix(a: np.ndarray, b: np.ndarray | tuple[float, ...], weight: np.ndarray | float) -> np.ndarray:
    """a (1 - w) + b w, with a per-pixel weight [H, W] broadcast over the colours."""
    w = weight[..., None] if isinstance(weight, np.ndarray) and weight.ndim == 2 else weight
    return a + (np.asarray(b, dtype=np.float32) - a) * w


RED_FILTER = np.array([0.55, 0.38, 0.07], dtype=np.float32)
"""Channel weights of a grey seen through an orange-red filter, as black-and-white film is shot: reds and
browns lighten, foliage and sky darken, so a brown dog stays apart from the grass it runs on (in plain luma
they are one grey)."""


def _filtered_grey(image: np.ndarray) -> np.ndarray:
    """[H, W, 3] float -> [H, W] grey through RED_FILTER."""
    return image @ RED_FILTER


def _saturate(image: np.ndarray, amount: float) -> np.ndarray:
    """Scale the distance from grey: 0 is grey, 1 unchanged."""
    grey = _luma(image)[..., None]
    return grey + (image - grey) * np.float32(amount)


def _smooth(image: np.ndarray, factor: int, passes: int, sigma_color: float) -> np.ndarray:
    """Edge-preserving flattening (bilateral passes) at 1/factor of the size, back at full size: regions go
    flat and their borders stay, for a fraction of a full-size filter's time."""
    h, w = image.shape[:2]
    small = cv2.resize(image, (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA)
    for _ in range(passes):
        small = cv2.bilateralFilter(small, 5, sigma_color, 5)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _posterize(image: np.ndarray, levels: int) -> np.ndarray:
    """Each channel of a float image to `levels` even steps."""
    return np.round(image * (levels - 1)) / (levels - 1)


def _outlines(image: np.ndarray, low: float, high: float, width: float) -> np.ndarray:
    """[H, W] float 1 on the edges of a (smoothed) float image, about `width` pixels wide, else 0."""
    edges = cv2.Canny(_uint8(image), low, high)  # the strongest gradient of any channel: colour edges too
    size = max(1, round(width))
    if size > 1:
        edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    return cv2.GaussianBlur(edges, (3, 3), 0).astype(np.float32) * np.float32(1 / 255)


@lru_cache(maxsize=16)
def _smooth_noise(seed: int, purpose: str, h: int, w: int, cells: int) -> np.ndarray:
    """[H, W] float32 in about -1..1 varying smoothly over about `cells` cells across the frame's height."""
    rows, columns = cells + 2, max(2, round(cells * w / h)) + 2
    grid = _rng(seed, purpose).uniform(-1, 1, (rows, columns)).astype(np.float32)
    return _frozen(cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC))


@lru_cache(maxsize=16)
def _vignette(h: int, w: int) -> np.ndarray:
    """[H, W] float32: 1 in the middle, about 0 in the corners (squared distance from the centre)."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    return _frozen(1.0 - ((x / (w - 1) - 0.5) ** 2 + (y / (h - 1) - 0.5) ** 2) * 2.0)


@lru_cache(maxsize=16)
def _strokes(seed: int, h: int, w: int, length: float, width: float, swirl: float) -> np.ndarray:
    """[H, W] float32 brush texture, zero mean and unit spread: noise smeared along a smooth flow field (line
    integral convolution) into strokes `length` pixels long and about `width` (at REFERENCE_HEIGHT) wide.
    `swirl` adds vortices whose strokes wind round their centres (Van Gogh's skies); 0 leaves a gently turning
    field (oil)."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = _smooth_noise(seed, "stroke angle", h, w, 3) * np.float32(np.pi)
    flow_x, flow_y = np.cos(angle), np.sin(angle)
    if swirl:  # blend directions as vectors: an angle jumps by 2 pi behind each centre
        rng = _rng(seed, "swirls")
        for cx, cy, radius in zip(  # in the upper part of the frame, where the sky usually is
            rng.uniform(0, w, 5), rng.uniform(0, 0.45 * h, 5), rng.uniform(0.12, 0.3, 5) * h, strict=True
        ):
            dx, dy = x - np.float32(cx), y - np.float32(cy)
            distance = np.sqrt(dx**2 + dy**2) + np.float32(1e-3)
            weight = swirl * np.exp(-(distance**2) / np.float32(2 * radius**2))
            flow_x += weight * (-dy / distance - flow_x)
            flow_y += weight * (dx / distance - flow_y)
        norm = np.sqrt(flow_x**2 + flow_y**2) + np.float32(1e-6)
        flow_x, flow_y = flow_x / norm, flow_y / norm
    noise = _rng(seed, "stroke grain").random((h, w), dtype=np.float32)
    grain = cv2.GaussianBlur(noise, (0, 0), max(0.6, _px(h, width)))
    steps = max(2, round(length / 2))
    total = grain.astype(np.float32)  # a copy
    for direction in (1.0, -1.0):
        px, py = x.copy(), y.copy()
        for _ in range(steps):
            px += direction * cv2.remap(flow_x, px, py, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
            py += direction * cv2.remap(flow_y, px, py, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
            total += cv2.remap(grain, px, py, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    total -= total.mean()
    return _frozen(total / max(float(total.std()), 1e-6))


@lru_cache(maxsize=16)
def _paper(seed: int, h: int, w: int) -> np.ndarray:
    """[H, W] float32 around 1: the blotches and fibres of paper, for watercolour, pencil and woodblock."""
    blotches = _smooth_noise(seed, "paper blotches", h, w, 12)
    fibres = cv2.GaussianBlur(
        _rng(seed, "paper fibres").standard_normal((h, w), dtype=np.float32), (0, 0), 0.8
    )
    return _frozen(1.0 + 0.04 * blotches + 0.03 * fibres)


@lru_cache(maxsize=16)
def _wobble(seed: int, h: int, w: int, cells: int, amplitude: float) -> tuple[np.ndarray, np.ndarray]:
    """cv2.remap's maps [H, W] float32 that move every pixel smoothly by up to about `amplitude` pixels, in a
    pattern of `cells` cells across the height: a watercolour's wandering edges, a surreal melt."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    shift = np.float32(amplitude)
    return (
        _frozen(x + _smooth_noise(seed, "wobble x", h, w, cells) * shift),
        _frozen(y + _smooth_noise(seed, "wobble y", h, w, cells) * shift),
    )


@lru_cache(maxsize=16)
def _hatching(seed: int, h: int, w: int) -> np.ndarray:
    """[H, W] float32, zero mean and unit spread: parallel pencil strokes at 45 degrees."""
    length = max(3, round(_px(h, 9)) | 1)
    kernel = np.eye(length, dtype=np.float32)[::-1] / length  # a line from bottom left to top right
    strokes = cv2.filter2D(_rng(seed, "hatching").random((h, w), dtype=np.float32), -1, kernel)
    strokes -= strokes.mean()
    return _frozen(strokes / max(float(strokes.std()), 1e-6))


@lru_cache(maxsize=16)
def _film_grain(seed: int, h: int, w: int) -> np.ndarray:
    """[H, W] float32 fine grain, zero mean and unit spread; each frame shows it at another offset."""
    grain = cv2.GaussianBlur(_rng(seed, "film grain").standard_normal((h, w), dtype=np.float32), (0, 0), 0.7)
    return _frozen(grain / max(float(grain.std()), 1e-6))


@lru_cache(maxsize=8)
def _palette_lut(palette: tuple[tuple[int, int, int], ...]) -> np.ndarray:
    """[32768, 3] uint8: for each colour of 5 bits a channel, the nearest of `palette` in CIELAB."""
    levels = (np.arange(32, dtype=np.float32) * 8 + 4) / 255
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(-1, 1, 3)
    lab = cv2.cvtColor(grid, cv2.COLOR_RGB2LAB)[:, 0]  # [32768, 3]
    colors = np.array(palette, dtype=np.uint8)
    colors_lab = cv2.cvtColor((colors[None] / 255).astype(np.float32), cv2.COLOR_RGB2LAB)[0]  # [P, 3]
    nearest = ((lab[:, None] - colors_lab[None]) ** 2).sum(-1).argmin(1)
    return _frozen(colors[nearest])


def _to_palette(image: np.ndarray, palette: tuple[tuple[int, int, int], ...]) -> np.ndarray:
    """uint8 [H, W, 3] -> the nearest palette colour of each pixel, uint8."""
    q = image >> 3
    index = (q[..., 0].astype(np.int32) << 10) | (q[..., 1].astype(np.int32) << 5) | q[..., 2]
    return _palette_lut(palette)[index]


# Styles: each takes the frame as float RGB 0..1 [H, W, 3], the seed and the frame's time, and returns
# float RGB.


def _oil_painting(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    paint = _saturate(_posterize(_smooth(image, 2, 3, 0.12), 10), 1.3)
    strokes = _strokes(seed, h, w, _px(h, 12), 2.2, 0.0)
    relief = cv2.Sobel(strokes, cv2.CV_32F, 1, 1, ksize=3)  # light from the top left on the ridges
    return paint * (1.0 + 0.07 * strokes[..., None]) + 0.06 * relief[..., None]


def _van_gogh(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    smooth = _smooth(image, 2, 2, 0.15)
    paint = _saturate(smooth, 1.5)
    luma = _luma(paint)
    # the painter's complementary poles: shadows to ultramarine, lights to chrome yellow
    paint = _mix(paint, (0.1, 0.2, 0.6), np.clip(0.5 - luma, 0, 0.5) * 1.2)
    paint = _posterize(_mix(paint, (1.0, 0.85, 0.25), np.clip(luma - 0.5, 0, 0.5) * 1.2), 8)
    strokes = _strokes(seed, h, w, _px(h, 20), 1.6, 1.0)
    paint = paint * (1.0 + 0.16 * strokes[..., None])  # thick strokes: light on their ridges, dark between
    paint = _mix(paint, (0.08, 0.1, 0.25), _outlines(smooth, 25, 75, _px(h, 2)) * 0.8)  # dark contours
    return paint + 0.05 * np.clip(strokes, 0, None)[..., None] * np.asarray((1.0, 0.9, 0.2), np.float32)


def _watercolor(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    wobble = _wobble(seed, h, w, 18, _px(h, 3))  # wet edges wander
    wash = cv2.remap(_smooth(image, 2, 4, 0.2), *wobble, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    wash = 1.0 - (1.0 - _saturate(wash, 1.15)) * 0.8  # thin pigment over white paper
    rim = np.abs(wash - cv2.GaussianBlur(wash, (0, 0), _px(h, 3))).max(axis=2)
    wash = wash * (1.0 - np.clip(rim * 4.0, 0, 0.35))[..., None]  # pigment pools at a wash's edge
    granulation = 1.0 - 0.07 * np.abs(_smooth_noise(seed, "granulation", h, w, 40))
    return wash * (_paper(seed, h, w) * granulation)[..., None]


def _pencil_sketch(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    flat = _smooth(image, 2, 2, 0.1)  # the grass's texture would scribble everywhere
    near, far = cv2.GaussianBlur(flat, (0, 0), _px(h, 1.2)), cv2.GaussianBlur(flat, (0, 0), _px(h, 2.4))
    edge = (far - near).max(axis=2)  # the dark side of an edge in any channel: brown on green has one too
    lines = 1.0 - np.clip(edge * 12.0, 0, 1) ** 0.8
    gray = _luma(flat)
    hatch = np.clip(_hatching(seed, h, w) * 0.5 + 0.5, 0, 1)
    shade = 1.0 - np.clip(0.4 - gray, 0, 1) * 1.6 * hatch  # strokes only where the scene is dark
    sketch = np.minimum(lines, shade) * _paper(seed, h, w)
    return sketch[..., None] * np.asarray((0.98, 0.97, 0.93), dtype=np.float32)  # graphite on cream paper


PIXEL_ROWS = 72
"""Rows of pixel-art blocks in a frame: 5-pixel blocks at 360."""
BAYER_4 = (
    np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], dtype=np.float32) / 16 - 0.47
)


def _pixel_art(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    rows = min(PIXEL_ROWS, h // 2)
    columns = max(1, round(rows * w / h))
    small = _saturate(cv2.resize(image, (columns, rows), interpolation=cv2.INTER_AREA), 1.3)
    dither = np.tile(BAYER_4, (rows // 4 + 1, columns // 4 + 1))[:rows, :columns, None]
    small = np.floor(np.clip(small * 5 + dither * 0.35, 0, 5.999)) / 5 + 0.1  # 6 levels a channel, dithered
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)


def _black_and_white(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    grey = _filtered_grey(image)
    curve = grey * grey * (3.0 - 2.0 * grey)  # an S-curve: deeper blacks, brighter whites
    return np.repeat((0.4 * grey + 0.6 * curve)[..., None], 3, axis=2)


SEPIA_RGB = np.array([1.0, 0.84, 0.62], dtype=np.float32)
"""The brown of an old print's highlights."""


def _vintage(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    grey = np.clip((_filtered_grey(image) - 0.45) * 1.5 + 0.5, 0, 1)[..., None]  # a contrasty print...
    toned = _mix(grey * SEPIA_RGB * 1.1, image, 0.15)
    toned = 0.08 + 0.8 * cv2.GaussianBlur(toned, (0, 0), _px(h, 0.8))  # ...faded: grey blacks, soft focus
    frame = _rng(seed, "film", _frame_key(t))
    flicker = np.float32(frame.uniform(0.94, 1.04))
    margin = 16
    grain = _film_grain(seed, h + margin, w + margin)
    dy, dx = frame.integers(0, margin, 2)
    toned = toned * flicker + 0.025 * grain[dy : dy + h, dx : dx + w, None]
    for x in frame.uniform(0, w, frame.integers(0, 3)):  # a scratch or two on the print
        cv2.line(toned, (int(x), 0), (int(x + frame.normal(0, 6)), h), (0.85, 0.8, 0.7), 1, cv2.LINE_AA)
    return toned * (0.5 + 0.5 * np.clip(_vignette(h, w), 0, 1))[..., None]


def _cartoon(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h = image.shape[0]
    flat = _smooth(image, 2, 4, 0.2)
    hsv = cv2.cvtColor(flat, cv2.COLOR_RGB2HSV)
    hsv[..., 1] = np.clip(hsv[..., 1] * 1.35, 0, 1)
    hsv[..., 2] = _posterize(hsv[..., 2], 5) * 0.85 + 0.15
    flat = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
    return flat * (1.0 - _outlines(flat, 20, 60, _px(h, 2)))[..., None]


UKIYO_E_PALETTE = (
    (240, 228, 204), (216, 196, 156), (201, 160, 74), (200, 72, 58), (217, 154, 140), (96, 126, 76),
    (164, 181, 138), (31, 58, 95), (59, 110, 143), (143, 179, 196), (107, 74, 53), (43, 37, 35),
    (138, 133, 128),
)  # fmt: skip
"""Woodblock inks: papers, ochre, vermilion, rose, leaf greens, indigo, Prussian and pale blue, brown, ink."""


def _ukiyo_e(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    smooth = _smooth(image, 2, 3, 0.15)
    flat = _unit(_to_palette(_uint8(smooth), UKIYO_E_PALETTE))
    gradation = np.clip(1.0 - np.arange(h, dtype=np.float32) / (0.3 * h), 0, 1)[:, None] * 0.55
    flat = _mix(flat, (0.12, 0.23, 0.40), np.broadcast_to(gradation, (h, w)))  # bokashi: indigo sky top
    flat = _mix(flat, (0.17, 0.15, 0.14), _outlines(smooth, 30, 90, _px(h, 1.5)) * 0.9)
    return flat * (_paper(seed, h, w)[..., None] * np.asarray((1.0, 0.96, 0.86), dtype=np.float32))


def _cyberpunk(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h = image.shape[0]
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)  # hue in degrees 0..360
    warm = 0.5 + 0.5 * np.cos(np.radians(hsv[..., 0]))  # 1 for red, 0 for cyan
    hsv[..., 0] = 185 + 135 * np.clip(warm * 1.4 - 0.2, 0, 1)  # cold hues to neon teal, warm to magenta
    hsv[..., 1] = np.clip(hsv[..., 1] * 1.5 + 0.25, 0, 1)
    hsv[..., 2] = hsv[..., 2] ** 1.6  # darker, harder: a city at night
    graded = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
    glow = cv2.GaussianBlur(np.clip(graded - 0.45, 0, 1), (0, 0), _px(h, 9)) * 2.0  # neon bloom
    shift = max(1, round(_px(h, 2)))
    graded[..., 0] = np.roll(graded[..., 0], shift, axis=1)  # chromatic aberration: red right, blue left
    graded[..., 2] = np.roll(graded[..., 2], -shift, axis=1)
    scanlines = 1.0 - 0.1 * (np.arange(h) % 3 == 0).astype(np.float32)[:, None, None]
    return (graded * 1.2 + glow) * scanlines


def _surreal(image: np.ndarray, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    melted = cv2.remap(
        image, *_wobble(seed, h, w, 3, _px(h, 14)), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
    )
    hsv = cv2.cvtColor(melted, cv2.COLOR_RGB2HSV)  # hue in degrees 0..360
    shift = _rng(seed, "surreal hue").uniform(90, 270)
    hsv[..., 0] = (hsv[..., 0] + shift + 50 * _smooth_noise(seed, "surreal hue field", h, w, 2)) % 360
    hsv[..., 1] = np.clip(hsv[..., 1] * 1.3 + 0.1, 0, 1)
    dream = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
    return 1.0 - (1.0 - dream) * (1.0 - 0.35 * cv2.GaussianBlur(dream, (0, 0), _px(h, 8)))  # a soft glow


STYLES: dict[VideoStyle, Callable[[np.ndarray, int, float], np.ndarray]] = {
    "oil_painting": _oil_painting,
    "watercolor": _watercolor,
    "pencil_sketch": _pencil_sketch,
    "pixel_art": _pixel_art,
    "black_and_white": _black_and_white,
    "vintage": _vintage,
    "cartoon": _cartoon,
    "cyberpunk": _cyberpunk,
    "ukiyo_e": _ukiyo_e,
    "surreal": _surreal,
    "van_gogh": _van_gogh,
}


# Effects: each takes the frame as float RGB 0..1 [H, W, 3], the depth [H, W] in metres (0 where nothing was
# drawn) or None, the seed and the frame's time, and returns float RGB.


def _relative_depth(depth: np.ndarray) -> np.ndarray:
    """[H, W] float32 depth over the frame's median depth, infinite where nothing was drawn: what is near or
    far at any scene's scale (a table top at 1 m, a street at 15 m)."""
    drawn = depth[::4, ::4][depth[::4, ::4] > 0]
    reference = np.float32(np.median(drawn)) if drawn.size else np.float32(1.0)
    return np.where(depth > 0, depth.astype(np.float32) / reference, np.float32(np.inf))


def _far(depth: np.ndarray | None, h: int, w: int) -> np.ndarray:
    """[H, W] float32 0..1: how much a pixel is the far distance and the sky, by depth (from 4 to 12 median
    depths), else by height on the screen (from the top to 40% down)."""
    if depth is None:
        rows = np.clip(1.0 - np.arange(h, dtype=np.float32) / np.float32(0.4 * h), 0, 1)
        return np.broadcast_to(rows[:, None], (h, w))
    return np.clip((_relative_depth(depth) - 4.0) / 8.0, 0, 1)


def _fog(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    if depth is not None:
        fog = 1.0 - np.exp(-FOG_DENSITY * _relative_depth(depth))
    else:  # the ground recedes up the screen: thicker towards the top
        fog = np.broadcast_to(np.linspace(0.85, 0.25, h, dtype=np.float32)[:, None], (h, w))
    drift = _smooth_noise(seed, "fog drift", h, 2 * w, 6)  # banks of fog drifting to the right
    offset = round(w * (1 - (t * 0.05) % 1.0))
    fog = fog * (0.85 + 0.25 * drift[:, offset : offset + w])
    return _mix(image, FOG_RGB, np.clip(fog, 0, FOG_MAX))


def _contrasting(image: np.ndarray, amount: float) -> np.ndarray:
    """A colour that stands out from each pixel, `amount` of the way to white on dark ground and to black on
    light (a bright sky, a pencil sketch's paper): rain shows over any style and light."""
    lighter = image + (1.0 - image) * np.float32(amount)
    return _mix(lighter, image * np.float32(1.0 - amount), np.clip((_luma(image) - 0.65) * 5.0, 0, 1))


def _rain(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    count = round(h * w / 380)
    rng = _rng(seed, "rain")  # the same drops every frame, each where its speed has taken it by time t
    x0, y0 = rng.uniform(0, w, count), rng.uniform(0, h, count)
    speed = rng.uniform(1.6, 2.6, count) * h  # pixels a second: nearer drops fall faster and look longer
    length = speed * 0.045
    slant = np.tan(np.radians(rng.normal(12, 2)))
    span = h + length
    y_end = (y0 + speed * t) % span  # the streak's lower end, falling, wrapping round to the top
    x_end = (x0 + slant * speed * t) % (w + h * slant) - h * slant * 0.5
    shift = 4  # cv2's sub-pixel bits
    ends = np.stack([x_end, y_end], axis=1)
    starts = ends - np.stack([slant * length, length], axis=1)
    lines = np.round(np.stack([starts, ends], axis=1) * (1 << shift)).astype(np.int32)  # [N, 2, 2]
    streaks = np.zeros((h, w), dtype=np.uint8)
    cv2.polylines(streaks, list(lines), False, 255, max(1, round(_px(h, 1))), cv2.LINE_AA, shift)
    return _mix(image, _contrasting(image, 0.6), streaks.astype(np.float32) * np.float32(0.5 / 255))


def _overcast(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    """The grey, flat light under rain clouds."""
    return _mix(image, (0.45, 0.5, 0.55), 0.3)


def _snow(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    count = round(h * w / 900)
    rng = _rng(seed, "snow")  # the same flakes every frame, each where its fall and sway have taken it by t
    x0, y0 = rng.uniform(0, w, count), rng.uniform(0, h, count)
    radius = rng.uniform(0.6, 2.6, count) * h / REFERENCE_HEIGHT
    speed = (0.08 + 0.06 * radius * REFERENCE_HEIGHT / h) * h  # nearer (larger) flakes fall faster
    frequency, phase = rng.uniform(0.2, 0.5, count), rng.uniform(0, 2 * np.pi, count)
    sway = rng.uniform(0.5, 1.2, count) * h * 0.02 * np.sin(2 * np.pi * frequency * t + phase)
    y = (y0 + speed * t) % (h + 8) - 4
    x = (x0 + sway + 0.03 * h * t) % (w + 8) - 4
    drawn = np.zeros((h, w), dtype=np.uint8)
    shift = 4  # cv2's sub-pixel bits
    for cx, cy, r in zip(*(np.round(v * (1 << shift)).astype(np.int32) for v in (x, y, radius)), strict=True):
        cv2.circle(drawn, (int(cx), int(cy)), max(int(r), 1 << shift - 1), 255, -1, cv2.LINE_AA, shift)
    flakes = cv2.GaussianBlur(drawn, (0, 0), max(0.5, _px(h, 0.6)))
    white = image + (1.0 - image) * np.float32(0.9)  # snow is white in any light; dark flakes would be ash
    return _mix(image, white, flakes.astype(np.float32) * np.float32(0.95 / 255))


def _wintry(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    """The pale, cold light of a snowy day."""
    return _mix(image, (0.82, 0.86, 0.92), 0.15)


def _sunset(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    luma = _luma(image)
    graded = image * np.asarray((1.08, 0.82, 0.6), dtype=np.float32)  # warm, low light
    graded = _mix(graded, (0.35, 0.16, 0.35), np.clip(0.45 - luma, 0, 1) * 0.6)  # violet shadows
    sky = np.clip(1.0 - np.arange(h, dtype=np.float32) / (0.45 * h), 0, 1)[:, None] * 0.35
    graded = _mix(graded, (1.0, 0.45, 0.35), np.broadcast_to(sky, (h, w)))  # a rose sky down to the horizon
    sun_x = w * (0.15 if seed % 2 == 0 else 0.85)  # the sun low on one side
    y, x = np.ogrid[0:h, 0:w]
    glow = np.exp(-(((x - sun_x) / (0.45 * w)) ** 2 + ((y - 0.3 * h) / (0.4 * h)) ** 2)).astype(np.float32)
    return 1.0 - (1.0 - graded) * (1.0 - glow[..., None] * np.asarray((0.9, 0.55, 0.2), dtype=np.float32))


def _night(image: np.ndarray, depth: np.ndarray | None, seed: int, t: float) -> np.ndarray:
    h, w = image.shape[:2]
    luma = _luma(image)
    grey = _filtered_grey(image)[..., None]  # colours fade at night; the filter keeps things apart
    moonlit = (
        np.clip((_mix(grey, image, 0.3) - 0.2) * 1.6 + 0.2, 0, 1) ** 1.3
    )  # dim, contrasty: day for night
    moonlit = moonlit * np.asarray((0.34, 0.43, 0.7), dtype=np.float32)
    lights = np.clip((luma - 0.85) / 0.15, 0, 1) ** 2 * 0.5  # what shines keeps some of its warmth
    far = _far(depth, h, w)
    night = _mix(moonlit, image * 0.7, lights * (1.0 - far))
    night = _mix(night, (0.02, 0.03, 0.09), far * 0.75)  # the sky goes dark
    return night * (0.6 + 0.4 * np.clip(_vignette(h, w), 0, 1))[..., None]


EffectPhase = Callable[[np.ndarray, np.ndarray | None, int, float], np.ndarray]
LIGHT: dict[Effect, EffectPhase] = {
    "fog": _fog,
    "rain": _overcast,
    "snow": _wintry,
    "sunset": _sunset,
    "night": _night,
}
"""What each effect does to the light of the scene, before the style paints it."""
FALLING: dict[Effect, EffectPhase] = {"rain": _rain, "snow": _snow}
"""What falls in front of the picture, after the style: a painter's smoothing would wash the drops away."""


def _phase(
    phase: dict[Effect, EffectPhase],
    frame: np.ndarray,
    effects: Sequence[Effect],
    depth: np.ndarray | None,
    seed: int,
    t: float,
) -> np.ndarray:
    for effect in EFFECT_ORDER:
        if effect in effects and effect in phase:
            frame = np.clip(phase[effect](frame, depth, seed, t), 0, 1)
    return frame


def finish(
    image: np.ndarray,
    style: VideoStyle | None,
    effects: Sequence[Effect],
    depth: np.ndarray | None = None,
    *,
    seed: int,
    t: float,
) -> np.ndarray:
    """One frame uint8 [H, W, 3] as the video shows it at time `t` in seconds: the light of the setting's
    effects (fog, an overcast or wintry sky, a sunset, the night), the style painting that, and the rain or
    snow falling in front of the painting; the effects in EFFECT_ORDER, whatever their order. `depth` [H, W]
    is the camera depth in metres (0 where nothing was drawn): fog thickens with it, and without it up the
    screen. The same frame, look, seed and time give the same pixels; `image` itself comes back when there
    is no look."""
    _check(image)
    if style is None and not effects:
        return image
    if style is not None and style not in STYLES:
        raise ValueError(f"unknown style {style!r}: one of {', '.join(STYLES)}")
    unknown = set(effects) - LIGHT.keys()
    if unknown:
        raise ValueError(f"unknown effect {sorted(unknown)}: one of {', '.join(LIGHT)}")
    if depth is not None and depth.shape != image.shape[:2]:
        raise ValueError(f"depth {list(depth.shape)} does not match the frame {list(image.shape[:2])}")
    frame = _phase(LIGHT, _unit(image), effects, depth, seed, t)
    if style is not None:
        frame = np.clip(STYLES[style](frame, seed, t), 0, 1)
    return _uint8(_phase(FALLING, frame, effects, depth, seed, t))


def stylize(image: np.ndarray, style: VideoStyle, *, seed: int, t: float = 0.0) -> np.ndarray:
    """One frame uint8 [H, W, 3] in `style` at time `t` in seconds (film grain changes every frame)."""
    return finish(image, style, (), seed=seed, t=t)


def apply_effects(
    image: np.ndarray, effects: Sequence[Effect], depth: np.ndarray | None = None, *, seed: int, t: float
) -> np.ndarray:
    """One frame uint8 [H, W, 3] under the setting's `effects` at time `t` in seconds (see `finish`)."""
    return finish(image, None, effects, depth, seed=seed, t=t)
