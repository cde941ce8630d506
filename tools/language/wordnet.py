"""WordNet's nouns, read from the database files a system install provides.

WordNet (Princeton, 3.0) files every sense of a noun under a lexicographer file (noun.animal, noun.artifact,
noun.location, noun.phenomenon, noun.act, ...) and links it to its hypernyms: the 'is a kind of' chain that
says a tapir is an odd-toed ungulate, a kettle a pot, a fjord an inlet of the sea. The director reads a noun
its lexicon does not know through that chain (nouns.py). The database is the one Debian's `wordnet-base`
installs in /usr/share/wordnet (or the folder $SCENEWRIGHT_WORDNET names); without it, nouns are read by
meaning alone.
The file format is WordNet's own (wndb(5)): index.noun lists each lemma's synset offsets, most frequent sense
first; data.noun holds, at each offset, the synset's lexicographer file, words, pointers and gloss.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FOLDERS = (Path("/usr/share/wordnet"), Path("/usr/local/share/wordnet"))
LEXNAMES = [
    *("adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact"),
    *("noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling"),
    *("noun.food", "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person"),
    *("noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation"),
    *("noun.shape", "noun.state", "noun.substance", "noun.time"),
]
"""WordNet's lexicographer files by number (lexnames(5))."""
HYPERNYM_POINTERS = ("@", "@i")
"""A synset's hypernym and instance-hypernym pointers ('Paris' is an instance of a national capital)."""


@dataclass(frozen=True)
class Synset:
    """One sense: its offset in data.noun, lexicographer file, words (lowercase, spaces) and hypernyms."""

    offset: int
    lexname: str
    words: tuple[str, ...]
    hypernyms: tuple[int, ...]


class WordNet:
    """The noun index in memory (about 120 000 lemmas) and data.noun read by offset on demand."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index: dict[str, tuple[int, ...]] = {}
        with (folder / "index.noun").open(encoding="latin-1") as lines:
            for line in lines:
                if line.startswith(" "):  # the licence header
                    continue
                fields = line.split()
                synsets = int(fields[2])
                self.index[fields[0]] = tuple(int(offset) for offset in fields[-synsets:])
        self.exceptions: dict[str, str] = {}
        exceptions = folder / "noun.exc"
        if exceptions.is_file():
            for line in exceptions.read_text(encoding="latin-1").splitlines():
                inflected, *bases = line.split()
                self.exceptions.setdefault(inflected, bases[0] if bases else inflected)

    def senses(self, noun: str) -> list[Synset]:
        """The noun's senses, most frequent first ('hair dryer', 'paris'); none for a word WordNet lacks."""
        words = noun.lower().split()
        for key in ("_".join(words), "-".join(words), "".join(words)):  # 'hair dryer', 'yo-yo', 'nightstand'
            key = key if key in self.index else self.exceptions.get(key, key)
            if key in self.index:
                return [self.synset(offset) for offset in self.index[key]]
        return []

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - one WordNet per process (`wordnet()`), kept for its life
    def synset(self, offset: int) -> Synset:
        with (self.folder / "data.noun").open("rb") as data:
            data.seek(offset)
            fields = data.readline().decode("latin-1").split(" | ")[0].split()
        count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * k].split("(")[0].replace("_", " ").lower() for k in range(count))
        at = 4 + 2 * count
        pointers = int(fields[at])
        hypernyms = tuple(
            int(fields[at + 1 + 4 * k + 1])
            for k in range(pointers)
            if fields[at + 1 + 4 * k] in HYPERNYM_POINTERS and fields[at + 1 + 4 * k + 2] == "n"
        )
        return Synset(offset, LEXNAMES[int(fields[1])], words, hypernyms)

    def kinds(self, synset: Synset, depth: int = 12) -> Iterator[tuple[int, Synset]]:
        """The synset and its hypernyms, nearest first (breadth first), each once, with its distance."""
        seen = {synset.offset}
        frontier = [synset]
        for distance in range(depth + 1):
            following = []
            for current in frontier:
                yield distance, current
                for offset in current.hypernyms:
                    if offset not in seen:
                        seen.add(offset)
                        following.append(self.synset(offset))
            frontier = following


def wordnet_folder() -> Path | None:
    """$SCENEWRIGHT_WORDNET, else the first system folder that holds the noun database; None without one."""
    chosen = os.environ.get("SCENEWRIGHT_WORDNET")
    folders = [Path(chosen)] if chosen else list(DEFAULT_FOLDERS)
    return next((f for f in folders if (f / "index.noun").is_file() and (f / "data.noun").is_file()), None)


@functools.lru_cache(maxsize=1)
def wordnet() -> WordNet | None:
    """The system's WordNet, loaded once per process, or None where none is installed."""
    folder = wordnet_folder()
    return WordNet(folder) if folder is not None else None
